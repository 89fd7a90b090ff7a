//! What became of a reset (the modem's new login after it, or none within two minutes), and
//! of a login (the long connection at the advertised `liveData` address, or none within 30 s:
//! the address the modems are told is then likely one they cannot reach).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use super::Internal;
use crate::link::{Event, Outcome};

/// How long a reset modem has to log in again.
pub const RELOGIN_WITHIN: Duration = Duration::from_secs(120);

/// How long a modem has after its login to open the long connection.
pub const LONG_CONNECTION_WITHIN: Duration = Duration::from_secs(30);

/// Resets sent and accepted, and logins waiting for their long connection, by modem.
#[derive(Default)]
pub(super) struct Resets {
    /// Resets handed to their modem's connection, not yet reported sent: hostid -> when. A
    /// reset counts from then: the modem may log in again before its connection's report
    /// that the reset went out reaches us (they come from different tasks).
    handed: BTreeMap<String, Instant>,
    /// Reset commands sent: hostid -> (uid, when handed over).
    sent: BTreeMap<String, (String, Instant)>,
    /// Accepted, waiting for the new login: hostid -> (uid, sent when).
    waiting: BTreeMap<String, (String, Instant)>,
    /// Each modem's last accepted login (a reset's new login may be reported before the
    /// reset's own outcome: they come on different connections).
    last_login: BTreeMap<String, Instant>,
    /// Logins waiting for the long connection: hostid -> login number.
    logins: BTreeMap<String, u64>,
    login_seq: u64,
    /// The one timer of the logins' deadlines (a task per login held a kilobyte each for
    /// 30 s, thousands of them when a fleet comes back).
    long_timer: Option<mpsc::UnboundedSender<(tokio::time::Instant, String, u64)>>,
    /// The `liveData` address modems are told.
    advertise: String,
}

/// The line that says a reset modem logged in again, `after` the reset was sent.
fn relogged(hostid: &str, uid: &str, after: Duration) -> Event {
    Event::Notice {
        hostid: Some(hostid.to_string()),
        kind: crate::model::NoticeKind::Reset,
        message: format!(
            "reset #{uid} of {hostid}: logged in again after {} s",
            after.as_secs()
        ),
    }
}

impl Resets {
    /// A reset for `hostid` is being handed to its connection now.
    pub(super) fn handing(&mut self, hostid: &str) {
        self.handed.insert(hostid.to_string(), Instant::now());
    }

    /// Follows an event; returns what to say when it settles a reset.
    pub(super) fn watch(&mut self, e: &Event, internal: &mpsc::Sender<Internal>) -> Option<Event> {
        match e {
            Event::CommandSent {
                hostid,
                uid,
                method: "reset",
                ..
            } => {
                let at = self.handed.remove(hostid).unwrap_or_else(Instant::now);
                self.sent.insert(hostid.clone(), (uid.clone(), at));
                None
            }
            Event::CommandOutcome {
                hostid,
                uid,
                outcome,
                ..
            } if self.sent.get(hostid).is_some_and(|s| &s.0 == uid) => {
                let (_, sent_at) = self.sent.remove(hostid)?;
                if *outcome == Outcome::Accepted {
                    if let Some(at) = self.last_login.get(hostid).filter(|at| **at >= sent_at) {
                        return Some(relogged(hostid, uid, at.duration_since(sent_at)));
                    }
                    self.waiting.insert(hostid.clone(), (uid.clone(), sent_at));
                    let (tx, h, u) = (internal.clone(), hostid.clone(), uid.clone());
                    tokio::spawn(async move {
                        tokio::time::sleep(RELOGIN_WITHIN).await;
                        let _ = tx.send(Internal::ResetDue(h, u)).await;
                    });
                }
                None
            }
            Event::Listening { advertise, .. } => {
                self.advertise = advertise.clone();
                None
            }
            Event::Online { hostid, .. } => {
                self.logins.remove(hostid);
                None
            }
            Event::Login {
                hostid,
                accepted: true,
                ..
            } => {
                self.last_login.insert(hostid.clone(), Instant::now());
                self.login_seq += 1;
                self.logins.insert(hostid.clone(), self.login_seq);
                let due = (
                    tokio::time::Instant::now() + LONG_CONNECTION_WITHIN,
                    hostid.clone(),
                    self.login_seq,
                );
                let _ = self.long_timer(internal).send(due);
                let (uid, sent_at) = self.waiting.remove(hostid)?;
                Some(relogged(hostid, &uid, sent_at.elapsed()))
            }
            _ => None,
        }
    }

    /// The timer that says each login's deadline has come, started the first time.
    fn long_timer(
        &mut self,
        internal: &mpsc::Sender<Internal>,
    ) -> &mpsc::UnboundedSender<(tokio::time::Instant, String, u64)> {
        self.long_timer.get_or_insert_with(|| {
            let (tx, mut rx) = mpsc::unbounded_channel::<(tokio::time::Instant, String, u64)>();
            let internal = internal.clone();
            tokio::spawn(async move {
                // One delay for all: the deadlines come in the order they fall.
                while let Some((at, hostid, n)) = rx.recv().await {
                    tokio::time::sleep_until(at).await;
                    let due = Internal::LongConnectionDue(hostid, n);
                    if internal.send(due).await.is_err() {
                        break;
                    }
                }
            });
            tx
        })
    }

