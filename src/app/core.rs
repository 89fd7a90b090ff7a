//! The handle front ends hold on the core: send typed [`Command`]s, read the state.
//!
//! The supervisor (a tokio task, [`super::supervisor`]) owns everything that does I/O and is
//! the only writer of the [`AppState`]. A front end reads the state through
//! [`Core::state`]; the guard is held for one frame's drawing at most and never across an
//! await. The supervisor never waits for it: while the window holds the state, events queue
//! in the supervisor and are applied as soon as the guard is dropped (which wakes it).

use std::net::SocketAddr;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{Notify, mpsc, oneshot};
use tokio::task::JoinHandle;

use super::command::{Command, CoreError};
use super::state::AppState;
use crate::link::{Event, ServerConfig};
use crate::proto::image::Change;
use crate::proto::map::{Decoded, RegisterMap};

/// Called by the core whenever the state changed (the window asks for a repaint; the CLI
/// passes a no-op).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Commands queued at most; a front end that sends more is told the core is busy.
const COMMAND_QUEUE: usize = 256;

/// How the core starts.
pub struct CoreConfig {
    /// The modem server's settings; `None` runs no server (`cmmctl poll`).
    pub server: Option<ServerConfig>,
    /// When the listen address is taken, listen on a free port of the same interface instead
    /// (the window: a second instance still works); otherwise fail.
    pub fallback_port: bool,
    /// Register maps, searched in order.
    pub maps: Vec<Arc<RegisterMap>>,
    /// Where `SaveSettings` writes (`None`: nowhere, as in tests).
    pub settings_path: Option<PathBuf>,
    /// Where `SaveMap` writes maps made in the app (`None`: nowhere, as in tests).
    pub maps_dir: Option<PathBuf>,
    /// Start this many simulated modems once the server listens.
    pub demo: Option<usize>,
    /// Something to say in the log at start (e.g. a settings file that could not be read).
    pub notice: Option<String>,
    /// Called after the state changed.
    pub waker: Waker,
    /// Every event as it is applied, with the register changes it caused and new sanity
    /// warnings, for front ends that print them (`cmmctl`). The core waits for room here.
    pub reports: Option<mpsc::Sender<Report>>,
    /// Events queued between the links and the supervisor.
    pub event_queue: usize,
    /// Record everything to this file (created, or appended to).
    pub record: Option<PathBuf>,
    /// The program, as the recording names it.
    pub program: &'static str,
    /// Show this recording read-only instead of serving (no server, no link, no recording).
    pub offline: Option<PathBuf>,
    /// Recordings kept beside the new one: at most this many days old, this many bytes in
    /// all (the oldest go first, never the open one).
    pub keep: (Option<u32>, Option<u64>),
    /// Report the messages in and out (`Event::Traffic`, `Event::SerialTraffic`) on `reports`
    /// (a front end that prints them); the recording has them either way.
    pub report_traffic: bool,
    /// Keep the last messages for the traffic inspector (the window; `cmmctl` has none).
    pub traffic_log: bool,
}

impl CoreConfig {
    /// A core with this server (or none), the shipped maps, nothing else.
    pub fn new(server: Option<ServerConfig>) -> Self {
        CoreConfig {
            server,
            fallback_port: false,
            maps: crate::proto::map::builtin_maps(),
            settings_path: None,
            maps_dir: None,
            demo: None,
            notice: None,
            waker: Arc::new(|| {}),
            reports: None,
            event_queue: 10_000,
            record: None,
            program: "cmm-commissioner",
            keep: (None, None),
            offline: None,
            traffic_log: true,
            report_traffic: true,
        }
    }
}

/// An event as the core applied it, for printing front ends.
#[derive(Debug, Clone)]
pub struct Report {
    /// The event.
    pub event: Event,
    /// Register changes it caused, decoded with the target's map.
    pub changes: Vec<(Change, Option<Decoded>)>,
    /// Sanity warnings about the target's readings not reported before.
    pub warnings: Vec<String>,
}

/// The state and the bell the window rings when it lets go of it.
pub(super) struct Shared {
    pub(super) state: Mutex<AppState>,
    pub(super) released: Notify,
    /// Set once the supervisor has stopped everything (the recording closed).
    pub(super) finished: Mutex<bool>,
    pub(super) finished_cv: std::sync::Condvar,
}

impl Shared {
    /// The state, even if a panic elsewhere poisoned the lock (the data is plain and whole:
    /// every change is applied in one call).
    pub(super) fn lock(&self) -> MutexGuard<'_, AppState> {
        crate::sync::lock(&self.state)
    }
}

