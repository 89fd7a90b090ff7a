//! A simulated HGM6120N-like controller: the register image of the HGM6100N document, values
//! that move plausibly, and the Modbus behaviour of the real one (functions 01, 03 and 05; other
//! functions answered with Illegal Function).
//!
//! Pure: time enters as `now` (seconds since the simulation began).

use chrono::{Datelike, TimeZone, Timelike, Utc};

use super::engine::{Engine, Mode, Phase};
use super::scenario::{Action, Scenario};
use crate::proto::image::NO_DATA;
use crate::proto::rtu::{BlockValues, ExceptionCode, Request, RequestPdu, Response, Table};

/// Status coils of the HGM6100N (addresses 0-81).
pub const COIL_COUNT: usize = 82;
/// Holding registers of the HGM6100N (addresses 0-124).
pub const REGISTER_COUNT: usize = 125;
/// Rated power of the simulated set, kW (a scenario's load is a share of it).
pub const RATED_KW: f64 = 100.0;
/// The controller answers at most this many registers per read.
pub const MAX_READ_REGISTERS: u16 = 120;

/// Raw values of a 05 write the controller takes as "active" (field FF00, V1.4 text 00FF,
/// HSC941 text FFFF).
const ACTIVE_VALUES: [u16; 3] = [0xFF00, 0x00FF, 0xFFFF];

/// The simulated controller.
#[derive(Debug, Clone)]
pub struct SimController {
    /// Slave id it answers to (0 is accepted too, as through the modem in the field).
    pub slave: u8,
    coils: [bool; COIL_COUNT],
    regs: [u16; REGISTER_COUNT],
    engine: Engine,
    rng: fastrand::Rng,
    /// Unix seconds at simulation time 0 (for the controller clock).
    epoch: i64,
    last: f64,
    rpm: f64,
    water_temp: f64,
    fuel: f64,
    run_seconds: f64,
    energy_kwh: f64,
    load_kw: f64,
    /// The load bank's setting, kW (`None`: a site load that wanders).
    load_setpoint: Option<f64>,
    scenario: Scenario,
    /// Scenario steps done.
    played: usize,
    /// Laid out as an HGM9500N instead of an HGM6100N.
    hgm9500: Option<hgm9500::Layout>,
}

#[path = "hgm9500.rs"]
mod hgm9500;

impl SimController {
    /// A controller at rest in Auto mode; `seed` varies the noise, `epoch` sets its clock.
    pub fn new(slave: u8, seed: u64, epoch: i64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut c = SimController {
            slave,
            coils: [false; COIL_COUNT],
            regs: [0; REGISTER_COUNT],
            engine: Engine::default(),
            fuel: 60.0 + rng.f64() * 30.0,
            run_seconds: 3600.0 * (100.0 + rng.f64() * 900.0).floor(),
            energy_kwh: (5000.0 + rng.f64() * 20000.0).floor(),
            load_kw: 40.0 + rng.f64() * 40.0,
            rng,
            epoch,
            last: 0.0,
            rpm: 0.0,
            water_temp: 22.0,
            load_setpoint: None,
            scenario: Scenario::default(),
            played: 0,
            hgm9500: None,
        };
        c.engine.starts = 40 + c.rng.u32(0..200);
        c.refresh(0.0);
        c
    }

    /// The same genset laid out as controller `model` reports it: the HGM9500N family
    /// (HGM9510N/9520N/9530N) in its own layout; the HGM6100N and HGM4000N families (and
    /// anything else) in the HGM6100N layout, which the HGM4000N shares but for a few
    /// re-assigned alarm coils.
    pub fn with_model(mut self, model: &str) -> Self {
        let m = model.trim().to_ascii_uppercase();
        if m.starts_with("HGM951") || m.starts_with("HGM952") || m.starts_with("HGM953") {
            self.hgm9500 = Some(hgm9500::Layout::default());
            let now = self.last;
            self.refresh(now);
        }
        self
    }

    /// The engine state (mode, phase, breakers).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Status coils.
    pub fn coils(&self) -> &[bool] {
        &self.coils
    }

    /// Holding registers.
    pub fn registers(&self) -> &[u16] {
        &self.regs
    }

    /// Plays `scenario` from simulation time 0.
    pub fn set_scenario(&mut self, scenario: Scenario) {
        self.scenario = scenario;
        self.played = 0;
    }

    /// What a scenario step does.
    fn act(&mut self, action: Action, now: f64) {
        match action {
            Action::Remote(addr) => {
                self.engine.remote(addr, now);
            }
            Action::GenClose => {
                if self.engine.phase == Phase::Running && !self.engine.gen_closed {
                    self.engine.remote(5, now);
                }
            }
            Action::GenOpen => {
                if self.engine.gen_closed {
                    self.engine.remote(5, now);
                }
            }
            Action::Load(pct) => self.load_setpoint = Some(pct / 100.0 * RATED_KW),
            Action::EmergencyStop(pressed) => self.engine.emergency_stop(pressed, now),
            Action::Fault(coil) => self.engine.shutdown(coil, now),
        }
    }

