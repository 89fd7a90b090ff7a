//! The plot of the values the engineer ticked: local time on the x axis, follow-live or free
//! zoom and pan, all in one plot or each on its own scale (linked time axes), normalised or
//! not, status bits as steps. A series hands the plot at most as many points as the plot is
//! wide.

use std::collections::BTreeMap;

use eframe::egui;
use egui_plot::{Legend, Line, Plot, VLine};

use crate::app::state::PlotKey;
use crate::app::{AppState, Command};

/// Plot settings kept between frames.
#[derive(Debug)]
pub struct PlotView {
    /// Keep the newest `window` seconds in view.
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
    /// Show this range (seconds) at the next frame (a recording opened to look at).
    pub fit: Option<(f64, f64)>,
    /// The range typed in the Range menu.
    range: (String, String),
    /// Why the typed range was refused.
    range_error: Option<String>,
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
            fit: None,
            range: Default::default(),
            range_error: None,
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
}

/// Whether history `asked` covers `want` well enough (the same range within a column, and a
/// resolution not coarser than half the plot's).
fn covers(asked: (i64, i64, usize), want: (i64, i64, usize)) -> bool {
    let col = ((want.1 - want.0) / want.2.max(1) as i64).max(1);
    let span_asked = (asked.1 - asked.0).max(1);
    let span_want = (want.1 - want.0).max(1);
    asked.0 <= want.0 + col && asked.1 + col >= want.1 && span_asked <= span_want * 2
}

/// Colour of a timeline item.
fn kind_colour(kind: &str) -> egui::Color32 {
    match kind {
        "alarm_on" => egui::Color32::from_rgb(230, 70, 60),
        "alarm_off" => egui::Color32::from_rgb(60, 170, 80),
        "command" => egui::Color32::from_rgb(70, 130, 230),
        "marker" => egui::Color32::from_rgb(240, 190, 40),
        _ => egui::Color32::GRAY,
    }
}

/// Turns points of a bit into a step trace.
fn steps(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push([p[0], points[i - 1][1]]);
        }
        out.push(*p);
    }
    out
}

/// Draws the plot (nothing when no value is plotted): all series in one plot, or each in its
/// own plot with its own y scale, the time axes linked.
pub fn ui(ui: &mut egui::Ui, state: &AppState, v: &mut PlotView, out: &mut Vec<Command>) {
    if state.plotted.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.checkbox(&mut v.follow, "Follow live");
        ui.checkbox(&mut v.normalise, "Normalise");
        ui.checkbox(&mut v.separate, "Own scales")
            .on_hover_text("Each value in its own plot, on its own y scale");
        ui.label("Window");
        ui.add(
            egui::DragValue::new(&mut v.window)
                .range(10.0..=30.0 * 86_400.0)
                .suffix(" s"),
        );
        if state.has_recording() {
            range_ui(ui, v);
            timeline_ui(ui, state);
        }
    });
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
                        state,
                        v,
                        ("values_plot", i),
                        each,
                        std::slice::from_ref(key),
                    );
                }
            });
    } else {
        plot(ui, state, v, ("values_plot", usize::MAX), avail, &keys);
    }
    if state.has_recording() {
        ask_recording(state, v, ui.available_width().max(2.0) as usize, out);
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
        let margin = (want.1 - want.0) / 2;
        let ask = (want.0 - margin, want.1, width * 2);
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

/// A time range to show, typed (from the recording beyond what memory holds).
fn range_ui(ui: &mut egui::Ui, v: &mut PlotView) {
    ui.menu_button("Range…", |ui| {
        egui::Grid::new("plot_range").num_columns(2).show(ui, |ui| {
            for (label, text) in [("From", &mut v.range.0), ("To", &mut v.range.1)] {
                let l = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .desired_width(180.0)
                        .hint_text("2026-11-24 10:15"),
                )
                .labelled_by(l.id);
                ui.end_row();
            }
        });
        if ui.button("Show").clicked() {
            let parse = |field: &str, t: &str| {
                crate::store::export::parse_time(t).map_err(|e| format!("{field}: {e}"))
            };
            let now = chrono::Utc::now().timestamp_millis();
            let to = if v.range.1.trim().is_empty() {
                Ok(now)
            } else {
                parse("To", &v.range.1)
            };
            match (parse("From", &v.range.0), to) {
                (Ok(a), Ok(b)) if a < b => {
                    v.follow = false;
                    v.fit = Some((a as f64 / 1000.0, b as f64 / 1000.0));
                    v.range_error = None;
                    ui.close();
                }
                (Ok(_), Ok(_)) => v.range_error = Some("From must be before To".into()),
                (Err(e), _) | (_, Err(e)) => v.range_error = Some(e),
            }
        }
        if let Some(e) = &v.range_error {
            ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
        }
    });
}

