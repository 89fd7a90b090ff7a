//! Configuration registers of the selected target's map (settings with a unit and an allowed
//! range, such as the HGM9500N's P% and Q% setpoints): the value read back now, the new value
//! typed in its unit and checked against the range before the confirmation dialog; the write
//! log then says whether the next reading shows it.

use eframe::egui;

use super::editor_ui::EditorState;
use super::write_source::Source;
use crate::app::Target;
use crate::app::write_plan::check_function;
use crate::proto::Table;

/// Draws the section, if the map has configuration registers and the controller takes
/// register writes.
pub fn ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    let settings: Vec<_> = t
        .map
        .registers
        .values()
        .filter(|r| r.setting && (r.min.is_some() || r.max.is_some()) && r.words == 1)
        .collect();
    if settings.is_empty() || check_function(t, 6).is_err() {
        return;
    }
    ui.separator();
    ui.strong(t!("Configuration"));
    // One register a block, wrapping at the panel's width: the panel never grows to fit a
    // long name.
    for r in settings {
        ui.push_id(("config_register", r.addr), |ui| {
            let mut name = ui.horizontal_wrapped(|ui| {
                let name = ui.label(&*r.name);
                let now = t
                    .map
                    .decode(&t.image, t.slave(), Table::Holding, r.addr)
                    .map_or_else(|| t!("not read"), |d| d.shown());
                ui.label(egui::RichText::new(t!("now { $value }", value = now)).weak());
                name
            });
            if r.unverified {
                name.inner = name
                    .inner
                    .on_hover_text(crate::i18n::tr(crate::proto::map::UNVERIFIED_NOTE));
            }
            let range = t!(
                "{ $min } to { $max } { $unit }",
                min = r.min.map_or_else(|| "-".into(), |v| v.to_string()),
                max = r.max.map_or_else(|| "-".into(), |v| v.to_string()),
                unit = &*r.unit
            );
            ui.horizontal_wrapped(|ui| {
                let text = ed.config.entry(r.addr).or_default();
                let edit = egui::TextEdit::singleline(text)
                    .desired_width(60.0)
                    .clip_text(false)
                    .hint_text(range.clone());
                ui.add(edit)
                    .labelled_by(name.inner.id)
                    .on_hover_text(t!("allowed: { $range }", range = &range));
                if ui.button(t!("Set { $name }…", name = &*r.name)).clicked() {
                    ed.prepare_typed(t, Source::Config(r.addr));
                }
            });
        });
    }
}
