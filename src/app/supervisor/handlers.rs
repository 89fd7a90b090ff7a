//! What the supervisor does for each command, and with the results of its slow work.

use tokio_util::sync::CancellationToken;

use super::internal::export_file;
use super::{Failure, Internal, Supervisor};
use crate::app::command::{Command, CoreError, Intent};
use crate::app::maps::load_map_file;
use crate::app::status::ScanStatus;
use crate::link;
use crate::link::serial::{ScanSettings, SerialSettings, list_ports, open_serial};
use crate::store::{Record, StoreError};

impl Supervisor {
    /// Carries out a command. Nothing here waits: slow work goes to a task of its own.
    pub(super) fn command(&mut self, cmd: Command) {
        if let Some(target) = cmd.link_target()
            && self.links.connecting.contains(target)
        {
            let target = target.to_string();
            self.links.waiting.entry(target).or_default().push(cmd);
            return;
        }
        match cmd {
            Command::ConnectSerial { settings, model } => self.connect_serial(settings, model),
            Command::Disconnect { target } => self.disconnect(target),
            Command::Scan(s) => self.start_scan(s),
            Command::StopScan => {
                if let Some(stop) = self.links.scan.take() {
                    stop.cancel();
                }
            }
            Command::RestartServer { listen, advertise } => self.restart_server(listen, advertise),
            Command::StartDemo { modems } => self.start_demo(modems),
            Command::StopDemo => self.stop_demo(),
            Command::ReadOnce {
                target,
                ranges,
                uid,
            } => self.read_once(target, ranges, uid),
            Command::SaveMap {
                model,
                text,
                target,
            } => self.save_map(model, move || Ok(text), target),
            Command::ImportMapCsv {
                path,
                model,
                target,
            } => {
                let m = model.clone();
                self.save_map(
                    model,
                    move || {
                        let error = |reason: String| CoreError::Map {
                            path: path.clone(),
                            reason,
                        };
                        let csv =
                            std::fs::read_to_string(&path).map_err(|e| error(e.to_string()))?;
                        crate::proto::map::map_from_csv(&csv, &m)
                            .map(|(text, _)| text)
                            .map_err(error)
                    },
                    target,
                )
            }
            Command::LoadMap(path) => self.jobs().spawn(
                "the map loader stopped",
                move || load_map_file(&path),
                |s, loaded, now| match loaded {
                    Ok(map) => {
                        let line = format!(
                            "map loaded: {} ({} coils, {} registers) for {}",
                            map.name,
                            map.coils.len(),
                            map.registers.len(),
                            map.module_types.join(", ")
                        );
                        s.map_result = Some(Ok(map.name.clone()));
                        s.add_map(std::sync::Arc::new(map));
                        s.note(now, line);
                        Ok(())
                    }
                    Err(e) => {
                        s.map_result = Some(Err(e.clone()));
                        Err(Failure::new(e))
                    }
                },
            ),
            Command::SaveSettings(settings) => self.save_settings(settings),
            Command::RefreshPorts => self.jobs().spawn(
                "the port list stopped",
                || Ok(list_ports()),
                |s, listed, _| {
                    s.ports.listed = true;
                    match listed? {
                        Ok(p) => {
                            s.ports.ports = p;
                            s.ports.error = None;
                        }
                        Err(e) => s.ports.error = Some(e),
                    }
                    Ok(())
                },
            ),
            Command::AttachBroker(config) => self.attach_broker(config),
            Command::DetachBroker => self.detach_broker(),
            Command::Write {
                target,
                request,
                intent,
                uid,
            } => {
                // The intent is kept by command id: give the command one now.
                let uid = match uid {
                    None if intent != Intent::default() => Some(crate::model::next_command_id()),
                    uid => uid,
                };
                let cmd = link::Command::Write {
                    hostid: target.clone(),
                    request,
                    uid: uid.clone(),
                };
                self.send_to_target(target, uid, cmd, intent);
            }
            Command::Pulse {
                target,
                request,
                pulse,
                intent,
                uid,
            } => self.pulse(target, request, pulse, intent, uid),
            Command::SetPort {
                target,
                module_port,
                module_baud,
                uid,
            } => self.set_port(target, module_port, module_baud, uid),
            Command::Reset { target, uid } => {
                self.resets.handing(&target);
                let cmd = link::Command::Reset {
                    hostid: target.clone(),
                    uid: uid.clone(),
                };
                self.send_to_target(target, uid, cmd, Intent::default());
            }
            Command::Mark(text) => {
                let now = chrono::Utc::now().timestamp_millis();
                let shown = if text.trim().is_empty() {
                    "marker".to_string()
                } else {
                    format!("marker: {}", text.trim())
                };
                if let Some(r) = &self.recording.recorder {
                    r.record(Record::Event {
                        target: None,
                        kind: crate::model::NoticeKind::Marker.name(),
                        text: text.trim().to_string(),
                        t_ms: now,
                    });
                }
                self.later(move |s, now| {
                    s.note(now, shown);
                    Ok(())
                });
            }
            Command::Export { path, spec } => self.export(path, spec),
            Command::SaveCopy { path, cut, replace } => self.save_copy(path, cut, replace),
            Command::History {
                key,
                from_ms,
                to_ms,
                columns,
            } => self.history(key, from_ms, to_ms, columns),
            Command::Timeline { from_ms, to_ms } => self.timeline(from_ms, to_ms),
            Command::Seek(at_ms) => self.seek(at_ms),
            Command::Journal { target } => self.journal(target),
            Command::Step { from_ms, later, to } => self.step(from_ms, later, to),
            Command::OpenRecording(path) => self.open_in_window(path),
            Command::TogglePlot(key) => self.later(move |s, _| {
                s.toggle_plot(key);
                Ok(())
            }),
            Command::ChooseMap { target, map } => {
                // A controller on a serial link polls what its new map names.
                let replan = self.links.serial.get(&target).map(|h| h.replanner());
                self.later(move |s, now| {
                    let text = s.choose_map(&target, map, now);
                    s.note(now, text);
                    if let (Some(r), Some(t)) = (replan, s.targets.get(&target)) {
                        r.set_plan(crate::model::serial::plan_for(&t.map));
                    }
                    Ok(())
                })
            }
            Command::Commission { target, entry } => self.commission(target, entry),
            Command::ReadCommissioning(target) => self.read_commissioning(target),
            Command::Report { target, path, lang } => self.make_report(target, path, lang),
            Command::Sessions => match &self.links.server {
                Some(server) => {
                    let _ = server.commands.try_send(link::Command::Sessions);
                }
                None => self.fail(Failure::new(CoreError::NoServer)),
            },
        }
    }

