//! The hub: one task that owns the registry of sessions. Connections register with it; commands
//! from outside are routed through it to the connection of their modem.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::event::{Command, Event, EventSink, OfflineReason, SessionInfo};
use crate::model::HostId;
use crate::proto::PollPlan;

/// What the hub remembers of a modem's last login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginInfo {
    /// Modem name.
    pub hostname: String,
    /// Controller model.
    pub moduletype: String,
    /// The plan it was given (shared with its connection's session).
    pub plan: std::sync::Arc<PollPlan>,
    /// How its multi-byte coil deltas are read (its map's setting).
    pub coil_delta: crate::proto::map::CoilDelta,
}

/// What the hub asks a connection to do.
#[derive(Debug)]
pub enum ConnCmd {
    /// Send a command to the modem (uid already assigned). Boxed: the channel of every
    /// connection holds a block of these, idle or not, so the message stays one word.
    Send(Box<(Command, String)>),
    /// Close: another connection took over this hostid.
    Replaced,
}

/// Messages to the hub.
#[derive(Debug)]
pub enum HubMsg {
    /// A login was accepted.
    LoggedIn {
        /// Modem id.
        hostid: HostId,
        /// What it said.
        info: LoginInfo,
        /// Where from.
        peer: SocketAddr,
    },
    /// A long connection identified itself.
    Attach {
        /// Modem id.
        hostid: HostId,
        /// Connection id (unique per server).
        conn: u64,
        /// Remote address.
        peer: SocketAddr,
        /// Commands to the connection.
        tx: mpsc::Sender<ConnCmd>,
        /// `LongCon`: replaces a live connection; otherwise a live one stays.
        take_over: bool,
        /// Answered with the last login, if any, and whether the connection is a second one
        /// beside the live connection (not attached), or why it is refused.
        reply: oneshot::Sender<AttachReply>,
    },
    /// A long connection ended.
    Detach {
        /// Modem id.
        hostid: HostId,
        /// Connection id.
        conn: u64,
        /// Why.
        reason: OfflineReason,
    },
    /// A command from outside.
    Command(Command),
}

/// The hub's answer to an attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachReply {
    /// Attached (or kept beside the live connection when `parallel`), with the last login.
    Attached {
        /// The modem's last login, if any.
        login: Option<LoginInfo>,
        /// A second connection beside the live one.
        parallel: bool,
    },
    /// Refused: the hostid is online from another address (the reason says which).
    Refused(String),
}

/// How long a login with the right password vouches for a long connection from its address
/// that takes over from another address (with an allow-list).
const LOGIN_VOUCHES: std::time::Duration = std::time::Duration::from_secs(300);

struct Attached {
    conn: u64,
    peer: SocketAddr,
    tx: mpsc::Sender<ConnCmd>,
}

/// The hub's state.
pub struct Hub {
    logins: BTreeMap<HostId, LoginInfo>,
    /// Where each modem's last accepted login came from, and when.
    login_from: BTreeMap<HostId, (std::net::IpAddr, std::time::Instant)>,
    /// Modems must log in with a password (`--allow`): a claim from another address without
    /// one is refused.
    allow_list: bool,
    attached: BTreeMap<HostId, Attached>,
    events: EventSink,
}

impl Hub {
    /// A hub sending events to `events`.
    pub fn new(events: EventSink) -> Self {
        Hub {
            logins: BTreeMap::new(),
            login_from: BTreeMap::new(),
            allow_list: false,
            attached: BTreeMap::new(),
            events,
        }
    }

    /// Modems log in with passwords (`--allow`): a long connection that claims a hostid online
    /// from another address is refused unless a login with the password came from there.
    pub fn with_allow_list(mut self, on: bool) -> Self {
        self.allow_list = on;
        self
    }

    /// Remembers a login from before this start (the registry of a recording).
    pub fn remember(&mut self, hostid: &str, info: LoginInfo) {
        self.logins.insert(hostid.into(), info);
    }

