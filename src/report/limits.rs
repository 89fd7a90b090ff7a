//! The limits a load step is judged against, and the verdicts. The limits are commissioning
//! fields of the recording (an old recording has none: the defaults apply, and the report says
//! so). The default bands follow the steady-state bands of ISO 8528-5 performance class G2;
//! the report says that, and claims no compliance with the standard.

use std::collections::BTreeMap;

use super::model::{Commissioning, Stat, Step};

/// A limit the engineer may set: the field it is kept in, its label, unit and default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LimitField {
    /// Name of the commissioning field.
    pub key: &'static str,
    /// Label in the window and the report, in English: shown with [`crate::i18n::tr`].
    pub label: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Default (`None`: a nominal value, assumed from the readings when not entered).
    pub default: Option<f64>,
}

const fn field(key: &'static str, label: &'static str, unit: &'static str, d: f64) -> LimitField {
    LimitField {
        key,
        label,
        unit,
        default: Some(d),
    }
}

/// Nominal voltage, line to neutral.
pub const NOMINAL_V: &str = "nominal_v";
/// Nominal frequency.
pub const NOMINAL_HZ: &str = "nominal_hz";

/// The limits, in the order the window and the report show them.
pub const LIMIT_FIELDS: [LimitField; 8] = [
    LimitField {
        key: NOMINAL_V,
        label: n!("Nominal voltage, line to neutral"),
        unit: "V",
        default: None,
    },
    LimitField {
        key: NOMINAL_HZ,
        label: n!("Nominal frequency"),
        unit: "Hz",
        default: None,
    },
    field(
        "limit_voltage_pct",
        n!("Voltage band, ± % of nominal"),
        "%",
        2.5,
    ),
    field(
        "limit_frequency_pct",
        n!("Frequency band, ± % of nominal"),
        "%",
        0.75,
    ),
    field(
        "limit_min_pf",
        n!("Minimum power factor (under load)"),
        "",
        0.8,
    ),
    field(
        "limit_max_coolant",
        n!("Maximum coolant temperature"),
        "°C",
        95.0,
    ),
    field("limit_min_oil", n!("Minimum oil pressure"), "kPa", 150.0),
    field(
        "limit_settle_s",
        n!("Judged from, after the step's start"),
        "s",
        10.0,
    ),
];

/// Where the default bands come from, as the report says it (shown with
/// [`crate::i18n::tr`]).
pub const STANDARD_NOTE: &str = n!(
    "The default voltage and frequency bands follow the steady-state bands of ISO 8528-5 performance class G2 (steady-state voltage deviation ±2.5 %; steady-state frequency band 1.5 %, taken as ±0.75 % about nominal); the judging starts 10 s after each step's start, past G2's recovery times. They are defaults for a commissioning check, not a test to the standard: no compliance with ISO 8528-5 is claimed."
);

/// Standard line-to-neutral voltages a nominal is assumed from.
const STANDARD_V: [f64; 10] = [
    110.0, 115.0, 120.0, 127.0, 220.0, 230.0, 240.0, 254.0, 277.0, 347.0,
];
/// Standard frequencies.
const STANDARD_HZ: [f64; 2] = [50.0, 60.0];

/// A nominal value and where it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nominal {
    /// The value.
    pub value: f64,
    /// Entered by the engineer (else read from the controller's settings, or assumed: the
    /// standard value nearest the readings).
    pub entered: bool,
    /// Read from the controller's own settings (its rated voltage or frequency, where its map
    /// gives the register the role `rated_voltage` or `rated_frequency`).
    pub from_controller: bool,
}

/// The limits in force for a commissioning.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    values: BTreeMap<&'static str, f64>,
    /// The keys the engineer set.
    pub entered: Vec<&'static str>,
    /// Fields that do not read as numbers: (label, text); their defaults apply.
    pub bad: Vec<(&'static str, String)>,
    /// Nominal voltage (`None`: neither entered nor recognisable from the readings).
    pub nominal_v: Option<Nominal>,
    /// Nominal frequency.
    pub nominal_hz: Option<Nominal>,
}

/// A number as typed: `0.8`, `0,8`, `95 °C`.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(t.len());
    t[..end].parse().ok().filter(|v: &f64| v.is_finite())
}

