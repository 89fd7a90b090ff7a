//! The simulated controller as a Modbus RTU slave on a serial port (or pty), answering as the
//! real one does, with optional faults: bad CRCs, silences and slow replies at given rates.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::{Instant, timeout};
use tokio_util::sync::CancellationToken;

use super::line::SimLine;
use crate::proto::rtu::Request;

/// Faults to inject, each a rate from 0 to 1 per reply.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Faults {
    /// Replies sent with a corrupted CRC.
    pub crc: f64,
    /// Requests left unanswered.
    pub silence: f64,
    /// Replies delayed by `slow_by`.
    pub slow: f64,
    /// The delay of a slow reply.
    pub slow_by: Duration,
}

impl std::str::FromStr for Faults {
    type Err = String;
    /// `crc=0.1,silence=0.05,slow=0.2` (rates 0-1); `slow-ms=300` sets the delay (default 500).
    fn from_str(s: &str) -> Result<Self, String> {
        let mut f = Faults {
            slow_by: Duration::from_millis(500),
            ..Default::default()
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or(format!("{part:?}: expected NAME=VALUE"))?;
            let x: f64 = v
                .parse()
                .map_err(|_| format!("{part:?}: {v:?} is not a number"))?;
            match k {
                "crc" | "silence" | "slow" if !(0.0..=1.0).contains(&x) => {
                    return Err(format!("{part:?}: a rate is between 0 and 1"));
                }
                "crc" => f.crc = x,
                "silence" => f.silence = x,
                "slow" => f.slow = x,
                "slow-ms" => f.slow_by = Duration::from_millis(x as u64),
                other => {
                    return Err(format!(
                        "unknown fault {other:?} (crc, silence, slow, slow-ms)"
                    ));
                }
            }
        }
        Ok(f)
    }
}

/// Length of the request frame at the start of `buf`, once enough is there to tell.
/// `Some(0)`: the first byte cannot start a frame we know.
fn request_len(buf: &[u8]) -> Option<usize> {
    let fc = *buf.get(1)?;
    match fc {
        0x01..=0x06 => Some(8),
        0x0F | 0x10 => buf.get(6).map(|n| 9 + *n as usize),
        _ => Some(0),
    }
}

/// Serves `controller` (or the controllers of a [`SimLine`], each at its slave id) on `port`
/// until `stop` (or the port closes).
pub async fn serve_serial<P>(
    mut port: P,
    controller: impl Into<SimLine>,
    faults: Faults,
    seed: u64,
    stop: CancellationToken,
) -> std::io::Result<()>
where
    P: AsyncRead + AsyncWrite + Unpin,
{
    let mut controller = controller.into();
    let started = Instant::now();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 512];
    loop {
        // Between frames the line goes quiet; a partial frame left alone this long is noise.
        let read = tokio::select! {
            _ = stop.cancelled() => return Ok(()),
            r = timeout(Duration::from_millis(20), port.read(&mut chunk)) => r,
        };
        match read {
            Err(_) => {
                buf.clear();
                continue;
            }
            Ok(Ok(0)) => return Ok(()),
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
            Ok(Err(e)) => return Err(e),
        }
        while let Some(len) = request_len(&buf) {
            if len == 0 {
                buf.remove(0);
                continue;
            }
            if buf.len() < len {
                break;
            }
            let frame: Vec<u8> = buf.drain(..len).collect();
            // A frame with a bad CRC is ignored, as a real slave does.
            let Ok(req) = Request::decode(&frame) else {
                continue;
            };
            let now = started.elapsed().as_secs_f64();
            controller.tick(now);
            let Some(resp) = controller.handle(&req, now) else {
                continue;
            };
            if rng.f64() < faults.silence {
                continue;
            }
            let mut bytes = resp.encode();
            if rng.f64() < faults.crc {
                let last = bytes.len() - 1;
                bytes[last] ^= 0xA5;
            }
            if rng.f64() < faults.slow {
                tokio::time::sleep(faults.slow_by).await;
            }
            port.write_all(&bytes).await?;
            port.flush().await?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_specs_parse_and_bad_ones_say_why() {
        let f: Faults = "crc=0.1, silence=0.05,slow=0.2,slow-ms=300"
            .parse()
            .unwrap();
        assert_eq!(
            (f.crc, f.silence, f.slow, f.slow_by),
            (0.1, 0.05, 0.2, Duration::from_millis(300))
        );
        assert!(
            "crc=2"
                .parse::<Faults>()
                .unwrap_err()
                .contains("between 0 and 1")
        );
        assert!(
            "noise=0.1"
                .parse::<Faults>()
                .unwrap_err()
                .contains("unknown fault")
        );
        assert!("crc".parse::<Faults>().is_err());
    }

    #[test]
    fn frame_lengths_by_function() {
        assert_eq!(request_len(&[1]), None);
        assert_eq!(request_len(&[1, 3]), Some(8));
        assert_eq!(request_len(&[1, 0x10, 0, 0, 0, 2]), None);
        assert_eq!(request_len(&[1, 0x10, 0, 0, 0, 2, 4]), Some(13));
        assert_eq!(request_len(&[1, 0x2B]), Some(0));
    }
}
