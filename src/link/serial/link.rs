//! The serial link: one task owns a line (a serial port, or the connection to a gateway) and
//! its tokio-modbus context, for every slave on it. Each slave is its own target with its own
//! poll plan and figures; they are polled in turn, with the line's quiet time between frames.
//! Writes go out between polls. The line reopens with backoff when it disappears.
//! Every client call is wrapped in a timeout (tokio-modbus has none).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, sleep_until};

use super::LinkStats;
use super::call::Step;
use super::convert::to_block;
use super::tap::{Captured, Tap};
use super::{SerialError, SerialSettings};
use crate::link::event::{Command, DataKind, Event, EventSink};
use crate::proto::rtu::{Request, RequestPdu};

/// One slave's link on a line: its commands go to the line's task, which polls it in turn
/// with the other slaves there.
pub struct SerialHandle {
    /// Writes to carry out (`Command::Write`, `Command::Read`; others are refused with an
    /// error event). Shared by the line's slaves; a command goes to the one it names.
    pub commands: mpsc::Sender<Command>,
    /// Target id used in its events.
    pub target: String,
    line: Arc<Shared>,
}

/// What the handles of one line share; the line's task ends when the last one goes.
struct Shared {
    control: mpsc::UnboundedSender<Control>,
    commands: mpsc::Sender<Command>,
    settings: SerialSettings,
    task: std::sync::Mutex<Option<JoinHandle<()>>>,
}

enum Control {
    Add(Box<SerialSettings>),
    /// A slave's poll plan from now on (its map changed).
    Plan {
        target: String,
        plan: crate::proto::PollPlan,
    },
    Remove {
        target: String,
        done: oneshot::Sender<()>,
    },
}

impl SerialHandle {
    /// Stops polling this slave (a write in progress ends as `gone`) and waits until its last
    /// event is out; the last slave of a line closes the port, and this waits for that too.
    pub async fn stop(self) {
        let (done, gone) = oneshot::channel();
        let remove = Control::Remove {
            target: self.target.clone(),
            done,
        };
        if self.line.control.send(remove).is_ok() {
            let _ = gone.await;
        }
        drop(self.commands);
        if let Some(shared) = Arc::into_inner(self.line) {
            let task = shared.task.lock().ok().and_then(|mut t| t.take());
            // Its channels close: the task closes the port and ends.
            drop(shared);
            if let Some(task) = task {
                let _ = task.await;
            }
        }
    }

    /// The port (or network address) of the line.
    pub fn port(&self) -> &str {
        &self.line.settings.port
    }

    /// A handle that changes this slave's poll plan (its map changed), for as long as the
    /// line runs.
    pub fn replanner(&self) -> Replanner {
        Replanner {
            line: Arc::downgrade(&self.line),
            target: self.target.clone(),
        }
    }

    /// Adds another slave on this line: polled in turn with the others, its own target. The
    /// line's settings (baud, parity, stop bits) are the line's: other ones are refused.
    pub fn add_slave(&self, settings: SerialSettings) -> Result<SerialHandle, SerialError> {
        let open = &self.line.settings;
        if !open.same_line(&settings) {
            return Err(SerialError::Line {
                port: open.port.clone(),
                open: open.line(),
                asked: settings.line(),
            });
        }
        let target = settings.target();
        self.line
            .control
            .send(Control::Add(Box::new(settings)))
            .map_err(|_| SerialError::Connect {
                address: open.port.clone(),
                reason: t!("the line was closing"),
            })?;
        Ok(SerialHandle {
            commands: self.line.commands.clone(),
            target,
            line: self.line.clone(),
        })
    }
}

/// Changes one slave's poll plan; holds its line only while it does.
pub struct Replanner {
    line: std::sync::Weak<Shared>,
    target: String,
}

impl Replanner {
    /// Polls `plan` (its requests addressed to the slave) from the next cycle on; false when
    /// the line has closed.
    pub fn set_plan(&self, plan: crate::proto::PollPlan) -> bool {
        let Some(line) = self.line.upgrade() else {
            return false;
        };
        let target = self.target.clone();
        line.control.send(Control::Plan { target, plan }).is_ok()
    }
}

