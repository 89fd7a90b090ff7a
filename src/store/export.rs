//! CSV export of a recording: the recorded raw words replayed in time order through each
//! target's register map, so values come out in their units (and a corrected map gives
//! corrected values). Wide: one row per time, a column per value; long: one row per change.
//! Each number is written at its register's resolution (`25.4`, never `25.400000000000002`),
//! times as ISO 8601 with the offset, in the [`Dialect`] asked for.

use std::io::Write;
use std::sync::Arc;

use super::StoreError;
pub use super::dialect::Dialect;
use super::reader::{Recording, TargetRow};
use crate::proto::map::{RegisterMap, Value, resolve};
use crate::proto::rtu::{Block, BlockValues};
use crate::proto::{RegisterImage, Table};

/// Row layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One row per time, one column per value.
    #[default]
    Wide,
    /// One row per value change: time, target, name, value, unit, raw.
    Long,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "wide" => Ok(Format::Wide),
            "long" => Ok(Format::Long),
            o => Err(format!("format must be wide or long, not {o:?}")),
        }
    }
}

/// What to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spec {
    /// From this time (ms since the epoch; `None`: the start).
    pub from_ms: Option<i64>,
    /// Up to this time (`None`: the end).
    pub to_ms: Option<i64>,
    /// Value names to export (any case; empty: all).
    pub values: Vec<String>,
    /// Layout.
    pub format: Format,
    /// Times in UTC (`Z`) rather than local time with its offset.
    pub utc: bool,
    /// Plain, or for a spreadsheet.
    pub dialect: Dialect,
}

/// A time as ISO 8601 with milliseconds.
pub fn iso_time(t_ms: i64, utc: bool) -> String {
    let Some(t) = chrono::DateTime::from_timestamp_millis(t_ms) else {
        return String::new();
    };
    if utc {
        t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    } else {
        t.with_timezone(&chrono::Local)
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string()
    }
}

/// A time as the options take it, in ms since the epoch.
pub fn parse_time(text: &str) -> Result<i64, StoreError> {
    let t = text.trim();
    if let Ok(ms) = t.parse::<i64>() {
        return Ok(ms);
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(d.timestamp_millis());
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = chrono::NaiveDateTime::parse_from_str(t, f) {
            return n
                .and_local_timezone(chrono::Local)
                .earliest()
                .map(|d| d.timestamp_millis())
                .ok_or_else(|| {
                    StoreError::Query(format!("{t:?} does not exist in the local time zone"))
                });
        }
    }
    Err(StoreError::Query(format!(
        "{t:?} is not a time: give 2026-11-24T10:15:00Z, \"2026-11-24 10:15\" (local) or milliseconds since 1970"
    )))
}

/// One exported change.
struct Change {
    t_ms: i64,
    column: usize,
    value: String,
    raw: String,
}

/// A column of the export: a value of a target.
struct ColumnDef {
    target: String,
    name: String,
    unit: String,
    table: Table,
    addr: u16,
}

/// A value as the CSV writes it: a number at its register's resolution.
fn shown(v: &Value, decimals: usize, dialect: Dialect) -> String {
    match v {
        Value::Number(n) => dialect.number(*n, decimals),
        Value::NoData => String::new(),
        Value::Text(t) => t.clone(),
        Value::Bit(b) => u8::from(*b).to_string(),
    }
}

/// Replays one target's samples and collects the changes of the chosen values.
fn target_changes(
    rec: &Recording,
    t: &TargetRow,
    map: &RegisterMap,
    spec: &Spec,
    columns: &mut Vec<ColumnDef>,
    out: &mut Vec<Change>,
) -> Result<(), StoreError> {
    let wanted = |name: &str| {
        spec.values.is_empty() || spec.values.iter().any(|v| v.eq_ignore_ascii_case(name))
    };
    let label = if t.hostname.is_empty() {
        t.key.clone()
    } else {
        t.hostname.clone()
    };
    let mut image = RegisterImage::default();
    let mut col_of = std::collections::HashMap::new();
    let mut slave = None;
    let from = spec.from_ms.unwrap_or(i64::MIN);
    rec.for_each_sample(t.id, spec.to_ms.unwrap_or(i64::MAX), |s| {
        // The recording keeps raw words per target; the slave is the target's own.
        let sl = *slave.get_or_insert(map.slave);
        let values = if s.table.is_bits() {
            BlockValues::Bits(vec![s.raw != 0])
        } else {
            BlockValues::Registers(vec![s.raw])
        };
        let _ = image.apply_block(&Block {
            slave: sl,
            table: s.table,
            addr: s.addr,
            values,
        });
        let first = match s.table {
            Table::Holding => map.register_at(s.addr).map_or(s.addr, |r| r.addr),
            _ => s.addr,
        };
        let Some(d) = map.decode(&image, sl, s.table, first) else {
            return;
        };
        if !wanted(&d.name) || s.t_ms < from {
            return;
        }
        let column = *col_of.entry((s.table, first)).or_insert_with(|| {
            columns.push(ColumnDef {
                target: label.clone(),
                name: d.name.to_string(),
                unit: d.unit.to_string(),
                table: s.table,
                addr: first,
            });
            columns.len() - 1
        });
        let raw: Vec<String> = d.raw.iter().map(|w| format!("{w:04X}")).collect();
        out.push(Change {
            t_ms: s.t_ms,
            column,
            value: shown(&d.value, d.decimals, spec.dialect),
            raw: raw.join(" "),
        });
    })?;
    Ok(())
}

