//! The register map file (TOML) as written, and its validation into a [`RegisterMap`].
//! Every error names the field and the line.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use super::{
    AlarmKind, CoilSpec, Combine, CommandSpec, Confirm, RegisterMap, RegisterSpec, Settings,
};
use crate::proto::PollPlan;
use crate::proto::image::NO_DATA;
use crate::proto::rtu::{Request, RequestPdu, Table};

mod entries;
use entries::{commands, registers};

/// The `format` value every map file carries.
pub const FORMAT: &str = "cmm-register-map";
/// The newest file format version this program reads (version 1 files are read too).
/// Version 2 adds named bits in registers, word order, ranges of settings, pulsed commands
/// and the `unverified` mark.
pub const VERSION: u32 = 2;

/// Why a map file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapError {
    /// Line (1-based), when known.
    pub line: Option<usize>,
    /// What is wrong, naming the field.
    pub message: String,
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => f.write_str(&t!(
                "line { $line }: { $message }",
                line = l,
                message = self.message.as_str()
            )),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for MapError {}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum TableName {
    Coils,
    DiscreteInputs,
    Holding,
    Input,
}

impl TableName {
    /// As written in a map file.
    fn name(self) -> &'static str {
        match self {
            TableName::Coils => "coils",
            TableName::DiscreteInputs => "discrete_inputs",
            TableName::Holding => "holding",
            TableName::Input => "input",
        }
    }
}

