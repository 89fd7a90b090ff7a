//! The recording in the window: where it goes and how it does (status bar), a marker with a
//! note, and a recording shown read-only (its moment, steps and slider). The export and copy
//! windows are in `handover_ui`.

use eframe::egui;

use crate::app::{AppState, Command, StepTo};
use crate::store::export::parse_time;

use super::typing::LATE_KEYS;

/// What the recording controls keep between frames.
#[derive(Debug, Default)]
pub struct RecordView {
    /// What the file dialog said when it gave no file for the export (until the next try).
    pub export_note: Option<String>,
    /// A file asked for in the frame (the dialog opens after it).
    pub ask: Option<super::file_dialog::Ask>,
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
            ui.label(t!(
                "Recording { $file }: { $count } kept",
                file = name,
                count = r.written
            ))
            .on_hover_text(p.display().to_string());
            if r.lost > 0 {
                ui.colored_label(
                    egui::Color32::from_rgb(220, 120, 0),
                    t!("{ $count } lost", count = r.lost),
                );
            }
        }
        None => {
            ui.label(t!("Not recording"));
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
    let l = ui.label(t!("Note"));
    let note = ui
        .add(
            egui::TextEdit::singleline(&mut v.note)
                .desired_width(140.0)
                .hint_text(t!("for the marker")),
        )
        .labelled_by(l.id);
    let now = ui.input(|i| i.time);
    let mark = ui
        .button(t!("Mark"))
        .on_hover_text(t!("Put a marker with this note in the recording"));
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
        ui.label(t!(
            "{ $file }: no readings in this recording",
            file = o.path.display().to_string()
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
        ui.strong(t!("Recording (read-only)"));
        ui.label(o.path.display().to_string());
        ui.separator();
        ui.monospace(when(v.at));
        if o.at_ms != v.at {
            ui.weak(t!("reading…"));
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
            egui::WidgetInfo::labeled(egui::Role::Slider, true, t!("Moment in the recording"));
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
    let whose = selected.map_or_else(|| t!("any target"), str::to_string);
    let reading = || StepTo::Reading(selected.map(str::to_string));
    let buttons = [
        (
            t!("Previous event"),
            false,
            StepTo::Event,
            t!("The previous alarm, command, marker or link change"),
        ),
        (
            t!("-1 reading"),
            false,
            reading(),
            t!(
                "The previous reading recorded of { $target }",
                target = &whose
            ),
        ),
        (
            t!("+1 reading"),
            true,
            reading(),
            t!("The next reading recorded of { $target }", target = &whose),
        ),
        (
            t!("Next event"),
            true,
            StepTo::Event,
            t!("The next alarm, command, marker or link change"),
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
    let l = ui.label(t!("Moment"));
    let typed = ui
        .add(
            egui::TextEdit::singleline(&mut v.typed_at)
                .desired_width(170.0)
                .hint_text(t!("YYYY-MM-DD hh:mm:ss")),
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
