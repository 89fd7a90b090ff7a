//! The window on the monitor it opens on: a field laptop's screen (1366x768, 1280x720, or
//! 1920x1080 at 150 %) gets the window maximised, so the window manager fits it to the work
//! area (above a taskbar); a window restored larger than the monitor it is on now (the last
//! run was on a bigger one) is brought inside it.

use eframe::egui;

/// A monitor at most this size, in points, is a laptop's: the window opens maximised.
pub const SMALL_MONITOR: egui::Vec2 = egui::vec2(1440.0, 820.0);

/// Room left for the window's frame and a taskbar when the window is made smaller.
const DECORATIONS: egui::Vec2 = egui::vec2(16.0, 72.0);

/// What to ask of the window, given its monitor's size and the window's inner size now
/// (points). Nothing when it fits and the monitor is large, or when the monitor is unknown.
pub fn fit(
    monitor: Option<egui::Vec2>,
    inner: egui::Vec2,
    maximized: bool,
) -> Vec<egui::ViewportCommand> {
    let Some(monitor) = monitor.filter(|m| m.x > 0.0 && m.y > 0.0) else {
        return Vec::new();
    };
    let mut asked = Vec::new();
    let room = (monitor - DECORATIONS).max(egui::vec2(320.0, 240.0));
    if !maximized && (inner.x > room.x || inner.y > room.y) {
        // Also where the window manager does not maximise: inside the monitor all the same.
        asked.push(egui::ViewportCommand::InnerSize(inner.min(room)));
    }
    let small = monitor.x <= SMALL_MONITOR.x || monitor.y <= SMALL_MONITOR.y;
    if small && !maximized {
        asked.push(egui::ViewportCommand::Maximized(true));
    }
    asked
}

/// Done once per start, on the first frame that knows the monitor: the engineer may make
/// the window smaller or larger afterwards.
#[derive(Debug, Default)]
pub struct WindowFit {
    done: bool,
}

impl WindowFit {
    /// Asks the window to fit its monitor, once the monitor is known.
    pub fn ui(&mut self, ctx: &egui::Context) {
        if self.done {
            return;
        }
        let (monitor, inner, maximized) = ctx.input(|i| {
            let v = i.viewport();
            let inner = v.inner_rect.map_or(i.content_rect().size(), |r| r.size());
            (v.monitor_size, inner, v.maximized.unwrap_or(false))
        });
        if monitor.is_none() {
            return;
        }
        self.done = true;
        for cmd in fit(monitor, inner, maximized) {
            ctx.send_viewport_cmd(cmd);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_laptop_screen_maximises_and_a_too_large_window_shrinks_to_it() {
        let laptop = Some(egui::vec2(1280.0, 720.0));
        let asked = fit(laptop, egui::vec2(1200.0, 800.0), false);
        assert_eq!(
            asked,
            vec![
                egui::ViewportCommand::InnerSize(egui::vec2(1200.0, 648.0)),
                egui::ViewportCommand::Maximized(true)
            ]
        );
        // Maximised already: nothing to do.
        assert!(fit(laptop, egui::vec2(1280.0, 690.0), true).is_empty());
        // A large monitor leaves a window that fits alone, and shrinks one restored larger.
        let large = Some(egui::vec2(2560.0, 1440.0));
        assert!(fit(large, egui::vec2(1200.0, 800.0), false).is_empty());
        assert_eq!(
            fit(large, egui::vec2(3000.0, 1400.0), false),
            vec![egui::ViewportCommand::InnerSize(egui::vec2(2544.0, 1368.0))]
        );
        assert!(fit(None, egui::vec2(3000.0, 3000.0), false).is_empty());
    }
}
