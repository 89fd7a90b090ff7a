//! Events as JSON lines, the shapes documented in docs/cmmctl.md, "Events (stdout)". Every
//! line has an `"event"` key and a `"hostid"` where one applies.

use serde_json::{Value, json};

use crate::link::Event;
use crate::proto::image::{Change, Reading};
use crate::proto::json_text::{write_str, write_str_contents};
use crate::proto::map::{Decoded, Value as Decodedvalue};

/// The JSON line of an event; for data events only the modem's alarm inputs, when sent (the
/// register changes are printed from the state instead); `None` when there is nothing to say.
/// Most lines are the event's own fields, derived (`model::Event`); the four here are not.
pub fn event_json(e: &Event) -> Option<Value> {
    Some(match e {
        Event::Data { hostid, flags, .. } => {
            if !flags.any() {
                return None;
            }
            let mut line = serde_json::Map::new();
            line.insert("event".into(), json!("inputs"));
            line.insert("hostid".into(), json!(hostid));
            for (k, v) in flags.entries() {
                line.insert(k.into(), json!(v.map(u8::from)));
            }
            Value::Object(line)
        }
        Event::Notice {
            hostid,
            kind,
            message,
        } => json!({"event": kind.name(), "hostid": hostid, "message": message}),
        // A serial link reads as a modem: online with its port as the peer...
        Event::LinkUp {
            target,
            port,
            settings,
        } => {
            json!({"event": "online", "hostid": target, "peer": port, "settings": settings, "replaced": false})
        }
        // ...and offline when its port is gone.
        Event::LinkDown { target, reason } => {
            json!({"event": "offline", "hostid": target, "reason": "port_gone", "detail": reason})
        }
        e => serde_json::to_value(e).unwrap_or_else(
            |err| json!({"event": "error", "hostid": null, "uid": null, "message": format!("an event could not be written: {err}")}),
        ),
    })
}

/// Writes a register change as a JSON line straight into `out`, with no `serde_json::Value`
/// in between (a load run prints one per changed register); with a map, the name, group,
/// unit and scaled value too. The tests hold the same line built with `serde_json` as the
/// reference.
pub fn write_change<W: std::io::Write>(
    out: &mut W,
    hostid: &str,
    c: &Change,
    decoded: Option<&Decoded>,
) -> std::io::Result<()> {
    use crate::proto::json_text::{write_hex, write_u32};
    out.write_all(b"{\"event\":\"change\",\"hostid\":")?;
    write_str(out, hostid)?;
    out.write_all(b",\"slave\":")?;
    write_u32(out, u32::from(c.slave))?;
    out.write_all(b",\"table\":\"")?;
    out.write_all(c.table.name().as_bytes())?;
    out.write_all(b"\",\"fc\":\"")?;
    write_hex(out, u32::from(c.table.read_function()), 2)?;
    out.write_all(b"\",\"addr\":")?;
    write_u32(out, u32::from(c.addr))?;
    out.write_all(b",\"raw\":\"")?;
    write_hex(out, u32::from(c.new), 4)?;
    out.write_all(b"\",\"value\":")?;
    let no_data = match c.reading() {
        Reading::Value(v) => {
            write_u32(out, u32::from(v))?;
            false
        }
        Reading::NoData => {
            out.write_all(b"null")?;
            true
        }
    };
    match c.old {
        Some(o) => {
            out.write_all(b",\"old\":")?;
            write_u32(out, u32::from(o))?;
        }
        None => out.write_all(b",\"old\":null")?,
    }
    if no_data {
        out.write_all(b",\"no_data\":true")?;
    }
    if let Some(d) = decoded.filter(|d| d.mapped) {
        out.write_all(b",\"name\":")?;
        write_str(out, &d.name)?;
        out.write_all(b",\"group\":")?;
        write_str(out, &d.group)?;
        out.write_all(b",\"unit\":")?;
        write_str(out, &d.unit)?;
        match &d.value {
            Decodedvalue::Number(x) => {
                let p = 10f64.powi(d.decimals as i32);
                out.write_all(b",\"scaled\":")?;
                serde_json::to_writer(&mut *out, &((x * p).round() / p))?;
            }
            Decodedvalue::Bit(b) => write!(out, ",\"scaled\":{}", u8::from(*b))?,
            Decodedvalue::NoData => out.write_all(b",\"scaled\":null")?,
            Decodedvalue::Text(_) => {}
        }
        out.write_all(b",\"text\":\"")?;
        match &d.value {
            // Digits, a point and a sign: nothing to escape.
            Decodedvalue::Number(v) => crate::proto::json_text::write_fixed(out, *v, d.decimals)?,
            Decodedvalue::NoData => out.write_all(b"###")?,
            Decodedvalue::Text(t) => write_str_contents(out, t)?,
            Decodedvalue::Bit(b) => out.write_all(if *b { b"on" } else { b"off" })?,
        }
        if matches!(d.value, Decodedvalue::Number(_)) && !d.unit.is_empty() {
            out.write_all(b" ")?;
            write_str_contents(out, &d.unit)?;
        }
        out.write_all(b"\"")?;
    }
    out.write_all(b"}")
}

