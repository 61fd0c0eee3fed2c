//! The designer, driven like a user through egui_kittest: pointer drags on the canvas, keyboard
//! shortcuts, file dialogs answered by a script, and image snapshots.
//!
//! `Harness::run()` is never used: the canvas' GraphView asks for a repaint every frame while the
//! pointer is active, so tests step a fixed number of frames instead.

#![cfg(feature = "gui")]

#[path = "common/ui.rs"]
mod common;
use common::{
    app_with, canvas_only, center, close_window, copy_example, example, fractal_harness, group_in,
    kittest_harness, kittest_harness_sized, open_export_menu, rename_team, sample_app,
    sample_app_with, team_in, wait_for_export,
};

use egui::{Modifiers, Pos2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgscale::layout::Node;
use orgscale::rules::RuleId;
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Selection};

/// Press on `from`, move there in small steps like a hand would, and return without releasing.
fn drag(h: &mut Harness<'_, DesignerApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_steps(2);
    h.drag_at(from);
    h.run_steps(2);
    for i in 1..=12 {
        let t = i as f32 / 12.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    h.run_steps(2);
}

#[test]
fn starts_on_the_sample_with_findings_and_title() {
    let h = kittest_harness(sample_app());
    let app = h.state();
    assert_eq!(app.doc.org().name(), "Acme Online");
    assert_eq!(app.doc.display_name(), "acme.json");
    assert!(!app.doc.is_dirty());
    h.get_by_label_contains("Team Checkout has 10 people");
    h.get_by_label("2 warnings");
}

#[test]
fn dragging_a_team_onto_another_sos_moves_it_and_undo_restores() {
    let mut h = kittest_harness(sample_app());
    let search = team_in(&h, "Search");
    let shopping = group_in(&h, "Shopping");
    let fulfilment = group_in(&h, "Fulfilment");
    let before_findings = h.state().doc.findings().to_vec();
    let from = center(&h, Node::Team(search));
    let to = center(&h, Node::Group(fulfilment));
    drag(&mut h, from, to);
    // While dragging: the preview says what the drop would do.
    let preview = h
        .state()
        .canvas
        .preview()
        .cloned()
        .expect("a drop preview while dragging");
    assert_eq!(preview.headline, "Fulfilment would have 5 teams");
    assert!(preview.command.is_some());
    assert!(
        preview.added.iter().any(|a| a.starts_with("V10")),
        "{:?}",
        preview.added
    );
    h.drop_at(to);
    h.run_steps(3);
    {
        let app = h.state();
        assert_eq!(app.doc.org().team(search).unwrap().group, Some(fulfilment));
        assert!(app.doc.is_dirty());
        // Kwame Mensah, SM of Search, is SoSM of Shopping: no longer one of its SMs.
        assert!(app.doc.findings().iter().any(|f| f.rule == RuleId(10)));
        // Shopping is down to 3 teams.
        assert!(
            app.doc.findings().iter().any(|f| f.rule == RuleId(6)
                && f.subject == orgscale::rules::SubjectRef::Group(shopping))
        );
        assert_eq!(app.selection, Some(Selection::Team(search)));
        assert_eq!(app.status, "Move Search to Fulfilment");
    }
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.org().team(search).unwrap().group, Some(shopping));
    assert_eq!(app.doc.findings(), before_findings.as_slice());
    assert!(!app.doc.is_dirty(), "undo back to the saved state is clean");
    // Redo brings the move back.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.org().team(search).unwrap().group,
        Some(fulfilment)
    );
}

#[test]
fn dropping_a_team_on_a_team_or_on_nothing_changes_nothing_and_says_why() {
    let mut h = kittest_harness(sample_app());
    let catalog = team_in(&h, "Catalog");
    let checkout = team_in(&h, "Checkout");
    let org_before = h.state().doc.org().clone();
    let from = center(&h, Node::Team(catalog));
    let to = center(&h, Node::Team(checkout));
    drag(&mut h, from, to);
    let preview = h.state().canvas.preview().cloned().unwrap();
    assert!(preview.command.is_none());
    assert!(
        preview.headline.contains("Checkout is a team"),
        "{}",
        preview.headline
    );
    h.drop_at(to);
    h.run_steps(3);
    assert_eq!(h.state().doc.org(), &org_before);
    assert!(!h.state().doc.is_dirty());
    assert!(
        h.state().status.contains("teams cannot contain"),
        "{}",
        h.state().status
    );

    // Empty canvas far below the cards.
    let empty = Pos2::new(center(&h, Node::Team(checkout)).x + 420.0, 640.0);
    let from = center(&h, Node::Team(catalog));
    drag(&mut h, from, empty);
    h.drop_at(empty);
    h.run_steps(3);
    assert_eq!(h.state().doc.org(), &org_before);
    assert!(
        h.state().status.contains("nothing moved"),
        "{}",
        h.state().status
    );
}

