//! The serial link against the simulated controller over a real pty pair made by socat.
#![cfg(unix)]

use std::process::{Child, Command as Proc};
use std::time::Duration;

use cmm_commissioner::app::AppState;
use cmm_commissioner::link::serial::{
    LinkStats, ScanSettings, SerialHandle, SerialSettings, scan, start_serial,
};
use cmm_commissioner::link::{Command, Event, EventSink, Outcome};
use cmm_commissioner::proto::rtu::{Request, RequestPdu, with_crc};
use cmm_commissioner::proto::{PollPlan, Table};
use cmm_commissioner::sim::SimController;
use cmm_commissioner::sim::serial_slave::{Faults, serve_serial};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::common::GUARD;

/// A socat pty pair: the controller's end and the laptop's end, as links in a temp folder.
pub(crate) struct PtyPair {
    socat: Child,
    dir: crate::common::TempDir,
}

impl PtyPair {
    pub(crate) fn new(name: &str) -> PtyPair {
        let dir = crate::common::TempDir::new(&format!("serial-{name}"));
        let mut p = PtyPair {
            socat: Self::spawn(&dir),
            dir,
        };
        p.wait_ready();
        p
    }

    fn spawn(dir: &std::path::Path) -> Child {
        let a = format!("pty,raw,echo=0,link={}", dir.join("controller").display());
        let b = format!("pty,raw,echo=0,link={}", dir.join("laptop").display());
        Proc::new("socat")
            .args([a, b])
            .spawn()
            .expect("socat is installed (.ci/run installs it)")
    }

    fn wait_ready(&mut self) {
        for _ in 0..200 {
            if self.dir.join("controller").exists() && self.dir.join("laptop").exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("socat made no pty pair");
    }

    pub(crate) fn controller(&self) -> String {
        self.dir.join("controller").display().to_string()
    }

    pub(crate) fn laptop(&self) -> String {
        self.dir.join("laptop").display().to_string()
    }

    /// Unplugs the adapter: socat ends, both ptys vanish.
    fn kill(&mut self) {
        let _ = self.socat.kill();
        let _ = self.socat.wait();
    }

    /// Plugs it back in at the same paths.
    fn restart(&mut self) {
        self.socat = Self::spawn(&self.dir);
        self.wait_ready();
    }
}

impl Drop for PtyPair {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_controller(path: &str, slave: u8, faults: Faults) -> CancellationToken {
    let stop = CancellationToken::new();
    let settings = SerialSettings::new(path);
    let port =
        tokio_serial::SerialStream::open(&cmm_commissioner::link::serial::builder(&settings))
            .unwrap();
    let sim = SimController::new(slave, 3, 1_763_900_000);
    tokio::spawn(serve_serial(port, sim, faults, 9, stop.clone()));
    stop
}

struct Harness {
    link: SerialHandle,
    events: mpsc::Receiver<Event>,
    state: AppState,
    seen: Vec<String>,
}

impl Harness {
    fn start(settings: SerialSettings) -> Harness {
        let (sink, events) = EventSink::channel(10_000);
        let link = start_serial(settings, sink);
        let mut state = AppState::default();
        let login = Event::Login {
            hostid: link.target.clone(),
            hostname: "pty".into(),
            moduletype: "HGM6120N".into(),
            peer: "127.0.0.1:1".parse().unwrap(),
            accepted: true,
            reason: None,
            module_port: None,
            module_baud: None,
        };
        state.apply(&login, 0);
        Harness {
            link,
            events,
            state,
            seen: Vec::new(),
        }
    }

    async fn expect(&mut self, what: &str, mut f: impl FnMut(&Event, &AppState) -> bool) -> Event {
        let deadline = tokio::time::Instant::now() + GUARD;
        loop {
            match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(e)) => {
                    self.state.apply(&e, 1);
                    self.seen.push(format!("{e:?}").chars().take(200).collect());
                    if f(&e, &self.state) {
                        return e;
                    }
                }
                _ => panic!(
                    "no {what}; last events: {:#?}",
                    &self.seen[self.seen.len().saturating_sub(15)..]
                ),
            }
        }
    }

    fn coil(&self, addr: u16) -> Option<u16> {
        self.state
            .targets
            .get(&self.link.target)?
            .image
            .get(1, Table::Coils, addr)
    }

    async fn write(&mut self, frame: Vec<u8>, uid: &str) -> (Outcome, String) {
        let c = Command::Write {
            hostid: self.link.target.clone(),
            request: Request::decode(&frame).unwrap(),
            uid: Some(uid.into()),
        };
        self.link.commands.send(c).await.unwrap();
        let e = self
            .expect(
                "outcome",
                |e, _| matches!(e, Event::CommandOutcome { uid: u, .. } if u == uid),
            )
            .await;
        let Event::CommandOutcome {
            outcome, detail, ..
        } = e
        else {
            unreachable!()
        };
        (outcome, detail)
    }

    async fn stats(&mut self) -> LinkStats {
        let e = self
            .expect("stats", |e, _| matches!(e, Event::Stats { .. }))
            .await;
        let Event::Stats { stats, .. } = e else {
            unreachable!()
        };
        stats
    }
}

