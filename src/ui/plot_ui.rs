//! The plot of the values the engineer ticked: local time on the x axis, follow-live or free
//! zoom and pan, all in one plot or each on its own scale (linked time axes), normalised or
//! not, status bits as steps. A series hands the plot at most as many points as the plot is
//! wide.

use std::collections::BTreeMap;

use eframe::egui;
use egui_plot::{Legend, Line, Plot, VLine};

use super::plot_nav_ui::{Frame, Moved, navigate};
use super::plot_range_ui::{self, RangeForm, kind_colour};
use crate::app::state::PlotKey;
use crate::app::trace;
use crate::app::{AppState, Command};

/// Plot settings kept between frames.
#[derive(Debug)]
pub struct PlotView {
    /// Keep the newest `window` seconds in view, the values fitted.
    pub follow: bool,
    /// Seconds shown while following.
    pub window: f64,
    /// Scale each series to 0-1 over what is shown.
    pub normalise: bool,
    /// Each series in its own plot, on its own y scale.
    pub separate: bool,
    /// History asked of the recording per value: (from, to, columns).
    asked: BTreeMap<PlotKey, (i64, i64, usize)>,
    /// The timeline range asked, and when.
    timeline_asked: Option<((i64, i64), std::time::Instant)>,
    /// The range in view at the last frame (ms).
    in_view: Option<(i64, i64)>,
    /// The y range of the first plot at the last frame.
    y_in_view: Option<(f64, f64)>,
    /// Show this range (seconds) at the next frame (a recording opened to look at).
    pub fit: Option<(f64, f64)>,
    /// Fit the values' axis to the data at the next frame (Fit, Normalise switched).
    refit: bool,
    /// The range typed in the Range menu.
    range: RangeForm,
    /// Each plotted value's colour (an index into the palette), kept while it is plotted.
    colours: BTreeMap<PlotKey, usize>,
}

impl Default for PlotView {
    fn default() -> Self {
        PlotView {
            follow: true,
            window: 300.0,
            normalise: false,
            separate: false,
            asked: BTreeMap::new(),
            timeline_asked: None,
            in_view: None,
            y_in_view: None,
            fit: None,
            refit: false,
            range: RangeForm::default(),
            colours: BTreeMap::new(),
        }
    }
}

impl PlotView {
    /// A view with these switches, the rest as at a first start.
    pub fn with(normalise: bool, separate: bool) -> Self {
        PlotView {
            normalise,
            separate,
            ..Default::default()
        }
    }

    /// The time range in view at the last frame (ms since the epoch).
    pub fn x_in_view(&self) -> Option<(i64, i64)> {
        self.in_view
    }

    /// The values' range of the (first) plot at the last frame.
    pub fn y_in_view(&self) -> Option<(f64, f64)> {
        self.y_in_view
    }

    /// The colour of a plotted value: the first free one when it was added, kept while it is
    /// plotted (adding or removing another changes no colour).
    fn colour(&mut self, key: &PlotKey) -> egui::Color32 {
        let palette = &super::palette::SERIES;
        let i = match self.colours.get(key) {
            Some(i) => *i,
            None => {
                let used: std::collections::BTreeSet<usize> =
                    self.colours.values().copied().collect();
                let i = (0..).find(|i| !used.contains(i)).unwrap_or_default();
                self.colours.insert(key.clone(), i);
                i
            }
        };
        palette[i % palette.len()]
    }
}

/// Whether history `asked` covers `want` well enough (the same range within a column, and a
/// resolution not coarser than half the plot's).
fn covers(asked: (i64, i64, usize), want: (i64, i64, usize)) -> bool {
    let col = (want.1.saturating_sub(want.0) / want.2.max(1) as i64).max(1);
    let span_asked = asked.1.saturating_sub(asked.0).max(1);
    let span_want = want.1.saturating_sub(want.0).max(1);
    // Saturating: a plot's bounds can be anything while it is dragged or squeezed.
    asked.0 <= want.0.saturating_add(col)
        && asked.1.saturating_add(col) >= want.1
        && span_asked <= span_want.saturating_mul(2)
}

/// The latest time a plot asks the recording about (the year 2200), ms.
const LATEST_MS: i64 = 7_258_118_400_000;

/// Height the table or overview above the plot pane keeps, points.
const TABLE_ROOM: f32 = 190.0;
/// The plot pane's least height: the switches and a readable plot.
const MIN_HEIGHT: f32 = 100.0;

