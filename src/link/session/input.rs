//! Bytes to messages: the splitter, the lenient parser, and what is reported of bad input.

use super::Session;
use crate::link::event::{Direction, Event};
use crate::proto::Piece;
use crate::proto::downlink::{Downlink, RETCODE_MALFORMED};
use crate::proto::fields::{Fields, MessageError, parse_object};
use crate::proto::uplink::Uplink;

/// What the splitter and parser made of one piece of input.
pub(super) enum Input {
    Message(Uplink, Option<String>),
    Bad {
        error: MessageError,
        method: Option<String>,
        bytes: Vec<u8>,
    },
    Garbage(Vec<u8>),
    Oversized(usize),
}

impl Session {
    pub(super) fn next_input(&mut self) -> Option<Input> {
        let traffic = self.config.traffic;
        Some(match self.splitter.next_piece()? {
            Piece::Object(b) => match parse_object(b) {
                Ok(map) => {
                    let method = Fields(&map).method().ok();
                    match Uplink::from_object(map) {
                        Ok(m) => {
                            Input::Message(m, traffic.then(|| String::from_utf8_lossy(b).into()))
                        }
                        Err(error) => Input::Bad {
                            error,
                            method,
                            bytes: b.to_vec(),
                        },
                    }
                }
                Err(error) => Input::Bad {
                    error,
                    method: None,
                    bytes: b.to_vec(),
                },
            },
            Piece::Garbage(b) => Input::Garbage(b.to_vec()),
            Piece::Oversized { len } => Input::Oversized(len),
        })
    }

    pub(super) fn on_input(&mut self, input: Input) {
        match input {
            Input::Message(msg, text) => {
                if let Some(text) = text {
                    self.emit(Event::Traffic {
                        hostid: Some(msg.hostid().to_string()),
                        peer: self.peer,
                        direction: Direction::In,
                        text,
                    });
                }
                self.on_message(msg);
            }
            Input::Bad {
                error,
                method,
                bytes,
            } => {
                self.protocol_error(error.to_string(), &bytes);
                if let Some(method) = method {
                    self.send(&Downlink::Ack {
                        method,
                        message: error.to_string(),
                        retcode: RETCODE_MALFORMED.into(),
                    });
                }
            }
            Input::Garbage(bytes) => {
                let what = format!("{} bytes of garbage between messages skipped", bytes.len());
                self.protocol_error(what, &bytes);
            }
            Input::Oversized(len) => {
                let max = self.config.max_message;
                let what =
                    format!("message of {len} bytes exceeds the {max}-byte limit; discarded");
                self.protocol_error(what, &[]);
            }
        }
    }
}
