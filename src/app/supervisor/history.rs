//! History and timeline requests: read from the recording on the blocking pool, never on
//! the supervisor's loop.

use std::sync::{Arc, Mutex};

use super::{Failure, Supervisor};
use crate::app::command::{CoreError, StepTo};
use crate::app::history::{History, Read, Timeline, decoding, points};
use crate::app::state::PlotKey;
use crate::store::reader::Recording;

/// Most timeline items read for one range.
const TIMELINE_ITEMS: i64 = 500;

impl Supervisor {
    /// The recording to read from (the one being written), opened once.
    fn reader(&mut self) -> Option<Arc<Mutex<Recording>>> {
        if self.recording.reader.is_none() {
            let path = self
                .recording
                .recorder
                .as_ref()
                .map(|r| r.path().to_path_buf())?;
            match Recording::open(&path) {
                Ok(r) => self.recording.reader = Some(Arc::new(Mutex::new(r))),
                Err(e) => {
                    self.fail(Failure::new(CoreError::from(e)));
                    return None;
                }
            }
        }
        self.recording.reader.clone()
    }

    /// Reads a plotted value's history; the state gets it when it is read.
    pub(super) fn history(&mut self, key: PlotKey, from_ms: i64, to_ms: i64, columns: usize) {
        let Some(reader) = self.reader() else {
            return;
        };
        let jobs = self.jobs();
        self.later(move |s, _| {
            let (target, table, addr) = key.clone();
            let Some(t) = s.targets.get(&target) else {
                return Ok(());
            };
            let Some((signed, scale)) = decoding(&t.map, table, addr) else {
                return Ok(());
            };
            let no_data = t.map.settings.no_data;
            let read = move || {
                let rec = crate::sync::lock(&reader);
                let read = rec.target_id(&target).and_then(|id| match id {
                    Some(id) => Ok(Read {
                        columns: rec.series_columns(
                            id,
                            table,
                            addr,
                            (from_ms, to_ms),
                            columns as i64,
                            signed,
                        )?,
                        before: rec.value_before(id, table, addr, from_ms, signed)?,
                        links: rec.link_changes(id, (from_ms, to_ms))?,
                    }),
                    None => Ok(Read::default()),
                });
                read.map_err(CoreError::from).map(|read| History {
                    from_ms,
                    to_ms,
                    columns,
                    points: points(&read, from_ms, scale, no_data),
                })
            };
            jobs.spawn("the history reader stopped", read, move |s, h, _| {
                if s.plotted.contains_key(&key) {
                    s.history.insert(key, h?);
                }
                Ok(())
            });
            Ok(())
        });
    }

    /// Reads the timeline of a range.
    pub(super) fn timeline(&mut self, from_ms: i64, to_ms: i64) {
        let Some(reader) = self.reader() else {
            return;
        };
        self.jobs().spawn(
            "the timeline reader stopped",
            move || {
                let rec = crate::sync::lock(&reader);
                rec.timeline(from_ms, to_ms, TIMELINE_ITEMS)
                    .map(|items| Timeline {
                        from_ms,
                        to_ms,
                        items,
                    })
                    .map_err(CoreError::from)
            },
            |s, t, _| {
                s.timeline = t?;
                Ok(())
            },
        );
    }
}

impl Supervisor {
    /// Shows `path` read-only: its targets at its last moment. A file that cannot be read is
    /// said in the window; one damaged in part is checked beside (a whole file is read) and
    /// shown with what could be read.
    pub(super) fn open_offline(&mut self, path: &std::path::Path) {
        let status = |span, problem| crate::app::offline::OfflineStatus {
            path: path.to_path_buf(),
            span,
            at_ms: span.map_or(0, |s: (i64, i64)| s.1),
            problem,
            unreadable: None,
        };
        match Recording::open(path) {
            Ok(r) => {
                let span = r.span();
                let problem = span
                    .as_ref()
                    .err()
                    .map(|e| format!("this file is damaged: its readings cannot be read ({e})"));
                let span = span.ok().flatten();
                let reader = Arc::new(Mutex::new(r));
                self.recording.reader = Some(reader.clone());
                let status = status(span, problem);
                let p = path.display().to_string();
                self.later(move |s, now| {
                    s.offline = Some(status);
                    s.note(
                        now,
                        t!(
                            "showing the recording { $file } (read-only)",
                            file = p.to_string()
                        ),
                    );
                    Ok(())
                });
                // The check reads the whole file: on a connection of its own, so the moments
                // asked for meanwhile are not held up behind it, and at the lowest priority,
                // so that it does not take the cores they need.
                let file = path.to_path_buf();
                self.jobs().spawn(
                    "the check of the file stopped",
                    move || {
                        let check = move || match Recording::open(&file) {
                            Ok(rec) => crate::store::info::damage(&rec),
                            Err(e) => Some(format!("this file is damaged: {e}")),
                        };
                        crate::background::lowest_priority("cmm-check", check)
                            .ok_or(CoreError::Busy("the check of the file stopped"))
                    },
                    |s, damage, now| {
                        if let Some(problem) = damage? {
                            s.note(now, problem.clone());
                            if let Some(o) = s.offline.as_mut() {
                                o.problem = Some(problem);
                            }
                        }
                        Ok(())
                    },
                );
                if let Some((_, end)) = span {
                    self.seek(end);
                }
            }
            Err(e) => {
                let problem = format!(
                    "this recording cannot be opened: {e}. It may be cut short (copied while \
                     being written, or a full disk) or not a recording at all."
                );
                let status = status(None, Some(problem));
                self.later(move |s, _| {
                    s.offline = Some(status);
                    Ok(())
                });
                self.fail(Failure::new(CoreError::from(e)));
            }
        }
    }

