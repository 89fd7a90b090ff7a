//! The genset behind the simulated controller: operating mode, start/stop sequence, breakers.
//!
//! Phases and their numbers follow the HGM6100N generator status table; delays are short so a
//! demo shows a whole start in about 15 s.

/// The emergency stop alarm coil.
pub const ESTOP_COIL: u16 = 8;

/// Controller mode (status coils 40-43).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Test: runs and takes the load.
    Test,
    /// Auto: runs when the mains fails.
    Auto,
    /// Manual: starts and stops on command.
    Manual,
    /// Stop.
    Stop,
}

/// Generator status (holding register 34), numbered as in the controller's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// 0
    Standby = 0,
    /// 1
    Preheat = 1,
    /// 3
    Crank = 3,
    /// 5
    SafetyDelay = 5,
    /// 6
    StartIdle = 6,
    /// 7
    WarmingUp = 7,
    /// 9
    Running = 9,
    /// 10
    Cooling = 10,
    /// 11
    StopIdle = 11,
    /// 12
    Ets = 12,
    /// 15
    AfterStop = 15,
}

impl Phase {
    /// Seconds the phase lasts before the next one (`None`: stays until commanded).
    fn duration(self) -> Option<f64> {
        match self {
            Phase::Standby | Phase::Running => None,
            Phase::Preheat => Some(2.0),
            Phase::Crank => Some(3.0),
            Phase::SafetyDelay => Some(4.0),
            Phase::StartIdle => Some(2.0),
            Phase::WarmingUp => Some(3.0),
            Phase::Cooling => Some(4.0),
            Phase::StopIdle => Some(2.0),
            Phase::Ets => Some(2.0),
            Phase::AfterStop => Some(1.0),
        }
    }

    fn next(self) -> Phase {
        match self {
            Phase::Preheat => Phase::Crank,
            Phase::Crank => Phase::SafetyDelay,
            Phase::SafetyDelay => Phase::StartIdle,
            Phase::StartIdle => Phase::WarmingUp,
            Phase::WarmingUp => Phase::Running,
            Phase::Cooling => Phase::StopIdle,
            Phase::StopIdle => Phase::Ets,
            Phase::Ets => Phase::AfterStop,
            Phase::AfterStop | Phase::Standby => Phase::Standby,
            Phase::Running => Phase::Running,
        }
    }

    /// Whether the engine turns (fuel on) in this phase.
    pub fn fuel_on(self) -> bool {
        matches!(
            self,
            Phase::Crank
                | Phase::SafetyDelay
                | Phase::StartIdle
                | Phase::WarmingUp
                | Phase::Running
                | Phase::Cooling
                | Phase::StopIdle
        )
    }

    /// Target engine speed in the phase, rpm.
    pub fn target_rpm(self) -> f64 {
        match self {
            Phase::Crank => 250.0,
            Phase::SafetyDelay | Phase::StartIdle | Phase::StopIdle => 900.0,
            Phase::WarmingUp | Phase::Running | Phase::Cooling => 1500.0,
            _ => 0.0,
        }
    }
}

/// The engine and breakers.
#[derive(Debug, Clone)]
pub struct Engine {
    /// Controller mode.
    pub mode: Mode,
    /// Current phase.
    pub phase: Phase,
    /// When the current phase ends (seconds, simulation time).
    pub phase_until: f64,
    /// Generator breaker closed (gen with load).
    pub gen_closed: bool,
    /// Mains breaker closed (mains with load).
    pub mains_closed: bool,
    /// Starts since the counters began.
    pub starts: u32,
    /// Shutdown alarms latched (their coil addresses): the set stopped and will not start
    /// until they are reset (the Stop command, once their cause is gone).
    pub shutdowns: std::collections::BTreeSet<u16>,
    /// The emergency stop button is pressed.
    pub estop_input: bool,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            mode: Mode::Auto,
            phase: Phase::Standby,
            phase_until: 0.0,
            gen_closed: false,
            mains_closed: true,
            starts: 0,
            shutdowns: Default::default(),
            estop_input: false,
        }
    }
}

impl Engine {
    fn enter(&mut self, phase: Phase, now: f64) {
        self.phase = phase;
        self.phase_until = now + phase.duration().unwrap_or(0.0);
        if phase == Phase::Running && self.mode == Mode::Test {
            self.transfer_to_gen();
        }
    }

    fn transfer_to_gen(&mut self) {
        self.mains_closed = false;
        self.gen_closed = true;
    }

    fn transfer_to_mains(&mut self) {
        self.gen_closed = false;
        self.mains_closed = true;
    }

    /// Begins a start if the engine is at rest and no shutdown alarm stands.
    pub fn start(&mut self, now: f64) -> bool {
        if self.phase != Phase::Standby || !self.shutdowns.is_empty() {
            return false;
        }
        self.starts += 1;
        self.enter(Phase::Preheat, now);
        true
    }

    /// Begins a stop if the engine runs (or is starting).
    pub fn stop(&mut self, now: f64) {
        if self.gen_closed {
            self.transfer_to_mains();
        }
        if matches!(
            self.phase,
            Phase::Preheat | Phase::Crank | Phase::SafetyDelay | Phase::StartIdle
        ) {
            self.enter(Phase::Ets, now);
        } else if matches!(self.phase, Phase::WarmingUp | Phase::Running) {
            self.enter(Phase::Cooling, now);
        }
    }

