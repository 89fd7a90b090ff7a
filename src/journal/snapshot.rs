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

/// An address range to read for a snapshot beyond what the map names (a configuration area
/// read with 03 that the map does not name yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadRange {
    /// The table (by its read function).
    pub table: Table,
    /// First address.
    pub addr: u16,
    /// How many.
    pub qty: u16,
}

impl ReadRange {
    /// Reads `FC:ADDR+QTY` (`03:0x1000+64`, `01:0+80`): the read function, the first address
    /// (decimal or 0x hex) and how many.
    pub fn parse(text: &str) -> Result<ReadRange, String> {
        let bad = || format!("{text:?}: give FC:ADDR+QTY, e.g. 03:0x1000+64");
        let (fc, rest) = text.trim().split_once(':').ok_or_else(bad)?;
        let (addr, qty) = rest.split_once('+').ok_or_else(bad)?;
        let table = fc
            .trim()
            .parse::<u8>()
            .ok()
            .and_then(Table::from_read_function)
            .ok_or_else(|| format!("{text:?}: the read function is 01, 02, 03 or 04"))?;
        let addr = match addr
            .trim()
            .strip_prefix("0x")
            .or_else(|| addr.trim().strip_prefix("0X"))
        {
            Some(h) => u16::from_str_radix(h, 16).ok(),
            None => addr.trim().parse().ok(),
        }
        .ok_or_else(bad)?;
        let max = if table.is_bits() { 2000 } else { 125 };
        let qty: u16 = qty.trim().parse().map_err(|_| bad())?;
        if qty == 0 || qty > max || u32::from(addr) + u32::from(qty) > 65536 {
            return Err(format!("{text:?}: 1 to {max} at a time, within 0-65535"));
        }
        Ok(ReadRange { table, addr, qty })
    }
}

/// The reads of a snapshot of a controller on a serial port: every block its map names
/// (coils, registers and the registers of named bits), and the ranges asked beside, merged
/// where they are close and cut to what one read may carry.
pub fn snapshot_reads(
    map: &RegisterMap,
    slave: u8,
    also: &[ReadRange],
) -> Vec<crate::proto::rtu::Request> {
    use crate::proto::rtu::{Request, RequestPdu};
    let mut wanted: std::collections::BTreeMap<Table, Vec<u16>> = Default::default();
    for c in map.coils.values().chain(map.discretes.values()) {
        wanted.entry(c.table).or_default().push(c.addr);
    }
    for r in map.registers.values().chain(map.inputs.values()) {
        let words = (0..u16::from(r.words.max(1))).map(|i| r.addr.saturating_add(i));
        wanted.entry(r.table).or_default().extend(words);
    }
    (wanted.entry(Table::Holding).or_default()).extend(map.bits.keys().map(|(addr, _)| *addr));
    for r in also {
        wanted
            .entry(r.table)
            .or_default()
            .extend((0..r.qty).map(|i| r.addr.saturating_add(i)));
    }
    let mut out = Vec::new();
    for (table, mut addrs) in wanted {
        addrs.sort_unstable();
        addrs.dedup();
        // Short reads, gaps of a couple of addresses at most: a controller refuses a read that
        // runs over addresses it does not have, and one refused read loses only its block.
        let max = if table.is_bits() { 256 } else { 32 };
        for (addr, qty) in crate::proto::poll_plan::read_runs(&addrs, 2, max) {
            out.push(Request {
                slave,
                pdu: RequestPdu::Read {
                    table,
                    addr,
                    qty: qty as u16,
                },
            });
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::rtu::RequestPdu;

    #[test]
    fn a_range_reads_as_fc_addr_and_qty() {
        assert_eq!(
            ReadRange::parse("03:0x1000+64"),
            Ok(ReadRange {
                table: Table::Holding,
                addr: 0x1000,
                qty: 64
            })
        );
        assert_eq!(ReadRange::parse(" 01:0+80 ").unwrap().table, Table::Coils);
        for bad in [
            "3:200",
            "05:0+1",
            "03:x+1",
            "03:0+0",
            "03:0+126",
            "03:65535+2",
        ] {
            assert!(ReadRange::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_snapshot_reads_every_block_the_map_names_and_the_ranges_asked() {
        let map = crate::proto::map::resolve(&crate::proto::map::builtin_maps(), "HGM6120N");
        let also = [ReadRange::parse("03:300+4").unwrap()];
        let reads = snapshot_reads(&map, 1, &also);
        let covered = |table: Table, at: u16| {
            reads.iter().any(|r| match r.pdu {
                RequestPdu::Read {
                    table: t,
                    addr,
                    qty,
                } => t == table && (addr..addr + qty).contains(&at),
                _ => false,
            })
        };
        for addr in map.registers.keys() {
            assert!(covered(Table::Holding, *addr), "register {addr}");
        }
        for addr in map.coils.keys() {
            assert!(covered(Table::Coils, *addr), "coil {addr}");
        }
        assert!((300..304).all(|a| covered(Table::Holding, a)));
        assert!(reads.iter().all(|r| r.slave == 1));
        assert!(reads.iter().all(|r| match r.pdu {
            RequestPdu::Read { table, qty, .. } => qty <= if table.is_bits() { 256 } else { 32 },
            _ => false,
        }));
    }
}
