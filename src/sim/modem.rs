//! A simulated CMM366B-4G modem serving a simulated controller to a server, as a real modem
//! does: login on a short connection, long connection to `liveData`, heartbeats, `timing`,
//! `reqdatachange` at `online_rate`, full `reqdata` now and then, `writeConfig` applied to the
//! controller, `reset` followed by a new login.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::time::{Instant, interval_at, timeout};
use tokio_util::sync::CancellationToken;

use super::controller::SimController;
use super::delta::Uploader;
use crate::proto::downlink::{Downlink, LoginReply};
use crate::proto::rtu::{Request, ResponsePdu};
use crate::proto::uplink::{InputFlags, Login, Uplink, WriteReply};
use crate::proto::{Piece, PollPlan, Splitter};

/// Settings of one simulated modem.
#[derive(Debug, Clone)]
pub struct SimModemConfig {
    /// `host:port` of the server (the modem's "server address" setting).
    pub server: String,
    /// 24 hex digits.
    pub hostid: String,
    /// Modem name.
    pub hostname: String,
    /// Login password.
    pub password: String,
    /// Controller model reported at login.
    pub moduletype: String,
    /// Slave id of the simulated controller.
    pub slave: u8,
    /// Heartbeat period.
    pub heartbeat: Duration,
    /// Period of full `reqdata` uploads (changes go at `online_rate`).
    pub full_every: Duration,
    /// Report remote control as inhibited (`InhbitRemote` 1).
    pub inhibit_remote: bool,
    /// Wait before logging in again after a failure.
    pub retry: Duration,
    /// Noise seed of the controller.
    pub seed: u64,
    /// Open the long connection to the `liveData` address of the login reply, as a real modem
    /// does; when false, to the server address (the demo keeps to loopback this way).
    pub follow_live_data: bool,
    /// A scripted run of the genset (start, load steps, an emergency stop...).
    pub scenario: Option<super::scenario::Scenario>,
    /// Churn: the chance (0..1) each minute that the modem drops its connection and logs in
    /// again, as a modem on a weak cell does (see [`Churn`]).
    pub churn: f64,
    /// How long a `writeConfig` takes before its reply: the modem's Modbus transaction with
    /// the controller on RS485 (tens to hundreds of ms on a real site; none by default).
    pub write_turnaround: Duration,
    /// How many times faster than real time the genset's clock runs (1: real time): a
    /// scenario's timeline and the engine's dynamics speed up; uploads, heartbeats and
    /// commands keep their real pace.
    pub time_scale: f64,
}

/// How a churning modem drops its connection (one of them at random each time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Churn {
    /// Closes the connection.
    Close,
    /// Sends the first half of a message, then closes.
    MidMessage,
    /// Goes silent without closing (a cell that vanished): the socket stays open on its side
    /// for ten minutes; the server must find out by itself.
    Vanish,
}

/// How long a vanished connection is held open on the simulator's side.
const VANISHED_FOR: Duration = Duration::from_secs(600);

impl Default for SimModemConfig {
    fn default() -> Self {
        Self {
            server: "127.0.0.1:21318".into(),
            hostid: DEFAULT_HOSTID.into(),
            hostname: "SIM-GENSET".into(),
            password: "123456".into(),
            moduletype: "HGM6120N-4G".into(),
            slave: 1,
            heartbeat: Duration::from_secs(30),
            full_every: Duration::from_secs(60),
            inhibit_remote: false,
            retry: Duration::from_secs(2),
            seed: 1,
            follow_live_data: true,
            scenario: None,
            churn: 0.0,
            write_turnaround: Duration::ZERO,
            time_scale: 1.0,
        }
    }
}

impl SimModemConfig {
    /// The config of modem `i` of `count`: distinct hostid, name and seed.
    pub fn numbered(&self, i: usize, count: usize) -> SimModemConfig {
        let mut c = self.clone();
        if count > 1 {
            // A given id is the first modem's: its last four hex digits count up. Without
            // one, the modems are numbered from 0000, as they always were.
            let prefix: String = self.hostid.chars().take(20).collect();
            let tail: String = self.hostid.chars().skip(20).collect();
            let first = match u16::from_str_radix(&tail, 16) {
                Ok(n) if self.hostid != DEFAULT_HOSTID => n,
                _ => 0,
            };
            c.hostid = format!("{prefix}{:04X}", first.wrapping_add(i as u16));
            c.hostname = format!("{}-{}", self.hostname, i + 1);
            c.seed = self.seed.wrapping_add(i as u64);
        }
        c
    }
}

/// The id of a simulated modem when none is given.
pub const DEFAULT_HOSTID: &str = "3130373031334717003D002E";

