//! The Cycles view, driven like a user through egui_kittest: the switch next to Design, Growth
//! and Events, all twelve components by their accessible names, a click on a gap that shows its
//! subject on the design canvas, a group picked in the outline scoping the cycles, ratings
//! entered and imported as single undo steps, the figure exported, and an image snapshot.

#![cfg(feature = "gui")]

#[path = "common/ui.rs"]
mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::model::Component;
use orgscale::ui::DesignerApp;
use orgscale::ui::app::MainView;

const WINDOW: (f32, f32) = (1500.0, 950.0);

fn cycles_of(app: DesignerApp) -> Harness<'static, DesignerApp> {
    let mut h = common::kittest_harness_sized(app, WINDOW);
    h.get_by_label("Cycles").click();
    h.run_steps(3);
    assert_eq!(h.state().view, MainView::Cycles);
    h
}

fn cycles() -> Harness<'static, DesignerApp> {
    cycles_of(common::sample_app())
}

#[test]
fn the_cycles_view_shows_all_twelve_components_by_name() {
    let h = cycles();
    h.get_by_label_contains("The two cycles of Acme Online");
    for c in Component::ALL {
        // The figure's part, as a screen reader reads it: its name, state and carriers.
        h.get_by_label_contains(&format!("{}: ", c.label()));
    }
    h.get_by_label("Cross-Team Coordination: complete; 4 SoSMs, 4 Scaled Daily Scrums");
    h.get_by_label_contains("Team Process: 1 gap; 13 Scrum teams, 84 people");
}

#[test]
fn snapshot_of_the_cycles_view() {
    let mut h = cycles();
    h.run_steps(2);
    h.snapshot("cycles_view");
}

#[test]
fn clicking_a_gap_shows_its_subject_on_the_design_canvas() {
    // A SoS without its SoSM: Cross-Team Coordination has a gap naming it.
    let mut app = common::sample_app();
    let fulfilment = common::group(app.doc.org(), "Fulfilment");
    app.apply(orgscale::model::Command::clear(
        fulfilment,
        orgscale::model::ScaledRole::Master,
    ));
    let mut h = cycles_of(app);
    // V7, and V11: with no SoSM, nobody represents Fulfilment one level up.
    h.get_by_label("Cross-Team Coordination: 2 gaps; 3 SoSMs, 4 Scaled Daily Scrums")
        .click();
    h.run_steps(3);
    assert_eq!(
        h.state().cycles.selected,
        Some(Component::CrossTeamCoordination)
    );
    h.get_by_label("Gaps (2)");
    h.get_by_label("V7 SoS Fulfilment has no SoSM.").click();
    h.run_steps(4);
    assert_eq!(h.state().view, MainView::Design);
    assert_eq!(
        h.state().selection,
        Some(orgscale::ui::Selection::Group(fulfilment))
    );
}

#[test]
fn a_group_picked_in_the_outline_scopes_the_cycles() {
    let mut h = cycles();
    h.get_by_label_contains("Scrum of Scrums Fulfilment, ")
        .click();
    h.run_steps(3);
    h.get_by_label_contains("The two cycles of SoS Fulfilment");
    // Checkout, too large, is not in Fulfilment: its Team Process is complete.
    h.get_by_label_contains("Team Process: complete; 4 Scrum teams");
    h.get_by_label("Whole org").click();
    h.run_steps(3);
    h.get_by_label_contains("The two cycles of Acme Online");
}

