//! The designer app: menus, panels, canvas, files, undo, autosave and recovery.

use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui, ViewportCommand};
use serde::{Deserialize, Serialize};

use super::canvas::{Canvas, CanvasEvent};
use super::dialogs::builtin::BuiltinDialog;
use super::dialogs::{DialogChoice, Dialogs, FileRequest, Purpose};
use super::document::Document;
use super::findings::FindingsPanel;
use super::growth::GrowthView;
use super::inspector::Inspector;
use super::outline::Outline;
pub use super::recovery::{AUTOSAVE_SECS, Recovery};
use super::recovery::{Autosaver, now_unix};
use super::{Action, PanelCtx, SAMPLE_JSON, SAMPLE_NAME, Selection};
use crate::io::{self, LoadError};
use crate::model::{Command, Org, Unit};

const RECENT_MAX: usize = 8;
const PREFS_KEY: &str = "orgscale_prefs";

/// UI state kept between runs with eframe persistence.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub last_file: Option<PathBuf>,
    pub dark_mode: Option<bool>,
    pub show_outline: Option<bool>,
    pub show_inspector: Option<bool>,
    pub show_findings: Option<bool>,
    pub layout: Option<crate::layout::Style>,
    /// Diagram exports mark findings.
    pub export_findings: Option<bool>,
    /// Pixels per canvas unit of PNG exports.
    pub export_scale: Option<f32>,
    /// Paper of PDF exports.
    pub export_paper: Option<crate::export::Paper>,
    /// Which file dialog to use.
    pub file_dialog: Option<DialogChoice>,
    /// The canvas shows its minimap.
    pub show_minimap: Option<bool>,
}

impl Prefs {
    /// Export options: the canvas' layout and the export preferences.
    pub fn export_options(&self, style: crate::layout::Style) -> crate::export::Options {
        let d = crate::export::Options::default();
        crate::export::Options {
            style,
            findings: self.export_findings.unwrap_or(true),
            scale: self.export_scale.unwrap_or(d.scale),
            paper: self.export_paper.unwrap_or(d.paper),
        }
    }
}

/// What the unsaved-changes question was asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Sample,
    Open(Option<PathBuf>),
    Import,
    Quit,
}

/// What fills the centre of the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MainView {
    /// The design canvas.
    #[default]
    Design,
    /// The Growth view.
    Growth,
}

/// The designer.
pub struct DesignerApp {
    pub doc: Document,
    pub canvas: Canvas,
    pub outline: Outline,
    pub inspector: Inspector,
    pub findings: FindingsPanel,
    /// The main view shown, and the Growth view's state.
    pub view: MainView,
    pub growth: GrowthView,
    pub selection: Option<Selection>,
    pub status: String,
    pub prefs: Prefs,
    dialogs: Box<dyn Dialogs>,
    /// Writes the recovery file; none disables autosave (e.g. no data folder).
    autosaver: Option<Autosaver>,
    /// A recovery file found at start, waiting for the user's answer.
    pub offered_recovery: Option<Recovery>,
    pub pending: Option<Pending>,
    pub error: Option<String>,
    allow_close: bool,
    last_autosave: f64,
    title: String,
    show_rules: bool,
    /// An export running on a worker thread.
    export_job: Option<ExportJob>,
    /// The file dialog on screen, if any.
    file_dialog: Option<OpenDialog>,
    /// The Help window's page, while it is open.
    pub help: Option<super::help::Page>,
}

/// A file question being answered, and what to do after a save.
struct OpenDialog {
    request: FileRequest,
    /// What waits for a successful save (quitting, opening another file, ...).
    then: Option<Pending>,
    shown: Shown,
}

enum Shown {
    /// The system dialog, running on its own thread.
    System(std::sync::mpsc::Receiver<Option<PathBuf>>),
    /// The built-in dialog, drawn in the window.
    Builtin(Box<BuiltinDialog>),
}

/// An export being made and written off the UI thread (a 10,000-team PDF takes seconds).
struct ExportJob {
    path: PathBuf,
    format: crate::export::Format,
    done: std::sync::mpsc::Receiver<Result<usize, String>>,
}


/// The sample org, as a document not tied to any file.
pub fn sample_document() -> Document {
    let org =
        io::json::from_str(Path::new(SAMPLE_NAME), SAMPLE_JSON).expect("the embedded sample loads");
    let mut doc = Document::new(org, None);
    doc.set_display_name(SAMPLE_NAME);
    doc
}

impl DesignerApp {
    /// An app on a document, with given dialogs and recovery location (tests use this).
    pub fn new(doc: Document, dialogs: Box<dyn Dialogs>, recovery_path: Option<PathBuf>) -> Self {
        let mut app = DesignerApp {
            doc,
            canvas: Canvas::default(),
            outline: Outline::default(),
            inspector: Inspector::default(),
            findings: FindingsPanel::default(),
            view: MainView::Design,
            growth: GrowthView::default(),
            selection: None,
            status: String::new(),
            prefs: Prefs::default(),
            dialogs,
            autosaver: recovery_path.map(Autosaver::new),
            offered_recovery: None,
            pending: None,
            error: None,
            allow_close: false,
            last_autosave: 0.0,
            title: String::new(),
            show_rules: false,
            export_job: None,
            file_dialog: None,
            help: None,
        };
        app.offered_recovery = app.read_recovery();
        app
    }

