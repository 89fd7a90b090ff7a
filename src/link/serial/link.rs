//! The serial link: one task owns the port and the tokio-modbus context. It polls the plan,
//! carries writes out between polls, counts what happens, and reopens the port with backoff
//! when it disappears. Every client call is wrapped in a timeout (tokio-modbus has none).

use std::collections::BTreeSet;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, timeout};
use tokio_modbus::client::{Client, Context};
use tokio_modbus::slave::{Slave, SlaveContext};
use tokio_util::sync::CancellationToken;

use super::LinkStats;
use super::convert::{exception, to_block, to_modbus};
use super::tap::{Captured, Tap};
use super::{SerialError, SerialSettings};
use crate::link::event::{Command, DataKind, Event, EventSink, Outcome};
use crate::proto::hex;
use crate::proto::rtu::{ExceptionCode, Request, RequestPdu, Response, RtuError};

/// A running serial link.
pub struct SerialHandle {
    /// Writes to carry out (`Command::Write`; other commands are refused with an error event).
    pub commands: mpsc::Sender<Command>,
    /// Target id used in its events.
    pub target: String,
    stop: CancellationToken,
    task: JoinHandle<()>,
}

impl SerialHandle {
    /// Stops the link (a write in progress ends as `gone`) and waits for it.
    pub async fn stop(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}

/// Starts a link to the controller described by `settings`. The port is opened by the task;
/// if it cannot be, the link reports `LinkDown` and retries with backoff.
pub fn start_serial(settings: SerialSettings, events: EventSink) -> SerialHandle {
    spawn_link(settings, events, None)
}

/// Opens the port first and starts the link on it: a port that cannot be opened is refused
/// here, with the reason, instead of becoming a target that retries forever.
pub fn open_serial(
    settings: SerialSettings,
    events: EventSink,
) -> Result<SerialHandle, SerialError> {
    // Called on a blocking thread within the runtime (the supervisor's connect).
    let stream = tokio::runtime::Handle::current().block_on(super::open(&settings))?;
    Ok(spawn_link(settings, events, Some(stream)))
}

fn spawn_link(
    settings: SerialSettings,
    events: EventSink,
    stream: Option<super::stream::Stream>,
) -> SerialHandle {
    let (tx, rx) = mpsc::channel(64);
    let stop = CancellationToken::new();
    let target = settings.target();
    let mut link = Link {
        target: target.clone(),
        s: settings,
        events,
        stats: LinkStats::default(),
        captured: Captured::default(),
        ctx: None,
        rx,
        stop: stop.clone(),
        down: None,
        reported: BTreeSet::new(),
    };
    if let Some(stream) = stream {
        link.attach(stream);
    }
    let task = tokio::spawn(async move {
        let first_up = link.ctx.is_some().then(|| Event::LinkUp {
            target: link.target.clone(),
            port: link.s.port.clone(),
            settings: link.s.describe(),
        });
        if let Some(e) = first_up {
            link.emit(e).await;
        }
        let target = link.target.clone();
        let events = link.events.clone();
        link.run().await;
        // Last of all: whoever forgets the target waits for this, so no reading still on its
        // way can bring the target back.
        events.send(Event::LinkClosed { target }).await;
    });
    SerialHandle {
        commands: tx,
        target,
        stop,
        task,
    }
}

/// How one call ended.
enum Step {
    Done(tokio_modbus::Response, Duration),
    Exception(ExceptionCode),
    Timeout(&'static str),
    Gone(String),
}

struct Link {
    target: String,
    s: SerialSettings,
    events: EventSink,
    stats: LinkStats,
    captured: Captured,
    ctx: Option<Context>,
    rx: mpsc::Receiver<Command>,
    stop: CancellationToken,
    /// Why the port is down (None while up or never tried).
    down: Option<String>,
    /// Poll requests whose exception was already reported.
    reported: BTreeSet<usize>,
}

impl Link {
    async fn emit(&mut self, e: Event) {
        self.events.send(e).await;
    }

    fn attach(&mut self, stream: super::stream::Stream) {
        let tap = Tap::new(stream, self.captured.clone());
        self.ctx = Some(super::stream::attach(&self.s.port, tap, self.s.slave));
    }

