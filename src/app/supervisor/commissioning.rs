//! A target's commissioning: the engineer's entries kept in the recording, the commissioning
//! read back from it (on the blocking pool, after the recorder has committed), and the report
//! written from it.

use std::path::PathBuf;

use super::{Failure, Internal, Op, Supervisor};
use crate::app::command::{CoreError, Entry};
use crate::link::Event;
use crate::store::Record;

impl Supervisor {
    /// The recording being written, else the one shown read-only.
    pub(super) fn recording_file(&self) -> Option<PathBuf> {
        self.recording
            .recorder
            .as_ref()
            .map(|r| r.path().to_path_buf())
            .or_else(|| self.recording.offline_file.clone())
    }

    /// Keeps an entry in the recording (and, for steps and tests, in its timeline). A snapshot
    /// of a controller on a serial port first reads every block its map names (and the ranges
    /// asked): it is kept once those values are in.
    pub(super) fn commission(&mut self, target: String, entry: Entry) {
        if let Entry::Snapshot { label, also } = &entry
            && !self.recording.offline
            && self.recording.recorder.is_some()
            && let Some(link) = self.links.serial.get(&target)
        {
            let tx = link.commands.clone();
            let uid = crate::model::next_command_id();
            self.links
                .snapshot_reads
                .insert(uid.clone(), (target.clone(), label.clone()));
            let also = also.clone();
            return self.later(move |s, _| {
                let Some(t) = s.targets.get(&target) else {
                    return Ok(());
                };
                let requests = crate::journal::snapshot::snapshot_reads(&t.map, t.slave(), &also);
                let read = crate::model::Command::Read {
                    hostid: target.clone(),
                    requests,
                    uid: Some(uid),
                };
                if tx.try_send(read).is_err() {
                    return Err(Failure {
                        error: CoreError::Busy("the serial link is busy: take the snapshot again"),
                        target: Some(target),
                        uid: None,
                    });
                }
                Ok(())
            });
        }
        self.keep_entry(target, entry);
    }

    /// Keeps an entry in the recording.
    pub(super) fn keep_entry(&mut self, target: String, entry: Entry) {
        let fail = |error| Failure {
            error,
            target: Some(target.clone()),
            uid: None,
        };
        if self.recording.offline {
            return self.fail(fail(CoreError::ReadOnly));
        }
        let Some(r) = &self.recording.recorder else {
            return self.fail(fail(CoreError::NoRecording));
        };
        let t_ms = chrono::Utc::now().timestamp_millis();
        let (kind, name, value) = entry.row();
        r.record(Record::Commissioning {
            target: target.clone(),
            kind,
            name: name.clone(),
            value: value.clone(),
            t_ms,
        });
        let message = match entry.describe() {
            Some(text) => {
                r.record(Record::Event {
                    target: Some(target.clone()),
                    kind: crate::model::NoticeKind::Commissioning.name(),
                    text: text.clone(),
                    t_ms,
                });
                format!("{target}: {text}")
            }
            None => format!("{target}: {name} = {value:?}"),
        };
        self.pending.push(Op::Event(Event::Notice {
            hostid: Some(target.clone()),
            kind: crate::model::NoticeKind::Commissioning,
            message,
        }));
        self.read_commissioning(target);
    }

    /// Reads a target's commissioning from the recording into the state.
    pub(super) fn read_commissioning(&mut self, target: String) {
        let Some(file) = self.recording_file() else {
            return self.fail(Failure::new(CoreError::NoRecording));
        };
        let flusher = self.recording.recorder.as_ref().map(|r| r.flusher());
        let jobs = self.jobs();
        self.later(move |s, _| {
            let maps = s.maps.clone();
            let who = target.clone();
            let read = move || {
                if let Some(f) = flusher {
                    let _ = f.flush();
                }
                crate::report::read(&file, Some(&who), &maps).map_err(CoreError::from)
            };
            jobs.spawn("the report reader stopped", read, |s, read, _| {
                s.commissioning
                    .insert(target, read.map_err(|e| e.to_string()));
                Ok(())
            });
            Ok(())
        });
    }

    /// Writes the report of a target to `path`.
    pub(super) fn make_report(&mut self, target: String, path: PathBuf, lang: crate::i18n::Lang) {
        let Some(file) = self.recording_file() else {
            let e = CoreError::NoRecording;
            return self.later(move |s, _| {
                s.report_result = Some(Err(e.clone()));
                Err(Failure::new(e))
            });
        };
        let flusher = self.recording.recorder.as_ref().map(|r| r.flusher());
        let tx = self.internal.clone();
        self.later(move |s, _| {
            let maps = s.maps.clone();
            tokio::spawn(async move {
                let who = target.clone();
                let result = tokio::task::spawn_blocking(move || {
                    if let Some(f) = flusher {
                        f.flush().map_err(CoreError::from)?;
                    }
                    crate::i18n::with_lang(lang, || {
                        crate::report::write(&file, Some(&who), &maps, &path)
                    })
                    .map_err(CoreError::from)
                })
                .await
                .unwrap_or(Err(CoreError::Busy("the report stopped")));
                let _ = tx.send(Internal::Reported(target, result)).await;
            });
            Ok(())
        });
    }

    /// Takes in a commissioning read or a report written.
    pub(super) fn commissioning_read(&mut self, msg: Internal) {
        match msg {
            Internal::Reported(target, Ok(w)) => {
                let mut message = t!(
                    "report of { $target } written to { $pdf } (steps in { $csv })",
                    target = target.as_str(),
                    pdf = w.pdf.display().to_string(),
                    csv = w.csv.display().to_string()
                );
                if let Some(note) = w.missing_note() {
                    message.push_str("; ");
                    message.push_str(&note);
                }
                let shown = message.clone();
                self.later(move |s, _| {
                    s.report_result = Some(Ok(shown));
                    Ok(())
                });
                self.pending.push(Op::Event(Event::Notice {
                    hostid: Some(target),
                    kind: crate::model::NoticeKind::Report,
                    message,
                }));
            }
            Internal::Reported(target, Err(e)) => self.later(move |s, _| {
                s.report_result = Some(Err(e.clone()));
                Err(Failure {
                    error: e,
                    target: Some(target),
                    uid: None,
                })
            }),
            _ => {}
        }
    }
}
