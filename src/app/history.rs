//! Plots and the timeline beyond what is in memory: read from the recording on request, as
//! the minimum and maximum of each pixel column, in the value's unit.

use crate::proto::Table;
use crate::proto::map::RegisterMap;
use crate::store::reader::{Column, EventRow};

/// A plotted value's history as last read from the recording.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The range read (ms since the epoch).
    pub from_ms: i64,
    /// End of the range.
    pub to_ms: i64,
    /// Columns asked for.
    pub columns: usize,
    /// Points to draw: (seconds since the epoch, value in its unit), in time order.
    pub points: Vec<[f64; 2]>,
}

/// The timeline of the range in view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The range read.
    pub from_ms: i64,
    /// End of the range.
    pub to_ms: i64,
    /// Alarms, commands, markers, links, logins, in time order.
    pub items: Vec<EventRow>,
}

/// How a raw word of a value becomes its number: (signed, scale). `None` for what the
/// recording cannot give as one word (two-word values, enumerations).
pub fn decoding(map: &RegisterMap, table: Table, addr: u16) -> Option<(bool, f64)> {
    if table.is_bits() {
        return Some((false, 1.0));
    }
    match map.register_at(addr) {
        Some(r) if r.addr == addr && r.words == 1 && r.enum_name.is_none() => {
            let scale = if r.frequency {
                map.settings.frequency_ratio
            } else {
                r.scale
            };
            Some((r.signed, scale))
        }
        Some(_) => None,
        None => Some((false, 1.0)),
    }
}

/// What the recording holds of a value over a range, raw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// Its pixel columns.
    pub columns: Vec<Column>,
    /// The sample that stood when the range began (time, raw value).
    pub before: Option<(i64, i64)>,
    /// When its target went offline (`false`) and came back (`true`), led by its state
    /// when the range began.
    pub links: Vec<(i64, bool)>,
}

/// A read range as points to draw, sample-and-hold (see [`crate::app::trace`]): the value
/// that stood at `from_ms` first, then each column's extremes and last value in the order
/// they occurred; a gap (NaN) where the target was offline or the controller said "no data";
/// the held value resumes when the target comes back.
pub fn points(read: &Read, from_ms: i64, scale: f64, no_data: Option<u16>) -> Vec<[f64; 2]> {
    let value = |raw: i64| {
        if no_data.is_some_and(|n| raw == i64::from(n)) {
            f64::NAN
        } else {
            raw as f64 * scale
        }
    };
    let mut samples: Vec<(i64, i64)> = Vec::with_capacity(read.columns.len() * 3);
    for c in &read.columns {
        let mut col = [(c.t_min, c.min), (c.t_max, c.max), (c.t_last, c.last)];
        col.sort_by_key(|p| p.0);
        for p in col {
            if samples.last() != Some(&p) {
                samples.push(p);
            }
        }
    }
    let mut links = read.links.iter().peekable();
    // The state when the range began.
    let mut up = match links.peek() {
        Some((t, up)) if *t < from_ms => {
            let up = *up;
            links.next();
            up
        }
        _ => true,
    };
    let secs = |t: i64| t as f64 / 1000.0;
    let held_before = read.before.map(|b| value(b.1));
    let mut held: Option<f64> = held_before;
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(samples.len() + read.links.len() + 1);
    if let (true, Some(v)) = (up, held_before) {
        out.push([secs(from_ms), v]);
    }
    for (t, raw) in samples {
        while let Some(&&(lt, link_up)) = links.peek().filter(|l| l.0 <= t) {
            link(&mut out, &mut up, held, secs(lt), link_up);
            links.next();
        }
        let v = value(raw);
        held = Some(v);
        // A sample while offline: data came, so the target was back.
        up = true;
        out.push([secs(t), v]);
    }
    for &(lt, link_up) in links {
        link(&mut out, &mut up, held, secs(lt), link_up);
    }
    out
}

/// A link change: a gap when it went down, the held value again when it came back.
fn link(out: &mut Vec<[f64; 2]>, up: &mut bool, held: Option<f64>, t: f64, now_up: bool) {
    match (*up, now_up) {
        (true, false) => out.push([t, f64::NAN]),
        (false, true) => out.extend(held.map(|v| [t, v])),
        _ => {}
    }
    *up = now_up;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(t: [i64; 3], v: [i64; 3]) -> Column {
        Column {
            t_min: t[0],
            min: v[0],
            t_max: t[1],
            max: v[1],
            t_last: t[2],
            last: v[2],
        }
    }

    /// Points with gaps written as `None`, to compare (NaN is not equal to itself).
    fn shown(points: &[[f64; 2]]) -> Vec<(f64, Option<f64>)> {
        points
            .iter()
            .map(|p| (p[0], (!p[1].is_nan()).then_some(p[1])))
            .collect()
    }

    #[test]
    fn columns_become_points_in_time_order_with_no_data_as_a_gap() {
        let read = Read {
            columns: vec![
                col([2000, 1000, 2500], [2290, 2310, 2300]),
                col([3000, 3000, 3000], [32766, 32766, 32766]),
            ],
            ..Default::default()
        };
        assert_eq!(
            shown(&points(&read, 0, 0.1, Some(32766))),
            vec![
                (1.0, Some(231.0)),
                (2.0, Some(229.0)),
                (2.5, Some(230.0)),
                (3.0, None)
            ]
        );
    }

    #[test]
    fn the_value_standing_at_the_start_leads_and_offline_spans_are_gaps() {
        // 50 Hz since before the range; offline 10-20 s, back with the value it had; a stop
        // at 30 s; offline again at 40 s.
        let read = Read {
            columns: vec![col([30_000, 30_000, 30_000], [0, 0, 0])],
            before: Some((-60_000, 500)),
            links: vec![
                (-90_000, true),
                (10_000, false),
                (20_000, true),
                (40_000, false),
            ],
        };
        assert_eq!(
            shown(&points(&read, 0, 0.1, None)),
            vec![
                (0.0, Some(50.0)),
                (10.0, None),
                (20.0, Some(50.0)),
                (30.0, Some(0.0)),
                (40.0, None)
            ]
        );
        // Offline when the range began: nothing drawn until it is back.
        let read = Read {
            columns: vec![],
            before: Some((-60_000, 500)),
            links: vec![(-5_000, false), (5_000, true)],
        };
        assert_eq!(shown(&points(&read, 0, 0.1, None)), vec![(5.0, Some(50.0))]);
    }
}
