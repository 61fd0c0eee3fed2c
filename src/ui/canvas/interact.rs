//! The two ways the canvas draws: interactively through egui_graphs' GraphView while the user
//! works on it (selecting, dragging a card onto a group, which becomes a move action), and as a
//! static painting of the same cards when idle, which asks for no repaint.

use super::*;

impl Canvas {
    pub(super) fn show_interactive(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        events: &mut Vec<Action>,
    ) {
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
        if self.compare.is_some() {
            // Under the cards, which egui_graphs draws next.
            let rect = ui.available_rect_before_wrap();
            let pan = before.pan + rect.left_top().to_vec2();
            let painter = ui.painter_at(rect);
            let lines = self.move_shapes(&painter, before.zoom, pan, rect, ui.visuals().dark_mode);
            painter.extend(lines);
        }
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

    pub(super) fn mark_target(&mut self, target: Option<Node>, ok: bool) {
        let all: Vec<NodeIndex> = self.index.values().copied().collect();
        for idx in all {
            if let Some(n) = self.graph.node_mut(idx) {
                let hit = Some(n.payload().node) == target;
                n.payload_mut().drop_target = hit.then_some(ok);
            }
        }
    }

    pub(super) fn show_static(&mut self, ui: &mut Ui, doc: &Document, events: &mut Vec<Action>) {
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
        shapes.extend(self.move_shapes(&painter, zoom, pan, clip, dark));
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
                let mut card_shapes =
                    cards::card_shapes(&painter, card, screen, zoom, state, layout.shape(*node));
                if let Some(mark) = self.compare.as_ref().and_then(|c| c.mark(*node)) {
                    compare::mark_card(
                        &painter,
                        &mut card_shapes,
                        card,
                        screen,
                        zoom,
                        mark,
                        layout.shape(*node),
                        dark,
                    );
                }
                shapes.extend(card_shapes);
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
