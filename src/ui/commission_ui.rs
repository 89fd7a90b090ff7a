//! The Commissioning window of a target: who and where, the equipment and its counters, the
//! load steps started and ended by the engineer, the protection tests (ticked by the recording
//! or by hand) and the report. Everything typed goes to the recording through the core; what
//! is shown is read back from it, so the window and the report never disagree.

use super::file_dialog::{Ask, Purpose};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::app::command::Entry;
use crate::app::settings::StepPref;
use crate::app::{AppState, Command};
use crate::report::{self, Commissioning, DEVIATIONS, FIELD_GROUPS};

/// How often an open window reads the recording again (alarms tick tests by themselves).
const REFRESH: Duration = Duration::from_secs(3);

/// What the window keeps between frames.
#[derive(Debug, Default)]
pub struct CommissionView {
    /// What the file dialog said when it gave no file for the report (until the next try).
    pub report_note: Option<String>,
    /// A file asked for in the frame (the dialog opens after it).
    pub ask: Option<super::file_dialog::Ask>,
    /// Shown.
    pub open: bool,
    /// The fields as typed, for the target they were loaded for.
    drafts: BTreeMap<String, String>,
    loaded_for: Option<String>,
    /// Notes typed for tests ticked by hand.
    notes: BTreeMap<String, String>,
    /// A test of the engineer's own, to tick by hand, and its note.
    own_test: String,
    own_note: String,
    /// Report file (empty: ask with the save dialog).
    pub path: String,
    /// The report's language (`None`: the window's).
    pub report_lang: Option<crate::i18n::Lang>,
    /// "Make the report" was clicked with nothing entered: asking first.
    confirm_empty: bool,
    /// Where the window may be: the window's free area, above the status bar.
    pub area: Option<egui::Rect>,
    last_read: Option<Instant>,
    /// The Limits section.
    limits: super::limits_ui::LimitsView,
    /// The settings read from the panel.
    hand: super::hand_settings_ui::HandSettingsView,
    /// Ranges to read for a snapshot beside what the map names (a serial controller), as
    /// typed, and why they could not be read.
    snapshot_also: (String, Option<String>),
}

/// The fields typed and not yet in the recording: (field, value).
fn unsaved(v: &CommissionView, c: Option<&Commissioning>) -> Vec<(String, String)> {
    let stored = c.map(|c| &c.fields);
    v.drafts
        .iter()
        .filter(|(k, val)| {
            stored
                .and_then(|s| s.get(*k))
                .map_or(!val.is_empty(), |s| s != *val)
        })
        .map(|(k, val)| (k.clone(), val.clone()))
        .collect()
}

fn entry(target: &str, e: Entry) -> Command {
    Command::Commission {
        target: target.to_string(),
        entry: e,
    }
}

