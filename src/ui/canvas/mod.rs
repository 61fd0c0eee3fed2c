//! The org canvas: egui_graphs over petgraph, fed by the core's tree layout.
//!
//! egui_graphs' `GraphView::show` asks egui for another frame every time it runs, so a window
//! that shows it every frame never goes idle. The canvas therefore runs the GraphView only while
//! the user is interacting with it (pointer moving, buttons or wheel in use, a drag under way, or
//! within a short grace period after). The rest of the time it paints the very same cards with
//! the very same pan and zoom itself, which asks for no repaint, so an untouched window costs
//! nothing. Both paths share `cards::card_shapes`, and both cull what is off screen.

mod compare;
mod drop;
mod graph;
mod interact;
mod minimap;
mod overlay;
mod view;

use std::sync::Arc;

use egui::{Pos2, Rect, Sense, Shape, Ui, Vec2, pos2, vec2};
use egui_graphs::{
    GraphChange, GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use super::cards::{self, CardState};
use super::document::Document;
use super::{Action, Selection};
use crate::diagram::Card;
use crate::layout::{self, Node};
use crate::model::{Command, GroupId};
pub use drop::{DropPreview, preview};
use graph::{EdgeData, Fixed, FixedState, NodeData, OrgGraph};
pub use view::Navigation;
use view::{load_meta, store_meta};

/// The id under which the GraphView keeps its pan and zoom in egui memory.
const VIEW_ID: &str = "orgscale_canvas";
/// How long the interactive view stays on after the last input, in seconds.
const GRACE: f64 = 0.4;
/// Zoom per notch of a mouse wheel (a line of scrolling).
pub const WHEEL_STEP: f32 = 1.15;
/// The zoom range of the canvas.
const ZOOM_MIN: f32 = 0.001;
const ZOOM_MAX: f32 = 4.0;
/// The zoom at which every word on a card is at egui's own text size.
pub const READABLE_ZOOM: f32 = 1.0;

/// What a drop on a group does: the move, and then the moved card selected.
fn drop_action(cmd: Command) -> Action {
    match &cmd {
        Command::Move { item, .. } => {
            let moved = Selection::from_node((*item).into());
            Action::ApplyAndSelect(cmd, moved)
        }
        _ => Action::Apply(cmd),
    }
}

/// The org canvas and its caches.
pub struct Canvas {
    graph: OrgGraph,
    index: HashMap<Node, NodeIndex>,
    cards: HashMap<Node, Arc<Card>>,
    built_revision: Option<u64>,
    selected: Option<Node>,
    last_input: f64,
    preview: Option<DropPreview>,
    fit: bool,
    /// Whether the last frame ran the interactive GraphView (for tests and diagnostics).
    pub interactive: bool,
    /// In compare mode, what to draw over the design (set by the app each frame).
    pub marks: Option<Arc<crate::diff::Marks>>,
    /// The marks placed on the cards, while there are marks.
    compare: Option<compare::CompareLook>,
    /// Screen rect of the canvas in the last frame.
    pub last_rect: Rect,
    /// Each group's team column (union of its teams' boxes), and whether a team in it has an
    /// error finding; drawn instead of the cards when zoomed far out.
    columns: Vec<(layout::Rect, bool)>,
    /// Zoom and pan (relative to `last_rect`) in the last frame.
    pub last_view: (f32, Vec2),
    /// Key of the view's zoom and pan in egui's memory, so two canvases keep their own views.
    view_id: &'static str,
    /// What each folded group stands for.
    folded: HashMap<GroupId, crate::diagram::Folded>,
    /// Groups that have members (which a fold hides).
    foldable: rustc_hash::FxHashSet<GroupId>,
    /// Findings per box: errors, warnings, infos.
    finding_counts: HashMap<Node, [usize; 3]>,
    /// The first frame of a document: open at a readable zoom.
    opening: bool,
    /// Bring these boxes into view next frame.
    show_request: Option<Vec<Node>>,
    /// Boxes marked because the selected person stands in them.
    highlight: Vec<Node>,
    /// Find on the canvas.
    find: overlay::Find,
    /// The small map of the whole picture with the view on it.
    minimap: minimap::Minimap,
    /// Whether the minimap is shown (a View setting).
    pub show_minimap: bool,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            graph: OrgGraph::new(),
            index: HashMap::default(),
            cards: HashMap::default(),
            built_revision: None,
            selected: None,
            last_input: f64::NEG_INFINITY,
            preview: None,
            fit: true,
            interactive: false,
            marks: None,
            compare: None,
            last_rect: Rect::NOTHING,
            columns: Vec::new(),
            last_view: (1.0, Vec2::ZERO),
            view_id: VIEW_ID,
            folded: HashMap::default(),
            foldable: Default::default(),
            finding_counts: HashMap::default(),
            opening: true,
            show_request: None,
            highlight: Vec::new(),
            find: overlay::Find::default(),
            minimap: minimap::Minimap::default(),
            show_minimap: true,
        }
    }
}

