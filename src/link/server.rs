//! The listener: accepts modem connections, one task each, within the configured limits.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::config::ServerConfig;
use super::connection::{self, Shared};
use super::event::{Command, Event, EventSink};
use super::hub::{Hub, HubMsg};

/// A running server.
pub struct ServerHandle {
    /// Commands to the server.
    pub commands: mpsc::Sender<Command>,
    /// The bound address.
    pub addr: SocketAddr,
    /// The address modems are told to use.
    pub advertise: String,
    shutdown: CancellationToken,
    task: JoinHandle<()>,
}

impl ServerHandle {
    /// Stops accepting, closes every connection (pending commands end as `gone`), and waits.
    pub async fn shutdown(self) {
        self.shutdown.cancel();
        let _ = self.task.await;
    }
}

/// Binds `config.listen` and starts the server.
pub async fn bind(config: ServerConfig, events: EventSink) -> std::io::Result<ServerHandle> {
    Ok(start(listen(config.listen)?, config, events).await)
}

/// Connections the system queues before they are accepted. The usual default (128) overflows
/// when thousands of modems reconnect at once (after a cell outage, say): the ones dropped
/// retry only a second later, and again.
pub const BACKLOG: u32 = 4096;

/// A listener on `addr` with a backlog of [`BACKLOG`].
pub fn listen(addr: std::net::SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Starts the server on a bound listener (tests bind port 0 and hand it in).
pub async fn start(listener: TcpListener, config: ServerConfig, events: EventSink) -> ServerHandle {
    let addr = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
    let shutdown = CancellationToken::new();
    let (hub_tx, hub_rx) = mpsc::channel(1024);
    let shared = Arc::new(Shared::new(
        config,
        addr,
        hub_tx.clone(),
        events.clone(),
        shutdown.clone(),
    ));
    let advertise = shared.advertise.clone();
    events
        .send(Event::Listening {
            addr,
            advertise: advertise.clone(),
        })
        .await;
    let mut hub = Hub::new(events.clone()).with_allow_list(shared.config.allow.is_some());
    for (hostid, (hostname, moduletype)) in &shared.config.known {
        let info = super::hub::LoginInfo {
            hostname: hostname.clone(),
            moduletype: moduletype.clone(),
            plan: Arc::new(shared.config.plan_for(moduletype)),
            coil_delta: shared.config.coil_delta_for(moduletype),
        };
        hub.remember(hostid, info);
    }
    let hub = tokio::spawn(hub.run(hub_rx, shutdown.clone()));

    let (cmd_tx, mut cmd_rx) = mpsc::channel::<Command>(256);
    let forward_hub = hub_tx;
    let forward_stop = shutdown.clone();
    let forward = tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = forward_stop.cancelled() => break,
                c = cmd_rx.recv() => match c {
                    Some(c) => {
                        if forward_hub.send(HubMsg::Command(c)).await.is_err() {
                            break;
                        }
                    }
                    None => break,
                },
            }
        }
    });

    let accept = tokio::spawn(accept_loop(listener, shared));
    let task = tokio::spawn(async move {
        let _ = accept.await;
        let _ = forward.await;
        let _ = hub.await;
    });
    ServerHandle {
        commands: cmd_tx,
        addr,
        advertise,
        shutdown,
        task,
    }
}

/// Reports a resource error at most once a second.
struct Throttle(Option<Instant>);

impl Throttle {
    fn ready(&mut self) -> bool {
        let now = Instant::now();
        if self.0.is_some_and(|t| now < t + Duration::from_secs(1)) {
            return false;
        }
        self.0 = Some(now);
        true
    }

    /// Sends the error made by `message` unless one went out in the last second.
    async fn report(&mut self, shared: &Shared, message: impl FnOnce() -> String) {
        if self.ready() {
            let e = Event::Error {
                hostid: None,
                uid: None,
                message: message(),
            };
            shared.events.send(e).await;
        }
    }
}

/// Closes the oldest connection that has not identified itself, if any; its address.
fn make_room(shared: &Shared) -> Option<std::net::SocketAddr> {
    let (_, (peer, evict)) = crate::sync::lock(&shared.unidentified).pop_first()?;
    evict.cancel();
    Some(peer)
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let limit = Arc::new(Semaphore::new(shared.config.max_connections));
    let mut throttle = Throttle(None);
    let mut next_id = 0u64;
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let accepted = tokio::select! {
            _ = shared.shutdown.cancelled() => break,
            r = listener.accept() => r,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => continue,
        };
        match accepted {
            Ok((stream, peer)) => {
                let permit = match limit.clone().try_acquire_owned() {
                    Ok(p) => Some(p),
                    // At the limit: the oldest connection that never said who it is makes room.
                    Err(_) => match make_room(&shared) {
                        Some(old) => {
                            let max = shared.config.max_connections;
                            throttle
                                .report(&shared, || {
                                    format!(
                                        "connection limit ({max}) reached: closed {old}, the \
                                         oldest connection not identified, for {peer}"
                                    )
                                })
                                .await;
                            tokio::time::timeout(
                                Duration::from_secs(1),
                                limit.clone().acquire_owned(),
                            )
                            .await
                            .ok()
                            .and_then(Result::ok)
                        }
                        None => None,
                    },
                };
                let Some(permit) = permit else {
                    drop(stream);
                    let max = shared.config.max_connections;
                    throttle
                        .report(&shared, || {
                            format!("connection limit ({max}) reached: refusing {peer}")
                        })
                        .await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                next_id += 1;
                let shared = shared.clone();
                tasks.spawn(async move {
                    connection::handle(stream, peer, next_id, shared).await;
                    drop(permit);
                });
            }
            Err(e) => {
                // Typically out of file descriptors: refuse (the peer waits in the backlog or
                // times out) and report, without spinning.
                throttle
                    .report(&shared, || format!("cannot accept connections: {e}"))
                    .await;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    while tasks.join_next().await.is_some() {}
}
