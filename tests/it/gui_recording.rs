//! A recording opened read-only in the real window (egui_kittest), moved to moments chosen by
//! the slider's row: a typed time, the previous and next event, and one reading back or on.
//! What the window shows is computed at the moment shown, never from the real clock.

use std::sync::Arc;

use cmm_commissioner::proto::Table;
use cmm_commissioner::store::export::iso_time;
use cmm_commissioner::store::{Record, Recorder};
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::gui::{has, until};

/// 2026-11-24 10:00:00 UTC: the recording's times are offsets from it.
const B: i64 = 1_795_514_400_000;

/// Two modems: north online from 1 s, its battery voltage changing at 1, 5, 20 and 30 s,
/// offline at 32 s; south online throughout, changing at 2, 15 and 40 s; a marker at 10 s.
fn recording(file: &std::path::Path) {
    let r = Recorder::open(file, "test").unwrap();
    let ev = |target: Option<&str>, kind: &'static str, t: i64| Record::Event {
        target: target.map(str::to_string),
        kind,
        text: kind.into(),
        t_ms: B + t,
    };
    for (key, name, times) in [
        ("H1", "north", &[1_000, 5_000, 20_000, 30_000][..]),
        ("H2", "south", &[2_000, 15_000, 40_000][..]),
    ] {
        r.record(Record::Target {
            key: key.into(),
            hostname: name.into(),
            moduletype: "HGM6120N-4G".into(),
            accepted: Some(true),
            module_port: None,
            module_baud: None,
            peer: "192.0.2.7:4000".into(),
            t_ms: B + 1_000,
        });
        r.record(ev(Some(key), "online", 1_000));
        for (i, t) in times.iter().enumerate() {
            r.record(Record::Sample {
                target: key.into(),
                table: Table::Holding,
                addr: 24,
                raw: 250 + i as u16,
                t_ms: B + t,
            });
        }
    }
    r.record(ev(None, "marker", 10_000));
    r.record(ev(Some("H1"), "offline", 32_000));
    r.close().unwrap();
}

/// The app showing `file` read-only in a window of `size`.
fn open_read_only(file: &std::path::Path, size: [f32; 2]) -> Harness<'static, CommissionerApp> {
    let f = file.to_path_buf();
    Harness::builder().with_size(size).build_eframe(move |cc| {
        let ctx = cc.egui_ctx.clone();
        let startup = Startup {
            offline: Some(f.clone()),
            ..Default::default()
        };
        CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
    })
}

/// The moment the bar shows, as it shows it.
fn at(h: &Harness<'_, CommissionerApp>, t: i64) -> bool {
    has(h, &iso_time(B + t, false)) && !has(h, "reading…")
}

#[test]
fn a_recording_shows_the_moment_chosen_by_typed_time_events_and_readings() {
    let dir = crate::common::TempDir::new("gui-moment");
    let file = dir.join("site.cmmrec");
    recording(&file);
    let mut h = open_read_only(&file, [1400.0, 900.0]);
    // At its end (40 s): north went offline at 32 s, seen last at 30 s; south just read.
    until(&mut h, "both modems at the recording's end", |h| {
        at(h, 40_000)
            && has(h, "north  (OFFLINE)")
            && has(h, "south  (online)")
            && h.query_all_by_label_contains("seen 10 s ago")
                .next()
                .is_some()
            && h.query_all_by_label_contains("seen 0 s ago")
                .next()
                .is_some()
    });
    // Nothing links to a recording: no serial link, no simulated modems.
    assert!(
        h.get_by_label("Connect serial…")
            .accesskit_node()
            .is_disabled()
    );
    // The slider spans the window: a pixel is a short time on a long recording.
    let slider = h.get_by_role(Role::Slider).rect();
    assert!(slider.width() > 0.6 * 1400.0, "slider {slider:?}");

    // A typed moment: north online then, seen 7 s before it.
    h.get_by_label("Moment").focus();
    h.step();
    h.get_by_label("Moment").type_text("2026-11-24T10:00:12Z");
    h.step();
    h.key_press(egui::Key::Enter);
    until(&mut h, "the typed moment", |h| {
        at(h, 12_000)
            && has(h, "north  (online)")
            && h.query_all_by_label_contains("seen 7 s ago")
                .next()
                .is_some()
    });

    // One reading on and back, of the selected target: north (south changed at 15 s).
    h.get_by_label("north  (online)").click();
    h.step();
    h.get_by_label("+1 reading").click();
    until(
        &mut h,
        "north's next reading (20 s), not south's (15 s)",
        |h| at(h, 20_000),
    );
    h.get_by_label("-1 reading").click();
    until(&mut h, "north's reading before (5 s)", |h| at(h, 5_000));
    // The events: the marker at 10 s, then north's offline at 32 s.
    h.get_by_label("Next event").click();
    until(&mut h, "the marker", |h| at(h, 10_000));
    h.get_by_label("Next event").click();
    until(&mut h, "north going offline", |h| {
        at(h, 32_000) && has(h, "north  (OFFLINE)")
    });
    h.get_by_label("Previous event").click();
    until(&mut h, "back to the marker", |h| at(h, 10_000));
    let _ = std::fs::remove_dir_all(&dir);
}

