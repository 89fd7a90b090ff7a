//! The desktop app: a window over the core. The core (server, serial links, scan, demo,
//! maps, settings file) runs on its own tokio runtime beside the window and keeps every modem
//! answered whether or not frames are drawn; the window reads its state while drawing and
//! turns clicks into [`Command`]s. Nothing here blocks, awaits or does I/O in a frame.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use eframe::egui;

use crate::app::{AppState, Command, Core, CoreConfig, Startup, StateGuard};

use super::view::View;

/// The running desktop app: the core and the view state of the window.
pub struct CommissionerApp {
    runtime: tokio::runtime::Runtime,
    core: Core,
    view: View,
    frame_stats: FrameStats,
    window_fit: super::window_fit::WindowFit,
    /// Time the frames waited for the state's lock, in all (the frame benchmark reads it).
    lock_wait: std::time::Duration,
    language: super::fonts::Language,
    /// The window's language, for the core's threads.
    core_lang: CoreLang,
}

/// The window's language as the core's threads speak it: the texts the core makes (the event
/// log, what a recording shown says of a moment) follow the window's, also after a change.
/// Each app has its own (several windows in one process, as in the tests, keep theirs).
#[derive(Clone)]
struct CoreLang(Arc<AtomicU8>);

impl CoreLang {
    fn new(lang: crate::i18n::Lang) -> Self {
        let c = CoreLang(Arc::new(AtomicU8::new(0)));
        c.set(lang);
        c
    }

    fn set(&self, lang: crate::i18n::Lang) {
        self.0.store(lang.index(), Ordering::Relaxed);
    }

    /// Puts the calling thread (one of the core's) in the window's language.
    fn apply(&self) {
        crate::i18n::set_thread_lang(crate::i18n::Lang::from_index(
            self.0.load(Ordering::Relaxed),
        ));
    }
}

impl CommissionerApp {
    /// Starts the runtime and the core; `waker` is called whenever the state changed.
    pub fn new(startup: Startup, waker: Arc<dyn Fn() + Send + Sync>) -> std::io::Result<Self> {
        let core_lang = CoreLang::new(startup.settings.lang());
        let (on_start, on_unpark) = (core_lang.clone(), core_lang.clone());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("cmm-core")
            .on_thread_start(move || on_start.apply())
            .on_thread_unpark(move || on_unpark.apply())
            .enable_all()
            .build()?;
        let settings = startup.settings;
        let mut config = CoreConfig::new(Some(startup.server));
        config.fallback_port = true;
        config.settings_path = startup.settings_path.clone();
        config.demo = startup.demo.then_some(startup.demo_modems.max(1));
        // The maps made here (or put in the folder by hand) before the shipped ones; one that
        // does not load is said at start.
        let (mine, errors) = crate::app::maps::folder_maps(startup.maps_dir.as_deref());
        config.maps = mine.into_iter().chain(config.maps).collect();
        config.maps_dir = startup.maps_dir.clone();
        let mut notice = startup.notice.clone();
        for e in errors {
            let said = t!(
                "a map of the maps folder was not loaded: { $error }",
                error = e.to_string()
            );
            notice = Some(notice.map_or(said.clone(), |n| format!("{n}\n{said}")));
        }
        config.notice = notice.clone();
        config.record = startup.record;
        config.offline = startup.offline.clone();
        if config.offline.is_some() {
            config.record = None;
            config.demo = None;
        }
        config.keep = (
            settings.recordings_keep_days,
            settings
                .recordings_keep_mb
                .map(|mb| mb.saturating_mul(1_000_000)),
        );
        config.waker = waker;
        let core = {
            let _enter = runtime.enter();
            Core::spawn(config)
        };
        let mut view = View::new(settings, startup.settings_path, startup.demo_modems);
        if startup.offline.is_some() {
            view.plot.follow = false;
        }
        view.crash = startup.crash;
        view.lasting_notice = notice.map(|n| (n, false));
        for cmd in view.startup_commands() {
            let _ = core.send(cmd);
        }
        Ok(CommissionerApp {
            runtime,
            core,
            view,
            frame_stats: FrameStats::new(),
            window_fit: Default::default(),
            lock_wait: std::time::Duration::ZERO,
            language: Default::default(),
            core_lang,
        })
    }

    /// A handle that stops the core from another thread (a signal's).
    pub fn stopper(&self) -> crate::app::Stopper {
        self.core.stopper()
    }

    /// The bound address of the server.
    pub fn server_addr(&self) -> Option<SocketAddr> {
        self.core.state().server.addr
    }

    /// The state; hold it only briefly.
    pub fn state(&self) -> StateGuard<'_> {
        self.core.state()
    }

    /// Write access to the state, for tools that fill it directly (the frame benchmark).
    #[doc(hidden)]
    pub fn state_mut(&self) -> std::sync::MutexGuard<'_, AppState> {
        self.core.state_mut()
    }

    /// Time the frames have waited for the state's lock since start (the frame benchmark).
    #[doc(hidden)]
    pub fn lock_wait(&self) -> std::time::Duration {
        self.lock_wait
    }

    /// The view state (tests drive dialogs through it).
    pub fn view(&mut self) -> &mut View {
        &mut self.view
    }

    /// Hands a command to the core; a refusal shows in the status bar.
    pub fn send(&mut self, cmd: Command) {
        if let Err(e) = self.core.send(cmd) {
            self.view.notice = Some(e.to_string());
        }
    }

    /// Asks the core to write the settings if anything changed since the last time.
    pub fn save_settings(&mut self) {
        let settings = self.view.settings_to_save(&self.core.state());
        if let Some(s) = settings {
            self.send(Command::SaveSettings(s));
        }
    }

    /// Saves the settings, then stops the core: scans, serial links, the demo and the server
    /// (pending commands end as `gone`). Called when the window closes.
    pub fn shutdown(&mut self) {
        self.save_settings();
        // The window is closing: waiting here holds up no frame.
        self.runtime.block_on(self.core.shutdown());
    }
}

impl eframe::App for CommissionerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_stats.frame();
        let lang = self.view.settings.lang();
        self.language.frame(ui.ctx(), lang);
        self.core_lang.set(lang);
        self.window_fit.ui(ui.ctx());
        let asked = std::time::Instant::now();
        let state = self.core.state();
        self.lock_wait += asked.elapsed();
        self.view.ui(ui, &state);
        drop(state);
        let ctx = ui.ctx().clone();
        self.view
            .dialogs
            .open(self.runtime.handle(), move || ctx.request_repaint());
        for cmd in self.view.take_commands() {
            if let Err(e) = self.core.send(cmd) {
                self.view.notice = Some(e.to_string());
            }
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }

    fn on_exit(&mut self) {
        self.shutdown();
    }
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
