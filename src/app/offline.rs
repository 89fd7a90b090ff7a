//! A recording looked at afterwards, read-only: its targets as they stood at any moment.

use std::path::PathBuf;

use super::state::AppState;
use crate::proto::rtu::{Block, BlockValues};
use crate::store::StoreError;
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
}

/// The targets at one moment, read from the file.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The moment.
    pub at_ms: i64,
    /// Each target with its last values at or before it.
    pub targets: Vec<(TargetRow, Vec<SampleRow>)>,
}

/// Reads the targets as they stood at `at_ms`.
pub fn snapshot(rec: &Recording, at_ms: i64) -> Result<Snapshot, StoreError> {
    let mut targets = Vec::new();
    for t in rec.targets()? {
        let values = rec.values_at(t.id, at_ms)?;
        targets.push((t, values));
    }
    Ok(Snapshot { at_ms, targets })
}

/// Shows a snapshot: every target offline, its image and change times as they were.
pub fn apply(state: &mut AppState, snap: Snapshot) {
    state.targets.clear();
    for (t, values) in snap.targets {
        state.add_known(&t);
        let Some(target) = state.targets.get_mut(&t.key) else {
            continue;
        };
        target.down_reason = Some("recording (read-only)".into());
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
