//! The central panel: the selected target's values, named and scaled by its register map, with
//! mode, running status and active alarms on top.

use eframe::egui;

use crate::app::Target;
use crate::proto::Table;
use crate::proto::map::AlarmKind;

use super::columns::{Column, Layout, col};

const ALARM_RED: egui::Color32 = egui::Color32::from_rgb(230, 70, 60);
const WARN_AMBER: egui::Color32 = egui::Color32::from_rgb(240, 170, 40);

fn header_ui(ui: &mut egui::Ui, t: &Target, now_ms: i64) {
    let (map, img, slave) = (&t.map, &t.image, t.slave());
    ui.heading(format!("{}  {}", t.hostname, t.hostid));
    if let Some(why) = t.not_live(now_ms) {
        ui.colored_label(ALARM_RED, egui::RichText::new(why).strong());
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t!(
            "{ $model } · map: { $map }",
            model = &t.moduletype,
            map = &*map.name
        ));
        if let Some(mode) = map.mode(img, slave) {
            ui.separator();
            ui.strong(t!("Mode: { $mode }", mode = mode));
        }
        if let Some(status) = map.running_status(img, slave) {
            ui.separator();
            ui.strong(t!("Status: { $status }", status = status));
        }
    });
    if t.flags.inhibit_remote == Some(true) {
        ui.colored_label(
            ALARM_RED,
            t!("Remote control inhibited by the modem (InhbitRemote)"),
        );
    }
    if map.remote_locked(img, slave) {
        ui.colored_label(ALARM_RED, t!("Controller reports Remote Lock"));
    }
    for (name, kind) in map.active_alarms(img, slave) {
        let color = if kind == AlarmKind::Shutdown {
            ALARM_RED
        } else {
            WARN_AMBER
        };
        ui.colored_label(
            color,
            t!(
                "ALARM { $name } ({ $kind })",
                name = name,
                kind = kind.name()
            ),
        );
    }
    for w in map.sanity(img, slave) {
        ui.colored_label(WARN_AMBER, w);
    }
    unverified_ui(ui, t);
}

/// Says when the target's map has entries built from public sources.
pub fn unverified_ui(ui: &mut egui::Ui, t: &Target) {
    if t.map.has_unverified() {
        ui.colored_label(
            WARN_AMBER,
            t!(
                "Entries marked (unverified) are { $note }.",
                note = crate::i18n::tr(crate::proto::map::UNVERIFIED_NOTE)
            ),
        );
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
    /// Put the keyboard in the filter on the next frame.
    pub focus: bool,
}

fn filter_ui(ui: &mut egui::Ui, t: &Target, f: &mut ValuesFilter) -> bool {
    let mut editor = false;
    ui.horizontal(|ui| {
        let label = ui.label(t!("Filter"));
        let edit = egui::TextEdit::singleline(&mut f.text)
            .desired_width(140.0)
            .hint_text(t!("name or address"));
        let resp = ui.add(edit).labelled_by(label.id);
        if std::mem::take(&mut f.focus) {
            resp.request_focus();
        }
        let coil_groups = t.map.coils.values().map(|c| c.group.as_ref());
        let reg_groups = t.map.registers.values().map(|r| r.group.as_ref());
        let mut groups: Vec<&str> = coil_groups
            .chain(reg_groups)
            .filter(|g| !g.is_empty())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let shown = if f.group.is_empty() {
            t!("all")
        } else {
            f.group.clone()
        };
        egui::ComboBox::new("group_filter", t!("group"))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.group, String::new(), t!("all"));
                for g in groups {
                    ui.selectable_value(&mut f.group, g.to_string(), g);
                }
            });
        editor = ui
            .button(t!("Map editor…"))
            .on_hover_text(t!(
                "Name, scale and describe the values the map does not know, and save them as the model's map"
            ))
            .clicked();
    });
    editor
}

/// What the table asks of the view about a value: whether it is plotted, and the name it
/// was given in the map editor, not saved yet.
pub type Lookups<'a> = (
    &'a dyn Fn(Table, u16) -> bool,
    &'a dyn Fn(Table, u16) -> Option<String>,
);

