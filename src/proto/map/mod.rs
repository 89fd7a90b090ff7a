//! Register maps: named, scaled values for a controller model, its poll plan, its remote
//! commands, and the quirks of its firmware as settings. Maps are TOML files (format in
//! docs/maps.md); the HGM6100N, HGM4000N and HGM9500N families ship embedded. For models without a document, the generic map
//! shows raw addresses and never invents a meaning.

mod decode;
pub mod draft;
mod file;
mod file_bits;
mod from_csv;
mod index;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

pub use decode::{Decoded, Value, Words, unmapped_name};
pub use file::{COIL_ROLES, FORMAT, MapError, REGISTER_ROLES, VERSION, parse_map};
pub use from_csv::map_from_csv;

use super::PollPlan;
pub use super::image::CoilDelta;
use super::image::NO_DATA;
use super::rtu::Table;

/// The HGM6100N map as shipped.
pub const HGM6100N_TOML: &str = include_str!("../../../assets/maps/hgm6100n.toml");
/// The HGM4000N map as shipped (from public sources).
pub const HGM4000N_TOML: &str = include_str!("../../../assets/maps/hgm4000n.toml");
/// The HGM9500N map as shipped (from public sources).
pub const HGM9500N_TOML: &str = include_str!("../../../assets/maps/hgm9500n.toml");

/// What the app says of entries built from public sources.
pub const UNVERIFIED_NOTE: &str =
    n!("built from public sources: check against the controller's display");

/// How serious an alarm coil is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmKind {
    /// "Common alarm"-style coils that sum up others.
    Summary,
    /// A warning: the set keeps running.
    Warning,
    /// A shutdown alarm: the set stopped or will not start.
    Shutdown,
    /// A trip: the generator breaker opened (the engine may cool down and stop).
    Trip,
    /// A block: something the controller will not do until it clears (no start, no close).
    Block,
}

impl AlarmKind {
    /// Name used in events.
    pub fn name(self) -> &'static str {
        match self {
            AlarmKind::Summary => "summary",
            AlarmKind::Warning => "warning",
            AlarmKind::Shutdown => "shutdown",
            AlarmKind::Trip => "trip",
            AlarmKind::Block => "block",
        }
    }
}

/// How two registers make one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// MSB * 65536 + LSB.
    U32,
    /// MSB * settings.counter_multiplier + LSB.
    Counter,
}

/// Firmware quirks as settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Raw value written to a coil for "active".
    pub coil_on: u16,
    /// Scale of registers marked `frequency`.
    pub frequency_ratio: f64,
    /// Multiplier of `counter` pairs.
    pub counter_multiplier: u32,
    /// Raw value meaning "no valid data", if the model has one.
    pub no_data: Option<u16>,
    /// The Modbus functions the controller answers (`None`: not known, all offered).
    pub functions: Option<Vec<u8>>,
    /// How a multi-byte coil value of `reqdatachange` is read.
    pub coil_delta: CoilDelta,
    /// How long the readings have, after a command was accepted, to show its effect before
    /// the write log says "not confirmed" (ms).
    pub confirm_within_ms: u32,
}

impl Settings {
    /// Whether the controller is known to answer Modbus function `f`.
    pub fn answers(&self, f: u8) -> bool {
        self.functions.as_ref().is_none_or(|l| l.contains(&f))
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            coil_on: 0xFF00,
            frequency_ratio: 0.1,
            counter_multiplier: 10000,
            no_data: Some(NO_DATA),
            functions: None,
            coil_delta: CoilDelta::default(),
            confirm_within_ms: 10_000,
        }
    }
}

/// A coil of the map (or a discrete input: a bit one can only read).
#[derive(Debug, Clone, PartialEq)]
pub struct CoilSpec {
    /// Its table: coils (function 01) or discrete inputs (02).
    pub table: Table,
    /// Address.
    pub addr: u16,
    /// Name.
    pub name: Arc<str>,
    /// Group (Alarms, Status, Mode, ...).
    pub group: Arc<str>,
    /// Alarm kind, if it is an alarm.
    pub alarm: Option<AlarmKind>,
    /// The controller mode this coil reports when on.
    pub mode: Option<String>,
    /// The controller refuses remote control while this is on.
    pub remote_lock: bool,
    /// What it stands for, for views and reports that look values up by meaning
    /// (`emergency_stop`, `gen_breaker`...; docs/maps.md, "Roles", lists them).
    pub role: Option<String>,
    /// Built from public sources, not checked against a controller.
    pub unverified: bool,
}

