//! The egui desktop app: one file per panel, each reading the state.

pub mod app;
pub mod broker_ui;
pub mod commission_ui;
pub mod config_ui;
pub mod diagram_ui;
pub mod editor_ui;
pub mod fleet_ui;
pub mod help_ui;
pub mod keys_ui;
pub mod map_picker_ui;
pub mod menu_ui;
pub mod overview_ui;
pub mod palette;
pub mod plot_ui;
pub mod record_ui;
pub mod registers_ui;
pub mod renderer;
pub mod serial_ui;
pub mod settings_ui;
pub mod status_ui;
pub mod targets_ui;
pub mod traffic_ui;
pub mod view;

pub use app::{CommissionerApp, Startup};