/// What was clicked in the values table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuesClick {
    /// A value's plot box.
    Plot(Table, u16),
    /// Describe a value in the map editor (`None`: open the editor).
    Describe(Option<(Table, u16)>),
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
/// clicked. The header stays while the rows scroll, the columns keep their widths, and only
/// the rows in view are laid out.
pub fn ui(
    ui: &mut egui::Ui,
    target: Option<&Target>,
    (plotted, drafted): Lookups<'_>,
    filter: &mut ValuesFilter,
    now_ms: i64,
    hex: bool,
) -> Option<ValuesClick> {
    let Some(t) = target else {
        ui.heading(t!("Select a modem"));
        return None;
    };
    header_ui(ui, t, now_ms);
    ui.separator();
    if t.image.is_empty() {
        ui.label(t!("No data yet."));
        return None;
    }
    let mut clicked = filter_ui(ui, t, filter).then_some(ValuesClick::Describe(None));
    let needle = filter.text.trim().to_lowercase();
    // An address as typed anywhere else: 24, 0x18 or 0x0018.
    let typed_addr = crate::app::entry::address("Filter", &needle).ok();
    // Filter on the map's names without decoding; only the rows in view are decoded.
    let values: Vec<(Table, u16)> = t
        .map
        .entries(&t.image, t.slave())
        .into_iter()
        .filter(|e| filter.group.is_empty() || e.3 == filter.group)
        .filter(|&(table, addr, name, _)| {
            needle.is_empty()
                || name.is_some_and(|n| super::contains_lower(n, &needle))
                || typed_addr == Some(addr)
                // An address the map does not name, by the name shown for it.
                || name.is_none()
                    && super::contains_lower(
                        &crate::proto::map::unmapped_name(table, addr),
                        &needle,
                    )
        })
        .map(|e| (e.0, e.1))
        .collect();
    let slave = t.slave().to_string();
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Monospace));
    // The vertical scroll bar takes some of the width.
    let room = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    let layout = Layout::fit(&COLUMNS, room, Some((NAME, NAME_MAX)));
    let hidden = layout.hidden(&COLUMNS);
    if !hidden.is_empty() {
        ui.label(
            egui::RichText::new(t!(
                "Not shown for lack of room: { $columns } (Ctrl+[ and Ctrl+] put the side panels \
                 away)",
                columns = hidden
                    .into_iter()
                    .map(crate::i18n::tr)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .weak()
            .small(),
        );
    }
    let width = layout.width;
    egui::ScrollArea::horizontal()
        .id_salt("values_h")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The header stays while the rows scroll under it.
            let (head, _) =
                ui.allocate_exact_size(egui::vec2(width, row_height), egui::Sense::hover());
            for (i, c) in COLUMNS.iter().enumerate() {
                if let Some(r) = layout.cell(head, i) {
                    let title = egui::RichText::new(crate::i18n::tr(c.title)).strong();
                    let at = egui::UiBuilder::new()
                        .max_rect(r.shrink2(egui::vec2(4.0, 0.0)))
                        .layout(egui::Layout::left_to_right(egui::Align::Center));
                    ui.scope_builder(at, |ui| ui.add(egui::Label::new(title).truncate()));
                }
            }
            let line = ui.visuals().widgets.noninteractive.bg_stroke;
            ui.painter().hline(head.x_range(), head.bottom(), line);
            egui::ScrollArea::vertical()
                .id_salt("values")
                .auto_shrink([false, false])
                // Only the room there is: rows never spill over the plots below.
                .min_scrolled_height(0.0)
                .max_height(ui.available_height().max(0.0))
                .show_rows(ui, row_height, values.len(), |ui, rows| {
                    for (n, &(table, addr)) in values[rows.clone()].iter().enumerate() {
                        let Some(d) = t.map.decode(&t.image, t.slave(), table, addr) else {
                            continue;
                        };
                        let click = row_ui(
                            ui,
                            t,
                            &d,
                            &slave,
                            (&layout, row_height),
                            rows.start + n,
                            (plotted, drafted),
                            now_ms,
                            hex,
                        );
                        clicked = click.or(clicked);
                    }
                });
        });
    clicked
}

/// Column titles, widths and ranks: a column never moves as values come and go, and on a
/// narrow window the Name and Value stay in view while the others give way (highest rank
/// first).
const COLUMNS: [Column; 9] = [
    col(n!("Plot"), 36.0, 0),
    col(n!("Slave"), 46.0, 7),
    col(n!("Table"), 92.0, 6),
    col(n!("Address"), 66.0, 2),
    col(n!("Name"), 150.0, 0),
    col(n!("Value"), 132.0, 0),
    col(n!("Raw"), 84.0, 4),
    col(n!("Group"), 100.0, 5),
    col(n!("Changed"), 124.0, 3),
];

/// The Name column, which takes the width left over up to [`NAME_MAX`].
const NAME: usize = 4;
/// See [`NAME`].
const NAME_MAX: f32 = 280.0;

/// Paints text in column `i` (if shown), clipped to it (most cells are plain text: painting
/// them costs a fraction of a widget each, and the table is redrawn every frame).
#[allow(clippy::too_many_arguments)]
fn paint_cell(
    ui: &egui::Ui,
    layout: &Layout,
    row: egui::Rect,
    i: usize,
    text: &str,
    font: egui::FontId,
    color: egui::Color32,
    background: Option<egui::Color32>,
) {
    let Some(r) = layout.cell(row, i) else {
        return;
    };
    let painter = ui.painter().with_clip_rect(r.shrink2(egui::vec2(2.0, 0.0)));
    if let Some(bg) = background {
        painter.rect_filled(r, 2.0, bg);
    }
    painter.text(
        egui::pos2(r.left() + 4.0, r.center().y),
        egui::Align2::LEFT_CENTER,
        text,
        font,
        color,
    );
}

