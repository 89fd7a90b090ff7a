//! The field laptop's screen: at 1280x720 and 1366x768, and on a 1920x1080 screen at 150 %
//! (1280x720 points at 1.5 pixels per point), every tab and the Commissioning window show what
//! matters on the default window, and nothing overlaps.

use std::sync::Arc;

use cmm_commissioner::app::{Command, Settings};
use cmm_commissioner::proto::Table;
use cmm_commissioner::ui::view::Tab;
use cmm_commissioner::ui::{CommissionerApp, Startup};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::gui::{has, until};

/// The screens of field laptops: size in points and pixels per point.
const SCREENS: [([f32; 2], f32); 3] = [
    ([1280.0, 720.0], 1.0),
    ([1366.0, 768.0], 1.0),
    // 1920x1080 pixels at 150 %.
    ([1280.0, 720.0], 1.5),
];

/// The real app at `size` points and `ppp` pixels per point with `demo_modems` simulated
/// modems, recording to `record` when given.
fn start_at(
    size: [f32; 2],
    ppp: f32,
    demo_modems: usize,
    record: Option<std::path::PathBuf>,
) -> Harness<'static, CommissionerApp> {
    Harness::builder()
        .with_size(size)
        .with_pixels_per_point(ppp)
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut startup = Startup::from_settings(Settings::default(), None);
            startup.server.listen = "127.0.0.1:0".parse().unwrap();
            startup.demo = demo_modems > 0;
            startup.demo_modems = demo_modems;
            startup.record = record.clone();
            CommissionerApp::new(startup, Arc::new(move || ctx.request_repaint())).unwrap()
        })
}

fn screen(h: &Harness<'_, CommissionerApp>) -> egui::Rect {
    h.ctx.content_rect()
}

fn rect(h: &Harness<'_, CommissionerApp>, label: &str) -> egui::Rect {
    h.get_by_label(label).rect()
}

fn settle(h: &mut Harness<'_, CommissionerApp>) {
    for _ in 0..4 {
        h.step();
    }
}

/// Selects the demo modem `host` (DEMO-GENSET alone, or DEMO-GENSET-3, an HGM9520N).
fn select(h: &mut Harness<'_, CommissionerApp>, host: &str) {
    let name = format!("{host}  (online)");
    until(h, &name, |h| has(h, &name));
    h.get_by_label(&name).click();
    let map = if host.ends_with('3') {
        "HGM9500N"
    } else {
        "map:"
    };
    until(h, "the target's values", |h| has(h, map));
    settle(h);
}

/// The top of the status bar (its server address), which nothing may cover.
fn status_top(h: &Harness<'_, CommissionerApp>) -> f32 {
    rect(h, "Modem server address:").top()
}

/// Point 1: a window restored larger than the monitor it opens on (or the default one on a
/// 720-high screen) is brought inside it: the status bar with the server address is on screen.
#[test]
fn a_window_larger_than_its_monitor_is_brought_inside_it() {
    let mut h = start_at([1400.0, 900.0], 1.0, 0, None);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .monitor_size = Some(egui::vec2(1280.0, 720.0));
    until(&mut h, "the server address", |h| {
        has(h, "Modem server address:")
    });
    settle(&mut h);
    let screen = screen(&h);
    assert!(
        screen.width() <= 1280.0 && screen.height() <= 720.0,
        "the window fits the monitor: {screen:?}"
    );
    assert!(rect(&h, "Modem server address:").bottom() <= 720.0);
    h.state_mut().shutdown();
}

