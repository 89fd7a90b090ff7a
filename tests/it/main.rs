//! The integration tests, in one test binary: one link instead of one per file, and the
//! tests of every file share the test threads, so those that wait on real time (a scenario
//! run by the simulated genset, a window that never draws for a minute) overlap the others
//! instead of running after them.
//!
//! One area runs alone with its module path as the filter, e.g. `cargo test --test it gui::`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod app_core;
mod cli;
mod common;
mod controllers;
mod gui;
mod gui_commission;
mod gui_keys;
mod gui_lang;
mod gui_recording;
mod gui_trust;
mod journal;
mod map_editor;
mod modbus_tcp;
mod mqtt;
mod plots;
mod protocol_audit;
mod record;
#[cfg(target_os = "linux")]
mod renderer_tries;
mod report;
#[cfg(unix)]
mod screen;
mod serial;
mod serial_bus;
mod server_protocol;
mod sim_modem;
mod startup;
mod trust;