    /// A remote command coil (function 05, address 0-6), `true` for the active value.
    /// Returns `false` for an address the controller does not have.
    pub fn remote(&mut self, addr: u16, now: f64) -> bool {
        match addr {
            0 => {
                if matches!(self.mode, Mode::Manual | Mode::Test) {
                    self.start(now);
                }
            }
            1 => {
                self.mode = Mode::Stop;
                self.stop(now);
                // Stop also resets the alarms whose cause is gone.
                let estop = self.estop_input;
                self.shutdowns.retain(|c| estop && *c == ESTOP_COIL);
            }
            2 => {
                self.mode = Mode::Test;
                if !self.start(now) && self.phase == Phase::Running {
                    self.transfer_to_gen();
                }
            }
            3 => {
                self.mode = Mode::Auto;
                // Mains is healthy in the simulation: auto mode has no reason to run.
                self.stop(now);
            }
            4 => self.mode = Mode::Manual,
            5 => {
                if self.phase == Phase::Running && self.mode != Mode::Auto {
                    if self.gen_closed {
                        self.transfer_to_mains();
                    } else {
                        self.transfer_to_gen();
                    }
                }
            }
            6 => {
                if self.mode != Mode::Auto {
                    if self.mains_closed {
                        self.mains_closed = false;
                    } else if !self.gen_closed {
                        self.mains_closed = true;
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// A shutdown alarm (its coil): the breaker opens and the fuel is cut at once, without
    /// cooling down.
    pub fn shutdown(&mut self, coil: u16, now: f64) {
        self.shutdowns.insert(coil);
        if self.gen_closed {
            self.transfer_to_mains();
        }
        if self.phase.fuel_on() || self.phase == Phase::Preheat {
            self.enter(Phase::Ets, now);
        }
    }

    /// The emergency stop button pressed or released.
    pub fn emergency_stop(&mut self, pressed: bool, now: f64) {
        self.estop_input = pressed;
        if pressed {
            self.shutdown(ESTOP_COIL, now);
        }
    }

    /// Moves through timed phases up to `now`.
    pub fn advance(&mut self, now: f64) {
        while self.phase.duration().is_some() && now >= self.phase_until {
            let next = self.phase.next();
            let until = self.phase_until;
            self.enter(next, until);
        }
    }

    /// Seconds left in the current phase (0 for untimed phases).
    pub fn delay_left(&self, now: f64) -> u16 {
        if self.phase.duration().is_none() {
            return 0;
        }
        (self.phase_until - now).max(0.0).ceil() as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_start_runs_through_the_sequence_and_stop_returns_to_standby() {
        let mut e = Engine::default();
        assert!(e.remote(4, 0.0));
        e.remote(0, 0.0);
        assert_eq!(e.phase, Phase::Preheat);
        e.advance(100.0);
        assert_eq!(e.phase, Phase::Running);
        assert!(!e.gen_closed, "manual mode waits for a breaker command");
        e.remote(5, 100.0);
        assert!(e.gen_closed && !e.mains_closed);
        e.remote(1, 101.0);
        assert_eq!((e.mode, e.phase), (Mode::Stop, Phase::Cooling));
        assert!(e.mains_closed && !e.gen_closed);
        e.advance(200.0);
        assert_eq!(e.phase, Phase::Standby);
        assert_eq!(e.starts, 1);
    }

    #[test]
    fn test_mode_takes_the_load_and_auto_stops() {
        let mut e = Engine::default();
        e.remote(2, 0.0);
        e.advance(50.0);
        assert!(e.gen_closed);
        e.remote(3, 50.0);
        assert_eq!(e.mode, Mode::Auto);
        e.advance(100.0);
        assert_eq!(e.phase, Phase::Standby);
        assert!(!e.remote(7, 100.0));
    }

    #[test]
    fn an_emergency_stop_cuts_the_fuel_latches_and_is_reset_by_stop_once_released() {
        let mut e = Engine::default();
        e.remote(2, 0.0);
        e.advance(50.0);
        assert!(e.gen_closed);
        e.emergency_stop(true, 50.0);
        assert_eq!(e.phase, Phase::Ets);
        assert!(!e.phase.fuel_on() && !e.gen_closed && e.mains_closed);
        e.advance(60.0);
        e.remote(1, 60.0);
        assert!(
            e.shutdowns.contains(&ESTOP_COIL),
            "still pressed: not reset"
        );
        e.remote(4, 61.0);
        assert!(!e.start(61.0), "no start while a shutdown stands");
        e.emergency_stop(false, 62.0);
        e.remote(1, 62.0);
        assert!(e.shutdowns.is_empty());
        e.remote(4, 63.0);
        assert!(e.start(63.0));
    }

    #[test]
    fn start_in_auto_or_stop_mode_is_ignored() {
        let mut e = Engine::default();
        e.remote(0, 0.0);
        assert_eq!(e.phase, Phase::Standby);
        e.remote(1, 0.0);
        e.remote(0, 0.0);
        assert_eq!(e.phase, Phase::Standby);
    }
}
