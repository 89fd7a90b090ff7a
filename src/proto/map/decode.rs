//! Register image plus map: typed values with units, active alarms, mode, running status, and a
//! sanity check of the frequency ratio.

use std::sync::Arc;

use super::{AlarmKind, Combine, RegisterMap, RegisterSpec};
use crate::proto::image::RegisterImage;
use crate::proto::rtu::Table;

/// A decoded value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number in the entry's unit.
    Number(f64),
    /// The controller has no valid data (`###`).
    NoData,
    /// Text: an enumeration entry, or a hex word.
    Text(String),
    /// A coil.
    Bit(bool),
}

/// The raw words of an entry, kept inline: an entry is one or two registers, or one bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Words {
    len: u8,
    words: [u16; 2],
}

impl Words {
    /// One word.
    pub fn one(w: u16) -> Words {
        Words {
            len: 1,
            words: [w, 0],
        }
    }

    /// The first two words of `ws`.
    pub fn from_slice(ws: &[u16]) -> Words {
        let mut out = Words::default();
        for (slot, w) in out.words.iter_mut().zip(ws) {
            *slot = *w;
            out.len += 1;
        }
        out
    }
}

impl std::ops::Deref for Words {
    type Target = [u16];
    fn deref(&self) -> &[u16] {
        &self.words[..usize::from(self.len)]
    }
}

impl From<u16> for Words {
    fn from(w: u16) -> Words {
        Words::one(w)
    }
}

/// One value of a target, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// Table.
    pub table: Table,
    /// First address of the entry.
    pub addr: u16,
    /// Name (the address, for unmapped ones).
    pub name: Arc<str>,
    /// Group ("" for unmapped).
    pub group: Arc<str>,
    /// Unit ("" if none).
    pub unit: Arc<str>,
    /// Raw words (one per register; 0/1 for a coil).
    pub raw: Words,
    /// The value.
    pub value: Value,
    /// Decimals worth showing.
    pub decimals: usize,
    /// Whether the map describes this address (false: raw, no meaning known).
    pub mapped: bool,
    /// The alarm a coil stands for, if it is one.
    pub alarm: Option<AlarmKind>,
}

impl Decoded {
    /// The value as shown: number with unit, `###`, text, or on/off, in the language of this
    /// thread (a decimal comma in Russian and Spanish; the console's is English).
    pub fn shown(&self) -> String {
        match &self.value {
            Value::Number(v) if self.unit.is_empty() => crate::i18n::num(*v, self.decimals),
            Value::Number(v) => format!("{} {}", crate::i18n::num(*v, self.decimals), self.unit),
            Value::NoData => "###".into(),
            Value::Text(t) => t.clone(),
            Value::Bit(true) => t!("on"),
            Value::Bit(false) => t!("off"),
        }
    }

    /// The number, if it is one (for plots).
    pub fn number(&self) -> Option<f64> {
        match self.value {
            Value::Number(v) => Some(v),
            Value::Bit(b) => Some(f64::from(u8::from(b))),
            _ => None,
        }
    }
}

fn decimals_of(scale: f64) -> usize {
    let mut d = 0;
    let mut s = scale.abs();
    while d < 4 && (s - s.round()).abs() > 1e-9 {
        s *= 10.0;
        d += 1;
    }
    d
}

/// The name of an address the map does not describe (`holding 0005`).
pub fn unmapped_name(table: Table, addr: u16) -> Arc<str> {
    format!("{} {addr:04}", table.name()).into()
}

/// An empty name, group or unit, shared (decoding runs for every changed register).
fn empty() -> Arc<str> {
    static EMPTY: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from(""));
    EMPTY.clone()
}

