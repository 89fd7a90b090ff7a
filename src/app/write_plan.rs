//! Writes as the config editor prepares them: a value entered in the register's unit becomes a
//! raw frame, remote commands are blocked while the controller or the modem forbids remote
//! control (unless the engineer overrides), and a write is shown decoded before it is sent.

use super::state::Target;
use crate::proto::map::{Combine, CommandSpec, Confirm, RegisterSpec};
use crate::proto::rtu::{Request, RequestPdu};

/// A write ready to be confirmed by the engineer.
#[derive(Debug, Clone, PartialEq)]
pub struct WritePlan {
    /// What it does, in words (shown in the confirmation dialog).
    pub description: String,
    /// The frame to send.
    pub request: Request,
    /// What the next readings show when it took effect.
    pub confirm: Option<Confirm>,
}

impl WritePlan {
    /// The frame in hex, CRC included.
    pub fn hex(&self) -> String {
        self.request.to_hex()
    }
}

/// Why remote control is refused now, if it is.
pub fn remote_blocked(t: &Target) -> Option<String> {
    if t.map.remote_locked(&t.image, t.slave()) {
        return Some("the controller reports Remote Lock".into());
    }
    if t.flags.inhibit_remote == Some(true) {
        return Some("the modem reports InhbitRemote (remote control inhibited)".into());
    }
    None
}

/// A remote command of the target's map; refused while remote control is blocked unless
/// `override_block` is set.
pub fn remote_command(
    t: &Target,
    cmd: &CommandSpec,
    override_block: bool,
) -> Result<WritePlan, String> {
    if let Some(why) = remote_blocked(t)
        && !override_block
    {
        return Err(format!("{} refused: {why}", cmd.name));
    }
    let value = t.map.settings.coil_on;
    let request = Request {
        slave: t.slave(),
        pdu: RequestPdu::WriteSingleCoil {
            addr: cmd.addr,
            value,
        },
    };
    Ok(WritePlan {
        description: format!("{} ({request}) to {} {}", cmd.name, t.hostname, t.hostid),
        request,
        confirm: cmd.confirm.clone(),
    })
}

/// The raw word for `value` given in the register's unit (scale, frequency ratio, sign).
pub fn raw_for(t: &Target, spec: &RegisterSpec, value: f64) -> Result<u16, String> {
    if spec.words != 1 {
        return Err(format!(
            "{} spans two registers: write them with a multiple-register write",
            spec.name
        ));
    }
    if spec.enum_name.is_some() || spec.hex {
        return Err(format!("{} takes a raw value", spec.name));
    }
    let scale = if spec.frequency {
        t.map.settings.frequency_ratio
    } else {
        spec.scale
    };
    let raw = (value / scale).round();
    let (lo, hi) = if spec.signed {
        (-32768.0, 32767.0)
    } else {
        (0.0, 65535.0)
    };
    if !raw.is_finite() || raw < lo || raw > hi {
        return Err(format!(
            "{value} {} is out of range for {} ({} to {} {})",
            spec.unit,
            spec.name,
            lo * scale,
            hi * scale,
            spec.unit
        ));
    }
    if t.map.settings.no_data == Some(raw as i64 as u16) {
        return Err(format!(
            "{value} {} is the controller's no-data value",
            spec.unit
        ));
    }
    Ok(raw as i64 as u16)
}