/// The plots' pane below the overview or the values table: resizable, it keeps the size it
/// is dragged to (egui keeps it between runs with the window layout).
pub fn pane(ui: &mut egui::Ui, state: &AppState, v: &mut PlotView, out: &mut Vec<Command>) {
    if state.plotted.is_empty() {
        return;
    }
    // The values above keep their header and a few rows on a small screen: the plots never
    // take their room (and the table never draws over them).
    let most = (ui.available_height() - TABLE_ROOM).max(MIN_HEIGHT);
    egui::Panel::bottom("plots")
        .resizable(true)
        .default_size(260.0_f32.min(most).min(ui.available_height() * 0.45))
        .size_range(MIN_HEIGHT..=most)
        .show(ui, |inner| {
            self::ui(inner, state, v, out);
            // The pane's size is what its content fills: fill it all, or it shrinks a little
            // at each frame.
            inner.allocate_space(inner.available_size());
        });
}

/// Draws the plot (nothing when no value is plotted): all series in one plot, or each in its
/// own plot with its own y scale, the time axes linked.
pub fn ui(ui: &mut egui::Ui, state: &AppState, v: &mut PlotView, out: &mut Vec<Command>) {
    if state.plotted.is_empty() {
        return;
    }
    v.colours.retain(|k, _| state.plotted.contains_key(k));
    toolbar(ui, state, v);
    let frame = Frame {
        now: chrono::Utc::now().timestamp_millis() as f64 / 1000.0,
        follow: v.follow,
        window: v.window,
        fit: v.fit.take(),
        refit: std::mem::take(&mut v.refit),
    };
    let keys: Vec<&PlotKey> = state.plotted.keys().collect();
    // The plots fill their pane; each of several keeps a readable height (the pane scrolls).
    let avail = (ui.available_height() - ui.spacing().item_spacing.y).max(60.0);
    if v.separate {
        let each = (avail / keys.len() as f32 - ui.spacing().item_spacing.y).max(90.0);
        egui::ScrollArea::vertical()
            .id_salt("plots")
            .show(ui, |ui| {
                for (i, key) in keys.iter().enumerate() {
                    plot(
                        ui,
                        (state, &frame),
                        v,
                        ("values_plot", i),
                        each,
                        std::slice::from_ref(key),
                    );
                }
            });
    } else {
        plot(
            ui,
            (state, &frame),
            v,
            ("values_plot", usize::MAX),
            avail,
            &keys,
        );
    }
    if state.has_recording() {
        ask_recording(state, v, ui.available_width().max(2.0) as usize, out);
    }
}

/// The switches above the plot.
fn toolbar(ui: &mut egui::Ui, state: &AppState, v: &mut PlotView) {
    // Wrapped: a toolbar wider than the pane would widen the plots past its edge (their
    // legends cut off).
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut v.follow, t!("Follow live"))
            .on_hover_text(t!(
                "Keep the newest Window seconds in view, the values fitted"
            ));
        v.refit |= ui.checkbox(&mut v.normalise, t!("Normalise")).changed();
        v.refit |= ui
            .checkbox(&mut v.separate, t!("Own scales"))
            .on_hover_text(t!("Each value in its own plot, on its own y scale"))
            .changed();
        ui.label(t!("Window"));
        ui.add(
            egui::DragValue::new(&mut v.window)
                .range(10.0..=30.0 * 86_400.0)
                .suffix(" s"),
        );
        if ui
            .button(t!("Fit"))
            .on_hover_text(t!(
                "Fit the values' axis to what is shown; without Follow live, show all the data \
                 (double-click on a plot does the same)"
            ))
            .clicked()
        {
            fit_all(state, v);
        }
        // A range is shown from memory too (its newest 24 hours); the timeline needs the file.
        if let Some(r) = plot_range_ui::range_ui(ui, &mut v.range, v.in_view) {
            v.follow = false;
            v.fit = Some(r);
            v.refit = true;
        }
        if state.has_recording() {
            plot_range_ui::timeline_ui(ui, state);
        }
        ui.label(
            egui::RichText::new(t!("wheel: zoom time · Ctrl+wheel: zoom values · drag: pan"))
                .weak()
                .small(),
        );
    });
}

/// Fits the values' axis and, when not following, the time axis to all the data there is.
fn fit_all(state: &AppState, v: &mut PlotView) {
    v.refit = true;
    if v.follow {
        return;
    }
    let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
    let span = match state.offline.as_ref().and_then(|o| o.span) {
        Some((a, b)) => Some((a as f64 / 1000.0, b as f64 / 1000.0)),
        None => {
            let first = state
                .plotted
                .iter()
                .filter_map(|(k, s)| {
                    let h = state
                        .history
                        .get(k)
                        .and_then(|h| h.points.first())
                        .map(|p| p[0]);
                    let m = s.span().map(|s| s.0);
                    h.into_iter().chain(m).reduce(f64::min)
                })
                .reduce(f64::min);
            first.map(|f| (f, now))
        }
    };
    if let Some((a, b)) = span.filter(|(a, b)| a < b) {
        v.fit = Some((a, b));
    }
}

