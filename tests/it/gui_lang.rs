//! The window in the engineer's language: every text of every tab, menu and dialog comes
//! from the catalogue (found with the pseudo-language, whose letters are all accented, so
//! plain English left on the screen stands out), and in Russian and Chinese the tabs carry
//! their translated names.

use std::collections::BTreeSet;
use std::sync::Arc;

use cmm_commissioner::app::Settings;
use cmm_commissioner::i18n::{Lang, with_lang};
use cmm_commissioner::t;
use cmm_commissioner::ui::view::Tab;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::gui::until;

/// The app in demo mode with one simulated modem, its window in `lang`.
fn start_in(lang: &str) -> Harness<'static, CommissionerApp> {
    start_in_at(lang, [1400.0, 900.0])
}

/// [`start_in`] in a window of `size`.
fn start_in_at(lang: &str, size: [f32; 2]) -> Harness<'static, CommissionerApp> {
    let lang = lang.to_string();
    Harness::builder()
        .with_size(size)
        .with_step_dt(0.25)
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let settings = Settings {
                language: lang.clone(),
                ..Settings::default()
            };
            let mut startup = Startup::from_settings(settings, None);
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.demo = true;
            startup.demo_modems = 1;
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        })
}

/// Every label and shown value in the window, but what is typed in fields.
fn texts(h: &Harness<'_, CommissionerApp>) -> Vec<String> {
    let mut out = Vec::new();
    for n in h.root().children_recursive() {
        let a = n.accesskit_node();
        if a.role() == egui::accesskit::Role::TextInput
            || a.role() == egui::accesskit::Role::MultilineTextInput
        {
            continue;
        }
        out.extend(a.label());
        out.extend(a.value());
    }
    out
}

/// Words that are data, not text of the app: names and units from the register maps,
/// what the targets say of themselves, and the words every language keeps (units, the
/// product's name, acronyms).
fn data_words(h: &Harness<'_, CommissionerApp>) -> BTreeSet<String> {
    let dump = {
        let state = h.state().state();
        format!("{:?} {:?} {:?}", state.maps, state.targets, state.traffic)
    };
    words(&dump).into_iter().collect()
}

/// The runs of two or more ASCII letters in `text`.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut w = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            w.push(c);
        } else {
            if w.len() >= 2 {
                out.push(std::mem::take(&mut w));
            }
            w.clear();
        }
    }
    out
}

/// What egui itself names for screen readers (its own words, not the app's).
const EGUI_OWN: [&str; 3] = ["Close window", "Resize panel", "Hide"];

/// Words every language keeps: units, the product's name, acronyms.
const KEPT: [&str; 7] = ["Commissioner", "kW", "kVA", "kvar", "kWh", "Hz", "rpm"];

/// The firewall commands the Help shows, to be typed as they are.
const COMMANDS: [&str; 15] = [
    "Linux",
    "Windows",
    "sudo",
    "ufw",
    "allow",
    "tcp",
    "netsh",
    "advfirewall",
    "firewall",
    "add",
    "rule",
    "name",
    "dir",
    "action",
    "protocol",
];

