use super::*;
use crate::proto::rtu::{Block, BlockValues};
use crate::proto::{RegisterImage, Request};
use crate::sim::SimController;

fn hgm() -> RegisterMap {
    parse_map(HGM6100N_TOML).unwrap_or_else(|e| panic!("shipped map: {e}"))
}

/// Rows of the document's tables (HGM6100N V1.4, tables 2 and 6): (address, name as printed).
/// A sample from each part of the tables; the full coverage is checked by address below, and
/// against the document itself where it is at hand.
const DOC_COILS: &[(u16, &str)] = &[
    (0, "Common Alarm"),
    (4, "Remote Lock"),
    (8, "Emergency Stop"),
    (18, "High Temperature Shutdown"),
    (41, "Auto Mode"),
    (43, "Stop Mode"),
    (57, "Fuel Relay Output"),
    (65, "Mains Normal"),
    (72, "Gen Normal"),
    (81, "ECU Comm. Failure Alarm"),
];
const DOC_REGISTERS: &[(u16, &str, &str)] = &[
    (0, "Mains UA", "V"),
    (6, "Mains Frequency", "Hz"),
    (13, "Gen Frequency", "Hz"),
    (17, "Water Temperature", "°C"),
    (23, "Speed", "RPM"),
    (24, "Battery Voltage", "V"),
    (26, "Active Power", "kW"),
    (34, "Controller Running Status", ""),
    (42, "Engine Run Time (h)", "h"),
    (71, "Controller Model", ""),
    (92, "Gen UA Phase", "°"),
    (124, "Fuel Valve Position", "%"),
];

#[test]
fn the_shipped_map_covers_every_address_of_the_document() {
    let m = hgm();
    for a in 0..82u16 {
        assert!(m.coils.contains_key(&a), "coil {a}");
    }
    for a in 0..125u16 {
        assert!(m.register_at(a).is_some(), "register {a}");
    }
    for (a, name) in DOC_COILS {
        assert_eq!(&*m.coils[a].name, *name);
    }
    for (a, name, unit) in DOC_REGISTERS {
        let r = m.register_at(*a).unwrap();
        assert_eq!(
            (r.name.as_ref(), r.unit.as_ref()),
            (*name, *unit),
            "register {a}"
        );
    }
    // Both status tables and the remote command coils.
    assert_eq!(m.enums["generator_status"].len(), 16);
    assert_eq!(m.enums["remote_start_status"].len(), 3);
    let actions: Vec<&str> = m
        .commands_for("HGM6120N")
        .iter()
        .map(|c| c.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "start",
            "stop",
            "test",
            "auto",
            "manual",
            "gen_breaker",
            "mains_breaker"
        ]
    );
    let c6110: Vec<&str> = m
        .commands_for("HGM6110N-4G")
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert!(c6110.contains(&"Gen Open") && c6110.contains(&"Gen Close"));
    assert_eq!(
        m.plan.to_command_string(),
        crate::proto::poll_plan::HGM6120N_FIELD_PLAN
    );
}

/// Reads the rows straight from the vendor document when it sits beside the repository
/// (`../shared/spec`, as on the project's machines), and checks each address is mapped.
#[test]
fn every_row_of_the_vendor_document_is_mapped() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/spec/HGM6100N-modbus-protocol-V1.4.txt");
    let Ok(doc) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} not found; the address coverage test above still applies",
            path.display()
        );
        return;
    };
    let m = hgm();
    let (mut coils, mut regs, mut part) = (0, 0, 0);
    for line in doc.lines().map(str::trim) {
        if line.starts_with("3.2 ALARM") {
            part = 1;
        } else if line.starts_with("3.3 VALUE") {
            part = 2;
        } else if line.starts_with("3.4 REMOTE") {
            part = 0;
        }
        let mut words = line.split_whitespace();
        let (Some(a), Some(plc)) = (words.next(), words.next()) else {
            continue;
        };
        if a.len() != 4
            || !a.bytes().all(|b| b.is_ascii_digit())
            || !plc.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let addr: u16 = a.parse().unwrap();
        match part {
            1 => {
                assert!(m.coils.contains_key(&addr), "document coil {addr}: {line}");
                coils += 1;
            }
            2 => {
                assert!(
                    m.register_at(addr).is_some(),
                    "document register {addr}: {line}"
                );
                regs += 1;
            }
            _ => {}
        }
    }
    assert_eq!(coils, 82, "coil rows read from the document");
    assert!(regs >= 100, "register rows read from the document: {regs}");
}

