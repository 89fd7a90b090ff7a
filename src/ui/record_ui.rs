//! The recording in the window: where it goes and how it does (status bar), a marker with a
//! note, and the CSV export window.

use std::path::PathBuf;

use eframe::egui;

use crate::app::command::ExportSpec;
use crate::app::{AppState, Command, CoreError, StepTo};
use crate::store::dialect::{Dialect, user_uses_decimal_comma};
use crate::store::export::{Format, parse_time};

use super::typing::LATE_KEYS;

/// What the recording controls keep between frames.
#[derive(Debug, Default)]
pub struct RecordView {
    /// The note typed for the next marker.
    pub note: String,
    /// When the marker clicked is put in (input time, s): a moment after the click when the
    /// note was being typed.
    pub mark_at: Option<f64>,
    /// Export window shown.
    pub export_open: bool,
    /// "Save a copy" window shown.
    pub copy_open: bool,
    /// The copy's from, to and file (empty: the start, the end, the save dialog).
    pub copy_fields: [String; 3],
    /// The copy keeps only the selected target.
    pub copy_selected_only: bool,
    /// Why the last Save was refused here.
    pub copy_error: Option<String>,
    /// From (empty: the start).
    pub from: String,
    /// To (empty: now).
    pub to: String,
    /// Only the plotted values (else all).
    pub plotted_only: bool,
    /// Layout.
    pub long: bool,
    /// UTC times.
    pub utc: bool,
    /// For a spreadsheet opened by double-click (byte-order mark, `;`, the locale's decimals).
    pub excel: bool,
    /// File to write (empty: ask with the save dialog).
    pub path: String,
    /// Why the last Export was refused here.
    pub error: Option<String>,
    /// The moment chosen on a recording shown read-only (ms).
    pub at: i64,
    /// The plot was fitted to the recording's span.
    pub fitted: bool,
    /// The moment typed on a recording shown read-only.
    pub typed_at: String,
    /// The moment the core last showed, followed by [`RecordView::at`].
    pub shown_at: Option<i64>,
}

/// The status bar's part: the file, records written and lost, a failure; a marker button.
pub fn status_ui(ui: &mut egui::Ui, state: &AppState, v: &mut RecordView, out: &mut Vec<Command>) {
    let r = &state.recording;
    match &r.path {
        Some(p) => {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            ui.label(format!("Recording {name}: {} kept", r.written))
                .on_hover_text(p.display().to_string());
            if r.lost > 0 {
                ui.colored_label(
                    egui::Color32::from_rgb(220, 120, 0),
                    format!("{} lost", r.lost),
                );
            }
        }
        None => {
            ui.label("Not recording");
        }
    }
    if let Some(e) = &r.error {
        ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
    }
    if r.path.is_some() {
        mark_ui(ui, v, out);
    } else {
        v.mark_at = None;
    }
}

/// The note and the Mark button. A Mark clicked straight from the note waits for the keys
/// typed just before the click that an input method may still be handing over
/// ([`LATE_KEYS`]), so that the marker has the whole note.
fn mark_ui(ui: &mut egui::Ui, v: &mut RecordView, out: &mut Vec<Command>) {
    let l = ui.label("Note");
    let note = ui
        .add(
            egui::TextEdit::singleline(&mut v.note)
                .desired_width(140.0)
                .hint_text("for the marker"),
        )
        .labelled_by(l.id);
    let now = ui.input(|i| i.time);
    let mark = ui
        .button("Mark")
        .on_hover_text("Put a marker with this note in the recording");
    if mark.clicked() && v.mark_at.is_none() {
        let typing = note.has_focus() || note.lost_focus();
        v.mark_at = Some(if typing { now + LATE_KEYS } else { now });
    }
    match v.mark_at {
        Some(at) if now >= at => {
            v.mark_at = None;
            out.push(Command::Mark(std::mem::take(&mut v.note)));
        }
        Some(at) => ui.ctx().request_repaint_after_secs((at - now) as f32),
        None => {}
    }
}

