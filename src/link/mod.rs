//! Sockets: the tokio mini-server modems connect to. It speaks to the rest of the program only
//! through [`Command`] in and [`Event`] out.

pub mod bridge;
pub mod broker;
pub mod config;
pub mod connection;
pub mod event;
pub mod hub;
pub mod mqtt;
pub mod serial;
pub mod server;
pub mod session;

pub use crate::model::{
    Command, DataKind, Direction, Event, NoticeKind, OfflineReason, Outcome, ProtocolError,
    SessionInfo,
};
pub use config::{ServerConfig, Terminator};
pub use event::EventSink;
pub use server::{ServerHandle, bind, start};
