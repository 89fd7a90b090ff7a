//! The map editor, beside the Values tab: for a controller with no map (or a map missing
//! entries), raw addresses read (a range typed, or blocks found by a scan of 01/02/03/04) are
//! named, scaled, given a unit, a signedness, a word order, an enumeration or bit names and a
//! role, with the value decoded live while it is described. Saved as the model's map in the
//! maps folder (the same file format, validated as on load) and used from then on. A register
//! list in CSV is imported the same way.

use eframe::egui;

use crate::app::{AppState, Command, Target};
use crate::journal::snapshot::ReadRange;
use crate::proto::Table;
use crate::proto::map::draft::{DraftEntry, map_with};

use super::file_dialog::{Ask, Purpose};
use super::map_entry_ui::EntryForm;
use super::registers_ui::table_name;

/// The map editor's state, kept between frames.
#[derive(Debug, Default)]
pub struct MapEditView {
    /// The window is open.
    pub open: bool,
    /// The target the map is made for.
    pub target: Option<String>,
    /// The module type the map is saved for.
    pub model: String,
    /// Entries described, not saved yet.
    pub entries: Vec<DraftEntry>,
    /// The entry being described.
    pub form: Option<EntryForm>,
    /// A range to read once, `FC:ADDR+QTY`.
    pub read: String,
    /// The block scan: first and last address, block size, tables (01, 02, 03, 04).
    pub scan: (u16, u16, u16, [bool; 4]),
    /// The last read asked (its uid).
    pub read_uid: Option<String>,
    /// What went wrong in the window.
    pub error: Option<String>,
    /// A save was asked when the core had saved this many maps; its result shows once it
    /// has saved more.
    pub saving: Option<u64>,
    /// A file dialog to open.
    pub ask: Option<Ask>,
}

impl MapEditView {
    /// Opens the editor for `t`, describing `table`/`addr` when given.
    pub fn open_for(&mut self, t: &Target, at: Option<(Table, u16)>) {
        if self.target.as_deref() != Some(t.hostid.as_str()) {
            *self = MapEditView {
                target: Some(t.hostid.clone()),
                model: default_model(t),
                read: "03:0+20".into(),
                scan: (0, 999, 50, [true; 4]),
                ..Default::default()
            };
        }
        self.open = true;
        if let Some((table, addr)) = at {
            let index = self
                .entries
                .iter()
                .position(|e| e.table == table && e.addr == addr);
            let entry =
                index.map_or_else(|| DraftEntry::new(table, addr), |i| self.entries[i].clone());
            self.form = Some(EntryForm::new(entry, index));
        }
    }
}

/// The model a map is saved for: the target's, else the one its map was made for (a map
/// chosen for a controller connected as "none"), else one to type.
fn default_model(t: &Target) -> String {
    let m = t.moduletype.trim();
    if !m.is_empty() && !m.eq_ignore_ascii_case("none") {
        return m.to_string();
    }
    t.map.module_types.first().cloned().unwrap_or_default()
}

/// Draws the window when open; what to send.
pub fn ui(ctx: &egui::Context, v: &mut MapEditView, state: &AppState) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(t) = v
        .target
        .as_ref()
        .and_then(|k| state.targets.get(k))
        .filter(|_| v.open)
    else {
        return out;
    };
    if v.saving.is_some_and(|n| state.map_saves > n) {
        v.saving = None;
        match &state.map_result {
            Some(Ok(_)) => {
                v.entries.clear();
                v.form = None;
                v.error = None;
            }
            Some(Err(e)) => v.error = Some(e.to_string()),
            None => {}
        }
    }
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(t!("Map editor"))
        .id(egui::Id::unique(Some("map_editor")))
        .open(&mut open)
        .default_width(440.0)
        // Its size follows what it shows, up to the screen's height (then it scrolls).
        .resizable(false)
        // On the right, clear of the values' names and addresses it describes.
        .default_pos(egui::pos2(screen.right() - 460.0, screen.top() + 60.0))
        .show(ctx, |ui| {
            ui.set_width(420.0);
            let room = screen.height() - 150.0;
            egui::ScrollArea::vertical()
                .max_height(room)
                .min_scrolled_height(room)
                .show(ui, |ui| {
                    body(ui, v, t, state, &mut out);
                });
        });
    v.open = open;
    out
}