/// The bar of a recording shown read-only: its file, what is wrong with it if anything, steps
/// to the previous and next event and reading, a typed moment, and a slider over its time span
/// as wide as the window; the values, plots and timeline show the moment chosen. A reading
/// step goes by the readings of `selected` (of any target when none is selected).
pub fn offline_ui(
    ui: &mut egui::Ui,
    o: &crate::app::offline::OfflineStatus,
    selected: Option<&str>,
    v: &mut RecordView,
    plot: &mut super::plot_ui::PlotView,
    out: &mut Vec<Command>,
) {
    for problem in [&o.problem, &o.unreadable].into_iter().flatten() {
        ui.colored_label(egui::Color32::from_rgb(220, 60, 50), problem);
    }
    let Some((start, end)) = o.span else {
        ui.label(format!(
            "{}: no readings in this recording",
            o.path.display()
        ));
        return;
    };
    // An event may lie beyond the readings (a modem going offline after its last reading):
    // the slider reaches the moment shown, or it would wait for it forever.
    let (start, end) = if o.at_ms > 0 {
        (start.min(o.at_ms), end.max(o.at_ms))
    } else {
        (start, end)
    };
    if !v.fitted {
        v.fitted = true;
        plot.fit = Some((start as f64 / 1000.0, end as f64 / 1000.0));
    }
    // The moment follows what the core shows (a step's moment is found there), except while
    // the slider is held.
    if v.shown_at != Some(o.at_ms) && !ui.input(|i| i.pointer.any_down()) {
        v.shown_at = Some(o.at_ms);
        v.at = o.at_ms;
    }
    let when = |ms: i64| crate::store::export::iso_time(ms, false);
    ui.horizontal(|ui| {
        ui.strong("Recording (read-only)");
        ui.label(o.path.display().to_string());
        ui.separator();
        ui.monospace(when(v.at));
        if o.at_ms != v.at {
            ui.weak("reading…");
        }
    });
    let mut seek = None;
    ui.horizontal(|ui| {
        steps_ui(ui, (start, end), selected, v, out);
        if let Some(t) = typed_moment_ui(ui, v) {
            seek = Some(t.clamp(start, end));
        }
    });
    // The slider has a row of its own, the window's width: on a long recording each pixel
    // is a short time.
    let width = ui.available_width().max(100.0);
    ui.spacing_mut().slider_width = width;
    let slider = egui::Slider::new(&mut v.at, start..=end)
        .show_value(false)
        .trailing_fill(true);
    let r = ui.add_sized([width, 18.0], slider);
    let value = v.at as f64;
    r.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::Role::Slider, true, "Moment in the recording");
        info.value = Some(value);
        info
    });
    if r.drag_stopped() || (r.changed() && !r.dragged()) {
        seek = Some(v.at);
    }
    if let Some(t) = seek {
        v.at = t;
        out.push(Command::Seek(t));
    }
    if let Some(e) = &v.error {
        ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
    }
}

/// The previous and next event and reading: steps the core finds in the file (the timeline
/// beside the plots is read only while something is plotted).
fn steps_ui(
    ui: &mut egui::Ui,
    (start, end): (i64, i64),
    selected: Option<&str>,
    v: &RecordView,
    out: &mut Vec<Command>,
) {
    let whose = selected.unwrap_or("any target");
    let reading = || StepTo::Reading(selected.map(str::to_string));
    let buttons = [
        (
            "Previous event",
            false,
            StepTo::Event,
            "The previous alarm, command, marker or link change".to_string(),
        ),
        (
            "-1 reading",
            false,
            reading(),
            format!("The previous reading recorded of {whose}"),
        ),
        (
            "+1 reading",
            true,
            reading(),
            format!("The next reading recorded of {whose}"),
        ),
        (
            "Next event",
            true,
            StepTo::Event,
            "The next alarm, command, marker or link change".to_string(),
        ),
    ];
    for (label, later, to, hint) in buttons {
        // Events may lie beyond the readings' span: only the file's ends are certain.
        let open = to == StepTo::Event || (if later { v.at < end } else { v.at > start });
        if ui
            .add_enabled(open, egui::Button::new(label))
            .on_hover_text(hint)
            .clicked()
        {
            out.push(Command::Step {
                from_ms: v.at,
                later,
                to,
            });
        }
    }
}

