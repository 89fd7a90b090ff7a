//! `cmmctl recording`: a recording handed over. `info` says what a file holds; `copy` makes
//! one file of it to share (also while it is being written), optionally cut to a time range
//! and to some targets.

use std::path::PathBuf;

use clap::Subcommand;

use crate::store::StoreError;
use crate::store::copy::{CopySpec, copy};
use crate::store::export::parse_time;

/// `cmmctl recording ...`.
#[derive(Debug, Subcommand)]
pub enum RecordingCmd {
    /// What a recording holds: its span, targets, counts, schema version, and where a copy
    /// came from.
    Info {
        /// The recording.
        file: PathBuf,
    },
    /// A consistent single-file copy to hand over (no -wal beside it), also of a recording
    /// being written; the original is only read.
    Copy {
        /// The recording.
        file: PathBuf,
        /// The copy to make.
        out: PathBuf,
        /// From this time (same forms as `cmmctl export --from`); the values that stood then
        /// are kept too.
        #[arg(long)]
        from: Option<String>,
        /// Up to this time.
        #[arg(long)]
        to: Option<String>,
        /// Only this target (hostid or serial target; repeatable).
        #[arg(long = "target", value_name = "HOSTID")]
        targets: Vec<String>,
        /// Replace a file already at OUT (never the recording itself).
        #[arg(long)]
        force: bool,
    },
}

/// Runs a `recording` subcommand.
pub fn run(cmd: RecordingCmd) -> anyhow::Result<()> {
    match cmd {
        RecordingCmd::Info { file } => {
            let info = crate::store::info::info(&file)?;
            print!("{}", info.text(&file));
        }
        RecordingCmd::Copy {
            file,
            out,
            from,
            to,
            targets,
            force,
        } => {
            let spec = CopySpec {
                from_ms: from.as_deref().map(parse_time).transpose()?,
                to_ms: to.as_deref().map(parse_time).transpose()?,
                targets,
                replace: force,
                program: "cmmctl recording copy".into(),
            };
            let what = copy(&file, &out, &spec).map_err(|e| match e {
                StoreError::Exists(_) => anyhow::anyhow!("{e}, or --force to replace it"),
                e => e.into(),
            })?;
            eprintln!("cmmctl recording copy: {} ({what})", out.display());
        }
    }
    Ok(())
}
