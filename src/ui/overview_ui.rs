//! A target's first screen: mode and running status, a single-line diagram of the supplies
//! and breakers, the active alarms with since when, and the key readings in large type
//! grouped as Mains, Generator, Load and Engine. What goes where comes from the map's roles,
//! so another controller's map gets the same panel without code.

use eframe::egui;

use crate::app::Target;
use crate::app::summary::{ActiveAlarm, Summary};
use crate::proto::map::{AlarmKind, Value};

use super::diagram_ui::{self, Line};
use super::palette;

/// The groups of the panel and the roles shown in each, in order.
pub const GROUPS: [(&str, &[&str]); 4] = [
    (
        n!("Mains"),
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
        n!("Generator"),
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
        n!("Load"),
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
        n!("Engine"),
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

/// The key readings in one compact row at the top, each from the first of its roles the map
/// has: what the engineer looks at first, in view without scrolling on a laptop's screen.
/// The titles that are words are for the catalogue (shown with `i18n::tr`); units stay.
pub const KEY_READINGS: [(&str, &[&str]); 8] = [
    (n!("Gen V"), &["gen_voltage_a", "gen_voltage_ab"]),
    ("Hz", &["gen_frequency"]),
    ("kW", &["active_power"]),
    (n!("PF"), &["power_factor"]),
    (n!("Speed"), &["speed"]),
    (n!("Oil"), &["oil_pressure"]),
    (n!("Coolant"), &["coolant_temperature"]),
    (n!("Battery"), &["battery_voltage"]),
];

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
    let d = t.map.decode(&t.image, t.slave(), spec.table, spec.addr);
    let value = match d.as_ref().map(|d| &d.value) {
        None => "--".to_string(),
        Some(Value::NoData) => "###".to_string(),
        Some(Value::Number(v)) => crate::i18n::num(*v, d.as_ref().map_or(0, |d| d.decimals)),
        Some(Value::Text(s)) => s.clone(),
        Some(Value::Bit(b)) => {
            if *b {
                t!("on")
            } else {
                t!("off")
            }
        }
    };
    Some(Reading {
        name: t.map.shown(&spec.name).to_string(),
        value,
        unit: spec.unit.to_string(),
        stale: t.staleness(spec.table, spec.addr),
        unverified: spec.unverified,
    })
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

/// An alarm kind in words, in the window's language.
pub fn kind_name(kind: AlarmKind) -> String {
    match kind {
        AlarmKind::Summary => t!("summary"),
        AlarmKind::Warning => t!("warning"),
        AlarmKind::Shutdown => t!("shutdown"),
        AlarmKind::Trip => t!("trip"),
        AlarmKind::Block => t!("block"),
    }
}

/// "since 10:42:05 (12 min)".
pub fn since(now_ms: i64, at_ms: i64) -> String {
    let (when, age) = crate::app::target::clock_and_age(now_ms, at_ms);
    t!("since { $when } ({ $age })", when = when, age = age)
}

fn alarms_ui(
    ui: &mut egui::Ui,
    map: &crate::proto::map::RegisterMap,
    alarms: &[ActiveAlarm],
    first_out: Option<(usize, usize)>,
    now_ms: i64,
) {
    if alarms.is_empty() {
        ui.colored_label(palette::LIVE, t!("No active alarms"));
        return;
    }
    ui.strong(t!("Active alarms ({ $count })", count = alarms.len()));
    let first_out = first_out.filter(|_| alarms.len() > 1);
    egui::Grid::new("overview_alarms")
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (i, a) in alarms.iter().enumerate() {
                let badge = egui::RichText::new(format!(" {} ", kind_name(a.kind).to_uppercase()))
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(kind_colour(a.kind));
                ui.label(badge);
                ui.label(egui::RichText::new(map.shown(&a.name)).strong());
                ui.label(since(now_ms, a.since_ms));
                match first_out {
                    Some((f, with)) if f == i && with > 0 => {
                        ui.label(
                            egui::RichText::new(crate::journal::first_out_mark(with)).strong(),
                        )
                        .on_hover_text(t!(
                            "The first of the alarms that came on together: what tripped first"
                        ));
                    }
                    _ => {
                        ui.label("");
                    }
                }
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
                    t!("{ $name } (unverified)", name = r.name.as_str())
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
    let note = || crate::i18n::tr(crate::proto::map::UNVERIFIED_NOTE);
    let hover = match (&r.stale, r.unverified) {
        (Some(why), true) => Some(format!("{why}\n{}", note())),
        (Some(why), false) => Some(why.clone()),
        (None, true) => Some(note()),
        (None, false) => None,
    };
    if let Some(h) = hover {
        resp.on_hover_text(h);
    }
}

fn group_ui(ui: &mut egui::Ui, t: &Target, title: &'static str, roles: &[&str]) {
    let readings: Vec<Reading> = roles.iter().filter_map(|r| reading(t, r)).collect();
    if readings.is_empty() {
        return;
    }
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.heading(crate::i18n::tr(title));
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

/// One key reading, `width` wide: its short title above its value and unit, named for
/// screen readers and tests ("kW: 120 kW").
fn key_ui(ui: &mut egui::Ui, title: &'static str, r: &Reading, width: f32) {
    let stale = r.stale.is_some();
    let fill = if stale {
        ui.visuals().faint_bg_color
    } else {
        ui.visuals().extreme_bg_color
    };
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.set_width(width - 12.0);
            ui.vertical(|ui| {
                let title = egui::RichText::new(crate::i18n::tr(title))
                    .size(12.0)
                    .weak();
                ui.add(egui::Label::new(title).truncate());
                // One label, elided at the tile's width (whole on hover): a tile never grows.
                let text = format!("{} {}", r.value, r.unit);
                let mut value = egui::RichText::new(text.trim()).size(17.0).monospace();
                if stale {
                    value = value.color(ui.visuals().weak_text_color());
                }
                ui.add(egui::Label::new(value).truncate());
            });
        });
    let rect = frame.response.rect;
    let resp = ui.interact(
        rect,
        ui.scope_id().with(("key", title)),
        egui::Sense::hover(),
    );
    let name = format!("{}: {} {}", crate::i18n::tr(title), r.value, r.unit);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name.trim()));
    let hover = match &r.stale {
        Some(why) => format!("{}\n{why}", r.name),
        None => r.name.clone(),
    };
    resp.on_hover_text(hover);
}

