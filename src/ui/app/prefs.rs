//! Preferences kept between runs (eframe persistence): plain fields with their defaults, so a
//! reader sees each preference's value without knowing what `None` meant. Preferences stored by
//! earlier versions (every field an option, under the old key) are read once and carried over.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::export::{Options, Paper};
use crate::layout::Style;
use crate::ui::dialogs::DialogChoice;

/// Where the preferences are stored.
const PREFS_KEY: &str = "orgscale_preferences";
/// Where versions before plain fields stored them.
const OLD_PREFS_KEY: &str = "orgscale_prefs";

/// UI state kept between runs with eframe persistence.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    /// The file open when the designer last closed, opened again on start.
    pub last_file: Option<PathBuf>,
    /// Dark or light theme as the user chose in View; `None` until they do (the system's).
    pub dark_mode: Option<bool>,
    pub show_outline: bool,
    pub show_inspector: bool,
    pub show_findings: bool,
    pub layout: Style,
    /// Diagram exports mark findings.
    pub export_findings: bool,
    /// Pixels per canvas unit of PNG exports.
    pub export_scale: f32,
    /// Paper of PDF exports.
    pub export_paper: Paper,
    /// Which file dialog to use.
    pub file_dialog: DialogChoice,
    /// The canvas shows its minimap.
    pub show_minimap: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        let export = Options::default();
        Prefs {
            recent: Vec::new(),
            last_file: None,
            dark_mode: None,
            show_outline: true,
            show_inspector: true,
            show_findings: true,
            layout: Style::default(),
            export_findings: true,
            export_scale: export.scale,
            export_paper: export.paper,
            file_dialog: DialogChoice::default(),
            show_minimap: true,
        }
    }
}

/// The preferences as versions before plain fields stored them: `None` meant the default.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
struct OldPrefs {
    recent: Vec<PathBuf>,
    last_file: Option<PathBuf>,
    dark_mode: Option<bool>,
    show_outline: Option<bool>,
    show_inspector: Option<bool>,
    show_findings: Option<bool>,
    layout: Option<Style>,
    export_findings: Option<bool>,
    export_scale: Option<f32>,
    export_paper: Option<Paper>,
    file_dialog: Option<DialogChoice>,
    show_minimap: Option<bool>,
}

impl From<OldPrefs> for Prefs {
    fn from(old: OldPrefs) -> Self {
        let d = Prefs::default();
        Prefs {
            recent: old.recent,
            last_file: old.last_file,
            dark_mode: old.dark_mode,
            show_outline: old.show_outline.unwrap_or(d.show_outline),
            show_inspector: old.show_inspector.unwrap_or(d.show_inspector),
            show_findings: old.show_findings.unwrap_or(d.show_findings),
            layout: old.layout.unwrap_or(d.layout),
            export_findings: old.export_findings.unwrap_or(d.export_findings),
            export_scale: old.export_scale.unwrap_or(d.export_scale),
            export_paper: old.export_paper.unwrap_or(d.export_paper),
            file_dialog: old.file_dialog.unwrap_or(d.file_dialog),
            show_minimap: old.show_minimap.unwrap_or(d.show_minimap),
        }
    }
}

impl Prefs {
    /// The stored preferences: this version's, else an earlier version's carried over, else the
    /// defaults (also when what is stored cannot be read).
    pub fn load(storage: &dyn eframe::Storage) -> Self {
        eframe::get_value::<Prefs>(storage, PREFS_KEY)
            .or_else(|| eframe::get_value::<OldPrefs>(storage, OLD_PREFS_KEY).map(Prefs::from))
            .unwrap_or_default()
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, self);
    }

    /// Export options: the canvas' layout and the export preferences.
    pub fn export_options(&self, style: Style) -> Options {
        Options {
            style,
            findings: self.export_findings,
            scale: self.export_scale,
            paper: self.export_paper,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn preferences_round_trip_and_nothing_stored_gives_the_defaults() {
        let mut m = Memory::default();
        assert_eq!(Prefs::load(&m), Prefs::default());
        let d = Prefs::default();
        assert!(d.show_outline && d.show_inspector && d.show_findings && d.show_minimap);
        assert!(d.export_findings);
        let p = Prefs {
            show_minimap: false,
            layout: Style::Fractal,
            export_scale: 3.0,
            export_paper: Paper::Letter,
            ..Prefs::default()
        };
        p.store(&mut m);
        assert_eq!(Prefs::load(&m), p);
    }

    #[test]
    fn an_earlier_versions_preferences_are_carried_over() {
        let mut m = Memory::default();
        let old = OldPrefs {
            recent: vec![PathBuf::from("/tmp/acme.json")],
            dark_mode: Some(true),
            show_outline: Some(false),
            layout: Some(Style::Fractal),
            export_scale: Some(4.0),
            ..OldPrefs::default()
        };
        eframe::set_value(&mut m, OLD_PREFS_KEY, &old);
        let p = Prefs::load(&m);
        assert_eq!(p.recent, old.recent);
        assert_eq!(p.dark_mode, Some(true));
        assert!(!p.show_outline, "a stored choice stays");
        assert!(p.show_inspector, "an unset one takes the default");
        assert_eq!(p.layout, Style::Fractal);
        assert_eq!(p.export_scale, 4.0);
        assert_eq!(p.export_paper, Paper::default());
        // Unreadable preferences give the defaults rather than stopping the designer.
        let mut m = Memory::default();
        m.set_string_value(PREFS_KEY, "(show_outline: maybe)");
        assert_eq!(Prefs::load(&m), Prefs::default());
    }

    impl Memory {
        fn set_string_value(&mut self, key: &str, value: &str) {
            self.0.insert(key.to_string(), value.to_string());
        }
    }
}
