//! A time series of one value with a fixed capacity, and its reduction to what a plot of a
//! given width can show: minimum and maximum per pixel column over the visible time range, so
//! spikes stay visible, computed from the visible part only (no copy of the whole history).

use std::collections::VecDeque;

/// A pixel column being filled: its index, lowest and highest point (time, value).
type Column = (usize, (f64, f64), (f64, f64));

/// One value over time (seconds, any epoch), oldest first, at most `capacity` points.
#[derive(Debug, Clone)]
pub struct Series {
    points: VecDeque<(f64, f64)>,
    capacity: usize,
}

impl Series {
    /// A series that keeps the newest `capacity` points (at least 2).
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(2);
        Series {
            points: VecDeque::with_capacity(capacity.min(4096)),
            capacity,
        }
    }

    /// Adds a point; the oldest goes when full. Points older than the newest are ignored (the
    /// series stays sorted by time).
    pub fn push(&mut self, t: f64, v: f64) {
        if !t.is_finite() || !v.is_finite() || self.points.back().is_some_and(|&(last, _)| t < last)
        {
            return;
        }
        if self.points.len() == self.capacity {
            self.points.pop_front();
        }
        self.points.push_back((t, v));
    }

    /// Points held.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Most points it keeps.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Time of the first and last point.
    pub fn span(&self) -> Option<(f64, f64)> {
        Some((self.points.front()?.0, self.points.back()?.0))
    }

    /// Index of the first point at or after `t`.
    fn lower_bound(&self, t: f64) -> usize {
        self.points.partition_point(|&(pt, _)| pt < t)
    }

    /// The points to draw for `[t0, t1]` on a plot `max_points` wide: at most `max_points`
    /// points, the minimum and maximum of each of `max_points / 2` equal time columns in the
    /// order they occurred, plus the nearest point on each side so lines reach the edges.
    /// When the visible points already fit, they are returned as they are.
    pub fn visible(&self, t0: f64, t1: f64, max_points: usize) -> Vec<[f64; 2]> {
        if self.points.is_empty() || t1 < t0 || max_points < 2 {
            return Vec::new();
        }
        let start = self.lower_bound(t0).saturating_sub(1);
        let end = (self.points.partition_point(|&(pt, _)| pt <= t1) + 1).min(self.points.len());
        let n = end - start;
        if n <= max_points {
            return self
                .points
                .range(start..end)
                .map(|&(t, v)| [t, v])
                .collect();
        }
        let columns = (max_points / 2).max(1);
        let width = (t1 - t0) / columns as f64;
        let mut out = Vec::with_capacity(columns * 2);
        let mut bucket: Option<Column> = None;
        let flush = |b: Column, out: &mut Vec<[f64; 2]>| {
            let (_, lo, hi) = b;
            if lo == hi {
                out.push([lo.0, lo.1]);
            } else if lo.0 <= hi.0 {
                out.extend([[lo.0, lo.1], [hi.0, hi.1]]);
            } else {
                out.extend([[hi.0, hi.1], [lo.0, lo.1]]);
            }
        };
        for &(t, v) in self.points.range(start..end) {
            let col = (((t - t0) / width).floor().max(0.0) as usize).min(columns - 1);
            match &mut bucket {
                Some((c, lo, hi)) if *c == col => {
                    if v < lo.1 {
                        *lo = (t, v);
                    }
                    if v > hi.1 {
                        *hi = (t, v);
                    }
                }
                _ => {
                    if let Some(b) = bucket.take() {
                        flush(b, &mut out);
                    }
                    bucket = Some((col, (t, v), (t, v)));
                }
            }
        }
        if let Some(b) = bucket {
            flush(b, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_bounded_and_the_newest_points_stay() {
        let mut s = Series::new(1000);
        for i in 0..100_000 {
            s.push(f64::from(i), f64::from(i % 7));
        }
        assert_eq!(s.len(), 1000);
        assert_eq!(s.span(), Some((99_000.0, 99_999.0)));
        s.push(5.0, 1.0);
        s.push(f64::NAN, 1.0);
        assert_eq!(
            s.len(),
            1000,
            "out-of-order and non-finite points are ignored"
        );
    }

    #[test]
    fn a_plot_never_gets_more_points_than_its_width_and_spikes_survive() {
        // 24 hours at 1 Hz with one 1-second spike.
        let mut s = Series::new(86_400);
        for i in 0..86_400 {
            let v = if i == 40_000 {
                500.0
            } else {
                50.0 + f64::from(i % 3) * 0.1
            };
            s.push(f64::from(i), v);
        }
        for width in [2, 3, 100, 800, 1920] {
            let pts = s.visible(0.0, 86_400.0, width);
            assert!(pts.len() <= width, "{} points for {width} px", pts.len());
            assert!(
                pts.iter().any(|p| p[1] == 500.0),
                "spike kept at {width} px"
            );
            assert!(pts.windows(2).all(|w| w[0][0] <= w[1][0]), "in time order");
        }
        // Zoomed in: only the visible range (plus one point each side), as they are.
        let pts = s.visible(39_990.0, 40_010.0, 800);
        assert_eq!(pts.len(), 23);
        assert_eq!((pts[0][0], pts[22][0]), (39_989.0, 40_011.0));
    }

    #[test]
    fn empty_and_degenerate_ranges() {
        let s = Series::new(10);
        assert!(s.visible(0.0, 1.0, 100).is_empty());
        let mut s = Series::new(10);
        s.push(1.0, 2.0);
        assert_eq!(s.visible(0.0, 10.0, 100), vec![[1.0, 2.0]]);
        assert!(s.visible(10.0, 0.0, 100).is_empty());
    }
}
