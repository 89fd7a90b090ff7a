//! A target's journal from a recording: its uploads replayed in order through a
//! [`Tracker`], with the recorded commands, link changes and markers between them.

use std::sync::Arc;

use super::{Kind, Row, Tracker, mark_first_out};
use crate::proto::map::{RegisterMap, resolve};
use crate::store::StoreError;
use crate::store::reader::{Recording, TargetRow};

/// What to read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ask {
    /// Only this target (hostid, target id or name; any case).
    pub target: Option<String>,
    /// Rows from this time (ms since the epoch).
    pub from_ms: Option<i64>,
    /// Rows up to this time.
    pub to_ms: Option<i64>,
    /// Only rows of these kinds (empty: all).
    pub kinds: Vec<Kind>,
}

/// The journal of the recording's targets (or the one asked), rows in time order. Each
/// target's readings are replayed from its start, so a row in the range carries the values
/// and alarms as they stood.
pub fn journal(
    rec: &Recording,
    maps: &[Arc<RegisterMap>],
    ask: &Ask,
) -> Result<Vec<Row>, StoreError> {
    let targets: Vec<TargetRow> = rec
        .targets()?
        .into_iter()
        .filter(|t| {
            ask.target
                .as_deref()
                .is_none_or(|k| t.key.eq_ignore_ascii_case(k) || t.hostname.eq_ignore_ascii_case(k))
        })
        .collect();
    if let (Some(k), true) = (&ask.target, targets.is_empty()) {
        return Err(StoreError::Query(format!(
            "the recording has no target {k}"
        )));
    }
    let to_ms = ask.to_ms.unwrap_or(i64::MAX);
    let events = rec.events(i64::MIN, to_ms)?;
    let mut rows = Vec::new();
    for t in &targets {
        let map = resolve(maps, &t.moduletype);
        rows.extend(target_rows(rec, t, &map, &events, to_ms)?);
    }
    rows.sort_by_key(|r| r.t_ms);
    mark_first_out(&mut rows);
    rows.retain(|r| {
        ask.from_ms.is_none_or(|f| r.t_ms >= f)
            && r.t_ms <= to_ms
            && (ask.kinds.is_empty() || ask.kinds.contains(&r.kind))
    });
    Ok(rows)
}

/// The journal of one target of the recording, up to `to_ms`, first-out alarms marked.
pub fn target_journal(
    rec: &Recording,
    t: &TargetRow,
    map: &RegisterMap,
    to_ms: i64,
) -> Result<Vec<Row>, StoreError> {
    let events = rec.events(i64::MIN, to_ms)?;
    let mut rows = target_rows(rec, t, map, &events, to_ms)?;
    rows.sort_by_key(|r| r.t_ms);
    mark_first_out(&mut rows);
    Ok(rows)
}

/// Something recorded beside the readings, at a time.
struct Aside {
    t_ms: i64,
    kind: Kind,
    text: String,
}

fn target_rows(
    rec: &Recording,
    t: &TargetRow,
    map: &RegisterMap,
    events: &[crate::store::reader::EventRow],
    to_ms: i64,
) -> Result<Vec<Row>, StoreError> {
    let mut asides: Vec<Aside> = Vec::new();
    for e in events {
        let mine = e.target.as_deref() == Some(t.key.as_str());
        let kind = match e.kind.as_str() {
            "online" | "offline" | "link_up" | "link_down" | "remote_up" if mine => Kind::Link,
            // A marker belongs to the whole recording: in every target's journal.
            "marker" if mine || e.target.is_none() => Kind::Marker,
            _ => continue,
        };
        asides.push(Aside {
            t_ms: e.t_ms,
            kind,
            text: e.text.clone(),
        });
    }
    for c in rec.commands(&t.key)? {
        let what = c.name.clone().unwrap_or_else(|| c.decoded.clone());
        asides.push(Aside {
            t_ms: c.sent_ms,
            kind: Kind::Command,
            text: t!(
                "{ $what } sent (#{ $uid })",
                what = what.as_str(),
                uid = c.uid.as_str()
            ),
        });
        if let (Some(outcome), Some(at)) = (&c.outcome, c.outcome_ms) {
            let outcome = match outcome.as_str() {
                "accepted" => t!("accepted"),
                "rejected" => t!("rejected"),
                "timeout" => t!("timeout"),
                "gone" => t!("gone"),
                other => other.to_string(),
            };
            let (what, uid) = (what.as_str(), c.uid.as_str());
            let text = match c.verified {
                Some(true) => t!(
                    "{ $what } { $outcome }, confirmed by the readings (#{ $uid })",
                    what = what,
                    outcome = outcome,
                    uid = uid
                ),
                Some(false) => t!(
                    "{ $what } { $outcome }, not confirmed by the readings (#{ $uid })",
                    what = what,
                    outcome = outcome,
                    uid = uid
                ),
                None => t!(
                    "{ $what } { $outcome } (#{ $uid })",
                    what = what,
                    outcome = outcome,
                    uid = uid
                ),
            };
            asides.push(Aside {
                t_ms: at,
                kind: Kind::Verdict,
                text,
            });
        }
    }
    asides.sort_by_key(|a| a.t_ms);
    let mut tracker = Tracker::new(&t.key, map);
    let mut rows = Vec::new();
    let mut asides = asides.into_iter().peekable();
    let mut upload: Vec<(crate::proto::Table, u16, u16)> = Vec::new();
    let mut upload_at = None;
    let flush = |tracker: &mut Tracker<'_>, at: Option<i64>, upload: &mut Vec<_>| {
        if let Some(at) = at {
            let made = tracker.upload(at, upload);
            upload.clear();
            made
        } else {
            Vec::new()
        }
    };
    rec.for_each_sample(t.id, to_ms, |s| {
        if upload_at != Some(s.t_ms) {
            rows.extend(flush(&mut tracker, upload_at, &mut upload));
            // What was recorded before this upload is said with the values as they stood.
            while let Some(a) = asides.next_if(|a| a.t_ms < s.t_ms) {
                rows.push(tracker.row(a.t_ms, a.kind, a.text));
            }
            upload_at = Some(s.t_ms);
        }
        upload.push((s.table, s.addr, s.raw));
    })?;
    rows.extend(flush(&mut tracker, upload_at, &mut upload));
    rows.extend(asides.map(|a| tracker.row(a.t_ms, a.kind, a.text)));
    Ok(rows)
}
