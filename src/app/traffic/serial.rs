//! A serial link's requests and replies in the traffic log: a label for the list (what was
//! asked, or the reply's verdict), each frame decoded with its CRC verdict, and the values it
//! carries named with the target's map.

use super::frames::{FrameView, named_blocks, view_request, view_response};
use crate::app::Target;
use crate::proto::hex;
use crate::proto::rtu::{
    Block, BlockValues, Request, RequestPdu, Response, ResponsePdu, RtuError, Table,
};

/// What a request asks (`slave 1 read 45 holding from 0`), or why it does not decode.
pub(super) fn request_label(request: &str) -> String {
    match Request::from_hex(request) {
        Ok(r) => r.to_string(),
        Err(e) => format!("request not understood: {e}"),
    }
}

/// The verdict on a reply to `request`: `reply CRC ok`, `reply CRC BAD`, the exception, ...
pub(super) fn reply_label(reply: &str, request: &str) -> String {
    if reply.is_empty() {
        return "no reply".into();
    }
    let parsed = hex::decode(reply)
        .map_err(RtuError::from)
        .and_then(|b| Response::decode(&b));
    let resp = match parsed {
        Ok(r) => r,
        Err(RtuError::Crc { .. }) => return "reply CRC BAD".into(),
        Err(e) => return format!("reply not understood: {e}"),
    };
    if let ResponsePdu::Exception { code, .. } = resp.pdu {
        return format!("reply exception: {code}");
    }
    match Request::from_hex(request) {
        Ok(req) if matches!(req.pdu, RequestPdu::Read { .. }) => match resp.block_for(&req) {
            Ok(_) => "reply CRC ok".into(),
            Err(e) => format!("reply does not match: {e}"),
        },
        _ => "reply CRC ok".into(),
    }
}

/// The frame of a request, decoded.
pub(super) fn request_frames(request: &str) -> Vec<FrameView> {
    vec![view_request("request".into(), request)]
}

/// The frame of a reply, decoded against its request (none when nothing came).
pub(super) fn reply_frames(reply: &str, request: &str) -> Vec<FrameView> {
    if reply.is_empty() {
        return Vec::new();
    }
    let req = Request::from_hex(request).ok();
    vec![view_response("reply".into(), reply, req.as_ref())]
}

/// The values a write request carries, named.
pub(super) fn request_names(request: &str, target: &Target, hex: bool) -> Vec<String> {
    let block = Request::from_hex(request).ok().and_then(|r| written(&r));
    named_blocks(block.as_slice(), target, hex)
}

/// The values a read reply carries, named.
pub(super) fn reply_names(reply: &str, request: &str, target: &Target, hex: bool) -> Vec<String> {
    let block = (|| {
        let req = Request::from_hex(request).ok()?;
        let resp = Response::from_hex(reply).ok()?;
        resp.block_for(&req).ok()
    })();
    named_blocks(block.as_slice(), target, hex)
}

