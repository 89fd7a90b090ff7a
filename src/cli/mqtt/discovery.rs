//! Home Assistant MQTT discovery: one retained config per value, a device per modem.
//!
//! Topic `DISCOVERY/sensor/cmm_HOSTID/OBJECT/config` (or `binary_sensor` for bits); alarms are
//! binary sensors of class `problem`. Every entity is available only while both its modem and
//! the bridge are (`availability_mode: all`).

use serde_json::{Value, json};

use super::topics::Topics;

/// One value of a modem to announce.
pub(super) struct Announced<'a> {
    /// The modem's id.
    pub hostid: &'a str,
    /// The modem's name ("" when not known: the id stands for it).
    pub device: &'a str,
    /// Its controller model.
    pub model: &'a str,
    /// The value's name.
    pub name: &'a str,
    /// Its unit.
    pub unit: &'a str,
    /// A bit (a binary sensor).
    pub bit: bool,
    /// An alarm bit.
    pub alarm: bool,
    /// Text rather than a number.
    pub text: bool,
}

/// The config topic and payload announcing one value of a modem.
pub(super) fn config(topics: &Topics, discovery: &str, e: &Announced<'_>) -> (String, Value) {
    let name = e.name;
    let node = format!("{}_{}", slug(&topics.prefix), slug(e.hostid));
    let object = slug(name);
    let component = if e.bit { "binary_sensor" } else { "sensor" };
    let topic = format!("{discovery}/{component}/{node}/{object}/config");
    let key = crate::proto::json_text::quoted(name);
    let device_name = if e.device.is_empty() {
        e.hostid
    } else {
        e.device
    };
    let mut c = json!({
        "name": name,
        "unique_id": format!("{node}_{object}"),
        "object_id": format!("{node}_{object}"),
        "state_topic": topics.host(e.hostid, "state"),
        "availability": [
            {"topic": topics.host(e.hostid, "availability")},
            {"topic": topics.bridge("availability")},
        ],
        "availability_mode": "all",
        "device": {
            "identifiers": [node],
            "name": device_name,
            "model": e.model,
            "manufacturer": "SmartGen",
            "serial_number": e.hostid,
        },
    });
    let Some(m) = c.as_object_mut() else {
        return (topic, c);
    };
    if e.bit {
        m.insert(
            "value_template".into(),
            json!(format!(
                "{{{{ 'ON' if value_json['values'][{key}] else 'OFF' }}}}"
            )),
        );
        if e.alarm {
            m.insert("device_class".into(), json!("problem"));
        }
    } else {
        m.insert(
            "value_template".into(),
            json!(format!("{{{{ value_json['values'][{key}] }}}}")),
        );
        if !e.text {
            if !e.unit.is_empty() {
                m.insert("unit_of_measurement".into(), json!(ha_unit(e.unit)));
            }
            if let Some(class) = device_class(e.unit) {
                m.insert("device_class".into(), json!(class));
            }
            let total = e.unit.eq_ignore_ascii_case("kwh")
                || e.unit.eq_ignore_ascii_case("kvarh")
                || e.unit.eq_ignore_ascii_case("kvah");
            let state_class = if total {
                "total_increasing"
            } else {
                "measurement"
            };
            m.insert("state_class".into(), json!(state_class));
        }
    }
    (topic, c)
}

/// Home Assistant's spelling of a unit where it differs.
fn ha_unit(unit: &str) -> &str {
    match unit {
        "kvar" | "kVAr" => "kvar",
        "RPM" | "rpm" | "r/min" => "rpm",
        other => other,
    }
}

/// The device class Home Assistant has for a unit, if one fits.
pub fn device_class(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "V" | "mV" | "kV" => "voltage",
        "A" | "mA" => "current",
        "Hz" => "frequency",
        "W" | "kW" | "MW" => "power",
        "VA" | "kVA" => "apparent_power",
        "var" | "kvar" | "kVAr" => "reactive_power",
        "Wh" | "kWh" | "MWh" => "energy",
        "°C" | "°F" | "℃" => "temperature",
        "kPa" | "bar" | "Pa" | "psi" | "MPa" => "pressure",
        "h" | "min" | "s" => "duration",
        _ => return None,
    })
}

/// A name made into an id: lowercase letters, digits and `_`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let t = out.trim_matches('_');
    if t.is_empty() { "x".into() } else { t.into() }
}
