//! PDF: an overview page, then one page per Scrum of Scrums with its teams, large enough to read
//! on paper. The overview shows the whole org, or only its groups when the whole would print too
//! small. Each page is composed as SVG by [`super::page`], as the SVG export is, and drawn by
//! krilla as vectors with embedded, searchable text in the bundled font. Bookmarks follow the
//! group tree.

use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::page::{Note, Page, compose, scale_on};
use super::svg::Diagram;
use super::{ExportError, font};
use crate::diagram::severity_color;
use crate::diff::Marks;
use crate::layout::{Layout, Node, Rect};
use crate::model::{GroupId, Org, PersonId, Structure, TeamId};
use crate::rules::{Finding, SubjectRef};
use rustc_hash::FxHashMap as HashMap;

/// Paper size of a PDF.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Portrait width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }

    /// Portrait or landscape, whichever suits a drawing of these bounds.
    fn oriented(self, b: Rect) -> (f32, f32) {
        let (w, h) = self.size();
        if b.w > b.h { (h, w) } else { (w, h) }
    }
}

/// Margin of every page: half an inch, inside what printers can reach.
const MARGIN: f32 = 36.0;
/// Scale of the legend on paper, where the diagram needs the room.
const LEGEND_SCALE: f32 = 0.75;
/// Below this scale an overview's detail text (11.5 units) prints under about 6 pt.
const READABLE_SCALE: f32 = 0.5;
/// Most findings listed under a SoS diagram.
const MAX_NOTES: usize = 16;
/// Most findings listed under the overview, where the diagram needs the room.
const MAX_OVERVIEW_NOTES: usize = 8;

/// Level-1 groups in outline order (depth first, as the designer's outline lists them).
fn scrums_of_scrums(s: &Structure) -> Vec<GroupId> {
    let mut out = Vec::new();
    let mut stack: Vec<GroupId> = s.top_groups.iter().rev().copied().collect();
    while let Some(g) = stack.pop() {
        if s.level(g) == 1 {
            out.push(g);
        }
        let kids: Vec<GroupId> = s.child_groups(g).collect();
        stack.extend(kids.into_iter().rev());
    }
    out
}

/// Which page lists each finding: a SoS page lists the findings about the SoS, its teams and the
/// people in its teams; the overview lists the rest (the org, the EAT and EMS, higher groups,
/// teams in no SoS, people in no team).
fn findings_by_page<'f>(
    org: &Org,
    sos: &[GroupId],
    findings: &'f [Finding],
) -> Vec<Vec<&'f Finding>> {
    let page_of_group: HashMap<GroupId, usize> =
        sos.iter().enumerate().map(|(i, g)| (*g, i + 1)).collect();
    let team_page = |t: TeamId| {
        org.teams()
            .get(&t)
            .and_then(|team| team.group)
            .and_then(|g| page_of_group.get(&g).copied())
    };
    // Once, not per finding: the SoS pages of each person's teams.
    let mut person_pages: HashMap<PersonId, Vec<usize>> = HashMap::default();
    for team in org.teams().values() {
        if let Some(page) = team_page(team.id) {
            for p in team.people() {
                person_pages.entry(p).or_default().push(page);
            }
        }
    }
    let mut pages: Vec<Vec<&Finding>> = vec![Vec::new(); 1 + sos.len()];
    for f in findings {
        let mut on: Vec<usize> = match f.subject {
            SubjectRef::Group(g) => page_of_group.get(&g).copied().into_iter().collect(),
            SubjectRef::Team(t) => team_page(t).into_iter().collect(),
            SubjectRef::Person(p) => person_pages.get(&p).cloned().unwrap_or_default(),
            _ => Vec::new(),
        };
        on.sort_unstable();
        on.dedup();
        if on.is_empty() {
            on.push(0);
        }
        for page in on {
            pages[page].push(f);
        }
    }
    for p in &mut pages {
        p.sort_by_key(|f| f.severity);
    }
    pages
}