impl RegisterMap {
    fn decode_register(&self, spec: &RegisterSpec, raw: &[u16]) -> Value {
        if let Some(nd) = self.settings.no_data
            && raw.contains(&nd)
        {
            return Value::NoData;
        }
        // A word of named bits reads as the names of the bits set.
        if spec.words == 1 && spec.enum_name.is_none() && self.bits_of(spec.addr).next().is_some() {
            let w = raw.first().copied().unwrap_or_default();
            let set: Vec<&str> = self
                .bits_of(spec.addr)
                .filter(|b| b.set_in(w))
                .map(|b| b.name.as_str())
                .collect();
            return Value::Text(if set.is_empty() {
                "none".into()
            } else {
                set.join(", ")
            });
        }
        if spec.hex {
            return Value::Text(
                raw.iter()
                    .map(|w| format!("{w:04X}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        let n: f64 = match (spec.words, raw) {
            (2, [first, second]) => {
                let (msb, lsb) = if spec.lsw_first {
                    (second, first)
                } else {
                    (first, second)
                };
                match (spec.combine, spec.signed) {
                    (Combine::Counter, _) => {
                        f64::from(*msb) * f64::from(self.settings.counter_multiplier)
                            + f64::from(*lsb)
                    }
                    (Combine::U32, false) => f64::from(u32::from(*msb) << 16 | u32::from(*lsb)),
                    (Combine::U32, true) => {
                        f64::from((u32::from(*msb) << 16 | u32::from(*lsb)) as i32)
                    }
                }
            }
            (_, [w, ..]) if spec.signed => f64::from(*w as i16),
            (_, [w, ..]) => f64::from(*w),
            _ => return Value::NoData,
        };
        if let Some(table) = spec.enum_name.as_ref().and_then(|e| self.enums.get(e)) {
            let key = n as u16;
            return Value::Text(
                table
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| format!("unknown ({key})")),
            );
        }
        Value::Number(n * self.scale_of(spec))
    }

    /// The value of an entry from its raw words (one per register of the entry).
    pub fn value_of(&self, spec: &RegisterSpec, raw: Vec<u16>) -> Value {
        self.decode_register(spec, &raw)
    }

    /// Decimals worth showing for an entry.
    pub fn decimals(&self, spec: &RegisterSpec) -> usize {
        decimals_of(self.scale_of(spec))
    }

    fn scale_of(&self, spec: &RegisterSpec) -> f64 {
        if spec.frequency {
            self.settings.frequency_ratio
        } else {
            spec.scale
        }
    }

    /// Decodes the entry covering `addr` from the image; `None` while its data is missing.
    pub fn decode(
        &self,
        image: &RegisterImage,
        slave: u8,
        table: Table,
        addr: u16,
    ) -> Option<Decoded> {
        if table.is_bits() {
            let raw = image.get(slave, table, addr)?;
            let spec = self.coil_in(table, addr);
            return Some(Decoded {
                table,
                addr,
                name: spec.map_or_else(|| unmapped_name(table, addr), |c| c.name.clone()),
                group: spec.map_or_else(empty, |c| c.group.clone()),
                unit: empty(),
                raw: Words::one(raw),
                value: Value::Bit(raw != 0),
                decimals: 0,
                mapped: spec.is_some(),
                alarm: spec.and_then(|c| c.alarm),
            });
        }
        // Registers: holding registers (function 03) or input registers (04).
        let spec = self.register_in(table, addr);
        let Some(spec) = spec else {
            let raw = image.get(slave, table, addr)?;
            let value = match self.settings.no_data {
                Some(nd) if raw == nd => Value::NoData,
                _ => Value::Number(f64::from(raw)),
            };
            return Some(Decoded {
                table,
                addr,
                name: unmapped_name(table, addr),
                group: empty(),
                unit: empty(),
                raw: Words::one(raw),
                value,
                decimals: 0,
                mapped: false,
                alarm: None,
            });
        };
        let mut raw = Words::default();
        for i in 0..u16::from(spec.words.min(2)) {
            raw.words[usize::from(i)] = image.get(slave, table, spec.addr + i)?;
            raw.len += 1;
        }
        Some(Decoded {
            table,
            addr: spec.addr,
            name: spec.name.clone(),
            group: spec.group.clone(),
            unit: spec.unit.clone(),
            value: self.decode_register(spec, &raw),
            raw,
            decimals: decimals_of(self.scale_of(spec)),
            mapped: true,
            alarm: None,
        })
    }

    /// The entries present in the image, in table and address order, without decoding them:
    /// (table, first address, name, group). The name is `None` for an address the map does
    /// not describe.
    pub fn entries(
        &self,
        image: &RegisterImage,
        slave: u8,
    ) -> Vec<(Table, u16, Option<&str>, &str)> {
        let mut out = Vec::new();
        for ((s, table), values) in image.tables() {
            if *s != slave {
                continue;
            }
            let mut last = None;
            for addr in values.keys() {
                let (first, name, group) = if table.is_bits() {
                    match self.coil_in(*table, addr) {
                        Some(c) => (addr, Some(c.name.as_ref()), c.group.as_ref()),
                        None => (addr, None, ""),
                    }
                } else {
                    match self.register_in(*table, addr) {
                        Some(r) => (r.addr, Some(r.name.as_ref()), r.group.as_ref()),
                        None => (addr, None, ""),
                    }
                };
                if last != Some(first) {
                    last = Some(first);
                    out.push((*table, first, name, group));
                }
            }
        }
        out
    }

    /// Every value present in the image, decoded (see [`RegisterMap::entries`]).
    pub fn decode_all(&self, image: &RegisterImage, slave: u8) -> Vec<Decoded> {
        let mut out = Vec::new();
        for ((s, table), values) in image.tables() {
            if *s != slave {
                continue;
            }
            let mut last = None;
            for addr in values.keys() {
                if let Some(d) = self.decode(image, slave, *table, addr)
                    && last != Some((d.table, d.addr))
                {
                    last = Some((d.table, d.addr));
                    out.push(d);
                }
            }
        }
        out
    }

    /// Active warning and shutdown alarms (summary coils left out), in address order.
    pub fn active_alarms(&self, image: &RegisterImage, slave: u8) -> Vec<(&str, AlarmKind)> {
        self.active_alarms_at(image, slave)
            .into_iter()
            .map(|(name, kind, _)| (name, kind))
            .collect()
    }

    /// Active alarms (summary coils left out) with where each is read: (table, address).
    pub fn active_alarms_at(
        &self,
        image: &RegisterImage,
        slave: u8,
    ) -> Vec<(&str, AlarmKind, (Table, u16))> {
        let coils =
            (self.coils.values().chain(self.discretes.values())).filter_map(|c| match c.alarm {
                Some(k)
                    if k != AlarmKind::Summary && image.get(slave, c.table, c.addr) == Some(1) =>
                {
                    Some((c.name.as_ref(), k, (c.table, c.addr)))
                }
                _ => None,
            });
        let bits = self.bits.values().filter_map(|b| match b.alarm {
            Some(k)
                if k != AlarmKind::Summary
                    && image
                        .get(slave, Table::Holding, b.addr)
                        .is_some_and(|w| b.set_in(w)) =>
            {
                Some((b.name.as_str(), k, (Table::Holding, b.addr)))
            }
            _ => None,
        });
        coils.chain(bits).collect()
    }

    /// The controller mode (Test, Auto, Manual, Stop) from the mode coils.
    pub fn mode(&self, image: &RegisterImage, slave: u8) -> Option<&str> {
        let coil = (self.coils.values().chain(self.discretes.values()))
            .find(|c| c.mode.is_some() && image.get(slave, c.table, c.addr) == Some(1))
            .and_then(|c| c.mode.as_deref());
        coil.or_else(|| {
            self.bits
                .values()
                .find(|b| {
                    b.mode.is_some()
                        && image
                            .get(slave, Table::Holding, b.addr)
                            .is_some_and(|w| b.set_in(w))
                })
                .and_then(|b| b.mode.as_deref())
        })
    }

    /// The running status as text (generator status table).
    pub fn running_status(&self, image: &RegisterImage, slave: u8) -> Option<String> {
        let spec =
            (self.registers.values().chain(self.inputs.values())).find(|r| r.running_status)?;
        match self.decode(image, slave, spec.table, spec.addr)?.value {
            Value::Text(t) => Some(t),
            other => Some(format!("{other:?}")),
        }
    }

    /// Whether the controller reports Remote Lock.
    pub fn remote_locked(&self, image: &RegisterImage, slave: u8) -> bool {
        (self.coils.values().chain(self.discretes.values()))
            .any(|c| c.remote_lock && image.get(slave, c.table, c.addr) == Some(1))
            || self.bit_state(image, slave, "remote_lock") == Some(true)
    }

    /// Engine speed, if the map knows where it is and it has been read.
    pub fn speed(&self, image: &RegisterImage, slave: u8) -> Option<f64> {
        self.number_at(image, slave, self.checked.speed?)
    }

    /// The number an entry of holding registers reads, decoded without copying its name (the
    /// sanity checks run on most uploads).
    fn number_at(&self, image: &RegisterImage, slave: u8, addr: u16) -> Option<f64> {
        let spec = self.registers.get(&addr)?;
        // An entry is one or two registers (the map loader refuses others).
        let mut raw = [0u16; 2];
        let raw = raw.get_mut(..usize::from(spec.words))?;
        for (i, w) in raw.iter_mut().enumerate() {
            *w = image.get(slave, Table::Holding, spec.addr.checked_add(i as u16)?)?;
        }
        match self.decode_register(spec, raw) {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Readings that suggest a wrong setting, each saying which setting to change.
    pub fn sanity(&self, image: &RegisterImage, slave: u8) -> Vec<String> {
        let mut out = Vec::new();
        // A coil the map calls reserved that turns on may be an alarm of newer firmware.
        for &addr in &self.checked.reserved_coils {
            if image.get(slave, Table::Coils, addr) == Some(1) {
                out.push(format!(
                    "coil {addr} on: not in the map (reserved); newer firmware may use it for an alarm"
                ));
            }
        }
        let ratio = self.settings.frequency_ratio;
        for &addr in &self.checked.frequencies {
            let (Some(spec), Some(hz)) = (
                self.registers.get(&addr),
                self.number_at(image, slave, addr),
            ) else {
                continue;
            };
            if hz > 100.0 {
                let better = ratio * 50.0 / hz.max(1.0);
                let fix = [0.1, 0.01, 0.001]
                    .into_iter()
                    .min_by(|a, b| (a / better).ln().abs().total_cmp(&(b / better).ln().abs()))
                    .unwrap_or(0.01);
                out.push(format!(
                    "{} reads {hz:.1} Hz: the frequency ratio {ratio} is likely wrong for this \
                     firmware; set settings.frequency_ratio = {fix} in the map",
                    spec.name
                ));
            } else if (3.0..8.0).contains(&hz)
                && self.speed(image, slave).is_none_or(|rpm| rpm > 1000.0)
            {
                out.push(format!(
                    "{} reads {hz:.2} Hz: the frequency ratio {ratio} is likely too small; set \
                     settings.frequency_ratio = {} in the map",
                    spec.name,
                    ratio * 10.0
                ));
            }
        }
        out
    }
}
