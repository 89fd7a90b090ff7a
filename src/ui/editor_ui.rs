//! The config editor of the selected target: remote commands from its map, register and coil
//! writes in the register's unit (only the functions the controller answers), the modem's own
//! port and baud, reset. Every write is shown decoded with its slave and frame, and sent only
//! after the engineer confirms; the log shows each one's time, target, name, outcome and
//! whether the readings confirmed it.

use eframe::egui;

use crate::app::command::Intent;
use crate::app::entry;
use crate::app::write_plan::{WritePlan, check_function, remote_blocked, remote_command};
use crate::app::{AppState, Command, Target};
use crate::model::Outcome;

use super::write_source::Source;
use crate::proto::port;
pub use crate::proto::port::{BAUDS as MODULE_BAUDS, PORTS as MODULE_PORTS};

const AMBER: egui::Color32 = egui::Color32::from_rgb(230, 120, 40);
const RED: egui::Color32 = egui::Color32::from_rgb(230, 70, 60);

/// Something waiting for the engineer's confirmation.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// A Modbus write.
    Write(WritePlan),
    /// The modem's serial port settings.
    Port {
        /// `modulePort`.
        port: u8,
        /// `moduleBaud`.
        baud: u8,
        /// The modem's setting now (`modulePort`, `moduleBaud`), as far as known.
        current: (Option<u8>, Option<u8>),
    },
    /// Reset the modem.
    Reset,
}

/// The editor's inputs, kept between frames (and cleared when the target changes).
#[derive(Debug, Default)]
pub struct EditorState {
    /// The target the typed values are for.
    pub for_target: Option<String>,
    /// Register address typed.
    pub addr: String,
    /// Value typed, in the register's unit.
    pub value: String,
    /// Coil address typed.
    pub coil: String,
    /// First register of a multiple write.
    pub multi_addr: String,
    /// Values of a multiple write, each in its register's unit.
    pub multi_values: String,
    /// `modulePort` chosen (the modem's current one until the engineer picks another).
    pub port: Option<u8>,
    /// `moduleBaud` chosen, the same way.
    pub baud: Option<u8>,
    /// Remote control blocked, and the engineer overrides.
    pub override_block: bool,
    /// Waiting for confirmation, for this target.
    pub pending: Option<(String, Pending)>,
    /// Why the last preparation failed.
    pub error: Option<String>,
    /// Values typed for configuration registers, by address.
    pub config: std::collections::BTreeMap<u16, String>,
    /// The fields the pending write was typed in, and what they held.
    pub(super) from: Option<(Source, String)>,
    /// The frame in which the pending write was built again from its fields.
    pub(super) revised: Option<u64>,
}

impl EditorState {
    pub(super) fn prepare(&mut self, hostid: &str, r: Result<Pending, String>) {
        self.from = None;
        self.revised = None;
        match r {
            Ok(p) => {
                self.pending = Some((hostid.to_string(), p));
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Values typed for one target are never sent to another: a new target starts empty.
    fn follow(&mut self, target: &str) {
        if self.for_target.as_deref() != Some(target) {
            *self = EditorState {
                for_target: Some(target.to_string()),
                ..Default::default()
            };
        }
    }

    /// The command to send for the confirmed action, with what it is meant to do.
    pub fn confirmed(&mut self) -> Option<Command> {
        let (target, p) = self.pending.take()?;
        let uid = Some(crate::model::next_command_id());
        Some(match p {
            Pending::Write(plan) => {
                let intent = Intent {
                    name: Some(plan.name),
                    hint: plan.hint,
                    effect: plan.confirm,
                    port: None,
                    unmet: plan.unmet,
                };
                match plan.pulse {
                    Some(pulse) => Command::Pulse {
                        target,
                        request: plan.request,
                        pulse,
                        intent,
                        uid,
                    },
                    None => Command::Write {
                        target,
                        intent,
                        request: plan.request,
                        uid,
                    },
                }
            }
            Pending::Port { port, baud, .. } => Command::SetPort {
                target,
                module_port: Some(port),
                module_baud: Some(baud),
                uid,
            },
            Pending::Reset => Command::Reset { target, uid },
        })
    }
}

fn commands_ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    let blocked = remote_blocked(t);
    if let Some(why) = &blocked {
        ui.colored_label(RED, t!("Remote control blocked: { $reason }", reason = why));
        ui.checkbox(
            &mut ed.override_block,
            t!("Override: I am at the set and it is safe"),
        );
    }
    let cmds = t.map.commands_for(&t.moduletype);
    if cmds.is_empty() {
        ui.label(t!("No remote commands known for this model."));
    }
    // A scope of its own: the buttons' ids stay the same whatever appears above them.
    ui.push_id("remote_commands", |ui| {
        ui.horizontal_wrapped(|ui| {
            for c in cmds {
                let enabled = blocked.is_none() || ed.override_block;
                let b = egui::Button::new(&c.name).wrap_mode(egui::TextWrapMode::Extend);
                if ui.add_enabled(enabled, b).clicked() {
                    let r = remote_command(t, c, ed.override_block).map(Pending::Write);
                    ed.prepare(&t.hostid, r);
                }
            }
        });
    });
}

fn register_ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(t!("Register"));
        ui.add(
            egui::TextEdit::singleline(&mut ed.addr)
                .desired_width(50.0)
                .clip_text(false)
                .hint_text(t!("addr")),
        )
        .labelled_by(l.id);
        let unit = entry::address("Register", &ed.addr)
            .ok()
            .and_then(|a| t.map.register_at(a))
            .map(|r| r.unit.to_string());
        ui.add(
            egui::TextEdit::singleline(&mut ed.value)
                .desired_width(70.0)
                .clip_text(false)
                .hint_text(t!("value")),
        );
        if let Some(unit) = unit.filter(|u| !u.is_empty()) {
            ui.label(unit);
        }
        if ui.button(t!("Write…")).clicked() {
            ed.prepare_typed(t, Source::Register);
        }
    });
}

