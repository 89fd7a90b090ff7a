//! The Journal tab: what happened to the selected target, read from the recording (the one
//! being written, or the one shown), one row per event with the key values at that moment;
//! the first-out alarm marked. A click on a row shows the plots a minute either side of it,
//! with the engine's speed, frequency and power plotted if they were not (and, for a recording
//! shown, moves to that moment).

use std::time::{Duration, Instant};

use eframe::egui;

use crate::app::AppState;
use crate::journal::{Kind, Row};

/// How often the journal of a recording being written is read again while shown.
const FRESH_FOR: Duration = Duration::from_secs(10);

/// Seconds shown either side of a row clicked.
pub const AROUND_S: f64 = 60.0;

/// The values plotted around a row clicked (by map role), when they were not yet.
pub const PLOTTED_AROUND: [&str; 3] = ["speed", "gen_frequency", "active_power"];

/// What the tab remembers.
#[derive(Debug, Default)]
pub struct JournalView {
    /// Only rows of this kind (`None`: all).
    pub kind: Option<Kind>,
    /// The target last asked for, and when.
    asked: Option<(String, Instant)>,
    /// The row last clicked (its time).
    pub clicked: Option<i64>,
}

/// What the tab asks of the view.
#[derive(Debug, Clone, PartialEq)]
pub enum JournalAction {
    /// Read the journal of this target from the recording.
    Read(String),
    /// Show the plots (and a recording shown) around this moment (ms).
    Show(i64),
}

/// Draws the tab for `target`.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    target: Option<&str>,
    v: &mut JournalView,
) -> Option<JournalAction> {
    let Some(target) = target else {
        ui.label(t!("Select a target to see its journal."));
        return None;
    };
    if !state.has_recording() {
        ui.label(t!(
            "The journal is read from the recording, and nothing is being recorded (the app \
             was started without one)."
        ));
        return None;
    }
    let mut action = None;
    // Read when the target changes, and again now and then while a recording is written.
    let live = state.offline.is_none();
    let stale = match &v.asked {
        Some((t, at)) => t != target || (live && at.elapsed() >= FRESH_FOR),
        None => true,
    };
    if stale {
        v.asked = Some((target.to_string(), Instant::now()));
        action = Some(JournalAction::Read(target.to_string()));
    }
    if live {
        ui.ctx().request_repaint_after(FRESH_FOR);
    }
    let read = state.journal.as_ref().filter(|j| j.target == target);
    ui.horizontal(|ui| {
        ui.label(t!("Show"));
        egui::ComboBox::from_id_salt("journal_kind")
            .selected_text(v.kind.map_or_else(|| t!("every kind"), kind_name))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut v.kind, None, t!("every kind"));
                for k in Kind::ALL {
                    ui.selectable_value(&mut v.kind, Some(k), kind_name(k));
                }
            });
        if ui
            .button(t!("Read again"))
            .on_hover_text(t!("Read the journal from the recording now"))
            .clicked()
        {
            v.asked = Some((target.to_string(), Instant::now()));
            action = Some(JournalAction::Read(target.to_string()));
        }
        match read.map(|r| &r.rows) {
            Some(Ok(rows)) => {
                let shown = rows
                    .iter()
                    .filter(|r| v.kind.is_none_or(|k| r.kind == k))
                    .count();
                if shown == rows.len() {
                    ui.label(t!("journal-events", n = rows.len()));
                } else {
                    ui.label(t!("journal-events-shown", shown = shown, n = rows.len()));
                }
            }
            Some(Err(e)) => {
                ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
            }
            None => {
                ui.label(t!("reading…"));
            }
        }
    });
    let Some(Ok(rows)) = read.map(|r| &r.rows) else {
        return action;
    };
    let shown: Vec<&Row> = rows
        .iter()
        .filter(|r| v.kind.is_none_or(|k| r.kind == k))
        .collect();
    if shown.is_empty() {
        ui.label(t!("Nothing of this kind recorded for this target."));
        return action;
    }
    let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .stick_to_bottom(true)
        .show_rows(ui, height, shown.len(), |ui, range| {
            egui::Grid::new("journal_rows")
                .num_columns(4)
                .striped(true)
                .spacing([10.0, 2.0])
                .show(ui, |ui| {
                    for r in &shown[range] {
                        if row_ui(ui, r, v.clicked == Some(r.t_ms)) {
                            v.clicked = Some(r.t_ms);
                            action = Some(JournalAction::Show(r.t_ms));
                        }
                        ui.end_row();
                    }
                });
        });
    action
}

