//! File > Attach to broker: look at modems that a `cmmctl serve --mqtt` elsewhere publishes,
//! as targets of this window.

use std::path::PathBuf;

use eframe::egui;

use crate::app::AppState;
use crate::app::settings::BrokerPrefs;
use crate::model::broker::{BrokerConfig, parse_broker};

/// State of the window.
#[derive(Debug, Default)]
pub struct BrokerDialog {
    /// Shown.
    pub open: bool,
    /// Address, user, prefix and CA as typed (remembered in the settings).
    pub prefs: BrokerPrefs,
    /// The password: in memory for this run only, never saved.
    pub password: String,
    /// Why the last Attach was refused.
    pub error: Option<String>,
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrokerAction {
    /// Attach (again) with these settings.
    Attach(BrokerConfig),
    /// Detach.
    Detach,
}

impl BrokerDialog {
    /// A closed window with the settings last used.
    pub fn new(prefs: BrokerPrefs) -> Self {
        BrokerDialog {
            prefs,
            ..Default::default()
        }
    }

    /// Checks what was typed.
    pub fn check(&self) -> Result<BrokerConfig, String> {
        let url = self.prefs.url.trim();
        if url.is_empty() {
            return Err(t!(
                "give the broker's address, e.g. mqtts://broker.example.com:8883"
            ));
        }
        let broker = parse_broker(url)?;
        let prefix = self.prefs.prefix.trim().trim_matches('/');
        if prefix.is_empty() || prefix.contains(['+', '#']) {
            return Err(t!(
                "topic prefix { $prefix }: give a topic level without + or # (cmm by default)",
                prefix = format!("{prefix:?}")
            ));
        }
        let ca = self.prefs.ca.trim();
        if !ca.is_empty() && !broker.tls {
            return Err(t!("a CA file is for mqtts:// only"));
        }
        let user = self.prefs.user.trim();
        Ok(BrokerConfig {
            url: url.to_string(),
            user: (!user.is_empty()).then(|| user.to_string()),
            password: (!self.password.is_empty()).then(|| self.password.clone()),
            prefix: prefix.to_string(),
            ca: (!ca.is_empty()).then(|| PathBuf::from(ca)),
        })
    }
}

/// The broker's state in a few words, and whether it is a problem.
pub fn status_text(state: &AppState) -> Option<(String, bool)> {
    let b = state.broker.as_ref()?;
    let remote = state
        .targets
        .values()
        .filter(|t| t.remote().is_some())
        .count();
    let broker = b.broker.as_str();
    Some(if !b.connected && b.detail == "connecting" {
        (t!("broker { $broker }: connecting", broker = broker), false)
    } else if b.connected {
        (
            t!("broker-connected-modems", broker = broker, n = remote),
            false,
        )
    } else {
        (
            t!(
                "broker { $broker }: not connected ({ $reason }); retrying",
                broker = broker,
                reason = b.detail.as_str()
            ),
            true,
        )
    })
}

/// Draws the window; returns what the user asked for.
pub fn ui(ctx: &egui::Context, d: &mut BrokerDialog, state: &AppState) -> Option<BrokerAction> {
    if !d.open {
        return None;
    }
    let mut action = None;
    let mut open = true;
    egui::Window::new(t!("Attach to broker"))
        .id(egui::Id::unique("broker_window"))
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(t!(
                "The modems a cmmctl serve --mqtt publishes on this broker appear as targets \
                 mqtt:HOSTID, with the same views. Commands need a bridge run with \
                 --mqtt-commands, over mqtts:// with credentials."
            ));
            egui::Grid::new("broker_grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    let l = ui.label(t!("Broker"));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.prefs.url)
                            .hint_text("mqtts://broker.example.com:8883"),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t!("User"));
                    ui.add(egui::TextEdit::singleline(&mut d.prefs.user).hint_text(t!("none")))
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t!("Password"));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.password)
                            .password(true)
                            .hint_text(t!("kept for this run only, never saved")),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t!("CA file"));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.prefs.ca)
                            .hint_text(t!("mqtts://: the system's certificates")),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t!("Topic prefix"));
                    ui.add(egui::TextEdit::singleline(&mut d.prefs.prefix).hint_text("cmm"))
                        .labelled_by(l.id);
                    ui.end_row();
                });
            if let Some((text, bad)) = status_text(state) {
                if bad {
                    ui.colored_label(egui::Color32::from_rgb(220, 60, 50), text);
                } else {
                    ui.label(text);
                }
            }
            if let Some(e) = &d.error {
                ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
            }
            ui.horizontal(|ui| {
                let attached = state.broker.is_some();
                let label = if attached {
                    t!("Attach again")
                } else {
                    t!("Attach")
                };
                if ui.button(label).clicked() {
                    match d.check() {
                        Ok(c) => {
                            d.error = None;
                            action = Some(BrokerAction::Attach(c));
                        }
                        Err(e) => d.error = Some(e),
                    }
                }
                if attached && ui.button(t!("Detach")).clicked() {
                    action = Some(BrokerAction::Detach);
                }
                if ui.button(t!("Close")).clicked() {
                    d.open = false;
                }
            });
        });
    if !open {
        d.open = false;
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_what_was_typed() {
        let mut d = BrokerDialog::new(BrokerPrefs::default());
        assert!(d.check().unwrap_err().contains("address"));
        d.prefs.url = "tcp://x".into();
        assert!(d.check().unwrap_err().contains("mqtt://"));
        d.prefs.url = "mqtt://broker.lan".into();
        let c = d.check().unwrap();
        assert_eq!((c.prefix.as_str(), c.user, c.password), ("cmm", None, None));
        d.prefs.ca = "/tmp/ca.pem".into();
        assert!(d.check().unwrap_err().contains("mqtts"));
        d.prefs.url = "mqtts://broker.lan".into();
        d.prefs.user = " eng ".into();
        d.password = "secret".into();
        let c = d.check().unwrap();
        assert_eq!(c.user.as_deref(), Some("eng"));
        assert_eq!(c.password.as_deref(), Some("secret"));
        assert_eq!(c.ca, Some(PathBuf::from("/tmp/ca.pem")));
        d.prefs.prefix = "a/+".into();
        assert!(d.check().unwrap_err().contains("prefix"));
    }
}
