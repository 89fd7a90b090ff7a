//! The event journal of a target: one row per thing that happened (an alarm on or cleared, a
//! mode or running-status change, a breaker, the mains, the engine starting or stopping, a
//! command and its verdict, the link, a marker), each with the key values at that moment and
//! their change since the reading before. Alarms that come on together are grouped, the first
//! marked first-out.
//!
//! [`Tracker`] is the pure core (readings in, rows out, no I/O, no clock): the recording's
//! reader ([`read`]) feeds it a target's uploads in order, as the live state could.

pub mod read;
pub mod snapshot;

use crate::proto::map::{AlarmKind, RegisterMap, Value};
use crate::proto::{RegisterImage, Table};

/// Alarms that come on within this long of the first one came with it (a shutdown drags
/// others after it: low oil pressure after an overspeed).
pub const FIRST_OUT_WINDOW_MS: i64 = 5_000;

/// The key values each row carries: (role, label). Those the map lacks are left out.
pub const KEY_VALUES: [(&str, &str); 12] = [
    ("gen_voltage_a", n!("Voltage L1-N")),
    ("gen_voltage_ab", n!("Voltage L1-L2")),
    ("gen_frequency", n!("Frequency")),
    ("active_power", n!("Active power")),
    ("power_factor", n!("Power factor")),
    ("speed", n!("Engine speed")),
    ("oil_pressure", n!("Oil pressure")),
    ("coolant_temperature", n!("Coolant temperature")),
    ("battery_voltage", n!("Battery voltage")),
    ("fuel_level", n!("Fuel level")),
    ("mains_voltage_a", n!("Mains L1-N")),
    ("run_hours", n!("Run hours")),
];

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An alarm came on.
    AlarmOn,
    /// An alarm cleared.
    AlarmOff,
    /// The controller's mode changed.
    Mode,
    /// The running status changed.
    Status,
    /// A breaker opened or closed.
    Breaker,
    /// The mains failed or returned.
    Mains,
    /// The engine started turning.
    Start,
    /// The engine stopped.
    Stop,
    /// A command went out.
    Command,
    /// A command's outcome, or the readings' verdict on it.
    Verdict,
    /// The link came up or went down.
    Link,
    /// A marker the engineer put in.
    Marker,
}

impl Kind {
    /// Every kind, in the order of the enum.
    pub const ALL: [Kind; 12] = [
        Kind::AlarmOn,
        Kind::AlarmOff,
        Kind::Mode,
        Kind::Status,
        Kind::Breaker,
        Kind::Mains,
        Kind::Start,
        Kind::Stop,
        Kind::Command,
        Kind::Verdict,
        Kind::Link,
        Kind::Marker,
    ];

    /// Its name (`alarm_on`...), as in the CLI's filter and output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::AlarmOn => "alarm_on",
            Kind::AlarmOff => "alarm_off",
            Kind::Mode => "mode",
            Kind::Status => "status",
            Kind::Breaker => "breaker",
            Kind::Mains => "mains",
            Kind::Start => "start",
            Kind::Stop => "stop",
            Kind::Command => "command",
            Kind::Verdict => "verdict",
            Kind::Link => "link",
            Kind::Marker => "marker",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A key value at a row's moment.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reading {
    /// What it is ("Frequency").
    pub label: &'static str,
    /// Its unit.
    pub unit: String,
    /// The value (`None`: not read, or no valid data).
    pub value: Option<f64>,
    /// Its change since the reading before (`None`: not known).
    pub change: Option<f64>,
}

/// One row of the journal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// When (ms since the epoch).
    pub t_ms: i64,
    /// The target.
    pub target: String,
    /// What it is about.
    pub kind: Kind,
    /// In words ("Overspeed Shutdown", "mode Manual → Auto").
    pub text: String,
    /// The alarm's kind, for alarm rows.
    #[serde(serialize_with = "alarm_name")]
    pub alarm: Option<AlarmKind>,
    /// For the first of alarms that came on together: how many came with it.
    pub first_out: Option<usize>,
    /// The alarm came on together with (after) this first-out alarm.
    pub came_with: Option<String>,
    /// The key values at that moment.
    pub values: Vec<Reading>,
}

/// What a target's readings show at a glance, compared upload to upload.
#[derive(Debug, Clone, Default, PartialEq)]
struct Seen {
    alarms: Vec<(String, AlarmKind, (Table, u16))>,
    mode: Option<String>,
    status: Option<String>,
    gen_breaker: Option<bool>,
    mains_breaker: Option<bool>,
    mains_normal: Option<bool>,
    turning: Option<bool>,
}

