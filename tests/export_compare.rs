//! The tinted diagram export of compare mode, read back by real consumers: the SVG parsed by
//! usvg has the legend's words, the ghosts' names and the tint colours as the canvas draws them;
//! the PNG (rendered from that SVG) has tint-coloured ink; the PDF's text (poppler's
//! `pdftotext`) has the key. Without marks every diagram is byte for byte the untinted export.

#[allow(dead_code)] // the export helpers this file does not use
mod common;
#[path = "common/svg.rs"]
mod svg;
use common::load;
use svg::{parse, texts};

use orgscale::diagram::{self, Rgba, tint_color};
use orgscale::diff::{self, Direction, Marks, Tint};
use orgscale::export::{self, Format, Options};
use orgscale::layout::{self, Style};
use orgscale::model::{Command, Org};
use resvg::tiny_skia::Pixmap;

/// The proposed design without Fraud Detection, compared with acme as the base: Support Tools
/// added, Returns and Order Tracking moved, Invoicing changed, Fraud Detection removed (a ghost).
fn compared() -> (Org, Marks) {
    let base = load("acme.json");
    let mut open = load("acme-proposed.json");
    let fraud = open
        .teams()
        .values()
        .find(|t| t.name == "Fraud Detection")
        .unwrap()
        .id;
    Command::RemoveTeam(fraud).apply(&mut open).unwrap();
    let changes = diff::diff(&base, &open);
    let marks = diff::marks(&changes, Direction::FromOther, 7);
    (open, marks)
}

fn options(style: Style) -> Options {
    Options {
        style,
        ..Options::default()
    }
}

fn svg(org: &Org, style: Style, marks: Option<&Marks>) -> String {
    let bytes = export::export_marked(org, Format::Svg, &options(style), marks).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_tinted_svg_has_the_legend_the_ghost_and_the_tint_colours() {
    let (org, marks) = compared();
    assert!(
        marks.ghosts.iter().any(|g| g.name == "Fraud Detection"),
        "{marks:?}"
    );
    for style in [Style::Tree, Style::Fractal] {
        let text = svg(&org, style, Some(&marks));
        let tree = parse(&text);
        let texts = texts(&tree);
        let has = |s: &str| texts.iter().any(|t| t == s);
        // The key: which colour is which, with counts of what the design shows.
        assert!(has("Compare"), "{style:?}: {texts:?}");
        let count = |t: Tint| {
            marks.tints.values().filter(|x| **x == t).count()
                + marks.ghosts.iter().filter(|g| g.tint == t).count()
        };
        for t in [Tint::Added, Tint::Moved, Tint::Changed, Tint::Removed] {
            let label = format!("{} {}", diagram::tint_title(t), count(t));
            assert!(count(t) > 0 && has(&label), "{style:?}: no {label:?}");
        }
        assert!(has("line to where it is in the other version"));
        // The ghost of the removed team, in words.
        assert!(
            has("Fraud Detection"),
            "{style:?}: the ghost's name is text"
        );
        assert!(has("Removed team") && has("not in this design"));
        // The tints: rings of each colour, the removed ghost dashed, the move lines.
        for t in [Tint::Added, Tint::Moved, Tint::Changed, Tint::Removed] {
            let ring = format!("stroke=\"{}\"", tint_color(t, false).hex());
            assert!(text.contains(&ring), "{style:?}: no {t:?} ring");
        }
        assert!(text.contains("<g id=\"moves\""));
        assert!(tree.node_by_id("ghost-0").is_some());
        // Words on the cards for who cannot tell the colours apart.
        assert!(has("added") && has("moved") && has("changed"));
    }
}

#[test]
fn the_ghost_stands_beside_its_group_clear_of_the_boxes() {
    let (org, marks) = compared();
    let lay = layout::compute(&org, Style::Tree);
    let placed = diagram::place_marks(&org, &org.structure(), &lay, &marks);
    let ghost = placed
        .ghosts
        .iter()
        .find(|g| g.ghost.name == "Fraud Detection")
        .unwrap();
    let payments = common_group(&org, "Checkout & Payments");
    assert_eq!(ghost.beside, Some(layout::Node::Group(payments)));
    let near = lay.rect(layout::Node::Group(payments)).unwrap();
    assert!(
        (ghost.rect.x - near.x).abs() < near.w + 60.0,
        "{ghost:?} is beside {near:?}"
    );
    for (n, r) in &lay.boxes {
        assert!(!r.intersects(&ghost.rect), "the ghost covers {n:?}");
    }
    // Each moved team has a line to where it was: Returns to Fulfilment.
    let returns = orgscale::layout::Node::Team(
        org.teams()
            .values()
            .find(|t| t.name == "Returns")
            .unwrap()
            .id,
    );
    let line = placed.moves.iter().find(|l| l.node == returns).unwrap();
    assert_eq!(
        line.to_node,
        Some(layout::Node::Group(common_group(&org, "Fulfilment")))
    );
}

fn common_group(org: &Org, name: &str) -> orgscale::model::GroupId {
    org.groups().values().find(|g| g.name == name).unwrap().id
}

#[test]
fn without_marks_every_diagram_is_the_untinted_export() {
    let (org, marks) = compared();
    for style in [Style::Tree, Style::Fractal] {
        let o = options(style);
        for format in [Format::Svg, Format::Png, Format::Pdf] {
            let plain = export::export(&org, format, &o).unwrap();
            let none = export::export_marked(&org, format, &o, None).unwrap();
            assert_eq!(plain, none, "{format:?} {style:?} without marks");
            // No changes at all: nothing to tint, the plain picture.
            let empty = export::export_marked(&org, format, &o, Some(&Marks::default())).unwrap();
            assert_eq!(plain, empty, "{format:?} {style:?} with empty marks");
        }
        let tinted = svg(&org, style, Some(&marks));
        assert_ne!(tinted, svg(&org, style, None));
        // Same marks, same bytes.
        assert_eq!(tinted, svg(&org, style, Some(&marks)));
    }
}

#[test]
fn the_png_and_the_pdf_follow_the_tints() {
    let (org, marks) = compared();
    let o = options(Style::Tree);
    let png = export::export_marked(&org, Format::Png, &o, Some(&marks)).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    let near = |c: Rgba, p: &resvg::tiny_skia::PremultipliedColorU8| {
        let d = |a: u8, b: u8| (a as i32 - b as i32).abs();
        p.alpha() == 255 && d(p.red(), c.r) + d(p.green(), c.g) + d(p.blue(), c.b) < 24
    };
    for t in [Tint::Added, Tint::Moved, Tint::Changed, Tint::Removed] {
        let c = tint_color(t, false);
        let n = pixmap.pixels().iter().filter(|p| near(c, p)).count();
        assert!(n > 100, "{t:?}: {n} pixels of its colour in the PNG");
    }

    let pdf = export::export_marked(&org, Format::Pdf, &o, Some(&marks)).unwrap();
    assert_ne!(pdf, export::export(&org, Format::Pdf, &o).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tinted.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    let added = marks.tints.values().filter(|t| **t == Tint::Added).count();
    for word in [
        "Compare".to_string(),
        format!("Added {added}"),
        "Removed 1".to_string(),
        "Fraud Detection".to_string(),
    ] {
        assert!(text.contains(&word), "the PDF has no {word:?}:\n{text}");
    }
}
