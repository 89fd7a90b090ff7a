//! A commissioning as the recording holds it: the engineer's entries, the equipment, the
//! counters at the start and the end, each load step with the minimum, mean and maximum of the
//! key values and the alarms raised in it, the protection tests (ticked by the recording or by
//! hand), the audit trail and the markers. Everything is computed from the file, so a report
//! made later from an old recording says the same.

use std::collections::BTreeMap;

use super::ReportError;
pub use super::protections::Protection;
use super::protections::protections;
use super::readings::{counters, equipment, image_at, step};
use crate::proto::map::RegisterMap;
use crate::store::reader::{CommandRow, EventRow, Recording, TargetRow};

/// Who and where: (name in the file, label).
pub const PEOPLE: [(&str, &str); 6] = [
    ("site", n!("Site")),
    ("customer", n!("Customer")),
    ("customer_rep", n!("Customer's representative")),
    ("job", n!("Job number")),
    ("engineer", n!("Engineer")),
    ("witness", n!("Witness")),
];

/// The nameplates, as the engineer reads them.
pub const NAMEPLATES: [(&str, &str); 13] = [
    ("genset_make", n!("Genset make")),
    ("genset_model", n!("Genset model")),
    ("genset_serial", n!("Genset serial number")),
    ("genset_rating", n!("Genset rating (kVA / kW, V, Hz)")),
    ("engine_make", n!("Engine make")),
    ("engine_model", n!("Engine model")),
    ("engine_serial", n!("Engine serial number")),
    ("engine_rating", n!("Engine rating (kW, rpm)")),
    ("alternator_make", n!("Alternator make")),
    ("alternator_model", n!("Alternator model")),
    ("alternator_serial", n!("Alternator serial number")),
    ("alternator_rating", n!("Alternator rating (kVA, V, Hz)")),
    ("controller_serial", n!("Controller serial number")),
];

/// Site conditions and the load bank.
pub const CONDITIONS: [(&str, &str); 5] = [
    ("ambient_c", n!("Ambient temperature (°C)")),
    ("altitude_m", n!("Altitude (m)")),
    ("loadbank_make", n!("Load bank make and model")),
    ("loadbank_rating", n!("Load bank rating (kW / kvar)")),
    ("loadbank_kind", n!("Load bank type (resistive, reactive)")),
];

/// The engineer's fields in groups: (heading, fields). Headings and labels are shown with
/// [`crate::i18n::tr`].
pub const FIELD_GROUPS: [(&str, &[(&str, &str)]); 3] = [
    (n!("Site and people"), &PEOPLE),
    (n!("Nameplates"), &NAMEPLATES),
    (n!("Conditions and load bank"), &CONDITIONS),
];

/// A label the commissioning keeps in English, as it names a value (a key value's, a
/// counter's, a line of the equipment's, why a step ended), in this thread's language;
/// a name from elsewhere (an alarm's, from the map) as it is.
pub fn label(english: &str) -> String {
    crate::i18n::tr_args(english, &[])
}

/// Every field of the engineer's: (name in the file, label).
pub fn fields() -> impl Iterator<Item = (&'static str, &'static str)> {
    FIELD_GROUPS.iter().flat_map(|g| g.1.iter().copied())
}

/// The field holding the deviations the engineer typed.
pub const DEVIATIONS: &str = "deviations";

/// Key values of a load step: (role, label). Those the map lacks are left out. The label, in
/// English, names the value in the commissioning (and the limits find it by it); it is shown
/// with [`label`].
pub const KEY_VALUES: [(&str, &str); 17] = [
    ("gen_voltage_a", n!("Voltage L1-N")),
    ("gen_voltage_b", n!("Voltage L2-N")),
    ("gen_voltage_c", n!("Voltage L3-N")),
    ("gen_voltage_ab", n!("Voltage L1-L2")),
    ("gen_voltage_bc", n!("Voltage L2-L3")),
    ("gen_voltage_ca", n!("Voltage L3-L1")),
    ("current_a", n!("Current L1")),
    ("current_b", n!("Current L2")),
    ("current_c", n!("Current L3")),
    ("gen_frequency", n!("Frequency")),
    ("active_power", n!("Active power")),
    ("apparent_power", n!("Apparent power")),
    ("power_factor", n!("Power factor")),
    ("speed", n!("Engine speed")),
    ("oil_pressure", n!("Oil pressure")),
    ("coolant_temperature", n!("Coolant temperature")),
    ("battery_voltage", n!("Battery voltage")),
];

/// Values drawn in each step's plot: (role, label).
pub const PLOTTED: [(&str, &str); 3] = [
    ("active_power", n!("Active power")),
    ("gen_frequency", n!("Frequency")),
    ("gen_voltage_a", n!("Voltage L1-N")),
];

