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
