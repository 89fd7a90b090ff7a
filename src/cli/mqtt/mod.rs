//! The MQTT bridge of `cmmctl serve --mqtt`: every modem's availability, decoded state and
//! events published to a broker, Home Assistant discovery, and (only with `--mqtt-commands`)
//! commands taken from the broker.
//!
//! The network side is `link::bridge` (two tasks around [`rumqttc`]); here are the options,
//! and the [`Outbox`] that turns the core's reports into messages. Nothing waits on the broker:
//! the core's reports go into the outbox at once, and the outbox keeps only the latest of each
//! retained topic.

mod client;
mod discovery;
pub mod outbox;
pub mod remote;
mod topics;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;
use rumqttc::{AsyncClient, LastWill, QoS};
use serde_json::Value;
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use crate::link::bridge::RemoteCommand;
pub use crate::link::mqtt::{Broker, parse_broker};
pub use outbox::{Message, Outbox, Topics};

use crate::app::Report;
use crate::link::bridge::{Poller, poll, publish};
use client::{default_client_id, lock, read_password};

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
            commands: args.mqtt_commands,
        };
        let credentials = match (&args.mqtt_user, &args.mqtt_password_file) {
            (Some(user), Some(p)) => Some((user.clone(), read_password(p)?)),
            (Some(user), None) => Some((user.clone(), String::new())),
            (None, Some(_)) => anyhow::bail!("--mqtt-password-file needs --mqtt-user"),
            (None, None) => None,
        };
        let mut options = crate::link::mqtt::options(
            &broker,
            client_id,
            credentials,
            args.mqtt_ca.as_deref(),
            "--mqtt-ca",
        )
        .map_err(anyhow::Error::msg)?;
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
        if !broker.tls && args.mqtt_commands {
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
        } else {
            // Nothing to say goodbye to: stop retrying at once.
            self.stop_polling.cancel();
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

#[cfg(test)]
mod tests;
