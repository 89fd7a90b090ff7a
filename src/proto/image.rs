//! The register image of a target: the last known value of every coil and register, per slave
//! and table, updated by `reqdata` blocks and `reqdatachange` deltas, reporting what changed.

use super::hex;
use super::rtu::{Block, BlockValues, Table, unpack_bits};
use super::uplink::DataChange;

/// How a `reqdatachange` value of coils or discrete inputs longer than one byte is read. No
/// public source settles it (docs/protocol.md, "Change uploads").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoilDelta {
    /// The bytes of a Modbus RTU reply: the first byte holds the addressed bit and the 7 after
    /// it, each byte least significant bit first.
    #[default]
    RtuBytes,
    /// One integer (hex, most significant digit first) whose least significant bit is the
    /// addressed bit: the public field servers' reading.
    IntegerLsb,
}

impl CoilDelta {
    /// The name in a map file.
    pub fn name(self) -> &'static str {
        match self {
            CoilDelta::RtuBytes => "rtu-bytes",
            CoilDelta::IntegerLsb => "integer-lsb",
        }
    }
}

/// "No valid data" on SmartGen controllers (shown as `###`, never plotted).
pub const NO_DATA: u16 = 32766;

/// A register's reading: a number, or the controller's no-data marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A valid raw value.
    Value(u16),
    /// 32766: the controller has no valid data.
    NoData,
}

impl Reading {
    /// Classifies a raw value of `table` (bits are never no-data).
    pub fn of(table: Table, raw: u16) -> Reading {
        if !table.is_bits() && raw == NO_DATA {
            Reading::NoData
        } else {
            Reading::Value(raw)
        }
    }
}

/// One address whose value changed (or was seen for the first time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Slave id.
    pub slave: u8,
    /// Table.
    pub table: Table,
    /// Address.
    pub addr: u16,
    /// Previous raw value, `None` the first time.
    pub old: Option<u16>,
    /// New raw value (0/1 for bits).
    pub new: u16,
}

impl Change {
    /// The new value, with no-data kept distinct.
    pub fn reading(&self) -> Reading {
        Reading::of(self.table, self.new)
    }
}

/// The known values of one (slave, table): runs of contiguous addresses in address order,
/// apart and not touching. Reads are blocks and changes fall inside them, so a table is one
/// run per block of the poll plan: finding an address is a search among a handful of runs and
/// an index, and a value takes two bytes (an ordered map took about eight).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    start: u16,
    values: Vec<u16>,
}

impl Run {
    /// One past the last address (up to 0x10000).
    fn end(&self) -> u32 {
        u32::from(self.start) + self.values.len() as u32
    }
}

impl Values {
    /// The run that holds `addr`, or the index where a run starting at `addr` would go.
    fn find(&self, addr: u16) -> Result<usize, usize> {
        let i = self.runs.partition_point(|r| r.start <= addr);
        match i.checked_sub(1) {
            Some(j) if u32::from(addr) < self.runs[j].end() => Ok(j),
            _ => Err(i),
        }
    }

    /// The value at `addr`, if known.
    pub fn get(&self, addr: u16) -> Option<u16> {
        let r = &self.runs[self.find(addr).ok()?];
        r.values.get(usize::from(addr - r.start)).copied()
    }

    /// Sets the value at `addr`; returns the one it replaced.
    pub fn insert(&mut self, addr: u16, value: u16) -> Option<u16> {
        let i = match self.find(addr) {
            Ok(j) => {
                let r = &mut self.runs[j];
                let slot = &mut r.values[usize::from(addr - r.start)];
                return Some(std::mem::replace(slot, value));
            }
            Err(i) => i,
        };
        // A new address: it extends the run before it, or starts the run after it, or is a
        // run of its own; two runs it comes to join become one.
        let joins_before = i > 0 && self.runs[i - 1].end() == u32::from(addr);
        let joins_after = self
            .runs
            .get(i)
            .is_some_and(|r| u32::from(r.start) == u32::from(addr) + 1);
        match (joins_before, joins_after) {
            (true, true) => {
                let next = self.runs.remove(i);
                let r = &mut self.runs[i - 1];
                r.values.push(value);
                r.values.extend(next.values);
            }
            (true, false) => self.runs[i - 1].values.push(value),
            (false, true) => {
                let r = &mut self.runs[i];
                r.values.insert(0, value);
                r.start = addr;
            }
            (false, false) => self.runs.insert(
                i,
                Run {
                    start: addr,
                    values: vec![value],
                },
            ),
        }
        None
    }

