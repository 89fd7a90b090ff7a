//! Plain state of the program, changed only by [`AppState::apply`]: targets, their register
//! images, and the commands sent with their outcomes. No egui, no tokio.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use crate::link::serial::LinkStats;
use crate::link::{Event, Outcome};
use crate::proto::RegisterImage;
use crate::proto::image::Change;
use crate::proto::map::{self, Confirm, Decoded, RegisterMap};

/// Uploads to wait for a command's effect before calling it not confirmed.
const CHECKS: u8 = 5;
/// Points kept per plotted value: 24 hours at one a second.
pub const SERIES_CAPACITY: usize = 86_400;

/// A plotted value: target, table and (first) address.
pub type PlotKey = (String, crate::proto::Table, u16);
use crate::proto::uplink::InputFlags;

/// A modem the server has seen.
#[derive(Debug, Clone)]
pub struct Target {
    /// Modem id.
    pub hostid: String,
    /// From the last login.
    pub hostname: String,
    /// From the last login ("" until one is seen).
    pub moduletype: String,
    /// Long connection open.
    pub online: bool,
    /// Peer of the long connection.
    pub peer: Option<SocketAddr>,
    /// Last known values.
    pub image: RegisterImage,
    /// The modem's alarm inputs, as last reported.
    pub flags: InputFlags,
    /// When anything last arrived (ms since the epoch, as passed to `apply`).
    pub last_seen_ms: Option<i64>,
    /// When the last heartbeat arrived.
    pub last_heartbeat_ms: Option<i64>,
    /// The register map of its controller (generic until a login names the model).
    pub map: Arc<RegisterMap>,
    /// When each address last changed (ms since the epoch).
    pub changed_ms: BTreeMap<(crate::proto::Table, u16), i64>,
    /// For a controller on the laptop's serial port: the port and its settings.
    pub serial: Option<String>,
    /// Link statistics of a serial target.
    pub link_stats: Option<LinkStats>,
    /// Why the link or connection went down, while it is down.
    pub down_reason: Option<String>,
}

impl Target {
    fn new(hostid: &str) -> Self {
        Target {
            hostid: hostid.to_string(),
            hostname: String::new(),
            moduletype: String::new(),
            online: false,
            peer: None,
            image: RegisterImage::default(),
            flags: InputFlags::default(),
            last_seen_ms: None,
            last_heartbeat_ms: None,
            map: Arc::new(RegisterMap::generic()),
            changed_ms: BTreeMap::new(),
            serial: None,
            link_stats: None,
            down_reason: None,
        }
    }

    /// A controller on the laptop's serial port rather than a modem.
    pub fn is_serial(&self) -> bool {
        self.serial.is_some()
    }

    /// How its heartbeats are doing, against the expected `interval_ms` (serial links have none).
    pub fn heartbeat_health(&self, now_ms: i64, interval_ms: i64) -> Health {
        if !self.online {
            return Health::Down;
        }
        if self.is_serial() {
            return Health::Good;
        }
        // Until the first heartbeat, the login or connection stands in for it.
        let Some(last) = self.last_heartbeat_ms.or(self.last_seen_ms) else {
            return Health::Late;
        };
        let silent = now_ms - last;
        if silent <= interval_ms * 3 / 2 {
            Health::Good
        } else if silent <= interval_ms * 3 {
            Health::Late
        } else {
            Health::Down
        }
    }

    /// The slave its values come from: the one in the data (a controller may sit at any
    /// address), else the map's.
    pub fn slave(&self) -> u8 {
        self.image
            .tables()
            .next()
            .map_or_else(|| self.map.plan.slave(), |((slave, _), _)| *slave)
    }

    /// A changed address, decoded with the target's map.
    pub fn decode(&self, c: &Change) -> Option<Decoded> {
        self.map.decode(&self.image, c.slave, c.table, c.addr)
    }
}

/// Heartbeat health of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Heartbeats on time (or a serial link up).
    Good,
    /// A heartbeat is overdue (more than one and a half intervals of silence).
    Late,
    /// Offline, or silent for three intervals.
    Down,
}

