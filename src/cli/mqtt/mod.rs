//! The MQTT bridge of `cmmctl serve --mqtt`: every modem's availability, decoded state and
//! events published to a broker, Home Assistant discovery, and (only with `--mqtt-commands`)
//! commands taken from the broker.
//!
//! Two tasks around [`rumqttc`]: one polls its event loop (connects, reconnects with a growing
//! pause, subscribes again after each reconnect, hands command messages on), one takes
//! messages from the [`Outbox`] while the broker is connected. Nothing waits on the broker:
//! the core's reports go into the outbox at once, and the outbox keeps only the latest of each
//! retained topic.

mod discovery;
pub mod outbox;
pub mod remote;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;
use rumqttc::{AsyncClient, Event as MqttEvent, LastWill, MqttOptions, Packet, QoS, Transport};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use outbox::{Message, Outbox, Topics};

use crate::app::Report;

/// The bridge's options (part of `cmmctl serve`).
#[derive(Debug, Clone, Args, Default)]
pub struct MqttArgs {
    /// Publish to this MQTT broker: mqtt://HOST[:PORT] (1883) or mqtts://HOST[:PORT] (8883,
    /// TLS).
    #[arg(long, value_name = "URL")]
    pub mqtt: Option<String>,
    /// User name for the broker.
    #[arg(long, value_name = "USER", requires = "mqtt")]
    pub mqtt_user: Option<String>,
    /// File holding the broker password (its first line), never the password itself on the
    /// command line.
    #[arg(long, value_name = "FILE", requires = "mqtt")]
    pub mqtt_password_file: Option<PathBuf>,
    /// First level of every topic.
    #[arg(long, value_name = "PREFIX", default_value = "cmm")]
    pub mqtt_prefix: String,
    /// Publish Home Assistant discovery configs (under PREFIX, default homeassistant).
    #[arg(long, value_name = "PREFIX", num_args = 0..=1,
          default_missing_value = "homeassistant", requires = "mqtt")]
    pub mqtt_discovery: Option<String>,
    /// Take commands from PREFIX/HOSTID/command and answer on PREFIX/HOSTID/outcome. Use only
    /// with TLS and credentials: whoever can publish there can start an engine.
    #[arg(long, requires = "mqtt")]
    pub mqtt_commands: bool,
    /// CA certificates (PEM) to trust for mqtts:// instead of the system's.
    #[arg(long, value_name = "FILE", requires = "mqtt")]
    pub mqtt_ca: Option<PathBuf>,
    /// MQTT client id, also this bridge's name in PREFIX/bridge/ID/availability (default:
    /// cmmctl-HOSTNAME-PORT, PORT the one modems connect to: unique on a host, kept across
    /// restarts).
    #[arg(long, value_name = "ID", requires = "mqtt")]
    pub mqtt_client_id: Option<String>,
}

/// Where the broker is.
#[derive(Debug, Clone, PartialEq)]
pub struct Broker {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Over TLS.
    pub tls: bool,
}

impl std::fmt::Display for Broker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = if self.tls { "mqtts" } else { "mqtt" };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

/// Reads `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`.
pub fn parse_broker(url: &str) -> Result<Broker, String> {
    let (tls, rest) = if let Some(r) = url.strip_prefix("mqtts://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("mqtt://") {
        (false, r)
    } else {
        return Err(format!(
            "broker {url:?}: use mqtt://HOST[:PORT] or mqtts://HOST[:PORT]"
        ));
    };
    let rest = rest.trim_end_matches('/');
    if rest.contains('@') {
        return Err(
            "broker address: give the user with --mqtt-user and the password with \
             --mqtt-password-file, not in the address"
                .into(),
        );
    }
    if rest.contains('/') || rest.contains('?') {
        return Err(format!("broker {url:?}: a path or query is not used"));
    }
    let default_port = if tls { 8883 } else { 1883 };
    let (host, port) = if let Some(r) = rest.strip_prefix('[') {
        // [IPv6]:port
        let (h, p) = r
            .split_once(']')
            .ok_or_else(|| format!("broker {url:?}: missing ']'"))?;
        (h.to_string(), p.strip_prefix(':'))
    } else {
        match rest.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (rest.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(format!("broker {url:?}: no host"));
    }
    let port = match port {
        None | Some("") => default_port,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| format!("broker {url:?}: port {p:?} is not 1-65535"))?,
    };
    Ok(Broker { host, port, tls })
}

