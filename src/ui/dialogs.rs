//! File dialogs behind a small trait, so tests can answer them without a desktop.

use std::path::PathBuf;

use crate::export::Format;

/// The file dialogs the designer needs.
pub trait Dialogs {
    /// Ask for an org file to open.
    fn open_org(&mut self) -> Option<PathBuf>;
    /// Ask where to save an org file.
    fn save_org(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// Ask for a CSV roster to import.
    fn import_roster(&mut self) -> Option<PathBuf>;
    /// Ask where to write an export in a format.
    fn export_to(&mut self, format: Format, suggested_name: &str) -> Option<PathBuf>;
}

/// A chosen path with the format's extension added when the user typed none.
fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_none() {
        p.with_extension(ext)
    } else {
        p
    }
}

/// Native dialogs through rfd (xdg-desktop-portal on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open_org(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open org")
            .add_filter("orgscale org", &["json"])
            .add_filter("CSV roster", &["csv"])
            .pick_file()
    }

    fn save_org(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save org")
            .add_filter("orgscale org", &["json"])
            .set_file_name(suggested_name)
            .save_file()
            .map(|p| with_extension(p, "json"))
    }

    fn export_to(&mut self, format: Format, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(format!("Export {}", format.label()))
            .add_filter(format.label(), &[format.extension()])
            .set_file_name(suggested_name)
            .save_file()
            .map(|p| with_extension(p, format.extension()))
    }

    fn import_roster(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import CSV roster")
            .add_filter("CSV roster", &["csv"])
            .pick_file()
    }
}

/// Scripted answers for tests: each call pops the next answer of its kind.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open: std::collections::VecDeque<Option<PathBuf>>,
    pub save: std::collections::VecDeque<Option<PathBuf>>,
    pub import: std::collections::VecDeque<Option<PathBuf>>,
    pub export: std::collections::VecDeque<Option<PathBuf>>,
    /// Every question asked, in order ("open", "save", "import", "export").
    pub asked: std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>,
}

impl Dialogs for ScriptedDialogs {
    fn open_org(&mut self) -> Option<PathBuf> {
        self.asked.lock().expect("lock").push("open");
        self.open.pop_front().flatten()
    }
    fn save_org(&mut self, _: &str) -> Option<PathBuf> {
        self.asked.lock().expect("lock").push("save");
        self.save.pop_front().flatten()
    }
    fn import_roster(&mut self) -> Option<PathBuf> {
        self.asked.lock().expect("lock").push("import");
        self.import.pop_front().flatten()
    }
    fn export_to(&mut self, _: Format, _: &str) -> Option<PathBuf> {
        self.asked.lock().expect("lock").push("export");
        self.export.pop_front().flatten()
    }
}