/// A command and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    /// Target.
    pub hostid: String,
    /// Command id.
    pub uid: String,
    /// What was sent, decoded.
    pub decoded: String,
    /// The frame, for Modbus writes.
    pub frame: Option<String>,
    /// When it was sent.
    pub sent_ms: i64,
    /// How it ended, once it has.
    pub outcome: Option<(Outcome, String)>,
    /// What the readings show when it took effect.
    pub confirm: Option<Confirm>,
    /// Whether the readings after it was accepted show the effect (`None`: not known yet).
    pub verified: Option<bool>,
    checks_left: u8,
}

/// Everything the program knows, driven by link events.
#[derive(Debug)]
pub struct AppState {
    /// Register maps, searched in order (the user's before the shipped ones).
    pub maps: Vec<Arc<RegisterMap>>,
    /// Targets by hostid.
    pub targets: BTreeMap<String, Target>,
    /// Commands in the order sent.
    pub commands: Vec<CommandRecord>,
    /// The last error reported.
    pub last_error: Option<String>,
    /// Messages in and out (when the server records traffic).
    pub traffic: super::traffic::TrafficLog,
    /// Effects to look for, by the uid of the command about to be sent.
    expected: BTreeMap<String, Confirm>,
    /// Plotted values and their history (bounded).
    pub plotted: BTreeMap<PlotKey, super::series::Series>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(map::builtin_maps())
    }
}

impl AppState {
    /// A state that decodes with `maps` (first match wins).
    pub fn new(maps: Vec<Arc<RegisterMap>>) -> Self {
        AppState {
            maps,
            targets: BTreeMap::new(),
            commands: Vec::new(),
            last_error: None,
            traffic: Default::default(),
            expected: BTreeMap::new(),
            plotted: BTreeMap::new(),
        }
    }

    /// Adds a value to the plot, or takes it off.
    pub fn toggle_plot(&mut self, key: PlotKey) {
        if self.plotted.remove(&key).is_none() {
            self.plotted
                .insert(key, super::series::Series::new(SERIES_CAPACITY));
        }
    }

    /// Records the current value of each plotted value of `hostid` (every upload, so a value
    /// that holds still draws as a flat line).
    fn sample(&mut self, hostid: &str, now_ms: i64) {
        let Some(t) = self.targets.get(hostid) else {
            return;
        };
        let now = now_ms as f64 / 1000.0;
        for ((h, table, addr), series) in self.plotted.iter_mut() {
            if h == hostid
                && let Some(v) = t
                    .map
                    .decode(&t.image, t.slave(), *table, *addr)
                    .and_then(|d| d.number())
            {
                series.push(now, v);
            }
        }
    }

    /// Before sending command `uid`: what its effect looks like in the readings.
    pub fn expect_effect(&mut self, uid: &str, confirm: Confirm) {
        self.expected.insert(uid.to_string(), confirm);
    }

    /// Checks accepted commands of `hostid` against its readings after an upload.
    fn verify(&mut self, hostid: &str) {
        let Some(t) = self.targets.get(hostid) else {
            return;
        };
        for c in self
            .commands
            .iter_mut()
            .filter(|c| c.hostid == hostid && c.verified.is_none())
        {
            let (Some(confirm), Some((Outcome::Accepted, _))) = (&c.confirm, &c.outcome) else {
                continue;
            };
            if t.image
                .get(t.slave(), confirm.table, confirm.addr)
                .is_some_and(|raw| confirm.holds(raw))
            {
                c.verified = Some(true);
            } else {
                c.checks_left = c.checks_left.saturating_sub(1);
                if c.checks_left == 0 {
                    c.verified = Some(false);
                }
            }
        }
    }

    /// Puts a map before the others and applies it to the targets it serves.
    pub fn add_map(&mut self, map: Arc<RegisterMap>) {
        self.maps.insert(0, map);
        for t in self.targets.values_mut() {
            if !t.moduletype.is_empty() {
                t.map = map::resolve(&self.maps, &t.moduletype);
            }
        }
    }

    /// Registers a serial link about to start: its target is a `model` controller.
    pub fn add_serial(&mut self, target: &str, description: &str, model: &str) {
        let map = map::resolve(&self.maps, model);
        let t = self.target(target);
        t.serial = Some(description.to_string());
        t.hostname = description.to_string();
        t.moduletype = model.to_string();
        t.map = map;
    }