/// The timeline of the range in view, as a drop-down list.
fn timeline_ui(ui: &mut egui::Ui, state: &AppState) {
    let items = &state.timeline.items;
    ui.menu_button(format!("Timeline ({})", items.len()), |ui| {
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                if items.is_empty() {
                    ui.label("No alarm, command, marker or link event in view.");
                }
                for e in items {
                    let t = chrono::DateTime::from_timestamp_millis(e.t_ms)
                        .map(|t| {
                            t.with_timezone(&chrono::Local)
                                .format("%H:%M:%S")
                                .to_string()
                        })
                        .unwrap_or_default();
                    let who = e.target.as_deref().map(|h| t_name(state, h)).unwrap_or("");
                    ui.colored_label(
                        kind_colour(&e.kind),
                        format!("{t} {who} {}: {}", e.kind, e.text),
                    );
                }
            });
    });
}

/// One plot of `keys`.
fn plot(
    ui: &mut egui::Ui,
    state: &AppState,
    v: &mut PlotView,
    id: (&str, usize),
    height: f32,
    keys: &[&PlotKey],
) {
    let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
    let width = ui.available_width().max(2.0) as usize;
    let (follow, window, normalise) = (v.follow, v.window, v.normalise);
    let mut in_view = None;
    let fit = v.fit.take();
    Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .link_axis(egui::Id::unique("values_time"), [true, false])
        .link_cursor(egui::Id::unique("values_time"), [true, false])
        .x_axis_formatter(|mark, _| {
            chrono::DateTime::from_timestamp(mark.value as i64, 0)
                .map(|t| {
                    t.with_timezone(&chrono::Local)
                        .format("%H:%M:%S")
                        .to_string()
                })
                .unwrap_or_default()
        })
        .label_formatter(move |pos| Some(hover_label(pos, normalise)))
        .show(ui, |plot| {
            if follow {
                plot.set_plot_bounds_x(now - window..=now);
            } else if let Some((a, b)) = fit {
                plot.set_plot_bounds_x(a..=b);
            }
            let range = plot.plot_bounds().range_x();
            let (t0, t1) = (*range.start(), *range.end());
            in_view = Some(((t0 * 1000.0) as i64, (t1 * 1000.0) as i64));
            for e in &state.timeline.items {
                let x = e.t_ms as f64 / 1000.0;
                if (t0..=t1).contains(&x) {
                    plot.vline(VLine::new("", x).color(kind_colour(&e.kind)).width(1.0));
                }
            }
            for key in keys {
                let Some(series) = state.plotted.get(*key) else {
                    continue;
                };
                let (hostid, table, addr) = key;
                // What the recording holds before memory begins, then memory.
                let first = series.span().map_or(f64::INFINITY, |s| s.0);
                let mut raw: Vec<[f64; 2]> = state
                    .history
                    .get(*key)
                    .map(|h| {
                        h.points
                            .iter()
                            .filter(|p| p[0] >= t0 && p[0] <= t1 && p[0] < first)
                            .copied()
                            .collect()
                    })
                    .unwrap_or_default();
                raw.extend(series.visible(t0, t1, width));
                let mut pts = if table.is_bits() { steps(&raw) } else { raw };
                if normalise && !pts.is_empty() {
                    let (lo, hi) = pts
                        .iter()
                        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p[1]), h.max(p[1])));
                    let span = if hi > lo { hi - lo } else { 1.0 };
                    pts.iter_mut().for_each(|p| p[1] = (p[1] - lo) / span);
                }
                let name = state
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
                    .unwrap_or_else(|| format!("{hostid} {} {addr}", table.name()));
                plot.line(Line::new(name, pts));
            }
        });
    if in_view.is_some() {
        v.in_view = in_view;
    }
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
    let unit = if normalise { " (normalised)" } else { "" };
    match pos {
        egui_plot::HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => format!(
            "{plot_name}\n{}\n{:.3}{unit}",
            local_time(position.x),
            position.y
        ),
        egui_plot::HoverPosition::Elsewhere { position } => {
            format!("{}\n{:.3}{unit}", local_time(position.x), position.y)
        }
    }
}

fn t_name<'a>(state: &'a AppState, hostid: &'a str) -> &'a str {
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
    fn bits_become_steps() {
        assert_eq!(
            steps(&[[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]),
            vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0], [2.0, 0.0]]
        );
        assert!(steps(&[]).is_empty());
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