#[test]
fn dragging_a_group_into_its_own_subtree_is_refused() {
    let mut h = kittest_harness(sample_app());
    let top = group_in(&h, "Acme Online");
    let shopping = group_in(&h, "Shopping");
    let before = h.state().doc.org().clone();
    let from = center(&h, Node::Group(top));
    let to = center(&h, Node::Group(shopping));
    drag(&mut h, from, to);
    let preview = h.state().canvas.preview().cloned().unwrap();
    assert!(preview.command.is_none());
    assert!(
        preview.headline.contains("it is inside Acme Online"),
        "{}",
        preview.headline
    );
    h.drop_at(to);
    h.run_steps(3);
    assert_eq!(h.state().doc.org(), &before);
}

#[test]
fn clicking_a_card_selects_it_and_clicking_a_finding_reveals_its_subject() {
    let mut h = kittest_harness(sample_app());
    let payments = team_in(&h, "Payments");
    let p = center(&h, Node::Team(payments));
    h.hover_at(p);
    h.run_steps(2);
    h.drag_at(p);
    h.run_steps(1);
    h.drop_at(p);
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Team(payments)));

    h.get_by_label_contains("Team Checkout has 10 people")
        .click();
    h.run_steps(3);
    let checkout = team_in(&h, "Checkout");
    assert_eq!(h.state().selection, Some(Selection::Team(checkout)));
}

#[test]
fn open_and_save_go_through_the_dialogs() {
    let dir = tempfile::tempdir().unwrap();
    let small = copy_example("small.json", &dir.path().join("small.json"));
    let saved = dir.path().join("copy.json");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open.push_back(Some(small.clone()));
    dialogs.save.push_back(Some(saved.clone()));
    let asked = dialogs.asked.clone();
    let mut h = kittest_harness(sample_app_with(dialogs));

    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run_steps(3);
    assert_eq!(h.state().doc.org().name(), "Small Shop");
    assert_eq!(h.state().doc.display_name(), "small.json");

    // Change something, then Save As.
    let storefront = team_in(&h, "Storefront");
    rename_team(&mut h, storefront, "Shopfront");
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::S);
    h.run_steps(3);
    assert!(!h.state().doc.is_dirty());
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("\"Shopfront\""));
    assert_eq!(*asked.lock().unwrap(), vec!["open", "save"]);
    // The original file is untouched.
    assert!(
        !std::fs::read_to_string(&small)
            .unwrap()
            .contains("Shopfront")
    );
}

#[test]
fn unsaved_changes_are_guarded_before_opening_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let small = copy_example("small.json", &dir.path().join("small.json"));
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open.push_back(Some(small.clone()));
    let mut h = kittest_harness(sample_app_with(dialogs));
    let search = team_in(&h, "Search");
    rename_team(&mut h, search, "Find");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run_steps(3);
    // The question is asked; Cancel keeps everything.
    h.get_by_label_contains("Save the changes to acme.json before opening another file?");
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.org().name(), "Acme Online");
    assert!(h.state().doc.is_dirty());
    // Ask again and discard the changes: the other file opens.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run_steps(3);
    h.get_by_label("Don't save").click();
    h.run_steps(4);
    assert_eq!(h.state().doc.org().name(), "Small Shop");
}

#[test]
fn a_broken_file_shows_a_message_and_keeps_the_current_org() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        "{ \"format_version\": 1, \"name\": \"X\", \"teams\": [ {\"id\": \"t1\"} ] }",
    )
    .unwrap();
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open.push_back(Some(bad));
    let mut h = kittest_harness(sample_app_with(dialogs));
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run_steps(3);
    h.get_by_label_contains("missing field `name`");
    assert_eq!(h.state().doc.org().name(), "Acme Online");
    h.get_by_label("OK").click();
    h.run_steps(3);
    assert!(h.state().error.is_none());
}

