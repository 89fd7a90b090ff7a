//! The words shown to people, in their language: one catalogue (Project Fluent files in
//! `i18n/`, compiled in) for the window, the report and the CSV headers, with plural forms and
//! arguments; numbers and dates in the language's own way.
//!
//! Code names a text by its English words, `t!("Start recording")`, or by an id for a text
//! with plural forms, `t!("modems-online", n = 3)`. The English words map to a Fluent id
//! ([`id_of`]); `i18n/en.ftl` holds every text the code names (a test keeps it so), the other
//! languages translate it, and a text one of them lacks is shown in English.
//!
//! The language is per thread: the window sets its own at the start of every frame, a report
//! is written in its own ([`with_lang`]), whatever the window shows. The console tool's JSON
//! lines are an interface and never go through here.

mod format;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use format::{date, date_time, decimal_comma, num, time, with_mark};

/// A language of the window and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the source.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
    /// Russian.
    Ru,
    /// Spanish.
    Es,
    /// A pseudo-language for finding text that does not go through the catalogue: every
    /// catalogued text comes out in accented letters (`Ŝţåŕţ`), so plain English left on
    /// the screen stands out. Not offered in the menu; `--lang qps`.
    Pseudo,
}

/// The catalogue files, compiled in.
const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../../i18n/en.ftl")),
    (Lang::Zh, include_str!("../../i18n/zh.ftl")),
    (Lang::Ru, include_str!("../../i18n/ru.ftl")),
    (Lang::Es, include_str!("../../i18n/es.ftl")),
];

impl Lang {
    /// The languages offered to people, the source first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Zh, Lang::Ru, Lang::Es];

    /// Its code, as `--lang` takes it and the settings keep it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
            Lang::Es => "es",
            Lang::Pseudo => "qps",
        }
    }

    /// Its name in itself, as the language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
            Lang::Pseudo => "Pseudo",
        }
    }

    /// The language of a code (`en`, `zh`, `ru`, `es`, `qps`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            "ru" => Some(Lang::Ru),
            "es" => Some(Lang::Es),
            "qps" => Some(Lang::Pseudo),
            _ => None,
        }
    }

    /// The language of a system locale (`ru-RU`, `zh_CN.UTF-8`, `es-419`, `C`...): its
    /// language part when it is one of ours, else English.
    pub fn from_locale(locale: &str) -> Lang {
        let language = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default();
        match Lang::from_code(language) {
            Some(Lang::Pseudo) | None => Lang::En,
            Some(l) => l,
        }
    }

    /// The language of this computer's locale.
    pub fn system() -> Lang {
        sys_locale::get_locale()
            .map(|l| Lang::from_locale(&l))
            .unwrap_or_default()
    }

    /// A BCP 47 tag, for choosing fonts (a Simplified Chinese font for CJK text in Chinese).
    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::Pseudo => "en",
            l => l.code(),
        }
    }

    /// Its place in the catalogue (and a small number to keep it in an atomic).
    pub(crate) fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Zh => 1,
            Lang::Ru => 2,
            Lang::Es => 3,
            Lang::Pseudo => 4,
        }
    }

    /// The language at `index`.
    pub(crate) fn from_index(i: u8) -> Lang {
        match i {
            1 => Lang::Zh,
            2 => Lang::Ru,
            3 => Lang::Es,
            4 => Lang::Pseudo,
            _ => Lang::En,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_code(s).ok_or_else(|| format!("unknown language {s:?}: en, zh, ru or es"))
    }
}

/// The language of threads that set none (the window's, set at start-up).
static PROCESS_LANG: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD_LANG: Cell<Option<Lang>> = const { Cell::new(None) };
    /// Texts already looked up on this thread: (language, the key's address) -> text.
    static CACHE: RefCell<HashMap<(Lang, usize), String>> = RefCell::new(HashMap::new());
}

/// The language of this thread.
pub fn lang() -> Lang {
    THREAD_LANG
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(PROCESS_LANG.load(Ordering::Relaxed)))
}

/// Sets the language of this thread and of threads that set none.
pub fn set_lang(l: Lang) {
    PROCESS_LANG.store(l.index(), Ordering::Relaxed);
    set_thread_lang(l);
}

