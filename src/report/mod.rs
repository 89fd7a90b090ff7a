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
    Commissioning, DEFAULT_STEPS, DEVIATIONS, EMPTY_WARNING, FIELD_GROUPS, Protection, Step,
    fields, label,
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
    #[error(
        "{}",
        t!(
            "cannot write { $path }: { $reason }",
            path = .path.display().to_string(),
            reason = .reason.as_str()
        )
    )]
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
    Some(t!(
        "report-missing-characters",
        n = missing.len(),
        list = list
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

/// A time as the report prints it: local time of this computer, with its UTC offset (the
/// date in this thread's language).
pub fn time(t_ms: i64) -> String {
    chrono::Local
        .timestamp_millis_opt(t_ms)
        .single()
        .map(|t| format!("{} UTC{}", crate::i18n::date_time(&t), t.format("%:z")))
        .unwrap_or_else(|| "?".into())
}

fn clock(t_ms: i64) -> String {
    chrono::Local
        .timestamp_millis_opt(t_ms)
        .single()
        .map(|t| crate::i18n::time(&t))
        .unwrap_or_else(|| "?".into())
}

/// A duration in words: `4 s`, `12 min 05 s`, `1 h 02 min` (in this thread's language).
pub fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s < 60 {
        let tenths = ms.max(0) % 1000 / 100;
        let seconds = if s < 10 && tenths > 0 {
            crate::i18n::with_mark(format!("{s}.{tenths}"))
        } else {
            s.to_string()
        };
        t!("{ $seconds } s", seconds = seconds)
    } else if s < 3600 {
        t!(
            "{ $minutes } min { $seconds } s",
            minutes = (s / 60).to_string(),
            seconds = format!("{:02}", s % 60)
        )
    } else {
        t!(
            "{ $hours } h { $minutes } min",
            hours = (s / 3600).to_string(),
            minutes = format!("{:02}", s % 3600 / 60)
        )
    }
}

/// A figure with `decimals` decimals and the language's decimal mark; `###` for none.
fn num(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "###".to_string(), |v| crate::i18n::num(v, decimals))
}

/// A number as Rust writes it (`230`, `0.75`), with the language's decimal mark.
fn plain(v: f64) -> String {
    crate::i18n::with_mark(v.to_string())
}

fn with_unit(label: &str, unit: &str) -> String {
    if unit.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({unit})")
    }
}

/// The title on the first page and in every footer (shown with [`crate::i18n::tr`]).
pub const TITLE: &str = n!("Generator set commissioning report");