/// Texts with an English word that is neither data nor a unit: not from the catalogue.
fn untranslated(texts: &[String], data: &BTreeSet<String>) -> BTreeSet<String> {
    texts
        .iter()
        .filter(|t| !EGUI_OWN.contains(&t.as_str()) && !t.starts_with("Resize window "))
        .filter(|t| {
            let kept: Vec<&str> = t
                .split_whitespace()
                // Paths, file names, addresses, options, names cut short: data.
                .filter(|w| !w.contains(['/', '.', '=', '_', '-', '…']))
                .filter(|w| !COMMANDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
                .collect();
            words(&kept.join(" ")).iter().any(|w| {
                !data.contains(w)
                    && !KEPT.contains(&w.as_str())
                    // Acronyms and model names: all capitals.
                    && !w.chars().all(|c| c.is_ascii_uppercase())
            })
        })
        .map(|t| format!("[!{t}!]"))
        .collect()
}

/// Opens a dialog.
type Opens = fn(&mut cmm_commissioner::ui::view::View);

#[test]
fn every_tab_menu_and_dialog_shows_only_catalogued_text() {
    let mut h = start_in("qps");
    until(&mut h, "the simulated modem's readings", |h| {
        h.state()
            .state()
            .targets
            .values()
            .any(|t| t.last_seen_ms.is_some())
    });
    let mut found = BTreeSet::new();
    let mut look = |h: &mut Harness<'_, CommissionerApp>, what: &str| {
        for _ in 0..4 {
            h.step();
        }
        // The data of the moment (the traffic seen so far, the targets as they are now).
        let shown = texts(h);
        let data = data_words(h);
        for t in untranslated(&shown, &data) {
            found.insert(format!("{what}: {t}"));
        }
    };
    for tab in [Tab::Overview, Tab::Values, Tab::Journal, Tab::Fleet] {
        h.state_mut().view().tab = tab;
        look(&mut h, &format!("{tab:?} tab"));
    }
    let menus = ["File", "Demo", "View", "Maps", "Help"];
    for m in menus {
        let label = with_lang(Lang::Pseudo, || cmm_commissioner::i18n::tr(m));
        h.get_by_label(&label).click();
        look(&mut h, &format!("{m} menu"));
        h.key_press(egui::Key::Escape);
        h.step();
    }
    let dialogs: [(&str, Opens); 8] = [
        ("settings", |v| v.settings_view.open = true),
        ("serial", |v| v.open_serial()),
        ("broker", |v| v.broker.open = true),
        ("commissioning", |v| v.commission.open = true),
        ("export", |v| v.record.export_open = true),
        ("copy", |v| v.record.copy_open = true),
        ("help", |v| v.help.help_open = true),
        ("map", |v| v.help.map_open = true),
    ];
    for (name, open) in dialogs {
        open(h.state_mut().view());
        look(&mut h, &format!("{name} dialog"));
    }
    h.state_mut().view().traffic.open = true;
    look(&mut h, "traffic inspector");
    assert!(
        found.is_empty(),
        "{} texts shown that are not in the catalogue:\n{}",
        found.len(),
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn in_russian_and_chinese_the_tabs_carry_their_translated_names() {
    for (lang, l, script) in [
        ("ru", Lang::Ru, (0x0400u32..0x0500) as std::ops::Range<u32>),
        ("zh", Lang::Zh, 0x4e00..0xa000),
    ] {
        let mut h = start_in(lang);
        for tab in ["Overview", "Values", "Journal", "Fleet"] {
            let name = with_lang(l, || cmm_commissioner::i18n::tr(tab));
            assert!(
                name.chars().any(|c| script.contains(&u32::from(c))),
                "{lang}: {tab} is {name:?}"
            );
            until(&mut h, &format!("{lang}: the {tab} tab as {name}"), |h| {
                h.query_all_by_label_contains(&name).next().is_some()
            });
            assert!(
                h.query_all_by_label_contains(tab).next().is_none(),
                "{lang}: {tab} in English"
            );
        }
        // Numbers in the language's way: a decimal comma in Russian, a point in Chinese.
        until(&mut h, "readings", |h| {
            h.state()
                .state()
                .targets
                .values()
                .any(|t| !t.image.is_empty())
        });
        let hostid = h.state().state().targets.keys().next().unwrap().clone();
        h.state_mut().view().selected = Some(hostid);
        h.state_mut().view().tab = Tab::Overview;
        let decimal = if lang == "ru" { ',' } else { '.' };
        until(
            &mut h,
            &format!("{lang}: a reading with a decimal {decimal}"),
            |h| {
                texts(h).iter().any(|t| {
                    let c: Vec<char> = t.chars().collect();
                    c.windows(3)
                        .any(|w| w[0].is_ascii_digit() && w[1] == decimal && w[2].is_ascii_digit())
                        && t.chars()
                            .all(|ch| ch.is_ascii_digit() || ch == decimal || ch == '-')
                })
            },
        );
        // The menus too, and the texts with arguments and plural forms.
        let file = with_lang(l, || t!("File"));
        assert!(
            h.query_all_by_label(&file).next().is_some(),
            "{lang}: {file}"
        );
    }
}

/// A customer's name in Chinese is drawn with a font of the computer (no mark beside the
/// field); a character no font has gets a mark that says so, and the text is kept as typed.
#[test]
fn a_name_in_any_script_is_drawn_and_a_character_no_font_has_is_marked() {
    let dir = crate::common::TempDir::new("gui-lang-glyphs");
    let (mut h, _) = crate::gui_commission::open_window(&dir);
    let input = |h: &Harness<'_, CommissionerApp>| {
        h.query_all_by_label("Customer")
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
            .map(|n| n.accesskit_node().id())
    };
    until(&mut h, "the Commissioning window's Customer field", |h| {
        input(h).is_some()
    });
    let type_in = |h: &mut Harness<'_, CommissionerApp>, text: &str| {
        // Twice: the first may only bring the window to the front.
        for _ in 0..2 {
            let node = h
                .query_all_by_label("Customer")
                .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
                .unwrap();
            node.focus();
            for _ in 0..3 {
                h.step();
            }
        }
        let node = h
            .query_all_by_label("Customer")
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
            .unwrap();
        node.type_text(text);
        for _ in 0..4 {
            h.step();
        }
    };
    type_in(&mut h, "北方采石场");
    let typed = |h: &Harness<'_, CommissionerApp>| {
        h.query_all_by_label("Customer")
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
            .and_then(|n| n.value())
            .unwrap_or_default()
    };
    assert_eq!(typed(&h), "北方采石场");
    assert!(
        h.query_all_by_label("⚠").next().is_none(),
        "a font of this computer draws Chinese (fonts-wqy-microhei or Noto CJK)"
    );
    // A private-use character of the last plane: no font has it. The harness fails on a
    // glyph no font has (as it did not on the Chinese); the app draws a box, as a window does.
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    type_in(&mut h, "\u{10FFFD}");
    until(&mut h, "the mark beside the field", |h| {
        h.query_all_by_label("⚠").next().is_some()
    });
    let typed = typed(&h);
    assert_eq!(typed, "北方采石场\u{10FFFD}", "kept as typed");
}

