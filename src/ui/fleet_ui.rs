//! The fleet view: every target in one table (name, link and heartbeat health, mode, status,
//! active alarms, kW, last seen), sorted by any column and filtered by text; a click opens
//! the target. Only the rows in view are laid out, and each row reads the target's summary
//! that the core keeps current, so 2,000 targets cost no more to draw than a screenful.

use std::cmp::Ordering;

use eframe::egui;

use crate::app::{AppState, Health, Target};

use super::columns::{self, Layout, col};
use super::overview_ui::kind_colour;
use super::targets_ui::{ago, health_colour, health_word};

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// Name (hostname), then hostid.
    #[default]
    Name,
    /// Modem id or serial port.
    Id,
    /// Controller model.
    Model,
    /// Online and heartbeat health.
    Link,
    /// Controller mode.
    Mode,
    /// Running status.
    Status,
    /// Active alarms, the most serious first.
    Alarms,
    /// Active power.
    Kw,
    /// Last seen.
    Seen,
}

/// The columns in their order, with their titles.
const COLUMNS: [Column; 9] = [
    Column::Name,
    Column::Id,
    Column::Model,
    Column::Link,
    Column::Mode,
    Column::Status,
    Column::Alarms,
    Column::Kw,
    Column::Seen,
];

/// Titles, widths and ranks; a column never moves as values come and go, and on a narrow
/// window the columns give way from the highest rank: health (the bar), name, link, alarms
/// and kW stay in view, the rest are on the row's hover.
const WIDTHS: [columns::Column; 9] = [
    col(n!("Name"), 170.0, 0),
    col(n!("Modem / port"), 210.0, 8),
    col(n!("Model"), 100.0, 7),
    col(n!("Link"), 110.0, 1),
    col(n!("Mode"), 72.0, 5),
    col(n!("Status"), 130.0, 6),
    col(n!("Alarms"), 210.0, 2),
    col("kW", 64.0, 3),
    col(n!("Last seen"), 90.0, 4),
];

/// Width of the health bar before the first column.
const BAR: f32 = 8.0;

/// The fleet view's own state.
#[derive(Debug, Default)]
pub struct FleetView {
    /// Text to find (name, id, model, mode, status, alarm).
    pub filter: String,
    /// The column sorted by, and whether descending.
    pub sort: (Column, bool),
    /// The targets as last listed (filtered and sorted), for keyboard moves.
    pub order: Vec<String>,
    /// Put the keyboard in the filter on the next frame.
    pub focus_filter: bool,
}

/// The filter's words for "offline" and "alarm" in the window's language (lowercase); the
/// English ones work in every language.
struct Words {
    offline: String,
    alarm: String,
}

impl Words {
    fn new() -> Words {
        Words {
            offline: t!("offline").to_lowercase(),
            alarm: t!("alarm").to_lowercase(),
        }
    }
}

fn matches(t: &Target, needle: &str, words: &Words) -> bool {
    let s = &t.summary;
    let has = |x: &str| super::contains_lower(x, needle);
    has(&t.hostname)
        || has(&t.hostid)
        || has(&t.moduletype)
        || s.mode.as_deref().is_some_and(has)
        || s.status.as_deref().is_some_and(has)
        || s.alarms.iter().any(|a| {
            has(&a.name) || has(a.kind.name()) || has(&super::overview_ui::kind_name(a.kind))
        })
        || ((needle == "offline" || needle == words.offline) && !t.online)
        || ((needle == "alarm" || needle == words.alarm) && !s.alarms.is_empty())
}

fn health_rank(h: Health) -> u8 {
    match h {
        Health::Good => 0,
        Health::Late => 1,
        Health::Down => 2,
    }
}

