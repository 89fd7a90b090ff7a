//! The real desktop app driven through its accessibility tree (egui_kittest), against a
//! simulated modem on the app's own server: a named value arrives, a remote command goes out
//! through the confirmation dialog, and its outcome is confirmed by the next readings.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::sync::Arc;
use std::time::{Duration, Instant};

use cmm_commissioner::link::ServerConfig;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const GUARD: Duration = Duration::from_secs(20);

/// Runs frames until `found` holds (the app draws what its events brought).
fn until(
    h: &mut Harness<'_, CommissionerApp>,
    what: &str,
    found: impl Fn(&Harness<'_, CommissionerApp>) -> bool,
) {
    let deadline = Instant::now() + GUARD;
    while !found(h) {
        assert!(Instant::now() < deadline, "never saw {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_command_goes_through_the_confirmation_dialog_and_is_confirmed_by_the_readings() {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(|cc| {
            let ctx = cc.egui_ctx.clone();
            let server = ServerConfig {
                listen: "127.0.0.1:0".parse().unwrap(),
                ..Default::default()
            };
            let startup = Startup {
                server,
                demo: true,
                demo_modems: 1,
            };
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    until(&mut h, "the modem", |h| {
        h.query_all_by_label_contains("DEMO-GENSET")
            .next()
            .is_some()
    });
    until(&mut h, "a named value", |h| {
        h.query_all_by_label("Mains UA").next().is_some()
    });
    until(&mut h, "the mode", |h| {
        h.query_all_by_label("Mode: Auto").next().is_some()
    });

    h.get_by_label("Manual").click();
    h.step();
    h.step();
    h.get_by_label_contains("Frame: 01050004FF00CDFB");
    h.get_by_label("Send").click();
    until(&mut h, "the outcome", |h| {
        h.query_all_by_label_contains("accepted 01050004FF00CDFB,1")
            .next()
            .is_some()
    });
    until(&mut h, "the readings confirm it", |h| {
        h.query_all_by_label_contains("confirmed by the readings")
            .next()
            .is_some()
    });
    until(&mut h, "manual mode", |h| {
        h.query_all_by_label("Mode: Manual").next().is_some()
    });

    // Cancel sends nothing.
    h.get_by_label("Stop").click();
    h.step();
    h.step();
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    assert!(
        h.query_all_by_label_contains("write coil 1")
            .next()
            .is_none(),
        "a cancelled command is not sent"
    );
    assert_eq!(h.state().state().commands.len(), 1);
}
