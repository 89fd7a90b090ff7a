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
        || t!("(not kept: no home folder)"),
        |p| p.display().to_string(),
    )
}

/// Draws the Help window when open.
pub fn help_ui(ctx: &egui::Context, v: &mut HelpView, state: &AppState, places: &Places) {
    let port = state.server.addr.map_or(21318, |a| a.port());
    egui::Window::new(t!("Help"))
        .id(egui::Id::unique("help_window"))
        .open(&mut v.help_open)
        .default_size([560.0, 480.0])
        .constrain(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading(format!("CMM Commissioner {}", env!("CARGO_PKG_VERSION")));
                ui.label(t!("Serves SmartGen CMM365/CMM366 cloud modems on this laptop, and polls controllers on its serial port."));
                ui.separator();
                ui.strong(t!("Point a modem at this laptop"));
                ui.label(t!("1. Put the laptop on a network the modem reaches (the site LAN; a 4G modem needs a public address or a port forward)."));
                ui.label(t!("2. In the modem's configuration, set the server address to one of the addresses in the status bar (click one to copy it), port { $port }.", port = port));
                ui.label(t!("3. The modem logs in, opens its long connection, and appears on the left as online. Real modems reconnect by themselves every 4 to 25 minutes."));
                ui.separator();
                ui.strong(t!("Port and firewall"));
                ui.label(t!("The server listens on TCP port { $port } (File > Settings changes it). Allow it through the firewall:", port = port));
                ui.monospace(format!("Windows: netsh advfirewall firewall add rule name=\"CMM Commissioner\" dir=in action=allow protocol=TCP localport={port}"));
                ui.monospace(format!("Linux:   sudo ufw allow {port}/tcp"));
                ui.label(t!("On Linux, a serial adapter needs the dialout group: sudo usermod -aG dialout $USER, then log in again."));
                ui.separator();
                ui.strong(t!("Where things are kept"));
                ui.label(t!("Settings: { $file }", file = shown(&places.settings)));
                ui.label(t!("Logs and crash reports: { $folder }", folder = shown(&places.logs)));
                ui.label(t!(
                    "The app's log: { $file } in that folder (what the event log says, how the \
                     app started and with which renderer; { $size } MiB, then moved to .1, \
                     { $kept } older kept)",
                    file = crate::app::logfile::FILE_NAME,
                    size = crate::app::logfile::MAX_BYTES / (1024 * 1024),
                    kept = crate::app::logfile::KEEP
                ));
                ui.label(t!("Window size and panel layout: kept by the window system's app storage (eframe)."));
                ui.separator();
                ui.strong(t!("Keyboard"));
                egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                    for (k, what) in [
                        ("F1".to_string(), t!("this help")),
                        (t!("Esc"), t!("close a dialog without sending")),
                        (t!("Ctrl + / Ctrl -"), t!("larger or smaller text")),
                        (t!("Ctrl 0"), t!("text size back to normal")),
                        (t!("Ctrl C"), t!("copy selected text (traffic inspector, dialogs)")),
                        (t!("Tab"), t!("next field")),
                        (t!("Ctrl F"), t!("the filter of the values table or the fleet")),
                        (t!("Up / Down"), t!("previous or next target (Alt+Up / Alt+Down while typing)")),
                        (t!("Enter"), t!("in the fleet: open the selected target")),
                        (t!("Ctrl 1 / 2 / 3"), t!("Overview, Values, Fleet")),
                    ] {
                        // Key names as the keyboards of the language print them.
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
    egui::Window::new(t!("Load a register map"))
        .id(egui::Id::unique("map_window"))
        .open(&mut open)
        .resizable(false)
        .constrain(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label(t!("Map file"));
                ui.add(
                    egui::TextEdit::singleline(&mut v.map_path)
                        .desired_width(320.0)
                        .hint_text(t!("/path/to/map.toml")),
                )
                .labelled_by(l.id);
            });
            ui.horizontal(|ui| {
                let typed = v.map_path.trim();
                if ui
                    .add_enabled(!typed.is_empty(), egui::Button::new(t!("Load")))
                    .clicked()
                {
                    v.dialog_note = None;
                    out.push(Command::LoadMap(PathBuf::from(typed)));
                }
                if ui.button(t!("Browse…")).clicked() {
                    v.dialog_note = None;
                    v.ask = Some(Ask {
                        purpose: Purpose::LoadMap,
                        title: n!("Load a register map"),
                        filter: (n!("Register map (TOML)"), &["toml"]),
                        save_as: None,
                    });
                }
            });
            match (&v.dialog_note, &state.map_result) {
                (Some(note), _) => {
                    ui.colored_label(egui::Color32::from_rgb(220, 120, 0), note);
                }
                (None, Some(Ok(name))) => {
                    ui.label(t!("Loaded: { $map }", map = name.as_str()));
                }
                (None, Some(Err(e))) => {
                    ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.to_string());
                }
                (None, None) => {}
            }
            ui.separator();
            ui.label(t!("Maps in use, first match wins:"));
            for m in &state.maps {
                ui.label(format!("{} — {}", m.name, m.module_types.join(", ")));
            }
        });
    v.map_open = open;
}