/// Counters read at the start and the end: (role, label).
pub const COUNTERS: [(&str, &str); 3] = [
    ("run_hours", n!("Run hours")),
    ("start_count", n!("Starts")),
    ("energy", n!("Energy")),
];

/// The default load steps: (name, planned seconds).
pub const DEFAULT_STEPS: [(&str, u32); 6] = [
    ("No load", 600),
    ("25 %", 900),
    ("50 %", 900),
    ("75 %", 900),
    ("100 %", 3600),
    ("110 %", 900),
];

/// Minimum, mean and maximum of a value over a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    /// Label.
    pub label: String,
    /// Unit.
    pub unit: String,
    /// Decimals worth showing.
    pub decimals: usize,
    /// Lowest valid reading (`None`: no valid data in the step).
    pub min: Option<f64>,
    /// Time-weighted mean of the valid readings.
    pub mean: Option<f64>,
    /// Highest valid reading.
    pub max: Option<f64>,
    /// Lowest and highest valid reading from the settling time after the step's start on:
    /// what the limits judge.
    pub steady: Option<(f64, f64)>,
}

/// A value over a step, for its plot: points where it changed; `None` breaks the line (no
/// data).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Label.
    pub label: String,
    /// Unit.
    pub unit: String,
    /// (time, value).
    pub points: Vec<(i64, Option<f64>)>,
}

/// A shutdown that tripped first, and the readings around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trip {
    /// The alarm.
    pub name: String,
    /// When it came on.
    pub t_ms: i64,
    /// How many came on with it.
    pub with: usize,
    /// Speed, frequency and power from a minute before to a minute after.
    pub plot: Vec<Series>,
}

/// A setting read from the controller's panel, as the engineer typed it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HandSetting {
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// As found.
    pub found: String,
    /// As left.
    pub left: String,
}

impl HandSetting {
    /// Reads a `setting` row of the commissioning log (name, and unit, found and left as
    /// JSON).
    pub fn from_row(name: &str, value: &str) -> HandSetting {
        let v: serde_json::Value = serde_json::from_str(value).unwrap_or_default();
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        HandSetting {
            name: name.to_string(),
            unit: s("unit"),
            found: s("found"),
            left: s("left"),
        }
    }
}

/// What changed between two snapshots.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// The first snapshot ("as found").
    pub from: crate::journal::snapshot::Snapshot,
    /// The last ("as left"), or the end of the recording.
    pub to: crate::journal::snapshot::Snapshot,
    /// The values that differ, settings and states first.
    pub differences: Vec<crate::journal::snapshot::Difference>,
}

/// Trips plotted in the report at most (the first ones).
pub const TRIPS_PLOTTED: usize = 6;

/// Plotted either side of a trip, ms.
pub const AROUND_TRIP_MS: i64 = 60_000;

/// A load step as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Name.
    pub name: String,
    /// Planned duration, seconds (0: none given).
    pub planned_s: u32,
    /// Start.
    pub start_ms: i64,
    /// End (the recording's end when the step was not ended).
    pub end_ms: i64,
    /// Whether the engineer ended it.
    pub ended: bool,
    /// It ended by itself when the genset shut down: when, and why.
    pub ended_by: Option<(i64, String)>,
    /// Key values.
    pub stats: Vec<Stat>,
    /// Alarms that came on during it: (time, text).
    pub alarms: Vec<(i64, String)>,
    /// The plot's values.
    pub plot: Vec<Series>,
}

/// A counter at the start and the end of the recording.
#[derive(Debug, Clone, PartialEq)]
pub struct Counter {
    /// Label.
    pub label: String,
    /// Unit.
    pub unit: String,
    /// First reading in the recording.
    pub start: Option<f64>,
    /// Last reading.
    pub end: Option<f64>,
    /// When they were read.
    pub read_ms: (Option<i64>, Option<i64>),
}

