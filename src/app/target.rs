//! A target: a modem session on the server, or a controller on a serial link. Both carry
//! the same register image and take the same writes.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use crate::model::Event;
use crate::model::serial::LinkStats;
use crate::proto::RegisterImage;
use crate::proto::image::Change;
use crate::proto::map::{Decoded, RegisterMap};
use crate::proto::uplink::InputFlags;

/// When each entry last changed, by table and first address: keys sorted in one list, their
/// times in another as milliseconds after a base, each sized to what it holds (8 bytes an
/// entry; a hash table held about 4 KiB for a controller's 130 entries, a list of (key, time)
/// pairs 2 KiB, the largest part of a modem's memory). Every upload sets the time of each
/// change in a short binary search; new keys come only with a target's first readings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedAt {
    /// The time the offsets count from (ms since the epoch).
    base: i64,
    keys: Vec<Key>,
    /// Milliseconds after `base`, one per key; [`FAR`] when the time is in `far`.
    at: Vec<u32>,
    /// The times too far from `base` for an offset (a value unchanged for weeks while others
    /// change): rare, kept exactly here.
    far: Vec<(Key, i64)>,
}

/// A (table, address) key, ordered as the tuple is.
type Key = (crate::proto::Table, u16);

/// The offset that says "see `far`".
const FAR: u32 = u32::MAX;

impl ChangedAt {
    /// When `key` last changed.
    pub fn get(&self, key: &Key) -> Option<i64> {
        let i = self.keys.binary_search(key).ok()?;
        Some(self.time(i))
    }

    /// The time of entry `i`.
    fn time(&self, i: usize) -> i64 {
        match self.at[i] {
            FAR => self
                .far
                .iter()
                .find(|(k, _)| *k == self.keys[i])
                .map_or(self.base, |&(_, t)| t),
            o => self.base + i64::from(o),
        }
    }

    /// Sets when `key` changed; returns the time it replaced.
    pub fn insert(&mut self, key: Key, t_ms: i64) -> Option<i64> {
        if self.keys.is_empty() {
            self.base = t_ms;
        }
        let offset = match self.offset(t_ms) {
            Some(o) => o,
            None => {
                // Earlier than the base (a recording's times come in any order, a clock set
                // back): the base moves to it. Too late for an offset: the base moves to half
                // the range before it, and the oldest times go to `far`.
                let base = if t_ms < self.base {
                    t_ms
                } else {
                    t_ms - i64::from(FAR / 2)
                };
                self.rebase(base);
                self.offset(t_ms).unwrap_or(0)
            }
        };
        match self.keys.binary_search(&key) {
            Ok(i) => {
                let was = self.time(i);
                if self.at[i] == FAR {
                    self.far.retain(|(k, _)| *k != key);
                }
                self.at[i] = offset;
                Some(was)
            }
            Err(i) => {
                // Exactly the room needed: keys come in a few batches, then never again.
                self.keys.reserve_exact(1);
                self.at.reserve_exact(1);
                self.keys.insert(i, key);
                self.at.insert(i, offset);
                None
            }
        }
    }

    /// `t_ms` as an offset from the base, when it is one.
    fn offset(&self, t_ms: i64) -> Option<u32> {
        u32::try_from(t_ms - self.base).ok().filter(|&o| o != FAR)
    }

    /// Counts the offsets from `base` from now on; a time that does not fit goes to `far`.
    fn rebase(&mut self, base: i64) {
        for i in 0..self.keys.len() {
            if self.at[i] == FAR {
                continue;
            }
            let t = self.base + i64::from(self.at[i]);
            self.at[i] = match u32::try_from(t - base).ok().filter(|&o| o != FAR) {
                Some(o) => o,
                None => {
                    self.far.push((self.keys[i], t));
                    FAR
                }
            };
        }
        self.base = base;
    }