    /// Forgets a target (a serial link closed by the user).
    pub fn remove_target(&mut self, target: &str) {
        self.targets.remove(target);
        self.plotted.retain(|(h, _, _), _| h != target);
    }

    fn target(&mut self, hostid: &str) -> &mut Target {
        self.targets
            .entry(hostid.to_string())
            .or_insert_with(|| Target::new(hostid))
    }

    /// Applies an event at time `now_ms`; returns the register changes it caused.
    pub fn apply(&mut self, event: &Event, now_ms: i64) -> Vec<Change> {
        match event {
            Event::Login {
                hostid,
                hostname,
                moduletype,
                accepted: true,
                ..
            } => {
                let map = map::resolve(&self.maps, moduletype);
                let t = self.target(hostid);
                t.hostname = hostname.clone();
                t.moduletype = moduletype.clone();
                t.last_seen_ms = Some(now_ms);
                t.map = map;
            }
            Event::Online { hostid, peer, .. } => {
                let t = self.target(hostid);
                t.online = true;
                t.down_reason = None;
                t.peer = Some(*peer);
                t.last_seen_ms = Some(now_ms);
            }
            Event::Offline { hostid, reason } => {
                let t = self.target(hostid);
                t.online = false;
                t.down_reason = Some(reason.name().to_string());
            }
            Event::LinkUp {
                target,
                port,
                settings,
            } => {
                let t = self.target(target);
                t.online = true;
                t.down_reason = None;
                t.last_seen_ms = Some(now_ms);
                t.serial = Some(format!("{port}, {settings}"));
                if t.hostname.is_empty() {
                    t.hostname = port.clone();
                }
            }
            Event::LinkDown { target, reason } => {
                let t = self.target(target);
                t.online = false;
                t.down_reason = Some(reason.clone());
                self.last_error = Some(format!("{target}: {reason}"));
            }
            Event::Stats { target, stats } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.link_stats = Some(*stats);
                }
            }
            Event::Heartbeat { hostid } => {
                let t = self.target(hostid);
                t.last_seen_ms = Some(now_ms);
                t.last_heartbeat_ms = Some(now_ms);
            }
            Event::Timing { hostid } => self.target(hostid).last_seen_ms = Some(now_ms),
            Event::Data {
                hostid,
                blocks,
                flags,
                ..
            } => {
                let t = self.target(hostid);
                t.last_seen_ms = Some(now_ms);
                if flags.any() {
                    t.flags = merge_flags(t.flags, *flags);
                }
                let changes: Vec<Change> =
                    blocks.iter().flat_map(|b| t.image.apply_block(b)).collect();
                for c in &changes {
                    // A pair's change shows at its first address, where the table lists it.
                    let addr = t
                        .map
                        .register_at(c.addr)
                        .filter(|_| !c.table.is_bits())
                        .map_or(c.addr, |r| r.addr);
                    t.changed_ms.insert((c.table, addr), now_ms);
                }
                self.verify(hostid);
                self.sample(hostid, now_ms);
                return changes;
            }
            Event::CommandSent {
                hostid,
                uid,
                frame,
                decoded,
                ..
            } => {
                let confirm = self.expected.remove(uid);
                self.commands.push(CommandRecord {
                    hostid: hostid.clone(),
                    uid: uid.clone(),
                    decoded: decoded.clone(),
                    frame: frame.clone(),
                    sent_ms: now_ms,
                    outcome: None,
                    confirm,
                    verified: None,
                    checks_left: CHECKS,
                })
            }
            Event::CommandOutcome {
                hostid,
                uid,
                outcome,
                detail,
            } => {
                let rec = self
                    .commands
                    .iter_mut()
                    .rev()
                    .find(|c| &c.uid == uid && &c.hostid == hostid && c.outcome.is_none());
                if let Some(rec) = rec {
                    rec.outcome = Some((*outcome, detail.clone()));
                }
            }
            Event::Traffic {
                hostid,
                peer,
                direction,
                text,
            } => self.traffic.push(
                now_ms,
                hostid.clone(),
                peer.to_string(),
                *direction,
                text.clone(),
            ),
            Event::ProtocolError { error, .. } => self.last_error = Some(error.clone()),
            Event::Error { message, .. } => self.last_error = Some(message.clone()),
            _ => {}
        }
        Vec::new()
    }

    /// Modems online now.
    pub fn online_count(&self) -> usize {
        self.targets.values().filter(|t| t.online).count()
    }
}

