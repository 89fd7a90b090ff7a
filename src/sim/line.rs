//! Several simulated controllers on one line (an RS485 bus, or the serial side of a gateway),
//! each answering to its own slave id: a genset controller, an ATS controller and a meter, as
//! a site has them.

use super::controller::SimController;
use crate::proto::rtu::{Request, Response};

/// The controllers on one line.
#[derive(Debug, Clone)]
pub struct SimLine(Vec<SimController>);

impl SimLine {
    /// The line with `controllers` on it.
    pub fn new(controllers: Vec<SimController>) -> SimLine {
        SimLine(controllers)
    }

    /// Every controller moves on to `now` (seconds since start).
    pub fn tick(&mut self, now: f64) {
        for c in &mut self.0 {
            c.tick(now);
        }
    }

    /// The answer of the controller at the request's slave id; None when none is there, or
    /// for a broadcast (slave 0), which every controller carries out and none answers when
    /// there are several.
    pub fn handle(&mut self, req: &Request, now: f64) -> Option<Response> {
        if req.slave == 0 && self.0.len() > 1 {
            for c in &mut self.0 {
                c.handle(req, now);
            }
            return None;
        }
        self.0.iter_mut().find_map(|c| c.handle(req, now))
    }
}

impl From<SimController> for SimLine {
    fn from(c: SimController) -> SimLine {
        SimLine(vec![c])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::Table;
    use crate::proto::rtu::RequestPdu;

    #[test]
    fn each_controller_answers_to_its_own_id_only() {
        let mut line = SimLine::new(vec![
            SimController::new(1, 1, 0),
            SimController::new(2, 1, 0).with_model("HGM9520N"),
        ]);
        line.tick(1.0);
        let read = |slave| Request {
            slave,
            pdu: RequestPdu::Read {
                table: Table::Holding,
                addr: 0,
                qty: 1,
            },
        };
        assert_eq!(line.handle(&read(1), 1.0).map(|r| r.slave), Some(1));
        assert_eq!(line.handle(&read(2), 1.0).map(|r| r.slave), Some(2));
        assert!(line.handle(&read(3), 1.0).is_none());
        assert!(line.handle(&read(0), 1.0).is_none());
    }
}