    /// Every time held, in key order.
    pub fn values(&self) -> impl Iterator<Item = i64> + '_ {
        (0..self.keys.len()).map(|i| self.time(i))
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A modem the server has seen.
#[derive(Debug, Clone)]
pub struct Target {
    /// Modem id.
    pub hostid: String,
    /// From the last login.
    pub hostname: String,
    /// From the last login ("" until one is seen).
    pub moduletype: String,
    /// Long connection open.
    pub online: bool,
    /// How it is reached: the server, a serial port or a broker.
    pub link: Link,
    /// Last known values.
    pub image: RegisterImage,
    /// The modem's alarm inputs, as last reported.
    pub flags: InputFlags,
    /// When anything last arrived (ms since the epoch, as passed to `apply`).
    pub last_seen_ms: Option<i64>,
    /// When the last heartbeat arrived.
    pub last_heartbeat_ms: Option<i64>,
    /// The register map of its controller (generic until a login names the model).
    pub map: Arc<RegisterMap>,
    /// When each address last changed (ms since the epoch).
    pub changed_ms: ChangedAt,
    /// Why the link or connection went down, while it is down.
    pub down_reason: Option<String>,
    /// Values not refreshed by the last upload of their block: (table, address) -> (why,
    /// since when).
    pub stale: BTreeMap<(crate::proto::Table, u16), (String, i64)>,
    /// Change uploads were lost at this time: values not refreshed since may be out of date
    /// (until the next full upload).
    pub gap_since: Option<i64>,
    /// Values refreshed since the gap.
    pub fresh_since_gap: std::collections::BTreeSet<(crate::proto::Table, u16)>,
    /// Mode, status, active alarms and power at a glance, kept current by the state.
    pub summary: super::summary::Summary,
    /// The modem's own serial port (`modulePort`) as its last login said, or as a port
    /// command it accepted since; `None` when not known.
    pub module_port: Option<u8>,
    /// Its `moduleBaud`, the same way.
    pub module_baud: Option<u8>,
    /// Shown from a recording: its readings are those of the moment chosen, never live, and
    /// it takes no commands.
    pub read_only: bool,
}

/// How a target is reached.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// A modem on the server, with the peer of its long connection once one opened.
    Modem {
        /// Peer of the long connection.
        peer: Option<SocketAddr>,
    },
    /// A controller on the laptop's serial port (boxed: its figures are large, and most
    /// targets are modems).
    Serial(Box<SerialLink>),
    /// A modem seen through a broker.
    Remote(RemoteLink),
}

/// How a controller on the laptop's serial port is reached.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SerialLink {
    /// The port and its settings, in words.
    pub description: String,
    /// The slave id the link was opened for (commands go there, whatever the data says).
    pub slave: Option<u8>,
    /// The link's figures.
    pub stats: Option<LinkStats>,
    /// The whole line's figures, when it carries other slaves too.
    pub line: Option<LinkStats>,
    /// The line's settings (`9600 8N1`, or the network address): another slave on it uses
    /// the same.
    pub line_settings: String,
}

/// How a remote target (`mqtt:HOSTID`) is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteLink {
    /// The broker's address.
    pub broker: String,
    /// Its bridge takes commands (`--mqtt-commands`).
    pub commands: bool,
}

impl Target {
    pub(super) fn new(hostid: &str) -> Self {
        Target {
            hostid: hostid.to_string(),
            hostname: String::new(),
            moduletype: String::new(),
            online: false,
            link: Link::Modem { peer: None },
            image: RegisterImage::default(),
            flags: InputFlags::default(),
            last_seen_ms: None,
            last_heartbeat_ms: None,
            map: Arc::new(RegisterMap::generic()),
            changed_ms: ChangedAt::default(),
            down_reason: None,
            stale: BTreeMap::new(),
            gap_since: None,
            fresh_since_gap: Default::default(),
            summary: Default::default(),
            module_port: None,
            module_baud: None,
            read_only: false,
        }
    }

    /// Why its readings are not the genset as it is now, when its link is down: "OFFLINE
    /// (timeout) · last seen 14:33:10 (4 min ago)". `None` while the link is up, and for a
    /// recording (whose readings are the moment chosen).
    pub fn not_live(&self, now_ms: i64) -> Option<String> {
        if self.online || self.read_only {
            return None;
        }
        let why = self.down_reason.clone().unwrap_or_else(|| t!("offline"));
        let seen = match self.last_seen_ms {
            Some(at) => t!("last seen { $ago }", ago = ago(now_ms, at)),
            None => t!("never seen"),
        };
        Some(t!("OFFLINE ({ $why }) · { $seen }", why = why, seen = seen))
    }

