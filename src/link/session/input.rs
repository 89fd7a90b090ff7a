//! Bytes to messages: the splitter, the lenient parser, and what is reported of bad input.

use super::Session;
use crate::link::event::{Direction, Event};
use crate::proto::Piece;
use crate::proto::fields::{Fields, MessageError, parse_object};
use crate::proto::uplink::Uplink;

/// The upload kinds answered with a plain ack, by their spelling in our replies.
fn ack_kind(method: &str) -> Option<&'static str> {
    [
        ("LongCon", "LongCon"),
        ("HB", "HB"),
        ("reqdata", "reqdata"),
        ("reqdatachange", "reqdata"),
    ]
    .into_iter()
    .find(|(k, _)| k.eq_ignore_ascii_case(method.trim()))
    .map(|(_, reply)| reply)
}

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
    /// An object with bytes that are not UTF-8 (a modem name in a local code page).
    NotUtf8(Vec<u8>),
}

impl Session {
    pub(super) fn next_input(&mut self) -> Option<Input> {
        // A second connection's messages are always kept raw: they are not applied.
        let traffic = self.config.traffic || self.parallel;
        Some(match self.splitter.next_piece()? {
            // The plain uploads, read the short way (text it accepts is UTF-8: JSON has no
            // other bytes outside strings, and the reader checks the strings).
            Piece::Object(b) if let Some(m) = crate::proto::uplink_fast::parse(b) => {
                Input::Message(m, traffic.then(|| String::from_utf8_lossy(b).into()))
            }
            Piece::Object(b) if std::str::from_utf8(b).is_err() => Input::NotUtf8(b.to_vec()),
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
                error: MessageError::UnknownMethod(method),
                bytes,
                ..
            } => {
                // Acknowledged as the field servers do; reported once per method on this
                // connection, with the raw text. The method is not one of ours, so the ack
                // cannot read as a command.
                if self.unknown_methods.insert(method.to_ascii_lowercase()) {
                    let what = crate::model::ProtocolError::UnknownMethod {
                        method: method.clone(),
                        text: String::from_utf8_lossy(&bytes).into_owned(),
                    };
                    self.protocol_error(what, &bytes);
                }
                self.send_ok(&method);
            }
            Input::Bad {
                error,
                method,
                bytes,
            } => {
                self.protocol_error(error.to_string(), &bytes);
                // Only the plain ack of an upload kind: never `reset`, `writeConfig`, `timing`
                // or `login`, which a modem would take for a command or a reply.
                if let Some(kind) = method.as_deref().and_then(ack_kind) {
                    self.send_ok(kind);
                }
            }
            Input::NotUtf8(bytes) => {
                // Read with replacement characters rather than lose the message.
                self.protocol_error(
                    "message has bytes that are not UTF-8: read with replacement characters",
                    &bytes,
                );
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let input = match parse_object(text.as_bytes()) {
                    Ok(map) => {
                        let method = Fields(&map).method().ok();
                        match Uplink::from_object(map) {
                            Ok(m) => Input::Message(m, self.config.traffic.then_some(text)),
                            Err(error) => Input::Bad {
                                error,
                                method,
                                bytes,
                            },
                        }
                    }
                    Err(error) => Input::Bad {
                        error,
                        method: None,
                        bytes,
                    },
                };
                self.on_input(input);
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
