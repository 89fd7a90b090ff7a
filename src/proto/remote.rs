//! The raw register image of one modem as the MQTT bridge publishes it on
//! `PREFIX/HOSTID/registers` (retained), and as an app attached to the broker reads it back.
//!
//! The state topic carries decoded values for dashboards; this one carries the raw words, so
//! that a remote app decodes them with its own maps exactly as if the modem were its own, and
//! a freshly attached app gets the whole image at once from the retained message.
//!
//! ```json
//! {"hostid":"H","name":"Site 1","model":"HGM6120N","time":"2026-12-01T10:00:00+00:00",
//!  "commands":true,"bridge":"cmmctl-site-7001","flags":{"InhbitRemote":0},
//!  "blocks":[{"slave":1,"table":"coils","addr":0,"values":[0,1]},
//!            {"slave":1,"table":"holding","addr":100,"values":[2301,2299]}]}
//! ```
//!
//! Blocks are the contiguous runs of known addresses; bits are 0/1.

use serde_json::{Map, Value, json};

use super::image::RegisterImage;
use super::rtu::{Block, BlockValues, Table};
use super::uplink::InputFlags;

/// Largest message read back (a full image of a big controller is a few tens of kB).
pub const MAX_LEN: usize = 1 << 20;

/// One `registers` message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Registers {
    /// Modem id.
    pub hostid: String,
    /// Name from its login.
    pub name: String,
    /// Controller model from its login.
    pub model: String,
    /// When the upload reached the bridge (RFC 3339).
    pub time: String,
    /// Whether the bridge takes commands for it (`--mqtt-commands`).
    pub commands: bool,
    /// The bridge's id (its topics are `PREFIX/bridge/ID/...`).
    pub bridge: String,
    /// The modem's alarm inputs, as last reported.
    pub flags: InputFlags,
    /// The image, as runs of contiguous addresses.
    pub blocks: Vec<Block>,
}

/// Why a `registers` message could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoteError {
    /// Not JSON, or not an object.
    #[error("{}", t!("not a JSON object: { $reason }", reason = .0.as_str()))]
    Json(String),
    /// Larger than [`MAX_LEN`].
    #[error("{}", t!("{ $len } bytes, over the { $max } byte limit", len = .0.to_string(), max = MAX_LEN.to_string()))]
    TooLong(usize),
    /// A field missing or of the wrong type.
    #[error("field {field}: {what}")]
    Field {
        /// Which.
        field: String,
        /// What is wrong.
        what: String,
    },
}

fn table_of(name: &str) -> Option<Table> {
    [
        Table::Coils,
        Table::DiscreteInputs,
        Table::Holding,
        Table::Input,
    ]
    .into_iter()
    .find(|t| t.name() == name)
}

/// The image as runs of contiguous addresses, per slave and table.
pub fn blocks_of(image: &RegisterImage) -> Vec<Block> {
    let mut out = Vec::new();
    for (&(slave, table), values) in image.tables() {
        let mut run: Option<(u16, Vec<u16>)> = None;
        let mut flush = |run: Option<(u16, Vec<u16>)>| {
            if let Some((addr, v)) = run {
                let values = if table.is_bits() {
                    BlockValues::Bits(v.iter().map(|&b| b != 0).collect())
                } else {
                    BlockValues::Registers(v)
                };
                out.push(Block {
                    slave,
                    table,
                    addr,
                    values,
                });
            }
        };
        for (addr, v) in values.iter() {
            match &mut run {
                Some((start, vals))
                    if usize::from(*start) + vals.len() == usize::from(addr)
                        && vals.len() < 2000 =>
                {
                    vals.push(v)
                }
                _ => {
                    flush(run.take());
                    run = Some((addr, vec![v]));
                }
            }
        }
        flush(run);
    }
    out
}

