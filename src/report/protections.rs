//! The protection tests of a commissioning: the map's shutdown alarms, each passed when the
//! recording shows its alarm coil coming on (with the time until the engine stopped), or
//! ticked by hand with a note.

use super::ReportError;
use super::readings::readings;
use crate::proto::Table;
use crate::proto::map::{AlarmKind, RegisterMap};
use crate::store::reader::{CommissioningRow, Recording};

/// Protection tests every commissioning covers, found among the map's shutdown alarms by role
/// or by name, in this order; the map's other shutdown alarms follow.
const USUAL_TESTS: [&str; 5] = [
    "emergency stop",
    "overspeed",
    "low oil pressure",
    "high temperature",
    "crank failure",
];

/// How a protection test was passed.
#[derive(Debug, Clone, PartialEq)]
pub struct Protection {
    /// The test (the alarm's name in the map, or the engineer's).
    pub name: String,
    /// The alarm coil, when the map has one.
    pub coil: Option<u16>,
    /// The recording shows the alarm coming on at this time.
    pub seen_ms: Option<i64>,
    /// ... and the generator stopped this long after (speed, else frequency, read 0).
    pub stopped_after_ms: Option<i64>,
    /// Ticked by hand: when, and the note.
    pub by_hand: Option<(i64, String)>,
}

impl Protection {
    /// Whether the test is passed, by the recording or by hand.
    pub fn done(&self) -> bool {
        self.seen_ms.is_some() || self.by_hand.is_some()
    }
}

/// Whether a stored alarm reading says "on": a coil reads 0 or 1; a word that is the map's
/// "no data" value (32766) says nothing, so it never ticks a test.
fn alarm_on(map: &RegisterMap, raw: u16) -> Option<bool> {
    if map.settings.no_data == Some(raw) {
        return None;
    }
    Some(raw == 1)
}

pub(super) fn protections(
    rec: &Recording,
    id: i64,
    map: &RegisterMap,
    log: &[CommissioningRow],
    (first, last): (i64, i64),
) -> Result<Vec<Protection>, ReportError> {
    // The map's shutdown alarms (coils, or bits of a register), the usual tests first.
    let rank = |name: &str, role: Option<&str>| {
        let lower = name.to_lowercase();
        if role == Some("emergency_stop") {
            0
        } else {
            USUAL_TESTS
                .iter()
                .position(|u| lower.contains(u))
                .unwrap_or(USUAL_TESTS.len())
        }
    };
    let shutdown_coils = (map.coils.values().chain(map.discretes.values()))
        .filter(|c| c.alarm == Some(AlarmKind::Shutdown))
        .map(|c| {
            (
                rank(&c.name, c.role.as_deref()),
                c.table,
                c.addr,
                None,
                c.name.to_string(),
            )
        });
    let shutdown_bits = map
        .bits
        .values()
        .filter(|b| b.alarm == Some(AlarmKind::Shutdown))
        .map(|b| {
            let r = rank(&b.name, b.role.as_deref());
            (r, Table::Holding, b.addr, Some(b.bit), b.name.clone())
        });
    let mut coils: Vec<(usize, Table, u16, Option<u8>, String)> =
        shutdown_coils.chain(shutdown_bits).collect();
    coils.sort();
    // Speed, else frequency, reading 0 says the generator stopped.
    let stop_source = ["speed", "gen_frequency"]
        .iter()
        .filter_map(|r| map.register_by_role(r))
        .find(|s| s.words == 1);

    let mut out = Vec::new();
    for (_, table, addr, bit, name) in coils {
        let mut seen_ms = None;
        let mut was_on = None;
        for (t, raw) in rec.samples(id, table, addr, (first, last))? {
            let Some(on) = alarm_on(map, raw) else {
                continue;
            };
            let on = match bit {
                Some(b) => raw >> b & 1 == 1,
                None => on,
            };
            if on && was_on == Some(false) {
                seen_ms = Some(t);
                break;
            }
            was_on = Some(on);
        }
        let stopped_after_ms = match (seen_ms, stop_source) {
            (Some(t), Some(spec)) => readings(rec, id, map, spec, (t, last))?
                .into_iter()
                .find(|(_, v)| *v == Some(0.0))
                .map(|(ts, _)| ts - t),
            _ => None,
        };
        out.push(Protection {
            name,
            coil: bit.is_none().then_some(addr),
            seen_ms,
            stopped_after_ms,
            by_hand: None,
        });
    }
    // Ticks by hand (the last word on each test wins); tests the map does not name are added.
    for r in log {
        let hand = match r.kind.as_str() {
            "protection" => Some((r.t_ms, r.value.clone())),
            "protection_clear" => None,
            _ => continue,
        };
        match out
            .iter_mut()
            .find(|p| p.name.eq_ignore_ascii_case(&r.name))
        {
            Some(p) => p.by_hand = hand,
            None if hand.is_some() => out.push(Protection {
                name: r.name.clone(),
                coil: None,
                seen_ms: None,
                stopped_after_ms: None,
                by_hand: hand,
            }),
            None => {}
        }
    }
    Ok(out)
}
