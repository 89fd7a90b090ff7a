//! The desktop app: drains link events into the state each frame and draws it. Nothing here
//! blocks: the server and the simulated modems run on the tokio runtime.

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::app::settings::{PlottedPref, Settings, Theme};
use crate::app::{AppState, load_map_file};
use crate::link::serial::{SerialHandle, start_serial};
use crate::link::{self, Command, Event, EventSink, ServerConfig, ServerHandle};
use crate::proto::map::RegisterMap;
use crate::sim::{SimModem, SimModemConfig};

use super::editor_ui::{self, EditorState};
use super::plot_ui::{self, PlotView};
use super::serial_ui::{self, ScanView, SerialAction, SerialDialog};
use super::targets_ui::{self, TargetAction};
use super::traffic_ui::{self, TrafficView};
use super::{registers_ui, settings_ui, status_ui};

/// Events handled per frame at most (the rest wait for the next frame).
const EVENTS_PER_FRAME: usize = 2000;
/// Width of the config editor panel's content.
const EDITOR_WIDTH: f32 = 340.0;
/// Lines kept in the event log.
const LOG_LINES: usize = 500;

/// Options the app starts with.
#[derive(Debug, Clone)]
pub struct Startup {
    /// Server settings.
    pub server: ServerConfig,
    /// Start simulated modems against the app's own server.
    pub demo: bool,
    /// Number of simulated modems in demo mode.
    pub demo_modems: usize,
    /// What was remembered from the last run (see [`Startup::from_settings`]).
    pub settings: Settings,
    /// Where to save settings (`None`: not saved, as in tests).
    pub settings_path: Option<PathBuf>,
    /// Something to tell the user at start (e.g. a settings file that could not be read).
    pub notice: Option<String>,
}

impl Startup {
    /// Starts as `settings` say: listen and advertised address from them. A listen address
    /// that does not parse is reported in the log and the default used.
    pub fn from_settings(settings: Settings, settings_path: Option<PathBuf>) -> Self {
        let mut server = ServerConfig {
            traffic: true,
            ..Default::default()
        };
        if let Ok(a) = settings.listen.parse() {
            server.listen = a;
        }
        let advertise = settings.advertise.trim();
        if !advertise.is_empty() {
            server.advertise = Some(advertise.to_string());
        }
        Startup {
            server,
            demo: false,
            demo_modems: 3,
            settings,
            settings_path,
            notice: None,
        }
    }
}

impl Default for Startup {
    fn default() -> Self {
        Startup::from_settings(Settings::default(), None)
    }
}

/// The running desktop app.
pub struct CommissionerApp {
    runtime: tokio::runtime::Runtime,
    server: Option<ServerHandle>,
    events: mpsc::Receiver<Event>,
    state: AppState,
    log: VecDeque<String>,
    selected: Option<String>,
    demo: Option<CancellationToken>,
    demo_modems: usize,
    listen_error: Option<String>,
    maps_tx: mpsc::Sender<Result<RegisterMap, String>>,
    maps_rx: mpsc::Receiver<Result<RegisterMap, String>>,
    waker: Arc<dyn Fn() + Send + Sync>,
    editor: EditorState,
    traffic: TrafficView,
    plot: PlotView,
    values_filter: registers_ui::ValuesFilter,
    sink: EventSink,
    server_config: ServerConfig,
    serial_links: BTreeMap<String, SerialHandle>,
    serial: SerialDialog,
    scan_stop: Option<CancellationToken>,
    settings: Settings,
    saved: Settings,
    settings_path: Option<PathBuf>,
    settings_view: settings_ui::SettingsView,
    applied_theme: Option<Theme>,
    frame_stats: FrameStats,
}

/// Frames drawn, printed to stderr every 10 s when `CMM_FRAME_STATS` is set (to measure that
/// the app does not repaint while nothing changes: `benches/idle_cpu.sh`).
struct FrameStats {
    on: bool,
    frames: u64,
    since: std::time::Instant,
}

impl FrameStats {
    fn new() -> Self {
        FrameStats {
            on: std::env::var_os("CMM_FRAME_STATS").is_some(),
            frames: 0,
            since: std::time::Instant::now(),
        }
    }

    fn frame(&mut self) {
        if !self.on {
            return;
        }
        self.frames += 1;
        let secs = self.since.elapsed().as_secs_f64();
        if secs >= 10.0 {
            eprintln!(
                "frames: {} in {secs:.1} s ({:.2}/s)",
                self.frames,
                self.frames as f64 / secs
            );
            self.frames = 0;
            self.since = std::time::Instant::now();
        }
    }
}