/// A single-register write of `value` in the unit of the register at `addr` (raw when the map
/// does not describe it).
pub fn register_write(t: &Target, addr: u16, value: f64) -> Result<WritePlan, String> {
    let (raw, what) = match t.map.register_at(addr) {
        Some(spec) if spec.addr == addr => {
            let raw = raw_for(t, spec, value)?;
            (
                raw,
                format!("{} = {value} {}", spec.name, spec.unit)
                    .trim_end()
                    .to_string(),
            )
        }
        Some(spec) => {
            return Err(format!(
                "register {addr} is the second half of {}",
                spec.name
            ));
        }
        None => {
            if !(0.0..=65535.0).contains(&value) || value.fract() != 0.0 {
                return Err(format!(
                    "register {addr} is not in the map: give a raw value 0-65535"
                ));
            }
            (value as u16, format!("register {addr} = {value} (raw)"))
        }
    };
    let request = Request {
        slave: t.slave(),
        pdu: RequestPdu::WriteSingleRegister { addr, value: raw },
    };
    Ok(WritePlan {
        description: format!("{what} ({request}) to {} {}", t.hostname, t.hostid),
        confirm: Some(Confirm {
            table: crate::proto::Table::Holding,
            addr,
            value: Some(raw),
            not: None,
        }),
        request,
    })
}

/// A single-coil write (function 05): `on` writes the map's "active" value (FF00 in the
/// field), off writes 0000. A coil the map lists as a remote command is named, and its effect
/// is looked for in the readings; remote-command coils are refused while remote control is
/// blocked, unless `override_block`.
pub fn coil_write(
    t: &Target,
    addr: u16,
    on: bool,
    override_block: bool,
) -> Result<WritePlan, String> {
    let command = t
        .map
        .commands_for(&t.moduletype)
        .into_iter()
        .find(|c| c.addr == addr);
    if let (Some(c), Some(why)) = (command, remote_blocked(t))
        && on
        && !override_block
    {
        return Err(format!("coil {addr} ({}) refused: {why}", c.name));
    }
    let value = if on { t.map.settings.coil_on } else { 0 };
    let request = Request {
        slave: t.slave(),
        pdu: RequestPdu::WriteSingleCoil { addr, value },
    };
    let what = match command {
        Some(c) => format!("coil {addr} ({}) {}", c.name, if on { "on" } else { "off" }),
        None => format!("coil {addr} {}", if on { "on" } else { "off" }),
    };
    Ok(WritePlan {
        description: format!("{what} ({request}) to {} {}", t.hostname, t.hostid),
        confirm: command.filter(|_| on).and_then(|c| c.confirm.clone()),
        request,
    })
}