fn body(
    ui: &mut egui::Ui,
    v: &mut MapEditView,
    t: &Target,
    state: &AppState,
    out: &mut Vec<Command>,
) {
    ui.label(t!(
        "{ $target } · map now: { $map }",
        target = t.hostid.as_str(),
        map = &*t.map.name
    ));
    ui.horizontal(|ui| {
        let label = ui.label(t!("Model"));
        ui.add(
            egui::TextEdit::singleline(&mut v.model)
                .hint_text(t!("module type, e.g. ACME-ATS"))
                .desired_width(200.0),
        )
        .labelled_by(label.id)
        .on_hover_text(t!(
            "The map is saved for this module type, and used for every controller of it"
        ));
    });
    // Saving first: in reach whatever the form's length.
    save_ui(ui, v, t, state.map_saves, out);
    egui::CollapsingHeader::new(t!("Read and find values"))
        .id_salt("map_editor_read")
        .default_open(true)
        .show(ui, |ui| read_ui(ui, v, t, state, out));
    ui.separator();
    let before = v.entries.len();
    if v.form.is_some() {
        super::map_entry_ui::form_ui(ui, &mut v.form, &mut v.entries, t);
        ui.separator();
    } else {
        ui.label(
            egui::RichText::new(t!(
                "Click an unnamed value in the Values tab to describe it."
            ))
            .weak(),
        );
    }
    entries_ui(ui, v);
    // What a save refused is about entries that have changed since.
    if v.entries.len() != before {
        v.error = None;
    }
}

