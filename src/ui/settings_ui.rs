//! The settings window: where the modem server listens and what modems are told to use.
//! (The theme is in the View menu; serial settings are remembered from the serial window.)

use std::net::SocketAddr;

use eframe::egui;

use crate::app::Settings;

/// State of the window.
#[derive(Debug, Default)]
pub struct SettingsView {
    /// Shown.
    pub open: bool,
    /// Listen address being edited.
    pub listen: String,
    /// Advertised address being edited.
    pub advertise: String,
    /// Why the last Apply was refused.
    pub error: Option<String>,
}

/// Settings accepted by Apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// As typed.
    pub listen: String,
    /// As typed (may be empty).
    pub advertise: String,
    /// Parsed.
    pub listen_addr: SocketAddr,
}

impl Applied {
    /// The advertised address, `None` when left empty.
    pub fn advertise_opt(&self) -> Option<String> {
        let a = self.advertise.trim();
        (!a.is_empty()).then(|| a.to_string())
    }
}

impl SettingsView {
    /// A closed window showing `s`.
    pub fn new(s: &Settings) -> Self {
        SettingsView {
            open: false,
            listen: s.listen.clone(),
            advertise: s.advertise.clone(),
            error: None,
        }
    }

    /// Checks what was typed.
    pub fn check(&self) -> Result<Applied, String> {
        let listen_addr: SocketAddr = self.listen.trim().parse().map_err(|_| {
            t!(
                "listen address { $address } is not IP:PORT (e.g. 0.0.0.0:21318)",
                address = format!("{:?}", self.listen)
            )
        })?;
        let adv = self.advertise.trim();
        if !adv.is_empty() {
            let port_ok = adv
                .rsplit_once(':')
                .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok_and(|p| p > 0));
            if !port_ok {
                return Err(t!(
                    "advertised address { $address } is not HOST:PORT (e.g. 192.168.1.20:21318)",
                    address = format!("{adv:?}")
                ));
            }
        }
        Ok(Applied {
            listen: self.listen.trim().to_string(),
            advertise: adv.to_string(),
            listen_addr,
        })
    }
}

/// Draws the window; returns the settings when the user applies valid ones.
pub fn ui(ctx: &egui::Context, v: &mut SettingsView) -> Option<Applied> {
    if !v.open {
        return None;
    }
    let mut applied = None;
    let mut open = true;
    egui::Window::new(t!("Settings"))
        .id(egui::Id::unique("settings_window"))
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("settings_grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    let l = ui.label(t!("Listen on"));
                    ui.add(egui::TextEdit::singleline(&mut v.listen).hint_text("0.0.0.0:21318"))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t!("Tell modems to use"));
                    ui.add(
                        egui::TextEdit::singleline(&mut v.advertise)
                            .hint_text(t!("automatic: this laptop's address")),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                });
            ui.small(t!(
                "Applying restarts the modem server: connected modems reconnect by themselves."
            ));
            if let Some(e) = &v.error {
                ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
            }
            ui.horizontal(|ui| {
                if ui.button(t!("Apply")).clicked() {
                    match v.check() {
                        Ok(a) => {
                            v.error = None;
                            v.open = false;
                            applied = Some(a);
                        }
                        Err(e) => v.error = Some(e),
                    }
                }
                if ui.button(t!("Cancel")).clicked() {
                    v.open = false;
                }
            });
        });
    if !open {
        v.open = false;
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_addresses() {
        let mut v = SettingsView::new(&Settings::default());
        assert_eq!(v.check().unwrap().listen_addr.port(), 21318);
        assert_eq!(v.check().unwrap().advertise_opt(), None);
        v.advertise = "10.0.0.5:4000".into();
        assert_eq!(
            v.check().unwrap().advertise_opt().as_deref(),
            Some("10.0.0.5:4000")
        );
        v.advertise = "10.0.0.5".into();
        assert!(v.check().unwrap_err().contains("HOST:PORT"));
        v.advertise.clear();
        v.listen = "localhost".into();
        assert!(v.check().unwrap_err().contains("IP:PORT"));
    }
}
