//! Settings by hand: the setpoints Modbus cannot read, typed from the controller's panel as
//! found and as left, kept in the recording and printed in the report. The map's settings
//! are listed to start with (with their ranges); any other can be added by name.

use std::collections::BTreeMap;

use eframe::egui;

use crate::app::Command;
use crate::app::command::Entry;
use crate::proto::map::RegisterMap;
use crate::report::Commissioning;

/// What the section remembers.
#[derive(Debug, Default)]
pub struct HandSettingsView {
    /// As typed, by name: (unit, as found, as left).
    drafts: BTreeMap<String, (String, String, String)>,
    /// The target the drafts were loaded for.
    loaded_for: Option<String>,
    /// A setting's name typed to add it.
    new_name: String,
}

/// The section, in the Commissioning window.
pub fn ui(
    ui: &mut egui::Ui,
    target: &str,
    map: Option<&RegisterMap>,
    c: Option<&Commissioning>,
    read_only: bool,
    v: &mut HandSettingsView,
    out: &mut Vec<Command>,
) {
    let kept = c.map(|c| c.hand_settings.as_slice()).unwrap_or_default();
    if v.loaded_for.as_deref() != Some(target) && c.is_some() {
        v.drafts = kept
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    (s.unit.clone(), s.found.clone(), s.left.clone()),
                )
            })
            .collect();
        v.loaded_for = Some(target.to_string());
    }
    // The map's settings first, in address order, then the others kept or added.
    let mut rows: Vec<(String, String, String)> = map
        .map(|m| {
            m.registers
                .values()
                .filter(|r| r.setting)
                .map(|r| {
                    let range = match (r.min, r.max) {
                        (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                        _ => String::new(),
                    };
                    (r.name.to_string(), r.unit.to_string(), range)
                })
                .collect()
        })
        .unwrap_or_default();
    for name in v.drafts.keys() {
        if !rows.iter().any(|(n, _, _)| n == name) {
            rows.push((name.clone(), v.drafts[name].0.clone(), String::new()));
        }
    }
    egui::CollapsingHeader::new(t!("Settings read from the controller's panel"))
        .id_salt("Settings read from the controller's panel")
        .default_open(false)
        .show(ui, |ui| {
            ui.weak(t!(
                "Setpoints Modbus cannot read: type them from the controller's panel as found \
                 on arrival and as left, then Keep."
            ));
            egui::Grid::new("hand_settings")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    ui.strong(t!("Setting"));
                    ui.strong(t!("Range"));
                    ui.strong(t!("As found"));
                    ui.strong(t!("As left"));
                    ui.end_row();
                    for (name, unit, range) in &rows {
                        let d = v
                            .drafts
                            .entry(name.clone())
                            .or_insert_with(|| (unit.clone(), String::new(), String::new()));
                        if unit.is_empty() {
                            ui.label(name);
                        } else {
                            ui.label(format!("{name} ({unit})"));
                        }
                        ui.weak(range);
                        for (field, text) in [(t!("as found"), &mut d.1), (t!("as left"), &mut d.2)]
                        {
                            ui.add_enabled(
                                !read_only,
                                egui::TextEdit::singleline(text)
                                    .desired_width(100.0)
                                    .hint_text(field),
                            );
                        }
                        ui.end_row();
                    }
                });
            if read_only {
                return;
            }
            ui.horizontal(|ui| {
                let l = ui.label(t!("Another setting"));
                ui.add(
                    egui::TextEdit::singleline(&mut v.new_name)
                        .desired_width(200.0)
                        .hint_text(t!("its name on the panel")),
                )
                .labelled_by(l.id);
                if ui.button(t!("Add")).clicked() && !v.new_name.trim().is_empty() {
                    v.drafts.entry(v.new_name.trim().to_string()).or_default();
                    v.new_name.clear();
                }
            });
            let changed: Vec<Entry> = v
                .drafts
                .iter()
                .filter(|(name, (_, found, left))| {
                    let before = kept.iter().find(|s| &s.name == *name);
                    let now = (found.trim(), left.trim());
                    match before {
                        Some(s) => (s.found.trim(), s.left.trim()) != now,
                        None => now != ("", ""),
                    }
                })
                .map(|(name, (unit, found, left))| Entry::Setting {
                    name: name.clone(),
                    unit: unit.clone(),
                    found: found.trim().to_string(),
                    left: left.trim().to_string(),
                })
                .collect();
            let keep = ui.add_enabled(
                !changed.is_empty(),
                egui::Button::new(t!("Keep ({ $count } edited)", count = changed.len())),
            );
            if keep.clicked() {
                for entry in changed {
                    out.push(Command::Commission {
                        target: target.to_string(),
                        entry,
                    });
                }
            }
        });
}