/// One row: time, kind, what (clickable), the key values. True when clicked.
fn row_ui(ui: &mut egui::Ui, r: &Row, selected: bool) -> bool {
    use chrono::TimeZone;
    let time = chrono::Local
        .timestamp_millis_opt(r.t_ms)
        .single()
        .map_or_else(
            || r.t_ms.to_string(),
            |t| t.format("%H:%M:%S%.3f").to_string(),
        );
    ui.monospace(time);
    ui.label(kind_name(r.kind));
    let mut what = r.text.clone();
    if let Some(k) = r.alarm {
        what += &format!(" ({})", super::overview_ui::kind_name(k));
    }
    let mut text = egui::RichText::new(what);
    if r.first_out.is_some_and(|n| n > 0) || r.alarm.is_some() && r.kind == Kind::AlarmOn {
        text = text.strong();
    }
    let mut hover = t!("Show ±60 s: the plots around this moment");
    if let Some(n) = r.first_out.filter(|n| *n > 0) {
        let first_out = t!("First-out: { $count } more came on after it.", count = n);
        hover = format!("{first_out} {hover}");
    }
    if let Some(first) = &r.came_with {
        let came_on = t!(
            "Came on after { $first }, the first-out.",
            first = first.as_str()
        );
        hover = format!("{came_on} {hover}");
    }
    let clicked = ui.horizontal(|ui| {
        let c = ui
            .selectable_label(selected, text)
            .on_hover_text(hover)
            .clicked();
        if let Some(n) = r.first_out.filter(|n| *n > 0) {
            ui.label(egui::RichText::new(crate::journal::first_out_mark(n)).strong());
        }
        if let Some(first) = &r.came_with {
            ui.weak(t!("after { $first }", first = first.as_str()));
        }
        c
    });
    // The engine at a glance; every key value on hover. A value this reading changed reads
    // "1500.0 → 0.0": what it was just before, and now.
    let said = |v: &crate::journal::Reading| {
        let value = v.value?;
        let was = v
            .change
            .filter(|c| c.abs() >= 0.05)
            .map(|c| format!("{} → ", crate::i18n::num(value - c, 1)))
            .unwrap_or_default();
        Some(format!(
            "{} {was}{value:.1}{}",
            crate::i18n::tr(v.label),
            unit(&v.unit)
        ))
    };
    let glance: Vec<String> = r
        .values
        .iter()
        .filter(|v| AT_A_GLANCE.contains(&v.label))
        .filter_map(said)
        .collect();
    let all: Vec<String> = r.values.iter().filter_map(said).collect();
    ui.add(egui::Label::new(glance.join("  ·  ")).truncate())
        .on_hover_text(all.join("\n"));
    clicked.inner
}

/// A kind of row in words, in the window's language (the CLI's names in English).
fn kind_name(k: Kind) -> String {
    match k {
        Kind::AlarmOn => t!("alarm_on"),
        Kind::AlarmOff => t!("alarm_off"),
        Kind::Mode => t!("mode"),
        Kind::Status => t!("status"),
        Kind::Breaker => t!("breaker"),
        Kind::Mains => t!("mains"),
        Kind::Start => t!("start"),
        Kind::Stop => t!("stop"),
        Kind::Command => t!("command"),
        Kind::Verdict => t!("verdict"),
        Kind::Link => t!("link"),
        Kind::Marker => t!("marker"),
    }
}

/// The key values a row shows (the others on hover).
const AT_A_GLANCE: [&str; 3] = ["Engine speed", "Frequency", "Active power"];

fn unit(u: &str) -> String {
    if u.is_empty() {
        String::new()
    } else {
        format!(" {u}")
    }
}
