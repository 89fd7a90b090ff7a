//! Messages from the modem to the server.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::fields::{Fields, MessageError, parse_object};

/// Whether `key` has the shape of a modem's hostid (24 hex digits).
pub fn is_hostid(key: &str) -> bool {
    key.len() == 24 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The modem's `login` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Login {
    /// 24 hex digits on real units.
    pub hostid: String,
    /// Name set in the modem.
    pub hostname: String,
    /// Login password.
    pub password: String,
    /// GPS longitude, as sent.
    pub longitude: Option<String>,
    /// GPS latitude, as sent.
    pub latitude: Option<String>,
    /// 0 Baidu coordinates, 1 GPS.
    pub gpsen: Option<u8>,
    /// Altitude, as sent.
    pub altitude: Option<String>,
    /// Controller model the modem is set for (e.g. `HGM6120N`).
    pub moduletype: String,
    /// Modem port towards the controller (0 off, 1 LINK, 2 RS485, 3 RS232, 4 USB).
    pub module_port: Option<u8>,
    /// Modem baud (0 9600, 1 19200, 2 115200).
    pub module_baud: Option<u8>,
    /// Optional fields that were malformed and kept as text (or left out): never a reason to
    /// refuse a login.
    pub warnings: Vec<String>,
}

/// An optional text field of a login, whatever its JSON type: text as it is, a number as its
/// digits; anything else (an object, a list, true/false) kept as its JSON text with a warning.
fn lenient_text(p: &Fields<'_>, name: &'static str, warnings: &mut Vec<String>) -> Option<String> {
    match p.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            let text = other.to_string();
            warnings.push(format!(
                "field `{name}` should be text, got {text}: kept as text"
            ));
            Some(text)
        }
    }
}

/// An optional small number of a login; a malformed one is left out with a warning.
fn lenient_u8(p: &Fields<'_>, name: &'static str, warnings: &mut Vec<String>) -> Option<u8> {
    match p.opt_u8(name) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(format!("{e}: left out"));
            None
        }
    }
}

/// Alarm inputs the modem reports with `reqdatachange` (0/1 on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InputFlags {
    /// `AccessAlarm`.
    pub access_alarm: Option<bool>,
    /// `FireAlarm`.
    pub fire_alarm: Option<bool>,
    /// `AlarmInput`.
    pub alarm_input: Option<bool>,
    /// `InhbitRemote` (sic): remote control inhibited.
    pub inhibit_remote: Option<bool>,
}

impl InputFlags {
    /// The inputs' keys on the wire, in field order (the one list of them).
    pub const KEYS: [&'static str; 4] = ["AccessAlarm", "FireAlarm", "AlarmInput", "InhbitRemote"];

    /// Whether any flag is present.
    pub fn any(&self) -> bool {
        self.values().iter().any(Option::is_some)
    }

    /// The inputs, in [`InputFlags::KEYS`] order.
    pub fn values(&self) -> [Option<bool>; 4] {
        [
            self.access_alarm,
            self.fire_alarm,
            self.alarm_input,
            self.inhibit_remote,
        ]
    }

    /// Each input with its key, in [`InputFlags::KEYS`] order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Option<bool>)> {
        Self::KEYS.into_iter().zip(self.values())
    }

    /// The input at place `i` of [`InputFlags::KEYS`] (the last for any larger `i`).
    pub fn slot(&mut self, i: usize) -> &mut Option<bool> {
        match i {
            0 => &mut self.access_alarm,
            1 => &mut self.fire_alarm,
            2 => &mut self.alarm_input,
            _ => &mut self.inhibit_remote,
        }
    }

