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
    Fit,
    Help,
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
        act: Act::Search,
        keys: key(CMD, Key::F),
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
        i.consume_shortcut(&s.keys) || s.also.as_ref().is_some_and(|a| i.consume_shortcut(a))
    })
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