impl CommissionerApp {
    /// Starts the runtime and the server; `waker` is called whenever an event arrives.
    pub fn new(startup: Startup, waker: Arc<dyn Fn() + Send + Sync>) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let (tx, events) = mpsc::channel(10_000);
        let sink = EventSink::new(tx, waker.clone());
        let (server, listen_error) = bind_server(&runtime, &startup.server, &sink);
        let (maps_tx, maps_rx) = mpsc::channel(4);
        let settings = startup.settings;
        let selected = (!settings.selected.is_empty()).then(|| settings.selected.clone());
        let mut state = AppState::default();
        for p in &settings.plotted {
            if let Some(table) = p.table() {
                state.toggle_plot((p.target.clone(), table, p.addr));
            }
        }
        let traffic = TrafficView {
            open: settings.traffic_open,
            ..Default::default()
        };
        let plot = PlotView {
            normalise: settings.normalise,
            separate: settings.own_scales,
            ..Default::default()
        };
        let mut app = CommissionerApp {
            sink,
            server_config: startup.server,
            serial_links: BTreeMap::new(),
            serial: SerialDialog::new(settings.serial.clone()),
            scan_stop: None,
            settings_view: settings_ui::SettingsView::new(&settings),
            saved: settings.clone(),
            settings,
            settings_path: startup.settings_path,
            applied_theme: None,
            frame_stats: FrameStats::new(),
            maps_tx,
            maps_rx,
            waker,
            editor: EditorState::default(),
            traffic,
            plot,
            values_filter: Default::default(),
            runtime,
            server,
            events,
            state,
            log: VecDeque::new(),
            selected,
            demo: None,
            demo_modems: startup.demo_modems.max(1),
            listen_error,
        };
        if let Some(n) = startup.notice {
            app.state.last_error = Some(n.clone());
            app.push_log(n);
        }
        if startup.demo {
            app.start_demo();
        }
        Ok(app)
    }

    /// The bound address of the server.
    pub fn server_addr(&self) -> Option<SocketAddr> {
        self.server.as_ref().map(|s| s.addr)
    }

    /// The state (read-only).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The state, for tools that feed it directly (the frame-time benchmark).
    #[doc(hidden)]
    pub fn state_mut(&mut self) -> &mut AppState {
        &mut self.state
    }

    /// The settings as they stand now (what [`Self::save_settings`] writes).
    pub fn current_settings(&self) -> Settings {
        let mut s = self.settings.clone();
        s.serial = self.serial.prefs.clone();
        s.traffic_open = self.traffic.open;
        s.normalise = self.plot.normalise;
        s.own_scales = self.plot.separate;
        s.selected = self.selected.clone().unwrap_or_default();
        s.plotted = self
            .state
            .plotted
            .keys()
            .map(|(target, table, addr)| PlottedPref {
                target: target.clone(),
                table: table.name().to_string(),
                addr: *addr,
            })
            .collect();
        s
    }

    /// Writes the settings file if anything changed since the last write.
    pub fn save_settings(&mut self) {
        let now = self.current_settings();
        if now == self.saved {
            return;
        }
        let Some(path) = self.settings_path.clone() else {
            self.saved = now;
            return;
        };
        match now.save(&path) {
            Ok(()) => self.saved = now,
            Err(e) => {
                let msg = format!("cannot save settings to {}: {e}", path.display());
                self.state.last_error = Some(msg.clone());
                self.push_log(msg);
                // Do not retry every frame; the next change tries again.
                self.saved = now;
            }
        }
    }

    /// Stops the server and starts it again with `config` (modems reconnect by themselves).
    fn restart_server(&mut self, config: ServerConfig) {
        let demo = self.demo.is_some();
        self.stop_demo();
        if let Some(s) = self.server.take() {
            self.runtime.block_on(s.shutdown());
        }
        let (server, error) = bind_server(&self.runtime, &config, &self.sink);
        self.server = server;
        self.listen_error = error;
        self.server_config = config;
        match self.server_addr() {
            Some(a) => self.push_log(format!("server listening on {a}")),
            None => self.push_log("server not running".into()),
        }
        if demo {
            self.start_demo();
        }
    }

    /// Opens a link to a controller on a serial port, with the dialog's settings.
    pub fn connect_serial(&mut self) {
        let settings = self.serial.settings(&self.state.maps);
        let target = settings.target();
        if self.serial_links.contains_key(&target) {
            self.push_log(format!("{target} is already connected"));
            self.selected = Some(target);
            return;
        }
        let desc = format!("{} {}", settings.port, settings.describe());
        self.state
            .add_serial(&target, &desc, &self.serial.prefs.model.clone());
        let handle = {
            let _guard = self.runtime.enter();
            start_serial(settings, self.sink.clone())
        };
        self.serial_links.insert(target.clone(), handle);
        self.push_log(format!("serial: connecting {desc}"));
        self.selected = Some(target);
        self.serial.open = false;
    }

    /// Closes a serial link (a write under way ends as `gone`).
    pub fn disconnect_serial(&mut self, target: &str) {
        if let Some(h) = self.serial_links.remove(target) {
            // Wait for the link to end (at most one reply timeout), then take in what it sent
            // before ending: a reading still queued must not bring the target back as a ghost.
            self.runtime.block_on(h.stop());
            self.drain_events();
            self.push_log(format!("serial: {target} closed"));
        }
        self.state.remove_target(target);
        if self.selected.as_deref() == Some(target) {
            self.selected = None;
        }
    }

    fn start_scan(&mut self) {
        let s = self.serial.scan_settings();
        let stop = CancellationToken::new();
        self.serial.scan = Some(ScanView {
            total: s.bauds.len() * s.slaves.len(),
            running: true,
            ..Default::default()
        });
        self.push_log(format!("scan: {} started", s.port));
        let sink = self.sink.clone();
        self.runtime
            .spawn(link::serial::scan(s, sink, stop.clone()));
        self.scan_stop = Some(stop);
    }

    /// The serial dialog (tests drive it).
    pub fn serial_dialog(&mut self) -> &mut SerialDialog {
        &mut self.serial
    }

    /// Starts simulated modems against the app's own server.
    pub fn start_demo(&mut self) {
        let Some(addr) = self.server_addr() else {
            return;
        };
        let stop = CancellationToken::new();
        let server = SocketAddr::from(([127, 0, 0, 1], addr.port())).to_string();
        let base = SimModemConfig {
            server,
            hostname: "DEMO-GENSET".into(),
            follow_live_data: false,
            ..Default::default()
        };
        let n = self.demo_modems;
        for i in 0..n {
            let modem = SimModem::new(base.numbered(i, n), Arc::new(|_| {}));
            self.runtime.spawn(modem.run(stop.clone()));
        }
        self.demo = Some(stop);
        self.push_log(format!("demo: {n} simulated modem(s) started"));
    }

    /// Stops the simulated modems.
    pub fn stop_demo(&mut self) {
        if let Some(stop) = self.demo.take() {
            stop.cancel();
            self.push_log("demo: simulated modems stopped".into());
        }
    }

    /// Asks for a map file (native dialog, on the runtime) and loads it off the UI thread.
    fn pick_map_file(&self) {
        let tx = self.maps_tx.clone();
        let waker = self.waker.clone();
        self.runtime.spawn(async move {
            let picked = rfd::AsyncFileDialog::new()
                .set_title("Load a register map")
                .add_filter("Register map (TOML)", &["toml"])
                .pick_file()
                .await;
            if let Some(file) = picked {
                let _ = tx.send(load_map_file(file.path())).await;
                waker();
            }
        });
    }

    fn receive_maps(&mut self) {
        while let Ok(result) = self.maps_rx.try_recv() {
            match result {
                Ok(map) => {
                    let line = format!(
                        "map loaded: {} ({} coils, {} registers) for {}",
                        map.name,
                        map.coils.len(),
                        map.registers.len(),
                        map.module_types.join(", ")
                    );
                    self.state.add_map(Arc::new(map));
                    self.push_log(line);
                }
                Err(e) => {
                    self.push_log(format!("map refused: {e}"));
                    self.state.last_error = Some(format!("map refused: {e}"));
                }
            }
        }
    }

    /// Hands a command to the link without waiting; a full queue is reported, not dropped silently.
    pub fn send(&mut self, cmd: Command) {
        let target = match &cmd {
            Command::Write { hostid, .. }
            | Command::SetPort { hostid, .. }
            | Command::Reset { hostid, .. } => Some(hostid.as_str()),
            Command::Sessions => None,
        };
        // A controller on the serial port has its own link; everything else goes to the server.
        let queue = match target.and_then(|t| self.serial_links.get(t)) {
            Some(link) => &link.commands,
            None => match &self.server {
                Some(server) => &server.commands,
                None => {
                    let msg = "not sent: the server is not running".to_string();
                    self.state.last_error = Some(msg.clone());
                    self.push_log(msg);
                    return;
                }
            },
        };
        if let Err(e) = queue.try_send(cmd) {
            let msg = format!("not sent: {e}");
            self.state.last_error = Some(msg.clone());
            self.push_log(msg);
        }
    }

    fn push_log(&mut self, line: String) {
        if self.log.len() == LOG_LINES {
            self.log.pop_front();
        }
        let t = chrono::Local::now().format("%H:%M:%S");
        self.log.push_back(format!("{t}  {line}"));
    }

    /// Applies waiting events (bounded per frame). Returns how many were handled.
    pub fn drain_events(&mut self) -> usize {
        let now = chrono::Utc::now().timestamp_millis();
        let mut n = 0;
        while n < EVENTS_PER_FRAME {
            let Ok(ev) = self.events.try_recv() else {
                break;
            };
            self.state.apply(&ev, now);
            if let Some(line) = super::log_line(&ev) {
                self.push_log(line);
            }
            self.scan_event(&ev);
            if self.selected.is_none()
                && let Event::Online { hostid, .. } = &ev
            {
                self.selected = Some(hostid.clone());
            }
            n += 1;
        }
        n
    }

    fn scan_event(&mut self, ev: &Event) {
        let Some(scan) = self.serial.scan.as_mut() else {
            return;
        };
        match ev {
            Event::ScanProgress { done, total, .. } => {
                scan.done = *done;
                scan.total = *total;
            }
            Event::ScanFound { baud, slave, .. } => scan.found.push((*baud, *slave)),
            Event::Error { message, .. } if message.starts_with("scan:") => {
                scan.error = Some(message.clone());
            }
            Event::ScanDone { found, cancelled } => {
                scan.found = found.clone();
                scan.cancelled = *cancelled;
                scan.running = false;
                self.scan_stop = None;
            }
            _ => {}
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme == Some(self.settings.theme) {
            return;
        }
        ctx.set_theme(match self.settings.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::Light => egui::ThemePreference::Light,
        });
        self.applied_theme = Some(self.settings.theme);
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Settings…").clicked() {
                    self.settings_view = settings_ui::SettingsView::new(&self.settings);
                    self.settings_view.open = true;
                }
                if ui.button("Connect serial…").clicked() {
                    self.serial.show();
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Demo", |ui| {
                if self.demo.is_none() {
                    if ui.button("Start simulated modems").clicked() {
                        self.start_demo();
                    }
                } else if ui.button("Stop simulated modems").clicked() {
                    self.stop_demo();
                }
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.traffic.open, "Traffic inspector");
                ui.separator();
                ui.label("Theme");
                ui.radio_value(&mut self.settings.theme, Theme::System, "Follow the system");
                ui.radio_value(&mut self.settings.theme, Theme::Dark, "Dark");
                ui.radio_value(&mut self.settings.theme, Theme::Light, "Light (sunlight)");
            });
            ui.menu_button("Maps", |ui| {
                if ui.button("Load map file…").clicked() {
                    self.pick_map_file();
                }
                ui.separator();
                for m in &self.state.maps {
                    ui.label(format!("{} — {}", m.name, m.module_types.join(", ")));
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label(format!("CMM Commissioner {}", env!("CARGO_PKG_VERSION")));
                ui.label("Serves SmartGen CMM365/CMM366 cloud modems on this laptop,");
                ui.label("and polls controllers on its serial port.");
                if let Some(p) = &self.settings_path {
                    ui.label(format!("Settings: {}", p.display()));
                }
            });
        });
    }
}

