//! One request on a line: the line's quiet time before it, the timeout around it, what came
//! back told apart (a reply, an exception, a bad CRC, nothing, a closed port), and counted for
//! the slave and for the line.

use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout};
use tokio_modbus::client::{Client, Context};
use tokio_modbus::slave::{Slave as SlaveId, SlaveContext};

use super::convert::{exception, to_modbus};
use super::link::Slave;
use super::tap::Captured;
use super::{LinkStats, SerialSettings};
use crate::link::event::{Event, EventSink};
use crate::proto::hex;
use crate::proto::rtu::{ExceptionCode, Request, RequestPdu, Response, RtuError};

/// How one call ended.
pub(super) enum Step {
    Done(tokio_modbus::Response, Duration),
    Exception(ExceptionCode),
    Timeout(&'static str),
    Gone(String),
}

/// The line's side of a call: the port and what it counts.
pub(super) struct Io {
    /// The line's settings (its port, baud and framing; the first slave's).
    pub(super) settings: SerialSettings,
    pub(super) events: EventSink,
    pub(super) captured: Captured,
    pub(super) ctx: Option<Context>,
    /// The whole line's figures.
    pub(super) stats: LinkStats,
    /// When the line last went quiet (the end of the last reply or timeout).
    pub(super) quiet_since: Option<Instant>,
    /// The slave that had the line last.
    pub(super) last_slave: Option<u8>,
}

impl Io {
    /// One request for `slave` with its timeout; counts it, and reports it with its reply
    /// when asked: the bytes as they came, a bad CRC or a cut reply included (empty: nothing
    /// came). True beside the step when the line must be reopened (a late reply must not be
    /// taken for the next request's).
    pub(super) async fn call(&mut self, slave: &mut Slave, req: &Request) -> (Step, bool) {
        if let Some(at) = self.turn(req.slave, slave.s.turnaround) {
            sleep_until(at).await;
        }
        let (step, reopen) = self.call_counted(slave, req).await;
        self.quiet_since = Some(Instant::now());
        self.last_slave = Some(req.slave);
        let reply = self.as_rtu(self.captured.take());
        if slave.s.traffic {
            let reply = match &step {
                Step::Gone(_) => String::new(),
                _ => hex::encode(&reply),
            };
            let e = Event::SerialTraffic {
                target: slave.target.clone(),
                port: self.settings.port.clone(),
                request: req.to_hex(),
                reply,
            };
            self.events.send(e).await;
        }
        (step, reopen)
    }

    /// When the line is free for `slave`: after its quiet time since the last frame, and the
    /// turnaround when the line passes to another slave.
    fn turn(&self, slave: u8, turnaround: Duration) -> Option<Instant> {
        let quiet = self.quiet_since?;
        let mut need = self.settings.frame_gap();
        if self.last_slave.is_some_and(|l| l != slave) && !need.is_zero() {
            need = need.max(turnaround);
        }
        (!need.is_zero()).then_some(quiet + need)
    }

    fn count(&mut self, slave: &mut Slave, f: impl Fn(&mut LinkStats)) {
        f(&mut self.stats);
        f(&mut slave.stats);
    }

    async fn call_counted(&mut self, slave: &mut Slave, req: &Request) -> (Step, bool) {
        let Some(ctx) = self.ctx.as_mut() else {
            return (Step::Gone("port closed".into()), false);
        };
        ctx.set_slave(SlaveId(req.slave));
        self.captured.take();
        let started = Instant::now();
        let r = timeout(slave.s.timeout, ctx.call(to_modbus(req))).await;
        let took = started.elapsed();
        self.count(slave, |s| s.requests += 1);
        match r {
            Ok(Ok(Ok(resp))) => {
                self.count(slave, |s| s.response(took));
                (Step::Done(resp, took), false)
            }
            Ok(Ok(Err(code))) => {
                self.count(slave, |s| {
                    s.response(took);
                    s.exceptions += 1;
                });
                (Step::Exception(exception(code)), false)
            }
            Ok(Err(tokio_modbus::Error::Transport(e)))
                if e.kind() != std::io::ErrorKind::InvalidData =>
            {
                (Step::Gone(gone_reason(&self.settings.port, &e)), false)
            }
            // tokio-modbus gives up on a frame it cannot resync (e.g. a long reply with a bad CRC).
            Ok(Err(tokio_modbus::Error::Transport(_))) => (self.bad_reply(slave, req).await, true),
            Ok(Err(tokio_modbus::Error::Protocol(e))) => {
                use tokio_modbus::ProtocolError as P;
                match e {
                    // A write sent as written (e.g. coil value 00FF) comes back under another
                    // function name; the controller's verdict is still in the reply.
                    P::FunctionCodeMismatch { result: Err(x), .. }
                    | P::HeaderMismatch { result: Err(x), .. } => {
                        self.count(slave, |s| {
                            s.response(took);
                            s.exceptions += 1;
                        });
                        (Step::Exception(exception(x.exception)), false)
                    }
                    P::FunctionCodeMismatch {
                        result: Ok(resp), ..
                    } if !matches!(req.pdu, RequestPdu::Read { .. }) => {
                        self.count(slave, |s| s.response(took));
                        (Step::Done(resp, took), false)
                    }
                    other => {
                        self.count(slave, |s| s.timeouts += 1);
                        let bytes = self.captured.peek();
                        let error = format!("reply does not match {req}: {other}");
                        self.protocol_error(&slave.target, error, &bytes).await;
                        (Step::Timeout("reply did not match the request"), true)
                    }
                }
            }
            Err(_) => (self.bad_reply(slave, req).await, true),
        }
    }

    /// What came back as an RTU frame: over Modbus TCP, the unit id and PDU after the MBAP
    /// header with a CRC computed here (MBAP carries none), as the requests are shown; the
    /// bytes as they came otherwise.
    fn as_rtu(&self, bytes: Vec<u8>) -> Vec<u8> {
        use crate::model::serial::Transport;
        match Transport::of(&self.settings.port) {
            Transport::ModbusTcp(_) if bytes.len() >= 8 => {
                crate::proto::rtu::with_crc(bytes[6..].to_vec())
            }
            _ => bytes,
        }
    }

    /// No usable reply: a bad CRC (tokio-modbus skips those silently; the bytes tell) or none.
    async fn bad_reply(&mut self, slave: &mut Slave, req: &Request) -> Step {
        let bytes = self.as_rtu(self.captured.peek());
        let crc = match Response::decode(&bytes) {
            Err(e @ RtuError::Crc { .. }) => Some(e.to_string()),
            _ => None,
        };
        match crc {
            Some(err) => {
                self.count(slave, |s| s.crc_errors += 1);
                let error = format!("reply to {req}: {err}");
                self.protocol_error(&slave.target, error, &bytes).await;
                Step::Timeout("reply had a bad CRC")
            }
            None => {
                self.count(slave, |s| s.timeouts += 1);
                Step::Timeout("no reply in time")
            }
        }
    }

    async fn protocol_error(&mut self, target: &str, error: String, bytes: &[u8]) {
        let e = Event::ProtocolError {
            hostid: Some(target.to_string()),
            peer: self.settings.port.clone(),
            error: error.into(),
            bytes: hex::encode(bytes),
        };
        self.events.send(e).await;
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
