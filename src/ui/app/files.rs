//! Files: open, save, save as, the file questions (system or built-in dialog) and what waits
//! for their answers (quitting, opening another file).

use super::*;

impl DesignerApp {
    /// Open an org file or roster, replacing the document. On failure the current document stays
    /// and the error is shown.
    pub fn open_path(&mut self, path: &Path) {
        match io::load(path) {
            Ok(org) => {
                let is_json = io::InputKind::of(path) == io::InputKind::Json;
                self.replace_document(Document::new(org, is_json.then(|| path.to_path_buf())));
                if is_json {
                    self.remember(path);
                    self.status = format!("Opened {}", path.display());
                } else {
                    self.doc.mark_unsaved();
                    self.status = format!(
                        "Imported {}; save it as an org file to keep it",
                        path.display()
                    );
                }
            }
            Err(e) => self.show_load_error(&e),
        }
    }

    pub(super) fn show_load_error(&mut self, e: &LoadError) {
        self.error = Some(format!(
            "Could not open the file. Nothing was changed.\n\n{e}"
        ));
        self.status = "Open failed; the current org is unchanged".to_string();
    }

    pub(super) fn replace_document(&mut self, mut doc: Document) {
        doc.set_style(self.prefs.layout);
        self.doc = doc;
        self.selection = None;
        self.canvas = Canvas::default();
        self.outline = Outline::default();
        // A comparison belongs to the design it was made for; so do the rounds the Cycles view
        // shows.
        self.compare = None;
        self.comparing = None;
        self.cycles = Default::default();
        self.clear_recovery();
    }

    pub(super) fn remember(&mut self, path: &Path) {
        let p = path.to_path_buf();
        self.prefs.recent.retain(|r| r != &p);
        self.prefs.recent.insert(0, p.clone());
        self.prefs.recent.truncate(RECENT_MAX);
        self.prefs.last_file = Some(p);
    }

    /// Save to the document's file, or ask where. Returns whether it was saved now (false while
    /// a file dialog is asking where).
    pub fn save(&mut self) -> bool {
        self.save_then(None)
    }

    /// Save, then carry out `then` (quit, open, ...) once the save has worked.
    pub(super) fn save_then(&mut self, then: Option<Pending>) -> bool {
        match self.doc.path().map(Path::to_path_buf) {
            Some(p) => {
                let saved = self.save_to(&p);
                if saved && let Some(next) = then {
                    self.proceed(next);
                }
                saved
            }
            None => self.ask(Purpose::Save, then),
        }
    }

    /// Ask where to save, then save. Returns whether it was saved now.
    pub fn save_as(&mut self) -> bool {
        self.ask(Purpose::Save, None)
    }

    /// The folder file dialogs open in: the current file's, else the working folder.
    pub(super) fn dialog_folder(&self) -> PathBuf {
        self.doc
            .path()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The file name a save or export dialog offers.
    pub(super) fn suggested_name(&self, purpose: Purpose) -> String {
        let name = self.doc.display_name();
        let stem = Path::new(&name)
            .file_stem()
            .map_or_else(|| "org".to_string(), |s| s.to_string_lossy().into_owned());
        match purpose {
            Purpose::Export(f) => format!("{stem}.{}", f.extension()),
            Purpose::ExportChanges(f) => format!("{stem}-changes.{}", f.extension()),
            Purpose::ExportEvents => format!("{stem}-events.ics"),
            Purpose::ExportCycles(f) => match f {
                crate::ui::cycles::CyclesFile::BlankSheet
                | crate::ui::cycles::CyclesFile::FilledSheet => format!("{stem}-ratings.csv"),
                _ => format!("{stem}-cycles.{}", f.extension()),
            },
            _ => format!("{stem}.json"),
        }
    }

    /// Whether file questions go to the built-in dialog: by preference, or because the system
    /// has no file dialog here.
    pub(super) fn use_builtin_dialog(&mut self) -> bool {
        match self.prefs.file_dialog {
            DialogChoice::Builtin => true,
            DialogChoice::System => false,
            DialogChoice::Automatic => !self.dialogs.available(),
        }
    }

    /// Ask a file question. The answer is handled when it comes ([`Self::answered`]); a system
    /// dialog runs on its own thread and is polled every frame, so the window keeps drawing.
    /// Returns whether the whole action finished at once (a scripted or instant answer).
    pub(super) fn ask(&mut self, purpose: Purpose, then: Option<Pending>) -> bool {
        if self.file_dialog.is_some() {
            self.status = "A file dialog is already open; finish it first.".to_string();
            return false;
        }
        let request =
            FileRequest::new(purpose, self.dialog_folder(), &self.suggested_name(purpose));
        let shown = if self.use_builtin_dialog() {
            let mut d = BuiltinDialog::new(request.clone());
            if self.prefs.file_dialog == DialogChoice::Automatic {
                d.set_note(
                    "This desktop has no system file dialog (no xdg-desktop-portal answers), so \
                     orgscale shows its own. File › File dialog changes this.",
                );
            }
            Shown::Builtin(Box::new(d))
        } else {
            let rx = self.dialogs.show(&request);
            // An answer that is already there (scripted, or a dialog that failed to start) is
            // taken at once.
            match rx.try_recv() {
                Ok(answer) => return self.answered(&request, then, answer),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.error = Some(
                        "The system file dialog could not be started. Choose the built-in \
                         dialog under File › File dialog and try again."
                            .to_string(),
                    );
                    return false;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    self.status = format!("{}: waiting for the system file dialog…", request.title);
                    Shown::System(rx)
                }
            }
        };
        self.file_dialog = Some(OpenDialog {
            request,
            then,
            shown,
        });
        false
    }