/// Asks the recording for what the plots show beyond memory, and for the timeline.
fn ask_recording(state: &AppState, v: &mut PlotView, width: usize, out: &mut Vec<Command>) {
    let Some((from, to)) = v.in_view else {
        return;
    };
    for (key, series) in &state.plotted {
        let first = series.span().map_or(to, |s| (s.0 * 1000.0) as i64);
        if from >= first {
            continue;
        }
        let want = (from, first.min(to), width);
        if v.asked.get(key).is_some_and(|a| covers(*a, want)) {
            continue;
        }
        // Ask with a margin of a window either side, so panning a little asks nothing new.
        let margin = want.1.saturating_sub(want.0) / 2;
        let ask = (want.0.saturating_sub(margin), want.1, width * 2);
        v.asked.insert(key.clone(), ask);
        out.push(Command::History {
            key: key.clone(),
            from_ms: ask.0,
            to_ms: ask.1,
            columns: ask.2,
        });
    }
    v.asked.retain(|k, _| state.plotted.contains_key(k));
    let fresh = v.timeline_asked.is_some_and(|(r, at)| {
        r == (from / 1000, to / 1000) || at.elapsed() < std::time::Duration::from_secs(1)
    });
    if !fresh {
        v.timeline_asked = Some(((from / 1000, to / 1000), std::time::Instant::now()));
        out.push(Command::Timeline {
            from_ms: from,
            to_ms: to,
        });
    }
}

/// One plot of `keys`.
fn plot(
    ui: &mut egui::Ui,
    (state, frame): (&AppState, &Frame),
    v: &mut PlotView,
    id: (&str, usize),
    height: f32,
    keys: &[&PlotKey],
) {
    let width = ui.available_width().max(4.0) as usize;
    let normalise = v.normalise;
    let colours: Vec<egui::Color32> = keys.iter().map(|k| v.colour(k)).collect();
    // Bits and normalised values live on 0..1: show all of it.
    let unit_range = normalise || keys.iter().all(|k| k.1.is_bits());
    let mut seen = None;
    let mut moved = Moved::default();
    let mut p = Plot::new(id)
        .height(height)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .link_axis(egui::Id::unique("values_time"), [true, false])
        .link_cursor(egui::Id::unique("values_time"), [true, false])
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_formatter(|mark, _| {
            chrono::DateTime::from_timestamp(mark.value as i64, 0)
                .map(|t| {
                    t.with_timezone(&chrono::Local)
                        .format("%H:%M:%S")
                        .to_string()
                })
                .unwrap_or_default()
        })
        .label_formatter(move |pos| Some(hover_label(pos, normalise)));
    if unit_range {
        p = p.include_y(0.0).include_y(1.0);
    }
    p.show(ui, |plot| {
        moved = navigate(plot, frame);
        let range = plot.plot_bounds().range_x();
        let (t0, t1) = (*range.start(), *range.end());
        seen = Some((
            ((t0 * 1000.0) as i64, (t1 * 1000.0) as i64),
            (plot.plot_bounds().min()[1], plot.plot_bounds().max()[1]),
        ));
        for e in &state.timeline.items {
            let x = e.t_ms as f64 / 1000.0;
            if (t0..=t1).contains(&x) {
                plot.vline(VLine::new("", x).color(kind_colour(&e.kind)).width(1.0));
            }
        }
        for (key, colour) in keys.iter().zip(colours) {
            let Some(series) = state.plotted.get(*key) else {
                continue;
            };
            let mut runs = trace_of(state, key, series, (t0, t1), width, frame.now);
            if normalise {
                trace::normalise(&mut runs);
            }
            let name = series_name(state, key);
            for run in runs {
                // Steps as drawn: egui_plot would merge a step's two points (one time, two
                // values) into a band with slanted edges; the runs are already reduced to
                // what the width can show.
                let line = Line::new(name.clone(), run).color(colour).id(*key);
                plot.line(line.allow_band(false));
            }
        }
    });
    if let Some((x, y)) = seen {
        // A plot zoomed far out shows times no recording holds: ask only for what can be.
        let sane = |t: i64| t.clamp(0, LATEST_MS);
        v.in_view = Some((sane(x.0), sane(x.1)));
        if id.1 == 0 || id.1 == usize::MAX {
            v.y_in_view = Some(y);
        }
    }
    if let Some(w) = moved.window {
        v.window = w;
    }
    if moved.unfollow {
        v.follow = false;
    }
    if moved.fit {
        fit_all(state, v);
    }
}

