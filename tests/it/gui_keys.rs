//! Every key that reaches the window reaches its field: typed text and a click in the same
//! frame, and text that an input method (ibus, fcitx) hands over after a fast click, end up
//! in the value that the dialog shows and Send sends, and in the note of a marker.

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Event, ImeEvent, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use cmm_commissioner::ui::CommissionerApp;

use crate::gui::{start_app_stepping, start_recorded_app, until};

/// The P% setpoint of the demo's HGM9520N: register 4368, in 0.1 %.
const SETPOINT: &str = "Active Power Setpoint (P%)";

fn has(h: &Harness<'_, CommissionerApp>, label: &str) -> bool {
    h.query_all_by_label_contains(label).next().is_some()
}

/// The editor's field with this hint (the value fields have no label of their own).
fn field_with_hint<'h>(
    h: &'h Harness<'_, CommissionerApp>,
    hint: &'h str,
) -> egui_kittest::Node<'h> {
    h.query_by(move |n| n.role() == Role::TextInput && n.placeholder() == Some(hint))
        .unwrap_or_else(|| panic!("no field with the hint {hint}"))
}

fn text(t: &str) -> Event {
    Event::Text(t.to_string())
}

fn commit(t: &str) -> Event {
    Event::Ime(ImeEvent::Commit(t.to_string()))
}

/// One frame whose input holds `events` in this order, as a window gets them from the system.
fn frame(h: &mut Harness<'_, CommissionerApp>, events: Vec<Event>) {
    h.input_mut().events.extend(events);
    h.step();
}

