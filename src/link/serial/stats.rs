//! Link statistics of a serial target.

use std::time::Duration;

/// Counters and response times of a serial link.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LinkStats {
    /// Requests sent.
    pub requests: u64,
    /// Valid responses (including exceptions).
    pub responses: u64,
    /// Requests with no valid response in time.
    pub timeouts: u64,
    /// Responses that arrived with a bad CRC.
    pub crc_errors: u64,
    /// Modbus exception responses.
    pub exceptions: u64,
    /// Last response time.
    pub last: Option<Duration>,
    /// Worst response time.
    pub worst: Option<Duration>,
    total: Duration,
}

impl LinkStats {
    /// Records a response after `took`.
    pub fn response(&mut self, took: Duration) {
        self.responses += 1;
        self.last = Some(took);
        self.worst = Some(self.worst.map_or(took, |w| w.max(took)));
        self.total += took;
    }

    /// Average response time.
    pub fn average(&self) -> Option<Duration> {
        (self.responses > 0).then(|| self.total / self.responses as u32)
    }

    fn ms(d: Option<Duration>) -> Option<f64> {
        d.map(|d| (d.as_secs_f64() * 1e5).round() / 100.0)
    }

    /// Last response time, ms.
    pub fn last_ms(&self) -> Option<f64> {
        Self::ms(self.last)
    }

    /// Average response time, ms.
    pub fn avg_ms(&self) -> Option<f64> {
        Self::ms(self.average())
    }

    /// Worst response time, ms.
    pub fn worst_ms(&self) -> Option<f64> {
        Self::ms(self.worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_and_worst() {
        let mut s = LinkStats::default();
        assert_eq!(s.avg_ms(), None);
        s.response(Duration::from_millis(10));
        s.response(Duration::from_millis(30));
        assert_eq!(
            (s.avg_ms(), s.worst_ms(), s.last_ms()),
            (Some(20.0), Some(30.0), Some(30.0))
        );
    }
}
