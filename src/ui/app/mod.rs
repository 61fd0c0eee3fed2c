//! The designer app: the window's panels, canvas and status bar, one frame at a time. Files,
//! exports, recovery, menus, modals and the actions it carries out each have a file here.

mod actions;
mod compare;
mod cycles;
mod export_job;
mod files;
mod menus;
mod modals;
mod prefs;
mod recovery;

pub use prefs::Prefs;

use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui, ViewportCommand};

use super::canvas::Canvas;
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
    /// The Events view: the calendar the structure gives rise to.
    Events,
    /// The Cycles view: the framework's two cycles drawn from the design, and their ratings.
    Cycles,
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
    pub events: crate::ui::events::EventsView,
    pub cycles: crate::ui::cycles::CyclesView,
    /// Whose events the last calendar export was asked for.
    events_scope: crate::events::report::Scope,
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
    /// Compare mode: the design against another version, while it is on.
    pub compare: Option<super::compare::Comparison>,
    /// Compare mode being opened on a large design (the first comparison runs on a worker).
    pub comparing: Option<super::compare::Opening>,
    /// In compare mode, whether the right side shows the inspector instead of the changes.
    pub compare_shows_inspector: bool,
    /// Whether the fallback font for arrows and symbols is installed in this window's context.
    fonts_installed: bool,
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
            events: Default::default(),
            cycles: Default::default(),
            events_scope: crate::events::report::Scope::Org,
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
            compare: None,
            comparing: None,
            compare_shows_inspector: false,
            fonts_installed: false,
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
        let prefs = cc.storage.map(Prefs::load).unwrap_or_default();
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
        app.doc.set_style(app.prefs.layout);
        let start = path.or_else(|| app.prefs.last_file.clone().filter(|p| p.exists()));
        if let Some(p) = start {
            app.open_path(&p);
        }
        app
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let c = self.doc.counts();
        ui.horizontal(|ui| {
            use crate::rules::Severity;
            let severities = [Severity::Error, Severity::Warning, Severity::Info];
            for (phrase, severity) in c.phrases().into_iter().zip(severities) {
                ui.label(RichText::new(phrase).color(super::cards::severity_color(severity)));
            }
            ui.separator();
            let org = self.doc.org();
            ui.label(format!(
                "{} · {} · {} · profile {}",
                crate::words::plural(org.teams().len(), "team", "teams"),
                crate::words::plural(org.groups().len(), "group", "groups"),
                crate::words::plural(org.people().len(), "person", "people"),
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
        if !self.fonts_installed {
            install_fonts(&ctx);
            self.fonts_installed = true;
        }
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
            MainView::Design | MainView::Events | MainView::Cycles => None,
        };
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        // The Cycles view lists each component's gaps beside its figure, which takes the room
        // of the findings panel.
        if self.prefs.show_findings && self.view != MainView::Cycles {
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
        if self.prefs.show_outline {
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
        // In compare mode the Changes panel and the inspector share the right side as two tabs,
        // so that the canvas keeps its room.
        self.poll_compare(ui.ctx());
        let comparing =
            (self.compare.is_some() || self.comparing.is_some()) && self.view == MainView::Design;
        // The Events and Cycles views have their own side panels (escalation, cadence, meeting
        // load; a component, its ratings) where the inspector would be.
        if self.prefs.show_inspector
            && !comparing
            && !matches!(self.view, MainView::Events | MainView::Cycles)
        {
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
        if let Some(c) = self.compare.as_ref() {
            self.canvas.marks = Some(std::sync::Arc::clone(&c.marks));
        } else {
            self.canvas.marks = None;
        }
        if comparing {
            egui::Panel::right("compare")
                .resizable(true)
                .default_size(400.0)
                .min_size(280.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut self.compare_shows_inspector, false, "Changes")
                            .on_hover_text("What differs, its impact and the transition plan");
                        ui.selectable_value(&mut self.compare_shows_inspector, true, "Inspector")
                            .on_hover_text("The selected team, group or person");
                    });
                    ui.separator();
                    if self.compare_shows_inspector {
                        let mut cx = PanelCtx {
                            doc: &self.doc,
                            selection: self.selection,
                            actions: &mut actions,
                        };
                        keep_width(ui, |ui| self.inspector.ui(ui, &mut cx));
                    } else if let Some(c) = self.compare.as_ref() {
                        keep_width(ui, |ui| super::compare::panel::ui(ui, c, &mut actions));
                    } else if let Some(o) = self.comparing.as_ref() {
                        super::compare::panel::opening(ui, &o.label, &mut actions);
                    }
                });
        }
        let mut canvas_events = Vec::new();
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| match self.view {
                MainView::Design => {
                    self.canvas.show_minimap = self.prefs.show_minimap;
                    canvas_events = self.canvas.show(ui, &self.doc);
                }
                MainView::Growth => {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    self.growth.ui(ui, &mut cx);
                }
                MainView::Events => {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    self.events.ui(ui, &mut cx);
                }
                MainView::Cycles => {
                    let mut cx = PanelCtx {
                        doc: &self.doc,
                        selection: self.selection,
                        actions: &mut actions,
                    };
                    self.cycles.ui(ui, &mut cx);
                }
            });
        actions.extend(canvas_events);
        self.drop_preview(ui);
        let mut cx = PanelCtx {
            doc: &self.doc,
            selection: self.selection,
            actions: &mut actions,
        };
        super::rules_window::window(&ctx, &mut self.show_rules, &mut cx);
        super::help::window(&ctx, &mut self.help);
        self.run_actions(actions);
        self.modals(ui);
        self.poll_dialog(&ctx);
    }

    /// Use the tree or the fractal layout on the canvas (kept as a preference).
    pub fn set_layout(&mut self, style: crate::layout::Style) {
        self.doc.set_style(style);
        self.prefs.layout = style;
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

/// egui's text fonts lack arrows (→ ⇄ ←): its monospace font has them, so it backs up the
/// proportional family for every glyph the others miss.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let mono = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .and_then(|f| f.first().cloned());
    if let (Some(mono), Some(prop)) = (
        mono,
        fonts.families.get_mut(&egui::FontFamily::Proportional),
    ) && !prop.contains(&mono)
    {
        prop.push(mono);
    }
    ctx.set_fonts(fonts);
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
    let rect = ui.available_rect_before_wrap();
    let mut inner = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    inner.set_clip_rect(ui.clip_rect());
    add(&mut inner);
    ui.expand_to_include_rect(rect);
}

impl eframe::App for DesignerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.store(storage);
    }
}