/// The key readings row (nothing when the map names none of them): all in one row from
/// about 700 points wide, in two below.
fn keys_ui(ui: &mut egui::Ui, t: &Target) {
    let keys: Vec<(&'static str, Reading)> = KEY_READINGS
        .iter()
        .filter_map(|(title, roles)| Some((*title, roles.iter().find_map(|r| reading(t, r))?)))
        .collect();
    if keys.is_empty() || t.image.is_empty() {
        return;
    }
    let n = keys.len() as f32;
    let width = ((ui.available_width() + GAP) / n - GAP).clamp(100.0, 150.0);
    let per_row = (((ui.available_width() + GAP) / (width + GAP)).floor() as usize).max(1);
    for row in keys.chunks(per_row) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = GAP;
            for (title, r) in row {
                key_ui(ui, title, r, width);
            }
        });
    }
}

fn header_ui(ui: &mut egui::Ui, t: &Target, s: &Summary, now_ms: i64) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{}  {}", t.hostname, t.hostid));
        ui.label(t!(
            "{ $model } · map: { $map }",
            model = t.moduletype.as_str(),
            map = t.map.name.as_str(),
        ));
    });
    let last_known = t.not_live(now_ms).is_some();
    ui.horizontal_wrapped(|ui| {
        let big = |s: String| egui::RichText::new(s).size(20.0).strong();
        let mode = s.mode.clone().unwrap_or_else(|| t!("not read"));
        let status = s.status.clone().unwrap_or_else(|| t!("not read"));
        ui.label(big(if last_known {
            t!("Mode: { $mode } (last known)", mode = mode)
        } else {
            t!("Mode: { $mode }", mode = mode)
        }));
        ui.separator();
        ui.label(big(if last_known {
            t!("Status: { $status } (last known)", status = status)
        } else {
            t!("Status: { $status }", status = status)
        }));
    });
    if let Some(why) = t.not_live(now_ms) {
        ui.colored_label(palette::ALARM, egui::RichText::new(why).size(18.0).strong());
        ui.label(
            egui::RichText::new(t!("The readings below are the last ones received, shaded."))
                .weak(),
        );
    }
    if t.flags.inhibit_remote == Some(true) {
        ui.colored_label(
            palette::ALARM,
            t!("Remote control inhibited by the modem (InhbitRemote)"),
        );
    }
    if s.remote_locked {
        ui.colored_label(palette::ALARM, t!("Controller reports Remote Lock"));
    }
    for w in t.map.sanity(&t.image, t.slave()) {
        ui.colored_label(palette::WARN, w);
    }
    super::registers_ui::unverified_ui(ui, t);
}

/// Draws the overview of the selected target.
pub fn ui(ui: &mut egui::Ui, target: Option<&Target>, now_ms: i64) {
    let Some(t) = target else {
        ui.heading(t!("Select a modem"));
        return;
    };
    // The key readings stay in view while the detail scrolls.
    keys_ui(ui, t);
    egui::ScrollArea::vertical()
        .id_salt("overview")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header_ui(ui, t, &t.summary, now_ms);
            ui.separator();
            if t.image.is_empty() {
                ui.label(t!("No data yet."));
                return;
            }
            let has_roles = GROUPS
                .iter()
                .any(|(_, roles)| roles.iter().any(|r| t.map.register_by_role(r).is_some()));
            if !has_roles {
                ui.label(t!(
                    "The map \"{ $map }\" names no values by role, so there is no overview: \
                     the values are in the Values tab.",
                    map = t.map.name.as_str(),
                ));
                return;
            }
            let live = t.not_live(now_ms).is_none();
            let line = Line::of(t);
            diagram_ui::ui(ui, line, live);
            if live {
                ui.label(t!("Load fed by { $source }", source = line.load_fed_by()));
            } else {
                ui.label(t!("Load: no data (the target is offline)"));
            }
            ui.separator();
            alarms_ui(ui, &t.map, &t.summary.alarms, t.summary.first_out(), now_ms);
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
