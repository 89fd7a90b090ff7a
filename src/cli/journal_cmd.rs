//! `cmmctl journal`: a recording's event journal (what happened, with the key values at each
//! moment, the first-out alarm marked) as text, CSV or JSON lines.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::app::load_maps;
use crate::journal::read::{Ask, journal};
use crate::journal::{KEY_VALUES, Kind, Row};
use crate::store::export::parse_time;
use crate::store::reader::Recording;

/// How the rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per row, for reading.
    Text,
    /// A spreadsheet: one row per event, the key values in columns.
    Csv,
    /// One JSON object per line, for scripts.
    Json,
}

/// Options of `cmmctl journal`.
#[derive(Debug, Args)]
pub struct JournalArgs {
    /// The recording.
    pub file: PathBuf,
    /// Only this target (hostid or serial target).
    #[arg(long)]
    pub target: Option<String>,
    /// From this time: "2026-11-24 10:15[:00]" (local), RFC 3339, or ms since the epoch.
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this time (the same forms).
    #[arg(long)]
    pub to: Option<String>,
    /// Only these kinds (repeatable): alarm_on, alarm_off, mode, status, breaker, mains, start,
    /// stop, command, verdict, link, marker.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// How to write it.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// A register map file to decode with, before the shipped ones (repeatable).
    #[arg(long = "map", value_name = "FILE")]
    pub maps: Vec<PathBuf>,
}

/// Writes the journal to stdout.
pub fn run(a: JournalArgs) -> anyhow::Result<()> {
    let maps = load_maps(&a.maps)?;
    let kinds = a
        .kinds
        .iter()
        .map(|k| {
            Kind::parse(k).ok_or_else(|| {
                let all: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                anyhow::anyhow!("--kind {k:?}: one of {}", all.join(", "))
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let ask = Ask {
        target: a.target,
        from_ms: a.from.as_deref().map(parse_time).transpose()?,
        to_ms: a.to.as_deref().map(parse_time).transpose()?,
        kinds,
    };
    let rec = Recording::open(&a.file)?;
    let rows = journal(&rec, &maps, &ask)?;
    match write_rows(&rows, a.format) {
        // The reader went away (`| head`): what it wanted was written.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        r => r?,
    }
    if rows.is_empty() {
        eprintln!(
            "cmmctl journal: nothing in {} for what was asked",
            a.file.display()
        );
    }
    Ok(())
}

fn write_rows(rows: &[Row], format: Format) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Text => {
            for r in rows {
                writeln!(out, "{}", text_line(r))?;
            }
        }
        Format::Json => {
            for r in rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        Format::Csv => write_csv(&mut out, rows)?,
    }
    out.flush()
}

/// Local time with ms: `2026-12-04 10:15:02.345`.
fn local(t_ms: i64) -> String {
    use chrono::TimeZone;
    chrono::Local
        .timestamp_millis_opt(t_ms)
        .single()
        .map_or_else(
            || t_ms.to_string(),
            |t| t.format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
        )
}

/// A number as the journal shows it: up to two decimals, no trailing zeros.
fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `2026-12-04 10:15:02.345  H  alarm_on  Overspeed Alarm Shutdown [shutdown, FIRST-OUT, +1]
/// | Engine speed 1840 RPM (+340) | ...`
fn text_line(r: &Row) -> String {
    let mut line = format!(
        "{}  {}  {:<9}  {}",
        local(r.t_ms),
        r.target,
        r.kind.name(),
        r.text
    );
    let mut tags = Vec::new();
    if let Some(k) = r.alarm {
        tags.push(k.name().to_string());
    }
    if let Some(n) = r.first_out.filter(|n| *n > 0) {
        tags.push(crate::journal::first_out_mark(n));
    }
    if let Some(first) = &r.came_with {
        tags.push(format!("after {first}"));
    }
    if !tags.is_empty() {
        line += &format!(" [{}]", tags.join(", "));
    }
    for v in &r.values {
        let Some(value) = v.value else { continue };
        // "Engine speed 1500 → 0 RPM" where it changed with this reading.
        line += &format!("  | {} ", v.label);
        if let Some(c) = v.change.filter(|c| *c != 0.0) {
            line += &format!("{} → ", number(value - c));
        }
        line += &number(value);
        if !v.unit.is_empty() {
            line += &format!(" {}", v.unit);
        }
    }
    line
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The rows as CSV: the key values of every map in the file as columns (value and change).
fn write_csv(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    let labels: Vec<(&str, String)> = KEY_VALUES
        .iter()
        .filter_map(|(_, label)| {
            let unit = rows
                .iter()
                .flat_map(|r| &r.values)
                .find(|v| v.label == *label)?
                .unit
                .clone();
            Some((*label, unit))
        })
        .collect();
    let mut header = vec![
        "time".to_string(),
        "t_ms".into(),
        "target".into(),
        "kind".into(),
        "text".into(),
        "alarm".into(),
        "first_out_others_after".into(),
        "came_with".into(),
    ];
    for (label, unit) in &labels {
        let named = if unit.is_empty() {
            label.to_string()
        } else {
            format!("{label} ({unit})")
        };
        header.push(named.clone());
        header.push(format!("{named} change"));
    }
    writeln!(
        out,
        "{}",
        header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    for r in rows {
        let mut cells = vec![
            local(r.t_ms),
            r.t_ms.to_string(),
            csv_field(&r.target),
            r.kind.name().into(),
            csv_field(&r.text),
            r.alarm.map(|k| k.name().to_string()).unwrap_or_default(),
            r.first_out.map(|n| n.to_string()).unwrap_or_default(),
            csv_field(r.came_with.as_deref().unwrap_or("")),
        ];
        for (label, _) in &labels {
            let v = r.values.iter().find(|v| v.label == *label);
            cells.push(v.and_then(|v| v.value).map(number).unwrap_or_default());
            cells.push(v.and_then(|v| v.change).map(number).unwrap_or_default());
        }
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}
