//! The window's language and its fonts. The shipped fonts draw Latin, Greek and Cyrillic;
//! text in another script (a customer's name in Chinese, a map's names in Arabic) is drawn
//! with a font of the computer, found when a character first needs one (Microsoft YaHei or
//! SimSun on Windows, Noto CJK or WenQuanYi on Linux...), chosen for the window's language
//! so Chinese gets a Simplified Chinese face. Nothing is loaded at start-up: the search runs
//! in the background, and no CJK font is shipped.

use std::sync::Arc;

use eframe::egui;
use egui_system_font_provider::SystemFontProvider;

use crate::i18n::{self, Lang};

/// The language the window is drawn in, and the fonts chosen for it.
#[derive(Default)]
pub struct Language {
    applied: Option<Lang>,
}

impl Language {
    /// At the start of each frame: this thread speaks `lang`; on a change of language the
    /// computer's fonts are asked again with its preferences.
    pub fn frame(&mut self, ctx: &egui::Context, lang: Lang) {
        i18n::set_thread_lang(lang);
        if self.applied == Some(lang) {
            return;
        }
        self.applied = Some(lang);
        let provider = SystemFontProvider::new().with_locale(Some(lang.bcp47()));
        ctx.set_font_providers(vec![Arc::new(provider)]);
    }
}

/// The characters of `text` that no font of this computer draws, in the body font.
pub fn missing_glyphs(ui: &egui::Ui, text: &str) -> Vec<char> {
    let ctx = ui.ctx();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut missing: Vec<char> = ctx.fonts_mut(|f| {
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !f.has_glyph(&font, *c))
            .collect()
    });
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// After a field holding `text`: a mark, with on hover the characters no font of this
/// computer draws (they show as boxes), when there are any.
pub fn glyph_note(ui: &mut egui::Ui, text: &str) {
    if text.is_ascii() {
        return;
    }
    let missing = missing_glyphs(ui, text);
    if missing.is_empty() {
        return;
    }
    let list: Vec<String> = missing
        .iter()
        .take(12)
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    ui.label(egui::RichText::new("⚠").color(ui.visuals().warn_fg_color))
        .on_hover_text(t!(
            "No font on this computer draws { $count } of these characters ({ $list }): they show as boxes here. The text is kept as typed.",
            count = missing.len(),
            list = list.join(", ")
        ));
}
