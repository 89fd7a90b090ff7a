//! Commands read from stdin, one JSON object per line (shapes in docs/cmmctl.md, "Commands (stdin)").

use serde_json::Value;

use crate::app::Command;
use crate::app::command::Entry;
use crate::proto::fields::{Fields, parse_object};
use crate::proto::hex;
use crate::proto::rtu::{Request, RequestPdu};

/// Reads one command line. `coil_on` is the raw value written for `"on": true`; a line that
/// names no `hostid` goes to `default_target` when one is given (`cmmctl poll`), or, for a
/// controller on a line, to the slave of the line its `"slave"` names.
pub fn parse_command(
    line: &str,
    coil_on: u16,
    default_target: Option<&str>,
) -> Result<Command, String> {
    let mut map = parse_object(line.as_bytes()).map_err(|e| e.to_string())?;
    if let Some(t) = default_target
        && !map.keys().any(|k| k.eq_ignore_ascii_case("hostid"))
    {
        use crate::model::TargetId;
        let slave = map.get("slave").and_then(Value::as_u64);
        let t = match (TargetId::parse(t), slave.and_then(|s| u8::try_from(s).ok())) {
            (TargetId::Serial { port, .. }, Some(slave)) if slave != 0 => {
                TargetId::Serial { port, slave }.to_string()
            }
            _ => t.to_string(),
        };
        map.insert("hostid".into(), Value::String(t));
    }
    let f = Fields(&map);
    let cmd = f
        .opt_str("cmd")
        .map_err(|e| e.to_string())?
        .ok_or("missing \"cmd\"")?;
    let uid = f.opt_str("uid").map_err(|e| e.to_string())?;
    let hostid = || -> Result<String, String> { f.str("hostid").map_err(|e| e.to_string()) };
    let num = |name: &'static str| -> Result<u64, String> {
        f.opt_u64(name)
            .map_err(|e| e.to_string())?
            .ok_or(format!("missing \"{name}\""))
    };
    let opt_num = |name: &'static str| -> Result<Option<u64>, String> {
        f.opt_u64(name).map_err(|e| e.to_string())
    };
    let u16_of = |name: &'static str| -> Result<u16, String> {
        u16::try_from(num(name)?).map_err(|_| format!("\"{name}\" must be 0-65535"))
    };
    let slave = || -> Result<u8, String> {
        match f.opt_u64("slave").map_err(|e| e.to_string())? {
            None => Ok(1),
            Some(s) => u8::try_from(s).map_err(|_| "\"slave\" must be 0-255".to_string()),
        }
    };
    let write = |pdu: RequestPdu| -> Result<Command, String> {
        let request = Request {
            slave: slave()?,
            pdu,
        };
        Ok(Command::Write {
            target: hostid()?,
            request,
            intent: Default::default(),
            uid: uid.clone(),
        })
    };
    match cmd.as_str() {
        "write" => {
            let text = f.str("frame").map_err(|e| e.to_string())?;
            let frame = hex::decode(&text).map_err(|e| e.to_string())?;
            let request = Request::decode(&frame).map_err(|e| format!("frame {text}: {e}"))?;
            Ok(Command::Write {
                target: hostid()?,
                request,
                intent: Default::default(),
                uid,
            })
        }
        "write-coil" => {
            let on = match f.get("on") {
                Some(Value::Bool(b)) => *b,
                Some(Value::Number(n)) => n.as_u64() != Some(0),
                _ => return Err("\"on\" must be true or false".into()),
            };
            let value = if on { coil_on } else { 0 };
            write(RequestPdu::WriteSingleCoil {
                addr: u16_of("addr")?,
                value,
            })
        }
        "write-register" => write(RequestPdu::WriteSingleRegister {
            addr: u16_of("addr")?,
            value: u16_of("value")?,
        }),
        "write-registers" => {
            let values = match f.get("values") {
                Some(Value::Array(a)) if !a.is_empty() && a.len() <= 123 => a
                    .iter()
                    .map(|v| v.as_u64().and_then(|n| u16::try_from(n).ok()))
                    .collect::<Option<Vec<u16>>>()
                    .ok_or("\"values\" must be numbers 0-65535")?,
                _ => return Err("\"values\" must be a list of 1 to 123 numbers".into()),
            };
            write(RequestPdu::WriteMultipleRegisters {
                addr: u16_of("addr")?,
                values,
            })
        }
        "set-port" => {
            let module_port = opt_num("modulePort")?;
            let module_baud = opt_num("moduleBaud")?;
            if module_port.is_none() && module_baud.is_none() {
                return Err("\"set-port\" needs \"modulePort\", \"moduleBaud\" or both".into());
            }
            if module_port.is_some_and(|p| p > 4) {
                return Err(
                    "\"modulePort\" must be 0 (off), 1 LINK, 2 RS485, 3 RS232 or 4 USB".into(),
                );
            }
            if module_baud.is_some_and(|b| b > 2) {
                return Err("\"moduleBaud\" must be 0 (9600), 1 (19200) or 2 (115200)".into());
            }
            Ok(Command::SetPort {
                target: hostid()?,
                module_port: module_port.map(|p| p as u8),
                module_baud: module_baud.map(|b| b as u8),
                uid,
            })
        }
        "reset" => Ok(Command::Reset {
            target: hostid()?,
            uid,
        }),
        "sessions" => Ok(Command::Sessions),
        "mark" => Ok(Command::Mark(
            f.opt_str("text")
                .map_err(|e| e.to_string())?
                .unwrap_or_default(),
        )),
        "set-field" => {
            let name = f.str("field").map_err(|e| e.to_string())?;
            let known: Vec<&str> = crate::report::fields()
                .map(|(k, _)| k)
                .chain([crate::report::DEVIATIONS, crate::report::steps::PLAN])
                .chain(crate::report::limits::LIMIT_FIELDS.iter().map(|f| f.key))
                .collect();
            if !known.contains(&name.as_str()) {
                return Err(format!("\"field\" must be one of {}", known.join(", ")));
            }
            let value = f.str("value").map_err(|e| e.to_string())?;
            commission(hostid()?, Entry::Field { name, value })
        }
        "setting" => {
            let name = f.str("name").map_err(|e| e.to_string())?;
            if name.trim().is_empty() {
                return Err("\"name\" is empty".into());
            }
            let text = |k: &'static str| -> Result<String, String> {
                Ok(f.opt_str(k).map_err(|e| e.to_string())?.unwrap_or_default())
            };
            commission(
                hostid()?,
                Entry::Setting {
                    name: name.trim().to_string(),
                    unit: text("unit")?,
                    found: text("as_found")?,
                    left: text("as_left")?,
                },
            )
        }
        "snapshot" => {
            let label = f.str("label").map_err(|e| e.to_string())?;
            if label.trim().is_empty() {
                return Err("\"label\" is empty (e.g. \"as found\", \"as left\")".into());
            }
            let also = f
                .opt_str("also")
                .map_err(|e| e.to_string())?
                .unwrap_or_default()
                .split(',')
                .filter(|r| !r.trim().is_empty())
                .map(crate::journal::snapshot::ReadRange::parse)
                .collect::<Result<Vec<_>, _>>()?;
            commission(
                hostid()?,
                Entry::Snapshot {
                    label: label.trim().to_string(),
                    also,
                },
            )
        }
        "step-start" => {
            let name = f.str("name").map_err(|e| e.to_string())?;
            if name.trim().is_empty() {
                return Err("\"name\" is empty".into());
            }
            let planned_s = match f.opt_u64("planned_s").map_err(|e| e.to_string())? {
                None => 0,
                Some(p) => u32::try_from(p).map_err(|_| "\"planned_s\" is too large")?,
            };
            commission(hostid()?, Entry::StepStart { name, planned_s })
        }
        "step-end" => commission(hostid()?, Entry::StepEnd),
        "protection" => {
            let test = f.str("test").map_err(|e| e.to_string())?;
            let passed = match f.get("passed") {
                None => true,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err("\"passed\" must be true or false".into()),
            };
            let entry = if passed {
                let note = f
                    .opt_str("note")
                    .map_err(|e| e.to_string())?
                    .unwrap_or_default();
                Entry::Protection { test, note }
            } else {
                Entry::ProtectionClear { test }
            };
            commission(hostid()?, entry)
        }
        "report" => Ok(Command::Report {
            target: hostid()?,
            path: f
                .opt_str("out")
                .map_err(|e| e.to_string())?
                .unwrap_or_else(|| "report.pdf".into())
                .into(),
            lang: match f.opt_str("lang").map_err(|e| e.to_string())? {
                Some(l) => l.parse()?,
                None => crate::i18n::Lang::En,
            },
        }),
        other => Err(format!("unknown command {other:?}")),
    }
}

