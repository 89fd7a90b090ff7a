//! The app's side of a broker, without I/O: what the bridges publish goes in (topic and
//! payload), link events come out; the editor's commands go in, messages for the command
//! topic come out. Time enters as an argument.
//!
//! Each modem a bridge publishes becomes a target `mqtt:HOSTID`. Its retained `registers`
//! message carries the whole raw image, so a target is complete from the first message; its
//! `availability` (and that of the bridge it came from) says whether it is up.
//!
//! Commands go one at a time per modem (the next once the one before has its outcome, as the
//! bridge takes them), each with a wire id of this app's own, so that outcomes of commands
//! sent by another app on the same broker are never taken for ours. Exactly one outcome per
//! command: the bridge's, a refusal, a timeout, or `gone` when the broker connection is lost
//! before the outcome came.

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::link::event::{Command, DataKind, Event, Outcome};
use crate::model::TargetId;
use crate::proto::remote::Registers;

/// How long to wait for a command's outcome from the bridge (its own timeout for the modem's
/// answer is 30 s).
pub const OUTCOME_TIMEOUT: Duration = Duration::from_secs(45);

/// Commands waiting per modem behind the one in flight.
pub const QUEUE_MAX: usize = 16;

/// The target id of a modem published under the broker.
pub fn target_of(hostid: &str) -> String {
    TargetId::Remote(hostid.into()).to_string()
}

/// Something to send to the broker.
#[derive(Debug, Clone, PartialEq)]
pub struct Publish {
    /// Topic.
    pub topic: String,
    /// JSON text.
    pub payload: String,
}

#[derive(Debug, Default)]
struct Host {
    name: String,
    model: String,
    commands: bool,
    bridge: String,
    /// The modem's availability topic.
    available: Option<bool>,
    /// A registers message was read.
    image: bool,
    /// Shown as up (an event said so).
    up: bool,
}

#[derive(Debug)]
struct InFlight {
    uid: String,
    wire: String,
    deadline: Instant,
}

/// The broker side of the app.
#[derive(Debug)]
pub struct BrokerSession {
    prefix: String,
    broker: String,
    token: String,
    connected: bool,
    /// Why the last try failed (said once until it changes).
    last_failure: Option<String>,
    hosts: BTreeMap<String, Host>,
    /// Bridges seen offline (by their last will or a clean stop).
    bridges_down: BTreeMap<String, bool>,
    in_flight: BTreeMap<String, InFlight>,
    queue: BTreeMap<String, VecDeque<(Command, String)>>,
    made_up: u64,
    events: Vec<Event>,
    out: Vec<Publish>,
}

impl BrokerSession {
    /// A session for topics under `prefix` at `broker` (its address, for messages); `token`
    /// makes this app's wire ids its own.
    pub fn new(prefix: &str, broker: &str, token: &str) -> Self {
        BrokerSession {
            prefix: prefix.trim_matches('/').to_string(),
            broker: broker.to_string(),
            token: token.to_string(),
            connected: false,
            last_failure: None,
            hosts: BTreeMap::new(),
            bridges_down: BTreeMap::new(),
            in_flight: BTreeMap::new(),
            queue: BTreeMap::new(),
            made_up: 0,
            events: Vec::new(),
            out: Vec::new(),
        }
    }

    /// The topic filters to subscribe to (again after every connect).
    pub fn subscriptions(&self) -> Vec<String> {
        let p = &self.prefix;
        vec![
            format!("{p}/+/registers"),
            format!("{p}/+/availability"),
            format!("{p}/+/outcome"),
            format!("{p}/bridge/+/availability"),
        ]
    }

    /// Events to hand on, in order.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Messages to publish, in order.
    pub fn take_publishes(&mut self) -> Vec<Publish> {
        std::mem::take(&mut self.out)
    }

    /// The connection to the broker is up.
    pub fn connected(&mut self) {
        self.connected = true;
        self.last_failure = None;
        self.events.push(Event::BrokerState {
            broker: self.broker.clone(),
            connected: true,
            detail: String::new(),
        });
    }

    /// The connection to the broker is lost, or a try failed (`why`): every remote target is
    /// down, and every command without its outcome ends as `gone` (it may still have been
    /// carried out).
    pub fn disconnected(&mut self, why: &str) {
        // Said when the connection is lost, and when a try fails otherwise than the last.
        if self.connected || self.last_failure.as_deref() != Some(why) {
            self.last_failure = Some(why.to_string());
            self.events.push(Event::BrokerState {
                broker: self.broker.clone(),
                connected: false,
                detail: why.to_string(),
            });
        }
        self.connected = false;
        let reason = format!("broker connection lost ({why})");
        let ids: Vec<String> = self.hosts.keys().cloned().collect();
        for id in ids {
            self.down(&id, &reason);
        }
        self.drop_commands(
            "the broker connection was lost before the outcome came; the command may still \
             have been carried out: check the readings",
        );
    }

