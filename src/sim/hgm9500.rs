//! The simulated controller in the HGM9500N family's layout (the shipped `hgm9500n` map):
//! everything in holding registers, modes and alarms as bits (alarms in action groups),
//! 32-bit values low word first, 0.01 Hz and 0.001 power factor, configuration registers
//! from 4096 written with function 06, and remote command coils that act on a rising edge
//! (a pulse off, on, off; an "on" written while the coil is already on does nothing).
//!
//! The genset itself is the same simulation as the HGM6100N layout; this module only lays
//! it out differently and takes commands at the family's coil addresses.

use super::{Mode, Phase, RATED_KW, SimController};
use crate::proto::image::NO_DATA;
use crate::proto::rtu::{BlockValues, ExceptionCode, Request, RequestPdu, Response, Table};

/// Registers held: the measurement area and the configuration area (4096-4415).
pub const REGISTERS: usize = 4416;
/// Configuration registers the simulation takes writes to: P% and Q% setpoints, 0-1000.
const SETPOINTS: [u16; 2] = [4368, 4370];
/// The shutdown group of the alarm table starts here (word 0 at 1).
const SHUTDOWN_GROUP: u16 = 1;
/// The HGM6100N-layout alarm coils of the simulation, as (word, bit) of an alarm group.
const ALARM_BITS: [(u16, u16, u16); 5] = [
    (8, 0, 0),   // emergency stop
    (9, 0, 1),   // overspeed
    (17, 0, 8),  // crank failure
    (18, 1, 8),  // high engine temperature
    (19, 1, 13), // low oil pressure
];

/// The family's own state.
#[derive(Debug, Clone)]
pub struct Layout {
    regs: Vec<u16>,
    /// Last value written to each command coil (a command acts when it turns on).
    coils: [bool; 32],
    setpoints: [u16; 2],
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            regs: vec![0; REGISTERS],
            coils: [false; 32],
            setpoints: [1000, 0],
        }
    }
}

fn put32(regs: &mut [u16], addr: usize, v: i64) {
    let v = v as i32 as u32;
    regs[addr] = v as u16;
    regs[addr + 1] = (v >> 16) as u16;
}

impl SimController {
    /// Lays the simulated genset out as an HGM9500N reports it.
    pub(super) fn render_9500(&mut self) {
        let old = self.regs;
        let coils = self.coils;
        let e = self.engine.clone();
        let (rpm, fuel, water, run, kwh) = (
            self.rpm,
            self.fuel,
            self.water_temp,
            self.run_seconds,
            self.energy_kwh,
        );
        let Some(l) = self.hgm9500.as_mut() else {
            return;
        };
        let r = &mut l.regs;
        r[..300].fill(0);
        let mut status = 0u16;
        if !e.shutdowns.is_empty() {
            status |= 0b11; // common alarm, shutdown present
        }
        status |= match e.mode {
            Mode::Test => 1 << 8,
            Mode::Auto => 1 << 9,
            Mode::Manual => 1 << 10,
            Mode::Stop => 1 << 11,
        };
        r[0] = status;
        for (coil, word, bit) in ALARM_BITS {
            if coils[usize::from(coil)] {
                r[usize::from(SHUTDOWN_GROUP + word)] |= 1 << bit;
            }
        }
        r[114] = 1 // mains normal
            | u16::from(e.mains_closed) << 1
            | u16::from(e.phase == Phase::Running) << 2
            | u16::from(e.gen_closed) << 3;
        for i in 0..3 {
            put32(r, 120 + 2 * i, i64::from(old[3 + i]) * 10);
            put32(r, 140 + 2 * i, i64::from(old[10 + i]) * 10);
            r[166 + i] = old[14 + i].saturating_mul(10);
            put32(r, 174 + 2 * i, i64::from(old[52 + i] as i16) * 10);
            put32(r, 182 + 2 * i, i64::from(old[27] as i16) * 10 / 3);
        }
        r[135] = old[6].saturating_mul(10);
        r[155] = old[13].saturating_mul(10);
        put32(r, 180, i64::from(old[26] as i16) * 10);
        put32(r, 188, i64::from(old[27] as i16) * 10);
        let pf = if old[29] == 0 { 0 } else { old[29] * 10 };
        r[198..=201].fill(pf);
        r[159] = ((f64::from(old[26] as i16) / RATED_KW) * 1000.0).round() as i16 as u16;
        r[160] = l.setpoints[0];
        r[162] = l.setpoints[1];
        r[212] = rpm.round() as u16;
        r[213] = old[24];
        r[214] = old[25];
        r[220] = water.round() as i16 as u16;
        r[222] = old[19];
        r[224] = fuel.round() as u16;
        r[232] = old[55];
        r[234] = NO_DATA;
        r[260] = e.phase as u16;
        r[264] = if e.gen_closed { 3 } else { 7 };
        r[268] = if e.mains_closed { 3 } else { 7 };
        r[270] = (run / 3600.0) as u16;
        r[271] = ((run / 60.0) as u32 % 60) as u16;
        r[273] = e.starts as u16;
        put32(r, 274, (kwh * 10.0) as i64);
        r[SETPOINTS[0] as usize] = l.setpoints[0];
        r[SETPOINTS[1] as usize] = l.setpoints[1];
    }

