//! The pure protocol core: no I/O, no clock, no async. Time enters as an argument.

pub mod downlink;
pub mod fields;
pub mod hex;
pub mod image;
pub mod json_text;
pub mod map;
pub mod poll_plan;
pub mod port;
pub mod remote;
pub mod rtu;
pub mod splitter;
pub mod uplink;
pub mod uplink_fast;

pub use downlink::{Downlink, LoginReply};
pub use fields::MessageError;
pub use image::{Change, Reading, RegisterImage};
pub use poll_plan::PollPlan;
pub use rtu::{Block, BlockValues, Request, RequestPdu, Response, ResponsePdu, Table};
pub use splitter::{Piece, Splitter};
pub use uplink::{DataChange, Login, Uplink, WriteReply};