fn coil_ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(t!("Coil"));
        ui.add(
            egui::TextEdit::singleline(&mut ed.coil)
                .desired_width(50.0)
                .clip_text(false)
                .hint_text(t!("addr")),
        )
        .labelled_by(l.id);
        for (text, on) in [(t!("On…"), true), (t!("Off…"), false)] {
            if ui.button(text).clicked() {
                ed.prepare_typed(t, Source::Coil(on));
            }
        }
    });
}

fn multi_ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(t!("Registers"));
        ui.add(
            egui::TextEdit::singleline(&mut ed.multi_addr)
                .desired_width(50.0)
                .clip_text(false)
                .hint_text(t!("from")),
        )
        .labelled_by(l.id);
        ui.add(
            egui::TextEdit::singleline(&mut ed.multi_values)
                .desired_width(130.0)
                .clip_text(false)
                .hint_text(t!("v1, v2 or v1; v2")),
        )
        .on_hover_text(t!(
            "Each value in its register's unit; with ';' between values, 25,5 is 25.5"
        ));
        if ui.button(t!("Write…")).clicked() {
            ed.prepare_typed(t, Source::Registers);
        }
    });
}

fn modem_ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    if t.is_serial() {
        return;
    }
    let current = (t.module_port, t.module_baud);
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("Modem port now:"));
        ui.strong(port::setting_known(current.0, current.1));
        if current.0.is_none() || current.1.is_none() {
            ui.label(egui::RichText::new(t!("(its login did not say: choose both)")).weak());
        }
    });
    // The form starts from the modem's setting: nothing is changed unless chosen.
    let chosen = (ed.port.or(current.0), ed.baud.or(current.1));
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("Set to"));
        let mut p = chosen.0;
        egui::ComboBox::new("module_port", t!("at"))
            .selected_text(p.map_or_else(|| t!("choose…"), port::port_shown))
            .show_ui(ui, |ui| {
                for i in 0..MODULE_PORTS.len() as u8 {
                    ui.selectable_value(&mut p, Some(i), port::port_shown(i));
                }
            });
        let mut b = chosen.1;
        egui::ComboBox::new("module_baud", t!("baud"))
            .selected_text(b.map_or_else(|| t!("choose…"), |b| port::baud_name(b).to_string()))
            .show_ui(ui, |ui| {
                for (i, n) in MODULE_BAUDS.iter().enumerate() {
                    ui.selectable_value(&mut b, Some(i as u8), *n);
                }
            });
        if p != chosen.0 {
            ed.port = p;
        }
        if b != chosen.1 {
            ed.baud = b;
        }
    });
    ui.horizontal_wrapped(|ui| {
        let (port, baud) = (ed.port.or(current.0), ed.baud.or(current.1));
        let why_not = match (port, baud) {
            (None, _) | (_, None) => Some(t!("Choose the port and the baud first")),
            (p, b) if (p, b) == current => Some(t!("This is the modem's setting already")),
            _ => None,
        };
        let set = ui
            .add_enabled(
                why_not.is_none(),
                egui::Button::new(t!("Set port and baud…")),
            )
            .on_disabled_hover_text(why_not.unwrap_or_default());
        if set.clicked()
            && let (Some(port), Some(baud)) = (port, baud)
        {
            ed.prepare(
                &t.hostid,
                Ok(Pending::Port {
                    port,
                    baud,
                    current,
                }),
            );
        }
        if ui.button(t!("Reset modem…")).clicked() {
            ed.prepare(&t.hostid, Ok(Pending::Reset));
        }
    });
}

