//! The core, with no egui in it: the supervisor task that owns the links, the scan, the demo,
//! the maps and the settings file, and the plain state it keeps current for every front end.

pub mod command;
pub mod command_effect;
pub mod command_log;
pub mod core;
pub mod crash;
pub mod entry;
pub mod history;
pub mod logfile;
pub mod maps;
pub mod offline;
pub mod recording;
pub mod series;
pub mod settings;
pub mod startup;
pub mod state;
pub mod status;
pub mod summary;
mod supervisor;
pub mod target;
pub mod trace;
pub mod traffic;
pub mod write_plan;

pub use command::{Command, CopyCut, CoreError, StepTo};
pub use core::{Core, CoreConfig, Report, StateGuard, Stopper};
pub use maps::{load_map_file, load_maps};
pub use settings::Settings;
pub use startup::Startup;
pub use state::{AppState, CommandRecord};
pub use target::{Health, Link, Target};