fn compare(a: &Target, b: &Target, col: Column, now: i64, hb: i64) -> Ordering {
    let (sa, sb) = (&a.summary, &b.summary);
    match col {
        Column::Name => super::natural_cmp(&a.hostname, &b.hostname),
        Column::Id => a.hostid.cmp(&b.hostid),
        Column::Model => a.moduletype.cmp(&b.moduletype),
        Column::Link => {
            health_rank(a.heartbeat_health(now, hb)).cmp(&health_rank(b.heartbeat_health(now, hb)))
        }
        Column::Mode => sa.mode.cmp(&sb.mode),
        Column::Status => sa.status.cmp(&sb.status),
        Column::Alarms => {
            let key = |s: &crate::app::summary::Summary| {
                (s.worst().map(crate::app::summary::severity), s.alarms.len())
            };
            key(sa).cmp(&key(sb))
        }
        Column::Kw => sa
            .kw
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&sb.kw.unwrap_or(f64::NEG_INFINITY)),
        Column::Seen => a.last_seen_ms.cmp(&b.last_seen_ms),
    }
    .then_with(|| a.hostid.cmp(&b.hostid))
}

/// The targets in the table's order.
pub fn rows<'a>(state: &'a AppState, v: &FleetView, now: i64, hb: i64) -> Vec<&'a Target> {
    let needle = v.filter.trim().to_lowercase();
    let words = Words::new();
    let mut rows: Vec<&Target> = state
        .targets
        .values()
        .filter(|t| needle.is_empty() || matches(t, &needle, &words))
        .collect();
    let (col, desc) = v.sort;
    // Unstable is enough: the hostid breaks every tie.
    rows.sort_unstable_by(|a, b| {
        let o = compare(a, b, col, now, hb);
        if desc { o.reverse() } else { o }
    });
    rows
}

/// The rectangle of column `i` in `row` (after the health bar), if shown.
fn cell(layout: &Layout, row: egui::Rect, i: usize) -> Option<egui::Rect> {
    layout.cell(row.with_min_x(row.left() + BAR), i)
}

fn paint(ui: &egui::Ui, l: &Layout, row: egui::Rect, i: usize, text: &str, c: egui::Color32) {
    let Some(r) = cell(l, row, i) else {
        return;
    };
    ui.painter()
        .with_clip_rect(r.shrink2(egui::vec2(2.0, 0.0)))
        .text(
            egui::pos2(r.left() + 4.0, r.center().y),
            egui::Align2::LEFT_CENTER,
            text,
            egui::TextStyle::Body.resolve(ui.style()),
            c,
        );
}

/// The texts of a row's cells, in the order of [`COLUMNS`], each with its colour.
fn texts(t: &Target, health: Health, now: i64, ui: &egui::Ui) -> [(String, egui::Color32); 9] {
    let visuals = ui.visuals();
    let (text, weak) = (visuals.text_color(), visuals.weak_text_color());
    let s = &t.summary;
    let name = if t.hostname.is_empty() {
        t!("(no login yet)")
    } else {
        t.hostname.clone()
    };
    let (alarms, colour) = match s.alarms.as_slice() {
        [] => (String::new(), text),
        [a] => (a.name.clone(), kind_colour(a.kind)),
        [a, rest @ ..] => (format!("{} (+{})", a.name, rest.len()), kind_colour(a.kind)),
    };
    [
        (name, text),
        (
            t.serial_description().unwrap_or(&t.hostid).to_string(),
            weak,
        ),
        (t.moduletype.clone(), text),
        (health_word(t, health), health_colour(health)),
        (s.mode.clone().unwrap_or_default(), text),
        (s.status.clone().unwrap_or_default(), text),
        (alarms, colour),
        (
            s.kw.map(|k| crate::i18n::num(k, 0)).unwrap_or_default(),
            text,
        ),
        (ago(now, t.last_seen_ms), weak),
    ]
}

