//! What the supervisor holds, grouped by what it is for, and the way slow work reports back.

use std::collections::{BTreeMap, BTreeSet};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::{Failure, Internal, StateOp};
use crate::app::command::CoreError;
use crate::app::core::Report;
use crate::app::state::AppState;
use crate::link::serial::SerialHandle;
use crate::link::{ServerConfig, ServerHandle};
use crate::store::Recorder;

/// Slow work's way back: [`Jobs::spawn`] runs the work on the blocking pool and sends the
/// change of the state its result makes. The one way a job reports, unless it changes the
/// supervisor itself (a server started, a link opened: those have an [`Internal`] of their
/// own).
#[derive(Clone)]
pub(super) struct Jobs(pub(super) mpsc::Sender<Internal>);

impl Jobs {
    /// Runs `work` beside the core, then `apply` with its result (`Busy(stopped)` if the work
    /// panicked) as a change of the state.
    pub(super) fn spawn<T: Send + 'static>(
        &self,
        stopped: &'static str,
        work: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
        apply: impl FnOnce(&mut AppState, Result<T, CoreError>, i64) -> Result<(), Failure>
        + Send
        + 'static,
    ) {
        let tx = self.0.clone();
        tokio::spawn(async move {
            let result = tokio::task::spawn_blocking(work)
                .await
                .unwrap_or(Err(CoreError::Busy(stopped)));
            let op: StateOp = Box::new(move |s, now| apply(s, result, now));
            let _ = tx.send(Internal::Apply(op)).await;
        });
    }
}

/// What the supervisor owns that talks to the world: the server, the serial links, the
/// broker, the scan and the demo.
#[derive(Default)]
pub(super) struct Links {
    pub(super) server: Option<ServerHandle>,
    pub(super) server_config: Option<ServerConfig>,
    /// When the port asked for is taken, listen on another one and say so.
    pub(super) fallback_port: bool,
    /// The serial links, by target.
    pub(super) serial: BTreeMap<String, SerialHandle>,
    /// The attached broker, if any.
    pub(super) broker: Option<crate::link::broker::BrokerHandle>,
    /// Serial targets whose port is being opened.
    pub(super) connecting: BTreeSet<String>,
    /// Slaves asked for on a port that is being opened, by port: added to its line once
    /// it is open (one task owns a port).
    pub(super) port_waiting: BTreeMap<String, Vec<(crate::link::serial::SerialSettings, String)>>,
    /// Commands for a link still being opened, in order: sent once it is open (its first
    /// readings may be told before its opening is), failed with the reason if it is not.
    pub(super) waiting: BTreeMap<String, Vec<crate::app::Command>>,
    pub(super) scan: Option<CancellationToken>,
    pub(super) demo: Option<(CancellationToken, usize)>,
    /// Simulated modems to start once the server listens.
    pub(super) demo_on_start: Option<usize>,
    /// Snapshots waiting for their reads on a serial link: uid -> (target, label).
    pub(super) snapshot_reads: BTreeMap<String, (String, String)>,
    /// Snapshots read, to keep once their values are in the recording: (target, label).
    pub(super) snapshots_due: Vec<(String, String)>,
}

/// The recording written, or the one shown read-only.
#[derive(Default)]
pub(super) struct RecordingIo {
    /// The recording being written.
    pub(super) recorder: Option<Recorder>,
    /// Records lost, as last reported.
    pub(super) lost_reported: u64,
    /// A recording is shown read-only: nothing is sent.
    pub(super) offline: bool,
    /// The recording shown read-only.
    pub(super) offline_file: Option<std::path::PathBuf>,
    /// The recording opened to read (history, timeline).
    pub(super) reader: Option<std::sync::Arc<std::sync::Mutex<crate::store::reader::Recording>>>,
}

/// The reports a printing front end (`cmmctl`) takes.
#[derive(Default)]
pub(super) struct Printing {
    /// Where they go (`None`: no such front end, or it went away).
    pub(super) tx: Option<mpsc::Sender<Report>>,
    /// Whether it wants the messages in and out.
    pub(super) traffic: bool,
    /// The map's sanity warnings already given, by modem: each is said once.
    pub(super) warned: BTreeSet<(String, String)>,
}
