//! File dialogs. A [`FileRequest`] says what is asked (open, save, import, export), with its
//! filters, suggested name and start folder. The system's own dialog answers it off the UI thread
//! (behind the [`Dialogs`] trait, so tests can script it), or, where the system has none (a Linux
//! desktop without xdg-desktop-portal), orgscale's built-in dialog ([`builtin`]) answers it in
//! the window.

pub mod builtin;
pub mod portal;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use serde::{Deserialize, Serialize};

use crate::export::Format;

/// What a file question is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// An org file (or roster) to open.
    Open,
    /// Where to save the org file.
    Save,
    /// A CSV roster to import.
    Import,
    /// Where to write an export.
    Export(Format),
    /// An org file (or roster) to compare the design with.
    Compare,
    /// Where to write the changes of a comparison.
    ExportChanges(crate::ui::compare::ChangesFormat),
    /// Where to write the Events view's calendar (iCalendar).
    ExportEvents,
    /// Where to write the Cycles view's figure or a rating sheet.
    ExportCycles(crate::ui::cycles::CyclesFile),
    /// A filled rating sheet (CSV) to read in.
    ImportRatings,
}

/// One entry of a dialog's file-type list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub name: String,
    pub extensions: Vec<&'static str>,
}

impl Filter {
    fn new(name: &str, extensions: &[&'static str]) -> Self {
        Filter {
            name: name.to_string(),
            extensions: extensions.to_vec(),
        }
    }

    /// Whether a file name has one of this filter's extensions (case-insensitive).
    pub fn matches(&self, file_name: &str) -> bool {
        let ext = Path::new(file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        ext.is_some_and(|e| self.extensions.iter().any(|x| *x == e))
    }

    /// "orgscale org (*.json)".
    pub fn label(&self) -> String {
        let pats: Vec<String> = self.extensions.iter().map(|e| format!("*.{e}")).collect();
        format!("{} ({})", self.name, pats.join(", "))
    }
}

/// A question for a file dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRequest {
    pub purpose: Purpose,
    pub title: String,
    pub filters: Vec<Filter>,
    /// The file name offered in a save dialog.
    pub suggested_name: Option<String>,
    /// The folder the dialog opens in.
    pub folder: PathBuf,
}

impl FileRequest {
    /// The question for `purpose`, opening in `folder`, offering `suggested_name` when saving.
    pub fn new(purpose: Purpose, folder: PathBuf, suggested_name: &str) -> Self {
        let (title, filters) = match purpose {
            Purpose::Open => (
                "Open org".to_string(),
                vec![
                    Filter::new("Org files and rosters", &["json", "csv"]),
                    Filter::new("orgscale org", &["json"]),
                    Filter::new("CSV roster", &["csv"]),
                ],
            ),
            Purpose::Save => (
                "Save org".to_string(),
                vec![Filter::new("orgscale org", &["json"])],
            ),
            Purpose::Import => (
                "Import CSV roster".to_string(),
                vec![Filter::new("CSV roster", &["csv"])],
            ),
            Purpose::Export(f) => (
                format!("Export {}", f.label()),
                vec![Filter::new(f.label(), &[f.extension()])],
            ),
            Purpose::Compare => (
                "Compare with".to_string(),
                vec![
                    Filter::new("Org files and rosters", &["json", "csv"]),
                    Filter::new("orgscale org", &["json"]),
                    Filter::new("CSV roster", &["csv"]),
                ],
            ),
            Purpose::ExportChanges(f) => (
                format!("Export {}", f.label().to_lowercase()),
                vec![Filter::new(f.label(), &[f.extension()])],
            ),
            Purpose::ExportEvents => (
                "Export calendar".to_string(),
                vec![Filter::new("iCalendar", &["ics"])],
            ),
            Purpose::ExportCycles(f) => (
                format!("Export {}", f.what()),
                vec![Filter::new(f.label(), &[f.extension()])],
            ),
            Purpose::ImportRatings => (
                "Import ratings".to_string(),
                vec![Filter::new("Rating sheet", &["csv"])],
            ),
        };
        FileRequest {
            purpose,
            title,
            filters,
            suggested_name: self::is_save(purpose).then(|| suggested_name.to_string()),
            folder,
        }
    }

    /// Whether the dialog asks for a new file name (save, export) rather than an existing file.
    pub fn is_save(&self) -> bool {
        is_save(self.purpose)
    }

    /// The extension added to a typed name that has none.
    pub fn default_extension(&self) -> Option<&'static str> {
        match self.purpose {
            Purpose::Save => Some("json"),
            Purpose::Export(f) => Some(f.extension()),
            Purpose::ExportChanges(f) => Some(f.extension()),
            Purpose::ExportEvents => Some("ics"),
            Purpose::ExportCycles(f) => Some(f.extension()),
            Purpose::Open | Purpose::Import | Purpose::Compare | Purpose::ImportRatings => None,
        }
    }

    /// The chosen path with the default extension added when the user typed none.
    pub fn complete(&self, p: PathBuf) -> PathBuf {
        match self.default_extension() {
            Some(ext) if p.extension().is_none() => p.with_extension(ext),
            _ => p,
        }
    }
}

