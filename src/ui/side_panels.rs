//! The side panels (Targets on the left, Commands on the right): each at most a share of the
//! window's width, resizable (its width remembered with the window), put away and brought
//! back with a key (Ctrl+[ and Ctrl+]) or by dragging its edge; what does not fit its width
//! wraps, is elided or scrolls inside it, and never widens it.

use eframe::egui;

/// A side panel's bounds.
struct Bounds {
    id: &'static str,
    /// Width on a fresh start, points.
    default: f32,
    /// The narrowest it can be dragged to (narrower puts it away).
    min: f32,
    /// The widest, as a share of the window's width.
    share: f32,
}

const TARGETS: Bounds = Bounds {
    id: "targets",
    default: 250.0,
    min: 170.0,
    share: 0.25,
};

const COMMANDS: Bounds = Bounds {
    id: "editor",
    default: 320.0,
    min: 220.0,
    share: 0.3,
};

/// The keys that put the panels away and bring them back.
pub const TARGETS_KEY: egui::Key = egui::Key::OpenBracket;
/// See [`TARGETS_KEY`].
pub const COMMANDS_KEY: egui::Key = egui::Key::CloseBracket;

fn show(
    ui: &mut egui::Ui,
    b: &Bounds,
    panel: egui::Panel,
    hidden: &mut bool,
    add: impl FnOnce(&mut egui::Ui),
) {
    let most = (ui.available_width() * b.share).max(b.min.min(ui.available_width()));
    let mut open = !*hidden;
    panel
        .resizable(true)
        .default_size(b.default.min(most))
        .size_range(b.min.min(most)..=most)
        .show_collapsible(ui, &mut open, |ui| {
            egui::ScrollArea::vertical()
                .id_salt((b.id, "scroll"))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(ui.available_width());
                    add(ui);
                });
        });
    *hidden = !open;
}

/// The Targets panel, unless put away.
pub fn targets(ui: &mut egui::Ui, hidden: &mut bool, add: impl FnOnce(&mut egui::Ui)) {
    let panel = egui::Panel::left(TARGETS.id);
    show(ui, &TARGETS, panel, hidden, add);
}

/// The Commands panel, unless put away.
pub fn commands(ui: &mut egui::Ui, hidden: &mut bool, add: impl FnOnce(&mut egui::Ui)) {
    let panel = egui::Panel::right(COMMANDS.id);
    show(ui, &COMMANDS, panel, hidden, add);
}
