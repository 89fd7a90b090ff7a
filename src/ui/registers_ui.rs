//! The central panel: the selected target's values, named and scaled by its register map, with
//! mode, running status and active alarms on top.

use eframe::egui;

use egui_extras::Column;

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

/// An address as the app shows them: decimal, or hex when the engineer chose so.
pub fn address(addr: u16, hex: bool) -> String {
    if hex {
        format!("0x{addr:04X}")
    } else {
        addr.to_string()
    }
}

/// Draws the selected target's values; returns the (table, address) whose plot box was
/// clicked. The header stays while the rows scroll, the columns keep their widths (the
/// engineer may drag them), and only the rows in view are laid out.
pub fn ui(
    ui: &mut egui::Ui,
    target: Option<&Target>,
    plotted: &dyn Fn(Table, u16) -> bool,
    filter: &mut ValuesFilter,
    now_ms: i64,
    hex: bool,
) -> Option<(Table, u16)> {
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
                || address(d.addr, true).eq_ignore_ascii_case(&needle)
        })
        .collect();
    let slave = t.slave().to_string();
    let highlight = ui.visuals().selection.bg_fill.gamma_multiply(0.5);
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Monospace));
    let mut toggled = None;
    egui_extras::TableBuilder::new(ui)
        .id_salt("values")
        .striped(true)
        .auto_shrink([false, false])
        // Never taller than the room left (the plot pane below keeps its place).
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(34.0))
        .column(Column::initial(44.0).resizable(true).clip(true))
        .column(Column::initial(96.0).resizable(true).clip(true))
        .column(Column::initial(62.0).resizable(true).clip(true))
        .column(
            Column::initial(230.0)
                .at_least(80.0)
                .resizable(true)
                .clip(true),
        )
        .column(Column::initial(130.0).resizable(true).clip(true))
        .column(Column::initial(80.0).resizable(true).clip(true))
        .column(Column::initial(90.0).resizable(true).clip(true))
        .column(Column::remainder().at_least(70.0).clip(true))
        .header(row_height, |mut header| {
            for h in [
                "Plot", "Slave", "Table", "Address", "Name", "Value", "Raw", "Group", "Changed",
            ] {
                header.col(|ui| {
                    ui.strong(h);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, values.len(), |mut row| {
                let d = &values[row.index()];
                row.col(|ui| {
                    let mut on = plotted(d.table, d.addr);
                    let can_plot = d.number().is_some() || on;
                    let plot_box = ui.add_enabled(can_plot, egui::Checkbox::without_text(&mut on));
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
                });
                row.col(|ui| {
                    ui.monospace(&slave);
                });
                row.col(|ui| {
                    ui.label(table_name(d.table))
                        .on_hover_text(format!("Modbus function {:02}", d.table.read_function()));
                });
                row.col(|ui| {
                    ui.monospace(address(d.addr, hex));
                });
                row.col(|ui| {
                    ui.label(&d.name);
                });
                let changed = t.changed_ms.get(&(d.table, d.addr)).copied();
                row.col(|ui| {
                    let fresh = changed.is_some_and(|c| now_ms - c < HIGHLIGHT_MS);
                    let value = egui::RichText::new(d.shown()).monospace();
                    ui.label(if fresh {
                        value.background_color(highlight)
                    } else {
                        value
                    });
                });
                row.col(|ui| {
                    let raw: Vec<String> = d.raw.iter().map(|w| format!("{w:04X}")).collect();
                    ui.monospace(raw.join(" "));
                });
                row.col(|ui| {
                    ui.label(&d.group);
                });
                row.col(|ui| {
                    let when = changed
                        .and_then(chrono::DateTime::from_timestamp_millis)
                        .map(|c| {
                            c.with_timezone(&chrono::Local)
                                .format("%H:%M:%S")
                                .to_string()
                        })
                        .unwrap_or_default();
                    ui.monospace(when);
                });
            });
        });
    toggled
}

/// A Modbus table as an engineer names it.
pub fn table_name(table: Table) -> &'static str {
    match table {
        Table::Coils => "coil",
        Table::DiscreteInputs => "input bit",
        Table::Holding => "holding reg",
        Table::Input => "input reg",
    }
}
