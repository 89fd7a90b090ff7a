//! A map made in the app: a controller the app has no map for (pymodbus, an independent
//! Modbus TCP server) shows raw values; one is named, scaled and given a unit in the map
//! editor with its value decoded live while it is described; input registers found by a
//! one-off read are described too; saved as the model's map in the maps folder, used at once
//! and by the next start. And `cmmctl map new --install` puts a register list's map there for
//! `cmmctl poll` to use.

use std::sync::Arc;

use cmm_commissioner::app::{Command, Startup};
use cmm_commissioner::link::serial::SerialSettings;
use cmm_commissioner::proto::{PollPlan, Table};
use cmm_commissioner::ui::CommissionerApp;
use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common::proc::{Proc, cmmctl_env, is};
use crate::gui::{SCENARIO_GUARD, until, until_within};

fn app(maps: &std::path::Path) -> Harness<'static, CommissionerApp> {
    let maps = maps.to_path_buf();
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(0.25)
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::default();
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.maps_dir = Some(maps.clone());
            // Every request on the wire in the traffic inspector.
            startup.server.traffic = true;
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        })
}

/// Types into the text field labelled `label` (not the column title of the same name).
fn type_into(h: &mut Harness<'_, CommissionerApp>, label: &str, text: &str) {
    let field = |h: &Harness<'_, CommissionerApp>| {
        h.query_all_by_label(label)
            .find(|n| {
                matches!(
                    n.accesskit_node().role(),
                    Role::TextInput | Role::MultilineTextInput
                )
            })
            .unwrap_or_else(|| panic!("no field {label}"))
            .accesskit_node()
            .id()
    };
    let id = field(h);
    h.get_by(|n| n.id() == id).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by(|n| n.id() == id).type_text(text);
    h.step();
}

