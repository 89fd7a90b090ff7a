//! The session driven by hand with explicit time: no socket, no runtime, no sleeping.

use std::time::Duration;

use super::*;
use crate::link::event::Command;
use crate::proto::rtu::{Request, RequestPdu};

const HOSTID: &str = "3130373031334717003D002E";

struct Drive {
    s: Session,
    t0: Instant,
}

impl Drive {
    fn new(config: ServerConfig) -> Drive {
        let t0 = Instant::now();
        let peer = "192.0.2.7:40000".parse().unwrap();
        Drive {
            s: Session::new(Arc::new(config), "192.0.2.1:21318".into(), peer, t0),
            t0,
        }
    }

    fn at(&self, secs: f64) -> Instant {
        self.t0 + Duration::from_secs_f64(secs)
    }

    fn input(&mut self, secs: f64, text: &str) {
        let now = self.at(secs);
        self.s.handle_input(now, 1_700_000_000_123, text.as_bytes());
    }

    /// What the session wrote, as text.
    fn sent(&mut self) -> String {
        String::from_utf8(self.s.poll_transmit().unwrap_or_default()).unwrap()
    }

    fn outputs(&mut self) -> Vec<Output> {
        std::iter::from_fn(|| self.s.poll_output()).collect()
    }

    fn events(&mut self) -> Vec<Event> {
        self.outputs()
            .into_iter()
            .filter_map(|o| match o {
                Output::Event(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    /// A long connection that the hub accepted, with no login known.
    fn attached(config: ServerConfig) -> Drive {
        let mut d = Drive::new(config);
        d.input(
            0.0,
            &format!(r#"{{"method":"LongCon","hostid":"{HOSTID}"}}"#),
        );
        assert_eq!(
            d.outputs(),
            vec![Output::Attach {
                hostid: HOSTID.into(),
                take_over: true,
            }]
        );
        d.s.handle_attached(None, false);
        assert_eq!(
            d.sent(),
            r#"{"method":"LongCon","message":"OK","retcode":"000000"}"#
        );
        d
    }
}

fn coil_write() -> Command {
    Command::Write {
        hostid: HOSTID.into(),
        request: Request {
            slave: 1,
            pdu: RequestPdu::WriteSingleCoil {
                addr: 3,
                value: 0xFF00,
            },
        },
        uid: None,
    }
}

#[test]
fn a_login_is_answered_with_the_plan_and_the_time_given() {
    let mut d = Drive::new(ServerConfig::default());
    d.input(
        0.0,
        &format!(
            r#"{{"method":"login","params":{{"hostid":"{HOSTID}","hostname":"N","password":"1","moduletype":"HGM6120N-4G"}}}}"#
        ),
    );
    let reply = d.sent();
    assert!(reply.contains(r#""realTime":"1700000000""#), "{reply}");
    assert!(reply.contains(r#""liveData":"192.0.2.1:21318""#), "{reply}");
    let out = d.outputs();
    assert!(matches!(&out[0], Output::LoggedIn { hostid, .. } if hostid == HOSTID));
    assert!(matches!(
        &out[1],
        Output::Event(Event::Login { accepted: true, .. })
    ));
}

#[test]
fn input_after_a_long_connection_waits_for_the_hub() {
    let mut d = Drive::new(ServerConfig::default());
    // LongCon and a heartbeat in one read: the heartbeat is answered only once attached.
    d.input(
        0.0,
        &format!(
            r#"{{"method":"LongCon","hostid":"{HOSTID}"}}{{"method":"HB","hostid":"{HOSTID}","params":""}}"#
        ),
    );
    assert_eq!(d.sent(), "");
    assert_eq!(d.s.hostid(), None);
    d.outputs();
    d.s.handle_attached(None, false);
    assert_eq!(
        d.sent(),
        r#"{"method":"LongCon","message":"OK","retcode":"000000"}{"method":"HB","message":"OK","retcode":"000000"}"#
    );
    assert_eq!(d.s.hostid(), Some(HOSTID));
    assert_eq!(
        d.events(),
        vec![Event::Heartbeat {
            hostid: HOSTID.into()
        }]
    );
}

#[test]
fn silence_for_three_heartbeat_intervals_means_offline() {
    let mut d = Drive::attached(ServerConfig::default());
    d.input(
        100.0,
        &format!(r#"{{"method":"HB","hostid":"{HOSTID}","params":""}}"#),
    );
    assert_eq!(
        d.s.poll_timeout(),
        d.at(280.0),
        "three 60 s intervals after the heartbeat"
    );
    d.s.handle_timeout(d.at(279.9));
    assert_eq!(d.s.closed(), None);
    d.s.handle_timeout(d.at(280.0));
    assert_eq!(d.s.closed(), Some(OfflineReason::Timeout));
    d.s.handle_close(OfflineReason::Timeout);
    assert!(d.outputs().contains(&Output::Detach {
        hostid: HOSTID.into(),
        reason: OfflineReason::Timeout
    }));
}

#[test]
fn a_connection_that_never_identifies_itself_is_closed() {
    let mut d = Drive::new(ServerConfig::default());
    assert_eq!(d.s.poll_timeout(), d.at(30.0));
    d.s.handle_timeout(d.at(30.0));
    assert_eq!(d.s.closed(), Some(OfflineReason::Timeout));
}

#[test]
fn a_command_ends_once_accepted_timed_out_or_gone() {
    let mut d = Drive::attached(ServerConfig::default());
    // Accepted: the reply names the frame.
    d.s.handle_command(d.at(1.0), coil_write(), "a".into());
    assert_eq!(
        d.sent(),
        r#"{"method":"writeConfig","result":"01050003FF007C3A","datatype":1,"uid":"a"}"#
    );
    assert!(matches!(&d.events()[0], Event::CommandSent { uid, .. } if uid == "a"));
    d.input(
        2.0,
        &format!(r#"{{"method":"writeConfig","hostid":"{HOSTID}","params":"01050003FF007C3A,1"}}"#),
    );
    assert!(matches!(
        &d.events()[0],
        Event::CommandOutcome { uid, outcome: Outcome::Accepted, .. } if uid == "a"
    ));

    // Timed out: the deadline is the next timeout, and passing it ends the command once.
    d.s.handle_command(d.at(10.0), coil_write(), "b".into());
    d.events();
    assert_eq!(d.s.poll_timeout(), d.at(40.0), "30 s, the field relay's");
    d.s.handle_timeout(d.at(39.0));
    assert!(d.events().is_empty());
    d.s.handle_timeout(d.at(40.0));
    let ev = d.events();
    assert!(
        matches!(&ev[..], [Event::CommandOutcome { uid, outcome: Outcome::Timeout, .. }] if uid == "b"),
        "{ev:?}"
    );
    d.s.handle_timeout(d.at(41.0));
    assert!(d.events().is_empty(), "one outcome per command");

    // Gone: the connection closed first.
    d.s.handle_command(d.at(50.0), coil_write(), "c".into());
    d.events();
    d.s.handle_close(OfflineReason::Disconnected);
    let ev = d.events();
    assert!(
        matches!(&ev[..], [Event::CommandOutcome { uid, outcome: Outcome::Gone, .. }] if uid == "c"),
        "{ev:?}"
    );
}

#[test]
fn commands_go_one_at_a_time_are_never_resent_and_a_late_reply_is_reported() {
    let mut d = Drive::attached(ServerConfig::default());
    d.s.handle_command(d.at(1.0), coil_write(), "a".into());
    d.s.handle_command(d.at(1.1), coil_write(), "b".into());
    d.s.handle_command(d.at(1.2), coil_write(), "c".into());
    let sent = d.sent();
    assert_eq!(
        sent.matches("writeConfig").count(),
        1,
        "one in flight: {sent}"
    );
    assert!(sent.contains(r#""uid":"a""#));
    d.events();
    // a times out: b goes, and a is not resent.
    d.s.handle_timeout(d.at(31.0));
    let sent = d.sent();
    assert!(
        sent.contains(r#""uid":"b""#) && !sent.contains(r#""uid":"a""#),
        "{sent}"
    );
    let ev = d.events();
    assert!(
        matches!(&ev[0], Event::CommandOutcome { uid, outcome: Outcome::Timeout, .. } if uid == "a")
    );
    // a's reply comes late: reported as a's late outcome; b still waits for its own.
    d.input(
        32.0,
        &format!(r#"{{"method":"writeConfig","hostid":"{HOSTID}","uid":"a","params":"01050003FF007C3A,1"}}"#),
    );
    let ev = d.events();
    assert!(
        matches!(&ev[..], [Event::CommandOutcome { uid, outcome: Outcome::Accepted, detail, .. }]
            if uid == "a" && detail.starts_with("late")),
        "{ev:?}"
    );
    assert_eq!(d.sent(), "", "c still waits for b");
    d.input(
        33.0,
        &format!(r#"{{"method":"writeConfig","hostid":"{HOSTID}","uid":"b","params":"01050003FF007C3A,1"}}"#),
    );
    assert!(d.sent().contains(r#""uid":"c""#), "b's outcome lets c go");
    // The connection closes: c (in flight) is gone.
    d.events();
    d.s.handle_close(OfflineReason::Disconnected);
    let ev = d.events();
    assert!(
        matches!(&ev[..], [Event::CommandOutcome { uid, outcome: Outcome::Gone, .. }] if uid == "c")
    );
}

#[test]
fn a_replaced_connection_closes() {
    let mut d = Drive::attached(ServerConfig::default());
    d.s.handle_replaced();
    assert_eq!(d.s.closed(), Some(OfflineReason::Disconnected));
}

#[test]
fn the_timing_reply_carries_the_wall_clock_given() {
    let mut d = Drive::attached(ServerConfig::default());
    d.input(
        5.0,
        &format!(r#"{{"method":"timing","hostid":"{HOSTID}"}}"#),
    );
    assert_eq!(
        d.sent(),
        r#"{"method":"timing","message":"ok","retcode":"000000","result":"1700000000123"}"#
    );
}