/// Draws the window for the selected target.
pub fn ui(
    ctx: &egui::Context,
    state: &AppState,
    selected: Option<&str>,
    steps: &mut Vec<StepPref>,
    v: &mut CommissionView,
    out: &mut Vec<Command>,
) {
    if !v.open {
        return;
    }
    let mut open = v.open;
    // Inside the window's free area (above the status bar and the recording's Note field),
    // whatever the screen: the sections scroll inside it.
    let area = v.area.unwrap_or_else(|| ctx.content_rect());
    let size = egui::vec2(
        660.0_f32.min(area.width()),
        (area.height() - 8.0).max(200.0),
    );
    egui::Window::new(t!("Commissioning"))
        .id(egui::Id::unique("commissioning_window"))
        .open(&mut open)
        .resizable(true)
        .default_size(size)
        .default_pos(area.min + egui::vec2((area.width() - size.x).max(0.0) / 2.0, 4.0))
        .min_width(size.x.min(480.0))
        .max_width(area.width())
        .max_height(area.height())
        .constrain_to(area)
        .show(ctx, |ui| {
            let Some(target) = selected.filter(|t| state.targets.contains_key(*t)) else {
                ui.label(t!("Select a modem or a serial target in the list first."));
                return;
            };
            let recording = state.recording.path.is_some();
            let read_only = state.offline.is_some();
            if !recording && !read_only {
                ui.colored_label(
                    egui::Color32::from_rgb(220, 120, 0),
                    t!(
                        "Nothing is being recorded: a commissioning is kept in the recording. \
                     Start the app without --no-record."
                    ),
                );
                return;
            }
            // Read the recording when the window opens, and again every few seconds.
            if v.last_read.is_none_or(|t| t.elapsed() >= REFRESH)
                || v.loaded_for.as_deref() != Some(target)
            {
                v.last_read = Some(Instant::now());
                out.push(Command::ReadCommissioning(target.to_string()));
            }
            ui.ctx().request_repaint_after(REFRESH);
            let t = &state.targets[target];
            ui.horizontal(|ui| {
                ui.heading(format!("{} ", t.hostname));
                ui.label(format!("{} · {}", target, t.moduletype));
                if read_only {
                    ui.weak(t!("(recording shown read-only: entries cannot be changed)"));
                }
            });
            let c = match state.commissioning.get(target) {
                Some(Ok(c)) => Some(c),
                Some(Err(e)) => {
                    ui.weak(t!(
                        "Not in the recording yet: { $reason }",
                        reason = e.as_str()
                    ));
                    None
                }
                None => {
                    ui.weak(t!("reading the recording…"));
                    None
                }
            };
            if v.loaded_for.as_deref() != Some(target)
                && let Some(c) = c
            {
                if v.loaded_for.is_some() {
                    // Another target: a report path typed for the last one is not this one's
                    // (making it would overwrite that report).
                    v.path.clear();
                    v.report_note = None;
                }
                v.drafts = c.fields.clone();
                v.loaded_for = Some(target.to_string());
            }
            // The report stays in view above the sections, in the same place.
            report_ui(ui, state, (target, c), v, out);
            let serial = state.targets.get(target).is_some_and(|t| t.is_serial());
            snapshots_ui(ui, (target, serial), c, &mut v.snapshot_also, out);
            ui.separator();
            egui::ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    people_ui(ui, target, c, read_only, v, out);
                    equipment_ui(ui, c);
                    steps_ui(ui, target, c, read_only, steps, out);
                    super::limits_ui::ui(ui, target, c, read_only, &mut v.limits, out);
                    protections_ui(ui, target, c, read_only, v, out);
                    let map = state.targets.get(target).map(|t| t.map.as_ref());
                    super::hand_settings_ui::ui(ui, target, map, c, read_only, &mut v.hand, out);
                });
        });
    v.open = open;
}

fn people_ui(
    ui: &mut egui::Ui,
    target: &str,
    c: Option<&Commissioning>,
    read_only: bool,
    v: &mut CommissionView,
    out: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(t!("Site, people, nameplates and load bank"))
        .id_salt("Site, people, nameplates and load bank")
        .default_open(true)
        .show(ui, |ui| {
            for (heading, group) in FIELD_GROUPS {
                ui.strong(crate::i18n::tr(heading));
                egui::Grid::new(("commission_fields", heading))
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (name, label) in group {
                            let l = ui.label(crate::i18n::tr(label));
                            let text = v.drafts.entry(name.to_string()).or_default();
                            ui.horizontal(|ui| {
                                ui.add_enabled(
                                    !read_only,
                                    egui::TextEdit::singleline(text).desired_width(320.0),
                                )
                                .labelled_by(l.id);
                                super::fonts::glyph_note(ui, text);
                            });
                            ui.end_row();
                        }
                    });
            }
            egui::Grid::new("commission_deviations")
                .num_columns(2)
                .show(ui, |ui| {
                    let l = ui.label(t!("Deviations"));
                    let text = v.drafts.entry(DEVIATIONS.to_string()).or_default();
                    ui.add_enabled(
                        !read_only,
                        egui::TextEdit::multiline(text)
                            .desired_rows(3)
                            .desired_width(320.0)
                            .hint_text(t!(
                                "what differs from the specification, and what is left to do"
                            )),
                    )
                    .labelled_by(l.id);
                    super::fonts::glyph_note(ui, text);
                    ui.end_row();
                });
            let changed = unsaved(v, c);
            ui.horizontal(|ui| {
                let save = ui.add_enabled(
                    !read_only && !changed.is_empty(),
                    egui::Button::new(t!("Save to the recording")),
                );
                if save.clicked() {
                    for (name, value) in changed.iter().cloned() {
                        out.push(entry(target, Entry::Field { name, value }));
                    }
                }
                if !changed.is_empty() {
                    ui.weak(t!("{ $count } not saved yet", count = changed.len()));
                }
            });
        });
}

