//! A recording looked at afterwards, read-only: its targets as they stood at any moment.

use super::state::AppState;
pub use super::status::OfflineStatus;
use crate::proto::rtu::{Block, BlockValues};
use crate::store::StoreError;
use crate::store::columns::Moment;
use crate::store::reader::{Recording, SampleRow, TargetRow};
use crate::store::stale::StaleAt;

/// The targets at one moment, read from the file.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The moment.
    pub at_ms: i64,
    /// Each target with its state, its last values at or before it, and which of them were
    /// stale then.
    pub targets: Vec<(TargetRow, Moment, Vec<SampleRow>, StaleAt)>,
    /// What could not be read of a damaged file (the rest is shown).
    pub unreadable: Vec<String>,
}

/// Reads the targets as they stood at `at_ms`. In a damaged file, a target whose values or
/// link state cannot be read is still shown with what could be (and said in `unreadable`);
/// only a file whose targets cannot be listed fails.
pub fn snapshot(rec: &Recording, at_ms: i64) -> Result<Snapshot, StoreError> {
    let mut targets = Vec::new();
    let mut unreadable = Vec::new();
    let stale_events = rec.stale_events(at_ms).unwrap_or_else(|e| {
        unreadable.push(t!("the stale marks: { $error }", error = e.to_string()));
        Default::default()
    });
    for t in rec.targets()? {
        let values = rec.values_at(t.id, at_ms).unwrap_or_else(|e| {
            unreadable.push(t!(
                "the values of { $target }: { $error }",
                target = t.key.as_str(),
                error = e.to_string()
            ));
            Vec::new()
        });
        let last_sample = values.iter().map(|v| v.t_ms).max();
        let moment = rec
            .moment_given(t.id, at_ms, last_sample)
            .unwrap_or_else(|e| {
                unreadable.push(t!(
                    "the link state of { $target }: { $error }",
                    target = t.key.as_str(),
                    error = e.to_string()
                ));
                Moment {
                    last_seen_ms: last_sample,
                    ..Moment::default()
                }
            });
        let stale = rec
            .stale_at_given(t.id, at_ms, &stale_events)
            .unwrap_or_else(|e| {
                unreadable.push(t!(
                    "the stale marks of { $target }: { $error }",
                    target = t.key.as_str(),
                    error = e.to_string()
                ));
                StaleAt::default()
            });
        targets.push((t, moment, values, stale));
    }
    Ok(Snapshot {
        at_ms,
        targets,
        unreadable,
    })
}

