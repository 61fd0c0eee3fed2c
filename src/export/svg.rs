//! SVG: the org diagram as the designer draws it (same layout, cards and colours), with a title,
//! a legend and optional finding markers. Text stays text; the output is deterministic (same org
//! and options, same bytes) and is the source of the PNG and PDF exports.

use std::borrow::Cow;
use std::fmt::{self, Write};
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::font;
use crate::diagram::{self, Card, CardKind, Health, Rgba};
use crate::layout::{self, Edge, Layout, Node, Rect, Shape, Style};
use crate::model::{Org, Structure, TeamCount};
use crate::rules::{Counts, Finding, Severity, Thresholds};

/// A number as SVG writes it: at most two decimals, no trailing zeros, never "-0".
struct Num(f32);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = (self.0 * 100.0).round() / 100.0;
        let r = if r == 0.0 || !r.is_finite() { 0.0 } else { r };
        write!(f, "{r}")
    }
}

/// Text escaped for XML, without the characters XML 1.0 forbids (control characters).
pub(crate) fn esc(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'')
            || (c.is_control() && !matches!(c, '\t' | '\n'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if bad(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Break text into lines at most `max_w` wide at `size`, at spaces (a word longer than a line
/// is cut with an ellipsis).
pub(crate) fn wrap(text: &str, size: f32, max_w: f32) -> Vec<String> {
    let m = font::metrics();
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if m.width(&candidate, size) <= max_w || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    lines.push(line);
    lines.into_iter().map(|l| fit(&l, size, max_w)).collect()
}

/// Shorten text with an ellipsis until it is at most `max_w` wide at `size`.
pub(crate) fn fit(text: &str, size: f32, max_w: f32) -> String {
    let m = font::metrics();
    if m.width(text, size) <= max_w {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let s: String = chars.iter().chain(std::iter::once(&'…')).collect();
        if m.width(&s, size) <= max_w {
            return s;
        }
    }
    String::new()
}

/// A name at `size`, or smaller down to `min` if that makes it fit, or shortened at `min`.
/// Returns the text and the size to draw it at.
fn fit_name(text: &str, size: f32, min: f32, max_w: f32) -> (String, f32) {
    let w = font::metrics().width(text, size);
    if w <= max_w {
        return (text.to_string(), size);
    }
    let shrunk = (size * max_w / w).max(min);
    (fit(text, shrunk, max_w), shrunk)
}

/// The cards of one org laid out one way, shared by every page drawn from it.
pub(crate) struct Diagram<'a> {
    pub layout: &'a Layout,
    cards: HashMap<Node, Arc<Card>>,
}

impl<'a> Diagram<'a> {
    /// Cards of every box; `findings` set the markers (pass none to leave them out).
    pub fn new(org: &Org, layout: &'a Layout, findings: &[Finding]) -> Self {
        Diagram {
            layout,
            cards: diagram::build_cards(org, layout, findings),
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

/// What the legend explains.
#[derive(Clone)]
pub(crate) struct Legend {
    style: Style,
    team_range: String,
    /// The range's end points, which are allowed but marked: "3 or 9 people".
    team_limits: Option<String>,
    levels: u32,
    virtual_teams: bool,
    eat: bool,
    ems: bool,
    /// Finding counts, when markers are shown.
    findings: Option<Counts>,
}

impl Legend {
    pub fn of(org: &Org, style: Style, findings: Option<&[Finding]>) -> Legend {
        let t = Thresholds::from_settings(org.rules());
        let unit = match t.team_count {
            TeamCount::Whole => "people",
            TeamCount::Doers => "Developers",
        };
        let team_range = t.team_range().map_or_else(
            || format!("any number of {unit}"),
            |r| format!("{r} {unit}"),
        );
        let team_limits = match (t.team_min, t.team_max) {
            (Some(a), Some(b)) => Some(format!("{a} or {b} {unit}")),
            (Some(a), None) | (None, Some(a)) => Some(format!("{a} {unit}")),
            (None, None) => None,
        };
        Legend {
            style,
            team_range,
            team_limits,
            levels: org.structure().depth(),
            virtual_teams: org.teams().values().any(|t| !t.is_real()),
            eat: !org.eat().is_empty(),
            ems: !org.ems().is_empty(),
            findings: findings.map(Counts::of),
        }
    }
}

/// A line of text under the diagram, with a coloured dot.
#[derive(Clone)]
pub(crate) struct Note {
    pub text: String,
    pub color: Rgba,
}

/// The frame around a scene: a title, a subtitle, the legend, notes and a footer.
#[derive(Clone)]
pub(crate) struct Page {
    /// Fixed page size (PDF) or `None` to size the page to the diagram at scale 1.
    pub size: Option<(f32, f32)>,
    pub margin: f32,
    pub title: String,
    pub subtitle: String,
    pub legend: Option<Legend>,
    pub notes: Vec<Note>,
    pub footer: Option<String>,
    /// Largest scale of the diagram on a fixed-size page.
    pub max_scale: f32,
    /// Scale of the legend (smaller on paper, where the diagram needs the room).
    pub legend_scale: f32,
}

const TITLE: f32 = 22.0;
const SUBTITLE: f32 = 12.0;
const SMALL: f32 = 11.0;
const INK: Rgba = Rgba::gray(25);
const MUTED: Rgba = Rgba::gray(95);

/// Attributes of a fill colour (with its opacity when not opaque).
struct Fill(Rgba);
impl fmt::Display for Fill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fill=\"{}\"", self.0.hex())?;
        if self.0.a < 255 {
            write!(f, " fill-opacity=\"{}\"", Num(self.0.opacity()))?;
        }
        Ok(())
    }
}

/// Attributes of a stroke.
struct StrokeAttr(Rgba, f32);
impl fmt::Display for StrokeAttr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stroke=\"{}\" stroke-width=\"{}\"",
            self.0.hex(),
            Num(self.1)
        )?;
        if self.0.a < 255 {
            write!(f, " stroke-opacity=\"{}\"", Num(self.0.opacity()))?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
}

/// One line of text with its top at `top`.
fn text(out: &mut String, x: f32, top: f32, size: f32, color: Rgba, anchor: Anchor, s: &str) {
    let baseline = top + font::metrics().ascent * size;
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" {}",
        Num(x),
        Num(baseline),
        Num(size),
        Fill(color)
    );
    if let Anchor::Middle = anchor {
        out.push_str(" text-anchor=\"middle\"");
    }
    let _ = write!(out, ">{}</text>", esc(s));
}

fn line_height(size: f32) -> f32 {
    font::metrics().line_height * size
}

/// A pill with a team's headcount; `at` is its top-left corner. Returns its width.
fn badge(out: &mut String, label: &str, health: Health, at: (f32, f32), size: f32) -> f32 {
    let w = font::metrics().width(label, size) + size * 0.9;
    let h = line_height(size) + size * 0.3;
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {}/>",
        Num(at.0),
        Num(at.1),
        Num(w),
        Num(h),
        Num(h / 2.0),
        Fill(health.color())
    );
    text(
        out,
        at.0 + w / 2.0,
        at.1 + size * 0.15,
        size,
        Rgba::WHITE,
        Anchor::Middle,
        label,
    );
    w
}

