//! The load steps as CSV, beside the PDF: one row per step and key value, with the range
//! the limits judge, the limit and the result.

use super::{Commissioning, label, limits};

/// A time in a CSV: ISO 8601 with the offset, as the recording's export writes it.
fn csv_time(t_ms: i64) -> String {
    crate::store::export::iso_time(t_ms, false)
}

/// The steps as CSV: one row per step and key value; its header, labels and verdicts in this
/// thread's language.
pub fn steps_csv(c: &Commissioning) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    w.write_record([
        t!("step"),
        t!("start"),
        t!("end"),
        t!("duration_s"),
        t!("planned_s"),
        t!("value"),
        t!("unit"),
        t!("min"),
        t!("mean"),
        t!("max"),
        t!("alarms"),
        t!("judged_min"),
        t!("judged_max"),
        t!("limit"),
        t!("result"),
    ])
    .map_err(e)?;
    let l = limits::Limits::of(c);
    for s in &c.steps {
        let alarms = s
            .alarms
            .iter()
            .map(|(t, a)| format!("{} {a}", csv_time(*t)))
            .collect::<Vec<_>>()
            .join("; ");
        for st in &s.stats {
            let n = |v: Option<f64>| {
                v.map(|v| format!("{v:.*}", st.decimals))
                    .unwrap_or_default()
            };
            let j = limits::judge(&l, s, st);
            let judged = j.as_ref().and(st.steady);
            w.write_record([
                s.name.clone(),
                csv_time(s.start_ms),
                csv_time(s.end_ms),
                ((s.end_ms - s.start_ms) / 1000).to_string(),
                s.planned_s.to_string(),
                label(&st.label),
                st.unit.clone(),
                n(st.min),
                n(st.mean),
                n(st.max),
                alarms.clone(),
                n(judged.map(|m| m.0)),
                n(judged.map(|m| m.1)),
                j.as_ref().map(|j| j.limit.clone()).unwrap_or_default(),
                j.map(|j| j.word()).unwrap_or_default(),
            ])
            .map_err(e)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
