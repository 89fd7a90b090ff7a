//! Sockets: the tokio mini-server modems connect to. It speaks to the rest of the program only
//! through [`Command`] in and [`Event`] out.

pub mod broker;
pub mod config;
pub mod connection;
pub mod event;
pub mod hub;
pub mod mqtt;
pub mod serial;
pub mod server;
pub mod session;

pub use config::{ServerConfig, Terminator};
pub use event::{
    Command, DataKind, Direction, Event, EventSink, OfflineReason, Outcome, SessionInfo,
};
pub use server::{ServerHandle, bind, start};

/// How a session's report of an unknown method begins (the method follows, then a backtick):
/// the supervisor keeps one report per modem and method from it.
pub const UNKNOWN_METHOD_REPORT: &str = "unknown method `";
