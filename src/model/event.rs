//! What the link is told and what it tells: `Command` in, `Event` out.

use std::net::SocketAddr;

use serde::{Serialize, Serializer};

use super::serial::{LinkStats, SerialError};
use crate::proto::rtu::{Block, Request};
use crate::proto::uplink::InputFlags;

/// Something to do, sent to the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A Modbus write: `writeConfig` with its RTU frame to a modem, or the request itself on
    /// a serial link. Encoded only where it leaves the program.
    Write {
        /// Target modem (or serial target).
        hostid: String,
        /// The request.
        request: Request,
        /// Command id; one is made up when absent.
        uid: Option<String>,
    },
    /// `writeConfig` with the modem's own serial port settings.
    SetPort {
        /// Target modem.
        hostid: String,
        /// 0 off, 1 LINK, 2 RS485, 3 RS232, 4 USB.
        module_port: u8,
        /// 0 9600, 1 19200, 2 115200.
        module_baud: u8,
        /// Command id.
        uid: Option<String>,
    },
    /// `reset`: the modem re-registers.
    Reset {
        /// Target modem.
        hostid: String,
        /// Command id.
        uid: Option<String>,
    },
    /// Reads once, on a serial link: every block asked, their values as one full upload
    /// (`Event::Data`), then the outcome (a snapshot of what the map names, and more).
    Read {
        /// Target (a serial target).
        hostid: String,
        /// The reads (each a read request).
        requests: Vec<Request>,
        /// Command id.
        uid: Option<String>,
    },
    /// List the sessions (answered by `Event::Sessions`).
    Sessions,
}

/// How a command ended. Exactly one per command sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The modem answered `,1` (or echoed the port settings, or replied to the reset).
    Accepted,
    /// The modem answered `,0`: the controller refused the write.
    Rejected,
    /// No answer within the command timeout.
    Timeout,
    /// The connection closed before an answer.
    Gone,
}

impl Outcome {
    /// Name used in events.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Rejected => "rejected",
            Outcome::Timeout => "timeout",
            Outcome::Gone => "gone",
        }
    }
}

/// Why a modem went offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OfflineReason {
    /// The modem closed the connection (or it broke).
    Disconnected,
    /// Three heartbeat intervals of silence.
    Timeout,
    /// The server is shutting down.
    Shutdown,
}

impl OfflineReason {
    /// Name used in events.
    pub fn name(self) -> &'static str {
        match self {
            OfflineReason::Disconnected => "disconnected",
            OfflineReason::Timeout => "timeout",
            OfflineReason::Shutdown => "shutdown",
        }
    }
}

/// Which upload carried data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `reqdata`: the whole poll plan.
    Full,
    /// `reqdatachange`: changed values only.
    Change,
}

/// Direction of a traffic record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the modem.
    In,
    /// To the modem.
    Out,
}

/// What was wrong with a peer's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// A well-formed message of a method the protocol does not have: acknowledged as the field
    /// servers do, and reported once per method and connection.
    UnknownMethod {
        /// The method, as sent.
        method: String,
        /// The message as it came (lossy UTF-8).
        text: String,
    },
    /// Anything else: malformed JSON, wrong types, a bad frame, an oversized message.
    Bad(String),
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::UnknownMethod { method, text } => {
                write!(
                    f,
                    "unknown method `{method}` acknowledged (reported once): {text}"
                )
            }
            ProtocolError::Bad(what) => f.write_str(what),
        }
    }
}

impl From<String> for ProtocolError {
    fn from(what: String) -> Self {
        ProtocolError::Bad(what)
    }
}

impl From<&str> for ProtocolError {
    fn from(what: &str) -> Self {
        ProtocolError::Bad(what.to_string())
    }
}

/// What a [`Event::Notice`] is about. Its name is the `event` of the CLI's JSON line and the
/// kind of the recording's event row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// A commissioning entry kept.
    Commissioning,
    /// A report written.
    Report,
    /// A marker put in the recording.
    Marker,
    /// A reset command and what came of it.
    Reset,
    /// Something the user should look at that is nobody's error (a modem that logged in
    /// again without being asked).
    Warning,
}

impl NoticeKind {
    /// Name used in events and recordings.
    pub fn name(self) -> &'static str {
        match self {
            NoticeKind::Commissioning => "commissioning",
            NoticeKind::Report => "report",
            NoticeKind::Marker => "marker",
            NoticeKind::Reset => "reset",
            NoticeKind::Warning => "warning",
        }
    }
}

