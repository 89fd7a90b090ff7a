//! What a target's first screen and the fleet table show of it, kept current as its data
//! arrives (on the core's side, so a frame over 2,000 targets only reads it): mode, running
//! status, the active alarms with since when, and the active power.

use crate::proto::Table;
use crate::proto::map::AlarmKind;

use super::target::Target;

/// An alarm that is on.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveAlarm {
    /// Its name in the map.
    pub name: String,
    /// Shutdown, trip, warning...
    pub kind: AlarmKind,
    /// Where it is read: table and address.
    pub at: (Table, u16),
    /// Since when it is on (ms since the epoch): when its address changed to show it, or
    /// when it was first seen on.
    pub since_ms: i64,
}

/// A target at a glance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Controller mode (Auto, Manual...), if the readings show one.
    pub mode: Option<String>,
    /// Running status (Standby, Running...), if read.
    pub status: Option<String>,
    /// Alarms on now, the most serious first, then in the map's order.
    pub alarms: Vec<ActiveAlarm>,
    /// Active power, kW (map role `active_power`), if read and valid.
    pub kw: Option<f64>,
    /// The controller reports Remote Lock.
    pub remote_locked: bool,
}

impl Summary {
    /// The number of alarms of `kind` on now.
    pub fn count(&self, kind: AlarmKind) -> usize {
        self.alarms.iter().filter(|a| a.kind == kind).count()
    }

    /// The most serious alarm on now.
    pub fn worst(&self) -> Option<AlarmKind> {
        self.alarms.first().map(|a| a.kind)
    }

    /// Of the alarms on now that came on together (within
    /// [`crate::journal::FIRST_OUT_WINDOW_MS`] of the first), the first: its index in
    /// [`Summary::alarms`] and how many came with it. The earliest by the time each came on,
    /// then coils before registers, then by address, as the journal orders an upload.
    pub fn first_out(&self) -> Option<(usize, usize)> {
        let order = |a: &ActiveAlarm| (a.since_ms, a.at.0 != Table::Coils, a.at.1);
        let (first, a) = self
            .alarms
            .iter()
            .enumerate()
            .min_by_key(|(_, a)| order(a))?;
        let with = self
            .alarms
            .iter()
            .filter(|b| {
                order(b) > order(a)
                    && b.since_ms - a.since_ms <= crate::journal::FIRST_OUT_WINDOW_MS
            })
            .count();
        Some((first, with))
    }
}

/// How serious a kind is, for ordering (higher first).
pub fn severity(kind: AlarmKind) -> u8 {
    match kind {
        AlarmKind::Shutdown => 5,
        AlarmKind::Trip => 4,
        AlarmKind::Warning => 3,
        AlarmKind::Block => 2,
        AlarmKind::Summary => 1,
    }
}

impl Target {
    /// Recomputes the summary from the image, at `now_ms`; an alarm that was already on
    /// keeps its time.
    pub fn refresh_summary(&mut self, now_ms: i64) {
        let (map, img, slave) = (&self.map, &self.image, self.slave());
        let old = &self.summary.alarms;
        let mut alarms: Vec<ActiveAlarm> = map
            .active_alarms_at(img, slave)
            .into_iter()
            .map(|(name, kind, at)| {
                let since_ms = old
                    .iter()
                    .find(|a| a.at == at && a.name == name)
                    .map(|a| a.since_ms)
                    .or_else(|| self.changed_ms.get(&at))
                    .unwrap_or(now_ms);
                ActiveAlarm {
                    name: name.to_string(),
                    kind,
                    at,
                    since_ms,
                }
            })
            .collect();
        // Stable: the map's order within a kind.
        alarms.sort_by_key(|a| std::cmp::Reverse(severity(a.kind)));
        self.summary = Summary {
            mode: map.mode(img, slave).map(str::to_string),
            status: map.running_status(img, slave),
            alarms,
            kw: self.power(),
            remote_locked: map.remote_locked(img, slave),
        };
    }

    /// Recomputes only the summary's power (the rest read nothing that changed).
    pub fn refresh_power(&mut self) {
        self.summary.kw = self.power();
    }

    fn power(&self) -> Option<f64> {
        let map = &self.map;
        map.register_by_role(crate::proto::map::POWER_ROLE)
            .and_then(|r| map.decode(&self.image, self.slave(), r.table, r.addr))
            .and_then(|d| match d.value {
                crate::proto::map::Value::Number(v) => Some(v),
                _ => None,
            })
    }
}
