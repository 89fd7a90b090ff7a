//! The supervisor: one tokio task that owns the modem server, the serial links, the scan, the
//! demo modems and the settings file, always drains what the links send, and is the only
//! writer of the [`AppState`].
//!
//! It never waits on a front end. Link events are taken off their channel as they come and
//! queued here; they are applied as soon as the state is free (the window holds it while it
//! draws a frame, and wakes the supervisor when it lets go). Slow work (binding, stopping a
//! server, opening a port, reading a file, listing ports, a file dialog) runs on tasks of its
//! own and reports back on an internal channel, so the loop keeps draining meanwhile.

mod commissioning;
mod handlers;
mod history;
mod internal;
mod map_jobs;
mod parts;
mod recording;
mod resets;
mod server;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::command::{Command, CoreError};
use super::core::{CoreConfig, Report, Shared, Waker};
use super::state::AppState;
use crate::link::serial::{SerialError, SerialHandle};
use crate::link::{Event, EventSink, ServerConfig, ServerHandle};
use crate::store::Record;
use parts::{Jobs, Links, Printing, RecordingIo};

/// Events taken off the links' channel at a time.
const BATCH: usize = 512;

/// Something a command handler wants done to the state, in order with the events. It may
/// fail, with the target and command id concerned.
type StateOp = Box<dyn FnOnce(&mut AppState, i64) -> Result<(), Failure> + Send>;

/// A failure to report: in the log, as the last error, and to printing front ends.
pub(super) struct Failure {
    error: CoreError,
    target: Option<String>,
    uid: Option<String>,
}

impl From<CoreError> for Failure {
    fn from(error: CoreError) -> Self {
        Failure::new(error)
    }
}

impl Failure {
    fn new(error: CoreError) -> Self {
        Failure {
            error,
            target: None,
            uid: None,
        }
    }
}

/// What waits to be applied to the state.
enum Op {
    Event(Event),
    Do(StateOp),
}

/// Results of the slow work, back from its tasks.
enum Internal {
    /// A change of the state made by a job's result ([`Jobs::spawn`]).
    Apply(StateOp),
    /// A step of a command sent later (the rest of a pulse).
    Later(Box<Command>),
    ServerStarted {
        result: Result<ServerHandle, CoreError>,
        /// Listening elsewhere than asked (the address was taken).
        fallback: Option<CoreError>,
        heartbeat_ms: i64,
    },
    ServerStopped {
        then: ServerConfig,
        demo: Option<usize>,
    },
    SerialOpened {
        target: String,
        model: String,
        description: String,
        slave: u8,
        /// The line's settings (`9600 8N1`, or the network address).
        line: String,
        result: Result<SerialHandle, SerialError>,
    },
    /// Two minutes after a reset was accepted: did the modem log in again?
    ResetDue(String, String),
    /// The wait for an accepted command's effect is over: (target, uid).
    VerifyDue(String, String),
    /// 30 s after a login: did the modem open its long connection?
    LongConnectionDue(String, u64),
    Reported(String, Result<crate::report::Written, CoreError>),
    SettingsSaved(Result<PathBuf, CoreError>),
}

pub(super) struct Supervisor {
    shared: Arc<Shared>,
    pending: Vec<Op>,
    sink: EventSink,
    internal: mpsc::Sender<Internal>,
    /// The server, the serial links, the broker, the scan and the demo.
    links: Links,
    /// The recording written, or the one shown.
    recording: RecordingIo,
    /// The printing front end's reports (`cmmctl`).
    printing: Printing,
    settings_path: Option<PathBuf>,
    /// Where maps made in the app are saved.
    maps_dir: Option<PathBuf>,
    waker: Waker,
    ready: Option<oneshot::Sender<Result<Option<std::net::SocketAddr>, CoreError>>>,
    dropped: u64,
    /// Settings files being written (waited for at shutdown).
    saving: tokio::task::JoinSet<()>,
    /// Resets waiting for the modem's new login.
    resets: resets::Resets,
    /// Unknown methods reported, by modem (lower case).
    unknown_methods: BTreeSet<(String, String)>,
}