    /// Sends a command to the link of `target` (its serial link, else the server), unless
    /// the target is unknown or its link is down; the reason is reported, never dropped.
    fn send_to_target(
        &mut self,
        target: String,
        uid: Option<String>,
        cmd: link::Command,
        intent: Intent,
    ) {
        self.send_resolved(target, uid, intent, move |_, intent| Ok((cmd, intent)));
    }

    /// Sends a port command; a setting left out is the modem's current one, and the command is
    /// refused when that is not known (a login without it): a port is never guessed.
    fn set_port(
        &mut self,
        target: String,
        port: Option<u8>,
        baud: Option<u8>,
        uid: Option<String>,
    ) {
        // The setting is kept by command id, to become the modem's once it is accepted.
        let uid = uid.or_else(|| Some(crate::model::next_command_id()));
        let hostid = target.clone();
        let wire_uid = uid.clone();
        self.send_resolved(target, uid, Intent::default(), move |t, intent| {
            let unknown = |what: &str, field: &str| {
                format!(
                    "the modem's current {what} is not known (its login did not say): give \
                     {field} too"
                )
            };
            let port = port
                .or(t.module_port)
                .ok_or_else(|| unknown("port", "modulePort"))?;
            let baud = baud
                .or(t.module_baud)
                .ok_or_else(|| unknown("baud", "moduleBaud"))?;
            let cmd = link::Command::SetPort {
                hostid,
                module_port: port,
                module_baud: baud,
                uid: wire_uid,
            };
            let name = format!(
                "Modem port: {} -> {}",
                crate::proto::port::setting_known(t.module_port, t.module_baud),
                crate::proto::port::setting(port, baud)
            );
            Ok((
                cmd,
                Intent {
                    name: Some(name),
                    port: Some((port, baud)),
                    ..intent
                },
            ))
        });
    }