    /// Runs until shutdown or until every sender is gone.
    pub async fn run(mut self, mut rx: mpsc::Receiver<HubMsg>, shutdown: CancellationToken) {
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => break,
                msg = rx.recv() => match msg {
                    Some(m) => self.handle(m).await,
                    None => break,
                },
            }
        }
    }

    async fn handle(&mut self, msg: HubMsg) {
        match msg {
            HubMsg::LoggedIn { hostid, info, peer } => {
                self.login_from
                    .insert(hostid.clone(), (peer.ip(), std::time::Instant::now()));
                self.logins.insert(hostid, info);
            }
            HubMsg::Attach {
                hostid,
                conn,
                peer,
                tx,
                take_over,
                reply,
            } => {
                let login = self.logins.get(&hostid).cloned();
                if !take_over && self.attached.get(&hostid).is_some_and(|a| a.conn != conn) {
                    let _ = reply.send(AttachReply::Attached {
                        login,
                        parallel: true,
                    });
                    return;
                }
                // A claim on a hostid that is online from another address.
                if let Some(live) = self
                    .attached
                    .get(&hostid)
                    .filter(|a| a.conn != conn && a.peer.ip() != peer.ip())
                    .map(|a| a.peer)
                {
                    let vouched = self
                        .login_from
                        .get(&hostid)
                        .is_some_and(|(ip, at)| *ip == peer.ip() && at.elapsed() < LOGIN_VOUCHES);
                    if self.allow_list && !vouched {
                        let why = format!(
                            "{hostid} is online from {live}: a long connection from {peer} \
                             without a login with its password from there is refused"
                        );
                        let _ = reply.send(AttachReply::Refused(why.clone()));
                        self.events
                            .send(Event::ProtocolError {
                                hostid: Some(hostid.into()),
                                peer: peer.to_string(),
                                error: why.into(),
                                bytes: String::new(),
                            })
                            .await;
                        return;
                    }
                    let error = if self.allow_list {
                        format!(
                            "{hostid}, online from {live}, logged in again from {peer} with \
                             its password: the new connection takes over"
                        )
                    } else {
                        format!(
                            "{hostid}, online from {live}, is now claimed from {peer}: the new \
                             connection takes over (with --allow and a password such a claim \
                             is refused)"
                        )
                    };
                    self.events
                        .send(Event::ProtocolError {
                            hostid: Some(hostid.to_string()),
                            peer: peer.to_string(),
                            error: error.into(),
                            bytes: String::new(),
                        })
                        .await;
                }
                let old = self
                    .attached
                    .insert(hostid.clone(), Attached { conn, peer, tx });
                let replaced = old.is_some();
                if let Some(old) = old {
                    // The old task closes itself; its Detach no longer matches and is ignored.
                    let _ = old.tx.try_send(ConnCmd::Replaced);
                }
                let _ = reply.send(AttachReply::Attached {
                    login,
                    parallel: false,
                });
                self.events
                    .send(Event::Online {
                        hostid: hostid.into(),
                        peer,
                        replaced,
                    })
                    .await;
            }
            HubMsg::Detach {
                hostid,
                conn,
                reason,
            } => {
                if self.attached.get(&hostid).is_some_and(|a| a.conn == conn) {
                    self.attached.remove(&hostid);
                    let hostid = hostid.into();
                    self.events.send(Event::Offline { hostid, reason }).await;
                }
            }
            HubMsg::Command(Command::Sessions) => {
                let list = self.sessions();
                self.events.send(Event::Sessions { sessions: list }).await;
            }
            HubMsg::Command(cmd) => self.route(cmd).await,
        }
    }

    fn sessions(&self) -> Vec<SessionInfo> {
        let mut ids: Vec<&HostId> = self.logins.keys().chain(self.attached.keys()).collect();
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .map(|h| {
                let login = self.logins.get(h);
                let att = self.attached.get(h);
                SessionInfo {
                    hostid: h.clone(),
                    hostname: login.map(|l| l.hostname.clone()).unwrap_or_default(),
                    moduletype: login.map(|l| l.moduletype.clone()).unwrap_or_default(),
                    online: att.is_some(),
                    peer: att.map(|a| a.peer),
                }
            })
            .collect()
    }

    async fn route(&mut self, cmd: Command) {
        let (hostid, uid) = match &cmd {
            Command::Write { hostid, uid, .. }
            | Command::SetPort { hostid, uid, .. }
            | Command::Reset { hostid, uid } => (hostid.clone(), uid.clone()),
            Command::Read { hostid, uid, .. } => {
                // A modem reads what its plan says, on its own: reads once are a serial
                // link's.
                let e = Event::Error {
                    hostid: Some(hostid.clone()),
                    uid: uid.clone(),
                    message: format!(
                        "{hostid}: a modem reads what its poll plan says; reads once are for a \
                         controller on a serial port"
                    ),
                };
                return self.events.send(e).await;
            }
            Command::Sessions => return,
        };
        let uid = uid.unwrap_or_else(crate::model::next_command_id);
        let failure = match self.attached.get(hostid.as_str()) {
            None => Some(format!("no modem {hostid} is online")),
            Some(a) => match a.tx.try_send(ConnCmd::Send(Box::new((cmd, uid.clone())))) {
                Ok(()) => None,
                Err(_) => Some(format!(
                    "modem {hostid} is not taking commands (busy or closing)"
                )),
            },
        };
        if let Some(message) = failure {
            self.events
                .send(Event::Error {
                    hostid: Some(hostid),
                    uid: Some(uid),
                    message,
                })
                .await;
        }
    }
}
