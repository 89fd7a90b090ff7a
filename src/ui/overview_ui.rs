//! A target's first screen: mode and running status, a single-line diagram of the supplies
//! and breakers, the active alarms with since when, and the key readings in large type
//! grouped as Mains, Generator, Load and Engine. What goes where comes from the map's roles,
//! so another controller's map gets the same panel without code.

use eframe::egui;

use crate::app::Target;
use crate::app::summary::{ActiveAlarm, Summary};
use crate::proto::Table;
use crate::proto::map::{AlarmKind, Value};

use super::palette;

/// The groups of the panel and the roles shown in each, in order.
pub const GROUPS: [(&str, &[&str]); 4] = [
    (
        "Mains",
        &[
            "mains_voltage_a",
            "mains_voltage_b",
            "mains_voltage_c",
            "mains_voltage_ab",
            "mains_voltage_bc",
            "mains_voltage_ca",
            "mains_frequency",
        ],
    ),
    (
        "Generator",
        &[
            "gen_voltage_a",
            "gen_voltage_b",
            "gen_voltage_c",
            "gen_voltage_ab",
            "gen_voltage_bc",
            "gen_voltage_ca",
            "gen_frequency",
        ],
    ),
    (
        "Load",
        &[
            "active_power",
            "reactive_power",
            "apparent_power",
            "power_factor",
            "load_percent",
            "current_a",
            "current_b",
            "current_c",
        ],
    ),
    (
        "Engine",
        &[
            "speed",
            "oil_pressure",
            "coolant_temperature",
            "fuel_level",
            "battery_voltage",
            "charger_voltage",
            "run_hours",
            "start_count",
        ],
    ),
];

/// A supply below this many volts is taken as dead.
const LIVE_VOLTS: f64 = 50.0;
/// Width of one reading's tile.
const TILE_WIDTH: f32 = 118.0;
/// Space between tiles.
const GAP: f32 = 6.0;

/// One reading as the panel shows it.
struct Reading {
    name: String,
    value: String,
    unit: String,
    stale: Option<String>,
    unverified: bool,
}

fn reading(t: &Target, role: &str) -> Option<Reading> {
    let spec = t.map.register_by_role(role)?;
    let d = t.map.decode(&t.image, t.slave(), Table::Holding, spec.addr);
    let value = match d.as_ref().map(|d| &d.value) {
        None => "--".to_string(),
        Some(Value::NoData) => "###".to_string(),
        Some(Value::Number(v)) => format!("{v:.*}", d.as_ref().map_or(0, |d| d.decimals)),
        Some(Value::Text(s)) => s.clone(),
        Some(Value::Bit(b)) => if *b { "on" } else { "off" }.to_string(),
    };
    Some(Reading {
        name: spec.name.clone(),
        value,
        unit: spec.unit.clone(),
        stale: t.staleness(Table::Holding, spec.addr),
        unverified: spec.unverified,
    })
}

/// A number by role, if read and valid.
fn number(t: &Target, role: &str) -> Option<f64> {
    let spec = t.map.register_by_role(role)?;
    match t
        .map
        .decode(&t.image, t.slave(), Table::Holding, spec.addr)?
        .value
    {
        Value::Number(v) => Some(v),
        _ => None,
    }
}

/// Whether a supply is live: from its phase voltages, else its frequency (`None`: not read).
fn live(t: &Target, side: &str) -> Option<bool> {
    let volts: Vec<f64> = ["a", "b", "c", "ab", "bc", "ca"]
        .iter()
        .filter_map(|p| number(t, &format!("{side}_voltage_{p}")))
        .collect();
    if !volts.is_empty() {
        return Some(volts.iter().any(|v| *v >= LIVE_VOLTS));
    }
    number(t, &format!("{side}_frequency")).map(|hz| hz >= 5.0)
}

/// A breaker's state by its role (a coil or a bit of a register): closed (`Some(true)`),
/// open, or not known.
fn closed(t: &Target, role: &str) -> Option<bool> {
    t.map.bit_state(&t.image, t.slave(), role)
}