fn dot(out: &mut String, c: (f32, f32), r: f32, color: Rgba) {
    let _ = write!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>",
        Num(c.0),
        Num(c.1),
        Num(r),
        Fill(color)
    );
}

fn pentagon_points(c: (f32, f32), r: f32) -> String {
    let mut s = String::new();
    for i in 0..5 {
        let a = -std::f32::consts::FRAC_PI_2 + i as f32 * 2.0 * std::f32::consts::PI / 5.0;
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", Num(c.0 + a.cos() * r), Num(c.1 + a.sin() * r));
    }
    s
}

/// A box card: rounded rectangle with an accent bar, title, subtitle, detail lines, a headcount
/// badge and a finding marker, placed as the designer places them at zoom 1.
fn box_card(out: &mut String, card: &Card, r: Rect) {
    let c = diagram::colors(card.kind, false);
    let radius = 6.0;
    // The whole card in the accent colour, then the fill over all but a bar on the left: the
    // bar keeps the card's rounded left corners, as in the designer.
    let bar = 5.0;
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{radius}\" {}/>\
         <path d=\"M{} {}H{}A{radius} {radius} 0 0 1 {} {}V{}A{radius} {radius} 0 0 1 {} {}H{}Z\" {}/>",
        Num(r.x),
        Num(r.y),
        Num(r.w),
        Num(r.h),
        Fill(c.accent),
        Num(r.x + bar),
        Num(r.y),
        Num(r.right() - radius),
        Num(r.right()),
        Num(r.y + radius),
        Num(r.bottom() - radius),
        Num(r.right() - radius),
        Num(r.bottom()),
        Num(r.x + bar),
        Fill(c.fill)
    );
    let border = StrokeAttr(c.accent.faded(0.7), 1.0);
    let dashed = matches!(card.kind, CardKind::Team { virtual_team: true });
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\" {border}{}/>",
        Num(r.x + 0.5),
        Num(r.y + 0.5),
        Num(r.w - 1.0),
        Num(r.h - 1.0),
        if dashed { 0.0 } else { radius },
        if dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        }
    );
    let pad = 10.0;
    let left = r.x + pad + 2.0;
    let mut y = r.y + pad * 0.8;
    let mut title_room = r.right() - pad - left;
    if let Some((label, health)) = &card.badge {
        let w = font::metrics().width(label, SMALL) + SMALL * 0.9;
        badge(
            out,
            label,
            *health,
            (r.right() - pad - w, r.y + pad * 0.7),
            SMALL,
        );
        title_room -= w + 6.0;
    }
    let (title, size) = fit_name(&card.name, 14.0, 10.5, title_room);
    text(
        out,
        left,
        y + (14.0 - size) * font::metrics().ascent,
        size,
        c.text,
        Anchor::Start,
        &title,
    );
    y += line_height(14.0) + 1.0;
    let small = 11.5;
    let room = r.right() - pad - left;
    text(
        out,
        left,
        y,
        small,
        c.text.faded(0.65),
        Anchor::Start,
        &fit(&card.subtitle, small, room),
    );
    y += line_height(small) + 2.0;
    for l in &card.lines {
        if y + line_height(small) > r.bottom() - 2.0 {
            break; // A short box (the fractal layout's EAT and EMS) shows what fits.
        }
        let color = if l.missing {
            diagram::severity_color(Severity::Error)
        } else {
            c.text
        };
        text(
            out,
            left,
            y,
            small,
            color,
            Anchor::Start,
            &fit(&l.text, small, room - 8.0),
        );
        y += line_height(small);
    }
    if let Some(sev) = card.worst {
        dot(
            out,
            (r.right() - 9.0, r.bottom() - 9.0),
            5.0,
            diagram::severity_color(sev),
        );
    }
}