    /// Advances the simulation to `now`.
    pub fn tick(&mut self, now: f64) {
        let dt = (now - self.last).clamp(0.0, 60.0);
        self.last = now;
        while let Some((t, action)) = self.scenario.steps.get(self.played).copied() {
            if t > now {
                break;
            }
            self.played += 1;
            // Timed phases up to the step's moment first, so it finds the set as it was then.
            self.engine.advance(t);
            self.act(action, t);
        }
        self.engine.advance(now);
        let target = self.engine.phase.target_rpm();
        // Speed follows its target within about a second.
        self.rpm += (target - self.rpm) * (1.0 - (-dt * 2.0).exp());
        if (self.rpm - target).abs() < 1.0 {
            self.rpm = target;
        }
        let running = self.engine.phase.fuel_on();
        let temp_target = if running { 82.0 } else { 22.0 };
        self.water_temp += (temp_target - self.water_temp) * (1.0 - (-dt / 60.0).exp());
        if running {
            self.run_seconds += dt;
            self.fuel = (self.fuel - dt * 0.002).max(5.0);
        }
        if self.engine.gen_closed {
            self.load_kw = match self.load_setpoint {
                // A load bank: follows its setting within a couple of seconds, with a ripple.
                Some(sp) => {
                    let k = 1.0 - (-dt * 1.5).exp();
                    (self.load_kw + (sp - self.load_kw) * k + (self.rng.f64() - 0.5) * 0.6).max(0.0)
                }
                None => (self.load_kw + (self.rng.f64() - 0.5) * 2.0).clamp(20.0, 100.0),
            };
            self.energy_kwh += self.load_kw * dt / 3600.0;
        }
        self.refresh(now);
    }

    fn noise(&mut self, span: i32) -> i32 {
        self.rng.i32(-span..=span)
    }

    /// Rewrites the coils and registers from the simulated state.
    fn refresh(&mut self, now: f64) {
        let e = self.engine.clone();
        let c = &mut self.coils;
        c.fill(false);
        c[6] = e.mains_closed;
        c[7] = e.gen_closed;
        c[40] = e.mode == Mode::Test;
        c[41] = e.mode == Mode::Auto;
        c[42] = e.mode == Mode::Manual;
        c[43] = e.mode == Mode::Stop;
        for a in &e.shutdowns {
            if let Some(bit) = c.get_mut(usize::from(*a)) {
                *bit = true;
            }
        }
        if !e.shutdowns.is_empty() {
            c[0] = true; // Common Alarm
            c[2] = true; // Common Shutdown Alarm
        }
        c[48] = e.estop_input;
        c[56] = e.phase == Phase::Crank;
        c[57] = e.phase.fuel_on();
        c[65] = true; // Mains Normal
        c[72] = e.phase == Phase::Running;

        let mains_v = (230 + self.noise(2)) as u16;
        let mains_f = (500 + self.noise(1)) as u16;
        let gen_v = (230.0 * (self.rpm / 1500.0)).round() as i32;
        let gen_v = if self.rpm > 300.0 { gen_v } else { 0 };
        let gen_f = (self.rpm / 30.0 * 10.0).round() as u16;
        let amps = if e.gen_closed {
            (self.load_kw * 1000.0 / (3.0 * 230.0 * 0.85)).round() as u16
        } else {
            0
        };
        let mut regs = [0u16; REGISTER_COUNT];
        for (i, v) in [mains_v, mains_v + 1, mains_v - 1].into_iter().enumerate() {
            regs[i] = v;
            regs[3 + i] = (f64::from(v) * 3f64.sqrt()).round() as u16;
        }
        regs[6] = mains_f;
        for i in 0..3 {
            let v = if gen_v > 0 {
                (gen_v + self.noise(1)) as u16
            } else {
                0
            };
            regs[7 + i] = v;
            regs[10 + i] = (f64::from(v) * 3f64.sqrt()).round() as u16;
            regs[14 + i] = if amps > 0 {
                (i32::from(amps) + self.noise(2)) as u16
            } else {
                0
            };
        }
        regs[13] = gen_f;
        regs[17] = self.water_temp.round() as u16;
        regs[18] = (1200.0 - self.water_temp * 10.0) as u16;
        regs[19] = if self.rpm > 600.0 {
            (320 + self.noise(5)) as u16
        } else {
            0
        };
        regs[20] = NO_DATA; // oil pressure sender resistance: not fitted
        regs[21] = self.fuel.round() as u16;
        regs[22] = (10.0 + self.fuel * 1.7) as u16;
        regs[23] = self.rpm.round() as u16;
        let charging = self.rpm > 600.0;
        regs[24] = (if charging { 278 } else { 254 } + self.noise(1)) as u16;
        regs[25] = if charging { 276 } else { 0 };
        let kw = if e.gen_closed {
            self.load_kw.round() as i16
        } else {
            0
        };
        regs[26] = kw as u16;
        regs[27] = (f64::from(kw) * 0.62).round() as i16 as u16;
        regs[28] = (f64::from(kw) / 0.85).round() as i16 as u16;
        regs[29] = if kw > 0 { 85 } else { 0 };
        regs[30] = 212;
        regs[31] = 30;
        regs[34] = e.phase as u16;
        regs[35] = e.delay_left(now);
        regs[40] = 0; // mains normal
        let hours = (self.run_seconds / 3600.0) as u32;
        regs[42] = (hours / 10000) as u16;
        regs[43] = (hours % 10000) as u16;
        regs[44] = ((self.run_seconds / 60.0) as u32 % 60) as u16;
        regs[45] = (self.run_seconds as u32 % 60) as u16;
        regs[46] = (e.starts / 10000) as u16;
        regs[47] = (e.starts % 10000) as u16;
        let kwh = self.energy_kwh as u32;
        regs[48] = (kwh / 10000) as u16;
        regs[49] = (kwh % 10000) as u16;
        regs[50] = 12;
        regs[51] = 10;
        for i in 0..3 {
            regs[52 + i] = (kw / 3) as u16;
        }
        regs[55] = (f64::from(kw.max(0)) / RATED_KW * 100.0).round() as u16;
        // ECU-only values: a controller without an ECU reports no data.
        regs[56..=69].fill(NO_DATA);
        regs[70] = 36;
        regs[71] = 6120;
        if let Some(t) = Utc.timestamp_opt(self.epoch + now as i64, 0).single() {
            regs[72] = t.year() as u16;
            regs[73] = t.month() as u16;
            regs[74] = t.day() as u16;
            regs[75] = t.weekday().num_days_from_sunday() as u16;
            regs[76] = t.hour() as u16;
            regs[77] = t.minute() as u16;
            regs[78] = t.second() as u16;
        }
        regs[79] = 2022;
        regs[80] = 5;
        regs[81] = 12;
        regs[82..=91].fill(NO_DATA);
        if gen_v > 0 {
            regs[93] = 120;
            regs[94] = 240;
        }
        regs[96] = 120;
        regs[97] = 240;
        regs[120..=124].fill(NO_DATA);
        self.regs = regs;
        if self.hgm9500.is_some() {
            self.render_9500();
        }
    }