/// One line of the write log: time, target, name, outcome, what the readings say.
fn log_line(state: &AppState, c: &crate::app::CommandRecord) -> String {
    let time = chrono::DateTime::from_timestamp_millis(c.sent_ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    let target = state
        .targets
        .get(&c.hostid)
        .map(|t| t.hostname.as_str())
        .filter(|n| !n.is_empty())
        .unwrap_or(&c.hostid);
    let name = c.name.as_deref().unwrap_or(&c.decoded);
    let outcome = match &c.outcome {
        None => t!("sent, waiting…"),
        Some((o, d)) => format!("{} ({d})", crate::app::status::outcome_word(*o)),
    };
    let verified = match (c.verified, &c.outcome) {
        (Some(true), _) => Some(t!("confirmed by the readings")),
        (Some(false), _) => {
            let secs = (c.within_ms as f64 / 1000.0).to_string();
            Some(match (&c.hint, &c.unmet) {
                (Some(h), _) => t!("NOT seen in the readings: { $hint }", hint = h),
                (None, Some(u)) => t!(
                    "not confirmed: { $unmet } after { $secs } s",
                    unmet = u,
                    secs = secs
                ),
                (None, None) => t!("NOT seen in the readings within { $secs } s", secs = secs),
            })
        }
        (None, Some((Outcome::Accepted, _))) if c.confirm.is_some() => {
            Some(t!("checking the readings…"))
        }
        _ => None,
    };
    let verified = verified.map(|v| format!(" · {v}")).unwrap_or_default();
    format!("{time} {target} · {name}: {outcome}{verified}")
}

fn log_ui(ui: &mut egui::Ui, state: &AppState, hostid: &str) {
    ui.strong(t!("Write log"));
    egui::ScrollArea::vertical()
        .id_salt("write_log")
        .max_height(220.0)
        .show(ui, |ui| {
            for c in state.commands.iter().rev().filter(|c| c.hostid == hostid) {
                let color = match &c.outcome {
                    Some((Outcome::Accepted, _)) if c.verified != Some(false) => {
                        ui.visuals().text_color()
                    }
                    None => ui.visuals().weak_text_color(),
                    _ => AMBER,
                };
                ui.colored_label(color, log_line(state, c))
                    .on_hover_text(format!("#{} {}", c.uid, c.decoded));
            }
        });
}

fn describe(p: &Pending) -> (String, Option<String>, Vec<String>) {
    match p {
        Pending::Write(w) => (w.description.clone(), Some(w.hex()), w.notes.clone()),
        Pending::Port {
            port: new_port,
            baud,
            current,
        } => {
            let at = |p: Option<u8>, b: Option<u8>| {
                t!(
                    "{ $port } at { $baud }",
                    port = p.map_or_else(|| t!("unknown port"), port::port_shown),
                    baud = b.map_or_else(|| t!("unknown baud"), |b| port::baud_name(b).to_string())
                )
            };
            (
                t!(
                    "Set the modem's own serial port: { $from } -> { $to } (modulePort \
                     { $port }, moduleBaud { $baud })",
                    from = at(current.0, current.1),
                    to = at(Some(*new_port), Some(*baud)),
                    port = *new_port,
                    baud = *baud,
                ),
                None,
                port::change_warning(current.0, *new_port)
                    .into_iter()
                    .collect(),
            )
        }
        Pending::Reset => (
            t!("Reset the modem: it drops the connection and logs in again"),
            None,
            Vec::new(),
        ),
    }
}

/// The confirmation dialog; returns true when the engineer confirmed.
pub fn confirm_ui(ctx: &egui::Context, ed: &mut EditorState, state: &AppState) -> bool {
    let Some((hostid, p)) = ed.pending.clone() else {
        return false;
    };
    // A target that went down while the dialog was open: nothing is sent, and it says why.
    let now_ms = chrono::Utc::now().timestamp_millis();
    if let Some(why) = state
        .targets
        .get(&hostid)
        .and_then(|t| t.commands_refused(now_ms))
    {
        ed.pending = None;
        ed.error = Some(t!("Not sent. { $reason }", reason = why));
        return false;
    }
    let (text, frame, notes) = describe(&p);
    let name = state
        .targets
        .get(&hostid)
        .map(|t| t.hostname.clone())
        .unwrap_or_default();
    let mut confirmed = false;
    let mut cancel = false;
    // A Send clicked in the frame the write changed was clicked on the one shown before.
    let revised_now = ed.revised == Some(ctx.cumulative_frame_nr());
    let modal = egui::Modal::new(egui::Id::unique("confirm_write")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(match p {
            Pending::Write(_) => t!("Send to the controller?"),
            Pending::Port { .. } | Pending::Reset => t!("Send to the modem?"),
        });
        ui.label(t!(
            "Target: { $name } { $hostid }",
            name = &name,
            hostid = &hostid
        ));
        if let Pending::Write(w) = &p {
            ui.label(
                egui::RichText::new(t!("Slave { $slave }", slave = w.request.slave))
                    .size(22.0)
                    .strong(),
            );
        }
        ui.label(&text);
        for n in &notes {
            if matches!(p, Pending::Port { .. }) {
                ui.label(egui::RichText::new(n).color(RED).strong().size(16.0));
            } else {
                ui.colored_label(AMBER, n);
            }
        }
        if let Some(f) = &frame {
            ui.monospace(t!("Frame: { $frame }", frame = f));
        }
        if ed.revised.is_some() {
            ui.label(
                egui::RichText::new(t!(
                    "Updated: keys typed before the click arrived after it (input method)."
                ))
                .weak(),
            );
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(t!("Send")).clicked() && !revised_now {
                confirmed = true;
            }
            if ui.button(t!("Cancel")).clicked() {
                cancel = true;
            }
        });
    });
    if cancel || modal.should_close() {
        ed.pending = None;
        // A port change not sent is not left staged: the form goes back to the modem's own
        // setting (a cancelled "disabled" must not wait there for the next click).
        if matches!(p, Pending::Port { .. }) {
            ed.port = None;
            ed.baud = None;
        }
    }
    confirmed
}

