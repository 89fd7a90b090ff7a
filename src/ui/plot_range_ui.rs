//! The plot's Range… and Timeline menus: a time range typed (full dates or a time of day),
//! and the alarms, commands, markers and link events of the range in view.

use eframe::egui;
use egui::containers::menu::{MenuButton, MenuConfig};

use crate::app::AppState;

/// The range being typed in the Range… menu.
#[derive(Debug, Default)]
pub struct RangeForm {
    /// From, as typed.
    pub from: String,
    /// To, as typed (empty: now).
    pub to: String,
    /// Why the typed range was refused.
    pub error: Option<String>,
    /// Put the cursor in From at the next frame (the menu was just opened).
    focus: bool,
}

/// Colour of a timeline item.
pub fn kind_colour(kind: &str) -> egui::Color32 {
    match kind {
        "alarm_on" => egui::Color32::from_rgb(230, 70, 60),
        "alarm_off" => egui::Color32::from_rgb(60, 170, 80),
        "command" => egui::Color32::from_rgb(70, 130, 230),
        "marker" => egui::Color32::from_rgb(240, 190, 40),
        _ => egui::Color32::GRAY,
    }
}

/// `ms` as the form shows it: local `2026-11-24 10:15:02`.
fn typed(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// A typed time in ms: what exports take (`2026-11-24 10:15`, RFC 3339, ms), or a time of
/// day (`10:15`, `10:15:30`) on the day of `now_ms`, the day before when that is still to come.
pub fn parse_typed(text: &str, now_ms: i64) -> Result<i64, String> {
    let t = text.trim();
    for f in ["%H:%M:%S", "%H:%M"] {
        let Ok(tod) = chrono::NaiveTime::parse_from_str(t, f) else {
            continue;
        };
        let now = chrono::DateTime::from_timestamp_millis(now_ms)
            .ok_or_else(|| t!("the clock is out of range"))?
            .with_timezone(&chrono::Local);
        let at = |day: chrono::NaiveDate| {
            day.and_time(tod)
                .and_local_timezone(chrono::Local)
                .earliest()
                .map(|d| d.timestamp_millis())
        };
        let today = at(now.date_naive())
            .ok_or_else(|| t!("{ $time } does not exist today", time = format!("{t:?}")))?;
        if today <= now_ms {
            return Ok(today);
        }
        let yesterday = now.date_naive().pred_opt().and_then(at);
        return yesterday.ok_or_else(|| {
            t!(
                "{ $time } does not exist yesterday",
                time = format!("{t:?}")
            )
        });
    }
    crate::store::export::parse_time(t).map_err(|e| e.to_string())
}

/// The Range… menu: From and To (keyboard: Tab between them, Enter shows, Escape closes; a
/// click into a field keeps it open). Returns the range to show, in seconds.
pub fn range_ui(
    ui: &mut egui::Ui,
    form: &mut RangeForm,
    in_view: Option<(i64, i64)>,
) -> Option<(f64, f64)> {
    let mut shown = None;
    let config = MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let (button, _) = MenuButton::new(t!("Range…")).config(config).ui(ui, |ui| {
        let mut enter = false;
        egui::Grid::new("plot_range").num_columns(2).show(ui, |ui| {
            let fields = [
                (t!("From"), &mut form.from, true),
                (t!("To"), &mut form.to, false),
            ];
            for (label, text, is_from) in fields {
                let l = ui.label(label);
                let r = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .desired_width(180.0)
                            .hint_text(if is_from {
                                t!("10:15 or 2026-11-24 10:15")
                            } else {
                                t!("now")
                            }),
                    )
                    .labelled_by(l.id);
                if is_from && std::mem::take(&mut form.focus) {
                    r.request_focus();
                }
                enter |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
            }
        });
        ui.label(
            egui::RichText::new(t!("A time of day is today's; To left empty is now."))
                .small()
                .weak(),
        );
        if ui.button(t!("Show")).clicked() || enter {
            match parse_range(form) {
                Ok(r) => {
                    form.error = None;
                    shown = Some(r);
                    ui.close();
                }
                Err(e) => form.error = Some(e),
            }
        }
        if let Some(e) = &form.error {
            ui.colored_label(crate::ui::palette::ALARM, e);
        }
    });
    // Opened: the fields start from the range in view, From ready to type into.
    if button.clicked() {
        if let Some((a, b)) = in_view {
            form.from = typed(a);
            form.to = typed(b);
        }
        form.error = None;
        form.focus = true;
    }
    shown
}

/// The typed range in seconds, or why not.
fn parse_range(form: &RangeForm) -> Result<(f64, f64), String> {
    let now = chrono::Utc::now().timestamp_millis();
    let from = parse_typed(&form.from, now).map_err(|e| t!("From: { $reason }", reason = e))?;
    let to = if form.to.trim().is_empty() {
        now
    } else {
        parse_typed(&form.to, now).map_err(|e| t!("To: { $reason }", reason = e))?
    };
    if from >= to {
        return Err(t!("From must be before To"));
    }
    Ok((from as f64 / 1000.0, to as f64 / 1000.0))
}

/// The timeline of the range in view, as a drop-down list.
pub fn timeline_ui(ui: &mut egui::Ui, state: &AppState) {
    let items = &state.timeline.items;
    ui.menu_button(t!("Timeline ({ $count })", count = items.len()), |ui| {
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                if items.is_empty() {
                    ui.label(t!("No alarm, command, marker or link event in view."));
                }
                for e in items {
                    let t = chrono::DateTime::from_timestamp_millis(e.t_ms)
                        .map(|t| {
                            t.with_timezone(&chrono::Local)
                                .format("%H:%M:%S")
                                .to_string()
                        })
                        .unwrap_or_default();
                    let who = e
                        .target
                        .as_deref()
                        .map(|h| super::plot_ui::t_name(state, h))
                        .unwrap_or("");
                    ui.colored_label(
                        kind_colour(&e.kind),
                        format!("{t} {who} {}: {}", e.kind, e.text),
                    );
                }
            });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_time_of_day_is_today_or_yesterday_when_still_to_come() {
        let now = chrono::Local
            .with_ymd_and_hms(2026, 11, 24, 12, 0, 0)
            .earliest()
            .unwrap();
        let ms = |h, m, d| {
            chrono::Local
                .with_ymd_and_hms(2026, 11, d, h, m, 0)
                .earliest()
                .unwrap()
                .timestamp_millis()
        };
        let now_ms = now.timestamp_millis();
        assert_eq!(parse_typed("10:15", now_ms), Ok(ms(10, 15, 24)));
        assert_eq!(parse_typed(" 10:15:00 ", now_ms), Ok(ms(10, 15, 24)));
        assert_eq!(parse_typed("13:00", now_ms), Ok(ms(13, 0, 23)));
        assert_eq!(parse_typed("2026-11-20 08:00", now_ms), Ok(ms(8, 0, 20)));
        assert!(parse_typed("soon", now_ms).is_err());
    }
}
