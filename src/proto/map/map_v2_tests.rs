//! Format version 2: named bits, word order, ranges, pulsed commands, the unverified mark,
//! and the HGM4000N and HGM9500N maps, with byte vectors.

use super::*;
use crate::proto::RegisterImage;
use crate::proto::rtu::{Block, BlockValues};

const HEAD: &str =
    "format = \"cmm-register-map\"\nversion = 2\nname = \"T\"\nmodule_types = [\"T1\"]\n";

fn map(body: &str) -> RegisterMap {
    parse_map(&format!("{HEAD}{body}")).unwrap_or_else(|e| panic!("{e}"))
}

fn err(text: &str) -> String {
    parse_map(text).unwrap_err().to_string()
}

fn image(addr: u16, words: &[u16]) -> RegisterImage {
    let mut img = RegisterImage::default();
    img.apply_block(&Block {
        slave: 1,
        table: Table::Holding,
        addr,
        values: BlockValues::Registers(words.to_vec()),
    });
    img
}

fn number(m: &RegisterMap, img: &RegisterImage, addr: u16) -> f64 {
    match m.decode(img, 1, Table::Holding, addr).map(|d| d.value) {
        Some(Value::Number(v)) => v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn pairs_low_word_first_signed_and_any_ratio() {
    let m = map("register = [\n\
         { addr = 180, name = \"P\", unit = \"kW\", scale = 0.1, signed = true, words = 2, order = \"lsw_first\" },\n\
         { addr = 120, name = \"U\", unit = \"V\", scale = 0.1, words = 2, order = \"lsw_first\" },\n\
         { addr = 42, name = \"H\", words = 2, combine = \"u32\" },\n\
         { addr = 201, name = \"PF\", scale = 0.001, signed = true },\n]\n");
    // 0xFFFFFF9C = -100 -> -10.0 kW: low word 0xFF9C at 180, high word 0xFFFF at 181.
    assert_eq!(number(&m, &image(180, &[0xFF9C, 0xFFFF]), 180), -10.0);
    // 4000 * 0.1 = 400.0 V: 0x0FA0 low, 0x0000 high.
    assert_eq!(number(&m, &image(120, &[0x0FA0, 0x0000]), 120), 400.0);
    // 0x00010002 high word first = 65538 (the version 1 default is unchanged).
    assert_eq!(number(&m, &image(42, &[0x0001, 0x0002]), 42), 65538.0);
    // And the same words low word first read otherwise: 0x0002_0001 = 131073.
    let swapped = map(
        "register = [ { addr = 42, name = \"H\", words = 2, combine = \"u32\", order = \"lsw_first\" } ]\n",
    );
    assert_eq!(
        number(&swapped, &image(42, &[0x0001, 0x0002]), 42),
        131073.0
    );
    // 0xFCB5 = -843 -> -0.843.
    assert!((number(&m, &image(201, &[0xFCB5]), 201) + 0.843).abs() < 1e-9);
}

#[test]
fn named_bits_give_alarms_of_each_kind_a_mode_and_breaker_states() {
    let m = map("register = [\n\
         { addr = 0, name = \"Status\", format = \"hex\" },\n\
         { addr = 1, name = \"Shutdowns\", format = \"hex\" },\n\
         { addr = 114, name = \"Switches\", format = \"hex\" },\n]\n\
         bit = [\n\
         { addr = 0, bit = 0, name = \"Common\", kind = \"summary\" },\n\
         { addr = 0, bit = 9, name = \"Auto Mode\", mode = \"Auto\" },\n\
         { addr = 0, bit = 10, name = \"Manual Mode\", mode = \"Manual\" },\n\
         { addr = 1, bit = 0, name = \"Emergency Stop\", kind = \"shutdown\", role = \"emergency_stop\" },\n\
         { addr = 1, bit = 9, name = \"Over-current\", kind = \"trip\" },\n\
         { addr = 1, bit = 15, name = \"Input 8\", kind = \"block\", unverified = true },\n\
         { addr = 114, bit = 3, name = \"Gen Breaker Closed\", role = \"gen_breaker\" },\n]\n");
    let mut img = image(0, &[0x0201, 0x8201]);
    img.apply_block(&Block {
        slave: 1,
        table: Table::Holding,
        addr: 114,
        values: BlockValues::Registers(vec![0x0008]),
    });
    assert_eq!(m.mode(&img, 1), Some("Auto"));
    assert_eq!(
        m.active_alarms(&img, 1),
        vec![
            ("Emergency Stop", AlarmKind::Shutdown),
            ("Over-current", AlarmKind::Trip),
            ("Input 8", AlarmKind::Block)
        ],
        "the summary bit is not an alarm of its own"
    );
    assert_eq!(m.bit_state(&img, 1, "gen_breaker"), Some(true));
    assert_eq!(m.bit_state(&img, 1, "mains_breaker"), None);
    // The word reads as the names of the bits set.
    let d = m.decode(&img, 1, Table::Holding, 1).unwrap();
    assert_eq!(d.shown(), "Emergency Stop, Over-current, Input 8");
    assert!(m.is_unverified(Table::Holding, 1));
    assert!(!m.is_unverified(Table::Holding, 0));
    assert_eq!(
        m.decode(&image(1, &[0]), 1, Table::Holding, 1)
            .unwrap()
            .shown(),
        "none"
    );
}

#[test]
fn pulsed_commands_ranges_and_bit_confirms_are_read() {
    let m = map("command = [\n\
         { addr = 4, name = \"Manual\", action = \"manual\", write = \"pulse\", gap_ms = 100, hold_ms = 600, confirm = { table = \"holding\", addr = 0, bit = 10, value = 1 } },\n\
         { addr = 3, name = \"Auto\", action = \"auto\" },\n]\n\
         register = [ { addr = 4368, name = \"P%\", unit = \"%\", scale = 0.1, setting = true, min = 0.0, max = 100.0 } ]\n");
    assert_eq!(
        m.commands[0].pulse,
        Some(Pulse {
            gap_ms: 100,
            hold_ms: 600
        })
    );
    assert_eq!(m.commands[1].pulse, None);
    let c = m.commands[0].confirm.clone().unwrap();
    assert!(c.holds(0x0400), "bit 10 set");
    assert!(!c.holds(0x0200), "bit 9 only");
    let r = &m.registers[&4368];
    assert_eq!((r.min, r.max), (Some(0.0), Some(100.0)));
}

#[test]
fn errors_name_the_line_and_the_field() {
    let v1 = "format = \"cmm-register-map\"\nversion = 1\nname = \"T\"\n";
    assert_eq!(
        err(&format!(
            "{v1}register = [\n  {{ addr = 1, name = \"A\", words = 2, order = \"lsw_first\" }},\n]\n"
        )),
        "line 5: register[0] (addr 1).order: needs version = 2 (the file says version = 1)"
    );
    assert_eq!(
        err(&format!(
            "{HEAD}register = [\n  {{ addr = 1, name = \"A\", words = 2, order = \"middle\" }},\n]\n"
        )),
        "line 6: register[0] (addr 1).order: \"middle\" is not \"msw_first\" or \"lsw_first\""
    );
    assert_eq!(
        err(&format!(
            "{HEAD}bit = [\n  {{ addr = 7, bit = 1, name = \"A\" }},\n]\n"
        )),
        "line 6: bit[0] (addr 7, bit 1).addr: no register entry at 7 (add one for the word, e.g. format = \"hex\")"
    );
    assert_eq!(
        err(&format!(
            "{HEAD}register = [ {{ addr = 7, name = \"W\" }} ]\nbit = [\n  {{ addr = 7, bit = 16, name = \"A\" }},\n]\n"
        )),
        "line 7: bit[0] (addr 7, bit 16).bit: must be 0 to 15"
    );
    assert_eq!(
        err(&format!(
            "{HEAD}register = [ {{ addr = 7, name = \"W\" }} ]\nbit = [\n  {{ addr = 7, bit = 1, name = \"A\", kind = \"alarm\" }},\n]\n"
        )),
        "line 7: bit[0] (addr 7, bit 1).kind: \"alarm\" is not shutdown, trip, warning, block, summary or status"
    );
    assert_eq!(
        err(&format!(
            "{HEAD}register = [\n  {{ addr = 9, name = \"S\", min = 1.0 }},\n]\n"
        )),
        "line 6: register[0] (addr 9).min: a range is for settings (setting = true)"
    );
    assert_eq!(
        err(&format!(
            "{HEAD}command = [\n  {{ addr = 1, name = \"S\", action = \"stop\", write = \"twice\" }},\n]\n"
        )),
        "line 6: command[0].write: \"twice\" is not \"single\" or \"pulse\""
    );
    assert_eq!(
        err("format = \"cmm-register-map\"\nversion = 3\nname = \"T\"\n"),
        "line 2: version: this program reads versions 1 to 2, the file is version 3"
    );
}

#[test]
fn the_new_maps_ship_resolve_by_model_and_mark_what_is_unverified() {
    let maps = builtin_maps();
    assert_eq!(maps.len(), 3, "every shipped map parses");
    for (model, name) in [
        ("HGM9520N", "SmartGen HGM9500N family"),
        ("hgm9510n-4g", "SmartGen HGM9500N family"),
        ("HGM4020N-4G", "SmartGen HGM4000N family"),
        ("HGM6120N-4G", "SmartGen HGM6100N family"),
    ] {
        assert_eq!(resolve(&maps, model).name, name, "{model}");
    }
    assert!(
        resolve(&maps, "HGM7220").is_generic(),
        "an unknown model decodes raw"
    );
    let m95 = resolve(&maps, "HGM9520N");
    let m40 = resolve(&maps, "HGM4010N");
    assert!(m95.has_unverified() && m40.has_unverified());
    assert!(!resolve(&maps, "HGM6120N").has_unverified());
    // Each poll plan keeps to the controller's limit of 120 registers per read.
    for m in [&m95, &m40] {
        for r in &m.plan.requests {
            let crate::proto::rtu::RequestPdu::Read { table, qty, .. } = r.pdu else {
                panic!("{r}")
            };
            assert!(table.is_bits() || qty <= 120, "{} {r}", m.name);
        }
    }
    // Every role the overview shows is there in both.
    for role in [
        "gen_voltage_ab",
        "gen_frequency",
        "active_power",
        "speed",
        "oil_pressure",
    ] {
        assert!(m95.register_by_role(role).is_some(), "{role}");
        assert!(m40.register_by_role(role).is_some(), "{role}");
    }
    assert!(
        m95.bits
            .values()
            .any(|b| b.role.as_deref() == Some("gen_breaker"))
    );
    assert!(m95.commands.iter().all(|c| c.pulse.is_some()));
    assert_eq!(m95.settings.frequency_ratio, 0.01);
    // HGM4010N and HGM4020N get their own breaker commands.
    let names =
        |m: &str| -> Vec<String> { m40.commands_for(m).iter().map(|c| c.name.clone()).collect() };
    assert!(names("HGM4010N").contains(&"Gen Open".to_string()));
    assert!(names("HGM4020N-4G").contains(&"Gen Close/Open".to_string()));
}

#[test]
fn a_name_given_per_language_is_shown_in_the_threads_language_and_named_in_english() {
    use crate::i18n::{Lang, with_lang};
    let m = map(
        "[[register]]\naddr = 7\nname.en = \"Oil pressure\"\nname.zh = \"机油压力\"\n\
         unit = \"kPa\"\n\n[[register]]\naddr = 8\nname.ru = \"Давление\"\n\n\
         [[coil]]\naddr = 1\nname = \"Common alarm\"\n",
    );
    let oil = m.registers[&7].name.to_string();
    assert_eq!(oil, "Oil pressure", "English is the name everywhere else");
    assert_eq!(
        with_lang(Lang::Zh, || m.shown(&oil).to_string()),
        "机油压力"
    );
    assert_eq!(
        with_lang(Lang::Ru, || m.shown(&oil).to_string()),
        "Oil pressure"
    );
    // Without English, the first given is the name.
    assert_eq!(&*m.registers[&8].name, "Давление");
    assert_eq!(
        with_lang(Lang::Zh, || m.shown("Common alarm").to_string()),
        "Common alarm"
    );
    let e = err(&format!("{HEAD}[[register]]\naddr = 9\nname = 5\n"));
    assert!(e.contains("name") || e.contains("register"), "{e}");
}
