//! The Modbus frames inside a modem's message, decoded (slave, function, addresses, values,
//! CRC verdict), and the values a message carries named with the target's map.

use serde_json::Value;

use crate::proto::fields::{Fields, parse_object};
use crate::proto::rtu::{Block, BlockValues, Request, Response};
use crate::proto::{PollPlan, hex};

/// Each value a `reqdatachange` carries, named with the target's map: e.g.
/// `holding 24 = 00FD: Battery Voltage 25.3 V`. Empty for other messages.
pub fn named_changes(text: &str, target: &crate::app::Target, hex: bool) -> Vec<String> {
    let Ok(crate::proto::Uplink::ReqDataChange { change, .. }) =
        crate::proto::Uplink::parse(text.as_bytes())
    else {
        return Vec::new();
    };
    let slave = target.slave();
    let (blocks, _) =
        crate::proto::image::delta_blocks(slave, &change, target.map.settings.coil_delta);
    named_blocks(&blocks, target, hex)
}

/// Each value of `blocks` with its meaning in the target's map, as the values stand with the
/// blocks applied (two-word values need both words): e.g.
/// `holding 24 = 00FD: Battery Voltage 25.3 V`.
pub fn named_blocks(blocks: &[Block], target: &crate::app::Target, hex: bool) -> Vec<String> {
    let mut image = target.image.clone();
    let mut out = Vec::new();
    for b in blocks {
        let _ = image.apply_block(b);
        let n = match &b.values {
            BlockValues::Bits(v) => v.len(),
            BlockValues::Registers(v) => v.len(),
        };
        for i in 0..n {
            let addr = b.addr.wrapping_add(i as u16);
            let raw = image.get(b.slave, b.table, addr).unwrap_or_default();
            let at = if hex {
                format!("0x{addr:04X}")
            } else {
                addr.to_string()
            };
            let meaning = target
                .map
                .decode(&image, b.slave, b.table, addr)
                .map(|d| format!("{} {}", d.name, d.shown()))
                .unwrap_or_else(|| "not in the map".into());
            out.push(format!("{} {at} = {raw:04X}: {meaning}", b.table.name()));
        }
    }
    out
}

/// A Modbus frame found in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameView {
    /// Where in the message (e.g. `para_command[2]`, `reqdata frame 1`).
    pub place: String,
    /// The frame as sent.
    pub hex: String,
    /// Decoded: slave, function, addresses, values; or what is wrong.
    pub decoded: String,
    /// Whether the CRC is right.
    pub crc_ok: bool,
}

/// What a frame that does not decode shows, and whether its CRC at least is right.
fn failed(e: &crate::proto::rtu::RtuError) -> (String, bool) {
    (
        e.to_string(),
        !matches!(e, crate::proto::rtu::RtuError::Crc { .. }),
    )
}

pub(super) fn view_request(place: String, text: &str) -> FrameView {
    let (decoded, crc_ok) = match Request::from_hex(text) {
        Ok(r) => (r.to_string(), true),
        Err(e) => failed(&e),
    };
    FrameView {
        place,
        hex: text.to_string(),
        decoded,
        crc_ok,
    }
}

fn values_text(v: &BlockValues) -> String {
    let shown = |items: Vec<String>| {
        let n = items.len();
        let mut s = items.into_iter().take(16).collect::<Vec<_>>().join(" ");
        if n > 16 {
            s.push_str(&format!(" … ({n} in all)"));
        }
        s
    };
    match v {
        BlockValues::Bits(b) => shown(b.iter().map(|&x| u8::from(x).to_string()).collect()),
        BlockValues::Registers(r) => shown(r.iter().map(|x| x.to_string()).collect()),
    }
}

pub(super) fn view_response(place: String, text: &str, request: Option<&Request>) -> FrameView {
    let parsed = hex::decode(text)
        .map_err(crate::proto::rtu::RtuError::from)
        .and_then(|b| Response::decode(&b));
    let (decoded, crc_ok) = match (parsed, request) {
        (Ok(resp), Some(req)) => match resp.block_for(req) {
            Ok(b) => (format!("{req}: {}", values_text(&b.values)), true),
            Err(e) => (format!("{resp} ({e})"), true),
        },
        (Ok(resp), None) => (resp.to_string(), true),
        (Err(e), _) => failed(&e),
    };
    FrameView {
        place,
        hex: text.to_string(),
        decoded,
        crc_ok,
    }
}

