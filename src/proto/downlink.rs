//! Messages from the server to the modem.

use serde_json::{Map, Value, json};

use super::fields::{Fields, MessageError, parse_object};

/// `retcode` for success.
pub const RETCODE_OK: &str = "000000";
/// `retcode` for a refused login (unknown hostid or wrong password); our choice, see docs/protocol.md, "Return codes".
pub const RETCODE_REFUSED: &str = "000001";
/// `retcode` for a malformed request; our choice, see docs/protocol.md, "Return codes".
pub const RETCODE_MALFORMED: &str = "000002";

/// The `result` of a login reply.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoginReply {
    /// Whether the modem is accepted.
    pub register: bool,
    /// `retcode` of the reply.
    pub retcode: String,
    /// `historic`: `ip:port` for history uploads.
    pub historic: String,
    /// `liveData`: `ip:port` of the long connection.
    pub live_data: String,
    /// `realTime`: Unix seconds as a string.
    pub real_time: String,
    /// `;`-separated hex RTU requests the modem polls.
    pub para_command: String,
    /// `;`-separated hex RTU requests for configuration.
    pub con_command: String,
    /// Upload period while a client watches, ms.
    pub online_rate: u32,
    /// Upload period otherwise, ms.
    pub offline_rate: u32,
    /// 0 changes only, 1 full.
    pub data_mode: u8,
    /// Controller model.
    pub moduletype: String,
    /// Modem port towards the controller, echoed from the login (`None`: the login did not
    /// give it, and the reply leaves it out rather than assert a port).
    pub module_port: Option<u8>,
    /// Modem baud index, likewise.
    pub module_baud: Option<u8>,
}

/// A message from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Downlink {
    /// Reply to `login`.
    LoginReply(LoginReply),
    /// `{"method":..,"message":..,"retcode":..}`: the reply to `LongCon`, `HB` and data uploads,
    /// and to malformed requests (with a non-zero retcode).
    Ack {
        /// Method answered (`LongCon`, `HB`, `reqdata`, ...).
        method: String,
        /// `OK` or what was wrong.
        message: String,
        /// `000000` on success.
        retcode: String,
    },
    /// Reply to `timing`: UTC milliseconds since the epoch.
    TimingReply {
        /// Milliseconds.
        millis: i64,
    },
    /// `writeConfig` carrying one RTU frame.
    WriteFrame {
        /// Hex frame, CRC included.
        frame: String,
        /// Command id, echoed by the modem.
        uid: String,
    },
    /// `writeConfig` setting the modem's own serial port.
    WritePort {
        /// 0 off, 1 LINK, 2 RS485, 3 RS232, 4 USB.
        module_port: u8,
        /// 0 9600, 1 19200, 2 115200.
        module_baud: u8,
        /// Command id.
        uid: String,
    },
    /// `reset`: the modem restarts its registration.
    Reset,
}

impl Downlink {
    /// A successful acknowledgement of `method`.
    pub fn ok(method: &str) -> Downlink {
        Downlink::Ack {
            method: method.into(),
            message: "OK".into(),
            retcode: RETCODE_OK.into(),
        }
    }

    /// The method name as emitted.
    pub fn method(&self) -> &str {
        match self {
            Downlink::LoginReply(_) => "login",
            Downlink::Ack { method, .. } => method,
            Downlink::TimingReply { .. } => "timing",
            Downlink::WriteFrame { .. } | Downlink::WritePort { .. } => "writeConfig",
            Downlink::Reset => "reset",
        }
    }

    /// Writes the plain ack of `method` ([`Downlink::ok`]) without building it first: it
    /// answers nearly every upload.
    pub fn write_ok(method: &str, out: &mut Vec<u8>) {
        write_ack(method, "OK", RETCODE_OK, out);
    }

