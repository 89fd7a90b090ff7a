//! Tests of the write plans.

use std::sync::Arc;

use super::*;
use crate::app::AppState;
use crate::link::{DataKind, Event};
use crate::proto::rtu::{Block, BlockValues};
use crate::proto::uplink::InputFlags;

fn target(coils: Vec<bool>, inhibit: bool) -> Target {
    let mut s = AppState::default();
    let login = Event::Login {
        hostid: "H".into(),
        hostname: "north".into(),
        moduletype: "HGM6120N-4G".into(),
        peer: "127.0.0.1:1".parse().unwrap(),
        accepted: true,
        reason: None,
        module_port: None,
        module_baud: None,
    };
    s.apply(&login, 0);
    let data = Event::Data {
        hostid: "H".into(),
        kind: DataKind::Full,
        blocks: vec![Block {
            slave: 1,
            table: crate::proto::Table::Coils,
            addr: 0,
            values: BlockValues::Bits(coils),
        }],
        flags: InputFlags {
            inhibit_remote: Some(inhibit),
            ..Default::default()
        },
    };
    s.apply(&data, 1);
    s.targets["H"].clone()
}

/// The target with a map that answers every function (the HGM6100N answers 01, 03, 05 only).
fn writable(mut t: Target) -> Target {
    let mut m = (*t.map).clone();
    m.settings.functions = None;
    t.map = Arc::new(m);
    t
}

#[test]
fn remote_commands_use_the_map_and_are_blocked_by_remote_lock_or_inhibit() {
    let free = target(vec![false; 78], false);
    let cmds = free.map.commands_for(&free.moduletype);
    let auto = cmds.iter().find(|c| c.action == "auto").unwrap();
    let plan = remote_command(&free, auto, false).unwrap();
    assert_eq!(plan.hex(), "01050003FF007C3A", "the field frame");
    assert!(
        plan.description
            .starts_with("Auto (slave 1 write coil 3 = FF00)")
    );
    assert_eq!(plan.confirm.as_ref().map(|c| c.addr), Some(41));

    let mut locked = vec![false; 78];
    locked[4] = true;
    let t = target(locked, false);
    assert!(
        remote_command(&t, auto, false)
            .unwrap_err()
            .contains("Remote Lock")
    );
    assert!(
        remote_command(&t, auto, true).is_ok(),
        "the engineer may override"
    );
    let t = target(vec![false; 78], true);
    assert!(
        remote_command(&t, auto, false)
            .unwrap_err()
            .contains("InhbitRemote")
    );
}

#[test]
fn values_in_the_unit_become_raw_words() {
    let t = writable(target(vec![false; 78], false));
    let m = Arc::clone(&t.map);
    assert_eq!(
        raw_for(&t, m.register_at(24).unwrap(), 27.4),
        Ok(274),
        "battery, 0.1 V"
    );
    assert_eq!(
        raw_for(&t, m.register_at(13).unwrap(), 50.0),
        Ok(500),
        "frequency ratio 0.1"
    );
    assert_eq!(
        raw_for(&t, m.register_at(26).unwrap(), -10.0),
        Ok(0xFFF6),
        "signed kW"
    );
    assert!(
        raw_for(&t, m.register_at(26).unwrap(), 40000.0)
            .unwrap_err()
            .contains("out of range")
    );
    assert!(raw_for(&t, m.register_at(0).unwrap(), -1.0).is_err());
    assert!(
        raw_for(&t, m.register_at(0).unwrap(), 32766.0)
            .unwrap_err()
            .contains("no-data")
    );
    assert!(
        raw_for(&t, m.register_at(42).unwrap(), 1.0)
            .unwrap_err()
            .contains("two registers")
    );
    assert!(
        raw_for(&t, m.register_at(34).unwrap(), 1.0).is_err(),
        "enumeration"
    );
    let w = register_write(&t, 24, 27.4).unwrap();
    assert_eq!(
        w.request.pdu,
        RequestPdu::WriteSingleRegister {
            addr: 24,
            value: 274
        }
    );
    assert!(w.description.starts_with("Battery Voltage = 27.4 V"));
    assert!(
        register_write(&t, 43, 1.0)
            .unwrap_err()
            .contains("second half")
    );
    assert!(register_write(&t, 500, 1.5).is_err());
    assert_eq!(
        register_write(&t, 500, 7.0).unwrap().request.pdu,
        RequestPdu::WriteSingleRegister {
            addr: 500,
            value: 7
        }
    );
}

#[test]
fn coil_writes_name_command_coils_and_respect_remote_lock() {
    let free = target(vec![false; 78], false);
    let plan = coil_write(&free, 3, true, false).unwrap();
    assert_eq!(plan.hex(), "01050003FF007C3A");
    assert!(
        plan.description.starts_with("coil 3 (Auto) on"),
        "{}",
        plan.description
    );
    assert!(
        plan.confirm.is_some(),
        "the Auto coil's effect is looked for"
    );
    let off = coil_write(&free, 40, false, false).unwrap();
    assert_eq!(
        off.request.pdu,
        RequestPdu::WriteSingleCoil { addr: 40, value: 0 }
    );
    assert_eq!(off.confirm, None);
    let inhibited = target(vec![false; 78], true);
    let err = coil_write(&inhibited, 3, true, false).unwrap_err();
    assert!(err.contains("InhbitRemote"), "{err}");
    assert!(
        coil_write(&inhibited, 3, true, true).is_ok(),
        "the override lets it through"
    );
}