impl Limits {
    /// The limits of a commissioning: its fields, else the defaults; the nominal values
    /// entered, else the controller's own (its rated voltage and frequency, where its map
    /// says where they are), else assumed from its steps' readings.
    pub fn of(c: &Commissioning) -> Limits {
        let mut l = Limits::from_fields(&c.fields);
        let rated = |v: Option<f64>| {
            v.filter(|v| v.is_finite() && *v > 0.0)
                .map(|value| Nominal {
                    value,
                    entered: false,
                    from_controller: true,
                })
        };
        if l.nominal_v.is_none() {
            l.nominal_v = rated(c.rated.0);
        }
        if l.nominal_hz.is_none() {
            l.nominal_hz = rated(c.rated.1);
        }
        if l.nominal_v.is_none() {
            l.nominal_v = assumed(&c.steps, ("Voltage L1-N", 1.0), &STANDARD_V).or_else(|| {
                // A map with line-to-line voltages only (the HGM9500N's).
                assumed(&c.steps, ("Voltage L1-L2", 3f64.sqrt()), &STANDARD_V)
            });
        }
        if l.nominal_hz.is_none() {
            l.nominal_hz = assumed(&c.steps, ("Frequency", 1.0), &STANDARD_HZ);
        }
        l
    }

    /// The limits the fields hold, the defaults where they hold none.
    pub fn from_fields(fields: &BTreeMap<String, String>) -> Limits {
        let mut l = Limits {
            values: BTreeMap::new(),
            entered: Vec::new(),
            bad: Vec::new(),
            nominal_v: None,
            nominal_hz: None,
        };
        for f in LIMIT_FIELDS {
            let text = fields.get(f.key).map(|s| s.trim()).unwrap_or_default();
            let value = if text.is_empty() {
                None
            } else {
                let v = parse_number(text).filter(|v| *v >= 0.0);
                match v {
                    Some(_) => l.entered.push(f.key),
                    None => l.bad.push((f.label, text.to_string())),
                }
                v
            };
            if let Some(v) = value.or(f.default) {
                l.values.insert(f.key, v);
            }
        }
        let nominal = |k: &str| {
            l.values.get(k).filter(|v| **v > 0.0).map(|v| Nominal {
                value: *v,
                entered: true,
                from_controller: false,
            })
        };
        l.nominal_v = nominal(NOMINAL_V);
        l.nominal_hz = nominal(NOMINAL_HZ);
        l
    }

    /// A limit's value (its default when not set).
    pub fn get(&self, key: &str) -> f64 {
        self.values.get(key).copied().unwrap_or_default()
    }

    /// How long after a step's start its readings are judged, ms.
    pub fn settle_ms(&self) -> i64 {
        (self.get("limit_settle_s") * 1000.0) as i64
    }
}

/// The settling time the fields give (the default when they give none).
pub fn settle_ms(fields: &BTreeMap<String, String>) -> i64 {
    Limits::from_fields(fields).settle_ms()
}

/// The standard value nearest the steps' mean readings of `label` (within 10 %).
fn assumed(steps: &[Step], (label, per): (&str, f64), standard: &[f64]) -> Option<Nominal> {
    let mut means: Vec<f64> = steps
        .iter()
        .filter_map(|s| Some(s.stats.iter().find(|x| x.label == label)?.mean? / per))
        .filter(|m| *m > 0.0)
        .collect();
    means.sort_by(f64::total_cmp);
    let m = *means.get(means.len() / 2)?;
    standard
        .iter()
        .copied()
        .min_by(|a, b| (a - m).abs().total_cmp(&(b - m).abs()))
        .filter(|s| (s - m).abs() <= s * 0.1)
        .map(|value| Nominal {
            value,
            entered: false,
            from_controller: false,
        })
}

/// A value's verdict against its limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The limit, as printed beside the figures.
    pub limit: String,
    /// `Some(true)`: within; `Some(false)`: outside; `None`: not judged (the limit says why).
    pub pass: Option<bool>,
}

impl Judgement {
    /// PASS, FAIL or `-`, in this thread's language.
    pub fn word(&self) -> String {
        match self.pass {
            Some(true) => t!("PASS"),
            Some(false) => t!("FAIL"),
            None => "-".into(),
        }
    }
}

/// `v` with up to two decimals, no trailing zeros, with the language's decimal mark.
fn fmt(v: f64) -> String {
    let s = format!("{v:.2}");
    crate::i18n::with_mark(s.trim_end_matches('0').trim_end_matches('.').to_string())
}

