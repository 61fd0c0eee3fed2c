//! Compare mode on the canvas, found by label as a screen reader finds it: the proposed design
//! compared with acme (the base) tints Support Tools as added, Returns as moved (to where it was,
//! Fulfilment) and Invoicing as changed, draws a ghost of the team it removed, and says in a
//! legend which colour is which. Swapping sides shows what the other version would add as
//! ghosts; leaving compare mode gives the normal canvas back, label for label.

#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgscale::model::Command;
use orgscale::ui::compare::Comparison;
use orgscale::ui::{DesignerApp, Document};

#[path = "common/ui.rs"]
mod common;
use common::{
    app_with, canvas_only, example, kittest_harness_sized, open_export_menu, team_in,
    wait_for_export,
};
use orgscale::ui::dialogs::ScriptedDialogs;

const WINDOW: (f32, f32) = (1700.0, 1000.0);

/// The proposed design, without Fraud Detection, the whole org in view.
fn proposed() -> Harness<'static, DesignerApp> {
    proposed_with(ScriptedDialogs::default())
}

fn proposed_with(dialogs: ScriptedDialogs) -> Harness<'static, DesignerApp> {
    let org = orgscale::io::load(&example("acme-proposed.json")).unwrap();
    let app = canvas_only(app_with(Document::new(org, None), dialogs));
    let mut h = kittest_harness_sized(app, WINDOW);
    let fraud = team_in(&h, "Fraud Detection");
    h.state_mut().apply(Command::RemoveTeam(fraud));
    h.run_steps(2);
    h
}

/// Compare the open design with acme.json (acme the base, the open design the target).
fn compare_with_acme(h: &mut Harness<'_, DesignerApp>) {
    let other = orgscale::io::load(&example("acme.json")).unwrap();
    let app = h.state_mut();
    let c = Comparison::new(other, "acme.json", app.doc.org(), app.doc.revision());
    app.compare = Some(c);
    fit(h);
}

fn fit(h: &mut Harness<'_, DesignerApp>) {
    h.run_steps(2);
    h.state_mut().canvas.request_fit();
    h.run_steps(4);
}