impl From<TableName> for Table {
    fn from(t: TableName) -> Table {
        match t {
            TableName::Coils => Table::Coils,
            TableName::DiscreteInputs => Table::DiscreteInputs,
            TableName::Holding => Table::Holding,
            TableName::Input => Table::Input,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    format: Spanned<String>,
    version: Spanned<u32>,
    name: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    module_types: Vec<String>,
    #[serde(default = "one")]
    slave: u8,
    #[serde(default)]
    settings: Option<Spanned<RawSettings>>,
    #[serde(default)]
    poll: Vec<Spanned<RawPoll>>,
    #[serde(default)]
    command: Vec<Spanned<RawCommand>>,
    #[serde(default)]
    coil: Vec<Spanned<RawCoil>>,
    #[serde(default)]
    register: Vec<Spanned<RawRegister>>,
    #[serde(default)]
    bit: Vec<Spanned<super::file_bits::RawBitEntry>>,
    #[serde(default, rename = "enum")]
    enums: BTreeMap<String, Spanned<BTreeMap<String, String>>>,
}

fn one() -> u8 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    coil_on: Option<String>,
    functions: Option<Vec<u8>>,
    frequency_ratio: Option<f64>,
    counter_multiplier: Option<u32>,
    no_data: Option<NoData>,
    coil_delta: Option<String>,
    confirm_within_s: Option<f64>,
}

/// `settings.no_data`: the raw word a controller sends for "no reading", or `"none"` for a
/// controller that has no such word (every word is a reading).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NoData {
    Word(u16),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoll {
    table: TableName,
    addr: u16,
    qty: u16,
    slave: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfirm {
    table: TableName,
    addr: u16,
    value: Option<u16>,
    not: Option<u16>,
    bit: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommand {
    addr: u16,
    name: String,
    action: String,
    module_types: Option<Vec<String>>,
    confirm: Option<RawConfirm>,
    modes: Option<Vec<String>>,
    toggles: Option<RawBit>,
    write: Option<String>,
    gap_ms: Option<u32>,
    hold_ms: Option<u32>,
    #[serde(default)]
    unverified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBit {
    table: TableName,
    addr: u16,
    bit: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoil {
    /// `coils` (the default) or `discrete_inputs`.
    table: Option<TableName>,
    addr: u16,
    name: Name,
    #[serde(default)]
    group: String,
    alarm: Option<AlarmKind>,
    mode: Option<String>,
    role: Option<String>,
    #[serde(default)]
    unverified: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegister {
    /// `holding` (the default) or `input`.
    table: Option<TableName>,
    addr: u16,
    name: Name,
    #[serde(default)]
    group: String,
    #[serde(default)]
    unit: String,
    scale: Option<f64>,
    #[serde(default)]
    signed: bool,
    words: Option<u8>,
    combine: Option<Combine>,
    #[serde(default)]
    frequency: bool,
    #[serde(rename = "enum")]
    enum_name: Option<String>,
    role: Option<String>,
    format: Option<String>,
    #[serde(default)]
    setting: bool,
    order: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default)]
    unverified: bool,
}

/// Line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub(super) struct Checker<'a> {
    pub(super) text: &'a str,
    /// The file's version.
    pub(super) version: u32,
}

impl Checker<'_> {
    /// Refuses a role not in `known`, naming the entry.
    pub(super) fn role(
        &self,
        span: std::ops::Range<usize>,
        here: &str,
        role: Option<&str>,
        known: &[&str],
    ) -> Result<(), MapError> {
        match role {
            Some(r) if !known.contains(&r) => self.err(
                span,
                t!(
                    "{ $field }: unknown role { $role } (known: { $known })",
                    field = format!("{here}.role"),
                    role = format!("{r:?}"),
                    known = known.join(", ")
                ),
            ),
            _ => Ok(()),
        }
    }

    /// The table an entry names (`table = …`, a version 2 field): the first of `kinds` when
    /// it names none; one that is neither of them is refused, naming the field.
    pub(super) fn table(
        &self,
        span: std::ops::Range<usize>,
        field: &str,
        named: Option<TableName>,
        (first, second): (TableName, TableName),
    ) -> Result<Table, MapError> {
        let Some(name) = named else {
            return Ok(first.into());
        };
        if name != first && name != second {
            return self.err(
                span,
                t!(
                    "{ $field }: { $value } is not { $first } or { $second }",
                    field = field,
                    value = format!("{:?}", name.name()),
                    first = format!("{:?}", first.name()),
                    second = format!("{:?}", second.name())
                ),
            );
        }
        self.v2(span, field)?;
        Ok(name.into())
    }

    /// Refuses a version 2 field in a version 1 file.
    pub(super) fn v2(&self, span: std::ops::Range<usize>, field: &str) -> Result<(), MapError> {
        if self.version >= 2 {
            return Ok(());
        }
        self.err(
            span,
            t!(
                "{ $field }: needs version = 2 (the file says version = 1)",
                field = field
            ),
        )
    }

    pub(super) fn err<T>(
        &self,
        span: std::ops::Range<usize>,
        message: String,
    ) -> Result<T, MapError> {
        Err(MapError {
            line: Some(line_of(self.text, span.start)),
            message,
        })
    }
}

/// Roles a status bit may have: a coil, or a bit of a register.
pub const COIL_ROLES: &[&str] = &[
    "remote_lock",
    "emergency_stop",
    "gen_breaker",
    "mains_breaker",
    "mains_normal",
];
/// Roles a register may have.
pub const REGISTER_ROLES: &[&str] = &[
    "running_status",
    "speed",
    "mains_voltage_a",
    "mains_voltage_b",
    "mains_voltage_c",
    "mains_voltage_ab",
    "mains_voltage_bc",
    "mains_voltage_ca",
    "mains_frequency",
    "gen_voltage_a",
    "gen_voltage_b",
    "gen_voltage_c",
    "gen_voltage_ab",
    "gen_voltage_bc",
    "gen_voltage_ca",
    "gen_frequency",
    "current_a",
    "current_b",
    "current_c",
    "active_power",
    "reactive_power",
    "apparent_power",
    "power_factor",
    "load_percent",
    "oil_pressure",
    "coolant_temperature",
    "fuel_level",
    "battery_voltage",
    "charger_voltage",
    "run_hours",
    "start_count",
    "energy",
    "controller_model",
    "software_version",
    "hardware_version",
    "release_year",
    "release_month",
    "release_day",
    "rated_voltage",
    "rated_frequency",
];

/// Parses and validates a map file.
pub fn parse_map(text: &str) -> Result<RegisterMap, MapError> {
    let raw: RawMap = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let error = e.message().trim();
        let message = match line.and_then(|l| text.lines().nth(l - 1)) {
            Some(s) => t!(
                "{ $error } (in `{ $source }`)",
                error = error,
                source = s.trim()
            ),
            None => error.to_string(),
        };
        MapError { line, message }
    })?;
    let c = Checker {
        text,
        version: *raw.version.get_ref(),
    };
    if raw.format.get_ref() != FORMAT {
        return c.err(
            raw.format.span(),
            t!(
                "{ $field }: expected { $expected }, got { $got }",
                field = "format",
                expected = format!("{FORMAT:?}"),
                got = format!("{:?}", raw.format.get_ref())
            ),
        );
    }
    if !(1..=VERSION).contains(raw.version.get_ref()) {
        return c.err(
            raw.version.span(),
            t!(
                "{ $field }: this program reads versions 1 to { $newest }, the file is version { $version }",
                field = "version",
                newest = VERSION,
                version = *raw.version.get_ref()
            ),
        );
    }
    let settings = settings(&c, raw.settings.as_ref())?;
    let enums = enums(&c, &raw.enums)?;
    let plan = poll_plan(&c, &raw.poll, raw.slave)?;
    let (coils, discretes) = coils(&c, &raw.coil)?;
    let (registers, inputs) = registers(&c, &raw.register, &enums)?;
    let commands = commands(&c, &raw.command)?;
    let bits = super::file_bits::bits(&c, &raw.bit, &registers)?;
    let names = raw
        .coil
        .iter()
        .map(|e| &e.get_ref().name)
        .chain(raw.register.iter().map(|e| &e.get_ref().name))
        .chain(raw.bit.iter().map(|e| e.get_ref().name()))
        .filter(|n| !n.per.is_empty())
        .map(|n| (n.shown.clone(), n.per.clone()))
        .collect();
    let map = RegisterMap {
        names,
        name: raw.name,
        source: raw.source,
        module_types: raw.module_types,
        slave: raw.slave,
        settings,
        plan,
        coils,
        registers,
        inputs,
        discretes,
        bits,
        enums,
        commands,
        text: text.to_string(),
        covering: Default::default(),
        input_covering: Default::default(),
        watched: Default::default(),
        checked: Default::default(),
    };
    Ok(map.indexed())
}

