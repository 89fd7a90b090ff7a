//! The window says what a command will do and shows the genset as it is now: the modem's
//! port form, offline targets.

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

use cmm_commissioner::app::Command;

use crate::gui::{
    SCENARIO_GUARD, filter, has, scenario_modem, server_addr, start_app, until, until_within,
};

/// A modem whose login did not give its port and baud: the form says so, starts from
/// nothing, and sends nothing until both are chosen.
#[test]
fn the_modem_port_form_has_no_default_when_the_login_did_not_say() {
    use std::io::{Read, Write};
    let mut h = start_app(0, None);
    let addr = server_addr(&mut h);
    let hostid = "3130373031334717003D0077";
    use cmm_commissioner::proto::uplink::{Login, Uplink};
    let login = Uplink::Login(Login {
        hostid: hostid.into(),
        hostname: "MUTE-PORT".into(),
        password: "123456".into(),
        longitude: None,
        latitude: None,
        gpsen: None,
        altitude: None,
        moduletype: "HGM6120N-4G".into(),
        module_port: None,
        module_baud: None,
        warnings: Vec::new(),
    });
    let mut short = std::net::TcpStream::connect(addr).unwrap();
    short.write_all(login.to_json().as_bytes()).unwrap();
    short
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut reply = [0u8; 4096];
    let n = short.read(&mut reply).unwrap();
    assert!(n > 0, "a login reply");
    // The long connection stays open for the test.
    let mut long = std::net::TcpStream::connect(addr).unwrap();
    let longcon = Uplink::LongCon {
        hostid: hostid.into(),
    };
    long.write_all(longcon.to_json().as_bytes()).unwrap();
    until(&mut h, "the modem online", |h| {
        h.query_all_by_label("MUTE-PORT  (online)").next().is_some()
    });
    h.get_by_label("MUTE-PORT  (online)").click_accesskit();
    until(&mut h, "the form says the login did not say", |h| {
        h.query_all_by_label("(its login did not say: choose both)")
            .next()
            .is_some()
    });
    for combo in ["at", "baud"] {
        let value = h
            .get_by_role_and_label(Role::ComboBox, combo)
            .accesskit_node()
            .value()
            .map(|v| v.to_string());
        assert_eq!(value.as_deref(), Some("choose…"), "no default for {combo}");
    }
    let set = h.get_by_label("Set port and baud…");
    assert!(set.accesskit_node().is_disabled(), "nothing to send yet");
    // Only the baud chosen: still nothing to send.
    h.get_by_role_and_label(Role::ComboBox, "baud")
        .click_accesskit();
    h.step();
    h.step();
    h.get_by_label("19200").click_accesskit();
    h.step();
    h.step();
    assert!(
        h.get_by_label("Set port and baud…")
            .accesskit_node()
            .is_disabled(),
        "the port is still to choose"
    );
    drop(long);
}

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
    h.step();
    let combo = |h: &egui_kittest::Harness<'_, cmm_commissioner::ui::CommissionerApp>,
                 label: &str| {
        h.get_by_role_and_label(Role::ComboBox, label)
            .accesskit_node()
            .value()
            .map(|v| v.to_string())
    };
    // A change not sent is not left staged: the form is back at the modem's setting.
    assert_eq!(combo(&h, "baud").as_deref(), Some("9600"));

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
    h.get_by_label_contains("RS485 at 9600 -> disabled at 9600");
    h.get_by_label_contains("The modem will stop talking to its controller");
    // Cancelled, "disabled" does not wait in the form for the next click.
    h.get_by_label("Cancel").click_accesskit();
    h.step();
    h.step();
    assert_eq!(combo(&h, "at").as_deref(), Some("RS485"));
    assert_eq!(combo(&h, "baud").as_deref(), Some("9600"));
}

