//! The org canvas: egui_graphs over petgraph, fed by the core's tree layout.
//!
//! egui_graphs' `GraphView::show` asks egui for another frame every time it runs, so a window
//! that shows it every frame never goes idle. The canvas therefore runs the GraphView only while
//! the user is interacting with it (pointer moving, buttons or wheel in use, a drag under way, or
//! within a short grace period after). The rest of the time it paints the very same cards with
//! the very same pan and zoom itself, which asks for no repaint, so an untouched window costs
//! nothing. Both paths share `cards::card_shapes`, and both cull what is off screen.

mod drop;
mod graph;
mod minimap;
mod overlay;

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

/// What the wheel, a trackpad and a pinch asked of the view in one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Navigation {
    /// Multiply the zoom by this, about the pointer.
    pub zoom: f32,
    /// Move the picture by this many points.
    pub pan: Vec2,
}

impl Navigation {
    /// Read from the frame's raw events: a mouse wheel (scrolling by lines or pages) zooms in
    /// steps of [`WHEEL_STEP`] per notch, as does Ctrl/Cmd with any scrolling; a trackpad's
    /// two-finger scroll (scrolling by points) pans; a pinch zooms by its own factor.
    pub fn from_events(events: &[egui::Event]) -> Self {
        let mut nav = Navigation {
            zoom: 1.0,
            pan: Vec2::ZERO,
        };
        for e in events {
            match e {
                egui::Event::MouseWheel {
                    unit,
                    delta,
                    modifiers,
                    ..
                } => {
                    let notches = match unit {
                        egui::MouseWheelUnit::Line => delta.y + delta.x,
                        egui::MouseWheelUnit::Page => (delta.y + delta.x) * 3.0,
                        // A trackpad: about 50 points make one notch.
                        egui::MouseWheelUnit::Point => (delta.y + delta.x) / 50.0,
                    };
                    if modifiers.command || modifiers.ctrl || *unit != egui::MouseWheelUnit::Point {
                        nav.zoom *= WHEEL_STEP.powf(notches.clamp(-5.0, 5.0));
                    } else {
                        nav.pan += *delta;
                    }
                }
                egui::Event::Zoom(f) if f.is_finite() && *f > 0.0 => nav.zoom *= f,
                _ => {}
            }
        }
        nav
    }

