//! How a CSV is written: plain (comma-separated, decimal point: scripts, pandas, LibreOffice's
//! import dialog) or for a spreadsheet opened by double-click (`--excel`: UTF-8 with a
//! byte-order mark so that °C, Ω and non-Latin names show right, `;` between fields, and a
//! decimal comma where the user's locale writes one).

/// The CSV's dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// Starts with the UTF-8 byte-order mark.
    pub bom: bool,
    /// Between fields.
    pub delimiter: u8,
    /// Numbers with a decimal comma (`25,4`).
    pub decimal_comma: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect::PLAIN
    }
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Dialect {
    /// Comma-separated, decimal point, no byte-order mark.
    pub const PLAIN: Dialect = Dialect {
        bom: false,
        delimiter: b',',
        decimal_comma: false,
    };

    /// For a spreadsheet: byte-order mark, `;`, and a decimal comma when `decimal_comma`.
    pub fn excel(decimal_comma: bool) -> Dialect {
        Dialect {
            bom: true,
            delimiter: b';',
            decimal_comma,
        }
    }

    /// A number with `decimals` decimals, with this dialect's decimal mark.
    pub fn number(&self, v: f64, decimals: usize) -> String {
        let text = format!("{v:.decimals$}");
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// Languages whose numbers are written with a decimal comma (CLDR), by their ISO 639 code.
const DECIMAL_COMMA: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fo", "fr",
    "gl", "hr", "hu", "hy", "id", "is", "it", "ka", "kk", "ky", "lt", "lv", "mk", "mn", "nb", "nl",
    "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "uz", "vi",
];

/// Whether a locale (`de-DE`, `fr_FR.UTF-8`, `en-US`) writes decimals with a comma. Swiss
/// German and Liechtenstein write a point.
pub fn locale_uses_decimal_comma(locale: &str) -> bool {
    let l = locale.to_ascii_lowercase().replace('_', "-");
    let mut parts = l.split(['-', '.', '@']);
    let lang = parts.next().unwrap_or_default();
    let region = parts.next().unwrap_or_default();
    if lang == "de" && (region == "ch" || region == "li") {
        return false;
    }
    if lang == "es" && ["mx", "us", "pr", "gt", "hn", "ni", "pa", "sv", "do"].contains(&region) {
        return false;
    }
    DECIMAL_COMMA.contains(&lang)
}

/// Whether this computer's user writes decimals with a comma (the system's locale).
pub fn user_uses_decimal_comma() -> bool {
    sys_locale::get_locale().is_some_and(|l| locale_uses_decimal_comma(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decimal_mark_follows_the_locale() {
        assert!(locale_uses_decimal_comma("de-DE"));
        assert!(locale_uses_decimal_comma("fr_FR.UTF-8"));
        assert!(!locale_uses_decimal_comma("en-US"));
        assert!(!locale_uses_decimal_comma("de-CH"));
        assert!(!locale_uses_decimal_comma("C"));
        assert_eq!(Dialect::excel(true).number(25.400000000000002, 1), "25,4");
        assert_eq!(Dialect::PLAIN.number(1.2000000000000002, 1), "1.2");
    }
}