/// Findings as lines under a diagram, worst first, at most `max` of them.
fn notes(about: &[&Finding], max: usize) -> Vec<Note> {
    let mut notes: Vec<Note> = about
        .iter()
        .take(max)
        .map(|f| Note {
            text: format!(
                "{} {} ({}): {}",
                f.rule, f.subject_name, f.severity, f.message
            ),
            color: severity_color(f.severity),
        })
        .collect();
    if about.len() > max {
        notes.push(Note {
            text: format!(
                "… and {} more; `orgscale validate` lists them all.",
                about.len() - max
            ),
            color: crate::diagram::Rgba::gray(150),
        });
    }
    notes
}

/// Bookmarks: the overview, then the groups as in the outline, each SoS leading to its page and
/// each higher group to the page of its first SoS.
fn bookmarks(org: &Org, s: &Structure, sos: &[GroupId]) -> Outline {
    let page_of: HashMap<GroupId, usize> =
        sos.iter().enumerate().map(|(i, g)| (*g, i + 1)).collect();
    let top = |page: usize| XyzDestination::new(page, Point::from_xy(0.0, 0.0));
    // Children before parents, so each group's node is built from its finished children.
    let mut order: Vec<GroupId> = org.groups().keys().copied().collect();
    order.sort_by_key(|g| s.level(*g));
    let mut built: HashMap<GroupId, (OutlineNode, Option<usize>)> = HashMap::default();
    for g in order {
        let own = page_of.get(&g).copied();
        let kids: Vec<(OutlineNode, Option<usize>)> =
            s.child_groups(g).filter_map(|c| built.remove(&c)).collect();
        let Some(first) = own.or_else(|| kids.iter().find_map(|k| k.1)) else {
            continue; // No SoS below: nothing to open.
        };
        let mut node = OutlineNode::new(org.groups()[&g].name.clone(), top(first));
        for (k, _) in kids {
            node.push_child(k);
        }
        built.insert(g, (node, Some(first)));
    }
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new("Overview".into(), top(0)));
    for g in &s.top_groups {
        if let Some((node, _)) = built.remove(g) {
            outline.push_child(node);
        }
    }
    outline
}

/// Draw SVG pages into a PDF document, each at its own size.
pub(crate) fn draw_pages(
    doc: &mut Document,
    pages: &[(String, (f32, f32))],
) -> Result<(), ExportError> {
    let options = font::usvg_options();
    for (svg_text, (w, h)) in pages {
        let tree = resvg::usvg::Tree::from_str(svg_text, &options)
            .map_err(|e| ExportError::Render(e.to_string()))?;
        let size = Size::from_wh(*w, *h).ok_or_else(|| ExportError::Render("page size".into()))?;
        let mut page = doc.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface.draw_svg(&tree, size, SvgSettings::default());
        surface.finish();
        page.finish();
    }
    Ok(())
}

/// The org as a PDF: overview first, then a page per Scrum of Scrums.
pub fn to_pdf(
    org: &Org,
    layout: &Layout,
    findings: Option<&[Finding]>,
    paper: Paper,
) -> Result<Vec<u8>, ExportError> {
    to_pdf_marked(org, layout, findings, paper, None)
}