/// Starts the supervisor task.
pub(super) fn spawn(
    config: CoreConfig,
    shared: Arc<Shared>,
    commands: mpsc::Receiver<Command>,
    ready: oneshot::Sender<Result<Option<std::net::SocketAddr>, CoreError>>,
    stop: CancellationToken,
) -> JoinHandle<()> {
    let (sink, events) = EventSink::channel(config.event_queue.max(16));
    let (internal, internal_rx) = mpsc::channel(64);
    let mut s = Supervisor {
        shared,
        pending: Vec::new(),
        sink,
        internal,
        links: Links {
            fallback_port: config.fallback_port,
            demo_on_start: config.demo,
            ..Default::default()
        },
        recording: RecordingIo {
            offline: config.offline.is_some(),
            offline_file: config.offline.clone(),
            ..Default::default()
        },
        printing: Printing {
            tx: config.reports,
            traffic: config.report_traffic,
            warned: BTreeSet::new(),
        },
        settings_path: config.settings_path,
        maps_dir: config.maps_dir,
        waker: config.waker,
        ready: Some(ready),
        dropped: 0,
        saving: tokio::task::JoinSet::new(),
        resets: Default::default(),
        unknown_methods: BTreeSet::new(),
    };
    if let Some(n) = config.notice {
        s.fail(Failure::new(CoreError::Notice(n)));
    }
    let mut server = config.server;
    if let Some(path) = &config.offline {
        // A recording to look at: nothing is served, linked or recorded.
        server = None;
        s.open_offline(path);
    } else if let Some(path) = &config.record {
        let known = s.known_modems(path);
        if let Some(server) = server.as_mut() {
            for t in &known {
                server
                    .known
                    .insert(t.key.clone(), (t.hostname.clone(), t.moduletype.clone()));
            }
        }
        s.open_recording(path, config.program);
        s.carry_registry(known);
        s.prune(path, config.keep);
    }
    match server {
        Some(server) => s.start_server(server),
        None => {
            if let Some(r) = s.ready.take() {
                let _ = r.send(Ok(None));
            }
        }
    }
    tokio::spawn(s.run(commands, events, internal_rx, stop))
}