fn shown(v: Option<f64>) -> String {
    v.map_or_else(|| "###".into(), |v| crate::i18n::num(v, 0))
}

fn equipment_ui(ui: &mut egui::Ui, c: Option<&Commissioning>) {
    egui::CollapsingHeader::new(t!("Equipment and counters"))
        .id_salt("Equipment and counters")
        .default_open(false)
        .show(ui, |ui| {
            let Some(c) = c else {
                ui.weak(t!("read from the recording once it has readings"));
                return;
            };
            egui::Grid::new("commission_equipment")
                .num_columns(2)
                .show(ui, |ui| {
                    for (k, val) in &c.equipment {
                        ui.weak(report::label(k));
                        ui.label(val);
                        ui.end_row();
                    }
                    for k in &c.counters {
                        ui.weak(format!("{} {}", report::label(&k.label), k.unit));
                        let when = |t: Option<i64>| t.map_or_else(|| "-".into(), report::time);
                        ui.label(t!(
                            "{ $start } at the start of the recording ({ $start_time }), { $end } at { $end_time }",
                            start = shown(k.start),
                            start_time = when(k.read_ms.0),
                            end = shown(k.end),
                            end_time = when(k.read_ms.1),
                        ));
                        ui.end_row();
                    }
                });
        });
}

fn steps_ui(
    ui: &mut egui::Ui,
    target: &str,
    c: Option<&Commissioning>,
    read_only: bool,
    steps: &mut Vec<StepPref>,
    out: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(t!("Load steps"))
        .id_salt("Load steps")
        .default_open(true)
        .show(ui, |ui| {
            let recorded = c.map(|c| c.steps.as_slice()).unwrap_or_default();
            // A step the genset's shutdown ended is over, whether or not End was clicked.
            let running = recorded.last().filter(|s| !s.ended && s.ended_by.is_none());
            let now = chrono::Utc::now().timestamp_millis();
            if let Some(r) = running {
                ui.horizontal(|ui| {
                    ui.strong(t!(
                        "Running: { $step } for { $duration }",
                        step = r.name.as_str(),
                        duration = report::duration(now - r.start_ms),
                    ));
                    if r.planned_s > 0 {
                        let left = i64::from(r.planned_s) * 1000 - (now - r.start_ms);
                        if left > 0 {
                            ui.label(t!(
                                "({ $duration } left)",
                                duration = report::duration(left)
                            ));
                        } else {
                            ui.colored_label(
                                egui::Color32::from_rgb(60, 160, 60),
                                t!("(planned time reached)"),
                            );
                        }
                    }
                    if ui
                        .add_enabled(!read_only, egui::Button::new(t!("End the step")))
                        .clicked()
                    {
                        out.push(entry(target, Entry::StepEnd));
                    }
                });
            } else {
                // The same line when no step runs: the step buttons below never move.
                ui.horizontal(|ui| {
                    ui.weak(t!("No step running"));
                    ui.add_enabled(false, egui::Button::new(t!("End the step")));
                });
            }
            let plan = report::steps::plan_value(
                &steps
                    .iter()
                    .map(|s| (s.name.trim().to_string(), s.minutes * 60))
                    .collect::<Vec<_>>(),
            );
            let stored_plan = c
                .and_then(|c| c.fields.get(report::steps::PLAN))
                .map(String::as_str);
            let mut remove = None;
            egui::Grid::new("commission_steps")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    ui.strong(t!("Step"));
                    ui.strong(t!("Minutes"));
                    recorded_cell(ui, egui::RichText::new(t!("Recorded")).strong());
                    ui.strong("");
                    ui.end_row();
                    for (i, s) in steps.iter_mut().enumerate() {
                        ui.add_sized([110.0, 20.0], egui::TextEdit::singleline(&mut s.name));
                        ui.add(egui::DragValue::new(&mut s.minutes).range(0..=1440));
                        let done: Vec<&report::Step> =
                            recorded.iter().filter(|r| r.name == s.name).collect();
                        match done.last() {
                            Some(r) => {
                                let kw = r
                                    .stats
                                    .iter()
                                    .find(|x| x.label == "Active power")
                                    .and_then(|x| x.mean)
                                    .map(|m| {
                                        format!(
                                            ", {}",
                                            t!("mean { $kw } kW", kw = crate::i18n::num(m, 1))
                                        )
                                    })
                                    .unwrap_or_default();
                                let ended = r.ended || r.ended_by.is_some();
                                let lasted = if ended { r.end_ms } else { now } - r.start_ms;
                                let status = if ended {
                                    report::step_status(r) + &verdict(c, r)
                                } else {
                                    format!(" {}", t!("(running)"))
                                };
                                let text = format!(
                                    "{} {}{kw}{status}",
                                    report::time(r.start_ms),
                                    report::duration(lasted),
                                );
                                recorded_cell(ui, text.into());
                            }
                            None => recorded_cell(ui, egui::RichText::new("—").weak()),
                        }
                        ui.horizontal(|ui| {
                            let is_running = running.is_some_and(|r| r.name == s.name);
                            let start = ui
                                .add_enabled(
                                    !read_only && !is_running && !s.name.trim().is_empty(),
                                    egui::Button::new(t!("Start step")),
                                )
                                .on_hover_text(t!("Start this step now (ends the running one)"));
                            if start.clicked() {
                                // The plan goes with the steps, so the report lists those not run.
                                if stored_plan != Some(plan.as_str()) {
                                    out.push(entry(
                                        target,
                                        Entry::Field {
                                            name: report::steps::PLAN.to_string(),
                                            value: plan.clone(),
                                        },
                                    ));
                                }
                                out.push(entry(
                                    target,
                                    Entry::StepStart {
                                        name: s.name.trim().to_string(),
                                        planned_s: s.minutes * 60,
                                    },
                                ));
                            }
                            if ui
                                .small_button(t!("Remove"))
                                .on_hover_text(t!("Remove from the plan"))
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                        ui.end_row();
                    }
                });
            if let Some(i) = remove {
                steps.remove(i);
            }
            ui.horizontal(|ui| {
                if ui.button(t!("Add a step")).clicked() {
                    steps.push(StepPref {
                        name: t!("Step { $number }", number = steps.len() + 1),
                        minutes: 15,
                    });
                }
                if ui.button(t!("Default steps")).clicked() {
                    *steps = crate::app::settings::default_steps();
                }
            });
        });
}

