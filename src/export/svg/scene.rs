//! What a page draws: the cards of one org laid out one way ([`Diagram`]) and the part of it a
//! page shows ([`Scene`]: the whole org, or one Scrum of Scrums with its teams), written as SVG
//! lines and cards in layout units. The page frame scales and places it.

use std::fmt::Write;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::card::{Mark, box_card, round_card};
use super::draw::{Anchor, Fill, Num, SMALL, StrokeAttr};
use crate::diagram::{self, Card, MoveLine, PlacedMarks, TintCount};
use crate::diff::{Marks, Tint};
use crate::layout::{self, Edge, Layout, Node, Rect, Shape};
use crate::model::Org;
use crate::rules::Finding;

/// The cards of one org laid out one way, shared by every page drawn from it.
pub(crate) struct Diagram<'a> {
    pub layout: &'a Layout,
    cards: HashMap<Node, Arc<Card>>,
    /// A comparison's marks placed on the layout (compare mode's tinted export).
    marks: Option<PlacedMarks>,
}

impl<'a> Diagram<'a> {
    /// Cards of every box; `findings` set the markers (`None` leaves them out), `marks` tint
    /// them with a comparison of `org` (`None`: untinted).
    pub fn marked(
        org: &Org,
        layout: &'a Layout,
        findings: Option<&[Finding]>,
        marks: Option<&Marks>,
    ) -> Self {
        Diagram {
            layout,
            cards: diagram::build_cards(org, layout, findings.unwrap_or(&[])),
            marks: marks.map(|m| diagram::place_marks(org, &org.structure(), layout, m)),
        }
    }

    /// The kinds of change the diagram shows, for the legend.
    pub fn tint_counts(&self) -> Option<Vec<TintCount>> {
        self.marks.as_ref().map(|m| m.legend.clone())
    }

    /// Whether it draws lines from moved boxes.
    pub fn has_moves(&self) -> bool {
        self.marks.as_ref().is_some_and(|m| !m.moves.is_empty())
    }

    /// Everything in the layout (and the ghosts and lines of a comparison).
    pub fn whole(&self) -> Scene<'_> {
        Scene {
            diagram: self,
            nodes: (0..self.layout.boxes.len()).collect(),
            edges: self.layout.edges.clone(),
            bounds: self.marks.as_ref().map_or(self.layout.bounds, |m| m.bounds),
            whole: true,
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
        let mut bounds = idx
            .iter()
            .map(|i| self.layout.boxes[*i].1)
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default();
        if let Some(m) = &self.marks {
            for g in m
                .ghosts
                .iter()
                .filter(|g| g.beside.is_some_and(|n| want.contains(&n)))
            {
                bounds = bounds.union(&g.rect);
            }
        }
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
            whole: false,
        }
    }
}

/// Boxes and lines to draw, in layout units.
pub(crate) struct Scene<'a> {
    diagram: &'a Diagram<'a>,
    nodes: Vec<usize>,
    edges: Vec<Edge>,
    pub bounds: Rect,
    /// The whole layout (a part shows only the marks among its own boxes).
    whole: bool,
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
    let marks = scene.diagram.marks.as_ref();
    if let Some(m) = marks {
        write_moves(out, scene, m);
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
        let mark = marks.map_or_else(Mark::default, |m| Mark {
            tint: m.tints.get(&node).copied(),
            inside: m.inside.get(&node).copied().unwrap_or(0),
        });
        match layout.shapes[i] {
            Shape::Box => box_card(out, card, r, mark),
            shape => round_card(out, card, r, shape, mark),
        }
        out.push_str("</g>\n");
    }
    if let Some(m) = marks {
        write_ghosts(out, scene, m);
    }
}

/// Whether a scene shows a box.
fn shows(scene: &Scene, node: Option<Node>) -> bool {
    match node {
        Some(n) => {
            scene.whole
                || scene
                    .nodes
                    .iter()
                    .any(|i| scene.diagram.layout.boxes[*i].0 == n)
        }
        None => scene.whole,
    }
}

/// Faint dashed lines from moved boxes to where they are in the other version, under the cards.
fn write_moves(out: &mut String, scene: &Scene, m: &PlacedMarks) {
    let lines: Vec<&MoveLine> = m
        .moves
        .iter()
        .filter(|l| shows(scene, Some(l.node)) && shows(scene, l.to_node))
        .collect();
    if lines.is_empty() {
        return;
    }
    let color = diagram::tint_color(Tint::Moved, false);
    let _ = write!(
        out,
        "<g id=\"moves\" fill=\"none\" {} stroke-dasharray=\"6 4\" stroke-linecap=\"round\">",
        StrokeAttr(color.faded(0.6), 1.6)
    );
    for l in &lines {
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            Num(l.from.0),
            Num(l.from.1),
            Num(l.to.0),
            Num(l.to.1)
        );
    }
    out.push_str("</g>");
    for l in &lines {
        super::draw::dot(out, l.to, 3.0, color.faded(0.8));
    }
    if let Some(top) = m.top.filter(|_| scene.whole) {
        super::draw::text(
            out,
            top.0 + 6.0,
            top.1 - super::fit::line_height(SMALL) / 2.0,
            SMALL,
            color,
            Anchor::Start,
            "top level",
        );
    }
    out.push('\n');
}

/// Dashed, translucent cards of units the open design does not have.
fn write_ghosts(out: &mut String, scene: &Scene, m: &PlacedMarks) {
    for (i, g) in m.ghosts.iter().enumerate() {
        if !shows(scene, g.beside) {
            continue;
        }
        let r = g.rect;
        let color = diagram::tint_color(g.ghost.tint, false);
        let _ = write!(
            out,
            "<g id=\"ghost-{i}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" {} {} stroke-dasharray=\"6 4\"/>",
            Num(r.x + 0.75),
            Num(r.y + 0.75),
            Num(r.w - 1.5),
            Num(r.h - 1.5),
            Fill(color.faded(0.08)),
            StrokeAttr(color, 1.5)
        );
        let pad = 10.0;
        let room = r.w - 2.0 * pad;
        let (name, size) = super::fit::fit_name(&g.ghost.name, 14.0, 10.5, room);
        let ink = super::draw::INK.faded(0.75);
        super::draw::text(
            out,
            r.x + pad,
            r.y + pad * 0.8,
            size,
            ink,
            Anchor::Start,
            &name,
        );
        let mut y = r.y + pad * 0.8 + super::fit::line_height(14.0) + 1.0;
        let (what, whence) = diagram::ghost_lines(&g.ghost);
        for (line, ink) in [(what, color), (whence.to_string(), super::draw::MUTED)] {
            if y + super::fit::line_height(11.5) > r.bottom() - 2.0 {
                break;
            }
            let line = super::fit::fit(&line, 11.5, room);
            super::draw::text(out, r.x + pad, y, 11.5, ink, Anchor::Start, &line);
            y += super::fit::line_height(11.5);
        }
        out.push_str("</g>\n");
    }
}