/// Point 2: with the HGM9520N selected (the widest Commands panel) the Values table shows
/// its Name and Value columns beside both side panels, and the panels can be put away with a
/// key to give the table the width.
#[test]
fn the_value_column_is_in_view_beside_the_side_panels() {
    for (size, ppp) in SCREENS {
        let mut h = start_at(size, ppp, 3, None);
        // A serial target with a long port name (a USB adapter's by-id path) beside the
        // modems: it once widened the Targets panel to about 400 px.
        h.state_mut().state_mut().add_serial(
            "serial:/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0:7",
            "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0 (slave 7, 9600 8N1)",
            "HGM9520N",
            7,
        );
        select(&mut h, "DEMO-GENSET-3");
        h.get_by_label("Values").click();
        until(&mut h, "the values table", |h| has(h, "Filter"));
        settle(&mut h);
        let screen = screen(&h);
        let commands = rect(&h, "Commands");
        let targets = rect(&h, "Targets");
        let (name, value) = (rect(&h, "Name"), rect(&h, "Value"));
        assert!(
            commands.left() >= screen.width() * 0.6,
            "{size:?}@{ppp}: the Commands panel keeps to its share: {commands:?}"
        );
        assert!(
            targets.right() <= screen.width() * 0.3,
            "{size:?}@{ppp}: the Targets panel keeps to its share: {targets:?}"
        );
        assert!(
            name.left() >= targets.right() && value.right() <= commands.left(),
            "{size:?}@{ppp}: Name {name:?} and Value {value:?} between the panels"
        );
        assert!(value.bottom() < status_top(&h));
        // Ctrl+] puts the Commands panel away, and brings it back.
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::CloseBracket);
        settle(&mut h);
        assert!(
            !has(&h, "Set port and baud"),
            "{size:?}@{ppp}: panel put away"
        );
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::CloseBracket);
        settle(&mut h);
        assert!(has(&h, "Commands"), "{size:?}@{ppp}: panel back");
        // Ctrl+[ does the same for the Targets panel: the table takes its width.
        let name_before = rect(&h, "Name").left();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::OpenBracket);
        settle(&mut h);
        assert!(
            !has(&h, "Targets"),
            "{size:?}@{ppp}: Targets panel put away"
        );
        assert!(
            rect(&h, "Name").left() < name_before,
            "{size:?}@{ppp}: the table moves into its room"
        );
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::OpenBracket);
        settle(&mut h);
        assert!(has(&h, "Targets"), "{size:?}@{ppp}: Targets panel back");
        h.state_mut().shutdown();
    }
}

/// Point 3: the Overview's key readings (kW, Hz, oil pressure...) are on the first screen.
#[test]
fn the_key_readings_are_on_the_first_screen_of_the_overview() {
    for (size, ppp) in SCREENS {
        let mut h = start_at(size, ppp, 1, None);
        select(&mut h, "DEMO-GENSET");
        until(&mut h, "the key readings", |h| {
            has(h, "kW: ") && has(h, "Oil: ")
        });
        settle(&mut h);
        let bottom = status_top(&h);
        for key in [
            "Gen V: ",
            "Hz: ",
            "kW: ",
            "PF: ",
            "Speed: ",
            "Oil: ",
            "Coolant: ",
            "Battery: ",
        ] {
            let r = h.get_by_label_contains(key).rect();
            assert!(
                r.bottom() < bottom && r.right() <= rect(&h, "Commands").left(),
                "{size:?}@{ppp}: {key} on the first screen: {r:?} {:?} {:?}",
                rect(&h, "Commands"),
                h.query_all_by_label_contains(": ")
                    .map(|n| (
                        format!("{n:?}").chars().take(60).collect::<String>(),
                        n.rect()
                    ))
                    .collect::<Vec<_>>()
            );
        }
        h.state_mut().shutdown();
    }
}