/// The moment typed (taken with Enter); a time that cannot be read is said below the bar.
fn typed_moment_ui(ui: &mut egui::Ui, v: &mut RecordView) -> Option<i64> {
    let l = ui.label("Moment");
    let typed = ui
        .add(
            egui::TextEdit::singleline(&mut v.typed_at)
                .desired_width(170.0)
                .hint_text("YYYY-MM-DD hh:mm:ss"),
        )
        .labelled_by(l.id);
    if !(typed.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
        return None;
    }
    match parse_time(&v.typed_at) {
        Ok(t) => {
            v.error = None;
            Some(t)
        }
        Err(e) => {
            v.error = Some(e.to_string());
            None
        }
    }
}

/// The export window.
pub fn export_ui(
    ctx: &egui::Context,
    state: &AppState,
    v: &mut RecordView,
    out: &mut Vec<Command>,
) {
    let mut open = v.export_open;
    egui::Window::new("Export CSV")
        .open(&mut open)
        .resizable(false)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Grid::new("export_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    fields_ui(
                        ui,
                        [
                            ("From", &mut v.from, "the start (or 2026-11-24 10:15)"),
                            ("To", &mut v.to, "now"),
                            ("File", &mut v.path, "ask where (save dialog)"),
                        ],
                    );
                    ui.label("Values");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut v.plotted_only, true, "the plotted ones");
                        ui.radio_value(&mut v.plotted_only, false, "all");
                    });
                    ui.end_row();
                    ui.label("Layout");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut v.long, false, "wide (a column per value)");
                        ui.radio_value(&mut v.long, true, "long (a row per change)");
                    });
                    ui.end_row();
                    ui.label("Times");
                    ui.checkbox(&mut v.utc, "UTC (else local time with its offset)");
                    ui.end_row();
                    ui.label("For");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut v.excel, true, "a spreadsheet (Excel)")
                            .on_hover_text(
                                "Opens right by double-click: °C, Ω and non-Latin names, \
                                 ; between fields, this computer's decimal mark",
                            );
                        ui.radio_value(&mut v.excel, false, "scripts (plain CSV)")
                            .on_hover_text("Comma-separated, decimal point, no byte-order mark");
                    });
                    ui.end_row();
                });
            if ui.button("Export").clicked() {
                match spec(state, v) {
                    Ok(spec) => {
                        v.error = None;
                        let path =
                            (!v.path.trim().is_empty()).then(|| PathBuf::from(v.path.trim()));
                        out.push(Command::Export { path, spec });
                    }
                    Err(e) => v.error = Some(e),
                }
            }
            if let Some(e) = &v.error {
                ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
            }
            outcome_ui(ui, None, state.export_result.as_ref());
        });
    v.export_open = open;
}

/// Rows of labelled text fields (From, To, File) in a window's grid.
fn fields_ui<const N: usize>(ui: &mut egui::Ui, fields: [(&str, &mut String, &str); N]) {
    for (label, text, hint) in fields {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .desired_width(260.0)
                .hint_text(hint),
        )
        .labelled_by(l.id);
        ui.end_row();
    }
}

/// Why the window refused, or else how the last export or copy went (an earlier outcome is not
/// shown beside a refusal).
fn outcome_ui(
    ui: &mut egui::Ui,
    refused: Option<&str>,
    result: Option<&Result<String, CoreError>>,
) {
    let red = egui::Color32::from_rgb(220, 60, 50);
    match (refused, result) {
        (Some(e), _) => {
            ui.colored_label(red, e);
        }
        (None, Some(Ok(text))) => {
            ui.label(text);
        }
        (None, Some(Err(e))) => {
            ui.colored_label(red, e.to_string());
        }
        (None, None) => {}
    }
}