/// A team pentagon or a group circle of the fractal layout.
fn round_card(out: &mut String, card: &Card, r: Rect, shape: Shape) {
    let c = diagram::colors(card.kind, false);
    let centre = r.center();
    let radius = r.w / 2.0;
    let group = matches!(card.kind, CardKind::Group { .. });
    // Opaque (the canvas blends the accent into its background; paper is white), so lines
    // beneath never show through.
    let fill = if group {
        Rgba::WHITE.lerp(c.accent, 0.85)
    } else {
        c.fill
    };
    let stroke = StrokeAttr(c.accent.faded(0.7), 1.0);
    match shape {
        Shape::Pentagon => {
            let _ = write!(
                out,
                "<polygon points=\"{}\" {} {stroke}/>",
                pentagon_points(centre, radius),
                Fill(fill)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {} {stroke}/>",
                Num(centre.0),
                Num(centre.1),
                Num(radius),
                Fill(fill)
            );
        }
    }
    let color = if group { Rgba::WHITE } else { c.text };
    let details = round_details(card);
    let details: Vec<(&str, bool)> = details.iter().map(|(t, m)| (t.as_str(), *m)).collect();
    let label = layout::LabelText {
        name: &card.name,
        details: &details,
        badge: card.badge.as_ref().map(|(b, _)| b.as_str()),
    };
    let m = font::metrics();
    let advance = |c: char| m.width(c.encode_utf8(&mut [0; 4]), 1.0);
    for l in layout::fit_label(shape, radius, 1.0, &label, &advance, m.line_height) {
        let top = centre.1 + l.top;
        let pill = match l.part {
            layout::LabelPart::Badge => card.badge.as_ref().map(|(_, h)| h.color()),
            _ if l.pill => Some(diagram::severity_color(Severity::Error)),
            _ => None,
        };
        if let Some(fill) = pill {
            let w = layout::pill_width(m.width(&l.text, l.size), l.size);
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {}/>",
                Num(centre.0 - w / 2.0),
                Num(top),
                Num(w),
                Num(l.height),
                Num(l.height / 2.0),
                Fill(fill)
            );
            let at = top + l.size * layout::PILL_INSET;
            text(
                out,
                centre.0,
                at,
                l.size,
                Rgba::WHITE,
                Anchor::Middle,
                &l.text,
            );
        } else {
            text(out, centre.0, top, l.size, color, Anchor::Middle, &l.text);
        }
    }
    if let Some(sev) = card.worst {
        dot(
            out,
            (centre.0, centre.1 + radius * 0.62),
            4.5,
            diagram::severity_color(sev),
        );
    }
}

