//! The bridge's I/O: the TLS setup, and the two tasks around the MQTT client (polling its
//! event loop, publishing from the outbox).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rumqttc::{AsyncClient, Event as MqttEvent, Packet, QoS};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, watch};
use tokio_util::sync::CancellationToken;

use super::{Outbox, RemoteCommand};
pub(super) use crate::sync::lock;

pub(super) fn default_client_id(port: u16) -> String {
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

pub(super) fn read_password(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("--mqtt-password-file {}: {e}", path.display()))?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

pub(super) struct Poller {
    pub(super) eventloop: rumqttc::EventLoop,
    pub(super) client: AsyncClient,
    pub(super) outbox: Arc<Mutex<Outbox>>,
    pub(super) wake: Arc<Notify>,
    pub(super) connected: watch::Sender<bool>,
    pub(super) commands: Option<mpsc::Sender<RemoteCommand>>,
    pub(super) status: mpsc::Sender<Value>,
    pub(super) broker: String,
    pub(super) stop: CancellationToken,
}

/// Polls the client's event loop: connection state, reconnects, incoming commands.
pub(super) async fn poll(mut p: Poller) {
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
pub(super) async fn publish(
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