/// The values a write puts, as a block (`None` for a read).
fn written(req: &Request) -> Option<Block> {
    let (table, addr, values) = match &req.pdu {
        RequestPdu::Read { .. } => return None,
        RequestPdu::WriteSingleCoil { addr, value } => (
            Table::Coils,
            *addr,
            BlockValues::Bits(vec![*value == 0xFF00]),
        ),
        RequestPdu::WriteSingleRegister { addr, value } => {
            (Table::Holding, *addr, BlockValues::Registers(vec![*value]))
        }
        RequestPdu::WriteMultipleCoils { addr, bits } => {
            (Table::Coils, *addr, BlockValues::Bits(bits.clone()))
        }
        RequestPdu::WriteMultipleRegisters { addr, values } => (
            Table::Holding,
            *addr,
            BlockValues::Registers(values.clone()),
        ),
    };
    Some(Block {
        slave: req.slave,
        table,
        addr,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::super::TrafficLog;
    use super::*;
    use crate::link::{Direction, Event};
    use crate::proto::rtu::ExceptionCode;

    const TARGET: &str = "serial:/dev/ttyUSB0:1";

    fn state() -> crate::app::AppState {
        let mut state = crate::app::AppState::default();
        let login = Event::Login {
            hostid: TARGET.into(),
            hostname: "pty".into(),
            moduletype: "HGM6120N".into(),
            peer: "127.0.0.1:1".parse().unwrap(),
            accepted: true,
            reason: None,
            module_port: None,
            module_baud: None,
        };
        state.apply(&login, 0);
        state
    }

    #[test]
    fn a_request_and_its_replies_are_decoded_with_the_crc_verdict_and_named() {
        let state = state();
        let t = &state.targets[TARGET];
        let req = Request {
            slave: 1,
            pdu: RequestPdu::Read {
                table: Table::Holding,
                addr: 24,
                qty: 1,
            },
        };
        let good =
            Response::read(1, Table::Holding, &BlockValues::Registers(vec![0x00FD])).encode();
        let mut bad = good.clone();
        let n = bad.len();
        bad[n - 1] ^= 1;
        let refused = Response::exception(1, 3, ExceptionCode::from_code(2)).to_hex();
        let mut log = TrafficLog::default();
        for (i, reply) in [
            hex::encode(&good),
            hex::encode(&bad),
            refused,
            String::new(),
        ]
        .iter()
        .enumerate()
        {
            log.push_serial(i as i64, TARGET, "/dev/ttyUSB0", &req.to_hex(), reply);
        }
        let rows: Vec<_> = log.filtered(None, None).collect();
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[0].direction, Direction::Out);
        assert_eq!(rows[0].method, "slave 1 read 1 holding from 24");
        assert_eq!(
            rows[0].frames(&Default::default())[0].decoded,
            rows[0].method
        );

        assert_eq!(
            (rows[1].direction, rows[1].method.as_str()),
            (Direction::In, "reply CRC ok")
        );
        let f = rows[1].frames(&Default::default());
        assert!(
            f[0].crc_ok && f[0].decoded == "slave 1 read 1 holding from 24: 253",
            "{f:?}"
        );
        assert_eq!(
            rows[1].named_values(t, false),
            ["holding 24 = 00FD: Battery Voltage 25.3 V"]
        );

        assert_eq!(rows[3].method, "reply CRC BAD");
        let f = rows[3].frames(&Default::default());
        assert!(!f[0].crc_ok && f[0].decoded.contains("CRC"), "{f:?}");
        assert_eq!(f[0].hex, hex::encode(&bad));
        assert!(
            rows[3].named_values(t, false).is_empty(),
            "no values from a bad frame"
        );

        assert!(
            rows[5].method.starts_with("reply exception: "),
            "{}",
            rows[5].method
        );
        assert!(rows[5].frames(&Default::default())[0].crc_ok);
        assert_eq!(rows[7].method, "no reply");
        assert!(rows[7].frames(&Default::default()).is_empty());

        assert_eq!(log.filtered(Some("crc bad"), None).count(), 1);
        assert_eq!(log.filtered(None, Some(TARGET)).count(), 8);
        assert_eq!(log.filtered(None, Some("serial:/dev/ttyUSB1:1")).count(), 0);
        assert_eq!(log.targets(), [TARGET]);
    }

    #[test]
    fn a_write_request_names_what_it_writes() {
        let state = state();
        let req = Request {
            slave: 1,
            pdu: RequestPdu::WriteSingleRegister {
                addr: 24,
                value: 0x00FE,
            },
        };
        let mut log = TrafficLog::default();
        let echo = req.write_echo().map(|r| r.to_hex()).unwrap_or_default();
        log.push_serial(0, TARGET, "/dev/ttyUSB0", &req.to_hex(), &echo);
        let rows: Vec<_> = log.filtered(None, None).collect();
        assert_eq!(
            rows[0].named_values(&state.targets[TARGET], true),
            ["holding 0x0018 = 00FE: Battery Voltage 25.4 V"]
        );
        assert_eq!(rows[1].method, "reply CRC ok");
    }
}