fn is_save(p: Purpose) -> bool {
    matches!(
        p,
        Purpose::Save
            | Purpose::Export(_)
            | Purpose::ExportChanges(_)
            | Purpose::ExportEvents
            | Purpose::ExportCycles(_)
    )
}

/// Which file dialog the designer uses (a preference).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DialogChoice {
    /// The system's dialog where it answers, else the built-in one.
    #[default]
    Automatic,
    /// Always the system's dialog.
    System,
    /// Always the built-in dialog.
    Builtin,
}

impl DialogChoice {
    pub const ALL: [DialogChoice; 3] = [
        DialogChoice::Automatic,
        DialogChoice::System,
        DialogChoice::Builtin,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DialogChoice::Automatic => "Automatic",
            DialogChoice::System => "System dialog",
            DialogChoice::Builtin => "Built-in dialog",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            DialogChoice::Automatic => {
                "The system's file dialog where the desktop has one, else orgscale's own"
            }
            DialogChoice::System => "Always the system's file dialog (xdg-desktop-portal on Linux)",
            DialogChoice::Builtin => "Always orgscale's own file dialog, inside the window",
        }
    }
}

/// The system's file dialogs. `show` never blocks: the answer arrives on the receiver, `None`
/// when the user cancelled.
pub trait Dialogs {
    /// Whether the system can show a file dialog here. Asked before every question; answered
    /// once and remembered.
    fn available(&mut self) -> bool;
    /// Show the system dialog for a question.
    fn show(&mut self, request: &FileRequest) -> Receiver<Option<PathBuf>>;
}

/// The system dialogs through rfd (xdg-desktop-portal on Linux), each on its own thread.
pub struct NativeDialogs {
    probe: portal::Probe,
}

impl NativeDialogs {
    /// Starts asking the session bus whether a portal answers, so the answer is ready by the
    /// time the first dialog is wanted.
    pub fn new() -> Self {
        NativeDialogs {
            probe: portal::Probe::start(),
        }
    }
}

impl Default for NativeDialogs {
    fn default() -> Self {
        Self::new()
    }
}

impl Dialogs for NativeDialogs {
    fn available(&mut self) -> bool {
        self.probe.answers()
    }

    fn show(&mut self, request: &FileRequest) -> Receiver<Option<PathBuf>> {
        let (tx, rx) = channel();
        let request = request.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let mut d = rfd::FileDialog::new()
                    .set_title(&request.title)
                    .set_directory(&request.folder);
                for f in &request.filters {
                    d = d.add_filter(&f.name, &f.extensions);
                }
                let chosen = if request.is_save() {
                    if let Some(name) = &request.suggested_name {
                        d = d.set_file_name(name);
                    }
                    d.save_file().map(|p| request.complete(p))
                } else {
                    d.pick_file()
                };
                let _ = tx.send(chosen);
            });
        if spawned.is_err() {
            // No thread, no dialog: the receiver reports a closed channel.
            log_thread_failure();
        }
        rx
    }
}

fn log_thread_failure() {
    eprintln!("orgscale: could not start a thread for the file dialog");
}

/// Scripted answers for tests: each question pops the next answer of its kind.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open: std::collections::VecDeque<Option<PathBuf>>,
    pub save: std::collections::VecDeque<Option<PathBuf>>,
    pub import: std::collections::VecDeque<Option<PathBuf>>,
    pub export: std::collections::VecDeque<Option<PathBuf>>,
    /// Every question asked of the system dialog, in order ("open", "save", "import", "export",
    /// "compare"; a compare question takes its answer from `open`).
    pub asked: std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>,
    /// Act as a desktop without a system file dialog (no portal).
    pub unavailable: bool,
    /// Act as a portal that takes the question and never answers.
    pub never_answer: bool,
    /// Senders of questions that are never answered, kept so their channels stay open.
    pub held: Vec<std::sync::mpsc::Sender<Option<PathBuf>>>,
    /// The last question asked, as the system dialog would have shown it.
    pub last_request: std::sync::Arc<std::sync::Mutex<Option<FileRequest>>>,
}

impl Dialogs for ScriptedDialogs {
    fn available(&mut self) -> bool {
        !self.unavailable
    }

    fn show(&mut self, request: &FileRequest) -> Receiver<Option<PathBuf>> {
        let (kind, queue) = match request.purpose {
            Purpose::Open => ("open", &mut self.open),
            Purpose::Save => ("save", &mut self.save),
            Purpose::Import | Purpose::ImportRatings => ("import", &mut self.import),
            Purpose::Export(_)
            | Purpose::ExportChanges(_)
            | Purpose::ExportEvents
            | Purpose::ExportCycles(_) => ("export", &mut self.export),
            Purpose::Compare => ("compare", &mut self.open),
        };
        self.asked.lock().expect("lock").push(kind);
        *self.last_request.lock().expect("lock") = Some(request.clone());
        let (tx, rx) = channel();
        if self.never_answer {
            self.held.push(tx);
        } else {
            let _ = tx.send(queue.pop_front().flatten());
        }
        rx
    }
}
