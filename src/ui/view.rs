//! What the window remembers between frames (selection, dialogs, typed values, plot and
//! theme settings) and the layout of one frame. It reads the state and queues commands.

use super::file_dialog::Purpose;
use std::path::PathBuf;

use eframe::egui;

use crate::app::settings::{PlottedPref, Settings, Theme};
use crate::app::{AppState, Command};

use super::editor_ui::{self, EditorState};
use super::plot_ui::{self, PlotView};
use super::serial_ui::{self, SerialAction, SerialDialog};
use super::targets_ui::{self, TargetAction};
use super::traffic_ui::{self, TrafficView};
use super::{help_ui, menu_ui, record_ui, registers_ui, settings_ui, status_ui};

/// What the central panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The selected target's first screen.
    #[default]
    Overview,
    /// The selected target's values table and plots.
    Values,
    /// What happened to the selected target, from the recording.
    Journal,
    /// Every target in one table.
    Fleet,
}

/// UI scale limits, percent.
pub const MIN_SCALE: u16 = 70;
/// See [`MIN_SCALE`].
pub const MAX_SCALE: u16 = 250;

/// The window's own state.
pub struct View {
    /// The selected target.
    pub selected: Option<String>,
    /// The config editor's inputs.
    pub editor: EditorState,
    /// The traffic inspector.
    pub traffic: TrafficView,
    /// The plot's settings.
    pub plot: PlotView,
    /// The Journal tab.
    pub journal: super::journal_ui::JournalView,
    /// The values table's filter.
    pub values_filter: registers_ui::ValuesFilter,
    /// The map editor.
    pub map_edit: super::map_edit_ui::MapEditView,
    /// What the central panel shows.
    pub tab: Tab,
    /// The fleet table's sort and filter.
    pub fleet: super::fleet_ui::FleetView,
    /// The "Connect serial" window.
    pub serial: SerialDialog,
    /// The settings window.
    pub settings_view: settings_ui::SettingsView,
    /// The "Attach to broker" window.
    pub broker: super::broker_ui::BrokerDialog,
    /// Settings as last handed to the core for saving.
    saved: Settings,
    /// Settings as the window keeps them (theme, addresses...).
    pub settings: Settings,
    /// Where they are saved (shown in Help).
    pub settings_path: Option<PathBuf>,
    /// Simulated modems the Demo menu starts.
    pub demo_modems: usize,
    /// The window's own last problem (e.g. the core refused a command).
    pub notice: Option<String>,
    /// A problem found at start (a settings file that could not be read): in the status bar
    /// until dismissed.
    pub lasting_notice: Option<(String, bool)>,
    /// The Help and map windows.
    pub help: help_ui::HelpView,
    /// The recording's marker and export.
    pub record: record_ui::RecordView,
    /// The Commissioning window.
    pub commission: super::commission_ui::CommissionView,
    /// Where settings and logs are kept (shown in Help).
    pub places: help_ui::Places,
    /// The crash report of the last run, until the engineer answers.
    pub crash: Option<PathBuf>,
    /// Keys typed into a field just before a click go to that field.
    typing: super::typing::Typing,
    applied_theme: Option<Theme>,
    applied_scale: Option<u16>,
    outbox: Vec<Command>,
    /// The system's file dialogs asked, and their answers.
    pub dialogs: super::file_dialog::FileDialogs,
}

impl View {
    /// The view of a window that starts with `settings`.
    pub fn new(settings: Settings, settings_path: Option<PathBuf>, demo_modems: usize) -> Self {
        View {
            selected: (!settings.selected.is_empty()).then(|| settings.selected.clone()),
            editor: EditorState::default(),
            traffic: TrafficView {
                open: settings.traffic_open,
                ..Default::default()
            },
            plot: PlotView::with(settings.normalise, settings.own_scales),
            journal: Default::default(),
            values_filter: Default::default(),
            map_edit: Default::default(),
            tab: Tab::default(),
            fleet: Default::default(),
            serial: SerialDialog::new(settings.serial.clone()),
            settings_view: settings_ui::SettingsView::new(&settings),
            broker: super::broker_ui::BrokerDialog::new(settings.broker.clone()),
            saved: settings.clone(),
            settings,
            settings_path: settings_path.clone(),
            demo_modems: demo_modems.max(1),
            notice: None,
            lasting_notice: None,
            help: Default::default(),
            record: record_ui::RecordView {
                plotted_only: true,
                ..Default::default()
            },
            commission: Default::default(),
            places: help_ui::Places {
                settings: settings_path.clone(),
                logs: crate::app::crash::CrashReports::default_dir(),
            },
            crash: None,
            typing: Default::default(),
            applied_theme: None,
            applied_scale: None,
            outbox: Vec::new(),
            dialogs: Default::default(),
        }
    }