/// What a simulated modem reports about itself.
#[derive(Debug, Clone, PartialEq)]
pub enum SimNote {
    /// Logged in; the server said to use `live_data`.
    LoggedIn {
        /// Modem id.
        hostid: String,
        /// The `liveData` address.
        live_data: String,
    },
    /// The long connection is up (to `addr`).
    Online {
        /// Modem id.
        hostid: String,
        /// Address actually used.
        addr: String,
    },
    /// A command from the server was carried out.
    Command {
        /// Modem id.
        hostid: String,
        /// What was done.
        what: String,
        /// Whether the controller accepted it.
        ok: bool,
    },
    /// Something went wrong; the modem retries.
    Error {
        /// Modem id.
        hostid: String,
        /// What.
        message: String,
    },
}

/// Where a modem's notes go.
pub type Notify = Arc<dyn Fn(SimNote) + Send + Sync>;

/// Figures a modem collected, for load runs.
#[derive(Debug, Clone, Default)]
pub struct SimReport {
    /// Messages sent that the server answers.
    pub sent: u64,
    /// Replies received.
    pub answered: u64,
    /// Time from each message to its reply, microseconds.
    pub latencies_us: Vec<u32>,
    /// Errors seen (each followed by a retry).
    pub errors: u64,
    /// Connections dropped on purpose (churn).
    pub churned: u64,
}

enum SessionEnd {
    Reset,
    Shutdown,
    Churned,
}

const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads whole messages from the server.
struct Reader {
    rd: OwnedReadHalf,
    splitter: Splitter,
    buf: Vec<u8>,
}

impl Reader {
    fn new(rd: OwnedReadHalf) -> Self {
        Reader {
            rd,
            splitter: Splitter::default(),
            buf: vec![0; 8192],
        }
    }

    /// The next message; errors for garbage or a closed connection.
    async fn next(&mut self) -> Result<Downlink, String> {
        loop {
            match self.splitter.next_piece() {
                Some(Piece::Object(b)) => {
                    return Downlink::parse(b).map_err(|e| format!("bad message from server: {e}"));
                }
                Some(Piece::Garbage(_)) | Some(Piece::Oversized { .. }) => {
                    return Err("garbage from server".into());
                }
                None => {}
            }
            match self.rd.read(&mut self.buf).await {
                Ok(0) => return Err("server closed the connection".into()),
                Ok(n) => self.splitter.push(&self.buf[..n]),
                Err(e) => return Err(format!("read failed: {e}")),
            }
        }
    }
}

/// A running simulated modem.
pub struct SimModem {
    config: SimModemConfig,
    controller: SimController,
    started: Instant,
    notify: Notify,
    report: SimReport,
    in_flight: VecDeque<Instant>,
    /// Its own serial port setting (`modulePort`, `moduleBaud`), as a port command left it:
    /// every login says it, as a real modem's does.
    port: (u8, u8),
}

impl SimModem {
    /// A modem with a fresh controller.
    pub fn new(config: SimModemConfig, notify: Notify) -> Self {
        let epoch = chrono::Utc::now().timestamp();
        SimModem {
            controller: {
                let mut c = SimController::new(config.slave, config.seed, epoch)
                    .with_model(&config.moduletype);
                if let Some(s) = &config.scenario {
                    c.set_scenario(s.clone());
                }
                c
            },
            config,
            started: Instant::now(),
            notify,
            report: SimReport::default(),
            in_flight: VecDeque::new(),
            port: (2, 0),
        }
    }

    /// The genset's clock: seconds since the modem started, sped up by the time scale.
    fn now(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * self.config.time_scale
    }

    fn note(&self, n: SimNote) {
        (self.notify)(n);
    }

    /// Runs until `shutdown`, logging in again after a reset or a failure.
    pub async fn run(mut self, shutdown: CancellationToken) -> SimReport {
        loop {
            let r = tokio::select! {
                _ = shutdown.cancelled() => break,
                r = self.session(&shutdown) => r,
            };
            match r {
                Ok(SessionEnd::Shutdown) => break,
                Ok(SessionEnd::Reset) => continue,
                Ok(SessionEnd::Churned) => {
                    self.report.churned += 1;
                    self.in_flight.clear();
                    // Back a moment later, as a modem finding its cell again.
                    let back = Duration::from_millis(fastrand::u64(500..5_000));
                    tokio::select! {
                        _ = shutdown.cancelled() => break,
                        _ = tokio::time::sleep(back) => {}
                    }
                }
                Err(message) => {
                    self.report.errors += 1;
                    self.in_flight.clear();
                    let hostid = self.config.hostid.clone();
                    self.note(SimNote::Error { hostid, message });
                    tokio::select! {
                        _ = shutdown.cancelled() => break,
                        _ = tokio::time::sleep(self.config.retry) => {}
                    }
                }
            }
        }
        self.report
    }

