//! Numbers, dates and times in the language's own way: a decimal comma in Russian and
//! Spanish, the day first in Russian (`04.12.2026`) and Spanish (`04/12/2026`), the year
//! first in English and Chinese (`2026-12-04`), and always the 24-hour clock.

use chrono::{DateTime, TimeZone};

use super::{Lang, lang};

/// Whether numbers are written with a decimal comma in the language of this thread.
pub fn decimal_comma() -> bool {
    matches!(lang(), Lang::Ru | Lang::Es)
}

/// `v` with `decimals` decimals, with the decimal mark of this thread's language.
pub fn num(v: f64, decimals: usize) -> String {
    with_mark(format!("{v:.decimals$}"))
}

/// A number written with a decimal point (`0.75`), with the decimal mark of this thread's
/// language instead.
pub fn with_mark(text: String) -> String {
    if decimal_comma() {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The date of `t` in this thread's language.
pub fn date<Tz: TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.format(date_pattern(lang())).to_string()
}

/// The time of `t` on the 24-hour clock.
pub fn time<Tz: TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.format("%H:%M:%S").to_string()
}

/// The date and time of `t` in this thread's language.
pub fn date_time<Tz: TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    format!("{} {}", date(t), time(t))
}

fn date_pattern(l: Lang) -> &'static str {
    match l {
        Lang::Ru => "%d.%m.%Y",
        Lang::Es => "%d/%m/%Y",
        Lang::En | Lang::Zh | Lang::Pseudo => "%Y-%m-%d",
    }
}
