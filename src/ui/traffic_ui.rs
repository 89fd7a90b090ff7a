//! The traffic inspector: every message in and out of a modem and every request and reply on
//! a serial link; selecting one shows its JSON (or frame) and the Modbus frames decoded, with
//! the CRC verdict and the values named with the target's map.

use eframe::egui;

use crate::app::AppState;
use crate::app::traffic::{Payload, TrafficRecord, pretty};
use crate::model::Direction;

/// The inspector's settings, kept between frames.
#[derive(Debug, Default)]
pub struct TrafficView {
    /// Window shown.
    pub open: bool,
    /// Method filter ("" for all).
    pub method: String,
    /// Whose traffic is shown.
    pub target: TargetFilter,
    /// Paused at this time: newer messages are not shown.
    pub paused_at: Option<i64>,
    /// The message shown in detail.
    pub selected: Option<TrafficRecord>,
}

/// Whose traffic the inspector shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TargetFilter {
    /// Every target's.
    #[default]
    All,
    /// The target selected in the list's (it follows the selection).
    Selected,
    /// This target's (modem id, `serial:PORT:SLAVE`).
    One(String),
}

impl TargetFilter {
    fn text(&self) -> String {
        match self {
            TargetFilter::All => t!("all"),
            TargetFilter::Selected => t!("the selected one"),
            TargetFilter::One(t) => t.clone(),
        }
    }
}

fn target_ui(ui: &mut egui::Ui, state: &AppState, v: &mut TrafficView) {
    let label = ui.label(t!("Target"));
    egui::ComboBox::from_id_salt("traffic_target")
        .selected_text(v.target.text())
        .width(160.0)
        .show_ui(ui, |ui| {
            for f in [TargetFilter::All, TargetFilter::Selected] {
                let text = f.text();
                ui.selectable_value(&mut v.target, f, text);
            }
            for t in state.traffic.targets() {
                ui.selectable_value(&mut v.target, TargetFilter::One(t.to_string()), t);
            }
        })
        .response
        .labelled_by(label.id);
}

fn line(r: &TrafficRecord) -> String {
    let t = chrono::DateTime::from_timestamp_millis(r.at_ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S%.3f")
                .to_string()
        })
        .unwrap_or_default();
    let dir = match r.direction {
        Direction::In => t!("in"),
        Direction::Out => t!("out"),
    };
    format!(
        "{t} {dir:<3} {} {}",
        r.target.as_deref().unwrap_or(&r.peer),
        r.method
    )
}

fn detail_ui(ui: &mut egui::Ui, state: &AppState, r: &TrafficRecord, hex: bool) {
    let plan = r
        .target
        .as_ref()
        .and_then(|h| state.targets.get(h))
        .filter(|t| !t.map.is_generic())
        .map(|t| t.map.plan.clone())
        .unwrap_or_default();
    let text = pretty(&r.text);
    ui.horizontal(|ui| {
        ui.strong(line(r));
        if ui.button(t!("Copy")).clicked() {
            ui.ctx().copy_text(r.text.clone());
        }
    });
    for f in r.frames(&plan) {
        let verdict = if f.crc_ok {
            t!("CRC ok")
        } else {
            t!("CRC BAD")
        };
        let color = if f.crc_ok {
            ui.visuals().text_color()
        } else {
            egui::Color32::from_rgb(230, 70, 60)
        };
        ui.colored_label(color, format!("{}: {} [{verdict}]", f.place, f.decoded));
        ui.monospace(&f.hex);
    }
    if let Some(t) = r.target.as_ref().and_then(|h| state.targets.get(h)) {
        for line in r.named_values(t, hex) {
            ui.monospace(line);
        }
    }
    // A serial frame's hex is shown with its decoding above.
    if r.payload == Payload::Json {
        ui.add(egui::Label::new(egui::RichText::new(text).monospace()).selectable(true));
    }
}

/// Draws the inspector (when open), docked at the bottom of the window beside the event log:
/// it never covers the menu or the panels, whatever the screen size.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    selected_target: Option<&str>,
    v: &mut TrafficView,
    hex: bool,
) {
    if !v.open {
        return;
    }
    // It shares the height with the log, the table and the plots: at most under half of it.
    let height = ui.available_height();
    let max = (height * 0.45).max(120.0);
    egui::Panel::bottom("traffic")
        .resizable(true)
        .default_size((height * 0.28).clamp(120.0, 320.0))
        .size_range(120.0..=max)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(t!("Traffic inspector"));
                let label = ui.label(t!("Method"));
                ui.add(
                    egui::TextEdit::singleline(&mut v.method)
                        .desired_width(100.0)
                        .hint_text(t!("all")),
                )
                .labelled_by(label.id);
                target_ui(ui, state, v);
                let mut paused = v.paused_at.is_some();
                if ui.checkbox(&mut paused, t!("Pause")).changed() {
                    v.paused_at = paused.then(|| chrono::Utc::now().timestamp_millis());
                }
                ui.label(t!("traffic-messages-kept", n = state.traffic.len()));
                if ui.button(t!("Close")).clicked() {
                    v.open = false;
                }
            });
            let method = Some(v.method.trim()).filter(|m| !m.is_empty());
            let target = match &v.target {
                TargetFilter::All => None,
                TargetFilter::Selected => selected_target,
                TargetFilter::One(t) => Some(t.as_str()),
            };
            let until = v.paused_at.unwrap_or(i64::MAX);
            let rows: Vec<&TrafficRecord> = state
                .traffic
                .filtered(method, target)
                .filter(|r| r.at_ms <= until)
                .collect();
            ui.columns(2, |cols| {
                let height = cols[0].text_style_height(&egui::TextStyle::Monospace);
                egui::ScrollArea::vertical()
                    .id_salt("traffic_rows")
                    .auto_shrink([false, false])
                    .stick_to_bottom(v.paused_at.is_none())
                    .show_rows(&mut cols[0], height, rows.len(), |ui, range| {
                        for r in &rows[range] {
                            let chosen = v.selected.as_ref() == Some(*r);
                            let text = egui::RichText::new(line(r)).monospace();
                            if ui.selectable_label(chosen, text).clicked() {
                                v.selected = Some((*r).clone());
                            }
                        }
                    });
                egui::ScrollArea::vertical()
                    .id_salt("traffic_detail")
                    .auto_shrink([false, false])
                    .show(&mut cols[1], |ui| match &v.selected {
                        Some(r) => detail_ui(ui, state, r, hex),
                        None => {
                            ui.label(t!("Select a message."));
                        }
                    });
            });
        });
}