/// The panels' edges (the resize handles): x of the Targets panel's right edge and of the
/// Commands panel's left edge.
fn panel_edges(h: &Harness<'_, CommissionerApp>) -> (f64, f64) {
    let mut xs: Vec<f64> = h
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Splitter)
        .filter_map(|n| n.accesskit_node().bounding_box())
        .filter(|r| r.x1 - r.x0 < 20.0)
        .map(|r| (r.x0 + r.x1) / 2.0)
        .collect();
    xs.sort_by(f64::total_cmp);
    (xs[0], xs[xs.len() - 1])
}

/// On a laptop's 1280x720, in the languages with the longest words, what each panel shows
/// stays inside it: nothing of the middle crosses into the Commands panel, nothing of the
/// Commands panel is laid out left of its edge.
#[test]
fn in_every_language_the_panels_keep_to_their_own_width_at_1280x720() {
    for lang in ["ru", "es", "zh"] {
        let l = Lang::from_code(lang).unwrap();
        let mut h = start_in_at(lang, [1280.0, 720.0]);
        until(&mut h, "readings", |h| {
            h.state()
                .state()
                .targets
                .values()
                .any(|t| !t.image.is_empty())
        });
        let hostid = h.state().state().targets.keys().next().unwrap().clone();
        h.state_mut().view().selected = Some(hostid);
        let commands = with_lang(l, || t!("Commands"));
        for tab in [Tab::Overview, Tab::Values, Tab::Journal] {
            h.state_mut().view().tab = tab;
            for _ in 0..6 {
                h.step();
            }
            let (left, right) = panel_edges(&h);
            let heading = h.get_by_label(&commands).rect();
            assert!(
                f64::from(heading.left()) >= right,
                "{lang} {tab:?}: the Commands panel starts at {right}, its heading at {heading:?}"
            );
            for n in h.root().children_recursive() {
                let a = n.accesskit_node();
                let Some(r) = a.bounding_box() else { continue };
                // What starts in the Targets panel ends at its edge (cut short with its "…").
                if r.x0 < left - 4.0 && r.y0 > 40.0 && r.y0 < 540.0 {
                    assert!(
                        r.x1 <= left + 1.0,
                        "{lang} {tab:?}: {:?} {:?} reaches {} past the Targets panel at {left}",
                        a.role(),
                        a.label(),
                        r.x1
                    );
                }
                // What starts in the middle ends before the Commands panel.
                if r.x0 > left + 4.0 && r.x0 < right - 4.0 && r.y0 > 40.0 && r.y0 < 540.0 {
                    assert!(
                        r.x1 <= right + 1.0,
                        "{lang} {tab:?}: {:?} {:?} reaches {} past the Commands panel at {right}",
                        a.role(),
                        a.label(),
                        r.x1
                    );
                }
            }
        }
    }
}