    /// Commands to send at start: the values plotted last time.
    pub fn startup_commands(&self) -> Vec<Command> {
        let maps = self
            .settings
            .map_choices
            .iter()
            .map(|(t, m)| Command::ChooseMap {
                target: t.clone(),
                map: Some(m.clone()),
            });
        maps.chain(
            self.settings
                .plotted
                .iter()
                .filter_map(|p| Some(Command::TogglePlot((p.target.clone(), p.table()?, p.addr)))),
        )
        .collect()
    }

    /// Queues a command for the core.
    pub fn send(&mut self, cmd: Command) {
        self.outbox.push(cmd);
    }

    /// The commands queued during the frame.
    pub fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.outbox)
    }

    /// The settings as they stand, if they changed since the last save.
    pub fn settings_to_save(&mut self, state: &AppState) -> Option<Settings> {
        let mut s = self.settings.clone();
        s.serial = self.serial.prefs.clone();
        s.broker = self.broker.prefs.clone();
        s.traffic_open = self.traffic.open;
        s.normalise = self.plot.normalise;
        s.own_scales = self.plot.separate;
        s.selected = self.selected.clone().unwrap_or_default();
        s.map_choices = state.map_choices.clone();
        s.plotted = state
            .plotted
            .keys()
            .map(|(target, table, addr)| PlottedPref {
                target: target.clone(),
                table: table.name().to_string(),
                addr: *addr,
            })
            .collect();
        if s == self.saved {
            return None;
        }
        self.saved = s.clone();
        Some(s)
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        // Ctrl +/- zooms too: what it chose is remembered like the setting.
        if let Some(applied) = self.applied_scale {
            let now = (ctx.zoom_factor() * 100.0).round() as u16;
            if now != applied && self.settings.ui_scale_percent == applied {
                self.settings.ui_scale_percent = now;
                self.applied_scale = Some(now);
            }
        }
        let scale = self.settings.ui_scale_percent.clamp(MIN_SCALE, MAX_SCALE);
        if self.applied_scale != Some(scale) {
            self.settings.ui_scale_percent = scale;
            ctx.set_zoom_factor(f32::from(scale) / 100.0);
            self.applied_scale = Some(scale);
        }
        if self.applied_theme == Some(self.settings.theme) {
            return;
        }
        let high = self.settings.theme == Theme::HighContrast;
        ctx.set_visuals_of(
            egui::Theme::Light,
            if high {
                super::palette::high_contrast()
            } else {
                egui::Visuals::light()
            },
        );
        ctx.set_theme(match self.settings.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::Light | Theme::HighContrast => egui::ThemePreference::Light,
        });
        self.applied_theme = Some(self.settings.theme);
    }

    /// Keeps the selection on a target that exists; selects the first online one otherwise.
    fn follow_targets(&mut self, state: &AppState) {
        let gone = self
            .selected
            .as_ref()
            .is_some_and(|s| !state.targets.contains_key(s));
        if gone && !state.targets.is_empty() {
            self.selected = None;
        }
        if self.selected.is_none() {
            self.selected = state
                .targets
                .values()
                .find(|t| t.online)
                .map(|t| t.hostid.clone());
        }
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        for answer in self.dialogs.answers() {
            match answer {
                Ok(cmd) => self.send(cmd),
                // A dialog closed without a file is said in the window that asked.
                Err((purpose, said)) => {
                    let note = match purpose {
                        Purpose::LoadMap => &mut self.help.dialog_note,
                        Purpose::Export(_) => &mut self.record.export_note,
                        Purpose::Report(..) => &mut self.commission.report_note,
                        Purpose::ImportMapCsv { .. } => &mut self.map_edit.error,
                        Purpose::OpenRecording | Purpose::SaveCopy(_) => continue,
                    };
                    *note = Some(crate::i18n::tr(said));
                }
            }
        }
        self.apply_theme(ui.ctx());
        self.follow_targets(state);
        let scope = self.selected.clone();
        self.typing.begin(ui.ctx(), scope.as_deref());
        super::keys_ui::ui(self, &ui.ctx().clone(), state);
        egui::Panel::top("menu").show(ui, |ui| menu_ui::ui(ui, self, state));
        if let Some(o) = &state.offline {
            egui::Panel::top("offline").show(ui, |ui| {
                record_ui::offline_ui(
                    ui,
                    o,
                    self.selected.as_deref(),
                    &mut self.record,
                    &mut self.plot,
                    &mut self.outbox,
                )
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            status_ui::ui(ui, state, self.notice.as_deref(), &mut self.lasting_notice);
        });
        if state.offline.is_none() {
            egui::Panel::bottom("recording").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    record_ui::status_ui(ui, state, &mut self.record, &mut self.outbox);
                });
            });
        }
        // Dialogs keep the status bar and the recording's Note field in view.
        self.commission.area = Some(ui.available_rect_before_wrap());
        let hex = self.settings.hex_addresses;
        traffic_ui::ui(ui, state, self.selected.as_deref(), &mut self.traffic, hex);
        let most = (ui.available_height() * 0.25).max(48.0);
        egui::Panel::bottom("log")
            .resizable(true)
            .default_size(110.0_f32.min(most))
            .size_range(48.0_f32.min(most)..=most)
            .show(ui, |ui| log_ui(ui, state));
        // The fleet has the width of the window; a target's commands are one click away.
        if self.tab != Tab::Fleet {
            let hidden = &mut self.settings.commands_hidden;
            super::side_panels::commands(ui, hidden, |ui| {
                let target = self.selected.as_ref().and_then(|h| state.targets.get(h));
                if state.offline.is_some() {
                    ui.heading(t!("Commands"));
                    ui.label(t!("A recording is read-only: nothing can be sent from it."));
                } else {
                    let now = chrono::Utc::now().timestamp_millis();
                    editor_ui::ui(ui, state, target, &mut self.editor, now);
                }
            });
        }
        self.dialogs_ui(ui.ctx(), state);
        let mut action = None;
        super::side_panels::targets(ui, &mut self.settings.targets_hidden, |ui| {
            // A recording's targets are shown as they were at the moment chosen.
            let now = moment_ms(state);
            let hb = state.server.heartbeat_ms.max(1);
            action = targets_ui::ui(ui, state, &mut self.selected, now, hb);
        });
        match action {
            Some(TargetAction::ConnectSerial) => self.open_serial(),
            Some(TargetAction::Disconnect(target)) => self.send(Command::Disconnect { target }),
            None => {}
        }
        egui::CentralPanel::default_margins().show(ui, |ui| self.central_ui(ui, state));
        if (!state.plotted.is_empty() && self.plot.follow) || !state.targets.is_empty() {
            // A following plot moves with the clock, and "seen N s ago" counts; once a second
            // is enough. With nothing to show, nothing repaints until the state changes.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
        self.typing.end(ui.ctx(), scope.as_deref());
        let asked = [
            self.help.ask.take(),
            self.record.ask.take(),
            self.commission.ask.take(),
            self.map_edit.ask.take(),
        ];
        asked
            .into_iter()
            .flatten()
            .for_each(|a| self.dialogs.ask(a));
    }

    /// Opens the "Connect serial" window with a fresh port list.
    pub fn open_serial(&mut self) {
        self.serial.open = true;
        self.send(Command::RefreshPorts);
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context, state: &AppState) {
        for cmd in super::map_edit_ui::ui(ctx, &mut self.map_edit, state) {
            self.send(cmd);
        }
        match serial_ui::ui(ctx, &mut self.serial, state) {
            Some(SerialAction::Connect) => {
                let settings = self.serial.settings(state);
                // Selected once it is connected: a connection that fails leaves the
                // selection as it was.
                self.serial.connecting = Some(settings.target());
                let model = self.serial.prefs.model.clone();
                self.send(Command::ConnectSerial { settings, model });
            }
            Some(SerialAction::ConnectAll(slaves)) => {
                let model = self.serial.prefs.model.clone();
                for slave in slaves {
                    let settings = self.serial.settings_at(state, slave);
                    self.selected.get_or_insert_with(|| settings.target());
                    self.send(Command::ConnectSerial {
                        settings,
                        model: model.clone(),
                    });
                }
            }
            Some(SerialAction::Scan) => {
                let s = self.serial.scan_settings();
                self.send(Command::Scan(s));
            }
            Some(SerialAction::StopScan) => self.send(Command::StopScan),
            Some(SerialAction::RefreshPorts) => self.send(Command::RefreshPorts),
            None => {}
        }
        if let Some(t) = self.serial.connected.take() {
            self.selected = Some(t);
        }
        match super::broker_ui::ui(ctx, &mut self.broker, state) {
            Some(super::broker_ui::BrokerAction::Attach(config)) => {
                self.send(Command::AttachBroker(config))
            }
            Some(super::broker_ui::BrokerAction::Detach) => self.send(Command::DetachBroker),
            None => {}
        }
        if let Some(applied) = settings_ui::ui(ctx, &mut self.settings_view) {
            self.settings.listen = applied.listen.clone();
            self.settings.advertise = applied.advertise.clone();
            self.send(Command::RestartServer {
                listen: applied.listen_addr,
                advertise: applied.advertise_opt(),
            });
        }
        self.crash_ui(ctx, state);
        if ctx.input(|i| i.key_pressed(egui::Key::F1)) {
            self.help.help_open = true;
        }
        help_ui::help_ui(ctx, &mut self.help, state, &self.places);
        help_ui::map_ui(ctx, &mut self.help, state, &mut self.outbox);
        super::handover_ui::export_ui(ctx, state, &mut self.record, &mut self.outbox);
        super::handover_ui::copy_ui(
            ctx,
            state,
            self.selected.as_deref(),
            &mut self.record,
            &mut self.outbox,
        );
        super::commission_ui::ui(
            ctx,
            state,
            self.selected.as_deref(),
            &mut self.settings.load_steps,
            &mut self.commission,
            &mut self.outbox,
        );
        if editor_ui::confirm_ui(ctx, &mut self.editor, state)
            && let Some(cmd) = self.editor.confirmed()
        {
            self.send(cmd);
        }
    }

    /// After a crash: say so, and offer the default view (nothing plotted, no window open,
    /// panels at their default sizes), since what was remembered may be what crashed.
    fn crash_ui(&mut self, ctx: &egui::Context, state: &AppState) {
        let Some(report) = self.crash.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("crash_report")).show(ctx, |ui| {
            ui.heading(t!("CMM Commissioner stopped unexpectedly last time"));
            ui.label(t!("What happened is in the crash report:"));
            ui.monospace(report.display().to_string());
            ui.label(t!(
                "Start with the default view (nothing plotted, no window open, panels at \
                 their default sizes) if the same view brought it down."
            ));
            ui.horizontal(|ui| {
                if ui.button(t!("Start with the default view")).clicked() {
                    answer = Some(true);
                }
                if ui.button(t!("Keep my view")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                self.default_view(state);
                ctx.memory_mut(|m| *m = Default::default());
                self.crash = None;
            }
            Some(false) => self.crash = None,
            None => {}
        }
    }

    /// Back to the view a first start has.
    fn default_view(&mut self, state: &AppState) {
        for key in state.plotted.keys() {
            self.outbox.push(Command::TogglePlot(key.clone()));
        }
        self.traffic.open = false;
        self.plot = PlotView::default();
        self.values_filter = Default::default();
        self.tab = Tab::default();
        self.fleet = Default::default();
        self.selected = None;
        self.serial.open = false;
        self.settings_view.open = false;
        self.commission.open = false;
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.horizontal(|ui| {
            // The tab's name (as the tab carries it in every language) and its count.
            let fleet = format!("{} ({})", t!("Fleet"), state.targets.len());
            for (tab, name, key) in [
                (Tab::Overview, t!("Overview"), "Ctrl+1"),
                (Tab::Values, t!("Values"), "Ctrl+2"),
                (Tab::Fleet, fleet, "Ctrl+3"),
                (Tab::Journal, t!("Journal"), "Ctrl+4"),
            ] {
                ui.selectable_value(&mut self.tab, tab, name)
                    .on_hover_text(key);
            }
            if self.tab != Tab::Fleet
                && let Some(t) = self.selected.as_ref().and_then(|h| state.targets.get(h))
            {
                ui.separator();
                super::map_picker_ui::ui(ui, state, t, &mut self.outbox);
            }
        });
        ui.separator();
        if self.tab != Tab::Fleet {
            // The plots have a pane of their own below the overview or the table (resizable, its
            // size remembered): ticking a box never moves the rows under the pointer.
            plot_ui::pane(ui, state, &mut self.plot, &mut self.outbox);
        }
        let now = moment_ms(state);
        match self.tab {
            Tab::Overview => {
                let target = self.selected.as_ref().and_then(|h| state.targets.get(h));
                super::overview_ui::ui(ui, target, now);
            }
            Tab::Values => self.values_ui(ui, state),
            Tab::Journal => self.journal_ui(ui, state),
            Tab::Fleet => {
                let sel = self.selected.clone();
                if let Some(h) =
                    super::fleet_ui::ui(ui, state, &mut self.fleet, sel.as_deref(), now)
                {
                    self.selected = Some(h);
                    self.tab = Tab::Overview;
                }
            }
        }
    }

    fn journal_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        use super::journal_ui::{AROUND_S, JournalAction};
        let target = self.selected.clone();
        match super::journal_ui::ui(ui, state, target.as_deref(), &mut self.journal) {
            Some(JournalAction::Read(target)) => self.send(Command::Journal { target }),
            Some(JournalAction::Show(t_ms)) => {
                let t = t_ms as f64 / 1000.0;
                self.plot.follow = false;
                self.plot.fit = Some((t - AROUND_S, t + AROUND_S));
                // The key values around the event, plotted if they were not.
                if let Some((key, t)) =
                    target.and_then(|k| Some((k.clone(), state.targets.get(&k)?)))
                {
                    for role in super::journal_ui::PLOTTED_AROUND {
                        if let Some(r) = t.map.register_by_role(role) {
                            let plot = (key.clone(), r.table, r.addr);
                            if !state.plotted.contains_key(&plot) {
                                self.send(Command::TogglePlot(plot));
                            }
                        }
                    }
                }
                if state.offline.is_some() {
                    self.send(Command::Seek(t_ms));
                }
            }
            None => {}
        }
    }

    fn values_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let hostid = self.selected.clone().unwrap_or_default();
        let target = state.targets.get(&hostid);
        let plotted = |table, addr| state.plotted.contains_key(&(hostid.clone(), table, addr));
        let now = moment_ms(state);
        let hex = self.settings.hex_addresses;
        // The names described in the map editor for this target, not saved yet.
        let editing = self.map_edit.target.as_deref() == Some(hostid.as_str());
        let entries = &self.map_edit.entries;
        let drafted = |table, addr| {
            (entries.iter())
                .filter(|_| editing)
                .find(|e| e.table == table && e.addr == addr)
                .map(|e| e.name.clone())
        };
        let clicked = registers_ui::ui(
            ui,
            target,
            (&plotted, &drafted),
            &mut self.values_filter,
            now,
            hex,
        );
        let toggled = match clicked {
            Some(registers_ui::ValuesClick::Plot(table, addr)) => Some((table, addr)),
            Some(registers_ui::ValuesClick::Describe(at)) => {
                if let Some(t) = target {
                    self.map_edit.open_for(t, at);
                }
                None
            }
            None => None,
        };
        // Come back once the newest highlight has faded; nothing else is due.
        if let Some(latest) = target.and_then(|t| t.changed_ms.values().max())
            && now - latest < registers_ui::HIGHLIGHT_MS
        {
            let left = registers_ui::HIGHLIGHT_MS - (now - latest);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(left.max(0) as u64));
        }
        if let Some((table, addr)) = toggled {
            self.send(Command::TogglePlot((hostid, table, addr)));
        }
    }
}

/// The event log, newest at the bottom; only the lines in view are laid out.
fn log_ui(ui: &mut egui::Ui, state: &AppState) {
    let height = ui.text_style_height(&egui::TextStyle::Monospace);
    let lines = state.log.len();
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show_rows(ui, height, lines, |ui, rows| {
            for line in state.log.lines().skip(rows.start).take(rows.len()) {
                let t = chrono::DateTime::from_timestamp_millis(line.at_ms)
                    .map(|t| {
                        t.with_timezone(&chrono::Local)
                            .format("%H:%M:%S")
                            .to_string()
                    })
                    .unwrap_or_default();
                ui.monospace(format!("{t}  {}", line.text));
            }
        });
}

/// The moment the window shows: now, or in a recording shown read-only the moment chosen
/// (ages, "seen N ago" and stale marks are computed at it, never from the real clock).
pub fn moment_ms(state: &AppState) -> i64 {
    match &state.offline {
        Some(o) => o.at_ms,
        None => chrono::Utc::now().timestamp_millis(),
    }
}
