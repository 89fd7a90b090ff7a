//! The traffic log behind the inspector: every message in and out of a modem and every
//! request and reply on a serial link, bounded by count and bytes; the Modbus frames inside
//! decoded (slave, function, addresses, values, CRC) and their values named with the map.

mod frames;
mod serial;

use std::collections::VecDeque;

use serde_json::Value;

pub use frames::{FrameView, embedded_frames, named_blocks, named_changes};

use crate::link::Direction;
use crate::proto::PollPlan;
use crate::proto::fields::{Fields, parse_object};

/// What a record holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// A modem's JSON message.
    Json,
    /// A Modbus RTU request on a serial link, hex.
    RtuRequest,
    /// The reply on a serial link (hex; empty when none came) to `request` (hex).
    RtuReply {
        /// The request it answers.
        request: String,
    },
}

/// One message, or one frame of a serial link.
#[derive(Debug, Clone, PartialEq)]
pub struct TrafficRecord {
    /// When (ms since the epoch).
    pub at_ms: i64,
    /// Target id (modem id, `serial:PORT:SLAVE`), if known.
    pub target: Option<String>,
    /// Peer address, or serial port.
    pub peer: String,
    /// In or out.
    pub direction: Direction,
    /// The message's method ("?" when it has none); for a serial frame, what it asks or the
    /// reply's verdict (`slave 1 read 45 holding from 0`, `reply CRC BAD`, `no reply`).
    pub method: String,
    /// The JSON text as it went over the wire; the frame in hex for a serial link.
    pub text: String,
    /// What the text is.
    pub payload: Payload,
}

impl TrafficRecord {
    /// The Modbus frames inside, decoded with their CRC verdict; `plan` pairs a modem's
    /// `reqdata` replies with their requests.
    pub fn frames(&self, plan: &PollPlan) -> Vec<FrameView> {
        match &self.payload {
            Payload::Json => embedded_frames(&self.text, plan),
            Payload::RtuRequest => serial::request_frames(&self.text),
            Payload::RtuReply { request } => serial::reply_frames(&self.text, request),
        }
    }

    /// Bytes of text held.
    fn size(&self) -> usize {
        match &self.payload {
            Payload::RtuReply { request } => self.text.len() + request.len(),
            _ => self.text.len(),
        }
    }

    /// The values it carries, each named with the target's map.
    pub fn named_values(&self, target: &crate::app::Target, hex: bool) -> Vec<String> {
        match &self.payload {
            Payload::Json => named_changes(&self.text, target, hex),
            Payload::RtuRequest => serial::request_names(&self.text, target, hex),
            Payload::RtuReply { request } => serial::reply_names(&self.text, request, target, hex),
        }
    }
}

/// Messages, oldest first, bounded by count and by total text size.
#[derive(Debug, Clone)]
pub struct TrafficLog {
    /// Whether messages are kept at all (not by `cmmctl`, which shows no inspector).
    keep: bool,
    records: VecDeque<TrafficRecord>,
    max_records: usize,
    max_bytes: usize,
    bytes: usize,
}

impl Default for TrafficLog {
    fn default() -> Self {
        Self::new(20_000, 16 * 1024 * 1024)
    }
}

impl TrafficLog {
    /// A log keeping at most `max_records` messages and `max_bytes` of text.
    pub fn new(max_records: usize, max_bytes: usize) -> Self {
        TrafficLog {
            keep: true,
            records: VecDeque::new(),
            max_records: max_records.max(1),
            max_bytes,
            bytes: 0,
        }
    }

    /// A log that keeps nothing, for a front end with no inspector (the recording still has
    /// every message).
    pub fn off() -> Self {
        TrafficLog {
            keep: false,
            ..Self::new(1, 0)
        }
    }

    /// Takes in a message in or out, or a serial request and its reply; other events are
    /// not traffic.
    pub fn apply(&mut self, event: &crate::model::Event, now_ms: i64) {
        use crate::model::Event;
        // A log that keeps nothing copies nothing (every message of a recording server).
        if !self.keep {
            return;
        }
        match event {
            Event::Traffic {
                hostid,
                peer,
                direction,
                text,
            } => self.push(
                now_ms,
                hostid.clone(),
                peer.to_string(),
                *direction,
                text.clone(),
            ),
            Event::SerialTraffic {
                target,
                port,
                request,
                reply,
            } => self.push_serial(now_ms, target, port, request, reply),
            _ => {}
        }
    }

