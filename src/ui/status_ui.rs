//! The status bar: where modems must point, how many are online, events dropped under
//! overload, the last error, and a problem found at start (a settings file that could not be
//! read) until the engineer dismisses it.

use eframe::egui;

use crate::app::AppState;

/// Draws the status bar; `notice` is the window's own last problem (e.g. the core was busy);
/// `lasting` a problem found at start and whether it was dismissed: shown until its Dismiss
/// button is clicked (later errors do not replace it), and then no more, also where the core
/// reports the same text as its last error.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    notice: Option<&str>,
    lasting: &mut Option<(String, bool)>,
) {
    ui.horizontal_wrapped(|ui| {
        if let Some((text, dismissed @ false)) = lasting {
            ui.colored_label(egui::Color32::from_rgb(220, 120, 0), text.as_str());
            if ui.button(t!("Dismiss")).clicked() {
                *dismissed = true;
            }
            ui.separator();
        }
        match state.server.addr {
            Some(_) => {
                ui.label(t!("Modem server address:"));
                for s in &state.server.addresses {
                    if ui.button(s).on_hover_text(t!("Click to copy")).clicked() {
                        ui.ctx().copy_text(s.clone());
                    }
                }
            }
            None if state.offline.is_some() => {
                ui.label(t!("Showing a recording: no modem server"));
            }
            None => {
                ui.colored_label(egui::Color32::RED, t!("server not running"));
            }
        }
        ui.separator();
        ui.label(t!("{ $count } online", count = state.online_count()));
        if let Some((text, bad)) = super::broker_ui::status_text(state) {
            ui.separator();
            if bad {
                ui.colored_label(egui::Color32::from_rgb(220, 120, 0), text);
            } else {
                ui.label(text);
            }
        }
        if state.dropped_events > 0 {
            ui.separator();
            ui.label(t!("status-skipped-under-load", n = state.dropped_events))
                .on_hover_text(t!(
                    "Readings, logins, outcomes and errors are never skipped; traffic-inspector \
                     lines and heartbeats are, when events arrive faster than they are shown."
                ));
        }
        let error = notice
            .or(state.server.listen_error.as_deref())
            .or(state.last_error.as_deref())
            .filter(|e| lasting.as_ref().map(|l| l.0.as_str()) != Some(*e));
        if let Some(e) = error {
            ui.separator();
            ui.colored_label(egui::Color32::from_rgb(220, 120, 0), e);
        }
    });
}