    /// Every known (address, value), in address order.
    pub fn iter(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.runs.iter().flat_map(|r| {
            r.values
                .iter()
                .enumerate()
                .map(|(i, &v)| (r.start + i as u16, v))
        })
    }

    /// Every known address, in order.
    pub fn keys(&self) -> impl Iterator<Item = u16> + '_ {
        self.iter().map(|(a, _)| a)
    }

    /// Number of known addresses.
    pub fn len(&self) -> usize {
        self.runs.iter().map(|r| r.values.len()).sum()
    }

    /// Whether no address is known.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Gives back the room the runs grew by beyond what they hold.
    pub fn shrink_to_fit(&mut self) {
        self.runs.shrink_to_fit();
        self.runs.iter_mut().for_each(|r| r.values.shrink_to_fit());
    }
}

/// Last known values per (slave, table): a short list sorted by key (a modem has one to
/// four tables; an ordered map's node held room for eleven).
#[derive(Debug, Clone, Default)]
pub struct RegisterImage {
    tables: Vec<((u8, Table), Values)>,
}

impl RegisterImage {
    /// Applies a block and returns the addresses whose value changed, in address order.
    pub fn apply_block(&mut self, block: &Block) -> Vec<Change> {
        let mut changes = Vec::new();
        self.apply_block_into(block, &mut changes);
        changes
    }

    /// Applies a block and appends the addresses whose value changed, in address order, to
    /// `changes` (one vector for all the blocks of an upload).
    pub fn apply_block_into(&mut self, block: &Block, changes: &mut Vec<Change>) {
        let t = self.values_mut(block.slave, block.table);
        let mut grew = false;
        let mut put = |i: usize, new: u16| {
            let Some(addr) = u16::try_from(i)
                .ok()
                .and_then(|i| block.addr.checked_add(i))
            else {
                return;
            };
            let old = t.insert(addr, new);
            grew |= old.is_none();
            if old != Some(new) {
                changes.push(Change {
                    slave: block.slave,
                    table: block.table,
                    addr,
                    old,
                    new,
                });
            }
        };
        match &block.values {
            BlockValues::Bits(bits) => bits.iter().enumerate().for_each(|(i, &b)| put(i, b as u16)),
            BlockValues::Registers(r) => r.iter().enumerate().for_each(|(i, &v)| put(i, v)),
        }
        // New addresses come with a target's first uploads: the room they grew by is
        // trimmed then, never again after.
        if grew {
            t.shrink_to_fit();
        }
    }

    /// The values of (slave, table), made empty the first time.
    fn values_mut(&mut self, slave: u8, table: Table) -> &mut Values {
        let key = (slave, table);
        let i = match self.tables.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => i,
            Err(i) => {
                self.tables.reserve_exact(1);
                self.tables.insert(i, (key, Values::default()));
                i
            }
        };
        &mut self.tables[i].1
    }

    /// Sets the raw value at an address (0/1 for bits), as a change reported it.
    pub fn set(&mut self, slave: u8, table: Table, addr: u16, raw: u16) {
        self.values_mut(slave, table).insert(addr, raw);
    }

    /// The raw value at an address, if known.
    pub fn get(&self, slave: u8, table: Table, addr: u16) -> Option<u16> {
        let key = (slave, table);
        let i = self.tables.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
        self.tables[i].1.get(addr)
    }

    /// Every known (slave, table) and its values in address order.
    pub fn tables(&self) -> impl Iterator<Item = (&(u8, Table), &Values)> {
        self.tables.iter().map(|(k, v)| (k, v))
    }

    /// Number of known addresses.
    pub fn len(&self) -> usize {
        self.tables.iter().map(|(_, v)| v.len()).sum()
    }

    /// Whether nothing is known yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Turns a `reqdatachange` into blocks for `slave`; entries that cannot be read are reported and
