//! The central panel: the raw register image of the selected target (named values come with
//! the register maps).

use eframe::egui;

use crate::app::Target;
use crate::proto::image::Reading;

/// Draws the selected target's registers.
pub fn ui(ui: &mut egui::Ui, target: Option<&Target>) {
    let Some(t) = target else {
        ui.heading("Select a modem");
        return;
    };
    ui.heading(format!("{}  {}", t.hostname, t.hostid));
    if t.flags.inhibit_remote == Some(true) {
        ui.colored_label(
            egui::Color32::RED,
            "Remote control inhibited by the modem (InhbitRemote)",
        );
    }
    if t.image.is_empty() {
        ui.label("No data yet.");
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for ((slave, table), values) in t.image.tables() {
                egui::CollapsingHeader::new(format!(
                    "slave {slave} · {} ({})",
                    table.name(),
                    values.len()
                ))
                .default_open(true)
                .show(ui, |ui| {
                    egui::Grid::new(("grid", *slave, table.name()))
                        .striped(true)
                        .show(ui, |ui| {
                            for (addr, raw) in values {
                                ui.monospace(format!("{addr:04}"));
                                ui.monospace(format!("{raw:04X}"));
                                let shown = match Reading::of(*table, *raw) {
                                    Reading::NoData => "###".to_string(),
                                    Reading::Value(v) => v.to_string(),
                                };
                                ui.monospace(shown);
                                ui.end_row();
                            }
                        });
                });
            }
        });
}