/// The supplies and breakers as the readings show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Mains live.
    pub mains: Option<bool>,
    /// Mains breaker closed.
    pub mains_breaker: Option<bool>,
    /// Generator live.
    pub generator: Option<bool>,
    /// Generator breaker closed.
    pub gen_breaker: Option<bool>,
}

impl Line {
    /// Reads them from a target.
    pub fn of(t: &Target) -> Line {
        Line {
            mains: live(t, "mains"),
            mains_breaker: closed(t, "mains_breaker"),
            generator: live(t, "gen"),
            gen_breaker: closed(t, "gen_breaker"),
        }
    }

    /// Whether the load is live (`None`: no breaker state read).
    pub fn load_live(&self) -> Option<bool> {
        if self.mains_breaker.is_none() && self.gen_breaker.is_none() {
            return None;
        }
        let mains = self.mains == Some(true) && self.mains_breaker == Some(true);
        let generator = self.generator == Some(true) && self.gen_breaker == Some(true);
        Some(mains || generator)
    }

    /// Which supply feeds the load.
    pub fn load_fed_by(&self) -> &'static str {
        let mains = self.mains == Some(true) && self.mains_breaker == Some(true);
        let generator = self.generator == Some(true) && self.gen_breaker == Some(true);
        match (mains, generator, self.load_live()) {
            (true, true, _) => "mains and generator (in parallel)",
            (true, false, _) => "mains",
            (false, true, _) => "generator",
            (_, _, None) => "not known (no breaker state read)",
            _ => "nothing: the load is dead",
        }
    }

    /// The diagram in words (for screen readers and tests).
    pub fn describe(&self) -> String {
        format!(
            "Single-line diagram: mains {}, mains breaker {}, generator breaker {}, generator {}; load fed by {}",
            supply_word(self.mains),
            breaker_word(self.mains_breaker),
            breaker_word(self.gen_breaker),
            supply_word(self.generator),
            self.load_fed_by()
        )
    }
}

/// A state read from a bit or a supply in a word: `yes`, `no`, or not read.
fn word(v: Option<bool>, yes: &'static str, no: &'static str) -> &'static str {
    match v {
        Some(true) => yes,
        Some(false) => no,
        None => "not read",
    }
}

fn supply_word(v: Option<bool>) -> &'static str {
    word(v, "live", "dead")
}

fn breaker_word(v: Option<bool>) -> &'static str {
    word(v, "closed", "open")
}

fn line_colour(ui: &egui::Ui, live: Option<bool>) -> egui::Color32 {
    match live {
        Some(true) => palette::LIVE,
        Some(false) => ui.visuals().weak_text_color(),
        None => ui.visuals().widgets.noninteractive.bg_stroke.color,
    }
}

