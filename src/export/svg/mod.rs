//! SVG: the org diagram as the designer draws it (same layout, cards and colours), with a title,
//! a legend and optional finding markers. Text stays text; the output is deterministic (same org
//! and options, same bytes) and is the source of the PNG and PDF exports.
//!
//! The drawing is split by what it draws: [`draw`] the SVG elements, [`fit`] text fitted to its
//! room, [`card`] the boxes, [`scene`] the part of the diagram a page shows and [`legend`] the
//! key. The page around them is [`super::page`], which the PDF composes its pages with too.

mod card;
mod draw;
mod fit;
mod legend;
mod scene;

use crate::diff::Marks;
use crate::layout::Layout;
use crate::model::Org;
use crate::rules::Finding;

use super::page::Page;

pub(crate) use draw::{
    Anchor, Fill, INK, MUTED, Num, SMALL, StrokeAttr, dot, esc, open_page, text,
};
pub(crate) use fit::{fit, line_height, wrap};
pub(crate) use legend::{Legend, legend_height, write_legend};
pub(crate) use scene::{Diagram, Scene, write_scene};

/// The org as a standalone SVG document sized to its diagram.
pub fn to_svg(org: &Org, layout: &Layout, findings: Option<&[Finding]>) -> String {
    document(org, layout, findings, None).0
}

/// [`to_svg`] tinted with a comparison's marks of `org`, as compare mode shows the canvas:
/// tinted boxes, lines from moved boxes, ghosts of what the org lacks and a key to them in the
/// legend. Without marks it is [`to_svg`].
pub fn to_svg_marked(
    org: &Org,
    layout: &Layout,
    findings: Option<&[Finding]>,
    marks: Option<&Marks>,
) -> String {
    document(org, layout, findings, marks).0
}

/// The standalone SVG document and its width and height: the overview page sized to the whole
/// diagram.
pub(crate) fn document(
    org: &Org,
    layout: &Layout,
    findings: Option<&[Finding]>,
    marks: Option<&Marks>,
) -> (String, (f32, f32)) {
    let d = Diagram::marked(org, layout, findings, marks);
    let mut page = Page::overview(org, layout.style, findings);
    if let Some(counts) = d.tint_counts().filter(|c| !c.is_empty()) {
        page.legend = page.legend.map(|l| l.with_compare(counts, d.has_moves()));
    }
    super::page::compose(&d.whole(), &page)
}
