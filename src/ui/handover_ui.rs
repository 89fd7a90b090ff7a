//! A recording to hand over from the window: the Export CSV and Save a copy windows (what to
//! keep of the recording, where to write it, and how it went).

use super::file_dialog::{Ask, Purpose};
use std::path::PathBuf;

use eframe::egui;

use super::record_ui::RecordView;
use crate::app::command::ExportSpec;
use crate::app::{AppState, Command, CoreError};
use crate::store::dialect::{Dialect, user_uses_decimal_comma};
use crate::store::export::{Format, parse_time};

/// The export window.
pub fn export_ui(
    ctx: &egui::Context,
    state: &AppState,
    v: &mut RecordView,
    out: &mut Vec<Command>,
) {
    let mut open = v.export_open;
    egui::Window::new(t!("Export CSV"))
        // The id egui gives the English title: the window keeps its place in every language.
        .id(egui::Id::unique(Some("Export CSV")))
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
                            (
                                t!("From"),
                                &mut v.from,
                                t!("the start (or YYYY-MM-DD hh:mm:ss)"),
                            ),
                            (t!("To"), &mut v.to, t!("the end")),
                            (t!("File"), &mut v.path, t!("ask where (save dialog)")),
                        ],
                    );
                    ui.label(t!("Values"));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut v.plotted_only, true, t!("the plotted ones"));
                        ui.radio_value(&mut v.plotted_only, false, t!("all"));
                    });
                    ui.end_row();
                    ui.label(t!("Layout"));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut v.long, false, t!("wide (a column per value)"));
                        ui.radio_value(&mut v.long, true, t!("long (a row per change)"));
                    });
                    ui.end_row();
                    ui.label(t!("Times"));
                    ui.checkbox(&mut v.utc, t!("UTC (else local time with its offset)"));
                    ui.end_row();
                    ui.label(t!("For"));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut v.excel, true, t!("a spreadsheet (Excel)"))
                            .on_hover_text(t!(
                                "Opens right by double-click: °C, Ω and non-Latin names, \
                                 ; between fields, this computer's decimal mark"
                            ));
                        ui.radio_value(&mut v.excel, false, t!("scripts (plain CSV)"))
                            .on_hover_text(t!(
                                "Comma-separated, decimal point, no byte-order mark"
                            ));
                    });
                    ui.end_row();
                });
            if ui.button(t!("Export")).clicked() {
                v.export_note = None;
                match spec(state, v) {
                    Ok(spec) => {
                        v.error = None;
                        match v.path.trim() {
                            "" => {
                                v.ask = Some(Ask {
                                    purpose: Purpose::Export(spec),
                                    title: n!("Export the recording as CSV"),
                                    filter: ("CSV", &["csv"]),
                                    save_as: Some("recording.csv".into()),
                                })
                            }
                            p => out.push(Command::Export {
                                path: PathBuf::from(p),
                                spec,
                            }),
                        }
                    }
                    Err(e) => v.error = Some(e),
                }
            }
            if let Some(e) = &v.error {
                ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
            }
            outcome_ui(ui, v.export_note.as_deref(), state.export_result.as_ref());
        });
    v.export_open = open;
}

/// Rows of labelled text fields (From, To, File) in a window's grid.
fn fields_ui<const N: usize>(ui: &mut egui::Ui, fields: [(String, &mut String, String); N]) {
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
    egui::Window::new(t!("Save a copy of the recording"))
        // The id egui gives the English title: the window keeps its place in every language.
        .id(egui::Id::unique(Some("Save a copy of the recording")))
        .open(&mut open)
        .resizable(false)
        .constrain(true)
        .show(ctx, |ui| {
            let [from, to, path] = &mut v.copy_fields;
            egui::Grid::new("copy_grid").num_columns(2).show(ui, |ui| {
                fields_ui(
                    ui,
                    [
                        (t!("From"), from, t!("the start (or YYYY-MM-DD hh:mm:ss)")),
                        (t!("To"), to, t!("the end")),
                        (t!("File"), path, t!("ask where (save dialog)")),
                    ],
                );
                ui.label(t!("Targets"));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut v.copy_selected_only, false, t!("all"));
                    let name = selected
                        .and_then(|s| state.targets.get(s))
                        .map(|t| t!("only { $name }", name = &t.hostname));
                    ui.add_enabled_ui(name.is_some(), |ui| {
                        ui.radio_value(
                            &mut v.copy_selected_only,
                            true,
                            name.unwrap_or_else(|| t!("only the selected one")),
                        );
                    });
                });
                ui.end_row();
            });
            if ui.button(t!("Save")).clicked() {
                match copy_cut(v, selected) {
                    Ok(cut) => {
                        v.copy_error = None;
                        match v.copy_fields[2].trim() {
                            "" => {
                                v.ask = Some(Ask {
                                    purpose: Purpose::SaveCopy(cut),
                                    title: n!("Save a copy of the recording"),
                                    filter: (n!("Recording"), &[crate::store::registry::EXTENSION]),
                                    save_as: Some(copy_name(state)),
                                })
                            }
                            // A path typed must be new: only a save dialog asks before
                            // replacing a file.
                            p => out.push(Command::SaveCopy {
                                path: PathBuf::from(p),
                                cut,
                                replace: false,
                            }),
                        }
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
        time(&t!("From"), &v.copy_fields[0])?,
        time(&t!("To"), &v.copy_fields[1])?,
    );
    if let (Some(a), Some(b)) = (from_ms, to_ms)
        && a > b
    {
        return Err(t!("From is after To"));
    }
    let targets = match (v.copy_selected_only, selected) {
        (true, Some(t)) => vec![t.to_string()],
        (true, None) => return Err(t!("no target is selected")),
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
            return Err(t!(
                "nothing is plotted: choose \"all\", or plot the values to export"
            ));
        }
        names
    } else {
        Vec::new()
    };
    Ok(ExportSpec {
        from_ms: time(&t!("From"), &v.from)?,
        to_ms: time(&t!("To"), &v.to)?,
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

/// The name a copy is offered under: the recording's own, with `-copy`.
fn copy_name(state: &AppState) -> String {
    let file = state
        .recording
        .path
        .as_ref()
        .or(state.offline.as_ref().map(|o| &o.path));
    let stem = file
        .and_then(|f| f.file_stem())
        .map_or("recording".into(), |n| n.to_string_lossy());
    format!("{stem}-copy.{}", crate::store::registry::EXTENSION)
}
