//! Scan: which slave ids answer at which baud rates, one short read each, cancellable.

use tokio::time::timeout;
use tokio_modbus::client::Reader;
use tokio_modbus::slave::{Slave, SlaveContext};
use tokio_util::sync::CancellationToken;

use super::{ScanSettings, SerialSettings};
use crate::link::event::{Event, EventSink};

/// Runs the scan; returns what answered. A controller that answers with an exception answers.
pub async fn scan(s: ScanSettings, events: EventSink, stop: CancellationToken) -> Vec<(u32, u8)> {
    let total = s.bauds.len() * s.slaves.len();
    let mut found = Vec::new();
    let mut done = 0;
    for &baud in &s.bauds {
        let mut settings = SerialSettings::new(s.port.clone());
        settings.baud = baud;
        settings.parity = s.parity;
        settings.stop_bits = s.stop_bits;
        settings.timeout = s.timeout;
        let stream = match super::open(&settings) {
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
        let mut ctx = tokio_modbus::client::rtu::attach_slave(stream, Slave(1));
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
                r = timeout(s.timeout, ctx.read_holding_registers(0, 1)) => matches!(r, Ok(Ok(_))),
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
