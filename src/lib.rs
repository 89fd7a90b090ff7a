//! CMM Commissioner: serve SmartGen cloud modems (CMM365/CMM366) on a laptop, view their
//! genset's registers live, and send writes back.
//!
//! # Layout
//! - [`proto`]: pure protocol core: JSON messages, the stream splitter, Modbus RTU frames,
//!   the register image, the poll plan.
//! - [`sim`]: the simulated controller and modem (used by the demo mode and the tests).
//! - [`link`]: sockets: the tokio mini-server; speaks `Command` in, `Event` out.
//! - [`app`]: plain state driven by events, shared by the GUI and the CLI.
//! - [`cli`]: the headless `cmmctl` tool.
//! - [`ui`]: the egui desktop app.

pub mod app;
pub mod cli;
pub mod link;
pub mod proto;
pub mod sim;
pub mod ui;
