//! The egui desktop app: one file per panel, each reading the state.

pub mod app;
pub mod editor_ui;
pub mod plot_ui;
pub mod registers_ui;
pub mod serial_ui;
pub mod settings_ui;
pub mod status_ui;
pub mod targets_ui;
pub mod traffic_ui;

pub use app::{CommissionerApp, Startup};

use crate::link::Event;

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
        Event::LinkUp {
            target, settings, ..
        } => format!("serial {target} open ({settings})"),
        Event::LinkDown { target, reason } => format!("serial {target} lost: {reason}"),
        Event::ScanFound { port, baud, slave } => {
            format!("scan: slave {slave} answers at {baud} baud on {port}")
        }
        _ => return None,
    })
}