/// The detail lines of a fractal shape: a group's level and member count, then its roles
/// (`true`: missing, drawn on a warning pill); a team shows only its name and headcount.
fn round_details(card: &Card) -> Vec<(String, bool)> {
    match card.kind {
        CardKind::Group { .. } => std::iter::once((card.subtitle.clone(), false))
            .chain(card.lines.iter().map(|l| (l.text.clone(), l.missing)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The links and boxes of a scene, in layout units.
fn write_scene(out: &mut String, scene: &Scene) {
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

/// Draws a legend entry with its top-left corner at (x, y).
type DrawItem = Box<dyn Fn(&mut String, f32, f32)>;

/// One legend entry: a swatch and a label, `w` wide in all.
struct Item {
    w: f32,
    draw: DrawItem,
}

/// A legend entry placed: the row heading it starts (if first in its row), and where it goes.
struct Placed {
    heading: Option<&'static str>,
    item: Item,
    x: f32,
    y: f32,
}

fn item(label: String, swatch_w: f32, swatch: impl Fn(&mut String, f32, f32) + 'static) -> Item {
    let w = swatch_w + 6.0 + font::metrics().width(&label, SMALL);
    Item {
        w,
        draw: Box::new(move |out, x, y| {
            swatch(out, x, y);
            text(
                out,
                x + swatch_w + 6.0,
                y + (16.0 - line_height(SMALL)) / 2.0,
                SMALL,
                INK,
                Anchor::Start,
                &label,
            );
        }),
    }
}

fn kind_item(label: &str, kind: CardKind, shape: Shape) -> Item {
    let c = diagram::colors(kind, false);
    let dashed = matches!(kind, CardKind::Team { virtual_team: true });
    item(label.to_string(), 22.0, move |out, x, y| match shape {
        Shape::Box => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"14\" rx=\"3\" {} {}{}/>",
                Num(x),
                Num(y + 1.0),
                Fill(c.fill),
                StrokeAttr(c.accent, 1.2),
                if dashed {
                    " stroke-dasharray=\"3 2\""
                } else {
                    ""
                }
            );
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"3\" height=\"14\" {}/>",
                Num(x),
                Num(y + 1.0),
                Fill(c.accent)
            );
        }
        Shape::Pentagon => {
            let _ = write!(
                out,
                "<polygon points=\"{}\" {} {}/>",
                pentagon_points((x + 11.0, y + 8.5), 8.0),
                Fill(c.fill),
                StrokeAttr(c.accent, 1.2)
            );
        }
        Shape::Circle => dot(
            out,
            (x + 11.0, y + 8.0),
            7.5,
            Rgba::WHITE.lerp(c.accent, 0.85),
        ),
    })
}

fn pill_item(label: String, health: Health) -> Item {
    item(label, 22.0, move |out, x, y| {
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"12\" rx=\"6\" {}/>",
            Num(x),
            Num(y + 2.0),
            Fill(health.color())
        );
    })
}

fn dot_item(label: String, color: Rgba) -> Item {
    item(label, 10.0, move |out, x, y| {
        dot(out, (x + 5.0, y + 8.0), 5.0, color)
    })
}

/// Legend entries in reading order, with the heading of each row.
fn legend_rows(l: &Legend) -> Vec<(&'static str, Vec<Item>)> {
    let (team_shape, group_shape) = match l.style {
        Style::Tree => (Shape::Box, Shape::Box),
        Style::Fractal => (Shape::Pentagon, Shape::Circle),
    };
    let mut boxes = vec![kind_item(
        "Scrum team",
        CardKind::Team {
            virtual_team: false,
        },
        team_shape,
    )];
    if l.virtual_teams {
        boxes.push(kind_item(
            "Virtual team",
            CardKind::Team { virtual_team: true },
            team_shape,
        ));
    }
    for level in 1..=l.levels.clamp(1, 3) {
        let label = match level {
            1 => "Scrum of Scrums",
            2 => "SoS of SoS",
            _ => "level 3 and above",
        };
        boxes.push(kind_item(label, CardKind::Group { level }, group_shape));
    }
    if l.eat {
        boxes.push(kind_item(
            "Executive Action Team",
            CardKind::Eat,
            Shape::Box,
        ));
    }
    if l.ems {
        boxes.push(kind_item("Executive MetaScrum", CardKind::Ems, Shape::Box));
    }
    let sizes = match &l.team_limits {
        Some(limits) => vec![
            pill_item(format!("inside {}", l.team_range), Health::Good),
            pill_item(format!("at a limit of {limits}"), Health::Edge),
            pill_item("outside the range".into(), Health::Bad),
        ],
        // A profile without size limits: every team is fine (an empty one is still red).
        None => vec![
            pill_item("no size limit".into(), Health::Good),
            pill_item("no people".into(), Health::Bad),
        ],
    };
    let mut rows = vec![("Boxes", boxes), ("Team size", sizes)];
    if let Some(c) = l.findings {
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        rows.push((
            "Findings",
            vec![
                dot_item(
                    plural(c.errors, "error"),
                    diagram::severity_color(Severity::Error),
                ),
                dot_item(
                    plural(c.warnings, "warning"),
                    diagram::severity_color(Severity::Warning),
                ),
                dot_item(
                    plural(c.infos, "info"),
                    diagram::severity_color(Severity::Info),
                ),
            ],
        ));
    }
    rows
}

const ROW: f32 = 22.0;
const HEADING_W: f32 = 78.0;

/// Where each legend item goes in a box `width` wide: (row heading, item, x, y) and the height.
fn place_legend(l: &Legend, width: f32) -> (Vec<Placed>, f32) {
    let mut placed = Vec::new();
    let mut y = 0.0;
    for (heading, items) in legend_rows(l) {
        let mut x = HEADING_W;
        let mut first = true;
        for it in items {
            if x + it.w > width && x > HEADING_W {
                x = HEADING_W;
                y += ROW;
            }
            let w = it.w;
            placed.push(Placed {
                heading: first.then_some(heading),
                item: it,
                x,
                y,
            });
            first = false;
            x += w + 18.0;
        }
        y += ROW;
    }
    (placed, y)
}

/// Height of the legend drawn `width` wide at `scale`.
fn legend_height(l: &Legend, width: f32, scale: f32) -> f32 {
    place_legend(l, width / scale).1 * scale
}

fn write_legend(out: &mut String, l: &Legend, at: (f32, f32), width: f32, scale: f32) {
    let (placed, _) = place_legend(l, width / scale);
    let _ = write!(
        out,
        "<g id=\"legend\" transform=\"translate({} {}) scale({})\">",
        Num(at.0),
        Num(at.1),
        Num(scale)
    );
    for Placed {
        heading,
        item,
        x: ix,
        y: iy,
    } in placed
    {
        if let Some(h) = heading {
            text(
                out,
                0.0,
                iy + (16.0 - line_height(SMALL)) / 2.0,
                SMALL,
                MUTED,
                Anchor::Start,
                h,
            );
        }
        (item.draw)(out, ix, iy);
    }
    out.push_str("</g>\n");
}

/// Where things go on a page around a diagram of bounds `b`.
struct Measure {
    width: f32,
    height: f32,
    /// Scale of the diagram.
    scale: f32,
    inner_w: f32,
    header: f32,
    notes: Vec<(Rgba, Vec<String>)>,
    footer_h: f32,
    gap: f32,
}

fn measure(b: Rect, page: &Page) -> Measure {
    let m = page.margin;
    let header = line_height(TITLE) + 4.0 + line_height(SUBTITLE) + 14.0;
    let note_w = match page.size {
        Some((w, _)) => w - 2.0 * m,
        None => b.w.max(600.0),
    } - 14.0;
    let notes: Vec<(Rgba, Vec<String>)> = page
        .notes
        .iter()
        .map(|n| (n.color, wrap(&n.text, SMALL, note_w)))
        .collect();
    let note_lines: usize = notes.iter().map(|n| n.1.len()).sum();
    let notes_h = if notes.is_empty() {
        0.0
    } else {
        12.0 + note_lines as f32 * line_height(SMALL) * 1.15
    };
    let footer_h = if page.footer.is_some() { 18.0 } else { 0.0 };
    let gap = 18.0;
    let (width, height, scale, inner_w) = match page.size {
        None => {
            let inner_w = b.w.max(600.0);
            let legend = page
                .legend
                .as_ref()
                .map_or(0.0, |l| legend_height(l, inner_w, page.legend_scale));
            let h = m + header + b.h + gap + notes_h + legend + footer_h + m;
            (inner_w + 2.0 * m, h, 1.0, inner_w)
        }
        Some((w, h)) => {
            let inner_w = w - 2.0 * m;
            let legend = page
                .legend
                .as_ref()
                .map_or(0.0, |l| legend_height(l, inner_w, page.legend_scale));
            let room_h = h - 2.0 * m - header - gap - notes_h - legend - footer_h;
            let scale = (inner_w / b.w.max(1.0))
                .min(room_h.max(1.0) / b.h.max(1.0))
                .min(page.max_scale);
            (w, h, scale, inner_w)
        }
    };
    Measure {
        width,
        height,
        scale,
        inner_w,
        header,
        notes,
        footer_h,
        gap,
    }
}

/// The scale a scene would be drawn at on a page.
pub(crate) fn scale_on(scene: &Scene, page: &Page) -> f32 {
    measure(scene.bounds, page).scale
}

/// A whole SVG document: the page frame around a scene. Returns the text and its width and
/// height.
pub(crate) fn compose(scene: &Scene, page: &Page) -> (String, (f32, f32)) {
    let m = page.margin;
    let b = scene.bounds;
    let Measure {
        width,
        height,
        scale,
        inner_w,
        header,
        notes,
        footer_h,
        gap,
    } = measure(b, page);
    let mut out = String::with_capacity(4096 + scene.nodes.len() * 900);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{family}, Arial, Helvetica, sans-serif\">\n",
        w = Num(width),
        h = Num(height),
        family = font::FAMILY
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&page.title));
    let _ = writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        Num(width),
        Num(height)
    );
    text(
        &mut out,
        m,
        m,
        TITLE,
        INK,
        Anchor::Start,
        &fit(&page.title, TITLE, inner_w),
    );
    text(
        &mut out,
        m,
        m + line_height(TITLE) + 4.0,
        SUBTITLE,
        MUTED,
        Anchor::Start,
        &fit(&page.subtitle, SUBTITLE, inner_w),
    );
    out.push('\n');
    let top = m + header;
    let drawn_w = b.w * scale;
    let left = m + (inner_w - drawn_w).max(0.0) / 2.0;
    let _ = writeln!(
        out,
        "<g id=\"diagram\" transform=\"translate({} {}) scale({})\">",
        Num(left - b.x * scale),
        Num(top - b.y * scale),
        Num(scale)
    );
    write_scene(&mut out, scene);
    out.push_str("</g>\n");
    let mut y = top + b.h * scale + gap;
    if !notes.is_empty() {
        y += 4.0;
        for (color, lines) in &notes {
            dot(
                &mut out,
                (m + 4.0, y + line_height(SMALL) / 2.0),
                4.0,
                *color,
            );
            for l in lines {
                text(&mut out, m + 14.0, y, SMALL, INK, Anchor::Start, l);
                y += line_height(SMALL) * 1.15;
            }
        }
        y += 8.0;
        out.push('\n');
    }
    if let Some(l) = &page.legend {
        if page.size.is_some() {
            // On a fixed page the legend sits at the bottom, above the footer.
            y = height - m - footer_h - legend_height(l, inner_w, page.legend_scale);
        }
        write_legend(&mut out, l, (m, y), inner_w, page.legend_scale);
    }
    if let Some(f) = &page.footer {
        text(
            &mut out,
            width / 2.0,
            height - m - line_height(10.0),
            10.0,
            MUTED,
            Anchor::Middle,
            f,
        );
    }
    out.push_str("</svg>\n");
    (out, (width, height))
}