fn band(n: Option<Nominal>, pct: f64, unit: &str, st: &Stat) -> Judgement {
    let Some(n) = n else {
        return Judgement {
            limit: t!("no nominal: enter it"),
            pass: None,
        };
    };
    let (lo, hi) = (n.value * (1.0 - pct / 100.0), n.value * (1.0 + pct / 100.0));
    // One decimal more than the readings: the edges are not rounded into the band.
    let d = st.decimals.max(1) + 1;
    within(
        t!(
            "{ $nominal } { $unit } ±{ $band } %: { $low } to { $high }",
            nominal = fmt(n.value),
            unit = unit,
            band = fmt(pct),
            low = crate::i18n::num(lo, d),
            high = crate::i18n::num(hi, d)
        ),
        st,
        |(min, max)| min >= lo - 1e-9 && max <= hi + 1e-9,
    )
}

fn within(limit: String, st: &Stat, ok: impl Fn((f64, f64)) -> bool) -> Judgement {
    match st.steady {
        Some(mm) => Judgement {
            limit,
            pass: Some(ok(mm)),
        },
        None if st.min.is_none() => Judgement {
            limit: t!("no readings"),
            pass: None,
        },
        None => Judgement {
            limit: t!(
                "{ $limit } (no readings after the settling time)",
                limit = limit
            ),
            pass: None,
        },
    }
}

/// The verdict on one of a step's values (`None`: the value has no limit).
pub fn judge(l: &Limits, step: &Step, st: &Stat) -> Option<Judgement> {
    let unit_is = |u: &str| st.unit == u;
    Some(match st.label.as_str() {
        "Voltage L1-N" | "Voltage L2-N" | "Voltage L3-N" => {
            band(l.nominal_v, l.get("limit_voltage_pct"), "V", st)
        }
        // Line to line: the nominal line to neutral times √3.
        "Voltage L1-L2" | "Voltage L2-L3" | "Voltage L3-L1" => {
            let n = l.nominal_v.map(|n| Nominal {
                value: n.value * 3f64.sqrt(),
                ..n
            });
            band(n, l.get("limit_voltage_pct"), "V", st)
        }
        "Frequency" => band(l.nominal_hz, l.get("limit_frequency_pct"), "Hz", st),
        "Power factor" => {
            let min = l.get("limit_min_pf");
            let loaded = step
                .stats
                .iter()
                .find(|x| x.label == "Active power")
                .and_then(|x| x.mean)
                .is_some_and(|kw| kw.abs() >= 1.0);
            if !loaded {
                return Some(Judgement {
                    limit: t!("at least { $min } under load; no load", min = fmt(min)),
                    pass: None,
                });
            }
            within(t!("at least { $min }", min = fmt(min)), st, |(lo, _)| {
                lo >= min - 1e-9
            })
        }
        "Coolant temperature" if unit_is("°C") => {
            let max = l.get("limit_max_coolant");
            within(t!("at most { $max } °C", max = fmt(max)), st, |(_, hi)| {
                hi <= max + 1e-9
            })
        }
        "Oil pressure" if unit_is("kPa") => {
            let min = l.get("limit_min_oil");
            within(
                t!("at least { $min } kPa", min = fmt(min)),
                st,
                |(lo, _)| lo >= min - 1e-9,
            )
        }
        "Coolant temperature" | "Oil pressure" => Judgement {
            limit: t!(
                "the map gives { $unit }: not judged",
                unit = st.unit.as_str()
            ),
            pass: None,
        },
        _ => return None,
    })
}

/// The values of a step outside their limits: their labels (in English: shown with
/// [`super::model::label`]).
pub fn failures(l: &Limits, step: &Step) -> Vec<String> {
    step.stats
        .iter()
        .filter(|st| judge(l, step, st).is_some_and(|j| j.pass == Some(false)))
        .map(|st| st.label.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed_and_bad_ones_keep_the_default() {
        assert_eq!(parse_number("0,85"), Some(0.85));
        assert_eq!(parse_number(" 95 °C"), Some(95.0));
        assert_eq!(parse_number("abc"), None);
        let mut f = BTreeMap::new();
        f.insert("limit_min_pf".to_string(), "0,9".to_string());
        f.insert("limit_max_coolant".to_string(), "hot".to_string());
        f.insert(NOMINAL_HZ.to_string(), "60".to_string());
        let l = Limits::from_fields(&f);
        assert_eq!(l.get("limit_min_pf"), 0.9);
        assert_eq!(l.get("limit_max_coolant"), 95.0, "default kept");
        assert_eq!(l.bad, [("Maximum coolant temperature", "hot".to_string())]);
        assert_eq!(l.entered, [NOMINAL_HZ, "limit_min_pf"]);
        assert_eq!(
            l.nominal_hz,
            Some(Nominal {
                value: 60.0,
                entered: true,
                from_controller: false,
            })
        );
        assert_eq!(l.nominal_v, None);
        assert_eq!(l.settle_ms(), 10_000);
    }
}