/// A cell of the Recorded column: of one width, elided (whole on hover), so that the step
/// buttons beside it stay where they are as a step runs.
fn recorded_cell(ui: &mut egui::Ui, text: egui::RichText) {
    let size = egui::vec2(240.0, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_width(size.x);
        ui.add(egui::Label::new(text).truncate());
    });
}

/// A step's word on its limits: `; within limits` or `; FAIL: Frequency`.
fn verdict(c: Option<&Commissioning>, s: &report::Step) -> String {
    let Some(c) = c else { return String::new() };
    let failed = report::limits::failures(&report::limits::Limits::of(c), s);
    if failed.is_empty() {
        format!("; {}", t!("within limits"))
    } else {
        format!("; {}", t!("FAIL: { $limits }", limits = failed.join(", ")))
    }
}

fn protections_ui(
    ui: &mut egui::Ui,
    target: &str,
    c: Option<&Commissioning>,
    read_only: bool,
    v: &mut CommissionView,
    out: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(t!("Protection tests"))
        .id_salt("Protection tests")
        .default_open(true)
        .show(ui, |ui| {
            let Some(c) = c else {
                ui.weak(t!("read from the recording once it has readings"));
                return;
            };
            let done = c.protections.iter().filter(|p| p.done()).count();
            ui.label(t!(
                "{ $done } of { $total } passed. A test ticks itself when the recording shows its alarm coming on.",
                done = done,
                total = c.protections.len(),
            ));
            egui::Grid::new("commission_protections")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for p in &c.protections {
                        ui.label(&p.name);
                        match (&p.seen_ms, &p.by_hand) {
                            (Some(t), _) => {
                                let stop = p.stopped_after_ms.map_or_else(
                                    || t!("stop not seen"),
                                    |ms| t!("stopped after { $duration }", duration = report::duration(ms)),
                                );
                                ui.colored_label(
                                    egui::Color32::from_rgb(60, 160, 60),
                                    t!(
                                        "Passed, recorded { $time }, { $stop }",
                                        time = report::time(*t),
                                        stop = stop,
                                    ),
                                );
                                ui.label("");
                            }
                            (None, Some((t, note))) => {
                                ui.colored_label(
                                    egui::Color32::from_rgb(60, 160, 60),
                                    if note.trim().is_empty() {
                                        t!("Passed by hand { $time }", time = report::time(*t))
                                    } else {
                                        t!(
                                            "Passed by hand { $time }: { $note }",
                                            time = report::time(*t),
                                            note = note.as_str(),
                                        )
                                    },
                                );
                                if ui.add_enabled(!read_only, egui::Button::new(t!("Undo"))).clicked() {
                                    out.push(entry(target, Entry::ProtectionClear { test: p.name.clone() }));
                                }
                            }
                            (None, None) => {
                                let note = v.notes.entry(p.name.clone()).or_default();
                                ui.add_enabled_ui(!read_only, |ui| {
                                    ui.add_sized(
                                        [220.0, 20.0],
                                        egui::TextEdit::singleline(note).hint_text(t!("how it was tested")),
                                    )
                                });
                                if ui
                                    .add_enabled(!read_only, egui::Button::new(t!("Passed")))
                                    .on_hover_text(t!("Tick by hand, with the note"))
                                    .clicked()
                                {
                                    let note = v.notes.remove(&p.name).unwrap_or_default();
                                    out.push(entry(target, Entry::Protection { test: p.name.clone(), note }));
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                ui.add_enabled(
                    !read_only,
                    egui::TextEdit::singleline(&mut v.own_test)
                        .desired_width(200.0)
                        .hint_text(t!("another test (e.g. load rejection)")),
                );
                ui.add_enabled(
                    !read_only,
                    egui::TextEdit::singleline(&mut v.own_note)
                        .desired_width(200.0)
                        .hint_text(t!("how it was tested")),
                );
                super::fonts::glyph_note(ui, &format!("{}{}", v.own_test, v.own_note));
                if ui
                    .add_enabled(!read_only && !v.own_test.trim().is_empty(), egui::Button::new(t!("Passed")))
                    .clicked()
                {
                    let test = std::mem::take(&mut v.own_test).trim().to_string();
                    let note = std::mem::take(&mut v.own_note).trim().to_string();
                    out.push(entry(target, Entry::Protection { test, note }));
                }
            });
        });
}

/// As found, as left: a snapshot of every value the target reports, kept in the recording
/// to compare (the report's "Changed during the visit").
fn snapshots_ui(
    ui: &mut egui::Ui,
    (target, serial): (&str, bool),
    c: Option<&Commissioning>,
    (also, problem): &mut (String, Option<String>),
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(t!("Snapshot"));
        for label in SNAPSHOT_LABELS {
            let shown = crate::i18n::tr(label);
            let what = if serial {
                t!(
                    "Read every block the map names (and the ranges beside) and keep the values, labelled \"{ $label }\", to compare",
                    label = shown.as_str(),
                )
            } else {
                t!(
                    "Keep every value the target reports now, labelled \"{ $label }\", to compare",
                    label = shown.as_str(),
                )
            };
            if ui.button(shown).on_hover_text(what).clicked()
            {
                let ranges: Result<Vec<_>, String> = also
                    .split(',')
                    .filter(|r| !r.trim().is_empty())
                    .map(crate::journal::snapshot::ReadRange::parse)
                    .collect();
                match ranges {
                    Ok(also) => {
                        *problem = None;
                        out.push(entry(
                            target,
                            Entry::Snapshot {
                                label: label.to_string(),
                                also,
                            },
                        ));
                    }
                    Err(e) => *problem = Some(e),
                }
            }
        }
        if serial {
            let l = ui.label(t!("also read"));
            ui.add(
                egui::TextEdit::singleline(also)
                    .desired_width(140.0)
                    .hint_text("03:0x1000+64, ..."),
            )
            .labelled_by(l.id)
            .on_hover_text(t!(
                "Ranges the map does not name: read function, first address, how many"
            ));
        }
        if let Some(p) = problem {
            ui.colored_label(egui::Color32::from_rgb(220, 60, 50), p.as_str());
        }
        if let Some(v) = c.and_then(|c| c.visit.as_ref()) {
            let changed: Vec<String> = v
                .differences
                .iter()
                .filter(|d| !d.measured)
                .map(|d| format!("{}: {} → {}", d.name, d.a, d.b))
                .collect();
            let label = ui.weak(t!(
                "commission-visit-differences",
                from = snapshot_label(&v.from.label),
                to = snapshot_label(&v.to.label),
                n = changed.len(),
            ));
            if !changed.is_empty() {
                label.on_hover_text(changed.join("\n"));
            }
        }
    });
}

