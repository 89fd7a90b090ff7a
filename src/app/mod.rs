//! Plain state, shared by the GUI, the CLI and the tests; changed only through
//! [`AppState::apply`].

pub mod maps;
pub mod series;
pub mod settings;
pub mod state;
pub mod traffic;
pub mod write_plan;

pub use maps::load_map_file;
pub use settings::Settings;
pub use state::{AppState, CommandRecord, Health, Target};
