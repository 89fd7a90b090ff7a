//! The plots' pane driven through its accessibility tree and the pointer (egui_kittest), on a
//! state fed real data events: the wheel zooms time only, Follow live keeps the values
//! fitted, Normalise refits, the Range menu stays open to be typed into, and the pane keeps
//! the size it is dragged to.

use cmm_commissioner::app::{AppState, Command};
use cmm_commissioner::link::{DataKind, Event};
use cmm_commissioner::proto::uplink::InputFlags;
use cmm_commissioner::proto::{Block, BlockValues, Table};
use cmm_commissioner::ui::plot_ui::{self, PlotView};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// What the pane draws from, and what it sends.
struct Pane {
    state: AppState,
    view: PlotView,
    out: Vec<Command>,
}

/// Modem "H" online, holding register 0 plotted, with readings 230, 240, 220, 235 V over the
/// last minute (the real clock: following live shows the newest five minutes).
fn pane_with_data(view: PlotView) -> Harness<'static, Pane> {
    let readings = [230u16, 240, 220, 235]
        .into_iter()
        .enumerate()
        .map(|(i, v)| (60_000 - i as i64 * 15_000, v));
    pane_with(view, readings, [900.0, 700.0])
}

/// Modem "H" online, holding register 0 plotted with `readings` (ms before now, raw value),
/// the pane in a window of `size`.
fn pane_with(
    view: PlotView,
    readings: impl IntoIterator<Item = (i64, u16)>,
    size: [f32; 2],
) -> Harness<'static, Pane> {
    let mut state = AppState::default();
    state.toggle_plot(("H".into(), Table::Holding, 0));
    let now = chrono::Utc::now().timestamp_millis();
    for (before, v) in readings {
        let ev = Event::Data {
            hostid: "H".into(),
            kind: DataKind::Full,
            blocks: vec![Block {
                slave: 1,
                table: Table::Holding,
                addr: 0,
                values: BlockValues::Registers(vec![v]),
            }],
            flags: InputFlags::default(),
        };
        state.apply(&ev, now - before);
    }
    state.targets.get_mut("H").unwrap().online = true;
    let pane = Pane {
        state,
        view,
        out: Vec::new(),
    };
    let mut h = Harness::builder().with_size(size).build_ui_state(
        |ui, p: &mut Pane| {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                plot_ui::pane(ui, &p.state, &mut p.view, &mut p.out);
                ui.label("values table");
            });
        },
        pane,
    );
    h.run_steps(3);
    h
}

/// The centre of the plot area (below the switches, above the bottom of the window).
fn plot_centre(h: &Harness<'_, Pane>) -> egui::Pos2 {
    let bar = h.get_by_label("Follow live").rect();
    egui::pos2(450.0, (bar.bottom() + 700.0) / 2.0)
}

fn wheel(h: &Harness<'_, Pane>, at: egui::Pos2, modifiers: egui::Modifiers) {
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers,
    });
}

#[test]
fn the_wheel_zooms_time_and_follow_live_keeps_the_values_fitted() {
    let mut h = pane_with_data(PlotView::default());
    let (lo, hi) = h.state().view.y_in_view().unwrap();
    assert!(
        lo <= 220.0 && hi >= 240.0 && hi - lo < 40.0,
        "fitted: {lo}..{hi}"
    );
    let at = plot_centre(&h);
    for _ in 0..5 {
        wheel(&h, at, egui::Modifiers::NONE);
        h.step();
    }
    h.run_steps(10);
    let v = &h.state().view;
    assert!(v.follow, "still following");
    assert!(v.window < 300.0, "the wheel zoomed time in: {} s", v.window);
    let (x0, x1) = v.x_in_view().unwrap();
    assert!(((x1 - x0) as f64 / 1000.0 - v.window).abs() < 1.0);
    let (lo2, hi2) = v.y_in_view().unwrap();
    assert!(
        lo2 <= 220.0 && hi2 >= 240.0 && hi2 - lo2 < 40.0,
        "the values stay fitted to the data: {lo2}..{hi2}"
    );
    // Ctrl+wheel while following: the values stay fitted too.
    for _ in 0..5 {
        wheel(&h, at, egui::Modifiers::COMMAND);
        h.step();
    }
    h.run_steps(5);
    let (lo3, hi3) = h.state().view.y_in_view().unwrap();
    assert!(
        lo3 <= 220.0 && hi3 >= 240.0 && hi3 - lo3 < 40.0,
        "{lo3}..{hi3}"
    );
}

#[test]
fn ctrl_wheel_zooms_the_values_when_not_following_and_normalise_refits() {
    let mut view = PlotView::default();
    view.follow = false;
    let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
    view.fit = Some((now - 120.0, now));
    let mut h = pane_with_data(view);
    h.get_by_label("Fit").click();
    h.run_steps(3);
    let (lo, hi) = h.state().view.y_in_view().unwrap();
    assert!(
        lo <= 220.0 && hi >= 240.0 && hi - lo < 40.0,
        "fitted: {lo}..{hi}"
    );
    let x = h.state().view.x_in_view().unwrap();
    let at = plot_centre(&h);
    for _ in 0..3 {
        wheel(&h, at, egui::Modifiers::COMMAND);
        h.step();
    }
    h.run_steps(3);
    let (lo2, hi2) = h.state().view.y_in_view().unwrap();
    assert!(
        hi2 - lo2 < hi - lo,
        "Ctrl+wheel zoomed the values in: {lo2}..{hi2}"
    );
    assert_eq!(h.state().view.x_in_view().unwrap(), x, "and not time");
    h.get_by_label("Normalise").click();
    h.run_steps(3);
    let (lo3, hi3) = h.state().view.y_in_view().unwrap();
    assert!(
        lo3 <= 0.0 && hi3 >= 1.0 && hi3 - lo3 < 1.5,
        "normalised values refitted: {lo3}..{hi3}"
    );
}