    /// Why no command can go to it now, when none can: its link is down, or it is a
    /// recording. The window disables every command with this reason and opens no dialog.
    pub fn commands_refused(&self, now_ms: i64) -> Option<String> {
        if self.read_only {
            return Some(t!("a recording is read-only: no command can be sent"));
        }
        self.not_live(now_ms)
            .map(|why| t!("No command can be sent: { $why }", why = why))
    }

    /// Why a value may not be current, if it may not: its block went unanswered, or uploads
    /// were lost after it was last refreshed.
    pub fn staleness(&self, table: crate::proto::Table, addr: u16) -> Option<String> {
        let when = |ms: i64| {
            chrono::DateTime::from_timestamp_millis(ms)
                .map(|t| {
                    t.with_timezone(&chrono::Local)
                        .format("%H:%M:%S")
                        .to_string()
                })
                .unwrap_or_default()
        };
        if !self.online && !self.read_only {
            let why = self.down_reason.clone().unwrap_or_else(|| t!("offline"));
            return Some(match self.last_seen_ms {
                Some(at) => t!(
                    "not live: the target is offline ({ $why }), last reading at { $time }; this is its last value",
                    why = why,
                    time = when(at)
                ),
                None => t!(
                    "not live: the target is offline ({ $why }); this is its last value",
                    why = why
                ),
            });
        }
        if let Some((why, since)) = self.stale.get(&(table, addr)) {
            return Some(t!(
                "stale since { $time }: { $why }",
                time = when(*since),
                why = why.as_str()
            ));
        }
        let since = self.gap_since?;
        self.possibly_stale(table, addr).then(|| {
            t!(
                "possibly stale: change uploads were lost at { $time }, and this value has not been refreshed since (the next full upload settles it)",
                time = when(since)
            )
        })
    }

    /// Whether a value may only possibly be stale: uploads were lost after it was last
    /// refreshed (its target live, its block answered).
    pub fn possibly_stale(&self, table: crate::proto::Table, addr: u16) -> bool {
        (self.online || self.read_only)
            && !self.stale.contains_key(&(table, addr))
            && self.gap_since.is_some()
            && !self.fresh_since_gap.contains(&(table, addr))
    }

    /// Takes in what an event says of this target alone: its link up or down, when it was
    /// last heard of, its link figures, its stale values. What concerns more than the target
    /// (plots, the last error, maps) is the state's.
    pub fn apply(&mut self, event: &Event, now_ms: i64) {
        match event {
            Event::Online { peer, .. } => {
                self.online = true;
                self.down_reason = None;
                self.link = Link::Modem { peer: Some(*peer) };
                self.last_seen_ms = Some(now_ms);
            }
            Event::Offline { reason, .. } => {
                self.online = false;
                self.down_reason = Some(reason.name().to_string());
            }
            Event::LinkUp { port, settings, .. } => {
                self.online = true;
                self.down_reason = None;
                self.last_seen_ms = Some(now_ms);
                self.serial_link_mut().description = format!("{port}, {settings}");
                if self.hostname.is_empty() {
                    self.hostname = port.clone();
                }
            }
            Event::LinkDown { reason, .. } => {
                self.online = false;
                self.down_reason = Some(reason.clone());
            }
            Event::Stats { stats, line, .. } => {
                let link = self.serial_link_mut();
                link.stats = Some(*stats);
                link.line = *line;
            }
            Event::Heartbeat { .. } => {
                self.last_seen_ms = Some(now_ms);
                self.last_heartbeat_ms = Some(now_ms);
            }
            Event::Timing { .. } => self.last_seen_ms = Some(now_ms),
            Event::Stale {
                table,
                addr,
                qty,
                reason,
                ..
            } => {
                for a in *addr..addr.saturating_add(*qty) {
                    self.stale.insert((*table, a), (reason.clone(), now_ms));
                }
            }
            Event::PacketGap { .. } => {
                self.gap_since = Some(now_ms);
                self.fresh_since_gap.clear();
            }
            _ => {}
        }
    }

