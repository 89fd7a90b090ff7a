//! `cmmctl map check FILE` and `cmmctl map show MODEL`.

use std::path::PathBuf;

use clap::Subcommand;

use crate::app::{load_map_file, load_maps};
use crate::proto::map::{RegisterMap, builtin_maps, resolve};

/// Register map commands.
#[derive(Debug, Subcommand)]
pub enum MapCmd {
    /// Validate a map file: prints a summary, or the error with its line, and fails.
    Check {
        /// The map file (TOML).
        file: PathBuf,
    },
    /// Make a map from a register list in CSV (columns address, name, unit, scale, table: a
    /// manual's table pasted into a spreadsheet), with a poll plan covering it; the map is
    /// validated as on load and written to --out.
    New {
        /// The register list.
        #[arg(long = "from-csv", value_name = "FILE")]
        from_csv: PathBuf,
        /// The module type it serves, as the modem or the link names it.
        #[arg(long)]
        model: String,
        /// Where to write it (default: MODEL.toml here); an existing file is not replaced.
        #[arg(long, value_name = "FILE", conflicts_with = "install")]
        out: Option<PathBuf>,
        /// Write it into the maps folder instead, where the app and cmmctl use it for MODEL
        /// from then on (replacing the map made there for MODEL before).
        #[arg(long)]
        install: bool,
    },
    /// Print the map used for a module type (e.g. HGM6120N-4G).
    Show {
        /// Module type as the modem reports it.
        model: String,
        /// Also consider this map file (before the shipped ones).
        #[arg(long = "map", value_name = "FILE")]
        maps: Vec<PathBuf>,
    },
}

fn summary(m: &RegisterMap) -> String {
    let unverified = m.coils.values().filter(|c| c.unverified).count()
        + m.registers.values().filter(|r| r.unverified).count()
        + m.bits.values().filter(|b| b.unverified).count()
        + m.commands.iter().filter(|c| c.unverified).count();
    let marked = if unverified > 0 {
        format!(
            " ({unverified} entries unverified: {})",
            crate::proto::map::UNVERIFIED_NOTE
        )
    } else {
        String::new()
    };
    format!(
        "{}: {} coils, {} registers, {} bits, {} commands{marked}, poll plan {}; module types: {}",
        m.name,
        m.coils.len(),
        m.registers.len(),
        m.bits.len(),
        m.commands.len(),
        m.plan.to_command_string(),
        m.module_types.join(", ")
    )
}

/// Runs a map command.
pub fn run(cmd: MapCmd) -> anyhow::Result<()> {
    match cmd {
        MapCmd::Check { file } => {
            let m = load_map_file(&file)?;
            println!("ok: {}", summary(&m));
            Ok(())
        }
        MapCmd::New {
            from_csv,
            model,
            out,
            install,
        } => {
            let csv = std::fs::read_to_string(&from_csv)
                .map_err(|e| anyhow::anyhow!("{}: {e}", from_csv.display()))?;
            let (text, map) = crate::proto::map::map_from_csv(&csv, &model)
                .map_err(|e| anyhow::anyhow!("{}: {e}", from_csv.display()))?;
            if install {
                let dir = crate::app::maps::folder()
                    .ok_or_else(|| anyhow::anyhow!("this computer has no folder for maps"))?;
                let path = crate::app::maps::save_map(&dir, &model, &text)?;
                println!("ok: {} written: {}", path.display(), summary(&map));
                return Ok(());
            }
            let out = out.unwrap_or_else(|| PathBuf::from(crate::app::maps::file_name(&model)));
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&out)
                .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            std::io::Write::write_all(&mut file, text.as_bytes())?;
            println!("ok: {} written: {}", out.display(), summary(&map));
            Ok(())
        }
        MapCmd::Show { model, maps } => {
            let all = load_maps(&maps)?;
            let m = resolve(&all, &model);
            if m.is_generic() {
                anyhow::bail!(
                    "no map for module type {model:?}: values are shown by raw address. \
                     Shipped maps serve: {}",
                    builtin_maps()
                        .iter()
                        .flat_map(|m| m.module_types.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            println!("# {}", summary(&m));
            print!("{}", m.text);
            Ok(())
        }
    }
}
