//! One modem connection's protocol, sans-IO: bytes and commands in, bytes, events and hub
//! requests out, with time passed in. No socket, no clock, no tokio: the task in
//! [`super::connection`] is a thin shell that feeds it and carries out what it asks.
//!
//! Drive it like quinn-proto's `Connection`: after every `handle_*` call, drain
//! [`Session::poll_transmit`] and [`Session::poll_output`], then wait until
//! [`Session::poll_timeout`] (or the next input) and call [`Session::handle_timeout`].

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

mod commands;
mod input;
pub mod limit;
mod login;

use super::config::ServerConfig;
use super::event::{DataKind, Direction, Event, OfflineReason, Outcome, ProtocolError};
use super::hub::LoginInfo;
use crate::proto::downlink::{Downlink, RETCODE_REFUSED};
use crate::proto::image::delta_blocks;
use crate::proto::uplink::Uplink;
use crate::proto::{PollPlan, Splitter, hex};

/// Longest stretch of offending bytes carried in an error event.
const MAX_ERROR_BYTES: usize = 256;

/// What the session asks of the world besides bytes to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Something happened (for the supervisor).
    Event(Event),
    /// A login was accepted: the hub remembers it.
    LoggedIn {
        /// Modem id.
        hostid: String,
        /// What it said.
        info: LoginInfo,
    },
    /// This connection identified itself as `hostid`'s long connection: register it with the
    /// hub and answer with [`Session::handle_attached`]. Input waits until then.
    Attach {
        /// Modem id.
        hostid: String,
        /// The message was `LongCon`: this connection takes over from a live one. Anything
        /// else on a second connection (a history upload to the `historic` address) leaves
        /// the live one alone.
        take_over: bool,
    },
    /// The long connection of `hostid` ended.
    Detach {
        /// Modem id.
        hostid: String,
        /// Why.
        reason: OfflineReason,
    },
}

#[derive(Debug)]
enum PendingKind {
    Frame(String),
    Port { port: u8, baud: u8 },
    Reset,
}

#[derive(Debug)]
struct Pending {
    uid: String,
    kind: PendingKind,
    deadline: Instant,
}

/// Timed-out commands remembered for a late reply.
const MAX_EXPIRED: usize = 16;

/// The protocol state of one TCP connection from a modem.
pub struct Session {
    config: Arc<ServerConfig>,
    advertise: String,
    peer: SocketAddr,
    splitter: Splitter,
    hostid: Option<String>,
    /// Waiting for the hub's answer to `Output::Attach` for this hostid, with the message
    /// that asked for it (boxed: a moment in a connection's life, and the session's largest
    /// field inline).
    attaching: Option<Box<(String, Uplink)>>,
    /// The plan its modem was given (`None`: the default, until the login or attach).
    plan: Option<Arc<PollPlan>>,
    /// The command sent and waiting for its reply (one at a time).
    pending: VecDeque<Pending>,
    /// Commands waiting for the one in flight to end, in order.
    queue: VecDeque<(crate::link::event::Command, String)>,
    /// Commands that timed out, kept for a reply that comes late (newest last).
    expired: VecDeque<Pending>,
    /// The time of the last call in.
    now: Instant,
    transmit: Vec<u8>,
    outputs: VecDeque<Output>,
    last_rx: Instant,
    /// When the connection was accepted.
    opened: Instant,
    /// A login was answered on it (a short connection that did its job).
    login_answered: bool,
    /// Refused logins per address, shared by the server's connections.
    limiter: std::sync::Arc<std::sync::Mutex<limit::LoginLimiter>>,
    wall_ms: i64,
    closed: Option<OfflineReason>,
    /// Unknown methods already reported on this connection (lower case).
    unknown_methods: std::collections::BTreeSet<String>,
    /// A second connection of a modem that has a live one (see `handle_attached`).
    parallel: bool,
    /// How multi-byte coil deltas are read (the modem's map's setting).
    coil_delta: crate::proto::map::CoilDelta,
    /// The layout in use was said (at the first multi-byte coil value).
    coil_delta_said: bool,
    /// The last `packetnum` of a change upload (a full upload starts over).
    packets: Option<u64>,
}

