//! Commands from the broker (`--mqtt-commands`): the stdin shapes, limited to what acts on a
//! modem, checked as the desktop app checks them before anything is sent: the functions the
//! controller answers, Remote Lock and the modem's `InhbitRemote` for the map's remote
//! commands, and one command at a time per modem. Each ends with exactly one message on the
//! modem's outcome topic.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::topics::level;
use crate::app::{AppState, Command};
use crate::cli::command_json::parse_command;
use crate::link::Event;
use crate::proto::fields::parse_object;
use crate::proto::rtu::RequestPdu;

/// The stdin commands accepted over MQTT (the others act on this machine: files, reports).
pub const ACCEPTED: [&str; 6] = [
    "write",
    "write-coil",
    "write-register",
    "write-registers",
    "set-port",
    "reset",
];

/// A command refused before it was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The modem (as named by the topic or the message).
    pub hostid: String,
    /// The command's id, when it had or got one.
    pub uid: Option<String>,
    /// Why.
    pub detail: String,
}

impl Refusal {
    /// The outcome message saying so.
    pub fn json(&self) -> Value {
        json!({"event": "outcome", "hostid": self.hostid, "uid": self.uid,
               "outcome": "refused", "detail": self.detail})
    }
}

/// A command from the broker that passed the checks, ready to hand to the core.
#[derive(Debug)]
pub struct Prepared {
    /// The modem.
    pub hostid: String,
    /// The command's id (given, or made up).
    pub uid: String,
    /// The command.
    pub command: Command,
}

/// The commands from the broker still waiting for their outcome, one per modem.
#[derive(Debug, Default)]
pub struct Remote {
    pending: HashMap<String, String>,
}

impl Remote {
    /// Reads and checks a message from `PREFIX/TOPIC_HOST/command`; the command to send, or why
    /// not.
    pub fn prepare(
        &mut self,
        topic_host: &str,
        payload: &[u8],
        coil_on: u16,
        state: &AppState,
    ) -> Result<Prepared, Refusal> {
        let refuse = |hostid: &str, uid: Option<String>, detail: String| Refusal {
            hostid: hostid.to_string(),
            uid,
            detail,
        };
        let mut map = parse_object(payload)
            .map_err(|e| refuse(topic_host, None, format!("bad command: {e}")))?;
        let uid = match map.get("uid") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(refuse(topic_host, None, "\"uid\" must be a string".into())),
        };
        let hostid = match map.get("hostid") {
            None => topic_host.to_string(),
            Some(Value::String(h)) if level(h) == topic_host => h.clone(),
            Some(other) => {
                return Err(refuse(
                    topic_host,
                    uid,
                    format!("\"hostid\" {other} is not this topic's modem {topic_host:?}"),
                ));
            }
        };
        let cmd_name = map.get("cmd").and_then(Value::as_str).unwrap_or("");
        if !ACCEPTED.contains(&cmd_name) {
            let detail = if cmd_name.is_empty() {
                "missing \"cmd\"".to_string()
            } else {
                format!(
                    "{cmd_name:?} is not taken over MQTT (only {})",
                    ACCEPTED.join(", ")
                )
            };
            return Err(refuse(&hostid, uid, detail));
        }
        if let Some(waiting) = self.pending.get(&hostid) {
            return Err(refuse(
                &hostid,
                uid,
                format!("busy: command {waiting} to this modem is waiting for its outcome"),
            ));
        }
        let uid = uid.unwrap_or_else(|| format!("mqtt-{}", crate::model::next_command_id()));
        map.insert("uid".into(), Value::String(uid.clone()));
        map.insert("hostid".into(), Value::String(hostid.clone()));
        let line = Value::Object(map).to_string();
        let cmd = parse_command(&line, coil_on, None)
            .map_err(|e| refuse(&hostid, Some(uid.clone()), format!("bad command: {e}")))?;
        check(&cmd, state).map_err(|why| refuse(&hostid, Some(uid.clone()), why))?;
        self.pending.insert(hostid.clone(), uid.clone());
        Ok(Prepared {
            hostid,
            uid,
            command: cmd,
        })
    }

    /// Forgets the pending command of a modem (it could not be handed to the core).
    pub fn forget(&mut self, hostid: &str) {
        self.pending.remove(hostid);
    }

    /// Whether a report ends a pending command; the outcome message to publish if so.
    pub fn settle(&mut self, e: &Event) -> Option<(String, Value)> {
        let (hostid, uid) = match e {
            Event::CommandOutcome { hostid, uid, .. } => (hostid.as_str(), uid.as_str()),
            Event::Error {
                hostid: Some(hostid),
                uid: Some(uid),
                ..
            } => (hostid.as_str(), uid.as_str()),
            _ => return None,
        };
        if self.pending.get(hostid).map(String::as_str) != Some(uid) {
            return None;
        }
        self.pending.remove(hostid);
        let v = match e {
            Event::Error { message, .. } => json!({"event": "outcome", "hostid": hostid,
                "uid": uid, "outcome": "refused", "detail": message}),
            _ => crate::cli::event_json::event_json(e)?,
        };
        Some((hostid.to_string(), v))
    }
}

/// The app's checks on a command for a known target.
fn check(cmd: &Command, state: &AppState) -> Result<(), String> {
    let Command::Write {
        target, request, ..
    } = cmd
    else {
        return Ok(());
    };
    let Some(t) = state.targets.get(target) else {
        // The core says "no such target" with the command's id.
        return Ok(());
    };
    crate::app::write_plan::check_function(t, request.function())?;
    let commands = t.map.commands_for(&t.moduletype);
    let named = |addr: u16| commands.iter().find(|c| c.addr == addr);
    let hit = match &request.pdu {
        RequestPdu::WriteSingleCoil { addr, value } if *value != 0 => named(*addr),
        RequestPdu::WriteMultipleCoils { addr, bits } => bits
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .find_map(|(i, _)| named(addr.wrapping_add(i as u16))),
        _ => None,
    };
    if let Some(c) = hit
        && let Some(why) = crate::app::write_plan::remote_blocked(t)
    {
        return Err(format!("{} refused: {why}", c.name));
    }
    Ok(())
}
