//! orgscale's own file dialog, drawn in the window, for desktops where the system has none.
//!
//! It behaves like a desktop file dialog: it opens in the folder of the current file, lists
//! folders first and then the files the selected type allows, and in a save dialog the file-name
//! field has the keyboard focus with the suggested name (without its extension) selected, so
//! typing a name and pressing Enter saves. Escape cancels. A name may also be a path (absolute,
//! `~/…`, or relative to the folder shown); a folder path opens that folder. Saving over an
//! existing file asks first.
//!
//! Why not the egui-file-dialog crate: it would bring its own state, icons and dependencies for a
//! dialog with a few hundred lines of behaviour, and it does not give the save dialog's name field
//! the focus with the name selected. Written here, the dialog uses the app's own widgets and
//! labels, which keeps it testable by label like the rest of the designer.

use std::path::{Component, Path, PathBuf};

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, RichText, Ui};

use super::FileRequest;

/// One row of the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The dialog's answer: the chosen file, or `None` when cancelled.
pub type Answer = Option<PathBuf>;

/// A built-in file dialog, open for one request.
pub struct BuiltinDialog {
    request: FileRequest,
    folder: PathBuf,
    entries: Vec<Entry>,
    /// Why the folder could not be listed, or why the name was not accepted.
    problem: Option<String>,
    name: String,
    filter: usize,
    show_hidden: bool,
    /// Put the focus in the name field (with the stem selected) on the next frame.
    focus_name: bool,
    /// A save over this existing file waits for "Replace".
    confirm_replace: Option<PathBuf>,
    /// The row last clicked.
    selected: Option<usize>,
    /// Why this dialog and not the system's, shown under the title.
    note: Option<String>,
}

const NAME_ID: &str = "builtin_file_dialog_name";

impl BuiltinDialog {
    pub fn new(request: FileRequest) -> Self {
        let folder = usable_folder(&request.folder);
        let name = request.suggested_name.clone().unwrap_or_default();
        let mut d = BuiltinDialog {
            request,
            folder,
            entries: Vec::new(),
            problem: None,
            name,
            filter: 0,
            show_hidden: false,
            focus_name: true,
            confirm_replace: None,
            selected: None,
            note: None,
        };
        d.refresh();
        d
    }

    /// Say under the title why this dialog is shown.
    pub fn set_note(&mut self, note: &str) {
        self.note = Some(note.to_string());
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Show the folder at `path` (with the name kept).
    fn enter(&mut self, path: PathBuf) {
        self.folder = path;
        self.selected = None;
        self.refresh();
    }

    fn refresh(&mut self) {
        self.problem = None;
        self.entries.clear();
        let read = match std::fs::read_dir(&self.folder) {
            Ok(r) => r,
            Err(e) => {
                self.problem = Some(format!(
                    "This folder cannot be read: {}",
                    crate::io::io_reason(&e)
                ));
                return;
            }
        };
        let filter = self.request.filters.get(self.filter);
        for e in read.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !self.show_hidden && name.starts_with('.') {
                continue;
            }
            // Follow links so a linked folder lists as a folder.
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            if is_dir || filter.is_none_or(|f| f.matches(&name)) {
                self.entries.push(Entry { name, is_dir });
            }
        }
        self.entries.sort_by(|a, b| {
            b.is_dir
                .cmp(&a.is_dir)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                .then_with(|| a.name.cmp(&b.name))
        });
    }

    /// What the name field points at: a path relative to the folder shown, absolute, or `~/…`.
    fn resolve(&self, typed: &str) -> PathBuf {
        let typed = typed.trim();
        let p = if let Some(rest) = typed.strip_prefix("~/").or((typed == "~").then_some("")) {
            home().map_or_else(|| PathBuf::from(typed), |h| h.join(rest))
        } else {
            PathBuf::from(typed)
        };
        let joined = if p.is_absolute() {
            p
        } else {
            self.folder.join(p)
        };
        normalise(&joined)
    }

    /// The user confirmed the name (Enter, or Save/Open). Returns the answer when it is final.
    fn confirm(&mut self) -> Option<Answer> {
        if self.name.trim().is_empty() {
            self.problem = Some("Type a file name first.".to_string());
            return None;
        }
        let target = self.resolve(&self.name);
        if target.is_dir() {
            // A folder typed or picked: go there, keep the suggested name for a save.
            self.enter(target);
            self.name = self.request.suggested_name.clone().unwrap_or_default();
            self.focus_name = true;
            return None;
        }
        if self.request.is_save() {
            let target = self.request.complete(target);
            match target.parent() {
                Some(parent) if parent.is_dir() => {}
                _ => {
                    self.problem = Some(format!(
                        "There is no folder {}.",
                        target.parent().unwrap_or(Path::new("/")).display()
                    ));
                    return None;
                }
            }
            if target.exists() {
                self.confirm_replace = Some(target);
                return None;
            }
            Some(Some(target))
        } else if target.is_file() {
            Some(Some(target))
        } else {
            self.problem = Some(format!("There is no file named {} here.", self.name.trim()));
            None
        }
    }