/// Every accessible name on screen that contains `part`.
fn labels(h: &Harness<'_, DesignerApp>, part: &str) -> Vec<String> {
    h.query_all_by_label_contains(part)
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

/// The one card whose name starts with `start`.
fn card(h: &Harness<'_, DesignerApp>, start: &str) -> String {
    let all: Vec<String> = labels(h, start)
        .into_iter()
        .filter(|l| l.starts_with(start))
        .collect();
    assert_eq!(all.len(), 1, "cards named {start:?}: {all:?}");
    all[0].clone()
}

const LEGEND: &str = "Compare legend: Added 2, Moved 2, Changed 4, Removed 1, lines lead to where \
                      moved units are in the other version";

#[test]
fn tinted_cards_ghosts_and_the_legend_are_labelled() {
    let mut h = proposed();
    fit(&mut h);
    let plain_support = card(&h, "Team Support Tools");
    let plain_returns = card(&h, "Team Returns");
    let plain_invoicing = card(&h, "Team Invoicing");
    assert!(!plain_support.contains("(added)"), "{plain_support}");

    compare_with_acme(&mut h);
    let support = card(&h, "Team Support Tools");
    assert!(
        support.starts_with("Team Support Tools (added), "),
        "{support}"
    );
    // The rest of the name is what it says without compare mode.
    assert_eq!(
        support.replacen(" (added)", "", 1),
        plain_support,
        "the change is added to the name"
    );
    assert!(
        card(&h, "Team Returns")
            .starts_with("Team Returns (moved; in Fulfilment in the other version), "),
        "{}",
        card(&h, "Team Returns")
    );
    assert!(
        card(&h, "Team Order Tracking").starts_with("Team Order Tracking (moved; in Fulfilment")
    );
    assert!(card(&h, "Team Invoicing").starts_with("Team Invoicing (changed), "));
    assert!(card(&h, "SoS Customer Care").starts_with("SoS Customer Care (added), "));
    // Untouched teams say nothing more.
    assert!(
        !card(&h, "Team Search").contains('('),
        "{}",
        card(&h, "Team Search")
    );
    // The team this design removed is a ghost.
    h.get_by_label("Fraud Detection, team (removed, not in this design)");
    h.get_by_label(LEGEND);

    // Leaving compare mode gives the normal canvas back.
    h.state_mut().compare = None;
    h.run_steps(3);
    assert_eq!(card(&h, "Team Support Tools"), plain_support);
    assert_eq!(card(&h, "Team Returns"), plain_returns);
    assert_eq!(card(&h, "Team Invoicing"), plain_invoicing);
    assert!(h.query_by_label_contains("not in this design").is_none());
    assert!(h.query_by_label_contains("Compare legend").is_none());
    for change in ["(added", "(moved", "(changed", "(removed"] {
        assert!(
            labels(&h, change).is_empty(),
            "{change}: {:?}",
            labels(&h, change)
        );
    }
}

#[test]
fn swapping_sides_shows_what_the_other_version_adds_as_ghosts() {
    let mut h = proposed();
    compare_with_acme(&mut h);
    let app = h.state_mut();
    let (org, revision) = (app.doc.shared_org(), app.doc.revision());
    app.compare.as_mut().unwrap().swap(&org, revision);
    h.run_steps(4);
    // The open design is now the base: acme has Fraud Detection, this design does not.
    h.get_by_label("Fraud Detection, team (added, not in this design)");
    assert!(
        card(&h, "Team Support Tools")
            .starts_with("Team Support Tools (removed; not in the other version), ")
    );
    assert!(card(&h, "Team Returns").starts_with("Team Returns (moved; in Fulfilment"));
    assert!(
        h.query_by_label_contains("(removed, not in this design)")
            .is_none()
    );
    h.get_by_label_contains("Compare legend: Added 1, Moved 2, Changed 4, Removed 2");
}

#[test]
fn the_tints_follow_an_edit_of_the_open_design() {
    let mut h = proposed();
    compare_with_acme(&mut h);
    assert!(card(&h, "Team Search").starts_with("Team Search, "));
    let search = team_in(&h, "Search");
    common::rename_team(&mut h, search, "Find");
    h.run_steps(2);
    assert!(card(&h, "Team Find").starts_with("Team Find (changed), "));
    h.get_by_label_contains("Changed 5");
}

#[test]
fn a_folded_group_counts_the_changes_it_hides() {
    let mut h = proposed();
    compare_with_acme(&mut h);
    h.get_by_label("Collapse Checkout & Payments on the canvas")
        .click();
    h.run_steps(4);
    // Cart, Checkout and Invoicing changed (Payments keeps its people: one of them only left Fraud Detection).
    let sos = card(&h, "SoS Checkout & Payments");
    assert!(
        sos.starts_with("SoS Checkout & Payments (3 changes inside), "),
        "{sos}"
    );
    assert!(labels(&h, "Team Invoicing").is_empty(), "folded away");
    // The removed team's ghost still stands beside its group.
    h.get_by_label("Fraud Detection, team (removed, not in this design)");
}

#[test]
fn file_export_in_compare_mode_writes_the_tinted_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("tinted.svg");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export.push_back(Some(svg.clone()));
    let mut h = proposed_with(dialogs);
    compare_with_acme(&mut h);
    open_export_menu(&mut h);
    h.get_by_label("SVG image…").click();
    wait_for_export(&mut h);
    let app = h.state();
    let options = app.prefs.export_options(app.doc.style());
    let marks = app.compare.as_ref().unwrap().marks.clone();
    let tinted = orgscale::export::export_marked(
        app.doc.org(),
        orgscale::export::Format::Svg,
        &options,
        Some(&marks),
    )
    .unwrap();
    let written = std::fs::read(&svg).unwrap();
    assert_eq!(written, tinted);
    let plain =
        orgscale::export::export(app.doc.org(), orgscale::export::Format::Svg, &options).unwrap();
    assert_ne!(written, plain, "the file is tinted");
    let text = String::from_utf8(written).unwrap();
    assert!(text.contains(">Fraud Detection</text>") && text.contains(">Compare</text>"));
}