/// Modbus functions a map may list in `settings.functions`.
const KNOWN_FUNCTIONS: [u8; 8] = [1, 2, 3, 4, 5, 6, 15, 16];

fn settings(c: &Checker<'_>, s: Option<&Spanned<RawSettings>>) -> Result<Settings, MapError> {
    let mut out = Settings::default();
    let Some(s) = s else { return Ok(out) };
    let (span, s) = (s.span(), s.get_ref());
    if let Some(text) = &s.coil_on {
        match u16::from_str_radix(text.trim_start_matches("0x"), 16) {
            Ok(v) if v != 0 => out.coil_on = v,
            _ => {
                return c.err(
                    span,
                    t!(
                        "{ $field }: { $value } is not a non-zero hex word like { $example }",
                        field = "settings.coil_on",
                        value = format!("{text:?}"),
                        example = "\"FF00\""
                    ),
                );
            }
        }
    }
    if let Some(r) = s.frequency_ratio {
        if !(r.is_finite() && r > 0.0) {
            return c.err(
                span,
                t!(
                    "{ $field }: must be a positive number, got { $value }",
                    field = "settings.frequency_ratio",
                    value = r.to_string()
                ),
            );
        }
        out.frequency_ratio = r;
    }
    if let Some(w) = s.confirm_within_s {
        if !(w.is_finite() && (0.5..=600.0).contains(&w)) {
            return c.err(
                span,
                t!(
                    "{ $field }: must be { $min } to { $max } seconds, got { $value }",
                    field = "settings.confirm_within_s",
                    min = "0.5",
                    max = "600",
                    value = w.to_string()
                ),
            );
        }
        out.confirm_within_ms = (w * 1000.0).round() as u32;
    }
    if let Some(m) = s.counter_multiplier {
        if m < 2 {
            return c.err(
                span,
                t!(
                    "{ $field }: must be at least { $min }, got { $value }",
                    field = "settings.counter_multiplier",
                    min = 2,
                    value = m
                ),
            );
        }
        out.counter_multiplier = m;
    }
    if let Some(f) = &s.functions {
        if let Some(bad) = f.iter().find(|f| !KNOWN_FUNCTIONS.contains(f)) {
            return c.err(
                span,
                t!(
                    "{ $field }: { $value } is not a Modbus function this program speaks ({ $known })",
                    field = "settings.functions",
                    value = *bad,
                    known = "1-6, 15, 16"
                ),
            );
        }
        out.functions = Some(f.clone());
    }
    if let Some(layout) = &s.coil_delta {
        out.coil_delta = match layout.as_str() {
            "rtu-bytes" => super::CoilDelta::RtuBytes,
            "integer-lsb" => super::CoilDelta::IntegerLsb,
            other => {
                let why = not_either(
                    "settings.coil_delta",
                    other,
                    "\"rtu-bytes\"",
                    "\"integer-lsb\"",
                );
                return c.err(span, why);
            }
        };
    }
    out.no_data = match &s.no_data {
        None => Some(NO_DATA),
        Some(NoData::Word(w)) => Some(*w),
        Some(NoData::Text(t)) if t == "none" => None,
        Some(NoData::Text(t)) => {
            return c.err(
                span,
                not_either("settings.no_data", t, "0-65535", "\"none\""),
            );
        }
    };
    Ok(out)
}

/// "settings.no_data: "x" is not 0-65535 or "none"": a setting's value that is neither of
/// the two it can be.
fn not_either(field: &str, value: &str, first: &str, second: &str) -> String {
    t!(
        "{ $field }: { $value } is not { $first } or { $second }",
        field = field,
        value = format!("{value:?}"),
        first = first,
        second = second
    )
}