#[test]
fn module_types_seen_in_the_field_resolve() {
    let maps = builtin_maps();
    for t in [
        "HGM6120",
        "HGM6120N",
        "HGM6120N-4G",
        "hgm6110n-4g",
        " HGM6110N ",
        "HGM6120CAN",
    ] {
        assert!(!resolve(&maps, t).is_generic(), "{t}");
    }
    for t in ["HGM7220", "", "6120", "HGM9320-4G"] {
        assert!(resolve(&maps, t).is_generic(), "{t}");
    }
}

fn image_with(regs: &[(u16, u16)], coils: &[(u16, bool)]) -> RegisterImage {
    let mut img = RegisterImage::default();
    for &(a, v) in regs {
        img.apply_block(&Block {
            slave: 1,
            table: Table::Holding,
            addr: a,
            values: BlockValues::Registers(vec![v]),
        });
    }
    for &(a, v) in coils {
        img.apply_block(&Block {
            slave: 1,
            table: Table::Coils,
            addr: a,
            values: BlockValues::Bits(vec![v]),
        });
    }
    img
}

fn shown(m: &RegisterMap, img: &RegisterImage, a: u16) -> String {
    m.decode(img, 1, Table::Holding, a).unwrap().shown()
}

#[test]
fn field_examples_decode() {
    let m = hgm();
    let img = image_with(
        &[
            (0, 0x00EF),
            (24, 0x0112),
            (13, 500),
            (26, 0xFFF6),
            (29, 85),
            (34, 9),
            (42, 1),
            (43, 2345),
            (17, 32766),
            (98, 0xABCD),
            (68, 1),
            (69, 2),
        ],
        &[(41, true), (18, true), (25, true), (0, true)],
    );
    assert_eq!(shown(&m, &img, 0), "239 V", "field example 00EF");
    assert_eq!(shown(&m, &img, 24), "27.4 V", "document example 0112");
    assert_eq!(shown(&m, &img, 13), "50.0 Hz");
    assert_eq!(shown(&m, &img, 26), "-10 kW", "signed");
    assert_eq!(shown(&m, &img, 29), "0.85");
    assert_eq!(shown(&m, &img, 34), "Normal Running");
    assert_eq!(
        shown(&m, &img, 43),
        "12345 h",
        "pair found from its LSB, MSB*10000+LSB"
    );
    assert_eq!(shown(&m, &img, 17), "###");
    assert_eq!(shown(&m, &img, 98), "ABCD");
    assert_eq!(shown(&m, &img, 68), "65538 L", "u32 pair: MSB*65536+LSB");
    assert_eq!(m.mode(&img, 1), Some("Auto"));
    assert_eq!(m.running_status(&img, 1).as_deref(), Some("Normal Running"));
    let alarms = m.active_alarms(&img, 1);
    assert_eq!(
        alarms,
        vec![
            ("High Temperature Shutdown", AlarmKind::Shutdown),
            ("Low Oil Pressure Warn Alarm", AlarmKind::Warning)
        ]
    );
    assert!(!m.remote_locked(&img, 1));
    assert!(m.remote_locked(&image_with(&[], &[(4, true)]), 1));
    // Unmapped input register: raw, never a made-up name.
    let mut img = img;
    img.apply_block(&Block {
        slave: 1,
        table: Table::Input,
        addr: 7,
        values: BlockValues::Registers(vec![5]),
    });
    let d = m.decode(&img, 1, Table::Input, 7).unwrap();
    assert_eq!((d.name.as_ref(), d.shown().as_str()), ("input 0007", "5"));
}

