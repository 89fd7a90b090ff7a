//! Commands to the modem and their replies: one outcome per command.

use std::time::Instant;

use super::{Pending, PendingKind, Session};
use crate::link::event::{Command, Event, Outcome};
use crate::proto::downlink::Downlink;
use crate::proto::uplink::WriteReply;

impl Session {
    /// A command for the modem, with its uid.
    pub fn handle_command(&mut self, now: Instant, cmd: Command, uid: String) {
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
                format!("modulePort {module_port}, moduleBaud {module_baud}"),
            ),
            Command::Reset { .. } => (Downlink::Reset, PendingKind::Reset, None, "reset".into()),
            Command::Sessions => return,
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
        let found = match &reply {
            WriteReply::Frame { frame, .. } => self.take_pending(
                uid.as_deref(),
                |k| matches!(k, PendingKind::Frame(f) if f.eq_ignore_ascii_case(frame)),
            ),
            WriteReply::Port { .. } => {
                self.take_pending(uid.as_deref(), |k| matches!(k, PendingKind::Port { .. }))
            }
        };
        let Some(p) = found else {
            let what = format!("writeConfig reply (uid {uid:?}) matches no pending command");
            return self.protocol_error(what, &[]);
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
                let show = |v: Option<u8>| v.map_or("absent".to_string(), |v| v.to_string());
                let detail = format!(
                    "modulePort {}, moduleBaud {}",
                    show(module_port),
                    show(module_baud)
                );
                if module_port == Some(*port) && module_baud == Some(*baud) {
                    (Outcome::Accepted, detail)
                } else {
                    (Outcome::Rejected, detail)
                }
            }
            (WriteReply::Port { .. }, _) => (Outcome::Rejected, "unexpected port echo".into()),
        };
        self.outcome(p.uid, outcome, detail);
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
