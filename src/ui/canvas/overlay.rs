//! What sits over the drawn cards: a widget per readable card (what a screen reader reads, the
//! tooltip, the context menu, selection by click), the fold buttons of groups, the marks of
//! find matches and of the selected person's places, and the bars for find and focus.

use egui::{
    Color32, Id, Key, Rect, Sense, Shape, Stroke, StrokeKind, TextEdit, Ui, Vec2, WidgetInfo,
    WidgetType, pos2, vec2,
};
use rustc_hash::FxHashSet as HashSet;

use super::super::cards;
use super::super::document::Document;
use super::super::{Action, Selection};
use super::{Canvas, load_meta};
use crate::diagram::CardKind;
use crate::layout::{Node, Scope};
use crate::model::{GroupId, Unit};
use crate::rules::Severity;

/// Cards narrower than this on screen get no widget of their own: too small to point at or
/// read (the painted card still selects by click).
pub(super) const CARD_WIDGET_PX: f32 = 36.0;
/// Ring of a find match, and of the current one.
const FIND_COLOR: Color32 = Color32::from_rgb(250, 204, 21);
/// Ring of a box the selected person stands in.
const PERSON_COLOR: Color32 = Color32::from_rgb(14, 165, 233);

/// Find on the canvas: the query, its matches and which one was jumped to last.
#[derive(Default)]
pub struct Find {
    open: bool,
    focus_field: bool,
    query: String,
    /// The query the matches are for; `None` when they must be worked out again.
    built: Option<String>,
    /// The query of the last search, stale or not (a new query forgets the current match).
    searched: String,
    matches: Vec<Unit>,
    /// Boxes marked for the matches: each match's own box, or the folded group it hides in.
    marked: HashSet<Node>,
    current: Option<usize>,
}

impl Find {
    pub fn open(&mut self) {
        self.open = true;
        self.focus_field = true;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The org or its layout changed: work the matches out again.
    pub fn stale(&mut self) {
        self.built = None;
    }

    fn refresh(&mut self, doc: &Document) {
        let query = if self.open { self.query.as_str() } else { "" };
        if self.built.as_deref() == Some(query) {
            return;
        }
        let same_query = self.searched == query;
        self.matches = crate::search::find_units(doc.org(), query);
        let layout = doc.layout();
        self.marked = self
            .matches
            .iter()
            .filter_map(|u| {
                let own = Node::from(*u);
                if layout.rect(own).is_some() {
                    return Some(own);
                }
                doc.org()
                    .ancestors(*u)
                    .into_iter()
                    .map(Node::Group)
                    .find(|n| layout.rect(*n).is_some())
            })
            .collect();
        if !same_query {
            self.current = None;
        }
        self.current = self.current.filter(|i| *i < self.matches.len());
        self.built = Some(query.to_string());
        self.searched = query.to_string();
    }

    /// Move to the next (or previous) match and ask for it to be shown.
    fn step(&mut self, forward: bool, events: &mut Vec<Action>) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        let i = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(i);
        events.push(Action::Reveal(Selection::from_node(self.matches[i].into())));
    }

    /// "2 of 5", "No match" or nothing before anything is typed.
    fn count(&self) -> String {
        if self.query.trim().is_empty() {
            String::new()
        } else if self.matches.is_empty() {
            "No match".to_string()
        } else {
            match self.current {
                Some(i) => format!("{} of {}", i + 1, self.matches.len()),
                None => crate::words::plural(self.matches.len(), "match", "matches"),
            }
        }
    }
}

/// The scope with `g` folded or unfolded.
pub(super) fn toggled(scope: &Scope, g: GroupId) -> Scope {
    let mut s = scope.clone();
    if !s.folded.remove(&g) {
        s.folded.insert(g);
    }
    s
}

