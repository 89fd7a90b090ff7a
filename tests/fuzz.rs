//! Fuzz targets for everything that reads outside input: the stream splitter, the uplink
//! parser, Modbus RTU frames, the register map loader, the stdin command reader, the MQTT
//! command reader and the recording reader.
//!
//! With `cargo test` (stable) each target replays its corpus in `tests/__fuzz__/TARGET/`
//! (crashes found become files there) and then runs `BOLERO_RANDOM_ITERATIONS` random inputs
//! (a bounded number per target, below). The same targets run coverage-guided under libFuzzer
//! with `cargo bolero test --test fuzz TARGET` on a nightly toolchain (see docs/fuzzing.md).
//!
//! Random bytes seldom look like a message, so each target also reads its input as edits of
//! a valid seed (field frames and the tests' vectors): bytes replaced, inserted, cut, or the
//! seed cut short.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cmm_commissioner::proto::rtu::{Request, Response};
use cmm_commissioner::proto::{Piece, Splitter, Uplink};

/// Random cases per target in a plain `cargo test` (CI): enough to catch the easy crashes
/// quickly; fuzz longer with the environment variable or libFuzzer.
fn iterations(default: usize) -> usize {
    std::env::var("BOLERO_RANDOM_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Field frames and test vectors the targets start from.
const UPLINKS: &[&str] = &[
    r#"{"method":"login","params":{"hostid":"3130373031334717003D002E","hostname":"SIM-GENSET","password":"123456","longitude":"0","latitude":"0","Gpsen":0,"moduletype":"HGM6120N-4G","modulePort":2,"moduleBaud":0}}"#,
    r#"{"method":"LongCon","hostid":"3130373031334717003D002E"}"#,
    r#"{"method":"HB","hostid":"3130373031334717003D002E"}"#,
    r#"{"method":"timing","hostid":"3130373031334717003D002E"}"#,
    r#"{"method":"reqdatachange","params":{"03":[{"0000":"00E6"},{"0001":"00E7"}],"01":[{"0029":"1"}]},"hostid":"3130373031334717003D002E","packetnum":7,"InhbitRemote":0,"AccessAlarm":0}"#,
    r#"{"method":"reqdata","hostid":"3130373031334717003D002E","params":"0103020102F1D4;01010100000051CC","packetnum":8}"#,
    r#"{"method":"writeConfig","params":"01050003FF007C3A,1","hostid":"3130373031334717003D002E","uid":"1"}"#,
    r#"{"method":"writeConfig","modulePort":1,"moduleBaud":0,"datatype":1,"uid":"u2","hostid":"3130373031334717003D002E"}"#,
    r#"{"method":"reset","message":"ok","retcode":"000000","hostid":"3130373031334717003D002E"}"#,
    "{\n  \"method\": \"login\",\n  \"params\":\n  {\n    \"hosted\": \"AAAAA\",\n    \"hostname\": \"Smatgen\",\n    \"password\": \"980318\",\n    \"gsen\": 0,\n    \"moduletype\": \"HGM6120\",\n  }\n}",
];

const FRAMES: &[&str] = &[
    "01050003FF007C3A",
    "00050003FF007DEB",
    "01050004FF00CDFB",
    "0103002E000AA5C4",
    "01010000004EBC3E",
    "0103020102F1D4",
    "01010100000051CC",
    "01100010000306000100020003",
    "010F0000000A0201FF",
    "018306C0F2",
];

const COMMANDS: &[&str] = &[
    r#"{"cmd":"write","hostid":"H","frame":"01050004FF00CDFB"}"#,
    r#"{"cmd":"write-coil","hostid":"H","slave":1,"addr":4,"on":true}"#,
    r#"{"cmd":"write-register","hostid":"H","slave":1,"addr":10,"value":1234}"#,
    r#"{"cmd":"write-registers","hostid":"H","addr":10,"values":[1,2,3]}"#,
    r#"{"cmd":"set-port","hostid":"H","modulePort":2,"moduleBaud":1}"#,
    r#"{"cmd":"reset","hostid":"H","uid":"u"}"#,
    r#"{"cmd":"step-start","hostid":"H","name":"25 %","planned_s":900}"#,
    r#"{"cmd":"protection","hostid":"H","test":"Overspeed","passed":false}"#,
    r#"{"cmd":"set-field","hostid":"H","field":"site","value":"North Quarry"}"#,
];

/// The input as edits of one of `seeds`: byte 0 picks the seed, then each 3 bytes are an edit
/// (kind, position, byte). Inputs of fewer than 1 byte give the first seed as it is.
fn mutate(seeds: &[&[u8]], input: &[u8]) -> Vec<u8> {
    let Some((&pick, edits)) = input.split_first() else {
        return seeds[0].to_vec();
    };
    let mut out = seeds[pick as usize % seeds.len()].to_vec();
    for e in edits.chunks(3) {
        let [kind, pos, byte] = [e[0], *e.get(1).unwrap_or(&0), *e.get(2).unwrap_or(&0)];
        let at = if out.is_empty() {
            0
        } else {
            (pos as usize * out.len() / 256).min(out.len() - 1)
        };
        match kind % 5 {
            0 if !out.is_empty() => out[at] = byte,
            1 => out.insert(at, byte),
            2 if !out.is_empty() => {
                out.remove(at);
            }
            3 => out.truncate(at),
            _ => {
                // A structural character where it hurts most.
                const HURTS: &[u8] = b"{}[]\":,\\0=\n";
                let c = HURTS[byte as usize % HURTS.len()];
                if out.is_empty() {
                    out.push(c);
                } else {
                    out[at] = c;
                }
            }
        }
    }
    out
}

fn as_bytes<'a>(seeds: &'a [&'a str]) -> Vec<&'a [u8]> {
    seeds.iter().map(|s| s.as_bytes()).collect()
}

/// Feeds `data` to a splitter in reads whose sizes come from `sizes`, and every whole piece to
/// the uplink parser. Nothing may panic, and the splitter never holds more than its limit.
fn split_and_parse(data: &[u8], sizes: &[u8], max: usize) {
    let mut s = Splitter::new(max);
    let mut rest = data;
    let mut i = 0;
    while !rest.is_empty() {
        let n = (usize::from(sizes.get(i).copied().unwrap_or(200)) + 1).min(rest.len());
        i += 1;
        s.push(&rest[..n]);
        rest = &rest[n..];
        while let Some(p) = s.next_piece() {
            if let Piece::Object(m) = p {
                let _ = Uplink::parse(m);
            }
        }
        assert!(s.buffered() <= max, "{} buffered over {max}", s.buffered());
    }
}

#[test]
fn stream_splitter() {
    let seeds = as_bytes(UPLINKS);
    let all: Vec<u8> = UPLINKS.join("\r\n").into_bytes();
    bolero::check!()
        .with_iterations(iterations(10_000))
        .for_each(|input: &[u8]| {
            // Raw bytes, a mutated message stream, and bytes split at arbitrary reads.
            split_and_parse(input, input, 512);
            let mut stream = all.clone();
            stream.extend_from_slice(&mutate(&seeds, input));
            stream.extend_from_slice(&all);
            split_and_parse(&stream, input, 4096);
        });
}

#[test]
fn uplink_parser() {
    let seeds = as_bytes(UPLINKS);
    bolero::check!()
        .with_iterations(iterations(50_000))
        .for_each(|input: &[u8]| {
            let _ = Uplink::parse(input);
            let m = mutate(&seeds, input);
            if let Ok(u) = Uplink::parse(&m) {
                // What was read has a method name and a hostid accessor that do not panic.
                let _ = (u.method(), u.hostid());
            }
        });
}

/// The uploads the short way takes, and near misses it must leave to the lenient reader.
const PLAIN_UPLOADS: &[&str] = &[
    r#"{"method":"reqdatachange","params":{"03":[{"0000":"00E6"},{"0001":"00E7"}],"01":[{"0029":"1"}]},"hostid":"3130373031334717003D002E","packetnum":7,"InhbitRemote":0,"AccessAlarm":0}"#,
    r#"{"method":"reqdatachange","params":{"packetnum":2,"03":[{"0000":"00EF"},{"0007":"00E70032"}],"01":{"0000":"0805"},"FireAlarm":true,"AlarmInput":1},"hostid":"A","AlarmInput":0}"#,
    r#"{"method":"reqdatachange","params":{"packetnum":"2","03":[{"0000":"00EF","0000":"00F0"}],"03":[]},"HostId":"A",}"#,
    r#"{"method":"HB","hostid":"3130373031334717003D002E"}"#,
    r#"{"method":"LongCon","hostid":"3130373031334717003D002E","params":{}}"#,
];

/// Whatever the short way reads, the lenient reader reads the same; and it reads only UTF-8.
#[test]
fn uplink_short_way() {
    use cmm_commissioner::proto::uplink_fast;
    let seeds = as_bytes(PLAIN_UPLOADS);
    bolero::check!()
        .with_iterations(iterations(50_000))
        .for_each(|input: &[u8]| {
            for bytes in [input.to_vec(), mutate(&seeds, input)] {
                if let Some(fast) = uplink_fast::parse(&bytes) {
                    assert!(std::str::from_utf8(&bytes).is_ok());
                    let slow = Uplink::parse_lenient(&bytes);
                    assert_eq!(
                        Ok(&fast),
                        slow.as_ref(),
                        "{}",
                        String::from_utf8_lossy(&bytes)
                    );
                }
            }
        });
}

#[test]
fn rtu_frames() {
    let frames: Vec<Vec<u8>> = FRAMES
        .iter()
        .map(|f| cmm_commissioner::proto::hex::decode(f).unwrap())
        .collect();
    let seeds: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
    bolero::check!()
        .with_iterations(iterations(50_000))
        .for_each(|input: &[u8]| {
            for bytes in [input.to_vec(), mutate(&seeds, input)] {
                // A frame that reads encodes back to the same bytes.
                if let Ok(r) = Request::decode(&bytes) {
                    assert_eq!(r.encode(), bytes, "request {r:?}");
                }
                if let Ok(r) = Response::decode(&bytes) {
                    assert_eq!(r.encode(), bytes, "response {r:?}");
                }
                let text = String::from_utf8_lossy(&bytes);
                let _ = Request::from_hex(&text);
                let _ = Response::from_hex(&text);
            }
        });
}

#[test]
fn register_map_loader() {
    let shipped = [
        include_str!("../assets/maps/hgm6100n.toml"),
        include_str!("../assets/maps/hgm4000n.toml"),
        include_str!("../assets/maps/hgm9500n.toml"),
    ];
    let seeds = as_bytes(&shipped);
    bolero::check!()
        .with_iterations(iterations(400))
        .for_each(|input: &[u8]| {
            let text = String::from_utf8_lossy(input);
            let _ = cmm_commissioner::proto::map::parse_map(&text);
            let m = mutate(&seeds, input);
            let _ = cmm_commissioner::proto::map::parse_map(&String::from_utf8_lossy(&m));
        });
}

#[test]
fn stdin_command_reader() {
    let seeds = as_bytes(COMMANDS);
    bolero::check!()
        .with_iterations(iterations(30_000))
        .for_each(|input: &[u8]| {
            for bytes in [input.to_vec(), mutate(&seeds, input)] {
                let line = String::from_utf8_lossy(&bytes);
                let _ = cmm_commissioner::cli::command_json::parse_command(&line, 0xFF00, None);
                let _ =
                    cmm_commissioner::cli::command_json::parse_command(&line, 0xFF00, Some("H"));
            }
        });
}

#[test]
fn mqtt_command_reader() {
    let seeds = as_bytes(COMMANDS);
    let state = cmm_commissioner::app::AppState::default();
    bolero::check!()
        .with_iterations(iterations(30_000))
        .for_each(|input: &[u8]| {
            let mut remote = cmm_commissioner::cli::mqtt::remote::Remote::default();
            for bytes in [input.to_vec(), mutate(&seeds, input)] {
                if let Err(r) = remote.prepare("H", &bytes, 0xFF00, &state) {
                    // A refusal always says why and names the modem.
                    assert!(!r.detail.is_empty());
                    assert!(!r.hostid.is_empty());
                }
            }
        });
}

/// What a bridge publishes, as the app attached to a broker reads it: the registers message
/// (parsed, and what parses goes out and back the same) and every topic of the broker session.
#[test]
fn broker_messages() {
    use cmm_commissioner::link::broker::BrokerSession;
    use cmm_commissioner::proto::remote::Registers;
    let seed = br#"{"hostid":"H","name":"Site","model":"HGM6120N","time":"t","commands":true,"bridge":"b1","flags":{"InhbitRemote":0},"blocks":[{"slave":1,"table":"coils","addr":0,"values":[0,1,1]},{"slave":1,"table":"holding","addr":100,"values":[230,65535]}]}"#;
    let seeds: Vec<&[u8]> = vec![seed, br#"{"uid":"c1.x1","outcome":"accepted","detail":""}"#];
    let topics = [
        "cmm/H/registers",
        "cmm/H/availability",
        "cmm/H/outcome",
        "cmm/bridge/b1/availability",
    ];
    bolero::check!()
        .with_iterations(iterations(20_000))
        .for_each(|input: &[u8]| {
            let mut s = BrokerSession::new("cmm", "mqtt://b:1883", "x");
            s.connected();
            let now = std::time::Instant::now();
            for bytes in [input.to_vec(), mutate(&seeds, input)] {
                if let Ok(m) = Registers::parse(&bytes) {
                    assert_eq!(Registers::parse(m.to_json().as_bytes()).as_ref(), Ok(&m));
                }
                for t in topics {
                    s.incoming(t, &bytes, now);
                }
                s.take_events();
            }
        });
}

#[test]
fn recording_reader() {
    // A real recording to start from: one target, samples, an event.
    let dir = std::env::temp_dir().join(format!("cmm-fuzz-rec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seed_path = dir.join("seed.cmmrec");
    seed_recording(&seed_path);
    let seed = std::fs::read(&seed_path).unwrap();
    let case = dir.join("case.cmmrec");
    bolero::check!()
        .with_iterations(iterations(300))
        .for_each(|input: &[u8]| {
            let bytes = if input.first().is_some_and(|b| b % 2 == 0) {
                input.to_vec()
            } else {
                // Edits spread over the file (pages, headers, cells).
                let mut b = seed.clone();
                for e in input.chunks(4).skip(1) {
                    let pos = (usize::from(e[0]) << 8 | usize::from(*e.get(1).unwrap_or(&0)))
                        * b.len()
                        / 65536;
                    let last = b.len() - 1;
                    b[pos.min(last)] = *e.get(2).unwrap_or(&0);
                }
                b
            };
            std::fs::write(&case, &bytes).unwrap();
            let _ = std::fs::remove_file(case.with_extension("cmmrec-wal"));
            if let Ok(r) = cmm_commissioner::store::reader::Recording::open(&case) {
                let _ = r.span();
                if let Ok(targets) = r.targets() {
                    for t in targets {
                        let _ = r.target_span(t.id);
                    }
                }
                let _ = r.events(0, i64::MAX);
                let _ = r.uplinks();
                let _ = r.count("samples");
            }
        });
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes a small recording through the recorder the app uses.
fn seed_recording(path: &std::path::Path) {
    use cmm_commissioner::proto::Table;
    use cmm_commissioner::store::Record;
    let r = cmm_commissioner::store::writer::Recorder::open(path, "fuzz seed").unwrap();
    r.record(Record::Target {
        key: "H1".into(),
        hostname: "Site".into(),
        moduletype: "HGM6120N-4G".into(),
        accepted: Some(true),
        module_port: Some(2),
        module_baud: Some(0),
        peer: "127.0.0.1:1".into(),
        t_ms: 1_000,
    });
    for i in 0..50u16 {
        r.record(Record::Sample {
            target: "H1".into(),
            table: Table::Holding,
            addr: i % 10,
            raw: 230 + i,
            t_ms: 1_000 + i64::from(i) * 100,
        });
    }
    r.record(Record::Event {
        target: Some("H1".into()),
        kind: "marker",
        text: "load step 25 %".into(),
        t_ms: 2_500,
    });
    r.flush().unwrap();
    r.close().unwrap();
}
