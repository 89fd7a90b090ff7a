//! What the recording's readings say: the values standing at an instant (the equipment, the
//! counters at the recording's ends) and over a load step (minimum, mean, maximum, the range
//! the limits judge, the plot's points).

use crate::model::TargetId;
use std::collections::BTreeMap;

use super::ReportError;
use super::model::{COUNTERS, Counter, KEY_VALUES, PLOTTED, Series, Stat, Step};
use crate::proto::Table;
use crate::proto::map::{RegisterMap, RegisterSpec, Value};
use crate::proto::port::{baud_name, port_name};
use crate::store::reader::{Recording, TargetRow};

/// The counters' first and last readings in the recording, with their times.
pub(super) fn counters(
    rec: &Recording,
    id: i64,
    map: &RegisterMap,
    (first, last): (i64, i64),
) -> Result<Vec<Counter>, ReportError> {
    let mut out = Vec::new();
    for (role, label) in COUNTERS {
        let Some(spec) = map.register_by_role(role) else {
            continue;
        };
        // The first time all its words were read in the recording; the value that stood at
        // its last reading.
        let mut t_first = Some(first);
        for i in 0..u16::from(spec.words) {
            let s = rec.samples(id, spec.table, spec.addr + i, (first, last))?;
            t_first = match (t_first, s.first()) {
                (Some(t), Some(x)) => Some(t.max(x.0)),
                _ => None,
            };
        }
        let t_last = t_first.map(|_| last);
        let at = |t: Option<i64>| -> Result<(Option<f64>, Option<i64>), ReportError> {
            let Some(t) = t else { return Ok((None, None)) };
            let words = image_at(rec, id, t)?;
            Ok((number(map, spec, &words), Some(t)))
        };
        let (start, start_ms) = at(t_first)?;
        let (end, end_ms) = at(t_last)?;
        out.push(Counter {
            label: label.to_string(),
            unit: spec.unit.to_string(),
            start,
            end,
            read_ms: (start_ms, end_ms),
        });
    }
    Ok(out)
}

/// Raw words of every address at `t`: (table, addr) -> raw.
pub(super) fn image_at(
    rec: &Recording,
    id: i64,
    t_ms: i64,
) -> Result<BTreeMap<(Table, u16), u16>, ReportError> {
    Ok(rec
        .values_at(id, t_ms)?
        .into_iter()
        .map(|s| ((s.table, s.addr), s.raw))
        .collect())
}

/// An entry's number in an image (`None`: missing, no data, or not a number).
fn number(
    map: &RegisterMap,
    spec: &RegisterSpec,
    img: &BTreeMap<(Table, u16), u16>,
) -> Option<f64> {
    let raw = (0..u16::from(spec.words))
        .map(|i| img.get(&(spec.table, spec.addr + i)).copied())
        .collect::<Option<Vec<u16>>>()?;
    match map.value_of(spec, raw) {
        Value::Number(n) => Some(n),
        _ => None,
    }
}

/// The controller's rated voltage and frequency from its settings registers (the map's roles
/// `rated_voltage` and `rated_frequency`), as the image holds them.
pub(super) fn rated(
    map: &RegisterMap,
    img: &BTreeMap<(Table, u16), u16>,
) -> (Option<f64>, Option<f64>) {
    let value = |role: &str| number(map, map.register_by_role(role)?, img);
    (value("rated_voltage"), value("rated_frequency"))
}

pub(super) fn equipment(
    target: &TargetRow,
    map: &RegisterMap,
    img: &BTreeMap<(Table, u16), u16>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // The labels stay in English in the commissioning: shown with `model::label`.
    let mut put = |label: &'static str, value: String| {
        if !value.trim().is_empty() {
            out.push((label.to_string(), value));
        }
    };
    let shown = |role: &str| -> Option<String> {
        let spec = map.register_by_role(role)?;
        let n = number(map, spec, img)?;
        Some(format!("{n:.*}", map.decimals(spec)))
    };
    put(
        n!("Controller model"),
        shown("controller_model").unwrap_or_default(),
    );
    put(
        n!("Software version"),
        shown("software_version").unwrap_or_default(),
    );
    put(
        n!("Hardware version"),
        shown("hardware_version").unwrap_or_default(),
    );
    if let (Some(y), Some(m), Some(d)) = (
        shown("release_year"),
        shown("release_month"),
        shown("release_day"),
    ) {
        put(n!("Software date"), format!("{y}-{m:0>2}-{d:0>2}"));
    }
    put(n!("Register map"), map.name.clone());
    match TargetId::parse(&target.key) {
        TargetId::Remote(hostid) if target.peer.is_empty() => {
            put(n!("Modem through broker"), hostid.into())
        }
        TargetId::Remote(hostid) => put(
            n!("Modem through broker"),
            t!(
                "{ $hostid } (broker { $broker })",
                hostid = hostid.as_str(),
                broker = target.peer.as_str()
            ),
        ),
        TargetId::Modem(hostid) if crate::proto::uplink::is_hostid(hostid.as_str()) => {
            put(n!("Modem hostid"), hostid.into())
        }
        _ => put(n!("Serial target"), target.key.clone()),
    }
    put(n!("Modem name"), target.hostname.clone());
    put(n!("Reported model"), target.moduletype.clone());
    if let Some(p) = target.module_port {
        put("modulePort", format!("{p} ({})", port_name(p)));
    }
    if let Some(b) = target.module_baud {
        put("moduleBaud", format!("{b} ({})", baud_name(b)));
    }
    out
}