/// Follows one target's readings and says what changed, upload by upload.
pub struct Tracker<'m> {
    target: String,
    map: &'m RegisterMap,
    slave: u8,
    image: RegisterImage,
    seen: Option<Seen>,
    /// The key values before the last upload.
    before: Vec<Option<f64>>,
}

impl<'m> Tracker<'m> {
    /// A tracker of `target`, decoding with `map`.
    pub fn new(target: &str, map: &'m RegisterMap) -> Self {
        Tracker {
            target: target.to_string(),
            map,
            slave: map.plan.slave(),
            image: RegisterImage::default(),
            seen: None,
            before: vec![None; KEY_VALUES.len()],
        }
    }

    /// Takes in an upload at `t_ms`: (table, address, raw) in the order received. Returns the
    /// rows it makes. The first upload only sets what is known, but for alarms already on.
    pub fn upload(&mut self, t_ms: i64, values: &[(Table, u16, u16)]) -> Vec<Row> {
        self.before = self.key_values();
        for &(table, addr, raw) in values {
            self.image.set(self.slave, table, addr, raw);
        }
        let now = self.look();
        let rows = match &self.seen {
            None => now
                .alarms
                .iter()
                .map(|(name, kind, _)| self.alarm_row(t_ms, Kind::AlarmOn, name, *kind, true))
                .collect(),
            Some(was) => self.compare(t_ms, was, &now),
        };
        self.seen = Some(now);
        rows
    }

    /// A row of something that is not in the readings (a command, the link, a marker), with
    /// the key values as they stand.
    pub fn row(&self, t_ms: i64, kind: Kind, text: String) -> Row {
        Row {
            t_ms,
            target: self.target.clone(),
            kind,
            text,
            alarm: None,
            first_out: None,
            came_with: None,
            values: self.readings(),
        }
    }

    fn look(&self) -> Seen {
        let (map, img, slave) = (self.map, &self.image, self.slave);
        let mut alarms: Vec<_> = map
            .active_alarms_at(img, slave)
            .into_iter()
            .map(|(name, kind, at)| (name.to_string(), kind, at))
            .collect();
        // Upload order: coils before registers, then by address.
        alarms.sort_by_key(|a| (a.2.0 != Table::Coils, a.2.1));
        let number = |role: &str| {
            map.register_by_role(role)
                .and_then(|r| map.decode(img, slave, r.table, r.addr))
                .and_then(|d| match d.value {
                    Value::Number(v) => Some(v),
                    _ => None,
                })
        };
        let turning = number("speed")
            .or_else(|| number("gen_frequency"))
            .map(|v| v > 0.0);
        Seen {
            alarms,
            mode: map.mode(img, slave).map(str::to_string),
            status: map.running_status(img, slave),
            gen_breaker: map.bit_state(img, slave, "gen_breaker"),
            mains_breaker: map.bit_state(img, slave, "mains_breaker"),
            mains_normal: map.bit_state(img, slave, "mains_normal"),
            turning,
        }
    }

    fn compare(&self, t_ms: i64, was: &Seen, now: &Seen) -> Vec<Row> {
        let mut rows = Vec::new();
        for (name, kind, at) in &now.alarms {
            if !was.alarms.iter().any(|a| &a.0 == name && a.2 == *at) {
                rows.push(self.alarm_row(t_ms, Kind::AlarmOn, name, *kind, false));
            }
        }
        for (name, kind, at) in &was.alarms {
            if !now.alarms.iter().any(|a| &a.0 == name && a.2 == *at) {
                rows.push(self.alarm_row(t_ms, Kind::AlarmOff, name, *kind, false));
            }
        }
        let mut change = |kind: Kind, text: Option<String>| {
            if let Some(text) = text {
                rows.push(self.row(t_ms, kind, text));
            }
        };
        if let Some((from, to)) = changed(&was.mode, &now.mode) {
            change(
                Kind::Mode,
                Some(t!("mode { $from } → { $to }", from = from, to = to)),
            );
        }
        if let Some((from, to)) = changed(&was.status, &now.status) {
            change(
                Kind::Status,
                Some(t!("status { $from } → { $to }", from = from, to = to)),
            );
        }
        match flipped(was.gen_breaker, now.gen_breaker) {
            Some(true) => change(Kind::Breaker, Some(t!("generator breaker closed"))),
            Some(false) => change(Kind::Breaker, Some(t!("generator breaker opened"))),
            None => {}
        }
        match flipped(was.mains_breaker, now.mains_breaker) {
            Some(true) => change(Kind::Breaker, Some(t!("mains breaker closed"))),
            Some(false) => change(Kind::Breaker, Some(t!("mains breaker opened"))),
            None => {}
        }
        match flipped(was.mains_normal, now.mains_normal) {
            Some(true) => change(Kind::Mains, Some(t!("mains returned"))),
            Some(false) => change(Kind::Mains, Some(t!("mains failed"))),
            None => {}
        }
        match (was.turning, now.turning) {
            (Some(false), Some(true)) => change(Kind::Start, Some(t!("engine started"))),
            (Some(true), Some(false)) => change(Kind::Stop, Some(t!("engine stopped"))),
            _ => {}
        }
        rows
    }