    /// Reads every input present, each with `read(key)`.
    pub fn read_each<E>(
        mut read: impl FnMut(&'static str) -> Result<Option<bool>, E>,
    ) -> Result<InputFlags, E> {
        let mut flags = InputFlags::default();
        for (i, key) in Self::KEYS.into_iter().enumerate() {
            *flags.slot(i) = read(key)?;
        }
        Ok(flags)
    }

    fn read(f: Fields<'_>) -> Result<InputFlags, MessageError> {
        Self::read_each(|k| f.opt_flag(k))
    }

    /// Each input as `self` has it, else as `other` has it.
    pub fn or(self, other: InputFlags) -> InputFlags {
        let mut out = self;
        for (i, v) in other.values().into_iter().enumerate() {
            let slot = out.slot(i);
            *slot = slot.or(v);
        }
        out
    }

    /// The inputs present, as the modem sends them (0/1), into `m`.
    pub fn write(&self, m: &mut Map<String, Value>) {
        for (k, v) in self.entries() {
            if let Some(v) = v {
                m.insert(k.into(), json!(u8::from(v)));
            }
        }
    }
}

/// One function table of a `reqdatachange`: start address and hex value pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeTable {
    /// Modbus function code (`01`, `03`, ...).
    pub function: u8,
    /// (start address, hex value) as sent.
    pub entries: Vec<(u16, String)>,
}

/// A `reqdatachange` upload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataChange {
    /// Sequence counter.
    pub packetnum: Option<u64>,
    /// Changed values by function code.
    pub tables: Vec<ChangeTable>,
    /// Alarm inputs of the modem.
    pub flags: InputFlags,
}

/// The payload of a `writeConfig` reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteReply {
    /// `"<frame hex>,1"` (accepted) or `",0"` (rejected).
    Frame {
        /// The frame that was written.
        frame: String,
        /// Whether the controller accepted it.
        ok: bool,
    },
    /// `modulePort`/`moduleBaud` echoed.
    Port {
        /// Port now set.
        module_port: Option<u8>,
        /// Baud now set.
        module_baud: Option<u8>,
    },
}

/// A message from the modem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uplink {
    /// `login` on the short connection.
    Login(Login),
    /// `LongCon`: opens the long connection.
    LongCon {
        /// Modem id.
        hostid: String,
    },
    /// `HB` heartbeat.
    Heartbeat {
        /// Modem id.
        hostid: String,
    },
    /// `reqdata`: one RTU response frame (hex) per `para_command` request, in order.
    ReqData {
        /// Modem id.
        hostid: String,
        /// Hex frames.
        frames: Vec<String>,
    },
    /// `reqdatachange`: changed values only.
    ReqDataChange {
        /// Modem id.
        hostid: String,
        /// The change.
        change: DataChange,
    },
    /// `timing`: asks for the time.
    Timing {
        /// Modem id.
        hostid: String,
    },
    /// Reply to a `writeConfig`.
    WriteConfigReply {
        /// Modem id.
        hostid: String,
        /// The uid of the command, if echoed.
        uid: Option<String>,
        /// What was done.
        reply: WriteReply,
    },
    /// Reply to a `reset`.
    ResetReply {
        /// Modem id.
        hostid: String,
    },
}

fn parse_hex_u16(key: &str) -> Option<u16> {
    u16::from_str_radix(key, 16).ok()
}

fn wrong(field: String, expected: &'static str, got: &Value) -> MessageError {
    MessageError::WrongType {
        field,
        expected,
        got: got.to_string().chars().take(40).collect(),
    }
}

/// Moves the `address: value` pairs of one function table into `entries`.
fn read_pairs(
    key: &str,
    item: Value,
    entries: &mut Vec<(u16, String)>,
) -> Result<(), MessageError> {
    let Value::Object(pairs) = item else {
        return Err(wrong(
            format!("params.{key}"),
            "objects of address: value",
            &item,
        ));
    };
    for (addr, v) in pairs {
        match (parse_hex_u16(&addr), v) {
            (Some(a), Value::String(hex)) => entries.push((a, hex)),
            (_, v) => {
                let what = "a 4-hex-digit address with a hex string value";
                return Err(wrong(format!("params.{key}.{addr}"), what, &v));
            }
        }
    }
    Ok(())
}

