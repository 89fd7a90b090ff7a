use super::*;
use crate::proto::rtu::ResponsePdu;

fn read(c: &mut SimController, table: Table, addr: u16, qty: u16, now: f64) -> BlockValues {
    let req = Request {
        slave: 1,
        pdu: RequestPdu::Read { table, addr, qty },
    };
    c.handle(&req, now).unwrap().block_for(&req).unwrap().values
}

fn command(c: &mut SimController, addr: u16, now: f64) -> Response {
    let req = Request {
        slave: 1,
        pdu: RequestPdu::WriteSingleCoil {
            addr,
            value: 0xFF00,
        },
    };
    c.handle(&req, now).unwrap()
}

fn reg(c: &mut SimController, addr: u16, now: f64) -> u16 {
    match read(c, Table::Holding, addr, 1, now) {
        BlockValues::Registers(r) => r[0],
        BlockValues::Bits(_) => unreachable!(),
    }
}

fn coil(c: &mut SimController, addr: u16, now: f64) -> bool {
    match read(c, Table::Coils, addr, 1, now) {
        BlockValues::Bits(b) => b[0],
        BlockValues::Registers(_) => unreachable!(),
    }
}

#[test]
fn the_field_poll_plan_is_answered() {
    let mut c = SimController::new(1, 7, 1_763_900_000);
    let plan = crate::proto::PollPlan::default();
    for req in &plan.requests {
        let resp = c.handle(req, 0.0).unwrap();
        assert!(resp.block_for(req).is_ok(), "{req}");
    }
    assert!((225..=235).contains(&reg(&mut c, 0, 0.0)), "mains UA");
    assert_eq!(reg(&mut c, 20, 0.0), NO_DATA);
    assert!(coil(&mut c, 41, 0.0), "starts in auto mode");
}

#[test]
fn remote_commands_change_mode_coils_and_running_status() {
    let mut c = SimController::new(1, 7, 0);
    let echo = command(&mut c, 4, 0.0);
    assert!(matches!(
        echo.pdu,
        ResponsePdu::WriteSingle {
            addr: 4,
            value: 0xFF00,
            ..
        }
    ));
    assert!(
        coil(&mut c, 42, 0.0) && !coil(&mut c, 41, 0.0),
        "manual mode coil"
    );
    command(&mut c, 0, 0.0);
    assert_eq!(reg(&mut c, 34, 0.0), 1, "preheat");
    for t in 1..=30 {
        c.tick(f64::from(t));
    }
    assert_eq!(reg(&mut c, 34, 30.0), 9, "normal running");
    assert_eq!(reg(&mut c, 23, 30.0), 1500);
    assert_eq!(reg(&mut c, 13, 30.0), 500, "50.0 Hz at ratio 0.1");
    assert!((220..=240).contains(&reg(&mut c, 7, 30.0)));
    command(&mut c, 1, 30.0);
    assert!(coil(&mut c, 43, 30.0), "stop mode coil");
    for t in 31..=60 {
        c.tick(f64::from(t));
    }
    assert_eq!(reg(&mut c, 34, 60.0), 0, "standby");
    assert_eq!(reg(&mut c, 7, 60.0), 0);
}