    fn is_none(&self) -> bool {
        self.zoom == 1.0 && self.pan == Vec2::ZERO
    }
}

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
        self.built_revision = Some(doc.revision());
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
        if self.built_revision != Some(doc.revision()) {
            self.rebuild(doc);
        }
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
        // Not while a card is dragged: the drop preview needs the room.
        if self.show_minimap && self.graph.dragged_node().is_none() {
            self.minimap_ui(ui, rect);
        }
        let meta = load_meta(ui.ctx(), self.view_id);
        self.last_rect = rect;
        self.last_view = (meta.zoom, meta.pan);
        events
    }

    /// The wheel zooms about the pointer, a trackpad pans, a pinch zooms.
    fn navigate(&mut self, ui: &Ui, rect: Rect) {
        let nav = ui.input(|i| Navigation::from_events(&i.events));
        if nav.is_none() {
            return;
        }
        let meta = load_meta(ui.ctx(), self.view_id);
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .map_or(rect.size() / 2.0, |p| p - rect.left_top());
        let zoom = (meta.zoom * nav.zoom).clamp(ZOOM_MIN, ZOOM_MAX);
        let f = zoom / meta.zoom;
        let pan = pointer - (pointer - meta.pan) * f + nav.pan;
        store_meta(ui.ctx(), self.view_id, zoom, pan);
        ui.ctx().request_repaint();
    }

    /// Move the picture by a background drag.
    fn pan_by(&self, ui: &Ui, delta: Vec2) {
        if delta != Vec2::ZERO {
            let meta = load_meta(ui.ctx(), self.view_id);
            store_meta(ui.ctx(), self.view_id, meta.zoom, meta.pan + delta);
        }
    }

    /// The zoom shown in the toolbar, in per cent.
    pub fn zoom_percent(&self) -> u32 {
        (self.last_view.0 * 100.0).round() as u32
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

    fn apply_view_requests(&mut self, ui: &Ui, rect: Rect, layout: &layout::Layout) {
        if self.fit && rect.width() > 10.0 && !layout.boxes.is_empty() {
            let b = layout.bounds;
            let margin = 30.0;
            let zoom = ((rect.width() - 2.0 * margin) / b.w)
                .min((rect.height() - 2.0 * margin) / b.h)
                .clamp(ZOOM_MIN, 1.2);
            let mut pan = vec2(
                (rect.width() - b.w * zoom) / 2.0 - b.x * zoom,
                (rect.height() - b.h * zoom) / 2.0 - b.y * zoom,
            );
            let mut zoom = zoom;
            if self.opening && zoom < READABLE_ZOOM {
                // Too big to read whole: open at 100 % on its top, centred on the first box
                // (the EAT, or the top group); the minimap and Fit show the rest.
                zoom = READABLE_ZOOM;
                let top = layout.boxes.first().map_or(b, |(_, r)| *r);
                pan = vec2(
                    rect.width() / 2.0 - top.center().0 * zoom,
                    margin - b.y * zoom,
                );
            }
            store_meta(ui.ctx(), self.view_id, zoom, pan);
            self.fit = false;
            self.opening = false;
        }
        if let Some(nodes) = self.show_request.take() {
            let rects: Vec<layout::Rect> = nodes.iter().filter_map(|n| layout.rect(*n)).collect();
            if let Some(first) = rects.first() {
                let b = rects.iter().fold(*first, |a, r| a.union(r));
                let margin = 40.0;
                let meta = load_meta(ui.ctx(), self.view_id);
                let fits =
                    ((rect.width() - 2.0 * margin) / b.w).min((rect.height() - 2.0 * margin) / b.h);
                // Keep the zoom if all of them fit; else zoom out to fit them, but not so far
                // that the cards cannot be read (then the first one is centred).
                let zoom = if fits >= meta.zoom {
                    meta.zoom
                } else {
                    fits.max(meta.zoom.min(0.6))
                };
                let (cx, cy) = if fits >= zoom {
                    b.center()
                } else {
                    first.center()
                };
                let pan = vec2(
                    rect.width() / 2.0 - cx * zoom,
                    rect.height() / 2.0 - cy * zoom,
                );
                store_meta(ui.ctx(), self.view_id, zoom, pan);
            }
        }
    }

    fn show_interactive(&mut self, ui: &mut Ui, doc: &Document, events: &mut Vec<Action>) {
        let was_dragging = self.graph.dragged_node();
        // The view (zoom and pan) is ours: only the user's own navigation in the GraphView may
        // change it. egui_graphs changes it by itself in two cases: on a widget's first frame it
        // fits the graph to the screen with its own margins, and when the widget's corner moved
        // since it last ran (a panel resized while the canvas was idle) it shifts the pan by that
        // much. Either would make the picture jump when the pointer comes back, so such a change
        // is undone and the frame redrawn unseen.
        // The canvas navigates by itself (wheel, trackpad, pinch in `navigate`, background drags
        // below), so egui_graphs' own navigation is off.
        let before = load_meta(ui.ctx(), self.view_id);
        let response = GraphView::<FixedState, Fixed>::new()
            .with_id(Some(self.view_id.to_string()))
            .with_interactions(
                &SettingsInteraction::new()
                    .with_dragging_enabled(true)
                    .with_hover_enabled(true)
                    .with_node_clicking_enabled(true)
                    .with_node_selection_enabled(true),
            )
            .with_navigations(
                &SettingsNavigation::new()
                    .with_fit_to_screen_enabled(false)
                    .with_zoom_and_pan_enabled(false),
            )
            .with_styles(&SettingsStyle::new())
            .show(ui, &mut self.graph);
        let meta_now = load_meta(ui.ctx(), self.view_id);
        if cards::is_far(meta_now.zoom, doc.layout()) {
            let rect = response.response.rect;
            let pan = meta_now.pan + rect.left_top().to_vec2();
            let dark = ui.visuals().dark_mode;
            let blocks = self.column_blocks(meta_now.zoom, pan, rect, dark);
            ui.painter_at(rect).extend(blocks);
        }
        if meta_now.zoom != before.zoom || meta_now.pan != before.pan {
            store_meta(ui.ctx(), self.view_id, before.zoom, before.pan);
            ui.ctx()
                .request_discard("keep the view when egui_graphs moves it by itself");
        }
        let panning = (response.response.dragged_by(egui::PointerButton::Primary)
            || response.response.dragged_by(egui::PointerButton::Middle))
            && was_dragging.is_none()
            && self.graph.dragged_node().is_none();
        if panning {
            self.pan_by(ui, response.response.drag_delta());
        }
        let origin = response.response.rect.left_top();
        let pointer = ui.input(|i| i.pointer.interact_pos().or(i.pointer.hover_pos()));
        let mut drag_ended = None;
        for change in &response.changes {
            match change {
                GraphChange::NodeSelected { node } | GraphChange::NodeClicked { node } => {
                    if let Some(n) = self.graph.node(*node) {
                        let picked = n.payload().node;
                        self.selected = Some(picked);
                        events.push(Action::Select(Some(Selection::from_node(picked))));
                    }
                }
                GraphChange::NodeDragEnded { node } => drag_ended = Some(*node),
                GraphChange::NodeDoubleClicked { node } => {
                    if let Some(Node::Group(g)) = self.graph.node(*node).map(|n| n.payload().node)
                        && self.foldable.contains(&g)
                    {
                        events.push(Action::SetScope(overlay::toggled(doc.scope(), g)));
                    }
                }
                _ => {}
            }
        }
        if response.response.clicked()
            && !response.changes.iter().any(|c| {
                matches!(
                    c,
                    GraphChange::NodeClicked { .. } | GraphChange::NodeSelected { .. }
                )
            })
            && self.graph.hovered_node().is_none()
        {
            events.push(Action::Select(None));
        }
        // Drag feedback: which box is under the pointer, and what dropping there would do.
        let dragged = self.graph.dragged_node().or(was_dragging);
        if let (Some(idx), Some(p)) = (dragged, pointer) {
            let meta = load_meta(ui.ctx(), self.view_id);
            let at = ((p - origin - meta.pan) / meta.zoom).to_pos2();
            let dragged_node = self.graph.node(idx).map(|n| n.payload().node);
            if let Some(dn) = dragged_node {
                let target = doc
                    .layout()
                    .boxes
                    .iter()
                    .rev()
                    .find(|(n, r)| *n != dn && r.contains(at.x, at.y))
                    .map(|(n, _)| *n);
                let stale = self
                    .preview
                    .as_ref()
                    .is_none_or(|pv| pv.dragged != dn || pv.target != target);
                if stale {
                    self.preview = Some(preview(doc, dn, target));
                    self.mark_target(
                        target,
                        self.preview
                            .as_ref()
                            .and_then(|p| p.command.as_ref())
                            .is_some(),
                    );
                }
            }
        }
        if let Some(idx) = drag_ended {
            let preview = self.preview.take();
            self.mark_target(None, false);
            // Put the card back; an accepted move rebuilds the canvas from the new layout.
            let mut moved = true;
            if let Some(n) = self.graph.node(idx).map(|n| n.payload().node)
                && let Some(r) = doc.layout().rect(n)
                && let Some(gn) = self.graph.node_mut(idx)
            {
                let (cx, cy) = r.center();
                // A press and release without moving is a click (the card's own widget
                // handles it), not a drop.
                moved = gn.location().distance(pos2(cx, cy)) > 1.0;
                gn.set_location(pos2(cx, cy));
            }
            match preview {
                _ if !moved => {}
                Some(DropPreview {
                    command: Some(cmd), ..
                }) => events.push(drop_action(cmd)),
                Some(DropPreview {
                    target: None, ..
                })
                | None => events.push(Action::Status(
                    "Dropped on empty canvas: nothing moved. Drop a card on a group to move it there."
                        .to_string(),
                )),
                Some(p) => events.push(Action::Status(p.headline)),
            }
        }
    }

    fn mark_target(&mut self, target: Option<Node>, ok: bool) {
        let all: Vec<NodeIndex> = self.index.values().copied().collect();
        for idx in all {
            if let Some(n) = self.graph.node_mut(idx) {
                let hit = Some(n.payload().node) == target;
                n.payload_mut().drop_target = hit.then_some(ok);
            }
        }
    }

    fn show_static(&mut self, ui: &mut Ui, doc: &Document, events: &mut Vec<Action>) {
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let meta = load_meta(ui.ctx(), self.view_id);
        let pan = meta.pan + response.rect.left_top().to_vec2();
        let zoom = meta.zoom;
        let clip = painter.clip_rect();
        let layout = doc.layout();
        let dark = ui.visuals().dark_mode;
        let stroke = cards::link_stroke(dark);
        let mut shapes: Vec<Shape> = Vec::new();
        let far = cards::is_far(zoom, layout);
        if far {
            shapes.extend(self.column_blocks(zoom, pan, clip, dark));
        }
        for e in &layout.edges {
            if far && matches!(e.to, Node::Team(_)) {
                continue;
            }
            if let (Some(a), Some(b)) = (layout.rect(e.from), layout.rect(e.to)) {
                let (a, b) = (
                    cards::to_screen(a, zoom, pan),
                    cards::to_screen(b, zoom, pan),
                );
                if clip.intersects(a.union(b)) {
                    shapes.push(Shape::line(cards::link_points(a, b, e.route, zoom), stroke));
                }
            }
        }
        let hover = ui.input(|i| i.pointer.hover_pos());
        for (node, r) in &layout.boxes {
            if far && matches!(node, Node::Team(_)) {
                continue;
            }
            let screen = cards::to_screen(*r, zoom, pan);
            if !clip.intersects(screen) {
                continue;
            }
            let state = CardState {
                selected: self.selected == Some(*node),
                hovered: hover.is_some_and(|p| screen.contains(p)),
                folded: matches!(node, Node::Group(g) if self.folded.contains_key(g)),
                ..CardState::default()
            };
            if let Some(card) = self.cards.get(node) {
                shapes.extend(cards::card_shapes(
                    &painter,
                    card,
                    screen,
                    zoom,
                    state,
                    layout.shape(*node),
                ));
            }
        }
        painter.extend(shapes);
        if response.dragged() {
            self.pan_by(ui, response.drag_delta());
        }
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let at = (p - pan) / zoom;
            match layout.hit(at.x, at.y) {
                Some(n) => {
                    self.set_selection(Some(n));
                    events.push(Action::Select(Some(Selection::from_node(n))));
                }
                None => events.push(Action::Select(None)),
            }
        }
    }
}

/// Where egui_graphs keeps a view's zoom and pan: `MetadataFrame::load` reads
/// `Id::new(get_id())`, not `get_id()` itself. Using the same key is what makes the idle
/// painter and the GraphView draw with one transform.
fn meta_key(view_id: &str) -> egui::Id {
    egui::Id::new(MetadataFrame::new(Some(view_id.to_string())).get_id())
}

fn load_meta(ctx: &egui::Context, view_id: &str) -> MetadataFrame {
    ctx.data_mut(|d| d.get_persisted::<MetadataFrame>(meta_key(view_id)))
        .unwrap_or_else(|| MetadataFrame::new(Some(view_id.to_string())))
}

fn store_meta(ctx: &egui::Context, view_id: &str, zoom: f32, pan: Vec2) {
    let mut meta = load_meta(ctx, view_id);
    meta.zoom = zoom;
    meta.pan = pan;
    ctx.data_mut(|d| d.insert_persisted(meta_key(view_id), meta));
}