    /// A controller on the laptop's serial port rather than a modem.
    pub fn is_serial(&self) -> bool {
        matches!(self.link, Link::Serial(_))
    }

    /// The serial link, made one if the target was not yet known as reached that way.
    pub fn serial_link_mut(&mut self) -> &mut SerialLink {
        if !self.is_serial() {
            self.link = Link::Serial(Box::default());
        }
        match &mut self.link {
            Link::Serial(s) => s,
            _ => unreachable!("made a serial link just above"),
        }
    }

    /// For a controller on the laptop's serial port: the port and its settings, in words.
    pub fn serial_description(&self) -> Option<&str> {
        match &self.link {
            Link::Serial(s) => Some(&s.description),
            _ => None,
        }
    }

    /// Link figures of a serial target.
    pub fn link_stats(&self) -> Option<&LinkStats> {
        match &self.link {
            Link::Serial(s) => s.stats.as_ref(),
            _ => None,
        }
    }

    /// The figures of the whole line this serial target shares with other slaves.
    pub fn line_stats(&self) -> Option<&LinkStats> {
        match &self.link {
            Link::Serial(s) => s.line.as_ref(),
            _ => None,
        }
    }

    /// For a modem seen through a broker: which, and whether its bridge takes commands.
    pub fn remote(&self) -> Option<&RemoteLink> {
        match &self.link {
            Link::Remote(r) => Some(r),
            _ => None,
        }
    }

    /// The peer of a modem's long connection, once one opened.
    pub fn peer(&self) -> Option<SocketAddr> {
        match self.link {
            Link::Modem { peer } => peer,
            _ => None,
        }
    }

    /// How its heartbeats are doing, against the expected `interval_ms` (serial links have none).
    pub fn heartbeat_health(&self, now_ms: i64, interval_ms: i64) -> Health {
        if !self.online {
            return Health::Down;
        }
        if !matches!(self.link, Link::Modem { .. }) {
            return Health::Good;
        }
        // Until the first heartbeat, the login or connection stands in for it.
        let Some(last) = self.last_heartbeat_ms.or(self.last_seen_ms) else {
            return Health::Late;
        };
        let silent = now_ms - last;
        if silent <= interval_ms * 3 / 2 {
            Health::Good
        } else if silent <= interval_ms * 3 {
            Health::Late
        } else {
            Health::Down
        }
    }

    /// The slave its commands go to and its values come from: a serial link's own slave id;
    /// for a modem, the slave its data comes from (a controller may sit at any address), else
    /// the map's.
    pub fn slave(&self) -> u8 {
        if let Link::Serial(link) = &self.link
            && let Some(s) = link.slave
        {
            return s;
        }
        self.image
            .tables()
            .next()
            .map_or_else(|| self.map.plan.slave(), |((slave, _), _)| *slave)
    }

    /// A changed address, decoded with the target's map.
    pub fn decode(&self, c: &Change) -> Option<Decoded> {
        self.map.decode(&self.image, c.slave, c.table, c.addr)
    }
}

/// Heartbeat health of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Heartbeats on time (or a serial link up).
    Good,
    /// A heartbeat is overdue (more than one and a half intervals of silence).
    Late,
    /// Offline, or silent for three intervals.
    Down,
}

/// "14:33:10 (4 min ago)", in local time.
pub fn ago(now_ms: i64, at_ms: i64) -> String {
    let (when, age) = clock_and_age(now_ms, at_ms);
    t!("{ $when } ({ $age } ago)", when = when, age = age)
}