    /// Sends the command `resolve` makes from the target as the state knows it when the
    /// command's turn comes (and what it is meant to do), to the queue of its link; refused
    /// when the target is unknown or its link is down; the reason is reported, never dropped.
    fn send_resolved(
        &mut self,
        target: String,
        uid: Option<String>,
        intent: Intent,
        resolve: impl FnOnce(&crate::app::Target, Intent) -> Result<(link::Command, Intent), String>
        + Send
        + 'static,
    ) {
        if self.recording.offline {
            return self.fail(Failure {
                error: CoreError::ReadOnly,
                target: Some(target),
                uid,
            });
        }
        let remote = crate::model::TargetId::is_remote(&target);
        let serial = self.links.serial.get(&target).map(|l| l.commands.clone());
        let is_serial = serial.is_some();
        let queue = if remote {
            self.links.broker.as_ref().map(|b| b.commands.clone())
        } else {
            serial.or_else(|| self.links.server.as_ref().map(|s| s.commands.clone()))
        };
        self.later(move |s, _| {
            let refuse = |reason: String| Failure {
                error: CoreError::NotSent {
                    target: target.clone(),
                    reason,
                },
                target: Some(target.clone()),
                uid: uid.clone(),
            };
            let Some(queue) = queue else {
                return Err(refuse(if remote {
                    "the app is not attached to a broker".into()
                } else {
                    "the modem server is not running".into()
                }));
            };
            let t = match s.targets.get(&target) {
                None => return Err(refuse("no such target".into())),
                Some(t) if !t.online => {
                    let why = t.down_reason.clone().unwrap_or_else(|| "offline".into());
                    return Err(refuse(format!("its link is down ({why})")));
                }
                Some(t) if t.remote().is_some_and(|r| !r.commands) => {
                    return Err(refuse(
                        "its bridge does not take commands (cmmctl serve runs without \
                         --mqtt-commands)"
                            .into(),
                    ));
                }
                Some(t) => t,
            };
            let (cmd, intent) = resolve(t, intent).map_err(&refuse)?;
            if !is_serial
                && !matches!(cmd, link::Command::Write { .. })
                && crate::model::TargetId::is_serial(&target)
            {
                return Err(refuse("a serial link takes Modbus writes only".into()));
            }
            let intent = name_raw_write(t, &cmd, intent);
            if let Some(u) = &uid {
                s.expect(u, intent);
            }
            queue
                .try_send(cmd)
                .map_err(|_| refuse("its link is not taking commands (busy or closing)".into()))
        });
    }

