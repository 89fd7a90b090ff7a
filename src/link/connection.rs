//! One task per TCP connection: reads messages, answers them the way the vendor cloud does, and
//! carries commands to the modem, each ending in exactly one outcome.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, sleep_until, timeout};
use tokio_util::sync::CancellationToken;

use super::config::{ServerConfig, advertise_address};
use super::event::{Command, DataKind, Direction, Event, EventSink, OfflineReason, Outcome};
use super::hub::{ConnCmd, HubMsg, LoginInfo};
use crate::proto::downlink::{
    Downlink, LoginReply, RETCODE_MALFORMED, RETCODE_OK, RETCODE_REFUSED,
};
use crate::proto::fields::{Fields, MessageError, parse_object};
use crate::proto::image::delta_blocks;
use crate::proto::rtu::Request;
use crate::proto::uplink::{Login, Uplink, WriteReply};
use crate::proto::{Piece, PollPlan, Splitter, hex};

/// What every connection of a server shares.
pub struct Shared {
    /// Settings.
    pub config: ServerConfig,
    /// The `liveData` address.
    pub advertise: String,
    /// The hub.
    pub hub: mpsc::Sender<HubMsg>,
    /// Where events go.
    pub events: EventSink,
    /// Cancelled at shutdown.
    pub shutdown: CancellationToken,
}

impl Shared {
    /// Shared state for a server bound to `bound`.
    pub fn new(
        config: ServerConfig,
        bound: SocketAddr,
        hub: mpsc::Sender<HubMsg>,
        events: EventSink,
        shutdown: CancellationToken,
    ) -> Self {
        let advertise = advertise_address(&config, bound);
        Shared {
            config,
            advertise,
            hub,
            events,
            shutdown,
        }
    }
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

const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_ERROR_BYTES: usize = 256;

struct Connection {
    shared: Arc<Shared>,
    peer: SocketAddr,
    id: u64,
    splitter: Splitter,
    hostid: Option<String>,
    plan: PollPlan,
    pending: VecDeque<Pending>,
    out: Vec<u8>,
    cmd_tx: mpsc::Sender<ConnCmd>,
    last_rx: Instant,
    close: Option<OfflineReason>,
}

/// Serves one connection until it closes.
pub async fn handle(stream: TcpStream, peer: SocketAddr, id: u64, shared: Arc<Shared>) {
    let (cmd_tx, mut cmd_rx) = mpsc::channel(64);
    let mut c = Connection {
        splitter: Splitter::new(shared.config.max_message),
        plan: shared.config.default_plan.clone(),
        shared,
        peer,
        id,
        hostid: None,
        pending: VecDeque::new(),
        out: Vec::new(),
        cmd_tx,
        last_rx: Instant::now(),
        close: None,
    };
    let (mut rd, mut wr) = stream.into_split();
    let mut buf = vec![0u8; 16 * 1024];
    let shutdown = c.shared.shutdown.clone();
    let reason = loop {
        let deadline = c.next_deadline();
        tokio::select! {
            _ = shutdown.cancelled() => break OfflineReason::Shutdown,
            Some(cmd) = cmd_rx.recv() => c.on_command(cmd).await,
            r = rd.read(&mut buf) => match r {
                Ok(0) | Err(_) => break OfflineReason::Disconnected,
                Ok(n) => {
                    c.last_rx = Instant::now();
                    c.on_bytes(&buf[..n]).await;
                }
            },
            _ = sleep_until(deadline) => c.on_timer().await,
        }
        if !c.out.is_empty() {
            let ok = matches!(
                timeout(WRITE_TIMEOUT, wr.write_all(&c.out)).await,
                Ok(Ok(()))
            );
            c.out.clear();
            if !ok {
                break OfflineReason::Disconnected;
            }
        }
        if let Some(r) = c.close {
            break r;
        }
    };
    let _ = wr.shutdown().await;
    c.finish(reason).await;
}

fn cut_hex(bytes: &[u8]) -> String {
    hex::encode(&bytes[..bytes.len().min(MAX_ERROR_BYTES)])
}

impl Connection {
    fn config(&self) -> &ServerConfig {
        &self.shared.config
    }

