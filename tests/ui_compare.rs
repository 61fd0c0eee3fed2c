//! Compare mode in the designer, driven by label: File › Compare with… (through the built-in
//! dialog, as on a desktop without a portal) and Compare with saved version, the Changes panel
//! (clicking a change selects it), the transition plan (waves, Apply wave as one undo step) and
//! exporting the changes.

#![cfg(feature = "gui")]

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgscale::io::json;
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Selection};

#[path = "common/ui.rs"]
mod common;
use common::{
    app_with, copy_example, document_at, drag_towards, kittest_harness_sized, menu, rename_team,
    team_in,
};

const WINDOW: (f32, f32) = (1500.0, 950.0);

fn no_portal() -> ScriptedDialogs {
    ScriptedDialogs {
        unavailable: true,
        ..ScriptedDialogs::default()
    }
}

/// The designer on a copy of `name` in `dir`, with the other example next to it.
fn on(dir: &tempfile::TempDir, name: &str) -> Harness<'static, DesignerApp> {
    for n in ["acme.json", "acme-proposed.json"] {
        copy_example(n, &dir.path().join(n));
    }
    let doc = document_at(&dir.path().join(name));
    kittest_harness_sized(app_with(doc, no_portal()), WINDOW)
}

/// File › Compare with… and pick `name` in the built-in dialog.
fn compare_with(h: &mut Harness<'_, DesignerApp>, name: &str) {
    menu(h, "File", "Compare with…");
    h.get_by_label("Compare with");
    h.get_by_label(&format!("🗋 {name}")).click();
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(4);
}

fn canonical(h: &Harness<'_, DesignerApp>) -> String {
    json::to_string(h.state().doc.org())
}

#[test]
fn compare_with_a_file_lists_the_changes_and_the_impact() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme-proposed.json");
    let before = canonical(&h);
    compare_with(&mut h, "acme.json");
    assert!(h.state().compare.is_some(), "{}", h.state().status);
    h.get_by_label("From acme.json to this design");
    h.get_by_label(
        "1 group added · 1 team added, 1 renamed, 2 moved · 5 people joined, 1 left, 1 moved · 6 role changes · 1 other change",
    );
    h.get_by_label("Impact");
    h.get_by_label("→ Returns moved from Fulfilment to Customer Care");
    h.get_by_label("+ Support Tools added in Customer Care");
    h.get_by_label("Team stability: 82 of 84 people keep their team (98%)");
    assert_eq!(canonical(&h), before, "comparing changes nothing");
    // Leaving restores the normal canvas and panels.
    h.get_by_label("Leave compare").click();
    h.run_steps(3);
    assert!(h.state().compare.is_none());
    assert!(h.query_by_label("Impact").is_none());
}

#[test]
fn clicking_a_change_selects_its_subject() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme-proposed.json");
    compare_with(&mut h, "acme.json");
    h.get_by_label("→ Returns moved from Fulfilment to Customer Care")
        .click();
    h.run_steps(3);
    let returns = team_in(&h, "Returns");
    assert_eq!(h.state().selection, Some(Selection::Team(returns)));
}

#[test]
fn applying_a_wave_is_one_undo_step_and_all_waves_reach_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme.json");
    let original = canonical(&h);
    compare_with(&mut h, "acme-proposed.json");
    // Waves apply to the base: make this design the base.
    h.get_by_label("⇄ Swap sides").click();
    h.run_steps(3);
    h.get_by_label("From this design to acme-proposed.json");
    h.get_by_label_contains("Transition plan (").click();
    h.run_steps(2);
    h.get_by_label("+").click();
    h.run_steps(3);
    h.get_by_label_contains("Wave 2 (");
    h.get_by_label_contains("After wave 1:");
    h.get_by_label("Apply wave 1").click();
    h.run_steps(3);
    let after_one = canonical(&h);
    assert_ne!(after_one, original);
    assert!(
        h.state().status.starts_with("Applied wave 1"),
        "{}",
        h.state().status
    );
    // One undo step takes the whole wave back.
    h.state_mut().undo();
    h.run_steps(2);
    assert!(canonical(&h) == original, "undo did not restore the org");
    h.state_mut().redo();
    h.run_steps(3);
    assert!(
        canonical(&h) == after_one,
        "redo did not apply the wave again"
    );
    // One wave is left (what the first did not do); applying it gives the proposal.
    h.get_by_label("Apply wave 1").click();
    h.run_steps(3);
    let proposed = std::fs::read_to_string(dir.path().join("acme-proposed.json")).unwrap();
    assert!(
        canonical(&h) == proposed,
        "the plan does not reach the target exactly"
    );
    h.get_by_label("Nothing to do: the two versions are the same.");
    h.get_by_label("Changes and impact").click();
    h.run_steps(2);
    h.get_by_label("No changes: the two versions are the same.");
}

#[test]
fn without_a_swap_apply_wave_is_disabled_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme.json");
    compare_with(&mut h, "acme-proposed.json");
    let before = canonical(&h);
    h.get_by_label_contains("Transition plan (").click();
    h.run_steps(2);
    let button = h.get_by_label("Apply wave 1");
    assert!(button.accesskit_node().is_disabled());
    // Clicking it anyway does nothing.
    button.click();
    h.run_steps(3);
    assert!(!h.state().doc.history().can_undo());
    assert_eq!(canonical(&h), before);
}

