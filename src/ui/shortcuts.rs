//! Every keyboard shortcut of the designer, in one table: the app and the outline take their keys
//! from it, the menus show it next to their items, and Help › Keyboard shortcuts lists it, all
//! with the platform's modifier names (Ctrl on Linux and Windows, Cmd on macOS).

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    New,
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    Delete,
    Rename,
    MoveTo,
    Search,
    /// Find on the canvas.
    Find,
    Fit,
    Help,
    /// Edit › Cut, Copy, Paste and Duplicate of teams and groups.
    Cut,
    Copy,
    Paste,
    Duplicate,
    /// In the outline, while it has the keyboard focus:
    OutlineUp,
    OutlineDown,
    OutlineCollapse,
    OutlineExpand,
    OutlineFirst,
    OutlineLast,
    OutlinePageUp,
    OutlinePageDown,
    OutlineOpen,
    OutlineToggle,
    /// In the outline's search field.
    ClearSearch,
}

/// One shortcut: its keys (a second way to press it, if any) and what it does in words.
pub struct Shortcut {
    pub act: Act,
    pub keys: KeyboardShortcut,
    pub also: Option<KeyboardShortcut>,
    pub what: &'static str,
}

const fn key(m: Modifiers, k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(m, k)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// The table.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut {
        act: Act::New,
        keys: key(CMD, Key::N),
        also: None,
        what: "New org",
    },
    Shortcut {
        act: Act::Open,
        keys: key(CMD, Key::O),
        also: None,
        what: "Open an org file or roster",
    },
    Shortcut {
        act: Act::Save,
        keys: key(CMD, Key::S),
        also: None,
        what: "Save",
    },
    Shortcut {
        act: Act::SaveAs,
        keys: key(CMD_SHIFT, Key::S),
        also: None,
        what: "Save as",
    },
    Shortcut {
        act: Act::Undo,
        keys: key(CMD, Key::Z),
        also: None,
        what: "Undo",
    },
    Shortcut {
        act: Act::Redo,
        keys: key(CMD_SHIFT, Key::Z),
        also: Some(key(CMD, Key::Y)),
        what: "Redo",
    },
    Shortcut {
        act: Act::Delete,
        keys: key(Modifiers::NONE, Key::Delete),
        also: None,
        what: "Delete the selected team, group or person",
    },
    Shortcut {
        act: Act::Rename,
        keys: key(Modifiers::NONE, Key::F2),
        also: None,
        what: "Rename the selection",
    },
    Shortcut {
        act: Act::MoveTo,
        keys: key(CMD, Key::M),
        also: None,
        what: "Move the selected team or group to…",
    },
    Shortcut {
        act: Act::Find,
        keys: key(CMD, Key::F),
        also: None,
        what: "Find on the canvas (Enter: next match, Shift+Enter: previous)",
    },
    Shortcut {
        act: Act::Search,
        keys: key(CMD_SHIFT, Key::F),
        also: None,
        what: "Search the outline",
    },
    Shortcut {
        act: Act::Fit,
        keys: key(CMD, Key::Num0),
        also: None,
        what: "Fit the whole org into view",
    },
    Shortcut {
        act: Act::Help,
        keys: key(Modifiers::NONE, Key::F1),
        also: None,
        what: "Keyboard shortcuts (this list)",
    },
    Shortcut {
        act: Act::Cut,
        keys: key(CMD, Key::X),
        also: None,
        what: "Cut the selected team or group (paste moves it)",
    },
    Shortcut {
        act: Act::Copy,
        keys: key(CMD, Key::C),
        also: None,
        what: "Copy the selected team or group",
    },
    Shortcut {
        act: Act::Paste,
        keys: key(CMD, Key::V),
        also: None,
        what: "Paste into the selected group",
    },
    Shortcut {
        act: Act::Duplicate,
        keys: key(CMD, Key::D),
        also: None,
        what: "Duplicate the selected team or group",
    },
    Shortcut {
        act: Act::OutlineUp,
        keys: key(Modifiers::NONE, Key::ArrowUp),
        also: None,
        what: "Outline: select the row above",
    },
    Shortcut {
        act: Act::OutlineDown,
        keys: key(Modifiers::NONE, Key::ArrowDown),
        also: None,
        what: "Outline: select the row below (from the search field: the first match)",
    },
    Shortcut {
        act: Act::OutlineCollapse,
        keys: key(Modifiers::NONE, Key::ArrowLeft),
        also: None,
        what: "Outline: collapse the row, or go to the group it is in",
    },
    Shortcut {
        act: Act::OutlineExpand,
        keys: key(Modifiers::NONE, Key::ArrowRight),
        also: None,
        what: "Outline: expand the row, or go to its first member",
    },
    Shortcut {
        act: Act::OutlineFirst,
        keys: key(Modifiers::NONE, Key::Home),
        also: None,
        what: "Outline: select the first row",
    },
    Shortcut {
        act: Act::OutlineLast,
        keys: key(Modifiers::NONE, Key::End),
        also: None,
        what: "Outline: select the last row",
    },
    Shortcut {
        act: Act::OutlinePageUp,
        keys: key(Modifiers::NONE, Key::PageUp),
        also: None,
        what: "Outline: select a page up",
    },
    Shortcut {
        act: Act::OutlinePageDown,
        keys: key(Modifiers::NONE, Key::PageDown),
        also: None,
        what: "Outline: select a page down",
    },
    Shortcut {
        act: Act::OutlineOpen,
        keys: key(Modifiers::NONE, Key::Enter),
        also: None,
        what: "Outline: open the row in the inspector; again: show it on the canvas",
    },
    Shortcut {
        act: Act::OutlineToggle,
        keys: key(Modifiers::NONE, Key::Space),
        also: None,
        what: "Outline: expand or collapse the row",
    },
    Shortcut {
        act: Act::ClearSearch,
        keys: key(Modifiers::NONE, Key::Escape),
        also: None,
        what: "Outline search: clear the search",
    },
];