/// Paints the single-line diagram: mains - breaker - load bus - breaker - generator.
fn diagram_ui(ui: &mut egui::Ui, line: Line) {
    let width = ui.available_width().min(720.0);
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, 96.0), egui::Sense::hover());
    let description = line.describe();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
    let p = ui.painter_at(rect);
    let y = rect.top() + 34.0;
    let x = |f: f32| rect.left() + 24.0 + (width - 48.0) * f;
    let text = ui.visuals().text_color();
    let font = egui::FontId::proportional(13.0);
    let load_live = line.load_live();
    let segment = |a: f32, b: f32, live: Option<bool>| {
        p.line_segment(
            [egui::pos2(x(a), y), egui::pos2(x(b), y)],
            egui::Stroke::new(4.0, line_colour(ui, live)),
        );
    };
    // Each side is live up to its breaker; the bus between them carries the load's state.
    segment(0.04, 0.22, line.mains);
    segment(0.28, 0.72, load_live);
    segment(0.78, 0.96, line.generator);
    for (f, live, letter, name) in [
        (0.04, line.mains, "M", "Mains"),
        (0.96, line.generator, "G", "Generator"),
    ] {
        let c = egui::pos2(x(f), y);
        p.circle(
            c,
            16.0,
            ui.visuals().extreme_bg_color,
            egui::Stroke::new(3.0, line_colour(ui, live)),
        );
        p.text(
            c,
            egui::Align2::CENTER_CENTER,
            letter,
            egui::FontId::proportional(16.0),
            text,
        );
        p.text(
            egui::pos2(c.x, y + 26.0),
            egui::Align2::CENTER_TOP,
            format!("{name}\n{}", supply_word(live)),
            font.clone(),
            text,
        );
    }
    // Breakers: a filled square when closed, an empty one when open.
    for (f, state, name) in [
        (0.25, line.mains_breaker, "Mains breaker"),
        (0.75, line.gen_breaker, "Gen breaker"),
    ] {
        let c = egui::pos2(x(f), y);
        let r = egui::Rect::from_center_size(c, egui::vec2(22.0, 22.0));
        match state {
            Some(true) => p.rect_filled(r, 2.0, palette::LIVE),
            _ => p.rect_stroke(
                r,
                2.0,
                egui::Stroke::new(2.0, ui.visuals().weak_text_color()),
                egui::StrokeKind::Inside,
            ),
        };
        p.text(
            egui::pos2(c.x, y + 18.0),
            egui::Align2::CENTER_TOP,
            format!("{name}\n{}", breaker_word(state)),
            font.clone(),
            text,
        );
    }
    // The load: an arrow down from the bus.
    let c = egui::pos2(x(0.5), y);
    let colour = line_colour(ui, load_live);
    p.line_segment(
        [c, c + egui::vec2(0.0, 30.0)],
        egui::Stroke::new(4.0, colour),
    );
    p.add(egui::Shape::convex_polygon(
        vec![
            c + egui::vec2(-9.0, 30.0),
            c + egui::vec2(9.0, 30.0),
            c + egui::vec2(0.0, 44.0),
        ],
        colour,
        egui::Stroke::NONE,
    ));
    p.text(
        c + egui::vec2(0.0, -12.0),
        egui::Align2::CENTER_BOTTOM,
        "Load",
        font,
        text,
    );
}

/// The colour of an alarm kind.
pub fn kind_colour(kind: AlarmKind) -> egui::Color32 {
    match kind {
        AlarmKind::Shutdown => palette::ALARM,
        AlarmKind::Trip => palette::TRIP,
        AlarmKind::Warning => palette::WARN,
        AlarmKind::Block | AlarmKind::Summary => palette::BLOCK,
    }
}

/// "since 10:42:05 (12 min)".
pub fn since(now_ms: i64, at_ms: i64) -> String {
    let when = chrono::DateTime::from_timestamp_millis(at_ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    let s = (now_ms - at_ms).max(0) / 1000;
    let age = match s {
        0..120 => format!("{s} s"),
        120..7200 => format!("{} min", s / 60),
        _ => format!("{} h {} min", s / 3600, s / 60 % 60),
    };
    format!("since {when} ({age})")
}

fn alarms_ui(ui: &mut egui::Ui, alarms: &[ActiveAlarm], now_ms: i64) {
    if alarms.is_empty() {
        ui.colored_label(palette::LIVE, "No active alarms");
        return;
    }
    ui.strong(format!("Active alarms ({})", alarms.len()));
    egui::Grid::new("overview_alarms")
        .num_columns(3)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for a in alarms {
                let badge = egui::RichText::new(format!(" {} ", a.kind.name().to_uppercase()))
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(kind_colour(a.kind));
                ui.label(badge);
                ui.label(egui::RichText::new(&a.name).strong());
                ui.label(since(now_ms, a.since_ms));
                ui.end_row();
            }
        });
}

fn tile_ui(ui: &mut egui::Ui, r: &Reading) {
    let stale = r.stale.is_some();
    let fill = if stale {
        ui.visuals().faint_bg_color
    } else {
        ui.visuals().extreme_bg_color
    };
    let resp = egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 4))
        .show(ui, |ui| {
            ui.set_width(TILE_WIDTH - 12.0);
            ui.vertical(|ui| {
                let name = if r.unverified {
                    format!("{} (unverified)", r.name)
                } else {
                    r.name.clone()
                };
                ui.add(egui::Label::new(egui::RichText::new(name).size(12.0)).truncate());
                ui.horizontal(|ui| {
                    let mut value = egui::RichText::new(&r.value).size(24.0).monospace();
                    if stale {
                        value = value.color(ui.visuals().weak_text_color());
                    }
                    ui.label(value);
                    if !r.unit.is_empty() {
                        ui.label(egui::RichText::new(&r.unit).size(13.0));
                    }
                });
            });
        })
        .response;
    let hover = match (&r.stale, r.unverified) {
        (Some(why), true) => Some(format!("{why}\n{}", crate::proto::map::UNVERIFIED_NOTE)),
        (Some(why), false) => Some(why.clone()),
        (None, true) => Some(crate::proto::map::UNVERIFIED_NOTE.to_string()),
        (None, false) => None,
    };
    if let Some(h) = hover {
        resp.on_hover_text(h);
    }
}