impl Canvas {
    /// A canvas whose zoom and pan are kept apart from the design canvas' under `view_id`.
    pub fn with_view_id(view_id: &'static str) -> Self {
        Canvas {
            view_id,
            show_minimap: false,
            ..Canvas::default()
        }
    }

    /// Fit the whole org into view on the next frame.
    pub fn request_fit(&mut self) {
        self.fit = true;
        self.opening = false;
    }

    /// Open the next frame the way a new document opens: the whole org if it is readable
    /// whole, else its top at 100 %.
    pub fn request_opening(&mut self) {
        self.fit = true;
        self.opening = true;
    }

    /// Bring these boxes into view next frame (all of them if they fit at a readable zoom).
    pub fn request_show(&mut self, nodes: Vec<Node>) {
        if !nodes.is_empty() {
            self.show_request = Some(nodes);
        }
    }

    /// The boxes marked for the selected person.
    pub fn highlighted(&self) -> &[Node] {
        &self.highlight
    }

    /// Mark the boxes a selected person stands in (none to clear).
    pub fn set_highlight(&mut self, nodes: Vec<Node>) {
        self.highlight = nodes;
    }

    /// Open the find bar with its field focused.
    pub fn open_find(&mut self) {
        self.find.open();
    }

    /// Whether the find bar is open.
    pub fn find_open(&self) -> bool {
        self.find.is_open()
    }

    /// The drop preview while a card is dragged.
    pub fn preview(&self) -> Option<&DropPreview> {
        self.preview.as_ref()
    }

    /// Screen position of a box's centre in the last frame (tests drive the pointer with it).
    pub fn node_screen_center(&self, layout: &layout::Layout, node: Node) -> Option<Pos2> {
        let r = layout.rect(node)?;
        let (zoom, pan) = self.last_view;
        let screen = cards::to_screen(r, zoom, pan + self.last_rect.left_top().to_vec2());
        Some(screen.center())
    }

    fn rebuild(&mut self, doc: &Document) {
        let layout = doc.layout();
        self.cards = crate::diagram::build_cards(doc.org(), layout, doc.findings());
        self.folded = crate::diagram::folded_groups(doc.org(), doc.scope(), doc.findings(), |n| {
            layout.rect(n).is_some()
        });
        let full = doc.structure();
        self.foldable = doc
            .org()
            .groups()
            .keys()
            .copied()
            .filter(|g| !full.children(*g).is_empty())
            .collect();
        for (g, f) in &self.folded {
            let node = Node::Group(*g);
            if let Some(card) = self.cards.get(&node) {
                let folded = crate::diagram::fold_card(card, full.level(*g), f);
                self.cards.insert(node, Arc::new(folded));
            }
        }
        self.finding_counts.clear();
        for f in doc.findings() {
            if let Some(n) = super::Selection::from_subject(f.subject).and_then(|s| s.node()) {
                let i = match f.severity {
                    crate::rules::Severity::Error => 0,
                    crate::rules::Severity::Warning => 1,
                    crate::rules::Severity::Info => 2,
                };
                self.finding_counts.entry(n).or_default()[i] += 1;
            }
        }
        let mut graph = OrgGraph::new();
        self.index.clear();
        for (node, rect) in &layout.boxes {
            let (cx, cy) = rect.center();
            let idx = graph.add_node_with_label_and_location(
                NodeData {
                    node: *node,
                    card: self.cards[node].clone(),
                    size: vec2(rect.w, rect.h),
                    outline: layout.shape(*node),
                    drop_target: None,
                    folded: matches!(node, Node::Group(g) if self.folded.contains_key(g)),
                    mark: None,
                },
                String::new(),
                pos2(cx, cy),
            );
            self.index.insert(*node, idx);
        }
        for e in &layout.edges {
            if let (Some(a), Some(b)) = (self.index.get(&e.from), self.index.get(&e.to)) {
                graph.add_edge_with_label(*a, *b, EdgeData { route: e.route }, String::new());
            }
        }
        self.graph = graph;
        let s = doc.structure();
        let bad: std::collections::HashSet<crate::model::TeamId> = doc
            .findings()
            .iter()
            .filter(|f| f.severity == crate::rules::Severity::Error)
            .filter_map(|f| match f.subject {
                crate::rules::SubjectRef::Team(t) => Some(t),
                _ => None,
            })
            .collect();
        self.columns = doc
            .org()
            .groups()
            .keys()
            .filter_map(|g| {
                let teams: Vec<_> = s.child_teams(*g).collect();
                let mut rects = teams.iter().filter_map(|t| layout.rect(Node::Team(*t)));
                let first = rects.next()?;
                Some((
                    rects.fold(first, |a, b| a.union(&b)),
                    teams.iter().any(|t| bad.contains(t)),
                ))
            })
            .collect();
        self.apply_selection();
        self.minimap = minimap::Minimap::build(layout, &self.cards, &self.columns);
        self.find.stale();
        self.built_revision = Some(doc.structure_revision());
    }

