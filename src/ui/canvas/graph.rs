//! The egui_graphs side of the canvas: node and edge displays that draw the same cards as the
//! idle painter, and a layout that leaves every node where the core layout put it.

use std::sync::Arc;

use egui::{Pos2, Rect, Shape, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Layout as GraphLayout, LayoutState,
    Node as GraphNode, NodeProps,
};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;
use serde::{Deserialize, Serialize};

use super::super::cards::{self, CardState};
use crate::diagram::Card;
use crate::layout::{self, Node, Route};

/// Payload of a graph node: which box it is and what its card shows.
#[derive(Clone, Debug)]
pub struct NodeData {
    pub node: Node,
    pub card: Arc<Card>,
    pub size: Vec2,
    pub outline: layout::Shape,
    pub drop_target: Option<bool>,
    /// A folded group.
    pub folded: bool,
    /// What compare mode marks on it.
    pub mark: Option<super::compare::CardMark>,
}

/// Payload of a graph edge.
#[derive(Clone, Copy, Debug)]
pub struct EdgeData {
    pub route: Route,
}

pub type OrgGraph = egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, CardNode, LinkEdge>;

/// egui_graphs node display: a card.
#[derive(Clone, Debug)]
pub struct CardNode {
    data: NodeData,
    location: Pos2,
    state: CardState,
}

impl From<NodeProps<NodeData>> for CardNode {
    fn from(p: NodeProps<NodeData>) -> Self {
        let mut n = CardNode {
            data: p.payload.clone(),
            location: p.location(),
            state: CardState::default(),
        };
        n.update(&p);
        n
    }
}

impl CardNode {
    fn canvas_rect(&self) -> Rect {
        Rect::from_center_size(self.location, self.data.size)
    }
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for CardNode {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let r = self.canvas_rect();
        let d = dir.normalized();
        let tx = if d.x.abs() > f32::EPSILON {
            (r.width() / 2.0) / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > f32::EPSILON {
            (r.height() / 2.0) / d.y.abs()
        } else {
            f32::INFINITY
        };
        self.location + d * tx.min(ty)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let r = self.canvas_rect();
        let mut screen = Rect::from_min_size(ctx.meta.canvas_to_screen_pos(r.min), r.size() * zoom);
        if self.state.dragged {
            // The card under the pointer would hide the box it is dropped on: while dragged it
            // follows the pointer above and to the right, smaller, so the target's name (and
            // the drop preview below the pointer) stay readable.
            let small = screen.size() * 0.7;
            let corner = screen.center() + Vec2::new(14.0, -14.0 - small.y);
            screen = Rect::from_min_size(corner, small);
        }
        if !ctx.painter.clip_rect().intersects(screen)
            || (matches!(self.data.node, Node::Team(_)) && cards::far_card(screen))
        {
            return Vec::new();
        }
        let mut state = self.state;
        state.drop_target = self.data.drop_target;
        state.folded = self.data.folded;
        let mut shapes = cards::card_shapes(
            ctx.painter,
            &self.data.card,
            screen,
            zoom * if self.state.dragged { 0.7 } else { 1.0 },
            state,
            self.data.outline,
        );
        if let Some(mark) = self.data.mark {
            let zoom = zoom * if self.state.dragged { 0.7 } else { 1.0 };
            let dark = ctx.ctx.theme() == egui::Theme::Dark;
            super::compare::mark_card(
                ctx.painter,
                &mut shapes,
                &self.data.card,
                screen,
                zoom,
                mark,
                self.data.outline,
                dark,
            );
        }
        if self.state.dragged {
            for s in &mut shapes {
                fade(s, 0.85);
            }
        }
        shapes
    }

    fn update(&mut self, p: &NodeProps<NodeData>) {
        self.data = p.payload.clone();
        self.location = p.location();
        self.state.selected = p.selected;
        self.state.hovered = p.hovered;
        self.state.dragged = p.dragged;
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        self.canvas_rect().contains(pos)
    }
}

/// egui_graphs edge display: an org-chart line.
#[derive(Clone, Debug)]
pub struct LinkEdge {
    route: Route,
}

impl From<EdgeProps<EdgeData>> for LinkEdge {
    fn from(p: EdgeProps<EdgeData>) -> Self {
        LinkEdge {
            route: p.payload.route,
        }
    }
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, CardNode> for LinkEdge {
    fn shapes(
        &mut self,
        start: &GraphNode<NodeData, EdgeData, Directed, DefaultIx, CardNode>,
        end: &GraphNode<NodeData, EdgeData, Directed, DefaultIx, CardNode>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let to_screen = |n: &GraphNode<NodeData, EdgeData, Directed, DefaultIx, CardNode>| {
            let r = n.display().canvas_rect();
            Rect::from_min_size(ctx.meta.canvas_to_screen_pos(r.min), r.size() * zoom)
        };
        // A dragged card's own links would stretch across other columns: they are left out
        // until it is dropped.
        if start.display().state.dragged || end.display().state.dragged {
            return Vec::new();
        }
        let (a, b) = (to_screen(start), to_screen(end));
        if !ctx.painter.clip_rect().intersects(a.union(b))
            || (matches!(end.payload().node, Node::Team(_)) && cards::far_card(b))
        {
            return Vec::new();
        }
        let dark = ctx.ctx.theme() == egui::Theme::Dark;
        vec![Shape::line(
            cards::link_points(a, b, self.route, zoom),
            cards::link_stroke(dark),
        )]
    }

    fn update(&mut self, p: &EdgeProps<EdgeData>) {
        self.route = p.payload.route;
    }

    fn is_inside(
        &self,
        _: &GraphNode<NodeData, EdgeData, Directed, DefaultIx, CardNode>,
        _: &GraphNode<NodeData, EdgeData, Directed, DefaultIx, CardNode>,
        _: Pos2,
    ) -> bool {
        false
    }
}

/// Layout state for the GraphView: none, positions come from the core layout.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FixedState;
impl LayoutState for FixedState {}

/// A GraphView layout that leaves every node where the core layout put it.
#[derive(Debug, Default)]
pub struct Fixed;

impl GraphLayout<FixedState> for Fixed {
    fn from_state(_: FixedState) -> impl GraphLayout<FixedState> {
        Fixed
    }
    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::stable_graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }
    fn state(&self) -> FixedState {
        FixedState
    }
}

/// Make a shape `f` times as opaque (the dragged card's ghost).
fn fade(shape: &mut Shape, f: f32) {
    match shape {
        Shape::Rect(r) => {
            r.fill = r.fill.gamma_multiply(f);
            r.stroke.color = r.stroke.color.gamma_multiply(f);
        }
        Shape::Path(p) => {
            p.fill = p.fill.gamma_multiply(f);
        }
        Shape::Circle(c) => c.fill = c.fill.gamma_multiply(f),
        _ => {}
    }
}
