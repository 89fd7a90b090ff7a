//! Whether the readings show a command's effect: checked at each upload of its target after it
//! was accepted, and called "not confirmed" once the map's `confirm_within_s` has passed
//! without it (the supervisor times that wait, so the verdict comes even if no reading does).

use super::AppState;
use crate::link::Outcome;

impl AppState {
    /// Commands accepted since the last call whose effect is awaited: (target, uid, ms).
    pub fn take_awaited(&mut self) -> Vec<(String, String, i64)> {
        self.commands.take_awaited()
    }

    /// Checks the commands of `hostid` that wait for their effect against its readings.
    pub(super) fn verify(&mut self, hostid: &str, now_ms: i64) {
        self.settle(hostid, None, now_ms);
    }

    /// The wait of command `uid` is over: confirmed if the readings show it now, else not.
    pub fn verify_due(&mut self, hostid: &str, uid: &str, now_ms: i64) {
        self.settle(hostid, Some(uid), now_ms);
    }

    /// Settles what can be: confirmed when the reading holds; not confirmed when its time is
    /// up (or, `due`, for that command whatever the time).
    fn settle(&mut self, hostid: &str, due: Option<&str>, now_ms: i64) {
        // Every upload comes here: the target is looked up only when a command waits for its
        // check (seldom).
        let mut target = None;
        for c in self.commands.sent.iter_mut().filter(|c| {
            c.hostid == hostid
                && c.verified.is_none()
                && due.is_none_or(|u| c.uid == u)
                && matches!(c.outcome, Some((Outcome::Accepted, _)))
        }) {
            let (Some(confirm), Some(accepted)) = (&c.confirm, c.accepted_ms) else {
                continue;
            };
            let t = match target {
                Some(t) => t,
                None => match self.targets.get(hostid) {
                    Some(t) => *target.insert(t),
                    None => return,
                },
            };
            let holds = t
                .image
                .get(t.slave(), confirm.table, confirm.addr)
                .is_some_and(|raw| confirm.holds(raw));
            if holds {
                c.verified = Some(true);
            } else if due.is_some() || now_ms - accepted >= c.within_ms {
                c.verified = Some(false);
            }
            if let Some(v) = c.verified {
                self.commands
                    .verdicts
                    .push((c.hostid.clone(), c.uid.clone(), v));
            }
        }
    }
}
