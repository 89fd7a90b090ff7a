//! The left panel: the modems the server has seen.

use eframe::egui;

use crate::app::AppState;

/// Draws the target list; a click selects.
pub fn ui(ui: &mut egui::Ui, state: &AppState, selected: &mut Option<String>, now_ms: i64) {
    ui.heading("Modems");
    if state.targets.is_empty() {
        ui.label(
            "No modem yet. Point a modem's server address at the address below, or start the demo.",
        );
        return;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for t in state.targets.values() {
            // Words, not symbols: the default fonts have no circle glyphs.
            let dot = if t.online { "online" } else { "OFFLINE" };
            let name = if t.hostname.is_empty() {
                "(no login yet)"
            } else {
                t.hostname.as_str()
            };
            let ago = t
                .last_seen_ms
                .map(|s| format!("{} s ago", (now_ms - s).max(0) / 1000))
                .unwrap_or_else(|| "never".into());
            let text = format!(
                "{name}  ({dot})\n   {}\n   {}  ·  seen {ago}",
                t.hostid, t.moduletype
            );
            let is_sel = selected.as_deref() == Some(t.hostid.as_str());
            if ui.selectable_label(is_sel, text).clicked() {
                *selected = Some(t.hostid.clone());
            }
        }
    });
}