/// Reads `reqdatachange` params, taking the strings out of the parsed tree instead of
/// copying them.
fn read_change(params: Value, outer: Fields<'_>) -> Result<DataChange, MessageError> {
    let Value::Object(map) = params else {
        return Err(wrong("params".into(), "an object", &params));
    };
    let f = Fields(&map);
    let packetnum = f.opt_u64("packetnum")?;
    let flags = InputFlags::read(f)?.or(InputFlags::read(outer)?);
    let mut change = DataChange {
        packetnum,
        tables: Vec::new(),
        flags,
    };
    for (key, value) in map {
        if key.len() != 2 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let function = u8::from_str_radix(&key, 16).unwrap_or(0);
        let mut entries = Vec::new();
        match value {
            Value::Array(items) => {
                entries.reserve(items.len());
                for item in items {
                    read_pairs(&key, item, &mut entries)?;
                }
            }
            other => read_pairs(&key, other, &mut entries)?,
        }
        change.tables.push(ChangeTable { function, entries });
    }
    Ok(change)
}

impl Uplink {
    /// The modem id the message carries.
    pub fn hostid(&self) -> &str {
        match self {
            Uplink::Login(l) => &l.hostid,
            Uplink::LongCon { hostid }
            | Uplink::Heartbeat { hostid }
            | Uplink::ReqData { hostid, .. }
            | Uplink::ReqDataChange { hostid, .. }
            | Uplink::Timing { hostid }
            | Uplink::WriteConfigReply { hostid, .. }
            | Uplink::ResetReply { hostid } => hostid,
        }
    }

