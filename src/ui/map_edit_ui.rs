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
use crate::proto::map::draft::{DraftEntry, map_with, preview};
use crate::proto::map::{COIL_ROLES, REGISTER_ROLES};

use super::file_dialog::{Ask, Purpose};
use super::registers_ui::{address, table_name};

/// The entry being described, as typed.
#[derive(Debug, Clone)]
pub struct EntryForm {
    /// The entry (its table and address fixed).
    pub entry: DraftEntry,
    /// The scale as typed.
    pub scale: String,
    /// The enumeration, one `value = meaning` a line.
    pub states: String,
    /// The named bits, one `bit = name` a line.
    pub bits: String,
    /// The entry of the draft it changes (`None`: a new one).
    pub index: Option<usize>,
}

impl EntryForm {
    fn new(entry: DraftEntry, index: Option<usize>) -> EntryForm {
        let lines = |v: Vec<String>| v.join("\n");
        EntryForm {
            scale: crate::i18n::with_mark(entry.scale.to_string()),
            states: lines(
                entry
                    .states
                    .iter()
                    .map(|(v, s)| format!("{v} = {s}"))
                    .collect(),
            ),
            bits: lines(
                entry
                    .bits
                    .iter()
                    .map(|(b, s)| format!("{b} = {s}"))
                    .collect(),
            ),
            entry,
            index,
        }
    }

    /// The entry as typed, or what is wrong with the typing.
    fn parsed(&self) -> Result<DraftEntry, String> {
        let mut e = self.entry.clone();
        e.scale = self
            .scale
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s != 0.0)
            .ok_or_else(|| t!("the scale is a number other than 0, e.g. 0.1"))?;
        e.states = pairs(&self.states, 65535)?;
        e.bits = pairs(&self.bits, 15)?
            .into_iter()
            .map(|(b, s)| (b as u8, s))
            .collect();
        Ok(e)
    }
}

/// `value = text` lines (also `value: text`); values up to `max`.
fn pairs(text: &str, max: u16) -> Result<Vec<(u16, String)>, String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bad = || t!("{ $line }: write a number, =, then the text", line = line);
        let (v, s) = line.split_once(['=', ':']).ok_or_else(bad)?;
        let v: u16 = (crate::app::entry::address("", v.trim()).ok())
            .filter(|v| *v <= max)
            .ok_or_else(bad)?;
        if s.trim().is_empty() {
            return Err(bad());
        }
        out.push((v, s.trim().to_string()));
    }
    Ok(out)
}

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

