//! The left panel: the modems the server has seen and the serial links, with their health.

use eframe::egui;

use crate::app::{AppState, Health, Link, Target};

/// What the user asked for in the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetAction {
    /// Open the "Connect serial" window.
    ConnectSerial,
    /// Close a serial link.
    Disconnect(String),
}

/// Colour of a health state (readable on dark and light backgrounds).
pub fn health_colour(h: Health) -> egui::Color32 {
    match h {
        Health::Good => egui::Color32::from_rgb(40, 170, 70),
        Health::Late => egui::Color32::from_rgb(225, 150, 0),
        Health::Down => egui::Color32::from_rgb(220, 60, 50),
    }
}

/// The health of a target in a word or two, in the window's language.
pub fn health_word(t: &Target, h: Health) -> String {
    if t.remote().is_some() {
        return if t.online {
            t!("via broker")
        } else {
            t!("OFFLINE")
        };
    }
    match (h, t.online, t.is_serial()) {
        (_, false, true) => t!("LINK DOWN"),
        (_, false, false) => t!("OFFLINE"),
        (Health::Good, _, true) => t!("polling"),
        (Health::Good, _, false) => t!("online"),
        (Health::Late, ..) => t!("heartbeat late"),
        (Health::Down, ..) => t!("silent"),
    }
}

/// Secondary lines of a target: smaller than the name, never below a size readable on a
/// laptop in daylight.
pub const DETAIL_TEXT_SIZE: f32 = 12.0;

fn detail_text(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).size(DETAIL_TEXT_SIZE)
}

/// "12 s ago", "5 min ago", "3 h ago", or "never".
pub fn ago(now_ms: i64, at: Option<i64>) -> String {
    match at {
        None => t!("never"),
        Some(t) => {
            let s = (now_ms - t).max(0) / 1000;
            if s < 120 {
                t!("{ $seconds } s ago", seconds = s)
            } else if s < 7200 {
                t!("{ $minutes } min ago", minutes = s / 60)
            } else {
                t!("{ $hours } h ago", hours = s / 3600)
            }
        }
    }
}

/// One target: health bar, name and state, id and model, when seen (and why it is down).
fn row_ui(
    ui: &mut egui::Ui,
    t: &Target,
    selected: &mut Option<String>,
    now_ms: i64,
    heartbeat_ms: i64,
) -> Option<TargetAction> {
    let mut action = None;
    let health = t.heartbeat_health(now_ms, heartbeat_ms);
    let is_sel = selected.as_deref() == Some(t.hostid.as_str());
    let name = match crate::model::TargetId::parse(&t.hostid) {
        // A controller on a line: its slave id first, what tells slaves apart when the
        // panel is narrow, then its port (the line's settings are on the row below).
        crate::model::TargetId::Serial { port, slave } => {
            format!("{} · {port}", t!("slave { $slave }", slave = slave))
        }
        _ if t.hostname.is_empty() => t!("(no login yet)"),
        _ => t.hostname.clone(),
    };
    ui.horizontal(|ui| {
        // A coloured bar, not a glyph: the default fonts have no circles.
        let (rect, _) = ui.allocate_exact_size(egui::vec2(6.0, 62.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, health_colour(health));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let title = format!("{name}  ({})", health_word(t, health));
                // Elided at the panel's width, with room kept for Disconnect beside it.
                let keep = if t.is_serial() { 90.0 } else { 0.0 };
                let room = egui::vec2((ui.available_width() - keep).max(40.0), 24.0);
                let title = egui::Button::selectable(is_sel, title).truncate();
                let full = format!("{name}  ({})", health_word(t, health));
                let title = ui.allocate_ui(room, |ui| ui.add(title)).inner;
                if title.on_hover_text(full).clicked() {
                    *selected = Some(t.hostid.clone());
                }
                if t.is_serial() && ui.small_button(t!("Disconnect")).clicked() {
                    action = Some(TargetAction::Disconnect(t.hostid.clone()));
                }
            });
            let detail = match (t.serial_description(), t.remote()) {
                (Some(s), _) => format!("{s}  ·  {}", t.moduletype),
                (None, Some(r)) if !r.commands => {
                    format!("{}  ·  {}  ·  {}", t.hostid, t.moduletype, t!("read-only"))
                }
                (None, _) => format!("{}  ·  {}", t.hostid, t.moduletype),
            };
            // Elided at the panel's width (whole on hover): the panel never grows to fit.
            ui.add(egui::Label::new(detail_text(detail)).truncate());
            let mut line = t!("seen { $ago }", ago = ago(now_ms, t.last_seen_ms));
            if matches!(t.link, Link::Modem { .. }) {
                let heartbeat = ago(now_ms, t.last_heartbeat_ms);
                line += &format!("  ·  {}", t!("heartbeat { $ago }", ago = heartbeat));
            }
            if let Some(st) = t.link_stats() {
                let errors = t!(
                    "targets-timeouts-crc",
                    timeouts = st.timeouts,
                    crc = st.crc_errors
                );
                line += &format!("  ·  {errors}");
            }
            let down = t.down_reason.as_ref().filter(|_| !t.online);
            let mut seen = ui.add(egui::Label::new(detail_text(line)).truncate());
            if let Some(st) = t.link_stats() {
                seen = seen.on_hover_text(stats_text(st, t.line_stats()));
            }
            if let Some(why) = down {
                let down = t!("down: { $reason }", reason = why.as_str());
                seen.on_hover_text(down.clone());
                ui.add(egui::Label::new(detail_text(down)).truncate());
            }
        });
    });
    action
}