    /// Reflect the app's selection on the graph.
    pub fn set_selection(&mut self, node: Option<Node>) {
        if self.selected != node {
            self.selected = node;
            self.apply_selection();
        }
    }

    fn apply_selection(&mut self) {
        let selected = self.selected.and_then(|n| self.index.get(&n).copied());
        let all: Vec<NodeIndex> = self.index.values().copied().collect();
        for idx in all {
            if let Some(n) = self.graph.node_mut(idx) {
                n.set_selected(Some(idx) == selected);
            }
        }
        self.graph
            .set_selected_nodes(selected.into_iter().collect());
    }

    /// Draw the canvas filling `ui` and report what the user did.
    pub fn show(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Action> {
        if self.built_revision != Some(doc.structure_revision()) {
            self.rebuild(doc);
        }
        self.refresh_compare(doc);
        let rect = ui.available_rect_before_wrap();
        let now = ui.input(|i| i.time);
        let (pointer_in, activity) = ui.input(|i| {
            let over = i.pointer.hover_pos().is_some_and(|p| rect.contains(p));
            let moved = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::PointerMoved(_)));
            let wheel = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::MouseWheel { .. } | egui::Event::Zoom(_)));
            let busy = moved
                || wheel
                || i.pointer.is_moving()
                || i.pointer.any_down()
                || i.pointer.any_released()
                || i.pointer.any_pressed()
                || i.smooth_scroll_delta != Vec2::ZERO
                || i.zoom_delta() != 1.0;
            (over, busy)
        });
        if pointer_in && activity {
            self.last_input = now;
        }
        self.apply_view_requests(ui, rect, doc.layout());
        if pointer_in {
            self.navigate(ui, rect);
        }
        let dragging = self.graph.dragged_node().is_some();
        let interactive = dragging || (pointer_in && now - self.last_input < GRACE);
        self.interactive = interactive;
        let mut events = Vec::new();
        if interactive {
            self.show_interactive(ui, doc, &mut events);
        } else {
            self.show_static(ui, doc, &mut events);
        }
        self.overlay(ui, doc, rect, &mut events);
        self.toolbar(ui, rect);
        self.bars(ui, doc, rect, &mut events);
        self.compare_legend(ui, rect);
        // Not while a card is dragged: the drop preview needs the room.
        if self.show_minimap && self.graph.dragged_node().is_none() {
            self.minimap_ui(ui, rect);
        }
        let meta = load_meta(ui.ctx(), self.view_id);
        self.last_rect = rect;
        self.last_view = (meta.zoom, meta.pan);
        events
    }

    /// Far away, each team column is drawn as one block instead of its many tiny cards.
    fn column_blocks(&self, zoom: f32, pan: Vec2, clip: Rect, dark: bool) -> Vec<Shape> {
        let color = cards::c32(crate::diagram::column_color(dark));
        self.columns
            .iter()
            .map(|(r, bad)| (cards::to_screen(*r, zoom, pan), *bad))
            .filter(|(r, _)| clip.intersects(*r))
            .map(|(r, bad)| {
                let r = if r.width() < 1.0 {
                    Rect::from_center_size(r.center(), vec2(1.0, r.height()))
                } else {
                    r
                };
                let c = if bad {
                    cards::severity_color(crate::rules::Severity::Error)
                } else {
                    color
                };
                Shape::rect_filled(r, 0.0, c)
            })
            .collect()
    }

    /// Zoom and fit buttons in the canvas' top-right corner.
    fn toolbar(&mut self, ui: &mut Ui, rect: Rect) {
        let mut factor = None;
        let zoom = load_meta(ui.ctx(), self.view_id).zoom;
        // On a panel background of its own, so card text never runs into the buttons.
        egui::Area::new(egui::Id::new((self.view_id, "toolbar")))
            .order(egui::Order::Middle)
            .pivot(egui::Align2::RIGHT_TOP)
            .fixed_pos(rect.right_top() + vec2(-8.0, 8.0))
            .constrain_to(rect)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(6, 4))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if ui.button("Zoom out").clicked() {
                                factor = Some(0.8);
                            }
                            ui.label(format!("{:.0} %", zoom * 100.0))
                                .on_hover_text("Zoom level: wheel to zoom, drag to pan");
                            if ui.button("Zoom in").clicked() {
                                factor = Some(1.25);
                            }
                            if ui
                                .button("Fit")
                                .on_hover_text("Show the whole org")
                                .clicked()
                            {
                                self.fit = true;
                                ui.ctx().request_repaint();
                            }
                        });
                    });
            });
        if let Some(f) = factor {
            let meta = load_meta(ui.ctx(), self.view_id);
            let c = rect.size() / 2.0;
            let zoom = (meta.zoom * f).clamp(ZOOM_MIN, ZOOM_MAX);
            let f = zoom / meta.zoom;
            store_meta(ui.ctx(), self.view_id, zoom, c - (c - meta.pan) * f);
            ui.ctx().request_repaint();
        }
    }
}
