//! What a page draws: the cards of one org laid out one way ([`Diagram`]) and the part of it a
//! page shows ([`Scene`]: the whole org, or one Scrum of Scrums with its teams), written as SVG
//! lines and cards in layout units. The page frame scales and places it.

use std::fmt::Write;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::card::{box_card, round_card};
use super::draw::{Num, StrokeAttr};
use crate::diagram::{self, Card};
use crate::layout::{self, Edge, Layout, Node, Rect, Shape};
use crate::model::Org;
use crate::rules::Finding;

/// The cards of one org laid out one way, shared by every page drawn from it.
pub(crate) struct Diagram<'a> {
    pub layout: &'a Layout,
    cards: HashMap<Node, Arc<Card>>,
}

impl<'a> Diagram<'a> {
    /// Cards of every box; `findings` set the markers (`None` leaves them out).
    pub fn new(org: &Org, layout: &'a Layout, findings: Option<&[Finding]>) -> Self {
        Diagram {
            layout,
            cards: diagram::build_cards(org, layout, findings.unwrap_or(&[])),
        }
    }

    /// Everything in the layout.
    pub fn whole(&self) -> Scene<'_> {
        Scene {
            diagram: self,
            nodes: (0..self.layout.boxes.len()).collect(),
            edges: self.layout.edges.clone(),
            bounds: self.layout.bounds,
        }
    }

    /// Only these boxes and the lines between them.
    pub fn part(&self, nodes: &[Node]) -> Scene<'_> {
        let want: rustc_hash::FxHashSet<Node> = nodes.iter().copied().collect();
        let idx: Vec<usize> = self
            .layout
            .boxes
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| want.contains(n))
            .map(|(i, _)| i)
            .collect();
        let bounds = idx
            .iter()
            .map(|i| self.layout.boxes[*i].1)
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default();
        Scene {
            diagram: self,
            edges: self
                .layout
                .edges
                .iter()
                .filter(|e| want.contains(&e.from) && want.contains(&e.to))
                .copied()
                .collect(),
            nodes: idx,
            bounds,
        }
    }
}

/// Boxes and lines to draw, in layout units.
pub(crate) struct Scene<'a> {
    diagram: &'a Diagram<'a>,
    nodes: Vec<usize>,
    edges: Vec<Edge>,
    pub bounds: Rect,
}

impl Scene<'_> {
    /// How many boxes it draws.
    pub fn box_count(&self) -> usize {
        self.nodes.len()
    }
}

/// The links and boxes of a scene, in layout units.
pub(crate) fn write_scene(out: &mut String, scene: &Scene) {
    let layout = scene.diagram.layout;
    if !scene.edges.is_empty() {
        let _ = write!(
            out,
            "<g fill=\"none\" {} stroke-linejoin=\"round\">",
            StrokeAttr(diagram::link_color(false), 1.4)
        );
        for e in &scene.edges {
            let (Some(a), Some(b)) = (layout.rect(e.from), layout.rect(e.to)) else {
                continue;
            };
            out.push_str("<polyline points=\"");
            for (i, (x, y)) in layout::link_points(a, b, e.route, 1.0)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{},{}", Num(x), Num(y));
            }
            out.push_str("\"/>");
        }
        out.push_str("</g>\n");
    }
    for &i in &scene.nodes {
        let (node, r) = layout.boxes[i];
        let Some(card) = scene.diagram.cards.get(&node) else {
            continue;
        };
        let id = match node {
            Node::Team(t) => t.to_string(),
            Node::Group(g) => g.to_string(),
            Node::Eat => "eat".into(),
            Node::Ems => "ems".into(),
        };
        let _ = write!(out, "<g id=\"{id}\">");
        match layout.shapes[i] {
            Shape::Box => box_card(out, card, r),
            shape => round_card(out, card, r, shape),
        }
        out.push_str("</g>\n");
    }
}
