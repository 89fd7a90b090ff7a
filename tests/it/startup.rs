//! How the desktop app starts: a settings file it cannot read is kept and said so until the
//! engineer dismisses it.

use std::sync::Arc;

use cmm_commissioner::app::Settings;
use cmm_commissioner::app::settings::Theme;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The `settings.json.bad-*` files in `dir`.
fn bad_copies(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("settings.json.bad-"))
        .collect()
}

/// A garbage settings file: the app starts with the defaults, the file is kept beside as
/// `settings.json.bad-TIME` with what it held, the status bar says so (later problems do not
/// hide it) until Dismiss, and the next save writes good settings without losing the copy.
#[test]
fn a_settings_file_that_cannot_be_read_is_kept_and_said_until_dismissed() {
    let dir = crate::common::TempDir::new("startup-settings");
    let path = dir.join("settings.json");
    let garbage = b"\x00\x13garbage {\"listen\": \xff";
    std::fs::write(&path, garbage).unwrap();

    // As the binary starts.
    let (settings, problem) = Settings::load(&path);
    let notice = problem.clone().expect("the problem is said");
    let kept = bad_copies(&dir);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), garbage);
    assert!(notice.contains(&kept[0].display().to_string()), "{notice}");
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::from_settings(settings, Some(p));
            startup.notice = problem;
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        });
    h.run_steps(2);
    // In the status bar (the event log has it too, as a line of its own).
    let shown = |h: &Harness<'_, CommissionerApp>| h.query_by_label(&notice).is_some();
    assert!(shown(&h), "the status bar says it");

    // Later problems, the core's and the window's own, come after it without hiding it.
    h.state_mut().state_mut().last_error = Some("modem 1: connection reset".into());
    h.state_mut().view().notice = Some("the core is busy".into());
    h.run_steps(2);
    assert!(shown(&h));
    assert!(h.query_by_label("the core is busy").is_some());

    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(!shown(&h), "dismissed");
    // Gone for good: also where the core says the same as its last error.
    h.state_mut().state_mut().last_error = Some(notice.clone());
    h.state_mut().view().notice = None;
    h.run_steps(2);
    assert!(!shown(&h), "dismissed, whoever says it");

    // The next save writes good settings; the copy stays as it was.
    h.state_mut().view().settings.theme = Theme::Dark;
    h.state_mut().shutdown();
    drop(h);
    let (saved, problem) = Settings::load(&path);
    assert_eq!((saved.theme, problem), (Theme::Dark, None));
    assert_eq!(std::fs::read(&kept[0]).unwrap(), garbage);
    assert_eq!(bad_copies(&dir).len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