/// Starts a line with the slave described by `settings`. The port is opened by the task; if
/// it cannot be, the link reports `LinkDown` and retries with backoff.
pub fn start_serial(settings: SerialSettings, events: EventSink) -> SerialHandle {
    spawn_line(settings, events, None)
}

/// Opens the port first and starts the line on it: a port that cannot be opened is refused
/// here, with the reason, instead of becoming a target that retries forever.
pub fn open_serial(
    settings: SerialSettings,
    events: EventSink,
) -> Result<SerialHandle, SerialError> {
    // Called on a blocking thread within the runtime (the supervisor's connect).
    let stream = tokio::runtime::Handle::current().block_on(super::open(&settings))?;
    Ok(spawn_line(settings, events, Some(stream)))
}

fn spawn_line(
    settings: SerialSettings,
    events: EventSink,
    stream: Option<super::stream::Stream>,
) -> SerialHandle {
    let (tx, rx) = mpsc::channel(64);
    let (control, control_rx) = mpsc::unbounded_channel();
    let target = settings.target();
    let mut line = Line {
        io: super::call::Io {
            settings: settings.clone(),
            events,
            captured: Captured::default(),
            ctx: None,
            stats: LinkStats::default(),
            quiet_since: None,
            last_slave: None,
        },
        down: None,
        ever_up: false,
        slaves: Vec::new(),
        commands: rx,
        control: control_rx,
    };
    if let Some(stream) = stream {
        line.attach(stream);
    }
    line.add(settings.clone());
    let task = tokio::spawn(line.run());
    let shared = Shared {
        control,
        commands: tx.clone(),
        settings,
        task: std::sync::Mutex::new(Some(task)),
    };
    SerialHandle {
        commands: tx,
        target,
        line: Arc::new(shared),
    }
}

/// One slave on the line.
pub(super) struct Slave {
    pub(super) target: String,
    pub(super) s: SerialSettings,
    pub(super) stats: LinkStats,
    /// Poll requests whose exception was already reported.
    reported: BTreeSet<usize>,
    /// Poll requests whose values were said stale, with why: said again only once they were
    /// read, or for another reason (the mark stays until then, dated from the first).
    stale_said: std::collections::BTreeMap<usize, String>,
    /// When its next poll cycle is due.
    next: Instant,
}

pub(super) struct Line {
    pub(super) io: super::call::Io,
    /// Why the line is down (None while up or never tried).
    pub(super) down: Option<String>,
    /// Whether the line was ever open (its first opening says so to every slave).
    ever_up: bool,
    pub(super) slaves: Vec<Slave>,
    commands: mpsc::Receiver<Command>,
    control: mpsc::UnboundedReceiver<Control>,
}

impl Line {
    pub(super) async fn emit(&mut self, e: Event) {
        self.io.events.send(e).await;
    }

    fn attach(&mut self, stream: super::stream::Stream) {
        let tap = Tap::new(stream, self.io.captured.clone());
        let s = &self.io.settings;
        self.io.ctx = Some(super::stream::attach(&s.port, tap, s.slave));
        self.ever_up = true;
    }

    fn add(&mut self, s: SerialSettings) {
        self.slaves.push(Slave {
            target: s.target(),
            s,
            stats: LinkStats::default(),
            reported: BTreeSet::new(),
            stale_said: Default::default(),
            next: Instant::now(),
        });
    }

    fn up_event(&self, slave: &Slave) -> Event {
        Event::LinkUp {
            target: slave.target.clone(),
            port: slave.s.port.clone(),
            settings: slave.s.describe(),
        }
    }