    /// Answers a request the way the controller does; `None` when it is for another slave
    /// (the bus stays silent).
    pub fn handle(&mut self, req: &Request, now: f64) -> Option<Response> {
        if req.slave != self.slave && req.slave != 0 {
            return None;
        }
        if self.hgm9500.is_some() {
            return Some(self.handle_9500(req, now));
        }
        let exc = |code| Response::exception(req.slave, req.function(), code);
        let resp = match &req.pdu {
            RequestPdu::Read {
                table: Table::Coils,
                addr,
                qty,
            } => match range(*addr, *qty, COIL_COUNT, 2000) {
                Ok(r) => Response::read(
                    req.slave,
                    Table::Coils,
                    &BlockValues::Bits(self.coils[r].to_vec()),
                ),
                Err(code) => exc(code),
            },
            RequestPdu::Read {
                table: Table::Holding,
                addr,
                qty,
            } => match range(*addr, *qty, REGISTER_COUNT, MAX_READ_REGISTERS) {
                Ok(r) => Response::read(
                    req.slave,
                    Table::Holding,
                    &BlockValues::Registers(self.regs[r].to_vec()),
                ),
                Err(code) => exc(code),
            },
            RequestPdu::WriteSingleCoil { addr, value } => {
                if *value != 0 && !ACTIVE_VALUES.contains(value) {
                    exc(ExceptionCode::IllegalDataValue)
                } else if *addr > 6 {
                    exc(ExceptionCode::IllegalDataAddress)
                } else {
                    if *value != 0 {
                        self.engine.remote(*addr, now);
                        self.refresh(now);
                    }
                    req.write_echo()?
                }
            }
            _ => exc(ExceptionCode::IllegalFunction),
        };
        Some(resp)
    }
}

fn range(
    addr: u16,
    qty: u16,
    size: usize,
    max_qty: u16,
) -> Result<std::ops::Range<usize>, ExceptionCode> {
    if qty == 0 || qty > max_qty {
        return Err(ExceptionCode::IllegalDataValue);
    }
    let (start, end) = (addr as usize, addr as usize + qty as usize);
    if end > size {
        return Err(ExceptionCode::IllegalDataAddress);
    }
    Ok(start..end)
}

#[cfg(test)]
#[path = "controller_tests.rs"]
mod tests;
