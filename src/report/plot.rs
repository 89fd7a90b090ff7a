//! The report's line plots: one band per value over a step, its axis labelled with round tick
//! values (the measured figures are in the tables, not on the plot).

use super::pdf::{Doc, MARGIN, WIDTH};

/// One series of a plot, in its own band: label with unit, and its points (`None` breaks the
/// line).
pub struct PlotBand<'a> {
    /// Label with unit.
    pub label: String,
    /// (x, y) points.
    pub points: &'a [(f64, Option<f64>)],
}

/// Round tick values covering `lo..=hi` (about four steps of 1, 2, 2.5 or 5 times a power
/// of ten), and the axis range they span.
pub fn ticks(lo: f64, hi: f64) -> (Vec<f64>, (f64, f64)) {
    let (lo, hi) = if (hi - lo).abs() < 1e-9 {
        let pad = (lo.abs() * 0.05).max(1.0);
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let last = (hi / step).ceil() * step;
    let n = ((last - first) / step).round() as usize;
    let ticks = (0..=n).map(|i| first + step * i as f64).collect();
    (ticks, (first, last))
}

/// A tick value with no more decimals than its step needs, with the language's decimal mark.
fn tick_label(v: f64, step: f64) -> String {
    let exp = step.log10().floor();
    let mantissa = step / 10f64.powf(exp);
    let decimals = (-exp
        + if (mantissa - 2.5).abs() < 1e-6 {
            1.0
        } else {
            0.0
        })
    .max(0.0) as usize;
    let s = crate::i18n::num(v, decimals);
    if s.starts_with('-') && s.trim_start_matches(['-', '0', '.', ',']).is_empty() {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

impl Doc {
    /// A plot of bands sharing the x axis (`x_labels`: text under the left and right ends).
    pub fn plot(&mut self, bands: &[PlotBand<'_>], x_range: (f64, f64), x_labels: (&str, &str)) {
        if bands.is_empty() {
            return;
        }
        let band_h = 62.0;
        let gap = 8.0;
        let total = bands.len() as f32 * (band_h + gap) + 14.0;
        self.need(total);
        let left = MARGIN + 110.0;
        let w = WIDTH - 110.0;
        for b in bands {
            self.y -= gap;
            let top = self.y;
            self.band_plot(b, (left, top - band_h, w, band_h), x_range);
            self.y = top - band_h;
        }
        self.y -= 11.0;
        let y = self.y;
        self.text_at(left, y, x_labels.0, 7.5, false, true);
        let wr = self.width(x_labels.1, 7.5);
        self.text_at(MARGIN + WIDTH - wr, y, x_labels.1, 7.5, false, true);
        self.y -= 4.0;
    }

    fn band_plot(
        &mut self,
        b: &PlotBand<'_>,
        (left, bottom, w, h): (f32, f32, f32, f32),
        (x0, x1): (f64, f64),
    ) {
        let xspan = (x1 - x0).max(1.0);
        let valid: Vec<f64> = b.points.iter().filter_map(|p| p.1).collect();
        let (lo, hi) = valid
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, z), v| {
                (a.min(*v), z.max(*v))
            });
        let (ticks, (lo, hi)) = if valid.is_empty() {
            ticks(0.0, 1.0)
        } else {
            ticks(lo, hi)
        };
        let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
        for (k, line) in self.wrap(&b.label, 9.0, 75.0).iter().enumerate() {
            self.text_at(
                MARGIN,
                bottom + h - 10.0 - 10.5 * k as f32,
                line,
                9.0,
                true,
                false,
            );
        }
        let py = |y: f64| bottom + ((y - lo) / (hi - lo) * f64::from(h)) as f32;
        for t in &ticks {
            let label = tick_label(*t, step);
            let lw = self.width(&label, 7.0);
            self.text_at(left - 3.0 - lw, py(*t) - 2.5, &label, 7.0, false, true);
            let c = self.page();
            c.set_line_width(0.3);
            c.set_stroke_gray(0.85);
            c.move_to(left, py(*t));
            c.line_to(left + w, py(*t));
            c.stroke();
        }
        if valid.is_empty() {
            let no_data = t!("no data");
            self.text_at(left + 6.0, bottom + h / 2.0, &no_data, 9.0, false, true);
        }
        let c = self.page();
        c.set_line_width(0.5);
        c.set_stroke_gray(0.6);
        c.rect(left, bottom, w, h);
        c.stroke();
        c.set_stroke_rgb(0.1, 0.3, 0.75);
        c.set_line_width(1.0);
        let mut pen = false;
        let px = |x: f64| left + ((x - x0) / xspan * f64::from(w)) as f32;
        for (i, (x, v)) in b.points.iter().enumerate() {
            match v {
                Some(v) => {
                    let next_x = b.points.get(i + 1).map_or(x1, |p| p.0).min(x1);
                    // Held until the next reading: a step line.
                    if pen {
                        c.line_to(px(*x), py(*v));
                    } else {
                        c.move_to(px(*x), py(*v));
                        pen = true;
                    }
                    c.line_to(px(next_x), py(*v));
                }
                None => {
                    if pen {
                        c.stroke();
                    }
                    pen = false;
                }
            }
        }
        if pen {
            c.stroke();
        }
        c.set_stroke_gray(0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        let (t, (lo, hi)) = ticks(0.0, 97.3);
        assert_eq!(t, [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!((lo, hi), (0.0, 100.0));
        let (t, _) = ticks(49.83, 50.12);
        assert!(
            t.first().unwrap() <= &49.83 && t.last().unwrap() >= &50.12,
            "{t:?}"
        );
        assert_eq!(tick_label(t[1], t[1] - t[0]), "49.9");
        let (t, _) = ticks(230.0, 230.0);
        assert!(
            t.len() >= 2 && t[0] < 230.0 && *t.last().unwrap() > 230.0,
            "{t:?}"
        );
        assert_eq!(tick_label(-0.0, 1.0), "0");
        assert_eq!(tick_label(0.25, 0.25), "0.25");
    }
}