fn csv_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io {
        path: "(export)".into(),
        reason: e.to_string(),
    }
}

/// A value's name with its unit, once: `Mains UA (V)`, and `Engine Run Time (h)` for a
/// name that already ends with it.
fn with_unit(name: &str, unit: &str) -> String {
    if unit.is_empty() || name.trim_end().ends_with(&format!("({unit})")) {
        name.to_string()
    } else {
        format!("{name} ({unit})")
    }
}

/// Writes the export; returns the number of data rows.
pub fn export(
    rec: &Recording,
    maps: &[Arc<RegisterMap>],
    spec: &Spec,
    out: impl Write,
) -> Result<u64, StoreError> {
    let mut columns = Vec::new();
    let mut changes = Vec::new();
    for t in rec.targets()? {
        let map = resolve(maps, &t.moduletype);
        target_changes(rec, &t, &map, spec, &mut columns, &mut changes)?;
    }
    if !spec.values.is_empty() {
        for v in &spec.values {
            if !columns.iter().any(|c| c.name.eq_ignore_ascii_case(v)) {
                return Err(StoreError::Query(format!(
                    "no value named {v:?} in the recording"
                )));
            }
        }
    }
    changes.sort_by_key(|c| c.t_ms);
    let mut out = out;
    if spec.dialect.bom {
        out.write_all(super::dialect::BOM).map_err(csv_error)?;
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(spec.dialect.delimiter)
        .from_writer(out);
    let mut rows = 0u64;
    match spec.format {
        Format::Long => {
            // The header in this thread's language (the console tool's: English).
            w.write_record([
                t!("time"),
                t!("target"),
                t!("name"),
                t!("value"),
                t!("unit"),
                t!("raw"),
            ])
            .map_err(csv_error)?;
            for c in &changes {
                let col = &columns[c.column];
                let t = iso_time(c.t_ms, spec.utc);
                w.write_record([
                    t.as_str(),
                    &col.target,
                    &col.name,
                    &c.value,
                    &col.unit,
                    &c.raw,
                ])
                .map_err(csv_error)?;
                rows += 1;
            }
        }
        Format::Wide => {
            let mut header = vec![t!("time")];
            header.extend(columns.iter().map(|c| {
                format!(
                    "{} [{} {} {}]",
                    with_unit(&c.name, &c.unit),
                    c.target,
                    c.table.name(),
                    c.addr
                )
            }));
            w.write_record(&header).map_err(csv_error)?;
            let mut current = vec![String::new(); columns.len()];
            let mut i = 0;
            while i < changes.len() {
                let t = changes[i].t_ms;
                while i < changes.len() && changes[i].t_ms == t {
                    current[changes[i].column] = changes[i].value.clone();
                    i += 1;
                }
                let mut row = Vec::with_capacity(columns.len() + 1);
                row.push(iso_time(t, spec.utc));
                row.extend(current.iter().cloned());
                w.write_record(&row).map_err(csv_error)?;
                rows += 1;
            }
        }
    }
    w.flush().map_err(csv_error)?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header in the language of the thread that writes it: the window's export in the
    /// window's, the console tool's in English.
    #[test]
    fn the_header_is_in_the_language_of_the_thread() {
        use crate::i18n::{Lang, with_lang};
        use crate::proto::Table;
        use crate::store::{Record, Recorder};
        let dir = std::env::temp_dir().join(format!("export-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("r.cmmrec");
        let r = Recorder::open(&file, "test").unwrap();
        r.record(Record::Target {
            key: "H1".into(),
            hostname: "north".into(),
            moduletype: "HGM6120N-4G".into(),
            accepted: Some(true),
            module_port: None,
            module_baud: None,
            peer: String::new(),
            t_ms: 1_790_000_000_000,
        });
        r.record(Record::Sample {
            target: "H1".into(),
            table: Table::Holding,
            addr: 13,
            raw: 500,
            t_ms: 1_790_000_000_000,
        });
        r.close().unwrap();
        let rec = crate::store::reader::Recording::open(&file).unwrap();
        let maps = crate::proto::map::builtin_maps();
        let header = |l: Lang| {
            let mut out = Vec::new();
            let spec = Spec {
                format: Format::Long,
                ..Spec::default()
            };
            with_lang(l, || export(&rec, &maps, &spec, &mut out)).unwrap();
            String::from_utf8(out)
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(header(Lang::En), "time,target,name,value,unit,raw");
        let ru = header(Lang::Ru);
        assert!(ru.chars().any(|c| ('а'..='я').contains(&c)), "{ru}");
        assert_ne!(header(Lang::Es), header(Lang::En));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_unit_is_named_once_in_a_header() {
        assert_eq!(with_unit("Mains UA", "V"), "Mains UA (V)");
        assert_eq!(with_unit("Engine Run Time (h)", "h"), "Engine Run Time (h)");
        assert_eq!(with_unit("Software Version", ""), "Software Version");
    }

    #[test]
    fn times_in_the_forms_an_engineer_types() {
        assert_eq!(parse_time("1700000000000").unwrap(), 1_700_000_000_000);
        assert_eq!(
            parse_time("2023-11-14T22:13:20Z").unwrap(),
            1_700_000_000_000
        );
        assert_eq!(
            parse_time("2023-11-14T23:13:20+01:00").unwrap(),
            1_700_000_000_000
        );
        assert!(parse_time("2023-11-14 22:13").is_ok());
        assert!(
            parse_time("yesterday")
                .unwrap_err()
                .to_string()
                .contains("not a time")
        );
    }
}