    /// Takes in a slave added or removed; false when every handle is gone.
    async fn take_control(&mut self, c: Option<Control>) -> bool {
        match c {
            None => false,
            Some(Control::Add(s)) => {
                if self.slaves.iter().any(|x| x.target == s.target()) {
                    return true;
                }
                self.add(*s);
                let e = match (self.slaves.last(), &self.down) {
                    (Some(slave), Some(why)) => Event::LinkDown {
                        target: slave.target.clone(),
                        reason: why.clone(),
                    },
                    (Some(slave), None) if self.ever_up => self.up_event(slave),
                    // Not opened yet: its opening says so to every slave.
                    _ => return true,
                };
                self.emit(e).await;
                true
            }
            Some(Control::Plan { target, plan }) => {
                if let Some(slave) = self.slaves.iter_mut().find(|s| s.target == target) {
                    let id = slave.s.slave;
                    slave.s.plan = plan;
                    slave.s.set_slave(id);
                    slave.reported.clear();
                    slave.stale_said.clear();
                }
                true
            }
            Some(Control::Remove { target, done }) => {
                if let Some(i) = self.slaves.iter().position(|s| s.target == target) {
                    self.slaves.remove(i);
                    // Last of all: whoever forgets the target waits for this, so no reading
                    // still on its way can bring the target back.
                    self.emit(Event::LinkClosed { target }).await;
                }
                let _ = done.send(());
                true
            }
        }
    }

    /// Takes in what was added or removed meanwhile; false when every handle is gone.
    async fn controls_waiting(&mut self) -> bool {
        loop {
            match self.control.try_recv() {
                Ok(c) => {
                    self.take_control(Some(c)).await;
                }
                Err(mpsc::error::TryRecvError::Empty) => return true,
                Err(mpsc::error::TryRecvError::Disconnected) => return false,
            }
        }
    }

    /// Opens the port; true when it is open.
    async fn open(&mut self) -> bool {
        match super::open(&self.io.settings).await {
            Ok(stream) => {
                let first = !self.ever_up;
                self.attach(stream);
                if self.down.take().is_some() || first {
                    let ups: Vec<Event> = self.slaves.iter().map(|s| self.up_event(s)).collect();
                    for e in ups {
                        self.emit(e).await;
                    }
                }
                true
            }
            Err(e) => {
                self.line_gone(e.to_string()).await;
                false
            }
        }
    }

    pub(super) async fn line_gone(&mut self, reason: String) {
        self.io.ctx = None;
        if self.down.is_none() {
            self.down = Some(reason.clone());
            let targets: Vec<String> = self.slaves.iter().map(|s| s.target.clone()).collect();
            for target in targets {
                let reason = reason.clone();
                self.emit(Event::LinkDown { target, reason }).await;
            }
        }
    }

    /// One request for slave `i`, on the line's timing. A reply that came wrong leaves the
    /// line reopened, so a late reply is not taken for the next request's.
    pub(super) async fn call(&mut self, i: usize, req: &Request) -> Step {
        let (step, reopen) = self.io.call(&mut self.slaves[i], req).await;
        if reopen {
            self.io.ctx = None;
            self.open().await;
        }
        step
    }

    /// Carries out the writes waiting now.
    async fn pending_commands(&mut self) {
        while let Ok(cmd) = self.commands.try_recv() {
            self.command(cmd).await;
        }
    }

    /// One pass over slave `i`'s poll plan; one data event for the cycle.
    async fn poll_cycle(&mut self, i: usize) {
        let mut blocks = Vec::new();
        let mut stale = Vec::new();
        let plan = self.slaves[i].s.plan.requests.clone();
        let target = self.slaves[i].target.clone();
        for (k, req) in plan.iter().enumerate() {
            self.pending_commands().await;
            if self.io.ctx.is_none() {
                break;
            }
            match self.call(i, req).await {
                Step::Done(resp, _) => {
                    self.slaves[i].reported.remove(&k);
                    self.slaves[i].stale_said.remove(&k);
                    blocks.extend(to_block(req, resp));
                }
                Step::Exception(code) => {
                    if self.slaves[i].reported.insert(k) {
                        let message = format!("poll {req}: {code}");
                        let e = Event::Error {
                            hostid: Some(target.clone()),
                            uid: None,
                            message,
                        };
                        self.emit(e).await;
                    }
                    stale.extend(self.newly_stale(i, k, req, code.to_string()));
                }
                Step::Timeout(_) => stale.extend(self.newly_stale(i, k, req, "no reply".into())),
                Step::Gone(why) => {
                    self.line_gone(why).await;
                    break;
                }
            }
        }
        if !blocks.is_empty() {
            let e = Event::Data {
                hostid: target,
                kind: DataKind::Full,
                blocks,
                flags: Default::default(),
            };
            self.emit(e).await;
        }
        // The values of a read that failed keep their old reading, shown as stale.
        for e in stale {
            self.emit(e).await;
        }
    }

