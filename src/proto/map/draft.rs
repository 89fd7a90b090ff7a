//! A map made in the app, or from a register list: entries described by the engineer (a name,
//! a scale and unit, signedness, two words in either order, an enumeration or named bits, a
//! role), written into a map file: added in place to the model's map when it has one (its
//! comments and layout kept, whether its arrays are inline or tables), else a new file; with
//! poll blocks for what the plan does not read yet; validated as any map file is on load.

use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table as TomlTable, value};

use super::{RegisterMap, parse_map};
use crate::proto::PollPlan;
use crate::proto::rtu::{RequestPdu, Table};

/// One entry described by the engineer.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntry {
    /// Its table: coils, discrete inputs, holding or input registers.
    pub table: Table,
    /// Address (the first of a pair).
    pub addr: u16,
    /// Name.
    pub name: String,
    /// Unit ("" for none).
    pub unit: String,
    /// actual = raw * scale.
    pub scale: f64,
    /// Two's complement.
    pub signed: bool,
    /// 1 or 2 registers.
    pub words: u8,
    /// A pair with its least significant word first.
    pub lsw_first: bool,
    /// An enumeration: raw value -> what it means.
    pub states: Vec<(u16, String)>,
    /// Named bits of a holding register: bit -> name.
    pub bits: Vec<(u8, String)>,
    /// What it stands for (`docs/maps.md`, "Roles").
    pub role: Option<String>,
    /// Marked unverified: made from a list, not checked against the controller.
    pub unverified: bool,
}

impl DraftEntry {
    /// A plain entry at `table`/`addr`: one word, unscaled, no name yet.
    pub fn new(table: Table, addr: u16) -> DraftEntry {
        DraftEntry {
            table,
            addr,
            name: String::new(),
            unit: String::new(),
            scale: 1.0,
            signed: false,
            words: 1,
            lsw_first: false,
            states: Vec::new(),
            bits: Vec::new(),
            role: None,
            unverified: false,
        }
    }

    /// The addresses it covers.
    fn span(&self) -> std::ops::Range<u32> {
        let words = if self.table.is_bits() { 1 } else { self.words };
        u32::from(self.addr)..u32::from(self.addr) + u32::from(words.max(1))
    }

    /// The name of its enumeration in the file.
    fn enum_name(&self) -> String {
        format!("{}_{}", self.table.name(), self.addr)
    }

    /// The coil or register entry.
    fn entry(&self) -> InlineTable {
        let mut t = InlineTable::new();
        if !matches!(self.table, Table::Coils | Table::Holding) {
            t.insert("table", self.table.name().into());
        }
        t.insert("addr", i64::from(self.addr).into());
        t.insert("name", self.name.trim().into());
        if !self.table.is_bits() {
            if !self.unit.trim().is_empty() {
                t.insert("unit", self.unit.trim().into());
            }
            if self.scale != 1.0 {
                t.insert("scale", self.scale.into());
            }
            if self.signed {
                t.insert("signed", true.into());
            }
            if self.words == 2 {
                t.insert("words", 2.into());
                if self.lsw_first {
                    t.insert("order", "lsw_first".into());
                }
            }
            if !self.states.is_empty() {
                t.insert("enum", self.enum_name().into());
            }
            if !self.bits.is_empty() && self.states.is_empty() && self.words == 1 {
                t.insert("format", "hex".into());
            }
        }
        if let Some(r) = self.role.as_deref().filter(|r| !r.is_empty()) {
            t.insert("role", r.into());
        }
        if self.unverified {
            t.insert("unverified", true.into());
        }
        t
    }
}

/// Appends `entry` to the array `key` of `doc`, as the file writes it (inline or as tables);
/// a new array is written as tables.
fn push(doc: &mut DocumentMut, key: &str, entry: InlineTable) -> Result<(), String> {
    match doc.get_mut(key) {
        None => {
            let mut aot = ArrayOfTables::new();
            aot.push(entry.into_table());
            doc.insert(key, Item::ArrayOfTables(aot));
        }
        Some(Item::ArrayOfTables(aot)) => aot.push(entry.into_table()),
        Some(Item::Value(toml_edit::Value::Array(arr))) => {
            arr.push(entry);
            // One entry a line, as the shipped files have them.
            if let Some(last) = arr.iter_mut().last() {
                last.decor_mut().set_prefix("\n  ");
            }
            arr.set_trailing("\n");
            arr.set_trailing_comma(true);
        }
        Some(_) => return Err(format!("`{key}` in the map file is not a list")),
    }
    Ok(())
}