/// "12 teams · 91 people · 3 Scrums of Scrums · profile two-pizza".
pub(crate) fn summary_line(org: &Org, style: Style) -> String {
    let s = org.structure();
    let n = |count: usize, one: &str, many: &str| {
        if count == 1 {
            format!("1 {one}")
        } else {
            format!("{count} {many}")
        }
    };
    let mut parts = vec![
        n(org.teams().len(), "team", "teams"),
        n(org.people().len(), "person", "people"),
    ];
    for (i, count) in s.groups_per_level().iter().enumerate() {
        let label = Structure::level_label(i as u32 + 1);
        parts.push(format!("{count} {label}"));
    }
    parts.push(format!(
        "profile {}",
        Thresholds::from_settings(org.rules()).profile
    ));
    parts.push(format!("{} layout", style.label().to_lowercase()));
    parts.join(" · ")
}

/// The org as a standalone SVG document sized to its diagram.
pub fn to_svg(org: &Org, layout: &Layout, findings: Option<&[Finding]>) -> String {
    document(org, layout, findings).0
}

/// The standalone SVG document and its width and height.
pub(crate) fn document(
    org: &Org,
    layout: &Layout,
    findings: Option<&[Finding]>,
) -> (String, (f32, f32)) {
    let d = Diagram::new(org, layout, findings.unwrap_or(&[]));
    let page = Page {
        size: None,
        margin: 24.0,
        title: org.name().to_string(),
        subtitle: summary_line(org, layout.style),
        legend: Some(Legend::of(org, layout.style, findings)),
        notes: Vec::new(),
        footer: None,
        max_scale: 1.0,
        legend_scale: 1.0,
    };
    compose(&d.whole(), &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        let lines = wrap(
            "one two three four five six seven eight nine ten",
            11.0,
            80.0,
        );
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(font::metrics().width(l, 11.0) <= 80.0, "{l}");
        }
        assert_eq!(
            lines.join(" "),
            "one two three four five six seven eight nine ten"
        );
    }

    #[test]
    fn names_shrink_before_they_are_shortened() {
        let (t, size) = fit_name("Recommendations", 13.0, 9.0, 93.0);
        assert_eq!(t, "Recommendations");
        assert!((9.0..13.0).contains(&size));
        let (t, size) = fit_name(
            "A very long team name that cannot fit at all",
            13.0,
            9.0,
            93.0,
        );
        assert!(t.ends_with('…'));
        assert_eq!(size, 9.0);
    }
}