    /// 30 s after login `n` of `hostid`: still no long connection?
    pub(super) fn long_connection_due(&mut self, hostid: &str, n: u64) -> Option<Event> {
        if self.logins.get(hostid) != Some(&n) {
            return None;
        }
        self.logins.remove(hostid);
        let to = if self.advertise.is_empty() {
            "the advertised address".to_string()
        } else {
            self.advertise.clone()
        };
        Some(Event::Notice {
            hostid: Some(hostid.to_string()),
            kind: crate::model::NoticeKind::Warning,
            message: format!(
                "{hostid} logged in but opened no long connection to {to} within {} s: the \
                 liveData address the modems are told must be one they can reach, usually the \
                 address in the modem's server setting (set it with --advertise, or Settings > \
                 Tell modems to use)",
                LONG_CONNECTION_WITHIN.as_secs()
            ),
        })
    }

    /// Two minutes after reset `uid` was accepted: still no new login?
    pub(super) fn due(&mut self, hostid: &str, uid: &str) -> Option<Event> {
        if self.waiting.get(hostid).is_none_or(|w| w.0 != uid) {
            return None;
        }
        self.waiting.remove(hostid);
        Some(Event::Error {
            hostid: Some(hostid.to_string()),
            uid: Some(uid.to_string()),
            message: format!(
                "reset #{uid} of {hostid}: the modem did not log in again within {} minutes",
                RELOGIN_WITHIN.as_secs() / 60
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(uid: &str) -> Event {
        Event::CommandSent {
            hostid: "H".into(),
            uid: uid.into(),
            method: "reset",
            frame: None,
            decoded: "reset".into(),
        }
    }

    fn login(hostid: &str) -> Event {
        Event::Login {
            hostid: hostid.into(),
            hostname: String::new(),
            moduletype: String::new(),
            peer: "127.0.0.1:1".parse().unwrap(),
            accepted: true,
            reason: None,
            module_port: None,
            module_baud: None,
        }
    }

    fn accepted(uid: &str) -> Event {
        Event::CommandOutcome {
            hostid: "H".into(),
            uid: uid.into(),
            outcome: Outcome::Accepted,
            detail: "modem resets".into(),
        }
    }

    /// The next reset timer (the logins' own timers are skipped).
    async fn next_reset_due(rx: &mut mpsc::Receiver<Internal>) -> (String, String) {
        loop {
            match rx.recv().await {
                Some(Internal::ResetDue(h, u)) => return (h, u),
                Some(_) => continue,
                None => panic!("the timer fires"),
            }
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_reset_ends_with_the_new_login_or_with_none_in_two_minutes() {
        let (tx, mut rx) = mpsc::channel(4);
        let mut r = Resets::default();
        assert!(r.watch(&sent("a"), &tx).is_none());
        assert!(r.watch(&accepted("a"), &tx).is_none());
        let said = r.watch(&login("H"), &tx).unwrap();
        assert!(
            matches!(&said, Event::Notice { kind: crate::model::NoticeKind::Reset, message, .. } if message.contains("logged in again after")),
            "{said:?}"
        );
        // The timer of an answered reset says nothing (the login's own timer comes first).
        let (h, u) = next_reset_due(&mut rx).await;
        assert!(r.due(&h, &u).is_none());

        // The new login reported before the reset's own outcome (another connection).
        r.watch(&sent("c"), &tx);
        assert!(r.watch(&login("H"), &tx).is_none());
        let said = r.watch(&accepted("c"), &tx).unwrap();
        assert!(
            matches!(&said, Event::Notice { kind: crate::model::NoticeKind::Reset, message, .. } if message.contains("#c") && message.contains("logged in again")),
            "{said:?}"
        );

        // The new login reported even before "sent": it counts from the hand-over.
        r.handing("H");
        assert!(r.watch(&login("H"), &tx).is_none());
        r.watch(&sent("d"), &tx);
        let said = r.watch(&accepted("d"), &tx).unwrap();
        assert!(
            matches!(&said, Event::Notice { kind: crate::model::NoticeKind::Reset, message, .. } if message.contains("#d") && message.contains("logged in again")),
            "{said:?}"
        );

        r.watch(&sent("b"), &tx);
        r.watch(&accepted("b"), &tx);
        let (h, u) = next_reset_due(&mut rx).await;
        let said = r.due(&h, &u).unwrap();
        assert!(
            matches!(&said, Event::Error { message, .. } if message.contains("did not log in again within 2 minutes")),
            "{said:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_login_with_no_long_connection_in_30_s_is_warned_about_once() {
        let (tx, mut rx) = mpsc::channel(4);
        let mut r = Resets::default();
        r.watch(
            &Event::Listening {
                addr: "0.0.0.0:21318".parse().unwrap(),
                advertise: "192.0.2.10:21318".into(),
            },
            &tx,
        );
        r.watch(&login("A"), &tx);
        r.watch(&login("B"), &tx);
        r.watch(
            &Event::Online {
                hostid: "B".into(),
                peer: "127.0.0.1:2".parse().unwrap(),
                replaced: false,
            },
            &tx,
        );
        let mut said = Vec::new();
        for _ in 0..2 {
            let Some(Internal::LongConnectionDue(h, n)) = rx.recv().await else {
                panic!("the timer fires")
            };
            said.extend(r.long_connection_due(&h, n));
        }
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            matches!(&said[0], Event::Notice { kind: crate::model::NoticeKind::Warning, hostid: Some(h), message }
                if h == "A" && message.contains("192.0.2.10:21318") && message.contains("--advertise")),
            "{said:?}"
        );
    }
}