    /// One frame of the dialog. Returns the answer once the user has chosen or cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let mut answer = None;
        // Enter confirms wherever the focus is: in the name field, or on a row just clicked.
        let enter = self.confirm_replace.is_none() && ctx.input(|i| i.key_pressed(Key::Enter));
        let title = self.request.title.clone();
        let modal = egui::Modal::new(Id::new("builtin_file_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&title);
            if let Some(n) = &self.note {
                ui.label(RichText::new(n).weak());
            }
            ui.add_space(4.0);
            self.location_row(ui);
            ui.add_space(4.0);
            if let Some(a) = self.listing(ui) {
                answer = Some(a);
            }
            ui.add_space(6.0);
            self.name_row(ui);
            if let Some(p) = &self.problem {
                ui.label(RichText::new(p).color(crate::ui::cards::severity_color(
                    crate::rules::Severity::Error,
                )));
            }
            ui.add_space(6.0);
            if let Some(a) = self.buttons(ui) {
                answer = Some(a);
            }
        });
        if enter && answer.is_none() {
            answer = self.confirm();
            if answer.is_none() {
                self.focus_name = self.confirm_replace.is_none();
            }
        }
        if let Some(target) = self.confirm_replace.clone() {
            let name = target
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let mut choice = None;
            egui::Modal::new(Id::new("builtin_file_dialog_replace")).show(ctx, |ui| {
                ui.heading("Replace file?");
                ui.label(format!(
                    "{name} already exists in {}. Replace it?",
                    target.parent().unwrap_or(Path::new("")).display()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        choice = Some(true);
                    }
                    if ui.button("Keep it").clicked() {
                        choice = Some(false);
                    }
                });
            });
            match choice {
                Some(true) => return Some(Some(target)),
                Some(false) => {
                    self.confirm_replace = None;
                    self.focus_name = true;
                }
                None => {}
            }
            return None;
        }
        if answer.is_none() && modal.should_close() {
            answer = Some(None);
        }
        answer
    }

    fn location_row(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let parent = self.folder.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new("⬆ Up"))
                .on_hover_text("The folder above")
                .clicked()
                && let Some(p) = parent
            {
                self.enter(p);
            }
            if let Some(h) = home()
                && ui
                    .button("Home")
                    .on_hover_text(h.display().to_string())
                    .clicked()
            {
                self.enter(h);
            }
            if let Ok(cwd) = std::env::current_dir()
                && ui
                    .button("Working folder")
                    .on_hover_text(cwd.display().to_string())
                    .clicked()
            {
                self.enter(cwd);
            }
            if ui.checkbox(&mut self.show_hidden, "Hidden files").changed() {
                self.refresh();
            }
        });
        ui.label(RichText::new(self.folder.display().to_string()).monospace())
            .on_hover_text("The folder shown");
    }

    fn listing(&mut self, ui: &mut Ui) -> Option<Answer> {
        let mut answer = None;
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_height(260.0);
            ui.set_width(ui.available_width());
            if self.entries.is_empty() && self.problem.is_none() {
                ui.label(RichText::new("No matching files in this folder").weak());
            }
            let mut go = None;
            let mut pick = None;
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_h, self.entries.len(), |ui, range| {
                    for i in range {
                        let e = &self.entries[i];
                        let text = if e.is_dir {
                            format!("🗀 {}", e.name)
                        } else {
                            format!("🗋 {}", e.name)
                        };
                        let r = ui.selectable_label(self.selected == Some(i), text);
                        if r.double_clicked() {
                            if e.is_dir {
                                go = Some(self.folder.join(&e.name));
                            } else {
                                pick = Some((i, true));
                            }
                        } else if r.clicked() {
                            pick = Some((i, false));
                        }
                    }
                });
            if let Some(p) = go {
                self.enter(p);
            } else if let Some((i, confirm)) = pick {
                self.selected = Some(i);
                let e = self.entries[i].clone();
                if !e.is_dir {
                    self.name = e.name;
                }
                if e.is_dir && !confirm {
                    // One click on a folder selects it; Enter or a double click opens it.
                } else if confirm {
                    answer = self.confirm();
                }
            }
        });
        answer
    }

    fn name_row(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let id = Id::new(NAME_ID);
            let mut out = egui::TextEdit::singleline(&mut self.name)
                .id(id)
                .desired_width(ui.available_width() - 8.0)
                .show(ui);
            let response = out.response.response.clone().labelled_by(label.id);
            if self.focus_name {
                self.focus_name = false;
                response.request_focus();
                // Select the name without its extension, as desktop save dialogs do.
                let stem_len = Path::new(&self.name)
                    .file_stem()
                    .filter(|_| self.request.is_save())
                    .map_or(self.name.chars().count(), |s| {
                        s.to_string_lossy().chars().count()
                    });
                out.state.cursor.set_char_range(Some(CCursorRange::two(
                    CCursor::new(0),
                    CCursor::new(stem_len),
                )));
                out.state.store(ui.ctx(), id);
            }
            if response.changed() {
                self.problem = None;
            }
        });
        if self.request.filters.len() > 1 {
            ui.horizontal(|ui| {
                ui.label("Type");
                let current = self.request.filters[self.filter].label();
                let mut chosen = self.filter;
                egui::ComboBox::from_id_salt("builtin_file_dialog_type")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (i, f) in self.request.filters.iter().enumerate() {
                            ui.selectable_value(&mut chosen, i, f.label());
                        }
                    });
                if chosen != self.filter {
                    self.filter = chosen;
                    self.refresh();
                }
            });
        } else if let Some(f) = self.request.filters.first() {
            ui.label(RichText::new(format!("Type: {}", f.label())).weak());
        }
    }

    fn buttons(&mut self, ui: &mut Ui) -> Option<Answer> {
        let mut answer = None;
        ui.horizontal(|ui| {
            let verb = if self.request.is_save() {
                "Save"
            } else {
                "Open"
            };
            if ui
                .add_enabled(!self.name.trim().is_empty(), egui::Button::new(verb))
                .clicked()
            {
                answer = self.confirm();
            }
            if ui.button("Cancel").clicked() {
                answer = Some(None);
            }
            ui.label(
                RichText::new("Enter to confirm, Escape to cancel")
                    .weak()
                    .small(),
            );
        });
        answer
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
}