fn enums(
    c: &Checker<'_>,
    raw: &BTreeMap<String, Spanned<BTreeMap<String, String>>>,
) -> Result<BTreeMap<String, BTreeMap<u16, String>>, MapError> {
    let mut out = BTreeMap::new();
    for (name, table) in raw {
        let mut t = BTreeMap::new();
        for (k, v) in table.get_ref() {
            let Ok(n) = k.parse::<u16>() else {
                return c.err(
                    table.span(),
                    t!(
                        "{ $field }: key { $key } is not a number { $range }",
                        field = format!("enum.{name}"),
                        key = format!("{k:?}"),
                        range = "0-65535"
                    ),
                );
            };
            t.insert(n, v.clone());
        }
        out.insert(name.clone(), t);
    }
    Ok(out)
}

fn poll_plan(c: &Checker<'_>, raw: &[Spanned<RawPoll>], slave: u8) -> Result<PollPlan, MapError> {
    let mut requests = Vec::new();
    for (i, p) in raw.iter().enumerate() {
        let (span, p) = (p.span(), p.get_ref());
        let table: Table = p.table.into();
        let max = if table.is_bits() { 2000 } else { 125 };
        if p.qty == 0 || p.qty > max {
            return c.err(
                span,
                t!(
                    "{ $field }: must be { $min } to { $max } for { $table }, got { $value }",
                    field = format!("poll[{i}].qty"),
                    min = 1,
                    max = max,
                    table = table.name(),
                    value = p.qty
                ),
            );
        }
        if u32::from(p.addr) + u32::from(p.qty) > 0x1_0000 {
            return c.err(
                span,
                t!(
                    "{ $field }: { $sum } runs past { $last }",
                    field = format!("poll[{i}]"),
                    sum = "addr + qty",
                    last = 65535
                ),
            );
        }
        requests.push(Request {
            slave: p.slave.unwrap_or(slave),
            pdu: RequestPdu::Read {
                table,
                addr: p.addr,
                qty: p.qty,
            },
        });
    }
    Ok(PollPlan { requests })
}

/// The coils and the discrete inputs.
type Bits = (BTreeMap<u16, CoilSpec>, BTreeMap<u16, CoilSpec>);

fn coils(c: &Checker<'_>, raw: &[Spanned<RawCoil>]) -> Result<Bits, MapError> {
    let (mut coils, mut discretes) = (BTreeMap::new(), BTreeMap::new());
    let mut lines = BTreeMap::new();
    for (i, e) in raw.iter().enumerate() {
        let (span, e) = (e.span(), e.get_ref());
        let kinds = (TableName::Coils, TableName::DiscreteInputs);
        let table = c.table(span.clone(), &format!("coil[{i}].table"), e.table, kinds)?;
        if let Some(first) = lines.get(&(table, e.addr)) {
            return c.err(
                span,
                t!(
                    "{ $field }: address { $addr } is already defined at line { $line }",
                    field = format!("coil[{i}].addr"),
                    addr = e.addr,
                    line = *first
                ),
            );
        }
        if e.name.trim().is_empty() {
            return c.err(
                span,
                t!("{ $field }: empty", field = format!("coil[{i}].name")),
            );
        }
        c.role(
            span.clone(),
            &format!("coil[{i}]"),
            e.role.as_deref(),
            COIL_ROLES,
        )?;
        if e.unverified {
            c.v2(span.clone(), &format!("coil[{i}].unverified"))?;
        }
        if matches!(e.alarm, Some(AlarmKind::Trip | AlarmKind::Block)) {
            c.v2(span.clone(), &format!("coil[{i}].alarm"))?;
        }
        lines.insert((table, e.addr), line_of(c.text, span.start));
        let out = if table == Table::Coils {
            &mut coils
        } else {
            &mut discretes
        };
        out.insert(
            e.addr,
            CoilSpec {
                table,
                addr: e.addr,
                name: e.name.as_str().into(),
                group: e.group.as_str().into(),
                alarm: e.alarm,
                mode: e.mode.clone(),
                remote_lock: e.role.as_deref() == Some("remote_lock"),
                role: e.role.clone(),
                unverified: e.unverified,
            },
        );
    }
    Ok((coils, discretes))
}

/// A name in a map file: one for every language (`name = "Oil pressure"`), or one per
/// language (`name.en = "Oil pressure"`, `name.zh = "机油压力"`), shown in the window's
/// language, else in English, else the first given. The English (or first) one is the name
/// everywhere else: recordings, `cmmctl`, MQTT.
#[derive(Debug, Default, Clone)]
pub(super) struct Name {
    shown: String,
    per: BTreeMap<String, String>,
}

impl std::ops::Deref for Name {
    type Target = String;
    fn deref(&self) -> &String {
        &self.shown
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            Per(BTreeMap<String, String>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::One(shown) => Name {
                shown,
                per: BTreeMap::new(),
            },
            Raw::Per(per) => Name {
                shown: per
                    .get("en")
                    .or_else(|| per.values().next())
                    .cloned()
                    .unwrap_or_default(),
                per,
            },
        })
    }
}
