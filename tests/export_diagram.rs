//! Diagram exports checked by real consumers: SVG parsed by usvg, PNG decoded and inspected for
//! ink where boxes and text are, PDF read by poppler (`pdfinfo`, `pdftotext`; `.ci/run`
//! installs poppler-utils). Golden SVGs pin the bytes; regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test export_diagram`.

mod common;
#[path = "common/svg.rs"]
mod svg;
use common::{golden, load};
use svg::{parse, texts};

use std::process::Command;

use orgscale::export::{self, Format, Options, Paper};
use orgscale::layout::{self, Node, Style};
use orgscale::model::Org;
use resvg::tiny_skia::Pixmap;

fn svg_of(org: &Org, style: Style, findings: bool) -> String {
    let bytes = export::export(
        org,
        Format::Svg,
        &Options {
            style,
            findings,
            ..Options::default()
        },
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn golden_svgs_of_the_small_org_in_both_layouts() {
    let org = load("small.json");
    let tree = svg_of(&org, Style::Tree, true);
    let fractal = svg_of(&org, Style::Fractal, true);
    golden("small.svg", &tree);
    golden("small-fractal.svg", &fractal);
    // Same input, same bytes.
    assert_eq!(tree, svg_of(&org.clone(), Style::Tree, true));
    assert_ne!(tree, fractal);
}

#[test]
fn svg_is_valid_and_keeps_every_name_as_real_text() {
    for (name, style) in [
        ("acme.json", Style::Tree),
        ("acme.json", Style::Fractal),
        ("violations.json", Style::Tree),
        ("symmetric-125.json", Style::Fractal),
    ] {
        let org = load(name);
        let svg = svg_of(&org, style, true);
        let tree = parse(&svg);
        let texts = texts(&tree);
        assert!(
            texts.iter().any(|t| t == org.name()),
            "{name}: the title is text"
        );
        for team in org.teams().values() {
            let short: String = team.name.chars().take(6).collect();
            assert!(
                texts.iter().any(|t| t.starts_with(&short)),
                "{name} {style:?}: team {} is not text",
                team.name
            );
        }
        for g in org.groups().values() {
            let short: String = g.name.chars().take(6).collect();
            assert!(texts.iter().any(|t| t.starts_with(&short)), "{}", g.name);
        }
        assert!(texts.iter().any(|t| t == "Team size"), "{name}: legend");
        let size = tree.size();
        assert!(size.width() > 500.0 && size.height() > 200.0);
    }
}

#[test]
fn finding_markers_and_their_legend_are_optional() {
    let org = load("violations.json");
    let with = svg_of(&org, Style::Tree, true);
    let without = svg_of(&org, Style::Tree, false);
    let red = orgscale::diagram::RED.hex();
    // A marker is a small circle in a severity colour; the legend counts the findings.
    let marker = format!("r=\"5\" fill=\"{red}\"");
    assert!(with.contains(&marker), "error markers shown");
    assert!(!without.contains(&marker), "no markers without --findings");
    let counts = orgscale::rules::Counts::of(&orgscale::rules::validate_with(
        &org,
        &orgscale::rules::Thresholds::from_settings(org.rules()),
    ));
    assert!(with.contains(&format!("{} errors", counts.errors)));
    assert!(!without.contains("Findings"));
}

#[test]
fn svg_uses_the_app_colours() {
    use orgscale::diagram::{CardKind, colors};
    let org = load("acme.json");
    let svg = svg_of(&org, Style::Tree, false);
    for kind in [
        CardKind::Group { level: 1 },
        CardKind::Group { level: 2 },
        CardKind::Eat,
        CardKind::Ems,
        CardKind::Team { virtual_team: true },
    ] {
        let c = colors(kind, false);
        assert!(svg.contains(&c.fill.hex()), "{kind:?} fill");
        assert!(svg.contains(&c.accent.hex()), "{kind:?} accent");
    }
}

#[test]
fn hostile_names_stay_valid_xml() {
    let roster =
        "person,team,role,path\n\"A <b>&amp;\"\" \u{1}Lee\",<Core> & \"Ops\",PO,R&D <Lab> 'x'\n";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.csv");
    std::fs::write(&p, roster).unwrap();
    let org = orgscale::io::load(&p).unwrap();
    for style in [Style::Tree, Style::Fractal] {
        let svg = svg_of(&org, style, true);
        let tree = parse(&svg);
        let texts = texts(&tree);
        assert!(
            texts.iter().any(|t| t.contains("<Core> & \"Ops\"")),
            "{texts:?}"
        );
        assert!(!svg.contains('\u{1}'), "control characters are dropped");
    }
}

/// Pixels of an RGBA image that are not (near) white, in a rectangle.
fn ink(p: &Pixmap, x0: f32, y0: f32, x1: f32, y1: f32, dark_only: bool) -> usize {
    let mut n = 0;
    for y in y0.max(0.0) as u32..(y1 as u32).min(p.height()) {
        for x in x0.max(0.0) as u32..(x1 as u32).min(p.width()) {
            let c = p.pixel(x, y).unwrap();
            let lum = (c.red() as u32 + c.green() as u32 + c.blue() as u32) / 3;
            if (dark_only && lum < 110) || (!dark_only && lum < 235) {
                n += 1;
            }
        }
    }
    n
}

/// The translate and scale of the diagram group in an exported SVG.
fn diagram_transform(svg: &str) -> (f32, f32, f32) {
    let at = svg
        .find("<g id=\"diagram\" transform=\"translate(")
        .unwrap();
    let rest = &svg[at + "<g id=\"diagram\" transform=\"translate(".len()..];
    let end = rest.find(')').unwrap();
    let mut xy = rest[..end].split(' ').map(|v| v.parse::<f32>().unwrap());
    let (tx, ty) = (xy.next().unwrap(), xy.next().unwrap());
    let s_at = rest.find("scale(").unwrap() + "scale(".len();
    let s_end = rest[s_at..].find(')').unwrap() + s_at;
    (tx, ty, rest[s_at..s_end].parse().unwrap())
}

#[test]
fn png_has_ink_where_boxes_and_their_text_are() {
    let org = load("acme.json");
    let scale = 1.5;
    let options = Options {
        scale,
        ..Options::default()
    };
    let png = export::export(&org, Format::Png, &options).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let pix = Pixmap::decode_png(&png).expect("a PNG decoder reads it");
    let svg = svg_of(&org, Style::Tree, false);
    let size = parse(&svg).size();
    assert_eq!(pix.width(), (size.width() * scale).ceil() as u32);
    assert_eq!(pix.height(), (size.height() * scale).ceil() as u32);
    let (tx, ty, s) = diagram_transform(&svg);
    let layout = layout::compute(&org, Style::Tree);
    let px = |v: f32, t: f32| (v * s + t) * scale;
    for (node, r) in &layout.boxes {
        let (x0, y0) = (px(r.x, tx), px(r.y, ty));
        let (x1, y1) = (px(r.right(), tx), px(r.bottom(), ty));
        let area = ((x1 - x0) * (y1 - y0)) as usize;
        // The box is drawn: border, bar and text ink.
        assert!(
            ink(&pix, x0, y0, x1, y1, false) > area / 50,
            "{node:?} has no ink"
        );
        // Its title is drawn in dark text, in the band where the title goes.
        let title = ink(
            &pix,
            x0 + 10.0 * scale,
            y0 + 6.0 * scale,
            x0 + 110.0 * scale,
            y0 + 26.0 * scale,
            true,
        );
        assert!(title > 40, "{node:?}: no title text ({title} dark pixels)");
    }
    // Between the columns of the tree there is white paper.
    let blank = ink(
        &pix,
        0.0,
        pix.height() as f32 - 4.0,
        8.0,
        pix.height() as f32,
        false,
    );
    assert_eq!(blank, 0);
    // The title of the document is drawn top left.
    assert!(
        ink(
            &pix,
            24.0 * scale,
            24.0 * scale,
            200.0 * scale,
            50.0 * scale,
            true
        ) > 200
    );
}

#[test]
fn png_scale_sets_the_pixel_size_and_refuses_absurd_sizes() {
    let org = load("small.json");
    let at = |scale: f32| {
        let png = export::export(
            &org,
            Format::Png,
            &Options {
                scale,
                ..Options::default()
            },
        )
        .unwrap();
        let p = Pixmap::decode_png(&png).unwrap();
        (p.width(), p.height())
    };
    let (w1, h1) = at(1.0);
    let (w2, h2) = at(2.0);
    assert!((w2 as i64 - 2 * w1 as i64).abs() <= 1 && (h2 as i64 - 2 * h1 as i64).abs() <= 1);
    let big = orgscale::sample::symmetric(5, 5); // 3125 teams: far beyond the pixel limit at 16x
    let e = export::export(
        &big,
        Format::Png,
        &Options {
            scale: 16.0,
            ..Options::default()
        },
    )
    .unwrap_err();
    // The core says what fits in words any front end can show; flags are the CLI's business.
    assert!(e.to_string().contains("a PNG scale of"), "{e}");
    assert!(e.to_string().contains("or less fits"), "{e}");
    assert!(!e.to_string().contains("--"), "{e}");
    let e = export::export(
        &org,
        Format::Png,
        &Options {
            scale: 0.0,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("scale"), "{e}");
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|_| {
        panic!("poppler's `{tool}` is installed (.ci/run installs poppler-utils)")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pdf_of(org: &Org, style: Style, paper: Paper, findings: bool) -> (tempfile::TempDir, String) {
    let bytes = export::export(
        org,
        Format::Pdf,
        &Options {
            style,
            paper,
            findings,
            ..Options::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("org.pdf");
    std::fs::write(&p, bytes).unwrap();
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}

fn page_count(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn pdf_has_an_overview_and_a_searchable_page_per_scrum_of_scrums() {
    for (name, style) in [
        ("acme.json", Style::Tree),
        ("symmetric-25.json", Style::Fractal),
        ("violations.json", Style::Tree),
    ] {
        let org = load(name);
        let s = org.structure();
        let sos: Vec<_> = org.groups().keys().filter(|g| s.level(**g) == 1).collect();
        let (_dir, pdf) = pdf_of(&org, style, Paper::A4, true);
        let info = poppler("pdfinfo", &[&pdf]);
        // The overview, a page per SoS, then the two cycles: their figure and the components
        // in words.
        let total = page_count(&info);
        assert!(total >= 1 + sos.len() + 2, "{name}: {info}");
        assert!(info.contains("(A4)"), "{name}: {info}");
        let cycles = (2 + sos.len()).to_string();
        let figure = poppler("pdftotext", &["-f", &cycles, "-l", &cycles, &pdf, "-"]);
        assert!(
            figure.contains(&format!("The two cycles of {}", org.name())),
            "{name}: {figure}"
        );
        let words = poppler(
            "pdftotext",
            &["-f", &(3 + sos.len()).to_string(), &pdf, "-"],
        );
        for c in orgscale::cycles::report::names() {
            assert!(words.contains(c), "{name}: {c} is not listed in words");
        }
        let all = poppler("pdftotext", &[&pdf, "-"]);
        for team in org.teams().values() {
            let short: String = team.name.chars().take(6).collect();
            assert!(
                all.contains(&short),
                "{name}: {} is not searchable",
                team.name
            );
        }
        // Each SoS page carries its own name and its teams.
        for page in 2..=1 + sos.len() {
            let n = page.to_string();
            let text = poppler("pdftotext", &["-f", &n, "-l", &n, &pdf, "-"]);
            let g = org
                .groups()
                .values()
                .find(|g| s.level(g.id) == 1 && text.starts_with(&g.name))
                .unwrap_or_else(|| panic!("{name} page {page} starts with a SoS name: {text}"));
            for t in s.child_teams(g.id) {
                let short: String = org.teams()[&t].name.chars().take(6).collect();
                assert!(text.contains(&short), "{name} page {page}: {short}");
            }
            assert!(text.contains(&format!("page {page} of {total}")));
        }
    }
}

#[test]
fn pdf_pages_fit_letter_paper_and_list_findings_under_each_sos() {
    let org = load("acme.json");
    let (_dir, pdf) = pdf_of(&org, Style::Tree, Paper::Letter, true);
    let info = poppler("pdfinfo", &["-f", "1", "-l", "4", &pdf]);
    assert!(
        info.contains("612 x 792 pts (letter)") || info.contains("792 x 612 pts"),
        "{info}"
    );
    let page3 = poppler("pdftotext", &["-f", "3", "-l", "3", &pdf, "-"]);
    assert!(page3.contains("Checkout & Payments"), "{page3}");
    assert!(
        page3.contains("V4 Checkout"),
        "the size warning is listed: {page3}"
    );
    // A finding about a person is listed where that person's teams are; one about the SoSoS on
    // the overview. Long findings wrap rather than being cut.
    assert!(page3.contains("V18 Sakura Tanaka"), "{page3}");
    assert!(page3.contains("share one Product Backlog."), "{page3}");
    let page1 = poppler("pdftotext", &["-f", "1", "-l", "1", &pdf, "-"]);
    assert!(page1.contains("V12 Acme Online"), "{page1}");
    assert!(!page1.contains("V4 Checkout"), "{page1}");
}

#[test]
fn every_finding_reaches_some_pdf_page() {
    let org = load("violations.json");
    let (_dir, pdf) = pdf_of(&org, Style::Tree, Paper::A4, true);
    let text = poppler("pdftotext", &[&pdf, "-"]);
    assert!(
        !text.contains("more; `orgscale validate`"),
        "nothing held back here"
    );
    let findings = orgscale::rules::validate_with(
        &org,
        &orgscale::rules::Thresholds::from_settings(org.rules()),
    );
    assert_eq!(findings.len(), 20);
    for f in &findings {
        let head = format!("{} {}", f.rule, f.subject_name);
        assert!(text.contains(&head), "{head} missing");
    }
}

#[test]
fn every_box_of_the_layout_appears_once_in_the_svg() {
    let org = load("symmetric-125.json");
    for style in [Style::Tree, Style::Fractal] {
        let svg = svg_of(&org, style, false);
        let layout = layout::compute(&org, style);
        for (node, _) in &layout.boxes {
            let id = match node {
                Node::Team(t) => t.to_string(),
                Node::Group(g) => g.to_string(),
                Node::Eat => "eat".into(),
                Node::Ems => "ems".into(),
            };
            assert_eq!(svg.matches(&format!("<g id=\"{id}\">")).count(), 1, "{id}");
        }
    }
}

#[test]
fn a_large_org_gets_a_readable_overview_of_its_groups() {
    // 125 teams: the whole tree would print at a tenth of its size, so the overview shows the
    // groups, each named in full; the teams are on the SoS pages.
    let org = load("symmetric-125.json");
    let (_dir, pdf) = pdf_of(&org, Style::Tree, Paper::A4, false);
    let page1 = poppler("pdftotext", &["-f", "1", "-l", "1", &pdf, "-"]);
    assert!(page1.contains("groups only"), "{page1}");
    for g in org.groups().values() {
        assert!(page1.contains(&g.name), "{} on the overview", g.name);
    }
    let team = org.teams().values().next().unwrap();
    assert!(!page1.contains(&format!("{}\n", team.name)), "{page1}");
    // The groups are drawn large enough to read: poppler reports their text size.
    let bbox = poppler("pdftotext", &["-f", "1", "-l", "1", "-bbox", &pdf, "-"]);
    let heights: Vec<f32> = bbox
        .lines()
        .filter(|l| l.contains(">SoSM:<") || l.contains(">CPO:<"))
        .map(|l| {
            let num = |k: &str| -> f32 {
                let at = l.find(k).unwrap() + k.len();
                l[at..].split('"').next().unwrap().parse().unwrap()
            };
            num("yMax=\"") - num("yMin=\"")
        })
        .collect();
    assert!(!heights.is_empty(), "{bbox}");
    let median = {
        let mut h = heights.clone();
        h.sort_by(f32::total_cmp);
        h[h.len() / 2]
    };
    assert!(median >= 5.5, "role lines print at {median} pt");
    // A small org keeps the whole picture, teams included.
    let acme = load("acme.json");
    let (_dir2, pdf) = pdf_of(&acme, Style::Tree, Paper::A4, false);
    let page1 = poppler("pdftotext", &["-f", "1", "-l", "1", &pdf, "-"]);
    assert!(!page1.contains("groups only"));
    assert!(page1.contains("Fraud Detection"));
}

/// The texts of each box of an SVG export, by the box's id (`t3`, `g2`, `eat`), unescaped.
fn texts_by_box(svg: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    let mut out = std::collections::BTreeMap::new();
    for part in svg.split("<g id=\"").skip(1) {
        let (id, rest) = part.split_once('"').unwrap();
        let body = rest.split("</g>").next().unwrap();
        let texts = body
            .split("<text ")
            .skip(1)
            .map(|t| {
                let inner = t.split_once('>').unwrap().1;
                unescape(inner.split("</text>").next().unwrap())
            })
            .collect();
        out.insert(id.to_string(), texts);
    }
    out
}

#[test]
fn the_fractal_svg_of_the_sample_from_the_cli_shows_whole_names_and_sos_roles() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme.svg");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme.json");
    let run = Command::new(env!("CARGO_BIN_EXE_orgscale"))
        .arg("export")
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .args(["--layout", "fractal"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let svg = std::fs::read_to_string(&out).unwrap();
    parse(&svg);
    let boxes = texts_by_box(&svg);
    let org = load("acme.json");
    // Each name whole: on one line, or on two that join into it; nothing shortened.
    let whole = |id: String, name: &str| {
        let t = &boxes[&id];
        let joined = t.windows(2).any(|w| format!("{} {}", w[0], w[1]) == name);
        assert!(
            t.iter().any(|x| x == name) || joined,
            "{name} is not whole: {t:?}"
        );
        assert!(!t.iter().any(|x| x.ends_with('…')), "{t:?}");
    };
    for t in org.teams().values() {
        whole(t.id.to_string(), &t.name);
    }
    for g in org.groups().values() {
        whole(g.id.to_string(), &g.name);
    }
    // The long one, broken or not, is all there.
    let g3 = org
        .groups()
        .values()
        .find(|g| g.name == "Checkout & Payments")
        .unwrap();
    assert!(boxes[&g3.id.to_string()].concat().contains("Payments"));
    // Each Scrum of Scrums circle names its SoSM and CPO.
    let s = org.structure();
    for g in org.groups().values().filter(|g| s.level(g.id) == 1) {
        let t = &boxes[&g.id.to_string()];
        for (label, holders) in [("SoSM", &g.masters), ("CPO", &g.cpos)] {
            let line = format!("{label}: {}", org.person_name(holders[0].person));
            assert!(t.contains(&line), "{}: {line} not in {t:?}", g.name);
        }
    }
}