/// Read access to the state; the supervisor is woken when it is dropped.
pub struct StateGuard<'a> {
    guard: Option<MutexGuard<'a, AppState>>,
    released: &'a Notify,
}

impl Deref for StateGuard<'_> {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        // Some until dropped.
        self.guard.as_deref().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        drop(self.guard.take());
        self.released.notify_one();
    }
}

/// The running core.
pub struct Core {
    commands: mpsc::Sender<Command>,
    shared: Arc<Shared>,
    ready: Option<oneshot::Receiver<Result<Option<SocketAddr>, CoreError>>>,
    stop: tokio_util::sync::CancellationToken,
    task: Option<JoinHandle<()>>,
}

impl Core {
    /// Starts the supervisor on the current tokio runtime.
    pub fn spawn(mut config: CoreConfig) -> Core {
        // Modems get the poll plan of their model's map (the desktop app, like the CLI).
        if let Some(server) = config.server.as_mut()
            && server.maps.is_empty()
        {
            server.maps = config.maps.clone();
        }
        let mut state = AppState::new(config.maps.clone());
        if !config.traffic_log {
            state.traffic = super::traffic::TrafficLog::off();
        }
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            released: Notify::new(),
            finished: Mutex::new(false),
            finished_cv: std::sync::Condvar::new(),
        });
        let (commands, rx) = mpsc::channel(COMMAND_QUEUE);
        let (ready_tx, ready) = oneshot::channel();
        let stop = tokio_util::sync::CancellationToken::new();
        let task = super::supervisor::spawn(config, shared.clone(), rx, ready_tx, stop.clone());
        Core {
            commands,
            shared,
            ready: Some(ready),
            stop,
            task: Some(task),
        }
    }

    /// Waits until the server listens (its address; `None` when the core runs no server), or
    /// says why it could not.
    pub async fn ready(&mut self) -> Result<Option<SocketAddr>, CoreError> {
        match self.ready.take() {
            Some(rx) => rx.await.unwrap_or(Err(CoreError::Busy("stopped"))),
            None => Ok(self.state().server.addr),
        }
    }

    /// Hands a command to the core without waiting.
    pub fn send(&self, cmd: Command) -> Result<(), CoreError> {
        self.commands.try_send(cmd).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => CoreError::Busy("its command queue is full"),
            mpsc::error::TrySendError::Closed(_) => CoreError::Busy("it has stopped"),
        })
    }

    /// A sender for front ends that feed commands from a task (the CLI's stdin reader).
    pub fn commands(&self) -> mpsc::Sender<Command> {
        self.commands.clone()
    }

    /// The state; hold it only while drawing or copying from it.
    pub fn state(&self) -> StateGuard<'_> {
        StateGuard {
            guard: Some(self.shared.lock()),
            released: &self.shared.released,
        }
    }

    /// Write access for tools that fill the state directly (the frame benchmark).
    #[doc(hidden)]
    pub fn state_mut(&self) -> MutexGuard<'_, AppState> {
        self.shared.lock()
    }

    /// A handle that stops the core from another thread (a signal handler's), whatever the
    /// front end is doing.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            stop: self.stop.clone(),
            shared: self.shared.clone(),
        }
    }

    /// Stops everything (serial links, scan, demo, server; pending commands end as `gone`),
    /// applies what they said last, and waits.
    pub async fn shutdown(&mut self) {
        self.stop.cancel();
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

/// Stops a core from any thread; see [`Core::stopper`].
#[derive(Clone)]
pub struct Stopper {
    stop: tokio_util::sync::CancellationToken,
    shared: Arc<Shared>,
}

impl Stopper {
    /// Asks the core to stop as [`Core::shutdown`] does and waits, blocking, up to `limit` for
    /// it to be done (its recording committed and closed); whether it was.
    pub fn stop_and_wait(&self, limit: std::time::Duration) -> bool {
        self.stop.cancel();
        self.wait(limit)
    }

    /// Waits, blocking, up to `limit` for the core to have stopped (by whoever asked it);
    /// whether it has.
    pub fn wait(&self, limit: std::time::Duration) -> bool {
        let done = crate::sync::lock(&self.shared.finished);
        let done = crate::sync::wait_while(&self.shared.finished_cv, done, limit, |d| !*d);
        *done
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        // A core dropped without shutdown still stops its tasks.
        self.stop.cancel();
    }
}
