//! The program's vocabulary, shared by the links, the core, the window and the CLI: who a
//! target is ([`TargetId`]), what the links are told ([`Command`]) and what they tell
//! ([`Event`], [`Outcome`], [`ProtocolError`], [`NoticeKind`]), how a controller on a serial
//! port is reached. Plain data: no I/O, no clock, no egui.

pub mod broker;
pub mod event;
pub mod ids;
pub mod serial;

pub use event::{
    Command, DataKind, Direction, Event, NoticeKind, OfflineReason, Outcome, ProtocolError,
    SessionInfo,
};
pub use ids::{HostId, TargetId, next_command_id};
