//! Scan: which slave ids answer at which baud rates, one short read each, cancellable.

use tokio::time::timeout;
use tokio_modbus::client::Reader;
use tokio_modbus::slave::{Slave, SlaveContext};
use tokio_util::sync::CancellationToken;

use super::{ScanSettings, SerialSettings};
use crate::link::event::{Event, EventSink};

/// Runs the scan; returns what answered. A controller that answers with an exception answers.
pub async fn scan(s: ScanSettings, events: EventSink, stop: CancellationToken) -> Vec<(u32, u8)> {
    use crate::model::serial::Transport;
    let transport = Transport::of(&s.port);
    // Over the network there is no baud rate to try: one pass over the ids.
    let bauds = match transport {
        Transport::Serial => s.bauds.clone(),
        _ => vec![s.bauds.first().copied().unwrap_or(9600)],
    };
    let total = bauds.len() * s.slaves.len();
    let mut found = Vec::new();
    let mut done = 0;
    for &baud in &bauds {
        let mut settings = SerialSettings::new(s.port.clone());
        settings.baud = baud;
        settings.parity = s.parity;
        settings.stop_bits = s.stop_bits;
        settings.timeout = s.timeout;
        let stream = match super::open(&settings).await {
            Ok(st) => st,
            Err(e) => {
                events
                    .send(Event::ScanDone {
                        found: found.clone(),
                        cancelled: false,
                        error: Some(e),
                    })
                    .await;
                return found;
            }
        };
        let mut ctx = super::stream::attach(&settings.port, stream, 1);
        for &slave in &s.slaves {
            if stop.is_cancelled() {
                events
                    .send(Event::ScanDone {
                        found: found.clone(),
                        cancelled: true,
                        error: None,
                    })
                    .await;
                return found;
            }
            ctx.set_slave(Slave(slave));
            let answered = tokio::select! {
                _ = stop.cancelled() => false,
                // A reply is an answer, an exception too (the slave is there and refuses the
                // address), but a gateway's 0x0A/0x0B: that says no slave answered behind it.
                // Over the network a server failure (04) or busy (06) is the server's word
                // for a unit id it does not have, not a slave's.
                r = timeout(s.timeout, ctx.read_holding_registers(0, 1)) => {
                    use tokio_modbus::ExceptionCode as X;
                    match r {
                        Ok(Ok(Ok(_))) => true,
                        Ok(Ok(Err(X::IllegalFunction | X::IllegalDataAddress | X::IllegalDataValue))) => true,
                        Ok(Ok(Err(X::ServerDeviceFailure | X::ServerDeviceBusy))) => {
                            !transport.is_network()
                        }
                        _ => false,
                    }
                }
            };
            done += 1;
            events
                .send(Event::ScanProgress {
                    done,
                    total,
                    baud,
                    slave,
                })
                .await;
            if answered {
                found.push((baud, slave));
                events
                    .send(Event::ScanFound {
                        port: s.port.clone(),
                        baud,
                        slave,
                    })
                    .await;
            }
        }
    }
    events
        .send(Event::ScanDone {
            found: found.clone(),
            cancelled: stop.is_cancelled(),
            error: None,
        })
        .await;
    found
}