/// Lays the report out as PDF; also gives the characters no font could print.
pub fn render_pdf(c: &Commissioning) -> (Vec<u8>, Vec<char>) {
    let field = |k: &str| c.fields.get(k).cloned().unwrap_or_default();
    let title = crate::i18n::tr(TITLE);
    let mut d = Doc::new(&title, &footer(c));
    d.title(&title);
    let who = [field("site"), field("customer")]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if !who.is_empty() {
        d.para(&who, 11.0, false);
    }
    d.para(
        &t!(
            "Made { $made } from the recording { $file } (readings { $from } to { $to }); times are this computer's local time, with their offset from UTC.",
            made = time(chrono::Utc::now().timestamp_millis()),
            file = c.file.as_str(),
            from = time(c.span.0),
            to = time(c.span.1)
        ),
        8.5,
        true,
    );
    d.para(&steps::summary(c, &limits::Limits::of(c)), 9.5, false);

    for (heading, group) in &FIELD_GROUPS[..2] {
        d.heading(&crate::i18n::tr(heading));
        let pairs: Vec<(String, String)> = group
            .iter()
            .map(|(k, name)| (crate::i18n::tr(name), blank(field(k))))
            .collect();
        d.pairs(&pairs);
    }
    d.heading(&t!("Read from the controller and the modem"));
    let equipment: Vec<(String, String)> = c
        .equipment
        .iter()
        .map(|(k, v)| (label(k), v.clone()))
        .collect();
    d.pairs(&equipment);
    d.heading(&crate::i18n::tr(FIELD_GROUPS[2].0));
    let pairs: Vec<(String, String)> = FIELD_GROUPS[2]
        .1
        .iter()
        .map(|(k, name)| (crate::i18n::tr(name), blank(field(k))))
        .collect();
    d.pairs(&pairs);

    if !c.counters.is_empty() {
        d.heading(&t!("Counters"));
        let when = |t: Option<i64>| t.map_or_else(|| "-".into(), time);
        let rows: Vec<Vec<String>> = c
            .counters
            .iter()
            .map(|k| {
                let diff = match (k.start, k.end) {
                    (Some(a), Some(b)) => crate::i18n::num(b - a, 0),
                    _ => "###".into(),
                };
                vec![
                    with_unit(&label(&k.label), &k.unit),
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
                Col(&t!("Counter"), 95.0, Align::Left),
                Col(&t!("Start of the recording"), 70.0, Align::Right),
                Col(&t!("read at"), 95.0, Align::Left),
                Col(&t!("End of the recording"), 70.0, Align::Right),
                Col(&t!("read at"), 95.0, Align::Left),
                Col(&t!("Difference"), 70.0, Align::Right),
            ],
            &rows,
        );
    }

    steps::section(&mut d, c);
    protections_section(&mut d, c);
    alarms_section(&mut d, c);

    visit_section(&mut d, c);
    hand_settings_section(&mut d, c);

    d.heading(&t!("Commands sent (audit trail)"));
    if c.commands.is_empty() {
        d.para(&t!("No command was sent."), 9.5, true);
    } else {
        let rows: Vec<Vec<String>> = c
            .commands
            .iter()
            .map(|k| {
                let outcome = match (&k.outcome, &k.detail) {
                    (Some(o), Some(d)) if !d.is_empty() => format!("{o}: {d}"),
                    (Some(o), _) => o.clone(),
                    (None, _) => t!("no outcome recorded"),
                };
                let verdict = match k.verified {
                    Some(true) => t!("confirmed"),
                    Some(false) => t!("NOT confirmed"),
                    None => "-".into(),
                };
                vec![
                    time(k.sent_ms),
                    k.name.clone().unwrap_or_else(|| k.decoded.clone()),
                    outcome,
                    verdict,
                ]
            })
            .collect();
        d.table(
            &[
                Col(&t!("Sent"), 95.0, Align::Left),
                Col(&t!("Command"), 175.0, Align::Left),
                Col(&t!("Outcome"), 150.0, Align::Left),
                Col(&t!("Readings"), 75.0, Align::Left),
            ],
            &rows,
        );
    }

    d.heading(&t!("Markers and notes"));
    if c.markers.is_empty() {
        d.para(&t!("None."), 9.5, true);
    } else {
        let rows: Vec<Vec<String>> = c
            .markers
            .iter()
            .map(|m| vec![time(m.t_ms), blank(m.text.clone())])
            .collect();
        d.table(
            &[
                Col(&t!("Time"), 95.0, Align::Left),
                Col(&t!("Note"), 400.0, Align::Left),
            ],
            &rows,
        );
    }

    d.heading(&t!("Deviations"));
    let dev = field(DEVIATIONS);
    if dev.trim().is_empty() {
        d.para(&t!("None recorded."), 9.5, true);
    } else {
        d.para(&dev, 9.5, false);
    }

    d.heading(&t!("Signatures"));
    d.signatures(&[
        (&t!("Commissioning engineer"), &field("engineer")),
        (&t!("Witness"), &field("witness")),
        (&t!("Customer"), &field("customer_rep")),
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
        parts.push(t!("Job { $job }", job = field("job")));
    }
    if !field("site").is_empty() {
        parts.push(field("site"));
    }
    parts.push(crate::i18n::tr(TITLE));
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
    d.heading(&t!("Settings read from the controller's panel"));
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
                c.shown(&s.name).to_string(),
                with(&s.found, &s.unit),
                with(&s.left, &s.unit),
                if changed {
                    t!("changed")
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    d.table(
        &[
            Col(&t!("Setting"), 215.0, Align::Left),
            Col(&t!("As found"), 110.0, Align::Left),
            Col(&t!("As left"), 110.0, Align::Left),
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
    d.heading(&t!("Changed during the visit"));
    d.para(
        &t!(
            "From the snapshot \"{ $first }\" ({ $first_time }) to \"{ $last }\" ({ $last_time }).",
            first = v.from.label.as_str(),
            first_time = time(v.from.t_ms),
            last = v.to.label.as_str(),
            last_time = time(v.to.t_ms)
        ),
        9.5,
        false,
    );
    let (states, measured): (Vec<_>, Vec<_>) = v.differences.iter().partition(|d| !d.measured);
    if states.is_empty() {
        d.para(&t!("No setting or state differs."), 9.5, true);
    } else {
        let rows: Vec<Vec<String>> = states
            .iter()
            .map(|x| {
                vec![
                    c.shown(&x.name).to_string(),
                    format!("{} {}", x.table.name(), x.addr),
                    x.a.clone(),
                    x.b.clone(),
                ]
            })
            .collect();
        d.table(
            &[
                Col(&t!("Value"), 185.0, Align::Left),
                Col(&t!("Where"), 70.0, Align::Left),
                Col(&v.from.label, 120.0, Align::Left),
                Col(&v.to.label, 120.0, Align::Left),
            ],
            &rows,
        );
    }
    if !measured.is_empty() {
        d.para(
            &t!("report-measured-values-differ", n = measured.len()),
            9.0,
            true,
        );
    }
}

/// An alarm's kind as the report names it (`shutdown`...), in this thread's language.
fn alarm_kind(k: crate::proto::map::AlarmKind) -> String {
    use crate::proto::map::AlarmKind;
    match k {
        AlarmKind::Summary => t!("summary"),
        AlarmKind::Warning => t!("warning"),
        AlarmKind::Shutdown => t!("shutdown"),
        AlarmKind::Trip => t!("trip"),
        AlarmKind::Block => t!("block"),
    }
}

/// Alarms listed in the report at most; the rest are counted (all are in `cmmctl journal`).
const ALARMS_LISTED: usize = 60;

/// The alarms that came on during the recording, from the journal: what tripped first, and
/// the engine's state then.
fn alarms_section(d: &mut Doc, c: &Commissioning) {
    d.heading(&t!("Alarms (from the journal)"));
    if c.alarms.is_empty() {
        d.para(&t!("No alarm came on while recorded."), 9.5, true);
        return;
    }
    d.para(
        &t!(
            "Each alarm as it came on, with the readings then. When several came on together \
             (within 5 s), the first is marked first-out: what tripped first."
        ),
        9.0,
        true,
    );
    let value = |r: &crate::journal::Row, label: &str| {
        r.values
            .iter()
            .find(|v| v.label == label)
            .and_then(|v| {
                v.value.map(|x| {
                    format!("{} {}", crate::i18n::num(x, 1), v.unit)
                        .trim()
                        .to_string()
                })
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
                (_, Some(first)) => t!("after { $first }", first = first.as_str()),
                _ => String::new(),
            };
            let kind = r.alarm.map(alarm_kind).unwrap_or_default();
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
            Col(&t!("On at"), 95.0, Align::Left),
            Col(&t!("Alarm"), 150.0, Align::Left),
            Col(&t!("First-out"), 100.0, Align::Left),
            Col(&t!("Speed"), 50.0, Align::Right),
            Col(&t!("Frequency"), 50.0, Align::Right),
            Col(&t!("Power"), 50.0, Align::Right),
        ],
        &rows,
    );
    for t in &c.trips {
        let with = match t.with {
            0 => String::new(),
            n => format!(", {}", crate::journal::first_out_mark(n)),
        };
        d.subheading(&t!(
            "{ $alarm } at { $time }{ $with }",
            alarm = t.name.as_str(),
            time = clock(t.t_ms),
            with = with
        ));
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
                label: with_unit(&label(&p.label), &p.unit),
                points: pts,
            })
            .collect();
        let (from, to) = (
            t.t_ms - model::AROUND_TRIP_MS,
            t.t_ms + model::AROUND_TRIP_MS,
        );
        d.plot(&bands, (from as f64, to as f64), (&clock(from), &clock(to)));
        d.para(&t!("The trip is at the middle of the plot."), 8.0, true);
    }
    if c.alarms.len() > ALARMS_LISTED {
        d.para(
            &t!(
                "... and { $more } more: `cmmctl journal { $file } --kind alarm_on` lists them all.",
                more = c.alarms.len() - ALARMS_LISTED,
                file = c.file.as_str()
            ),
            9.0,
            true,
        );
    }
}

fn protections_section(d: &mut Doc, c: &Commissioning) {
    d.heading(&t!("Protection tests"));
    let done = c.protections.iter().filter(|p| p.done()).count();
    d.para(
        &t!(
            "{ $passed } of { $tests } tests passed. A test ticks itself when the recording shows its alarm coming on; the time to stop is until the engine speed (or the frequency) read 0.",
            passed = done,
            tests = c.protections.len()
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
                    t!("PASS (recorded)"),
                    time(*t),
                    p.stopped_after_ms
                        .map_or_else(|| t!("stop not seen"), duration),
                    hand.as_ref().map(|h| h.1.clone()).unwrap_or_default(),
                ),
                (None, Some((t, note))) => {
                    (t!("PASS (by hand)"), time(*t), "-".into(), note.clone())
                }
                (None, None) => (t!("not tested"), "-".into(), "-".into(), String::new()),
            };
            vec![c.shown(&p.name).to_string(), result, when, stop, note]
        })
        .collect();
    d.table(
        &[
            Col(&t!("Test"), 150.0, Align::Left),
            Col(&t!("Result"), 85.0, Align::Left),
            Col(&t!("Time"), 95.0, Align::Left),
            Col(&t!("Time to stop"), 70.0, Align::Right),
            Col(&t!("Note"), 95.0, Align::Left),
        ],
        &rows,
    );
}

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