    async fn login(&mut self) -> Result<LoginReply, String> {
        let server = self.config.server.clone();
        let stream = timeout(IO_TIMEOUT, TcpStream::connect(&server))
            .await
            .map_err(|_| format!("connecting to {server} timed out"))?
            .map_err(|e| format!("cannot connect to {server}: {e}"))?;
        let (rd, mut wr) = stream.into_split();
        let login = Uplink::Login(Login {
            hostid: self.config.hostid.clone(),
            hostname: self.config.hostname.clone(),
            password: self.config.password.clone(),
            longitude: Some("113.6253".into()),
            latitude: Some("34.7466".into()),
            gpsen: Some(1),
            altitude: Some("110".into()),
            moduletype: self.config.moduletype.clone(),
            module_port: Some(self.port.0),
            module_baud: Some(self.port.1),
            warnings: Vec::new(),
        });
        self.write(&mut wr, &login).await?;
        let mut reader = Reader::new(rd);
        let reply = timeout(IO_TIMEOUT, reader.next())
            .await
            .map_err(|_| "no login reply".to_string())??;
        self.answered();
        match reply {
            Downlink::LoginReply(r) if r.register => Ok(r),
            Downlink::LoginReply(r) => Err(format!("login refused (retcode {})", r.retcode)),
            other => Err(format!("expected a login reply, got {}", other.method())),
        }
    }

    async fn write(&mut self, wr: &mut OwnedWriteHalf, msg: &Uplink) -> Result<(), String> {
        let text = msg.to_json();
        timeout(IO_TIMEOUT, wr.write_all(text.as_bytes()))
            .await
            .map_err(|_| "write timed out".to_string())?
            .map_err(|e| format!("write failed: {e}"))?;
        if !matches!(
            msg,
            Uplink::WriteConfigReply { .. } | Uplink::ResetReply { .. }
        ) {
            self.report.sent += 1;
            self.in_flight.push_back(Instant::now());
        }
        Ok(())
    }

    fn answered(&mut self) {
        if let Some(t) = self.in_flight.pop_front() {
            self.report.answered += 1;
            let us = t.elapsed().as_micros().min(u32::MAX as u128) as u32;
            self.report.latencies_us.push(us);
        }
    }

    async fn connect_live(&self, live: &str) -> Result<TcpStream, String> {
        if self.config.follow_live_data
            && !live.is_empty()
            && let Ok(Ok(s)) = timeout(Duration::from_secs(5), TcpStream::connect(live)).await
        {
            return Ok(s);
        }
        // The advertised address may not be reachable from here (e.g. a laptop IP seen from a
        // test namespace); fall back to the address the login went to.
        let server = &self.config.server;
        timeout(IO_TIMEOUT, TcpStream::connect(server))
            .await
            .map_err(|_| format!("connecting to {server} timed out"))?
            .map_err(|e| format!("cannot open the long connection: {e}"))
    }