#[cfg(test)]
#[path = "event_json_golden.rs"]
mod golden;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::Table;
    use crate::proto::map::AlarmKind;

    /// A register change as a JSON line; with a map, the name, group, unit and scaled value too.
    /// The reference shape of [`write_change`]'s line, built with `serde_json`.
    fn change_json(hostid: &str, c: &Change, decoded: Option<&Decoded>) -> Value {
        let (value, no_data) = match c.reading() {
            Reading::Value(v) => (json!(v), false),
            Reading::NoData => (Value::Null, true),
        };
        let mut v = json!({
            "event": "change", "hostid": hostid, "slave": c.slave, "table": c.table.name(),
            "fc": format!("{:02X}", c.table.read_function()), "addr": c.addr,
            "raw": format!("{:04X}", c.new), "value": value, "old": c.old,
        });
        let Some(m) = v.as_object_mut() else { return v };
        if no_data {
            m.insert("no_data".into(), json!(true));
        }
        if let Some(d) = decoded.filter(|d| d.mapped) {
            m.insert("name".into(), json!(d.name));
            m.insert("group".into(), json!(d.group));
            m.insert("unit".into(), json!(d.unit));
            match &d.value {
                Decodedvalue::Number(x) => {
                    let p = 10f64.powi(d.decimals as i32);
                    m.insert("scaled".into(), json!((x * p).round() / p));
                }
                Decodedvalue::Bit(b) => {
                    m.insert("scaled".into(), json!(u8::from(*b)));
                }
                Decodedvalue::NoData => {
                    m.insert("scaled".into(), Value::Null);
                }
                Decodedvalue::Text(_) => {}
            }
            m.insert("text".into(), json!(d.shown()));
        }
        v
    }

    fn decoded(value: Decodedvalue, unit: &str, decimals: usize, mapped: bool) -> Decoded {
        Decoded {
            table: Table::Holding,
            addr: 4,
            name: "Gen \"L1\"\tvolts\u{1}".into(),
            group: "Gen \\ set".into(),
            unit: unit.into(),
            raw: crate::proto::map::Words::one(2301),
            value,
            decimals,
            mapped,
            alarm: Some(AlarmKind::Warning),
        }
    }

    /// The line written straight is the reference line, byte for byte, for every shape.
    #[test]
    fn the_written_change_line_is_the_reference_line() {
        let change = |table, new, old| Change {
            slave: 1,
            table,
            addr: 4,
            old,
            new,
        };
        let cases = [
            (
                change(Table::Holding, 2301, Some(2299)),
                Some(decoded(Decodedvalue::Number(230.1), "V", 1, true)),
            ),
            (
                change(Table::Holding, 2301, None),
                Some(decoded(Decodedvalue::Number(-0.123456), "", 3, true)),
            ),
            (
                change(Table::Holding, 5000, None),
                Some(decoded(Decodedvalue::Number(50.0), "Hz", 0, true)),
            ),
            (
                change(Table::Holding, 32766, Some(1)),
                Some(decoded(Decodedvalue::NoData, "kW", 1, true)),
            ),
            (
                change(Table::Coils, 1, Some(0)),
                Some(decoded(Decodedvalue::Bit(true), "", 0, true)),
            ),
            (
                change(Table::DiscreteInputs, 0, Some(1)),
                Some(decoded(Decodedvalue::Bit(false), "", 0, true)),
            ),
            (
                change(Table::Holding, 3, None),
                Some(decoded(
                    Decodedvalue::Text("Auto \"on\"\n".into()),
                    "",
                    0,
                    true,
                )),
            ),
            (
                change(Table::Input, 3, None),
                Some(decoded(Decodedvalue::Number(f64::NAN), "V", 1, true)),
            ),
            (
                change(Table::Input, 7, Some(9)),
                Some(decoded(Decodedvalue::Number(1.0), "V", 1, false)),
            ),
            (change(Table::Holding, 32766, None), None),
        ];
        for (c, d) in &cases {
            let mut line = Vec::new();
            write_change(&mut line, "HOST\"1", c, d.as_ref()).unwrap();
            let line = String::from_utf8(line).unwrap();
            assert_eq!(
                line,
                change_json("HOST\"1", c, d.as_ref()).to_string(),
                "{c:?}"
            );
        }
    }
}
