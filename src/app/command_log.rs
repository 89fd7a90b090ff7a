//! The commands sent and what became of each, kept current by the events: the log the
//! window's command list, the verification of effects and the recording read.

use std::collections::BTreeMap;

use super::command::Intent;
use crate::model::{Event, Outcome};
use crate::proto::map::Confirm;

/// A command and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    /// Target.
    pub hostid: String,
    /// Command id.
    pub uid: String,
    /// What was sent, decoded.
    pub decoded: String,
    /// The frame, for Modbus writes.
    pub frame: Option<String>,
    /// When it was sent.
    pub sent_ms: i64,
    /// How it ended, once it has.
    pub outcome: Option<(Outcome, String)>,
    /// Its name ("Manual"), when the front end gave one.
    pub name: Option<String>,
    /// Why the readings may not show its effect, known when it was sent.
    pub hint: Option<String>,
    /// What the readings show when it took effect.
    pub confirm: Option<Confirm>,
    /// Whether the readings after it was accepted show the effect (`None`: not known yet).
    pub verified: Option<bool>,
    /// When it was accepted (ms since the epoch).
    pub accepted_ms: Option<i64>,
    /// How long the readings have to show the effect once it was accepted (the map's
    /// `confirm_within_s`), ms.
    pub within_ms: i64,
    /// What the log says when they do not ("Mains breaker still open").
    pub unmet: Option<String>,
    /// For a port command: the setting the modem has once it accepts.
    pub(super) port: Option<(u8, u8)>,
}

/// The commands sent, in order, with what each is meant to do and what became of it.
#[derive(Debug, Default)]
pub struct CommandLog {
    /// The commands, in the order sent.
    pub(super) sent: Vec<CommandRecord>,
    /// What commands about to be sent are meant to do, by uid.
    expected: BTreeMap<String, Intent>,
    /// Commands accepted whose effect is awaited: (target, uid, ms to wait), not yet taken by
    /// the supervisor (which times each wait).
    pub(super) awaited: Vec<(String, String, i64)>,
    /// Verdicts of the readings on commands, not yet taken by the recorder.
    pub(super) verdicts: Vec<(String, String, bool)>,
}

impl CommandLog {
    /// The commands, in the order sent.
    pub fn iter(&self) -> std::slice::Iter<'_, CommandRecord> {
        self.sent.iter()
    }

    /// How many were sent.
    pub fn len(&self) -> usize {
        self.sent.len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.sent.is_empty()
    }

    /// The last one sent.
    pub fn last(&self) -> Option<&CommandRecord> {
        self.sent.last()
    }

    /// Before sending command `uid`: its name and what its effect looks like in the readings.
    pub fn expect(&mut self, uid: &str, intent: Intent) {
        self.expected.insert(uid.to_string(), intent);
    }

    /// Commands accepted since the last call whose effect is awaited: (target, uid, ms).
    pub fn take_awaited(&mut self) -> Vec<(String, String, i64)> {
        std::mem::take(&mut self.awaited)
    }

    /// Verdicts of the readings since the last call: (target, uid, confirmed).
    pub fn take_verdicts(&mut self) -> Vec<(String, String, bool)> {
        std::mem::take(&mut self.verdicts)
    }

    /// Takes in a command sent or its outcome (`within_ms`: how long its target's readings
    /// have to show the effect). Returns the modem's new port setting (port, baud) when a
    /// port command was accepted.
    pub fn apply(&mut self, event: &Event, now_ms: i64, within_ms: i64) -> Option<(u8, u8)> {
        match event {
            Event::CommandSent {
                hostid,
                uid,
                frame,
                decoded,
                ..
            } => {
                let intent = self.expected.remove(uid).unwrap_or_default();
                self.sent.push(CommandRecord {
                    hostid: hostid.clone(),
                    uid: uid.clone(),
                    decoded: decoded.clone(),
                    frame: frame.clone(),
                    sent_ms: now_ms,
                    outcome: None,
                    name: intent.name,
                    hint: intent.hint,
                    confirm: intent.effect,
                    verified: None,
                    accepted_ms: None,
                    within_ms,
                    unmet: intent.unmet,
                    port: intent.port,
                });
                None
            }
            Event::CommandOutcome {
                hostid,
                uid,
                outcome,
                detail,
            } => {
                let rec = self.sent.iter_mut().rev().find(|c| {
                    // A late reply replaces the timeout it came after.
                    &c.uid == uid
                        && &c.hostid == hostid
                        && matches!(c.outcome, None | Some((Outcome::Timeout, _)))
                })?;
                rec.outcome = Some((*outcome, detail.clone()));
                if *outcome == Outcome::Accepted && rec.confirm.is_some() {
                    rec.accepted_ms = Some(now_ms);
                    self.awaited
                        .push((hostid.clone(), uid.clone(), rec.within_ms));
                }
                rec.port.filter(|_| *outcome == Outcome::Accepted)
            }
            _ => None,
        }
    }
}

impl std::ops::Index<usize> for CommandLog {
    type Output = CommandRecord;
    fn index(&self, i: usize) -> &CommandRecord {
        &self.sent[i]
    }
}
