//! What the supervisor does with the results of its slow work (a server started, a serial
//! link opened, a map read, an export or a settings file written), and the export itself.

use std::sync::Arc;

use super::{Failure, Internal, Supervisor};
use crate::app::command::CoreError;

impl Supervisor {
    /// Takes in the result of slow work.
    pub(super) fn internal(&mut self, msg: Internal) {
        match msg {
            Internal::Apply(op) => self.pending.push(super::Op::Do(op)),
            Internal::ServerStarted {
                result,
                fallback,
                heartbeat_ms,
            } => self.server_started(result, fallback, heartbeat_ms),
            Internal::ServerStopped { then, demo } => {
                self.links.demo_on_start = demo;
                self.later(|s, now| {
                    s.server.addr = None;
                    s.note(now, t!("server stopped"));
                    Ok(())
                });
                self.start_server(then);
            }
            Internal::SerialOpened {
                target,
                model,
                description,
                slave,
                line,
                result,
            } => {
                self.links.connecting.remove(&target);
                let port = match crate::model::TargetId::parse(&target) {
                    crate::model::TargetId::Serial { port, .. } => port,
                    _ => String::new(),
                };
                let link = (slave, line, port.clone());
                self.serial_opened(target, model, description, link, result);
                // Slaves asked for meanwhile join the line now (or try the port themselves).
                for (settings, model) in self.links.port_waiting.remove(&port).unwrap_or_default() {
                    self.links.connecting.remove(&settings.target());
                    self.connect_serial(settings, model);
                }
            }
            Internal::SettingsSaved(Err(e)) => self.fail(Failure::new(e)),
            Internal::SettingsSaved(Ok(_)) => {}
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
            msg @ Internal::Reported(..) => self.commissioning_read(msg),
        }
    }

    /// A serial target's link opened (or joined its line), or could not be.
    fn serial_opened(
        &mut self,
        target: String,
        model: String,
        description: String,
        (slave, line, port): (u8, String, String),
        result: Result<crate::link::serial::SerialHandle, crate::link::serial::SerialError>,
    ) {
        match result {
            Ok(h) => {
                self.links.serial.insert(target.clone(), h);
                // The model is the engineer's choice, not the link's: kept with the
                // target so the recording is decoded with its map afterwards.
                if let Some(r) = &self.recording.recorder {
                    r.record(crate::store::Record::Target {
                        key: target.clone(),
                        hostname: description.clone(),
                        moduletype: model.clone(),
                        accepted: None,
                        module_port: None,
                        module_baud: None,
                        peer: port,
                        t_ms: chrono::Utc::now().timestamp_millis(),
                    });
                }
                let waiting = self.links.waiting.remove(&target).unwrap_or_default();
                let t = target.clone();
                self.later(move |s, now| {
                    s.add_serial(&t, &description, &model, slave);
                    if let Some(t) = s.targets.get_mut(&t) {
                        t.serial_link_mut().line_settings = line;
                    }
                    // The refusal of an earlier try is over: it leaves the status bar too.
                    if let Some(e) = s.serial_error.take()
                        && s.last_error.as_deref() == Some(e.to_string().as_str())
                    {
                        s.last_error = None;
                    }
                    s.note(
                        now,
                        t!("serial: connected { $port }", port = description.as_str()),
                    );
                    Ok(())
                });
                for cmd in waiting {
                    self.command(cmd);
                }
            }
            Err(e) => {
                let e = CoreError::from(e);
                for cmd in self.links.waiting.remove(&target).unwrap_or_default() {
                    self.fail(Failure {
                        error: CoreError::NotSent {
                            target: target.clone(),
                            reason: e.to_string(),
                        },
                        target: Some(target.clone()),
                        uid: cmd.uid().map(str::to_string),
                    });
                }
                self.later(move |s, _| {
                    s.serial_models.remove(&target);
                    s.serial_error = Some(e.clone());
                    Err(Failure::new(e))
                });
            }
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
    Ok(t!(
        "export-rows-written",
        n = rows,
        path = path.display().to_string()
    ))
}