impl Session {
    /// A new connection from `peer`, accepted at `now`; `advertise` is the `liveData` address.
    pub fn new(
        config: Arc<ServerConfig>,
        advertise: String,
        peer: SocketAddr,
        now: Instant,
    ) -> Self {
        Session {
            splitter: Splitter::new(config.max_message),
            plan: None,
            config,
            advertise,
            peer,
            hostid: None,
            attaching: None,
            pending: VecDeque::new(),
            queue: VecDeque::new(),
            expired: VecDeque::new(),
            now,
            transmit: Vec::new(),
            outputs: VecDeque::new(),
            last_rx: now,
            opened: now,
            login_answered: false,
            limiter: Default::default(),
            wall_ms: 0,
            closed: None,
            unknown_methods: Default::default(),
            parallel: false,
            coil_delta: Default::default(),
            coil_delta_said: false,
            packets: None,
        }
    }

    /// Shares the server's record of refused logins per address (a session alone has its
    /// own).
    pub fn with_limiter(
        mut self,
        limiter: std::sync::Arc<std::sync::Mutex<limit::LoginLimiter>>,
    ) -> Self {
        self.limiter = limiter;
        self
    }

    /// Until when the connection may stay: a modem's own after its silence; an unidentified
    /// one closes after `idle_timeout` of silence, and `idle_timeout` after it opened however
    /// slowly its bytes come (a peer trickling a byte a second is not kept forever).
    fn hold_until(&self) -> Instant {
        if self.hostid.is_some() {
            return self.last_rx + self.config.offline_after();
        }
        let idle = self.config.idle_timeout;
        if self.login_answered {
            return self.last_rx + idle;
        }
        (self.last_rx + idle).min(self.opened + idle)
    }

    /// The poll plan its modem's data follows.
    fn plan(&self) -> &PollPlan {
        self.plan.as_deref().unwrap_or(&self.config.default_plan)
    }

    /// Whether the peer said who it is: a login was answered, or a message named the modem.
    pub fn identified(&self) -> bool {
        self.hostid.is_some() || self.login_answered || self.attaching.is_some()
    }

    /// The modem this connection belongs to, once known.
    pub fn hostid(&self) -> Option<&str> {
        self.hostid.as_deref()
    }

    /// Why the session ended, once it has: the shell closes the socket.
    pub fn closed(&self) -> Option<OfflineReason> {
        self.closed
    }