    /// Detached: every remote target leaves, every command without its outcome ends.
    pub fn close(&mut self) {
        self.drop_commands("detached from the broker before the outcome came");
        for id in std::mem::take(&mut self.hosts).into_keys() {
            self.events.push(Event::LinkClosed {
                target: target_of(&id),
            });
        }
    }

    fn drop_commands(&mut self, why: &str) {
        for (host, f) in std::mem::take(&mut self.in_flight) {
            self.outcome(&host, f.uid, Outcome::Gone, why.to_string());
        }
        for (host, q) in std::mem::take(&mut self.queue) {
            for (_, uid) in q {
                self.outcome(&host, uid, Outcome::Gone, why.to_string());
            }
        }
    }

    fn outcome(&mut self, host: &str, uid: String, outcome: Outcome, detail: String) {
        self.events.push(Event::CommandOutcome {
            hostid: target_of(host),
            uid,
            outcome,
            detail,
        });
    }

    fn down(&mut self, id: &str, reason: &str) {
        if let Some(h) = self.hosts.get_mut(id)
            && h.up
        {
            h.up = false;
            self.events.push(Event::LinkDown {
                target: target_of(id),
                reason: reason.to_string(),
            });
        }
    }

    /// Whether a host should be shown up, and the event that says so when it was not.
    fn maybe_up(&mut self, id: &str) {
        let Some(h) = self.hosts.get_mut(id) else {
            return;
        };
        let bridge_down = self.bridges_down.get(&h.bridge).copied().unwrap_or(false);
        if h.image && h.available != Some(false) && !bridge_down && !h.up {
            h.up = true;
            self.events.push(Event::Remote {
                target: target_of(id),
                broker: self.broker.clone(),
                hostname: h.name.clone(),
                moduletype: h.model.clone(),
                commands: h.commands,
            });
        }
    }

    /// A message from the broker.
    pub fn incoming(&mut self, topic: &str, payload: &[u8], now: Instant) {
        let Some(rest) = topic
            .strip_prefix(self.prefix.as_str())
            .and_then(|r| r.strip_prefix('/'))
        else {
            return;
        };
        let levels: Vec<&str> = rest.split('/').collect();
        match levels.as_slice() {
            ["bridge", id, "availability"] => {
                let online = payload == b"online";
                self.bridges_down.insert(id.to_string(), !online);
                let ids: Vec<String> = self
                    .hosts
                    .iter()
                    .filter(|(_, h)| h.bridge == *id)
                    .map(|(k, _)| k.clone())
                    .collect();
                for host in ids {
                    if online {
                        self.maybe_up(&host);
                    } else {
                        self.down(&host, &format!("its bridge {id} is offline"));
                    }
                }
            }
            [host, "availability"] => {
                let online = payload == b"online";
                let h = self.hosts.entry(host.to_string()).or_default();
                h.available = Some(online);
                if online {
                    self.maybe_up(host);
                } else {
                    self.down(host, "offline at the bridge");
                }
            }
            [host, "registers"] => self.registers(host, topic, payload),
            [host, "outcome"] => self.bridge_outcome(host, payload, now),
            _ => {}
        }
    }

    fn registers(&mut self, host: &str, topic: &str, payload: &[u8]) {
        let m = match Registers::parse(payload) {
            Ok(m) => m,
            Err(e) => {
                let cut = &payload[..payload.len().min(256)];
                self.events.push(Event::ProtocolError {
                    hostid: Some(target_of(host)),
                    peer: self.broker.clone(),
                    error: format!("{topic}: {e}").into(),
                    bytes: crate::proto::hex::encode(cut),
                });
                return;
            }
        };
        let h = self.hosts.entry(host.to_string()).or_default();
        let changed = h.name != m.name || h.model != m.model || h.commands != m.commands;
        h.name = m.name;
        h.model = m.model;
        h.commands = m.commands;
        h.bridge = m.bridge;
        h.image = true;
        if changed && h.up {
            // Shown again with the new name, model or command setting.
            h.up = false;
        }
        self.maybe_up(host);
        if self.hosts.get(host).is_some_and(|h| h.up) {
            self.events.push(Event::Data {
                hostid: target_of(host),
                kind: DataKind::Full,
                blocks: m.blocks,
                flags: m.flags,
            });
        }
    }

    fn bridge_outcome(&mut self, host: &str, payload: &[u8], now: Instant) {
        let Ok(v) = serde_json::from_slice::<Value>(payload) else {
            return;
        };
        let Some(wire) = v.get("uid").and_then(Value::as_str) else {
            return;
        };
        if self.in_flight.get(host).is_none_or(|f| f.wire != wire) {
            // Another app's command, or one already ended here.
            return;
        }
        let Some(f) = self.in_flight.remove(host) else {
            return;
        };
        let detail = v
            .get("detail")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let (outcome, detail) = match v.get("outcome").and_then(Value::as_str) {
            Some("accepted") => (Outcome::Accepted, detail),
            Some("rejected") => (Outcome::Rejected, detail),
            Some("timeout") => (Outcome::Timeout, detail),
            Some("gone") => (Outcome::Gone, detail),
            Some("refused") => (
                Outcome::Rejected,
                format!("refused by the bridge: {detail}"),
            ),
            other => (
                Outcome::Rejected,
                format!("the bridge answered {other:?}: {detail}"),
            ),
        };
        self.outcome(host, f.uid, outcome, detail);
        self.send_next(host, now);
    }

