//! The central panel: the selected target's values, named and scaled by its register map, with
//! mode, running status and active alarms on top.

use eframe::egui;

use crate::app::Target;
use crate::proto::Table;
use crate::proto::map::AlarmKind;

const ALARM_RED: egui::Color32 = egui::Color32::from_rgb(230, 70, 60);
const WARN_AMBER: egui::Color32 = egui::Color32::from_rgb(240, 170, 40);

fn header_ui(ui: &mut egui::Ui, t: &Target) {
    let (map, img, slave) = (&t.map, &t.image, t.slave());
    ui.heading(format!("{}  {}", t.hostname, t.hostid));
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} · map: {}", t.moduletype, map.name));
        if let Some(mode) = map.mode(img, slave) {
            ui.separator();
            ui.strong(format!("Mode: {mode}"));
        }
        if let Some(status) = map.running_status(img, slave) {
            ui.separator();
            ui.strong(format!("Status: {status}"));
        }
    });
    if t.flags.inhibit_remote == Some(true) {
        ui.colored_label(
            ALARM_RED,
            "Remote control inhibited by the modem (InhbitRemote)",
        );
    }
    if map.remote_locked(img, slave) {
        ui.colored_label(ALARM_RED, "Controller reports Remote Lock");
    }
    for (name, kind) in map.active_alarms(img, slave) {
        let color = if kind == AlarmKind::Shutdown {
            ALARM_RED
        } else {
            WARN_AMBER
        };
        ui.colored_label(color, format!("ALARM {name} ({})", kind.name()));
    }
    for w in map.sanity(img, slave) {
        ui.colored_label(WARN_AMBER, w);
    }
}

/// How long a changed value stays highlighted, ms.
pub const HIGHLIGHT_MS: i64 = 2000;

/// The values table's filter, kept between frames.
#[derive(Debug, Default)]
pub struct ValuesFilter {
    /// Text to find in the name, or an address.
    pub text: String,
    /// Group to show ("" for all).
    pub group: String,
}

fn filter_ui(ui: &mut egui::Ui, t: &Target, f: &mut ValuesFilter) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        let edit = egui::TextEdit::singleline(&mut f.text)
            .desired_width(140.0)
            .hint_text("name or address");
        ui.add(edit).labelled_by(label.id);
        let coil_groups = t.map.coils.values().map(|c| c.group.as_str());
        let reg_groups = t.map.registers.values().map(|r| r.group.as_str());
        let mut groups: Vec<&str> = coil_groups
            .chain(reg_groups)
            .filter(|g| !g.is_empty())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let shown = if f.group.is_empty() {
            "all"
        } else {
            f.group.as_str()
        };
        egui::ComboBox::new("group_filter", "group")
            .selected_text(shown.to_string())
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.group, String::new(), "all");
                for g in groups {
                    ui.selectable_value(&mut f.group, g.to_string(), g);
                }
            });
    });
}

/// Draws the selected target's values; returns the (table, address) whose plot box was
/// clicked.
pub fn ui(
    ui: &mut egui::Ui,
    target: Option<&Target>,
    plotted: &dyn Fn(Table, u16) -> bool,
    filter: &mut ValuesFilter,
    now_ms: i64,
) -> Option<(Table, u16)> {
    let mut toggled = None;
    let Some(t) = target else {
        ui.heading("Select a modem");
        return None;
    };
    header_ui(ui, t);
    ui.separator();
    if t.image.is_empty() {
        ui.label("No data yet.");
        return None;
    }
    filter_ui(ui, t, filter);
    let needle = filter.text.trim().to_lowercase();
    let values: Vec<_> = t
        .map
        .decode_all(&t.image, t.slave())
        .into_iter()
        .filter(|d| filter.group.is_empty() || d.group == filter.group)
        .filter(|d| {
            needle.is_empty()
                || d.name.to_lowercase().contains(&needle)
                || d.addr.to_string() == needle
        })
        .collect();
    let highlight = ui.visuals().selection.bg_fill.gamma_multiply(0.5);
    // Only the rows in view are laid out (a map has hundreds of values; every frame counts).
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Monospace))
        + ui.spacing().item_spacing.y;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, values.len() + 1, |ui, rows| {
            egui::Grid::new("values")
                .striped(true)
                .num_columns(7)
                .min_row_height(ui.spacing().interact_size.y)
                .show(ui, |ui| {
                    // The header stays on top of the rows in view.
                    for h in [
                        "Plot", "Address", "Name", "Value", "Raw", "Group", "Changed",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    let shown =
                        rows.start.min(values.len())..rows.end.saturating_sub(1).min(values.len());
                    for d in &values[shown] {
                        let mut on = plotted(d.table, d.addr);
                        let can_plot = d.number().is_some() || on;
                        let plot_box =
                            ui.add_enabled(can_plot, egui::Checkbox::without_text(&mut on));
                        // Named for screen readers and tests: the box has no text of its own.
                        plot_box.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::CheckBox,
                                can_plot,
                                on,
                                format!("plot {}", d.name),
                            )
                        });
                        if plot_box.on_hover_text(format!("plot {}", d.name)).clicked() {
                            toggled = Some((d.table, d.addr));
                        }
                        ui.monospace(format!("{} {:04}", d.table.read_function(), d.addr));
                        ui.label(&d.name);
                        let changed = t.changed_ms.get(&(d.table, d.addr)).copied();
                        let fresh = changed.is_some_and(|c| now_ms - c < HIGHLIGHT_MS);
                        let value = egui::RichText::new(d.shown()).monospace();
                        ui.label(if fresh {
                            value.background_color(highlight)
                        } else {
                            value
                        });
                        let raw: Vec<String> = d.raw.iter().map(|w| format!("{w:04X}")).collect();
                        ui.monospace(raw.join(" "));
                        ui.label(&d.group);
                        let when = changed
                            .and_then(chrono::DateTime::from_timestamp_millis)
                            .map(|c| {
                                c.with_timezone(&chrono::Local)
                                    .format("%H:%M:%S")
                                    .to_string()
                            })
                            .unwrap_or_default();
                        ui.monospace(when);
                        ui.end_row();
                    }
                });
        });
    toggled
}