    fn alarm_row(&self, t_ms: i64, kind: Kind, name: &str, alarm: AlarmKind, first: bool) -> Row {
        let text = match (kind, first) {
            (Kind::AlarmOn, true) => t!("{ $name } (on when first read)", name = name),
            (Kind::AlarmOff, _) => t!("{ $name } cleared", name = name),
            _ => name.to_string(),
        };
        Row {
            alarm: Some(alarm),
            ..self.row(t_ms, kind, text)
        }
    }

    fn key_values(&self) -> Vec<Option<f64>> {
        KEY_VALUES
            .iter()
            .map(|(role, _)| self.value(role).map(|(v, _)| v))
            .collect()
    }

    fn value(&self, role: &str) -> Option<(f64, String)> {
        let r = self.map.register_by_role(role)?;
        let d = self.map.decode(&self.image, self.slave, r.table, r.addr)?;
        match d.value {
            Value::Number(v) => Some((v, d.unit.to_string())),
            _ => None,
        }
    }

    fn readings(&self) -> Vec<Reading> {
        KEY_VALUES
            .iter()
            .zip(&self.before)
            .filter(|((role, _), _)| self.map.register_by_role(role).is_some())
            .map(|((role, label), before)| {
                let now = self.value(role);
                let unit = self
                    .map
                    .register_by_role(role)
                    .map(|r| r.unit.to_string())
                    .unwrap_or_default();
                let value = now.map(|(v, _)| round(v));
                Reading {
                    label,
                    unit,
                    value,
                    change: value.zip(*before).map(|(a, b)| round(a - round(b))),
                }
            })
            .collect()
    }
}

/// A reading to the thousandth (no float noise in what is written out).
fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// "FIRST-OUT (+1 after it)": how the first of alarms that came on together is marked, in
/// the window, the report and the console alike.
pub fn first_out_mark(after_it: usize) -> String {
    t!("FIRST-OUT (+{ $n } after it)", n = after_it.to_string())
}

/// An alarm's kind by its name (`shutdown`...), or null.
fn alarm_name<S: serde::Serializer>(kind: &Option<AlarmKind>, s: S) -> Result<S::Ok, S::Error> {
    match kind {
        Some(k) => s.serialize_str(k.name()),
        None => s.serialize_none(),
    }
}

/// (was, now), when a value changed between two known values ("mode Manual → Auto").
fn changed(was: &Option<String>, now: &Option<String>) -> Option<(String, String)> {
    match (was, now) {
        (Some(a), Some(b)) if a != b => Some((a.clone(), b.clone())),
        _ => None,
    }
}

/// Whether a known state turned on (`Some(true)`) or off (`Some(false)`).
fn flipped(was: Option<bool>, now: Option<bool>) -> Option<bool> {
    match (was, now) {
        (Some(false), Some(true)) => Some(true),
        (Some(true), Some(false)) => Some(false),
        _ => None,
    }
}

/// Marks first-out alarms in `rows` (sorted by time, each upload's alarms in upload order):
/// of the alarms of a target that came on within [`FIRST_OUT_WINDOW_MS`] of the first, the
/// first is first-out, with how many came with it; the others name it. One already on when
/// first read starts no group.
pub fn mark_first_out(rows: &mut [Row]) {
    let mut groups: Vec<(String, usize, i64)> = Vec::new(); // (target, first row, its time)
    let mut members: Vec<(usize, usize)> = Vec::new(); // (row, group)
    for (i, r) in rows.iter().enumerate() {
        if r.kind != Kind::AlarmOn || r.text.ends_with("(on when first read)") {
            continue;
        }
        let open = groups
            .iter()
            .rposition(|(t, _, at)| *t == r.target && r.t_ms - at <= FIRST_OUT_WINDOW_MS);
        match open {
            Some(g) => members.push((i, g)),
            None => groups.push((r.target.clone(), i, r.t_ms)),
        }
    }
    for (g, (_, first, _)) in groups.iter().enumerate() {
        let with = members.iter().filter(|(_, m)| *m == g).count();
        rows[*first].first_out = Some(with);
    }
    for (i, g) in members {
        let first = groups[g].1;
        rows[i].came_with = Some(rows[first].text.clone());
    }
}

#[cfg(test)]
mod tests;