/// The canvas alone, on a document, with the marks of a comparison when it has one: what the
/// snapshots show, without the panels around it.
struct CanvasOnly {
    canvas: orgscale::ui::canvas::Canvas,
    doc: Document,
    compare: Option<Comparison>,
}

fn canvas_only_harness(dark: bool) -> Harness<'static, CanvasOnly> {
    let mut doc = Document::new(
        orgscale::io::load(&example("acme-proposed.json")).unwrap(),
        None,
    );
    let fraud = common::team(doc.org(), "Fraud Detection");
    doc.apply(Command::RemoveTeam(fraud)).unwrap();
    let other = orgscale::io::load(&example("acme.json")).unwrap();
    let compare = Some(Comparison::new(
        other,
        "acme.json",
        doc.org(),
        doc.revision(),
    ));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1300.0, 860.0))
        .build_ui_state(
            |ui, s: &mut CanvasOnly| {
                s.canvas.marks = s.compare.as_ref().map(|c| c.marks.clone());
                s.canvas.show(ui, &s.doc);
            },
            CanvasOnly {
                canvas: orgscale::ui::canvas::Canvas::default(),
                doc,
                compare,
            },
        );
    h.ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    h.state_mut().canvas.request_fit();
    h.run_steps(4);
    h
}

#[test]
fn snapshot_of_the_tinted_canvas() {
    canvas_only_harness(false).snapshot("compare_canvas");
}

#[test]
fn snapshot_of_the_tinted_canvas_in_the_dark_theme() {
    canvas_only_harness(true).snapshot("compare_canvas_dark");
}

#[test]
fn leaving_compare_mode_draws_the_very_same_canvas() {
    let mut h = canvas_only_harness(false);
    let tinted = h.render().unwrap();
    let marks = h.state_mut().compare.take();
    h.run_steps(2);
    let plain = h.render().unwrap();
    assert!(tinted != plain, "compare mode draws something");
    h.state_mut().compare = marks;
    h.run_steps(2);
    assert!(
        h.render().unwrap() == tinted,
        "the tints come back the same"
    );
    h.state_mut().compare = None;
    h.run_steps(2);
    assert!(
        h.render().unwrap() == plain,
        "and go again, pixel for pixel"
    );
}

/// Acme open, the proposal the other version: Returns sits in Customer Care there, a group acme
/// lacks. Its card names that group, and its line ends at the group's ghost, not at the top.
#[test]
fn a_unit_moved_out_of_a_group_this_design_lacks_points_at_its_ghost() {
    let org = orgscale::io::load(&example("acme.json")).unwrap();
    let app = canvas_only(app_with(
        Document::new(org, None),
        ScriptedDialogs::default(),
    ));
    let mut h = kittest_harness_sized(app, WINDOW);
    let other = orgscale::io::load(&example("acme-proposed.json")).unwrap();
    let app = h.state_mut();
    let c = Comparison::new(
        other,
        "acme-proposed.json",
        app.doc.org(),
        app.doc.revision(),
    );
    app.compare = Some(c);
    fit(&mut h);
    assert!(
        card(&h, "Team Returns")
            .starts_with("Team Returns (moved; in Customer Care in the other version), "),
        "{}",
        card(&h, "Team Returns")
    );
    h.get_by_label("Customer Care, group (removed, not in this design)");
    let app = h.state();
    let doc = &app.doc;
    let marks = &app.compare.as_ref().unwrap().marks;
    let placed = orgscale::diagram::place_marks(doc.org(), doc.structure(), doc.layout(), marks);
    let ghost = placed
        .ghosts
        .iter()
        .find(|g| g.ghost.name == "Customer Care")
        .expect("a ghost of Customer Care");
    let returns = team_in(&h, "Returns");
    let line = placed
        .moves
        .iter()
        .find(|l| l.node == orgscale::layout::Node::Team(returns))
        .expect("a line from Returns");
    let (gx, gy) = line.to;
    let r = ghost.rect;
    assert!(
        gx >= r.x - 0.5 && gx <= r.right() + 0.5 && gy >= r.y - 0.5 && gy <= r.bottom() + 0.5,
        "the line ends on the ghost {r:?}, not at {:?}",
        line.to
    );
}