/// Draws the target list; a click selects. `heartbeat_ms` is the expected heartbeat interval.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    selected: &mut Option<String>,
    now_ms: i64,
    heartbeat_ms: i64,
) -> Option<TargetAction> {
    let mut action = None;
    // Wrapped: a longer button (in Russian) goes below the heading instead of widening the
    // panel's content past its edge, where the rows below would be cut without their "…".
    ui.horizontal_wrapped(|ui| {
        ui.heading(t!("Targets"));
        // A recording shown read-only links to nothing.
        let live = state.offline.is_none();
        if ui
            .add_enabled(live, egui::Button::new(t!("Connect serial…")))
            .on_hover_text(t!(
                "A controller on this laptop's RS485/USB adapter, or on the network (Modbus TCP)"
            ))
            .on_disabled_hover_text(t!("A recording is shown read-only"))
            .clicked()
        {
            action = Some(TargetAction::ConnectSerial);
        }
    });
    if state.targets.is_empty() && state.offline.is_some() {
        ui.label(t!("No target in this recording."));
        return action;
    }
    if state.targets.is_empty() {
        ui.label(t!(
            "No modem yet. Point a modem's server address at the address below, \
             connect a controller by serial, or start the demo."
        ));
        return action;
    }
    // Rows of one height, and only those in view laid out: 2,000 modems cost a screenful.
    let row_height = 74.0;
    let targets: Vec<&Target> = state.targets.values().collect();
    egui::ScrollArea::vertical()
        .id_salt("targets")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, targets.len(), |ui, rows| {
            for t in &targets[rows] {
                let size = egui::vec2(ui.available_width(), row_height);
                ui.allocate_ui(size, |ui| {
                    ui.set_height(row_height - ui.spacing().item_spacing.y);
                    if let Some(a) = row_ui(ui, t, selected, now_ms, heartbeat_ms) {
                        action = Some(a);
                    }
                });
            }
        });
    action
}

/// A serial target's figures in full, and its line's when it shares the line with others.
fn stats_text(
    st: &crate::model::serial::LinkStats,
    line: Option<&crate::model::serial::LinkStats>,
) -> String {
    let one = |st: &crate::model::serial::LinkStats| {
        let ms = |v: Option<f64>| v.map_or("–".to_string(), |v| crate::i18n::num(v, 1));
        t!(
            "{ $requests } requests, { $responses } replies, { $timeouts } timeouts, { $crc } bad CRC, { $exceptions } exceptions; reply { $avg } ms on average, { $worst } ms at worst",
            requests = st.requests,
            responses = st.responses,
            timeouts = st.timeouts,
            crc = st.crc_errors,
            exceptions = st.exceptions,
            avg = ms(st.avg_ms()),
            worst = ms(st.worst_ms())
        )
    };
    let mut text = format!("{}: {}", t!("This slave"), one(st));
    if let Some(line) = line {
        text += &format!("\n{}: {}", t!("The whole line"), one(line));
    }
    text
}
