//! A register map from a register list in CSV: the shape of a manual's table pasted into a
//! spreadsheet (address, name, unit, scale, table), for a controller the app has no map for.
//! The map is written in the usual TOML format, with a poll plan covering what is listed, and
//! validated as any map file is on load.

use std::collections::BTreeMap;

use super::RegisterMap;
use super::draft::{DraftEntry, map_with};
use crate::proto::rtu::Table;

/// The map for `model` from `csv` (a header row naming the columns, any order and case;
/// `,` or `;` between fields): its TOML text and the map it reads as.
pub fn map_from_csv(csv: &str, model: &str) -> Result<(String, RegisterMap), String> {
    let delimiter = if csv.lines().next().is_some_and(|h| h.contains(';')) {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let addr_col = column(&["address", "addr", "register"])
        .ok_or("the header names no address column (address, addr or register)")?;
    let name_col = column(&["name", "description"])
        .ok_or("the header names no name column (name or description)")?;
    let unit_col = column(&["unit", "units"]);
    let scale_col = column(&["scale", "factor", "multiplier"]);
    let table_col = column(&["table", "type", "function", "fc"]);
    let mut entries = Vec::new();
    let mut lines = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| format!("line {line}: {e}"))?;
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let name = field(Some(name_col)).to_string();
        if name.is_empty() {
            return Err(format!("line {line}: no name"));
        }
        let addr = parse_addr(field(Some(addr_col))).ok_or_else(|| {
            format!(
                "line {line}: address {:?} is not 0-65535",
                field(Some(addr_col))
            )
        })?;
        let table = parse_table(field(table_col)).ok_or_else(|| {
            format!(
                "line {line}: table {:?}: holding (03), input (04), coils (01) or discrete \
                 inputs (02)",
                field(table_col)
            )
        })?;
        let scale = match field(scale_col) {
            "" => None,
            s => Some(
                s.replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|x| *x != 0.0 && x.is_finite())
                    .ok_or_else(|| format!("line {line}: scale {s:?} is not a non-zero number"))?,
            ),
        };
        if let Some(first) = lines.insert((table, addr), line) {
            return Err(format!(
                "line {line}: {} {addr} is listed already (line {first})",
                table.name()
            ));
        }
        let mut e = DraftEntry::new(table, addr);
        e.name = name;
        e.unverified = true;
        if !table.is_bits() {
            e.unit = field(unit_col).to_string();
            e.scale = scale.unwrap_or(1.0);
        }
        entries.push(e);
    }
    if entries.is_empty() {
        return Err("no register listed".into());
    }
    map_with(None, model, "from a register list", &entries)
}

/// `40001`-style references are not guessed: a plain number (decimal or `0x` hex) is the
/// address on the wire.
fn parse_addr(s: &str) -> Option<u16> {
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u16::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

fn parse_table(s: &str) -> Option<Table> {
    match s.to_ascii_lowercase().as_str() {
        "" | "holding" | "holding register" | "holding registers" | "03" | "3" | "4x" => {
            Some(Table::Holding)
        }
        "coil" | "coils" | "01" | "1" | "0x" => Some(Table::Coils),
        "input" | "input register" | "input registers" | "04" | "4" | "3x" => Some(Table::Input),
        "discrete" | "discrete input" | "discrete inputs" | "discrete_inputs" | "02" | "2"
        | "1x" => Some(Table::DiscreteInputs),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_register_list_becomes_a_map_that_polls_and_names_it() {
        let csv = "Address;Name;Unit;Scale;Table\n\
                   0x0000;Generator L1 voltage;V;0,1;holding\n\
                   1;Generator L2 voltage;V;0.1;03\n\
                   20;Battery \"main\";V;;\n\
                   5;Common alarm;;;coils\n";
        let (text, map) = map_from_csv(csv, "ACME-7").unwrap();
        assert_eq!(map.module_types, ["ACME-7"]);
        assert_eq!(&*map.registers[&0].name, "Generator L1 voltage");
        assert_eq!(map.registers[&1].scale, 0.1);
        assert_eq!(&*map.registers[&20].name, "Battery \"main\"");
        assert_eq!(&*map.coils[&5].name, "Common alarm");
        assert!(map.registers[&0].unverified, "marked as not checked");
        // One block for 0-1 (20 is too far), one for 20, one coil block.
        let plan = map.plan.to_command_string();
        assert_eq!(map.plan.requests.len(), 3, "{plan}\n{text}");
        let (_, map) = map_from_csv("addr,name,fc\n7,Meter kW,04\n2,Door,02\n", "M").unwrap();
        assert_eq!(&*map.inputs[&7].name, "Meter kW");
        assert_eq!(&*map.discretes[&2].name, "Door");
    }

    #[test]
    fn a_bad_row_is_named_by_its_line() {
        let e = map_from_csv("address,name,table\n1,A,05\n", "X").unwrap_err();
        assert!(e.starts_with("line 2: table \"05\""), "{e}");
        let e = map_from_csv("address,name\n70000,A\n", "X").unwrap_err();
        assert!(e.starts_with("line 2: address"), "{e}");
        let e = map_from_csv("address,name\n1,A\n1,B\n", "X").unwrap_err();
        assert!(e.contains("listed already (line 2)"), "{e}");
        let e = map_from_csv("name\nA\n", "X").unwrap_err();
        assert!(e.contains("no address column"), "{e}");
    }
}