#[test]
fn the_field_plan_request_reads_registers_0_to_79_all_mapped() {
    let m = hgm();
    let req = Request::from_hex("01030000005045F6").unwrap();
    let crate::proto::RequestPdu::Read { table, addr, qty } = req.pdu else {
        panic!()
    };
    assert_eq!((table, addr, qty), (Table::Holding, 0, 80));
    for a in addr..addr + qty {
        assert!(m.register_at(a).is_some(), "register {a}");
    }
}

#[test]
fn a_wrong_frequency_ratio_is_flagged_with_the_setting_to_change() {
    let m = hgm();
    let img = image_with(&[(13, 5000), (23, 1500), (6, 5000)], &[]);
    let warnings = m.sanity(&img, 1);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("500.0 Hz") && warnings[0].contains("frequency_ratio = 0.01"),
        "{warnings:?}"
    );
    // The right ratio: no warning.
    let fixed =
        parse_map(&HGM6100N_TOML.replace("frequency_ratio = 0.1", "frequency_ratio = 0.01"))
            .unwrap();
    assert_eq!(shown(&fixed, &img, 13), "50.00 Hz");
    assert!(fixed.sanity(&img, 1).is_empty());
    // Ratio too small for a running set.
    let small =
        parse_map(&HGM6100N_TOML.replace("frequency_ratio = 0.1", "frequency_ratio = 0.01"))
            .unwrap();
    let img = image_with(&[(13, 500), (23, 1500)], &[]);
    assert!(small.sanity(&img, 1)[0].contains("frequency_ratio = 0.1"));
    // A cranking engine at 8 Hz is not flagged.
    let img = image_with(&[(13, 70), (23, 250)], &[]);
    assert!(m.sanity(&img, 1).is_empty());
}

/// The simulated controller and the map agree on every address and on what the values mean.
#[test]
fn the_simulated_controller_and_the_map_agree() {
    let m = hgm();
    let mut sim = SimController::new(1, 5, 1_763_900_000);
    assert_eq!(sim.coils().len(), m.coils.len());
    assert_eq!(sim.registers().len(), m.covering.len());
    let read_all = |sim: &mut SimController, now: f64| {
        let mut img = RegisterImage::default();
        for (table, addr, qty) in [
            (Table::Coils, 0, 82),
            (Table::Holding, 0, 120),
            (Table::Holding, 120, 5),
        ] {
            let req = Request {
                slave: 1,
                pdu: crate::proto::RequestPdu::Read { table, addr, qty },
            };
            let block = sim.handle(&req, now).unwrap().block_for(&req).unwrap();
            img.apply_block(&block);
        }
        img
    };
    let img = read_all(&mut sim, 0.0);
    assert_eq!(m.decode_all(&img, 1).len(), 82 + 120);
    let num = |img: &RegisterImage, a| {
        m.decode(img, 1, Table::Holding, a)
            .unwrap()
            .number()
            .unwrap()
    };
    assert!((220.0..=240.0).contains(&num(&img, 0)), "mains UA");
    assert!((49.5..=50.5).contains(&num(&img, 6)), "mains frequency");
    assert!((24.0..=28.0).contains(&num(&img, 24)), "battery");
    assert_eq!(m.mode(&img, 1), Some("Auto"));
    assert_eq!(m.running_status(&img, 1).as_deref(), Some("Standby"));
    assert!(m.active_alarms(&img, 1).is_empty());
    assert!(m.sanity(&img, 1).is_empty());
    assert_eq!(shown(&m, &img, 20), "###", "a sender not fitted");

    // Manual, start, run: the map reads what the simulated set does.
    let commands = m.commands_for("HGM6120N");
    for action in ["manual", "start"] {
        let cmd = commands.iter().find(|c| c.action == action).unwrap();
        let req = Request {
            slave: 1,
            pdu: crate::proto::RequestPdu::WriteSingleCoil {
                addr: cmd.addr,
                value: m.settings.coil_on,
            },
        };
        sim.handle(&req, 1.0).unwrap();
        let img = read_all(&mut sim, 1.0);
        let confirm = cmd.confirm.as_ref().unwrap();
        assert!(
            confirm.holds(img.get(1, confirm.table, confirm.addr).unwrap()),
            "{} confirmed",
            cmd.name
        );
    }
    for t in 2..40 {
        sim.tick(f64::from(t));
    }
    let img = read_all(&mut sim, 40.0);
    assert_eq!(m.mode(&img, 1), Some("Manual"));
    assert_eq!(m.running_status(&img, 1).as_deref(), Some("Normal Running"));
    assert_eq!(shown(&m, &img, 13), "50.0 Hz");
    assert_eq!(shown(&m, &img, 23), "1500 RPM");
    assert!(m.sanity(&img, 1).is_empty());
}

