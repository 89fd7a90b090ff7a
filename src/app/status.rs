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

/// A line for the event log, or `None` for routine events (data, heartbeats): in this
/// thread's language, except a `stale` line, which the recording keeps and reads back
/// (`store::stale`), so it stays in English.
pub fn log_line(ev: &Event) -> Option<String> {
    Some(match ev {
        Event::Listening { addr, advertise } => t!(
            "listening on { $addr }; modems use { $advertise }",
            addr = addr.to_string(),
            advertise = advertise.as_str()
        ),
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
                t!(
                    "login { $hostid } \"{ $hostname }\" { $model } from { $peer }",
                    hostid = hostid.as_str(),
                    hostname = hostname.as_str(),
                    model = moduletype.as_str(),
                    peer = peer.to_string()
                )
            } else {
                t!(
                    "login REFUSED { $hostid } from { $peer }: { $reason }",
                    hostid = hostid.as_str(),
                    peer = peer.to_string(),
                    reason = reason.as_deref().unwrap_or("")
                )
            }
        }
        Event::Online {
            hostid,
            peer,
            replaced,
        } => {
            let (hostid, peer) = (hostid.as_str(), peer.to_string());
            if *replaced {
                t!(
                    "online { $hostid } from { $peer } (replaced the old connection)",
                    hostid = hostid,
                    peer = peer
                )
            } else {
                t!(
                    "online { $hostid } from { $peer }",
                    hostid = hostid,
                    peer = peer
                )
            }
        }
        Event::Offline { hostid, reason } => t!(
            "offline { $hostid }: { $reason }",
            hostid = hostid.as_str(),
            reason = offline_word(*reason)
        ),
        Event::CommandSent {
            hostid,
            uid,
            decoded,
            ..
        } => t!(
            "sent #{ $uid } to { $hostid }: { $command }",
            uid = uid.as_str(),
            hostid = hostid.as_str(),
            command = decoded.as_str()
        ),
        Event::CommandOutcome {
            hostid,
            uid,
            outcome,
            detail,
        } => t!(
            "#{ $uid } { $hostid }: { $outcome } ({ $detail })",
            uid = uid.as_str(),
            hostid = hostid.as_str(),
            outcome = outcome_word(*outcome),
            detail = detail.as_str()
        ),
        Event::ProtocolError {
            hostid,
            peer,
            error,
            ..
        } => t!(
            "protocol error from { $from }: { $error }",
            from = hostid.as_deref().unwrap_or(peer.as_str()),
            error = error.to_string()
        ),
        Event::Error { message, .. } => t!("error: { $message }", message = message.as_str()),
        Event::Notice { message, .. } => message.clone(),
        // Read back from the recording (`store::stale`): not translated.
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
        Event::PacketGap { hostid, missed } => {
            t!("status-uploads-lost", hostid = hostid.as_str(), n = *missed)
        }
        Event::LinkUp {
            target,
            port,
            settings,
        } if crate::model::serial::Transport::of(port).is_network() => t!(
            "connected to { $target } ({ $settings })",
            target = target.as_str(),
            settings = settings.as_str()
        ),
        Event::LinkUp {
            target, settings, ..
        } => t!(
            "serial { $target } open ({ $settings })",
            target = target.as_str(),
            settings = settings.as_str()
        ),
        Event::LinkDown { target, reason } if crate::model::TargetId::is_remote(target) => t!(
            "{ $target } down: { $reason }",
            target = target.as_str(),
            reason = reason.as_str()
        ),
        Event::LinkDown { target, reason } => t!(
            "serial { $target } lost: { $reason }",
            target = target.as_str(),
            reason = reason.as_str()
        ),
        Event::Remote {
            target,
            broker,
            hostname,
            moduletype,
            commands,
        } => {
            let (target, hostname) = (target.as_str(), hostname.as_str());
            let (model, broker) = (moduletype.as_str(), broker.as_str());
            if *commands {
                t!(
                    "{ $target } \"{ $hostname }\" { $model } up through { $broker }",
                    target = target,
                    hostname = hostname,
                    model = model,
                    broker = broker
                )
            } else {
                t!(
                    "{ $target } \"{ $hostname }\" { $model } up through { $broker } (its \
                     bridge takes no commands)",
                    target = target,
                    hostname = hostname,
                    model = model,
                    broker = broker
                )
            }
        }
        Event::BrokerState {
            broker,
            connected: true,
            ..
        } => t!("broker { $broker } connected", broker = broker.as_str()),
        Event::BrokerState { broker, detail, .. } => t!(
            "broker { $broker } disconnected: { $reason }; retrying",
            broker = broker.as_str(),
            reason = detail.as_str()
        ),
        Event::LinkClosed { target } if crate::model::TargetId::is_remote(target) => {
            t!("{ $target } detached", target = target.as_str())
        }
        Event::ScanFound { port, slave, .. }
            if crate::model::serial::Transport::of(port).is_network() =>
        {
            t!(
                "scan: unit { $slave } answers at { $port }",
                slave = *slave,
                port = port.as_str()
            )
        }
        Event::ScanFound { port, baud, slave } => t!(
            "scan: slave { $slave } answers at { $baud } baud on { $port }",
            slave = *slave,
            baud = *baud,
            port = port.as_str()
        ),
        Event::ScanDone { error: Some(e), .. } => t!("scan: { $error }", error = e.to_string()),
        Event::LinkClosed { target } => {
            t!("serial { $target } closed", target = target.as_str())
        }
        _ => return None,
    })
}

/// Why a modem went offline, in a word of this thread's language.
fn offline_word(r: crate::model::event::OfflineReason) -> String {
    use crate::model::event::OfflineReason;
    match r {
        OfflineReason::Disconnected => t!("disconnected"),
        OfflineReason::Timeout => t!("timeout"),
        OfflineReason::Shutdown => t!("shutdown"),
    }
}

/// How a command ended, in a word of this thread's language.
pub fn outcome_word(o: crate::model::event::Outcome) -> String {
    use crate::model::event::Outcome;
    match o {
        Outcome::Accepted => t!("accepted"),
        Outcome::Rejected => t!("rejected"),
        Outcome::Timeout => t!("timeout"),
        Outcome::Gone => t!("gone"),
    }
}