impl Supervisor {
    async fn run(
        mut self,
        mut commands: mpsc::Receiver<Command>,
        mut events: mpsc::Receiver<Event>,
        mut internal: mpsc::Receiver<Internal>,
        stop: CancellationToken,
    ) {
        let shared = self.shared.clone();
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                cmd = commands.recv() => match cmd {
                    Some(c) => self.command(c),
                    None => break,
                },
                _ = events.recv_many(&mut batch, BATCH) => self.take_events(&mut batch),
                Some(m) = internal.recv() => self.internal(m),
                // The window let go of the state: apply what waited.
                _ = shared.released.notified(), if !self.pending.is_empty() => {}
            }
            self.flush(false).await;
        }
        // Commands sent before the stop are carried out (a last SaveSettings, say).
        commands.close();
        while let Ok(c) = commands.try_recv() {
            self.command(c);
        }
        self.stop_all(&mut events, &mut internal).await;
        *crate::sync::lock(&shared.finished) = true;
        shared.finished_cv.notify_all();
    }

    fn take_events(&mut self, batch: &mut Vec<Event>) {
        let mut notices = Vec::new();
        for e in batch.drain(..) {
            if let Event::ScanDone { .. } = e {
                self.links.scan = None;
            }
            if let Some(n) = self.resets.watch(&e, &self.internal) {
                notices.push(n);
            }
            if let Event::CommandOutcome {
                uid,
                outcome,
                detail,
                ..
            } = &e
                && let Some((target, label)) = self.links.snapshot_reads.remove(uid)
            {
                if *outcome == crate::model::Outcome::Accepted {
                    self.links.snapshots_due.push((target, label));
                } else {
                    let message = format!("snapshot \"{label}\" not taken: {detail}");
                    self.fail(Failure {
                        error: CoreError::Notice(message),
                        target: Some(target),
                        uid: None,
                    });
                }
            }
            // An unknown method is reported once per modem and method for the whole run
            // (each connection reports it once; a modem reconnects often).
            if let Event::ProtocolError {
                hostid: Some(h),
                error,
                ..
            } = &e
                && let crate::model::ProtocolError::UnknownMethod { method, .. } = error
                && !self
                    .unknown_methods
                    .insert((h.clone(), method.to_ascii_lowercase()))
            {
                continue;
            }
            self.pending.push(Op::Event(e));
            // Said right after the event that settled it.
            self.pending.extend(notices.drain(..).map(Op::Event));
        }
    }

    /// The way slow work reports back.
    fn jobs(&self) -> Jobs {
        Jobs(self.internal.clone())
    }

    /// Queues a change of the state.
    fn later(
        &mut self,
        op: impl FnOnce(&mut AppState, i64) -> Result<(), Failure> + Send + 'static,
    ) {
        self.pending.push(Op::Do(Box::new(op)));
    }

    /// Queues a failure report.
    fn fail(&mut self, f: Failure) {
        self.later(move |_, _| Err(f));
    }

    /// Applies what waits, if the state is free (or, `wait`, once it is); wakes the front
    /// end and hands reports to the printing one.
    async fn flush(&mut self, wait: bool) {
        loop {
            let Some(reports) = self.apply_pending(wait) else {
                return;
            };
            (self.waker)();
            if let Some(tx) = &self.printing.tx {
                for r in reports {
                    if tx.send(r).await.is_err() {
                        self.printing.tx = None;
                        break;
                    }
                }
            }
            // Snapshots whose reads are now in the recording are kept after them.
            let due = std::mem::take(&mut self.links.snapshots_due);
            if due.is_empty() {
                return;
            }
            for (target, label) in due {
                let also = Vec::new();
                self.keep_entry(target, super::command::Entry::Snapshot { label, also });
            }
        }
    }

    /// Applies what waits under the state's lock; `None` when there was nothing to do or the
    /// window holds the state (it wakes us when it is done).
    fn apply_pending(&mut self, wait: bool) -> Option<Vec<Report>> {
        let dropped = self.sink.dropped();
        if self.pending.is_empty() && dropped == self.dropped {
            return None;
        }
        let shared = self.shared.clone();
        let mut state = match shared.state.try_lock() {
            Ok(s) => s,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) if wait => shared.lock(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        let now = chrono::Utc::now().timestamp_millis();
        let mut reports = Vec::new();
        for op in std::mem::take(&mut self.pending) {
            let failure = match op {
                Op::Event(e) => {
                    let changes = state.apply(&e, now);
                    let print =
                        self.printing.tx.is_some() && (self.printing.traffic || !e.is_traffic());
                    let e = match &self.recording.recorder {
                        // Not printed: what the records need is moved into them.
                        Some(r) if !print => {
                            for rec in super::recording::into_records(e, &changes, &state, now) {
                                r.record(rec);
                            }
                            continue;
                        }
                        Some(r) => {
                            for rec in super::recording::records_of(&e, &changes, &state, now) {
                                r.record(rec);
                            }
                            e
                        }
                        None => e,
                    };
                    if print {
                        reports.push(self.report(&state, e, changes));
                    }
                    continue;
                }
                Op::Do(f) => match f(&mut state, now) {
                    Ok(()) => continue,
                    Err(f) => f,
                },
            };
            state.error(now, failure.target.as_deref(), &failure.error);
            if self.printing.tx.is_some() {
                let event = Event::Error {
                    hostid: failure.target,
                    uid: failure.uid,
                    message: failure.error.to_string(),
                };
                reports.push(Report {
                    event,
                    changes: Vec::new(),
                    warnings: Vec::new(),
                });
            }
        }
        self.dropped = dropped;
        state.dropped_events = dropped;
        for (target, uid, wait_ms) in state.take_awaited() {
            let tx = self.internal.clone();
            tokio::spawn(async move {
                let wait = std::time::Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0));
                tokio::time::sleep(wait).await;
                let _ = tx.send(Internal::VerifyDue(target, uid)).await;
            });
        }
        if let Some(r) = &self.recording.recorder {
            for (target, uid, verified) in state.take_verdicts() {
                r.record(Record::Verified {
                    target,
                    uid,
                    verified,
                });
            }
            state.recording.written = r.written();
            state.recording.lost = r.lost();
            let newly_lost = state
                .recording
                .lost
                .saturating_sub(self.recording.lost_reported);
            if newly_lost > 0 {
                self.recording.lost_reported = state.recording.lost;
                let e = CoreError::from(crate::store::StoreError::Behind(newly_lost));
                state.error(now, None, &e);
                if self.printing.tx.is_some() {
                    reports.push(Report {
                        event: Event::Error {
                            hostid: None,
                            uid: None,
                            message: e.to_string(),
                        },
                        changes: Vec::new(),
                        warnings: Vec::new(),
                    });
                }
            }
            if let Some(e) = r.take_error() {
                let e = CoreError::from(e);
                state.recording.error = Some(e.to_string());
                state.error(now, None, &e);
            }
        } else {
            state.take_verdicts();
        }
        Some(reports)
    }

    /// An applied event for printing front ends: its changes decoded, new sanity warnings.
    fn report(
        &mut self,
        s: &AppState,
        event: Event,
        changes: Vec<crate::proto::image::Change>,
    ) -> Report {
        let mut decoded = Vec::new();
        let mut warnings = Vec::new();
        if let Event::Data { hostid, .. } = &event
            && let Some(t) = s.targets.get(hostid)
        {
            let watched = t.map.watched_by(&changes) & crate::proto::map::Watch::SANITY != 0;
            decoded = changes
                .into_iter()
                .map(|c| {
                    let d = t.decode(&c);
                    (c, d)
                })
                .collect();
            // The checks read only watched addresses: with none changed, nothing new to say.
            let sanity = if watched {
                t.map.sanity(&t.image, t.slave())
            } else {
                Vec::new()
            };
            for m in sanity {
                if self.printing.warned.insert((hostid.clone(), m.clone())) {
                    warnings.push(m);
                }
            }
        }
        Report {
            event,
            changes: decoded,
            warnings,
        }
    }

    /// Stops everything while still draining the links (a server's connections report their
    /// last outcomes as they close), then applies what they said.
    async fn stop_all(
        &mut self,
        events: &mut mpsc::Receiver<Event>,
        internal: &mut mpsc::Receiver<Internal>,
    ) {
        if let Some(scan) = self.links.scan.take() {
            scan.cancel();
        }
        if let Some((demo, _)) = self.links.demo.take() {
            demo.cancel();
        }
        let links = std::mem::take(&mut self.links.serial);
        let server = self.links.server.take();
        let broker = self.links.broker.take();
        let stopping = async move {
            for (_, h) in links {
                h.stop().await;
            }
            if let Some(b) = broker {
                b.stop().await;
            }
            if let Some(s) = server {
                s.shutdown().await;
            }
        };
        tokio::pin!(stopping);
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            tokio::select! {
                _ = &mut stopping => break,
                _ = events.recv_many(&mut batch, BATCH) => self.take_events(&mut batch),
            }
        }
        while self.saving.join_next().await.is_some() {}
        // Work that finished while we stopped: stop what it started.
        internal.close();
        while let Ok(m) = internal.try_recv() {
            match m {
                Internal::ServerStarted { result: Ok(s), .. } => s.shutdown().await,
                Internal::SerialOpened { result: Ok(h), .. } => h.stop().await,
                _ => {}
            }
        }
        while let Ok(e) = events.try_recv() {
            self.pending.push(Op::Event(e));
        }
        self.flush(true).await;
        // The recording's own reader lets go first: the last checkpoint need not wait for it.
        self.recording.reader = None;
        if let Some(r) = self.recording.recorder.take() {
            // Commits what is left; a blocking wait, off the runtime's threads.
            let closed = tokio::task::spawn_blocking(move || r.close()).await;
            if let Ok(Err(e)) = closed {
                self.fail(Failure::new(CoreError::from(e)));
                self.flush(true).await;
            }
        }
    }
}
