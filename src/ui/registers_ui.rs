//! The central panel: the selected target's values, named and scaled by its register map, with
//! mode, running status and active alarms on top.

use eframe::egui;

use crate::app::Target;
use crate::proto::Table;
use crate::proto::map::AlarmKind;

const ALARM_RED: egui::Color32 = egui::Color32::from_rgb(230, 70, 60);
const WARN_AMBER: egui::Color32 = egui::Color32::from_rgb(240, 170, 40);

fn header_ui(ui: &mut egui::Ui, t: &Target) {
    let (map, img, slave) = (&t.map, &t.image, t.slave());
    ui.heading(format!("{}  {}", t.hostname, t.hostid));
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} · map: {}", t.moduletype, map.name));
        if let Some(mode) = map.mode(img, slave) {
            ui.separator();
            ui.strong(format!("Mode: {mode}"));
        }
        if let Some(status) = map.running_status(img, slave) {
            ui.separator();
            ui.strong(format!("Status: {status}"));
        }
    });
    if t.flags.inhibit_remote == Some(true) {
        ui.colored_label(
            ALARM_RED,
            "Remote control inhibited by the modem (InhbitRemote)",
        );
    }
    if map.remote_locked(img, slave) {
        ui.colored_label(ALARM_RED, "Controller reports Remote Lock");
    }
    for (name, kind) in map.active_alarms(img, slave) {
        let color = if kind == AlarmKind::Shutdown {
            ALARM_RED
        } else {
            WARN_AMBER
        };
        ui.colored_label(color, format!("ALARM {name} ({})", kind.name()));
    }
    for w in map.sanity(img, slave) {
        ui.colored_label(WARN_AMBER, w);
    }
}

/// Draws the selected target's values; returns the (table, address) whose plot box was
/// clicked.
pub fn ui(
    ui: &mut egui::Ui,
    target: Option<&Target>,
    plotted: &dyn Fn(Table, u16) -> bool,
) -> Option<(Table, u16)> {
    let mut toggled = None;
    let Some(t) = target else {
        ui.heading("Select a modem");
        return None;
    };
    header_ui(ui, t);
    ui.separator();
    if t.image.is_empty() {
        ui.label("No data yet.");
        return None;
    }
    let values = t.map.decode_all(&t.image, t.slave());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("values")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in ["Plot", "Address", "Name", "Value", "Raw", "Group"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for d in &values {
                        let mut on = plotted(d.table, d.addr);
                        let can_plot = d.number().is_some() || on;
                        let plot_box =
                            ui.add_enabled(can_plot, egui::Checkbox::without_text(&mut on));
                        if plot_box.on_hover_text(format!("plot {}", d.name)).clicked() {
                            toggled = Some((d.table, d.addr));
                        }
                        ui.monospace(format!("{} {:04}", d.table.read_function(), d.addr));
                        ui.label(&d.name);
                        ui.monospace(d.shown());
                        let raw: Vec<String> = d.raw.iter().map(|w| format!("{w:04X}")).collect();
                        ui.monospace(raw.join(" "));
                        ui.label(&d.group);
                        ui.end_row();
                    }
                });
        });
    toggled
}
