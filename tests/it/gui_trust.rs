//! The window says what a command will do and shows the genset as it is now: the modem's
//! port form, offline targets.

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use crate::gui::{start_app, until};

#[test]
fn the_modem_port_form_starts_from_the_modems_setting_and_names_the_change() {
    let mut h = start_app(3, None);
    until(&mut h, "the third modem", |h| {
        h.query_all_by_label("DEMO-GENSET-3  (online)")
            .next()
            .is_some()
    });
    h.get_by_label("DEMO-GENSET-3  (online)").click_accesskit();
    until(&mut h, "its setting from the login", |h| {
        h.query_all_by_label("RS485, 9600 baud").next().is_some()
    });
    // Only the baud is changed.
    h.get_by_role_and_label(Role::ComboBox, "baud")
        .click_accesskit();
    h.step();
    h.step();
    h.get_by_label("19200").click_accesskit();
    h.step();
    h.step();
    h.get_by_label("Set port and baud…").click_accesskit();
    h.step();
    h.step();
    h.get_by_label("Send to the modem?");
    h.get_by_label_contains("RS485 at 9600 -> RS485 at 19200");
    assert!(
        h.query_all_by_label_contains("disabled").next().is_none(),
        "nothing says disabled"
    );
    assert!(
        h.query_all_by_label_contains("stop talking")
            .next()
            .is_none(),
        "no warning for a baud change on the same port"
    );
    h.get_by_label("Cancel").click_accesskit();
    h.step();

    // The port disabled: the dialog warns.
    h.get_by_role_and_label(Role::ComboBox, "at")
        .click_accesskit();
    h.step();
    h.step();
    h.get_by_label("disabled").click_accesskit();
    h.step();
    h.step();
    h.get_by_label("Set port and baud…").click_accesskit();
    h.step();
    h.step();
    h.get_by_label_contains("RS485 at 9600 -> disabled at 19200");
    h.get_by_label_contains("The modem will stop talking to its controller");
}