#[test]
fn a_round_is_added_rated_and_undone_one_step_at_a_time() {
    let mut h = cycles();
    h.get_by_label("New round…").click();
    h.run_steps(2);
    fill(&mut h, "Round name", "Q1 2027");
    fill(&mut h, "Round date", "2027-01-15");
    fill(&mut h, "Round raters", "Ana Silva, Bo Lindqvist");
    h.get_by_label("Add round").click();
    h.run_steps(3);
    let round =
        |h: &Harness<'_, DesignerApp>| h.state().doc.org().assessment().round("Q1 2027").cloned();
    let r = round(&h).expect("the round was added");
    assert_eq!(r.raters, ["Ana Silva", "Bo Lindqvist"]);
    assert_eq!(r.date.to_string(), "2027-01-15");
    // Rate Delivery: Ana 3, Bo 1.
    h.get_by_label_contains("Delivery: ").click();
    h.run_steps(3);
    h.get_by_label("Ana Silva rates Delivery 3").click();
    h.run_steps(3);
    h.get_by_label("Bo Lindqvist rates Delivery 1").click();
    h.run_steps(3);
    let r = round(&h).unwrap();
    assert_eq!(r.ratings.len(), 2);
    h.get_by_label_contains("Rated 2 developing (median of 2 ratings, spread 2: 1–3)");
    // The heat map colours by rating; the figure says so.
    h.get_by_label_contains("Delivery: complete; 4 groups with a SoSM and a CPO; rated 2");
    // Each rating was one step.
    common::undo(&mut h);
    assert_eq!(round(&h).unwrap().ratings.len(), 1);
    common::undo(&mut h);
    assert_eq!(round(&h).unwrap().ratings.len(), 0);
    common::undo(&mut h);
    assert!(round(&h).is_none());
}

/// Replace what a text field holds, as a user does: focus it, select all, type.
fn fill(h: &mut Harness<'_, DesignerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(1);
}

fn sheet(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("ratings.csv");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_filled_rating_sheet_is_imported_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = sheet(
        dir.path(),
        "round,date,rater,group,component,rating,note\n\
         Q1 2027,2027-01-15,Ana Silva,,Cross-Team Coordination,3,SDS daily\n\
         Q1 2027,2027-01-15,Bo Lindqvist,,Cross-Team Coordination,2,\n\
         Q1 2027,2027-01-15,Chen Wei,,Cross-Team Coordination,4,\n\
         Q1 2027,2027-01-15,Chen Wei,,Delivery,,\n",
    );
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.import.push_back(Some(path));
    let mut h = cycles_of(common::sample_app_with(dialogs));
    h.get_by_label("Import ratings…").click();
    h.run_steps(4);
    assert_eq!(h.state().error, None);
    h.get_by_label_contains("Imported 3 ratings by 3 raters into round \"Q1 2027\" (new)");
    h.get_by_label_contains(
        "Cross-Team Coordination: complete; 4 SoSMs, 4 Scaled Daily Scrums; rated 3 established \
         (median of 3 ratings, spread 2: 2–4)",
    );
    let org = common::org(&h);
    assert_eq!(org.assessment().rounds.len(), 1);
    common::undo(&mut h);
    assert!(common::org(&h).assessment().is_empty());
}

#[test]
fn a_sheet_with_a_bad_rating_is_refused_naming_the_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sheet(
        dir.path(),
        "round,rater,component,rating\nQ1,Ana,Delivery,3\nQ1,Bo,Delivery,5\n",
    );
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.import.push_back(Some(path));
    let mut h = cycles_of(common::sample_app_with(dialogs));
    h.get_by_label("Import ratings…").click();
    h.run_steps(4);
    let error = h.state().error.clone().unwrap_or_default();
    assert!(
        error.contains("ratings.csv (line 3): the rating 5 is out of range"),
        "{error}"
    );
    assert!(common::org(&h).assessment().is_empty());
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn the_figure_is_exported_as_svg_from_the_cycles_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme-cycles.svg");
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.export.push_back(Some(path.clone()));
    let mut h = cycles_of(common::sample_app_with(dialogs));
    h.get_by_label("Export figure").click();
    h.run_steps(2);
    h.get_by_label("SVG image…").click();
    h.run_steps(4);
    let svg = std::fs::read_to_string(&path).expect("the figure was written");
    let tree = resvg::usvg::Tree::from_str(&svg, &orgscale::export::font::usvg_options())
        .expect("the SVG parses");
    for c in Component::ALL {
        assert!(
            tree.node_by_id(&format!("component-{}", c.key())).is_some(),
            "{c:?}"
        );
    }
    h.get_by_label_contains("Wrote the cycles as SVG to");
}

#[test]
fn hovering_a_component_shows_its_people_and_gaps() {
    let mut h = cycles();
    h.get_by_label_contains("Team Process: 1 gap").hover();
    h.run_steps(3);
    // Its people, a few by name, and the finding behind its gap.
    h.get_by_label_contains("and 72 more");
    h.get_by_label_contains("V4 Team Checkout has 10 people");
}