/// The text of a new map file for `model`.
fn header(model: &str, origin: &str) -> String {
    format!(
        "# {origin}: check it against the controller's document before relying on it.\n\
         format = \"cmm-register-map\"\n\
         version = 2\n\
         name = {}\n\
         module_types = [{}]\n\n\
         # A controller of another make may send any word as a reading: none is hidden as\n\
         # \"no data\" (SmartGen's 32766) unless set here.\n\
         [settings]\n\
         no_data = \"none\"\n",
        toml_edit::Value::from(format!("{model} ({origin})")),
        toml_edit::Value::from(model),
    )
}

/// The map file `base` (the model's map; none or the generic one: a new file named after
/// `model`, its header saying `origin`) with `entries` added, and poll blocks for what its
/// plan does not read yet: the text, and the map it reads as (validated as on load).
pub fn map_with(
    base: Option<&RegisterMap>,
    model: &str,
    origin: &str,
    entries: &[DraftEntry],
) -> Result<(String, RegisterMap), String> {
    let base = base.filter(|m| !m.is_generic() && !m.text.is_empty());
    let text = base.map_or_else(|| header(model, origin), |m| m.text.clone());
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    // Tables and word order are of version 2, which reads version 1 files as they are.
    if doc.get("version").and_then(Item::as_integer) == Some(1) {
        doc["version"] = value(2);
    }
    let mut seen = std::collections::BTreeSet::new();
    for e in entries {
        if e.name.trim().is_empty() {
            return Err(format!("{} {}: no name", e.table.name(), e.addr));
        }
        if !seen.insert((e.table, e.addr)) {
            return Err(format!("{} {} is described twice", e.table.name(), e.addr));
        }
        let key = if e.table.is_bits() {
            "coil"
        } else {
            "register"
        };
        push(&mut doc, key, e.entry())?;
        if !e.states.is_empty() && !e.table.is_bits() {
            let mut states = TomlTable::new();
            for (v, name) in &e.states {
                states.insert(&v.to_string(), value(name.trim()));
            }
            if doc.get("enum").is_none() {
                let mut t = TomlTable::new();
                t.set_implicit(true);
                doc.insert("enum", Item::Table(t));
            }
            match doc.get_mut("enum") {
                Some(Item::Table(t)) => {
                    t.insert(&e.enum_name(), Item::Table(states));
                }
                Some(Item::Value(toml_edit::Value::InlineTable(t))) => {
                    t.insert(e.enum_name(), states.into_inline_table().into());
                }
                _ => return Err("`enum` in the map file is not a table".into()),
            }
        }
        if e.table == Table::Holding && e.states.is_empty() {
            for (bit, name) in e.bits.iter().filter(|(_, n)| !n.trim().is_empty()) {
                let mut b = InlineTable::new();
                b.insert("addr", i64::from(e.addr).into());
                b.insert("bit", i64::from(*bit).into());
                b.insert("name", name.trim().into());
                if e.unverified {
                    b.insert("unverified", true.into());
                }
                push(&mut doc, "bit", b)?;
            }
        }
    }
    // What the plan does not read yet, read in blocks.
    let plan = base
        .map(|m| m.plan.clone())
        .unwrap_or(PollPlan { requests: vec![] });
    let read = |table: Table, a: u32| {
        plan.requests.iter().any(|r| match r.pdu {
            RequestPdu::Read {
                table: t,
                addr,
                qty,
            } => t == table && (u32::from(addr)..u32::from(addr) + u32::from(qty)).contains(&a),
            _ => false,
        })
    };
    for table in [
        Table::Coils,
        Table::DiscreteInputs,
        Table::Holding,
        Table::Input,
    ] {
        let mut addrs: Vec<u16> = entries
            .iter()
            .filter(|e| e.table == table)
            .flat_map(|e| e.span())
            .filter(|&a| !read(table, a))
            .filter_map(|a| u16::try_from(a).ok())
            .collect();
        addrs.sort_unstable();
        addrs.dedup();
        let most = if table.is_bits() { 2000 } else { 125 };
        // Addresses close together (a few unnamed ones between) in one read.
        for (addr, qty) in crate::proto::poll_plan::read_runs(&addrs, 8, most) {
            let mut p = InlineTable::new();
            p.insert("table", table.name().into());
            p.insert("addr", i64::from(addr).into());
            p.insert("qty", i64::from(qty).into());
            push(&mut doc, "poll", p)?;
        }
    }
    let text = doc.to_string();
    let map = parse_map(&text).map_err(|e| e.to_string())?;
    Ok((text, map))
}

