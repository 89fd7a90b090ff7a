//! The Limits section of the Commissioning window: the bands and minimums the load steps are
//! judged against, the defaults shown, each one editable and kept in the recording.

use std::collections::BTreeMap;

use eframe::egui;

use crate::app::Command;
use crate::app::command::Entry;
use crate::report::Commissioning;
use crate::report::limits::{LIMIT_FIELDS, Limits, NOMINAL_HZ, NOMINAL_V, parse_number};

/// The limits as typed, for the target they were loaded for.
#[derive(Debug, Default)]
pub struct LimitsView {
    drafts: BTreeMap<&'static str, String>,
    loaded_for: Option<String>,
}

/// What a field shows when empty: the default, or the nominal the controller's settings give,
/// or the one assumed from the readings.
fn hint(key: &str, default: Option<f64>, l: Option<&Limits>) -> String {
    let assumed = match key {
        NOMINAL_V => l.and_then(|l| l.nominal_v),
        NOMINAL_HZ => l.and_then(|l| l.nominal_hz),
        _ => None,
    };
    match (default, assumed) {
        (Some(d), _) => t!("default { $value }", value = d.to_string()),
        (None, Some(n)) if n.from_controller => {
            t!(
                "{ $value } from the controller",
                value = n.value.to_string()
            )
        }
        (None, Some(n)) => t!(
            "assumed { $value } from the readings",
            value = n.value.to_string()
        ),
        (None, None) => t!("from the readings, or enter it"),
    }
}

/// Draws the section.
pub fn ui(
    ui: &mut egui::Ui,
    target: &str,
    c: Option<&Commissioning>,
    read_only: bool,
    v: &mut LimitsView,
    out: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(t!("Limits"))
        .id_salt("Limits")
        .default_open(false)
        .show(ui, |ui| {
            if v.loaded_for.as_deref() != Some(target)
                && let Some(c) = c
            {
                v.drafts = LIMIT_FIELDS
                    .iter()
                    .map(|f| (f.key, c.fields.get(f.key).cloned().unwrap_or_default()))
                    .collect();
                v.loaded_for = Some(target.to_string());
            }
            let limits = c.map(Limits::of);
            ui.label(t!(
                "Each load step's values are judged against these (empty: the default). \
                 The default bands follow ISO 8528-5 class G2's steady-state bands; \
                 no compliance with the standard is claimed."
            ));
            let mut bad = false;
            egui::Grid::new("commission_limits")
                .num_columns(3)
                .show(ui, |ui| {
                    for f in LIMIT_FIELDS {
                        let l = ui.label(crate::i18n::tr(f.label));
                        let text = v.drafts.entry(f.key).or_default();
                        let shown = hint(f.key, f.default, limits.as_ref());
                        ui.add_enabled(
                            !read_only,
                            egui::TextEdit::singleline(text)
                                .desired_width(170.0)
                                .hint_text(shown.clone()),
                        )
                        .labelled_by(l.id)
                        .on_hover_text(shown);
                        if !text.trim().is_empty() && parse_number(text).is_none_or(|x| x < 0.0) {
                            bad = true;
                            ui.colored_label(
                                egui::Color32::from_rgb(220, 60, 50),
                                t!("{ $unit }: not a number", unit = f.unit),
                            );
                        } else {
                            ui.label(f.unit);
                        }
                        ui.end_row();
                    }
                });
            let stored = |k: &str| {
                c.and_then(|c| c.fields.get(k))
                    .map(String::as_str)
                    .unwrap_or_default()
            };
            let changed: Vec<(&str, String)> = v
                .drafts
                .iter()
                .filter(|(k, val)| val.trim() != stored(k).trim())
                .map(|(k, val)| (*k, val.trim().to_string()))
                .collect();
            ui.horizontal(|ui| {
                let save = ui.add_enabled(
                    !read_only && !bad && !changed.is_empty(),
                    egui::Button::new(t!("Save the limits")),
                );
                if save.clicked() {
                    for (name, value) in changed.iter().cloned() {
                        out.push(Command::Commission {
                            target: target.to_string(),
                            entry: Entry::Field {
                                name: name.to_string(),
                                value,
                            },
                        });
                    }
                }
                if !changed.is_empty() {
                    ui.weak(t!("{ $count } not saved yet", count = changed.len()));
                }
            });
        });
}