    /// The method name as emitted.
    pub fn method(&self) -> &'static str {
        match self {
            Uplink::Login(_) => "login",
            Uplink::LongCon { .. } => "LongCon",
            Uplink::Heartbeat { .. } => "HB",
            Uplink::ReqData { .. } => "reqdata",
            Uplink::ReqDataChange { .. } => "reqdatachange",
            Uplink::Timing { .. } => "timing",
            Uplink::WriteConfigReply { .. } => "writeConfig",
            Uplink::ResetReply { .. } => "reset",
        }
    }

    /// Reads one message (leniently).
    pub fn parse(bytes: &[u8]) -> Result<Uplink, MessageError> {
        if let Some(m) = super::uplink_fast::parse(bytes) {
            return Ok(m);
        }
        Self::parse_lenient(bytes)
    }

    /// Reads one message the lenient way only (what [`Uplink::parse`] falls back to).
    pub fn parse_lenient(bytes: &[u8]) -> Result<Uplink, MessageError> {
        Self::from_object(parse_object(bytes)?)
    }

    /// Reads one message from a parsed object (consumed: its strings move into the message).
    pub fn from_object(mut map: Map<String, Value>) -> Result<Uplink, MessageError> {
        let f = Fields(&map);
        let method = f.method()?;
        let m = method.to_ascii_lowercase();
        if m == "login" {
            let p = match f.get("params") {
                Some(Value::Object(p)) => Fields(p),
                Some(_) => {
                    return Err(MessageError::WrongType {
                        field: "params".into(),
                        expected: "an object",
                        got: "something else".into(),
                    });
                }
                None => return Err(MessageError::Missing("params")),
            };
            let mut w = Vec::new();
            return Ok(Uplink::Login(Login {
                hostid: p.str("hostid")?,
                hostname: lenient_text(&p, "hostname", &mut w).unwrap_or_default(),
                password: lenient_text(&p, "password", &mut w).unwrap_or_default(),
                longitude: lenient_text(&p, "longitude", &mut w),
                latitude: lenient_text(&p, "latitude", &mut w),
                gpsen: lenient_u8(&p, "gpsen", &mut w),
                altitude: lenient_text(&p, "altitude", &mut w),
                moduletype: lenient_text(&p, "moduletype", &mut w).unwrap_or_default(),
                module_port: lenient_u8(&p, "modulePort", &mut w),
                module_baud: lenient_u8(&p, "moduleBaud", &mut w),
                warnings: w,
            }));
        }
        let hostid = f.str("hostid")?;
        Ok(match m.as_str() {
            "longcon" => Uplink::LongCon { hostid },
            "hb" => Uplink::Heartbeat { hostid },
            "timing" => Uplink::Timing { hostid },
            "reset" => Uplink::ResetReply { hostid },
            "reqdata" => {
                // An empty frame keeps its slot: frame i always answers request i.
                let params = f.opt_str("params")?.unwrap_or_default();
                let mut frames: Vec<String> =
                    params.split(';').map(|s| s.trim().to_string()).collect();
                // A trailing `;` (or no frames at all) is no slot.
                if frames.last().is_some_and(String::is_empty) {
                    frames.pop();
                }
                Uplink::ReqData { hostid, frames }
            }
            "reqdatachange" => {
                let key = map
                    .keys()
                    .find(|k| k.eq_ignore_ascii_case("params"))
                    .cloned()
                    .ok_or(MessageError::Missing("params"))?;
                let params = map.remove(&key).unwrap_or(Value::Null);
                Uplink::ReqDataChange {
                    hostid,
                    change: read_change(params, Fields(&map))?,
                }
            }
            "writeconfig" => {
                let uid = f.opt_str("uid")?;
                let reply = match f.opt_str("params")? {
                    Some(p) if !p.is_empty() => {
                        let (frame, status) = p.rsplit_once(',').unwrap_or((p.as_str(), ""));
                        WriteReply::Frame {
                            frame: frame.trim().to_ascii_uppercase(),
                            ok: status.trim() == "1",
                        }
                    }
                    _ => WriteReply::Port {
                        module_port: f.opt_u8("modulePort")?,
                        module_baud: f.opt_u8("moduleBaud")?,
                    },
                };
                Uplink::WriteConfigReply { hostid, uid, reply }
            }
            _ => return Err(MessageError::UnknownMethod(method)),
        })
    }

    /// Writes the message the way a modem does (compact JSON).
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Simple<'a> {
            method: &'a str,
            hostid: &'a str,
        }
        let value = match self {
            Uplink::Login(l) => {
                let mut p = Map::new();
                p.insert("hostid".into(), json!(l.hostid));
                p.insert("hostname".into(), json!(l.hostname));
                p.insert("password".into(), json!(l.password));
                for (k, v) in [
                    ("longitude", &l.longitude),
                    ("latitude", &l.latitude),
                    ("altitude", &l.altitude),
                ] {
                    if let Some(v) = v {
                        p.insert(k.into(), json!(v));
                    }
                }
                if let Some(g) = l.gpsen {
                    p.insert("gpsen".into(), json!(g));
                }
                p.insert("moduletype".into(), json!(l.moduletype));
                if let Some(v) = l.module_port {
                    p.insert("modulePort".into(), json!(v));
                }
                if let Some(v) = l.module_baud {
                    p.insert("moduleBaud".into(), json!(v));
                }
                json!({"method": "login", "params": p})
            }
            Uplink::LongCon { hostid }
            | Uplink::Timing { hostid }
            | Uplink::ResetReply { hostid } => {
                return serde_json::to_string(&Simple {
                    method: self.method(),
                    hostid,
                })
                .unwrap_or_default();
            }
            Uplink::Heartbeat { hostid } => json!({"method": "HB", "hostid": hostid, "params": ""}),
            Uplink::ReqData { hostid, frames } => {
                json!({"method": "reqdata", "params": frames.join(";"), "hostid": hostid})
            }
            Uplink::ReqDataChange { hostid, change } => {
                let mut p = Map::new();
                if let Some(n) = change.packetnum {
                    p.insert("packetnum".into(), json!(n));
                }
                for t in &change.tables {
                    let items: Vec<Value> = t
                        .entries
                        .iter()
                        .map(|(a, v)| json!({ format!("{a:04X}"): v }))
                        .collect();
                    p.insert(format!("{:02X}", t.function), Value::Array(items));
                }
                change.flags.write(&mut p);
                json!({"method": "reqdatachange", "params": p, "hostid": hostid})
            }
            Uplink::WriteConfigReply { hostid, uid, reply } => {
                let mut m = Map::new();
                m.insert("method".into(), json!("writeConfig"));
                match reply {
                    WriteReply::Frame { frame, ok } => {
                        m.insert("params".into(), json!(format!("{frame},{}", u8::from(*ok))));
                    }
                    WriteReply::Port {
                        module_port,
                        module_baud,
                    } => {
                        m.insert("modulePort".into(), json!(module_port));
                        m.insert("moduleBaud".into(), json!(module_baud));
                    }
                }
                m.insert("hostid".into(), json!(hostid));
                if let Some(uid) = uid {
                    m.insert("uid".into(), json!(uid));
                }
                Value::Object(m)
            }
        };
        value.to_string()
    }
}
