//! The page around a diagram, composed as SVG: a title, a subtitle, the diagram scaled into the
//! room left, findings listed in words, the legend and a footer. Both diagram exports compose
//! their pages here: the SVG export is one page sized to the diagram, and every PDF page is one
//! on paper, drawn by krilla. So a PDF page looks like the SVG export, and the page about the
//! whole org ([`Page::overview`]) says the same in both.

use std::fmt::Write;

use super::svg::{
    Anchor, INK, Legend, MUTED, Num, SMALL, Scene, dot, fit, legend_height, line_height, open_page,
    text, wrap, write_legend, write_scene,
};
use crate::diagram::Rgba;
use crate::layout::{Rect, Style};
use crate::model::{Org, Structure};
use crate::rules::{Finding, Thresholds};

/// Size of the title.
const TITLE: f32 = 22.0;
/// Size of the subtitle.
const SUBTITLE: f32 = 12.0;

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

impl Page {
    /// The page about the whole org: its name, the summary line and the legend, sized to the
    /// diagram. The SVG export is this page; the PDF's overview puts it on paper and lists the
    /// findings.
    pub fn overview(org: &Org, style: Style, findings: Option<&[Finding]>) -> Page {
        Page {
            size: None,
            margin: 24.0,
            title: org.name().to_string(),
            subtitle: summary_line(org, style),
            legend: Some(Legend::of(org, style, findings)),
            notes: Vec::new(),
            footer: None,
            max_scale: 1.0,
            legend_scale: 1.0,
        }
    }
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
    let mut out = String::with_capacity(4096 + scene.box_count() * 900);
    open_page(&mut out, width, height, &page.title);
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

/// "12 teams · 91 people · 3 SoS · profile two-pizza · tree layout".
fn summary_line(org: &Org, style: Style) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::font;
    use crate::export::svg::Diagram;
    use resvg::usvg;

    /// Every line of text of a page, in the order written, with the box its glyphs ink.
    fn lines(tree: &usvg::Tree) -> Vec<(String, usvg::Rect)> {
        fn walk(g: &usvg::Group, out: &mut Vec<(String, usvg::Rect)>) {
            for n in g.children() {
                match n {
                    usvg::Node::Group(g) => walk(g, out),
                    usvg::Node::Text(t) => {
                        let text = t.chunks().iter().map(|c| c.text()).collect();
                        out.push((text, t.abs_bounding_box()));
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(tree.root(), &mut out);
        out
    }

    #[test]
    fn findings_listed_on_paper_shrink_the_diagram_and_all_stays_inside_the_margins() {
        let org = crate::sample::balanced("Paper", 30, 5, 7);
        let layout = crate::layout::compute(&org, Style::Tree);
        let d = Diagram::marked(&org, &layout, None, None);
        let scene = d.whole();
        let (w, h, m) = (595.28, 841.89, 36.0);
        let bare = Page {
            size: Some((w, h)),
            margin: m,
            footer: Some("Paper · page 1 of 1 · orgscale".into()),
            legend_scale: 0.75,
            ..Page::overview(&org, Style::Tree, None)
        };
        // As many as a PDF page lists, each long enough to wrap.
        let notes: Vec<Note> = (0..17)
            .map(|i| Note {
                text: format!(
                    "team-size Team {i} (warning): the team has grown past nine people and \
                     should split before its next Sprint Planning, or share its Scrum Master"
                ),
                color: Rgba::gray(0),
            })
            .collect();
        let listed = Page {
            notes: notes.clone(),
            ..bare.clone()
        };
        assert!(
            scale_on(&scene, &listed) < scale_on(&scene, &bare),
            "the diagram makes room for the findings"
        );

        let (svg, size) = compose(&scene, &listed);
        assert_eq!(size, (w, h));
        let tree = usvg::Tree::from_str(&svg, &font::usvg_options()).expect("the page parses");
        let lines = lines(&tree);
        for (t, r) in &lines {
            let inside = r.left() >= m - 1.0
                && r.right() <= w - m + 1.0
                && r.top() >= m - 1.0
                && r.bottom() <= h - m + 1.0;
            assert!(inside, "{t:?} at {r:?} is outside the margins");
        }
        let bottom_of = |id: &str| {
            let n = tree.node_by_id(id).unwrap_or_else(|| panic!("no {id}"));
            (n.abs_bounding_box().top(), n.abs_bounding_box().bottom())
        };
        let (_, diagram_bottom) = bottom_of("diagram");
        let (legend_top, legend_bottom) = bottom_of("legend");
        // Every finding is there in full, in order, between the diagram and the legend.
        let between: Vec<&str> = lines
            .iter()
            .filter(|(_, r)| r.top() >= diagram_bottom && r.bottom() <= legend_top)
            .map(|(t, _)| t.as_str())
            .collect();
        assert!(
            between.len() > notes.len(),
            "long findings wrap: {between:?}"
        );
        let all: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(between.join(" "), all.join(" "));
        let footer = lines
            .iter()
            .find(|(t, _)| t.starts_with("Paper · page 1"))
            .expect("the footer");
        assert!(
            footer.1.top() >= legend_bottom,
            "the footer is under the legend"
        );
    }
}
