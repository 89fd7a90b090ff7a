//! How a load step is bounded and judged: a step ends by itself when the genset shuts down (a
//! shutdown alarm coming on, or the speed or frequency falling to 0 from running), a step much
//! shorter than planned is flagged, planned steps never run are listed, and the interval the
//! readings came at is stated.

use super::ReportError;
use super::protections::protections;
use crate::proto::map::RegisterMap;
use crate::store::reader::Recording;

/// The field holding the plan of load steps: a line per step, `name|planned seconds`.
pub const PLAN: &str = "plan";

/// The plan as kept in the recording.
pub fn plan_value(steps: &[(String, u32)]) -> String {
    steps
        .iter()
        .map(|(n, s)| format!("{}|{s}", n.replace(['|', '\n'], " ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The plan read back: (name, planned seconds).
pub fn parse_plan(value: &str) -> Vec<(String, u32)> {
    value
        .lines()
        .filter_map(|l| {
            let (n, s) = l.rsplit_once('|')?;
            Some((n.trim().to_string(), s.trim().parse().ok()?))
        })
        .filter(|(n, _)| !n.is_empty())
        .collect()
}

/// When the genset shut down during `(from, to)`, and why: the first shutdown alarm coming on,
/// or the speed (else frequency) falling to 0 from running.
pub(super) fn shutdown_in(
    rec: &Recording,
    id: i64,
    map: &RegisterMap,
    (from, to): (i64, i64),
) -> Result<Option<(i64, String)>, ReportError> {
    let alarm = protections(rec, id, map, &[], (from, to))?
        .into_iter()
        .filter_map(|p| p.seen_ms.map(|t| (t, p.name)))
        .min();
    let stop = ["speed", "gen_frequency"]
        .iter()
        .filter_map(|r| map.register_by_role(r))
        .find(|s| s.words == 1);
    let mut stopped = None;
    if let Some(spec) = stop {
        let mut running = false;
        for (t, v) in super::model::readings(rec, id, map, spec, (from, to))? {
            match v {
                Some(v) if v > 0.0 => running = true,
                Some(_) if running => {
                    stopped = Some((t, "the engine stopping".to_string()));
                    break;
                }
                _ => {}
            }
        }
    }
    Ok(match (alarm, stopped) {
        (Some(a), Some(s)) => Some(if s.0 < a.0 { s } else { a }),
        (a, s) => a.or(s),
    })
}

/// Whether a step lasted under half its planned time.
pub fn is_short(lasted_ms: i64, planned_s: u32) -> bool {
    planned_s > 0 && lasted_ms * 2 < i64::from(planned_s) * 1000
}

/// The usual interval between readings: the median gap between the times values were read.
pub fn sampling_interval_ms(times: &mut Vec<i64>) -> Option<i64> {
    times.sort_unstable();
    times.dedup();
    let mut gaps: Vec<i64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_unstable();
    Some(gaps[gaps.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_reads_back_and_short_steps_and_intervals_are_told() {
        let plan = vec![("No load".to_string(), 600), ("100 %".to_string(), 3600)];
        assert_eq!(parse_plan(&plan_value(&plan)), plan);
        assert!(is_short(20_000, 60));
        assert!(!is_short(40_000, 60));
        assert!(!is_short(1_000, 0));
        assert_eq!(
            sampling_interval_ms(&mut vec![0, 3000, 3000, 6000, 9100, 12_000]),
            Some(3000)
        );
        assert_eq!(sampling_interval_ms(&mut vec![5]), None);
    }
}