/// What a session looks like, for `Command::Sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionInfo {
    /// Modem id.
    pub hostid: super::HostId,
    /// From its last login (empty if none since start).
    pub hostname: String,
    /// From its last login (empty if unknown).
    pub moduletype: String,
    /// Whether the long connection is open.
    pub online: bool,
    /// Peer address of the long connection.
    pub peer: Option<SocketAddr>,
}

/// Something that happened, sent by the link.
///
/// Its JSON line (`cmmctl`'s stdout, the bridge's event topic) is derived from it: the
/// `event` key is the variant's name in snake case unless renamed, then the fields in order.
/// The few whose line is not their fields (`Data`, `Notice`, `LinkUp`, `LinkDown`) are
/// written by `cli::event_json`. The lines are pinned by its tests.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The server listens.
    Listening {
        /// Bound address.
        addr: SocketAddr,
        /// What the login reply tells modems (`liveData`).
        advertise: String,
    },
    /// A login on a short connection.
    Login {
        /// Modem id.
        hostid: String,
        /// Modem name.
        hostname: String,
        /// Controller model.
        moduletype: String,
        /// Remote address.
        peer: SocketAddr,
        /// Whether it was accepted.
        accepted: bool,
        /// Why not, when refused.
        reason: Option<String>,
        /// The modem's port setting.
        #[serde(rename = "modulePort")]
        module_port: Option<u8>,
        /// The modem's baud setting.
        #[serde(rename = "moduleBaud")]
        module_baud: Option<u8>,
    },
    /// The long connection is up.
    Online {
        /// Modem id.
        hostid: String,
        /// Remote address.
        peer: SocketAddr,
        /// An older connection for this hostid was closed.
        replaced: bool,
    },
    /// The long connection is gone.
    Offline {
        /// Modem id.
        hostid: String,
        /// Why.
        reason: OfflineReason,
    },
    /// A heartbeat arrived.
    Heartbeat {
        /// Modem id.
        hostid: String,
    },
    /// The modem asked for the time and was answered.
    Timing {
        /// Modem id.
        hostid: String,
    },
    /// Register data arrived, decoded into blocks (one event per upload).
    #[serde(skip)]
    Data {
        /// Modem id.
        hostid: String,
        /// Full or changes.
        kind: DataKind,
        /// Decoded values.
        blocks: Vec<Block>,
        /// The modem's alarm inputs, when sent.
        flags: InputFlags,
    },
    /// A command went out to the modem.
    #[serde(rename = "command")]
    CommandSent {
        /// Modem id.
        hostid: String,
        /// Command id.
        uid: String,
        /// Method sent (`writeConfig` or `reset`).
        method: &'static str,
        /// Frame hex for Modbus writes.
        frame: Option<String>,
        /// Human-readable decoding.
        decoded: String,
    },
    /// A command ended.
    #[serde(rename = "outcome")]
    CommandOutcome {
        /// Modem id.
        hostid: String,
        /// Command id.
        uid: String,
        /// How.
        outcome: Outcome,
        /// What the modem said, or why it failed.
        detail: String,
    },
    /// Bad input from a peer.
    ProtocolError {
        /// Modem id (or serial target), if known.
        hostid: Option<String>,
        /// Remote address, or serial port.
        peer: String,
        /// What was wrong.
        #[serde(serialize_with = "as_text")]
        error: ProtocolError,
        /// The offending bytes, hex (cut to 256 bytes).
        bytes: String,
    },
    /// A message in or out (only when traffic recording is on).
    Traffic {
        /// Modem id, if known.
        hostid: Option<String>,
        /// Remote address.
        peer: SocketAddr,
        /// In or out.
        direction: Direction,
        /// The JSON text.
        text: String,
    },
    /// A serial link opened its port.
    #[serde(skip)]
    LinkUp {
        /// Target id (`serial:PORT:SLAVE`).
        target: String,
        /// Port path.
        port: String,
        /// Settings, e.g. `9600 8N1, slave 1`.
        settings: String,
    },
    /// A modem published by a bridge on the attached broker is up (or its name, model or
    /// command setting changed): a target like a modem of our own.
    Remote {
        /// Target id (`mqtt:HOSTID`).
        #[serde(rename = "hostid")]
        target: String,
        /// The broker's address.
        broker: String,
        /// Modem name.
        hostname: String,
        /// Controller model.
        moduletype: String,
        /// Its bridge takes commands.
        commands: bool,
    },
    /// The connection to the attached broker came up or went down.
    #[serde(rename = "broker")]
    BrokerState {
        /// The broker's address.
        broker: String,
        /// Up or down.
        #[serde(rename = "state", serialize_with = "connected_word")]
        connected: bool,
        /// Why it went down.
        detail: String,
    },
    /// A serial link lost its port (unplugged); it retries with backoff; a remote target's
    /// modem, bridge or broker went away.
    #[serde(skip)]
    LinkDown {
        /// Target id.
        target: String,
        /// Why.
        reason: String,
    },
    /// Link statistics of a serial target.
    Stats {
        /// Target id.
        #[serde(rename = "hostid")]
        target: String,
        /// The figures.
        #[serde(flatten)]
        stats: LinkStats,
        /// The whole line's figures, when it carries several slaves.
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<LinkStats>,
    },
    /// A scan tried one baud rate and slave id.
    ScanProgress {
        /// Tries done.
        done: usize,
        /// Tries in all.
        total: usize,
        /// Baud tried.
        baud: u32,
        /// Slave tried.
        slave: u8,
    },
    /// A scan found a controller.
    ScanFound {
        /// Port.
        port: String,
        /// Baud it answered at.
        baud: u32,
        /// Its slave id.
        slave: u8,
    },
    /// A scan ended.
    ScanDone {
        /// What answered (baud, slave).
        #[serde(serialize_with = "bauds_and_slaves")]
        found: Vec<(u32, u8)>,
        /// Stopped before the end.
        cancelled: bool,
        /// Why it could not go on (port missing, busy, no permission).
        #[serde(serialize_with = "as_text_or_null")]
        error: Option<SerialError>,
    },
    /// A request to a controller on a serial link and its reply, as they were on the wire
    /// (only when the link was asked to report them).
    SerialTraffic {
        /// Target id.
        #[serde(rename = "hostid")]
        target: String,
        /// Port path.
        port: String,
        /// The request, hex.
        request: String,
        /// The reply, hex (empty: none).
        reply: String,
    },
    /// A serial link ended (stopped by the user): its last event, sent after every other.
    #[serde(rename = "closed")]
    LinkClosed {
        /// Target id.
        #[serde(rename = "hostid")]
        target: String,
    },
    /// Answer to `Command::Sessions`, sorted by hostid.
    Sessions {
        /// The sessions.
        sessions: Vec<SessionInfo>,
    },
    /// Values that were not refreshed: a block the controller answered with an exception (or
    /// did not answer) in a `reqdata`. They keep their old value, shown as stale.
    Stale {
        /// Modem id.
        hostid: String,
        /// Table.
        #[serde(serialize_with = "table_name")]
        table: crate::proto::Table,
        /// First address.
        addr: u16,
        /// How many.
        qty: u16,
        /// Why (the exception, or "not answered").
        reason: String,
    },
    /// `packetnum` skipped: change uploads were lost, so values not refreshed since may be
    /// out of date until the next full upload.
    PacketGap {
        /// Modem id.
        hostid: String,
        /// Uploads missed.
        missed: u64,
    },
    /// Something done as asked that is no link's doing (a commissioning entry kept, a report
    /// written).
    #[serde(skip)]
    Notice {
        /// Target, when one is concerned.
        hostid: Option<String>,
        /// What kind.
        kind: NoticeKind,
        /// In words.
        message: String,
    },
    /// Something failed that is not a peer's fault (unknown hostid, resources).
    Error {
        /// Modem id, when one is concerned.
        hostid: Option<String>,
        /// Command id, when a command failed.
        uid: Option<String>,
        /// What happened.
        message: String,
    },
}

impl Event {
    /// A message in or out, or a serial request and its reply.
    pub fn is_traffic(&self) -> bool {
        matches!(self, Event::Traffic { .. } | Event::SerialTraffic { .. })
    }

    /// Whether the event may be dropped under overload (see `link::EventSink`).
    pub fn may_be_dropped(&self) -> bool {
        matches!(
            self,
            Event::Traffic { .. } | Event::SerialTraffic { .. } | Event::Heartbeat { .. }
        )
    }
}

/// A value in its words (its `Display`).
fn as_text<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A value in its words, or null.
fn as_text_or_null<T: std::fmt::Display, S: Serializer>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

/// `connected` or `disconnected`.
fn connected_word<S: Serializer>(connected: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *connected {
        "connected"
    } else {
        "disconnected"
    })
}

/// A table by its name (`holding`, `coils`...).
fn table_name<S: Serializer>(t: &crate::proto::Table, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.name())
}

/// Each (baud, slave) as `{"baud": B, "slave": S}`.
fn bauds_and_slaves<S: Serializer>(found: &[(u32, u8)], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Found {
        baud: u32,
        slave: u8,
    }
    s.collect_seq(found.iter().map(|&(baud, slave)| Found { baud, slave }))
}