/// The local clock time of `at_ms` and how long before `now_ms` it was: ("14:33:10", "4 min").
pub fn clock_and_age(now_ms: i64, at_ms: i64) -> (String, String) {
    let when = chrono::DateTime::from_timestamp_millis(at_ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    let s = (now_ms - at_ms).max(0) / 1000;
    let age = match s {
        0..120 => format!("{s} s"),
        120..7200 => format!("{} min", s / 60),
        _ => format!("{} h {} min", s / 3600, s / 60 % 60),
    };
    (when, age)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offline_target_says_its_readings_are_not_live() {
        let mut t = Target::new("H");
        t.online = true;
        t.last_seen_ms = Some(1_000_000);
        assert_eq!(t.not_live(1_000_000 + 240_000), None);
        assert_eq!(t.staleness(crate::proto::Table::Holding, 1), None);
        assert_eq!(t.commands_refused(1_000_000), None);

        t.online = false;
        t.down_reason = Some("timeout".into());
        let why = t.not_live(1_000_000 + 240_000).unwrap();
        assert!(why.starts_with("OFFLINE (timeout) · last seen "), "{why}");
        assert!(why.ends_with("(4 min ago)"), "{why}");
        let stale = t.staleness(crate::proto::Table::Holding, 1).unwrap();
        assert!(
            stale.starts_with("not live: the target is offline (timeout)"),
            "{stale}"
        );
        assert!(t.commands_refused(1_000_000).is_some());

        // A recording shows a moment: not "offline", and read-only.
        t.read_only = true;
        assert_eq!(t.not_live(1_000_000), None);
        assert_eq!(t.staleness(crate::proto::Table::Holding, 1), None);
        assert!(t.commands_refused(1_000_000).unwrap().contains("read-only"));
    }

    /// Change times: found by key whatever the order they came in, replaced in place, and
    /// held in exactly the room they need.
    #[test]
    fn change_times_are_found_by_key_and_sized_to_what_they_hold() {
        use crate::proto::Table::{Coils, Holding};
        let mut c = ChangedAt::default();
        assert!(c.is_empty());
        let t0 = 1_700_000_000_000;
        for (i, key) in [(Holding, 24), (Coils, 7), (Holding, 0), (Coils, 70)]
            .into_iter()
            .enumerate()
        {
            assert_eq!(c.insert(key, t0 + i as i64), None);
        }
        assert_eq!(c.insert((Holding, 24), t0 + 9), Some(t0));
        assert_eq!(c.get(&(Holding, 24)), Some(t0 + 9));
        assert_eq!(c.get(&(Coils, 7)), Some(t0 + 1));
        assert_eq!(c.get(&(Holding, 0)), Some(t0 + 2));
        assert_eq!(c.get(&(Holding, 7)), None);
        assert_eq!(c.values().max(), Some(t0 + 9));
        assert_eq!(c.len(), 4);
        assert_eq!((c.keys.capacity(), c.at.capacity()), (4, 4));
        assert_eq!(std::mem::size_of::<Key>() + std::mem::size_of::<u32>(), 8);
    }

    /// Times in any order and far apart stay exact: earlier than the first (a recording's),
    /// weeks later than the others, and back to an offset when they change again.
    #[test]
    fn change_times_far_apart_stay_exact() {
        use crate::proto::Table::{Coils, Holding};
        let day = 86_400_000_i64;
        let t0 = 1_700_000_000_000;
        let mut c = ChangedAt::default();
        c.insert((Holding, 1), t0);
        c.insert((Holding, 2), t0 - 3 * day);
        assert_eq!(c.get(&(Holding, 1)), Some(t0));
        assert_eq!(c.get(&(Holding, 2)), Some(t0 - 3 * day));
        // Fifty days on: past an offset's reach from the old times.
        c.insert((Coils, 5), t0 + 50 * day);
        c.insert((Holding, 1), t0 + 50 * day + 1);
        assert_eq!(c.get(&(Holding, 2)), Some(t0 - 3 * day));
        assert_eq!(c.get(&(Coils, 5)), Some(t0 + 50 * day));
        assert_eq!(c.get(&(Holding, 1)), Some(t0 + 50 * day + 1));
        assert_eq!(c.far.len(), 1, "only the old one is kept aside");
        // It changes again: back to an offset, and out of the far list.
        assert_eq!(c.insert((Holding, 2), t0 + 51 * day), Some(t0 - 3 * day));
        assert_eq!(c.get(&(Holding, 2)), Some(t0 + 51 * day));
        assert!(c.far.is_empty());
        let mut all: Vec<i64> = c.values().collect();
        all.sort();
        assert_eq!(all, [t0 + 50 * day, t0 + 50 * day + 1, t0 + 51 * day]);
    }
}
