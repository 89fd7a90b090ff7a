//! Plain state, shared by the GUI, the CLI and the tests; changed only through
//! [`AppState::apply`].

pub mod state;

pub use state::{AppState, CommandRecord, Target};
