//! The recording the supervisor writes: opening it, carrying the registry of known modems
//! into it, and pruning old recordings.

use super::{Failure, Supervisor};
use crate::app::command::CoreError;
use crate::store::{Record, Recorder};

impl Supervisor {
    /// Starts recording to `path`; a file that cannot be used is reported and the live view
    /// goes on.
    pub(super) fn open_recording(&mut self, path: &std::path::Path, program: &str) {
        match Recorder::open(path, program) {
            Ok(r) => {
                let p = path.to_path_buf();
                self.recording.recorder = Some(r);
                self.later(move |s, now| {
                    s.note(
                        now,
                        t!("recording to { $file }", file = p.display().to_string()),
                    );
                    s.recording.path = Some(p);
                    Ok(())
                });
            }
            Err(e) => {
                let e = CoreError::from(e);
                self.later(move |s, _| {
                    s.recording.error = Some(e.to_string());
                    Err(Failure::new(e))
                });
            }
        }
    }

    /// The modems known from the recordings before this one (none if they cannot be read:
    /// said, and the start goes on).
    pub(super) fn known_modems(
        &mut self,
        path: &std::path::Path,
    ) -> Vec<crate::store::reader::TargetRow> {
        match crate::store::registry::known_modems(path) {
            Ok(k) => k,
            Err(e) => {
                let e = CoreError::from(e);
                self.later(move |s, now| {
                    s.note(
                        now,
                        t!(
                            "the modems of earlier recordings are not known: { $reason }",
                            reason = e.to_string()
                        ),
                    );
                    Ok(())
                });
                Vec::new()
            }
        }
    }

    /// Shows the known modems (offline until they connect) and keeps them in the new file.
    pub(super) fn carry_registry(&mut self, known: Vec<crate::store::reader::TargetRow>) {
        if known.is_empty() {
            return;
        }
        if let Some(r) = &self.recording.recorder {
            for t in &known {
                r.record(Record::Target {
                    key: t.key.clone(),
                    hostname: t.hostname.clone(),
                    moduletype: t.moduletype.clone(),
                    accepted: None,
                    module_port: t.module_port,
                    module_baud: t.module_baud,
                    peer: String::new(),
                    t_ms: t.last_seen_ms.unwrap_or_default(),
                });
            }
        }
        self.later(move |s, now| {
            let n = known.len();
            for t in known {
                s.add_known(&t);
            }
            s.note(now, t!("modems-known-earlier", n = n));
            Ok(())
        });
    }

    /// Deletes the oldest recordings beyond the limits.
    pub(super) fn prune(
        &mut self,
        path: &std::path::Path,
        (days, bytes): (Option<u32>, Option<u64>),
    ) {
        if days.is_none() && bytes.is_none() {
            return;
        }
        let Some(dir) = path.parent() else {
            return;
        };
        let gone = crate::store::registry::prune(dir, days, bytes, path);
        if !gone.is_empty() {
            self.later(move |s, now| {
                for p in gone {
                    s.note(
                        now,
                        t!(
                            "old recording deleted: { $file }",
                            file = p.display().to_string()
                        ),
                    );
                }
                Ok(())
            });
        }
    }
}