impl Canvas {
    /// Widgets and marks over the cards of the visible boxes.
    pub(super) fn overlay(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        rect: Rect,
        events: &mut Vec<Action>,
    ) {
        self.find.refresh(doc);
        let meta = load_meta(ui.ctx(), self.view_id);
        let (zoom, pan) = (meta.zoom, meta.pan + rect.left_top().to_vec2());
        let dragging = self.graph.dragged_node().is_some();
        let painter = ui.painter_at(rect);
        let current = self
            .find
            .current
            .and_then(|i| self.find.matches.get(i))
            .map(|u| Node::from(*u));
        let layout = doc.layout();
        for (node, r) in &layout.boxes {
            let screen = cards::to_screen(*r, zoom, pan);
            if !rect.intersects(screen) {
                continue;
            }
            let ring = |color: Color32, width: f32, grow: f32| {
                Shape::rect_stroke(
                    screen.expand(grow),
                    8.0,
                    Stroke::new(width, color),
                    StrokeKind::Outside,
                )
            };
            if self.highlight.contains(node) {
                painter.add(ring(PERSON_COLOR, 3.0, 3.0));
            }
            if self.find.marked.contains(node) {
                let width = if current == Some(*node) { 4.0 } else { 2.5 };
                painter.add(ring(FIND_COLOR, width, 6.0));
            }
            if screen.width() < CARD_WIDGET_PX {
                continue;
            }
            self.card_widget(ui, doc, *node, screen.intersect(rect), dragging, events);
            if let Node::Group(g) = node
                && self.foldable(*g)
                && zoom >= 0.25
            {
                self.fold_button(ui, doc, *g, screen, zoom, events);
            }
        }
        self.ghosts(ui, rect, zoom, pan);
    }

    /// Whether a group has members to fold away.
    fn foldable(&self, g: GroupId) -> bool {
        self.foldable.contains(&g)
    }

    fn card_widget(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        node: Node,
        rect: Rect,
        dragging: bool,
        events: &mut Vec<Action>,
    ) {
        let id = Id::new((self.view_id, "card", node));
        let response = ui.interact(rect, id, Sense::click());
        let description = self.describe(node);
        let selected = self.selected == Some(node);
        response.widget_info(|| {
            WidgetInfo::selected(WidgetType::SelectableLabel, true, selected, &description)
        });
        if response.clicked() {
            self.set_selection(Some(node));
            events.push(Action::Select(Some(Selection::from_node(node))));
        }
        if response.double_clicked()
            && let Node::Group(g) = node
            && self.foldable(g)
        {
            events.push(Action::SetScope(toggled(doc.scope(), g)));
        }
        let response = if dragging {
            response
        } else {
            response.on_hover_ui(|ui| self.tooltip(ui, doc, node))
        };
        response.context_menu(|ui| self.card_menu(ui, doc, node, events));
    }

    /// What a screen reader says of a card: "Team Checkout, 10 people, PO Chloé Lefèvre, SM
    /// Tariq Rahman, 1 warning".
    pub fn describe(&self, node: Node) -> String {
        let Some(card) = self.cards.get(&node) else {
            return String::new();
        };
        let mut parts: Vec<String> = Vec::new();
        let mut subtitle = card.subtitle.split(" · ");
        let change = self.change_words(node);
        match card.kind {
            CardKind::Team { virtual_team } => {
                let kind = if virtual_team { "Virtual team" } else { "Team" };
                parts.push(format!("{kind} {}", card.name));
                if let Some((badge, _)) = &card.badge {
                    parts.push(badge.clone());
                }
            }
            CardKind::Group { .. } => {
                let kind = subtitle.next().unwrap_or("Group");
                parts.push(format!("{kind} {}", card.name));
                parts.extend(subtitle.map(str::to_string));
                if matches!(node, Node::Group(g) if self.folded.contains_key(&g)) {
                    parts.push("collapsed".to_string());
                }
            }
            CardKind::Eat | CardKind::Ems => {
                parts.push(card.name.clone());
                parts.extend(subtitle.skip(1).map(str::to_string));
            }
        }
        parts.extend(card.lines.iter().map(|l| match l.text.split_once(": ") {
            Some((role, "none")) => format!("no {role}"),
            Some((role, who)) => format!("{role} {who}"),
            None => l.text.clone(),
        }));
        if let (Some(first), Some(change)) = (parts.first_mut(), change) {
            // What compare mode shows, right after the name: "Team Support Tools (added)".
            first.push_str(&format!(" ({change})"));
        }
        parts.push(findings_text(
            self.finding_counts.get(&node).copied().unwrap_or_default(),
        ));
        parts.join(", ")
    }