    /// Bytes to write to the socket, all queued so far.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        (!self.transmit.is_empty()).then(|| std::mem::take(&mut self.transmit))
    }

    /// Bytes to write to the socket, all queued so far, left in place (no copy): call
    /// [`Session::transmitted`] once they are written.
    pub fn transmit(&self) -> &[u8] {
        &self.transmit
    }

    /// What [`Session::transmit`] gave was written.
    pub fn transmitted(&mut self) {
        // The room is given back: a modem's connection is idle between replies seconds
        // apart, and room kept for them (a few hundred bytes each) was a large part of a
        // modem's memory; making it again per reply costs next to nothing.
        self.transmit = Vec::new();
    }

    /// The next event or hub request.
    pub fn poll_output(&mut self) -> Option<Output> {
        let out = self.outputs.pop_front();
        // Drained: the room goes back (half a KiB per connection, most of the time unused).
        if out.is_none() && self.outputs.capacity() > 0 {
            self.outputs = VecDeque::new();
        }
        out
    }

    /// When [`Session::handle_timeout`] is due: a command's deadline, or the silence after
    /// which the modem is offline (or an unidentified connection is closed).
    pub fn poll_timeout(&self) -> Instant {
        let mut d = self.hold_until();
        for p in &self.pending {
            d = d.min(p.deadline);
        }
        d
    }

    /// Bytes arrived at `now` (`wall_ms`: the wall clock, for time replies).
    pub fn handle_input(&mut self, now: Instant, wall_ms: i64, data: &[u8]) {
        self.last_rx = now;
        self.now = now;
        self.wall_ms = wall_ms;
        self.splitter.push(data);
        self.process();
    }

    /// The hub's answer to `Output::Attach`: the modem's last login (`None` if it has not
    /// logged in since the server started), and whether the modem's live connection is
    /// another one (`parallel`: this one is answered and its messages kept raw, never applied
    /// as live readings). Processing of waiting input resumes.
    pub fn handle_attached(&mut self, login: Option<LoginInfo>, parallel: bool) {
        let Some((hostid, msg)) = self.attaching.take().map(|a| *a) else {
            return;
        };
        if let Some(info) = login {
            self.plan = Some(info.plan);
            self.coil_delta = info.coil_delta;
        }
        self.hostid = Some(hostid.clone());
        self.parallel = parallel;
        if parallel {
            let what = format!(
                "a second connection from {} for {hostid} ({}): answered and kept raw; the live connection stays",
                self.peer,
                msg.method()
            );
            self.protocol_error(what, &[]);
            self.emit(Event::Traffic {
                hostid: Some(hostid),
                peer: self.peer,
                direction: Direction::In,
                text: msg.to_json(),
            });
        }
        self.on_identified(msg);
        self.process();
    }

    /// The hub refused the attach (`why`: the hostid is online from another address): the
    /// message is answered as refused and the connection closes.
    pub fn handle_attach_refused(&mut self, why: &str) {
        let Some((_, msg)) = self.attaching.take().map(|a| *a) else {
            return;
        };
        self.send(&Downlink::Ack {
            method: msg.method().into(),
            message: why.to_string(),
            retcode: RETCODE_REFUSED.into(),
        });
        self.closed = Some(OfflineReason::Disconnected);
    }

    /// Another connection took over this modem: close.
    pub fn handle_replaced(&mut self) {
        self.closed.get_or_insert(OfflineReason::Disconnected);
    }

    /// Time passed: commands past their deadline end as `timeout`; a silent connection closes.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.now = now;
        while let Some(i) = self.pending.iter().position(|p| p.deadline <= now) {
            if let Some(p) = self.pending.remove(i) {
                let secs = self.config.command_timeout.as_secs_f64();
                let detail = format!("no answer within {secs} s (not resent)");
                self.outcome(p.uid.clone(), Outcome::Timeout, detail);
                // Kept for a reply that comes late: the engineer must know it ran.
                self.expired.push_back(p);
                if self.expired.len() > MAX_EXPIRED {
                    self.expired.pop_front();
                }
            }
        }
        self.send_next();
        if now >= self.hold_until() {
            // Silent peers close quietly; one that sent bytes but never a message that names
            // it (a trickle, an endless message) is said.
            if self.hostid.is_none() && !self.login_answered && self.last_rx > self.opened {
                let secs = self.config.idle_timeout.as_secs_f64();
                self.protocol_error(
                    format!(
                        "closed: not identified within {secs} s of connecting ({} bytes received)",
                        self.splitter.buffered()
                    ),
                    &[],
                );
            }
            self.closed.get_or_insert(OfflineReason::Timeout);
        }
    }

    /// The connection is gone (`reason`): every command still waiting ends as `gone`, and
    /// the modem's long connection is detached.
    pub fn handle_close(&mut self, reason: OfflineReason) {
        self.closed.get_or_insert(reason);
        let why = match reason {
            OfflineReason::Shutdown => "server shutting down",
            _ => "connection closed before an answer",
        };
        while let Some(p) = self.pending.pop_front() {
            if matches!(p.kind, PendingKind::Reset) && reason != OfflineReason::Shutdown {
                // Closing the connection is what a reset does; a modem quick to reconnect
                // may close before its reply is read. Its new login is reported after.
                let detail = "the modem closed its connection to reset".to_string();
                self.outcome(p.uid, Outcome::Accepted, detail);
            } else {
                self.outcome(p.uid, Outcome::Gone, why.into());
            }
        }
        while let Some((_, uid)) = self.queue.pop_front() {
            let why = format!("not sent: {why} (it waited for the command before it)");
            self.outcome(uid, Outcome::Gone, why);
        }
        if let Some(hostid) = self.hostid.take() {
            self.outputs.push_back(Output::Detach { hostid, reason });
        }
    }

    fn emit(&mut self, event: Event) {
        self.outputs.push_back(Output::Event(event));
    }

    fn protocol_error(&mut self, error: impl Into<ProtocolError>, bytes: &[u8]) {
        self.emit(Event::ProtocolError {
            hostid: self.hostid.clone(),
            peer: self.peer.to_string(),
            error: error.into(),
            bytes: hex::encode(&bytes[..bytes.len().min(MAX_ERROR_BYTES)]),
        });
    }

    /// Queues a message to the modem.
    fn send(&mut self, msg: &Downlink) {
        self.send_with(|out| msg.write_json(out));
    }

    /// Queues the plain ack of `method` ([`Downlink::ok`]).
    fn send_ok(&mut self, method: &str) {
        self.send_with(|out| Downlink::write_ok(method, out));
    }

    /// Queues the message `write` puts into the buffer.
    fn send_with(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        let start = self.transmit.len();
        write(&mut self.transmit);
        if self.config.traffic {
            let text = String::from_utf8_lossy(&self.transmit[start..]).into_owned();
            self.emit(Event::Traffic {
                hostid: self.hostid.clone(),
                peer: self.peer,
                direction: Direction::Out,
                text,
            });
        }
        self.transmit
            .extend_from_slice(self.config.terminator.bytes());
    }

    /// Handles buffered input until it runs out, the session closes, or it waits for the hub.
    fn process(&mut self) {
        while self.closed.is_none() && self.attaching.is_none() {
            let Some(input) = self.next_input() else {
                break;
            };
            self.on_input(input);
        }
        self.splitter.compact();
    }

    fn on_message(&mut self, msg: Uplink) {
        let msg = match msg {
            Uplink::Login(l) => return self.on_login(l),
            other => other,
        };
        let hostid = msg.hostid().to_string();
        match &self.hostid {
            Some(h) if *h == hostid => self.on_identified(msg),
            Some(h) => {
                let what = format!("message for {hostid} on the connection of {h}");
                self.protocol_error(what, &[]);
                self.on_identified(msg);
            }
            None => match self.allowed(&hostid, None) {
                Err(why) => {
                    self.send(&Downlink::Ack {
                        method: msg.method().into(),
                        message: why.clone(),
                        retcode: RETCODE_REFUSED.into(),
                    });
                    self.emit(Event::Error {
                        hostid: Some(hostid),
                        uid: None,
                        message: format!("refused connection from {}: {why}", self.peer),
                    });
                    self.closed = Some(OfflineReason::Disconnected);
                }
                Ok(()) => {
                    self.outputs.push_back(Output::Attach {
                        hostid: hostid.clone(),
                        take_over: matches!(msg, Uplink::LongCon { .. }),
                    });
                    self.attaching = Some(Box::new((hostid, msg)));
                }
            },
        }
    }

    /// A message on a connection that knows its modem.
    fn on_identified(&mut self, msg: Uplink) {
        let hostid = self.hostid.clone().unwrap_or_default();
        if self.parallel {
            return self.on_parallel(msg);
        }
        match msg {
            Uplink::Login(_) => {}
            Uplink::LongCon { .. } => self.send_ok("LongCon"),
            Uplink::Heartbeat { .. } => {
                self.send_ok("HB");
                self.emit(Event::Heartbeat { hostid });
            }
            Uplink::Timing { .. } => {
                self.send(&Downlink::TimingReply {
                    millis: self.wall_ms,
                });
                self.emit(Event::Timing { hostid });
            }
            Uplink::ReqData { frames, .. } => {
                self.send_ok("reqdata");
                let (blocks, errors) = self.plan().decode_reqdata(&frames);
                let mut stale = Vec::new();
                for e in errors {
                    let bytes = hex::decode(&e.hex).unwrap_or_else(|_| e.hex.into_bytes());
                    let what = format!("reqdata frame {}: {}", e.index + 1, e.error);
                    self.protocol_error(what, &bytes);
                    // The request's values were not refreshed: say so, never leave them
                    // looking current.
                    if let Some(req) = self.plan().requests.get(e.index)
                        && let crate::proto::rtu::RequestPdu::Read { table, addr, qty } = req.pdu
                    {
                        stale.push(Event::Stale {
                            hostid: hostid.clone(),
                            table,
                            addr,
                            qty,
                            reason: e.error.to_string(),
                        });
                    }
                }
                self.packets = None;
                self.emit(Event::Data {
                    hostid,
                    kind: DataKind::Full,
                    blocks,
                    flags: Default::default(),
                });
                // After the data: a block refreshed in this upload is not stale.
                for s in stale {
                    self.emit(s);
                }
            }
            Uplink::ReqDataChange { change, .. } => {
                self.send_ok("reqdata");
                self.say_coil_delta(&change);
                if let Some(n) = change.packetnum {
                    if let Some(last) = self.packets
                        && n > last + 1
                    {
                        self.emit(Event::PacketGap {
                            hostid: hostid.clone(),
                            missed: n - last - 1,
                        });
                    }
                    self.packets = Some(n);
                }
                let (mut blocks, errors) =
                    delta_blocks(self.plan().slave(), &change, self.coil_delta);
                blocks.iter_mut().for_each(|b| self.plan().trim_padding(b));
                for e in errors {
                    self.protocol_error(format!("reqdatachange {e}"), &[]);
                }
                self.emit(Event::Data {
                    hostid,
                    kind: DataKind::Change,
                    blocks,
                    flags: change.flags,
                });
            }
            Uplink::WriteConfigReply { uid, reply, .. } => self.on_write_reply(uid, reply),
            Uplink::ResetReply { .. } => {
                match self.take_pending(None, |k| matches!(k, PendingKind::Reset)) {
                    Some(p) => {
                        self.outcome(p.uid, Outcome::Accepted, "modem resets".into());
                        self.send_next();
                    }
                    None => self.protocol_error("reset reply with no reset pending", &[]),
                }
            }
        }
    }
}

