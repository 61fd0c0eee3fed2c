//! The two cycles as a picture and on paper: SVG (the figure with a title and its legend), PNG
//! (that SVG rendered by resvg with the bundled font) and PDF (the figure on a landscape page,
//! then every component in words: its carriers, coverage, ratings with the raters' notes and the
//! findings behind its gaps). The designer's Cycles view draws the same [`figure::Figure`], and
//! the org's PDF ends with these pages.

pub mod figure;

use std::fmt::Write;

use krilla::Document;
use krilla::metadata::Metadata;

pub use figure::{Colouring, Figure, Input, Shape};

use super::svg::{
    Anchor, Fill, INK, MUTED, Num, StrokeAttr, dot, esc, line_height, open_page, text, wrap,
};
use super::{ExportError, Paper, font};
use crate::cycles::{Coverage, Cycles};
use crate::diagram::{Rgba, severity_color};
use crate::model::{Org, Round, Structure};

/// What a cycles export shows: the cycles of a scope, optionally a round's ratings and the
/// round it is compared with, coloured by coverage or by rating.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    pub org: &'a Org,
    pub structure: &'a Structure,
    pub cycles: &'a Cycles,
    pub round: Option<&'a Round>,
    /// An earlier round to compare `round` with.
    pub earlier: Option<&'a Round>,
    pub colouring: Colouring,
}

pub use crate::cycles::rating::Rated;

impl Shown<'_> {
    /// The round's ratings and their moves, worked out once for the figure and the words.
    pub fn rated(&self) -> Rated {
        Rated::of(self.structure, self.cycles.scope, self.round, self.earlier)
    }

    /// "Acme Online", "SoS Payments".
    pub fn scope_name(&self) -> String {
        crate::cycles::scope_name(self.org, self.structure, self.cycles.scope)
    }

    /// "10 of 12 components complete · round Q1 2027 (2027-01-15, 3 raters), compared with Q4
    /// 2026 · coloured by rating".
    pub fn subtitle(&self) -> String {
        let complete = self
            .cycles
            .components
            .iter()
            .filter(|c| c.coverage == Coverage::Complete)
            .count();
        let mut parts = vec![format!(
            "{complete} of {} components complete",
            self.cycles.components.len()
        )];
        if let Some(r) = self.round {
            let mut s = format!(
                "round {} ({}, {})",
                r.name,
                r.date,
                crate::words::plural(r.raters.len(), "rater", "raters")
            );
            if let Some(e) = self.earlier {
                s.push_str(&format!(", compared with {}", e.name));
            }
            parts.push(s);
        }
        parts.push(format!(
            "coloured by {}",
            self.colouring.label().to_lowercase()
        ));
        parts.join(" · ")
    }

    /// The figure, in the light theme (exports) or the dark one.
    pub fn figure(&self, rated: &Rated, dark: bool) -> Figure {
        figure::figure(&Input {
            cycles: self.cycles,
            colouring: self.colouring,
            rated,
            dark,
        })
    }
}

/// Size of the title.
const TITLE: f32 = 22.0;
/// Size of the subtitle.
const SUBTITLE: f32 = 12.0;
/// Margin around an SVG page.
const MARGIN: f32 = 24.0;
/// Height of the header: title, subtitle and a gap.
fn header() -> f32 {
    line_height(TITLE) + 4.0 + line_height(SUBTITLE) + 10.0
}

/// A sector of a ring as an SVG path.
fn sector_path(s: &figure::Sector) -> String {
    let large = if s.end - s.start > std::f32::consts::PI {
        1
    } else {
        0
    };
    let (o0, o1, i1, i0) = (
        s.at(s.outer, s.start),
        s.at(s.outer, s.end),
        s.at(s.inner, s.end),
        s.at(s.inner, s.start),
    );
    format!(
        "M{} {} A{} {} 0 {large} 1 {} {} L{} {} A{} {} 0 {large} 0 {} {} Z",
        Num(o0.0),
        Num(o0.1),
        Num(s.outer),
        Num(s.outer),
        Num(o1.0),
        Num(o1.1),
        Num(i1.0),
        Num(i1.1),
        Num(s.inner),
        Num(s.inner),
        Num(i0.0),
        Num(i0.1),
    )
}

