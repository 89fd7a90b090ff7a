//! The "Connect serial…" window: a controller on the laptop's RS485/USB adapter. Port picker
//! with the USB names, baud, slave id, parity, the map to decode with, and a scan that finds the
//! baud and slave id of whatever answers.

use std::sync::Arc;

use eframe::egui;

use crate::app::AppState;
use crate::app::settings::SerialPrefs;
use crate::model::serial::{Parity, ScanSettings, SerialSettings};
use crate::proto::map::RegisterMap;

/// Baud rates offered (the HGM6100N's, then the common faster ones).
const BAUDS: [u32; 7] = [2400, 4800, 9600, 19200, 38400, 57600, 115200];

/// State of the window.
#[derive(Debug)]
pub struct SerialDialog {
    /// Shown.
    pub open: bool,
    /// The settings being edited.
    pub prefs: SerialPrefs,
    /// Waiting for this target to connect (the window closes when it does).
    pub connecting: Option<String>,
    /// The core's last refusal as it was when the settings last changed (or the window
    /// opened): it is not shown again for other settings.
    pub seen_error: Option<String>,
    /// The settings as they were at the last frame.
    last: Option<SerialPrefs>,
    /// The target connected last, to select (a failed connection selects nothing).
    pub connected: Option<String>,
}

impl SerialDialog {
    /// A closed window with these settings.
    pub fn new(prefs: SerialPrefs) -> Self {
        SerialDialog {
            open: false,
            prefs,
            connecting: None,
            seen_error: None,
            last: None,
            connected: None,
        }
    }

    fn parity(&self) -> Parity {
        self.prefs.parity.parse().unwrap_or_default()
    }

    /// The link settings, polling what the target's map plans: the map chosen for it by
    /// hand (or made for it in the map editor), else the chosen model's.
    pub fn settings(&self, state: &AppState) -> SerialSettings {
        self.settings_at(state, self.prefs.slave)
    }

    /// [`SerialDialog::settings`] for another slave id on the same line.
    pub fn settings_at(&self, state: &AppState, slave: u8) -> SerialSettings {
        let mut s = SerialSettings::new(self.prefs.port.trim());
        s.baud = self.prefs.baud;
        s.parity = self.parity();
        s.stop_bits = self.prefs.stop_bits;
        s.set_slave(slave);
        s.poll_as(&state.map_for(&s.target(), &self.prefs.model));
        s
    }

    /// The scan settings: the HGM6100N's rates and ids 1-32, with this parity.
    pub fn scan_settings(&self) -> ScanSettings {
        let mut s = ScanSettings::new(self.prefs.port.trim());
        s.parity = self.parity();
        s.stop_bits = self.prefs.stop_bits;
        s
    }
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerialAction {
    /// Open the link with the dialog's settings.
    Connect,
    /// Scan the port.
    Scan,
    /// Stop the scan.
    StopScan,
    /// List the ports again.
    RefreshPorts,
    /// Open a link to each of these slave ids behind the network address (a gateway's finds).
    ConnectAll(Vec<u8>),
}

/// The controller models the maps know, in map order.
pub fn models(maps: &[Arc<RegisterMap>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in maps.iter().flat_map(|m| m.module_types.iter()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.clone());
        }
    }
    out
}