impl eframe::App for CommissionerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_stats.frame();
        self.receive_maps();
        self.apply_theme(ui.ctx());
        if self.drain_events() == EVENTS_PER_FRAME {
            // More are waiting: come back for them without waiting for the next wake-up.
            ui.ctx().request_repaint();
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| {
            let advertise = self.server.as_ref().map(|s| s.advertise.clone());
            status_ui::ui(
                ui,
                &self.state,
                advertise.as_deref(),
                self.server_addr(),
                self.listen_error.as_deref(),
            );
        });
        egui::Panel::bottom("log")
            .resizable(true)
            .default_size(120.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .stick_to_bottom(true)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for line in &self.log {
                            ui.monospace(line);
                        }
                    });
            });
        egui::Panel::right("editor")
            .resizable(false)
            .default_size(360.0)
            .show(ui, |ui| {
                let target = self
                    .selected
                    .as_ref()
                    .and_then(|h| self.state.targets.get(h));
                // Rows wrap at this width: a panel that grows to fit its content would move
                // buttons under the pointer as data arrives.
                let size = egui::vec2(EDITOR_WIDTH, ui.available_height());
                ui.allocate_ui(size, |ui| {
                    editor_ui::ui(ui, &self.state, target, &mut self.editor);
                });
            });
        traffic_ui::ui(
            ui.ctx(),
            &self.state,
            self.selected.as_deref(),
            &mut self.traffic,
        );
        match serial_ui::ui(ui.ctx(), &mut self.serial, &self.state.maps) {
            Some(SerialAction::Connect) => self.connect_serial(),
            Some(SerialAction::Scan) => self.start_scan(),
            Some(SerialAction::StopScan) => {
                if let Some(stop) = self.scan_stop.take() {
                    stop.cancel();
                }
            }
            None => {}
        }
        if let Some(applied) = settings_ui::ui(ui.ctx(), &mut self.settings_view) {
            self.settings.listen = applied.listen.clone();
            self.settings.advertise = applied.advertise.clone();
            let mut config = self.server_config.clone();
            config.listen = applied.listen_addr;
            config.advertise = applied.advertise_opt();
            self.restart_server(config);
        }
        if editor_ui::confirm_ui(ui.ctx(), &mut self.editor)
            && let Some(cmd) = self.editor.confirmed(&mut self.state)
        {
            self.send(cmd);
        }
        egui::Panel::left("targets")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| {
                let now = chrono::Utc::now().timestamp_millis();
                let hb = self.server_config.heartbeat.as_millis() as i64;
                match targets_ui::ui(ui, &self.state, &mut self.selected, now, hb) {
                    Some(TargetAction::ConnectSerial) => self.serial.show(),
                    Some(TargetAction::Disconnect(t)) => self.disconnect_serial(&t),
                    None => {}
                }
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            plot_ui::ui(ui, &self.state, &mut self.plot);
            let hostid = self.selected.clone().unwrap_or_default();
            let target = self.state.targets.get(&hostid);
            let plotted = |table, addr| {
                self.state
                    .plotted
                    .contains_key(&(hostid.clone(), table, addr))
            };
            let now = chrono::Utc::now().timestamp_millis();
            let toggled = registers_ui::ui(ui, target, &plotted, &mut self.values_filter, now);
            // Come back once the newest highlight has faded; nothing else is due.
            if let Some(latest) = target.and_then(|t| t.changed_ms.values().max().copied())
                && now - latest < registers_ui::HIGHLIGHT_MS
            {
                let left = registers_ui::HIGHLIGHT_MS - (now - latest);
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(left.max(0) as u64));
            }
            if let Some((table, addr)) = toggled {
                self.state.toggle_plot((hostid.clone(), table, addr));
            }
        });
        if (!self.state.plotted.is_empty() && self.plot.follow) || !self.state.targets.is_empty() {
            // A following plot moves with the clock, and "seen N s ago" counts; once a second
            // is enough. With nothing to show, nothing repaints until an event arrives.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }

    fn on_exit(&mut self) {
        self.shutdown();
    }
}

impl CommissionerApp {
    /// Saves the settings, stops scans, serial links, the demo and the server (pending
    /// commands end as `gone`).
    pub fn shutdown(&mut self) {
        self.save_settings();
        if let Some(stop) = self.scan_stop.take() {
            stop.cancel();
        }
        for (_, h) in std::mem::take(&mut self.serial_links) {
            self.runtime.block_on(h.stop());
        }
        self.stop_demo();
        if let Some(s) = self.server.take() {
            self.runtime.block_on(s.shutdown());
        }
    }
}

/// Binds the server; if the address is taken (another instance?), binds a free port on the
/// same interface so the demo and local work go on, and says why.
fn bind_server(
    runtime: &tokio::runtime::Runtime,
    config: &ServerConfig,
    sink: &EventSink,
) -> (Option<ServerHandle>, Option<String>) {
    match runtime.block_on(link::bind(config.clone(), sink.clone())) {
        Ok(s) => (Some(s), None),
        Err(e) => {
            let error = Some(format!("cannot listen on {}: {e}", config.listen));
            let mut fallback = config.clone();
            fallback.listen.set_port(0);
            (
                runtime.block_on(link::bind(fallback, sink.clone())).ok(),
                error,
            )
        }
    }
}
