//! The Help window and the "Load a register map" window.

use super::file_dialog::{Ask, Purpose};
use std::path::PathBuf;

use eframe::egui;

use crate::app::{AppState, Command};

/// What the two windows keep between frames.
#[derive(Debug, Default)]
pub struct HelpView {
    /// What the file dialog said when it gave no map file (until the next try).
    pub dialog_note: Option<String>,
    /// A file asked for in the frame (the dialog opens after it).
    pub ask: Option<super::file_dialog::Ask>,
    /// Help shown.
    pub help_open: bool,
    /// Map window shown.
    pub map_open: bool,
    /// The map file path typed.
    pub map_path: String,
}

/// Where things are kept, for the Help window.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// The settings file.
    pub settings: Option<PathBuf>,
    /// The log folder (crash reports).
    pub logs: Option<PathBuf>,
}

fn shown(p: &Option<PathBuf>) -> String {
    p.as_ref().map_or_else(
        || "(not kept: no home folder)".into(),
        |p| p.display().to_string(),
    )
}

/// Draws the Help window when open.
pub fn help_ui(ctx: &egui::Context, v: &mut HelpView, state: &AppState, places: &Places) {
    let port = state.server.addr.map_or(21318, |a| a.port());
    egui::Window::new("Help")
        .open(&mut v.help_open)
        .default_size([560.0, 480.0])
        .constrain(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading(format!("CMM Commissioner {}", env!("CARGO_PKG_VERSION")));
                ui.label("Serves SmartGen CMM365/CMM366 cloud modems on this laptop, and polls controllers on its serial port.");
                ui.separator();
                ui.strong("Point a modem at this laptop");
                ui.label("1. Put the laptop on a network the modem reaches (the site LAN; a 4G modem needs a public address or a port forward).");
                ui.label(format!("2. In the modem's configuration, set the server address to one of the addresses in the status bar (click one to copy it), port {port}."));
                ui.label("3. The modem logs in, opens its long connection, and appears on the left as online. Real modems reconnect by themselves every 4 to 25 minutes.");
                ui.separator();
                ui.strong("Port and firewall");
                ui.label(format!("The server listens on TCP port {port} (File > Settings changes it). Allow it through the firewall:"));
                ui.monospace(format!("Windows: netsh advfirewall firewall add rule name=\"CMM Commissioner\" dir=in action=allow protocol=TCP localport={port}"));
                ui.monospace(format!("Linux:   sudo ufw allow {port}/tcp"));
                ui.label("On Linux, a serial adapter needs the dialout group: sudo usermod -aG dialout $USER, then log in again.");
                ui.separator();
                ui.strong("Where things are kept");
                ui.label(format!("Settings: {}", shown(&places.settings)));
                ui.label(format!("Logs and crash reports: {}", shown(&places.logs)));
                ui.label(format!(
                    "The app's log: {} in that folder (what the event log says, how the app \
                     started and with which renderer; {} MiB, then moved to .1, {} older kept)",
                    crate::app::logfile::FILE_NAME,
                    crate::app::logfile::MAX_BYTES / (1024 * 1024),
                    crate::app::logfile::KEEP
                ));
                ui.label("Window size and panel layout: kept by the window system's app storage (eframe).");
                ui.separator();
                ui.strong("Keyboard");
                egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                    for (k, what) in [
                        ("F1", "this help"),
                        ("Esc", "close a dialog without sending"),
                        ("Ctrl + / Ctrl -", "larger or smaller text"),
                        ("Ctrl 0", "text size back to normal"),
                        ("Ctrl C", "copy selected text (traffic inspector, dialogs)"),
                        ("Tab", "next field"),
                        ("Ctrl F", "the filter of the values table or the fleet"),
                        ("Up / Down", "previous or next target (Alt+Up / Alt+Down while typing)"),
                        ("Enter", "in the fleet: open the selected target"),
                        ("Ctrl 1 / 2 / 3", "Overview, Values, Fleet"),
                    ] {
                        ui.monospace(k);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        });
}

/// Draws the map window when open: a path field (works everywhere) and a Browse button (the
/// system's file dialog, where there is one).
pub fn map_ui(ctx: &egui::Context, v: &mut HelpView, state: &AppState, out: &mut Vec<Command>) {
    let mut open = v.map_open;
    egui::Window::new("Load a register map")
        .open(&mut open)
        .resizable(false)
        .constrain(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label("Map file");
                ui.add(
                    egui::TextEdit::singleline(&mut v.map_path)
                        .desired_width(320.0)
                        .hint_text("/path/to/map.toml"),
                )
                .labelled_by(l.id);
            });
            ui.horizontal(|ui| {
                let typed = v.map_path.trim();
                if ui
                    .add_enabled(!typed.is_empty(), egui::Button::new("Load"))
                    .clicked()
                {
                    v.dialog_note = None;
                    out.push(Command::LoadMap(PathBuf::from(typed)));
                }
                if ui.button("Browse…").clicked() {
                    v.dialog_note = None;
                    v.ask = Some(Ask {
                        purpose: Purpose::LoadMap,
                        title: "Load a register map",
                        filter: ("Register map (TOML)", &["toml"]),
                        save_as: None,
                    });
                }
            });
            match (&v.dialog_note, &state.map_result) {
                (Some(note), _) => {
                    ui.colored_label(egui::Color32::from_rgb(220, 120, 0), note);
                }
                (None, Some(Ok(name))) => {
                    ui.label(format!("Loaded: {name}"));
                }
                (None, Some(Err(e))) => {
                    ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.to_string());
                }
                (None, None) => {}
            }
            ui.separator();
            ui.label("Maps in use, first match wins:");
            for m in &state.maps {
                ui.label(format!("{} — {}", m.name, m.module_types.join(", ")));
            }
        });
    v.map_open = open;
}