impl Registers {
    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        let mut flags = Map::new();
        self.flags.write(&mut flags);
        let blocks: Vec<Value> = self
            .blocks
            .iter()
            .map(|b| {
                let values: Vec<u16> = match &b.values {
                    BlockValues::Bits(bits) => bits.iter().map(|&x| u16::from(x)).collect(),
                    BlockValues::Registers(r) => r.clone(),
                };
                json!({"slave": b.slave, "table": b.table.name(), "addr": b.addr, "values": values})
            })
            .collect();
        json!({
            "hostid": self.hostid, "name": self.name, "model": self.model, "time": self.time,
            "commands": self.commands, "bridge": self.bridge, "flags": flags, "blocks": blocks,
        })
        .to_string()
    }

    /// Reads a message back; anything out of shape is an error naming the field.
    pub fn parse(bytes: &[u8]) -> Result<Registers, RemoteError> {
        if bytes.len() > MAX_LEN {
            return Err(RemoteError::TooLong(bytes.len()));
        }
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| RemoteError::Json(e.to_string()))?;
        let o = v
            .as_object()
            .ok_or_else(|| RemoteError::Json("not an object".into()))?;
        let bad = |field: &str, what: &str| RemoteError::Field {
            field: field.into(),
            what: what.into(),
        };
        let text = |k: &str| -> Result<String, RemoteError> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(bad(k, "not a string")),
            }
        };
        let hostid = text("hostid")?;
        if hostid.is_empty() {
            return Err(bad("hostid", "missing"));
        }
        let mut flags = InputFlags::default();
        if let Some(f) = o.get("flags") {
            let f = f.as_object().ok_or_else(|| bad("flags", "not an object"))?;
            let flag = |k: &str| -> Result<Option<bool>, RemoteError> {
                match f.get(k) {
                    None => Ok(None),
                    Some(Value::Bool(b)) => Ok(Some(*b)),
                    Some(v) => match v.as_u64() {
                        Some(0) => Ok(Some(false)),
                        Some(1) => Ok(Some(true)),
                        _ => Err(bad(&format!("flags.{k}"), "not 0 or 1")),
                    },
                }
            };
            flags = InputFlags::read_each(flag)?;
        }
        let mut blocks = Vec::new();
        let list = match o.get("blocks") {
            None => &Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => return Err(bad("blocks", "not a list")),
        };
        for (i, b) in list.iter().enumerate() {
            let field = |k: &str| format!("blocks[{i}].{k}");
            let b = b
                .as_object()
                .ok_or_else(|| bad(&format!("blocks[{i}]"), "not an object"))?;
            let num = |k: &str, max: u64| -> Result<u64, RemoteError> {
                b.get(k)
                    .and_then(Value::as_u64)
                    .filter(|&n| n <= max)
                    .ok_or_else(|| bad(&field(k), &format!("not a number from 0 to {max}")))
            };
            let slave = num("slave", 247)? as u8;
            let addr = num("addr", 65535)? as u16;
            let table = b
                .get("table")
                .and_then(Value::as_str)
                .and_then(table_of)
                .ok_or_else(|| {
                    bad(
                        &field("table"),
                        "not one of coils, discrete_inputs, holding, input",
                    )
                })?;
            let raw = b
                .get("values")
                .and_then(Value::as_array)
                .ok_or_else(|| bad(&field("values"), "not a list"))?;
            if usize::from(addr) + raw.len() > 65536 {
                return Err(bad(&field("values"), "runs past address 65535"));
            }
            let limit = if table.is_bits() { 1 } else { 65535 };
            let mut words = Vec::with_capacity(raw.len());
            for w in raw {
                let w = w.as_u64().filter(|&n| n <= limit).ok_or_else(|| {
                    bad(&field("values"), &format!("a value not from 0 to {limit}"))
                })?;
                words.push(w as u16);
            }
            let values = if table.is_bits() {
                BlockValues::Bits(words.iter().map(|&w| w != 0).collect())
            } else {
                BlockValues::Registers(words)
            };
            blocks.push(Block {
                slave,
                table,
                addr,
                values,
            });
        }
        Ok(Registers {
            hostid,
            name: text("name")?,
            model: text("model")?,
            time: text("time")?,
            commands: o.get("commands").and_then(Value::as_bool).unwrap_or(false),
            bridge: text("bridge")?,
            flags,
            blocks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image() -> RegisterImage {
        let mut img = RegisterImage::default();
        for b in [
            Block {
                slave: 1,
                table: Table::Coils,
                addr: 0,
                values: BlockValues::Bits(vec![false, true, true]),
            },
            Block {
                slave: 1,
                table: Table::Holding,
                addr: 100,
                values: BlockValues::Registers(vec![2301, 2299]),
            },
            Block {
                slave: 1,
                table: Table::Holding,
                addr: 200,
                values: BlockValues::Registers(vec![7]),
            },
        ] {
            img.apply_block(&b);
        }
        img
    }

    #[test]
    fn an_image_goes_out_as_runs_and_comes_back_the_same() {
        let blocks = blocks_of(&image());
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[1].addr, 100);
        assert_eq!(blocks[1].values, BlockValues::Registers(vec![2301, 2299]));
        let m = Registers {
            hostid: "H1".into(),
            name: "Site 1".into(),
            model: "HGM6120N".into(),
            time: "2026-12-01T10:00:00+00:00".into(),
            commands: true,
            bridge: "b1".into(),
            flags: InputFlags {
                inhibit_remote: Some(false),
                ..Default::default()
            },
            blocks,
        };
        let text = m.to_json();
        assert!(
            text.contains(r#""table":"coils","addr":0,"values":[0,1,1]"#),
            "{text}"
        );
        let back = Registers::parse(text.as_bytes()).unwrap();
        assert_eq!(back, m);
        let mut img = RegisterImage::default();
        for b in &back.blocks {
            img.apply_block(b);
        }
        assert_eq!(img.get(1, Table::Holding, 101), Some(2299));
        assert_eq!(img.get(1, Table::Coils, 2), Some(1));
    }

    #[test]
    fn bad_messages_name_the_field() {
        for (text, want) in [
            ("nope", "not a JSON object"),
            ("[1]", "not an object"),
            (r#"{"name":"x"}"#, "hostid"),
            (r#"{"hostid":"H","blocks":{}}"#, "blocks"),
            (
                r#"{"hostid":"H","blocks":[{"slave":1,"table":"x","addr":0,"values":[]}]}"#,
                "blocks[0].table",
            ),
            (
                r#"{"hostid":"H","blocks":[{"slave":1,"table":"coils","addr":0,"values":[2]}]}"#,
                "blocks[0].values",
            ),
            (
                r#"{"hostid":"H","blocks":[{"slave":1,"table":"holding","addr":65535,"values":[1,2]}]}"#,
                "past address",
            ),
            (
                r#"{"hostid":"H","blocks":[{"slave":300,"table":"holding","addr":0,"values":[]}]}"#,
                "blocks[0].slave",
            ),
            (
                r#"{"hostid":"H","flags":{"InhbitRemote":5}}"#,
                "flags.InhbitRemote",
            ),
        ] {
            let e = Registers::parse(text.as_bytes()).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let long = vec![b' '; MAX_LEN + 1];
        assert!(matches!(
            Registers::parse(&long),
            Err(RemoteError::TooLong(_))
        ));
    }
}