/// A named bit inside a holding register (status words, alarm bitfields).
#[derive(Debug, Clone, PartialEq)]
pub struct BitSpec {
    /// Register address.
    pub addr: u16,
    /// Bit, 0 the least significant.
    pub bit: u8,
    /// Name.
    pub name: String,
    /// What it is: an alarm of a kind, or a plain status (`None`).
    pub alarm: Option<AlarmKind>,
    /// The controller mode this bit reports when set.
    pub mode: Option<String>,
    /// What it stands for (`gen_breaker`, `mains_breaker`, `remote_lock`, `emergency_stop`).
    pub role: Option<String>,
    /// Built from public sources, not checked against a controller.
    pub unverified: bool,
}

impl BitSpec {
    /// Whether it is set in a raw word.
    pub fn set_in(&self, raw: u16) -> bool {
        raw >> self.bit & 1 == 1
    }
}

/// A register (or register pair) of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterSpec {
    /// Its table: holding registers (function 03) or input registers (04).
    pub table: Table,
    /// First address.
    pub addr: u16,
    /// Name.
    pub name: Arc<str>,
    /// Group.
    pub group: Arc<str>,
    /// Unit ("" if none).
    pub unit: Arc<str>,
    /// actual = raw * scale.
    pub scale: f64,
    /// Two's complement.
    pub signed: bool,
    /// 1 or 2 registers.
    pub words: u8,
    /// How a pair combines.
    pub combine: Combine,
    /// Scale comes from `settings.frequency_ratio`.
    pub frequency: bool,
    /// Enumeration table name.
    pub enum_name: Option<String>,
    /// Holds the generator status.
    pub running_status: bool,
    /// Holds the engine speed.
    pub speed: bool,
    /// Shown in hex.
    pub hex: bool,
    /// A setting one may write; otherwise a measured value (writing one is warned about).
    pub setting: bool,
    /// What it stands for (`gen_voltage_a`, `active_power`, `run_hours`...; docs/maps.md,
    /// "Roles", lists them).
    pub role: Option<String>,
    /// A pair with its least significant word at the lower address.
    pub lsw_first: bool,
    /// The smallest value a setting may be written, in its unit.
    pub min: Option<f64>,
    /// The largest.
    pub max: Option<f64>,
    /// Built from public sources, not checked against a controller.
    pub unverified: bool,
}

/// What the next readings show when a command took effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// Table to look at.
    pub table: Table,
    /// Address.
    pub addr: u16,
    /// Expected raw value...
    pub value: Option<u16>,
    /// ...or a value it must leave.
    pub not: Option<u16>,
    /// Only this bit of the register is compared.
    pub bit: Option<u8>,
}

impl Confirm {
    /// Whether a raw reading shows the effect.
    pub fn holds(&self, raw: u16) -> bool {
        let raw = match self.bit {
            Some(b) => raw >> b & 1,
            None => raw,
        };
        match (self.value, self.not) {
            (Some(v), _) => raw == v,
            (None, Some(n)) => raw != n,
            (None, None) => false,
        }
    }
}

/// A remote command coil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    /// Coil address (function 05).
    pub addr: u16,
    /// Name shown.
    pub name: String,
    /// What it does (start, stop, auto, ...).
    pub action: String,
    /// Models it applies to (`None`: all of the map's).
    pub module_types: Option<Vec<String>>,
    /// How to see that it worked.
    pub confirm: Option<Confirm>,
    /// The controller modes in which it acts (`None`: any).
    pub modes: Option<Vec<String>>,
    /// The command toggles what this bit shows (a breaker: closes an open one, opens a
    /// closed one): (table, address) of the bit that says it is closed.
    pub toggles: Option<(Table, u16)>,
    /// The bit of that register, when it is a register.
    pub toggles_bit: Option<u8>,
    /// Written as a pulse (off, on, off) rather than a single "on".
    pub pulse: Option<Pulse>,
    /// Built from public sources, not checked against a controller.
    pub unverified: bool,
}