impl Session {
    /// At the first coil or input value longer than one byte, says once how it is read.
    fn say_coil_delta(&mut self, change: &crate::proto::uplink::DataChange) {
        if self.coil_delta_said {
            return;
        }
        let long = change.tables.iter().find_map(|t| {
            matches!(t.function, 1 | 2)
                .then(|| t.entries.iter().find(|(_, v)| v.trim().len() > 2))
                .flatten()
                .map(|(a, v)| (t.function, *a, v.clone()))
        });
        let Some((function, addr, value)) = long else {
            return;
        };
        self.coil_delta_said = true;
        let hostid = self.hostid.clone();
        let layout = self.coil_delta.name();
        self.emit(Event::Notice {
            hostid,
            kind: crate::model::NoticeKind::Warning,
            message: format!(
                "coil value {function:02X}/{addr} = {value} spans more than one byte: read as \
                 {layout} (the map's settings.coil_delta; the other reading is \
                 {}). Check a few of these bits against the controller's display; the raw \
                 value is in the traffic inspector",
                match self.coil_delta {
                    crate::proto::map::CoilDelta::RtuBytes => "integer-lsb",
                    crate::proto::map::CoilDelta::IntegerLsb => "rtu-bytes",
                }
            ),
        });
    }

    /// A message on a second connection: answered as usual, kept raw (traffic), never applied
    /// as the modem's live readings or heartbeat, and never taken as a command's reply.
    fn on_parallel(&mut self, msg: Uplink) {
        match msg {
            Uplink::Login(_) | Uplink::WriteConfigReply { .. } | Uplink::ResetReply { .. } => {
                let what = format!("{} on a second connection: not applied", msg.method());
                self.protocol_error(what, &[]);
            }
            Uplink::LongCon { .. } => self.send_ok("LongCon"),
            Uplink::Heartbeat { .. } => self.send_ok("HB"),
            Uplink::Timing { .. } => self.send(&Downlink::TimingReply {
                millis: self.wall_ms,
            }),
            Uplink::ReqData { .. } | Uplink::ReqDataChange { .. } => self.send_ok("reqdata"),
        }
    }
}

#[cfg(test)]
mod tests;