/// A multiple-register write (function 16) from `addr`: one value per register, each in its
/// register's unit; a two-register value (counters, totals) takes one value for both words.
pub fn registers_write(t: &Target, addr: u16, values: &[f64]) -> Result<WritePlan, String> {
    if values.is_empty() {
        return Err("give at least one value".into());
    }
    let mut words: Vec<u16> = Vec::new();
    let mut parts = Vec::new();
    let mut at = addr;
    for &value in values {
        match t.map.register_at(at) {
            Some(spec) if spec.addr != at => {
                return Err(format!("register {at} is the second half of {}", spec.name));
            }
            Some(spec) if spec.words == 2 => {
                let raw = (value / spec.scale).round();
                let (mult, max) = match spec.combine {
                    Combine::U32 => (65536.0, u32::MAX as f64),
                    Combine::Counter => {
                        let m = f64::from(t.map.settings.counter_multiplier);
                        (m, m * 65535.0 + (m - 1.0))
                    }
                };
                if !raw.is_finite() || raw < 0.0 || raw > max {
                    return Err(format!("{value} is out of range for {}", spec.name));
                }
                words.push((raw / mult).floor() as u16);
                words.push((raw % mult) as u16);
                parts.push(
                    format!("{} = {value} {}", spec.name, spec.unit)
                        .trim_end()
                        .to_string(),
                );
                at = at.wrapping_add(2);
            }
            Some(spec) => {
                words.push(raw_for(t, spec, value)?);
                parts.push(
                    format!("{} = {value} {}", spec.name, spec.unit)
                        .trim_end()
                        .to_string(),
                );
                at = at.wrapping_add(1);
            }
            None => {
                if !(0.0..=65535.0).contains(&value) || value.fract() != 0.0 {
                    return Err(format!(
                        "register {at} is not in the map: give a raw value 0-65535"
                    ));
                }
                words.push(value as u16);
                parts.push(format!("register {at} = {value} (raw)"));
                at = at.wrapping_add(1);
            }
        }
    }
    if words.len() > 123 {
        return Err(format!(
            "{} registers: at most 123 in one write",
            words.len()
        ));
    }
    let first = words[0];
    let request = Request {
        slave: t.slave(),
        pdu: RequestPdu::WriteMultipleRegisters {
            addr,
            values: words,
        },
    };
    Ok(WritePlan {
        description: format!(
            "{} ({request}) to {} {}",
            parts.join(", "),
            t.hostname,
            t.hostid
        ),
        confirm: Some(Confirm {
            table: crate::proto::Table::Holding,
            addr,
            value: Some(first),
            not: None,
        }),
        request,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::AppState;
    use crate::link::{DataKind, Event};
    use crate::proto::rtu::{Block, BlockValues};
    use crate::proto::uplink::InputFlags;

    fn target(coils: Vec<bool>, inhibit: bool) -> Target {
        let mut s = AppState::default();
        let login = Event::Login {
            hostid: "H".into(),
            hostname: "north".into(),
            moduletype: "HGM6120N-4G".into(),
            peer: "127.0.0.1:1".parse().unwrap(),
            accepted: true,
            reason: None,
            module_port: None,
            module_baud: None,
        };
        s.apply(&login, 0);
        let data = Event::Data {
            hostid: "H".into(),
            kind: DataKind::Full,
            blocks: vec![Block {
                slave: 1,
                table: crate::proto::Table::Coils,
                addr: 0,
                values: BlockValues::Bits(coils),
            }],
            flags: InputFlags {
                inhibit_remote: Some(inhibit),
                ..Default::default()
            },
        };
        s.apply(&data, 1);
        s.targets["H"].clone()
    }

    #[test]
    fn remote_commands_use_the_map_and_are_blocked_by_remote_lock_or_inhibit() {
        let free = target(vec![false; 78], false);
        let cmds = free.map.commands_for(&free.moduletype);
        let auto = cmds.iter().find(|c| c.action == "auto").unwrap();
        let plan = remote_command(&free, auto, false).unwrap();
        assert_eq!(plan.hex(), "01050003FF007C3A", "the field frame");
        assert!(
            plan.description
                .starts_with("Auto (slave 1 write coil 3 = FF00)")
        );
        assert_eq!(plan.confirm.as_ref().map(|c| c.addr), Some(41));

        let mut locked = vec![false; 78];
        locked[4] = true;
        let t = target(locked, false);
        assert!(
            remote_command(&t, auto, false)
                .unwrap_err()
                .contains("Remote Lock")
        );
        assert!(
            remote_command(&t, auto, true).is_ok(),
            "the engineer may override"
        );
        let t = target(vec![false; 78], true);
        assert!(
            remote_command(&t, auto, false)
                .unwrap_err()
                .contains("InhbitRemote")
        );
    }

    #[test]
    fn values_in_the_unit_become_raw_words() {
        let t = target(vec![false; 78], false);
        let m = Arc::clone(&t.map);
        assert_eq!(
            raw_for(&t, m.register_at(24).unwrap(), 27.4),
            Ok(274),
            "battery, 0.1 V"
        );
        assert_eq!(
            raw_for(&t, m.register_at(13).unwrap(), 50.0),
            Ok(500),
            "frequency ratio 0.1"
        );
        assert_eq!(
            raw_for(&t, m.register_at(26).unwrap(), -10.0),
            Ok(0xFFF6),
            "signed kW"
        );
        assert!(
            raw_for(&t, m.register_at(26).unwrap(), 40000.0)
                .unwrap_err()
                .contains("out of range")
        );
        assert!(raw_for(&t, m.register_at(0).unwrap(), -1.0).is_err());
        assert!(
            raw_for(&t, m.register_at(0).unwrap(), 32766.0)
                .unwrap_err()
                .contains("no-data")
        );
        assert!(
            raw_for(&t, m.register_at(42).unwrap(), 1.0)
                .unwrap_err()
                .contains("two registers")
        );
        assert!(
            raw_for(&t, m.register_at(34).unwrap(), 1.0).is_err(),
            "enumeration"
        );
        let w = register_write(&t, 24, 27.4).unwrap();
        assert_eq!(
            w.request.pdu,
            RequestPdu::WriteSingleRegister {
                addr: 24,
                value: 274
            }
        );
        assert!(w.description.starts_with("Battery Voltage = 27.4 V"));
        assert!(
            register_write(&t, 43, 1.0)
                .unwrap_err()
                .contains("second half")
        );
        assert!(register_write(&t, 500, 1.5).is_err());
        assert_eq!(
            register_write(&t, 500, 7.0).unwrap().request.pdu,
            RequestPdu::WriteSingleRegister {
                addr: 500,
                value: 7
            }
        );
    }

    #[test]
    fn coil_writes_name_command_coils_and_respect_remote_lock() {
        let free = target(vec![false; 78], false);
        let plan = coil_write(&free, 3, true, false).unwrap();
        assert_eq!(plan.hex(), "01050003FF007C3A");
        assert!(
            plan.description.starts_with("coil 3 (Auto) on"),
            "{}",
            plan.description
        );
        assert!(
            plan.confirm.is_some(),
            "the Auto coil's effect is looked for"
        );
        let off = coil_write(&free, 40, false, false).unwrap();
        assert_eq!(
            off.request.pdu,
            RequestPdu::WriteSingleCoil { addr: 40, value: 0 }
        );
        assert_eq!(off.confirm, None);
        let inhibited = target(vec![false; 78], true);
        let err = coil_write(&inhibited, 3, true, false).unwrap_err();
        assert!(err.contains("InhbitRemote"), "{err}");
        assert!(
            coil_write(&inhibited, 3, true, true).is_ok(),
            "the override lets it through"
        );
    }

    #[test]
    fn multiple_register_writes_take_values_in_units_and_split_pairs() {
        let t = target(vec![false; 78], false);
        // Registers 7 and 8: generator voltages in V (scale 1).
        let plan = registers_write(&t, 7, &[230.0, 231.0]).unwrap();
        assert_eq!(
            plan.request.pdu,
            RequestPdu::WriteMultipleRegisters {
                addr: 7,
                values: vec![230, 231]
            }
        );
        assert!(
            plan.description
                .starts_with("Gen UA = 230 V, Gen UB = 231 V"),
            "{}",
            plan.description
        );
        // Battery voltage is in 0.1 V.
        let plan = registers_write(&t, 24, &[24.5]).unwrap();
        assert_eq!(
            plan.request.pdu,
            RequestPdu::WriteMultipleRegisters {
                addr: 24,
                values: vec![245]
            }
        );
        // A two-register value takes one number for both words.
        let pair = t.map.registers.values().find(|r| r.words == 2).unwrap();
        let plan = registers_write(&t, pair.addr, &[70000.0]).unwrap();
        let RequestPdu::WriteMultipleRegisters { values, .. } = &plan.request.pdu else {
            panic!("not a multiple write")
        };
        assert_eq!(values.len(), 2);
        let back = match pair.combine {
            Combine::U32 => u32::from(values[0]) * 65536 + u32::from(values[1]),
            Combine::Counter => {
                u32::from(values[0]) * t.map.settings.counter_multiplier + u32::from(values[1])
            }
        };
        assert!((f64::from(back) * pair.scale - 70000.0).abs() < 1e-6);
        assert!(
            registers_write(&t, pair.addr + 1, &[1.0])
                .unwrap_err()
                .contains("second half")
        );
        assert!(registers_write(&t, 7, &[]).is_err());
    }
}