#[test]
fn the_scope_list_and_the_colouring_switch() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::copy_example("acme-assessed.json", &dir.path().join("acme.json"));
    let mut h = cycles_of(common::app_of(common::document_at(&path)));
    // The latest round is shown as a heat map.
    h.get_by_label_contains("round Q4 2026 (2026-12-03, 3 raters) · coloured by rating");
    h.get_by_label("Coverage").click();
    h.run_steps(3);
    h.get_by_label_contains("10 of 12 components complete · round Q4 2026 (2026-12-03, 3 raters) · coloured by coverage");
    // Compare with the round before: what rose and what fell.
    h.get_by_label("Compare with: Nothing").click();
    h.run_steps(2);
    h.get_by_label("Q3 2026 · 2026-09-24").click();
    h.run_steps(3);
    h.get_by_label_contains("Fell since Q3 2026: Backlog Decomposition & Refinement (3 → 2)");
    h.get_by_label_contains("Cross-Team Coordination: complete; 4 SoSMs, 4 Scaled Daily Scrums; rated 3 established (median of 3 ratings, spread 1: 3–4), rose from 2");
    // Hovering it says so too.
    h.get_by_label_contains("Cross-Team Coordination: complete;")
        .hover();
    h.run_steps(3);
    h.get_by_label("rated 3 established (median of 3 ratings, spread 1: 3–4), rose from 2");
    // The scope list: Fulfilment, whose Delivery the raters rated on its own.
    h.get_by_label("Scope: Whole org (Acme Online)").click();
    h.run_steps(2);
    h.get_by_label("SoS Fulfilment").click();
    h.run_steps(3);
    h.get_by_label_contains("The two cycles of SoS Fulfilment");
    // The outline shows the group picked.
    let fulfilment = common::group_in(&h, "Fulfilment");
    assert_eq!(
        h.state().selection,
        Some(orgscale::ui::Selection::Group(fulfilment))
    );
    h.get_by_label_contains("Delivery: complete; 1 group with a SoSM and a CPO; rated 2 developing (median of 3 ratings, spread 1: 1–2)");
}

#[test]
fn a_blank_sheet_is_exported_for_the_raters_of_the_round() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.csv");
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.export.push_back(Some(out.clone()));
    let path = common::copy_example("acme-assessed.json", &dir.path().join("acme.json"));
    let mut h = cycles_of(common::app_with(common::document_at(&path), dialogs));
    // A new rater joins the round first.
    h.get_by_label("New rater").focus();
    h.run_steps(2);
    h.get_by_label("New rater").type_text("Dana Kim");
    h.run_steps(1);
    h.get_by_label("Add rater").click();
    h.run_steps(3);
    assert_eq!(
        common::org(&h)
            .assessment()
            .round("Q4 2026")
            .unwrap()
            .raters,
        ["Lena Fischer", "Marcus Obi", "Priya Raman", "Dana Kim"]
    );
    h.get_by_label("Export blank sheet…").click();
    h.run_steps(4);
    let sheet = std::fs::read_to_string(&out).expect("the sheet was written");
    assert_eq!(sheet.lines().count(), 1 + 4 * 12, "{sheet}");
    assert!(sheet.contains("Q4 2026,2026-12-03,Dana Kim,,Metrics & Transparency,,\n"));
}

#[test]
fn a_blank_sheet_can_ask_about_every_group_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.csv");
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.export.push_back(Some(out.clone()));
    let mut h = cycles_of(common::sample_app_with(dialogs));
    h.get_by_label("A row per group too").click();
    h.run_steps(2);
    h.get_by_label("Export blank sheet…").click();
    h.run_steps(4);
    let sheet = std::fs::read_to_string(&out).expect("the sheet was written");
    // One unnamed rater, the whole org and its 4 groups, 12 components each.
    assert_eq!(sheet.lines().count(), 1 + 5 * 12, "{sheet}");
    assert!(sheet.contains(",,Fulfilment,Delivery,,\n"), "{sheet}");
}