/// The table row of an act.
pub fn get(act: Act) -> &'static Shortcut {
    SHORTCUTS
        .iter()
        .find(|s| s.act == act)
        .expect("every act has a shortcut")
}

/// Whether this is macOS, where the command key is Cmd.
pub fn is_mac(ctx: &egui::Context) -> bool {
    ctx.os() == egui::os::OperatingSystem::Mac
}

/// "Ctrl+S" (or "Cmd+S" on macOS).
pub fn format(keys: &KeyboardShortcut, mac: bool) -> String {
    keys.format(&ModifierNames::NAMES, mac)
}

/// The keys of an act as a menu shows them: "Ctrl+Shift+Z or Ctrl+Y".
pub fn text(ctx: &egui::Context, act: Act) -> String {
    let s = get(act);
    let mac = is_mac(ctx);
    match &s.also {
        Some(a) => format!("{} or {}", format(&s.keys, mac), format(a, mac)),
        None => format(&s.keys, mac),
    }
}

/// Whether the act's keys were pressed this frame; the keys are taken so nothing else sees them.
pub fn pressed(ctx: &egui::Context, act: Act) -> bool {
    let s = get(act);
    ctx.input_mut(|i| {
        consume_exact(i, &s.keys)
            || s.also.as_ref().is_some_and(|a| consume_exact(i, a))
            || consume_clipboard_event(i, act)
    })
}

/// Take a key press with exactly these modifiers out of the frame's input. (egui's own
/// `consume_shortcut` also takes Ctrl+Shift+F for Ctrl+F, so one shortcut would swallow
/// another.)
fn consume_exact(i: &mut egui::InputState, k: &KeyboardShortcut) -> bool {
    count_exact(i, k) > 0
}

/// Take every press of these keys out of the frame's input and say how many there were.
fn count_exact(i: &mut egui::InputState, k: &KeyboardShortcut) -> usize {
    let before = i.events.len();
    i.events.retain(|e| {
        !matches!(e, egui::Event::Key { key, pressed: true, modifiers, .. }
            if *key == k.logical_key && modifiers.matches_exact(k.modifiers))
    });
    before - i.events.len()
}

/// How many times a shortcut was pressed this frame (a fast typist or key repeat can press
/// an arrow twice within one frame), taking the presses.
pub fn presses(ctx: &egui::Context, act: Act) -> usize {
    let s = get(act);
    ctx.input_mut(|i| count_exact(i, &s.keys) + s.also.as_ref().map_or(0, |a| count_exact(i, a)))
}

/// A desktop window turns Ctrl+X, Ctrl+C and Ctrl+V into Cut, Copy and Paste events instead of
/// key presses (Ctrl+V only while the system clipboard holds text): take those for the acts.
fn consume_clipboard_event(i: &mut egui::InputState, act: Act) -> bool {
    let is_it = |e: &egui::Event| match act {
        Act::Cut => matches!(e, egui::Event::Cut),
        Act::Copy => matches!(e, egui::Event::Copy),
        Act::Paste => matches!(e, egui::Event::Paste(_)),
        _ => false,
    };
    let before = i.events.len();
    i.events.retain(|e| !is_it(e));
    i.events.len() != before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_platform() {
        let s = get(Act::SaveAs);
        assert_eq!(format(&s.keys, false), "Ctrl+Shift+S");
        assert_eq!(format(&s.keys, true), "Shift+Cmd+S");
        assert_eq!(format(&get(Act::Delete).keys, false), "Delete");
    }

    #[test]
    fn no_two_shortcuts_share_keys() {
        let mut seen = std::collections::HashSet::new();
        for s in SHORTCUTS {
            for k in std::iter::once(&s.keys).chain(s.also.as_ref()) {
                assert!(
                    seen.insert(format(k, false)),
                    "{} is used twice",
                    format(k, false)
                );
            }
        }
    }
}
