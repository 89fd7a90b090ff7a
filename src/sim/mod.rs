//! Simulated equipment: a controller with a moving genset behind it, and a modem that serves
//! it to a server. Part of the product (demo mode), and what the tests run against.

pub mod controller;
pub mod day;
pub mod delta;
pub mod engine;
pub mod line;
pub mod modem;
pub mod scenario;
pub mod serial_slave;
pub mod tcp_slave;

pub use controller::SimController;
pub use line::SimLine;
pub use modem::{Notify, SimModem, SimModemConfig, SimNote, SimReport};
