//! The commissioning report: read from a recording (live or old), laid out as a PDF with the
//! CSV of the load steps beside it. Depends on `store` and `proto`; no egui.

mod embed;
pub mod fonts;
pub mod limits;
pub mod model;
pub mod pdf;
pub mod plot;
pub mod protections;
mod readings;
pub mod steps;
mod steps_csv;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::TimeZone;

use crate::proto::map::{RegisterMap, resolve};
use crate::store::StoreError;
use crate::store::reader::Recording;
pub use model::{
    Commissioning, DEFAULT_STEPS, DEVIATIONS, EMPTY_WARNING, FIELD_GROUPS, Protection, Step, fields,
};
use pdf::{Align, Col, Doc};
pub use steps::step_status;
pub use steps_csv::steps_csv;

/// Why a report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The recording could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No target, or not the one asked for.
    #[error("{0}")]
    NoTarget(String),
    /// The report could not be written.
    #[error("cannot write {path}: {reason}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The PDF.
    pub pdf: PathBuf,
    /// The steps' CSV beside it.
    pub csv: PathBuf,
    /// The target reported on.
    pub target: String,
    /// Characters no font on this computer has: printed as empty boxes.
    pub missing: Vec<char>,
}

impl Written {
    /// What to tell the engineer about characters that could not be printed (`None`: all were).
    pub fn missing_note(&self) -> Option<String> {
        missing_note(&self.missing)
    }
}

/// "could not print ..." for characters no font has (`None`: there are none).
pub fn missing_note(missing: &[char]) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let list = missing
        .iter()
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!(
        "{} character{} could not be printed (no font on this computer has {}; they show as empty boxes): {list}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        if missing.len() == 1 { "it" } else { "them" },
    ))
}

/// The CSV beside a PDF: `report.pdf` -> `report-steps.csv`.
pub fn csv_path(pdf: &Path) -> PathBuf {
    let stem = pdf
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    pdf.with_file_name(format!("{stem}-steps.csv"))
}

/// Reads the commissioning of a target from a recording (`target`: `None` picks the one with a
/// commissioning log, or the only one), decoding with the map its model resolves to.
pub fn read(
    recording: &Path,
    target: Option<&str>,
    maps: &[Arc<RegisterMap>],
) -> Result<Commissioning, ReportError> {
    let rec = Recording::open(recording)?;
    let t = model::pick_target(&rec, target)?;
    let map = resolve(maps, &t.moduletype);
    let file = recording
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    model::build(&rec, &t, &map, &file)
}

/// Makes the report of a recording: the PDF at `out` and the steps' CSV beside it.
pub fn write(
    recording: &Path,
    target: Option<&str>,
    maps: &[Arc<RegisterMap>],
    out: &Path,
) -> Result<Written, ReportError> {
    let c = read(recording, target, maps)?;
    write_read(&c, out)
}

/// Writes the report of a commissioning already read: the PDF at `out`, the CSV beside it.
pub fn write_read(c: &Commissioning, out: &Path) -> Result<Written, ReportError> {
    let csv = csv_path(out);
    let failed = |path: &Path, e: String| ReportError::Write {
        path: path.to_path_buf(),
        reason: e,
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| failed(dir, e.to_string()))?;
    }
    let (pdf, missing) = render_pdf(c);
    std::fs::write(out, pdf).map_err(|e| failed(out, e.to_string()))?;
    std::fs::write(&csv, steps_csv(c).map_err(|e| failed(&csv, e))?)
        .map_err(|e| failed(&csv, e.to_string()))?;
    Ok(Written {
        pdf: out.to_path_buf(),
        csv,
        target: c.target.key.clone(),
        missing,
    })
}

/// A time as the report prints it: local time of this computer, with its UTC offset.
pub fn time(t_ms: i64) -> String {
    chrono::Local
        .timestamp_millis_opt(t_ms)
        .single()
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC%:z").to_string())
        .unwrap_or_else(|| "?".into())
}

fn clock(t_ms: i64) -> String {
    chrono::Local
        .timestamp_millis_opt(t_ms)
        .single()
        .map(|t| t.format("%H:%M:%S").to_string())
        .unwrap_or_else(|| "?".into())
}

/// A duration in words: `4 s`, `12 min 05 s`, `1 h 02 min`.
pub fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s < 60 {
        let tenths = ms.max(0) % 1000 / 100;
        if s < 10 && tenths > 0 {
            return format!("{s}.{tenths} s");
        }
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        format!("{} h {:02} min", s / 3600, s % 3600 / 60)
    }
}