/// The folder to open in: the requested one if it is a folder, else the working folder, else the
/// file system's root.
fn usable_folder(requested: &Path) -> PathBuf {
    if requested.is_dir() {
        return normalise(requested);
    }
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
}

/// `a/./b/../c` as `a/c`, without touching the disk.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::dialogs::Purpose;

    fn dialog(dir: &Path, purpose: Purpose) -> BuiltinDialog {
        BuiltinDialog::new(FileRequest::new(purpose, dir.to_path_buf(), "acme.json"))
    }

    #[test]
    fn lists_folders_first_then_the_files_the_type_allows() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("zeta")).unwrap();
        std::fs::write(dir.path().join("b.json"), "{}").unwrap();
        std::fs::write(dir.path().join("A.csv"), "").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        std::fs::write(dir.path().join(".hidden.json"), "").unwrap();
        let d = dialog(dir.path(), Purpose::Open);
        let names: Vec<&str> = d.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["zeta", "A.csv", "b.json"]);
        let d = dialog(dir.path(), Purpose::Save);
        let names: Vec<&str> = d.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["zeta", "b.json"]);
    }

    #[test]
    fn a_typed_name_gets_the_extension_and_a_folder_name_opens_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("plans")).unwrap();
        let mut d = dialog(dir.path(), Purpose::Save);
        d.name = "plans".into();
        assert_eq!(d.confirm(), None);
        assert_eq!(d.folder(), dir.path().join("plans"));
        assert_eq!(d.name, "acme.json", "the suggested name comes back");
        d.name = "next-year".into();
        assert_eq!(
            d.confirm(),
            Some(Some(dir.path().join("plans").join("next-year.json")))
        );
        d.name = "../top.json".into();
        assert_eq!(d.confirm(), Some(Some(dir.path().join("top.json"))));
    }

    #[test]
    fn saving_over_a_file_asks_and_a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("acme.json"), "{}").unwrap();
        let mut d = dialog(dir.path(), Purpose::Save);
        assert_eq!(d.confirm(), None);
        assert_eq!(d.confirm_replace, Some(dir.path().join("acme.json")));
        let mut d = dialog(dir.path(), Purpose::Save);
        d.name = "nowhere/x.json".into();
        assert_eq!(d.confirm(), None);
        assert!(d.problem.as_deref().unwrap().contains("There is no folder"));
    }

    #[test]
    fn opening_needs_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("org.json"), "{}").unwrap();
        let mut d = dialog(dir.path(), Purpose::Open);
        d.name = "missing.json".into();
        assert_eq!(d.confirm(), None);
        assert!(d.problem.as_deref().unwrap().contains("missing.json"));
        d.name = "org.json".into();
        assert_eq!(d.confirm(), Some(Some(dir.path().join("org.json"))));
    }

    #[test]
    fn an_unreadable_start_folder_falls_back_to_the_working_folder() {
        let d = dialog(Path::new("/no/such/folder"), Purpose::Open);
        assert_eq!(d.folder(), std::env::current_dir().unwrap());
    }
}
