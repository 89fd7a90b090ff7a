//! The Commissioning window, driven through its accessibility tree: the warning before a
//! report with nothing entered, a test of the engineer's own with its note, and the limits.

use cmm_commissioner::report::Commissioning;
use cmm_commissioner::ui::CommissionerApp;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::gui::{has, start_recorded_app, until};

/// The app recording a demo modem to `dir`, its Commissioning window open on the modem.
pub(crate) fn open_window(dir: &std::path::Path) -> (Harness<'static, CommissionerApp>, String) {
    let _ = std::fs::remove_dir_all(dir);
    let mut h = start_recorded_app(dir.join("run.cmmrec"), 1, Some(200));
    until(&mut h, "a modem with data", |h| {
        h.state()
            .state()
            .targets
            .values()
            .any(|t| !t.image.is_empty())
    });
    let hostid = h.state().state().targets.keys().next().unwrap().clone();
    h.state_mut().view().selected = Some(hostid.clone());
    h.get_by_label("File").click();
    until(&mut h, "the File menu", |h| has(h, "Commissioning…"));
    h.get_by_label("Commissioning…").click();
    until(&mut h, "the commissioning read", |h| {
        commissioning(h, &hostid).is_some()
    });
    until(&mut h, "the window drawn", |h| has(h, "Report file"));
    (h, hostid)
}

/// Clicks a node that may lie below the window's fold (its sections scroll).
fn click_in_view(
    h: &mut Harness<'static, CommissionerApp>,
    node: impl for<'a> Fn(&'a Harness<'static, CommissionerApp>) -> egui_kittest::Node<'a>,
) {
    node(h).scroll_to_me();
    h.step();
    h.step();
    // Through accessibility, wherever the scrolling left it.
    node(h).click_accesskit();
    h.step();
}

fn commissioning(h: &Harness<'_, CommissionerApp>, hostid: &str) -> Option<Commissioning> {
    h.state()
        .state()
        .commissioning
        .get(hostid)?
        .as_ref()
        .ok()
        .cloned()
}

fn type_into(h: &mut Harness<'_, CommissionerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
}

#[test]
fn a_report_with_nothing_entered_is_asked_for_first() {
    let dir = crate::common::TempDir::new("gui-empty");
    let (mut h, hostid) = open_window(&dir);
    assert_eq!(commissioning(&h, &hostid).unwrap().entries, 0);
    let pdf = dir.join("empty.pdf");
    type_into(&mut h, "Report file", pdf.to_str().unwrap());
    h.get_by_label("Make the report").click();
    until(&mut h, "the warning", |h| {
        has(h, "no site, no steps, no tests: make it anyway?")
    });
    assert!(
        h.state().state().report_result.is_none(),
        "nothing made yet"
    );
    h.get_by_label("Cancel").click();
    until(&mut h, "the warning gone", |h| {
        !has(h, "no site, no steps, no tests")
    });
    assert!(h.state().state().report_result.is_none(), "cancelled");
    h.get_by_label("Make the report").click();
    until(&mut h, "the warning again", |h| has(h, "make it anyway?"));
    h.get_by_label("Make it anyway").click();
    until(&mut h, "the report written", |h| {
        h.state()
            .state()
            .report_result
            .as_ref()
            .is_some_and(|r| r.is_ok())
    });
    assert!(pdf.exists());
    // A field typed and not saved is saved first: the report shows what the window shows,
    // and asks nothing.
    type_into(&mut h, "Site", "North Quarry");
    let typed = dir.join("typed.pdf");
    h.state_mut().view().commission.path = typed.to_str().unwrap().to_string();
    h.state_mut().state_mut().report_result = None;
    h.get_by_label("Make the report").click();
    until(&mut h, "the second report written", |h| {
        h.state()
            .state()
            .report_result
            .as_ref()
            .is_some_and(|r| r.is_ok())
    });
    assert!(!has(&h, "make it anyway?"), "not asked: a field is typed");
    let text = std::process::Command::new("pdftotext")
        .args([typed.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("North Quarry"), "{text}");
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_test_of_the_engineers_own_keeps_its_note_and_limits_are_saved() {
    let dir = crate::common::TempDir::new("gui-own-test");
    let (mut h, hostid) = open_window(&dir);
    let by_hint = |hint: &'static str| {
        egui_kittest::kittest::by()
            .role(egui::accesskit::Role::TextInput)
            .predicate(move |n| n.placeholder() == Some(hint))
    };
    until(&mut h, "the own test's field", |h| {
        h.query_all(by_hint("another test (e.g. load rejection)"))
            .next()
            .is_some()
    });
    h.get(by_hint("another test (e.g. load rejection)")).focus();
    h.step();
    h.get(by_hint("another test (e.g. load rejection)"))
        .type_text("Load rejection");
    h.step();
    // The own test's note is the last "how it was tested" (each test in the list has one).
    h.query_all(by_hint("how it was tested"))
        .last()
        .unwrap()
        .focus();
    h.step();
    h.query_all(by_hint("how it was tested"))
        .last()
        .unwrap()
        .type_text("100 % breaker opened, 56.1 Hz peak");
    h.step();
    click_in_view(&mut h, |h| h.get_all_by_label("Passed").last().unwrap());
    until(&mut h, "the own test ticked with its note", |h| {
        commissioning(h, &hostid).is_some_and(|c| {
            c.protections.iter().any(|p| {
                p.name == "Load rejection"
                    && p.by_hand
                        .as_ref()
                        .is_some_and(|b| b.1 == "100 % breaker opened, 56.1 Hz peak")
            })
        })
    });

    // The limits: shown with their defaults, changed, kept in the recording.
    click_in_view(&mut h, |h| h.get_by_label("Limits"));
    until(&mut h, "the limits", |h| has(h, "Nominal frequency"));
    assert!(
        h.query_all(by_hint("default 0.75")).next().is_some(),
        "the frequency band's default is shown"
    );
    type_into(&mut h, "Nominal frequency", "60");
    type_into(&mut h, "Minimum power factor (under load)", "abc");
    until(&mut h, "the bad number said", |h| has(h, "not a number"));
    assert!(
        h.get_by_label("Save the limits")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("Minimum power factor (under load)").focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label("Minimum power factor (under load)")
        .type_text("0.9");
    h.step();
    click_in_view(&mut h, |h| h.get_by_label("Save the limits"));
    until(&mut h, "the limits in the recording", |h| {
        commissioning(h, &hostid).is_some_and(|c| {
            c.fields.get("nominal_hz").map(String::as_str) == Some("60")
                && c.fields.get("limit_min_pf").map(String::as_str) == Some("0.9")
        })
    });
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}