fn colour_attrs(fill: Rgba, stroke: Rgba, width: f32) -> String {
    format!("{} {}", Fill(fill), StrokeAttr(stroke, width))
}

/// The figure's elements, in its own units.
fn write_figure(out: &mut String, f: &Figure, shown: &Shown) {
    // The loops' tracks under everything.
    for l in &f.loops {
        let _ = writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 5\"/>",
            Num(l.centre.0),
            Num(l.centre.1),
            Num(l.radius),
            f.track.hex()
        );
    }
    for a in &f.arrows {
        let _ = writeln!(
            out,
            "<polygon points=\"{},{} {},{} {},{}\" fill=\"{}\"/>",
            Num(a[0].0),
            Num(a[0].1),
            Num(a[1].0),
            Num(a[1].1),
            Num(a[2].0),
            Num(a[2].1),
            f.track.hex()
        );
    }
    for p in &f.parts {
        let _ = write!(out, "<g id=\"component-{}\">", p.component.key());
        let _ = write!(out, "<title>{}</title>", esc(&tooltip(shown, p)));
        let attrs = colour_attrs(p.fill, p.stroke, 2.0);
        match p.shape {
            Shape::Sector(sector) => {
                let _ = write!(out, "<path d=\"{}\" {attrs}/>", sector_path(&sector));
            }
            Shape::Disc { centre, radius } => {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>",
                    Num(centre.0),
                    Num(centre.1),
                    Num(radius)
                );
            }
            Shape::Box { min, size } => {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"14\" {attrs}/>",
                    Num(min.0),
                    Num(min.1),
                    Num(size.0),
                    Num(size.1)
                );
            }
        }
        for l in &p.lines {
            text(out, l.x, l.top, l.size, l.color, Anchor::Middle, &l.text);
        }
        out.push_str("</g>\n");
    }
    for l in &f.titles {
        text(out, l.x, l.top, l.size, l.color, Anchor::Middle, &l.text);
    }
    out.push('\n');
    // The legend: a swatch and its words each, in a row.
    let _ = write!(out, "<g id=\"legend\">");
    let (mut x, y) = f.keys_at;
    for k in &f.keys {
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"12\" rx=\"3\" {}/>",
            Num(x),
            Num(y),
            colour_attrs(k.fill, k.stroke, 1.5)
        );
        text(
            out,
            x + 24.0,
            y - 1.0,
            11.0,
            f.muted,
            Anchor::Start,
            &k.text,
        );
        x += 24.0 + font::metrics().width(&k.text, 11.0) + 22.0;
    }
    out.push_str("</g>\n");
}

/// A component's tooltip in an SVG viewer: its summary and the findings behind its gaps.
fn tooltip(shown: &Shown, p: &figure::Part) -> String {
    let st = shown.cycles.get(p.component);
    let mut s = p.summary.clone();
    for f in st.gaps.iter().take(12) {
        s.push_str(&format!("\n{}[{}] {}", f.severity, f.rule, f.message));
    }
    if st.gaps.len() > 12 {
        s.push_str(&format!("\n… and {} more", st.gaps.len() - 12));
    }
    s
}

/// The figure page as an SVG document with its width and height: sized to the figure, or on
/// `paper` (landscape, the figure scaled to fit, a footer at the bottom).
fn figure_page(shown: &Shown, rated: &Rated, paper: Option<(Paper, &str)>) -> (String, (f32, f32)) {
    let f = shown.figure(rated, false);
    let natural = (f.width + 2.0 * MARGIN, f.height + 2.0 * MARGIN + header());
    let (width, height, scale, left, top) = match paper {
        None => (natural.0, natural.1, 1.0, 0.0, 0.0),
        Some((p, _)) => {
            let (h, w) = p.size();
            let room = (w - 2.0 * 12.0, h - 2.0 * 12.0 - 24.0);
            let scale = (room.0 / natural.0).min(room.1 / natural.1);
            (
                w,
                h,
                scale,
                (w - natural.0 * scale) / 2.0,
                12.0 + (room.1 - natural.1 * scale) / 2.0,
            )
        }
    };
    let mut out = String::with_capacity(24 * 1024);
    let title = format!("The two cycles of {}", shown.scope_name());
    open_page(&mut out, width, height, &title);
    let (ink, muted) = (INK, MUTED);
    let _ = writeln!(
        out,
        "<g transform=\"translate({} {}) scale({})\">",
        Num(left),
        Num(top),
        Num(scale)
    );
    text(&mut out, MARGIN, MARGIN, TITLE, ink, Anchor::Start, &title);
    text(
        &mut out,
        MARGIN,
        MARGIN + line_height(TITLE) + 4.0,
        SUBTITLE,
        muted,
        Anchor::Start,
        &shown.subtitle(),
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "<g id=\"figure\" transform=\"translate({} {})\">",
        Num(MARGIN),
        Num(MARGIN + header())
    );
    write_figure(&mut out, &f, shown);
    out.push_str("</g>\n</g>\n");
    if let Some((_, footer)) = paper {
        text(
            &mut out,
            width / 2.0,
            height - 12.0 - line_height(10.0),
            10.0,
            muted,
            Anchor::Middle,
            footer,
        );
    }
    out.push_str("</svg>\n");
    (out, (width, height))
}

