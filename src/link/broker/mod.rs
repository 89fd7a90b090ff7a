//! The app attached to an MQTT broker: the modems that `cmmctl serve --mqtt` bridges publish
//! become targets (`mqtt:HOSTID`) with the same register events as modems of our own, and
//! the editor's commands go to the bridges' command topics.
//!
//! One task owns the MQTT client: it polls the event loop (connects, reconnects with a
//! growing pause, subscribes again after each connect), feeds what arrives to the sans-IO
//! [`BrokerSession`], publishes what it asks for, and sends its events on. Commands come in on
//! a channel; the task never waits on the consumer of its events beyond the event sink.

mod session;

use std::time::Instant;

use rumqttc::{AsyncClient, Event as MqttEvent, Packet, QoS};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use crate::model::broker::BrokerConfig;
pub use session::{BrokerSession, OUTCOME_TIMEOUT, Publish, target_of};

use super::event::{Command, EventSink};
use super::mqtt::{Backoff, options, parse_broker};

/// The running broker link.
pub struct BrokerHandle {
    /// Commands for remote targets.
    pub commands: mpsc::Sender<Command>,
    /// The broker's address, as shown.
    pub broker: String,
    stop: CancellationToken,
    task: JoinHandle<()>,
}

impl BrokerHandle {
    /// Detaches: every remote target leaves (`LinkClosed`), pending commands end as `gone`.
    pub async fn stop(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}

/// Starts attaching to the broker (in the background: one that is down is retried like one
/// that goes away later). Errors are those of the settings themselves.
pub fn attach(config: &BrokerConfig, sink: EventSink) -> Result<BrokerHandle, String> {
    let broker = parse_broker(&config.url)?;
    let prefix = config.prefix.trim_matches('/').to_string();
    if prefix.is_empty() || prefix.contains(['+', '#']) {
        return Err(format!(
            "topic prefix {prefix:?}: give a topic level without + or #"
        ));
    }
    let token = format!("{:04x}", fastrand::u16(..));
    let client_id = format!("cmm-commissioner-{}-{token}", std::process::id());
    let credentials = config
        .user
        .as_ref()
        .filter(|u| !u.is_empty())
        .map(|u| (u.clone(), config.password.clone().unwrap_or_default()));
    let mut options = options(
        &broker,
        client_id,
        credentials,
        config.ca.as_deref(),
        "CA file",
    )?;
    options.set_max_packet_size(1024 * 1024, 1024 * 1024);
    let (client, eventloop) = AsyncClient::new(options, 64);
    let shown = broker.to_string();
    let session = BrokerSession::new(&prefix, &shown, &token);
    let (tx, rx) = mpsc::channel(64);
    let stop = CancellationToken::new();
    let task = tokio::spawn(run(session, client, eventloop, rx, sink, stop.clone()));
    Ok(BrokerHandle {
        commands: tx,
        broker: shown,
        stop,
        task,
    })
}

async fn flush(session: &mut BrokerSession, client: &AsyncClient, sink: &EventSink) {
    for p in session.take_publishes() {
        // A full request queue means the connection is stuck; the outcome timeout reports it.
        let _ = client.try_publish(p.topic, QoS::AtLeastOnce, false, p.payload);
    }
    for e in session.take_events() {
        sink.send(e).await;
    }
}

async fn run(
    mut session: BrokerSession,
    client: AsyncClient,
    mut eventloop: rumqttc::EventLoop,
    mut commands: mpsc::Receiver<Command>,
    sink: EventSink,
    stop: CancellationToken,
) {
    let mut backoff = Backoff::default();
    loop {
        let due = session.poll_timeout();
        let timer = async {
            match due {
                Some(at) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = timer => session.handle_timeout(Instant::now()),
            Some(cmd) = commands.recv() => session.command(cmd, Instant::now()),
            ev = eventloop.poll() => match ev {
                Ok(MqttEvent::Incoming(Packet::ConnAck(_))) => {
                    backoff.reset();
                    for topic in session.subscriptions() {
                        let _ = client.try_subscribe(topic, QoS::AtLeastOnce);
                    }
                    session.connected();
                }
                Ok(MqttEvent::Incoming(Packet::Publish(m))) => {
                    session.incoming(&m.topic, &m.payload, Instant::now());
                }
                Ok(_) => {}
                Err(e) => {
                    session.disconnected(&e.to_string());
                    flush(&mut session, &client, &sink).await;
                    if !backoff.wait(&stop).await {
                        break;
                    }
                }
            },
        }
        flush(&mut session, &client, &sink).await;
    }
    session.close();
    flush(&mut session, &client, &sink).await;
    let _ = client.try_disconnect();
}