    fn next_deadline(&self) -> Instant {
        let silence = if self.hostid.is_some() {
            self.config().offline_after()
        } else {
            self.config().idle_timeout
        };
        let mut d = self.last_rx + silence;
        for p in &self.pending {
            d = d.min(p.deadline);
        }
        d
    }

    async fn emit(&self, event: Event) {
        self.shared.events.send(event).await;
    }

    async fn protocol_error(&self, error: String, bytes: &[u8]) {
        self.emit(Event::ProtocolError {
            hostid: self.hostid.clone(),
            peer: self.peer.to_string(),
            error,
            bytes: cut_hex(bytes),
        })
        .await;
    }

    /// Queues a message to the modem.
    async fn send(&mut self, msg: &Downlink) {
        let text = msg.to_json();
        self.out.extend_from_slice(text.as_bytes());
        self.out
            .extend_from_slice(self.shared.config.terminator.bytes());
        if self.shared.config.traffic {
            self.emit(Event::Traffic {
                hostid: self.hostid.clone(),
                peer: self.peer,
                direction: Direction::Out,
                text,
            })
            .await;
        }
    }

    async fn on_bytes(&mut self, data: &[u8]) {
        self.splitter.push(data);
        let traffic = self.shared.config.traffic;
        loop {
            let input = match self.splitter.next_piece() {
                None => break,
                Some(Piece::Object(b)) => match parse_object(b) {
                    Ok(map) => {
                        let method = Fields(&map).method().ok();
                        match Uplink::from_object(map) {
                            Ok(m) => Input::Message(
                                m,
                                traffic.then(|| String::from_utf8_lossy(b).into()),
                            ),
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
                Some(Piece::Garbage(b)) => Input::Garbage(b.to_vec()),
                Some(Piece::Oversized { len }) => Input::Oversized(len),
            };
            self.on_input(input).await;
            if self.close.is_some() {
                break;
            }
        }
    }

    async fn on_input(&mut self, input: Input) {
        match input {
            Input::Message(msg, text) => {
                if let Some(text) = text {
                    self.emit(Event::Traffic {
                        hostid: Some(msg.hostid().to_string()),
                        peer: self.peer,
                        direction: Direction::In,
                        text,
                    })
                    .await;
                }
                self.on_message(msg).await;
            }
            Input::Bad {
                error,
                method,
                bytes,
            } => {
                self.protocol_error(error.to_string(), &bytes).await;
                if let Some(method) = method {
                    self.send(&Downlink::Ack {
                        method,
                        message: error.to_string(),
                        retcode: RETCODE_MALFORMED.into(),
                    })
                    .await;
                }
            }
            Input::Garbage(bytes) => {
                self.protocol_error(
                    format!("{} bytes of garbage between messages skipped", bytes.len()),
                    &bytes,
                )
                .await;
            }
            Input::Oversized(len) => {
                let max = self.config().max_message;
                self.protocol_error(
                    format!("message of {len} bytes exceeds the {max}-byte limit; discarded"),
                    &[],
                )
                .await;
            }
        }
    }

    fn allowed(&self, hostid: &str, password: Option<&str>) -> Result<(), String> {
        match &self.config().allow {
            None => Ok(()),
            Some(list) => match list.get(hostid) {
                None => Err(format!("hostid {hostid} is not on the allow-list")),
                Some(pw) if password.is_some_and(|p| p != pw) => Err("wrong password".to_string()),
                Some(_) => Ok(()),
            },
        }
    }

    async fn on_login(&mut self, l: Login) {
        let refused = self.allowed(&l.hostid, Some(&l.password)).err();
        let plan = self.config().plan_for(&l.moduletype);
        let reply = LoginReply {
            register: refused.is_none(),
            retcode: if refused.is_none() {
                RETCODE_OK
            } else {
                RETCODE_REFUSED
            }
            .into(),
            historic: self.shared.advertise.clone(),
            live_data: self.shared.advertise.clone(),
            real_time: chrono::Utc::now().timestamp().to_string(),
            para_command: plan.to_command_string(),
            con_command: self.config().con_command.clone(),
            online_rate: self.config().online_rate,
            offline_rate: self.config().offline_rate,
            data_mode: self.config().data_mode,
            moduletype: l.moduletype.clone(),
            module_port: l.module_port.unwrap_or(2),
            module_baud: l.module_baud.unwrap_or(0),
        };
        self.send(&Downlink::LoginReply(reply)).await;
        if refused.is_none() {
            let info = LoginInfo {
                hostname: l.hostname.clone(),
                moduletype: l.moduletype.clone(),
                plan,
            };
            let msg = HubMsg::LoggedIn {
                hostid: l.hostid.clone(),
                info,
            };
            let _ = self.shared.hub.send(msg).await;
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
        })
        .await;
    }

    /// Identifies the connection as the long connection of `hostid`. False if refused.
    async fn attach(&mut self, hostid: &str, method: &str) -> bool {
        if self.hostid.as_deref() == Some(hostid) {
            return true;
        }
        if let Some(h) = &self.hostid {
            self.protocol_error(
                format!("message for {hostid} on the connection of {h}"),
                &[],
            )
            .await;
            return true;
        }
        if let Err(why) = self.allowed(hostid, None) {
            self.send(&Downlink::Ack {
                method: method.into(),
                message: why.clone(),
                retcode: RETCODE_REFUSED.into(),
            })
            .await;
            self.emit(Event::Error {
                hostid: Some(hostid.into()),
                uid: None,
                message: format!("refused connection from {}: {why}", self.peer),
            })
            .await;
            self.close = Some(OfflineReason::Disconnected);
            return false;
        }
        let (reply, rx) = oneshot::channel();
        let msg = HubMsg::Attach {
            hostid: hostid.into(),
            conn: self.id,
            peer: self.peer,
            tx: self.cmd_tx.clone(),
            reply,
        };
        if self.shared.hub.send(msg).await.is_err() {
            self.close = Some(OfflineReason::Shutdown);
            return false;
        }
        if let Ok(Some(info)) = rx.await {
            self.plan = info.plan;
        }
        self.hostid = Some(hostid.into());
        true
    }

    async fn on_message(&mut self, msg: Uplink) {
        let msg = match msg {
            Uplink::Login(l) => return self.on_login(l).await,
            other => other,
        };
        let hostid = msg.hostid().to_string();
        if !self.attach(&hostid, msg.method()).await {
            return;
        }
        match msg {
            Uplink::Login(_) => {}
            Uplink::LongCon { .. } => self.send(&Downlink::ok("LongCon")).await,
            Uplink::Heartbeat { .. } => {
                self.send(&Downlink::ok("HB")).await;
                self.emit(Event::Heartbeat { hostid }).await;
            }
            Uplink::Timing { .. } => {
                let millis = chrono::Utc::now().timestamp_millis();
                self.send(&Downlink::TimingReply { millis }).await;
                self.emit(Event::Timing { hostid }).await;
            }
            Uplink::ReqData { frames, .. } => {
                self.send(&Downlink::ok("reqdata")).await;
                let (blocks, errors) = self.plan.decode_reqdata(&frames);
                for e in errors {
                    let bytes = hex::decode(&e.hex).unwrap_or_else(|_| e.hex.into_bytes());
                    let what = format!("reqdata frame {}: {}", e.index + 1, e.error);
                    self.protocol_error(what, &bytes).await;
                }
                self.emit(Event::Data {
                    hostid,
                    kind: DataKind::Full,
                    blocks,
                    flags: Default::default(),
                })
                .await;
            }
            Uplink::ReqDataChange { change, .. } => {
                self.send(&Downlink::ok("reqdata")).await;
                let (mut blocks, errors) = delta_blocks(self.plan.slave(), &change);
                blocks.iter_mut().for_each(|b| self.plan.trim_padding(b));
                for e in errors {
                    self.protocol_error(format!("reqdatachange {e}"), &[]).await;
                }
                self.emit(Event::Data {
                    hostid,
                    kind: DataKind::Change,
                    blocks,
                    flags: change.flags,
                })
                .await;
            }
            Uplink::WriteConfigReply { uid, reply, .. } => self.on_write_reply(uid, reply).await,
            Uplink::ResetReply { .. } => {
                match self.take_pending(None, |k| matches!(k, PendingKind::Reset)) {
                    Some(p) => {
                        self.outcome(p.uid, Outcome::Accepted, "modem resets".into())
                            .await
                    }
                    None => {
                        self.protocol_error("reset reply with no reset pending".into(), &[])
                            .await
                    }
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

    async fn on_write_reply(&mut self, uid: Option<String>, reply: WriteReply) {
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
            return self.protocol_error(what, &[]).await;
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
        self.outcome(p.uid, outcome, detail).await;
    }

    async fn outcome(&self, uid: String, outcome: Outcome, detail: String) {
        let hostid = self.hostid.clone().unwrap_or_default();
        self.emit(Event::CommandOutcome {
            hostid,
            uid,
            outcome,
            detail,
        })
        .await;
    }

    async fn on_command(&mut self, cmd: ConnCmd) {
        let (cmd, uid) = match cmd {
            ConnCmd::Replaced => {
                self.close = Some(OfflineReason::Disconnected);
                return;
            }
            ConnCmd::Send(cmd, uid) => (cmd, uid),
        };
        let hostid = self.hostid.clone().unwrap_or_default();
        let (msg, kind, frame, decoded) = match cmd {
            Command::Write { frame, .. } => {
                let text = hex::encode(&frame);
                let decoded = match Request::decode(&frame) {
                    Ok(r) => r.to_string(),
                    Err(e) => {
                        let message =
                            format!("not sent: {text} is not a valid Modbus request: {e}");
                        let uid = Some(uid);
                        let hostid = Some(hostid);
                        return self
                            .emit(Event::Error {
                                hostid,
                                uid,
                                message,
                            })
                            .await;
                    }
                };
                let msg = Downlink::WriteFrame {
                    frame: text.clone(),
                    uid: uid.clone(),
                };
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
        self.send(&msg).await;
        self.pending.push_back(Pending {
            uid: uid.clone(),
            kind,
            deadline: Instant::now() + self.config().command_timeout,
        });
        self.emit(Event::CommandSent {
            hostid,
            uid,
            method: if matches!(msg, Downlink::Reset) {
                "reset"
            } else {
                "writeConfig"
            },
            frame,
            decoded,
        })
        .await;
    }

    async fn on_timer(&mut self) {
        let now = Instant::now();
        while let Some(i) = self.pending.iter().position(|p| p.deadline <= now) {
            if let Some(p) = self.pending.remove(i) {
                let secs = self.config().command_timeout.as_secs_f64();
                self.outcome(
                    p.uid,
                    Outcome::Timeout,
                    format!("no answer within {secs} s"),
                )
                .await;
            }
        }
        if self.hostid.is_some() {
            if now >= self.last_rx + self.config().offline_after() {
                self.close = Some(OfflineReason::Timeout);
            }
        } else if now >= self.last_rx + self.config().idle_timeout {
            self.close = Some(OfflineReason::Timeout);
        }
    }

    async fn finish(mut self, reason: OfflineReason) {
        let why = match reason {
            OfflineReason::Shutdown => "server shutting down",
            _ => "connection closed before an answer",
        };
        while let Some(p) = self.pending.pop_front() {
            self.outcome(p.uid, Outcome::Gone, why.into()).await;
        }
        if let Some(hostid) = self.hostid.take() {
            let msg = HubMsg::Detach {
                hostid,
                conn: self.id,
                reason,
            };
            let _ = self.shared.hub.send(msg).await;
        }
    }
}