fn has(h: &Harness<'_, CommissionerApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_value_named_in_the_map_editor_is_saved_as_the_models_map() {
    let (_peer, address) = crate::modbus_tcp::pymodbus_peer_on(&["tcp"]);
    let maps = crate::common::TempDir::new("map-editor");
    let mut h = app(&maps);
    // A controller with no map: raw values.
    let mut s = SerialSettings::new(&address);
    s.plan = PollPlan::parse("01030000000AC5CD").unwrap();
    s.poll_delay = std::time::Duration::from_millis(100);
    // A Python server on a busy machine may take longer than a controller's 200 ms.
    s.timeout = std::time::Duration::from_millis(1000);
    let target = s.target();
    h.state_mut().send(Command::ConnectSerial {
        settings: s,
        model: "none".into(),
    });
    h.state_mut().view().selected = Some(target.clone());
    h.get_by_label("Values").click();
    until_within(&mut h, SCENARIO_GUARD, "the raw value of holding 5", |h| {
        has(h, "holding 0005")
    });

    // Found by the name shown for it.
    type_into(&mut h, "Filter", "holding 0005");
    until(&mut h, "only holding 5 in the table", |h| {
        has(h, "holding 0005") && !has(h, "holding 0004")
    });

    // Described: the value decoded as it is typed.
    h.get_by_label("holding 0005").click();
    until(&mut h, "the map editor", |h| has(h, "Add to the map"));
    // The window's first frame only sizes it.
    h.step();
    h.step();
    type_into(&mut h, "Name", "Tank level");
    type_into(&mut h, "Unit", "%");
    type_into(&mut h, "Scale", "0.1");
    until(&mut h, "the value decoded live", |h| {
        has(h, "Now: 100.5 % (raw 03ED)")
    });
    h.get_by_label("Add to the map").click();
    h.step();
    let entries = h.state_mut().view().map_edit.entries.clone();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        (entries[0].name.as_str(), entries[0].unit.as_str()),
        ("Tank level", "%")
    );
    // The Values tab shows it by the name described, not saved yet.
    until(&mut h, "the name described in the table", |h| {
        has(h, "Tank level (not saved)")
    });

    // Input registers the plan does not read, read once, then described.
    type_into(&mut h, "Read once", "04:0+3");
    h.get_by_label("Read").click();
    until_within(&mut h, SCENARIO_GUARD, "the input registers read", |h| {
        h.state().state().targets[&target]
            .image
            .get(1, Table::Input, 2)
            == Some(1502)
    });
    until(&mut h, "the read's outcome", |h| {
        has(h, "1 of 1 blocks read")
    });
    type_into(&mut h, "Filter", "input");
    until(&mut h, "the input register's row", |h| has(h, "input 0002"));
    h.get_by_label("input 0002").click();
    until(&mut h, "its form", |h| has(h, "input reg 2"));
    h.step();
    type_into(&mut h, "Name", "Pump hours");
    h.get_by_label("Add to the map").click();
    h.step();

    // The blocks that answer, found: pymodbus has addresses 0-99 in each table.
    h.state_mut().view().map_edit.scan = (0, 119, 50, [true; 4]);
    h.get_by_label("Find").click();
    until_within(&mut h, SCENARIO_GUARD, "the blocks found", |h| {
        has(h, "8 of 12 blocks read: 01 0-99, 02 0-99, 03 0-99, 04 0-99")
    });
    let state = h.state().state();
    let img = &state.targets[&target].image;
    for table in [
        Table::Coils,
        Table::DiscreteInputs,
        Table::Holding,
        Table::Input,
    ] {
        assert!(img.get(1, table, 99).is_some(), "{table:?} 99 read");
        assert!(
            img.get(1, table, 100).is_none(),
            "{table:?} 100 is not there"
        );
    }
    drop(state);

    type_into(&mut h, "Model", "PEER-1");
    h.get_by_label("Save as the map of PEER-1").click();
    until_within(&mut h, SCENARIO_GUARD, "the map in use", |h| {
        h.state().state().targets[&target].map.name == "PEER-1 (made in the app)"
    });
    // Found by their names in the Values tab (its rows are many now).
    for name in ["Tank level", "Pump hours"] {
        type_into(&mut h, "Filter", name);
        until(&mut h, "the name in the Values tab", |h| {
            has(h, &format!("plot {name}"))
        });
    }
    // The link polls what the map names from now on: the input register too.
    until_within(&mut h, SCENARIO_GUARD, "input 2 in the poll", |h| {
        (h.state().state().traffic)
            .filtered(None, Some(&target))
            .any(|r| r.text.starts_with("010400020001"))
    });
    // Over Modbus TCP the replies are shown as RTU frames, like the requests: none taken for
    // a bad CRC.
    {
        let state = h.state().state();
        let methods: Vec<&str> = (state.traffic.filtered(Some("reply"), Some(&target)))
            .map(|r| r.method.as_str())
            .collect();
        assert!(methods.iter().any(|m| m.contains("CRC ok")), "{methods:?}");
        assert!(!methods.iter().any(|m| m.contains("BAD")), "{methods:?}");
    }
    let file = maps.join("PEER-1.toml");
    let text = std::fs::read_to_string(&file).expect("the map in the maps folder");
    assert!(text.contains("name = \"Tank level\"") && text.contains("table = \"input\""));
    let map = cmm_commissioner::app::load_map_file(&file).unwrap();
    assert_eq!(map.registers[&5].scale, 0.1);
    assert_eq!(&*map.inputs[&2].name, "Pump hours");
    // Its poll plan reads what was described and the plan did not.
    assert!(
        map.plan.to_command_string().contains("010400020001"),
        "{}",
        map.plan.to_command_string()
    );
    drop(h);

    // The next start uses it for the model.
    let h = app(&maps);
    assert!(
        h.state()
            .state()
            .maps
            .iter()
            .any(|m| m.name == "PEER-1 (made in the app)" && m.serves("PEER-1"))
    );
}

/// A register list put into the maps folder by `cmmctl map new --install` names the
/// controller for `cmmctl poll --model` (input registers included).
#[test]
fn a_map_installed_from_a_register_list_is_used_by_poll() {
    let (_peer, address) = crate::modbus_tcp::pymodbus_peer_on(&["tcp"]);
    let dir = crate::common::TempDir::new("map-install");
    let csv = dir.join("list.csv");
    std::fs::write(
        &csv,
        "address;name;unit;scale;table\n3;Oil pressure;kPa;0.5;holding\n1;Coolant;°C;;04\n",
    )
    .unwrap();
    let data = dir.join("data");
    let data_home = [("XDG_DATA_HOME", data.to_str().unwrap())];
    let (installed, _, err) = cmmctl_env(
        &[
            "map",
            "new",
            "--from-csv",
            csv.to_str().unwrap(),
            "--model",
            "PUMP-9",
            "--install",
        ],
        &data_home,
    );
    assert!(installed, "{err}");
    assert!(data.join("cmm-commissioner/maps/PUMP-9.toml").exists());
    let mut poll = Proc::spawn_env(
        &["poll", &address, "--model", "PUMP-9", "--delay-ms", "100"],
        &data_home,
    );
    // Read in plan order: holding registers, then input registers.
    let c = poll.expect("the holding register, named and scaled", |v| {
        is(v, "change") && v["table"] == "holding" && v["addr"] == 3
    });
    assert_eq!(c["name"], "Oil pressure", "{c}");
    let c = poll.expect("the input register, named", |v| {
        is(v, "change") && v["table"] == "input" && v["addr"] == 1
    });
    assert_eq!(c["name"], "Coolant", "{c}");
    assert_eq!(c["value"], 1501, "{c}");
}