#[test]
fn importing_a_roster_replaces_the_org_as_unsaved_work() {
    let mut dialogs = ScriptedDialogs::default();
    dialogs.import.push_back(Some(example("acme-roster.csv")));
    let mut h = kittest_harness(sample_app_with(dialogs));
    h.state_mut().request(orgscale::ui::app::Pending::Import);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.org().teams().len(), 14);
    assert!(app.doc.is_dirty(), "an import is not saved yet");
    assert!(app.doc.path().is_none());
}

#[test]
fn recovery_file_is_written_and_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery.json");
    let mut app = DesignerApp::new(
        orgscale::ui::app::sample_document(),
        Box::new(ScriptedDialogs::default()),
        Some(rec.clone()),
    );
    let search = common::team(app.doc.org(), "Search");
    app.apply(orgscale::model::Command::RenameTeam {
        team: search,
        name: "Discovery".into(),
    });
    app.autosave();
    app.wait_for_autosave();
    assert!(rec.exists());
    // "Next start": a fresh app finds the file and offers it.
    let fresh = DesignerApp::new(
        orgscale::ui::app::sample_document(),
        Box::new(ScriptedDialogs::default()),
        Some(rec.clone()),
    );
    assert!(fresh.offered_recovery.is_some());
    let mut h = kittest_harness(fresh);
    h.get_by_label("Restore").click();
    h.run_steps(3);
    let app = h.state();
    assert!(
        app.doc
            .org()
            .teams()
            .values()
            .any(|t| t.name == "Discovery")
    );
    assert!(app.doc.is_dirty());
}

#[test]
fn idle_canvas_does_not_run_the_graph_view() {
    let mut h = kittest_harness(sample_app());
    h.run_steps(3);
    assert!(
        !h.state().canvas.interactive,
        "no pointer activity: static painting"
    );
    let p = center(&h, Node::Group(group_in(&h, "Shopping")));
    h.hover_at(p + vec2(3.0, 0.0));
    h.run_steps(1);
    assert!(
        h.state().canvas.interactive,
        "pointer moving over the canvas: GraphView"
    );
}

#[test]
fn snapshot_of_the_designer_window() {
    let mut h = kittest_harness_sized(sample_app(), (1100.0, 700.0));
    h.run_steps(3);
    h.snapshot("designer_window");
}

#[test]
fn snapshot_of_the_canvas_while_dragging() {
    let mut h = kittest_harness_sized(canvas_only(sample_app()), (900.0, 560.0));
    let search = team_in(&h, "Search");
    let fulfilment = group_in(&h, "Fulfilment");
    let from = center(&h, Node::Team(search));
    let to = center(&h, Node::Group(fulfilment));
    drag(&mut h, from, to);
    h.snapshot("canvas_dragging");
    h.drop_at(to);
    h.run_steps(2);
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = kittest_harness(sample_app());
    let search = team_in(&h, "Search");
    rename_team(&mut h, search, "Find");
    close_window(&mut h);
    h.get_by_label_contains("before quitting?");
    assert!(!h.state().may_close());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().may_close(), "cancel keeps the window");
    close_window(&mut h);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(h.state().may_close(), "don't save lets the window close");
    // The edit is still there until the window goes: nothing was written anywhere.
    assert!(
        h.state()
            .doc
            .org()
            .teams()
            .values()
            .any(|t| t.name == "Find")
    );
}

#[test]
fn window_title_names_the_file_and_marks_unsaved_changes() {
    let mut h = kittest_harness(sample_app());
    assert_eq!(h.state().title(), "orgscale — acme.json");
    let search = team_in(&h, "Search");
    rename_team(&mut h, search, "Find");
    assert_eq!(h.state().title(), "orgscale — acme.json •");
}

#[test]
fn snapshot_of_the_fractal_layout() {
    // The sample in the fractal layout, as View > Fractal layout shows it, large enough that the
    // fitted zoom is legible: whole names, each SoS circle with its SoSM and CPO.
    let mut h = fractal_harness();
    assert_eq!(
        h.state().doc.layout().style,
        orgscale::layout::Style::Fractal
    );
    h.snapshot("fractal_layout");
}