/// The cycles as a standalone SVG document.
pub fn to_svg(shown: &Shown) -> String {
    figure_page(shown, &shown.rated(), None).0
}

/// The cycles as a PNG at `scale` pixels per unit.
pub fn to_png(shown: &Shown, scale: f32) -> Result<Vec<u8>, ExportError> {
    super::check_scale(scale)?;
    let (svg, (w, h)) = figure_page(shown, &shown.rated(), None);
    super::png::check_size(w, h, scale)?;
    super::svg_to_png(&svg, scale)
}

/// The text with its first letter in capitals.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// One entry of the components' list on paper.
struct Item {
    indent: f32,
    size: f32,
    color: Rgba,
    /// A dot before it, in this colour.
    dot: Option<Rgba>,
    text: String,
    /// Space above it.
    above: f32,
}

/// Every component in words: name, state and carriers, the round's ratings with their notes,
/// the findings behind its gaps.
fn items(shown: &Shown, rated: &Rated) -> Vec<Item> {
    let (ink, muted) = (INK, MUTED);
    let mut v = Vec::new();
    let item = |indent, size, color, dot, text: String, above| Item {
        indent,
        size,
        color,
        dot,
        text,
        above,
    };
    for st in &shown.cycles.components {
        let c = st.component;
        v.push(item(0.0, 13.0, ink, None, c.label().to_string(), 12.0));
        let state = st.state();
        let carriers = if st.carriers.is_empty() {
            "nobody carries it".to_string()
        } else {
            st.carriers.clone()
        };
        v.push(item(
            0.0,
            10.5,
            muted,
            Some(figure::coverage_color(st.coverage)),
            format!(
                "{}{}: {state}. {}",
                match c.cycle() {
                    crate::cycles::Cycle::ScrumMaster => "In the Scrum Master cycle",
                    crate::cycles::Cycle::ProductOwner => "In the Product Owner cycle",
                    crate::cycles::Cycle::Both => "Where the cycles meet",
                    crate::cycles::Cycle::Shared => "Shared by both cycles",
                },
                if c.is_hub() { ", its hub" } else { "" },
                if st.carriers.is_empty() {
                    "Nobody carries it.".to_string()
                } else {
                    format!("Carried by {carriers}.")
                }
            ),
            2.0,
        ));
        let evidence = crate::cycles::evidence(shown.org, shown.structure, &st.gaps);
        if let Some(line) = rated.line(c, &evidence) {
            let summary = rated.summary(c);
            v.push(item(
                0.0,
                10.5,
                if summary.is_some() { ink } else { muted },
                summary.map(|s| figure::rating_color(s.median)),
                capitalised(&line),
                2.0,
            ));
            for r in summary.map_or(&[][..], |s| &s.ratings) {
                v.push(item(
                    14.0,
                    10.0,
                    muted,
                    None,
                    crate::cycles::rating::rater_line(shown.org, r),
                    1.0,
                ));
            }
        }
        const MAX_GAPS: usize = 10;
        for f in st.gaps.iter().take(MAX_GAPS) {
            v.push(item(
                14.0,
                10.0,
                ink,
                Some(severity_color(f.severity)),
                format!(
                    "{} {} ({}): {}",
                    f.rule, f.subject_name, f.severity, f.message
                ),
                1.0,
            ));
        }
        if st.gaps.len() > MAX_GAPS {
            v.push(item(
                14.0,
                10.0,
                muted,
                None,
                format!(
                    "… and {} more; `orgscale cycles` lists them all.",
                    st.gaps.len() - MAX_GAPS
                ),
                1.0,
            ));
        }
    }
    v
}