/// A command coil pulsed off, on, off: a clean rising edge, as some controllers need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pulse {
    /// Between the first "off" and the "on", ms.
    pub gap_ms: u32,
    /// How long "on" is held before the last "off", ms.
    pub hold_ms: u32,
}

/// A validated register map.
#[derive(Debug, Clone)]
pub struct RegisterMap {
    /// Name.
    pub name: String,
    /// Where its content comes from.
    pub source: String,
    /// Module type strings it serves.
    pub module_types: Vec<String>,
    /// Default slave id.
    pub slave: u8,
    /// Firmware quirks.
    pub settings: Settings,
    /// What the modem polls.
    pub plan: PollPlan,
    /// Coils by address.
    pub coils: BTreeMap<u16, CoilSpec>,
    /// Registers by first address.
    pub registers: BTreeMap<u16, RegisterSpec>,
    /// Input registers (function 04) by first address.
    pub inputs: BTreeMap<u16, RegisterSpec>,
    /// Discrete inputs (function 02) by address.
    pub discretes: BTreeMap<u16, CoilSpec>,
    /// Named bits inside holding registers, by (address, bit).
    pub bits: BTreeMap<(u16, u8), BitSpec>,
    /// Enumerations by name.
    pub enums: BTreeMap<String, BTreeMap<u16, String>>,
    /// Names given per language: the name -> language code -> the name in it.
    pub names: BTreeMap<String, BTreeMap<String, String>>,
    /// Remote commands.
    pub commands: Vec<CommandSpec>,
    /// The file text.
    pub text: String,
    /// Address of each covered register -> first address of its entry.
    covering: index::AddrIndex<u16>,
    /// The same for the input registers.
    input_covering: index::AddrIndex<u16>,
    /// The addresses the summary (alarms, mode, running status, power, remote lock) and the
    /// sanity checks read: a change elsewhere leaves both as they were.
    watched: index::TableIndex<u8>,
    /// What the sanity checks read, found once: the coils called reserved, the frequency
    /// registers, the speed register.
    checked: Checked,
}

/// The addresses the sanity checks read ([`RegisterMap::sanity`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Checked {
    pub(super) reserved_coils: Vec<u16>,
    pub(super) frequencies: Vec<u16>,
    pub(super) speed: Option<u16>,
}

/// What a register change can change, as bits ([`RegisterMap::watched`]).
pub struct Watch;

impl Watch {
    /// The summary's alarms, mode, running status or remote lock.
    pub const STATE: u8 = 1;
    /// The summary's active power.
    pub const POWER: u8 = 2;
    /// A sanity check's verdict.
    pub const SANITY: u8 = 4;
}

/// The role of the register the summary shows as the set's power.
pub const POWER_ROLE: &str = "active_power";