    /// A card's tooltip: its name, roles and headcount, and its findings.
    fn tooltip(&self, ui: &mut Ui, doc: &Document, node: Node) {
        let Some(card) = self.cards.get(&node) else {
            return;
        };
        ui.set_max_width(360.0);
        ui.strong(&card.name);
        ui.label(&card.subtitle);
        if let Some((badge, _)) = &card.badge {
            ui.label(badge);
        }
        for l in &card.lines {
            ui.label(&l.text);
        }
        let subject = super::super::Selection::from_node(node);
        let findings: Vec<_> = doc
            .findings()
            .iter()
            .filter(|f| super::super::Selection::from_subject(f.subject) == Some(subject))
            .collect();
        if findings.is_empty() {
            ui.weak("No findings");
            return;
        }
        ui.separator();
        for f in findings.iter().take(6) {
            ui.colored_label(
                cards::severity_color(f.severity),
                format!("{} {}", f.rule, f.message),
            );
        }
        if findings.len() > 6 {
            ui.weak(format!("and {} more", findings.len() - 6));
        }
    }

    /// Right-click on a card: fold, unfold and focus.
    fn card_menu(&self, ui: &mut Ui, doc: &Document, node: Node, events: &mut Vec<Action>) {
        let scope = doc.scope();
        let org = doc.org();
        if let Node::Group(g) = node {
            let name = org.unit_name(Unit::Group(g));
            if self.foldable(g) {
                let label = if scope.is_folded(g) {
                    "Expand"
                } else {
                    "Collapse"
                };
                if ui.button(label).clicked() {
                    events.push(Action::SetScope(toggled(scope, g)));
                }
            }
            let below = doc.structure().groups_below(g);
            if below.iter().chain([&g]).any(|c| scope.is_folded(*c))
                && ui.button("Expand everything below").clicked()
            {
                let mut s = scope.clone();
                s.folded.remove(&g);
                for c in &below {
                    s.folded.remove(c);
                }
                events.push(Action::SetScope(s));
            }
            if scope.focus == Some(g) {
                if ui.button("Show whole org").clicked() {
                    events.push(Action::SetScope(Scope {
                        focus: None,
                        ..scope.clone()
                    }));
                }
            } else if ui.button(format!("Focus on {name}")).clicked() {
                let mut s = scope.clone();
                s.folded.remove(&g);
                s.focus = Some(g);
                events.push(Action::SetScope(s));
            }
        }
        if let Some(unit) = node.unit()
            && let Some(parent) = org.parent_of(unit)
            && scope.focus != Some(parent)
            && ui
                .button(format!("Focus on {}", org.unit_name(Unit::Group(parent))))
                .clicked()
        {
            let mut s = scope.clone();
            s.folded.remove(&parent);
            s.focus = Some(parent);
            events.push(Action::SetScope(s));
        }
        if matches!(node, Node::Eat | Node::Ems) {
            ui.label("The EAT and EMS stay on top of every view.");
        }
    }