    async fn session(&mut self, shutdown: &CancellationToken) -> Result<SessionEnd, String> {
        let reply = self.login().await?;
        let hostid = self.config.hostid.clone();
        self.note(SimNote::LoggedIn {
            hostid: hostid.clone(),
            live_data: reply.live_data.clone(),
        });
        let plan =
            PollPlan::parse(&reply.para_command).map_err(|e| format!("para_command: {e}"))?;
        let stream = self.connect_live(&reply.live_data).await?;
        let _ = stream.set_nodelay(true);
        let addr = stream
            .peer_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        let (rd, mut wr) = stream.into_split();
        let mut reader = Reader::new(rd);
        self.write(
            &mut wr,
            &Uplink::LongCon {
                hostid: hostid.clone(),
            },
        )
        .await?;
        self.write(
            &mut wr,
            &Uplink::Timing {
                hostid: hostid.clone(),
            },
        )
        .await?;
        self.note(SimNote::Online {
            hostid: hostid.clone(),
            addr,
        });

        let flags = InputFlags {
            access_alarm: Some(false),
            fire_alarm: Some(false),
            alarm_input: Some(false),
            inhibit_remote: Some(self.config.inhibit_remote),
        };
        let mut uploader = Uploader::new(plan, flags, reply.data_mode == 1);
        let rate = Duration::from_millis(u64::from(reply.online_rate.max(100)));
        // Spread many modems over the period instead of uploading in lockstep.
        let phase = Duration::from_millis(fastrand::u64(0..rate.as_millis() as u64));
        let mut upload = interval_at(Instant::now() + phase, rate);
        let hb = self.config.heartbeat;
        let mut heartbeat = interval_at(Instant::now() + hb, hb);
        let full_every = self.config.full_every;
        let mut full = interval_at(Instant::now() + full_every, full_every);
        let minute = Duration::from_secs(60);
        let mut churn = interval_at(
            Instant::now() + minute.mul_f64(fastrand::f64() + 0.5),
            minute,
        );
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return Ok(SessionEnd::Shutdown),
                _ = churn.tick(), if self.config.churn > 0.0 => {
                    if fastrand::f64() >= self.config.churn {
                        continue;
                    }
                    match [Churn::Close, Churn::MidMessage, Churn::Vanish][fastrand::usize(0..3)] {
                        Churn::Close => {
                            let _ = wr.shutdown().await;
                        }
                        Churn::MidMessage => {
                            let msg = Uplink::Heartbeat { hostid: hostid.clone() }.to_json();
                            let half = &msg.as_bytes()[..msg.len() / 2];
                            let _ = wr.write_all(half).await;
                            let _ = wr.shutdown().await;
                        }
                        Churn::Vanish => {
                            let rd = reader.rd;
                            tokio::spawn(async move {
                                let _held = (rd, wr);
                                tokio::time::sleep(VANISHED_FOR).await;
                            });
                        }
                    }
                    return Ok(SessionEnd::Churned);
                }
                _ = upload.tick() => {
                    let now = self.now();
                    self.controller.tick(now);
                    if let Some(msg) = uploader.changes(&hostid, &mut self.controller, now) {
                        self.write(&mut wr, &msg).await?;
                    }
                }
                _ = full.tick() => {
                    let now = self.now();
                    let msg = uploader.full(&hostid, &mut self.controller, now);
                    self.write(&mut wr, &msg).await?;
                }
                _ = heartbeat.tick() => {
                    self.write(&mut wr, &Uplink::Heartbeat { hostid: hostid.clone() }).await?;
                }
                msg = reader.next() => match msg? {
                    Downlink::Ack { .. } | Downlink::TimingReply { .. } => self.answered(),
                    Downlink::WriteFrame { frame, uid } => {
                        // The RS485 transaction (the modem is busy with it meanwhile).
                        if !self.config.write_turnaround.is_zero() {
                            tokio::time::sleep(self.config.write_turnaround).await;
                        }
                        let ok = self.apply(&frame);
                        let reply = WriteReply::Frame { frame: frame.clone(), ok };
                        let msg = Uplink::WriteConfigReply { hostid: hostid.clone(), uid: Some(uid), reply };
                        self.write(&mut wr, &msg).await?;
                        let what = format!("write {frame}");
                        self.note(SimNote::Command { hostid: hostid.clone(), what, ok });
                        // Show the effect at once rather than at the next period.
                        upload.reset_immediately();
                    }
                    Downlink::WritePort { module_port, module_baud, uid } => {
                        self.port = (module_port, module_baud);
                        let reply = WriteReply::Port { module_port: Some(module_port), module_baud: Some(module_baud) };
                        let msg = Uplink::WriteConfigReply { hostid: hostid.clone(), uid: Some(uid), reply };
                        self.write(&mut wr, &msg).await?;
                        let what = format!("modulePort {module_port}, moduleBaud {module_baud}");
                        self.note(SimNote::Command { hostid: hostid.clone(), what, ok: true });
                    }
                    Downlink::Reset => {
                        self.write(&mut wr, &Uplink::ResetReply { hostid: hostid.clone() }).await?;
                        let _ = wr.shutdown().await;
                        self.note(SimNote::Command { hostid: hostid.clone(), what: "reset".into(), ok: true });
                        self.in_flight.clear();
                        return Ok(SessionEnd::Reset);
                    }
                    Downlink::LoginReply(_) => {}
                },
            }
        }
    }

    /// Carries a frame out on the controller: true when it answered without an exception.
    fn apply(&mut self, frame: &str) -> bool {
        let Ok(req) = Request::from_hex(frame) else {
            return false;
        };
        let now = self.now();
        match self.controller.handle(&req, now) {
            Some(resp) => !matches!(resp.pdu, ResponsePdu::Exception { .. }),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_modems_count_up_from_the_given_id() {
        let mut base = SimModemConfig::default();
        let ids = |b: &SimModemConfig| -> Vec<String> {
            (0..3).map(|i| b.numbered(i, 3).hostid).collect()
        };
        assert_eq!(
            ids(&base),
            [
                "3130373031334717003D0000",
                "3130373031334717003D0001",
                "3130373031334717003D0002"
            ],
            "no id given: from 0000, as the demo's"
        );
        base.hostid = "31303730313347170AAA2000".into();
        assert_eq!(
            ids(&base),
            [
                "31303730313347170AAA2000",
                "31303730313347170AAA2001",
                "31303730313347170AAA2002"
            ]
        );
        assert_eq!(base.numbered(0, 1).hostid, "31303730313347170AAA2000");
    }
}