/// The list of components on portrait pages of `paper`, as SVG documents.
fn list_pages(
    shown: &Shown,
    rated: &Rated,
    paper: Paper,
    first_page: usize,
    total: usize,
) -> Vec<(String, (f32, f32))> {
    let (w, h) = paper.size();
    let m = 36.0;
    let inner = w - 2.0 * m;
    let (ink, muted) = (INK, MUTED);
    let mut pages: Vec<(String, (f32, f32))> = Vec::new();
    let start = |n: usize| {
        let mut out = String::with_capacity(16 * 1024);
        let title = if n == 0 {
            format!("The components of {}", shown.scope_name())
        } else {
            format!("The components of {} (continued)", shown.scope_name())
        };
        open_page(&mut out, w, h, &title);
        text(&mut out, m, m, 16.0, ink, Anchor::Start, &title);
        (out, m + line_height(16.0) + 6.0)
    };
    let finish = |mut out: String, n: usize| {
        let footer = format!(
            "{} · page {} of {total} · orgscale",
            shown.org.name(),
            first_page + n
        );
        text(
            &mut out,
            w / 2.0,
            h - m - line_height(10.0),
            10.0,
            muted,
            Anchor::Middle,
            &footer,
        );
        out.push_str("</svg>\n");
        (out, (w, h))
    };
    let bottom = h - m - 24.0;
    let (mut out, mut y) = start(0);
    for it in items(shown, rated) {
        let lines = wrap(&it.text, it.size, inner - it.indent - 14.0);
        let need = it.above + lines.len() as f32 * line_height(it.size) * 1.1;
        // A component's name stays with the first lines about it.
        let keep = if it.dot.is_none() && it.indent == 0.0 && it.size > 12.0 {
            3.0 * line_height(10.5) * 1.1
        } else {
            0.0
        };
        if y + need + keep > bottom {
            let n = pages.len();
            pages.push(finish(out, n));
            (out, y) = start(pages.len());
        }
        y += it.above;
        if let Some(c) = it.dot {
            dot(
                &mut out,
                (m + it.indent + 4.0, y + line_height(it.size) / 2.0),
                3.5,
                c,
            );
        }
        let x = m + it.indent + if it.dot.is_some() { 12.0 } else { 0.0 };
        for l in lines {
            text(&mut out, x, y, it.size, it.color, Anchor::Start, &l);
            y += line_height(it.size) * 1.1;
        }
    }
    let n = pages.len();
    pages.push(finish(out, n));
    pages
}

/// How many pages [`pages`] makes.
pub(crate) fn page_count(shown: &Shown, paper: Paper) -> usize {
    1 + list_pages(shown, &shown.rated(), paper, 0, 0).len()
}

/// The pages of the cycles on paper: the figure on a landscape page, then the components in
/// words; `first_page` numbers the first in the footers of a document of `total` pages.
pub(crate) fn pages(
    shown: &Shown,
    paper: Paper,
    first_page: usize,
    total: usize,
) -> Vec<(String, (f32, f32))> {
    let rated = shown.rated();
    let footer = format!(
        "{} · page {first_page} of {total} · orgscale",
        shown.org.name()
    );
    let mut out = vec![figure_page(shown, &rated, Some((paper, &footer)))];
    out.extend(list_pages(shown, &rated, paper, first_page + 1, total));
    out
}

/// The cycles as a PDF: the figure, then every component in words.
pub fn to_pdf(shown: &Shown, paper: Paper) -> Result<Vec<u8>, ExportError> {
    let pages = pages(shown, paper, 1, page_count(shown, paper));
    let mut doc = Document::new();
    super::pdf::draw_pages(&mut doc, &pages)?;
    doc.set_metadata(
        Metadata::new()
            .title(format!("The two cycles of {}", shown.scope_name()))
            .creator("orgscale".into()),
    );
    doc.finish()
        .map_err(|e| ExportError::Render(format!("{e:?}")))
}
