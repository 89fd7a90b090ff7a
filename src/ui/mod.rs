//! The egui desktop app: one file per panel, each reading the state.

pub mod app;
pub mod broker_ui;
pub mod commission_ui;
pub mod config_ui;
pub mod diagram_ui;
pub mod editor_ui;
pub mod fleet_ui;
pub mod help_ui;
pub mod keys_ui;
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
pub mod status_ui;
pub mod targets_ui;
pub mod traffic_ui;
pub mod typing;
pub mod view;
pub mod write_source;

pub use app::{CommissionerApp, Startup};

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

#[cfg(test)]
mod tests {
    use super::contains_lower;

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
