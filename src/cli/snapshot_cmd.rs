//! `cmmctl snapshot-diff`: what changed on a target between two snapshots (as found, as left)
//! kept in a recording, or between one and the end of the recording.

use std::path::PathBuf;

use clap::Args;

use crate::app::load_maps;
use crate::journal::snapshot::{diff, pick, snapshots};
use crate::proto::map::resolve;
use crate::store::reader::Recording;

/// Options of `cmmctl snapshot-diff`.
#[derive(Debug, Args)]
pub struct SnapshotDiffArgs {
    /// The recording.
    pub file: PathBuf,
    /// The target (hostid, serial target or name); needed when several have snapshots.
    #[arg(long)]
    pub target: Option<String>,
    /// The first snapshot's label (default: the first taken).
    #[arg(long, value_name = "LABEL")]
    pub a: Option<String>,
    /// The second snapshot's label, or "now" for the end of the recording (default: the
    /// last taken, else the end of the recording).
    #[arg(long, value_name = "LABEL")]
    pub b: Option<String>,
    /// List the measured values that differ too (they move by themselves: counted otherwise).
    #[arg(long)]
    pub all: bool,
    /// One JSON object per difference instead of text.
    #[arg(long)]
    pub json: bool,
    /// A register map file to decode with, before the shipped ones (repeatable).
    #[arg(long = "map", value_name = "FILE")]
    pub maps: Vec<PathBuf>,
}

/// Writes the differences to stdout.
pub fn run(a: SnapshotDiffArgs) -> anyhow::Result<()> {
    let maps = load_maps(&a.maps)?;
    let rec = Recording::open(&a.file)?;
    let mut with = Vec::new();
    for t in rec.targets()? {
        let mine = a
            .target
            .as_deref()
            .is_none_or(|k| t.key.eq_ignore_ascii_case(k) || t.hostname.eq_ignore_ascii_case(k));
        if mine {
            let snaps = snapshots(&rec, &t.key)?;
            if a.target.is_some() || !snaps.is_empty() {
                with.push((t, snaps));
            }
        }
    }
    let (target, snaps) = match with.len() {
        1 => with.remove(0),
        0 => match &a.target {
            Some(k) => anyhow::bail!("the recording has no target {k}"),
            None => anyhow::bail!("no snapshot was taken in {}", a.file.display()),
        },
        _ => anyhow::bail!(
            "several targets have snapshots; name one with --target ({})",
            with.iter()
                .map(|(t, _)| t.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let end_ms = rec
        .target_span(target.id)?
        .map_or(i64::MAX, |(_, last)| last);
    let (sa, sb) = pick(&snaps, a.a.as_deref(), a.b.as_deref(), end_ms)
        .map_err(|e| anyhow::anyhow!("{}: {e}", target.key))?;
    let map = resolve(&maps, &target.moduletype);
    let diffs = diff(&rec, &target, &map, (sa.t_ms, sb.t_ms))?;
    if a.json {
        for d in diffs.iter().filter(|d| a.all || !d.measured) {
            println!("{}", serde_json::to_string(d)?);
        }
        return Ok(());
    }
    println!(
        "{}: \"{}\" ({}) → \"{}\" ({})",
        target.key,
        sa.label,
        crate::store::export::iso_time(sa.t_ms, false),
        sb.label,
        crate::store::export::iso_time(sb.t_ms, false)
    );
    let (settings, measured): (Vec<_>, Vec<_>) = diffs.iter().partition(|d| !d.measured);
    if settings.is_empty() {
        println!("  no setting or state differs");
    }
    for d in settings.iter().chain(measured.iter().filter(|_| a.all)) {
        println!(
            "  {} ({} {}): {} → {}",
            d.name,
            d.table.name(),
            d.addr,
            d.a,
            d.b
        );
    }
    if !a.all && !measured.is_empty() {
        println!(
            "  and {} that move by themselves (--all lists them)",
            crate::journal::snapshot::measured_values(measured.len())
        );
    }
    Ok(())
}