#[test]
fn the_range_menu_stays_open_when_a_field_is_clicked_and_takes_a_time_of_day() {
    let mut h = pane_with_data(PlotView::default());
    h.state_mut().state.recording.path = Some("run.cmmrec".into());
    h.run_steps(2);
    h.get_by_label("Range…").click();
    h.run_steps(2);
    h.get_by_label("From").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Show").is_some(),
        "the menu is still open after a click into From"
    );
    // Select what it holds (the range in view) and type a time of day instead.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    let from = chrono::Local::now() - chrono::Duration::minutes(30);
    h.get_by_label("From")
        .type_text(&from.format("%H:%M").to_string());
    h.step();
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    assert!(h.query_by_label("Show").is_none(), "Enter showed the range");
    let v = &h.state().view;
    assert!(!v.follow, "a range asked stops following");
    let (x0, _) = v.x_in_view().unwrap();
    let want = from.timestamp() / 60 * 60 * 1000;
    // Before midnight plus 30 minutes, "HH:MM" 30 minutes ago is still today.
    let day = 86_400_000;
    assert!(
        (x0 - want).abs() < 1000 || (x0 - (want - day)).abs() < 1000,
        "from {x0}, typed {want}"
    );
}

#[test]
fn the_pane_keeps_the_size_it_is_dragged_to() {
    let mut h = pane_with_data(PlotView::default());
    let top = h.get_by_label("Follow live").rect().top();
    // The pane's top edge is just above its first row: drag it 200 px up.
    let edge = egui::pos2(450.0, top - 8.0);
    h.drag_at(edge);
    h.step();
    for dy in [50.0, 100.0, 150.0, 200.0] {
        h.hover_at(edge - egui::vec2(0.0, dy));
        h.step();
    }
    h.drop_at(edge - egui::vec2(0.0, 200.0));
    h.step();
    let dragged = h.get_by_label("Follow live").rect().top();
    assert!(dragged < top - 150.0, "the drag took: {top} -> {dragged}");
    // Seconds later (a following plot repaints once a second): the same size.
    h.run_steps(30);
    let later = h.get_by_label("Follow live").rect().top();
    assert!((later - dragged).abs() < 1.0, "{dragged} -> {later}");
}

#[test]
fn bits_in_own_scales_show_0_to_1() {
    let mut h = pane_with_data(PlotView::with(false, true));
    {
        let s = &mut h.state_mut().state;
        s.toggle_plot(("H".into(), Table::Coils, 3));
        let now = chrono::Utc::now().timestamp_millis();
        let ev = Event::Data {
            hostid: "H".into(),
            kind: DataKind::Full,
            blocks: vec![Block {
                slave: 1,
                table: Table::Coils,
                addr: 3,
                values: BlockValues::Bits(vec![false]),
            }],
            flags: InputFlags::default(),
        };
        s.apply(&ev, now - 10_000);
    }
    h.run_steps(3);
    // The bit sorts first: its plot is the first one.
    let (lo, hi) = h.state().view.y_in_view().unwrap();
    assert!(
        lo <= 0.0 && hi >= 1.0 && lo > -0.5 && hi < 1.5,
        "{lo}..{hi}"
    );
}

/// A value that steps between two levels is drawn as steps: between its jumps, nothing is
/// drawn halfway between the levels (egui_plot's band merging drew a filled, slanted shape).
#[test]
fn a_stepping_value_is_drawn_as_steps_not_a_filled_band() {
    // 0 and 100 in turn, one every 10 s, over the last 200 s.
    let readings = (0..20i64).map(|i| (200_000 - i * 10_000, if i % 2 == 0 { 0 } else { 100 }));
    let mut h = pane_with(PlotView::default(), readings, [900.0, 500.0]);
    let image = h.render().unwrap();
    if let Ok(path) = std::env::var("CMM_TEST_SAVE_PLOT") {
        image.save(path).unwrap();
    }
    // Where the data are (the newest two thirds of the plot's width), count the rows that are
    // mostly drawn on: a staircase has only its two levels (and the axis) as such rows, its
    // jumps being thin vertical lines; a band fills every row between the levels.
    let (w, ht) = (image.width(), image.height());
    let bright = |x: u32, y: u32| {
        let p = image.get_pixel(x, y).0;
        u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) > 200
    };
    let (x0, x1) = (w / 2, 9 * w / 10);
    let full_rows = (0..ht)
        .filter(|&y| (x0..x1).filter(|&x| bright(x, y)).count() > (x1 - x0) as usize / 2)
        .count();
    assert!(
        full_rows < 12,
        "only the levels are drawn across, not a filled band: {full_rows} rows filled"
    );
}
