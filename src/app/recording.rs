//! What the recorder keeps of each event the core applies: value changes as raw words,
//! messages as they were on the wire, logins and the targets' registry, commands with their
//! outcomes and verdicts, alarms with onset and clear, links, errors.

use std::path::PathBuf;

use super::state::AppState;
pub use super::status::RecordingStatus;
use super::status::log_line;
use crate::link::{Direction, Event};
use crate::proto::Table;
use crate::proto::image::Change;
use crate::proto::map::AlarmKind;
use crate::store::{Peer, Record};

/// Where recordings go by default: the user's data folder
/// (`~/.local/share/cmm-commissioner/recordings`, `%LOCALAPPDATA%\cmm-commissioner\data\recordings`).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cmm-commissioner")
        .map(|d| d.data_local_dir().join("recordings"))
}

/// A new recording's file name in `dir`, from the local time (`2026-11-24T10-15-02.cmmrec`).
pub fn new_file(dir: &std::path::Path) -> PathBuf {
    let name = chrono::Local::now().format("%Y-%m-%dT%H-%M-%S");
    dir.join(format!("{name}.{}", crate::store::registry::EXTENSION))
}

fn event(target: Option<&str>, kind: &'static str, text: String, t_ms: i64) -> Record {
    Record::Event {
        target: target.map(str::to_string),
        kind,
        text,
        t_ms,
    }
}

/// [`records_of`] for an event that is not needed after: a message's text and target are
/// moved into its record, not copied.
pub fn into_records(ev: Event, changes: &[Change], s: &AppState, t_ms: i64) -> Vec<Record> {
    match ev {
        Event::Traffic {
            hostid,
            peer,
            direction,
            text,
        } => vec![Record::Message {
            target: hostid,
            peer: Peer::Net(peer),
            dir: direction,
            text,
            t_ms,
        }],
        ev => records_of(&ev, changes, s, t_ms),
    }
}

/// The records of an event, given the state it was applied to and the changes it caused.
pub fn records_of(ev: &Event, changes: &[Change], s: &AppState, t_ms: i64) -> Vec<Record> {
    let line = || log_line(ev).unwrap_or_default();
    match ev {
        Event::Login {
            hostid,
            hostname,
            moduletype,
            peer,
            accepted,
            module_port,
            module_baud,
            ..
        } => vec![
            Record::Target {
                key: hostid.clone(),
                hostname: hostname.clone(),
                moduletype: moduletype.clone(),
                accepted: Some(*accepted),
                module_port: *module_port,
                module_baud: *module_baud,
                peer: peer.to_string(),
                t_ms,
            },
            event(Some(hostid), "login", line(), t_ms),
        ],
        Event::Online { hostid, .. } => vec![event(Some(hostid), "online", line(), t_ms)],
        Event::Offline { hostid, .. } => vec![event(Some(hostid), "offline", line(), t_ms)],
        Event::LinkUp { target, port, .. } => {
            let t = s.targets.get(target);
            vec![
                Record::Target {
                    key: target.clone(),
                    hostname: t.map(|t| t.hostname.clone()).unwrap_or_default(),
                    moduletype: t.map(|t| t.moduletype.clone()).unwrap_or_default(),
                    accepted: None,
                    module_port: None,
                    module_baud: None,
                    peer: port.clone(),
                    t_ms,
                },
                event(Some(target), "link_up", line(), t_ms),
            ]
        }
        Event::Remote {
            target,
            broker,
            hostname,
            moduletype,
            ..
        } => vec![
            Record::Target {
                key: target.clone(),
                hostname: hostname.clone(),
                moduletype: moduletype.clone(),
                accepted: None,
                module_port: None,
                module_baud: None,
                peer: broker.clone(),
                t_ms,
            },
            event(Some(target), "remote_up", line(), t_ms),
        ],
        Event::BrokerState { .. } => vec![event(None, "broker", line(), t_ms)],
        Event::LinkDown { target, .. } => vec![event(Some(target), "link_down", line(), t_ms)],
        Event::Data { hostid, .. } => data_records(hostid, changes, s, t_ms),
        // The event is needed after: its text and target copied into the record.
        Event::Traffic { .. } => into_records(ev.clone(), changes, s, t_ms),
        Event::CommandSent {
            hostid,
            uid,
            frame,
            decoded,
            ..
        } => {
            let name = s
                .commands
                .iter()
                .rev()
                .find(|c| &c.uid == uid && &c.hostid == hostid)
                .and_then(|c| c.name.clone());
            vec![Record::Command {
                target: hostid.clone(),
                uid: uid.clone(),
                name,
                decoded: decoded.clone(),
                frame: frame.clone(),
                t_ms,
            }]
        }
        Event::CommandOutcome {
            hostid,
            uid,
            outcome,
            detail,
        } => vec![Record::Outcome {
            target: hostid.clone(),
            uid: uid.clone(),
            outcome: outcome.name(),
            detail: detail.clone(),
            t_ms,
        }],
        Event::SerialTraffic {
            target,
            port,
            request,
            reply,
        } => {
            let message = |dir, text: &String| Record::Message {
                target: Some(target.clone()),
                peer: Peer::Named(port.clone()),
                dir,
                text: text.clone(),
                t_ms,
            };
            let mut out = vec![message(Direction::Out, request)];
            if !reply.is_empty() {
                out.push(message(Direction::In, reply));
            }
            out
        }
        Event::ProtocolError { hostid, .. } => {
            vec![event(hostid.as_deref(), "protocol_error", line(), t_ms)]
        }
        Event::Error { hostid, .. } => vec![event(hostid.as_deref(), "error", line(), t_ms)],
        Event::Stale { hostid, .. } => vec![event(Some(hostid), "stale", line(), t_ms)],
        Event::PacketGap { hostid, .. } => vec![event(Some(hostid), "packet_gap", line(), t_ms)],
        _ => Vec::new(),
    }
}

