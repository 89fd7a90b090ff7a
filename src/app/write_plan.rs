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
#[path = "write_plan_tests.rs"]
mod tests;