impl RegisterMap {
    /// `name` (a coil's, a register's or a bit's) as shown in the language of this thread,
    /// when the map gives it in that language.
    pub fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        self.names
            .get(name)
            .and_then(|per| per.get(crate::i18n::lang().code()))
            .map_or(name, String::as_str)
    }

    /// Fills the address index; every constructor ends here.
    fn indexed(mut self) -> Self {
        let covering = |registers: &BTreeMap<u16, RegisterSpec>| {
            let mut covering = BTreeMap::new();
            for r in registers.values() {
                for a in r.addr..r.addr.saturating_add(u16::from(r.words)) {
                    covering.insert(a, r.addr);
                }
            }
            index::AddrIndex::of(&covering)
        };
        self.covering = covering(&self.registers);
        self.input_covering = covering(&self.inputs);
        let mut watched = BTreeMap::new();
        let mut watch = |table: Table, addr: u16, what: u8| {
            *watched.entry((table, addr)).or_insert(0) |= what;
        };
        for c in self.coils.values().chain(self.discretes.values()) {
            if c.alarm.is_some() || c.mode.is_some() || c.remote_lock || c.role.is_some() {
                watch(c.table, c.addr, Watch::STATE);
            }
            if c.name.eq_ignore_ascii_case("reserved") {
                watch(Table::Coils, c.addr, Watch::SANITY);
            }
        }
        for b in self.bits.values() {
            if b.alarm.is_some() || b.mode.is_some() || b.role.is_some() {
                watch(Table::Holding, b.addr, Watch::STATE);
            }
        }
        for r in self.registers.values().chain(self.inputs.values()) {
            let mut what = 0;
            if r.running_status {
                what |= Watch::STATE;
            }
            if r.role.as_deref() == Some(POWER_ROLE) {
                what |= Watch::POWER;
            }
            if r.frequency || r.speed {
                what |= Watch::SANITY;
            }
            for a in r.addr..r.addr.saturating_add(u16::from(r.words)) {
                if what != 0 {
                    watch(r.table, a, what);
                }
            }
        }
        self.watched = index::TableIndex::of(&watched);
        self.checked = Checked {
            reserved_coils: (self.coils.values())
                .filter(|c| c.name.eq_ignore_ascii_case("reserved"))
                .map(|c| c.addr)
                .collect(),
            frequencies: (self.registers.values())
                .filter(|r| r.frequency)
                .map(|r| r.addr)
                .collect(),
            speed: self.registers.values().find(|r| r.speed).map(|r| r.addr),
        };
        self
    }

    /// What a change of `table`/`addr` can change ([`Watch`] bits): the summary's state
    /// (alarms, mode, running status, remote lock), its power, a sanity check's verdict
    /// (frequency and speed readings, reserved coils); 0 for none of them.
    pub fn watched(&self, table: Table, addr: u16) -> u8 {
        self.watched.get(table, addr).unwrap_or(0)
    }

    /// [`RegisterMap::watched`] over several changes.
    pub fn watched_by<'a>(
        &self,
        changes: impl IntoIterator<Item = &'a super::image::Change>,
    ) -> u8 {
        changes
            .into_iter()
            .fold(0, |w, c| w | self.watched(c.table, c.addr))
    }

    /// The map for models we have no document for: raw addresses, no names.
    pub fn generic() -> RegisterMap {
        RegisterMap {
            names: BTreeMap::new(),
            name: "Generic (no map for this model: raw addresses)".into(),
            source: String::new(),
            module_types: Vec::new(),
            slave: 1,
            settings: Settings::default(),
            plan: PollPlan::default(),
            coils: BTreeMap::new(),
            registers: BTreeMap::new(),
            inputs: BTreeMap::new(),
            discretes: BTreeMap::new(),
            bits: BTreeMap::new(),
            enums: BTreeMap::new(),
            commands: Vec::new(),
            text: String::new(),
            covering: Default::default(),
            input_covering: Default::default(),
            watched: Default::default(),
            checked: Default::default(),
        }
    }

    /// Whether this is the generic map.
    pub fn is_generic(&self) -> bool {
        self.coils.is_empty()
            && self.registers.is_empty()
            && self.inputs.is_empty()
            && self.discretes.is_empty()
    }

    /// The register entry covering `addr` (a pair is found from either address).
    pub fn register_at(&self, addr: u16) -> Option<&RegisterSpec> {
        self.covering.get(addr).and_then(|a| self.registers.get(&a))
    }

    /// The entry covering `addr` in a register table (holding or input registers).
    pub fn register_in(&self, table: Table, addr: u16) -> Option<&RegisterSpec> {
        match table {
            Table::Holding => self.register_at(addr),
            Table::Input => (self.input_covering.get(addr)).and_then(|a| self.inputs.get(&a)),
            _ => None,
        }
    }

    /// The entry at `addr` in a bit table (coils or discrete inputs).
    pub fn coil_in(&self, table: Table, addr: u16) -> Option<&CoilSpec> {
        match table {
            Table::Coils => self.coils.get(&addr),
            Table::DiscreteInputs => self.discretes.get(&addr),
            _ => None,
        }
    }

    /// The register entry with this role (a holding register, else an input register).
    pub fn register_by_role(&self, role: &str) -> Option<&RegisterSpec> {
        self.registers
            .values()
            .chain(self.inputs.values())
            .find(|r| r.role.as_deref() == Some(role))
    }

    /// The coil (or discrete input) with this role.
    pub fn coil_by_role(&self, role: &str) -> Option<&CoilSpec> {
        self.coils
            .values()
            .chain(self.discretes.values())
            .find(|c| c.role.as_deref() == Some(role))
    }

    /// The named bits of a register, in bit order.
    pub fn bits_of(&self, addr: u16) -> impl Iterator<Item = &BitSpec> {
        self.bits.range((addr, 0)..=(addr, 15)).map(|(_, b)| b)
    }

    /// A status bit by role, a coil or a bit inside a register: set (`Some(true)`), clear, or
    /// not read (`None`, also when the map has no such role).
    pub fn bit_state(&self, image: &super::RegisterImage, slave: u8, role: &str) -> Option<bool> {
        if let Some(c) = self.coil_by_role(role) {
            return image.get(slave, c.table, c.addr).map(|v| v != 0);
        }
        let b = self
            .bits
            .values()
            .find(|b| b.role.as_deref() == Some(role))?;
        image
            .get(slave, Table::Holding, b.addr)
            .map(|raw| b.set_in(raw))
    }

    /// Whether any entry is marked unverified (built from public sources).
    pub fn has_unverified(&self) -> bool {
        self.coils.values().any(|c| c.unverified)
            || self.discretes.values().any(|c| c.unverified)
            || self.registers.values().any(|r| r.unverified)
            || self.inputs.values().any(|r| r.unverified)
            || self.bits.values().any(|b| b.unverified)
            || self.commands.iter().any(|c| c.unverified)
    }

    /// Whether the entry at (table, address) is marked unverified.
    pub fn is_unverified(&self, table: Table, addr: u16) -> bool {
        match table {
            Table::Coils | Table::DiscreteInputs => {
                self.coil_in(table, addr).is_some_and(|c| c.unverified)
            }
            Table::Holding => {
                self.register_at(addr).is_some_and(|r| r.unverified)
                    || self.bits_of(addr).any(|b| b.unverified)
            }
            Table::Input => self.register_in(table, addr).is_some_and(|r| r.unverified),
        }
    }

    /// Whether the map serves `moduletype` (any case; a suffix after `-` is ignored).
    pub fn serves(&self, moduletype: &str) -> bool {
        module_type_matches(&self.module_types, moduletype)
    }

    /// The remote commands for a module type.
    pub fn commands_for(&self, moduletype: &str) -> Vec<&CommandSpec> {
        self.commands
            .iter()
            .filter(|c| {
                c.module_types
                    .as_ref()
                    .is_none_or(|m| module_type_matches(m, moduletype))
            })
            .collect()
    }
}