    /// A command for a remote target; `uid` is the command id events carry (one is made up
    /// when absent).
    pub fn command(&mut self, cmd: Command, now: Instant) {
        let (target, uid) = match &cmd {
            Command::Write { hostid, uid, .. }
            | Command::SetPort { hostid, uid, .. }
            | Command::Reset { hostid, uid } => (hostid.clone(), uid.clone()),
            Command::Read { hostid, uid, .. } => {
                let uid = uid.clone().unwrap_or_else(crate::model::next_command_id);
                return self.events.push(Event::CommandOutcome {
                    hostid: hostid.clone(),
                    uid,
                    outcome: Outcome::Gone,
                    detail: "reads once are for a controller on a serial port".into(),
                });
            }
            Command::Sessions => return,
        };
        let uid = uid.unwrap_or_else(crate::model::next_command_id);
        let TargetId::Remote(host) = TargetId::parse(&target) else {
            return self.events.push(Event::CommandOutcome {
                hostid: target,
                uid,
                outcome: Outcome::Gone,
                detail: "not a target of the broker".into(),
            });
        };
        let host = String::from(host);
        let refusal = match self.hosts.get(&host) {
            _ if !self.connected => Some("the broker is not connected".to_string()),
            None => Some("the broker has not published this modem".into()),
            Some(h) if !h.up => Some("it is offline".into()),
            Some(h) if !h.commands => Some(
                "its bridge does not take commands (cmmctl serve runs without --mqtt-commands)"
                    .into(),
            ),
            Some(_) => None,
        };
        if let Some(why) = refusal {
            return self.outcome(&host, uid, Outcome::Gone, format!("not sent: {why}"));
        }
        let q = self.queue.entry(host.clone()).or_default();
        if q.len() >= QUEUE_MAX {
            return self.outcome(
                &host,
                uid,
                Outcome::Gone,
                format!("not sent: {QUEUE_MAX} commands already wait for this modem"),
            );
        }
        q.push_back((cmd, uid));
        self.send_next(&host, now);
    }

    fn send_next(&mut self, host: &str, now: Instant) {
        if self.in_flight.contains_key(host) {
            return;
        }
        let Some((cmd, uid)) = self.queue.get_mut(host).and_then(VecDeque::pop_front) else {
            return;
        };
        self.made_up += 1;
        let wire = format!("{uid}.{}{}", self.token, self.made_up);
        let (payload, method, frame, decoded) = match &cmd {
            Command::Write { request, .. } => {
                let hex = request.to_hex();
                (
                    json!({"cmd": "write", "hostid": host, "frame": hex, "uid": wire}),
                    "writeConfig",
                    Some(hex),
                    request.to_string(),
                )
            }
            Command::SetPort {
                module_port,
                module_baud,
                ..
            } => (
                json!({"cmd": "set-port", "hostid": host, "modulePort": module_port,
                       "moduleBaud": module_baud, "uid": wire}),
                "writeConfig",
                None,
                format!(
                    "{} (modulePort {module_port}, moduleBaud {module_baud})",
                    crate::proto::port::setting(*module_port, *module_baud)
                ),
            ),
            Command::Reset { .. } => (
                json!({"cmd": "reset", "hostid": host, "uid": wire}),
                "reset",
                None,
                "reset".to_string(),
            ),
            // Refused when it came (`command`).
            Command::Read { .. } | Command::Sessions => return,
        };
        self.out.push(Publish {
            topic: format!("{}/{host}/command", self.prefix),
            payload: payload.to_string(),
        });
        self.events.push(Event::CommandSent {
            hostid: target_of(host),
            uid: uid.clone(),
            method,
            frame,
            decoded: format!("{decoded} (through the broker)"),
        });
        self.in_flight.insert(
            host.to_string(),
            InFlight {
                uid,
                wire,
                deadline: now + OUTCOME_TIMEOUT,
            },
        );
    }

    /// When [`BrokerSession::handle_timeout`] is next due.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.in_flight.values().map(|f| f.deadline).min()
    }

    /// Commands past their deadline end as `timeout`.
    pub fn handle_timeout(&mut self, now: Instant) {
        let late: Vec<String> = self
            .in_flight
            .iter()
            .filter(|(_, f)| f.deadline <= now)
            .map(|(h, _)| h.clone())
            .collect();
        for host in late {
            if let Some(f) = self.in_flight.remove(&host) {
                self.outcome(
                    &host,
                    f.uid,
                    Outcome::Timeout,
                    format!(
                        "no outcome from the bridge within {} s",
                        OUTCOME_TIMEOUT.as_secs()
                    ),
                );
            }
            self.send_next(&host, now);
        }
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
