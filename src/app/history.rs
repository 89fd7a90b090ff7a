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

/// Columns as points to draw: each column's extremes in the order they occurred; the
/// controller's no-data value left out.
pub fn points(columns: &[Column], scale: f64, no_data: Option<u16>) -> Vec<[f64; 2]> {
    let mut out = Vec::with_capacity(columns.len() * 2);
    let bad = |v: i64| no_data.is_some_and(|n| v == i64::from(n));
    for c in columns {
        let lo = [c.t_min as f64 / 1000.0, c.min as f64 * scale];
        let hi = [c.t_max as f64 / 1000.0, c.max as f64 * scale];
        let pair = if c.t_min <= c.t_max {
            [lo, hi]
        } else {
            [hi, lo]
        };
        for (p, raw) in pair.into_iter().zip(if c.t_min <= c.t_max {
            [c.min, c.max]
        } else {
            [c.max, c.min]
        }) {
            if !bad(raw) && out.last() != Some(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_become_points_in_time_order_without_no_data() {
        let cols = [
            Column {
                t_min: 2000,
                min: 2290,
                t_max: 1000,
                max: 2310,
            },
            Column {
                t_min: 3000,
                min: 32766,
                t_max: 4000,
                max: 32766,
            },
        ];
        assert_eq!(
            points(&cols, 0.1, Some(32766)),
            vec![[1.0, 231.0], [2.0, 229.0]]
        );
    }
}