/// The labels of the snapshots the window takes, as kept in the recording (in English: the
/// report and the CLI compare by them); shown in the window's language.
const SNAPSHOT_LABELS: [&str; 2] = [n!("as found"), n!("as left")];

/// A snapshot's label as shown: one of the window's in the window's language, any other as
/// it was given.
fn snapshot_label(label: &str) -> String {
    SNAPSHOT_LABELS
        .iter()
        .find(|l| **l == label)
        .map_or_else(|| label.to_string(), |l| crate::i18n::tr(l))
}

/// The name a report is offered under: `commissioning-NAME-DATE.pdf`, the target's name
/// (its id when it has none) made safe for a file name.
fn report_name(state: &AppState, target: &str) -> String {
    let name = state
        .targets
        .get(target)
        .map(|t| t.hostname.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| target.replace(':', "-"));
    format!(
        "commissioning-{}-{}.pdf",
        name.replace(['/', '\\', ' '], "_"),
        chrono::Local::now().format("%Y-%m-%d")
    )
}

fn report_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    (target, c): (&str, Option<&Commissioning>),
    v: &mut CommissionView,
    out: &mut Vec<Command>,
) {
    let lang = v.report_lang.unwrap_or_else(crate::i18n::lang);
    // What is typed is what the report shows: fields not saved yet are saved first.
    let pending = unsaved(v, c);
    let make = |v: &mut CommissionView, out: &mut Vec<Command>| {
        v.report_note = None;
        for (name, value) in pending.iter().cloned() {
            out.push(entry(target, Entry::Field { name, value }));
        }
        match v.path.trim() {
            "" => {
                v.ask = Some(Ask {
                    purpose: Purpose::Report(target.to_string(), lang),
                    title: n!("Save the commissioning report"),
                    filter: ("PDF", &["pdf"]),
                    save_as: Some(report_name(state, target)),
                })
            }
            p => out.push(Command::Report {
                target: target.to_string(),
                path: p.into(),
                lang,
            }),
        }
    };
    ui.horizontal(|ui| {
        let l = ui.label(t!("Report file"));
        ui.add(
            egui::TextEdit::singleline(&mut v.path)
                .desired_width(300.0)
                .hint_text(t!("ask where (save dialog)")),
        )
        .labelled_by(l.id);
        let l = ui.label(t!("in"));
        egui::ComboBox::from_id_salt("report_lang")
            .selected_text(lang.native_name())
            .show_ui(ui, |ui| {
                for each in crate::i18n::Lang::ALL {
                    if ui
                        .selectable_label(lang == each, each.native_name())
                        .clicked()
                    {
                        v.report_lang = Some(each);
                    }
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text(t!("The report's language, whatever the window's"));
        if ui
            .button(t!("Make the report"))
            .on_hover_text(t!("PDF, with the load steps as CSV beside it"))
            .clicked()
        {
            if c.is_some_and(|c| c.entries == 0) && pending.is_empty() {
                v.confirm_empty = true;
            } else {
                make(v, out);
            }
        }
    });
    if v.confirm_empty {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                egui::Color32::from_rgb(220, 120, 0),
                t!(
                    "Nothing entered for this target: { $warning }",
                    warning = crate::i18n::tr(report::EMPTY_WARNING),
                ),
            );
            if ui.button(t!("Make it anyway")).clicked() {
                v.confirm_empty = false;
                make(v, out);
            }
            if ui.button(t!("Cancel")).clicked() {
                v.confirm_empty = false;
            }
        });
    }
    match (&v.report_note, &state.report_result) {
        (Some(note), _) => {
            ui.colored_label(egui::Color32::from_rgb(220, 120, 0), note);
        }
        (None, Some(Ok(text))) => {
            ui.label(text);
        }
        (None, Some(Err(e))) => {
            ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.to_string());
        }
        (None, None) => {}
    }
}
