//! A scripted run of the simulated genset, for demonstrations and tests of a commissioning:
//! `0:manual,1:start,16:gen_close,17:load=25,40:load=50,60:estop` (seconds since the
//! simulation began, then what happens).

use std::str::FromStr;

/// One thing that happens in a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// A remote command coil (0 start, 1 stop, 2 test, 3 auto, 4 manual), as if sent.
    Remote(u16),
    /// Close the generator breaker (gen takes the load).
    GenClose,
    /// Open it (mains takes the load).
    GenOpen,
    /// The load bank's setting, % of the rated power.
    Load(f64),
    /// The emergency stop button pressed (`true`) or released.
    EmergencyStop(bool),
    /// A shutdown alarm coil trips (overspeed 9, crank failure 17, high temperature 18...).
    Fault(u16),
}

/// Actions at their times, in time order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scenario {
    /// (seconds, action).
    pub steps: Vec<(f64, Action)>,
}

impl FromStr for Scenario {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut steps = Vec::new();
        for (i, item) in s
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .enumerate()
        {
            let (t, what) = item.split_once(':').ok_or_else(|| {
                format!(
                    "scenario item {} ({item:?}): expected SECONDS:ACTION",
                    i + 1
                )
            })?;
            let t: f64 = t
                .trim()
                .parse()
                .ok()
                .filter(|t: &f64| t.is_finite() && *t >= 0.0)
                .ok_or_else(|| format!("scenario item {} ({item:?}): bad time {t:?}", i + 1))?;
            let (name, arg) = match what.split_once('=') {
                Some((n, a)) => (n.trim(), Some(a.trim())),
                None => (what.trim(), None),
            };
            let number = |lo: f64, hi: f64| -> Result<f64, String> {
                arg.and_then(|a| a.parse::<f64>().ok())
                    .filter(|v| (lo..=hi).contains(v))
                    .ok_or_else(|| {
                        format!(
                            "scenario item {} ({item:?}): {name} needs a number {lo}-{hi}",
                            i + 1
                        )
                    })
            };
            let action = match name.to_ascii_lowercase().as_str() {
                "start" => Action::Remote(0),
                "stop" => Action::Remote(1),
                "test" => Action::Remote(2),
                "auto" => Action::Remote(3),
                "manual" => Action::Remote(4),
                "gen_close" => Action::GenClose,
                "gen_open" => Action::GenOpen,
                "load" => Action::Load(number(0.0, 150.0)?),
                "estop" => Action::EmergencyStop(true),
                "estop_release" => Action::EmergencyStop(false),
                "fault" => Action::Fault(number(0.0, 81.0)? as u16),
                other => {
                    return Err(format!(
                        "scenario item {} ({item:?}): unknown action {other:?} (start, stop, test, \
                         auto, manual, gen_close, gen_open, load=PCT, estop, estop_release, fault=COIL)",
                        i + 1
                    ));
                }
            };
            steps.push((t, action));
        }
        steps.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok(Scenario { steps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_reads_in_time_order_and_bad_items_are_named() {
        let s: Scenario = "10:load=25, 0:manual,1:start,30:estop,31:fault=9"
            .parse()
            .unwrap();
        assert_eq!(
            s.steps,
            vec![
                (0.0, Action::Remote(4)),
                (1.0, Action::Remote(0)),
                (10.0, Action::Load(25.0)),
                (30.0, Action::EmergencyStop(true)),
                (31.0, Action::Fault(9)),
            ]
        );
        for (bad, needle) in [
            ("5", "SECONDS:ACTION"),
            ("x:start", "bad time"),
            ("1:load=300", "load needs a number"),
            ("1:jump", "unknown action \"jump\""),
        ] {
            let e = bad.parse::<Scenario>().unwrap_err();
            assert!(e.contains(needle), "{bad}: {e}");
        }
    }
}
