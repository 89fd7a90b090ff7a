//! How a load step is bounded and judged: a step ends by itself when the genset shuts down (a
//! shutdown alarm coming on, or the speed or frequency falling to 0 from running), a step much
//! shorter than planned is flagged, planned steps never run are listed, and the interval the
//! readings came at is stated.

use super::limits::{self, Limits};
use super::pdf::{Align, Col, Doc};
use super::plot::PlotBand;
use super::protections::protections;
use super::{
    Commissioning, ReportError, Step, clock, duration, label, num, plain, time, with_unit,
};
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
        for (t, v) in super::readings::readings(rec, id, map, spec, (from, to))? {
            match v {
                Some(v) if v > 0.0 => running = true,
                Some(_) if running => {
                    // Kept in English, as the alarms' names are: shown with `label`.
                    stopped = Some((t, n!("the engine stopping").to_string()));
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

/// What the steps' table says after a step's duration: how it ended, and whether it was short.
pub fn step_status(s: &Step) -> String {
    let mut out = String::new();
    if let Some((t, why)) = &s.ended_by {
        out.push_str(&t!(
            ", ended by { $reason } at { $time }",
            reason = label(why),
            time = clock(*t)
        ));
    } else if !s.ended {
        out.push_str(&t!(" (not ended)"));
    }
    if is_short(s.end_ms - s.start_ms, s.planned_s) {
        out.push_str(&t!("; SHORT: under half the planned time"));
    }
    out
}

/// Page 1's word on the limits: how many values of how many steps were outside them.
pub(super) fn summary(c: &Commissioning, l: &Limits) -> String {
    let failed: Vec<String> = c
        .steps
        .iter()
        .filter_map(|s| {
            let f = limits::failures(l, s);
            (!f.is_empty()).then(|| {
                let values: Vec<String> = f.iter().map(|v| label(v)).collect();
                format!("\"{}\": {}", s.name, values.join(", "))
            })
        })
        .collect();
    if c.steps.is_empty() {
        t!("Limits: no load step was recorded, nothing was judged.")
    } else if failed.is_empty() {
        t!("report-limits-all-within", steps = c.steps.len())
    } else {
        let n: usize = c.steps.iter().map(|s| limits::failures(l, s).len()).sum();
        t!(
            "report-limits-failed",
            n = n,
            failed = failed.len(),
            steps = c.steps.len(),
            list = failed.join("; ")
        )
    }
}

/// The limits in force and where each comes from.
fn limits_table(d: &mut Doc, l: &Limits) {
    d.subheading(&t!("Limits the steps are judged against"));
    let rows: Vec<Vec<String>> = limits::LIMIT_FIELDS
        .iter()
        .map(|f| {
            let nominal = match f.key {
                limits::NOMINAL_V => Some(l.nominal_v),
                limits::NOMINAL_HZ => Some(l.nominal_hz),
                _ => None,
            };
            let (value, source) = match nominal {
                Some(None) => (
                    "-".into(),
                    t!("not entered, and not recognised in the readings"),
                ),
                Some(Some(n)) => (
                    format!("{} {}", plain(n.value), f.unit),
                    if n.entered {
                        t!("entered")
                    } else if n.from_controller {
                        t!("the controller's own setting")
                    } else {
                        t!("assumed: the standard value nearest the readings (enter it to be sure)")
                    },
                ),
                None => (
                    format!("{} {}", plain(l.get(f.key)), f.unit)
                        .trim()
                        .to_string(),
                    if l.entered.contains(&f.key) {
                        t!("entered")
                    } else {
                        t!("default")
                    },
                ),
            };
            vec![crate::i18n::tr(f.label), value, source]
        })
        .collect();
    d.table(
        &[
            Col(&t!("Limit"), 200.0, Align::Left),
            Col(&t!("Value"), 80.0, Align::Right),
            Col(&t!("From"), 210.0, Align::Left),
        ],
        &rows,
    );
    if l.entered.is_empty() {
        d.para(
            &t!("No limits were entered in this recording: the defaults apply."),
            8.5,
            false,
        );
    }
    for (label, text) in &l.bad {
        d.para(
            &t!(
                "{ $limit }: \"{ $text }\" is not a number; the default applies.",
                limit = crate::i18n::tr(label),
                text = text.as_str()
            ),
            8.5,
            false,
        );
    }
    d.para(&crate::i18n::tr(limits::STANDARD_NOTE), 8.5, true);
}

/// The load steps: the overview, the limits, and each step's figures, verdicts and plot.
pub(super) fn section(d: &mut Doc, c: &Commissioning) {
    d.heading(&t!("Load steps"));
    if let Some(ms) = c.interval_ms {
        d.para(
            &t!(
                "The figures rest on readings every { $interval }: a dip or a peak shorter than that is not seen.",
                interval = duration(ms)
            ),
            8.5,
            true,
        );
    }
    if c.steps.is_empty() && c.not_run.is_empty() {
        d.para(&t!("No load step was recorded."), 9.5, true);
        return;
    }
    let l = Limits::of(c);
    overview(d, c, &l);
    limits_table(d, &l);
    for s in &c.steps {
        step_detail(d, s, &l);
    }
}

fn overview(d: &mut Doc, c: &Commissioning, l: &Limits) {
    let value_of = |s: &Step, label: &str| {
        s.stats
            .iter()
            .find(|st| st.label == label)
            .map_or_else(|| "-".into(), |st| num(st.mean, st.decimals))
    };
    let mut rows: Vec<Vec<String>> = c
        .steps
        .iter()
        .map(|s| {
            let planned = if s.planned_s > 0 {
                format!(" / {}", duration(i64::from(s.planned_s) * 1000))
            } else {
                String::new()
            };
            let failed = limits::failures(l, s);
            vec![
                s.name.clone(),
                time(s.start_ms),
                format!(
                    "{}{planned}{}",
                    duration(s.end_ms - s.start_ms),
                    step_status(s)
                ),
                value_of(s, "Active power"),
                value_of(s, "Frequency"),
                s.alarms.len().to_string(),
                if failed.is_empty() {
                    t!("PASS")
                } else {
                    let values: Vec<String> = failed.iter().map(|v| label(v)).collect();
                    t!("FAIL: { $values }", values = values.join(", "))
                },
            ]
        })
        .collect();
    for (name, planned_s) in &c.not_run {
        rows.push(vec![
            name.clone(),
            t!("not run"),
            format!("- / {}", duration(i64::from(*planned_s) * 1000)),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
        ]);
    }
    d.table(
        &[
            Col(&t!("Step"), 65.0, Align::Left),
            Col(&t!("Started"), 85.0, Align::Left),
            Col(&t!("Lasted / planned"), 120.0, Align::Left),
            Col(&t!("Mean kW"), 50.0, Align::Right),
            Col(&t!("Mean Hz"), 50.0, Align::Right),
            Col(&t!("Alarms"), 40.0, Align::Right),
            Col(&t!("Limits"), 80.0, Align::Left),
        ],
        &rows,
    );
}

fn step_detail(d: &mut Doc, s: &Step, l: &Limits) {
    // A step's table and plot stay on one page.
    d.need(60.0 + 25.0 * (s.stats.len() as f32 + 1.0) + 70.0 * s.plot.len() as f32 + 40.0);
    d.subheading(&t!(
        "Step \"{ $step }\": { $from } to { $to }{ $status }",
        step = s.name.as_str(),
        from = time(s.start_ms),
        to = clock(s.end_ms),
        status = step_status(s)
    ));
    let rows: Vec<Vec<String>> = s
        .stats
        .iter()
        .map(|st| {
            let j = limits::judge(l, s, st);
            let judged = match (&j, st.steady) {
                (None, _) => String::new(),
                (Some(_), Some((lo, hi))) => t!(
                    "{ $low } to { $high }",
                    low = num(Some(lo), st.decimals),
                    high = num(Some(hi), st.decimals)
                ),
                (Some(_), None) => "-".into(),
            };
            vec![
                label(&st.label),
                st.unit.clone(),
                num(st.min, st.decimals),
                num(st.mean, st.decimals),
                num(st.max, st.decimals),
                judged,
                j.as_ref().map(|j| j.limit.clone()).unwrap_or_default(),
                j.as_ref().map(|j| j.word()).unwrap_or_default(),
            ]
        })
        .collect();
    d.table(
        &[
            Col(&t!("Value"), 95.0, Align::Left),
            Col(&t!("Unit"), 30.0, Align::Left),
            Col(&t!("Minimum"), 50.0, Align::Right),
            Col(&t!("Mean"), 50.0, Align::Right),
            Col(&t!("Maximum"), 50.0, Align::Right),
            Col(&t!("Judged"), 70.0, Align::Right),
            Col(&t!("Limit"), 110.0, Align::Left),
            Col(&t!("Result"), 35.0, Align::Left),
        ],
        &rows,
    );
    d.para(
        &t!(
            "Judged: the lowest and highest reading from { $settle } after the step's start to its end.",
            settle = duration(l.settle_ms())
        ),
        8.0,
        true,
    );
    if s.alarms.is_empty() {
        d.para(&t!("No alarm during the step."), 8.5, true);
    } else {
        for (t, a) in &s.alarms {
            d.para(
                &t!(
                    "Alarm at { $time }: { $alarm }",
                    time = clock(*t),
                    alarm = a.as_str()
                ),
                8.5,
                false,
            );
        }
    }
    let points: Vec<Vec<(f64, Option<f64>)>> = s
        .plot
        .iter()
        .map(|p| p.points.iter().map(|(t, v)| (*t as f64, *v)).collect())
        .collect();
    let bands: Vec<PlotBand<'_>> = s
        .plot
        .iter()
        .zip(&points)
        .map(|(p, pts)| PlotBand {
            label: with_unit(&label(&p.label), &p.unit),
            points: pts,
        })
        .collect();
    d.plot(
        &bands,
        (s.start_ms as f64, s.end_ms as f64),
        (&clock(s.start_ms), &clock(s.end_ms)),
    );
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