/// The model a new map is saved for: the target's, else one to type.
fn default_model(t: &Target) -> String {
    let m = t.moduletype.trim();
    if m.is_empty() || m.eq_ignore_ascii_case("none") || t.map.is_generic() && m.is_empty() {
        String::new()
    } else {
        m.to_string()
    }
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
    egui::Window::new(t!("Map editor"))
        .id(egui::Id::unique(Some("map_editor")))
        .open(&mut open)
        .default_width(460.0)
        .max_height(ctx.content_rect().height() - 80.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
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
    read_ui(ui, v, t, state, out);
    ui.separator();
    if v.form.is_some() {
        form_ui(ui, v, t);
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
    ui.separator();
    save_ui(ui, v, t, state.map_saves, out);
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
    if let Some(e) = &v.error {
        ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.as_str());
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

/// The entry being described, with its value decoded as it stands.
fn form_ui(ui: &mut egui::Ui, v: &mut MapEditView, t: &Target) {
    let Some(f) = v.form.as_mut() else {
        return;
    };
    let (table, addr) = (f.entry.table, f.entry.addr);
    let bits_table = table.is_bits();
    ui.strong(format!(
        "{} {}",
        crate::i18n::tr(table_name(table)),
        address(addr, false)
    ));
    // The value as the entry would decode it now.
    let parsed = f.parsed();
    let now = parsed.as_ref().map_err(Clone::clone).and_then(|e| {
        let map = preview(e)?;
        Ok(map.decode(&t.image, t.slave(), table, addr))
    });
    match now {
        Ok(Some(d)) => {
            let raw: Vec<String> = d.raw.iter().map(|w| format!("{w:04X}")).collect();
            ui.label(
                egui::RichText::new(t!(
                    "Now: { $value } (raw { $raw })",
                    value = d.shown(),
                    raw = raw.join(" ")
                ))
                .strong(),
            );
        }
        Ok(None) => {
            ui.label(t!("Now: not read yet"));
        }
        Err(e) => {
            ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e);
        }
    }
    let mut done = None;
    ui.horizontal(|ui| {
        let ok = parsed.is_ok() && !f.entry.name.trim().is_empty();
        let label = if f.index.is_some() {
            t!("Update")
        } else {
            t!("Add to the map")
        };
        if ui.add_enabled(ok, egui::Button::new(label)).clicked() {
            done = Some(true);
        }
        if ui.button(t!("Cancel")).clicked() {
            done = Some(false);
        }
    });
    egui::Grid::new("map_entry")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(t!("Name"));
            ui.add(egui::TextEdit::singleline(&mut f.entry.name).desired_width(240.0))
                .labelled_by(label.id);
            ui.end_row();
            if !bits_table {
                let label = ui.label(t!("Unit"));
                ui.add(egui::TextEdit::singleline(&mut f.entry.unit).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(t!("Scale"));
                ui.add(egui::TextEdit::singleline(&mut f.scale).desired_width(80.0))
                    .labelled_by(label.id)
                    .on_hover_text(t!("value = raw × scale, e.g. 0.1"));
                ui.end_row();
                ui.label(t!("Words"));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut f.entry.words, 1, t!("one (16 bits)"));
                    ui.radio_value(&mut f.entry.words, 2, t!("two (32 bits)"));
                    ui.checkbox(&mut f.entry.signed, t!("signed"));
                });
                ui.end_row();
                if f.entry.words == 2 {
                    ui.label(t!("Word order"));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut f.entry.lsw_first, false, t!("high word first"));
                        ui.radio_value(&mut f.entry.lsw_first, true, t!("low word first"));
                    });
                    ui.end_row();
                }
                let label = ui.label(t!("States"));
                ui.add(
                    egui::TextEdit::multiline(&mut f.states)
                        .desired_rows(2)
                        .desired_width(240.0)
                        .hint_text("0 = Stopped\n1 = Running"),
                )
                .labelled_by(label.id)
                .on_hover_text(t!("An enumeration: one value = meaning a line"));
                ui.end_row();
                if table == Table::Holding {
                    let label = ui.label(t!("Bits"));
                    ui.add(
                        egui::TextEdit::multiline(&mut f.bits)
                            .desired_rows(2)
                            .desired_width(240.0)
                            .hint_text("0 = Mains OK\n3 = Gen OK"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(t!("Named bits of a status word: one bit = name a line (0 the lowest)"));
                    ui.end_row();
                }
            }
            ui.label(t!("Role"));
            let roles = if bits_table { COIL_ROLES } else { REGISTER_ROLES };
            let shown = f.entry.role.clone().unwrap_or_else(|| t!("none"));
            egui::ComboBox::new("map_entry_role", "")
                .selected_text(shown)
                .height(300.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.entry.role, None, t!("none"));
                    for r in roles {
                        ui.selectable_value(&mut f.entry.role, Some(r.to_string()), *r);
                    }
                })
                .response
                .on_hover_text(t!(
                    "What it stands for: the Overview, the journal and the report find it by its role"
                ));
            ui.end_row();
        });
    match done {
        Some(true) => {
            if let (Ok(e), Some(f)) = (parsed, v.form.take()) {
                match f.index {
                    Some(i) if i < v.entries.len() => v.entries[i] = e,
                    _ => v.entries.push(e),
                }
            }
        }
        Some(false) => v.form = None,
        None => {}
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
            ui.add(
                egui::Label::new(format!(
                    "{} {}: {}{unit}",
                    crate::i18n::tr(table_name(e.table)),
                    e.addr,
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
                egui::Button::new(t!("Save as the map of { $model }", model = model.as_str())),
            )
            .on_hover_text(match base {
                Some(m) => t!(
                    "Adds the entries to { $map }, saved in the maps folder",
                    map = &*m.name
                ),
                None => t!("A new map, saved in the maps folder"),
            });
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_states_bits_and_scan_blocks() {
        assert_eq!(
            pairs("0 = Stopped\n 1: Running \n\n0x10=Fault", 65535).unwrap(),
            [
                (0, "Stopped".to_string()),
                (1, "Running".to_string()),
                (16, "Fault".to_string())
            ]
        );
        assert!(pairs("16 = Too high", 15).is_err());
        assert!(pairs("Stopped", 15).is_err());
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
        let mut f = EntryForm::new(DraftEntry::new(Table::Holding, 3), None);
        f.scale = "0,5".into();
        assert_eq!(f.parsed().unwrap().scale, 0.5);
        f.scale = "0".into();
        assert!(f.parsed().is_err());
    }
}