    /// Show or poll the open file dialog and act on its answer.
    pub(super) fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(mut open) = self.file_dialog.take() else {
            return;
        };
        let answer = match &mut open.shown {
            Shown::System(rx) => match rx.try_recv() {
                Ok(a) => Some(a),
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    None
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.error = Some(
                        "The system file dialog closed without an answer. Nothing was changed."
                            .to_string(),
                    );
                    self.status =
                        format!("{}: no answer from the system dialog", open.request.title);
                    return;
                }
            },
            Shown::Builtin(d) => d.ui(ctx),
        };
        match answer {
            None => self.file_dialog = Some(open),
            Some(a) => {
                let quit = open.then == Some(Pending::Quit);
                let done = self.answered(&open.request, open.then, a);
                if done && quit {
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
        }
    }

    /// Act on a file dialog's answer (`None`: the user cancelled). Returns whether the action
    /// (and what waited for it) was carried out.
    pub(super) fn answered(
        &mut self,
        request: &FileRequest,
        then: Option<Pending>,
        answer: Option<PathBuf>,
    ) -> bool {
        let Some(path) = answer else {
            self.status = match (request.purpose, &then) {
                (Purpose::Save, Some(Pending::Quit)) => {
                    "Save cancelled, so orgscale stays open with your changes.".to_string()
                }
                (Purpose::Save, Some(_)) => {
                    "Save cancelled; nothing else was done and your changes are still open."
                        .to_string()
                }
                (Purpose::Save, None) => "Save cancelled; nothing was written.".to_string(),
                (Purpose::Export(_), _) => "Export cancelled; nothing was written.".to_string(),
                (Purpose::Open, _) => "Open cancelled.".to_string(),
                (Purpose::Import, _) => "Import cancelled.".to_string(),
                (Purpose::Compare, _) => "Compare cancelled.".to_string(),
                (
                    Purpose::ExportChanges(_) | Purpose::ExportEvents | Purpose::ExportCycles(_),
                    _,
                ) => "Export cancelled; nothing was written.".to_string(),
                (Purpose::ImportRatings, _) => {
                    "Import cancelled; the ratings are as they were.".to_string()
                }
            };
            return false;
        };
        match request.purpose {
            Purpose::Open => {
                self.open_path(&path);
                true
            }
            Purpose::Import => {
                if self.doc.is_dirty() {
                    self.pending = Some(Pending::Open(Some(path)));
                    false
                } else {
                    self.open_path(&path);
                    true
                }
            }
            Purpose::Save => {
                let path = request.complete(path);
                if !self.save_to(&path) {
                    return false;
                }
                if let Some(next) = then {
                    self.proceed(next);
                }
                true
            }
            Purpose::Export(format) => self.start_export(format, request.complete(path)),
            Purpose::Compare => self.compare_with_file(&path),
            Purpose::ExportChanges(format) => self.export_changes(format, &request.complete(path)),
            Purpose::ExportEvents => self.export_events(&request.complete(path)),
            Purpose::ExportCycles(f) => self.export_cycles(f, &request.complete(path)),
            Purpose::ImportRatings => self.import_ratings(&path),
        }
    }

    /// Whether a file dialog is on screen (or the system's is being waited for).
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog.is_some()
    }

    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match io::json::save(self.doc.org(), path) {
            Ok(()) => {
                self.doc.saved_as(path.to_path_buf());
                self.remember(path);
                self.clear_recovery();
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.error = Some(format!(
                    "Could not save {}: {}.\n\nYour changes are still open; try another place.",
                    path.display(),
                    io::io_reason(&e)
                ));
                false
            }
        }
    }

    /// Run a file action, asking first when there are unsaved changes.
    pub fn request(&mut self, what: Pending) {
        if self.doc.is_dirty() && what != Pending::Import {
            self.pending = Some(what);
        } else {
            self.proceed(what);
        }
    }

    pub(super) fn proceed(&mut self, what: Pending) {
        match what {
            Pending::New => {
                self.replace_document(Document::new(Org::new("New organisation"), None));
                self.status = "New organisation".to_string();
            }
            Pending::Sample => {
                self.replace_document(sample_document());
                self.status = "Opened the built-in sample org".to_string();
            }
            Pending::Open(Some(p)) => self.open_path(&p),
            Pending::Open(None) => {
                self.ask(Purpose::Open, None);
            }
            Pending::Import => {
                self.ask(Purpose::Import, None);
            }
            Pending::Quit => {
                self.allow_close = true;
                self.clear_recovery();
            }
        }
    }

    pub(super) fn finish_pending(&mut self, p: Pending, ui: &Ui) {
        let quit = p == Pending::Quit;
        self.proceed(p);
        if quit {
            ui.ctx().send_viewport_cmd(ViewportCommand::Close);
        }
    }
}