    /// Opens the port; true when it is open.
    async fn open(&mut self) -> bool {
        match super::open(&self.s).await {
            Ok(stream) => {
                self.attach(stream);
                let was_down = self.down.take();
                if was_down.is_some() || self.stats.requests == 0 {
                    let e = Event::LinkUp {
                        target: self.target.clone(),
                        port: self.s.port.clone(),
                        settings: self.s.describe(),
                    };
                    self.emit(e).await;
                }
                true
            }
            Err(e) => {
                self.port_gone(e.to_string()).await;
                false
            }
        }
    }

    async fn port_gone(&mut self, reason: String) {
        self.ctx = None;
        if self.down.is_none() {
            self.down = Some(reason.clone());
            self.emit(Event::LinkDown {
                target: self.target.clone(),
                reason,
            })
            .await;
        }
    }

    /// One request with its timeout; counts it, and reports it with its reply when asked:
    /// the bytes as they came, a bad CRC or a cut reply included (empty: nothing came).
    async fn call(&mut self, req: &Request) -> Step {
        let step = self.call_counted(req).await;
        let reply = self.captured.take();
        if self.s.traffic {
            let reply = match &step {
                Step::Gone(_) => String::new(),
                _ => hex::encode(&reply),
            };
            let e = Event::SerialTraffic {
                target: self.target.clone(),
                port: self.s.port.clone(),
                request: req.to_hex(),
                reply,
            };
            self.emit(e).await;
        }
        step
    }

    async fn call_counted(&mut self, req: &Request) -> Step {
        let Some(ctx) = self.ctx.as_mut() else {
            return Step::Gone("port closed".into());
        };
        ctx.set_slave(Slave(req.slave));
        self.captured.take();
        self.stats.requests += 1;
        let started = Instant::now();
        let r = timeout(self.s.timeout, ctx.call(to_modbus(req))).await;
        let took = started.elapsed();
        match r {
            Ok(Ok(Ok(resp))) => {
                self.stats.response(took);
                Step::Done(resp, took)
            }
            Ok(Ok(Err(code))) => {
                self.stats.response(took);
                self.stats.exceptions += 1;
                Step::Exception(exception(code))
            }
            Ok(Err(tokio_modbus::Error::Transport(e)))
                if e.kind() != std::io::ErrorKind::InvalidData =>
            {
                Step::Gone(gone_reason(&self.s.port, &e))
            }
            // tokio-modbus gives up on a frame it cannot resync (e.g. a long reply with a bad CRC).
            Ok(Err(tokio_modbus::Error::Transport(_))) => self.bad_reply(req).await,
            Ok(Err(tokio_modbus::Error::Protocol(e))) => {
                use tokio_modbus::ProtocolError as P;
                match e {
                    // A write sent as written (e.g. coil value 00FF) comes back under another
                    // function name; the controller's verdict is still in the reply.
                    P::FunctionCodeMismatch { result: Err(x), .. }
                    | P::HeaderMismatch { result: Err(x), .. } => {
                        self.stats.response(took);
                        self.stats.exceptions += 1;
                        Step::Exception(exception(x.exception))
                    }
                    P::FunctionCodeMismatch {
                        result: Ok(resp), ..
                    } if !matches!(req.pdu, RequestPdu::Read { .. }) => {
                        self.stats.response(took);
                        Step::Done(resp, took)
                    }
                    other => {
                        self.stats.timeouts += 1;
                        let bytes = self.captured.peek();
                        self.protocol_error(format!("reply does not match {req}: {other}"), &bytes)
                            .await;
                        self.reopen().await;
                        Step::Timeout("reply did not match the request")
                    }
                }
            }
            Err(_) => self.bad_reply(req).await,
        }
    }

    /// No usable reply: a bad CRC (tokio-modbus skips those silently; the bytes tell) or none.
    async fn bad_reply(&mut self, req: &Request) -> Step {
        let bytes = self.captured.peek();
        let crc = match Response::decode(&bytes) {
            Err(e @ RtuError::Crc { .. }) => Some(e.to_string()),
            _ => None,
        };
        let what = match crc {
            Some(err) => {
                self.stats.crc_errors += 1;
                self.protocol_error(format!("reply to {req}: {err}"), &bytes)
                    .await;
                "reply had a bad CRC"
            }
            None => {
                self.stats.timeouts += 1;
                "no reply in time"
            }
        };
        // A late reply must not be taken for the next request's: start clean.
        self.reopen().await;
        Step::Timeout(what)
    }