/// A time typed in a field: `None` when empty.
fn time(field: &str, text: &str) -> Result<Option<i64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    parse_time(t).map(Some).map_err(|e| format!("{field}: {e}"))
}

/// The "Save a copy" window: the whole recording, or a time range of it, or one target of it,
/// as one file to hand over.
pub fn copy_ui(
    ctx: &egui::Context,
    state: &AppState,
    selected: Option<&str>,
    v: &mut RecordView,
    out: &mut Vec<Command>,
) {
    let mut open = v.copy_open;
    egui::Window::new("Save a copy of the recording")
        .open(&mut open)
        .resizable(false)
        .constrain(true)
        .show(ctx, |ui| {
            let [from, to, path] = &mut v.copy_fields;
            egui::Grid::new("copy_grid").num_columns(2).show(ui, |ui| {
                fields_ui(
                    ui,
                    [
                        ("From", from, "the start (or YYYY-MM-DD hh:mm:ss)"),
                        ("To", to, "the end"),
                        ("File", path, "ask where (save dialog)"),
                    ],
                );
                ui.label("Targets");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut v.copy_selected_only, false, "all");
                    let name = selected
                        .and_then(|s| state.targets.get(s))
                        .map(|t| format!("only {}", t.hostname));
                    ui.add_enabled_ui(name.is_some(), |ui| {
                        ui.radio_value(
                            &mut v.copy_selected_only,
                            true,
                            name.unwrap_or_else(|| "only the selected one".into()),
                        );
                    });
                });
                ui.end_row();
            });
            if ui.button("Save").clicked() {
                match copy_cut(v, selected) {
                    Ok(cut) => {
                        v.copy_error = None;
                        let p = v.copy_fields[2].trim();
                        let path = (!p.is_empty()).then(|| PathBuf::from(p));
                        out.push(Command::SaveCopy(path, cut));
                    }
                    Err(e) => v.copy_error = Some(e),
                }
            }
            outcome_ui(ui, v.copy_error.as_deref(), state.copy_result.as_ref());
        });
    v.copy_open = open;
}

/// The cut the "Save a copy" window describes.
fn copy_cut(v: &RecordView, selected: Option<&str>) -> Result<crate::app::CopyCut, String> {
    let (from_ms, to_ms) = (
        time("From", &v.copy_fields[0])?,
        time("To", &v.copy_fields[1])?,
    );
    if let (Some(a), Some(b)) = (from_ms, to_ms)
        && a > b
    {
        return Err("From is after To".into());
    }
    let targets = match (v.copy_selected_only, selected) {
        (true, Some(t)) => vec![t.to_string()],
        (true, None) => return Err("no target is selected".into()),
        (false, _) => Vec::new(),
    };
    Ok(crate::app::CopyCut {
        from_ms,
        to_ms,
        targets,
    })
}

/// The export as the window describes it; the values named as the map names them.
fn spec(state: &AppState, v: &RecordView) -> Result<ExportSpec, String> {
    let values = if v.plotted_only {
        let names: Vec<String> = state
            .plotted
            .keys()
            .filter_map(|(h, table, addr)| {
                let t = state.targets.get(h)?;
                Some(
                    t.map
                        .decode(&t.image, t.slave(), *table, *addr)?
                        .name
                        .to_string(),
                )
            })
            .collect();
        if names.is_empty() {
            return Err("nothing is plotted: choose \"all\", or plot the values to export".into());
        }
        names
    } else {
        Vec::new()
    };
    Ok(ExportSpec {
        from_ms: time("From", &v.from)?,
        to_ms: time("To", &v.to)?,
        values,
        format: if v.long { Format::Long } else { Format::Wide },
        utc: v.utc,
        dialect: if v.excel {
            Dialect::excel(user_uses_decimal_comma())
        } else {
            Dialect::PLAIN
        },
    })
}
