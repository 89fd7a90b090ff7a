//! `cmmctl export`: a recording's values as CSV, plain (for scripts) or for a spreadsheet
//! (`--excel`). A file is written whole or not at all.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::app::load_maps;
use crate::store::dialect::{Dialect, user_uses_decimal_comma};
use crate::store::export::{Format, Spec, export, parse_time};
use crate::store::reader::Recording;

/// Options of `cmmctl export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The recording.
    pub file: PathBuf,
    /// From this time: 2026-11-24T10:15:00Z, 2026-11-24T11:15:00+01:00, local
    /// "2026-11-24 10:15[:00]", or milliseconds since the epoch (default: the start).
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this time (same forms; default: the end).
    #[arg(long)]
    pub to: Option<String>,
    /// Values to export, by name, comma-separated (default: all).
    #[arg(long, value_delimiter = ',')]
    pub values: Vec<String>,
    /// wide (a row per time, a column per value) or long (a row per change).
    #[arg(long, default_value = "wide")]
    pub format: Format,
    /// Times in UTC (default: local time with its offset).
    #[arg(long)]
    pub utc: bool,
    /// For a spreadsheet opened by double-click (Excel, LibreOffice): UTF-8 with a byte-order
    /// mark (so °C, Ω and non-Latin names show right), `;` between fields, and a decimal comma
    /// where this computer's locale writes one. Without it: plain CSV (comma, decimal point),
    /// for scripts and import dialogs.
    #[arg(long)]
    pub excel: bool,
    /// With --excel: the decimal mark, auto (the locale's), comma or point.
    #[arg(long, default_value = "auto", requires = "excel", value_parser = ["auto", "comma", "point"])]
    pub decimal: String,
    /// Where to write (`-`: standard output).
    #[arg(long, default_value = "-")]
    pub out: String,
    /// A register map file to decode with, before the shipped ones (repeatable).
    #[arg(long = "map", value_name = "FILE")]
    pub maps: Vec<PathBuf>,
}

/// Runs the export.
pub fn run(a: ExportArgs) -> anyhow::Result<()> {
    let rec = Recording::open(&a.file)?;
    let maps = load_maps(&a.maps)?;
    let spec = Spec {
        from_ms: a.from.as_deref().map(parse_time).transpose()?,
        to_ms: a.to.as_deref().map(parse_time).transpose()?,
        values: a.values.iter().map(|v| v.trim().to_string()).collect(),
        format: a.format,
        utc: a.utc,
        dialect: dialect(&a),
    };
    if a.out == "-" {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        export(&rec, &maps, &spec, &mut out)?;
        out.flush()?;
    } else {
        let n = crate::store::file_out::write_whole(std::path::Path::new(&a.out), |w| {
            export(&rec, &maps, &spec, w)
        })?;
        eprintln!("cmmctl export: {n} rows written to {}", a.out);
    }
    Ok(())
}

/// The dialect the options ask for.
fn dialect(a: &ExportArgs) -> Dialect {
    if !a.excel {
        return Dialect::PLAIN;
    }
    Dialect::excel(match a.decimal.as_str() {
        "comma" => true,
        "point" => false,
        _ => user_uses_decimal_comma(),
    })
}