    /// Build from eframe: restore preferences, open `path` (or the last file, or the sample).
    pub fn from_creation(
        cc: &eframe::CreationContext<'_>,
        path: Option<PathBuf>,
        dialogs: Box<dyn Dialogs>,
    ) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        if let Some(dark) = prefs.dark_mode {
            cc.egui_ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
        }
        let recovery = eframe::storage_dir("orgscale").map(|d| d.join("recovery.json"));
        let mut app = DesignerApp::new(sample_document(), dialogs, recovery);
        app.prefs = prefs;
        if let Some(style) = app.prefs.layout {
            app.doc.set_style(style);
        }
        let start = path.or_else(|| app.prefs.last_file.clone().filter(|p| p.exists()));
        if let Some(p) = start {
            app.open_path(&p);
        }
        app
    }

    // ---- files --------------------------------------------------------------------------------

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

    fn show_load_error(&mut self, e: &LoadError) {
        self.error = Some(format!(
            "Could not open the file. Nothing was changed.\n\n{e}"
        ));
        self.status = "Open failed; the current org is unchanged".to_string();
    }

    fn replace_document(&mut self, mut doc: Document) {
        doc.set_style(self.prefs.layout.unwrap_or_default());
        self.doc = doc;
        self.selection = None;
        self.canvas = Canvas::default();
        self.outline = Outline::default();
        self.clear_recovery();
    }

    fn remember(&mut self, path: &Path) {
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
    fn save_then(&mut self, then: Option<Pending>) -> bool {
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
    fn dialog_folder(&self) -> PathBuf {
        self.doc
            .path()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The file name a save or export dialog offers.
    fn suggested_name(&self, purpose: Purpose) -> String {
        let name = self.doc.display_name();
        let stem = Path::new(&name)
            .file_stem()
            .map_or_else(|| "org".to_string(), |s| s.to_string_lossy().into_owned());
        match purpose {
            Purpose::Export(f) => format!("{stem}.{}", f.extension()),
            _ => format!("{stem}.json"),
        }
    }

    /// Whether file questions go to the built-in dialog: by preference, or because the system
    /// has no file dialog here.
    fn use_builtin_dialog(&mut self) -> bool {
        match self.prefs.file_dialog.unwrap_or_default() {
            DialogChoice::Builtin => true,
            DialogChoice::System => false,
            DialogChoice::Automatic => !self.dialogs.available(),
        }
    }

    /// Ask a file question. The answer is handled when it comes ([`Self::answered`]); a system
    /// dialog runs on its own thread and is polled every frame, so the window keeps drawing.
    /// Returns whether the whole action finished at once (a scripted or instant answer).
    fn ask(&mut self, purpose: Purpose, then: Option<Pending>) -> bool {
        if self.file_dialog.is_some() {
            self.status = "A file dialog is already open; finish it first.".to_string();
            return false;
        }
        let request =
            FileRequest::new(purpose, self.dialog_folder(), &self.suggested_name(purpose));
        let shown = if self.use_builtin_dialog() {
            let mut d = BuiltinDialog::new(request.clone());
            if self.prefs.file_dialog.unwrap_or_default() == DialogChoice::Automatic {
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
    fn poll_dialog(&mut self, ctx: &egui::Context) {
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
    fn answered(
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
        }
    }

    /// Whether a file dialog is on screen (or the system's is being waited for).
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog.is_some()
    }

    fn save_to(&mut self, path: &Path) -> bool {
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

    /// Export the org in a format, asking where. Diagrams use the canvas' layout. The file is made
    /// and written on a worker thread; the status bar shows progress and the result.
    pub fn export(&mut self, format: crate::export::Format) -> bool {
        if let Some(job) = &self.export_job {
            self.status = format!(
                "Still exporting {}; try again when it is done.",
                job.path.display()
            );
            return false;
        }
        self.ask(Purpose::Export(format), None)
    }

    /// Make and write an export on a worker thread.
    fn start_export(&mut self, format: crate::export::Format, path: PathBuf) -> bool {
        let options = self.prefs.export_options(self.doc.style());
        let org = self.doc.shared_org();
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let result = match crate::export::export(&org, format, &options) {
                Err(e) => Err(format!(
                    "Could not export {}: {e}.\n\nNothing was written.",
                    target.display()
                )),
                Ok(bytes) => io::save_atomic(&target, &bytes)
                    .map(|()| bytes.len())
                    .map_err(|e| {
                        format!(
                            "Could not write {}: {}.\n\nNothing was written; try another place.",
                            target.display(),
                            io::io_reason(&e)
                        )
                    }),
            };
            let _ = tx.send(result);
        });
        self.status = format!("Exporting {}…", path.display());
        self.export_job = Some(ExportJob {
            path,
            format,
            done: rx,
        });
        true
    }

    /// Whether an export is still being made.
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// Pick up a finished export; while one runs, look again shortly.
    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else {
            return;
        };
        match job.done.try_recv() {
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Ok(Ok(size)) => {
                self.status = format!(
                    "Exported {} ({}, {})",
                    job.path.display(),
                    job.format.label(),
                    crate::export::human_size(size)
                );
                self.export_job = None;
            }
            Ok(Err(message)) => {
                self.error = Some(message);
                self.status = "Export failed; nothing was written".to_string();
                self.export_job = None;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.error = Some(format!(
                    "The export of {} stopped unexpectedly. Nothing was written.",
                    job.path.display()
                ));
                self.export_job = None;
            }
        }
    }

    /// The File › Export submenu.
    fn export_menu(&mut self, ui: &mut Ui) {
        use crate::export::{Format, Paper};
        let style = self.doc.style();
        for format in Format::ALL {
            let hint = if format.is_drawing() {
                format!("The diagram in the {} layout", style.label().to_lowercase())
            } else {
                match format {
                    Format::Dot => "For Graphviz: groups as nested clusters".to_string(),
                    Format::Mermaid => "For wikis and Markdown: nested subgraphs".to_string(),
                    Format::Csv => "One row per person and role".to_string(),
                    _ => "The org file itself".to_string(),
                }
            };
            if ui
                .button(format!("{}…", format.label()))
                .on_hover_text(hint)
                .clicked()
            {
                ui.close();
                self.export(format);
            }
        }
        ui.separator();
        let mut findings = self.prefs.export_findings.unwrap_or(true);
        if ui
            .checkbox(&mut findings, "Mark findings on diagrams")
            .changed()
        {
            self.prefs.export_findings = Some(findings);
        }
        let options = self.prefs.export_options(style);
        ui.horizontal(|ui| {
            ui.label("PNG scale");
            for s in [1.0f32, 2.0, 3.0, 4.0] {
                if ui
                    .selectable_label(options.scale == s, format!("{s}×"))
                    .clicked()
                {
                    self.prefs.export_scale = Some(s);
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label("PDF paper");
            for p in [Paper::A4, Paper::Letter] {
                if ui.selectable_label(options.paper == p, p.label()).clicked() {
                    self.prefs.export_paper = Some(p);
                }
            }
        });
    }

    /// Run a file action, asking first when there are unsaved changes.
    pub fn request(&mut self, what: Pending) {
        if self.doc.is_dirty() && what != Pending::Import {
            self.pending = Some(what);
        } else {
            self.proceed(what);
        }
    }

    fn proceed(&mut self, what: Pending) {
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

    // ---- recovery -----------------------------------------------------------------------------

    fn read_recovery(&self) -> Option<Recovery> {
        self.autosaver.as_ref()?.read()
    }

    /// Write unsaved work to the recovery file, on the autosave thread.
    pub fn autosave(&mut self) {
        if let Some(saver) = &self.autosaver {
            saver.write(self.doc.shared_org(), self.doc.path().map(Path::to_path_buf));
        }
    }

    /// Wait until the autosaves asked for are written (tests and quitting use this).
    pub fn wait_for_autosave(&self) {
        if let Some(saver) = &self.autosaver {
            saver.wait();
        }
    }

    fn clear_recovery(&mut self) {
        if let Some(saver) = &self.autosaver {
            saver.clear();
        }
    }

    fn restore(&mut self, rec: Recovery) {
        let name = rec
            .original
            .clone()
            .unwrap_or_else(|| PathBuf::from("recovered.json"));
        match io::json::from_str(&name, &rec.org_json) {
            Ok(org) => {
                let mut doc = Document::new(org, rec.original.clone());
                doc.set_style(self.prefs.layout.unwrap_or_default());
                doc.mark_unsaved();
                self.doc = doc;
                self.canvas = Canvas::default();
                self.outline = Outline::default();
                self.selection = None;
                self.status = "Restored unsaved changes; save them to keep them".to_string();
            }
            Err(e) => self.show_load_error(&e),
        }
    }

    // ---- actions ------------------------------------------------------------------------------

    fn run_actions(&mut self, actions: Vec<Action>) {
        for a in actions {
            match a {
                Action::Apply(cmd) => {
                    self.apply(cmd);
                }
                Action::ApplyAndSelect(cmd, sel) => {
                    if self.apply(cmd) {
                        self.select(Some(sel));
                    }
                }
                Action::Select(s) => self.select(s),
                Action::Reveal(s) => self.reveal(s),
                Action::Status(s) => self.status = s,
                Action::Undo => self.undo(),
                Action::Redo => self.redo(),
            }
        }
    }

    /// Apply a command; returns whether it changed the org.
    pub fn apply(&mut self, cmd: Command) -> bool {
        let label = cmd.describe(self.doc.org());
        match self.doc.apply(cmd) {
            Ok(()) => {
                self.status = label;
                self.prune_selection();
                true
            }
            Err(e) => {
                self.status = format!("Not done: {e}");
                false
            }
        }
    }

    pub fn undo(&mut self) {
        self.status = match self.doc.undo() {
            Some(l) => format!("Undid: {l}"),
            None if self.doc.history().dropped() > 0 => {
                let h = self.doc.history();
                format!(
                    "Nothing more to undo: undo keeps the last {} steps, and {} dropped",
                    h.limit(),
                    crate::words::plural(h.dropped(), "older step was", "older steps were")
                )
            }
            None => "Nothing to undo".to_string(),
        };
        self.prune_selection();
    }

    pub fn redo(&mut self) {
        self.status = match self.doc.redo() {
            Some(l) => format!("Redid: {l}"),
            None => "Nothing to redo".to_string(),
        };
        self.prune_selection();
    }

    fn select(&mut self, s: Option<Selection>) {
        self.selection = s;
        self.canvas.set_selection(s.and_then(Selection::node));
        // A person is shown where they stand: their teams and groups are marked and brought
        // into view.
        let places = match s {
            Some(Selection::Person(p)) => crate::search::places_of(self.doc.org(), p),
            _ => Vec::new(),
        };
        if !places.is_empty() {
            self.bring_into_view(&places);
        }
        self.canvas.set_highlight(places);
    }

    /// Select something and show it: on the canvas (unfolding the groups that hide it) and in
    /// the outline.
    fn reveal(&mut self, s: Selection) {
        self.select(Some(s));
        if let Some(n) = s.node() {
            self.bring_into_view(&[n]);
        }
        self.outline.reveal(&self.doc, s);
    }

    /// Unfold the groups that hide these boxes, leave a focus they lie outside, and move the
    /// view to them.
    fn bring_into_view(&mut self, nodes: &[crate::layout::Node]) {
        let org = self.doc.org();
        let mut scope = self.doc.scope().clone();
        for u in nodes.iter().filter_map(|n| n.unit()) {
            for g in org.ancestors(u) {
                scope.folded.remove(&g);
            }
            if let Some(f) = scope.focus {
                let on_path = matches!(u, Unit::Group(g) if org.is_within(Unit::Group(f), g));
                if !org.is_within(u, f) && !on_path {
                    scope.focus = None;
                }
            }
        }
        self.set_scope(scope);
        self.canvas.request_show(nodes.to_vec());
    }

    /// View menu items for what the canvas shows: find, folds, focus, the minimap.
    fn scope_menu(&mut self, ui: &mut Ui) {
        use crate::layout::Scope;
        if ui
            .add(
                egui::Button::new("Find on canvas…").shortcut_text(super::shortcuts::text(
                    ui.ctx(),
                    super::shortcuts::Act::Find,
                )),
            )
            .clicked()
        {
            self.view = MainView::Design;
            self.canvas.open_find();
            ui.close();
        }
        let scope = self.doc.scope().clone();
        let org = self.doc.org();
        let s = self.doc.structure();
        let sos: std::collections::BTreeSet<_> = org
            .groups()
            .keys()
            .copied()
            .filter(|g| s.level(*g) == 1 && !s.children(*g).is_empty())
            .collect();
        let target = match self.selection {
            Some(Selection::Group(g)) => Some(g),
            Some(Selection::Team(t)) => org.team(t).and_then(|t| t.group),
            _ => None,
        }
        .filter(|g| scope.focus != Some(*g));
        let label = target.map_or_else(
            || "Focus on selection".to_string(),
            |g| format!("Focus on {}", org.unit_name(Unit::Group(g))),
        );
        if ui
            .add_enabled(!scope.folded.is_empty(), egui::Button::new("Expand all"))
            .on_hover_text("Show every group's members")
            .clicked()
        {
            self.set_scope(Scope {
                folded: Default::default(),
                ..scope.clone()
            });
            ui.close();
        }
        if ui
            .add_enabled(
                !sos.is_empty() && sos != scope.folded,
                egui::Button::new("Collapse all SoS"),
            )
            .on_hover_text("Draw each Scrum of Scrums as one card with its team count")
            .clicked()
        {
            self.set_scope(Scope {
                folded: sos,
                ..scope.clone()
            });
            ui.close();
        }
        if ui
            .add_enabled(target.is_some(), egui::Button::new(label))
            .on_hover_text("Show only this group, its members and the groups above it")
            .clicked()
            && let Some(g) = target
        {
            let mut next = scope.clone();
            next.folded.remove(&g);
            next.focus = Some(g);
            self.set_scope(next);
            self.canvas.request_fit();
            ui.close();
        }
        if ui
            .add_enabled(scope.focus.is_some(), egui::Button::new("Show whole org"))
            .clicked()
        {
            self.set_scope(Scope {
                focus: None,
                ..scope
            });
            self.canvas.request_fit();
            ui.close();
        }
        let mut minimap = self.prefs.show_minimap.unwrap_or(true);
        if ui.checkbox(&mut minimap, "Minimap").changed() {
            self.prefs.show_minimap = Some(minimap);
        }
    }

    /// Show another part of the org on the canvas (folds and focus); says what changed.
    pub fn set_scope(&mut self, scope: crate::layout::Scope) {
        let before = self.doc.scope().clone();
        if before == scope {
            return;
        }
        let org = self.doc.org();
        let name = |g: crate::model::GroupId| org.unit_name(Unit::Group(g));
        let folded: Vec<_> = scope.folded.difference(&before.folded).copied().collect();
        let unfolded: Vec<_> = before.folded.difference(&scope.folded).copied().collect();
        let status = if scope.focus != before.focus {
            match scope.focus {
                Some(g) => Some(format!(
                    "Focused on {}: View › Show whole org goes back",
                    name(g)
                )),
                None => Some("Showing the whole org".to_string()),
            }
        } else {
            match (folded.as_slice(), unfolded.as_slice()) {
                ([g], []) => Some(format!("Collapsed {}", name(*g))),
                ([], [g]) => Some(format!("Expanded {}", name(*g))),
                _ => None,
            }
        };
        self.doc.set_scope(scope);
        if let Some(s) = status {
            self.status = s;
        }
    }

    /// Drop a selection whose subject no longer exists.
    fn prune_selection(&mut self) {
        let org = self.doc.org();
        let alive = match self.selection {
            Some(Selection::Team(t)) => org.team(t).is_some(),
            Some(Selection::Group(g)) => org.group(g).is_some(),
            Some(Selection::Person(p)) => org.person(p).is_some(),
            _ => true,
        };
        if !alive {
            self.select(None);
        }
    }

    fn delete_selection(&mut self) {
        let cmd = match self.selection {
            Some(Selection::Team(t)) => Command::RemoveTeam(t),
            Some(Selection::Group(g)) => Command::RemoveGroup(g),
            Some(Selection::Person(p)) => Command::RemovePerson(p),
            _ => return,
        };
        self.apply(cmd);
    }

    // ---- frame --------------------------------------------------------------------------------

    fn shortcuts(&mut self, ui: &mut Ui) {
        // While a file dialog or a question is up, keys belong to it.
        let builtin_open = matches!(
            self.file_dialog,
            Some(OpenDialog {
                shown: Shown::Builtin(_),
                ..
            })
        );
        if builtin_open || self.pending.is_some() || self.error.is_some() {
            return;
        }
        use super::shortcuts::{Act, pressed};
        let ctx = ui.ctx().clone();
        if pressed(&ctx, Act::SaveAs) {
            self.save_as();
        } else if pressed(&ctx, Act::Save) {
            self.save();
        }
        // While a text field has focus, Ctrl+Z and the plain keys belong to the text being typed.
        // (Other widgets take the focus too, e.g. an outline row; the keys still work there.)
        let typing = ctx.text_edit_focused();
        if !typing {
            if pressed(&ctx, Act::Redo) {
                self.redo();
            } else if pressed(&ctx, Act::Undo) {
                self.undo();
            }
        }
        if pressed(&ctx, Act::New) {
            self.request(Pending::New);
        }
        if pressed(&ctx, Act::Open) {
            self.request(Pending::Open(None));
        }
        if pressed(&ctx, Act::Help) {
            self.help = Some(super::help::Page::Shortcuts);
        }
        if pressed(&ctx, Act::Fit) {
            self.canvas.request_fit();
        }
        if pressed(&ctx, Act::Find) {
            self.view = MainView::Design;
            self.canvas.open_find();
        }
        if !typing {
            if pressed(&ctx, Act::Delete) {
                self.delete_selection();
            }
            if pressed(&ctx, Act::Rename) {
                self.inspector.request_rename();
            }
        }
        // Ctrl+X/C/V/D: not while a text field has the focus, which takes them (and their
        // Cut/Copy/Paste events) for its text.
        if !ctx.text_edit_focused() {
            for (op, _, act) in super::inspector::EditOp::ALL {
                if pressed(&ctx, act) {
                    let a = self.inspector.edit(&ctx, op, &self.doc, self.selection);
                    self.run_actions(vec![a]);
                }
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(
                        egui::Button::new("New").shortcut_text(super::shortcuts::text(
                            ui.ctx(),
                            super::shortcuts::Act::New,
                        )),
                    )
                    .clicked()
                {
                    self.request(Pending::New);
                }
                if ui
                    .add(
                        egui::Button::new("Open…").shortcut_text(super::shortcuts::text(
                            ui.ctx(),
                            super::shortcuts::Act::Open,
                        )),
                    )
                    .clicked()
                {
                    self.request(Pending::Open(None));
                }
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.request(Pending::Open(Some(p)));
                        }
                    }
                });
                if ui.button("Open sample org").clicked() {
                    self.request(Pending::Sample);
                }
                ui.separator();
                if ui
                    .add(
                        egui::Button::new("Save").shortcut_text(super::shortcuts::text(
                            ui.ctx(),
                            super::shortcuts::Act::Save,
                        )),
                    )
                    .clicked()
                {
                    self.save();
                }
                if ui
                    .add(
                        egui::Button::new("Save As…").shortcut_text(super::shortcuts::text(
                            ui.ctx(),
                            super::shortcuts::Act::SaveAs,
                        )),
                    )
                    .clicked()
                {
                    self.save_as();
                }
                ui.separator();
                if ui.button("Import CSV roster…").clicked() {
                    self.request(Pending::Import);
                }
                // The export options stay open while they are set; a format closes the menu.
                egui::containers::menu::SubMenuButton::new("Export")
                    .config(
                        egui::containers::menu::MenuConfig::new()
                            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
                    )
                    .ui(ui, |ui| self.export_menu(ui));
                ui.menu_button("File dialog", |ui| {
                    let current = self.prefs.file_dialog.unwrap_or_default();
                    for c in DialogChoice::ALL {
                        if ui
                            .radio(current == c, c.label())
                            .on_hover_text(c.hint())
                            .clicked()
                        {
                            self.prefs.file_dialog = Some(c);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.history().undo_label().map(|l| format!("Undo {l}"));
                if ui
                    .add_enabled(
                        undo.is_some(),
                        egui::Button::new(undo.unwrap_or_else(|| "Undo".into())).shortcut_text(
                            super::shortcuts::text(ui.ctx(), super::shortcuts::Act::Undo),
                        ),
                    )
                    .clicked()
                {
                    self.undo();
                }
                let redo = self.doc.history().redo_label().map(|l| format!("Redo {l}"));
                if ui
                    .add_enabled(
                        redo.is_some(),
                        egui::Button::new(redo.unwrap_or_else(|| "Redo".into())).shortcut_text(
                            super::shortcuts::text(ui.ctx(), super::shortcuts::Act::Redo),
                        ),
                    )
                    .clicked()
                {
                    self.redo();
                }
                ui.separator();
                // Cut, Copy, Paste, Duplicate of teams and groups (the inspector holds the clip).
                for (op, label, act) in super::inspector::EditOp::ALL {
                    let enabled = self.inspector.can(op, self.doc.org(), self.selection);
                    let keys = super::shortcuts::text(ui.ctx(), act);
                    let button = egui::Button::new(label).shortcut_text(keys);
                    if ui.add_enabled(enabled, button).clicked() {
                        let a = self.inspector.edit(ui.ctx(), op, &self.doc, self.selection);
                        self.run_actions(vec![a]);
                    }
                }
                ui.separator();
                if ui
                    .add_enabled(
                        matches!(
                            self.selection,
                            Some(Selection::Team(_) | Selection::Group(_) | Selection::Person(_))
                        ),
                        egui::Button::new("Delete selection").shortcut_text(
                            super::shortcuts::text(ui.ctx(), super::shortcuts::Act::Delete),
                        ),
                    )
                    .clicked()
                {
                    self.delete_selection();
                }
                if ui.button("Rules and thresholds…").clicked() {
                    self.show_rules = true;
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .add(
                        egui::Button::new("Fit to view").shortcut_text(super::shortcuts::text(
                            ui.ctx(),
                            super::shortcuts::Act::Fit,
                        )),
                    )
                    .on_hover_text("Show the whole org")
                    .clicked()
                {
                    self.canvas.request_fit();
                }
                ui.separator();
                let style = self.doc.style();
                for (s, label, hint) in [
                    (
                        crate::layout::Style::Tree,
                        "Tree layout",
                        "Teams in a row under their groups, top-down",
                    ),
                    (
                        crate::layout::Style::Fractal,
                        "Fractal layout",
                        "As the Scrum@Scale guide draws it: teams ringing their SoS",
                    ),
                ] {
                    if ui.radio(style == s, label).on_hover_text(hint).clicked() && style != s {
                        self.set_layout(s);
                        ui.close();
                    }
                }
                ui.separator();
                self.scope_menu(ui);
                ui.separator();
                let mut outline = self.prefs.show_outline.unwrap_or(true);
                if ui.checkbox(&mut outline, "Outline").changed() {
                    self.prefs.show_outline = Some(outline);
                }
                let mut inspector = self.prefs.show_inspector.unwrap_or(true);
                if ui.checkbox(&mut inspector, "Inspector").changed() {
                    self.prefs.show_inspector = Some(inspector);
                }
                let mut findings = self.prefs.show_findings.unwrap_or(true);
                if ui.checkbox(&mut findings, "Findings").changed() {
                    self.prefs.show_findings = Some(findings);
                }
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui
                    .button(if dark { "Light theme" } else { "Dark theme" })
                    .clicked()
                {
                    ui.ctx().set_theme(if dark {
                        egui::Theme::Light
                    } else {
                        egui::Theme::Dark
                    });
                    self.prefs.dark_mode = Some(!dark);
                }
            });

            ui.menu_button("Help", |ui| {
                for page in super::help::Page::ALL {
                    let mut b = egui::Button::new(format!("{}…", page.label()));
                    if page == super::help::Page::Shortcuts {
                        b = b.shortcut_text(super::shortcuts::text(
                            ui.ctx(),
                            super::shortcuts::Act::Help,
                        ));
                    }
                    if ui.add(b).clicked() {
                        self.help = Some(page);
                    }
                }
            });
            self.view_switch(ui);
        });
    }

    /// The Design / Growth switch at the end of the menu bar.
    fn view_switch(&mut self, ui: &mut Ui) {
        ui.separator();
        ui.selectable_value(&mut self.view, MainView::Design, "Design")
            .on_hover_text("Edit the org on the canvas");
        ui.selectable_value(&mut self.view, MainView::Growth, "Growth")
            .on_hover_text("Grow an org to N teams and compare the curves");
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let c = self.doc.counts();
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(super::count(c.errors, "error", "errors"))
                    .color(super::cards::severity_color(crate::rules::Severity::Error)),
            );
            ui.label(
                RichText::new(super::count(c.warnings, "warning", "warnings")).color(
                    super::cards::severity_color(crate::rules::Severity::Warning),
                ),
            );
            ui.label(
                RichText::new(super::count(c.infos, "info", "infos"))
                    .color(super::cards::severity_color(crate::rules::Severity::Info)),
            );
            ui.separator();
            let org = self.doc.org();
            ui.label(format!(
                "{} · {} · {} · profile {}",
                super::count(org.teams().len(), "team", "teams"),
                super::count(org.groups().len(), "group", "groups"),
                super::count(org.people().len(), "person", "people"),
                org.rules().profile
            ));
            ui.separator();
            if self.export_job.is_some() {
                ui.spinner();
            }
            // A system dialog that never comes up (a hung portal) must not trap the user.
            if let Some(OpenDialog {
                shown: Shown::System(_),
                request,
                ..
            }) = &self.file_dialog
            {
                ui.spinner();
                let request = request.clone();
                if ui
                    .button("Use the built-in dialog")
                    .on_hover_text("The system's file dialog has not answered; ask in the window")
                    .clicked()
                    && let Some(open) = self.file_dialog.as_mut()
                {
                    open.shown = Shown::Builtin(Box::new(BuiltinDialog::new(request)));
                    self.status.clear();
                }
            }
            ui.label(&self.status);
        });
    }

    fn modals(&mut self, ui: &mut Ui) {
        if let Some(msg) = self.error.clone() {
            let m = egui::Modal::new(Id::new("error_modal")).show(ui.ctx(), |ui| {
                ui.set_max_width(520.0);
                ui.heading("Something went wrong");
                ui.label(msg);
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if m.inner || m.should_close() {
                self.error = None;
            }
        }
        if let Some(p) = self.pending.clone() {
            let action = match &p {
                Pending::New => "starting a new org",
                Pending::Sample => "opening the sample org",
                Pending::Open(_) => "opening another file",
                Pending::Import => "importing",
                Pending::Quit => "quitting",
            };
            let name = self.doc.display_name();
            let mut choice = None;
            egui::Modal::new(Id::new("unsaved_modal")).show(ui.ctx(), |ui| {
                ui.heading("Unsaved changes");
                ui.label(format!("Save the changes to {name} before {action}?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        choice = Some(0);
                    }
                    if ui.button("Don't save").clicked() {
                        choice = Some(1);
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(2);
                    }
                });
            });
            match choice {
                Some(0) => {
                    self.pending = None;
                    let quit = p == Pending::Quit;
                    // Saving may first ask where; what waits runs once the save has worked.
                    if self.save_then(Some(p)) && quit {
                        ui.ctx().send_viewport_cmd(ViewportCommand::Close);
                    }
                }
                Some(1) => {
                    self.pending = None;
                    self.finish_pending(p, ui);
                }
                Some(2) => self.pending = None,
                _ => {}
            }
        }
        // One question at a time: an error message is read before the recovery offer.
        if let Some(rec) = self
            .offered_recovery
            .clone()
            .filter(|_| self.error.is_none() && self.pending.is_none())
        {
            let mut choice = None;
            egui::Modal::new(Id::new("recovery_modal")).show(ui.ctx(), |ui| {
                ui.heading("Restore unsaved changes?");
                let what = rec
                    .original
                    .as_ref()
                    .map_or_else(|| "an unsaved org".to_string(), |p| p.display().to_string());
                let age = now_unix().saturating_sub(rec.written);
                ui.label(format!(
                    "orgscale closed without saving changes to {what} ({} ago). Restore them?",
                    human_age(age)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        choice = Some(true);
                    }
                    if ui.button("Discard").clicked() {
                        choice = Some(false);
                    }
                });
            });
            if let Some(restore) = choice {
                self.offered_recovery = None;
                if restore {
                    self.restore(rec);
                } else {
                    self.clear_recovery();
                }
            }
        }
    }

    fn finish_pending(&mut self, p: Pending, ui: &Ui) {
        let quit = p == Pending::Quit;
        self.proceed(p);
        if quit {
            ui.ctx().send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn drop_preview(&self, ui: &Ui) {
        let Some(p) = self.canvas.preview() else {
            return;
        };
        let Some(pos) = ui.input(|i| i.pointer.hover_pos()) else {
            return;
        };
        egui::Area::new(Id::new("drop_preview"))
            .fixed_pos(pos + egui::vec2(18.0, 18.0))
            .order(egui::Order::Tooltip)
            .interactable(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(420.0);
                    let ok = p.command.is_some();
                    ui.label(RichText::new(&p.headline).strong().color(if ok {
                        ui.visuals().text_color()
                    } else {
                        super::cards::severity_color(crate::rules::Severity::Error)
                    }));
                    for a in p.added.iter().take(4) {
                        ui.label(RichText::new(format!("+ {a}")).small());
                    }
                    for c in p.cleared.iter().take(4) {
                        ui.label(RichText::new(format!("− {c}")).small().weak());
                    }
                    if ok && p.added.is_empty() && p.cleared.is_empty() {
                        ui.label(RichText::new("No finding changes").small().weak());
                    }
                });
            });
    }

    /// One frame of the whole designer.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_export(&ctx);
        // Window title: app, file, unsaved mark.
        let title = format!(
            "orgscale — {}{}",
            self.doc.display_name(),
            if self.doc.is_dirty() { " •" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // Files dropped on the window open (after the unsaved-changes question).
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.request(Pending::Open(Some(p)));
        }
        // Closing with unsaved changes asks first.
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.pending = Some(Pending::Quit);
            } else {
                self.clear_recovery();
            }
        }
        self.shortcuts(ui);
        // Autosave unsaved work for crash recovery.
        let now = ctx.input(|i| i.time);
        if self.doc.is_dirty() {
            if now - self.last_autosave >= AUTOSAVE_SECS {
                if self.last_autosave > 0.0 {
                    self.autosave();
                }
                self.last_autosave = now;
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECS));
        }

        let mut actions = Vec::new();
        // While the Growth view shows a grown org, the panels still describe the design: they
        // are dimmed under a note that says so.
        let dim = match self.view {
            MainView::Growth => self.growth.grown_note(),
            MainView::Design => None,
        };
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.prefs.show_findings.unwrap_or(true) {
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(190.0)
                .min_size(80.0)
                .show(ui, |ui| {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    dimmed(ui, dim.as_deref());
                    self.findings.ui(ui, &mut cx);
                });
        }
        if self.prefs.show_outline.unwrap_or(true) {
            egui::Panel::left("outline")
                .resizable(true)
                .default_size(270.0)
                .min_size(180.0)
                .show(ui, |ui| {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    keep_width(ui, |ui| {
                        dimmed(ui, dim.as_deref());
                        self.outline.ui(ui, &mut cx)
                    });
                });
        }
        if self.prefs.show_inspector.unwrap_or(true) {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(345.0)
                .min_size(220.0)
                .show(ui, |ui| {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    keep_width(ui, |ui| {
                        dimmed(ui, dim.as_deref());
                        self.inspector.ui(ui, &mut cx)
                    });
                });
        }
        let mut canvas_events = Vec::new();
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| match self.view {
                MainView::Design => {
                    self.canvas.show_minimap = self.prefs.show_minimap.unwrap_or(true);
                    canvas_events = self.canvas.show(ui, &self.doc);
                }
                MainView::Growth => {
                    if let Some(cmd) = self.growth.ui(ui, &self.doc) {
                        // The grown part goes in as one undoable step; then show the result.
                        actions.push(Action::Apply(cmd));
                        self.view = MainView::Design;
                        self.canvas.request_fit();
                    }
                }
            });
        for e in canvas_events {
            match e {
                CanvasEvent::Select(n) => {
                    let s = Selection::from_node(n);
                    self.selection = Some(s);
                    self.outline.reveal(&self.doc, s);
                }
                CanvasEvent::ClearSelection => self.select(None),
                CanvasEvent::Apply(cmd) => {
                    let moved = match &cmd {
                        Command::Move { item, .. } => Some(*item),
                        _ => None,
                    };
                    if self.apply(cmd)
                        && let Some(u) = moved
                    {
                        self.select(Some(match u {
                            Unit::Team(t) => Selection::Team(t),
                            Unit::Group(g) => Selection::Group(g),
                        }));
                    }
                }
                CanvasEvent::Refused(why) => self.status = why,
                CanvasEvent::SetScope(scope) => self.set_scope(scope),
                CanvasEvent::Reveal(u) => self.reveal(Selection::from_node(u.into())),
            }
        }
        self.drop_preview(ui);
        if self.show_rules {
            let mut open = true;
            egui::Window::new("Rules and thresholds")
                .open(&mut open)
                .resizable(false)
                .show(&ctx, |ui| {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    super::inspector::rules_ui(ui, &mut cx);
                });
            self.show_rules = open;
        }
        super::help::window(&ctx, &mut self.help);
        self.run_actions(actions);
        self.modals(ui);
        self.poll_dialog(&ctx);
    }

    /// Use the tree or the fractal layout on the canvas (kept as a preference).
    pub fn set_layout(&mut self, style: crate::layout::Style) {
        self.doc.set_style(style);
        self.prefs.layout = Some(style);
        self.canvas.request_fit();
    }

    /// The window title as last sent.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether the app agreed to close (after any unsaved-changes question).
    pub fn may_close(&self) -> bool {
        self.allow_close || !self.doc.is_dirty()
    }
}

/// Under a note, the rest of a panel greyed out and inert.
fn dimmed(ui: &mut Ui, note: Option<&str>) {
    if let Some(note) = note {
        ui.add(egui::Label::new(egui::RichText::new(note).italics().strong()).wrap());
        ui.disable();
    }
}

/// Lay out a side panel's contents in exactly the panel's width: wider contents are clipped
/// instead of widening the panel, so a panel changes width only when the user drags its edge
/// (otherwise a long name or a button appearing would shift the canvas sideways).
fn keep_width(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let rect = ui.max_rect();
    let mut inner = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    inner.set_clip_rect(ui.clip_rect());
    add(&mut inner);
    ui.expand_to_include_rect(rect);
}

fn human_age(secs: u64) -> String {
    match secs {
        0..=59 => "less than a minute".to_string(),
        60..=3599 => format!("{} min", secs / 60),
        3600..=86_399 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}

impl eframe::App for DesignerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
