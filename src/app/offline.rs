//! A recording looked at afterwards, read-only: its targets as they stood at any moment.

use std::path::PathBuf;

use super::state::AppState;
use crate::proto::rtu::{Block, BlockValues};
use crate::store::StoreError;
use crate::store::columns::Moment;
use crate::store::reader::{Recording, SampleRow, TargetRow};

/// The recording shown, and the moment shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineStatus {
    /// The file.
    pub path: PathBuf,
    /// Its first and last sample times.
    pub span: Option<(i64, i64)>,
    /// The moment shown.
    pub at_ms: i64,
    /// What is wrong with the file (it cannot be read, or only in part), said in the window.
    pub problem: Option<String>,
}

/// The targets at one moment, read from the file.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The moment.
    pub at_ms: i64,
    /// Each target with its state and its last values at or before it.
    pub targets: Vec<(TargetRow, Moment, Vec<SampleRow>)>,
}

/// Reads the targets as they stood at `at_ms`.
pub fn snapshot(rec: &Recording, at_ms: i64) -> Result<Snapshot, StoreError> {
    let mut targets = Vec::new();
    for t in rec.targets()? {
        let values = rec.values_at(t.id, at_ms)?;
        let last_sample = values.iter().map(|v| v.t_ms).max();
        let moment = rec.moment_given(t.id, at_ms, last_sample)?;
        targets.push((t, moment, values));
    }
    Ok(Snapshot { at_ms, targets })
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
    for (t, moment, values) in snap.targets {
        state.add_known(&t);
        let Some(target) = state.targets.get_mut(&t.key) else {
            continue;
        };
        target.online = moment.online;
        target.last_seen_ms = moment.last_seen_ms;
        target.last_heartbeat_ms = moment.last_heartbeat_ms;
        target.down_reason = (!moment.online).then(|| "offline at this moment".into());
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
        target.refresh_summary(snap.at_ms);
    }
    if let Some(o) = state.offline.as_mut() {
        o.at_ms = snap.at_ms;
    }
}