    /// Off now, on after the gap, off after the hold: the link sends them in that order.
    fn pulse(
        &mut self,
        target: String,
        request: crate::proto::rtu::Request,
        pulse: crate::proto::map::Pulse,
        intent: Intent,
        uid: Option<String>,
    ) {
        let crate::proto::rtu::RequestPdu::WriteSingleCoil { addr, .. } = request.pdu else {
            return self.command(Command::Write {
                target,
                request,
                intent,
                uid,
            });
        };
        let name = intent
            .name
            .clone()
            .unwrap_or_else(|| format!("coil {addr}"));
        let slave = request.slave;
        let off = |step: &str| Command::Write {
            target: target.clone(),
            request: crate::proto::rtu::Request {
                slave,
                pdu: crate::proto::rtu::RequestPdu::WriteSingleCoil { addr, value: 0 },
            },
            intent: Intent {
                name: Some(format!("{name}: pulse {step} off")),
                ..Default::default()
            },
            uid: None,
        };
        self.command(off("first"));
        let on = Command::Write {
            target: target.clone(),
            request,
            intent,
            uid,
        };
        let last = off("last");
        let tx = self.internal.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(u64::from(pulse.gap_ms))).await;
            if tx.send(Internal::Later(Box::new(on))).await.is_err() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(u64::from(pulse.hold_ms))).await;
            let _ = tx.send(Internal::Later(Box::new(last))).await;
        });
    }

    pub(super) fn connect_serial(&mut self, mut settings: SerialSettings, model: String) {
        // Every request and reply as they were on the wire, for the traffic inspector (the
        // same switch as the modems' messages) and for a recording.
        let inspector = self.links.server_config.as_ref().is_some_and(|c| c.traffic);
        settings.traffic = inspector || self.recording.recorder.is_some();
        let target = settings.target();
        if self.links.serial.contains_key(&target) || !self.links.connecting.insert(target.clone())
        {
            let e = CoreError::AlreadyConnected(target);
            return self.later(move |s, _| {
                s.serial_error = Some(e.clone());
                Err(Failure::new(e))
            });
        }
        // Before the link can tell anything: its first readings are decoded with its map.
        let (t, m) = (target.clone(), model.clone());
        self.later(move |s, _| {
            s.serial_models.insert(t, m);
            Ok(())
        });
        // One task owns a port: another slave on a port already open joins its line, and one
        // asked while the port is being opened waits for it.
        let port = settings.port.clone();
        if let Some(line) = self.links.serial.values().find(|h| h.port() == port) {
            let description = format!("{}, {}", settings.port, settings.describe());
            let (slave, line_settings) = (settings.slave, settings.line());
            let result = line.add_slave(settings);
            return self.internal(Internal::SerialOpened {
                target,
                model,
                description,
                slave,
                line: line_settings,
                result,
            });
        }
        let opening = self.links.connecting.iter().any(|t| {
            t != &target
                && matches!(crate::model::TargetId::parse(t),
                    crate::model::TargetId::Serial { port: p, .. } if p == port)
        });
        if opening {
            self.links
                .port_waiting
                .entry(port)
                .or_default()
                .push((settings, model));
            return;
        }
        let (tx, sink) = (self.internal.clone(), self.sink.clone());
        let handle = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || {
            let _enter = handle.enter();
            let description = format!("{}, {}", settings.port, settings.describe());
            let (slave, line) = (settings.slave, settings.line());
            let result = open_serial(settings, sink);
            let _ = tx.blocking_send(Internal::SerialOpened {
                target,
                model,
                description,
                slave,
                line,
                result,
            });
        });
    }

    fn attach_broker(&mut self, config: link::broker::BrokerConfig) {
        if self.recording.offline {
            return self.fail(Failure::new(CoreError::ReadOnly));
        }
        // Attached again with new settings: the old link's targets leave first (its last
        // events before the new link's first).
        if let Some(old) = self.links.broker.take() {
            let tx = self.internal.clone();
            tokio::spawn(async move {
                old.stop().await;
                let _ = tx
                    .send(Internal::Later(Box::new(Command::AttachBroker(config))))
                    .await;
            });
            return;
        }
        match link::broker::attach(&config, self.sink.clone()) {
            Ok(h) => {
                let shown = h.broker.clone();
                self.links.broker = Some(h);
                self.later(move |s, now| {
                    s.note(
                        now,
                        t!(
                            "attaching to the broker { $broker }",
                            broker = shown.as_str()
                        ),
                    );
                    s.broker = Some(crate::app::status::BrokerStatus {
                        broker: shown,
                        connected: false,
                        detail: "connecting".into(),
                    });
                    Ok(())
                });
            }
            Err(e) => self.fail(Failure::new(CoreError::Broker(e))),
        }
    }

    fn detach_broker(&mut self) {
        if let Some(h) = self.links.broker.take() {
            let shown = h.broker.clone();
            tokio::spawn(h.stop());
            self.later(move |s, now| {
                s.note(
                    now,
                    t!(
                        "detached from the broker { $broker }",
                        broker = shown.as_str()
                    ),
                );
                s.broker = None;
                Ok(())
            });
        }
    }

    fn disconnect(&mut self, target: String) {
        match self.links.serial.remove(&target) {
            // The target goes when the link's last event (`LinkClosed`) is applied, after
            // every reading it sent: none can bring it back.
            Some(h) => {
                tokio::spawn(h.stop());
            }
            None => self.later(move |s, _| {
                s.remove_target(&target);
                Ok(())
            }),
        }
    }

    fn start_scan(&mut self, settings: ScanSettings) {
        if self.links.scan.is_some() {
            return self.fail(Failure::new(CoreError::Busy("a scan is already running")));
        }
        let stop = CancellationToken::new();
        let status = ScanStatus {
            port: settings.port.clone(),
            total: settings.bauds.len() * settings.slaves.len(),
            running: true,
            ..Default::default()
        };
        self.later(move |s, now| {
            s.note(
                now,
                t!("scan: { $port } started", port = status.port.as_str()),
            );
            s.scan = Some(status);
            Ok(())
        });
        tokio::spawn(link::serial::scan(
            settings,
            self.sink.clone(),
            stop.clone(),
        ));
        self.links.scan = Some(stop);
    }

    /// Exports the recording (what is committed: up to the last second) on a task of its own.
    fn export(&mut self, path: std::path::PathBuf, spec: crate::app::command::ExportSpec) {
        let Some(file) = self.recording_file() else {
            let e = CoreError::NoRecording;
            return self.later(move |s, _| {
                s.export_result = Some(Err(e.clone()));
                Err(Failure::new(e))
            });
        };
        let jobs = self.jobs();
        self.later(move |s, _| {
            let maps = s.maps.clone();
            jobs.spawn(
                "the export stopped",
                move || export_file(&file, &maps, &spec, &path),
                |s, exported, now| {
                    s.export_result = Some(exported.clone());
                    s.note(now, exported.map_err(Failure::new)?);
                    Ok(())
                },
            );
            Ok(())
        });
    }

    /// Saves a single-file copy of the recording on a task of its own (a copy of one being
    /// written holds what is committed: up to the last second). An existing file at `path` is
    /// replaced only when `replace` says the user agreed to it (a save dialog asks).
    fn save_copy(&mut self, path: std::path::PathBuf, cut: crate::app::CopyCut, replace: bool) {
        let Some(file) = self.recording_file() else {
            return self.fail(Failure::new(CoreError::NoRecording));
        };
        let spec = crate::store::copy::CopySpec {
            from_ms: cut.from_ms,
            to_ms: cut.to_ms,
            targets: cut.targets,
            replace,
            program: "cmm-commissioner".into(),
        };
        self.jobs().spawn(
            "the copy stopped",
            move || {
                crate::store::copy::copy(&file, &path, &spec)
                    .map(|what| {
                        t!(
                            "saved a copy of the recording to { $file } ({ $what })",
                            file = path.display().to_string(),
                            what = what
                        )
                    })
                    .map_err(|e| {
                        CoreError::Notice(match e {
                            // Replacing is agreed in the save dialog, which asks first.
                            StoreError::Exists(_) => t!(
                                "the copy was not saved: { $reason }, or leave the file empty to choose one in the save dialog",
                                reason = e.to_string()
                            ),
                            _ => t!(
                                "the copy was not saved: { $reason }",
                                reason = e.to_string()
                            ),
                        })
                    })
            },
            |s, copied, now| {
                s.copy_result = Some(copied.clone());
                s.note(now, copied.map_err(Failure::new)?);
                Ok(())
            },
        );
    }

    fn save_settings(&mut self, settings: crate::app::Settings) {
        let Some(path) = self.settings_path.clone() else {
            return;
        };
        let tx = self.internal.clone();
        while self.saving.try_join_next().is_some() {}
        self.saving.spawn_blocking(move || {
            let result =
                settings
                    .save(&path)
                    .map(|()| path.clone())
                    .map_err(|e| CoreError::SaveSettings {
                        path,
                        reason: e.to_string(),
                    });
            let _ = tx.blocking_send(Internal::SettingsSaved(result));
        });
    }
}

/// A raw write (from a script) that is one of the map's remote commands is named and checked
/// against the readings like the same command sent from the window.
fn name_raw_write(t: &crate::app::Target, cmd: &link::Command, intent: Intent) -> Intent {
    if intent == Intent::default()
        && let link::Command::Write { request, .. } = cmd
        && let crate::proto::rtu::RequestPdu::WriteSingleCoil { addr, value } = request.pdu
        && value == t.map.settings.coil_on
        && let Some(spec) = t
            .map
            .commands_for(&t.moduletype)
            .into_iter()
            .find(|c| c.addr == addr)
    {
        return Intent {
            name: Some(spec.name.clone()),
            effect: spec.confirm.clone(),
            ..Default::default()
        };
    }
    intent
}
