//! The entry being described in the map editor: its fields as typed (a scale with either
//! decimal mark, states and bit names a line each, a role), and the value it decodes to now.

use eframe::egui;

use crate::app::Target;
use crate::proto::Table;
use crate::proto::map::draft::{DraftEntry, collision, preview};
use crate::proto::map::{COIL_ROLES, REGISTER_ROLES};

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
    pub(super) fn new(entry: DraftEntry, index: Option<usize>) -> EntryForm {
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

/// The entry being described, with its value decoded as it stands.
pub(super) fn form_ui(
    ui: &mut egui::Ui,
    form: &mut Option<EntryForm>,
    entries: &mut Vec<DraftEntry>,
    t: &Target,
) {
    let Some(f) = form.as_mut() else {
        return;
    };
    let (table, addr) = (f.entry.table, f.entry.addr);
    let bits_table = table.is_bits();
    ui.strong(format!(
        "{} {}",
        crate::i18n::tr(table_name(table)),
        address(addr, false)
    ));
    // The value as the entry would decode it now; what it would collide with.
    let base = (!t.map.is_generic()).then_some(&*t.map);
    let parsed = f
        .parsed()
        .and_then(|e| match collision(base, entries, f.index, &e) {
            Some(said) => Err(said),
            None => Ok(e),
        });
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
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut f.entry.unit).desired_width(70.0))
                        .labelled_by(label.id);
                    let label = ui.label(t!("Scale"));
                    ui.add(egui::TextEdit::singleline(&mut f.scale).desired_width(70.0))
                        .labelled_by(label.id)
                        .on_hover_text(t!("value = raw × scale, e.g. 0.1"));
                    ui.checkbox(&mut f.entry.signed, t!("signed"));
                });
                ui.end_row();
                ui.label(t!("Words"));
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(&mut f.entry.words, 1, t!("one (16 bits)"));
                    ui.radio_value(&mut f.entry.words, 2, t!("two (32 bits)"));
                    if f.entry.words == 2 {
                        ui.separator();
                        ui.radio_value(&mut f.entry.lsw_first, false, t!("high word first"));
                        ui.radio_value(&mut f.entry.lsw_first, true, t!("low word first"));
                    }
                });
                ui.end_row();
                let label = ui.label(t!("States"));
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut f.states)
                            .desired_rows(2)
                            .desired_width(150.0)
                            .hint_text("0 = Stopped\n1 = Running"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(t!("An enumeration: one value = meaning a line"));
                    // Named bits are of holding registers (status words).
                    if table == Table::Holding {
                        let label = ui.label(t!("Bits"));
                        ui.add(
                            egui::TextEdit::multiline(&mut f.bits)
                                .desired_rows(2)
                                .desired_width(150.0)
                                .hint_text("0 = Mains OK\n3 = Gen OK"),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(t!(
                            "Named bits of a status word: one bit = name a line (0 the lowest)"
                        ));
                    }
                });
                ui.end_row();
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
            if let (Ok(e), Some(f)) = (parsed, form.take()) {
                match f.index {
                    Some(i) if i < entries.len() => entries[i] = e,
                    _ => entries.push(e),
                }
            }
        }
        Some(false) => *form = None,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_states_bits_and_scale() {
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
        let mut f = EntryForm::new(DraftEntry::new(Table::Holding, 3), None);
        f.scale = "0,5".into();
        assert_eq!(f.parsed().unwrap().scale, 0.5);
        f.scale = "0".into();
        assert!(f.parsed().is_err());
    }
}