/// Everything a report says.
#[derive(Debug, Clone, PartialEq)]
pub struct Commissioning {
    /// The target.
    pub target: TargetRow,
    /// The map its values were read with.
    pub map_name: String,
    /// Names the map gives in the report's language: the name -> the name in it.
    pub shown_names: BTreeMap<String, String>,
    /// The engineer's fields, by name (site, customer...; deviations).
    pub fields: BTreeMap<String, String>,
    /// Equipment identity: (label, value).
    pub equipment: Vec<(String, String)>,
    /// The controller's rated voltage (line to neutral) and frequency, where its map says
    /// where they are (roles `rated_voltage`, `rated_frequency`).
    pub rated: (Option<f64>, Option<f64>),
    /// Counters.
    pub counters: Vec<Counter>,
    /// Load steps, in order.
    pub steps: Vec<Step>,
    /// Protection tests.
    pub protections: Vec<Protection>,
    /// The alarms that came on, from the journal (first-out marked), in time order.
    pub alarms: Vec<crate::journal::Row>,
    /// Each shutdown that tripped first (first-out, or alone), with speed, frequency and
    /// power a minute either side.
    pub trips: Vec<Trip>,
    /// What changed during the visit: the first snapshot and the last (or the end of the
    /// recording), and the values that differ; `None` when no snapshot was taken.
    pub visit: Option<Visit>,
    /// Settings read from the controller's panel, in the order first kept (the last entry of
    /// each).
    pub hand_settings: Vec<HandSetting>,
    /// The audit trail.
    pub commands: Vec<CommandRow>,
    /// Markers and notes.
    pub markers: Vec<EventRow>,
    /// First and last reading of the target.
    pub span: (i64, i64),
    /// The recording's file name.
    pub file: String,
    /// Planned steps never run: (name, planned seconds).
    pub not_run: Vec<(String, u32)>,
    /// The usual interval between readings.
    pub interval_ms: Option<i64>,
    /// How many entries the engineer made (fields, steps, tests): none makes an empty report.
    pub entries: usize,
}

impl Commissioning {
    /// A name from the map (an alarm's, a setting's) in the report's language, when the map
    /// gives it in that language.
    pub fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        self.shown_names.get(name).map_or(name, String::as_str)
    }
}

/// The warning before a report with no commissioning entries (shown with
/// [`crate::i18n::tr`]).
pub const EMPTY_WARNING: &str = n!("no site, no steps, no tests: make it anyway?");