    /// The stale event of poll request `k` of slave `i`, unless it was said already for the
    /// same reason since the request was last answered (a log line a cycle says nothing new).
    fn newly_stale(&mut self, i: usize, k: usize, req: &Request, reason: String) -> Option<Event> {
        let slave = &mut self.slaves[i];
        if slave.stale_said.get(&k) == Some(&reason) {
            return None;
        }
        slave.stale_said.insert(k, reason.clone());
        stale_event(&slave.target, req, reason)
    }

    /// Every slave's figures, with the line's when it carries several.
    async fn stats(&mut self) {
        let line = (self.slaves.len() > 1).then_some(self.io.stats);
        let events: Vec<Event> = self
            .slaves
            .iter()
            .map(|s| Event::Stats {
                target: s.target.clone(),
                stats: s.stats,
                line,
            })
            .collect();
        for e in events {
            self.emit(e).await;
        }
    }

    /// Closes the line: every slave still on it says its last event.
    async fn close(mut self) {
        self.io.ctx = None;
        let targets: Vec<String> = self.slaves.drain(..).map(|s| s.target).collect();
        for target in targets {
            self.emit(Event::LinkClosed { target }).await;
        }
    }

    async fn run(mut self) {
        let mut backoff = Duration::from_millis(250);
        let mut last_stats = Instant::now();
        if self.ever_up {
            let ups: Vec<Event> = self.slaves.iter().map(|s| self.up_event(s)).collect();
            for e in ups {
                self.emit(e).await;
            }
        }
        loop {
            if !self.controls_waiting().await {
                break;
            }
            if self.io.ctx.is_none() && !self.open().await {
                // Down: refuse writes at once, retry the port with backoff.
                let wake = sleep(backoff);
                tokio::pin!(wake);
                loop {
                    tokio::select! {
                        c = self.control.recv() => if !self.take_control(c).await {
                            return self.close().await;
                        },
                        _ = &mut wake => break,
                        Some(cmd) = self.commands.recv() => self.command(cmd).await,
                    }
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
            backoff = Duration::from_millis(250);
            // Writes go out while waiting for the next slave's cycle. Cycles start every
            // `poll_delay` per slave (a poll rate, like mbpoll's -l); a cycle that overruns is
            // followed by the next at once.
            let due = self.slaves.iter().map(|s| s.next).min();
            let wait = async {
                match due {
                    Some(due) => sleep_until(due).await,
                    None => std::future::pending().await,
                }
            };
            if due.is_none_or(|d| d > Instant::now()) {
                tokio::select! {
                    c = self.control.recv() => {
                        if !self.take_control(c).await {
                            break;
                        }
                        continue;
                    }
                    _ = wait => {}
                    Some(cmd) = self.commands.recv() => {
                        self.command(cmd).await;
                        continue;
                    }
                }
            } else {
                tokio::task::yield_now().await;
            }
            let now = Instant::now();
            for i in 0..self.slaves.len() {
                if self.slaves[i].next > now {
                    continue;
                }
                self.poll_cycle(i).await;
                let s = &mut self.slaves[i];
                s.next = (s.next + s.s.poll_delay).max(now);
                if self.io.ctx.is_none() {
                    break;
                }
            }
            if last_stats.elapsed() >= Duration::from_secs(1) {
                last_stats = Instant::now();
                self.stats().await;
            }
        }
        self.close().await;
    }
}

/// A poll read's values were not refreshed (`None` for a request that is not a read).
fn stale_event(target: &str, req: &Request, reason: String) -> Option<Event> {
    match req.pdu {
        RequestPdu::Read { table, addr, qty } => Some(Event::Stale {
            hostid: target.to_string(),
            table,
            addr,
            qty,
            reason,
        }),
        _ => None,
    }
}
