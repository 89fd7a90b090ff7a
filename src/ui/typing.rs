//! Keys typed into a field just before a click belong to that field. egui 0.37 loses them two
//! ways, which this undoes:
//! - keys in the frame of the click: the focused text field gives its focus up as soon as it
//!   reads its style, before it reads the frame's keys; here it keeps the focus through that
//!   frame and gives it up at the end, as egui would have;
//! - keys that arrive after the click: an input method (ibus, fcitx, macOS) hands text over
//!   after the key press, and a fast click overtakes it; no field has the focus by then and
//!   egui drops the text. Here it goes back to the field the click took the focus from, if it
//!   arrives within [`LATE_KEYS`] of the click and the window still shows the same target.
//!
//! Only the focus moves: each text field takes its keys the way it always does.

use eframe::egui::{self, Context, Event, Id, ImeEvent, SurrenderFocusOn};

/// How long after a click took the focus from a field the keys typed before it may still
/// arrive (s).
pub const LATE_KEYS: f64 = 0.5;

/// What the window remembers of the text fields' focus between frames.
#[derive(Debug, Default)]
pub struct Typing {
    /// The text field with the keyboard focus at the end of the last frame.
    focused: Option<Id>,
    /// The field a click took the focus from.
    left: Option<Left>,
    /// This frame: the field given the focus back for keys that arrived late.
    routed: Option<Id>,
    /// This frame: the field that keeps the focus through a click until it has its keys, and
    /// egui's setting to put back.
    held: Option<(Id, SurrenderFocusOn)>,
    /// Keys typed after a click in the same frame, held for the next frame: they belong to
    /// where the click puts the focus (another field), never to the field it left.
    after_click: Vec<Event>,
}

#[derive(Debug)]
struct Left {
    id: Id,
    /// When (input time, s).
    at: f64,
    /// The target the window showed.
    scope: Option<String>,
}

impl Typing {
    /// Before anything is drawn: the field the frame's keys belong to gets or keeps the focus.
    /// `scope` names what the window shows (the selected target): keys are never carried to
    /// a field that now belongs to another.
    pub fn begin(&mut self, ctx: &Context, scope: Option<&str>) {
        self.routed = None;
        self.held = None;
        // Keys typed after last frame's click come first, now that the click has put the
        // focus where it goes; keys typed after this frame's click wait for the next.
        let held_back = std::mem::take(&mut self.after_click);
        self.after_click = ctx.input_mut(|i| {
            let first_button = i
                .events
                .iter()
                .position(|e| matches!(e, Event::PointerButton { .. }));
            let mut later = Vec::new();
            if let Some(at) = first_button {
                let mut k = 0;
                i.events.retain(|e| {
                    k += 1;
                    let after = k - 1 > at && is_typed(e);
                    if after {
                        later.push(e.clone());
                    }
                    !after
                });
            }
            if !held_back.is_empty() {
                i.events.splice(0..0, held_back);
            }
            later
        });
        if !self.after_click.is_empty() {
            ctx.request_repaint();
        }
        let (now, keys, click) = ctx.input(|i| {
            let keys = i.events.iter().any(is_typed);
            (i.time, keys, i.pointer.any_click())
        });
        if self.left.as_ref().is_some_and(|l| now - l.at > LATE_KEYS) {
            self.left = None;
        }
        if !keys {
            return;
        }
        let field = match ctx.memory(|m| m.focused()) {
            Some(id) => is_text_field(ctx, id).then_some(id),
            None => match &self.left {
                Some(l) if l.scope.as_deref() == scope => {
                    ctx.memory_mut(|m| m.request_focus(l.id));
                    self.routed = Some(l.id);
                    Some(l.id)
                }
                _ => None,
            },
        };
        if let Some(id) = field.filter(|_| click) {
            let was = ctx.options(|o| o.input_options.surrender_focus_on);
            ctx.options_mut(|o| o.input_options.surrender_focus_on = SurrenderFocusOn::Never);
            self.held = Some((id, was));
        }
    }

    /// After everything is drawn: the focus goes where the frame's clicks put it, and a click
    /// that takes it from a field is remembered.
    pub fn end(&mut self, ctx: &Context, scope: Option<&str>) {
        if let Some((id, was)) = self.held.take() {
            ctx.options_mut(|o| o.input_options.surrender_focus_on = was);
            // What egui does at a click elsewhere, now that the field has its keys.
            let elsewhere = !ctx.read_response(id).is_some_and(|r| r.hovered());
            if elsewhere {
                ctx.memory_mut(|m| m.surrender_focus(id));
            }
        } else if let Some(id) = self.routed {
            // The keys are in; the click that came before them still took the focus.
            ctx.memory_mut(|m| m.surrender_focus(id));
        }
        self.routed = None;
        let (now, pointer, click) = ctx.input(|i| {
            let p = &i.pointer;
            let pointer = p.any_click() || p.any_pressed() || p.any_released();
            (i.time, pointer, p.any_click())
        });
        let focused = ctx
            .memory(|m| m.focused())
            .filter(|id| is_text_field(ctx, *id));
        match (self.focused, focused) {
            (Some(id), None) if pointer => {
                self.left = Some(Left {
                    id,
                    at: now,
                    scope: scope.map(str::to_string),
                });
            }
            (_, Some(_)) => self.left = None,
            // Another click: the engineer has moved on (keys that came with it went back in
            // `begin`).
            (None, None) if click => self.left = None,
            _ => {}
        }
        self.focused = focused;
    }
}

/// Whether the widget with this id is a text field.
fn is_text_field(ctx: &Context, id: Id) -> bool {
    egui::text_edit::TextEditState::load(ctx, id).is_some()
}

/// Text that a field would take: typed, committed by an input method, or pasted.
fn is_typed(e: &Event) -> bool {
    let text = match e {
        Event::Text(t) | Event::Paste(t) | Event::Ime(ImeEvent::Commit(t)) => t,
        _ => return false,
    };
    !text.is_empty() && text != "\n" && text != "\r"
}
