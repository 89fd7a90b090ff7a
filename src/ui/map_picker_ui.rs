//! The Map box beside the tabs: the map the selected target is decoded with.

use eframe::egui;

use crate::app::{AppState, Command};

/// The map the selected target is decoded with: its model's, or one chosen by hand
/// (remembered per target).
pub fn ui(ui: &mut egui::Ui, state: &AppState, t: &crate::app::Target, out: &mut Vec<Command>) {
    let chosen = state.map_choices.get(&t.hostid);
    let shown = match chosen {
        Some(m) => m.clone(),
        None => t!("by model: { $map }", map = t.map.name.as_str()),
    };
    let label = ui.label(t!("Map"));
    let mut pick: Option<Option<String>> = None;
    egui::ComboBox::from_id_salt("map_picker")
        .selected_text(shown)
        .width(260.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(chosen.is_none(), t!("By model"))
                .clicked()
            {
                pick = Some(None);
            }
            for m in &state.maps {
                if ui
                    .selectable_label(chosen == Some(&m.name), &m.name)
                    .clicked()
                {
                    pick = Some(Some(m.name.clone()));
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(t!(
            "Decode this target with another map (remembered for it). A modem keeps polling \
             what its model's map asks for."
        ));
    if let Some(map) = pick {
        out.push(Command::ChooseMap {
            target: t.hostid.clone(),
            map,
        });
    }
}