/// The Modbus frames inside a message, decoded; `plan` pairs `reqdata` replies with their
/// requests.
pub fn embedded_frames(text: &str, plan: &PollPlan) -> Vec<FrameView> {
    let Ok(map) = parse_object(text.as_bytes()) else {
        return Vec::new();
    };
    let f = Fields(&map);
    let method = f.method().unwrap_or_default().to_ascii_lowercase();
    let split = |s: &str| {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    match method.as_str() {
        "login" => {
            if let Some(Value::Object(r)) = f.get("result") {
                for key in ["para_command", "con_command"] as [&'static str; 2] {
                    let list = Fields(r).opt_str(key).ok().flatten().unwrap_or_default();
                    for (i, fr) in split(&list).iter().enumerate() {
                        out.push(view_request(format!("{key}[{}]", i + 1), fr));
                    }
                }
            }
        }
        "reqdata" => {
            if let Ok(Some(p)) = f.opt_str("params") {
                for (i, fr) in split(&p).iter().enumerate() {
                    out.push(view_response(
                        format!("reqdata frame {}", i + 1),
                        fr,
                        plan.requests.get(i),
                    ));
                }
            }
        }
        "writeconfig" => {
            if let Ok(Some(fr)) = f.opt_str("result") {
                out.push(view_request("writeConfig".into(), &fr));
            } else if let Ok(Some(p)) = f.opt_str("params") {
                let (fr, status) = p.rsplit_once(',').unwrap_or((p.as_str(), ""));
                let verdict = if status.trim() == "1" {
                    "accepted"
                } else {
                    "rejected"
                };
                out.push(view_request(
                    format!("writeConfig reply ({verdict})"),
                    fr.trim(),
                ));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::traffic::pretty;
    use crate::proto::Table;

    #[test]
    fn frames_inside_messages_are_decoded_with_their_crc_verdict() {
        let plan = PollPlan::default();
        let login = r#"{"method":"login","result":{"register":1,"para_command":"01010000004EBC3E;01030000002D85D7;0103002E000AA5C4","con_command":""},"retcode":"000000"}"#;
        let v = embedded_frames(login, &plan);
        assert_eq!(v.len(), 3);
        assert_eq!(v[1].decoded, "slave 1 read 45 holding from 0");
        assert!(v.iter().all(|f| f.crc_ok));

        let good = Response::read(1, Table::Coils, &BlockValues::Bits(vec![true; 78])).to_hex();
        let mut bad =
            Response::read(1, Table::Holding, &BlockValues::Registers(vec![230; 45])).encode();
        let n = bad.len();
        bad[n - 1] ^= 1;
        let text = format!(
            r#"{{"method":"reqdata","params":"{good};{}","hostid":"A"}}"#,
            hex::encode(&bad)
        );
        let v = embedded_frames(&text, &plan);
        assert_eq!(v.len(), 2);
        assert!(
            v[0].crc_ok
                && v[0]
                    .decoded
                    .starts_with("slave 1 read 78 coils from 0: 1 1 1")
        );
        assert!(v[0].decoded.ends_with("(78 in all)"));
        assert!(!v[1].crc_ok && v[1].decoded.contains("CRC"));

        let w = r#"{"method":"writeConfig","result":"01050003FF007C3A","datatype":1,"uid":"1"}"#;
        assert_eq!(
            embedded_frames(w, &plan)[0].decoded,
            "slave 1 write coil 3 = FF00"
        );
        let r = r#"{"method":"writeConfig","params":"01050003FF007C3A,0","hostid":"A","uid":"1"}"#;
        assert_eq!(
            embedded_frames(r, &plan)[0].place,
            "writeConfig reply (rejected)"
        );
        assert!(embedded_frames("not json", &plan).is_empty());
        assert!(pretty(w).contains("\n  \"method\": \"writeConfig\""));
        assert_eq!(pretty("not json"), "not json");
    }

    #[test]
    fn the_values_of_a_reqdatachange_are_named() {
        let mut state = crate::app::AppState::default();
        let login = crate::link::Event::Login {
            hostid: "H".into(),
            hostname: "north".into(),
            moduletype: "HGM6120N-4G".into(),
            peer: "127.0.0.1:1".parse().unwrap(),
            accepted: true,
            reason: None,
            module_port: None,
            module_baud: None,
        };
        state.apply(&login, 0);
        let text = r#"{"method":"reqdatachange","hostid":"H","params":{"packetnum":2,"03":[{"0018":"00FD"}],"01":[{"0029":"01"}]}}"#;
        let lines = named_changes(text, &state.targets["H"], false);
        assert!(
            lines.contains(&"holding 24 = 00FD: Battery Voltage 25.3 V".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("coils 41 = 0001: Auto")),
            "{lines:?}"
        );
        let hex = named_changes(text, &state.targets["H"], true);
        assert!(
            hex.iter().any(|l| l.starts_with("holding 0x0018 = 00FD")),
            "{hex:?}"
        );
        assert!(
            named_changes(
                r#"{"method":"HB","hostid":"H"}"#,
                &state.targets["H"],
                false
            )
            .is_empty()
        );
    }
}
