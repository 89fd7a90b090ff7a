//! The network side of the MQTT bridge of `cmmctl serve`: two tasks around the MQTT client,
//! one polling its event loop (connects, reconnects with a growing pause, subscribes again
//! after each reconnect, hands command messages on), one sending what the bridge's outbox
//! holds while the broker is connected. What to publish is the outbox's business
//! ([`Outgoing`]); nothing here waits on the core.

use std::sync::{Arc, Mutex};

use rumqttc::{AsyncClient, Event as MqttEvent, Packet, QoS};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, watch};
use tokio_util::sync::CancellationToken;

use super::mqtt::Backoff;
use crate::sync::lock;

/// One MQTT message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Topic.
    pub topic: String,
    /// Payload (UTF-8 text, JSON for all but availability).
    pub payload: String,
    /// Kept by the broker for new subscribers.
    pub retain: bool,
    /// Sent at least once (availability, outcomes, discovery) rather than at most once.
    pub at_least_once: bool,
}

/// A command that came in on `PREFIX/HOSTID/command`.
#[derive(Debug, Clone)]
pub struct RemoteCommand {
    /// The topic's hostid level.
    pub hostid: String,
    /// The message as received.
    pub payload: Vec<u8>,
}

/// What the bridge has to publish, as the network side sees it.
pub trait Outgoing: Send + 'static {
    /// The first level of every topic.
    fn prefix(&self) -> &str;
    /// The connection is (again) up: every retained topic is to be sent again.
    fn reconnected(&mut self);
    /// A command outcome (or refusal) for the modem's outcome topic.
    fn outcome(&mut self, hostid: &str, v: &Value);
    /// The next message to send.
    fn take(&mut self) -> Option<Message>;
}

pub struct Poller<O: Outgoing> {
    pub eventloop: rumqttc::EventLoop,
    pub client: AsyncClient,
    pub outbox: Arc<Mutex<O>>,
    pub wake: Arc<Notify>,
    pub connected: watch::Sender<bool>,
    pub commands: Option<mpsc::Sender<RemoteCommand>>,
    pub status: mpsc::Sender<Value>,
    pub broker: String,
    pub stop: CancellationToken,
}

/// Polls the client's event loop: connection state, reconnects, incoming commands.
pub async fn poll<O: Outgoing>(mut p: Poller<O>) {
    let prefix = lock(&p.outbox).prefix().to_string();
    let command_filter = format!("{prefix}/+/command");
    let command_prefix = format!("{prefix}/");
    let mut backoff = Backoff::default();
    let mut last_error: Option<String> = None;
    loop {
        let ev = tokio::select! {
            _ = p.stop.cancelled() => break,
            ev = p.eventloop.poll() => ev,
        };
        match ev {
            Ok(MqttEvent::Incoming(Packet::ConnAck(_))) => {
                backoff.reset();
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
                        "detail": text, "retry_ms": backoff.pause().as_millis() as u64,
                    }));
                    last_error = Some(text);
                }
                if !backoff.wait(&p.stop).await {
                    break;
                }
            }
        }
    }
}

/// Sends what the outbox holds while the broker is connected.
pub async fn publish<O: Outgoing>(
    client: AsyncClient,
    outbox: Arc<Mutex<O>>,
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
