//! The egui desktop app: one file per panel, each reading the state.

pub mod app;
pub mod broker_ui;
pub mod columns;
pub mod commission_ui;
pub mod config_ui;
pub mod diagram_ui;
pub mod editor_ui;
pub mod file_dialog;
pub mod fleet_ui;
pub mod fonts;
pub mod hand_settings_ui;
pub mod handover_ui;
pub mod help_ui;
pub mod journal_ui;
pub mod keys_ui;
pub mod limits_ui;
pub mod map_edit_ui;
mod map_entry_ui;
pub mod map_picker_ui;
pub mod menu_ui;
pub mod overview_ui;
pub mod palette;
mod plot_nav_ui;
pub mod plot_range_ui;
pub mod plot_ui;
pub mod record_ui;
pub mod registers_ui;
pub mod renderer;
pub mod serial_ui;
pub mod settings_ui;
pub mod side_panels;
pub mod status_ui;
pub mod targets_ui;
pub mod traffic_ui;
pub mod typing;
pub mod view;
pub mod window_fit;
pub mod write_source;

pub use crate::app::Startup;
pub use app::CommissionerApp;

/// Whether `hay` contains `needle` (lower case) in any case; without allocating for ASCII
/// text, which names, ids, models and alarm names are (the filters run on every target or
/// every map entry, every frame).
pub(crate) fn contains_lower(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        let n = needle.as_bytes();
        return hay
            .as_bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.to_lowercase().contains(needle)
}

/// Orders names as people read them: runs of digits by their number (LOAD-2 before LOAD-10),
/// the rest by character, case aside; equal names by their exact text. Allocates nothing and
/// takes ASCII a byte at a time: the fleet sorts 10,000 names with it every frame.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let digits =
        |s: &[u8], from: usize| from + s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let (mut i, mut j) = (0, 0);
    loop {
        let (c, d) = match (x.get(i), y.get(j)) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(&c), Some(&d)) => (c, d),
        };
        if c.is_ascii_digit() && d.is_ascii_digit() {
            let (ei, ej) = (digits(x, i), digits(y, j));
            // Digits are ASCII: these are whole characters of the text.
            let m = a[i..ei].trim_start_matches('0');
            let n = b[j..ej].trim_start_matches('0');
            let o = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
            if o != Ordering::Equal {
                return o;
            }
            (i, j) = (ei, ej);
        } else if c.is_ascii() && d.is_ascii() {
            let o = c.to_ascii_lowercase().cmp(&d.to_ascii_lowercase());
            if o != Ordering::Equal {
                return o;
            }
            (i, j) = (i + 1, j + 1);
        } else {
            // `i` and `j` always stand at the start of a character.
            let (Some(c), Some(d)) = (a[i..].chars().next(), b[j..].chars().next()) else {
                return a.cmp(b);
            };
            let o = c.to_lowercase().cmp(d.to_lowercase());
            if o != Ordering::Equal {
                return o;
            }
            (i, j) = (i + c.len_utf8(), j + d.len_utf8());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{contains_lower, natural_cmp};

    /// The first way of ordering names, a character at a time with a string per digit run: the
    /// yardstick of [`natural_cmp`].
    fn natural_cmp_by_chars(a: &str, b: &str) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
        loop {
            match (x.peek().copied(), y.peek().copied()) {
                (None, None) => return a.cmp(b),
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                    let run = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                        let mut digits = String::new();
                        while let Some(c) = it.next_if(char::is_ascii_digit) {
                            digits.push(c);
                        }
                        digits
                    };
                    let (m, n) = (run(&mut x), run(&mut y));
                    let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                    let o = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                (Some(c), Some(d)) => {
                    let o = c.to_lowercase().cmp(d.to_lowercase());
                    if o != Ordering::Equal {
                        return o;
                    }
                    x.next();
                    y.next();
                }
            }
        }
    }

    /// Names of digits, ASCII and other scripts in any case order as they did a character at
    /// a time.
    #[test]
    fn names_sort_as_they_did_a_character_at_a_time() {
        let parts = [
            "SITE-", "site-", "0", "007", "12", "120", "Ü", "ü", "ß", "王", "a", "A", "-", "",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        let name = |rng: &mut fastrand::Rng| -> String {
            (0..rng.usize(0..5))
                .map(|_| parts[rng.usize(..parts.len())])
                .collect()
        };
        for _ in 0..20_000 {
            let (a, b) = (name(&mut rng), name(&mut rng));
            assert_eq!(
                natural_cmp(&a, &b),
                natural_cmp_by_chars(&a, &b),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn names_sort_as_people_read_them() {
        let mut names = vec![
            "LOAD-10", "LOAD-100", "LOAD-2", "LOAD-1", "load-3", "LOAD-02a", "B",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "B", "LOAD-1", "LOAD-2", "LOAD-02a", "load-3", "LOAD-10", "LOAD-100"
            ]
        );
        assert_eq!(natural_cmp("A", "A"), std::cmp::Ordering::Equal);
        assert_ne!(natural_cmp("a", "A"), std::cmp::Ordering::Equal);
    }

    #[test]
    fn the_filter_finds_text_in_any_case() {
        assert!(contains_lower("DEMO-GENSET-0007", "genset-0"));
        assert!(contains_lower("Common Shutdown Alarm", "shutdown"));
        assert!(!contains_lower("HGM6120N", "9520"));
        assert!(!contains_lower("ab", "abc"));
        assert!(contains_lower("anything", ""));
        // Outside ASCII, as lower-casing does it.
        assert!(contains_lower("Überdrehzahl", "überdreh"));
        assert!(!contains_lower("Überdrehzahl", "uber"));
    }
}