/// skipped, the rest still apply.
///
/// For registers (`03`/`04`) each 4 hex digits are one big-endian register from the key address.
/// For bits (`01`/`02`) the value is RTU data bytes in order, least significant bit first:
/// byte 0 holds addr..addr+7 (docs/protocol.md, "Change uploads": no public source settles the layout).
pub fn delta_blocks(
    slave: u8,
    change: &DataChange,
    coil_delta: CoilDelta,
) -> (Vec<Block>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut errors = Vec::new();
    for t in &change.tables {
        let Some(table) = Table::from_read_function(t.function) else {
            errors.push(format!(
                "reqdatachange table {:02X} is not a read function (01-04)",
                t.function
            ));
            continue;
        };
        for (addr, value) in &t.entries {
            // Most values are whole registers of clean hex: read straight into words.
            if !table.is_bits()
                && let Some(words) = hex::decode_words(value)
            {
                blocks.push(Block {
                    slave,
                    table,
                    addr: *addr,
                    values: BlockValues::Registers(words),
                });
                continue;
            }
            let bytes = match hex::decode(value) {
                Ok(b) if !b.is_empty() => b,
                Ok(_) => {
                    errors.push(format!("{:02X}/{addr:04X}: empty value", t.function));
                    continue;
                }
                Err(e) => {
                    errors.push(format!("{:02X}/{addr:04X}: {e}", t.function));
                    continue;
                }
            };
            let values = if table.is_bits() {
                let bytes = match coil_delta {
                    CoilDelta::RtuBytes => bytes,
                    // One integer, most significant byte first: its last byte holds bit 0.
                    CoilDelta::IntegerLsb => bytes.into_iter().rev().collect(),
                };
                BlockValues::Bits(unpack_bits(&bytes, bytes.len() * 8))
            } else if !bytes.len().is_multiple_of(2) {
                errors.push(format!(
                    "{:02X}/{addr:04X}: value {value:?} is not whole 16-bit registers",
                    t.function
                ));
                continue;
            } else {
                BlockValues::Registers(
                    bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect(),
                )
            };
            blocks.push(Block {
                slave,
                table,
                addr: *addr,
                values,
            });
        }
    }
    (blocks, errors)
}

#[cfg(test)]
mod tests {
    use super::super::uplink::ChangeTable;
    use super::CoilDelta;
    use super::*;

    fn change(function: u8, entries: &[(u16, &str)]) -> DataChange {
        DataChange {
            tables: vec![ChangeTable {
                function,
                entries: entries.iter().map(|(a, v)| (*a, v.to_string())).collect(),
            }],
            ..Default::default()
        }
    }