    async fn reopen(&mut self) {
        self.ctx = None;
        self.open().await;
    }

    async fn protocol_error(&mut self, error: String, bytes: &[u8]) {
        let e = Event::ProtocolError {
            hostid: Some(self.target.clone()),
            peer: self.s.port.clone(),
            error: error.into(),
            bytes: hex::encode(bytes),
        };
        self.emit(e).await;
    }

    async fn outcome(&mut self, uid: String, outcome: Outcome, detail: String) {
        let e = Event::CommandOutcome {
            hostid: self.target.clone(),
            uid,
            outcome,
            detail,
        };
        self.emit(e).await;
    }

    async fn command(&mut self, cmd: Command) {
        let (req, uid) = match cmd {
            Command::Write { request, uid, .. } => (request, uid),
            Command::Read { requests, uid, .. } => return self.read_once(requests, uid).await,
            other => {
                let message =
                    format!("{other:?} is not available on a serial link (only Modbus writes)");
                let e = Event::Error {
                    hostid: Some(self.target.clone()),
                    uid: None,
                    message,
                };
                return self.emit(e).await;
            }
        };
        let uid = uid.unwrap_or_else(crate::model::next_command_id);
        let text = req.to_hex();
        let (target, u) = (self.target.clone(), uid.clone());
        let refuse = move |message: String| Event::Error {
            hostid: Some(target),
            uid: Some(u),
            message,
        };
        if matches!(req.pdu, RequestPdu::Read { .. }) {
            return self
                .emit(refuse(format!("not sent: {text} is a read, not a write")))
                .await;
        }
        if req.slave == 0 {
            let msg = "not sent: slave 0 is a broadcast, which a controller never confirms; use its address";
            return self.emit(refuse(msg.into())).await;
        }
        let sent = Event::CommandSent {
            hostid: self.target.clone(),
            uid: uid.clone(),
            method: "write",
            frame: Some(text.clone()),
            decoded: req.to_string(),
        };
        self.emit(sent).await;
        if self.ctx.is_none() {
            let why = self.down.clone().unwrap_or_else(|| "port closed".into());
            return self.outcome(uid, Outcome::Gone, why).await;
        }
        match self.call(&req).await {
            Step::Done(_, took) => {
                let detail = t!(
                    "done in { $ms } ms",
                    ms = format!("{:.1}", took.as_secs_f64() * 1000.0)
                );
                self.outcome(uid, Outcome::Accepted, detail).await
            }
            Step::Exception(code) => self.outcome(uid, Outcome::Rejected, code.to_string()).await,
            Step::Timeout(what) => self.outcome(uid, Outcome::Timeout, what.into()).await,
            Step::Gone(why) => {
                self.outcome(uid, Outcome::Gone, why.clone()).await;
                self.port_gone(why).await;
            }
        }
    }

    /// Reads every block asked, once: the values as one full upload, then the outcome
    /// (accepted when any block answered, with how many did).
    async fn read_once(&mut self, requests: Vec<Request>, uid: Option<String>) {
        let uid = uid.unwrap_or_else(crate::model::next_command_id);
        if self.ctx.is_none() {
            let why = self.down.clone().unwrap_or_else(|| "port closed".into());
            return self.outcome(uid, Outcome::Gone, why).await;
        }
        let mut blocks = Vec::new();
        let mut failed = Vec::new();
        let total = requests.len();
        for req in requests
            .iter()
            .filter(|r| matches!(r.pdu, RequestPdu::Read { .. }))
        {
            match self.call(req).await {
                Step::Done(resp, _) => blocks.extend(to_block(req, resp)),
                Step::Exception(code) => failed.push(format!("{req}: {code}")),
                Step::Timeout(_) => failed.push(format!("{req}: no reply")),
                Step::Gone(why) => {
                    self.outcome(uid, Outcome::Gone, why.clone()).await;
                    return self.port_gone(why).await;
                }
            }
        }
        let answered = total - failed.len();
        if !blocks.is_empty() {
            let e = Event::Data {
                hostid: self.target.clone(),
                kind: DataKind::Full,
                blocks,
                flags: Default::default(),
            };
            self.emit(e).await;
        }
        let mut detail = format!("{answered} of {total} blocks read");
        if !failed.is_empty() {
            detail += &format!(" (not: {})", failed.join("; "));
        }
        let outcome = if answered > 0 {
            Outcome::Accepted
        } else {
            Outcome::Rejected
        };
        self.outcome(uid, outcome, detail).await;
    }

