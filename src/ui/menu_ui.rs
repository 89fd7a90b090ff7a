//! The menu bar: File, Demo, View, Maps, Help.

use super::file_dialog::{Ask, Purpose};
use eframe::egui;

use super::view::View;
use crate::app::settings::Theme;
use crate::app::{AppState, Command};

/// Draws the menu bar.
pub fn ui(ui: &mut egui::Ui, v: &mut View, state: &AppState) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t!("File"), |ui| {
            if ui.button(t!("Settings…")).clicked() {
                v.settings_view = super::settings_ui::SettingsView::new(&v.settings);
                v.settings_view.open = true;
            }
            let live = state.offline.is_none();
            if ui
                .add_enabled(live, egui::Button::new(t!("Connect serial…")))
                .clicked()
            {
                v.open_serial();
            }
            if ui
                .button(t!("Attach to broker…"))
                .on_hover_text(t!(
                    "See the modems a cmmctl serve --mqtt publishes on an MQTT broker"
                ))
                .clicked()
            {
                v.broker.open = true;
            }
            if ui
                .button(t!("Commissioning…"))
                .on_hover_text(t!(
                    "Load steps, protection tests and the report of the selected target"
                ))
                .clicked()
            {
                v.commission.open = true;
            }
            if ui.button(t!("Export CSV…")).clicked() {
                v.record.export_open = true;
            }
            if ui
                .add_enabled(
                    state.recording.path.is_some() || state.offline.is_some(),
                    egui::Button::new(t!("Save a copy of the recording…")),
                )
                .on_hover_text(t!(
                    "One file to hand over (USB stick, mail), also while recording"
                ))
                .on_disabled_hover_text(t!("Nothing is being recorded"))
                .clicked()
            {
                v.record.copy_open = true;
            }
            if ui.button(t!("Open recording…")).clicked() {
                v.dialogs.ask(Ask {
                    purpose: Purpose::OpenRecording,
                    title: n!("Open a recording"),
                    filter: (n!("Recording"), &[crate::store::registry::EXTENSION]),
                    save_as: None,
                });
            }
            ui.separator();
            if ui.button(t!("Quit")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button(t!("Demo"), |ui| {
            if state.offline.is_some() {
                ui.label(t!(
                    "A recording is shown read-only: no simulated modems here."
                ));
            } else if state.demo.is_none() {
                if ui.button(t!("Start simulated modems")).clicked() {
                    let modems = v.demo_modems;
                    v.send(Command::StartDemo { modems });
                }
            } else if ui.button(t!("Stop simulated modems")).clicked() {
                v.send(Command::StopDemo);
            }
        });
        ui.menu_button(t!("View"), |ui| {
            ui.checkbox(&mut v.traffic.open, t!("Traffic inspector"));
            let mut targets = !v.settings.targets_hidden;
            if ui
                .checkbox(&mut targets, t!("Targets panel (Ctrl+[)"))
                .changed()
            {
                v.settings.targets_hidden = !targets;
            }
            let mut commands = !v.settings.commands_hidden;
            if ui
                .checkbox(&mut commands, t!("Commands panel (Ctrl+])"))
                .changed()
            {
                v.settings.commands_hidden = !commands;
            }
            ui.checkbox(&mut v.settings.hex_addresses, t!("Addresses in hex"));
            ui.separator();
            ui.label(t!("Theme"));
            ui.radio_value(
                &mut v.settings.theme,
                Theme::System,
                t!("Follow the system"),
            );
            ui.radio_value(&mut v.settings.theme, Theme::Dark, t!("Dark"));
            ui.radio_value(&mut v.settings.theme, Theme::Light, t!("Light"));
            ui.radio_value(
                &mut v.settings.theme,
                Theme::HighContrast,
                t!("High contrast (sunlight)"),
            );
            ui.separator();
            language_menu(ui, v);
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label(t!("UI scale"));
                let slider = egui::Slider::new(
                    &mut v.settings.ui_scale_percent,
                    super::view::MIN_SCALE..=super::view::MAX_SCALE,
                )
                .suffix(" %")
                .step_by(5.0);
                ui.add(slider)
                    .labelled_by(label.id)
                    .on_hover_text(t!("Ctrl + and Ctrl - change it too; Ctrl 0 is 100 %"));
            });
            ui.separator();
            ui.label(t!(
                "Keys: Ctrl+F filter, Up/Down (Alt+Up/Down) targets, Ctrl+1/2/3 tabs, Ctrl+[ and \
                 Ctrl+] side panels"
            ));
        });
        ui.menu_button(t!("Maps"), |ui| {
            if ui.button(t!("Load map file…")).clicked() {
                v.help.map_open = true;
            }
            ui.separator();
            for m in &state.maps {
                ui.label(format!("{} — {}", m.name, m.module_types.join(", ")));
            }
        });
        ui.menu_button(t!("Help"), |ui| {
            if ui.button(t!("Help (F1)")).clicked() {
                v.help.help_open = true;
            }
            ui.label(format!("CMM Commissioner {}", env!("CARGO_PKG_VERSION")));
        });
    });
}

/// View > Language: the system's, or one chosen (remembered; `--lang` chooses it too).
fn language_menu(ui: &mut egui::Ui, v: &mut View) {
    ui.menu_button(t!("Language"), |ui| {
        let system = crate::i18n::Lang::system();
        let follow = t!(
            "As the system ({ $language })",
            language = system.native_name()
        );
        if ui.radio(v.settings.language.is_empty(), follow).clicked() {
            v.settings.language.clear();
        }
        for l in crate::i18n::Lang::ALL {
            if ui
                .radio(v.settings.language == l.code(), l.native_name())
                .clicked()
            {
                v.settings.language = l.code().to_string();
            }
        }
        ui.separator();
        ui.label(t!(
            "Translations other than English are machine-assisted and not yet reviewed."
        ));
    });
}
