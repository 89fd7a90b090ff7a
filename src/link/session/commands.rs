//! Commands to the modem and their replies: one outcome per command. Commands go one at a
//! time (the next when the one before has its outcome), are never resent, and a reply that
//! comes after its command timed out is reported as a late outcome.

use std::time::Instant;

use super::{Pending, PendingKind, Session};
use crate::link::event::{Command, Event, Outcome};
use crate::proto::downlink::Downlink;
use crate::proto::uplink::WriteReply;

impl Session {
    /// A command for the modem, with its uid: sent now, or once the one in flight has ended.
    pub fn handle_command(&mut self, now: Instant, cmd: Command, uid: String) {
        self.now = now;
        if matches!(cmd, Command::Sessions) {
            return;
        }
        self.queue.push_back((cmd, uid));
        self.send_next();
    }

    /// Sends the next queued command if none is in flight.
    pub(super) fn send_next(&mut self) {
        if !self.pending.is_empty() || self.closed.is_some() {
            return;
        }
        let Some((cmd, uid)) = self.queue.pop_front() else {
            return;
        };
        let now = self.now;
        let hostid = self.hostid.clone().unwrap_or_default();
        let (msg, kind, frame, decoded) = match cmd {
            Command::Write { request, .. } => {
                let text = request.to_hex();
                let msg = Downlink::WriteFrame {
                    frame: text.clone(),
                    uid: uid.clone(),
                };
                let decoded = request.to_string();
                (msg, PendingKind::Frame(text.clone()), Some(text), decoded)
            }
            Command::SetPort {
                module_port,
                module_baud,
                ..
            } => (
                Downlink::WritePort {
                    module_port,
                    module_baud,
                    uid: uid.clone(),
                },
                PendingKind::Port {
                    port: module_port,
                    baud: module_baud,
                },
                None,
                format!(
                    "{} (modulePort {module_port}, moduleBaud {module_baud})",
                    crate::proto::port::setting(module_port, module_baud)
                ),
            ),
            Command::Reset { .. } => (Downlink::Reset, PendingKind::Reset, None, "reset".into()),
            // The hub refuses reads once for a modem; never queued.
            Command::Read { .. } | Command::Sessions => return,
        };
        self.send(&msg);
        self.pending.push_back(Pending {
            uid: uid.clone(),
            kind,
            deadline: now + self.config.command_timeout,
        });
        let method = if matches!(msg, Downlink::Reset) {
            "reset"
        } else {
            "writeConfig"
        };
        self.emit(Event::CommandSent {
            hostid,
            uid,
            method,
            frame,
            decoded,
        });
    }

    pub(super) fn take_pending(
        &mut self,
        uid: Option<&str>,
        fits: impl Fn(&PendingKind) -> bool,
    ) -> Option<Pending> {
        let by_uid = uid.and_then(|u| self.pending.iter().position(|p| p.uid == u));
        let i = by_uid.or_else(|| self.pending.iter().position(|p| fits(&p.kind)))?;
        self.pending.remove(i)
    }

    pub(super) fn on_write_reply(&mut self, uid: Option<String>, reply: WriteReply) {
        // A reply that names a command which timed out is that command's, late, even when
        // the command now in flight has the same frame.
        let late_by_uid = uid.as_deref().is_some_and(|u| {
            !self.pending.iter().any(|p| p.uid == u) && self.expired.iter().any(|p| p.uid == u)
        });
        let found = match &reply {
            _ if late_by_uid => None,
            WriteReply::Frame { frame, .. } => self.take_pending(
                uid.as_deref(),
                |k| matches!(k, PendingKind::Frame(f) if f.eq_ignore_ascii_case(frame)),
            ),
            WriteReply::Port { .. } => {
                self.take_pending(uid.as_deref(), |k| matches!(k, PendingKind::Port { .. }))
            }
        };
        let (p, late) = match found {
            Some(p) => (p, false),
            None => match self.take_expired(uid.as_deref(), &reply) {
                Some(p) => (p, true),
                None => {
                    let what =
                        format!("writeConfig reply (uid {uid:?}) matches no pending command");
                    return self.protocol_error(what, &[]);
                }
            },
        };
        let (outcome, detail) = match (reply, &p.kind) {
            (WriteReply::Frame { frame, ok: true }, _) => (Outcome::Accepted, format!("{frame},1")),
            (WriteReply::Frame { frame, ok: false }, _) => {
                (Outcome::Rejected, format!("{frame},0"))
            }
            (
                WriteReply::Port {
                    module_port,
                    module_baud,
                },
                PendingKind::Port { port, baud },
            ) => {
                let detail = format!(
                    "now {}",
                    crate::proto::port::setting_known(module_port, module_baud)
                );
                if module_port == Some(*port) && module_baud == Some(*baud) {
                    (Outcome::Accepted, detail)
                } else {
                    (Outcome::Rejected, detail)
                }
            }
            (WriteReply::Port { .. }, _) => (Outcome::Rejected, "unexpected port echo".into()),
        };
        let detail = if late {
            format!("late, after its timeout: {detail}")
        } else {
            detail
        };
        self.outcome(p.uid, outcome, detail);
        if !late {
            self.send_next();
        }
    }

    /// A timed-out command this reply answers.
    fn take_expired(&mut self, uid: Option<&str>, reply: &WriteReply) -> Option<super::Pending> {
        let by_uid = uid.and_then(|u| self.expired.iter().position(|p| p.uid == u));
        let i = by_uid.or_else(|| {
            self.expired.iter().position(|p| match (reply, &p.kind) {
                (WriteReply::Frame { frame, .. }, PendingKind::Frame(f)) => {
                    f.eq_ignore_ascii_case(frame)
                }
                (WriteReply::Port { .. }, PendingKind::Port { .. }) => true,
                _ => false,
            })
        })?;
        self.expired.remove(i)
    }

    pub(super) fn outcome(&mut self, uid: String, outcome: Outcome, detail: String) {
        let hostid = self.hostid.clone().unwrap_or_default();
        self.emit(Event::CommandOutcome {
            hostid,
            uid,
            outcome,
            detail,
        });
    }
}
