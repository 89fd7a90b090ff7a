//! Maps made in the app: saved into the maps folder and used at once (the target decoded and
//! its link polling the new plan); and the one-off reads that find what a controller has.

use super::{Failure, Supervisor};
use crate::app::command::CoreError;
use crate::app::maps::load_map_file;

impl Supervisor {
    /// Saves the map `make` writes as the map of `model` in the maps folder, reads it back
    /// as on load and uses it from then on (for `target` too, whatever its model).
    pub(super) fn save_map(
        &mut self,
        model: String,
        make: impl FnOnce() -> Result<String, CoreError> + Send + 'static,
        target: Option<String>,
    ) {
        let dir = self.maps_dir.clone();
        // A controller on a serial link polls what its new map names.
        let replan = (target.as_ref())
            .and_then(|t| self.links.serial.get(t))
            .map(|h| h.replanner());
        self.jobs().spawn(
            "the map writer stopped",
            move || {
                let dir = dir.ok_or_else(|| CoreError::Map {
                    path: Default::default(),
                    reason: t!("this computer has no folder for maps"),
                })?;
                let text = make()?;
                let path = crate::app::maps::save_map(&dir, &model, &text)?;
                // Read back as on load: what is used is what was written.
                load_map_file(&path).map(|m| (m, path))
            },
            |s, saved, now| {
                s.map_saves += 1;
                match saved {
                    Ok((map, path)) => {
                        let line = t!(
                            "map saved: { $name } ({ $path }), used from now on",
                            name = map.name.as_str(),
                            path = path.display().to_string()
                        );
                        let name = map.name.clone();
                        s.map_result = Some(Ok(name.clone()));
                        s.add_map(std::sync::Arc::new(map));
                        s.note(now, line);
                        // The target it was made for uses it, whatever model it was given.
                        if let Some(t) = &target
                            && s.targets.get(t).is_some_and(|t| t.map.name != name)
                        {
                            // Kept as its choice, so a reconnect uses it too.
                            s.choose_map(t, Some(name.clone()), now);
                            let said = t!(
                                "{ $target } is decoded with { $map } from now on",
                                target = t.as_str(),
                                map = name.as_str()
                            );
                            s.note(now, said);
                        }
                        if let (Some(r), Some(t)) = (replan, target.and_then(|t| s.targets.get(&t)))
                        {
                            r.set_plan(crate::model::serial::plan_for(&t.map));
                        }
                        Ok(())
                    }
                    Err(e) => {
                        s.map_result = Some(Err(e.clone()));
                        Err(Failure::new(e))
                    }
                }
            },
        );
    }

    /// Reads `ranges` once from a serial target: its values come as a reading.
    pub(super) fn read_once(
        &mut self,
        target: String,
        ranges: Vec<crate::journal::snapshot::ReadRange>,
        uid: String,
    ) {
        use crate::proto::rtu::{Request, RequestPdu};
        let Some(link) = self.links.serial.get(&target) else {
            let e = CoreError::NotSent {
                target: target.clone(),
                reason: t!(
                    "a one-off read is for a controller on a serial port or the network; a modem sends what it polls"
                ),
            };
            return self.later(move |s, _| {
                let said = (Some(crate::model::Outcome::Rejected), e.to_string());
                s.reads.insert(uid.clone(), said);
                Err(Failure {
                    error: e,
                    target: Some(target),
                    uid: Some(uid),
                })
            });
        };
        let tx = link.commands.clone();
        self.later(move |s, _| {
            let slave = s.targets.get(&target).map_or(1, |t| t.slave());
            let requests: Vec<Request> = ranges
                .iter()
                .map(|r| Request {
                    slave,
                    pdu: RequestPdu::Read {
                        table: r.table,
                        addr: r.addr,
                        qty: r.qty,
                    },
                })
                .collect();
            let n = requests.len();
            let read = crate::model::Command::Read {
                hostid: target.clone(),
                requests,
                uid: Some(uid.clone()),
            };
            if tx.try_send(read).is_err() {
                return Err(Failure {
                    error: CoreError::Busy("the serial link is busy: read again"),
                    target: Some(target),
                    uid: Some(uid),
                });
            }
            s.reads
                .insert(uid, (None, t!("reading { $n } blocks…", n = n)));
            Ok(())
        });
    }
}