    /// The round button on a group's bottom edge that folds or unfolds it.
    fn fold_button(
        &self,
        ui: &mut Ui,
        doc: &Document,
        g: GroupId,
        card: Rect,
        zoom: f32,
        events: &mut Vec<Action>,
    ) {
        let r = (9.0 * zoom).clamp(7.0, 12.0);
        // Just under the card, where its links leave, clear of the card's text.
        let centre = pos2(card.center().x, card.bottom() + r + 1.0);
        let rect = Rect::from_center_size(centre, Vec2::splat(2.0 * r));
        let response = ui.interact(rect, Id::new((self.view_id, "fold", g)), Sense::click());
        let folded = doc.scope().is_folded(g);
        let name = doc.org().unit_name(Unit::Group(g));
        let label = if folded {
            format!("Expand {name} on the canvas")
        } else {
            format!("Collapse {name} on the canvas")
        };
        response.widget_info(|| WidgetInfo::labeled(WidgetType::Button, true, &label));
        let visuals = ui.visuals();
        let accent = if response.hovered() {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        };
        let painter = ui.painter();
        painter.circle(
            centre,
            r,
            visuals.window_fill,
            Stroke::new(1.5, accent.gamma_multiply(0.8)),
        );
        let arm = r * 0.5;
        let stroke = Stroke::new(1.8, accent);
        painter.line_segment([centre - vec2(arm, 0.0), centre + vec2(arm, 0.0)], stroke);
        if folded {
            painter.line_segment([centre - vec2(0.0, arm), centre + vec2(0.0, arm)], stroke);
        }
        let response = response.on_hover_text(if folded {
            "Expand: show its members"
        } else {
            "Collapse: draw it as one card"
        });
        if response.clicked() {
            events.push(Action::SetScope(toggled(doc.scope(), g)));
        }
    }

    /// The bars in the canvas' top-left corner: the focus, and find.
    pub(super) fn bars(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        rect: Rect,
        events: &mut Vec<Action>,
    ) {
        let focus = doc.scope().focus.filter(|g| doc.org().group(*g).is_some());
        if focus.is_none() && !self.find.open {
            return;
        }
        egui::Area::new(Id::new((self.view_id, "bars")))
            .order(egui::Order::Middle)
            .fixed_pos(rect.left_top() + vec2(8.0, 8.0))
            .constrain_to(rect)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(6, 4))
                    .show(ui, |ui| {
                        if let Some(g) = focus {
                            ui.horizontal(|ui| {
                                ui.label(format!(
                                    "Focused on {}",
                                    doc.org().unit_name(Unit::Group(g))
                                ));
                                if ui
                                    .button("Show whole org")
                                    .on_hover_text("Leave the focus: show every group again")
                                    .clicked()
                                {
                                    events.push(Action::SetScope(Scope {
                                        focus: None,
                                        ..doc.scope().clone()
                                    }));
                                }
                            });
                        }
                        if self.find.open {
                            self.find_bar(ui, events);
                        }
                    });
            });
    }

    fn find_bar(&mut self, ui: &mut Ui, events: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let field = ui
                .add(
                    TextEdit::singleline(&mut self.find.query)
                        .id(Id::new((self.view_id, "find")))
                        .hint_text("team, group or person")
                        .desired_width(190.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.find.focus_field) {
                field.request_focus();
            }
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(Key::Escape),
                )
            });
            if field.changed() {
                self.find.current = None;
            }
            if field.lost_focus() && enter {
                self.find.step(!shift, events);
                field.request_focus();
            }
            ui.label(self.find.count());
            let any = !self.find.matches.is_empty();
            if ui
                .add_enabled(any, egui::Button::new("Previous"))
                .on_hover_text("Shift+Enter")
                .clicked()
            {
                self.find.step(false, events);
            }
            if ui
                .add_enabled(any, egui::Button::new("Next"))
                .on_hover_text("Enter")
                .clicked()
            {
                self.find.step(true, events);
            }
            let close = ui.button("Close find").on_hover_text("Escape");
            if close.clicked() || (escape && (field.has_focus() || field.lost_focus())) {
                self.find.open = false;
                self.find.stale();
            }
        });
    }
}

/// "1 error, 2 warnings", or "no findings".
fn findings_text(counts: [usize; 3]) -> String {
    let words = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .zip(words)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (_, one, many))| crate::words::plural(*n, one, many))
        .collect();
    if parts.is_empty() {
        "no findings".to_string()
    } else {
        parts.join(", ")
    }
}
