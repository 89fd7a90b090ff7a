//! How a plot moves at each frame: Follow live (the newest Window seconds, the values
//! fitted), a range asked, a refit, the wheel (time; Ctrl: the values) and the mouse.

use eframe::egui;
use egui_plot::PlotUi;

/// What a plot is asked to do at this frame.
pub(super) struct Frame {
    pub(super) now: f64,
    pub(super) follow: bool,
    pub(super) window: f64,
    pub(super) fit: Option<(f64, f64)>,
    pub(super) refit: bool,
}

/// What the engineer did to a plot with the wheel and the mouse.
#[derive(Default)]
pub(super) struct Moved {
    /// The new Window, zoomed while following.
    pub(super) window: Option<f64>,
    /// Dragged in time while following: stop following.
    pub(super) unfollow: bool,
    /// Double-clicked: fit.
    pub(super) fit: bool,
}

/// Follow live, a range asked, a refit, and the wheel: the wheel zooms time about the
/// pointer (while following: the Window), Ctrl+wheel zooms the values (not while following:
/// then they stay fitted to the data); the wheel never pans the values away.
pub(super) fn navigate(plot: &mut PlotUi<'_>, f: &Frame) -> Moved {
    let mut moved = Moved::default();
    let hovered = plot.response().contains_pointer();
    let (scroll, zoom) = if hovered {
        plot.ctx().input_mut(|i| {
            let s = (i.smooth_scroll_delta, i.zoom_delta());
            // Taken here: the pane around must not scroll with it.
            i.smooth_scroll_delta = egui::Vec2::ZERO;
            s
        })
    } else {
        (egui::Vec2::ZERO, 1.0)
    };
    let time_zoom = (f64::from(scroll.y) * 0.003).exp();
    let pointer = plot.pointer_coordinate();
    if f.follow {
        let window = (f.window / time_zoom).clamp(10.0, 30.0 * 86_400.0);
        if scroll.y != 0.0 {
            moved.window = Some(window);
        }
        plot.set_auto_bounds(egui::Vec2b::new(false, true));
        plot.set_plot_bounds_x(f.now - window..=f.now);
        moved.unfollow = plot.response().dragged() && plot.response().drag_delta().x != 0.0;
    } else {
        if let Some((a, b)) = f.fit {
            plot.set_plot_bounds_x(a..=b);
        }
        if f.refit {
            plot.set_auto_bounds(egui::Vec2b::new(false, true));
        }
        if let Some(c) = pointer {
            if scroll.y != 0.0 {
                plot.zoom_bounds(egui::vec2(time_zoom as f32, 1.0), c);
            }
            if zoom != 1.0 {
                plot.zoom_bounds(egui::vec2(1.0, zoom), c);
            }
        }
        if scroll.x != 0.0 {
            let dx = -f64::from(scroll.x) / f64::from(plot.response().rect.width().max(1.0));
            let b = plot.plot_bounds();
            let w = b.width();
            plot.set_plot_bounds_x(b.min()[0] + dx * w..=b.max()[0] + dx * w);
        }
    }
    moved.fit = plot.response().double_clicked();
    moved
}
