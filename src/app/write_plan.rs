//! Writes as the config editor prepares them: a value entered in the register's unit becomes a
//! raw frame (exactly: a value finer than the register's resolution is refused, never rounded
//! behind the engineer's back), remote commands are blocked while the controller or the modem
//! forbids remote control (unless the engineer overrides), only the functions the map says
//! the controller answers are offered, and what a command will do is said before it is sent.

use super::target::Target;
use crate::proto::map::{Combine, CommandSpec, Confirm, RegisterSpec};
use crate::proto::rtu::{Request, RequestPdu};

/// A write ready to be confirmed by the engineer.
#[derive(Debug, Clone, PartialEq)]
pub struct WritePlan {
    /// Its short name for the write log ("Manual", "Battery Voltage = 27.4 V").
    pub name: String,
    /// What it does, in words (shown in the confirmation dialog).
    pub description: String,
    /// The frame to send.
    pub request: Request,
    /// What the next readings show when it took effect.
    pub confirm: Option<Confirm>,
    /// What the engineer should know before sending (the engine will crank, the mode in
    /// which the command acts, a measured value being overwritten).
    pub notes: Vec<String>,
    /// A command coil written as a pulse: off, on, off.
    pub pulse: Option<crate::proto::map::Pulse>,
    /// The mode in which a command acts, when it may do nothing (one of the notes; the write
    /// log repeats it beside the outcome).
    pub hint: Option<String>,
    /// What the write log says when the readings do not confirm it in time ("Mains breaker
    /// still open"); `None`: that the readings did not show it.
    pub unmet: Option<String>,
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

/// Refuses a write with a function the map says the controller does not answer.
pub fn check_function(t: &Target, function: u8) -> Result<(), String> {
    if t.map.settings.answers(function) {
        return Ok(());
    }
    let list: Vec<String> = t
        .map
        .settings
        .functions
        .iter()
        .flatten()
        .map(|f| format!("{f:02}"))
        .collect();
    Err(t!(
        "{ $model } answers Modbus functions { $list } only, not { $function }",
        model = t.moduletype.as_str(),
        list = list.join(", "),
        function = format!("{function:02}")
    ))
}

/// The controller's mode and running status, as the readings show them now.
pub fn mode_and_status(t: &Target) -> String {
    let (img, slave) = (&t.image, t.slave());
    let mode = t
        .map
        .mode(img, slave)
        .map_or_else(|| t!("unknown"), str::to_string);
    match t.map.running_status(img, slave) {
        Some(s) => t!(
            "mode { $mode }, status { $status }",
            mode = mode,
            status = s
        ),
        None => t!("mode { $mode }", mode = mode),
    }
}

/// The mode a command acts in, when the controller is in another or its mode is not read yet:
/// the command may do nothing.
pub fn mode_note(t: &Target, cmd: &CommandSpec) -> Option<String> {
    let list = cmd
        .modes
        .as_ref()
        .map(|m| m.join(" or "))
        .unwrap_or_default();
    let starts = matches!(cmd.action.as_str(), "start" | "test");
    let name = cmd.name.as_str();
    match super::command_effect::acts_in_mode(t, cmd) {
        Some(true) => None,
        Some(false) => Some(t!(
            "{ $command } acts in { $modes } mode only: the controller is in { $mode }, so it will do nothing.",
            command = name,
            modes = list.as_str(),
            mode = t
                .map
                .mode(&t.image, t.slave())
                .map_or_else(|| t!("another mode"), str::to_string)
        )),
        None if starts => Some(t!(
            "{ $command } acts in { $modes } mode only, and the mode is not read yet: in { $modes }, the engine will crank and start; in another mode, nothing happens.",
            command = name,
            modes = list.as_str()
        )),
        None => Some(t!(
            "{ $command } acts in { $modes } mode only (the mode is not read yet).",
            command = name,
            modes = list.as_str()
        )),
    }
}

/// Notes on a remote command: what it will do in the controller's mode (one thing: the engine
/// cranks, or nothing happens), which way a toggling breaker goes, an interlock with the other
/// breaker.
pub fn command_notes(t: &Target, cmd: &CommandSpec) -> Vec<String> {
    use super::command_effect::{acts_in_mode, interlock_note, toggle_of};
    let mut notes = Vec::new();
    let starts = matches!(cmd.action.as_str(), "start" | "test");
    if starts && acts_in_mode(t, cmd) == Some(true) {
        notes.push(t!(
            "The engine will crank and start. Now: { $now }.",
            now = mode_and_status(t)
        ));
    }
    notes.extend(mode_note(t, cmd));
    if let Some(toggle) = toggle_of(t, cmd) {
        let name = toggle.name.to_lowercase();
        let now = match toggle.on {
            Some(true) => t!(
                "the { $name } is { $state }, and this opens it",
                name = name.as_str(),
                state = toggle.state_word(true)
            ),
            Some(false) => t!(
                "the { $name } is { $state }, and this closes it",
                name = name.as_str(),
                state = toggle.state_word(false)
            ),
            None => t!(
                "the { $name } is not read yet: its state is not known",
                name = name.as_str()
            ),
        };
        notes.push(t!(
            "This coil toggles: it opens a closed breaker and closes an open one. Now: { $now }.",
            now = now
        ));
        notes.extend(interlock_note(t, cmd));
    } else if cmd.action.contains("breaker") {
        notes.push(t!(
            "This command toggles the breaker: it opens a closed one and closes an open one."
        ));
    }
    if let Some(p) = cmd.pulse {
        notes.push(t!(
            "Sent as a pulse: off, { $gap } ms later on, held { $hold } ms, then off (three writes).",
            gap = p.gap_ms.to_string(),
            hold = p.hold_ms.to_string()
        ));
    }
    if cmd.unverified {
        notes.push(format!(
            "{}: {}.",
            cmd.name,
            crate::i18n::tr(crate::proto::map::UNVERIFIED_NOTE)
        ));
    }
    notes
}

/// A remote command of the target's map; refused while remote control is blocked unless
/// `override_block` is set.
pub fn remote_command(
    t: &Target,
    cmd: &CommandSpec,
    override_block: bool,
) -> Result<WritePlan, String> {
    check_function(t, 5)?;
    if let Some(why) = remote_blocked(t)
        && !override_block
    {
        return Err(t!(
            "{ $command } refused: { $why }",
            command = cmd.name.as_str(),
            why = why
        ));
    }
    let value = t.map.settings.coil_on;
    let request = Request {
        slave: t.slave(),
        pdu: RequestPdu::WriteSingleCoil {
            addr: cmd.addr,
            value,
        },
    };
    // A toggling command the map gives no confirmation for is confirmed by its bit flipping.
    let toggle = super::command_effect::toggle_of(t, cmd);
    let confirm = cmd
        .confirm
        .clone()
        .or_else(|| toggle.as_ref().and_then(|g| g.confirm()));
    Ok(WritePlan {
        name: cmd.name.clone(),
        description: format!("{} ({request}) to {} {}", cmd.name, t.hostname, t.hostid),
        request,
        confirm,
        notes: command_notes(t, cmd),
        hint: mode_note(t, cmd),
        pulse: cmd.pulse,
        unmet: toggle.and_then(|g| g.unmet()),
    })
}

/// The scale of a register: its own, or the map's frequency ratio.
fn scale_of(t: &Target, spec: &RegisterSpec) -> f64 {
    if spec.frequency {
        t.map.settings.frequency_ratio
    } else {
        spec.scale
    }
}

/// `value` in steps of `scale`, or why not: the raw count, exactly.
fn steps_of(spec: &RegisterSpec, scale: f64, value: f64) -> Result<f64, String> {
    let raw = (value / scale).round();
    if !raw.is_finite() {
        return Err(format!("{}: {value} is not a number", spec.name));
    }
    if (raw * scale - value).abs() > scale * 1e-6 {
        let (lo, hi) = (
            (value / scale).floor() * scale,
            (value / scale).ceil() * scale,
        );
        let d = decimals(scale);
        return Err(format!(
            "{} goes in steps of {scale} {unit}: {value} {unit} cannot be written; give {lo:.d$} or {hi:.d$}",
            spec.name,
            unit = spec.unit
        ));
    }
    Ok(raw)
}

/// Decimal places a step of `scale` needs.
fn decimals(scale: f64) -> usize {
    (0..6)
        .find(|&d| {
            let s = scale * 10f64.powi(d as i32);
            (s - s.round()).abs() < 1e-9
        })
        .unwrap_or(6)
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
    let scale = scale_of(t, spec);
    if spec.min.is_some_and(|lo| value < lo) || spec.max.is_some_and(|hi| value > hi) {
        let bound = |b: Option<f64>| b.map_or_else(|| "-".to_string(), |b| b.to_string());
        return Err(format!(
            "{value} {unit} is outside the range the map allows for {} ({} to {} {unit})",
            spec.name,
            bound(spec.min),
            bound(spec.max),
            unit = spec.unit
        ));
    }
    let raw = steps_of(spec, scale, value)?;
    let (lo, hi) = if spec.signed {
        (-32768.0, 32767.0)
    } else {
        (0.0, 65535.0)
    };
    if raw < lo || raw > hi {
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

/// `name = value unit` with the value as it will really be written.
fn written(spec: &RegisterSpec, scale: f64, raw: f64) -> String {
    let d = decimals(scale);
    format!("{} = {:.d$} {}", spec.name, raw * scale, spec.unit)
        .trim_end()
        .to_string()
}

/// The warning for writing over a measured value.
fn measured_note(spec: &RegisterSpec) -> Option<String> {
    (!spec.setting).then(|| {
        format!(
            "{} is a measured value, not a setting: the controller may refuse the write or overwrite it at once.",
            spec.name
        )
    })
}

/// A single-register write of `value` in the unit of the register at `addr` (raw when the map
/// does not describe it).
pub fn register_write(t: &Target, addr: u16, value: f64) -> Result<WritePlan, String> {
    check_function(t, 6)?;
    let mut notes = Vec::new();
    let (raw, what) = match t.map.register_at(addr) {
        Some(spec) if spec.addr == addr => {
            let raw = raw_for(t, spec, value)?;
            let scale = scale_of(t, spec);
            let raw_steps = if spec.signed {
                f64::from(raw as i16)
            } else {
                f64::from(raw)
            };
            notes.extend(measured_note(spec));
            (raw, written(spec, scale, raw_steps))
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
        name: what,
        confirm: Some(Confirm {
            table: crate::proto::Table::Holding,
            addr,
            value: Some(raw),
            not: None,
            bit: None,
        }),
        request,
        notes,
        pulse: None,
        hint: None,
        unmet: None,
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
    check_function(t, 5)?;
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
    let state = if on { "on" } else { "off" };
    let what = match command {
        Some(c) => format!("coil {addr} ({}) {state}", c.name),
        None => format!("coil {addr} {state}"),
    };
    Ok(WritePlan {
        description: format!("{what} ({request}) to {} {}", t.hostname, t.hostid),
        name: what,
        confirm: command.filter(|_| on).and_then(|c| c.confirm.clone()),
        notes: command
            .filter(|_| on)
            .map(|c| command_notes(t, c))
            .unwrap_or_default(),
        hint: command.filter(|_| on).and_then(|c| mode_note(t, c)),
        request,
        pulse: None,
        unmet: None,
    })
}

/// A multiple-register write (function 16) from `addr`: one value per register, each in its
/// register's unit; a two-register value (counters, totals) takes one value for both words.
pub fn registers_write(t: &Target, addr: u16, values: &[f64]) -> Result<WritePlan, String> {
    check_function(t, 16)?;
    if values.is_empty() {
        return Err("give at least one value".into());
    }
    let mut notes = Vec::new();
    let mut words: Vec<u16> = Vec::new();
    let mut parts = Vec::new();
    let mut at = addr;
    for &value in values {
        match t.map.register_at(at) {
            Some(spec) if spec.addr != at => {
                return Err(format!("register {at} is the second half of {}", spec.name));
            }
            Some(spec) if spec.words == 2 => {
                let raw = steps_of(spec, spec.scale, value)?;
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
                let (high, low) = ((raw / mult).floor() as u16, (raw % mult) as u16);
                if spec.lsw_first {
                    words.extend([low, high]);
                } else {
                    words.extend([high, low]);
                }
                parts.push(written(spec, spec.scale, raw));
                notes.extend(measured_note(spec));
                at = at.wrapping_add(2);
            }
            Some(spec) => {
                let raw = raw_for(t, spec, value)?;
                let steps = if spec.signed {
                    f64::from(raw as i16)
                } else {
                    f64::from(raw)
                };
                words.push(raw);
                parts.push(written(spec, scale_of(t, spec), steps));
                notes.extend(measured_note(spec));
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
        name: parts.join(", "),
        notes,
        confirm: Some(Confirm {
            table: crate::proto::Table::Holding,
            addr,
            value: Some(first),
            not: None,
            bit: None,
        }),
        request,
        pulse: None,
        hint: None,
        unmet: None,
    })
}

#[cfg(test)]
#[path = "write_plan_tests.rs"]
mod tests;
