//! What a line does for its slaves' commands: a write (refused before it goes out when it is a
//! read or a broadcast), or reads once; each ends in one outcome, `gone` when the line is down.

use super::call::Step;
use super::convert::to_block;
use super::link::Line;
use crate::link::event::{Command, DataKind, Event, Outcome};
use crate::proto::rtu::{Request, RequestPdu};

impl Line {
    async fn outcome(&mut self, target: &str, uid: String, outcome: Outcome, detail: String) {
        let e = Event::CommandOutcome {
            hostid: target.to_string(),
            uid,
            outcome,
            detail,
        };
        self.emit(e).await;
    }

    /// Carries out a command for one slave of the line: a write, or reads once.
    pub(super) async fn command(&mut self, cmd: Command) {
        let hostid = match &cmd {
            Command::Write { hostid, .. }
            | Command::Read { hostid, .. }
            | Command::SetPort { hostid, .. }
            | Command::Reset { hostid, .. } => Some(hostid.clone()),
            Command::Sessions => None,
        };
        let i = hostid
            .as_ref()
            .and_then(|h| self.slaves.iter().position(|s| &s.target == h));
        let target = hostid.clone().unwrap_or_default();
        let (req, uid) = match cmd {
            Command::Write { request, uid, .. } if i.is_some() => (request, uid),
            Command::Read { requests, uid, .. } if i.is_some() => {
                return self.read_once(i.unwrap_or_default(), requests, uid).await;
            }
            Command::Write { uid, .. } | Command::Read { uid, .. } => {
                let e = Event::Error {
                    hostid,
                    uid,
                    message: format!("not sent: {target} is no longer polled on this line"),
                };
                return self.emit(e).await;
            }
            other => {
                let message =
                    format!("{other:?} is not available on a serial link (only Modbus writes)");
                let e = Event::Error {
                    hostid,
                    uid: None,
                    message,
                };
                return self.emit(e).await;
            }
        };
        let i = i.unwrap_or_default();
        let uid = uid.unwrap_or_else(crate::model::next_command_id);
        let text = req.to_hex();
        let (t, u) = (target.clone(), uid.clone());
        let refuse = move |message: String| Event::Error {
            hostid: Some(t),
            uid: Some(u),
            message,
        };
        if matches!(req.pdu, RequestPdu::Read { .. }) {
            return self
                .emit(refuse(format!("not sent: {text} is a read, not a write")))
                .await;
        }
        if req.slave == 0 {
            let msg = "not sent: slave 0 is a broadcast, which a controller never confirms; use its address";
            return self.emit(refuse(msg.into())).await;
        }
        let sent = Event::CommandSent {
            hostid: target.clone(),
            uid: uid.clone(),
            method: "write",
            frame: Some(text.clone()),
            decoded: req.to_string(),
        };
        self.emit(sent).await;
        if self.io.ctx.is_none() {
            let why = self.down.clone().unwrap_or_else(|| "port closed".into());
            return self.outcome(&target, uid, Outcome::Gone, why).await;
        }
        match self.call(i, &req).await {
            Step::Done(_, took) => {
                let detail = t!(
                    "done in { $ms } ms",
                    ms = format!("{:.1}", took.as_secs_f64() * 1000.0)
                );
                self.outcome(&target, uid, Outcome::Accepted, detail).await
            }
            Step::Exception(code) => {
                let detail = code.to_string();
                self.outcome(&target, uid, Outcome::Rejected, detail).await
            }
            Step::Timeout(what) => {
                self.outcome(&target, uid, Outcome::Timeout, what.into())
                    .await
            }
            Step::Gone(why) => {
                self.outcome(&target, uid, Outcome::Gone, why.clone()).await;
                self.line_gone(why).await;
            }
        }
    }

    /// Reads every block asked, once: the values as one full upload, then the outcome
    /// (accepted when any block answered, with how many did).
    async fn read_once(&mut self, i: usize, requests: Vec<Request>, uid: Option<String>) {
        let uid = uid.unwrap_or_else(crate::model::next_command_id);
        let target = self.slaves[i].target.clone();
        if self.io.ctx.is_none() {
            let why = self.down.clone().unwrap_or_else(|| "port closed".into());
            return self.outcome(&target, uid, Outcome::Gone, why).await;
        }
        let mut blocks = Vec::new();
        let mut failed = Vec::new();
        let mut found = Vec::new();
        let total = requests.len();
        for req in requests
            .iter()
            .filter(|r| matches!(r.pdu, RequestPdu::Read { .. }))
        {
            match self.call(i, req).await {
                Step::Done(resp, _) => {
                    if let RequestPdu::Read { table, addr, qty } = req.pdu {
                        found.push((table, addr, qty));
                    }
                    blocks.extend(to_block(req, resp));
                }
                Step::Exception(code) => failed.push(format!("{req}: {code}")),
                Step::Timeout(_) => failed.push(format!("{req}: no reply")),
                Step::Gone(why) => {
                    self.outcome(&target, uid, Outcome::Gone, why.clone()).await;
                    return self.line_gone(why).await;
                }
            }
        }
        let answered = total - failed.len();
        if !blocks.is_empty() {
            let e = Event::Data {
                hostid: target.clone(),
                kind: DataKind::Full,
                blocks,
                flags: Default::default(),
            };
            self.emit(e).await;
        }
        let mut detail = format!("{answered} of {total} blocks read");
        if !found.is_empty() {
            detail += &format!(": {}", ranges(&found));
        }
        if !failed.is_empty() {
            detail += &format!(" (not: {})", failed.join("; "));
        }
        let outcome = if answered > 0 {
            Outcome::Accepted
        } else {
            Outcome::Rejected
        };
        self.outcome(&target, uid, outcome, detail).await;
    }
}

/// The blocks read, adjacent ones of a table joined: `03 0-99, 04 0-99`.
fn ranges(found: &[(crate::proto::Table, u16, u16)]) -> String {
    let mut sorted = found.to_vec();
    sorted.sort();
    let mut joined: Vec<(crate::proto::Table, u32, u32)> = Vec::new();
    for (table, addr, qty) in sorted {
        let (first, end) = (u32::from(addr), u32::from(addr) + u32::from(qty));
        match joined.last_mut() {
            Some((t, _, e)) if *t == table && first <= *e => *e = (*e).max(end),
            _ => joined.push((table, first, end)),
        }
    }
    joined
        .iter()
        .map(|(t, first, end)| format!("{:02} {first}-{}", t.read_function(), end - 1))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::Table;

    #[test]
    fn blocks_read_are_said_as_ranges_per_table() {
        let found = [
            (Table::Input, 50, 50),
            (Table::Holding, 0, 50),
            (Table::Input, 0, 50),
            (Table::Holding, 50, 50),
            (Table::Holding, 200, 10),
        ];
        assert_eq!(ranges(&found), "03 0-99, 03 200-209, 04 0-99");
    }
}