/// Point 4: the Commissioning window fits above the status bar, its report button stays
/// where it is, and a Start step button does not move when a step starts.
#[test]
fn the_commissioning_window_fits_above_the_status_bar() {
    for (i, (size, ppp)) in SCREENS.into_iter().enumerate() {
        let dir = crate::common::TempDir::new(&format!("screen-{i}"));
        let mut h = start_at(size, ppp, 1, Some(dir.join("rec.sqlite")));
        select(&mut h, "DEMO-GENSET");
        h.state_mut().view().commission.open = true;
        until(&mut h, "the protection tests", |h| {
            has(h, "Protection tests") && has(h, "Start step")
        });
        settle(&mut h);
        let note = rect(&h, "Note");
        // The one window open.
        let window = h
            .ctx
            .memory(|m| {
                let layers = m.areas().visible_layer_ids();
                let mut windows = layers.iter().filter(|l| l.order == egui::Order::Middle);
                windows.find_map(|l| m.area_rect(l.id))
            })
            .unwrap();
        let status = status_top(&h);
        assert!(
            window.top() >= 0.0 && window.bottom() <= note.top().min(status),
            "{size:?}@{ppp}: the window {window:?} leaves the Note field {note:?} and the \
             status bar visible"
        );
        assert!(
            window.right() <= screen(&h).right(),
            "{size:?}@{ppp}: {window:?}"
        );
        let report = rect(&h, "Make the report");
        let start = h.get_all_by_label("Start step").next().unwrap().rect();
        h.get_all_by_label("Start step")
            .next()
            .unwrap()
            .click_accesskit();
        until(&mut h, "the running step", |h| has(h, "Running: "));
        settle(&mut h);
        assert_eq!(rect(&h, "Make the report"), report, "{size:?}@{ppp}");
        let moved = h.get_all_by_label("Start step").next().unwrap().rect();
        assert_eq!(moved, start, "{size:?}@{ppp}: the step buttons stay put");
        h.state_mut().shutdown();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Point 5: with the traffic inspector open and three values plotted, the Values table's
/// header and rows stay above the plot pane, and the panes share the height.
#[test]
fn the_traffic_inspector_and_the_plots_never_draw_over_the_table() {
    for (i, (size, ppp)) in SCREENS.into_iter().enumerate() {
        // Recorded: the plots' toolbar has all its buttons (Timeline too).
        let dir = crate::common::TempDir::new(&format!("screen-t-{i}"));
        let mut h = start_at(size, ppp, 1, Some(dir.join("rec.sqlite")));
        select(&mut h, "DEMO-GENSET");
        crate::gui::filter(&mut h, "mains u");
        until(&mut h, "the values table", |h| {
            has(h, "plot Mains UA") && has(h, "plot Mains UB") && has(h, "plot Mains UC")
        });
        // Mains UA, UB and UC: registers 0, 1 and 2.
        let host = h.state_mut().view().selected.clone().unwrap();
        for addr in 0..3 {
            let key = (host.clone(), Table::Holding, addr);
            h.state_mut().view().send(Command::TogglePlot(key));
        }
        until(&mut h, "three plots with their legends", |h| {
            let s = h.state().state();
            s.plotted.len() == 3
                && s.plotted.values().all(|s| s.len() >= 2)
                && has(h, "Mains UC (V)")
        });
        h.state_mut().view().traffic.open = true;
        until(&mut h, "the inspector", |h| has(h, "Traffic inspector"));
        settle(&mut h);
        let plots = rect(&h, "Follow live");
        let traffic = rect(&h, "Traffic inspector");
        let header = rect(&h, "Value");
        assert!(
            header.bottom() <= plots.top(),
            "{size:?}@{ppp}: the table's header {header:?} above the plots {plots:?}"
        );
        // The table keeps room for rows between its header and the plots (a row partly in
        // view is cut at the table's edge).
        let first = h.query_all_by_label("plot Mains UA").next().unwrap().rect();
        assert!(
            first.top() >= header.bottom() && first.bottom() <= plots.top(),
            "{size:?}@{ppp}: the first row {first:?} between the header {header:?} and the \
             plots {plots:?}"
        );
        // The plots keep to the pane's width: their legends (a click hides a series) whole.
        let commands = rect(&h, "Commands").left();
        for legend in h.query_all_by_label_contains("Mains U") {
            let r = legend.rect();
            assert!(
                r.right() <= commands,
                "{size:?}@{ppp}: {r:?} cut by the panel"
            );
        }
        assert!(plots.bottom() <= traffic.top(), "{size:?}@{ppp}");
        h.state_mut().shutdown();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Point 6: the Fleet keeps health, name, link, alarms and kW in view; the name stays
/// pinned when the rest scrolls.
#[test]
fn the_fleet_keeps_its_first_columns_in_view() {
    for (size, ppp) in SCREENS {
        let mut h = start_at(size, ppp, 3, None);
        until(&mut h, "three modems", |h| {
            has(h, "DEMO-GENSET-3  (online)")
        });
        h.state_mut().view().tab = Tab::Fleet;
        until(&mut h, "the fleet", |h| has(h, "fleet DEMO-GENSET-1"));
        settle(&mut h);
        let screen = screen(&h);
        let targets = rect(&h, "Targets");
        for col in ["Name ^", "Link", "Alarms", "kW"] {
            let r = rect(&h, col);
            assert!(
                r.left() >= targets.right() && r.right() <= screen.right(),
                "{size:?}@{ppp}: the {col} column {r:?} in view"
            );
        }
        h.state_mut().shutdown();
    }
}

/// Every dialog opens whole on the screen, above the status bar: its last field and its
/// buttons can be reached without moving it.
/// The id of the window titled `title` in English.
fn window_id(title: &str) -> egui::Id {
    match title {
        "Settings" => egui::Id::unique("settings_window"),
        "Attach to broker" => egui::Id::unique("broker_window"),
        "Help" => egui::Id::unique("help_window"),
        "Load a register map" => egui::Id::unique("map_window"),
        t => egui::Id::unique(Some(std::borrow::Cow::Borrowed(t))),
    }
}

#[test]
fn every_dialog_opens_whole_above_the_status_bar() {
    type Open = fn(&mut cmm_commissioner::ui::view::View, bool);
    let dialogs: [(&str, Open); 7] = [
        ("Connect serial", |v, o| v.serial.open = o),
        ("Settings", |v, o| v.settings_view.open = o),
        ("Attach to broker", |v, o| v.broker.open = o),
        ("Export CSV", |v, o| v.record.export_open = o),
        ("Save a copy of the recording", |v, o| {
            v.record.copy_open = o
        }),
        ("Help", |v, o| v.help.help_open = o),
        ("Load a register map", |v, o| v.help.map_open = o),
    ];
    for (i, (size, ppp)) in SCREENS.into_iter().enumerate() {
        let dir = crate::common::TempDir::new(&format!("screen-d-{i}"));
        let mut h = start_at(size, ppp, 1, Some(dir.join("rec.cmmrec")));
        select(&mut h, "DEMO-GENSET");
        let screen = screen(&h);
        for (title, open) in dialogs {
            open(h.state_mut().view(), true);
            settle(&mut h);
            let area = h
                .ctx
                // A window's area is named by its id: its English title, as egui names it,
                // or the id of its own that a window with a translated title keeps.
                .memory(|m| m.area_rect(window_id(title)))
                .unwrap_or_else(|| panic!("{title} is open"));
            let status = status_top(&h);
            assert!(
                screen.contains_rect(area) && area.bottom() <= status + 0.5,
                "{title} at {size:?} x{ppp}: {area:?} on {screen:?}, status bar at {status}"
            );
            open(h.state_mut().view(), false);
            settle(&mut h);
        }
        h.state_mut().shutdown();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Point 2: the side panels put away stay away at the next start (the settings keep it; their
/// widths are kept by eframe with the rest of the window's layout).
#[test]
fn panels_put_away_stay_away_at_the_next_start() {
    let dir = crate::common::TempDir::new("screen-keep");
    let path = dir.join("settings.json");
    let mut h = crate::gui::start_app(0, Some(path.clone()));
    until(&mut h, "both panels", |h| {
        has(h, "Targets") && has(h, "Commands")
    });
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::CloseBracket);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::OpenBracket);
    settle(&mut h);
    assert!(!has(&h, "Targets") && !has(&h, "Commands"), "both put away");
    // Closing the window saves the settings.
    h.state_mut().shutdown();
    drop(h);
    let mut h = crate::gui::start_app(0, Some(path.clone()));
    until(&mut h, "the server address", |h| {
        has(h, "Modem server address:")
    });
    settle(&mut h);
    assert!(!has(&h, "Targets") && !has(&h, "Commands"), "still away");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::OpenBracket);
    settle(&mut h);
    assert!(has(&h, "Targets"), "and back with the key");
    h.state_mut().shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// On a window too narrow for every column (a laptop's with the Targets panel shown and the
/// window restored), the columns that gave way are on the row's hover.
#[test]
fn fleet_columns_that_give_way_are_on_the_rows_hover() {
    let mut h = start_at([900.0, 700.0], 1.0, 3, None);
    until(&mut h, "three modems", |h| {
        has(h, "DEMO-GENSET-3  (online)")
    });
    h.state_mut().view().tab = Tab::Fleet;
    until(&mut h, "the fleet", |h| has(h, "fleet DEMO-GENSET-1"));
    settle(&mut h);
    assert!(
        h.query_all_by_label("Model").next().is_none(),
        "the Model column gives way at 900 wide"
    );
    h.get_by_label("fleet DEMO-GENSET-2").hover();
    // A tooltip shows after the pointer rests a moment.
    for _ in 0..60 {
        h.step();
    }
    assert!(
        h.query_all_by_label_contains("Model: HGM6120N-4G")
            .next()
            .is_some(),
        "the model on the row's hover"
    );
    h.state_mut().shutdown();
}