#[test]
fn exceptions_match_the_real_controller() {
    let mut c = SimController::new(1, 7, 0);
    let code = |r: Response| match r.pdu {
        ResponsePdu::Exception { code, .. } => code,
        other => panic!("exception expected, got {other:?}"),
    };
    for pdu in [
        RequestPdu::Read {
            table: Table::Input,
            addr: 0,
            qty: 1,
        },
        RequestPdu::Read {
            table: Table::DiscreteInputs,
            addr: 0,
            qty: 1,
        },
        RequestPdu::WriteSingleRegister { addr: 0, value: 1 },
        RequestPdu::WriteMultipleRegisters {
            addr: 0,
            values: vec![1],
        },
        RequestPdu::WriteMultipleCoils {
            addr: 0,
            bits: vec![true],
        },
    ] {
        let r = c.handle(&Request { slave: 1, pdu }, 0.0).unwrap();
        assert_eq!(code(r), ExceptionCode::IllegalFunction);
    }
    let r = |pdu| c.clone().handle(&Request { slave: 1, pdu }, 0.0).unwrap();
    let too_many = RequestPdu::Read {
        table: Table::Holding,
        addr: 0,
        qty: 121,
    };
    assert_eq!(code(r(too_many)), ExceptionCode::IllegalDataValue);
    let past_end = RequestPdu::Read {
        table: Table::Holding,
        addr: 100,
        qty: 30,
    };
    assert_eq!(code(r(past_end)), ExceptionCode::IllegalDataAddress);
    let bad_coil = RequestPdu::WriteSingleCoil {
        addr: 9,
        value: 0xFF00,
    };
    assert_eq!(code(r(bad_coil)), ExceptionCode::IllegalDataAddress);
    let bad_value = RequestPdu::WriteSingleCoil {
        addr: 3,
        value: 0x1234,
    };
    assert_eq!(code(r(bad_value)), ExceptionCode::IllegalDataValue);
    let other_slave = Request {
        slave: 9,
        pdu: RequestPdu::Read {
            table: Table::Holding,
            addr: 0,
            qty: 1,
        },
    };
    assert!(c.handle(&other_slave, 0.0).is_none());
}

#[test]
fn slave_zero_and_all_coil_on_spellings_work() {
    let mut c = SimController::new(1, 7, 0);
    for value in [0xFF00, 0x00FF, 0xFFFF] {
        let req = Request {
            slave: 0,
            pdu: RequestPdu::WriteSingleCoil { addr: 4, value },
        };
        assert!(matches!(
            c.handle(&req, 0.0).unwrap().pdu,
            ResponsePdu::WriteSingle { .. }
        ));
    }
    assert_eq!(c.engine().mode, Mode::Manual);
}

#[test]
fn a_scenario_starts_loads_and_trips_the_set_by_the_clock() {
    let mut c = SimController::new(1, 7, 1_763_900_000);
    c.set_scenario(
        "0:manual,1:start,20:gen_close,20:load=25,40:load=50,60:estop"
            .parse()
            .unwrap(),
    );
    fn at(c: &mut SimController, t: &mut f64, until: f64) {
        while *t < until {
            *t += 0.5;
            c.tick(*t);
        }
    }
    let mut t = 0.0;
    at(&mut c, &mut t, 19.0);
    assert_eq!(reg(&mut c, 34, t), Phase::Running as u16);
    assert!(coil(&mut c, 42, t), "manual mode");
    at(&mut c, &mut t, 38.0);
    let kw = reg(&mut c, 26, t) as i16;
    assert!((23..=27).contains(&kw), "25 % of 100 kW: {kw}");
    assert!(coil(&mut c, 7, t), "gen with load");
    at(&mut c, &mut t, 58.0);
    let kw = reg(&mut c, 26, t) as i16;
    assert!((48..=52).contains(&kw), "50 %: {kw}");
    assert_eq!(reg(&mut c, 55, t), kw as u16, "load % of the rated 100 kW");
    assert!(!coil(&mut c, 8, t));
    at(&mut c, &mut t, 60.5);
    assert!(
        coil(&mut c, 8, t) && coil(&mut c, 48, t),
        "emergency stop alarm and input"
    );
    assert!(
        coil(&mut c, 0, t) && coil(&mut c, 2, t),
        "common and common shutdown alarm"
    );
    assert!(!coil(&mut c, 7, t), "the breaker opened");
    at(&mut c, &mut t, 70.0);
    assert_eq!(reg(&mut c, 23, t), 0, "the engine stopped");
    assert_eq!(reg(&mut c, 26, t), 0);
    assert!(coil(&mut c, 8, t), "latched");
}