/// What the recording holds before memory begins, then memory, as steps: the value held
/// until the next change, carried to now while its target is online (to the end of a
/// recording looked at), a gap where it was offline or stale.
fn trace_of(
    state: &AppState,
    key: &PlotKey,
    series: &crate::app::series::Series,
    (t0, t1): (f64, f64),
    width: usize,
    now: f64,
) -> Vec<Vec<[f64; 2]>> {
    let first = series.span().map_or(f64::INFINITY, |s| s.0);
    let mut raw = state
        .history
        .get(key)
        .map(|h| around(&h.points, (t0, t1), first))
        .unwrap_or_default();
    raw.extend(series.visible(t0, t1, width));
    let end = match (&state.offline, state.targets.get(&key.0)) {
        (Some(o), _) => o.span.map_or(f64::NEG_INFINITY, |s| s.1 as f64 / 1000.0),
        (None, Some(t)) if t.online => now,
        _ => f64::NEG_INFINITY,
    };
    trace::steps(&raw, end)
}

/// The points of `points` (time order) before `first` that a view of `[t0, t1]` needs: those
/// in it and the nearest on each side (the value held into the view).
fn around(points: &[[f64; 2]], (t0, t1): (f64, f64), first: f64) -> Vec<[f64; 2]> {
    let points = &points[..points.partition_point(|p| p[0] < first)];
    let a = points.partition_point(|p| p[0] < t0).saturating_sub(1);
    let b = (points.partition_point(|p| p[0] <= t1) + 1).min(points.len());
    points.get(a..b).map(<[_]>::to_vec).unwrap_or_default()
}

/// A plotted value's name in the legend: target, name and unit.
fn series_name(state: &AppState, (hostid, table, addr): &PlotKey) -> String {
    state
        .targets
        .get(hostid)
        .and_then(|t| t.map.decode(&t.image, t.slave(), *table, *addr))
        .map(|d| {
            let unit = if d.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.unit)
            };
            format!("{} {}{unit}", t_name(state, hostid), d.name)
        })
        .unwrap_or_else(|| format!("{hostid} {} {addr}", table.name()))
}

/// `secs` (Unix seconds) as local time to the tenth of a second, e.g. `14:03:07.4`. Written
/// out by hand: chrono has no one-digit fraction specifier, and `to_string` on a bad format
/// string panics.
fn local_time(secs: f64) -> String {
    if !secs.is_finite() {
        return String::new();
    }
    chrono::DateTime::from_timestamp_millis((secs * 1000.0) as i64)
        .map(|t| {
            let t = t.with_timezone(&chrono::Local);
            let tenths = t.timestamp_subsec_millis() / 100;
            format!("{}.{tenths}", t.format("%H:%M:%S"))
        })
        .unwrap_or_default()
}

/// The hover readout: series name, local time and value.
fn hover_label(pos: &egui_plot::HoverPosition<'_>, normalise: bool) -> String {
    let value = |y: f64| {
        let y = format!("{y:.3}");
        if normalise {
            t!("{ $value } (normalised)", value = y)
        } else {
            y
        }
    };
    match pos {
        egui_plot::HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => format!(
            "{plot_name}\n{}\n{}",
            local_time(position.x),
            value(position.y)
        ),
        egui_plot::HoverPosition::Elsewhere { position } => {
            format!("{}\n{}", local_time(position.x), value(position.y))
        }
    }
}

/// A target's name, else its id.
pub(super) fn t_name<'a>(state: &'a AppState, hostid: &'a str) -> &'a str {
    state.targets.get(hostid).map_or(hostid, |t| {
        if t.hostname.is_empty() {
            hostid
        } else {
            t.hostname.as_str()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_keeps_its_colour_when_another_is_added_or_removed() {
        let key = |a: u16| ("H".to_string(), crate::proto::Table::Holding, a);
        let mut v = PlotView::default();
        let c5 = v.colour(&key(5));
        // A value that sorts before it comes: the first keeps its colour, the new one differs.
        let c1 = v.colour(&key(1));
        assert_eq!(v.colour(&key(5)), c5);
        assert_ne!(c1, c5);
        // The first goes: the other keeps its colour, and a newcomer takes the free one.
        v.colours.remove(&key(5));
        assert_eq!(v.colour(&key(1)), c1);
        assert_eq!(v.colour(&key(9)), c5);
    }

    #[test]
    fn local_time_formats_any_instant_without_panicking() {
        let t = local_time(1_700_000_000.46);
        assert_eq!(t.len(), "14:03:07.4".len(), "{t}");
        assert!(t.ends_with(".4"), "{t}");
        for secs in [0.0, -1.5, 1e12, f64::NAN, f64::INFINITY, f64::MAX, f64::MIN] {
            let _ = local_time(secs);
        }
    }
}