#[test]
fn file_export_writes_what_the_cli_writes_in_the_canvas_layout() {
    use orgscale::export::{Format, Options};
    use orgscale::layout::Style;
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("acme.svg");
    let pdf = dir.path().join("acme.pdf");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export.push_back(Some(svg.clone()));
    dialogs.export.push_back(Some(pdf.clone()));
    dialogs.export.push_back(None);
    let asked = dialogs.asked.clone();
    let mut app = sample_app_with(dialogs);
    app.set_layout(Style::Fractal);
    let mut h = kittest_harness(app);

    open_export_menu(&mut h);
    // Every format is offered.
    for f in Format::ALL {
        h.get_by_label(&format!("{}…", f.label()));
    }
    h.get_by_label("SVG image…").click();
    h.run_steps(1);
    wait_for_export(&mut h);
    let org = h.state().doc.org().clone();
    let expected = orgscale::export::export(
        &org,
        Format::Svg,
        &Options {
            style: Style::Fractal,
            findings: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(
        std::fs::read(&svg).unwrap(),
        expected,
        "same bytes as the CLI"
    );
    h.get_by_label_contains("Exported");
    h.get_by_label_contains("acme.svg (SVG image");

    open_export_menu(&mut h);
    h.get_by_label("PDF document…").click();
    h.run_steps(1);
    wait_for_export(&mut h);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    // Cancelling the dialog writes nothing and says so.
    open_export_menu(&mut h);
    h.get_by_label("PNG image…").click();
    h.run_steps(3);
    assert!(!h.state().exporting());
    h.get_by_label("Export cancelled; nothing was written.");
    assert_eq!(*asked.lock().unwrap(), vec!["export", "export", "export"]);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn a_failed_export_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("missing-folder").join("org.png");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export.push_back(Some(nowhere.clone()));
    let mut h = kittest_harness(sample_app_with(dialogs));
    open_export_menu(&mut h);
    h.get_by_label("PNG image…").click();
    h.run_steps(1);
    wait_for_export(&mut h);
    h.get_by_label_contains("Could not write");
    h.get_by_label_contains("Nothing was written");
    assert!(!nowhere.exists());
    assert!(!h.state().doc.is_dirty(), "the org is untouched");
}

#[test]
fn snapshot_of_the_export_menu() {
    let mut h = kittest_harness_sized(sample_app(), (1000.0, 640.0));
    open_export_menu(&mut h);
    // The options in the submenu change the preferences the next export uses.
    h.get_by_label("3×").click();
    h.run_steps(3);
    h.get_by_label("Letter").click();
    h.run_steps(3);
    h.get_by_label("Mark findings on diagrams").click();
    h.run_steps(3);
    let o = h
        .state()
        .prefs
        .export_options(orgscale::layout::Style::Tree);
    assert_eq!(o.scale, 3.0);
    assert_eq!(o.paper, orgscale::export::Paper::Letter);
    assert!(!o.findings);
    h.snapshot("export_menu");
}

#[test]
fn the_view_stays_put_when_the_canvas_moved_while_idle() {
    // The GraphView runs only while the pointer is active. If the canvas' corner moved in
    // between (a panel shown or hidden), the picture must not jump when it runs again.
    let mut h = kittest_harness(sample_app());
    let shopping = Node::Group(group_in(&h, "Shopping"));
    let p = center(&h, shopping);
    h.hover_at(p + vec2(3.0, 0.0));
    h.run_steps(1);
    assert!(h.state().canvas.interactive);
    // Leave the canvas, let the grace period pass, then hide the outline: the canvas grows left.
    h.hover_at(pos2(5.0, 5.0));
    h.run_steps(40);
    assert!(!h.state().canvas.interactive);
    h.state_mut().prefs.show_outline = false;
    h.run_steps(3);
    let idle = center(&h, shopping);
    assert!(
        idle.x < p.x - 50.0,
        "the canvas moved left with its content"
    );
    // Back over the card: the GraphView takes over, and the card stays where it is.
    h.hover_at(idle + vec2(3.0, 0.0));
    h.run_steps(1);
    assert!(h.state().canvas.interactive);
    let live = center(&h, shopping);
    assert!(
        (live - idle).length() < 0.5,
        "the view jumped from {idle:?} to {live:?}"
    );
}

#[test]
fn the_view_stays_put_when_the_pointer_first_comes_over_the_canvas_and_drags() {
    // The idle painter draws the fitted view; the first GraphView frame must draw the same one
    // (egui_graphs fits the graph with its own margins on a widget's first frame).
    let mut h = kittest_harness(sample_app());
    assert!(!h.state().canvas.interactive);
    let search = Node::Team(team_in(&h, "Search"));
    let fulfilment = Node::Group(group_in(&h, "Fulfilment"));
    let before = center(&h, fulfilment);
    let from = center(&h, search);
    drag(&mut h, from, from + vec2(40.0, 30.0));
    assert!(h.state().canvas.interactive);
    let during = center(&h, fulfilment);
    assert!(
        (during - before).length() < 0.5,
        "the view moved from {before:?} to {during:?} when the drag started"
    );
    h.drop_at(from + vec2(40.0, 30.0));
    h.run_steps(2);
}

#[test]
fn a_pan_made_in_the_interactive_view_stays_when_the_canvas_goes_idle() {
    let mut h = kittest_harness(sample_app());
    let shopping = Node::Group(group_in(&h, "Shopping"));
    let before = center(&h, shopping);
    // Drag the empty background by (-80, -40).
    let from = common::background(&h);
    drag(&mut h, from, from + vec2(-80.0, -40.0));
    h.drop_at(from + vec2(-80.0, -40.0));
    h.run_steps(2);
    // Leave and let the canvas go idle: the static painter draws the same view.
    h.hover_at(pos2(5.0, 5.0));
    h.run_steps(40);
    assert!(!h.state().canvas.interactive);
    let after = center(&h, shopping);
    assert!(
        (after - (before + vec2(-80.0, -40.0))).length() < 2.0,
        "panned from {before:?} to {after:?}"
    );
}

#[test]
fn a_slow_export_runs_while_the_window_keeps_drawing() {
    // A 125-team PDF takes far longer than a frame in a debug build: the frames go on, with a
    // spinner and "Exporting …" in the status bar, until the file is written.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("big.pdf");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export.push_back(Some(pdf.clone()));
    let doc = orgscale::ui::document::Document::new(orgscale::sample::symmetric(5, 3), None);
    let mut h = kittest_harness(app_with(doc, dialogs));
    open_export_menu(&mut h);
    h.get_by_label("PDF document…").click();
    h.run_steps(1);
    let started = std::time::Instant::now();
    h.run_steps(3);
    assert!(
        h.state().exporting(),
        "three frames later the export is still running"
    );
    assert!(
        started.elapsed().as_millis() < 500,
        "and the frames were not held up"
    );
    h.get_by_label_contains("Exporting");
    wait_for_export(&mut h);
    h.get_by_label_contains("Exported");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

/// A menu item picked by a screen reader (an AccessKit click, no pointer) does its job and
/// closes the menu, as a pointer click does; so does one in a submenu.
#[test]
fn a_menu_item_picked_by_a_screen_reader_closes_its_menu() {
    let mut h = kittest_harness(sample_app());
    h.get_by_label("Edit").click_accesskit();
    h.run_steps(3);
    h.get_by_label("Rules and thresholds…").click_accesskit();
    h.run_steps(4);
    assert!(
        h.query_by_label("Delete selection").is_none(),
        "the Edit menu closed"
    );
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Rule profile");
    h.get_by_label("View").click_accesskit();
    h.run_steps(3);
    h.get_by_label_contains("Fit to view").click_accesskit();
    h.run_steps(4);
    assert!(
        h.query_by_label("Tree layout").is_none(),
        "the View menu closed"
    );
    h.get_by_label("File").click_accesskit();
    h.run_steps(3);
    h.get_by_label_contains("Open recent").click_accesskit();
    h.run_steps(3);
    h.get_by_label("No recent files");
    h.get_by_label("Open sample org").click_accesskit();
    h.run_steps(4);
    assert!(
        h.query_by_label("Import CSV roster…").is_none(),
        "the File menu closed"
    );
}