    /// Writes the message (compact JSON, exact spellings, documented key order).
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(64);
        self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }

    /// Appends [`Downlink::to_json`]'s text to `out`. The ack, sent for almost every message,
    /// is written straight in; the rest through `serde_json`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        if let Downlink::Ack {
            method,
            message,
            retcode,
        } = self
        {
            return write_ack(method, message, retcode, out);
        }
        let _ = serde_json::to_writer(out, &self.value());
    }

    fn value(&self) -> Value {
        match self {
            Downlink::LoginReply(r) => {
                let mut result = json!({
                    "register": u8::from(r.register),
                    "historic": r.historic,
                    "liveData": r.live_data,
                    "realTime": r.real_time,
                    "para_command": r.para_command,
                    "con_command": r.con_command,
                    "online_rate": r.online_rate,
                    "offline_rate": r.offline_rate,
                    "data_mode": r.data_mode,
                    "moduletype": r.moduletype,
                });
                if let Some(o) = result.as_object_mut() {
                    if let Some(p) = r.module_port {
                        o.insert("modulePort".into(), json!(p));
                    }
                    if let Some(b) = r.module_baud {
                        o.insert("moduleBaud".into(), json!(b));
                    }
                }
                json!({"method": "login", "result": result, "retcode": r.retcode})
            }
            Downlink::Ack {
                method,
                message,
                retcode,
            } => json!({"method": method, "message": message, "retcode": retcode}),
            Downlink::TimingReply { millis } => json!({
                "method": "timing", "message": "ok", "retcode": RETCODE_OK,
                "result": millis.to_string(),
            }),
            Downlink::WriteFrame { frame, uid } => json!({
                "method": "writeConfig", "result": frame, "datatype": 1, "uid": uid,
            }),
            Downlink::WritePort {
                module_port,
                module_baud,
                uid,
            } => json!({
                "method": "writeConfig", "modulePort": module_port, "moduleBaud": module_baud,
                "datatype": 1, "uid": uid,
            }),
            Downlink::Reset => json!({"method": "reset", "message": "ok", "retcode": RETCODE_OK}),
        }
    }

    /// Reads one message (leniently), as a modem would.
    pub fn parse(bytes: &[u8]) -> Result<Downlink, MessageError> {
        let map = parse_object(bytes)?;
        Self::from_object(&map)
    }

    /// Reads one message from a parsed object.
    pub fn from_object(map: &Map<String, Value>) -> Result<Downlink, MessageError> {
        let f = Fields(map);
        let method = f.method()?;
        let retcode = f.opt_str("retcode")?.unwrap_or_default();
        Ok(match method.to_ascii_lowercase().as_str() {
            "login" => {
                let r = match f.get("result") {
                    Some(Value::Object(r)) => Fields(r),
                    _ => return Err(MessageError::Missing("result")),
                };
                let num = |name: &'static str| -> Result<u64, MessageError> {
                    Ok(r.opt_u64(name)?.unwrap_or(0))
                };
                Downlink::LoginReply(LoginReply {
                    register: num("register")? == 1,
                    retcode,
                    historic: r.opt_str("historic")?.unwrap_or_default(),
                    live_data: r.opt_str("liveData")?.unwrap_or_default(),
                    real_time: r.opt_str("realTime")?.unwrap_or_default(),
                    para_command: r.opt_str("para_command")?.unwrap_or_default(),
                    con_command: r.opt_str("con_command")?.unwrap_or_default(),
                    online_rate: num("online_rate")?.min(u32::MAX as u64) as u32,
                    offline_rate: num("offline_rate")?.min(u32::MAX as u64) as u32,
                    data_mode: r.opt_u8("data_mode")?.unwrap_or(0),
                    moduletype: r.opt_str("moduletype")?.unwrap_or_default(),
                    module_port: r.opt_u8("modulePort")?,
                    module_baud: r.opt_u8("moduleBaud")?,
                })
            }
            "timing" if f.get("result").is_some() => {
                let millis = f
                    .opt_u64("result")?
                    .ok_or(MessageError::Missing("result"))?;
                Downlink::TimingReply {
                    millis: millis as i64,
                }
            }
            "writeconfig" => {
                let uid = f.opt_str("uid")?.unwrap_or_default();
                match f.opt_str("result")? {
                    Some(frame) => Downlink::WriteFrame { frame, uid },
                    None => Downlink::WritePort {
                        module_port: f
                            .opt_u8("modulePort")?
                            .ok_or(MessageError::Missing("modulePort"))?,
                        module_baud: f
                            .opt_u8("moduleBaud")?
                            .ok_or(MessageError::Missing("moduleBaud"))?,
                        uid,
                    },
                }
            }
            "reset" => Downlink::Reset,
            _ => Downlink::Ack {
                method,
                message: f.opt_str("message")?.unwrap_or_default(),
                retcode,
            },
        })
    }
}

/// An ack, written straight into the buffer (the keys in the order `serde_json` writes them).
fn write_ack(method: &str, message: &str, retcode: &str, out: &mut Vec<u8>) {
    use super::json_text::write_str;
    use std::io::Write;
    // Writing into a Vec cannot fail.
    let _ = (|| {
        out.write_all(b"{\"method\":")?;
        write_str(out, method)?;
        out.write_all(b",\"message\":")?;
        write_str(out, message)?;
        out.write_all(b",\"retcode\":")?;
        write_str(out, retcode)?;
        out.write_all(b"}")
    })();
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