#[test]
fn multiple_register_writes_take_values_in_units_and_split_pairs() {
    let t = writable(target(vec![false; 78], false));
    // Registers 7 and 8: generator voltages in V (scale 1).
    let plan = registers_write(&t, 7, &[230.0, 231.0]).unwrap();
    assert_eq!(
        plan.request.pdu,
        RequestPdu::WriteMultipleRegisters {
            addr: 7,
            values: vec![230, 231]
        }
    );
    assert!(
        plan.description
            .starts_with("Gen UA = 230 V, Gen UB = 231 V"),
        "{}",
        plan.description
    );
    // Battery voltage is in 0.1 V.
    let plan = registers_write(&t, 24, &[24.5]).unwrap();
    assert_eq!(
        plan.request.pdu,
        RequestPdu::WriteMultipleRegisters {
            addr: 24,
            values: vec![245]
        }
    );
    // A two-register value takes one number for both words.
    let pair = t.map.registers.values().find(|r| r.words == 2).unwrap();
    let plan = registers_write(&t, pair.addr, &[70000.0]).unwrap();
    let RequestPdu::WriteMultipleRegisters { values, .. } = &plan.request.pdu else {
        panic!("not a multiple write")
    };
    assert_eq!(values.len(), 2);
    let back = match pair.combine {
        Combine::U32 => u32::from(values[0]) * 65536 + u32::from(values[1]),
        Combine::Counter => {
            u32::from(values[0]) * t.map.settings.counter_multiplier + u32::from(values[1])
        }
    };
    assert!((f64::from(back) * pair.scale - 70000.0).abs() < 1e-6);
    assert!(
        registers_write(&t, pair.addr + 1, &[1.0])
            .unwrap_err()
            .contains("second half")
    );
    assert!(registers_write(&t, 7, &[]).is_err());
}

#[test]
fn only_the_functions_the_controller_answers_are_offered() {
    let t = target(vec![false; 78], false);
    let err = register_write(&t, 24, 27.4).unwrap_err();
    assert!(err.contains("functions 01, 03, 05 only"), "{err}");
    assert!(registers_write(&t, 24, &[27.4]).is_err());
    assert!(coil_write(&t, 3, true, false).is_ok(), "05 is answered");
}

#[test]
fn a_value_finer_than_the_register_is_refused_not_rounded() {
    let t = writable(target(vec![false; 78], false));
    let err = register_write(&t, 13, 50.05).unwrap_err();
    assert!(err.contains("steps of 0.1 Hz"), "{err}");
    assert!(err.contains("50.0 or 50.1"), "{err}");
    let w = register_write(&t, 13, 50.0).unwrap();
    assert_eq!(w.name, "Gen Frequency = 50.0 Hz");
    assert_eq!(
        w.request.pdu,
        RequestPdu::WriteSingleRegister {
            addr: 13,
            value: 500
        }
    );
    assert!(
        w.notes.iter().any(|n| n.contains("measured value")),
        "{:?}",
        w.notes
    );
}

#[test]
fn start_says_one_thing_in_each_mode_and_breakers_say_which_way_and_their_interlock() {
    // Coil 41: Auto mode. Start acts in Manual or Test only: it says it will do nothing, and
    // not that the engine will crank.
    let mut coils = vec![false; 78];
    coils[41] = true;
    let auto = target(coils, false);
    let start = auto
        .map
        .commands_for(&auto.moduletype)
        .into_iter()
        .find(|c| c.action == "start")
        .unwrap()
        .clone();
    let plan = remote_command(&auto, &start, false).unwrap();
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("in Auto, so it will do nothing")),
        "{:?}",
        plan.notes
    );
    assert!(
        !plan.notes.iter().any(|n| n.contains("crank")),
        "one thing only: {:?}",
        plan.notes
    );
    let mut coils = vec![false; 78];
    coils[42] = true;
    let manual = target(coils, false);
    let plan = remote_command(&manual, &start, false).unwrap();
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("will crank") && n.contains("mode Manual")),
        "{:?}",
        plan.notes
    );
    assert!(
        !plan.notes.iter().any(|n| n.contains("do nothing")),
        "{:?}",
        plan.notes
    );
    let command = |t: &Target, action: &str| {
        t.map
            .commands_for(&t.moduletype)
            .into_iter()
            .find(|c| c.action == action)
            .unwrap()
            .clone()
    };
    let breaker = command(&manual, "gen_breaker");
    let plan = remote_command(&manual, &breaker, false).unwrap();
    assert!(
        plan.notes.iter().any(|n| n.contains("toggles")
            && n.contains("the generator breaker is open, and this closes it")),
        "{:?}",
        plan.notes
    );
    // Confirmed by its bit flipping; the log's words when it does not.
    let confirm = plan.confirm.clone().unwrap();
    assert_eq!(
        (confirm.table, confirm.addr),
        (crate::proto::Table::Coils, 7)
    );
    assert!(confirm.holds(1) && !confirm.holds(0));
    assert_eq!(plan.unmet.as_deref(), Some("Generator breaker still open"));

    let mut coils = vec![false; 78];
    coils[42] = true;
    coils[7] = true;
    let closed = target(coils, false);
    let plan = remote_command(&closed, &breaker, false).unwrap();
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("the generator breaker is closed, and this opens it")),
        "{:?}",
        plan.notes
    );
    assert!(!plan.notes.iter().any(|n| n.contains("INTERLOCK")));
    // Closing the mains breaker with the generator's closed: the interlock is named.
    let mains = command(&closed, "mains_breaker");
    let plan = remote_command(&closed, &mains, false).unwrap();
    assert!(
        plan.notes
            .iter()
            .any(|n| n.starts_with("INTERLOCK: the generator breaker is closed")),
        "{:?}",
        plan.notes
    );
    assert_eq!(plan.unmet.as_deref(), Some("Mains breaker still open"));
}