/// Reading ranges once, and the block scan (serial and network targets only).
fn read_ui(
    ui: &mut egui::Ui,
    v: &mut MapEditView,
    t: &Target,
    state: &AppState,
    out: &mut Vec<Command>,
) {
    let serial = t.is_serial() && t.online;
    let why = t!("Reading once is for a controller on a serial port or the network, online");
    ui.horizontal(|ui| {
        let label = ui.label(t!("Read once"));
        ui.add(
            egui::TextEdit::singleline(&mut v.read)
                .hint_text("03:0x1000+64")
                .desired_width(140.0),
        )
        .labelled_by(label.id)
        .on_hover_text(t!(
            "FC:ADDR+QTY: the read function (01 coils, 02 discrete inputs, 03 holding, 04 input registers), the first address, how many"
        ));
        let read = ui
            .add_enabled(serial, egui::Button::new(t!("Read")))
            .on_disabled_hover_text(why.clone());
        if read.clicked() {
            match ReadRange::parse(&v.read) {
                Ok(r) => {
                    v.error = None;
                    out.push(read_once(v, t, vec![r]));
                }
                Err(e) => v.error = Some(e),
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let (from, to, block, tables) = &mut v.scan;
        ui.label(t!("Find blocks from"));
        ui.add(egui::DragValue::new(from).range(0..=65535));
        ui.label(t!("to"));
        ui.add(egui::DragValue::new(to).range(0..=65535));
        ui.label(t!("by"));
        ui.add(egui::DragValue::new(block).range(1..=125));
        for (on, fc) in tables.iter_mut().zip(["01", "02", "03", "04"]) {
            ui.checkbox(on, fc);
        }
        let find = ui
            .add_enabled(serial, egui::Button::new(t!("Find")))
            .on_hover_text(t!(
                "Reads every block of the range in each table checked: what answers shows in the Values tab, what the controller refuses is left out"
            ))
            .on_disabled_hover_text(why);
        if find.clicked() {
            let ranges = scan_ranges(*from, *to, *block, *tables);
            out.push(read_once(v, t, ranges));
        }
    });
    if let Some((outcome, detail)) = v.read_uid.as_ref().and_then(|u| state.reads.get(u)) {
        let short: String = detail.chars().take(160).collect();
        let text = if short.len() < detail.len() {
            format!("{short}…")
        } else {
            short
        };
        let colour = match outcome {
            Some(crate::model::Outcome::Accepted) | None => ui.visuals().text_color(),
            Some(_) => egui::Color32::from_rgb(220, 60, 50),
        };
        ui.colored_label(colour, text)
            .on_hover_text(detail.as_str());
    }
}

/// The blocks of a scan: `from`..=`to` in blocks of `block`, in each table checked.
fn scan_ranges(from: u16, to: u16, block: u16, tables: [bool; 4]) -> Vec<ReadRange> {
    let mut out = Vec::new();
    for (fc, on) in (1u8..=4).zip(tables) {
        let Some(table) = Table::from_read_function(fc).filter(|_| on) else {
            continue;
        };
        let mut a = u32::from(from);
        while a <= u32::from(to) {
            let qty = (u32::from(to) + 1 - a).min(u32::from(block.max(1)));
            out.push(ReadRange {
                table,
                addr: a as u16,
                qty: qty as u16,
            });
            a += qty;
        }
    }
    out
}

fn read_once(v: &mut MapEditView, t: &Target, ranges: Vec<ReadRange>) -> Command {
    let uid = crate::model::next_command_id();
    v.read_uid = Some(uid.clone());
    Command::ReadOnce {
        target: t.hostid.clone(),
        ranges,
        uid,
    }
}

/// The entries described, not saved yet.
fn entries_ui(ui: &mut egui::Ui, v: &mut MapEditView) {
    if v.entries.is_empty() {
        return;
    }
    ui.label(t!("Described, not saved yet:"));
    let mut edit = None;
    let mut remove = None;
    for (i, e) in v.entries.iter().enumerate() {
        ui.horizontal(|ui| {
            let unit = if e.unit.is_empty() {
                String::new()
            } else {
                format!(" [{}]", e.unit)
            };
            // A pair names both its addresses.
            let addr = if e.words == 2 && !e.table.is_bits() {
                format!("{}-{}", e.addr, e.addr.saturating_add(1))
            } else {
                e.addr.to_string()
            };
            ui.add(
                egui::Label::new(format!(
                    "{} {addr}: {}{unit}",
                    crate::i18n::tr(table_name(e.table)),
                    e.name
                ))
                .truncate(),
            );
            if ui.small_button(t!("Edit")).clicked() {
                edit = Some(i);
            }
            if ui.small_button(t!("Remove")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = edit {
        v.form = Some(EntryForm::new(v.entries[i].clone(), Some(i)));
    }
    if let Some(i) = remove {
        v.entries.remove(i);
        v.form = None;
        v.error = None;
    }
}

/// Saving the entries as the model's map; importing a register list.
fn save_ui(ui: &mut egui::Ui, v: &mut MapEditView, t: &Target, saves: u64, out: &mut Vec<Command>) {
    let model = v.model.trim().to_string();
    // Added to the model's map when the target has it; else a new map.
    let base = (t.map.serves(&model) && !t.map.is_generic()).then_some(&*t.map);
    ui.horizontal_wrapped(|ui| {
        let can = !model.is_empty() && !v.entries.is_empty() && v.saving.is_none();
        let save = ui
            .add_enabled(
                can,
                egui::Button::new(if model.is_empty() {
                    t!("Save the map")
                } else {
                    t!("Save as the map of { $model }", model = model.as_str())
                }),
            )
            .on_hover_text(match base {
                Some(m) => t!(
                    "Adds the entries to { $map }, saved in the maps folder",
                    map = &*m.name
                ),
                None => t!("A new map, saved in the maps folder"),
            })
            .on_disabled_hover_text(t!(
                "Describe a value first (click one in the Values tab), and give the model"
            ));
        if save.clicked() {
            match map_with(base, &model, "made in the app", &v.entries) {
                Ok((text, _)) => {
                    v.error = None;
                    v.saving = Some(saves);
                    out.push(Command::SaveMap {
                        model: model.clone(),
                        text,
                        target: Some(t.hostid.clone()),
                    });
                }
                Err(e) => v.error = Some(e),
            }
        }
        let import = ui
            .add_enabled(!model.is_empty(), egui::Button::new(t!("Import a register list (CSV)…")))
            .on_hover_text(t!(
                "Columns address, name, unit, scale, table: a manual's table pasted into a spreadsheet"
            ));
        if import.clicked() {
            v.saving = Some(saves);
            v.ask = Some(Ask {
                purpose: Purpose::ImportMapCsv {
                    model,
                    target: t.hostid.clone(),
                },
                title: n!("Import a register list"),
                filter: (n!("Register list (CSV)"), &["csv", "txt"]),
                save_as: None,
            });
        }
    });
    if v.saving.is_some() {
        ui.label(t!("Saving…"));
    }
    if let Some(e) = &v.error {
        ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_reads_each_table_checked_in_blocks() {
        let r = scan_ranges(0, 119, 50, [false, false, true, true]);
        let got: Vec<(Table, u16, u16)> = r.iter().map(|r| (r.table, r.addr, r.qty)).collect();
        assert_eq!(
            got,
            [
                (Table::Holding, 0, 50),
                (Table::Holding, 50, 50),
                (Table::Holding, 100, 20),
                (Table::Input, 0, 50),
                (Table::Input, 50, 50),
                (Table::Input, 100, 20)
            ]
        );
    }
}
