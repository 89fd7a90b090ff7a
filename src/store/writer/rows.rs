//! The rows a record becomes, written in the writer's open transaction.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::proto::Table;
use crate::store::{Direction, Record, table_code};

/// A value change (a second one of a series at the same time replaces the first).
const INSERT_SAMPLE: &str = "INSERT OR REPLACE INTO sample_recent (t_ms, target, tbl, addr, raw) \
     VALUES (?1, ?2, ?3, ?4, ?5)";

/// Appends one target's values at one time to the recent samples; how many.
fn insert_samples(
    tx: &Connection,
    target: i64,
    t_ms: i64,
    values: &[(Table, u16, u16)],
) -> rusqlite::Result<usize> {
    let mut insert = tx.prepare_cached(INSERT_SAMPLE)?;
    // Bound one by one and run without rusqlite's per-call checks: this loop is most of the
    // rows of a busy server's recording.
    for &(table, addr, raw) in values {
        insert.raw_bind_parameter(1, t_ms)?;
        insert.raw_bind_parameter(2, target)?;
        insert.raw_bind_parameter(3, table_code(table))?;
        insert.raw_bind_parameter(4, addr)?;
        insert.raw_bind_parameter(5, raw)?;
        insert.raw_execute()?;
    }
    Ok(values.len())
}

/// The id of a target, inserting it the first time.
fn target_id(tx: &Connection, ids: &mut HashMap<String, i64>, key: &str) -> rusqlite::Result<i64> {
    if let Some(id) = ids.get(key) {
        return Ok(*id);
    }
    tx.prepare_cached("INSERT INTO target (key) VALUES (?1) ON CONFLICT (key) DO NOTHING")?
        .execute([key])?;
    let id = tx
        .prepare_cached("SELECT id FROM target WHERE key = ?1")?
        .query_row([key], |r| r.get(0))?;
    ids.insert(key.to_string(), id);
    Ok(id)
}

/// Writes a record; the samples it has written (appended to the recent ones, in the order
/// they came: by time, as they are stamped).
pub(super) fn write_one(
    tx: &Connection,
    ids: &mut HashMap<String, i64>,
    r: &Record,
) -> rusqlite::Result<usize> {
    let mut id = |k: &str| target_id(tx, ids, k);
    match r {
        Record::Sample {
            target,
            table,
            addr,
            raw,
            t_ms,
        } => {
            let t = id(target)?;
            let values = [(*table, *addr, *raw)];
            return insert_samples(tx, t, *t_ms, &values);
        }
        Record::Samples {
            target,
            t_ms,
            values,
        } => {
            let t = id(target)?;
            return insert_samples(tx, t, *t_ms, values);
        }
        Record::Target {
            key,
            hostname,
            moduletype,
            accepted,
            module_port,
            module_baud,
            peer,
            t_ms,
        } => {
            let t = id(key)?;
            tx.prepare_cached(
                "UPDATE target SET hostname = ?2, moduletype = ?3, accepted = ?4, module_port = ?5, \
                 module_baud = ?6, peer = ?7, first_seen_ms = coalesce(first_seen_ms, ?8), \
                 last_seen_ms = ?8 WHERE id = ?1",
            )?
            .execute(params![t, hostname, moduletype, accepted, module_port, module_baud, peer, t_ms])?;
        }
        Record::Message {
            target,
            peer,
            dir,
            text,
            t_ms,
        } => {
            let t = target.as_deref().map(&mut id).transpose()?;
            let d = i64::from(*dir == Direction::Out);
            let peer = peer.to_string();
            tx.prepare_cached(
                "INSERT INTO message (t_ms, target, peer, dir, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![t_ms, t, peer, d, text])?;
        }
        Record::Event {
            target,
            kind,
            text,
            t_ms,
        } => {
            let t = target.as_deref().map(&mut id).transpose()?;
            tx.prepare_cached(
                "INSERT INTO event (t_ms, target, kind, text) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![t_ms, t, kind, text])?;
        }
        Record::Command {
            target,
            uid,
            name,
            decoded,
            frame,
            t_ms,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "INSERT INTO command (target, uid, sent_ms, name, decoded, frame) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![t, uid, t_ms, name, decoded, frame])?;
        }
        Record::Outcome {
            target,
            uid,
            outcome,
            detail,
            t_ms,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "UPDATE command SET outcome = ?3, detail = ?4, outcome_ms = ?5 WHERE id = \
                 (SELECT max(id) FROM command WHERE target = ?1 AND uid = ?2)",
            )?
            .execute(params![t, uid, outcome, detail, t_ms])?;
        }
        Record::Commissioning {
            target,
            kind,
            name,
            value,
            t_ms,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "INSERT INTO commissioning (t_ms, target, kind, name, value) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![t_ms, t, kind, name, value])?;
        }
        Record::Verified {
            target,
            uid,
            verified,
        } => {
            let t = id(target)?;
            tx.prepare_cached(
                "UPDATE command SET verified = ?3 WHERE id = \
                 (SELECT max(id) FROM command WHERE target = ?1 AND uid = ?2)",
            )?
            .execute(params![t, uid, verified])?;
        }
    }
    Ok(0)
}