/// Samples of the changes, and the onset or clear of each alarm coil among them.
fn data_records(hostid: &str, changes: &[Change], s: &AppState, t_ms: i64) -> Vec<Record> {
    let map = s.targets.get(hostid).map(|t| t.map.clone());
    let mut out = Vec::with_capacity(1);
    if !changes.is_empty() {
        out.push(Record::Samples {
            target: hostid.to_string(),
            t_ms,
            values: changes.iter().map(|c| (c.table, c.addr, c.new)).collect(),
        });
    }
    for c in changes {
        let alarm = map.as_ref().and_then(|m| {
            let coil = m.coils.get(&c.addr).filter(|_| c.table == Table::Coils)?;
            let kind = coil.alarm.filter(|k| *k != AlarmKind::Summary)?;
            Some((coil.name.clone(), kind))
        });
        if let Some((name, kind)) = alarm {
            let on = c.new != 0;
            // A first reading that shows no alarm is not a clear.
            if on || c.old == Some(1) {
                let (k, word) = if on {
                    ("alarm_on", "on")
                } else {
                    ("alarm_off", "cleared")
                };
                let text = format!("{name} ({}) {word}", kind.name());
                out.push(event(Some(hostid), k, text, t_ms));
            }
        }
        // Alarm bits of a register (the HGM9500N's bitfields): each bit that turned on or off.
        let bits = map
            .iter()
            .filter(|_| c.table == Table::Holding)
            .flat_map(|m| m.bits_of(c.addr))
            .filter(|b| b.alarm.is_some_and(|k| k != AlarmKind::Summary));
        for b in bits {
            let (was, now) = (c.old.map(|w| b.set_in(w)), b.set_in(c.new));
            if was == Some(now) || (was.is_none() && !now) {
                continue;
            }
            let kind = b.alarm.map_or("alarm", |k| k.name());
            let (k, word) = if now {
                ("alarm_on", "on")
            } else {
                ("alarm_off", "cleared")
            };
            out.push(event(
                Some(hostid),
                k,
                format!("{} ({kind}) {word}", b.name),
                t_ms,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An alarm bit of a register that turns on and off is recorded as an alarm, like a coil.
    #[test]
    fn alarm_bits_of_a_register_are_recorded_on_and_cleared() {
        let mut s = AppState::default();
        s.add_serial("T", "pty", "HGM9520N", 1);
        let change = |old, new| Change {
            slave: 1,
            table: Table::Holding,
            addr: 1,
            old,
            new,
        };
        let kinds = |recs: Vec<Record>| -> Vec<(String, String)> {
            recs.into_iter()
                .filter_map(|r| match r {
                    Record::Event { kind, text, .. } => Some((kind.to_string(), text)),
                    _ => None,
                })
                .collect()
        };
        // A first reading with nothing on is no event; bits 0 and 1 on; bit 0 cleared.
        assert!(kinds(data_records("T", &[change(None, 0)], &s, 1)).is_empty());
        assert_eq!(
            kinds(data_records("T", &[change(Some(0), 0b11)], &s, 2)),
            vec![
                ("alarm_on".into(), "Emergency Stop (shutdown) on".into()),
                ("alarm_on".into(), "Overspeed (shutdown) on".into())
            ]
        );
        assert_eq!(
            kinds(data_records("T", &[change(Some(0b11), 0b10)], &s, 3)),
            vec![(
                "alarm_off".into(),
                "Emergency Stop (shutdown) cleared".into()
            )]
        );
    }
}