#[test]
fn the_wheel_zooms_the_figure_and_fit_shows_it_whole() {
    let mut h = cycles();
    // The findings panel gives the figure its room in this view.
    assert!(h.query_by_label("Filter findings").is_none());
    let delivery = h.get_by_label_contains("Delivery: ").rect().center();
    h.hover_at(delivery);
    h.run_steps(2);
    let before = h.get_by_label_contains("Delivery: ").rect();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 3.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    let zoomed = h.state().cycles.zoom.zoom;
    assert!((zoomed - 1.15f32.powi(3)).abs() < 0.01, "{zoomed}");
    let after = h.get_by_label_contains("Delivery: ").rect();
    assert!(
        after.width() > before.width() * 1.4,
        "{before:?} -> {after:?}"
    );
    // Zoomed about the pointer: what was under it stays near it.
    assert!(after.contains(delivery), "{after:?} {delivery:?}");
    h.get_by_label("Fit").click();
    h.run_steps(3);
    assert!(h.state().cycles.zoom.is_fitted());
}

#[test]
fn a_drag_pans_the_figure_and_a_double_click_fits_it() {
    // Frames a 60th of a second apart, as on a desktop, so that two clicks make a double click.
    let mut h = common::harness_sized(common::sample_app(), WINDOW);
    h.get_by_label("Cycles").click();
    h.run_steps(3);
    // A drag on the figure's background pans it; a double click there fits it again.
    let eat = h.get_by_label_contains("Executive Action Team: ").rect();
    let ctc = h.get_by_label_contains("Cross-Team Coordination: ").rect();
    let empty = egui::pos2((ctc.right() + eat.left()) / 2.0, eat.center().y);
    common::drag_towards(&mut h, empty, empty + egui::vec2(60.0, 30.0));
    h.drop_at(empty + egui::vec2(60.0, 30.0));
    h.run_steps(2);
    let pan = h.state().cycles.zoom.pan;
    assert!((pan - egui::vec2(60.0, 30.0)).length() < 2.0, "{pan:?}");
    let moved = h.get_by_label_contains("Executive Action Team: ").rect();
    assert!((moved.center() - eat.center() - egui::vec2(60.0, 30.0)).length() < 2.0);
    let there = empty + egui::vec2(60.0, 30.0);
    // Well after the last click (egui would count a third click within 0.6 s as a triple).
    h.run_steps(45);
    for _ in 0..2 {
        h.drag_at(there);
        h.run_steps(1);
        h.drop_at(there);
        h.run_steps(1);
    }
    h.run_steps(2);
    assert!(
        h.state().cycles.zoom.is_fitted(),
        "{:?}",
        h.state().cycles.zoom
    );
    assert!(
        h.state().cycles.selected.is_none(),
        "a click on the background picks nothing"
    );
}

#[test]
fn the_figure_exports_as_png_and_pdf_too() {
    let dir = tempfile::tempdir().unwrap();
    let (png, pdf) = (dir.path().join("c.png"), dir.path().join("c.pdf"));
    let mut dialogs = orgscale::ui::dialogs::ScriptedDialogs::default();
    dialogs.export.push_back(Some(png.clone()));
    dialogs.export.push_back(Some(pdf.clone()));
    let mut h = cycles_of(common::sample_app_with(dialogs));
    for item in ["PNG image…", "PDF document…"] {
        h.get_by_label("Export figure").click();
        h.run_steps(2);
        h.get_by_label(item).click();
        h.run_steps(4);
    }
    let image = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert!(image.width() > 1000, "{}", image.width());
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    for c in Component::ALL {
        assert!(text.contains(c.label()), "{c:?} not in the PDF:\n{text}");
    }
    h.get_by_label_contains("Wrote the cycles as PDF to");
}

#[test]
fn tab_reaches_each_component_and_enter_picks_it() {
    let mut h = cycles();
    let mut reached = Vec::new();
    for _ in 0..120 {
        h.key_press(egui::Key::Tab);
        h.run_steps(1);
        for c in Component::ALL {
            if h.query_by_label_contains(&format!("{}: ", c.label()))
                .is_some_and(|n| n.is_focused())
                && !reached.contains(&c)
            {
                reached.push(c);
            }
        }
        if reached.len() == Component::ALL.len() {
            break;
        }
    }
    assert_eq!(reached.len(), 12, "Tab reached only {reached:?}");
    // The last one reached has the focus: Enter picks it.
    let last = *reached.last().unwrap();
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().cycles.selected, Some(last));
}