    /// Answers a request in the HGM9500N layout.
    pub(super) fn handle_9500(&mut self, req: &Request, now: f64) -> Response {
        let exc = |code| Response::exception(req.slave, req.function(), code);
        match &req.pdu {
            RequestPdu::Read {
                table: Table::Holding,
                addr,
                qty,
            } => match super::range(*addr, *qty, REGISTERS, super::MAX_READ_REGISTERS) {
                Ok(range) => {
                    let regs = self.hgm9500.as_ref().map(|l| l.regs[range].to_vec());
                    Response::read(
                        req.slave,
                        Table::Holding,
                        &BlockValues::Registers(regs.unwrap_or_default()),
                    )
                }
                Err(code) => exc(code),
            },
            RequestPdu::WriteSingleCoil { addr, value } => {
                let on = match *value {
                    0 => false,
                    v if super::ACTIVE_VALUES.contains(&v) => true,
                    _ => return exc(ExceptionCode::IllegalDataValue),
                };
                if !matches!(addr, 0 | 1 | 3..=7 | 12 | 15 | 17) {
                    return exc(ExceptionCode::IllegalDataAddress);
                }
                let Some(l) = self.hgm9500.as_mut() else {
                    return exc(ExceptionCode::ServerDeviceFailure);
                };
                let was = std::mem::replace(&mut l.coils[usize::from(*addr)], on);
                if on && !was {
                    self.command_9500(*addr, now);
                    self.refresh(now);
                }
                req.write_echo()
                    .unwrap_or_else(|| exc(ExceptionCode::ServerDeviceFailure))
            }
            RequestPdu::WriteSingleRegister { addr, value } => {
                let Some(i) = SETPOINTS.iter().position(|a| a == addr) else {
                    return exc(ExceptionCode::IllegalDataAddress);
                };
                if *value > 1000 {
                    return exc(ExceptionCode::IllegalDataValue);
                }
                if let Some(l) = self.hgm9500.as_mut() {
                    l.setpoints[i] = *value;
                }
                self.refresh(now);
                req.write_echo()
                    .unwrap_or_else(|| exc(ExceptionCode::ServerDeviceFailure))
            }
            _ => exc(ExceptionCode::IllegalFunction),
        }
    }

