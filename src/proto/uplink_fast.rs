//! The short way for the uploads that make up nearly all traffic (`reqdatachange`, `HB`,
//! `LongCon`): read straight from the bytes into an [`Uplink`], without building a
//! `serde_json::Value` tree first.
//!
//! It takes only the plain shape modems send: the exact key spellings, each key once, the
//! exact value types. For anything else it returns `None` and the lenient reader
//! ([`Uplink::parse`]: any key case, misspellings, numbers as strings, trailing commas) reads
//! the message, so what it returns is always what the lenient reader returns (the fuzz target
//! `uplink_short_way` checks this on edits of the field frames).

use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::uplink::{ChangeTable, DataChange, InputFlags, Uplink};

/// Reads `bytes` (one JSON object) the short way; `None` when it is not of the plain shape.
pub fn parse(bytes: &[u8]) -> Option<Uplink> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let top = de.deserialize_map(TopVisitor).ok()?;
    de.end().ok()?;
    let hostid = top.hostid?;
    match top.method? {
        Method::Change => {
            let (mut change, flags) = top.params?;
            change.flags = flags.or(top.flags);
            Some(Uplink::ReqDataChange { hostid, change })
        }
        // The lenient reader ignores what else they carry; so does this, as long as it is of
        // the plain shape.
        Method::Heartbeat => Some(Uplink::Heartbeat { hostid }),
        Method::LongCon => Some(Uplink::LongCon { hostid }),
    }
}

enum Method {
    Change,
    Heartbeat,
    LongCon,
}

/// Any error: the short way gives up and the lenient reader takes over.
fn give_up<E: de::Error>() -> E {
    E::custom("not the plain shape")
}

/// Keys seen in one object, as bits (keys by number, function codes by code); a key seen
/// twice gives up (the lenient reader keeps the last value at the first one's place).
#[derive(Default)]
struct Seen([u64; 4]);

impl Seen {
    fn once<E: de::Error>(&mut self, bit: u8) -> Result<(), E> {
        let (word, mask) = (usize::from(bit / 64), 1u64 << (bit % 64));
        if self.0[word] & mask != 0 {
            return Err(give_up());
        }
        self.0[word] |= mask;
        Ok(())
    }
}

/// Reads the value of `key` if it is one of the alarm inputs into `flags`, once (its bit in
/// `seen` is `first_bit` plus its place in [`InputFlags::KEYS`]); `Ok(false)` if it is not one.
fn read_flag<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    seen: &mut Seen,
    first_bit: u8,
    flags: &mut InputFlags,
) -> Result<bool, A::Error> {
    let Some(i) = InputFlags::KEYS.iter().position(|f| *f == key) else {
        return Ok(false);
    };
    seen.once(first_bit + i as u8)?;
    let on = map.next_value_seed(FlagSeed)?;
    *flags.slot(i) = Some(on);
    Ok(true)
}

#[derive(Default)]
struct Top {
    method: Option<Method>,
    hostid: Option<String>,
    params: Option<(DataChange, InputFlags)>,
    flags: InputFlags,
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an upload")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let mut top = Top::default();
        let mut seen = Seen::default();
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "method" => {
                    seen.once(0)?;
                    let m: &'de str = map.next_value()?;
                    top.method = Some(if m.eq_ignore_ascii_case("reqdatachange") {
                        Method::Change
                    } else if m.eq_ignore_ascii_case("hb") {
                        Method::Heartbeat
                    } else if m.eq_ignore_ascii_case("longcon") {
                        Method::LongCon
                    } else {
                        return Err(give_up());
                    });
                }
                "hostid" => {
                    seen.once(1)?;
                    top.hostid = Some(map.next_value()?);
                }
                "params" => {
                    seen.once(2)?;
                    top.params = Some(map.next_value_seed(ParamsSeed)?);
                }
                // Read by the lenient reader only inside `params`; here it is ignored.
                "packetnum" => {
                    seen.once(3)?;
                    map.next_value::<u64>()?;
                }
                _ => {
                    if !read_flag(&mut map, key, &mut seen, 4, &mut top.flags)? {
                        return Err(give_up());
                    }
                }
            }
        }
        Ok(top)
    }
}

/// A 0/1 (any unsigned number: not 0 is on) or `true`/`false` flag.
struct FlagSeed;

impl<'de> DeserializeSeed<'de> for FlagSeed {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FlagSeed {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a flag")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<bool, E> {
        Ok(b)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<bool, E> {
        Ok(n != 0)
    }
}

/// The params of a `reqdatachange`: its tables, and its own flags.
struct ParamsSeed;

impl<'de> DeserializeSeed<'de> for ParamsSeed {
    type Value = (DataChange, InputFlags);
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ParamsSeed {
    type Value = (DataChange, InputFlags);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("reqdatachange params")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut change = DataChange::default();
        let mut flags = InputFlags::default();
        let mut seen = Seen::default();
        // Function codes seen ("03" and "3" are different keys to the lenient reader; the
        // same code twice gives up either way).
        let mut functions = Seen::default();
        while let Some(key) = map.next_key::<&'de str>()? {
            if key == "packetnum" {
                seen.once(0)?;
                change.packetnum = Some(map.next_value::<u64>()?);
            } else if read_flag(&mut map, key, &mut seen, 1, &mut flags)? {
                // An alarm input of the params, read.
            } else if key.len() == 2 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
                let function = u8::from_str_radix(key, 16).map_err(|_| give_up())?;
                functions.once(function)?;
                let mut entries = Vec::new();
                map.next_value_seed(TableSeed(&mut entries))?;
                change.tables.push(ChangeTable { function, entries });
            } else {
                return Err(give_up());
            }
        }
        Ok((change, flags))
    }
}