    /// Carries out the writes waiting now.
    async fn pending_commands(&mut self) {
        while let Ok(cmd) = self.rx.try_recv() {
            self.command(cmd).await;
        }
    }

    /// One pass over the poll plan; one data event for the cycle.
    async fn poll_cycle(&mut self) {
        let mut blocks = Vec::new();
        let mut stale = Vec::new();
        let plan = self.s.plan.requests.clone();
        for (i, req) in plan.iter().enumerate() {
            self.pending_commands().await;
            if self.ctx.is_none() {
                break;
            }
            match self.call(req).await {
                Step::Done(resp, _) => {
                    self.reported.remove(&i);
                    blocks.extend(to_block(req, resp));
                }
                Step::Exception(code) => {
                    if self.reported.insert(i) {
                        let message = format!("poll {req}: {code}");
                        let e = Event::Error {
                            hostid: Some(self.target.clone()),
                            uid: None,
                            message,
                        };
                        self.emit(e).await;
                    }
                    stale.extend(self.stale(req, code.to_string()));
                }
                Step::Timeout(_) => stale.extend(self.stale(req, "no reply".into())),
                Step::Gone(why) => {
                    self.port_gone(why).await;
                    break;
                }
            }
        }
        if !blocks.is_empty() {
            let e = Event::Data {
                hostid: self.target.clone(),
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

    /// A poll read's values were not refreshed (`None` for a request that is not a read).
    fn stale(&self, req: &Request, reason: String) -> Option<Event> {
        match req.pdu {
            RequestPdu::Read { table, addr, qty } => Some(Event::Stale {
                hostid: self.target.clone(),
                table,
                addr,
                qty,
                reason,
            }),
            _ => None,
        }
    }

    async fn run(mut self) {
        let mut backoff = Duration::from_millis(250);
        let mut last_stats = Instant::now();
        // Poll cycles start every `poll_delay` (a poll rate, like mbpoll's -l); a cycle that
        // overruns is followed by the next at once.
        let mut period = (!self.s.poll_delay.is_zero()).then(|| {
            let mut i = tokio::time::interval(self.s.poll_delay);
            i.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            i
        });
        loop {
            if self.stop.is_cancelled() {
                break;
            }
            if self.ctx.is_none() && !self.open().await {
                // Down: refuse writes at once, retry the port with backoff.
                let wake = sleep(backoff);
                tokio::pin!(wake);
                loop {
                    tokio::select! {
                        _ = self.stop.cancelled() => return,
                        _ = &mut wake => break,
                        Some(cmd) = self.rx.recv() => self.command(cmd).await,
                    }
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
            backoff = Duration::from_millis(250);
            if let Some(p) = period.as_mut() {
                // Writes go out while waiting for the next cycle.
                loop {
                    tokio::select! {
                        _ = self.stop.cancelled() => return,
                        _ = p.tick() => break,
                        Some(cmd) = self.rx.recv() => self.command(cmd).await,
                    }
                }
            } else {
                tokio::task::yield_now().await;
            }
            self.poll_cycle().await;
            if last_stats.elapsed() >= Duration::from_secs(1) {
                last_stats = Instant::now();
                self.emit(Event::Stats {
                    target: self.target.clone(),
                    stats: self.stats,
                })
                .await;
            }
        }
    }
}

/// Why the link went down, from the error of a call: a connection the other end closed is
/// said so (tokio-modbus reports it as a missing file or an early end).
fn gone_reason(port: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // An end of stream comes as "Success (os error 0)" from tokio-modbus.
    let closed = e.raw_os_error() == Some(0)
        || matches!(
            e.kind(),
            K::NotFound
                | K::UnexpectedEof
                | K::ConnectionReset
                | K::ConnectionAborted
                | K::BrokenPipe
                | K::WouldBlock
        );
    if closed && crate::model::serial::Transport::of(port).is_network() {
        t!(
            "{ $address }: the connection was closed by the other end",
            address = port
        )
    } else {
        format!("{port}: {e}")
    }
}
