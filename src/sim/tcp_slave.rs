//! The simulated controller on the network: Modbus TCP (the MBAP header), as a controller
//! with an Ethernet port or a serial-to-Ethernet gateway in front of one, which answers for
//! an absent unit id with exception 0x0B as gateways do; or raw RTU frames through a
//! transparent gateway.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::line::SimLine;
use super::serial_slave::{Faults, serve_serial};
use crate::proto::rtu::{ExceptionCode, Request, with_crc};

/// The controllers as every connection sees them, and when they started.
type Shared = Arc<Mutex<(SimLine, Instant)>>;

/// Serves `controller` (or a line of them, each at its unit id) as Modbus TCP on `listener`
/// until `stop`, any number of clients at once (the same controllers: what one writes, the
/// others read).
pub async fn serve_modbus_tcp(
    listener: TcpListener,
    controller: impl Into<SimLine>,
    stop: CancellationToken,
) -> std::io::Result<()> {
    let shared: Shared = Arc::new(Mutex::new((controller.into(), Instant::now())));
    loop {
        let (stream, _) = tokio::select! {
            _ = stop.cancelled() => return Ok(()),
            r = listener.accept() => r?,
        };
        let (shared, stop) = (shared.clone(), stop.clone());
        tokio::spawn(async move {
            let _ = mbap_connection(stream, shared, stop).await;
        });
    }
}

/// Answers one client's requests, each framed by its MBAP header.
async fn mbap_connection(
    mut stream: TcpStream,
    shared: Shared,
    stop: CancellationToken,
) -> std::io::Result<()> {
    let _ = stream.set_nodelay(true);
    loop {
        let mut head = [0u8; 7];
        tokio::select! {
            _ = stop.cancelled() => return Ok(()),
            r = stream.read_exact(&mut head) => { r?; }
        }
        let len = usize::from(u16::from_be_bytes([head[4], head[5]]));
        // A protocol other than Modbus, or a length no PDU has: not a Modbus client.
        if head[2..4] != [0, 0] || !(2..=254).contains(&len) {
            return Ok(());
        }
        let unit = head[6];
        let mut pdu = vec![0u8; len - 1];
        stream.read_exact(&mut pdu).await?;
        let reply = answer(&shared, unit, &pdu);
        let mut out = Vec::with_capacity(7 + reply.len());
        out.extend_from_slice(&head[0..4]);
        out.extend_from_slice(&u16::try_from(reply.len() + 1).unwrap_or(0).to_be_bytes());
        out.push(unit);
        out.extend_from_slice(&reply);
        stream.write_all(&out).await?;
    }
}

/// The response PDU to request `pdu` for `unit`: the controller's answer, exception 01 for a
/// request it cannot read, 0x0B for a unit id it is not (as a gateway says of an absent slave).
fn answer(shared: &Shared, unit: u8, pdu: &[u8]) -> Vec<u8> {
    let function = pdu.first().copied().unwrap_or(0);
    let exception = |code: ExceptionCode| vec![function | 0x80, code.code()];
    let mut frame = vec![unit];
    frame.extend_from_slice(pdu);
    let Ok(req) = Request::decode(&with_crc(frame)) else {
        return exception(ExceptionCode::IllegalFunction);
    };
    let Ok(mut guard) = shared.lock() else {
        return exception(ExceptionCode::ServerDeviceFailure);
    };
    let (controller, started) = &mut *guard;
    let now = started.elapsed().as_secs_f64();
    controller.tick(now);
    match controller.handle(&req, now) {
        Some(resp) => {
            let bytes = resp.encode();
            // Without the slave id in front and the CRC behind: the PDU.
            bytes[1..bytes.len() - 2].to_vec()
        }
        None => exception(ExceptionCode::GatewayTargetFailed),
    }
}

/// Serves `controller` (or a line of them) as RTU frames over TCP (a transparent gateway),
/// one client at a time.
pub async fn serve_rtu_over_tcp(
    listener: TcpListener,
    controller: impl Into<SimLine>,
    faults: Faults,
    seed: u64,
    stop: CancellationToken,
) -> std::io::Result<()> {
    let controller = controller.into();
    loop {
        let (stream, _) = tokio::select! {
            _ = stop.cancelled() => return Ok(()),
            r = listener.accept() => r?,
        };
        let _ = stream.set_nodelay(true);
        serve_serial(stream, controller.clone(), faults, seed, stop.clone()).await?;
    }
}
