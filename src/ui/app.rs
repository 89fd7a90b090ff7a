//! The desktop app: drains link events into the state each frame and draws it. Nothing here
//! blocks: the server and the simulated modems run on the tokio runtime.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;

use eframe::egui;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::app::{AppState, load_map_file};
use crate::link::{self, Command, Event, EventSink, ServerConfig, ServerHandle};
use crate::proto::map::RegisterMap;
use crate::sim::{SimModem, SimModemConfig};

use super::editor_ui::{self, EditorState};
use super::plot_ui::{self, PlotView};
use super::traffic_ui::{self, TrafficView};
use super::{registers_ui, status_ui, targets_ui};

/// Events handled per frame at most (the rest wait for the next frame).
const EVENTS_PER_FRAME: usize = 2000;
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
        let mut listen_error = None;
        let server = match runtime.block_on(link::bind(startup.server.clone(), sink.clone())) {
            Ok(s) => Some(s),
            Err(e) => {
                // The usual port is taken (another instance?): still start on a free port so
                // the demo and local tests work, and say so.
                listen_error = Some(format!("cannot listen on {}: {e}", startup.server.listen));
                let mut fallback = startup.server.clone();
                fallback.listen.set_port(0);
                runtime.block_on(link::bind(fallback, sink)).ok()
            }
        };
        let (maps_tx, maps_rx) = mpsc::channel(4);
        let mut app = CommissionerApp {
            maps_tx,
            maps_rx,
            waker,
            editor: EditorState::default(),
            traffic: TrafficView::default(),
            plot: PlotView::default(),
            values_filter: Default::default(),
            runtime,
            server,
            events,
            state: AppState::default(),
            log: VecDeque::new(),
            selected: None,
            demo: None,
            demo_modems: startup.demo_modems.max(1),
            listen_error,
        };
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
        let Some(server) = &self.server else {
            self.push_log("not sent: the server is not running".into());
            return;
        };
        if let Err(e) = server.commands.try_send(cmd) {
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
            if self.selected.is_none()
                && let Event::Online { hostid, .. } = &ev
            {
                self.selected = Some(hostid.clone());
            }
            n += 1;
        }
        n
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
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
                ui.label("Serves SmartGen CMM365/CMM366 cloud modems on this laptop.");
            });
        });
    }
}

impl eframe::App for CommissionerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.receive_maps();
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
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                let target = self
                    .selected
                    .as_ref()
                    .and_then(|h| self.state.targets.get(h));
                editor_ui::ui(ui, &self.state, target, &mut self.editor);
            });
        traffic_ui::ui(
            ui.ctx(),
            &self.state,
            self.selected.as_deref(),
            &mut self.traffic,
        );
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
                targets_ui::ui(ui, &self.state, &mut self.selected, now);
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
        if !self.state.plotted.is_empty() && self.plot.follow {
            // A following plot moves with the clock; once a second is enough.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    fn on_exit(&mut self) {
        self.stop_demo();
        if let Some(s) = self.server.take() {
            self.runtime.block_on(s.shutdown());
        }
    }
}