fn group_ui(ui: &mut egui::Ui, t: &Target, title: &str, roles: &[&str]) {
    let readings: Vec<Reading> = roles.iter().filter_map(|r| reading(t, r)).collect();
    if readings.is_empty() {
        return;
    }
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.heading(title);
        let per_row = (((ui.available_width() + GAP) / (TILE_WIDTH + GAP)).floor() as usize).max(1);
        egui::Grid::new(("overview_group", title))
            .spacing([GAP, GAP])
            .show(ui, |ui| {
                for (i, r) in readings.iter().enumerate() {
                    tile_ui(ui, r);
                    if (i + 1) % per_row == 0 {
                        ui.end_row();
                    }
                }
            });
    });
}

fn header_ui(ui: &mut egui::Ui, t: &Target, s: &Summary) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{}  {}", t.hostname, t.hostid));
        ui.label(format!("{} · map: {}", t.moduletype, t.map.name));
    });
    ui.horizontal_wrapped(|ui| {
        let big = |s: String| egui::RichText::new(s).size(20.0).strong();
        ui.label(big(format!(
            "Mode: {}",
            s.mode.as_deref().unwrap_or("not read")
        )));
        ui.separator();
        ui.label(big(format!(
            "Status: {}",
            s.status.as_deref().unwrap_or("not read")
        )));
        if !t.online {
            ui.separator();
            ui.colored_label(palette::ALARM, big("OFFLINE".into()));
        }
    });
    if t.flags.inhibit_remote == Some(true) {
        ui.colored_label(
            palette::ALARM,
            "Remote control inhibited by the modem (InhbitRemote)",
        );
    }
    if s.remote_locked {
        ui.colored_label(palette::ALARM, "Controller reports Remote Lock");
    }
    for w in t.map.sanity(&t.image, t.slave()) {
        ui.colored_label(palette::WARN, w);
    }
    super::registers_ui::unverified_ui(ui, t);
}

/// Draws the overview of the selected target.
pub fn ui(ui: &mut egui::Ui, target: Option<&Target>, now_ms: i64) {
    let Some(t) = target else {
        ui.heading("Select a modem");
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("overview")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header_ui(ui, t, &t.summary);
            ui.separator();
            if t.image.is_empty() {
                ui.label("No data yet.");
                return;
            }
            let has_roles = GROUPS
                .iter()
                .any(|(_, roles)| roles.iter().any(|r| t.map.register_by_role(r).is_some()));
            if !has_roles {
                ui.label(format!(
                    "The map \"{}\" names no values by role, so there is no overview: the \
                     values are in the Values tab.",
                    t.map.name
                ));
                return;
            }
            let line = Line::of(t);
            diagram_ui(ui, line);
            ui.label(format!("Load fed by {}", line.load_fed_by()));
            ui.separator();
            alarms_ui(ui, &t.summary.alarms, now_ms);
            ui.separator();
            // Side by side (mains left, generator right, as in the diagram) when there is
            // room for three readings a side.
            let two = ui.available_width() >= 2.0 * (3.0 * (TILE_WIDTH + GAP) + 24.0);
            for pair in GROUPS.chunks(2) {
                if two {
                    ui.columns(2, |cols| {
                        for (col, (title, roles)) in cols.iter_mut().zip(pair) {
                            group_ui(col, t, title, roles);
                        }
                    });
                } else {
                    for (title, roles) in pair {
                        group_ui(ui, t, title, roles);
                    }
                }
            }
        });
}
