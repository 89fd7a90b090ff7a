//! As found and as left: a snapshot is a labelled moment of the recording (the engineer's
//! "snapshot" entry); comparing two is comparing every value the target reported as it stood
//! at each. The recording already holds the values: a snapshot costs one row.

use crate::proto::map::{RegisterMap, Value};
use crate::proto::{RegisterImage, Table};
use crate::store::StoreError;
use crate::store::reader::{Recording, SampleRow, TargetRow};

/// A labelled moment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snapshot {
    /// Its label ("as found").
    pub label: String,
    /// When it was taken.
    pub t_ms: i64,
}

/// A value that differs between two snapshots.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Difference {
    /// Where it is read.
    #[serde(serialize_with = "table_name")]
    pub table: Table,
    /// Its (first) address.
    pub addr: u16,
    /// Its name in the map, or the address where the map names none.
    pub name: String,
    /// As it stood at the first snapshot ("-": not read yet).
    pub a: String,
    /// As it stood at the second.
    pub b: String,
    /// A measured value (a reading with a unit, not a setting): it moves by itself.
    pub measured: bool,
}

fn table_name<S: serde::Serializer>(t: &Table, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.name())
}

/// "1 measured value", "3 measured values".
pub fn measured_values(n: usize) -> String {
    if n == 1 {
        "1 measured value".into()
    } else {
        format!("{n} measured values")
    }
}

/// The snapshots of `target`, in time order.
pub fn snapshots(rec: &Recording, target: &str) -> Result<Vec<Snapshot>, StoreError> {
    Ok(rec
        .commissioning(target)?
        .into_iter()
        .filter(|r| r.kind == "snapshot")
        .map(|r| Snapshot {
            label: r.name,
            t_ms: r.t_ms,
        })
        .collect())
}

/// The two to compare: `a` (the first snapshot when not named) and `b` (the last when not
/// named; the end of the recording when that is `a` itself, or when `b` is "now").
pub fn pick(
    snaps: &[Snapshot],
    a: Option<&str>,
    b: Option<&str>,
    end_ms: i64,
) -> Result<(Snapshot, Snapshot), String> {
    let named = |label: &str| {
        snaps
            .iter()
            .rev()
            .find(|s| s.label.eq_ignore_ascii_case(label))
            .cloned()
            .ok_or_else(|| {
                let all: Vec<&str> = snaps.iter().map(|s| s.label.as_str()).collect();
                if all.is_empty() {
                    "no snapshot was taken for this target".to_string()
                } else {
                    format!("no snapshot {label:?}: there are {}", all.join(", "))
                }
            })
    };
    let end = Snapshot {
        label: "the end of the recording".into(),
        t_ms: end_ms,
    };
    let a = match a {
        Some(l) => named(l)?,
        None => snaps
            .first()
            .cloned()
            .ok_or("no snapshot was taken for this target")?,
    };
    let b = match b {
        Some(l) if l.eq_ignore_ascii_case("now") => end,
        Some(l) => named(l)?,
        None => snaps.last().filter(|s| **s != a).cloned().unwrap_or(end),
    };
    Ok((a, b))
}

/// The values of `target` that differ between the moments `a_ms` and `b_ms`, in table and
/// address order, settings and states before measured values.
pub fn diff(
    rec: &Recording,
    target: &TargetRow,
    map: &RegisterMap,
    (a_ms, b_ms): (i64, i64),
) -> Result<Vec<Difference>, StoreError> {
    let slave = map.plan.slave();
    let image = |rows: &[SampleRow]| {
        let mut img = RegisterImage::default();
        for r in rows {
            img.set(slave, r.table, r.addr, r.raw);
        }
        img
    };
    let (a_rows, b_rows) = (
        rec.values_at(target.id, a_ms)?,
        rec.values_at(target.id, b_ms)?,
    );
    let (a, b) = (image(&a_rows), image(&b_rows));
    let mut keys: Vec<(Table, u16)> = a_rows
        .iter()
        .chain(&b_rows)
        .map(|r| (r.table, r.addr))
        .collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for (table, addr) in keys {
        // A value of two words is compared once, at its first address.
        let decoded = |img: &RegisterImage| map.decode(img, slave, table, addr);
        let (da, db) = (decoded(&a), decoded(&b));
        let Some(d) = da.as_ref().or(db.as_ref()) else {
            continue;
        };
        if d.addr != addr {
            continue;
        }
        let words = d.raw.len().max(1) as u16;
        let raw = |img: &RegisterImage| {
            (0..words)
                .map(|i| img.get(slave, table, addr.wrapping_add(i)))
                .collect::<Vec<_>>()
        };
        if raw(&a) == raw(&b) {
            continue;
        }
        let shown = |d: &Option<crate::proto::map::Decoded>| {
            d.as_ref().map_or_else(|| "-".to_string(), |d| d.shown())
        };
        let spec = (table == Table::Holding)
            .then(|| map.registers.get(&addr))
            .flatten();
        let measured = spec.is_some_and(|s| !s.setting && !s.unit.is_empty())
            && matches!(d.value, Value::Number(_) | Value::NoData);
        out.push(Difference {
            table,
            addr,
            name: d.name.to_string(),
            a: shown(&da),
            b: shown(&db),
            measured,
        });
    }
    out.sort_by_key(|d| d.measured);
    Ok(out)
}