/// The pointer on `button`, then one frame with `typed` followed by the click on it.
fn type_and_click(h: &mut Harness<'_, CommissionerApp>, typed: Vec<Event>, button: &str) {
    let at = h.get_by_label(button).rect().center();
    frame(h, vec![Event::PointerMoved(at)]);
    let mut events = typed;
    for pressed in [true, false] {
        events.push(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    frame(h, events);
}

/// The demo's HGM9520N selected, its setpoint read back.
fn start_on_the_hgm9520n() -> Harness<'static, CommissionerApp> {
    // Frames 1/60 s apart, as on screen: keys late by a frame or two are late by ms.
    let mut h = start_app_stepping(1.0 / 60.0, 3, None);
    until(&mut h, "the third demo modem", |h| {
        has(h, "DEMO-GENSET-3  (online)")
    });
    h.get_by_label("DEMO-GENSET-3  (online)").click();
    until(&mut h, "the setpoint read back", |h| has(h, "now 100.0 %"));
    h
}

/// Focuses the register value field with the address of the setpoint typed, the value empty.
fn ready_register_row(h: &mut Harness<'_, CommissionerApp>) {
    h.get_by_label("Register").focus();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label("Register").type_text("4368");
    h.step();
    field_with_hint(h, "value").focus();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.step();
}

fn send_the_dialog(h: &mut Harness<'_, CommissionerApp>) {
    // Let the dialog settle where it opens before the pointer goes to Send.
    for _ in 0..5 {
        h.step();
    }
    let before = h.state().state().commands.len();
    h.get_by_label("Send").click();
    until(h, "the write sent", |h| {
        h.state().state().commands.len() > before
    });
    assert!(h.state_mut().view().editor.pending.is_none());
}

fn last_frame_sent(h: &Harness<'_, CommissionerApp>) -> String {
    let state = h.state().state();
    let last = state.commands.last().expect("a command was sent");
    last.frame.clone().unwrap_or_default()
}

#[test]
fn keys_typed_in_the_frame_of_the_click_are_in_the_value_sent() {
    let mut h = start_on_the_hgm9520n();
    ready_register_row(&mut h);
    let typed = ["2", "5", ".", "5"].map(text).to_vec();
    type_and_click(&mut h, typed, "Write…");
    h.step();
    assert!(
        has(&h, "Frame: 0106111000FF"),
        "the dialog writes 25.5 % (255 in 0.1 %)"
    );
    send_the_dialog(&mut h);
    assert!(last_frame_sent(&h).starts_with("0106111000FF"));
    // Keys typed after another click, with no field focused, go nowhere.
    frame(&mut h, vec![text("9")]);
    assert_eq!(h.state_mut().view().editor.value, "25.5");
    h.state_mut().shutdown();
}

#[test]
fn keys_that_arrive_after_a_fast_click_are_in_the_value_shown_and_sent() {
    let mut h = start_on_the_hgm9520n();
    ready_register_row(&mut h);
    // The input method hands the last key over a frame after the click on Write….
    let typed = ["2", "5", "."].map(text).to_vec();
    type_and_click(&mut h, typed, "Write…");
    h.step();
    assert!(has(&h, "Frame: 0106111000FA"), "25. first (250)");
    frame(&mut h, vec![text("5")]);
    h.step();
    assert!(
        has(&h, "Frame: 0106111000FF"),
        "the dialog shows 25.5 once its last key arrives"
    );
    assert_eq!(
        h.state_mut().view().editor.value,
        "25.5",
        "the field has every key"
    );
    send_the_dialog(&mut h);
    assert!(last_frame_sent(&h).starts_with("0106111000FF"));

    // The same through an input method's commits, in the Configuration section; the last
    // one arrives with a click on Send, which then sends nothing: it was clicked on 32.0.
    h.get_by_label(SETPOINT).click();
    h.step();
    let typed = ["3", "2", "."].map(commit).to_vec();
    type_and_click(&mut h, typed, &format!("Set {SETPOINT}…"));
    for _ in 0..3 {
        h.step();
    }
    assert!(has(&h, "Frame: 01061110014"), "32. first (320)");
    let sent = h.state().state().commands.len();
    type_and_click(&mut h, vec![commit("5")], "Send");
    h.step();
    assert!(has(&h, "Frame: 010611100145"), "32.5 % (325 in 0.1 %)");
    assert!(has(
        &h,
        "Updated: keys typed before the click arrived after it"
    ));
    assert_eq!(h.state().state().commands.len(), sent, "nothing sent yet");
    send_the_dialog(&mut h);
    assert!(last_frame_sent(&h).starts_with("010611100145"));
    h.state_mut().shutdown();
}

#[test]
fn keys_that_arrive_after_a_fast_click_on_mark_are_in_the_marker() {
    let dir = crate::common::TempDir::new("gui-late-note");
    let mut h = start_recorded_app(dir.join("run.cmmrec"), 1, None);
    until(&mut h, "the recording", |h| has(h, "Recording run.cmmrec"));
    h.get_by_label("Note").click();
    h.step();
    let typed = "load step 2"
        .chars()
        .map(|c| text(&c.to_string()))
        .collect();
    type_and_click(&mut h, typed, "Mark");
    frame(&mut h, vec![text("5")]);
    let markers = |h: &Harness<'_, CommissionerApp>| -> Vec<String> {
        let state = h.state().state();
        let lines = state.log.lines();
        let marks = lines.filter(|l| l.text.starts_with("marker"));
        marks.map(|l| l.text.clone()).collect()
    };
    until(&mut h, "the marker in the log", |h| !markers(h).is_empty());
    // A moment more: no second marker follows.
    for _ in 0..10 {
        h.step();
    }
    let markers = markers(&h);
    assert_eq!(
        markers,
        ["marker: load step 25"],
        "one marker, with the whole note"
    );
    assert_eq!(
        h.state_mut().view().record.note,
        "",
        "the note went with it"
    );
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Keys typed right after a click into another field go into that field, never back into the
/// one the click left, also when they arrive in the frame of the click.
#[test]
fn keys_typed_right_after_clicking_another_field_go_into_that_field() {
    let mut h = start_on_the_hgm9520n();
    ready_register_row(&mut h);
    h.get_by_label("Register").focus();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.step();
    frame(&mut h, vec![text("4"), text("3")]);
    let at = field_with_hint(&h, "value").rect().center();
    frame(&mut h, vec![Event::PointerMoved(at)]);
    let mut events = Vec::new();
    for pressed in [true, false] {
        events.push(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    events.push(text("7"));
    frame(&mut h, events);
    for _ in 0..3 {
        h.step();
    }
    let editor = &h.state_mut().view().editor;
    assert_eq!(
        (editor.addr.as_str(), editor.value.as_str()),
        ("43", "7"),
        "the 7 is in the field clicked"
    );
    h.state_mut().shutdown();
}