/// One row; true when clicked. The columns left out for lack of room are on its hover.
fn row_ui(
    ui: &mut egui::Ui,
    t: &Target,
    (layout, height): (&Layout, f32),
    selected: bool,
    now: i64,
    hb: i64,
) -> bool {
    let width = BAR + layout.width;
    let (row, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    let health = t.heartbeat_health(now, hb);
    let texts = texts(t, health, now, ui);
    // Named for screen readers and tests: the row is painted, not made of labels.
    let name = texts[0].0.clone();
    resp.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Row,
            true,
            selected,
            t!("fleet { $name }", name = name.as_str()),
        )
    });
    let visuals = ui.visuals();
    if selected {
        ui.painter()
            .rect_filled(row, 0.0, visuals.selection.bg_fill);
    } else if resp.hovered() {
        ui.painter()
            .rect_filled(row, 0.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let bar = egui::Rect::from_min_size(row.min, egui::vec2(5.0, height));
    ui.painter().rect_filled(bar, 1.0, health_colour(health));
    for (i, (text, colour)) in texts.iter().enumerate() {
        paint(ui, layout, row, i, text, *colour);
    }
    let hidden: Vec<String> = WIDTHS
        .iter()
        .zip(&texts)
        .zip(&layout.cells)
        .filter(|((_, (text, _)), c)| c.is_none() && !text.is_empty())
        .map(|((col, (text, _)), _)| format!("{}: {text}", col.label()))
        .collect();
    let resp = if hidden.is_empty() {
        resp
    } else {
        resp.on_hover_text(hidden.join("\n"))
    };
    resp.clicked()
}

fn header_ui(ui: &mut egui::Ui, v: &mut FleetView, layout: &Layout, height: f32) {
    let width = BAR + layout.width;
    let (head, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    for (i, (col, c)) in COLUMNS.iter().zip(&WIDTHS).enumerate() {
        let title = c.label();
        let arrow = match v.sort {
            (c, false) if c == *col => " ^",
            (c, true) if c == *col => " v",
            _ => "",
        };
        let Some(r) = cell(layout, head, i) else {
            continue;
        };
        let b = ui.put(
            r,
            egui::Button::new(egui::RichText::new(format!("{title}{arrow}")).strong()).frame(false),
        );
        if b.on_hover_text(t!("sort by { $column }", column = title.to_lowercase()))
            .clicked()
        {
            v.sort = if v.sort.0 == *col {
                (*col, !v.sort.1)
            } else {
                (*col, false)
            };
        }
    }
    let line = ui.visuals().widgets.noninteractive.bg_stroke;
    ui.painter().hline(head.x_range(), head.bottom(), line);
}

/// Draws the fleet; returns the target clicked.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    v: &mut FleetView,
    selected: Option<&str>,
    now: i64,
) -> Option<String> {
    let hb = state.server.heartbeat_ms.max(1);
    let rows = rows(state, v, now, hb);
    // One pass over the targets for both counts.
    let (online, alarmed) = state.targets.values().fold((0, 0), |(on, al), t| {
        (
            on + usize::from(t.online),
            al + usize::from(!t.summary.alarms.is_empty()),
        )
    });
    ui.horizontal(|ui| {
        ui.heading(t!("Fleet"));
        ui.label(t!(
            "fleet-counts",
            n = state.targets.len(),
            online = online,
            alarmed = alarmed,
            shown = rows.len(),
        ));
    });
    ui.horizontal(|ui| {
        let label = ui.label(t!("Fleet filter"));
        let edit = egui::TextEdit::singleline(&mut v.filter)
            .desired_width(220.0)
            .hint_text(t!("name, id, model, mode, alarm, offline"));
        let resp = ui.add(edit).labelled_by(label.id);
        if std::mem::take(&mut v.focus_filter) {
            resp.request_focus();
        }
    });
    let height = ui.spacing().interact_size.y.max(22.0);
    let room = ui.available_width() - BAR - ui.spacing().scroll.bar_width - 4.0;
    let layout = Layout::fit(&WIDTHS, room, Some((0, 240.0)));
    let mut clicked = None;
    egui::ScrollArea::horizontal()
        .id_salt("fleet_h")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header_ui(ui, v, &layout, height);
            egui::ScrollArea::vertical()
                .id_salt("fleet")
                .auto_shrink([false, false])
                .show_rows(ui, height, rows.len(), |ui, range| {
                    for t in &rows[range] {
                        let sel = selected == Some(t.hostid.as_str());
                        if row_ui(ui, t, (&layout, height), sel, now, hb) {
                            clicked = Some(t.hostid.clone());
                        }
                    }
                });
        });
    // Kept for keyboard moves; copied only when it changed (2,000 strings a frame otherwise).
    let same =
        v.order.len() == rows.len() && v.order.iter().zip(&rows).all(|(a, t)| *a == t.hostid);
    if !same {
        v.order = rows.iter().map(|t| t.hostid.clone()).collect();
    }
    clicked
}
