//! CMM Commissioner: serve SmartGen cloud modems (CMM365/CMM366) on a laptop, view their
//! genset's registers live, and send writes back; or talk to the controller directly over an
//! RS485/USB adapter.
//!
//! # Layout
//! - [`proto`]: the pure protocol core: JSON messages both ways, the stream splitter, Modbus
//!   RTU frames, the register image, the poll plan, and register maps (`proto::map`: the TOML
//!   format, the shipped HGM6100N map, decoding). No I/O, no clock.
//! - [`sim`]: the simulated controller (`SimController`, pure), the simulated modem, and the
//!   controller as an RTU slave on a serial port. Used by the demo mode and the tests.
//! - [`link`]: sockets and ports: the tokio mini-server (`link::server`, a hub task and one task
//!   per connection) and the serial link (`link::serial`, one task owning the port). Both speak
//!   `Command` in and `Event` out.
//! - [`app`]: plain state driven by events (targets, register images, maps, commands and
//!   outcomes), shared by the GUI and the CLI.
//! - [`cli`]: the headless `cmmctl` tool.
//! - [`ui`]: the egui desktop app.

pub mod app;
pub mod cli;
pub mod link;
pub mod proto;
pub mod sim;
pub mod ui;
