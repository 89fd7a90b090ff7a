//! Helpers for the integration tests: a server on 127.0.0.1:0 with its event stream, and a
//! hand-driven raw modem connection.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly
#![allow(dead_code)]

pub mod broker;
pub mod core;
pub mod proc;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use cmm_commissioner::link::{self, Event, EventSink, ServerConfig, ServerHandle};
use cmm_commissioner::proto::{Downlink, Piece, Splitter, Uplink};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// The one bound on a test's wait for something that should happen (a guard, not a pace):
/// generous, because the machines are shared and the tests run side by side. What takes
/// longer by design (a scenario's step at 18 s) waits a multiple of it, said where it does.
pub const GUARD: Duration = Duration::from_secs(30);

/// Checks `found` until it holds, up to [`GUARD`]; fails naming `what`. The one way these
/// tests wait on something polled (a window's frames, a file, a process's output).
pub fn eventually(what: &str, found: impl FnMut() -> bool) {
    eventually_within(GUARD, what, found);
}

/// As [`eventually`], for what takes longer by design: a longer guard, still no fixed wait.
pub fn eventually_within(guard: Duration, what: &str, mut found: impl FnMut() -> bool) {
    let deadline = Instant::now() + guard;
    while !found() {
        assert!(
            Instant::now() < deadline,
            "never saw {what} (waited {guard:?})"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A fresh folder of the test's own, removed when it goes out of scope (kept, and said, when
/// the test failed, to look at).
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// An empty folder named after `name`, unique in this run.
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("cmm-it-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temporary folder");
        TempDir(path)
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("kept {} for a look", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub const HOSTID: &str = "3130373031334717003D002E";

pub struct TestServer {
    pub handle: ServerHandle,
    pub events: mpsc::Receiver<Event>,
    pub addr: SocketAddr,
    /// Events seen so far, for assertions about what did not happen.
    pub seen: Vec<Event>,
}

impl TestServer {
    pub async fn start(mut config: ServerConfig) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        config.advertise = Some(addr.to_string());
        let (sink, events) = EventSink::channel(10_000);
        let handle = link::start(listener, config, sink).await;
        let mut s = TestServer {
            handle,
            events,
            addr,
            seen: Vec::new(),
        };
        s.expect("listening", |e| matches!(e, Event::Listening { .. }))
            .await;
        s
    }

    /// Waits for the first event (from now on) that `f` accepts.
    pub async fn expect(&mut self, what: &str, mut f: impl FnMut(&Event) -> bool) -> Event {
        let deadline = tokio::time::Instant::now() + GUARD;
        loop {
            match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(e)) => {
                    self.seen.push(e.clone());
                    if f(&e) {
                        return e;
                    }
                }
                Ok(None) => panic!("event stream ended while waiting for {what}"),
                Err(_) => panic!("no {what} event; seen: {:#?}", self.seen),
            }
        }
    }

    /// Waits until each predicate has matched an event, in any order (events of different
    /// connections may interleave either way).
    pub async fn expect_all(&mut self, what: &str, preds: &[&dyn Fn(&Event) -> bool]) {
        // One deadline for all: a stream of other events must not keep the wait alive.
        let deadline = tokio::time::Instant::now() + GUARD;
        let mut done = vec![false; preds.len()];
        while done.iter().any(|d| !d) {
            let e = match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(e)) => e,
                Ok(None) => panic!("event stream ended while waiting for {what}"),
                Err(_) => panic!(
                    "not all of {what} (matched: {done:?}); seen: {:#?}",
                    self.seen
                ),
            };
            self.seen.push(e.clone());
            for (i, p) in preds.iter().enumerate() {
                if !done[i] && p(&e) {
                    done[i] = true;
                    break;
                }
            }
        }
    }

    pub async fn command(&self, c: link::Command) {
        self.handle.commands.send(c).await.unwrap();
    }
}

/// A modem driven by hand, byte by byte if need be.
pub struct RawModem {
    pub stream: TcpStream,
    splitter: Splitter,
}

impl RawModem {
    pub async fn connect(addr: SocketAddr) -> RawModem {
        RawModem {
            stream: TcpStream::connect(addr).await.unwrap(),
            splitter: Splitter::default(),
        }
    }

    /// Connects from another loopback address (`127.0.0.2`...): another peer to the server.
    pub async fn connect_from(addr: SocketAddr, local: &str) -> RawModem {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket
            .bind(SocketAddr::new(local.parse().unwrap(), 0))
            .unwrap();
        RawModem {
            stream: socket.connect(addr).await.unwrap(),
            splitter: Splitter::default(),
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.unwrap();
    }

    pub async fn send(&mut self, m: &Uplink) {
        self.send_raw(m.to_json().as_bytes()).await;
    }

    /// The next whole message from the server, as text.
    pub async fn recv_text(&mut self) -> String {
        let mut buf = [0u8; 4096];
        loop {
            if let Some(Piece::Object(b)) = self.splitter.next_piece() {
                return String::from_utf8(b.to_vec()).unwrap();
            }
            let n = tokio::time::timeout(GUARD, self.stream.read(&mut buf))
                .await
                .expect("server said nothing")
                .unwrap();
            assert!(n > 0, "server closed the connection");
            self.splitter.push(&buf[..n]);
        }
    }

    pub async fn recv(&mut self) -> Downlink {
        let t = self.recv_text().await;
        Downlink::parse(t.as_bytes()).unwrap_or_else(|e| panic!("{t}: {e}"))
    }

    /// Waits until the server closes the connection.
    pub async fn expect_closed(&mut self) {
        let mut buf = [0u8; 4096];
        loop {
            match tokio::time::timeout(GUARD, self.stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return,
                Ok(Ok(_)) => continue,
                Err(_) => panic!("connection still open"),
            }
        }
    }

    /// Opens a long connection for `hostid` and checks the ack.
    pub async fn long_con(addr: SocketAddr, hostid: &str) -> RawModem {
        Self::acked_long_con(RawModem::connect(addr).await, hostid).await
    }

    /// As [`RawModem::long_con`], from another loopback address (see `connect_from`).
    pub async fn long_con_from(addr: SocketAddr, local: &str, hostid: &str) -> RawModem {
        Self::acked_long_con(RawModem::connect_from(addr, local).await, hostid).await
    }

    async fn acked_long_con(mut m: RawModem, hostid: &str) -> RawModem {
        m.send(&Uplink::LongCon {
            hostid: hostid.into(),
        })
        .await;
        assert_eq!(m.recv().await, Downlink::ok("LongCon"));
        m
    }
}
