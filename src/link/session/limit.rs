//! Refused logins per address: a flood of wrong passwords from one address is cut off for a
//! while, and said once per address, instead of being checked (and logged) one by one. Other
//! addresses are not affected. No clock: time enters as an argument.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Refused logins from one address within [`WINDOW`] before it is cut off.
pub const MAX_REFUSED: usize = 5;
/// The counting window, and how long an address is cut off.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Addresses remembered at most (the oldest are forgotten first).
const MAX_ADDRESSES: usize = 10_000;

#[derive(Debug, Default)]
struct Entry {
    refused: VecDeque<Instant>,
    blocked_until: Option<Instant>,
    /// Logins refused unread while blocked.
    silenced: u64,
    last: Option<Instant>,
}

/// What to do with a login from an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check it as usual.
    Check,
    /// Refuse it unread; `say` for the first one of the cut-off (the only one logged).
    CutOff {
        /// Log this one.
        say: bool,
        /// Seconds left.
        secs: u64,
    },
}

/// The record of refused logins, shared by a server's connections.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    by_ip: HashMap<IpAddr, Entry>,
}

impl LoginLimiter {
    /// A login from `ip` arrived at `now`.
    pub fn verdict(&mut self, ip: IpAddr, now: Instant) -> Verdict {
        let Some(e) = self.by_ip.get_mut(&ip) else {
            return Verdict::Check;
        };
        match e.blocked_until {
            Some(until) if now < until => {
                e.silenced += 1;
                Verdict::CutOff {
                    say: e.silenced == 1,
                    secs: (until - now).as_secs().max(1),
                }
            }
            Some(_) => {
                e.blocked_until = None;
                e.silenced = 0;
                e.refused.clear();
                Verdict::Check
            }
            None => Verdict::Check,
        }
    }

    /// A login from `ip` was refused at `now` (wrong password, not on the allow-list): true
    /// when this one cuts the address off.
    pub fn refused(&mut self, ip: IpAddr, now: Instant) -> bool {
        if !self.by_ip.contains_key(&ip) && self.by_ip.len() >= MAX_ADDRESSES {
            self.forget_oldest();
        }
        let e = self.by_ip.entry(ip).or_default();
        e.last = Some(now);
        while e
            .refused
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            e.refused.pop_front();
        }
        e.refused.push_back(now);
        if e.refused.len() >= MAX_REFUSED && e.blocked_until.is_none() {
            e.blocked_until = Some(now + WINDOW);
            return true;
        }
        false
    }

    fn forget_oldest(&mut self) {
        if let Some(ip) = self
            .by_ip
            .iter()
            .min_by_key(|(_, e)| e.last)
            .map(|(ip, _)| *ip)
        {
            self.by_ip.remove(&ip);
        }
    }

    /// Addresses remembered.
    pub fn len(&self) -> usize {
        self.by_ip.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_ip.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_refused_within_a_minute_cut_the_address_off_for_a_minute() {
        let mut l = LoginLimiter::default();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        for i in 0..4 {
            assert_eq!(l.verdict(a, t0), Verdict::Check);
            assert!(!l.refused(a, t0 + Duration::from_secs(i)));
        }
        assert!(l.refused(a, t0 + Duration::from_secs(4)));
        let t = t0 + Duration::from_secs(5);
        assert_eq!(
            l.verdict(a, t),
            Verdict::CutOff {
                say: true,
                secs: 59
            }
        );
        assert!(matches!(
            l.verdict(a, t),
            Verdict::CutOff { say: false, .. }
        ));
        // Another address is checked as usual.
        assert_eq!(l.verdict(b, t), Verdict::Check);
        // A minute later, checked again.
        assert_eq!(l.verdict(a, t0 + Duration::from_secs(65)), Verdict::Check);
        // Refusals spread over more than the window never cut off.
        let mut l = LoginLimiter::default();
        for i in 0..20 {
            assert!(!l.refused(a, t0 + Duration::from_secs(i * 20)));
        }
        // Bounded, whatever the number of addresses.
        for i in 0..(MAX_ADDRESSES as u32 + 10) {
            l.refused(IpAddr::from(i.to_be_bytes()), t0);
        }
        assert_eq!(l.len(), MAX_ADDRESSES);
    }
}