/// Sets the language of this thread only (the window's thread, every frame).
pub fn set_thread_lang(l: Lang) {
    THREAD_LANG.with(|c| c.set(Some(l)));
}

/// Runs `f` with this thread in language `l` (a report in its own language), then goes back.
pub fn with_lang<R>(l: Lang, f: impl FnOnce() -> R) -> R {
    let before = THREAD_LANG.with(|c| c.replace(Some(l)));
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_LANG.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// The compiled bundle of a language, made the first time it is asked for: a process that
/// speaks one language (a server) parses only that one and English, the fallback.
fn bundle_of(l: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 5] = [const { OnceLock::new() }; 5];
    BUNDLES[usize::from(l.index())].get_or_init(|| match l {
        Lang::Pseudo => {
            let mut pseudo = bundle(Lang::En, SOURCES[0].1);
            pseudo.set_transform(Some(pseudo_text));
            pseudo
        }
        l => bundle(l, SOURCES[usize::from(l.index())].1),
    })
}

fn bundle(l: Lang, source: &str) -> FluentBundle<FluentResource> {
    let tag = match l {
        Lang::Zh => "zh",
        l => l.code(),
    };
    let id = tag
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the fonts draw them as boxes.
    b.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let _ = b.add_resource(resource);
    b
}

/// The Fluent id of a key: the key itself when it is an id (lowercase words joined by `-`,
/// as `modems-online`), else made from its English words: up to 32 characters of them in
/// lowercase, then a hash of the whole text (`start-recording-3fa9c1`), so that texts that
/// differ only in case or punctuation stay apart.
pub fn id_of(key: &str) -> Cow<'_, str> {
    if is_id(key) {
        return Cow::Borrowed(key);
    }
    let mut slug = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 32 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let lead = if slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        ""
    } else {
        "t-"
    };
    let sep = if slug.is_empty() { "" } else { "-" };
    Cow::Owned(format!("{lead}{slug}{sep}{:06x}", fnv(key) & 0xff_ffff))
}

/// Whether `key` is a Fluent id written in the code (not English words).
fn is_id(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.contains('-')
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// FNV-1a, 32 bits: stable across builds and platforms (unlike the std hasher).
fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The text of `key` in this thread's language. Looked up once per language and key.
pub fn tr(key: &'static str) -> String {
    let l = lang();
    let slot = (l, key.as_ptr() as usize);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&slot).cloned()) {
        return hit;
    }
    let text = lookup(l, key, None);
    CACHE.with(|c| c.borrow_mut().insert(slot, text.clone()));
    text
}

/// The text of `key` in this thread's language, with its arguments.
pub fn tr_args(key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut a = FluentArgs::new();
    for (name, value) in args {
        a.set(*name, value.clone());
    }
    lookup(lang(), key, Some(&a))
}

/// The text of `key` in `l`, else in English, else the key itself.
fn lookup(l: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let id = id_of(key);
    for b in [bundle_of(l), bundle_of(Lang::En)] {
        let Some(pattern) = b.get_message(&id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = b.format_pattern(pattern, args, &mut errors);
        return text.into_owned();
    }
    key.to_string()
}

/// The pseudo-language's letters: each ASCII letter as an accented one, the rest unchanged
/// (`{ $n }` arguments are not text and stay as given).
fn pseudo_text(s: &str) -> Cow<'_, str> {
    const LOWER: [char; 26] = [
        'å', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                'a'..='z' => LOWER[(c as u8 - b'a') as usize],
                'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
                c => c,
            })
            .collect(),
    )
}

/// The text of a key in this thread's language: `t!("Start recording")`, or with arguments
/// `t!("Sent to { $host }", host = name)`, or a plural by its id `t!("modems-online", n = 3)`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_args(
            $key,
            &[$((stringify!($name), $crate::i18n::arg($value))),+],
        )
    };
}

/// A text named for the catalogue where a value must be constant (a table of labels): the
/// English words as they are, looked up where shown with [`tr`].
#[macro_export]
macro_rules! n {
    ($key:literal) => {
        $key
    };
}

/// An argument of a text: a number (for plural forms) or words.
pub fn arg<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

#[cfg(test)]
mod tests;
