//! The desktop designer (eframe). Panels read the [`Document`] freely and change it only by
//! queueing [`Action`]s, which the app applies once per frame through model commands.

mod a11y;
pub mod app;
pub mod canvas;
pub mod cards;
pub mod compare;
pub mod cycles;
pub mod dialogs;
pub mod document;
pub mod events;
pub mod findings;
pub mod growth;
pub mod help;
pub mod inspector;
pub mod outline;
pub mod person_picker;
pub mod recovery;
pub mod rules_window;
pub mod shortcuts;

use crate::layout::Node;
use crate::model::{Command, GroupId, PersonId, TeamId, Unit};
use crate::rules::SubjectRef;

pub use app::DesignerApp;
pub use document::Document;

/// The built-in sample org shown on first start.
pub const SAMPLE_JSON: &str = include_str!("../../examples/acme.json");
/// File name shown for the sample.
pub const SAMPLE_NAME: &str = "acme.json";

/// What is selected, across the canvas, outline, inspector and findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    Team(TeamId),
    Group(GroupId),
    Person(PersonId),
    Eat,
    Ems,
}

impl Selection {
    /// The canvas box for this selection, if it has one.
    pub fn node(self) -> Option<Node> {
        match self {
            Selection::Team(t) => Some(Node::Team(t)),
            Selection::Group(g) => Some(Node::Group(g)),
            Selection::Eat => Some(Node::Eat),
            Selection::Ems => Some(Node::Ems),
            Selection::Person(_) => None,
        }
    }

    pub fn unit(self) -> Option<Unit> {
        match self {
            Selection::Team(t) => Some(Unit::Team(t)),
            Selection::Group(g) => Some(Unit::Group(g)),
            _ => None,
        }
    }

    pub fn from_node(n: Node) -> Self {
        match n {
            Node::Team(t) => Selection::Team(t),
            Node::Group(g) => Selection::Group(g),
            Node::Eat => Selection::Eat,
            Node::Ems => Selection::Ems,
        }
    }

    /// The selection a finding's subject points at.
    pub fn from_subject(s: SubjectRef) -> Option<Self> {
        Some(match s {
            SubjectRef::Team(t) => Selection::Team(t),
            SubjectRef::Group(g) => Selection::Group(g),
            SubjectRef::Person(p) => Selection::Person(p),
            SubjectRef::Eat => Selection::Eat,
            SubjectRef::Ems => Selection::Ems,
            SubjectRef::Org => return None,
        })
    }
}

/// Something a panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Apply a model command as one undoable step.
    Apply(Command),
    /// Apply a command and then select something (e.g. a newly added team).
    ApplyAndSelect(Command, Selection),
    Select(Option<Selection>),
    /// Select and centre on the canvas.
    Reveal(Selection),
    /// Show a message in the status bar.
    Status(String),
    /// Show another part of the org on the canvas: fold or unfold a group, focus on one or
    /// show everything (view state, not a command).
    SetScope(crate::layout::Scope),
    /// Show the design view, fitted to the whole org (after the Growth view applied its part).
    ShowDesign,
    /// Something for compare mode (the Changes panel).
    Compare(compare::CompareAction),
    /// Something for the Events view (export its calendar).
    Events(events::EventsAction),
    /// Something for the Cycles view (show a gap's subject, export, import ratings).
    Cycles(cycles::CyclesAction),
    Undo,
    Redo,
}

/// What every panel gets each frame.
pub struct PanelCtx<'a> {
    pub doc: &'a Document,
    pub selection: Option<Selection>,
    pub actions: &'a mut Vec<Action>,
}

impl PanelCtx<'_> {
    pub fn apply(&mut self, cmd: Command) {
        self.actions.push(Action::Apply(cmd));
    }
    pub fn select(&mut self, s: Option<Selection>) {
        self.actions.push(Action::Select(s));
    }
}

/// Start the designer window. `path` opens a file instead of the last one or the sample.
pub fn run(path: Option<std::path::PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("orgscale")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "orgscale",
        options,
        Box::new(move |cc| {
            Ok(Box::new(DesignerApp::from_creation(
                cc,
                path,
                Box::new(dialogs::NativeDialogs::new()),
            )))
        }),
    )
}
