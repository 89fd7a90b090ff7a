//! The status bar: where modems must point, how many are online, the last error.

use std::net::SocketAddr;

use eframe::egui;

use crate::app::AppState;
use crate::link::config::local_ipv4_addresses;

/// Draws the status bar.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    advertise: Option<&str>,
    bound: Option<SocketAddr>,
    listen_error: Option<&str>,
) {
    ui.horizontal_wrapped(|ui| {
        match bound {
            Some(addr) => {
                ui.label("Modem server address:");
                let mut shown = Vec::new();
                if let Some(a) = advertise {
                    shown.push(a.to_string());
                }
                // Only a server on every interface is reachable at the other addresses.
                let others = if addr.ip().is_unspecified() {
                    local_ipv4_addresses()
                } else {
                    Vec::new()
                };
                for ip in others {
                    let s = SocketAddr::new(ip.into(), addr.port()).to_string();
                    if !shown.contains(&s) {
                        shown.push(s);
                    }
                }
                for s in shown {
                    if ui.button(&s).on_hover_text("Click to copy").clicked() {
                        ui.ctx().copy_text(s);
                    }
                }
            }
            None => {
                ui.colored_label(egui::Color32::RED, "server not running");
            }
        }
        ui.separator();
        ui.label(format!("{} online", state.online_count()));
        if let Some(e) = listen_error.or(state.last_error.as_deref()) {
            ui.separator();
            ui.colored_label(egui::Color32::from_rgb(220, 120, 0), e);
        }
    });
}