/// A single-register entry's readings over a range: (time, value) led by the value that
/// stood when it began; `None` for no data.
pub(super) fn readings(
    rec: &Recording,
    id: i64,
    map: &RegisterMap,
    spec: &RegisterSpec,
    (from, to): (i64, i64),
) -> Result<Vec<(i64, Option<f64>)>, ReportError> {
    // Each word of the value as it changed; a value of two words is read whenever either
    // changed, from the word that changed and the other as it stood.
    let words = usize::from(spec.words.max(1));
    let mut changes: Vec<(i64, usize, u16)> = Vec::new();
    for w in 0..words {
        let addr = spec.addr.saturating_add(w as u16);
        for (t, raw) in rec.samples(id, spec.table, addr, (from, to))? {
            changes.push((t, w, raw));
        }
    }
    changes.sort_by_key(|c| (c.0, c.1));
    let mut held: Vec<Option<u16>> = vec![None; words];
    let mut out: Vec<(i64, Option<f64>)> = Vec::new();
    for (i, &(t, w, raw)) in changes.iter().enumerate() {
        held[w] = Some(raw);
        // Words that changed at the same time make one reading.
        if changes.get(i + 1).is_some_and(|n| n.0 == t) {
            continue;
        }
        let Some(raws) = held.iter().copied().collect::<Option<Vec<u16>>>() else {
            continue;
        };
        let v = match map.value_of(spec, raws) {
            Value::Number(n) => Some(n),
            _ => None,
        };
        let t = t.max(from);
        // The value that stood before the range gives way to a reading at its very start.
        if out.last().is_some_and(|p| p.0 == t) {
            out.pop();
        }
        out.push((t, v));
    }
    Ok(out)
}

/// Minimum, mean (weighted by how long each reading stood) and maximum of the valid readings.
fn stats_of(points: &[(i64, Option<f64>)], to: i64) -> (Option<f64>, Option<f64>, Option<f64>) {
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut sum, mut weight, mut n) = (0.0, 0.0, 0usize);
    for (i, (t, v)) in points.iter().enumerate() {
        let Some(v) = v else { continue };
        let until = points.get(i + 1).map_or(to, |p| p.0).max(*t);
        min = min.min(*v);
        max = max.max(*v);
        n += 1;
        let w = (until - t) as f64;
        sum += v * w;
        weight += w;
    }
    if n == 0 {
        return (None, None, None);
    }
    let mean = if weight > 0.0 {
        sum / weight
    } else {
        // Readings at one instant only: their plain mean.
        points.iter().filter_map(|p| p.1).sum::<f64>() / n as f64
    };
    (Some(min), Some(mean), Some(max))
}

/// Lowest and highest valid value standing at any time in `[from, to)` (the value read
/// before `from` counts while it stood): `None` when the range is empty or has no data.
fn steady_of(points: &[(i64, Option<f64>)], from: i64, to: i64) -> Option<(f64, f64)> {
    if from >= to {
        return None;
    }
    points
        .iter()
        .enumerate()
        .filter(|(i, _)| points.get(i + 1).map_or(to, |p| p.0) > from)
        .filter_map(|(_, (_, v))| *v)
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
}

pub(super) fn step(
    rec: &Recording,
    target: &TargetRow,
    map: &RegisterMap,
    (name, planned_s, ended): (String, u32, bool),
    (from, to): (i64, i64),
    settle_ms: i64,
) -> Result<Step, ReportError> {
    let mut stats = Vec::new();
    for (role, label) in KEY_VALUES {
        let Some(spec) = map.register_by_role(role).filter(|s| s.words <= 2) else {
            continue;
        };
        let points = readings(rec, target.id, map, spec, (from, to))?;
        let (min, mean, max) = stats_of(&points, to);
        let steady = steady_of(&points, from + settle_ms, to);
        stats.push(Stat {
            label: label.to_string(),
            unit: spec.unit.to_string(),
            decimals: map
                .decimals(spec)
                .max(if role == "power_factor" { 2 } else { 1 }),
            min,
            mean,
            max,
            steady,
        });
    }
    let mut plot = Vec::new();
    for (role, label) in PLOTTED {
        if let Some(spec) = map.register_by_role(role).filter(|s| s.words <= 2) {
            plot.push(Series {
                label: label.to_string(),
                unit: spec.unit.to_string(),
                points: readings(rec, target.id, map, spec, (from, to))?,
            });
        }
    }
    let alarms = rec
        .events(from, to)?
        .into_iter()
        .filter(|e| e.kind == "alarm_on" && e.target.as_deref() == Some(target.key.as_str()))
        .map(|e| (e.t_ms, e.text))
        .collect();
    Ok(Step {
        name,
        planned_s,
        start_ms: from,
        end_ms: to,
        ended,
        ended_by: None,
        stats,
        alarms,
        plot,
    })
}
