//! The colours that carry meaning (live, alarm kinds), readable on the dark, light and
//! high-contrast themes alike.

use eframe::egui::Color32;

/// A live supply, a closed breaker, all well.
pub const LIVE: Color32 = Color32::from_rgb(30, 150, 60);
/// A shutdown alarm, offline.
pub const ALARM: Color32 = Color32::from_rgb(205, 40, 35);
/// A trip.
pub const TRIP: Color32 = Color32::from_rgb(200, 90, 0);
/// A warning.
pub const WARN: Color32 = Color32::from_rgb(190, 130, 0);
/// A block (something the controller will not do).
pub const BLOCK: Color32 = Color32::from_rgb(60, 90, 190);

/// Colours of plotted series, in the order they are handed out: distinct from each other
/// on the dark, light and high-contrast themes.
pub const SERIES: [Color32; 10] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(127, 127, 127),
];

/// A light theme for sunlight: black text on white, strong outlines, a yellow selection
/// behind black text.
pub fn high_contrast() -> eframe::egui::Visuals {
    use eframe::egui::{Stroke, Visuals};
    let mut v = Visuals::light();
    let black = Color32::BLACK;
    v.override_text_color = Some(black);
    v.weak_text_color = Some(Color32::from_gray(60));
    v.panel_fill = Color32::WHITE;
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::from_gray(248);
    v.faint_bg_color = Color32::from_gray(228);
    v.code_bg_color = Color32::from_gray(230);
    v.window_stroke = Stroke::new(2.0, black);
    v.hyperlink_color = Color32::from_rgb(0, 40, 160);
    v.selection.bg_fill = Color32::from_rgb(255, 214, 0);
    v.selection.stroke = Stroke::new(2.0, black);
    let w = &mut v.widgets;
    w.noninteractive.bg_stroke = Stroke::new(1.0, black);
    w.noninteractive.fg_stroke = Stroke::new(1.5, black);
    for (state, fill, stroke) in [
        (&mut w.inactive, 220, 1.0),
        (&mut w.hovered, 200, 2.0),
        (&mut w.active, 180, 2.5),
        (&mut w.open, 205, 1.5),
    ] {
        state.bg_fill = Color32::from_gray(fill);
        state.weak_bg_fill = Color32::from_gray(fill);
        state.bg_stroke = Stroke::new(stroke, black);
        state.fg_stroke = Stroke::new(stroke.max(1.5), black);
    }
    v
}