#[test]
fn compare_with_saved_version_shows_what_the_unsaved_edits_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme.json");
    let cart = team_in(&h, "Cart");
    rename_team(&mut h, cart, "Basket");
    menu(&mut h, "File", "Compare with saved version");
    h.get_by_label("From the saved version to this design");
    h.get_by_label("1 team renamed");
    h.get_by_label("~ Cart renamed to Basket");
}

#[test]
fn an_org_compared_with_itself_has_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme.json");
    menu(&mut h, "File", "Compare with saved version");
    h.get_by_label("no changes");
    h.get_by_label("No changes: the two versions are the same.");
}

#[test]
fn a_broken_file_to_compare_with_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme.json");
    std::fs::write(dir.path().join("broken.json"), "{ \"format_version\": 1, ").unwrap();
    let before = canonical(&h);
    compare_with(&mut h, "broken.json");
    assert!(h.state().compare.is_none());
    let error = h.state().error.clone().unwrap_or_default();
    assert!(
        error.contains("Could not compare with") && error.contains("broken.json"),
        "{error}"
    );
    assert_eq!(canonical(&h), before);
}

#[test]
fn the_changes_export_as_markdown_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme-proposed.json");
    compare_with(&mut h, "acme.json");
    h.get_by_label("Markdown…").click();
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let md = std::fs::read_to_string(dir.path().join("acme-proposed-changes.md"))
        .unwrap_or_else(|e| panic!("{e}; status: {}", h.state().status));
    assert!(
        md.starts_with("### orgscale diff: `acme.json` → `acme-proposed.json`"),
        "{md}"
    );
    assert!(
        md.contains("- + Support Tools added in Customer Care"),
        "{md}"
    );
    h.get_by_label("CSV…").click();
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let csv = std::fs::read_to_string(dir.path().join("acme-proposed-changes.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let found = rows
        .records()
        .map(|r| r.unwrap())
        .any(|r| &r[2] == "team_added" && &r[3] == "Support Tools added in Customer Care");
    assert!(found, "{csv}");
}

#[test]
fn a_step_dragged_onto_another_wave_moves_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme.json");
    compare_with(&mut h, "acme-proposed.json");
    h.get_by_label("⇄ Swap sides").click();
    h.run_steps(3);
    h.get_by_label_contains("Transition plan (").click();
    h.run_steps(2);
    h.get_by_label("+").click();
    h.run_steps(3);
    let wave_of = |h: &Harness<'_, DesignerApp>, text: &str| {
        let c = h.state().compare.as_ref().unwrap();
        c.plan.steps.iter().find(|s| s.text == text).map(|s| s.wave)
    };
    let first = "Rename organisation to Acme Online (proposed)";
    assert_eq!(wave_of(&h, first), Some(0));
    // Drag the first step of wave 1 onto the heading of wave 2.
    let a = h.get_by_label(&format!("1. {first}")).rect().center();
    let b = h.get_by_label_contains("Wave 2 (").rect().center();
    drag_towards(&mut h, a, b);
    h.drop_at(b);
    h.run_steps(3);
    assert_eq!(wave_of(&h, first), Some(1), "{}", h.state().status);
    // The findings after each wave follow the new order, and the design is untouched.
    h.get_by_label_contains("After wave 1:");
    assert!(!h.state().doc.history().can_undo());
}

#[test]
fn the_marks_and_arrows_of_the_changes_have_glyphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on(&dir, "acme-proposed.json");
    compare_with(&mut h, "acme.json");
    let text = "→ ⇄ − … · “”";
    let font = egui::FontId::proportional(14.0);
    let ok = h.ctx.fonts_mut(|f| {
        text.chars()
            .filter(|c| *c != ' ')
            .all(|c| f.has_glyph(&font, c))
    });
    assert!(ok, "a glyph of {text:?} is missing from the UI font");
}

/// Run frames until `done` holds, as a window does while a worker runs (at most a minute).
fn wait_until(h: &mut Harness<'_, DesignerApp>, done: impl Fn(&DesignerApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "still waiting: {}",
            h.state().status
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    h.run_steps(2);
}

#[test]
fn a_large_design_is_compared_on_a_worker_while_the_window_keeps_drawing() {
    // 1,000 teams on each side: compare mode works on a worker thread.
    let base = orgscale::sample::balanced("Big", 1_000, 5, 7);
    let doc = orgscale::ui::Document::new(base.clone(), None);
    let mut h = kittest_harness_sized(app_with(doc, no_portal()), WINDOW);
    let first = *h.state().doc.org().teams().keys().next().unwrap();
    rename_team(&mut h, first, "Renamed Before Comparing");
    h.state_mut().compare_with(base, "big.json");
    h.run_steps(1);
    h.get_by_label("Comparing this design with big.json…");
    assert!(
        h.state().compare.is_none(),
        "nothing shown before it is made"
    );
    wait_until(&mut h, |a| a.compare.is_some());
    h.get_by_label("1 team renamed");

    // An edit while comparing: the panel says it is catching up, then shows the new changes.
    let second = *h.state().doc.org().teams().keys().nth(1).unwrap();
    h.state_mut().apply(orgscale::model::Command::RenameTeam {
        team: second,
        name: "Renamed While Comparing".into(),
    });
    // The frame after an edit starts the worker and shows the last comparison meanwhile.
    h.run_steps(1);
    assert!(h.state().compare.as_ref().unwrap().is_updating());
    h.get_by_label("Updating to your latest edits…");
    wait_until(&mut h, |a| {
        a.compare
            .as_ref()
            .is_some_and(|c| c.is_current(a.doc.revision()))
    });
    h.get_by_label("2 teams renamed");
    assert!(h.query_by_label("Updating to your latest edits…").is_none());
}
