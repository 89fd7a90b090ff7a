//! The single-line diagram of a target: mains, mains breaker, the load, generator breaker,
//! generator, each supply live or dead from its voltages (else its frequency) and each breaker
//! from its status bit, all found by the map's roles.

use eframe::egui;

use crate::app::Target;
use crate::proto::map::Value;

use super::palette;

/// A supply below this many volts is taken as dead.
const LIVE_VOLTS: f64 = 50.0;
/// A number by role, if read and valid.
fn number(t: &Target, role: &str) -> Option<f64> {
    let spec = t.map.register_by_role(role)?;
    match t
        .map
        .decode(&t.image, t.slave(), spec.table, spec.addr)?
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
    pub fn load_fed_by(&self) -> String {
        let mains = self.mains == Some(true) && self.mains_breaker == Some(true);
        let generator = self.generator == Some(true) && self.gen_breaker == Some(true);
        match (mains, generator, self.load_live()) {
            (true, true, _) => t!("mains and generator (in parallel)"),
            (true, false, _) => t!("mains"),
            (false, true, _) => t!("generator"),
            (_, _, None) => t!("not known (no breaker state read)"),
            _ => t!("nothing: the load is dead"),
        }
    }

    /// The diagram in words (for screen readers and tests).
    pub fn describe(&self) -> String {
        t!(
            "Single-line diagram: mains { $mains }, mains breaker { $mains_breaker }, generator breaker { $gen_breaker }, generator { $generator }; load fed by { $fed_by }",
            mains = supply_word(self.mains),
            mains_breaker = breaker_word(self.mains_breaker),
            gen_breaker = breaker_word(self.gen_breaker),
            generator = supply_word(self.generator),
            fed_by = self.load_fed_by(),
        )
    }
}

/// A state read from a bit or a supply in a word: `yes`, `no`, or not read.
fn word(v: Option<bool>, yes: &'static str, no: &'static str) -> String {
    match v {
        Some(true) => crate::i18n::tr(yes),
        Some(false) => crate::i18n::tr(no),
        None => t!("not read"),
    }
}

fn supply_word(v: Option<bool>) -> String {
    word(v, n!("live"), n!("dead"))
}

fn breaker_word(v: Option<bool>) -> String {
    word(v, n!("closed"), n!("open"))
}

/// What the diagram prints under a part: its state, or "no data" when nothing is live.
fn shown(live: bool, word: String) -> String {
    if live { word } else { t!("no data") }
}

fn line_colour(ui: &egui::Ui, live: Option<bool>) -> egui::Color32 {
    match live {
        Some(true) => palette::LIVE,
        Some(false) => ui.visuals().weak_text_color(),
        None => ui.visuals().widgets.noninteractive.bg_stroke.color,
    }
}

/// Paints the single-line diagram: mains - breaker - load bus - breaker - generator; all grey,
/// with "no data", when the readings are not `live` (the target is offline).
pub fn ui(ui: &mut egui::Ui, line: Line, live: bool) {
    let line = if live {
        line
    } else {
        Line {
            mains: None,
            mains_breaker: None,
            generator: None,
            gen_breaker: None,
        }
    };
    let width = ui.available_width().min(720.0);
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, 96.0), egui::Sense::hover());
    let description = if live {
        line.describe()
    } else {
        t!("Single-line diagram: no data (the target is offline)")
    };
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
    let p = ui.painter_at(rect);
    let shown_live = live;
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
        (0.04, line.mains, "M", t!("Mains")),
        (0.96, line.generator, "G", t!("Generator")),
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
        // At the ends, the words lean inwards: a longer word (in Russian) stays on the line.
        let (at, align) = if f < 0.5 {
            (rect.left() + 2.0, egui::Align2::LEFT_TOP)
        } else {
            (rect.right() - 2.0, egui::Align2::RIGHT_TOP)
        };
        p.text(
            egui::pos2(at, y + 26.0),
            align,
            format!("{name}\n{}", shown(shown_live, supply_word(live))),
            font.clone(),
            text,
        );
    }
    // Breakers: a filled square when closed, an empty one when open.
    for (f, state, name) in [
        (0.25, line.mains_breaker, t!("Mains breaker")),
        (0.75, line.gen_breaker, t!("Gen breaker")),
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
            format!("{name}\n{}", shown(shown_live, breaker_word(state))),
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
        t!("Load"),
        font,
        text,
    );
}