fn num(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "###".to_string(), |v| format!("{v:.decimals$}"))
}

fn with_unit(label: &str, unit: &str) -> String {
    if unit.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({unit})")
    }
}

/// The title on the first page and in every footer.
pub const TITLE: &str = "Generator set commissioning report";

/// Lays the report out as PDF; also gives the characters no font could print.
pub fn render_pdf(c: &Commissioning) -> (Vec<u8>, Vec<char>) {
    let field = |k: &str| c.fields.get(k).cloned().unwrap_or_default();
    let mut d = Doc::new(TITLE, &footer(c));
    d.title(TITLE);
    let who = [field("site"), field("customer")]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if !who.is_empty() {
        d.para(&who, 11.0, false);
    }
    d.para(
        &format!(
            "Made {} from the recording {} (readings {} to {}); times are this computer's local time, with their offset from UTC.",
            time(chrono::Utc::now().timestamp_millis()),
            c.file,
            time(c.span.0),
            time(c.span.1)
        ),
        8.5,
        true,
    );
    d.para(&steps::summary(c, &limits::Limits::of(c)), 9.5, false);

    for (heading, group) in &FIELD_GROUPS[..2] {
        d.heading(heading);
        let pairs: Vec<(String, String)> = group
            .iter()
            .map(|(k, label)| (label.to_string(), blank(field(k))))
            .collect();
        d.pairs(&pairs);
    }
    d.heading("Read from the controller and the modem");
    d.pairs(&c.equipment);
    d.heading(FIELD_GROUPS[2].0);
    let pairs: Vec<(String, String)> = FIELD_GROUPS[2]
        .1
        .iter()
        .map(|(k, label)| (label.to_string(), blank(field(k))))
        .collect();
    d.pairs(&pairs);

    if !c.counters.is_empty() {
        d.heading("Counters");
        let when = |t: Option<i64>| t.map_or_else(|| "-".into(), time);
        let rows: Vec<Vec<String>> = c
            .counters
            .iter()
            .map(|k| {
                let diff = match (k.start, k.end) {
                    (Some(a), Some(b)) => format!("{:.0}", b - a),
                    _ => "###".into(),
                };
                vec![
                    with_unit(&k.label, &k.unit),
                    num(k.start, 0),
                    when(k.read_ms.0),
                    num(k.end, 0),
                    when(k.read_ms.1),
                    diff,
                ]
            })
            .collect();
        d.table(
            &[
                Col("Counter", 95.0, Align::Left),
                Col("Start of the recording", 70.0, Align::Right),
                Col("read at", 95.0, Align::Left),
                Col("End of the recording", 70.0, Align::Right),
                Col("read at", 95.0, Align::Left),
                Col("Difference", 70.0, Align::Right),
            ],
            &rows,
        );
    }

    steps::section(&mut d, c);
    protections_section(&mut d, c);
    alarms_section(&mut d, c);

    visit_section(&mut d, c);
    hand_settings_section(&mut d, c);

    d.heading("Commands sent (audit trail)");
    if c.commands.is_empty() {
        d.para("No command was sent.", 9.5, true);
    } else {
        let rows: Vec<Vec<String>> = c
            .commands
            .iter()
            .map(|k| {
                let outcome = match (&k.outcome, &k.detail) {
                    (Some(o), Some(d)) if !d.is_empty() => format!("{o}: {d}"),
                    (Some(o), _) => o.clone(),
                    (None, _) => "no outcome recorded".into(),
                };
                let verdict = match k.verified {
                    Some(true) => "confirmed",
                    Some(false) => "NOT confirmed",
                    None => "-",
                };
                vec![
                    time(k.sent_ms),
                    k.name.clone().unwrap_or_else(|| k.decoded.clone()),
                    outcome,
                    verdict.to_string(),
                ]
            })
            .collect();
        d.table(
            &[
                Col("Sent", 95.0, Align::Left),
                Col("Command", 175.0, Align::Left),
                Col("Outcome", 150.0, Align::Left),
                Col("Readings", 75.0, Align::Left),
            ],
            &rows,
        );
    }

    d.heading("Markers and notes");
    if c.markers.is_empty() {
        d.para("None.", 9.5, true);
    } else {
        let rows: Vec<Vec<String>> = c
            .markers
            .iter()
            .map(|m| vec![time(m.t_ms), blank(m.text.clone())])
            .collect();
        d.table(
            &[
                Col("Time", 95.0, Align::Left),
                Col("Note", 400.0, Align::Left),
            ],
            &rows,
        );
    }

    d.heading("Deviations");
    let dev = field(DEVIATIONS);
    if dev.trim().is_empty() {
        d.para("None recorded.", 9.5, true);
    } else {
        d.para(&dev, 9.5, false);
    }

    d.heading("Signatures");
    d.signatures(&[
        ("Commissioning engineer", &field("engineer")),
        ("Witness", &field("witness")),
        ("Customer", &field("customer_rep")),
    ]);
    let missing = d.missing();
    (d.finish(), missing)
}