/// One row of the values table; what was clicked in it.
#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut egui::Ui,
    t: &Target,
    d: &crate::proto::map::Decoded,
    slave: &str,
    (layout, height): (&Layout, f32),
    index: usize,
    (plotted, drafted): Lookups<'_>,
    now_ms: i64,
    hex: bool,
) -> Option<ValuesClick> {
    let (row, resp) =
        ui.allocate_exact_size(egui::vec2(layout.width, height), egui::Sense::hover());
    // A value its last upload did not refresh is shown greyed, with why on hover.
    let stale = t.staleness(d.table, d.addr);
    if let Some(why) = &stale {
        resp.on_hover_text(why);
    }
    if index % 2 == 1 {
        ui.painter()
            .rect_filled(row, 0.0, ui.visuals().faint_bg_color);
    }
    let mut on = plotted(d.table, d.addr);
    let can_plot = d.number().is_some() || on;
    let plot_box = ui.put(layout.cell(row, 0).unwrap_or(row), |ui: &mut egui::Ui| {
        ui.add_enabled(can_plot, egui::Checkbox::without_text(&mut on))
    });
    // Named for screen readers and tests: the box has no text of its own.
    // In the window's language when the map gives the name in it.
    let shown = t.map.shown(&d.name);
    let plot_name = t!("plot { $name }", name = shown);
    plot_box.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, can_plot, on, plot_name.clone())
    });
    let clicked = plot_box.on_hover_text(plot_name).clicked();
    let mono = egui::TextStyle::Monospace.resolve(ui.style());
    let body = egui::TextStyle::Body.resolve(ui.style());
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    paint_cell(ui, layout, row, 1, slave, mono.clone(), text, None);
    paint_cell(
        ui,
        layout,
        row,
        2,
        &crate::i18n::tr(table_name(d.table)),
        body.clone(),
        weak,
        None,
    );
    paint_cell(
        ui,
        layout,
        row,
        3,
        &address(d.addr, hex),
        mono.clone(),
        text,
        None,
    );
    // The name is a label (found by screen readers, selectable); the rest is painted.
    let name = egui::UiBuilder::new()
        .max_rect(
            layout
                .cell(row, NAME)
                .unwrap_or(row)
                .shrink2(egui::vec2(4.0, 0.0)),
        )
        .layout(egui::Layout::left_to_right(egui::Align::Center));
    // An entry built from public sources says so, and why on hover.
    let mut describe = false;
    if t.map.is_unverified(d.table, d.addr) {
        let text = t!("{ $name } (unverified)", name = shown);
        ui.scope_builder(name, |ui| ui.add(egui::Label::new(text).truncate()))
            .inner
            .on_hover_text(crate::i18n::tr(crate::proto::map::UNVERIFIED_NOTE));
    } else if !d.mapped {
        // A value the map does not know: a click describes it in the map editor, where it
        // may be described already, not saved yet.
        let text = match drafted(d.table, d.addr) {
            Some(name) => t!("{ $name } (not saved)", name = name.as_str()),
            None => shown.to_string(),
        };
        let link = egui::Link::new(egui::RichText::new(text).weak());
        describe = ui
            .scope_builder(name, |ui| ui.add(link))
            .inner
            .on_hover_text(t!("Not in the map: click to name and describe it"))
            .clicked();
    } else {
        ui.scope_builder(name, |ui| ui.add(egui::Label::new(shown).truncate()));
    }
    let changed = t.changed_ms.get(&(d.table, d.addr));
    let fresh = changed.is_some_and(|c| now_ms - c < HIGHLIGHT_MS);
    let highlight = fresh.then(|| ui.visuals().selection.bg_fill.gamma_multiply(0.5));
    let value_colour = if stale.is_some() { weak } else { text };
    paint_cell(
        ui,
        layout,
        row,
        5,
        &d.shown(),
        mono.clone(),
        value_colour,
        highlight,
    );
    let raw: Vec<String> = d.raw.iter().map(|w| format!("{w:04X}")).collect();
    paint_cell(ui, layout, row, 6, &raw.join(" "), mono.clone(), weak, None);
    paint_cell(ui, layout, row, 7, &d.group, body, text, None);
    let when = changed
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|c| {
            c.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    let when = match &stale {
        Some(_) if t.possibly_stale(d.table, d.addr) => t!("{ $time } (stale?)", time = when),
        Some(_) => t!("{ $time } (stale)", time = when),
        None => when,
    };
    paint_cell(ui, layout, row, 8, &when, mono, weak, None);
    if clicked {
        Some(ValuesClick::Plot(d.table, d.addr))
    } else {
        describe.then_some(ValuesClick::Describe(Some((d.table, d.addr))))
    }
}

/// A Modbus table as an engineer names it (a text of the catalogue: shown with
/// [`crate::i18n::tr`]).
pub fn table_name(table: Table) -> &'static str {
    match table {
        Table::Coils => n!("coil"),
        Table::DiscreteInputs => n!("input bit"),
        Table::Holding => n!("holding reg"),
        Table::Input => n!("input reg"),
    }
}