/// A command that came in on `PREFIX/HOSTID/command`.
#[derive(Debug, Clone)]
pub struct RemoteCommand {
    /// The topic's hostid level.
    pub hostid: String,
    /// The message as received.
    pub payload: Vec<u8>,
}

/// The running bridge.
pub struct Bridge {
    outbox: Arc<Mutex<Outbox>>,
    wake: Arc<Notify>,
    client: AsyncClient,
    connected: watch::Receiver<bool>,
    /// Commands from the broker (only with `--mqtt-commands`), for the front end to take.
    pub commands: Option<mpsc::Receiver<RemoteCommand>>,
    /// The bridge's own news for the console (`{"event": "mqtt", ...}`), for the front end to
    /// take.
    pub status: Option<mpsc::Receiver<Value>>,
    stop_publishing: CancellationToken,
    stop_polling: CancellationToken,
    tasks: Vec<JoinHandle<()>>,
}

/// Commands waiting for the console; beyond this a command is refused as busy.
const COMMAND_QUEUE: usize = 64;

impl Bridge {
    /// Reads the options and starts connecting (in the background: a broker that is down at
    /// start is retried like one that goes away later).
    pub fn start(
        args: &MqttArgs,
        listen_port: u16,
        no_changes: bool,
        traffic: bool,
    ) -> anyhow::Result<Bridge> {
        let url = args
            .mqtt
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("no broker given"))?;
        let broker = parse_broker(url).map_err(anyhow::Error::msg)?;
        let prefix = args.mqtt_prefix.trim_matches('/').to_string();
        if prefix.is_empty() || prefix.contains(['+', '#']) {
            anyhow::bail!("--mqtt-prefix {prefix:?}: give a topic level without + or #");
        }
        let client_id = args
            .mqtt_client_id
            .clone()
            .unwrap_or_else(|| default_client_id(listen_port));
        let topics = Topics {
            prefix,
            bridge_id: client_id.clone(),
            discovery: args
                .mqtt_discovery
                .as_ref()
                .map(|d| d.trim_matches('/').to_string()),
            no_changes,
            traffic,
        };
        let mut options = MqttOptions::new(client_id, broker.host.clone(), broker.port);
        options.set_keep_alive(Duration::from_secs(30));
        options.set_clean_session(true);
        // A state with the 9500N map's hundreds of values is tens of kB.
        options.set_max_packet_size(256 * 1024, 1024 * 1024);
        options.set_request_channel_capacity(256);
        options.set_inflight(200);
        options.set_last_will(LastWill::new(
            topics.bridge("availability"),
            "offline",
            QoS::AtLeastOnce,
            true,
        ));
        if let Some(user) = &args.mqtt_user {
            let password = match &args.mqtt_password_file {
                Some(p) => read_password(p)?,
                None => String::new(),
            };
            options.set_credentials(user.clone(), password);
        } else if args.mqtt_password_file.is_some() {
            anyhow::bail!("--mqtt-password-file needs --mqtt-user");
        }
        if broker.tls {
            options.set_transport(Transport::tls_with_config(
                rumqttc::TlsConfiguration::Rustls(Arc::new(tls_config(args.mqtt_ca.as_deref())?)),
            ));
        } else if args.mqtt_commands {
            eprintln!(
                "warning: --mqtt-commands over plain mqtt://: anyone on the path can read and \
                 send commands; use mqtts:// with credentials"
            );
        }
        let (client, eventloop) = AsyncClient::new(options, 256);
        let outbox = Arc::new(Mutex::new(Outbox::new(topics.clone())));
        let wake = Arc::new(Notify::new());
        let (connected_tx, connected) = watch::channel(false);
        let (cmd_tx, commands) = mpsc::channel(COMMAND_QUEUE);
        let (status_tx, status) = mpsc::channel(64);
        let stop_publishing = CancellationToken::new();
        let stop_polling = CancellationToken::new();
        let poller = tokio::spawn(poll(Poller {
            eventloop,
            client: client.clone(),
            outbox: outbox.clone(),
            wake: wake.clone(),
            connected: connected_tx,
            commands: args.mqtt_commands.then_some(cmd_tx),
            status: status_tx,
            broker: broker.to_string(),
            stop: stop_polling.clone(),
        }));
        let publisher = tokio::spawn(publish(
            client.clone(),
            outbox.clone(),
            wake.clone(),
            connected.clone(),
            stop_publishing.clone(),
        ));
        Ok(Bridge {
            outbox,
            wake,
            client,
            connected,
            commands: Some(commands),
            status: Some(status),
            stop_publishing,
            stop_polling,
            tasks: vec![poller, publisher],
        })
    }

    /// Takes in a report of the core (never waits on the broker).
    pub fn offer(&self, r: &Report) {
        // Only an upload needs the time (its state says when it came).
        let time = match r.event {
            crate::link::Event::Data { .. } => {
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            }
            _ => String::new(),
        };
        lock(&self.outbox).offer(r, &time);
        self.wake.notify_one();
    }

    /// Publishes a command's outcome on the modem's outcome topic.
    pub fn outcome(&self, hostid: &str, v: &Value) {
        lock(&self.outbox).outcome(hostid, v);
        self.wake.notify_one();
    }

    /// Whether the broker is connected now.
    pub fn is_connected(&self) -> bool {
        *self.connected.borrow()
    }

    /// Stops: says every modem and the bridge are offline (when connected), disconnects, and
    /// waits for that a few seconds at most.
    pub async fn stop(mut self) {
        self.stop_publishing.cancel();
        if let Some(publisher) = self.tasks.pop() {
            let _ = publisher.await;
        }
        if self.is_connected() {
            let farewell = lock(&self.outbox).farewell();
            // At most once: the broker gets them before the DISCONNECT on the same stream,
            // and there is no acknowledgement to wait for while closing.
            for m in farewell {
                let _ = self
                    .client
                    .publish(m.topic, QoS::AtMostOnce, true, m.payload)
                    .await;
            }
            let _ = self.client.disconnect().await;
        }
        let poller = self.tasks.pop();
        if let Some(p) = poller {
            let stop = self.stop_polling.clone();
            let timeout = tokio::time::sleep(Duration::from_secs(3));
            tokio::pin!(p, timeout);
            tokio::select! {
                _ = &mut p => {}
                _ = &mut timeout => { stop.cancel(); let _ = p.await; }
            }
        }
    }
}