/// The footer of every page: job number and site, and the title.
fn footer(c: &Commissioning) -> String {
    let field = |k: &str| {
        c.fields
            .get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let mut parts = Vec::new();
    if !field("job").is_empty() {
        parts.push(format!("Job {}", field("job")));
    }
    if !field("site").is_empty() {
        parts.push(field("site"));
    }
    parts.push(TITLE.to_string());
    parts.join(" · ")
}

fn blank(s: String) -> String {
    if s.trim().is_empty() { "-".into() } else { s }
}

/// The settings read from the controller's panel (Modbus cannot read them), as found and as
/// left.
fn hand_settings_section(d: &mut Doc, c: &Commissioning) {
    if c.hand_settings.is_empty() {
        return;
    }
    d.heading("Settings read from the controller's panel");
    let with = |v: &str, unit: &str| match (v.trim(), unit.trim()) {
        ("", _) => "-".to_string(),
        (v, "") => v.to_string(),
        (v, u) => format!("{v} {u}"),
    };
    let rows: Vec<Vec<String>> = c
        .hand_settings
        .iter()
        .map(|s| {
            let changed = !s.left.trim().is_empty() && s.left.trim() != s.found.trim();
            vec![
                s.name.clone(),
                with(&s.found, &s.unit),
                with(&s.left, &s.unit),
                if changed { "changed" } else { "" }.to_string(),
            ]
        })
        .collect();
    d.table(
        &[
            Col("Setting", 215.0, Align::Left),
            Col("As found", 110.0, Align::Left),
            Col("As left", 110.0, Align::Left),
            Col("", 60.0, Align::Left),
        ],
        &rows,
    );
}

/// What changed during the visit: the settings and states that differ between the first
/// snapshot and the last (measured values counted).
fn visit_section(d: &mut Doc, c: &Commissioning) {
    let Some(v) = &c.visit else {
        return;
    };
    d.heading("Changed during the visit");
    d.para(
        &format!(
            "From the snapshot \"{}\" ({}) to \"{}\" ({}).",
            v.from.label,
            time(v.from.t_ms),
            v.to.label,
            time(v.to.t_ms)
        ),
        9.5,
        false,
    );
    let (states, measured): (Vec<_>, Vec<_>) = v.differences.iter().partition(|d| !d.measured);
    if states.is_empty() {
        d.para("No setting or state differs.", 9.5, true);
    } else {
        let rows: Vec<Vec<String>> = states
            .iter()
            .map(|x| {
                vec![
                    x.name.clone(),
                    format!("{} {}", x.table.name(), x.addr),
                    x.a.clone(),
                    x.b.clone(),
                ]
            })
            .collect();
        d.table(
            &[
                Col("Value", 185.0, Align::Left),
                Col("Where", 70.0, Align::Left),
                Col(&v.from.label, 120.0, Align::Left),
                Col(&v.to.label, 120.0, Align::Left),
            ],
            &rows,
        );
    }
    if !measured.is_empty() {
        d.para(
            &format!(
                "{} differ too, as they move by themselves (`cmmctl snapshot-diff --all` lists \
                 them).",
                crate::journal::snapshot::measured_values(measured.len())
            ),
            9.0,
            true,
        );
    }
}

/// Alarms listed in the report at most; the rest are counted (all are in `cmmctl journal`).
const ALARMS_LISTED: usize = 60;

/// The alarms that came on during the recording, from the journal: what tripped first, and
/// the engine's state then.
fn alarms_section(d: &mut Doc, c: &Commissioning) {
    d.heading("Alarms (from the journal)");
    if c.alarms.is_empty() {
        d.para("No alarm came on while recorded.", 9.5, true);
        return;
    }
    d.para(
        "Each alarm as it came on, with the readings then. When several came on together \
         (within 5 s), the first is marked first-out: what tripped first.",
        9.0,
        true,
    );
    let value = |r: &crate::journal::Row, label: &str| {
        r.values
            .iter()
            .find(|v| v.label == label)
            .and_then(|v| {
                v.value
                    .map(|x| format!("{x:.1} {}", v.unit).trim().to_string())
            })
            .unwrap_or_else(|| "-".into())
    };
    let rows: Vec<Vec<String>> = c
        .alarms
        .iter()
        .take(ALARMS_LISTED)
        .map(|r| {
            let first = match (r.first_out, &r.came_with) {
                (Some(n), _) if n > 0 => crate::journal::first_out_mark(n),
                (_, Some(first)) => format!("after {first}"),
                _ => String::new(),
            };
            let kind = r.alarm.map(|k| k.name()).unwrap_or("");
            vec![
                time(r.t_ms),
                format!("{} ({kind})", r.text),
                first,
                value(r, "Engine speed"),
                value(r, "Frequency"),
                value(r, "Active power"),
            ]
        })
        .collect();
    d.table(
        &[
            Col("On at", 95.0, Align::Left),
            Col("Alarm", 150.0, Align::Left),
            Col("First-out", 100.0, Align::Left),
            Col("Speed", 50.0, Align::Right),
            Col("Frequency", 50.0, Align::Right),
            Col("Power", 50.0, Align::Right),
        ],
        &rows,
    );
    for t in &c.trips {
        let with = match t.with {
            0 => String::new(),
            n => format!(", {}", crate::journal::first_out_mark(n)),
        };
        d.subheading(&format!("{} at {}{with}", t.name, clock(t.t_ms)));
        let points: Vec<Vec<(f64, Option<f64>)>> = t
            .plot
            .iter()
            .map(|p| p.points.iter().map(|(t, v)| (*t as f64, *v)).collect())
            .collect();
        let bands: Vec<plot::PlotBand<'_>> = t
            .plot
            .iter()
            .zip(&points)
            .map(|(p, pts)| plot::PlotBand {
                label: with_unit(&p.label, &p.unit),
                points: pts,
            })
            .collect();
        let (from, to) = (
            t.t_ms - model::AROUND_TRIP_MS,
            t.t_ms + model::AROUND_TRIP_MS,
        );
        d.plot(&bands, (from as f64, to as f64), (&clock(from), &clock(to)));
        d.para("The trip is at the middle of the plot.", 8.0, true);
    }
    if c.alarms.len() > ALARMS_LISTED {
        d.para(
            &format!(
                "... and {} more: `cmmctl journal {} --kind alarm_on` lists them all.",
                c.alarms.len() - ALARMS_LISTED,
                c.file
            ),
            9.0,
            true,
        );
    }
}

fn protections_section(d: &mut Doc, c: &Commissioning) {
    d.heading("Protection tests");
    let done = c.protections.iter().filter(|p| p.done()).count();
    d.para(
        &format!(
            "{done} of {} tests passed. A test ticks itself when the recording shows its alarm coming on; the time to stop is until the engine speed (or the frequency) read 0.",
            c.protections.len()
        ),
        8.5,
        true,
    );
    let mut list: Vec<&Protection> = c.protections.iter().collect();
    // Passed tests first, each group in the map's order.
    list.sort_by_key(|p| !p.done());
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            let (result, when, stop, note) = match (&p.seen_ms, &p.by_hand) {
                (Some(t), hand) => (
                    "PASS (recorded)".to_string(),
                    time(*t),
                    p.stopped_after_ms
                        .map_or_else(|| "stop not seen".into(), duration),
                    hand.as_ref().map(|h| h.1.clone()).unwrap_or_default(),
                ),
                (None, Some((t, note))) => (
                    "PASS (by hand)".to_string(),
                    time(*t),
                    "-".into(),
                    note.clone(),
                ),
                (None, None) => ("not tested".into(), "-".into(), "-".into(), String::new()),
            };
            vec![p.name.clone(), result, when, stop, note]
        })
        .collect();
    d.table(
        &[
            Col("Test", 150.0, Align::Left),
            Col("Result", 85.0, Align::Left),
            Col("Time", 95.0, Align::Left),
            Col("Time to stop", 70.0, Align::Right),
            Col("Note", 95.0, Align::Left),
        ],
        &rows,
    );
}

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