/// [`to_pdf`] tinted with a comparison's marks of `org`: every page tints its boxes, draws the
/// lines and ghosts among them, and the overview's legend has a key to them.
pub fn to_pdf_marked(
    org: &Org,
    layout: &Layout,
    findings: Option<&[Finding]>,
    paper: Paper,
    marks: Option<&Marks>,
) -> Result<Vec<u8>, ExportError> {
    let d = Diagram::marked(org, layout, findings, marks);
    let s = org.structure();
    let sos = scrums_of_scrums(&s);
    // The pages end with the framework's two cycles drawn from the org, and its components in
    // words.
    let findings_all;
    let every_finding = match findings {
        Some(f) => f,
        None => {
            findings_all = crate::rules::validate_in(
                org,
                &s,
                &crate::rules::Thresholds::from_settings(org.rules()),
            );
            &findings_all
        }
    };
    let cycles = crate::cycles::cycles(org, &s, every_finding, crate::cycles::Scope::Org);
    // With the latest rating round, compared with the one before it, when the org has any.
    let latest = org.assessment().latest();
    let shown = super::cycles::Shown {
        org,
        structure: &s,
        cycles: &cycles,
        round: latest,
        earlier: latest.and_then(|r| org.assessment().before(&r.name)),
        colouring: super::cycles::Colouring::Coverage,
    };
    let cycles_pages = super::cycles::page_count(&shown, paper);
    let total = 1 + sos.len() + cycles_pages;
    let footer = |n: usize| format!("{} · page {n} of {total} · orgscale", org.name());
    let by_page = findings.map(|f| findings_by_page(org, &sos, f));
    let notes_on = |page: usize, max: usize| {
        by_page
            .as_ref()
            .map_or_else(Vec::new, |p| notes(&p[page], max))
    };
    let mut pages: Vec<(String, (f32, f32))> = Vec::with_capacity(total);

    // The overview shows the whole diagram when it reads on paper. When it would print too
    // small, and the org has levels above its SoS, it shows the groups only (each SoS with its
    // team count), which stays readable for far larger orgs; the teams follow on the SoS pages.
    let whole = d.whole();
    let size = paper.oriented(whole.bounds);
    let mut overview = Page {
        size: Some(size),
        margin: MARGIN,
        notes: notes_on(0, MAX_OVERVIEW_NOTES),
        footer: Some(footer(1)),
        legend_scale: LEGEND_SCALE,
        ..Page::overview(org, layout.style, findings)
    };
    if let Some(counts) = d.tint_counts().filter(|c| !c.is_empty()) {
        overview.legend = overview
            .legend
            .map(|l| l.with_compare(counts, d.has_moves()));
    }
    let groups_layout = crate::layout::groups_tree(org);
    let groups = Diagram::marked(org, &groups_layout, findings, marks);
    let groups_scene = groups.whole();
    let full_scale = scale_on(&whole, &overview);
    let use_groups = full_scale < READABLE_SCALE && s.depth() >= 2 && {
        let mut p = overview.clone();
        p.size = Some(paper.oriented(groups_scene.bounds));
        scale_on(&groups_scene, &p) > full_scale * 1.5
    };
    let (scene, size) = if use_groups {
        overview.size = Some(paper.oriented(groups_scene.bounds));
        overview.subtitle = format!(
            "{} · groups only, teams on the SoS pages",
            overview.subtitle
        );
        (groups_scene, paper.oriented(groups_layout.bounds))
    } else {
        (whole, size)
    };
    pages.push((compose(&scene, &overview).0, size));

    for (i, g) in sos.iter().enumerate() {
        let group = &org.groups()[g];
        let mut nodes = vec![Node::Group(*g)];
        nodes.extend(s.child_teams(*g).map(Node::Team));
        let scene = d.part(&nodes);
        let size = paper.oriented(scene.bounds);
        let teams = nodes.len() - 1;
        let people: usize = s.child_teams(*g).map(|t| org.teams()[&t].headcount()).sum();
        // Outermost first: "in Commerce › Payments SoSoS".
        let chain: Vec<String> = org
            .ancestors(crate::model::Unit::Group(*g))
            .iter()
            .rev()
            .map(|a| org.groups()[a].name.clone())
            .collect();
        let within = if chain.is_empty() {
            String::new()
        } else {
            format!(" in {}", chain.join(" › "))
        };
        let page = Page {
            size: Some(size),
            margin: MARGIN,
            title: group.name.clone(),
            subtitle: format!(
                "Scrum of Scrums{within} · {teams} team{} · {people} {}",
                if teams == 1 { "" } else { "s" },
                if people == 1 { "person" } else { "people" }
            ),
            legend: None,
            notes: notes_on(i + 1, MAX_NOTES),
            footer: Some(footer(i + 2)),
            // A little larger than on screen: 11.5 units of detail text print at about 13 pt.
            max_scale: 1.15,
            legend_scale: LEGEND_SCALE,
        };
        pages.push((compose(&scene, &page).0, size));
    }

    let cycles_at = pages.len();
    pages.extend(super::cycles::pages(&shown, paper, cycles_at + 1, total));
    let mut doc = Document::new();
    draw_pages(&mut doc, &pages)?;
    let mut outline = bookmarks(org, &s, &sos);
    outline.push_child(OutlineNode::new(
        "The two cycles".into(),
        XyzDestination::new(cycles_at, Point::from_xy(0.0, 0.0)),
    ));
    doc.set_outline(outline);
    doc.set_metadata(
        Metadata::new()
            .title(org.name().to_string())
            .creator("orgscale".into()),
    );
    doc.finish()
        .map_err(|e| ExportError::Render(format!("{e:?}")))
}