#[test]
fn an_offline_target_shows_its_last_readings_shaded_and_takes_no_command() {
    let mut h = start_app(2, None);
    until(&mut h, "the modem", |h| {
        h.query_all_by_label("DEMO-GENSET-1  (online)")
            .next()
            .is_some()
    });
    h.get_by_label("DEMO-GENSET-1  (online)").click();
    until(&mut h, "the modem in Auto", |h| {
        h.query_all_by_label("Mode: Auto").next().is_some()
    });
    h.get_by_label("Manual");
    h.state_mut().send(Command::StopDemo);
    until(
        &mut h,
        "the modem offline, with when it was last seen",
        |h| {
            h.query_all_by_label_contains("OFFLINE (")
                .any(|n| format!("{n:?}").contains("last seen"))
        },
    );
    h.step();
    // The diagram draws nothing as live, and the load is not said to be fed.
    h.get_by_label("Single-line diagram: no data (the target is offline)");
    h.get_by_label("Load: no data (the target is offline)");
    assert!(
        h.query_all_by_label_contains("Load fed by")
            .next()
            .is_none()
    );
    h.get_by_label("Mode: Auto (last known)");
    // Every command disabled; a click opens no dialog.
    let manual = h.get_by_label("Manual");
    assert!(
        manual.accesskit_node().is_disabled(),
        "the command is disabled"
    );
    manual.click_accesskit();
    h.step();
    h.step();
    assert!(
        h.query_all_by_label("Send to the controller?")
            .next()
            .is_none(),
        "no dialog for an offline target"
    );
    assert!(
        h.get_by_label("Set port and baud…")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        h.get_by_label("Reset modem…")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn the_filter_takes_short_hex_and_a_value_box_shows_all_it_holds() {
    let mut h = start_app(3, None);
    until(&mut h, "the modems", |h| {
        h.query_all_by_label("DEMO-GENSET-1  (online)")
            .next()
            .is_some()
            && h.query_all_by_label("DEMO-GENSET-3  (online)")
                .next()
                .is_some()
    });
    h.get_by_label("DEMO-GENSET-1  (online)").click();
    h.step();
    // 0x18 is 24, as everywhere else an address is typed.
    filter(&mut h, "0x18");
    until(&mut h, "the value at 24", |h| {
        h.query_all_by_label("Battery Voltage").next().is_some()
    });

    // A typed value is shown whole: the box grows with it.
    h.get_by_label("DEMO-GENSET-3  (online)").click();
    until(&mut h, "its settings", |h| {
        h.query_all_by_role_and_label(Role::TextInput, "Active Power Setpoint (P%)")
            .next()
            .is_some()
    });
    let input = h.get_by_role_and_label(Role::TextInput, "Active Power Setpoint (P%)");
    input.focus();
    h.step();
    h.get_by_role_and_label(Role::TextInput, "Active Power Setpoint (P%)")
        .type_text("99.99999999999");
    h.step();
    h.step();
    let width = h
        .get_by_role_and_label(Role::TextInput, "Active Power Setpoint (P%)")
        .rect()
        .width();
    let font = eframe::egui::TextStyle::Body.resolve(&h.ctx.style_of(h.ctx.theme()));
    let text = h.ctx.fonts_mut(|f| {
        f.layout_no_wrap("99.99999999999".into(), font, eframe::egui::Color32::WHITE)
            .size()
            .x
    });
    assert!(
        width > text,
        "the box ({width} px) shows the text ({text} px)"
    );

    // The reset dialog goes to the modem, and says so.
    h.get_by_label("Reset modem…").click_accesskit();
    h.step();
    h.step();
    h.get_by_label("Send to the modem?");
}

/// With the generator on load, Mains Close/Open warns of the interlock before Send; the
/// controller refuses it, and the write log says so once the map's time is up.
#[test]
fn a_breaker_command_names_the_interlock_and_its_verdict_comes_in_time() {
    let mut h = start_app(0, None);
    h.step();
    let addr = server_addr(&mut h);
    let (_rt, stop) = scenario_modem(
        addr,
        "3130373031334717003D0A05",
        "INTERLOCK-SET",
        "0:manual,1:start,18:gen_close",
    );
    until(&mut h, "the modem", |h| {
        has(h, "INTERLOCK-SET  3130373031334717003D0A05")
    });
    until_within(&mut h, SCENARIO_GUARD, "the generator on load", |h| {
        has(
            h,
            "generator breaker closed, generator live; load fed by generator",
        )
    });
    h.get_by_label("Mains Close/Open").click_accesskit();
    h.step();
    h.step();
    h.get_by_label_contains("INTERLOCK: the generator breaker is closed");
    h.get_by_label_contains("the mains breaker is open, and this closes it");
    h.get_by_label("Send").click_accesskit();
    until(&mut h, "accepted", |h| {
        h.query_all_by_label_contains("Mains Close/Open: accepted")
            .next()
            .is_some()
    });
    until(&mut h, "the verdict", |h| {
        h.query_all_by_label_contains("not confirmed: Mains breaker still open after 10 s")
            .next()
            .is_some()
    });
    stop.cancel();
    h.state_mut().shutdown();
}