/// Draws the window when open.
pub fn ui(ctx: &egui::Context, d: &mut SerialDialog, state: &AppState) -> Option<SerialAction> {
    if !d.open {
        return None;
    }
    let (maps, ports, scan) = (&state.maps, &state.ports, state.scan.as_ref());
    if d.prefs.port.is_empty()
        && let Some(first) = ports.ports.first()
    {
        d.prefs.port = first.path.clone();
    }
    if let Some(t) = &d.connecting {
        if state.targets.contains_key(t) {
            d.connected = d.connecting.take();
            d.open = false;
            return None;
        }
        if state.serial_error.is_some() {
            d.connecting = None;
        }
    }
    // A refusal is about the settings it was for: once they change, it is not shown again.
    let error = state.serial_error.as_ref().map(ToString::to_string);
    if d.last.as_ref() != Some(&d.prefs) {
        if d.last.is_some() && d.connecting.is_none() {
            d.seen_error = error.clone();
        }
        d.last = Some(d.prefs.clone());
    }
    let error = error.filter(|e| d.seen_error.as_ref() != Some(e));
    let mut action = None;
    let mut open = true;
    egui::Window::new(t!("Connect serial"))
        // The id egui gives the English title: the window keeps its place in every language.
        .id(egui::Id::unique(Some("Connect serial")))
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("serial_grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label(t!("Port"));
                    ui.horizontal(|ui| {
                        let shown = ports
                            .ports
                            .iter()
                            .find(|p| p.path == d.prefs.port)
                            .map_or_else(|| d.prefs.port.clone(), |p| p.name.clone());
                        egui::ComboBox::new("serial_port", t!("Detected ports"))
                            .selected_text(shown)
                            .width(260.0)
                            .show_ui(ui, |ui| {
                                for p in &ports.ports {
                                    ui.selectable_value(&mut d.prefs.port, p.path.clone(), &p.name);
                                }
                            });
                        if ui.button(t!("Refresh")).clicked() {
                            action = Some(SerialAction::RefreshPorts);
                        }
                    });
                    ui.end_row();

                    let label = ui.label(t!("Port path")).on_hover_text(t!(
                        "A serial port, or a controller on the network: tcp://HOST:502 (Modbus TCP, a controller or a gateway) or rtu-over-tcp://HOST:PORT (a transparent gateway). The slave id is then its unit id."
                    ));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.prefs.port)
                            .hint_text(if cfg!(windows) {
                                "COM5 · tcp://192.168.1.20:502"
                            } else {
                                "/dev/ttyUSB0 · tcp://192.168.1.20:502"
                            })
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();

                    // Over the network there is no baud rate, parity or stop bits.
                    let serial_line =
                        !crate::model::serial::Transport::of(&d.prefs.port).is_network();
                    ui.label(t!("Baud"));
                    ui.add_enabled_ui(serial_line, |ui| {
                        egui::ComboBox::new("serial_baud", "bit/s")
                            .selected_text(d.prefs.baud.to_string())
                            .show_ui(ui, |ui| {
                                for b in BAUDS {
                                    ui.selectable_value(&mut d.prefs.baud, b, b.to_string());
                                }
                            });
                    });
                    ui.end_row();

                    ui.label(t!("Slave id"));
                    ui.add(egui::DragValue::new(&mut d.prefs.slave).range(1..=247));
                    ui.end_row();

                    ui.label(t!("Parity, stop bits"));
                    ui.horizontal(|ui| {
                        if !serial_line {
                            ui.disable();
                        }
                        let parities = [
                            ("none", t!("none")),
                            ("even", t!("even")),
                            ("odd", t!("odd")),
                        ];
                        for (p, label) in parities {
                            ui.radio_value(&mut d.prefs.parity, p.to_string(), label);
                        }
                        ui.separator();
                        ui.radio_value(&mut d.prefs.stop_bits, 1, "1");
                        ui.radio_value(&mut d.prefs.stop_bits, 2, "2");
                    });
                    ui.end_row();

                    ui.label(t!("Controller"));
                    egui::ComboBox::new("serial_model", t!("model"))
                        .selected_text(d.prefs.model.clone())
                        .show_ui(ui, |ui| {
                            // A controller the app has no map for: raw values, named in the
                            // map editor. First, where it is seen without scrolling.
                            ui.selectable_value(
                                &mut d.prefs.model,
                                "none".to_string(),
                                t!("none (no map: raw values)"),
                            );
                            for m in models(maps) {
                                ui.selectable_value(&mut d.prefs.model, m.clone(), &m);
                            }
                        });
                    ui.end_row();
                });
            if let Some(e) = &ports.error {
                ui.colored_label(egui::Color32::from_rgb(220, 120, 0), e.to_string());
            } else if ports.listed && ports.ports.is_empty() {
                ui.label(t!(
                    "No serial port detected: plug the adapter in and press Refresh, or type \
                     the path."
                ));
            }
            ui.separator();
            let has_port = !d.prefs.port.trim().is_empty();
            let scanning = scan.is_some_and(|s| s.running);
            let (polled, line_settings) = open_line(state, d.prefs.port.trim());
            // A serial port is one task's: a scan would need it to itself.
            let busy = !polled.is_empty()
                && !crate::model::serial::Transport::of(&d.prefs.port).is_network();
            let asked = d.settings_at(state, d.prefs.slave).line();
            // What keeps Connect from adding the slave to the open line, said before it is
            // tried.
            let why_not = if polled.contains(&d.prefs.slave) {
                Some(t!(
                    "Slave { $slave } is already polled on this line.",
                    slave = d.prefs.slave
                ))
            } else {
                line_settings.filter(|l| !polled.is_empty() && *l != asked).map(|l| {
                    t!(
                        "This line is open at { $open }: a slave on it uses the same settings, not { $asked }.",
                        open = l,
                        asked = asked.as_str()
                    )
                })
            };
            ui.horizontal(|ui| {
                let idle = !scanning && d.connecting.is_none();
                let connect = ui
                    .add_enabled(
                        has_port && idle && why_not.is_none(),
                        egui::Button::new(t!("Connect")),
                    )
                    .on_disabled_hover_text(why_not.clone().unwrap_or_default());
                if connect.clicked() {
                    action = Some(SerialAction::Connect);
                }
                if scanning {
                    if ui.button(t!("Stop scan")).clicked() {
                        action = Some(SerialAction::StopScan);
                    }
                } else if ui
                    .add_enabled(has_port && !busy, egui::Button::new(t!("Scan")))
                    .on_hover_text(t!("Try 2400 to 19200 baud and slave ids 1 to 32"))
                    .on_disabled_hover_text(t!(
                        "The port is in use by the slaves polled on it: disconnect them to scan it"
                    ))
                    .clicked()
                {
                    action = Some(SerialAction::Scan);
                }
            });
            if let Some(why) = &why_not {
                ui.colored_label(egui::Color32::from_rgb(220, 120, 0), why);
            } else if !polled.is_empty() && d.connecting.is_none() {
                let list: Vec<String> = polled.iter().map(u8::to_string).collect();
                ui.label(t!(
                    "This line is open, with slave { $slaves }: Connect adds slave { $slave } to it, polled in turn, at the line's baud rate, parity and stop bits.",
                    slaves = list.join(", "),
                    slave = d.prefs.slave
                ));
            }
            if d.connecting.is_some() {
                ui.label(t!("Opening the port…"));
            } else if let Some(e) = &error {
                ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.as_str());
            }
            if let Some(scan) = scan {
                if scan.running {
                    let f = scan.done as f32 / scan.total.max(1) as f32;
                    ui.add(egui::ProgressBar::new(f).text(t!(
                        "scanning: { $done } of { $total }",
                        done = scan.done,
                        total = scan.total
                    )));
                } else if let Some(e) = &scan.error {
                    ui.colored_label(egui::Color32::from_rgb(220, 60, 50), e.to_string());
                } else if scan.found.is_empty() {
                    ui.label(if scan.cancelled {
                        t!("Scan stopped: nothing found so far.")
                    } else {
                        t!("Scan done: nothing answered. Check the wiring (A/B), the \
                             controller's communication settings, and the adapter's termination.")
                    });
                }
                let mut pick = None;
                // Over the network there is no baud rate: the unit id alone.
                let network =
                    crate::model::serial::Transport::of(&d.prefs.port).is_network();
                for &(baud, slave) in &scan.found {
                    let text = if network {
                        t!("Found: unit { $slave } (use it)", slave = slave)
                    } else {
                        t!(
                            "Found: slave { $slave } at { $baud } baud (use it)",
                            slave = slave,
                            baud = baud
                        )
                    };
                    if ui
                        .push_id(("found", baud, slave), |ui| ui.button(text).clicked())
                        .inner
                    {
                        pick = Some((baud, slave));
                    }
                }
                if let Some((baud, slave)) = pick {
                    if !network {
                        d.prefs.baud = baud;
                    }
                    d.prefs.slave = slave;
                }
                // Each slave is a target of its own, all on one line: behind a gateway, or
                // on a serial port when they answered at the same baud rate.
                let one_baud = scan.found.windows(2).all(|w| w[0].0 == w[1].0);
                // An id of its own: the progress bar above it goes when the scan ends, and a
                // click in that frame must still reach it.
                let add_all = |ui: &mut egui::Ui| {
                    ui.push_id("add_all", |ui| {
                        ui.button(t!(
                            "Add all { $count } (each with the model chosen)",
                            count = scan.found.len()
                        ))
                        .clicked()
                    })
                    .inner
                };
                if (network || one_baud) && scan.found.len() > 1 && add_all(ui) {
                    if !network {
                        d.prefs.baud = scan.found[0].0;
                    }
                    let slaves = scan.found.iter().map(|&(_, s)| s).collect();
                    action = Some(SerialAction::ConnectAll(slaves));
                }
            }
        });
    if !open {
        d.open = false;
        if scan.is_some_and(|s| s.running) {
            action = Some(SerialAction::StopScan);
        }
    }
    action
}

/// The line open at `port`: the slave ids polled on it, and its settings (`9600 8N1`) when
/// known.
fn open_line(state: &AppState, port: &str) -> (Vec<u8>, Option<String>) {
    let mut slaves = Vec::new();
    let mut settings = None;
    for (k, t) in &state.targets {
        let crate::model::TargetId::Serial { port: p, slave } = crate::model::TargetId::parse(k)
        else {
            continue;
        };
        if p != port {
            continue;
        }
        slaves.push(slave);
        if let crate::app::target::Link::Serial(s) = &t.link
            && !s.line_settings.is_empty()
        {
            settings.get_or_insert_with(|| s.line_settings.clone());
        }
    }
    (slaves, settings)
}
