//! One task per TCP connection: a thin shell around the sans-IO [`Session`]. It reads the
//! socket, the hub's commands and the session's deadline, feeds each to the session with the
//! time, and carries out what the session asks (bytes to write, events, hub requests).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncWriteExt, Interest};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, timeout};
use tokio_util::sync::CancellationToken;

use super::config::{ServerConfig, advertise_address};
use super::event::{EventSink, OfflineReason};
use super::hub::{AttachReply, ConnCmd, HubMsg};
use super::session::limit::LoginLimiter;
use super::session::{Output, Session};
use crate::sync::lock;

/// What every connection of a server shares.
pub struct Shared {
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// The `liveData` address.
    pub advertise: String,
    /// The hub.
    pub hub: mpsc::Sender<HubMsg>,
    /// Where events go.
    pub events: EventSink,
    /// Cancelled at shutdown.
    pub shutdown: CancellationToken,
    /// Refused logins per address.
    pub limiter: Arc<Mutex<LoginLimiter>>,
    /// Connections that have not identified themselves yet, oldest first: at the connection
    /// limit the oldest is closed to make room (a flood of silent peers cannot lock modems
    /// out).
    pub unidentified: Mutex<BTreeMap<u64, (SocketAddr, CancellationToken)>>,
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
            config: Arc::new(config),
            advertise,
            hub,
            events,
            shutdown,
            limiter: Default::default(),
            unidentified: Mutex::new(BTreeMap::new()),
        }
    }
}

/// Bytes read from the socket at a time.
const READ_CHUNK: usize = 4096;

/// A write that takes longer than this means the peer is gone.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

fn wall_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

struct Shell {
    shared: Arc<Shared>,
    id: u64,
    peer: SocketAddr,
    session: Session,
    cmd_tx: mpsc::Sender<ConnCmd>,
}