/// Candidate spellings of a module type: as given, then without each `-suffix`.
fn module_type_candidates(moduletype: &str) -> Vec<String> {
    let mut s = moduletype.trim().to_ascii_uppercase();
    let mut out = vec![s.clone()];
    while let Some(i) = s.rfind('-') {
        s.truncate(i);
        out.push(s.clone());
    }
    out
}

fn module_type_matches(list: &[String], moduletype: &str) -> bool {
    module_type_candidates(moduletype)
        .iter()
        .any(|c| list.iter().any(|m| m.eq_ignore_ascii_case(c)))
}

/// The maps that ship with the program.
pub fn builtin_maps() -> Vec<Arc<RegisterMap>> {
    // The shipped files are checked by the tests; should one ever fail, its models fall back
    // to the generic map rather than the program failing.
    [HGM6100N_TOML, HGM4000N_TOML, HGM9500N_TOML]
        .into_iter()
        .filter_map(|t| parse_map(t).ok())
        .map(Arc::new)
        .collect()
}

/// The map for a module type from `maps` (first match wins), else the generic map.
pub fn resolve(maps: &[Arc<RegisterMap>], moduletype: &str) -> Arc<RegisterMap> {
    for candidate in module_type_candidates(moduletype) {
        if let Some(m) = maps.iter().find(|m| {
            m.module_types
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&candidate))
        }) {
            return m.clone();
        }
    }
    Arc::new(RegisterMap::generic())
}

#[cfg(test)]
#[path = "map_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "map_v2_tests.rs"]
mod v2_tests;