fn coil_frame(addr: u16, value: u16) -> Vec<u8> {
    Request {
        slave: 1,
        pdu: RequestPdu::WriteSingleCoil { addr, value },
    }
    .encode()
}

fn fast(path: String) -> SerialSettings {
    let mut s = SerialSettings::new(path);
    s.poll_delay = Duration::from_millis(20);
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polls_decode_and_a_write_shows_in_the_next_readings() {
    let pty = PtyPair::new("poll");
    let _c = start_controller(&pty.controller(), 1, Faults::default());
    let mut h = Harness::start(fast(pty.laptop()));
    h.expect("link up", |e, _| matches!(e, Event::LinkUp { .. }))
        .await;
    let target = h.link.target.clone();
    h.expect("values", |_, s| {
        s.targets[&target].image.get(1, Table::Holding, 0).is_some()
    })
    .await;
    let t = &h.state.targets[&target];
    let d = t.map.decode(&t.image, 1, Table::Holding, 0).unwrap();
    assert_eq!(&*d.name, "Mains UA");
    assert!((220.0..=240.0).contains(&d.number().unwrap()));
    assert_eq!(h.coil(41), Some(1), "auto mode");

    let (o, detail) = h.write(coil_frame(4, 0xFF00), "manual").await;
    assert_eq!(o, Outcome::Accepted, "{detail}");
    h.expect("manual mode read back", |_, s| {
        s.targets[&target].image.get(1, Table::Coils, 42) == Some(1)
    })
    .await;
    assert_eq!(h.coil(41), Some(0));
    let stats = h.stats().await;
    assert!(
        stats.requests >= 3 && stats.responses == stats.requests,
        "{stats:?}"
    );
    assert_eq!((stats.timeouts, stats.crc_errors), (0, 0));
    assert!(stats.worst.is_some() && stats.average().is_some());
    h.link.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_exception_is_named() {
    let pty = PtyPair::new("exc");
    let _c = start_controller(&pty.controller(), 1, Faults::default());
    let mut s = fast(pty.laptop());
    // A read past the end of the register table.
    s.plan = PollPlan::parse(
        &Request {
            slave: 1,
            pdu: RequestPdu::Read {
                table: Table::Holding,
                addr: 100,
                qty: 30,
            },
        }
        .to_hex(),
    )
    .unwrap();
    let mut h = Harness::start(s);
    let e = h
        .expect("poll exception", |e, _| matches!(e, Event::Error { .. }))
        .await;
    assert!(
        matches!(e, Event::Error { ref message, .. } if message.contains("Illegal Data Address")),
        "{e:?}"
    );
    // The read's values are marked stale with the exception, never left looking current.
    let e = h
        .expect("the stale block", |e, _| matches!(e, Event::Stale { .. }))
        .await;
    assert!(
        matches!(&e, Event::Stale { table: Table::Holding, addr: 100, qty: 30, reason, .. } if reason.contains("Illegal Data Address")),
        "{e:?}"
    );
    // Said once, not again each cycle while nothing changes (a log line a cycle).
    let mut again = 0;
    for _ in 0..2 {
        h.expect("a second's figures", |e, _| {
            again += usize::from(matches!(e, Event::Stale { .. }));
            matches!(e, Event::Stats { .. })
        })
        .await;
    }
    assert_eq!(again, 0, "the stale block said again");
    let cases = [
        (
            Request {
                slave: 1,
                pdu: RequestPdu::WriteSingleRegister { addr: 4, value: 1 },
            }
            .encode(),
            "Illegal Function (01)",
        ),
        (coil_frame(9, 0xFF00), "Illegal Data Address (02)"),
        (coil_frame(3, 0x1234), "Illegal Data Value (03)"),
        (
            Request {
                slave: 1,
                pdu: RequestPdu::WriteMultipleRegisters {
                    addr: 0,
                    values: vec![1, 2],
                },
            }
            .encode(),
            "Illegal Function (01)",
        ),
    ];
    for (i, (frame, name)) in cases.into_iter().enumerate() {
        let (o, detail) = h.write(frame, &format!("x{i}")).await;
        assert_eq!((o, detail.as_str()), (Outcome::Rejected, name));
    }
    // A request that is not a write is refused before it goes out.
    h.link
        .commands
        .send(Command::Write {
            hostid: h.link.target.clone(),
            request: Request {
                slave: 1,
                pdu: RequestPdu::Read {
                    table: Table::Holding,
                    addr: 0,
                    qty: 1,
                },
            },
            uid: Some("bad".into()),
        })
        .await
        .unwrap();
    let e = h
        .expect("refusal", |e, _| {
            matches!(e, Event::Error { uid: Some(_), .. })
        })
        .await;
    assert!(
        matches!(e, Event::Error { ref message, .. } if message.contains("not sent")),
        "{e:?}"
    );
    let stats = h.stats().await;
    assert!(stats.exceptions >= 4, "{stats:?}");
    h.link.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_controller_times_out() {
    let pty = PtyPair::new("silent");
    let _c = start_controller(
        &pty.controller(),
        1,
        Faults {
            silence: 1.0,
            ..Default::default()
        },
    );
    let mut h = Harness::start(fast(pty.laptop()));
    let (o, detail) = h.write(coil_frame(3, 0xFF00), "auto").await;
    assert_eq!((o, detail.as_str()), (Outcome::Timeout, "no reply in time"));
    let stats = h.stats().await;
    assert!(stats.timeouts >= 1 && stats.responses == 0, "{stats:?}");
    h.link.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crc_errors_are_counted_and_survived() {
    let pty = PtyPair::new("crc");
    let _c = start_controller(
        &pty.controller(),
        1,
        Faults {
            crc: 0.3,
            ..Default::default()
        },
    );
    let mut h = Harness::start(fast(pty.laptop()));
    let e = h
        .expect("crc error", |e, _| matches!(e, Event::ProtocolError { .. }))
        .await;
    assert!(
        matches!(e, Event::ProtocolError { ref error, ref bytes, .. } if error.to_string().contains("CRC") && !bytes.is_empty()),
        "{e:?}"
    );
    let target = h.link.target.clone();
    h.expect("data despite bad CRCs", |_, s| {
        s.targets[&target]
            .image
            .get(1, Table::Holding, 34)
            .is_some()
    })
    .await;
    loop {
        let stats = h.stats().await;
        if stats.crc_errors >= 2 && stats.responses >= 5 {
            assert_eq!(
                stats.requests,
                stats.responses + stats.crc_errors + stats.timeouts,
                "{stats:?}"
            );
            break;
        }
    }
    assert!(
        !h.seen.iter().any(|e| e.starts_with("LinkDown")),
        "a bad CRC is not an unplugged port"
    );
    h.link.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unplugged_adapter_is_an_event_and_the_link_comes_back() {
    let mut pty = PtyPair::new("unplug");
    let c = start_controller(&pty.controller(), 1, Faults::default());
    let mut h = Harness::start(fast(pty.laptop()));
    h.expect("link up", |e, _| matches!(e, Event::LinkUp { .. }))
        .await;
    h.expect("data", |e, _| matches!(e, Event::Data { .. }))
        .await;
    pty.kill();
    c.cancel();
    let e = h
        .expect("port gone", |e, _| matches!(e, Event::LinkDown { .. }))
        .await;
    assert!(matches!(e, Event::LinkDown { ref reason, .. } if !reason.is_empty()));
    // A write while unplugged ends at once as gone.
    let (o, _) = h.write(coil_frame(3, 0xFF00), "while-down").await;
    assert_eq!(o, Outcome::Gone);
    // Plugged back in: the link reopens on its own and data flows again.
    pty.restart();
    let _c2 = start_controller(&pty.controller(), 1, Faults::default());
    h.expect("link up again", |e, _| matches!(e, Event::LinkUp { .. }))
        .await;
    h.expect("data again", |e, _| matches!(e, Event::Data { .. }))
        .await;
    let (o, _) = h.write(coil_frame(3, 0xFF00), "after").await;
    assert_eq!(o, Outcome::Accepted);
    h.link.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_finds_the_controller_and_can_be_cancelled() {
    let pty = PtyPair::new("scan");
    let _c = start_controller(&pty.controller(), 7, Faults::default());
    let (sink, mut events) = EventSink::channel(1000);
    let mut s = ScanSettings::new(pty.laptop());
    s.bauds = vec![9600];
    s.slaves = (1..=10).collect();
    s.timeout = Duration::from_millis(50);
    let found = scan(s.clone(), sink.clone(), CancellationToken::new()).await;
    assert_eq!(found, vec![(9600, 7)]);
    let mut progress = 0;
    while let Ok(e) = events.try_recv() {
        if let Event::ScanProgress { total, .. } = e {
            assert_eq!(total, 10);
            progress += 1;
        }
    }
    assert_eq!(progress, 10);
    let stop = CancellationToken::new();
    stop.cancel();
    assert!(scan(s, sink, stop).await.is_empty());
    let mut cancelled = false;
    while let Ok(e) = events.try_recv() {
        cancelled |= matches!(
            e,
            Event::ScanDone {
                cancelled: true,
                ..
            }
        );
    }
    assert!(cancelled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slave_zero_and_reads_are_refused_on_a_serial_link() {
    let pty = PtyPair::new("refuse");
    let _c = start_controller(&pty.controller(), 1, Faults::default());
    let mut h = Harness::start(fast(pty.laptop()));
    let broadcast = with_crc(vec![0, 5, 0, 3, 0xFF, 0]);
    h.link
        .commands
        .send(Command::Write {
            hostid: h.link.target.clone(),
            request: Request::decode(&broadcast).unwrap(),
            uid: Some("b".into()),
        })
        .await
        .unwrap();
    let e = h
        .expect("refusal", |e, _| {
            matches!(e, Event::Error { uid: Some(_), .. })
        })
        .await;
    assert!(
        matches!(e, Event::Error { ref message, .. } if message.contains("broadcast")),
        "{e:?}"
    );
    h.link.stop().await;
}