/// Serves one connection until it closes.
pub async fn handle(mut stream: TcpStream, peer: SocketAddr, id: u64, shared: Arc<Shared>) {
    let (cmd_tx, mut cmd_rx) = mpsc::channel(64);
    let session = Session::new(
        shared.config.clone(),
        shared.advertise.clone(),
        peer,
        Instant::now().into_std(),
    )
    .with_limiter(shared.limiter.clone());
    let evict = CancellationToken::new();
    lock(&shared.unidentified).insert(id, (peer, evict.clone()));
    let mut registered = true;
    let mut shell = Shell {
        shared,
        id,
        peer,
        session,
        cmd_tx,
    };
    let shutdown = shell.shared.shutdown.clone();
    // Made once and polled again each turn, not made anew per message: each waits in a
    // list or the timer wheel, and joining and leaving those per message costs.
    let shut = shutdown.cancelled();
    let evicted = evict.cancelled();
    let timer = tokio::time::sleep_until(Instant::from_std(shell.session.poll_timeout()));
    tokio::pin!(shut, evicted, timer);
    let reason = loop {
        let deadline = Instant::from_std(shell.session.poll_timeout());
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        tokio::select! {
            _ = &mut shut => break OfflineReason::Shutdown,
            _ = &mut evicted => break OfflineReason::Disconnected,
            Some(cmd) = cmd_rx.recv() => match cmd {
                ConnCmd::Send(c) => {
                    let (cmd, uid) = *c;
                    shell.session.handle_command(Instant::now().into_std(), cmd, uid)
                }
                ConnCmd::Replaced => shell.session.handle_replaced(),
            },
            r = stream.readable() => {
                if r.is_err() {
                    break OfflineReason::Disconnected;
                }
                // Read into the stack, not into a buffer per connection: an idle modem then
                // holds no read buffer at all (what is left of a message waits in the
                // session's splitter).
                let mut buf = [0u8; READ_CHUNK];
                match read_some(&stream, &mut buf) {
                    Ok(0) => break OfflineReason::Disconnected,
                    Ok(n) => shell.session.handle_input(Instant::now().into_std(), wall_ms(), &buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                    Err(_) => break OfflineReason::Disconnected,
                }
            }
            _ = &mut timer => shell.session.handle_timeout(Instant::now().into_std()),
        }
        if !shell.drive(&stream).await {
            break OfflineReason::Disconnected;
        }
        if registered && shell.session.identified() {
            registered = false;
            lock(&shell.shared.unidentified).remove(&shell.id);
        }
        if let Some(r) = shell.session.closed() {
            break r;
        }
    };
    if registered {
        lock(&shell.shared.unidentified).remove(&shell.id);
    }
    let _ = stream.shutdown().await;
    shell.session.handle_close(reason);
    shell.forward_outputs().await;
}

/// Reads what the socket holds, once. A read that does not fill `buf` took all there was: the
/// socket is then marked not ready, as tokio's own reads do, instead of finding out with one
/// more system call that would block (one per message otherwise).
fn read_some(stream: &TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = None;
    let r = stream.try_io(Interest::READABLE, || {
        let n = stream.try_read(buf)?;
        if n > 0 && n < buf.len() {
            got = Some(n);
            return Err(std::io::ErrorKind::WouldBlock.into());
        }
        Ok(n)
    });
    match got {
        Some(n) => Ok(n),
        None => r,
    }
}

/// Writes all of `bytes`, waiting for room when the socket's buffer is full.
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        match stream.try_write(bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => stream.writable().await?,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl Shell {
    /// Writes what the session queued and carries out its outputs; false when the socket failed.
    async fn drive(&mut self, wr: &TcpStream) -> bool {
        // Replies first: a modem's answer never waits on the events that follow it.
        let mut ok = self.write(wr).await;
        while let Some(out) = self.session.poll_output() {
            self.carry_out(out).await;
            // An attach may have released more input, and with it more replies.
            ok &= self.write(wr).await;
        }
        ok
    }

    async fn write(&mut self, wr: &TcpStream) -> bool {
        let bytes = self.session.transmit();
        if bytes.is_empty() {
            return true;
        }
        let ok = matches!(
            timeout(WRITE_TIMEOUT, write_all(wr, bytes)).await,
            Ok(Ok(()))
        );
        self.session.transmitted();
        ok
    }

    /// Outputs after the socket closed (outcomes of commands left, the detach).
    async fn forward_outputs(&mut self) {
        while let Some(out) = self.session.poll_output() {
            self.carry_out(out).await;
        }
    }

    async fn carry_out(&mut self, out: Output) {
        match out {
            Output::Event(e) => self.shared.events.send(e).await,
            Output::LoggedIn { hostid, info } => {
                let peer = self.peer;
                let _ = self
                    .shared
                    .hub
                    .send(HubMsg::LoggedIn {
                        hostid: hostid.into(),
                        info,
                        peer,
                    })
                    .await;
            }
            Output::Attach { hostid, take_over } => {
                let (reply, rx) = oneshot::channel();
                let msg = HubMsg::Attach {
                    hostid: hostid.into(),
                    conn: self.id,
                    peer: self.peer,
                    tx: self.cmd_tx.clone(),
                    take_over,
                    reply,
                };
                if self.shared.hub.send(msg).await.is_err() {
                    self.session.handle_close(OfflineReason::Shutdown);
                    return;
                }
                match rx.await {
                    Ok(AttachReply::Attached { login, parallel }) => {
                        self.session.handle_attached(login, parallel)
                    }
                    Ok(AttachReply::Refused(why)) => self.session.handle_attach_refused(&why),
                    Err(_) => self.session.handle_attached(None, false),
                }
            }
            Output::Detach { hostid, reason } => {
                let msg = HubMsg::Detach {
                    hostid: hostid.into(),
                    conn: self.id,
                    reason,
                };
                let _ = self.shared.hub.send(msg).await;
            }
        }
    }
}