fn merge_flags(old: InputFlags, new: InputFlags) -> InputFlags {
    InputFlags {
        access_alarm: new.access_alarm.or(old.access_alarm),
        fire_alarm: new.fire_alarm.or(old.fire_alarm),
        alarm_input: new.alarm_input.or(old.alarm_input),
        inhibit_remote: new.inhibit_remote.or(old.inhibit_remote),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::DataKind;
    use crate::proto::{Block, BlockValues, Table};

    #[test]
    fn data_events_update_the_image_and_report_changes() {
        let mut s = AppState::default();
        let block = Block {
            slave: 1,
            table: Table::Holding,
            addr: 0,
            values: BlockValues::Registers(vec![239, 240]),
        };
        let ev = Event::Data {
            hostid: "H".into(),
            kind: DataKind::Full,
            blocks: vec![block],
            flags: InputFlags {
                inhibit_remote: Some(true),
                ..Default::default()
            },
        };
        assert_eq!(s.apply(&ev, 5).len(), 2);
        assert!(s.apply(&ev, 6).is_empty());
        let t = &s.targets["H"];
        assert_eq!(t.image.get(1, Table::Holding, 1), Some(240));
        assert_eq!(t.flags.inhibit_remote, Some(true));
        assert_eq!(t.last_seen_ms, Some(6));
    }

    #[test]
    fn a_login_picks_the_map_and_a_loaded_map_takes_over() {
        let mut s = AppState::default();
        let login = |m: &str| Event::Login {
            hostid: "H".into(),
            hostname: "n".into(),
            moduletype: m.into(),
            peer: "127.0.0.1:1".parse().unwrap(),
            accepted: true,
            reason: None,
            module_port: None,
            module_baud: None,
        };
        s.apply(&login("HGM6120N-4G"), 1);
        assert_eq!(s.targets["H"].map.name, "SmartGen HGM6100N family");
        s.apply(&login("XYZ"), 2);
        assert!(s.targets["H"].map.is_generic());
        let custom = crate::proto::map::parse_map(
            "format = \"cmm-register-map\"\nversion = 1\nname = \"X\"\nmodule_types = [\"XYZ\"]\n",
        )
        .unwrap();
        s.add_map(Arc::new(custom));
        assert_eq!(s.targets["H"].map.name, "X");
    }

    #[test]
    fn accepted_writes_are_verified_against_the_next_readings() {
        let mut s = AppState::default();
        let sent = |uid: &str| Event::CommandSent {
            hostid: "H".into(),
            uid: uid.into(),
            method: "writeConfig",
            frame: None,
            decoded: "auto".into(),
        };
        let accepted = |uid: &str| Event::CommandOutcome {
            hostid: "H".into(),
            uid: uid.into(),
            outcome: Outcome::Accepted,
            detail: String::new(),
        };
        let coil41 = |on: bool| Event::Data {
            hostid: "H".into(),
            kind: DataKind::Change,
            blocks: vec![Block {
                slave: 1,
                table: Table::Coils,
                addr: 41,
                values: BlockValues::Bits(vec![on]),
            }],
            flags: InputFlags::default(),
        };
        let auto = Confirm {
            table: Table::Coils,
            addr: 41,
            value: Some(1),
            not: None,
        };
        s.expect_effect("a", auto.clone());
        s.apply(&sent("a"), 1);
        s.apply(&coil41(false), 2);
        assert_eq!(
            s.commands[0].verified, None,
            "not accepted yet: nothing to verify"
        );
        s.apply(&accepted("a"), 3);
        s.apply(&coil41(false), 4);
        assert_eq!(s.commands[0].verified, None);
        s.apply(&coil41(true), 5);
        assert_eq!(s.commands[0].verified, Some(true));

        s.expect_effect("b", auto);
        s.apply(&sent("b"), 6);
        s.apply(&accepted("b"), 7);
        for t in 0..5 {
            s.apply(&coil41(false), 8 + t);
        }
        assert_eq!(
            s.commands[1].verified,
            Some(false),
            "not seen in five uploads"
        );
    }

    #[test]
    fn the_slave_comes_from_the_data() {
        let mut s = AppState::default();
        let data = Event::Data {
            hostid: "serial:/dev/ttyUSB0:3".into(),
            kind: DataKind::Full,
            blocks: vec![Block {
                slave: 3,
                table: Table::Coils,
                addr: 41,
                values: BlockValues::Bits(vec![true]),
            }],
            flags: InputFlags::default(),
        };
        s.apply(&data, 1);
        let t = &s.targets["serial:/dev/ttyUSB0:3"];
        assert_eq!(t.slave(), 3);
    }

    #[test]
    fn outcomes_close_their_command() {
        let mut s = AppState::default();
        s.apply(
            &Event::CommandSent {
                hostid: "H".into(),
                uid: "7".into(),
                method: "reset",
                frame: None,
                decoded: "reset".into(),
            },
            1,
        );
        s.apply(
            &Event::CommandOutcome {
                hostid: "H".into(),
                uid: "7".into(),
                outcome: Outcome::Gone,
                detail: "closed".into(),
            },
            2,
        );
        assert_eq!(
            s.commands[0].outcome,
            Some((Outcome::Gone, "closed".into()))
        );
    }

    #[test]
    fn heartbeat_health_follows_the_expected_interval() {
        let mut s = AppState::default();
        let peer: std::net::SocketAddr = "127.0.0.1:9".parse().unwrap();
        s.apply(
            &Event::Online {
                hostid: "H".into(),
                peer,
                replaced: false,
            },
            0,
        );
        let t = &s.targets["H"];
        // Until the first heartbeat the connection stands in for it.
        assert_eq!(t.heartbeat_health(30_000, 60_000), Health::Good);
        s.apply(&Event::Heartbeat { hostid: "H".into() }, 60_000);
        let t = &s.targets["H"];
        assert_eq!(t.heartbeat_health(60_000 + 90_000, 60_000), Health::Good);
        assert_eq!(t.heartbeat_health(60_000 + 90_001, 60_000), Health::Late);
        assert_eq!(t.heartbeat_health(60_000 + 180_001, 60_000), Health::Down);
        s.apply(
            &Event::Offline {
                hostid: "H".into(),
                reason: crate::link::OfflineReason::Timeout,
            },
            250_000,
        );
        let t = &s.targets["H"];
        assert_eq!(t.heartbeat_health(250_000, 60_000), Health::Down);
        assert_eq!(t.down_reason.as_deref(), Some("timeout"));
    }

    #[test]
    fn serial_targets_come_up_and_down_with_their_link() {
        let mut s = AppState::default();
        s.add_serial(
            "serial:/dev/ttyUSB0:1",
            "/dev/ttyUSB0 9600 8N1, slave 1",
            "HGM6110N",
        );
        assert_eq!(
            s.targets["serial:/dev/ttyUSB0:1"].map.name,
            "SmartGen HGM6100N family"
        );
        let up = Event::LinkUp {
            target: "serial:/dev/ttyUSB0:1".into(),
            port: "/dev/ttyUSB0".into(),
            settings: "9600 8N1, slave 1".into(),
        };
        s.apply(&up, 5);
        let t = &s.targets["serial:/dev/ttyUSB0:1"];
        assert!(t.online && t.is_serial());
        assert_eq!(
            t.heartbeat_health(1_000_000, 60_000),
            Health::Good,
            "no heartbeats on a wire"
        );
        // The HGM6110's breaker commands, not the HGM6120's.
        assert!(
            t.map
                .commands_for(&t.moduletype)
                .iter()
                .any(|c| c.name == "Gen Open")
        );
        let down = Event::LinkDown {
            target: "serial:/dev/ttyUSB0:1".into(),
            reason: "unplugged".into(),
        };
        s.apply(&down, 6);
        let t = &s.targets["serial:/dev/ttyUSB0:1"];
        assert!(!t.online);
        assert_eq!(t.heartbeat_health(7, 60_000), Health::Down);
        assert!(s.last_error.as_deref().unwrap().contains("unplugged"));
        s.remove_target("serial:/dev/ttyUSB0:1");
        assert!(s.targets.is_empty());
    }
}
