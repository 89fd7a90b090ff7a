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
//! - [`link`]: sockets and ports: the tokio mini-server (`link::server`, a hub task and one thin
//!   task per connection around the sans-IO `link::session::Session`) and the serial link
//!   (`link::serial`, one task owning the port), and the app's side of an MQTT broker
//!   (`link::broker`, the sans-IO `BrokerSession` in one task around the MQTT client). All
//!   speak `Command` in and `Event` out.
//! - [`app`]: the core: the supervisor task (no egui) that owns the links, scan, demo, maps
//!   and settings file, always drains the links' events and applies them to the plain
//!   [`app::AppState`]; front ends send it typed [`app::Command`]s through [`app::Core`].
//! - [`cli`]: the headless `cmmctl` tool.
//! - [`ui`]: the egui desktop app.

// First: its `t!` macro is used by the modules after it.
#[macro_use]
pub mod i18n;
pub mod app;
pub mod background;
pub mod cli;
pub mod journal;
pub mod link;
pub mod model;
pub mod proto;
pub mod report;
pub mod sim;
pub mod store;
pub mod sync;
pub mod ui;