    /// A command coil that turned on.
    fn command_9500(&mut self, addr: u16, now: f64) {
        let e = &mut self.engine;
        match addr {
            0 if e.mode == Mode::Manual => {
                e.start(now);
            }
            // Stop, also used to reset alarms whose cause is gone; alarm reset does the same.
            1 | 17 => {
                e.remote(1, now);
            }
            3 | 4 => {
                e.remote(addr, now);
            }
            5 => {
                e.remote(6, now);
            }
            6 if !e.gen_closed => {
                e.remote(5, now);
            }
            7 if e.gen_closed => {
                e.remote(5, now);
            }
            15 => e.stop(now),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::map::{HGM9500N_TOML, Value, parse_map};
    use crate::proto::rtu::ResponsePdu;

    fn is_exception(r: &Response) -> bool {
        matches!(r.pdu, ResponsePdu::Exception { .. })
    }
    use crate::proto::RegisterImage;
    use crate::proto::rtu::Block;

    fn read(c: &mut SimController, addr: u16, qty: u16) -> Vec<u16> {
        let req = Request {
            slave: 1,
            pdu: RequestPdu::Read {
                table: Table::Holding,
                addr,
                qty,
            },
        };
        match c.handle(&req, 1.0).unwrap().block_for(&req).unwrap().values {
            BlockValues::Registers(v) => v,
            other => panic!("{other:?}"),
        }
    }

    fn coil(c: &mut SimController, addr: u16, on: bool, now: f64) -> Response {
        let req = Request {
            slave: 1,
            pdu: RequestPdu::WriteSingleCoil {
                addr,
                value: if on { 0xFF00 } else { 0 },
            },
        };
        c.handle(&req, now).unwrap()
    }

    /// Everything the shipped map decodes from the simulated layout.
    fn decoded(c: &mut SimController) -> (crate::proto::map::RegisterMap, RegisterImage) {
        let map = parse_map(HGM9500N_TOML).unwrap();
        let mut img = RegisterImage::default();
        for r in &map.plan.requests {
            let RequestPdu::Read { addr, qty, .. } = r.pdu else {
                continue;
            };
            let values = read(c, addr, qty);
            img.apply_block(&Block {
                slave: 1,
                table: Table::Holding,
                addr,
                values: BlockValues::Registers(values),
            });
        }
        (map, img)
    }

    #[test]
    fn the_layout_decodes_with_the_shipped_map_and_commands_act_on_a_rising_edge() {
        let mut c = SimController::new(1, 3, 0).with_model("HGM9520N");
        let (map, img) = decoded(&mut c);
        assert_eq!(map.mode(&img, 1), Some("Auto"));
        let mains = map.register_by_role("mains_voltage_ab").unwrap();
        let Some(Value::Number(v)) = map
            .decode(&img, 1, Table::Holding, mains.addr)
            .map(|d| d.value)
        else {
            panic!("no mains voltage");
        };
        assert!((380.0..420.0).contains(&v), "{v} V, low word first");
        assert_eq!(map.bit_state(&img, 1, "mains_breaker"), Some(true));
        // Manual, pulsed: off, on, off. An "on" held does nothing twice.
        for on in [false, true, false] {
            assert!(!is_exception(&coil(&mut c, 4, on, 1.0)));
        }
        c.tick(2.0);
        assert_eq!(c.engine().mode, Mode::Manual);
        coil(&mut c, 0, true, 2.0);
        c.tick(3.0);
        assert_ne!(c.engine().phase, Phase::Standby, "the start began");
        let starts = c.engine().starts;
        coil(&mut c, 0, true, 3.0);
        assert_eq!(c.engine().starts, starts, "no rising edge, no second start");
        // An emergency stop shows as bit 0 of the shutdown group, an alarm of its kind.
        c.engine.emergency_stop(true, 4.0);
        c.tick(4.5);
        let (map, img) = decoded(&mut c);
        let alarms = map.active_alarms(&img, 1);
        assert!(
            alarms.contains(&("Emergency Stop", crate::proto::map::AlarmKind::Shutdown)),
            "{alarms:?}"
        );
        // The P% setpoint: written with 06 in range, refused out of it.
        let write = |c: &mut SimController, value| {
            c.handle(
                &Request {
                    slave: 1,
                    pdu: RequestPdu::WriteSingleRegister { addr: 4368, value },
                },
                5.0,
            )
            .unwrap()
        };
        assert!(!is_exception(&write(&mut c, 750)));
        assert_eq!(read(&mut c, 4368, 1), vec![750]);
        assert!(is_exception(&write(&mut c, 1001)));
        // No coils to read in this family.
        let coils = Request {
            slave: 1,
            pdu: RequestPdu::Read {
                table: Table::Coils,
                addr: 0,
                qty: 8,
            },
        };
        assert!(is_exception(&c.handle(&coils, 5.0).unwrap()));
    }
}