/// One function's values: an array of `{address: hex}` objects, or one such object.
struct TableSeed<'e>(&'e mut Vec<(u16, String)>);

impl<'de> DeserializeSeed<'de> for TableSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TableSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("objects of address: value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(n) = seq.size_hint() {
            self.0.reserve(n);
        }
        while seq.next_element_seed(PairsSeed(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        PairsSeed(self.0).visit_map(map)
    }
}

/// One `{address: hex, ...}` object.
struct PairsSeed<'e>(&'e mut Vec<(u16, String)>);

impl<'de> DeserializeSeed<'de> for PairsSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PairsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("address: value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let start = self.0.len();
        while let Some(key) = map.next_key::<&'de str>()? {
            let addr = u16::from_str_radix(key, 16).map_err(|_| give_up())?;
            // The same key twice in one object: the lenient reader keeps one of them. (The
            // same address written two ways gives up too.)
            if self.0[start..].iter().any(|(a, _)| *a == addr) {
                return Err(give_up());
            }
            let hex: String = map.next_value()?;
            self.0.push((addr, hex));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Option<Uplink>, Result<Uplink, crate::proto::MessageError>) {
        (parse(text.as_bytes()), Uplink::parse(text.as_bytes()))
    }

    #[test]
    fn the_plain_uploads_read_as_the_lenient_reader_reads_them() {
        for text in [
            r#"{"method":"reqdatachange","params":{"03":[{"0000":"00E6"},{"0001":"00E7"}],"01":[{"0029":"1"}]},"hostid":"3130373031334717003D002E","packetnum":7,"InhbitRemote":0,"AccessAlarm":1}"#,
            r#"{"method":"reqdatachange","params":{"packetnum":2,"03":[{"0000":"00EF"},{"0007":"00E70032"}],"01":{"0000":"0805","0010":"01"},"FireAlarm":true},"hostid":"A"}"#,
            r#" { "hostid" : "A\u0042" , "method" : "reqdatachange" , "params" : { "04" : [ ] } } "#,
            r#"{"method":"HB","hostid":"3130373031334717003D002E"}"#,
            r#"{"method":"hb","hostid":""}"#,
            r#"{"method":"LongCon","hostid":"X"}"#,
        ] {
            let (fast, slow) = both(text);
            assert!(fast.is_some(), "{text}");
            assert_eq!(fast, slow.ok(), "{text}");
        }
        let (fast, _) = both(
            r#"{"method":"reqdatachange","params":{"packetnum":9,"03":[{"0002":"0001"}],"AlarmInput":1},"hostid":"H","AlarmInput":0,"FireAlarm":1}"#,
        );
        let Some(Uplink::ReqDataChange { hostid, change }) = fast else {
            panic!("not a change: {fast:?}");
        };
        assert_eq!(hostid, "H");
        assert_eq!(change.packetnum, Some(9));
        assert_eq!(change.tables[0].entries, vec![(2, "0001".to_string())]);
        // The params' own flag wins over the outer one; an outer one alone still counts.
        assert_eq!(change.flags.alarm_input, Some(true));
        assert_eq!(change.flags.fire_alarm, Some(true));
    }

    #[test]
    fn anything_else_is_left_to_the_lenient_reader() {
        for text in [
            // Other methods, other spellings, other types.
            r#"{"method":"login","params":{"hostid":"A"}}"#,
            r#"{"method":"reqdata","hostid":"A","params":"0103020102F1D4"}"#,
            r#"{"Method":"HB","hostid":"A"}"#,
            r#"{"method":"HB","hosted":"A"}"#,
            r#"{"method":"HB","hostid":7}"#,
            r#"{"method":"H\u0042","hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"packetnum":"7","03":[]},"hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"03":[{"0000":"00E6"}],"AccessAlarm":"1"},"hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"03":[{"0000":"00E6"}],"AccessAlarm":null},"hostid":"A"}"#,
            // Keys twice.
            r#"{"method":"HB","hostid":"A","hostid":"B"}"#,
            r#"{"method":"reqdatachange","params":{"03":[{"0000":"00E6","0000":"00E7"}]},"hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"03":[],"03":[]},"hostid":"A"}"#,
            // Trailing commas, missing parts, bad values.
            r#"{"method":"HB","hostid":"A",}"#,
            r#"{"method":"reqdatachange","hostid":"A"}"#,
            r#"{"method":"HB"}"#,
            r#"{"method":"reqdatachange","params":{"03":[{"000G":"00E6"}]},"hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"03":[{"0000":230}]},"hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"03":["00E6"]},"hostid":"A"}"#,
            r#"{"method":"reqdatachange","params":{"03":[],"extra":1},"hostid":"A"}"#,
            r#"{"method":"HB","hostid":"A"} x"#,
            r#"[1]"#,
        ] {
            assert_eq!(parse(text.as_bytes()), None, "{text}");
        }
        // What the short way leaves is still read, the lenient way.
        let (_, slow) = both(r#"{"method":"HB","hostid":"A",}"#);
        assert_eq!(slow, Ok(Uplink::Heartbeat { hostid: "A".into() }));
    }
}
