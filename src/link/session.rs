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

use super::config::ServerConfig;
use super::event::{Command, DataKind, Direction, Event, OfflineReason, Outcome};
use super::hub::LoginInfo;
use crate::proto::downlink::{
    Downlink, LoginReply, RETCODE_MALFORMED, RETCODE_OK, RETCODE_REFUSED,
};
use crate::proto::fields::{Fields, MessageError, parse_object};
use crate::proto::image::delta_blocks;
use crate::proto::uplink::{Login, Uplink, WriteReply};
use crate::proto::{Piece, PollPlan, Splitter, hex};

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

/// What the splitter and parser made of one piece of input.
enum Input {
    Message(Uplink, Option<String>),
    Bad {
        error: MessageError,
        method: Option<String>,
        bytes: Vec<u8>,
    },
    Garbage(Vec<u8>),
    Oversized(usize),
}

/// The protocol state of one TCP connection from a modem.
pub struct Session {
    config: Arc<ServerConfig>,
    advertise: String,
    peer: SocketAddr,
    splitter: Splitter,
    hostid: Option<String>,
    /// Waiting for the hub's answer to `Output::Attach` for this hostid, with the message
    /// that asked for it.
    attaching: Option<(String, Uplink)>,
    plan: PollPlan,
    pending: VecDeque<Pending>,
    transmit: Vec<u8>,
    outputs: VecDeque<Output>,
    last_rx: Instant,
    wall_ms: i64,
    closed: Option<OfflineReason>,
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
            plan: config.default_plan.clone(),
            config,
            advertise,
            peer,
            hostid: None,
            attaching: None,
            pending: VecDeque::new(),
            transmit: Vec::new(),
            outputs: VecDeque::new(),
            last_rx: now,
            wall_ms: 0,
            closed: None,
        }
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

    /// The next event or hub request.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// When [`Session::handle_timeout`] is due: a command's deadline, or the silence after
    /// which the modem is offline (or an unidentified connection is closed).
    pub fn poll_timeout(&self) -> Instant {
        let silence = if self.hostid.is_some() {
            self.config.offline_after()
        } else {
            self.config.idle_timeout
        };
        let mut d = self.last_rx + silence;
        for p in &self.pending {
            d = d.min(p.deadline);
        }
        d
    }

    /// Bytes arrived at `now` (`wall_ms`: the wall clock, for time replies).
    pub fn handle_input(&mut self, now: Instant, wall_ms: i64, data: &[u8]) {
        self.last_rx = now;
        self.wall_ms = wall_ms;
        self.splitter.push(data);
        self.process();
    }

    /// The hub's answer to `Output::Attach`: the modem's last login (`None` if it has not
    /// logged in since the server started). Processing of waiting input resumes.
    pub fn handle_attached(&mut self, login: Option<LoginInfo>) {
        let Some((hostid, msg)) = self.attaching.take() else {
            return;
        };
        if let Some(info) = login {
            self.plan = info.plan;
        }
        self.hostid = Some(hostid);
        self.on_identified(msg);
        self.process();
    }

    /// A command for the modem, with its uid.
    pub fn handle_command(&mut self, now: Instant, cmd: Command, uid: String) {
        let hostid = self.hostid.clone().unwrap_or_default();
        let (msg, kind, frame, decoded) = match cmd {
            Command::Write { request, .. } => {
                let text = request.to_hex();
                let msg = Downlink::WriteFrame {
                    frame: text.clone(),
                    uid: uid.clone(),
                };
                let decoded = request.to_string();
                (msg, PendingKind::Frame(text.clone()), Some(text), decoded)
            }
            Command::SetPort {
                module_port,
                module_baud,
                ..
            } => (
                Downlink::WritePort {
                    module_port,
                    module_baud,
                    uid: uid.clone(),
                },
                PendingKind::Port {
                    port: module_port,
                    baud: module_baud,
                },
                None,
                format!("modulePort {module_port}, moduleBaud {module_baud}"),
            ),
            Command::Reset { .. } => (Downlink::Reset, PendingKind::Reset, None, "reset".into()),
            Command::Sessions => return,
        };
        self.send(&msg);
        self.pending.push_back(Pending {
            uid: uid.clone(),
            kind,
            deadline: now + self.config.command_timeout,
        });
        let method = if matches!(msg, Downlink::Reset) {
            "reset"
        } else {
            "writeConfig"
        };
        self.emit(Event::CommandSent {
            hostid,
            uid,
            method,
            frame,
            decoded,
        });
    }

    /// Another connection took over this modem: close.
    pub fn handle_replaced(&mut self) {
        self.closed.get_or_insert(OfflineReason::Disconnected);
    }

    /// Time passed: commands past their deadline end as `timeout`; a silent connection closes.
    pub fn handle_timeout(&mut self, now: Instant) {
        while let Some(i) = self.pending.iter().position(|p| p.deadline <= now) {
            if let Some(p) = self.pending.remove(i) {
                let secs = self.config.command_timeout.as_secs_f64();
                let detail = format!("no answer within {secs} s");
                self.outcome(p.uid, Outcome::Timeout, detail);
            }
        }
        let silence = if self.hostid.is_some() {
            self.config.offline_after()
        } else {
            self.config.idle_timeout
        };
        if now >= self.last_rx + silence {
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
            self.outcome(p.uid, Outcome::Gone, why.into());
        }
        if let Some(hostid) = self.hostid.take() {
            self.outputs.push_back(Output::Detach { hostid, reason });
        }
    }

    fn emit(&mut self, event: Event) {
        self.outputs.push_back(Output::Event(event));
    }

    fn protocol_error(&mut self, error: String, bytes: &[u8]) {
        self.emit(Event::ProtocolError {
            hostid: self.hostid.clone(),
            peer: self.peer.to_string(),
            error,
            bytes: hex::encode(&bytes[..bytes.len().min(MAX_ERROR_BYTES)]),
        });
    }

    /// Queues a message to the modem.
    fn send(&mut self, msg: &Downlink) {
        let text = msg.to_json();
        self.transmit.extend_from_slice(text.as_bytes());
        self.transmit
            .extend_from_slice(self.config.terminator.bytes());
        if self.config.traffic {
            self.emit(Event::Traffic {
                hostid: self.hostid.clone(),
                peer: self.peer,
                direction: Direction::Out,
                text,
            });
        }
    }

    /// Handles buffered input until it runs out, the session closes, or it waits for the hub.
    fn process(&mut self) {
        while self.closed.is_none() && self.attaching.is_none() {
            let Some(input) = self.next_input() else {
                break;
            };
            self.on_input(input);
        }
    }

    fn next_input(&mut self) -> Option<Input> {
        let traffic = self.config.traffic;
        Some(match self.splitter.next_piece()? {
            Piece::Object(b) => match parse_object(b) {
                Ok(map) => {
                    let method = Fields(&map).method().ok();
                    match Uplink::from_object(map) {
                        Ok(m) => {
                            Input::Message(m, traffic.then(|| String::from_utf8_lossy(b).into()))
                        }
                        Err(error) => Input::Bad {
                            error,
                            method,
                            bytes: b.to_vec(),
                        },
                    }
                }
                Err(error) => Input::Bad {
                    error,
                    method: None,
                    bytes: b.to_vec(),
                },
            },
            Piece::Garbage(b) => Input::Garbage(b.to_vec()),
            Piece::Oversized { len } => Input::Oversized(len),
        })
    }

    fn on_input(&mut self, input: Input) {
        match input {
            Input::Message(msg, text) => {
                if let Some(text) = text {
                    self.emit(Event::Traffic {
                        hostid: Some(msg.hostid().to_string()),
                        peer: self.peer,
                        direction: Direction::In,
                        text,
                    });
                }
                self.on_message(msg);
            }
            Input::Bad {
                error,
                method,
                bytes,
            } => {
                self.protocol_error(error.to_string(), &bytes);
                if let Some(method) = method {
                    self.send(&Downlink::Ack {
                        method,
                        message: error.to_string(),
                        retcode: RETCODE_MALFORMED.into(),
                    });
                }
            }
            Input::Garbage(bytes) => {
                let what = format!("{} bytes of garbage between messages skipped", bytes.len());
                self.protocol_error(what, &bytes);
            }
            Input::Oversized(len) => {
                let max = self.config.max_message;
                let what =
                    format!("message of {len} bytes exceeds the {max}-byte limit; discarded");
                self.protocol_error(what, &[]);
            }
        }
    }

    fn allowed(&self, hostid: &str, password: Option<&str>) -> Result<(), String> {
        match &self.config.allow {
            None => Ok(()),
            Some(list) => match list.get(hostid) {
                None => Err(format!("hostid {hostid} is not on the allow-list")),
                Some(pw) if password.is_some_and(|p| p != pw) => Err("wrong password".to_string()),
                Some(_) => Ok(()),
            },
        }
    }

    fn on_login(&mut self, l: Login) {
        let refused = self.allowed(&l.hostid, Some(&l.password)).err();
        let plan = self.config.plan_for(&l.moduletype);
        let retcode = if refused.is_none() {
            RETCODE_OK
        } else {
            RETCODE_REFUSED
        };
        let reply = LoginReply {
            register: refused.is_none(),
            retcode: retcode.into(),
            historic: self.advertise.clone(),
            live_data: self.advertise.clone(),
            real_time: (self.wall_ms / 1000).to_string(),
            para_command: plan.to_command_string(),
            con_command: self.config.con_command.clone(),
            online_rate: self.config.online_rate,
            offline_rate: self.config.offline_rate,
            data_mode: self.config.data_mode,
            moduletype: l.moduletype.clone(),
            module_port: l.module_port.unwrap_or(2),
            module_baud: l.module_baud.unwrap_or(0),
        };
        self.send(&Downlink::LoginReply(reply));
        if refused.is_none() {
            let info = LoginInfo {
                hostname: l.hostname.clone(),
                moduletype: l.moduletype.clone(),
                plan,
            };
            self.outputs.push_back(Output::LoggedIn {
                hostid: l.hostid.clone(),
                info,
            });
        }
        self.emit(Event::Login {
            hostid: l.hostid,
            hostname: l.hostname,
            moduletype: l.moduletype,
            peer: self.peer,
            accepted: refused.is_none(),
            reason: refused,
            module_port: l.module_port,
            module_baud: l.module_baud,
        });
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
                    });
                    self.attaching = Some((hostid, msg));
                }
            },
        }
    }

    /// A message on a connection that knows its modem.
    fn on_identified(&mut self, msg: Uplink) {
        let hostid = self.hostid.clone().unwrap_or_default();
        match msg {
            Uplink::Login(_) => {}
            Uplink::LongCon { .. } => self.send(&Downlink::ok("LongCon")),
            Uplink::Heartbeat { .. } => {
                self.send(&Downlink::ok("HB"));
                self.emit(Event::Heartbeat { hostid });
            }
            Uplink::Timing { .. } => {
                self.send(&Downlink::TimingReply {
                    millis: self.wall_ms,
                });
                self.emit(Event::Timing { hostid });
            }
            Uplink::ReqData { frames, .. } => {
                self.send(&Downlink::ok("reqdata"));
                let (blocks, errors) = self.plan.decode_reqdata(&frames);
                for e in errors {
                    let bytes = hex::decode(&e.hex).unwrap_or_else(|_| e.hex.into_bytes());
                    let what = format!("reqdata frame {}: {}", e.index + 1, e.error);
                    self.protocol_error(what, &bytes);
                }
                self.emit(Event::Data {
                    hostid,
                    kind: DataKind::Full,
                    blocks,
                    flags: Default::default(),
                });
            }
            Uplink::ReqDataChange { change, .. } => {
                self.send(&Downlink::ok("reqdata"));
                let (mut blocks, errors) = delta_blocks(self.plan.slave(), &change);
                blocks.iter_mut().for_each(|b| self.plan.trim_padding(b));
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
                    Some(p) => self.outcome(p.uid, Outcome::Accepted, "modem resets".into()),
                    None => self.protocol_error("reset reply with no reset pending".into(), &[]),
                }
            }
        }
    }

    fn take_pending(
        &mut self,
        uid: Option<&str>,
        fits: impl Fn(&PendingKind) -> bool,
    ) -> Option<Pending> {
        let by_uid = uid.and_then(|u| self.pending.iter().position(|p| p.uid == u));
        let i = by_uid.or_else(|| self.pending.iter().position(|p| fits(&p.kind)))?;
        self.pending.remove(i)
    }

    fn on_write_reply(&mut self, uid: Option<String>, reply: WriteReply) {
        let found = match &reply {
            WriteReply::Frame { frame, .. } => self.take_pending(
                uid.as_deref(),
                |k| matches!(k, PendingKind::Frame(f) if f.eq_ignore_ascii_case(frame)),
            ),
            WriteReply::Port { .. } => {
                self.take_pending(uid.as_deref(), |k| matches!(k, PendingKind::Port { .. }))
            }
        };
        let Some(p) = found else {
            let what = format!("writeConfig reply (uid {uid:?}) matches no pending command");
            return self.protocol_error(what, &[]);
        };
        let (outcome, detail) = match (reply, &p.kind) {
            (WriteReply::Frame { frame, ok: true }, _) => (Outcome::Accepted, format!("{frame},1")),
            (WriteReply::Frame { frame, ok: false }, _) => {
                (Outcome::Rejected, format!("{frame},0"))
            }
            (
                WriteReply::Port {
                    module_port,
                    module_baud,
                },
                PendingKind::Port { port, baud },
            ) => {
                let show = |v: Option<u8>| v.map_or("absent".to_string(), |v| v.to_string());
                let detail = format!(
                    "modulePort {}, moduleBaud {}",
                    show(module_port),
                    show(module_baud)
                );
                if module_port == Some(*port) && module_baud == Some(*baud) {
                    (Outcome::Accepted, detail)
                } else {
                    (Outcome::Rejected, detail)
                }
            }
            (WriteReply::Port { .. }, _) => (Outcome::Rejected, "unexpected port echo".into()),
        };
        self.outcome(p.uid, outcome, detail);
    }

    fn outcome(&mut self, uid: String, outcome: Outcome, detail: String) {
        let hostid = self.hostid.clone().unwrap_or_default();
        self.emit(Event::CommandOutcome {
            hostid,
            uid,
            outcome,
            detail,
        });
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
