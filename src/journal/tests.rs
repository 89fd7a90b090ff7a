//! Tests of the journal's core, with the shipped HGM6100N map.

use super::*;
use crate::proto::Table::{Coils, Holding};
use crate::proto::map::builtin_maps;

fn hgm6100n() -> std::sync::Arc<RegisterMap> {
    crate::proto::map::resolve(&builtin_maps(), "HGM6120N")
}

const MANUAL: u16 = 42;
const AUTO: u16 = 41;
const STATUS: u16 = 34;
const SPEED: u16 = 23;
const GEN_BREAKER: u16 = 7;
const OVERSPEED: u16 = 9;
const LOW_OIL: u16 = 19;
const COMMON_SHUTDOWN: u16 = 2;

#[test]
fn the_first_upload_sets_the_scene_and_the_next_say_what_changed() {
    let map = hgm6100n();
    let mut t = Tracker::new("H", &map);
    let first = t.upload(
        1_000,
        &[
            (Coils, MANUAL, 1),
            (Holding, STATUS, 0),
            (Holding, SPEED, 0),
            (Coils, GEN_BREAKER, 0),
        ],
    );
    assert!(first.is_empty(), "{first:?}");
    let rows = t.upload(
        2_000,
        &[
            (Coils, MANUAL, 0),
            (Coils, AUTO, 1),
            (Holding, STATUS, 9),
            (Holding, SPEED, 1500),
            (Coils, GEN_BREAKER, 1),
        ],
    );
    let said: Vec<(Kind, &str)> = rows.iter().map(|r| (r.kind, r.text.as_str())).collect();
    assert_eq!(
        said,
        [
            (Kind::Mode, "mode Manual → Auto"),
            (Kind::Status, "status Standby → Normal Running"),
            (Kind::Breaker, "generator breaker closed"),
            (Kind::Start, "engine started"),
        ]
    );
    // Each row carries the key values, with their change since the reading before.
    let speed = rows[0]
        .values
        .iter()
        .find(|v| v.label == "Engine speed")
        .unwrap();
    assert_eq!((speed.value, speed.change), (Some(1500.0), Some(1500.0)));
    assert_eq!(speed.unit, "RPM");
    let stop = t.upload(3_000, &[(Holding, SPEED, 0)]);
    assert_eq!(stop.len(), 1);
    assert_eq!(
        (stop[0].kind, stop[0].text.as_str()),
        (Kind::Stop, "engine stopped")
    );
}

#[test]
fn alarms_on_and_cleared_with_their_kind_and_the_first_out_among_those_that_came_together() {
    let map = hgm6100n();
    let mut t = Tracker::new("H", &map);
    let mut rows = t.upload(0, &[(Holding, SPEED, 1500)]);
    // The overspeed trips; the common shutdown summary comes with it (no row of its own);
    // low oil pressure follows 2 s later as the engine runs down.
    rows.extend(t.upload(
        10_000,
        &[(Coils, OVERSPEED, 1), (Coils, COMMON_SHUTDOWN, 1)],
    ));
    rows.extend(t.upload(12_000, &[(Coils, LOW_OIL, 1), (Holding, SPEED, 0)]));
    // A later, separate trip starts a group of its own.
    rows.extend(t.upload(20_000, &[(Coils, OVERSPEED, 0), (Coils, LOW_OIL, 0)]));
    rows.extend(t.upload(30_000, &[(Coils, 8, 1)]));
    mark_first_out(&mut rows);
    let alarms: Vec<_> = rows
        .iter()
        .filter(|r| r.alarm.is_some())
        .map(|r| {
            (
                r.t_ms,
                r.kind,
                r.text.as_str(),
                r.first_out,
                r.came_with.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        alarms,
        [
            (
                10_000,
                Kind::AlarmOn,
                "Overspeed Alarm Shutdown",
                Some(1),
                None
            ),
            (
                12_000,
                Kind::AlarmOn,
                "Low Oil Pressure Shutdown",
                None,
                Some("Overspeed Alarm Shutdown")
            ),
            (
                20_000,
                Kind::AlarmOff,
                "Overspeed Alarm Shutdown cleared",
                None,
                None
            ),
            (
                20_000,
                Kind::AlarmOff,
                "Low Oil Pressure Shutdown cleared",
                None,
                None
            ),
            (30_000, Kind::AlarmOn, "Emergency Stop", Some(0), None),
        ]
    );
    assert!(
        rows.iter()
            .filter(|r| r.alarm.is_some())
            .all(|r| r.alarm == Some(AlarmKind::Shutdown))
    );
}

#[test]
fn within_one_upload_the_first_out_is_the_lower_address() {
    let map = hgm6100n();
    let mut t = Tracker::new("H", &map);
    let mut rows = t.upload(0, &[(Holding, SPEED, 1500)]);
    rows.extend(t.upload(5_000, &[(Coils, LOW_OIL, 1), (Coils, OVERSPEED, 1)]));
    mark_first_out(&mut rows);
    assert_eq!(rows[0].text, "Overspeed Alarm Shutdown");
    assert_eq!(rows[0].first_out, Some(1));
    assert_eq!(
        rows[1].came_with.as_deref(),
        Some("Overspeed Alarm Shutdown")
    );
}

#[test]
fn an_alarm_on_when_first_read_is_said_but_starts_no_group() {
    let map = hgm6100n();
    let mut t = Tracker::new("H", &map);
    let mut rows = t.upload(0, &[(Coils, OVERSPEED, 1)]);
    rows.extend(t.upload(1_000, &[(Coils, LOW_OIL, 1)]));
    mark_first_out(&mut rows);
    assert_eq!(
        rows[0].text,
        "Overspeed Alarm Shutdown (on when first read)"
    );
    assert_eq!(rows[0].first_out, None);
    assert_eq!(
        rows[1].first_out,
        Some(0),
        "the first to come on while watched"
    );
}

#[test]
fn kinds_read_back_from_their_names() {
    for k in Kind::ALL {
        assert_eq!(Kind::parse(k.name()), Some(k));
    }
    assert_eq!(Kind::parse("nonsense"), None);
}