    /// Shows the recording as it stood at `at_ms`.
    pub(super) fn seek(&mut self, at_ms: i64) {
        let Some(reader) = self.recording.reader.clone() else {
            return self.fail(Failure::new(CoreError::NoRecording));
        };
        self.jobs().spawn(
            "the recording reader stopped",
            move || {
                let rec = crate::sync::lock(&reader);
                crate::app::offline::snapshot(&rec, at_ms).map_err(CoreError::from)
            },
            show_snapshot,
        );
    }

    /// Shows the recording at the reading or event recorded just before (`later`: after)
    /// `from_ms`; where there is none, says so and the moment stays.
    pub(super) fn step(&mut self, from_ms: i64, later: bool, to: StepTo) {
        let Some(reader) = self.recording.reader.clone() else {
            return self.fail(Failure::new(CoreError::NoRecording));
        };
        self.jobs().spawn(
            "the recording reader stopped",
            move || {
                let rec = crate::sync::lock(&reader);
                let found = match &to {
                    StepTo::Reading(Some(key)) => rec
                        .target_id(key)
                        .and_then(|id| rec.reading_beside(Some(id.unwrap_or(-1)), from_ms, later)),
                    StepTo::Reading(None) => rec.reading_beside(None, from_ms, later),
                    StepTo::Event => rec.event_beside(from_ms, later),
                };
                found.map_err(CoreError::from).and_then(|t| {
                    let t = t.ok_or_else(|| {
                        let what = match &to {
                            StepTo::Reading(Some(key)) => format!("reading of {key}"),
                            StepTo::Reading(None) => "reading".into(),
                            StepTo::Event => "event".into(),
                        };
                        let side = if later { "after" } else { "before" };
                        CoreError::NotFound(format!("no {what} recorded {side} this moment"))
                    })?;
                    crate::app::offline::snapshot(&rec, t).map_err(CoreError::from)
                })
            },
            show_snapshot,
        );
    }

    /// Reads a target's journal from the recording (what is committed: up to the last
    /// second), replayed from its start.
    pub(super) fn journal(&mut self, target: String) {
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
                let rec = Recording::open(&file)?;
                let ask = crate::journal::read::Ask {
                    target: Some(who),
                    ..Default::default()
                };
                Ok(crate::journal::read::journal(&rec, &maps, &ask)?)
            };
            jobs.spawn("the journal reader stopped", read, |s, rows, _| {
                s.journal = Some(crate::app::state::JournalRead {
                    target,
                    rows: rows.map_err(|e: CoreError| e.to_string()),
                });
                Ok(())
            });
            Ok(())
        });
    }

    /// Opens a recording in a window of its own (this program again, with the file).
    pub(super) fn open_in_window(&mut self, path: std::path::PathBuf) {
        self.jobs().spawn(
            "the window could not be started",
            move || {
                let exe = std::env::current_exe().map_err(|e| e.to_string());
                exe.and_then(|exe| {
                    std::process::Command::new(exe)
                        .arg(&path)
                        .spawn()
                        .map(|_| path.display().to_string())
                        .map_err(|e| e.to_string())
                })
                .map_err(|e| {
                    CoreError::Notice(format!(
                        "cannot open the recording in a window of its own: {e}"
                    ))
                })
            },
            |s, opened, now| {
                let p = opened?;
                s.note(
                    now,
                    t!(
                        "opened the recording { $file } in a window of its own",
                        file = p.to_string()
                    ),
                );
                Ok(())
            },
        );
    }
}

/// Shows a moment read from the recording.
fn show_snapshot(
    s: &mut crate::app::state::AppState,
    snap: Result<crate::app::offline::Snapshot, CoreError>,
    _now: i64,
) -> Result<(), Failure> {
    crate::app::offline::apply(s, snap?);
    Ok(())
}