    /// Adds a message, dropping the oldest beyond the bounds.
    pub fn push(
        &mut self,
        at_ms: i64,
        target: Option<String>,
        peer: String,
        direction: Direction,
        text: String,
    ) {
        if !self.keep {
            return;
        }
        let method = parse_object(text.as_bytes())
            .ok()
            .and_then(|m| Fields(&m).method().ok())
            .unwrap_or_else(|| "?".into());
        self.add(TrafficRecord {
            at_ms,
            target,
            peer,
            direction,
            method,
            text,
            payload: Payload::Json,
        });
    }

    /// Adds a request on a serial link and its reply (hex; empty when none came).
    pub fn push_serial(
        &mut self,
        at_ms: i64,
        target: &str,
        port: &str,
        request: &str,
        reply: &str,
    ) {
        if !self.keep {
            return;
        }
        let record = |direction, method, text: &str, payload| TrafficRecord {
            at_ms,
            target: Some(target.to_string()),
            peer: port.to_string(),
            direction,
            method,
            text: text.to_string(),
            payload,
        };
        let asked = serial::request_label(request);
        self.add(record(Direction::Out, asked, request, Payload::RtuRequest));
        let verdict = serial::reply_label(reply, request);
        let payload = Payload::RtuReply {
            request: request.to_string(),
        };
        self.add(record(Direction::In, verdict, reply, payload));
    }

    fn add(&mut self, record: TrafficRecord) {
        self.bytes += record.size();
        self.records.push_back(record);
        while self.records.len() > self.max_records
            || (self.bytes > self.max_bytes && self.records.len() > 1)
        {
            if let Some(r) = self.records.pop_front() {
                self.bytes -= r.size();
            }
        }
    }

    /// Messages held.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Bytes of text held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The targets of the records held, sorted.
    pub fn targets(&self) -> Vec<&str> {
        let set: std::collections::BTreeSet<&str> = self
            .records
            .iter()
            .filter_map(|r| r.target.as_deref())
            .collect();
        set.into_iter().collect()
    }

    /// The messages whose method contains `method` (any case) and of a target, oldest first.
    pub fn filtered<'a>(
        &'a self,
        method: Option<&'a str>,
        target: Option<&'a str>,
    ) -> impl Iterator<Item = &'a TrafficRecord> + 'a {
        self.records.iter().filter(move |r| {
            method.is_none_or(|m| {
                r.method
                    .to_ascii_lowercase()
                    .contains(&m.to_ascii_lowercase())
            }) && target.is_none_or(|t| r.target.as_deref() == Some(t))
        })
    }
}

/// The text indented, or as it came when it is not JSON.
pub fn pretty(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_by_count_and_bytes_and_filtered() {
        let mut log = TrafficLog::new(100, 10_000);
        for i in 0..1000 {
            let text = if i % 2 == 0 {
                r#"{"method":"HB","hostid":"A","params":""}"#
            } else {
                r#"{"method":"reqdata","hostid":"B","params":""}"#
            };
            let target = if i % 2 == 0 { "A" } else { "B" };
            log.push(
                i,
                Some(target.into()),
                "p".into(),
                Direction::In,
                text.into(),
            );
        }
        assert!(log.len() <= 100 && log.bytes() <= 10_000);
        assert!(log.filtered(Some("hb"), None).all(|r| r.method == "HB"));
        assert!(
            log.filtered(Some("b"), None).any(|r| r.method == "HB"),
            "part of a name matches"
        );
        assert_eq!(log.filtered(None, Some("B")).count(), log.len() / 2);
        let mut log = TrafficLog::new(100, 1000);
        log.push(0, None, "p".into(), Direction::Out, "x".repeat(5000));
        log.push(1, None, "p".into(), Direction::Out, "y".repeat(10));
        assert_eq!(log.len(), 1, "an oversized record makes room");
        assert_eq!(
            log.filtered(None, None).next().map(|r| r.method.as_str()),
            Some("?")
        );
        // A front end with no inspector keeps nothing, of modems or of serial links.
        let mut off = TrafficLog::off();
        off.push(0, None, "p".into(), Direction::In, "{}".into());
        off.push_serial(1, "serial:pty:1", "pty", "010300000001840A", "");
        assert!(off.is_empty() && off.bytes() == 0);
    }
}
