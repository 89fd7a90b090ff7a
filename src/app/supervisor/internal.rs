//! What the supervisor does with the results of its slow work (a server started, a serial
//! link opened, a map read, an export or a settings file written), and the export itself.

use std::sync::Arc;

use super::{Failure, Internal, Supervisor};
use crate::app::command::CoreError;

impl Supervisor {
    /// Takes in the result of slow work.
    pub(super) fn internal(&mut self, msg: Internal) {
        match msg {
            Internal::ServerStarted {
                result,
                fallback,
                heartbeat_ms,
            } => self.server_started(result, fallback, heartbeat_ms),
            Internal::ServerStopped { then, demo } => {
                self.demo_on_start = demo;
                self.later(|s, now| {
                    s.server.addr = None;
                    s.note(now, "server stopped".into());
                    Ok(())
                });
                self.start_server(then);
            }
            Internal::SerialOpened {
                target,
                model,
                description,
                slave,
                result,
            } => {
                self.connecting.remove(&target);
                match result {
                    Ok(h) => {
                        self.links.insert(target.clone(), h);
                        self.later(move |s, now| {
                            s.add_serial(&target, &description, &model, slave);
                            s.serial_error = None;
                            s.note(now, format!("serial: connected {description}"));
                            Ok(())
                        });
                    }
                    Err(e) => {
                        let e = CoreError::from(e);
                        self.later(move |s, _| {
                            s.serial_error = Some(e.clone());
                            Err(Failure::new(e))
                        });
                    }
                }
            }
            Internal::MapLoaded(Ok(map)) => self.later(move |s, now| {
                let line = format!(
                    "map loaded: {} ({} coils, {} registers) for {}",
                    map.name,
                    map.coils.len(),
                    map.registers.len(),
                    map.module_types.join(", ")
                );
                s.map_result = Some(Ok(map.name.clone()));
                s.add_map(Arc::new(map));
                s.note(now, line);
                Ok(())
            }),
            Internal::MapLoaded(Err(e)) => self.later(move |s, _| {
                s.map_result = Some(Err(e.clone()));
                Err(Failure::new(e))
            }),
            Internal::SettingsSaved(Err(e)) => self.fail(Failure::new(e)),
            Internal::SettingsSaved(Ok(_)) => {}
            m @ (Internal::History(..) | Internal::Timeline(_)) => self.history_read(m),
            Internal::Snapshot(Ok(snap)) => self.later(move |s, _| {
                crate::app::offline::apply(s, snap);
                Ok(())
            }),
            Internal::Snapshot(Err(e)) => self.fail(Failure::new(e)),
            Internal::Opened(result) => self.later(move |s, now| match result {
                Ok(p) => {
                    s.note(
                        now,
                        format!("opened the recording {p} in a window of its own"),
                    );
                    Ok(())
                }
                Err(e) => Err(Failure::new(CoreError::Notice(format!(
                    "cannot open the recording in a window of its own: {e}"
                )))),
            }),
            Internal::LongConnectionDue(hostid, n) => {
                if let Some(n) = self.resets.long_connection_due(&hostid, n) {
                    self.pending.push(super::Op::Event(n));
                }
            }
            Internal::Later(cmd) => self.command(*cmd),
            Internal::VerifyDue(hostid, uid) => self.later(move |s, now| {
                s.verify_due(&hostid, &uid, now);
                Ok(())
            }),
            Internal::ResetDue(hostid, uid) => {
                if let Some(n) = self.resets.due(&hostid, &uid) {
                    self.pending.push(super::Op::Event(n));
                }
            }
            msg @ (Internal::Commissioning(..) | Internal::Reported(..)) => {
                self.commissioning_read(msg)
            }
            Internal::Exported(result) => self.later(move |s, now| {
                s.export_result = Some(result.clone());
                match result {
                    Ok(text) => {
                        s.note(now, text);
                        Ok(())
                    }
                    Err(e) => Err(Failure::new(e)),
                }
            }),
            Internal::Copied(result) => self.later(move |s, now| {
                s.copy_result = Some(result.clone());
                match result {
                    Ok(text) => {
                        s.note(now, text);
                        Ok(())
                    }
                    Err(e) => Err(Failure::new(e)),
                }
            }),
            Internal::Damaged(problem) => self.later(move |s, now| {
                s.note(now, problem.clone());
                if let Some(o) = s.offline.as_mut() {
                    o.problem = Some(problem);
                }
                Ok(())
            }),
            Internal::Ports(result) => self.later(move |s, _| {
                s.ports.listed = true;
                match result {
                    Ok(p) => {
                        s.ports.ports = p;
                        s.ports.error = None;
                    }
                    Err(e) => s.ports.error = Some(e),
                }
                Ok(())
            }),
            Internal::Addresses(list) => self.later(move |s, _| {
                s.server.addresses = list;
                Ok(())
            }),
        }
    }
}

/// Writes the CSV export of `recording` to `path` (whole or not at all); says how many rows
/// went where.
pub(super) fn export_file(
    recording: &std::path::Path,
    maps: &[Arc<crate::proto::map::RegisterMap>],
    spec: &crate::app::command::ExportSpec,
    path: &std::path::Path,
) -> Result<String, CoreError> {
    let rec = crate::store::reader::Recording::open(recording)?;
    let rows = crate::store::file_out::write_whole(path, |w| {
        crate::store::export::export(&rec, maps, spec, w)
    })?;
    Ok(format!("exported {rows} rows to {}", path.display()))
}