fn lock(m: &Mutex<Outbox>) -> std::sync::MutexGuard<'_, Outbox> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn default_client_id(port: u16) -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .unwrap_or_else(|| std::env::var("COMPUTERNAME").unwrap_or_default());
    let host: String = host
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect();
    if port == 0 {
        // Any free port: not known yet, and another one next time; the process id tells apart.
        return format!("cmmctl-{host}-pid{}", std::process::id());
    }
    format!("cmmctl-{host}-{port}")
}

fn read_password(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("--mqtt-password-file {}: {e}", path.display()))?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// TLS with rustls (ring): the given CA file, else the system's certificates.
fn tls_config(ca: Option<&std::path::Path>) -> anyhow::Result<rustls::ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        Some(path) => {
            let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(path)
                .map_err(|e| anyhow::anyhow!("--mqtt-ca {}: {e}", path.display()))?
                .collect::<Result<_, _>>()
                .map_err(|e| anyhow::anyhow!("--mqtt-ca {}: {e}", path.display()))?;
            if certs.is_empty() {
                anyhow::bail!("--mqtt-ca {}: no certificate in it", path.display());
            }
            for c in certs {
                roots
                    .add(c)
                    .map_err(|e| anyhow::anyhow!("--mqtt-ca {}: {e}", path.display()))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for c in found.certs {
                let _ = roots.add(c);
            }
            if roots.is_empty() {
                anyhow::bail!("mqtts://: no system CA certificates found; give one with --mqtt-ca");
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow::anyhow!("TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

struct Poller {
    eventloop: rumqttc::EventLoop,
    client: AsyncClient,
    outbox: Arc<Mutex<Outbox>>,
    wake: Arc<Notify>,
    connected: watch::Sender<bool>,
    commands: Option<mpsc::Sender<RemoteCommand>>,
    status: mpsc::Sender<Value>,
    broker: String,
    stop: CancellationToken,
}

/// Polls the client's event loop: connection state, reconnects, incoming commands.
async fn poll(mut p: Poller) {
    let command_filter = format!("{}/+/command", lock(&p.outbox).topics().prefix);
    let command_prefix = format!("{}/", lock(&p.outbox).topics().prefix);
    let mut pause = Duration::from_millis(500);
    let mut last_error: Option<String> = None;
    loop {
        let ev = tokio::select! {
            _ = p.stop.cancelled() => break,
            ev = p.eventloop.poll() => ev,
        };
        match ev {
            Ok(MqttEvent::Incoming(Packet::ConnAck(_))) => {
                pause = Duration::from_millis(500);
                last_error = None;
                lock(&p.outbox).reconnected();
                // A clean session forgets subscriptions: subscribe again on every connect.
                if p.commands.is_some() {
                    let _ = p
                        .client
                        .try_subscribe(command_filter.clone(), QoS::AtLeastOnce);
                }
                let _ = p.connected.send(true);
                p.wake.notify_one();
                let _ = p
                    .status
                    .try_send(json!({"event": "mqtt", "state": "connected", "broker": p.broker}));
            }
            Ok(MqttEvent::Incoming(Packet::Publish(m))) => {
                let Some(tx) = &p.commands else { continue };
                let Some(host) = m
                    .topic
                    .strip_prefix(&command_prefix)
                    .and_then(|t| t.strip_suffix("/command"))
                    .filter(|h| !h.contains('/'))
                else {
                    continue;
                };
                let cmd = RemoteCommand {
                    hostid: host.to_string(),
                    payload: m.payload.to_vec(),
                };
                if tx.try_send(cmd).is_err() {
                    let v = json!({"event": "outcome", "hostid": host, "uid": null,
                                   "outcome": "refused", "detail": "too many commands waiting"});
                    lock(&p.outbox).outcome(host, &v);
                    p.wake.notify_one();
                }
            }
            Ok(MqttEvent::Outgoing(rumqttc::Outgoing::Disconnect)) => {
                let _ = p.connected.send(false);
                break;
            }
            Ok(_) => {}
            Err(e) => {
                let was = *p.connected.borrow();
                let _ = p.connected.send(false);
                let text = e.to_string();
                if was || last_error.as_deref() != Some(text.as_str()) {
                    let _ = p.status.try_send(json!({
                        "event": "mqtt", "state": "disconnected", "broker": p.broker,
                        "detail": text, "retry_ms": pause.as_millis() as u64,
                    }));
                    last_error = Some(text);
                }
                tokio::select! {
                    _ = p.stop.cancelled() => break,
                    _ = tokio::time::sleep(pause) => {}
                }
                pause = (pause * 2).min(Duration::from_secs(10));
            }
        }
    }
}

/// Sends what the outbox holds while the broker is connected.
async fn publish(
    client: AsyncClient,
    outbox: Arc<Mutex<Outbox>>,
    wake: Arc<Notify>,
    mut connected: watch::Receiver<bool>,
    stop: CancellationToken,
) {
    loop {
        if !*connected.borrow_and_update() {
            tokio::select! {
                _ = stop.cancelled() => return,
                r = connected.changed() => if r.is_err() { return } else { continue },
            }
        }
        let next = lock(&outbox).take();
        let Some(m) = next else {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = wake.notified() => {}
                _ = connected.changed() => {}
            }
            continue;
        };
        let qos = if m.at_least_once {
            QoS::AtLeastOnce
        } else {
            QoS::AtMostOnce
        };
        tokio::select! {
            _ = stop.cancelled() => return,
            r = client.publish(m.topic, qos, m.retain, m.payload) => if r.is_err() { return },
        }
    }
}

#[cfg(test)]
mod tests;
