//! The keyboard: moves between targets and tabs, and to the filter.

use eframe::egui;

use super::side_panels;
use super::view::{Tab, View};
use crate::app::AppState;

/// Keys: Ctrl+F to the filter, Up/Down (or Alt+Up/Down while typing) to the previous or
/// next target, Ctrl+1/2/3 to the Overview, Values and Fleet, Enter in the fleet opens
/// the selected target, Ctrl+[ and Ctrl+] put the Targets and Commands panels away and back.
pub fn ui(v: &mut View, ctx: &egui::Context, state: &AppState) {
    if v.editor.pending.is_some() || v.crash.is_some() {
        return;
    }
    let typing = ctx.memory(|m| m.focused().is_some());
    let mut step = 0i32;
    ctx.input_mut(|i| {
        use egui::{Key, Modifiers};
        if i.consume_key(Modifiers::COMMAND, Key::F) {
            if v.tab == Tab::Fleet {
                v.fleet.focus_filter = true;
            } else {
                v.tab = Tab::Values;
                v.values_filter.focus = true;
            }
        }
        for (key, tab) in [
            (Key::Num1, Tab::Overview),
            (Key::Num2, Tab::Values),
            (Key::Num3, Tab::Fleet),
            (Key::Num4, Tab::Journal),
        ] {
            if i.consume_key(Modifiers::COMMAND, key) {
                v.tab = tab;
            }
        }
        if i.consume_key(Modifiers::COMMAND, side_panels::TARGETS_KEY) {
            v.settings.targets_hidden = !v.settings.targets_hidden;
        }
        if i.consume_key(Modifiers::COMMAND, side_panels::COMMANDS_KEY) {
            v.settings.commands_hidden = !v.settings.commands_hidden;
        }
        for (key, d) in [(Key::ArrowDown, 1), (Key::ArrowUp, -1)] {
            if i.consume_key(Modifiers::ALT, key)
                || (!typing && i.consume_key(Modifiers::NONE, key))
            {
                step += d;
            }
        }
        if !typing && v.tab == Tab::Fleet && i.consume_key(Modifiers::NONE, Key::Enter) {
            v.tab = Tab::Overview;
        }
    });
    if step == 0 {
        return;
    }
    let order: Vec<&str> = if v.tab == Tab::Fleet {
        v.fleet.order.iter().map(String::as_str).collect()
    } else {
        state.targets.keys().map(String::as_str).collect()
    };
    if order.is_empty() {
        return;
    }
    let at = v
        .selected
        .as_deref()
        .and_then(|s| order.iter().position(|h| *h == s));
    let next = match at {
        Some(i) => (i as i64 + i64::from(step)).clamp(0, order.len() as i64 - 1) as usize,
        None => 0,
    };
    v.selected = Some(order[next].to_string());
}