/// Draws the editor for the selected target. A target that cannot take commands now (its
/// link is down) shows why, with every command disabled and no dialog.
pub fn ui(
    ui: &mut egui::Ui,
    state: &AppState,
    target: Option<&Target>,
    ed: &mut EditorState,
    now_ms: i64,
) {
    ui.heading(t!("Commands"));
    let Some(t) = target else {
        ui.label(t!("Select a modem."));
        return;
    };
    ed.follow(&t.hostid);
    if let Some(why) = t.commands_refused(now_ms) {
        ui.colored_label(RED, egui::RichText::new(&why).strong());
        ed.pending = None;
        ui.add_enabled_ui(false, |ui| commands_and_writes_ui(ui, t, ed))
            .response
            .on_disabled_hover_text(&why);
        ui.separator();
        log_ui(ui, state, &t.hostid);
        return;
    }
    if let Some(r) = t.remote() {
        if !r.commands {
            ui.label(t!(
                "Seen through the broker { $broker }. Its bridge takes no commands (cmmctl serve \
                 runs without --mqtt-commands): read-only.",
                broker = &r.broker
            ));
            ui.separator();
            log_ui(ui, state, &t.hostid);
            return;
        }
        ui.label(
            egui::RichText::new(t!(
                "Through the broker { $broker }: each command goes to its bridge, which checks it \
                 again.",
                broker = &r.broker
            ))
            .weak(),
        );
    }
    commands_and_writes_ui(ui, t, ed);
    ed.follow_fields(t, ui.ctx().cumulative_frame_nr());
    if let Some(e) = &ed.error {
        ui.colored_label(AMBER, e);
    }
    ui.separator();
    log_ui(ui, state, &t.hostid);
}

/// The remote commands, the writes the controller answers, its settings and the modem's own.
fn commands_and_writes_ui(ui: &mut egui::Ui, t: &Target, ed: &mut EditorState) {
    commands_ui(ui, t, ed);
    ui.separator();
    let writes = [(6, "Register"), (16, "Registers"), (5, "Coil")];
    for (function, what) in writes {
        if check_function(t, function).is_ok() {
            match what {
                "Register" => register_ui(ui, t, ed),
                "Registers" => multi_ui(ui, t, ed),
                _ => coil_ui(ui, t, ed),
            }
        }
    }
    if let Err(why) = check_function(t, 6) {
        ui.label(egui::RichText::new(t!("No register writes: { $reason }.", reason = why)).weak());
    }
    super::config_ui::ui(ui, t, ed);
    modem_ui(ui, t, ed);
}