fn commission(target: String, entry: Entry) -> Result<Command, String> {
    Ok(Command::Commission { target, entry })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_of(c: Command) -> String {
        match c {
            Command::Write { request, .. } => request.to_hex(),
            other => panic!("write expected, got {other:?}"),
        }
    }

    #[test]
    fn built_frames_match_the_field_frames() {
        let c = parse_command(
            r#"{"cmd":"write-coil","hostid":"H","slave":1,"addr":3,"on":true}"#,
            0xFF00,
            None,
        );
        assert_eq!(frame_of(c.unwrap()), "01050003FF007C3A");
        let c = parse_command(
            r#"{"cmd":"write-coil","hostid":"H","slave":0,"addr":3,"on":true}"#,
            0xFF00,
            None,
        );
        assert_eq!(frame_of(c.unwrap()), "00050003FF007DEB");
        let c = parse_command(
            r#"{"cmd":"write","hostid":"H","frame":"01050004ff00cdfb"}"#,
            0xFF00,
            None,
        );
        assert_eq!(frame_of(c.unwrap()), "01050004FF00CDFB");
        let c = parse_command(
            r#"{"cmd":"write-register","hostid":"H","slave":1,"addr":10,"value":1234}"#,
            0xFF00,
            None,
        );
        let req = Request::from_hex(&frame_of(c.unwrap())).unwrap();
        assert_eq!(
            req.pdu,
            RequestPdu::WriteSingleRegister {
                addr: 10,
                value: 1234
            }
        );
    }

    #[test]
    fn a_command_without_hostid_goes_to_the_slave_of_the_line_it_names() {
        let target = |line: &str| match parse_command(line, 0xFF00, Some("serial:/dev/ttyUSB0:1")) {
            Ok(Command::Write { target, .. }) => target,
            other => panic!("write expected, got {other:?}"),
        };
        let write = |slave: u8| {
            format!(r#"{{"cmd":"write-register","slave":{slave},"addr":10,"value":1}}"#)
        };
        assert_eq!(target(&write(1)), "serial:/dev/ttyUSB0:1");
        assert_eq!(target(&write(2)), "serial:/dev/ttyUSB0:2");
        // A hostid given is kept; a modem's default is not changed by the slave id.
        let given = r#"{"cmd":"write-register","hostid":"H","slave":2,"addr":10,"value":1}"#;
        assert_eq!(target(given), "H");
        let c = parse_command(&write(2), 0xFF00, Some("3130373031334717003D002E"));
        assert!(
            matches!(c, Ok(Command::Write { target, .. }) if target == "3130373031334717003D002E")
        );
    }

    #[test]
    fn bad_commands_say_what_is_wrong() {
        for (line, needle) in [
            (
                r#"{"cmd":"write","hostid":"H","frame":"01050004FF00CDFC"}"#,
                "CRC",
            ),
            (r#"{"cmd":"write-coil","hostid":"H","addr":3}"#, "\"on\""),
            (
                r#"{"cmd":"set-port","hostid":"H","modulePort":9,"moduleBaud":0}"#,
                "modulePort",
            ),
            (r#"{"cmd":"set-port","hostid":"H"}"#, "needs"),
            (r#"{"cmd":"launch"}"#, "unknown command"),
            (r#"{"cmd":"reset"}"#, "hostid"),
            (
                r#"{"cmd":"set-field","hostid":"H","field":"sight","value":"x"}"#,
                "must be one of site",
            ),
            (r#"{"cmd":"step-start","hostid":"H","name":" "}"#, "empty"),
            (
                r#"{"cmd":"protection","hostid":"H","test":"E","passed":"yes"}"#,
                "true or false",
            ),
            ("not json", "malformed"),
            (
                r#"{"cmd":"write-register","hostid":"H","addr":1,"value":70000}"#,
                "0-65535",
            ),
        ] {
            let err = parse_command(line, 0xFF00, None).unwrap_err();
            assert!(err.contains(needle), "{line}: {err}");
        }
    }

    #[test]
    fn a_limit_is_set_like_any_other_field() {
        let c = parse_command(
            r#"{"cmd":"set-field","hostid":"H","field":"limit_min_pf","value":"0.85"}"#,
            0xFF00,
            None,
        )
        .unwrap();
        assert!(
            matches!(&c, Command::Commission { entry: Entry::Field { name, value }, .. }
                if name == "limit_min_pf" && value == "0.85"),
            "{c:?}"
        );
    }
}