    /// Runs hold what an ordered map holds, whatever the order of the writes: blocks, single
    /// addresses before, after, between and joining runs, the last address.
    #[test]
    fn runs_agree_with_an_ordered_map() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..200 {
            let mut runs = Values::default();
            let mut reference = std::collections::BTreeMap::new();
            for _ in 0..300 {
                let r = next();
                // Mostly near a few bases, sometimes anywhere, sometimes at the very end.
                let addr = match r % 10 {
                    0 => (r >> 8) as u16,
                    1 => u16::MAX - (r >> 8) as u16 % 3,
                    _ => [0u16, 40, 46, 4368][(r >> 8) as usize % 4] + (r >> 16) as u16 % 50,
                };
                let len = if r % 3 == 0 {
                    (r >> 24) as u16 % 20 + 1
                } else {
                    1
                };
                for a in (0..len).filter_map(|i| addr.checked_add(i)) {
                    let v = (next() % 7) as u16;
                    assert_eq!(runs.insert(a, v), reference.insert(a, v), "round {round}");
                }
                assert_eq!(runs.get(addr), reference.get(&addr).copied());
            }
            let all: Vec<(u16, u16)> = reference.iter().map(|(&a, &v)| (a, v)).collect();
            assert_eq!(runs.iter().collect::<Vec<_>>(), all, "round {round}");
            assert_eq!(runs.len(), reference.len());
            // Apart and not touching: no two runs could be one.
            for w in runs.runs.windows(2) {
                assert!(w[0].end() < u32::from(w[1].start), "round {round}: {w:?}");
            }
            for a in [0u16, 1, 45, 46, 4367, 4369, u16::MAX] {
                assert_eq!(runs.get(a), reference.get(&a).copied(), "{a}");
            }
        }
    }

    #[test]
    fn field_delta_00ef_is_239_on_register_0() {
        let mut img = RegisterImage::default();
        let (blocks, errs) = delta_blocks(
            1,
            &change(3, &[(0, "00EF"), (7, "00E70032")]),
            CoilDelta::RtuBytes,
        );
        assert!(errs.is_empty());
        let changes: Vec<_> = blocks.iter().flat_map(|b| img.apply_block(b)).collect();
        assert_eq!(changes.len(), 3);
        assert_eq!(img.get(1, Table::Holding, 0), Some(239));
        assert_eq!(img.get(1, Table::Holding, 7), Some(0xE7));
        assert_eq!(img.get(1, Table::Holding, 8), Some(0x32));
        // Applying the same again changes nothing.
        let again: Vec<_> = blocks.iter().flat_map(|b| img.apply_block(b)).collect();
        assert!(again.is_empty());
        // A new value reports old and new.
        let (b, _) = delta_blocks(1, &change(3, &[(0, "00F0")]), CoilDelta::RtuBytes);
        assert_eq!(
            img.apply_block(&b[0]),
            vec![Change {
                slave: 1,
                table: Table::Holding,
                addr: 0,
                old: Some(239),
                new: 240
            }]
        );
    }

    #[test]
    fn coil_delta_is_lsb_first_from_the_key_address() {
        let mut img = RegisterImage::default();
        let (blocks, _) = delta_blocks(1, &change(1, &[(40, "0805")]), CoilDelta::RtuBytes);
        img.apply_block(&blocks[0]);
        // 0x08: bit 3 -> coil 43; 0x05: bits 0 and 2 of the second byte -> coils 48 and 50.
        for a in 40..56 {
            let on = matches!(a, 43 | 48 | 50);
            assert_eq!(img.get(1, Table::Coils, a), Some(on as u16), "coil {a}");
        }
    }

    #[test]
    fn the_integer_reading_of_a_coil_delta_takes_the_last_byte_first() {
        let mut img = RegisterImage::default();
        let (blocks, _) = delta_blocks(1, &change(1, &[(40, "0805")]), CoilDelta::IntegerLsb);
        img.apply_block(&blocks[0]);
        // 0x0805: bits 0 and 2 -> coils 40 and 42; bit 11 -> coil 51.
        for a in 40..56 {
            let on = matches!(a, 40 | 42 | 51);
            assert_eq!(img.get(1, Table::Coils, a), Some(on as u16), "coil {a}");
        }
    }

    #[test]
    fn no_data_stays_distinct_from_numbers() {
        let mut img = RegisterImage::default();
        let (blocks, _) = delta_blocks(1, &change(3, &[(17, "7FFE0010")]), CoilDelta::RtuBytes);
        let ch = img.apply_block(&blocks[0]);
        assert_eq!(ch[0].reading(), Reading::NoData);
        assert_eq!(ch[1].reading(), Reading::Value(16));
        assert_eq!(Reading::of(Table::Coils, NO_DATA), Reading::Value(NO_DATA));
    }

    #[test]
    fn bad_entries_are_reported_and_good_ones_still_apply() {
        let mut c = change(3, &[(0, "00E"), (1, "zz"), (2, "0001")]);
        c.tables.push(ChangeTable {
            function: 5,
            entries: vec![(0, "FF00".into())],
        });
        let (blocks, errs) = delta_blocks(1, &c, CoilDelta::RtuBytes);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].addr, 2);
        assert_eq!(errs.len(), 3, "{errs:?}");
    }

    #[test]
    fn blocks_near_the_top_of_the_address_space_do_not_overflow() {
        let mut img = RegisterImage::default();
        let b = Block {
            slave: 1,
            table: Table::Holding,
            addr: 0xFFFF,
            values: BlockValues::Registers(vec![1, 2]),
        };
        assert_eq!(img.apply_block(&b).len(), 1);
    }
}
