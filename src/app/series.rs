//! A time series of one value with a fixed capacity, and its reduction to what a plot of a
//! given width can show: minimum, maximum and last value per pixel column over the visible
//! time range, so spikes stay visible and the value held after a column is the right one,
//! computed from the visible part only (no copy of the whole history).
//!
//! A value holds until the next point. A point whose value is NaN is a gap: from its time
//! the value is not known (target offline, value stale) until the next point.

use std::collections::VecDeque;

/// A plotted value: target, table and (first) address.
pub type PlotKey = (String, crate::proto::Table, u16);

/// A pixel column being filled: its index, lowest and highest point, its last point and its
/// first gap (time, value).
#[derive(Clone, Copy)]
struct Column {
    index: usize,
    lo: (f64, f64),
    hi: (f64, f64),
    last: (f64, f64),
    gap: Option<f64>,
}

impl Column {
    fn new(index: usize, (t, v): (f64, f64)) -> Self {
        Column {
            index,
            lo: (t, v),
            hi: (t, v),
            last: (t, v),
            gap: v.is_nan().then_some(t),
        }
    }

    fn add(&mut self, (t, v): (f64, f64)) {
        self.last = (t, v);
        if v.is_nan() {
            self.gap.get_or_insert(t);
            return;
        }
        if self.lo.1.is_nan() || v < self.lo.1 {
            self.lo = (t, v);
        }
        if self.hi.1.is_nan() || v > self.hi.1 {
            self.hi = (t, v);
        }
    }

    /// Its points in time order, each once: at most four.
    fn flush(self, out: &mut Vec<[f64; 2]>) {
        let mut pts: Vec<(f64, f64)> = [self.lo, self.hi]
            .into_iter()
            .filter(|p| !p.1.is_nan())
            .chain([self.last])
            .chain(self.gap.map(|t| (t, f64::NAN)))
            .collect();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        pts.dedup_by(|a, b| a.0 == b.0 && (a.1 == b.1 || a.1.is_nan() && b.1.is_nan()));
        out.extend(pts.into_iter().map(|(t, v)| [t, v]));
    }
}

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
        if v.is_finite() {
            self.push_raw(t, v);
        }
    }

    /// Marks the value as not known from `t` (target offline, value stale) until the next
    /// point: the plot leaves a gap. Once is enough.
    pub fn push_gap(&mut self, t: f64) {
        if self.points.back().is_some_and(|p| !p.1.is_nan()) {
            self.push_raw(t, f64::NAN);
        }
    }

    fn push_raw(&mut self, t: f64, v: f64) {
        if !t.is_finite() || self.points.back().is_some_and(|&(last, _)| t < last) {
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
    /// points (at least 4), the minimum, maximum, last value and first gap of each of
    /// `max_points / 4` equal time columns in the order they occurred, plus the nearest point
    /// on each side so the held value reaches the edges. When the visible points already fit,
    /// they are returned as they are. Gaps are points whose value is NaN.
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
        let columns = (max_points / 4).max(1);
        let width = (t1 - t0) / columns as f64;
        let mut out = Vec::with_capacity(columns * 4);
        let mut bucket: Option<Column> = None;
        for &(t, v) in self.points.range(start..end) {
            let col = (((t - t0) / width).floor().max(0.0) as usize).min(columns - 1);
            match &mut bucket {
                Some(c) if c.index == col => c.add((t, v)),
                _ => {
                    if let Some(b) = bucket.take() {
                        b.flush(&mut out);
                    }
                    bucket = Some(Column::new(col, (t, v)));
                }
            }
        }
        if let Some(b) = bucket {
            b.flush(&mut out);
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
        for width in [4, 5, 100, 800, 1920] {
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
    fn a_reduced_column_keeps_its_last_value_and_its_gaps() {
        // A value swinging at 1 s a sample; at 5000 s it settles on 42 (no sample until the
        // target goes offline at 7000 s: a gap), back at 9000 s.
        let mut s = Series::new(100_000);
        for i in 0..5000 {
            s.push(f64::from(i), f64::from(i % 2) * 100.0);
        }
        s.push(5000.0, 42.0);
        s.push_gap(7000.0);
        s.push_gap(7001.0);
        for i in 9000..10_000 {
            s.push(f64::from(i), 7.0);
        }
        let pts = s.visible(0.0, 10_000.0, 100);
        assert!(pts.len() <= 100);
        let gaps: Vec<f64> = pts.iter().filter(|p| p[1].is_nan()).map(|p| p[0]).collect();
        assert_eq!(gaps, vec![7000.0], "one gap, where it began");
        // What holds up to the gap is the last value, 42, not its column's extremes.
        let i = pts.iter().position(|p| p[1].is_nan()).unwrap();
        assert_eq!(pts[i - 1], [5000.0, 42.0]);
        assert_eq!(pts.last(), Some(&[9999.0, 7.0]));
        assert!(pts.windows(2).all(|w| w[0][0] <= w[1][0]), "in time order");
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