/// Shows a snapshot: every target as it was at the moment (online or not, last seen, last
/// heartbeat), its image and change times; nothing can be sent to it.
pub fn apply(state: &mut AppState, snap: Snapshot) {
    state.targets.clear();
    // No server runs: a target's heartbeat is judged against the interval modems are told
    // by default, not against none (every target between two readings would look silent).
    if state.server.heartbeat_ms <= 0 {
        state.server.heartbeat_ms =
            i64::try_from(crate::link::ServerConfig::default().heartbeat.as_millis())
                .unwrap_or(i64::MAX);
    }
    for (t, moment, values, stale) in snap.targets {
        state.add_known(&t);
        let Some(target) = state.targets.get_mut(&t.key) else {
            continue;
        };
        target.online = moment.online;
        target.last_seen_ms = moment.last_seen_ms;
        target.last_heartbeat_ms = moment.last_heartbeat_ms;
        target.down_reason = (!moment.online).then(|| t!("offline at this moment"));
        target.read_only = true;
        let slave = target.slave();
        for v in values {
            let values = if v.table.is_bits() {
                BlockValues::Bits(vec![v.raw != 0])
            } else {
                BlockValues::Registers(vec![v.raw])
            };
            let _ = target.image.apply_block(&Block {
                slave,
                table: v.table,
                addr: v.addr,
                values,
            });
            target.changed_ms.insert((v.table, v.addr), v.t_ms);
        }
        target.stale = stale.stale.into_iter().collect();
        target.gap_since = stale.gap_since;
        target.fresh_since_gap = stale.fresh_since_gap.into_iter().collect();
        target.refresh_summary(snap.at_ms);
    }
    if let Some(o) = state.offline.as_mut() {
        o.at_ms = snap.at_ms;
        o.unreadable = snap
            .unreadable
            .first()
            .map(|first| match snap.unreadable.len() {
                1 => t!(
                    "part of this moment cannot be read: { $what }",
                    what = first.as_str()
                ),
                n => t!(
                    "offline-unreadable-and-more",
                    what = first.as_str(),
                    n = n - 1
                ),
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose message table is damaged still shows its targets at a moment, with their
    /// values, and says what could not be read.
    #[test]
    fn a_damaged_message_table_still_shows_the_targets_and_their_values() {
        let dir = std::env::temp_dir().join(format!("cmm-offline-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let p = dir.join("damaged.cmmrec");
        let day = crate::sim::day::Day {
            modems: 2,
            hours: 0.05,
            rate_ms: 3000,
            end_ms: 1_800_000_000_000,
        };
        crate::sim::day::write(&p, day, |_| {}).unwrap();
        let c = rusqlite::Connection::open(&p).unwrap();
        let (root, size): (i64, i64) = c
            .query_row(
                "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master \
                 WHERE name = 'message'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        drop(c);
        // Garbage over the message table's root page.
        let mut bytes = std::fs::read(&p).unwrap();
        let at = ((root - 1) * size) as usize;
        bytes[at..at + size as usize].fill(0xA5);
        std::fs::write(&p, bytes).unwrap();

        let rec = Recording::open(&p).unwrap();
        let snap = snapshot(&rec, day.end_ms).unwrap();
        assert_eq!(snap.targets.len(), 2);
        assert!(snap.targets.iter().all(|(_, _, v, _)| !v.is_empty()));
        assert!(!snap.unreadable.is_empty());
        let mut state = AppState {
            offline: Some(OfflineStatus {
                path: p.clone(),
                span: None,
                at_ms: 0,
                problem: None,
                unreadable: None,
            }),
            ..AppState::default()
        };
        apply(&mut state, snap);
        assert_eq!(state.targets.len(), 2);
        let problem = state.offline.as_ref().and_then(|o| o.unreadable.clone());
        assert!(
            problem.is_some_and(|p| p.contains("part of this moment cannot be read")),
            "{:?}",
            state.offline
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A block the modem could not read, as the live view records it, is shown stale at a
    /// moment after it, and not at a moment before.
    #[test]
    fn a_value_stale_at_the_moment_is_shown_stale() {
        use crate::store::{Record, Recorder};
        let dir = std::env::temp_dir().join(format!("cmm-offline-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let p = dir.join("stale.cmmrec");
        let r = Recorder::open(&p, "test").unwrap();
        r.record(Record::Target {
            key: "H1".into(),
            hostname: "north".into(),
            moduletype: "HGM6120N-4G".into(),
            accepted: Some(true),
            module_port: Some(2),
            module_baud: Some(0),
            peer: "192.0.2.7:4000".into(),
            t_ms: 500,
        });
        r.record(Record::Samples {
            target: "H1".into(),
            t_ms: 1_000,
            values: vec![(crate::proto::Table::Holding, 0, 230)],
        });
        let ev = crate::link::Event::Stale {
            hostid: "H1".into(),
            table: crate::proto::Table::Holding,
            addr: 0,
            qty: 45,
            reason: "CRC error".into(),
        };
        let state = AppState::default();
        for rec in crate::app::recording::records_of(&ev, &[], &state, 2_000) {
            r.record(rec);
        }
        r.close().unwrap();
        let rec = Recording::open(&p).unwrap();
        let shown = |t| {
            let mut s = AppState::default();
            apply(&mut s, snapshot(&rec, t).unwrap());
            s.targets["H1"].staleness(crate::proto::Table::Holding, 0)
        };
        assert_eq!(shown(1_500), None);
        let why = shown(2_500).unwrap_or_default();
        assert!(
            why.starts_with("stale since") && why.ends_with("CRC error"),
            "{why}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