/// Chooses the target of a report: the one asked for, else the only one with a commissioning
/// log, else the only one with readings.
pub fn pick_target(rec: &Recording, asked: Option<&str>) -> Result<TargetRow, ReportError> {
    let targets = rec.targets()?;
    if let Some(key) = asked {
        return targets
            .into_iter()
            .find(|t| t.key.eq_ignore_ascii_case(key) || t.hostname.eq_ignore_ascii_case(key))
            .ok_or_else(|| {
                ReportError::NoTarget(t!("the recording has no target { $target }", target = key))
            });
    }
    let mut with_log = Vec::new();
    for t in &targets {
        if !rec.commissioning(&t.key)?.is_empty() {
            with_log.push(t.clone());
        }
    }
    let list = if with_log.is_empty() {
        targets
            .iter()
            .filter(|t| t.first_seen_ms.is_some() || t.last_seen_ms.is_some())
            .cloned()
            .collect()
    } else {
        with_log
    };
    let n = list.len();
    let mut it = list.into_iter();
    match (it.next(), n) {
        (Some(t), 1) => Ok(t),
        (None, _) => Err(ReportError::NoTarget(t!(
            "the recording holds no target to report on"
        ))),
        (Some(t), _) => Err(ReportError::NoTarget(t!(
            "the recording holds several targets; name one with --target ({ $targets })",
            targets = std::iter::once(t)
                .chain(it)
                .map(|t| t.key)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Reads the commissioning of `target` from the recording, decoding with `map`.
pub fn build(
    rec: &Recording,
    target: &TargetRow,
    map: &RegisterMap,
    file: &str,
) -> Result<Commissioning, ReportError> {
    let id = target.id;
    let log = rec.commissioning(&target.key)?;
    let (first, last) = target_span(rec, id)?;
    let mut fields = BTreeMap::new();
    for r in log.iter().filter(|r| r.kind == "field") {
        fields.insert(r.name.clone(), r.value.clone());
    }
    let steps_raw = pair_steps(&log, last);
    let start = steps_raw.first().map_or(first, |s| s.1);
    let end = steps_raw
        .iter()
        .map(|s| s.2)
        .max()
        .unwrap_or(last)
        .max(start);
    let after = image_at(rec, id, end.max(last))?;
    let settle_ms = super::limits::settle_ms(&fields);

    let mut steps = Vec::new();
    for (name, from, to, ended, planned_s) in steps_raw {
        // A shutdown ends the step: what follows is a stopped engine, not the load.
        let by = super::steps::shutdown_in(rec, id, map, (from, to))?.filter(|(t, _)| *t > from);
        // The upload that carries the trip carries the collapsing readings too, at the same
        // instant: the step's figures end just before it, the step itself at it.
        let read_to = by.as_ref().map_or(to, |b| b.0 - 1);
        let mut s = step(
            rec,
            target,
            map,
            (name, planned_s, ended),
            (from, read_to),
            settle_ms,
        )?;
        if let Some((t, _)) = &by {
            s.end_ms = *t;
        }
        s.ended_by = by;
        steps.push(s);
    }
    let plan = fields
        .get(super::steps::PLAN)
        .map(|p| super::steps::parse_plan(p))
        .unwrap_or_default();
    let not_run = plan
        .into_iter()
        .filter(|(n, _)| !steps.iter().any(|s: &Step| &s.name == n))
        .collect();
    let mut times = Vec::new();
    for role in ["gen_frequency", "active_power"] {
        if let Some(spec) = map.register_by_role(role) {
            times.extend(
                rec.samples(id, spec.table, spec.addr, (first, last))?
                    .into_iter()
                    .map(|s| s.0)
                    .filter(|t| *t >= first),
            );
        }
    }
    let protections = protections(rec, id, map, &log, (first, last))?;
    let markers = rec
        .events(first.min(start), last.max(end))?
        .into_iter()
        .filter(|e| e.kind == "marker" && e.target.as_deref().is_none_or(|t| t == target.key))
        .collect();
    let alarms: Vec<crate::journal::Row> =
        crate::journal::read::target_journal(rec, target, map, i64::MAX)?
            .into_iter()
            .filter(|r| r.kind == crate::journal::Kind::AlarmOn)
            .collect();
    let mut trips = Vec::new();
    for r in alarms
        .iter()
        .filter(|r| r.alarm == Some(crate::proto::map::AlarmKind::Shutdown))
        .filter(|r| r.first_out.is_some())
        .take(TRIPS_PLOTTED)
    {
        let around = (r.t_ms - AROUND_TRIP_MS, r.t_ms + AROUND_TRIP_MS);
        let mut plot = Vec::new();
        for (role, label) in [
            ("speed", n!("Engine speed")),
            ("gen_frequency", n!("Frequency")),
            ("active_power", n!("Active power")),
        ] {
            if let Some(spec) = map.register_by_role(role).filter(|s| s.words <= 2) {
                plot.push(Series {
                    label: label.to_string(),
                    unit: spec.unit.to_string(),
                    points: super::readings::readings(rec, id, map, spec, around)?,
                });
            }
        }
        trips.push(Trip {
            name: r.text.clone(),
            t_ms: r.t_ms,
            with: r.first_out.unwrap_or(0),
            plot,
        });
    }
    let mut hand_settings: Vec<HandSetting> = Vec::new();
    for row in log.iter().filter(|r| r.kind == "setting") {
        let s = HandSetting::from_row(&row.name, &row.value);
        match hand_settings.iter_mut().find(|h| h.name == s.name) {
            Some(h) => *h = s,
            None => hand_settings.push(s),
        }
    }
    let snaps = crate::journal::snapshot::snapshots(rec, &target.key)?;
    let visit = match crate::journal::snapshot::pick(&snaps, None, None, last) {
        Ok((from, to)) => Some(Visit {
            differences: crate::journal::snapshot::diff(rec, target, map, (from.t_ms, to.t_ms))?,
            from,
            to,
        }),
        Err(_) => None,
    };
    Ok(Commissioning {
        target: target.clone(),
        map_name: map.name.clone(),
        shown_names: map
            .names
            .iter()
            .filter_map(|(name, per)| {
                let shown = per.get(crate::i18n::lang().code())?;
                Some((name.clone(), shown.clone()))
            })
            .collect(),
        fields,
        equipment: equipment(target, map, &after),
        rated: super::readings::rated(map, &after),
        counters: counters(rec, id, map, (first, end.max(last)))?,
        steps,
        protections,
        alarms,
        trips,
        visit,
        hand_settings,
        commands: rec.commands(&target.key)?,
        markers,
        span: (first, last),
        file: file.to_string(),
        entries: log.len(),
        not_run,
        interval_ms: super::steps::sampling_interval_ms(&mut times),
    })
}

/// First and last reading of a target (its first and last sighting when it has none).
fn target_span(rec: &Recording, id: i64) -> Result<(i64, i64), ReportError> {
    Ok(rec.target_span(id)?.unwrap_or((0, 0)))
}

/// Steps from the log: each start is ended by the next end, or by the next start (one step
/// runs at a time), or by the recording's end.
fn pair_steps(
    log: &[crate::store::reader::CommissioningRow],
    last: i64,
) -> Vec<(String, i64, i64, bool, u32)> {
    let mut out: Vec<(String, i64, i64, bool, u32)> = Vec::new();
    let mut open: Option<(String, i64, u32)> = None;
    for r in log {
        match r.kind.as_str() {
            "step_start" => {
                if let Some((n, from, p)) = open.take() {
                    out.push((n, from, r.t_ms, true, p));
                }
                open = Some((r.name.clone(), r.t_ms, r.value.trim().parse().unwrap_or(0)));
            }
            "step_end" => {
                if let Some((n, from, p)) = open.take() {
                    out.push((n, from, r.t_ms, true, p));
                }
            }
            _ => {}
        }
    }
    if let Some((n, from, p)) = open {
        out.push((n, from, last.max(from), false, p));
    }
    out
}