#[test]
fn bad_map_files_each_say_what_and_where() {
    let good = HGM6100N_TOML;
    let line_of = |needle: &str| {
        good.lines()
            .position(|l| l.starts_with(needle))
            .map(|i| i + 1)
    };
    let cases: Vec<(String, &str, Option<usize>)> = vec![
        (
            good.replace("version = 1", "version = 7"),
            "version",
            line_of("version = 1"),
        ),
        (
            good.replace("format = \"cmm-register-map\"", "format = \"other\""),
            "format",
            line_of("format = "),
        ),
        (
            good.replace(
                "{ addr = 17, name = \"Water Temperature\"",
                "{ addr = 17, nmae = \"Water Temperature\"",
            ),
            "nmae",
            None,
        ),
        (
            good.replace(
                "scale = 0.1, role = \"battery_voltage\" },\n  { addr = 25",
                "scale = \"x\" },\n  { addr = 25",
            ),
            "invalid type",
            None,
        ),
        (
            good.replace("{ addr = 45, name", "{ addr = 44, name"),
            "already defined at line",
            line_of("  { addr = 45, name"),
        ),
        (
            good.replace("enum = \"ats_status\"", "enum = \"ats_state\""),
            "[enum.ats_state]",
            None,
        ),
        (
            good.replace("coil_on = \"FF00\"", "coil_on = \"XYZ\""),
            "settings.coil_on",
            None,
        ),
        (
            good.replace(
                "{ addr = 50, name = \"Software Version\", group = \"Controller\", scale = 0.1,",
                "{ addr = 50, name = \"Software Version\", group = \"Controller\", scale = 0,",
            ),
            "scale",
            None,
        ),
        (
            good.replace(
                "{ addr = 71, name = \"Controller Model\", group = \"Controller\",",
                "{ addr = 71, name = \"Controller Model\", group = \"Controller\", words = 3,",
            ),
            "words",
            None,
        ),
        (
            good.replace(
                "value = 1 } },\n  { addr = 2",
                "value = 1, not = 0 } },\n  { addr = 2",
            ),
            "exactly one",
            None,
        ),
        (
            good.replace("role = \"speed\"", "role = \"sped\""),
            "unknown role",
            None,
        ),
        (good.replace("qty = 78", "qty = 0"), "poll[0].qty", None),
        (
            good.replace("[enum.ats_status]", "[enum.ats_status"),
            "",
            None,
        ),
    ];
    for (i, (text, needle, line)) in cases.iter().enumerate() {
        assert_ne!(text, good, "case {i} changed nothing");
        let err = parse_map(text).expect_err(&format!("case {i} should fail"));
        let shown = err.to_string();
        assert!(shown.contains(needle), "case {i}: {shown}");
        assert!(err.line.is_some(), "case {i} has a line: {shown}");
        if let Some(l) = line {
            assert_eq!(err.line, Some(*l), "case {i}: {shown}");
        }
    }
    assert!(parse_map("").is_err());
    assert!(parse_map("\u{0}\u{1}garbage = = =").is_err());
}

#[test]
fn a_reserved_coil_that_turns_on_is_flagged_and_a_bad_coil_delta_named() {
    let m = hgm();
    let img = image_with(&[], &[(62, true), (8, true)]);
    let w = m.sanity(&img, 1);
    assert_eq!(
        w,
        ["coil 62 on: not in the map (reserved); newer firmware may use it for an alarm"]
    );
    let e =
        parse_map(&HGM6100N_TOML.replace(r#"coil_delta = "rtu-bytes""#, r#"coil_delta = "msb""#))
            .unwrap_err()
            .to_string();
    assert!(
        e.contains("settings.coil_delta") && e.contains("integer-lsb"),
        "{e}"
    );
}
