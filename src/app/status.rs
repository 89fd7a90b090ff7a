//! What the core reports about itself, for the window's status bar, log and dialogs: the
//! server's addresses, the event log, the scan, the serial ports, the demo.

use std::collections::VecDeque;
use std::net::SocketAddr;

/// The recording as the status bar shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordingStatus {
    /// The file being written.
    pub path: Option<std::path::PathBuf>,
    /// Records committed.
    pub written: u64,
    /// Records lost (the writer fell behind, or a write failed).
    pub lost: u64,
    /// The last failure (disk full, read-only folder...), while it stands.
    pub error: Option<String>,
}

/// The recording shown, and the moment shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineStatus {
    /// The file.
    pub path: std::path::PathBuf,
    /// Its first and last sample times.
    pub span: Option<(i64, i64)>,
    /// The moment shown.
    pub at_ms: i64,
    /// What is wrong with the file (it cannot be read, or only in part), said in the window.
    pub problem: Option<String>,
    /// What of the moment shown could not be read (a damaged part of the file).
    pub unreadable: Option<String>,
}

use crate::link::Event;
use crate::link::serial::{PortInfo, SerialError};

/// Lines kept in the event log.
pub const LOG_LINES: usize = 500;

/// The modem server as it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerStatus {
    /// Bound address, while it runs.
    pub addr: Option<SocketAddr>,
    /// What modems are told (`liveData`).
    pub advertise: Option<String>,
    /// Every address of this laptop a modem may use (advertised first).
    pub addresses: Vec<String>,
    /// Why it does not listen where it was asked to.
    pub listen_error: Option<String>,
    /// Expected heartbeat interval, ms.
    pub heartbeat_ms: i64,
}

/// A scan under way or finished.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanStatus {
    /// Port scanned.
    pub port: String,
    /// Tries done.
    pub done: usize,
    /// Tries in all.
    pub total: usize,
    /// Baud and slave found so far.
    pub found: Vec<(u32, u8)>,
    /// Still running.
    pub running: bool,
    /// Ended before the end.
    pub cancelled: bool,
    /// Why it could not run.
    pub error: Option<SerialError>,
}

impl ScanStatus {
    /// Takes in a scan event; false when the event is not about the scan.
    pub fn apply(&mut self, ev: &Event) -> bool {
        match ev {
            Event::ScanProgress { done, total, .. } => {
                self.done = *done;
                self.total = *total;
            }
            Event::ScanFound { baud, slave, .. } => self.found.push((*baud, *slave)),
            Event::ScanDone {
                found,
                cancelled,
                error,
            } => {
                self.found = found.clone();
                self.cancelled = *cancelled;
                self.error = error.clone();
                self.running = false;
            }
            _ => return false,
        }
        true
    }
}

/// The serial ports last listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortList {
    /// The ports.
    pub ports: Vec<PortInfo>,
    /// Why listing failed.
    pub error: Option<SerialError>,
    /// Listed at least once.
    pub listed: bool,
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// When (ms since the epoch).
    pub at_ms: i64,
    /// What.
    pub text: String,
}

/// The event log: the newest [`LOG_LINES`] lines.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    lines: VecDeque<LogLine>,
}

impl EventLog {
    /// Adds a line, dropping the oldest beyond [`LOG_LINES`].
    pub fn push(&mut self, at_ms: i64, text: String) {
        super::logfile::write(&text);
        if self.lines.len() == LOG_LINES {
            self.lines.pop_front();
        }
        self.lines.push_back(LogLine { at_ms, text });
    }

    /// The lines, oldest first.
    pub fn lines(&self) -> impl DoubleEndedIterator<Item = &LogLine> + ExactSizeIterator {
        self.lines.iter()
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// No line yet.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The attached broker as it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrokerStatus {
    /// Its address.
    pub broker: String,
    /// Connected now.
    pub connected: bool,
    /// Why not, when not.
    pub detail: String,
}

/// A line for the event log, or `None` for routine events (data, heartbeats).
pub fn log_line(ev: &Event) -> Option<String> {
    Some(match ev {
        Event::Listening { addr, advertise } => {
            format!("listening on {addr}; modems use {advertise}")
        }
        Event::Login {
            hostid,
            hostname,
            moduletype,
            peer,
            accepted,
            reason,
            ..
        } => {
            if *accepted {
                format!("login {hostid} \"{hostname}\" {moduletype} from {peer}")
            } else {
                format!(
                    "login REFUSED {hostid} from {peer}: {}",
                    reason.as_deref().unwrap_or("")
                )
            }
        }
        Event::Online {
            hostid,
            peer,
            replaced,
        } => {
            let r = if *replaced {
                " (replaced the old connection)"
            } else {
                ""
            };
            format!("online {hostid} from {peer}{r}")
        }
        Event::Offline { hostid, reason } => format!("offline {hostid}: {}", reason.name()),
        Event::CommandSent {
            hostid,
            uid,
            decoded,
            ..
        } => format!("sent #{uid} to {hostid}: {decoded}"),
        Event::CommandOutcome {
            hostid,
            uid,
            outcome,
            detail,
        } => {
            format!("#{uid} {hostid}: {} ({detail})", outcome.name())
        }
        Event::ProtocolError {
            hostid,
            peer,
            error,
            ..
        } => {
            format!(
                "protocol error from {}: {error}",
                hostid.as_deref().unwrap_or(&peer.to_string())
            )
        }
        Event::Error { message, .. } => format!("error: {message}"),
        Event::Notice { message, .. } => message.clone(),
        Event::Stale {
            hostid,
            table,
            addr,
            qty,
            reason,
        } => format!(
            "{hostid}: {} {addr}-{} not refreshed, shown as stale: {reason}",
            table.name(),
            addr.saturating_add(qty.saturating_sub(1))
        ),
        Event::PacketGap { hostid, missed } => format!(
            "{hostid}: {missed} change upload(s) lost (packetnum gap): values not refreshed since may be out of date until the next full upload"
        ),
        Event::LinkUp {
            target, settings, ..
        } => format!("serial {target} open ({settings})"),
        Event::LinkDown { target, reason } if crate::model::TargetId::is_remote(target) => {
            format!("{target} down: {reason}")
        }
        Event::LinkDown { target, reason } => format!("serial {target} lost: {reason}"),
        Event::Remote {
            target,
            broker,
            hostname,
            moduletype,
            commands,
        } => format!(
            "{target} \"{hostname}\" {moduletype} up through {broker}{}",
            if *commands {
                ""
            } else {
                " (its bridge takes no commands)"
            }
        ),
        Event::BrokerState {
            broker,
            connected: true,
            ..
        } => format!("broker {broker} connected"),
        Event::BrokerState { broker, detail, .. } => {
            format!("broker {broker} disconnected: {detail}; retrying")
        }
        Event::LinkClosed { target } if crate::model::TargetId::is_remote(target) => {
            format!("{target} detached")
        }
        Event::ScanFound { port, baud, slave } => {
            format!("scan: slave {slave} answers at {baud} baud on {port}")
        }
        Event::ScanDone { error: Some(e), .. } => format!("scan: {e}"),
        Event::LinkClosed { target } => format!("serial {target} closed"),
        _ => return None,
    })
}