/// What `entry` would collide with: an address it covers that another entry of `entries`
/// (but the one at `except`, which it replaces) or of the map `base` already describes.
pub fn collision(
    base: Option<&RegisterMap>,
    entries: &[DraftEntry],
    except: Option<usize>,
    entry: &DraftEntry,
) -> Option<String> {
    let span = entry.span();
    for (i, e) in entries.iter().enumerate() {
        if Some(i) == except || e.table != entry.table {
            continue;
        }
        let other = e.span();
        if span.start < other.end && other.start < span.end {
            return Some(t!(
                "{ $table } { $addr } is already described as { $name }",
                table = entry.table.name(),
                addr = e.addr,
                name = e.name.as_str()
            ));
        }
    }
    let base = base.filter(|m| !m.is_generic())?;
    span.filter_map(|a| u16::try_from(a).ok()).find_map(|a| {
        let name = if entry.table.is_bits() {
            base.coil_in(entry.table, a).map(|c| c.name.clone())
        } else {
            base.register_in(entry.table, a).map(|r| r.name.clone())
        }?;
        Some(t!(
            "{ $table } { $addr } is already in the map as { $name }",
            table = entry.table.name(),
            addr = a,
            name = &*name
        ))
    })
}

/// A map of `entry` alone, to decode it while it is described.
pub fn preview(entry: &DraftEntry) -> Result<RegisterMap, String> {
    let mut e = entry.clone();
    if e.name.trim().is_empty() {
        e.name = "…".into();
    }
    map_with(None, "preview", "preview", &[e]).map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::image::RegisterImage;
    use crate::proto::map::{Value as Shown, builtin_maps};

    fn image(table: Table, addr: u16, words: &[u16]) -> RegisterImage {
        let mut img = RegisterImage::default();
        for (i, w) in words.iter().enumerate() {
            img.set(1, table, addr + i as u16, *w);
        }
        img
    }

    #[test]
    fn every_field_written_reads_back_and_decodes() {
        let mut power = DraftEntry::new(Table::Input, 10);
        power.name = "Meter power".into();
        power.unit = "kW".into();
        power.scale = 0.1;
        power.signed = true;
        power.words = 2;
        power.lsw_first = true;
        power.role = Some("active_power".into());
        let mut state = DraftEntry::new(Table::Holding, 3);
        state.name = "ATS state".into();
        state.states = vec![(0, "Mains".into()), (1, "Generator".into())];
        let mut word = DraftEntry::new(Table::Holding, 4);
        word.name = "ATS flags".into();
        word.bits = vec![(0, "Mains OK".into()), (3, "Gen OK".into())];
        let mut input = DraftEntry::new(Table::DiscreteInputs, 7);
        input.name = "Door open".into();
        let (text, map) = map_with(
            None,
            "ACME-ATS",
            "made in the app",
            &[power, state, word, input],
        )
        .unwrap();
        assert_eq!(map.module_types, ["ACME-ATS"], "{text}");
        let p = &map.inputs[&10];
        assert_eq!(
            (p.table, p.words, p.lsw_first, p.signed, p.scale),
            (Table::Input, 2, true, true, 0.1)
        );
        assert_eq!(map.register_by_role("active_power").unwrap().addr, 10);
        assert_eq!(&*map.discretes[&7].name, "Door open");
        assert_eq!(map.bits_of(4).count(), 2);
        // A new map hides no word as "no data": 32766 is a reading like any other.
        assert_eq!(map.settings.no_data, None);
        let img = image(Table::Holding, 4, &[0x7FFE]);
        assert_ne!(
            map.decode(&img, 1, Table::Holding, 4).unwrap().value,
            Shown::NoData
        );
        // Low word first: 0xFFFF then 0xFFFF is -1 -> -0.1 kW.
        let img = image(Table::Input, 10, &[0xFFF6, 0xFFFF]);
        let d = map.decode(&img, 1, Table::Input, 11).unwrap();
        assert_eq!((d.addr, d.value.clone()), (10, Shown::Number(-1.0)));
        let img = image(Table::Holding, 3, &[1]);
        let d = map.decode(&img, 1, Table::Holding, 3).unwrap();
        assert_eq!(d.value, Shown::Text("Generator".into()));
        // Every table it names is polled.
        let tables: Vec<Table> = (map.plan.requests.iter())
            .filter_map(|r| match r.pdu {
                RequestPdu::Read { table, .. } => Some(table),
                _ => None,
            })
            .collect();
        assert!(tables.contains(&Table::Input) && tables.contains(&Table::DiscreteInputs));
    }

    #[test]
    fn entries_join_a_shipped_map_in_place_whatever_its_layout() {
        for base in builtin_maps() {
            let free = (1000u16..).find(|a| base.register_in(Table::Input, *a).is_none());
            let mut e = DraftEntry::new(Table::Input, free.unwrap());
            e.name = "Added".into();
            e.states = vec![(1, "On".into())];
            let (text, map) = map_with(Some(&base), "X", "made in the app", &[e]).unwrap();
            assert_eq!(map.registers.len(), base.registers.len(), "{}", base.name);
            assert_eq!(map.commands.len(), base.commands.len());
            assert_eq!(map.name, base.name);
            assert!(map.inputs.contains_key(&free.unwrap()), "{}", base.name);
            assert!(text.starts_with(&base.text[..200]), "comments kept");
            assert_eq!(map.plan.requests.len(), base.plan.requests.len() + 1);
        }
    }

    #[test]
    fn an_entry_that_covers_a_described_address_is_said_before_it_is_added() {
        let mut pair = DraftEntry::new(Table::Input, 0);
        pair.name = "Run hours".into();
        pair.words = 2;
        let mut one = DraftEntry::new(Table::Input, 1);
        one.name = "Other".into();
        let said = collision(None, &[pair.clone()], None, &one).unwrap();
        assert!(
            said.contains("input 0") && said.contains("Run hours"),
            "{said}"
        );
        // Itself, being changed, is no collision; nor another table.
        assert_eq!(collision(None, &[pair.clone()], Some(0), &one), None);
        one.table = Table::Holding;
        assert_eq!(collision(None, &[pair], None, &one), None);
        // An address the model's map describes.
        let base = &builtin_maps()[0];
        let mut e = DraftEntry::new(Table::Holding, *base.registers.keys().next().unwrap());
        e.name = "Again".into();
        assert!(
            collision(Some(base), &[], None, &e)
                .unwrap()
                .contains("already in the map")
        );
    }

    #[test]
    fn what_the_loader_refuses_is_refused_with_its_reason() {
        let mut e = DraftEntry::new(Table::Input, 1);
        e.name = "Setpoint".into();
        e.role = Some("no_such_role".into());
        let err = map_with(None, "X", "t", &[e.clone()]).unwrap_err();
        assert!(err.contains("unknown role"), "{err}");
        e.role = None;
        e.name = " ".into();
        assert!(
            map_with(None, "X", "t", &[e])
                .unwrap_err()
                .contains("no name")
        );
        let mut pair = DraftEntry::new(Table::Holding, 65535);
        pair.name = "Past the end".into();
        pair.words = 2;
        assert!(preview(&pair).unwrap_err().contains("65535"));
        let wrong = format!(
            "{}\n[[register]]\ntable = \"coils\"\naddr = 1\nname = \"A\"\n",
            header("X", "t")
        );
        let err = parse_map(&wrong).unwrap_err().to_string();
        assert!(
            err.contains("\"coils\" is not \"holding\" or \"input\""),
            "{err}"
        );
        let text = header("X", "t").replace("\"none\"", "\"never\"");
        let err = parse_map(&text).unwrap_err().to_string();
        assert!(
            err.contains("settings.no_data") && err.contains("\"none\""),
            "{err}"
        );
    }
}
