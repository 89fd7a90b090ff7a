use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::*;

/// The messages of a catalogue file: id -> the variables its patterns use.
fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("the catalogue does not parse: {errors:?}"),
    };
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                Some((m.id.name.to_string(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_parses_has_every_text_and_the_same_arguments() {
    let en = messages(SOURCES[0].1);
    assert!(!en.is_empty());
    let mut problems = Vec::new();
    for (l, source) in &SOURCES[1..] {
        let theirs = messages(source);
        for (id, vars) in &en {
            match theirs.get(id) {
                None => problems.push(format!("{l}: {id} is not translated")),
                Some(v) if v != vars => {
                    problems.push(format!("{l}: {id} uses {v:?}, English uses {vars:?}"))
                }
                Some(_) => {}
            }
        }
        for id in theirs.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("{l}: {id} is not in English (no longer used?)"));
        }
    }
    let shown: Vec<_> = problems.iter().take(40).collect();
    assert!(
        problems.is_empty(),
        "{} problems in the catalogue (python3 scripts/i18n.py lists them):\n{shown:#?}",
        problems.len()
    );
}

/// The value of the Rust string literal at the start of `s` (after its opening quote).
fn rust_string(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return out,
            '\\' => match chars.next() {
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some('u') => {
                    let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                }
                Some(c) => out.push(c),
                None => break,
            },
            c => out.push(c),
        }
    }
    out
}

/// Every `t!("...")` key in the sources under `dir`.
fn code_keys(dir: &Path, keys: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            code_keys(&path, keys);
        } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("i18n/tests.rs") {
            let src = std::fs::read_to_string(&path).unwrap_or_default();
            let mut rest = src.as_str();
            while let Some(at) = rest.find("!(") {
                let before = &src[..src.len() - rest.len() + at];
                rest = &rest[at + 2..];
                let Some(before) = before
                    .strip_suffix('t')
                    .or_else(|| before.strip_suffix('n'))
                else {
                    continue;
                };
                let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
                if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"')
                    || line.contains("//")
                {
                    continue;
                }
                let trimmed = rest.trim_start();
                if let Some(lit) = trimmed.strip_prefix('"') {
                    keys.push((path.display().to_string(), rust_string(lit)));
                }
            }
        }
    }
}

#[test]
fn every_text_the_code_names_is_in_the_english_catalogue_as_written() {
    let mut keys = Vec::new();
    code_keys(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut keys,
    );
    assert!(keys.len() > 100, "only {} texts found", keys.len());
    let en = bundle_of(Lang::En);
    let mut problems = Vec::new();
    for (file, key) in &keys {
        let id = id_of(key);
        let Some(pattern) = en.get_message(&id).and_then(|m| m.value()) else {
            problems.push(format!("{file}: {key:?} ({id}) is not in i18n/en.ftl"));
            continue;
        };
        if !is_id(key) && !key.contains('{') {
            let mut errors = Vec::new();
            let text = en.format_pattern(pattern, None, &mut errors);
            if text != *key {
                problems.push(format!("{file}: {key:?} reads {text:?} in i18n/en.ftl"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "run python3 scripts/i18n.py:\n{problems:#?}"
    );
}

#[test]
fn ids_are_made_from_the_english_words_and_stay_apart() {
    assert_eq!(id_of("modems-online"), "modems-online");
    let a = id_of("Settings…");
    let b = id_of("Settings");
    assert!(
        a.starts_with("settings-") && b.starts_with("settings-"),
        "{a} {b}"
    );
    assert_ne!(a, b);
    assert!(id_of("25 %").starts_with("t-25-"));
    assert!(id_of("…").starts_with("t-"));
    // Stable: the Python upkeep script makes the same.
    assert_eq!(
        id_of("Start recording"),
        format!("start-recording-{:06x}", fnv("Start recording") & 0xff_ffff)
    );
}

#[test]
fn the_language_follows_the_locale_and_a_code() {
    assert_eq!(Lang::from_locale("ru-RU"), Lang::Ru);
    assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
    assert_eq!(Lang::from_locale("es-419"), Lang::Es);
    assert_eq!(Lang::from_locale("de-DE"), Lang::En);
    assert_eq!(Lang::from_locale("C"), Lang::En);
    assert_eq!("RU".parse::<Lang>(), Ok(Lang::Ru));
    assert!("xx".parse::<Lang>().is_err());
}

#[test]
fn a_text_in_each_language_with_plural_forms_and_numbers_dates_in_its_way() {
    let t = chrono::DateTime::parse_from_rfc3339("2026-12-04T21:05:09+03:00").unwrap();
    let en = with_lang(Lang::En, || {
        (t!("Settings…"), num(1234.5, 1), date_time(&t))
    });
    assert_eq!(
        en,
        (
            "Settings…".into(),
            "1234.5".into(),
            "2026-12-04 21:05:09".into()
        )
    );
    let ru = with_lang(Lang::Ru, || (num(1234.5, 1), date_time(&t)));
    assert_eq!(ru, ("1234,5".into(), "04.12.2026 21:05:09".into()));
    assert_eq!(with_lang(Lang::Es, || date(&t)), "04/12/2026");
    assert_eq!(with_lang(Lang::Zh, || date(&t)), "2026-12-04");
    // Plural forms by the language's rules: Russian has three.
    let ru_forms: Vec<String> = [1, 3, 5, 21]
        .iter()
        .map(|n| with_lang(Lang::Ru, || t!("modems-online", n = *n)))
        .collect();
    assert_ne!(ru_forms[0], ru_forms[1]);
    assert_ne!(ru_forms[1], ru_forms[2]);
    assert_eq!(ru_forms[0].replace('1', ""), ru_forms[3].replace("21", ""));
    let en_forms: Vec<String> = [1, 2]
        .iter()
        .map(|n| with_lang(Lang::En, || t!("modems-online", n = *n)))
        .collect();
    assert_eq!(en_forms, ["1 modem online", "2 modems online"]);
    // Each language has its own words for it.
    let settings: BTreeSet<String> = Lang::ALL
        .iter()
        .map(|l| with_lang(*l, || t!("Settings…")))
        .collect();
    assert_eq!(settings.len(), Lang::ALL.len(), "{settings:?}");
}

#[test]
fn the_pseudo_language_marks_every_catalogued_letter_and_keeps_arguments() {
    let text = with_lang(Lang::Pseudo, || t!("modems-online", n = 3));
    assert!(text.contains('3'), "{text}");
    assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
    // The thread's language is back after.
    assert_eq!(with_lang(Lang::En, || t!("Settings…")), "Settings…");
}
