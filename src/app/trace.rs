//! A value's points as a plot draws them. The data are changes: a value holds until the
//! next point (sample-and-hold), so the trace is a staircase, never a slope between two
//! readings. A point whose value is NaN is a gap: the value is not known from then (target
//! offline, value stale) until the next point, and the trace breaks there.

/// The staircase of `points` (time order; NaN value: a gap from that time), the last value
/// held until `end` (now, or the end of a recording; nothing is carried past a gap or when
/// `end` is before the last point). One run per stretch without a gap.
pub fn steps(points: &[[f64; 2]], end: f64) -> Vec<Vec<[f64; 2]>> {
    let mut runs = Vec::new();
    let mut run: Vec<[f64; 2]> = Vec::new();
    for &[t, v] in points {
        let held = run.last().map(|p| p[1]);
        if v.is_nan() {
            if let Some(h) = held {
                run.push([t, h]);
                runs.push(std::mem::take(&mut run));
            }
            continue;
        }
        match held {
            // Still the same value: the hold goes on, nothing to draw here.
            Some(h) if h == v => {}
            Some(h) => run.extend([[t, h], [t, v]]),
            None => run.push([t, v]),
        }
    }
    if let Some(&[t, v]) = run.last() {
        if end > t {
            run.push([end, v]);
        }
        runs.push(run);
    }
    runs
}

/// Scales the runs to 0-1 over their lowest and highest value (a flat trace goes to 0).
pub fn normalise(runs: &mut [Vec<[f64; 2]>]) {
    let (lo, hi) = runs
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
            (l.min(p[1]), h.max(p[1]))
        });
    if !lo.is_finite() {
        return;
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    runs.iter_mut()
        .flatten()
        .for_each(|p| p[1] = (p[1] - lo) / span);
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAP: f64 = f64::NAN;

    #[test]
    fn a_change_is_a_step_and_the_last_value_is_held_until_now() {
        // Frequency at 50 Hz, then the set stops at t = 300: no ramp from 50 to 0.
        let runs = steps(&[[0.0, 50.0], [300.0, 0.0]], 400.0);
        assert_eq!(
            runs,
            vec![vec![[0.0, 50.0], [300.0, 50.0], [300.0, 0.0], [400.0, 0.0]]]
        );
        // A bit going 1 -> 0: vertical at the change, not a wedge across the uploads.
        let runs = steps(&[[0.0, 1.0], [4.0, 1.0], [8.0, 0.0]], 8.0);
        assert_eq!(runs, vec![vec![[0.0, 1.0], [8.0, 1.0], [8.0, 0.0]]]);
    }

    #[test]
    fn an_offline_span_is_a_gap_and_nothing_is_carried_past_it() {
        // kW 25, target offline at 10, back at 20 with 100 (a step, not a ramp), offline at 30.
        let pts = [[0.0, 25.0], [10.0, GAP], [20.0, 100.0], [30.0, GAP]];
        assert_eq!(
            steps(&pts, 50.0),
            vec![
                vec![[0.0, 25.0], [10.0, 25.0]],
                vec![[20.0, 100.0], [30.0, 100.0]],
            ]
        );
        assert!(steps(&[[1.0, GAP]], 5.0).is_empty());
        assert!(steps(&[], 5.0).is_empty());
        // An end before the last point carries nothing.
        assert_eq!(
            steps(&[[5.0, 1.0]], f64::NEG_INFINITY),
            vec![vec![[5.0, 1.0]]]
        );
    }

    #[test]
    fn normalised_runs_span_0_to_1() {
        let mut runs = steps(&[[0.0, 25.0], [10.0, GAP], [20.0, 125.0]], 30.0);
        normalise(&mut runs);
        let ys: Vec<f64> = runs.iter().flatten().map(|p| p[1]).collect();
        assert_eq!(ys, vec![0.0, 0.0, 1.0, 1.0]);
        let mut flat = steps(&[[0.0, 7.0]], 1.0);
        normalise(&mut flat);
        assert_eq!(flat, vec![vec![[0.0, 0.0], [1.0, 0.0]]]);
    }
}