/// File > Save a copy… from a recording shown read-only: a time range of one target, typed in
/// the window, makes a file with only that target and that time (and the values standing when
/// it begins).
#[test]
fn a_copy_of_one_target_over_a_time_range_is_saved_from_the_window() {
    let dir = crate::common::TempDir::new("gui-copy");
    let file = dir.join("site.cmmrec");
    recording(&file);
    let mut h = open_read_only(&file, [1280.0, 720.0]);
    until(&mut h, "the recording", |h| has(h, "south  (online)"));
    h.get_by_label("south  (online)").click();
    h.state_mut().view().record.copy_open = true;
    until(&mut h, "the copy window", |h| {
        has(h, "Save a copy of the recording")
    });
    let out = dir.join("south-part.cmmrec");
    let time = |t: i64| iso_time(B + t, true);
    for (field, text) in [
        ("From", time(10_000)),
        ("To", time(20_000)),
        ("File", out.display().to_string()),
    ] {
        // The copy window's fields are the last of their names (the export's come first).
        h.query_all_by_label(field).last().unwrap().click();
        h.step();
        h.query_all_by_label(field).last().unwrap().type_text(&text);
        h.step();
    }
    h.get_by_label("only south").click();
    h.step();
    h.get_by_label("Save").click();
    until(&mut h, "the copy saved", |h| {
        h.query_all_by_label_contains("saved a copy of the recording to")
            .next()
            .is_some()
    });
    let copy = cmm_commissioner::store::reader::Recording::open(&out).unwrap();
    let targets = copy.targets().unwrap();
    assert_eq!(
        targets.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(),
        ["H2"]
    );
    let (a, b) = copy.span().unwrap().unwrap();
    // South's value standing at 10 s (read at 2 s) is kept, then its reading at 15 s.
    assert!(a >= B + 2_000 && b <= B + 20_000, "{a} {b}");
    assert_eq!(copy.count("sample").unwrap(), 2);
    drop(copy);
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A load step the genset's shutdown ended, in a recording shown read-only: the Commissioning
/// window says the step ended by the trip, at its time, and is not still running.
#[test]
fn the_commissioning_window_says_a_step_ended_by_a_trip() {
    let dir = crate::common::TempDir::new("gui-trip");
    let file = dir.join("trip.cmmrec");
    let r = Recorder::open(&file, "test").unwrap();
    r.record(Record::Target {
        key: "H1".into(),
        hostname: "north".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: Some(true),
        module_port: Some(2),
        module_baud: Some(0),
        peer: "192.0.2.7:4000".into(),
        t_ms: B,
    });
    r.record(Record::Event {
        target: Some("H1".into()),
        kind: "online",
        text: "online".into(),
        t_ms: B,
    });
    // Running at 1500 rpm and 50 Hz; the emergency stop coil (8) at 40 s, as the engine
    // stops in the same upload.
    let sample = |table, addr, raw, s: i64| Record::Sample {
        target: "H1".into(),
        table,
        addr,
        raw,
        t_ms: B + s * 1000,
    };
    r.record(sample(Table::Holding, 23, 1500, 1));
    r.record(sample(Table::Holding, 13, 500, 1));
    r.record(sample(Table::Coils, 8, 0, 1));
    r.record(Record::Commissioning {
        target: "H1".into(),
        kind: "step_start",
        name: "100 %".into(),
        value: "3600".into(),
        t_ms: B + 10_000,
    });
    r.record(sample(Table::Coils, 8, 1, 40));
    r.record(sample(Table::Holding, 23, 0, 40));
    r.record(sample(Table::Holding, 13, 0, 40));
    // Offline after its last reading: an event beyond the readings' span.
    r.record(Record::Event {
        target: Some("H1".into()),
        kind: "offline",
        text: "offline".into(),
        t_ms: B + 50_000,
    });
    r.close().unwrap();
    let mut h = open_read_only(&file, [1280.0, 720.0]);
    until(&mut h, "the recording", |h| {
        has(h, "north  (OFFLINE)") || has(h, "north  (online)")
    });
    h.state_mut().view().selected = Some("H1".into());
    h.state_mut().view().commission.open = true;
    until(&mut h, "the step ended by the trip", |h| {
        h.query_all_by_label_contains("ended by Emergency Stop at")
            .next()
            .is_some()
    });
    assert!(
        h.query_all_by_label_contains("Running: 100 %")
            .next()
            .is_none(),
        "the step is not running"
    );
    // The event beyond the readings is reached and shown (the slider reaches it too), and
    // past it the window says there is nothing more, not as an error.
    h.state_mut().view().commission.open = false;
    h.step();
    h.get_by_label("Next event").click_accesskit();
    until(&mut h, "the offline beyond the readings, shown", |h| {
        at(h, 50_000) && has(h, "north  (OFFLINE)")
    });
    h.get_by_label("Next event").click_accesskit();
    until(&mut h, "nothing after it, said", |h| {
        h.query_all_by_label_contains("no event recorded after this moment")
            .next()
            .is_some()
    });
    assert!(
        h.query_all_by_label_contains("error: no event")
            .next()
            .is_none(),
        "not an error"
    );
    assert!(
        !has(&h, "reading…"),
        "not waiting for a moment it cannot show"
    );
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A trip in the window: the overview marks the first-out alarm live; the Journal tab reads
/// the recording being written and shows the trip with its kind and the first-out mark; a
/// click on a row shows the plots around it; Show picks one kind.
#[test]
fn a_trip_shows_its_first_out_in_the_overview_and_the_journal() {
    use cmm_commissioner::journal::Kind;
    let dir = crate::common::TempDir::new("gui-journal");
    let file = dir.join("run.cmmrec");
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::default();
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.server.online_rate = 200;
            startup.record = Some(file.clone());
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    h.step();
    let addr = crate::gui::server_addr(&mut h);
    let (_rt, stop) = crate::gui::scenario_modem(
        addr,
        "3130373031334717003D0A02",
        "TRIP-SET",
        "0:manual,2:fault=9,4:fault=19",
    );
    until(&mut h, "the modem's overview", |h| {
        has(h, "TRIP-SET  3130373031334717003D0A02")
    });
    until(&mut h, "the first-out in the overview", |h| {
        has(h, "FIRST-OUT (+1 after it)")
    });
    h.get_by_label("Journal").click();
    until(&mut h, "the trip in the journal", |h| {
        has(h, "Overspeed Alarm Shutdown (shutdown)")
            && has(h, "Low Oil Pressure Shutdown (shutdown)")
    });
    assert!(has(&h, "FIRST-OUT (+1 after it)"), "the first-out marked");
    assert!(
        h.state_mut().view().plot.follow,
        "following until a row is clicked"
    );
    h.get_by_label("Overspeed Alarm Shutdown (shutdown)")
        .click();
    h.step();
    h.step();
    assert!(
        !h.state_mut().view().plot.follow,
        "the plots moved to the event"
    );
    until(&mut h, "speed, frequency and power plotted", |h| {
        h.state().state().plotted.len() == 3
    });
    // One kind only: the alarms go.
    h.state_mut().view().journal.kind = Some(Kind::Mode);
    until(&mut h, "only mode changes", |h| {
        !has(h, "Overspeed Alarm Shutdown (shutdown)")
    });
    stop.cancel();
    h.state_mut().shutdown();
}
