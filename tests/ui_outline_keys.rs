//! The outline with the keyboard alone, as a file manager's tree: Up/Down, Left/Right, Home/End,
//! PageUp/PageDown, Enter and Space, Down from the search field, Tab into and out of the tree,
//! the focus ring, and the rows' accessible names. Keys only act while a row has the focus.
//!
//! Rows are found by their AccessKit role (tree item) and accessible name; the harness is only
//! ever stepped a fixed number of frames (the canvas may ask for repaints continuously).

#![cfg(feature = "gui")]

use egui::accesskit::{Action, ActionRequest, Role};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgscale::layout::Node as CanvasNode;
use orgscale::model::{Command, Group, GroupId, Org, PersonId, Team, TeamId};
use orgscale::ui::app::sample_document;
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::outline::Outline;
use orgscale::ui::shortcuts::{self, Act};
use orgscale::ui::{Action as UiAction, DesignerApp, Document, PanelCtx, Selection};

type H = Harness<'static, DesignerApp>;

const SEARCH: &str = "Search teams, groups, people";

#[path = "common/ui.rs"]
mod common;

/// The accessible names of the tree's rows, top to bottom.
fn rows(h: &H) -> Vec<String> {
    h.query_all_by_role(Role::TreeItem)
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

fn has_row(h: &H, label: &str) -> bool {
    h.query_by_role_and_label(Role::TreeItem, label).is_some()
}

/// The accessible name of the row with the keyboard focus, if a row has it.
fn focused_row(h: &H) -> Option<String> {
    h.query_all_by_role(Role::TreeItem)
        .find(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label())
}

fn press(h: &mut H, key: Key) {
    h.key_press(key);
    h.run_steps(3);
}

/// A team row's name as a screen reader reads it.
fn team_row(h: &H, name: &str) -> String {
    let t = common::org(h).team(common::team_in(h, name)).unwrap();
    format!("Team {name}, {} people", t.headcount())
}

/// A person row's name: the person and their roles in the team.
fn person_row(h: &H, p: PersonId, roles: &str) -> String {
    format!("{} — {roles}", common::org(h).person_name(p))
}

const ACME: &str = "Scrum of Scrums of Scrums Acme Online, 3 groups";
const SHOPPING: &str = "Scrum of Scrums Shopping, 4 teams";

#[test]
fn rows_read_as_what_they_are_inside_a_tree() {
    let h = common::kittest_harness(common::sample_app());
    for label in [
        ACME,
        SHOPPING,
        "Scrum of Scrums Checkout & Payments, 5 teams",
        "Scrum of Scrums Fulfilment, 4 teams",
        "Teams in no group, 1 team",
        "Executive Action Team, 4 people",
    ] {
        assert!(has_row(&h, label), "row {label:?} in {:?}", rows(&h));
    }
    assert!(has_row(&h, &team_row(&h, "Checkout")));
    let ux = common::org(&h)
        .team(common::team_in(&h, "UX Guild"))
        .unwrap()
        .headcount();
    assert!(has_row(&h, &format!("Virtual team UX Guild, {ux} people")));
    let ems = h
        .query_all_by_role(Role::TreeItem)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("Executive MetaScrum, "));
    assert!(
        ems.is_some_and(|l| l.ends_with(" people")),
        "{:?}",
        rows(&h)
    );

    // Each row sits in the tree "Outline", with its level and whether it is open.
    let shopping = h.get_by_role_and_label(Role::TreeItem, SHOPPING);
    let tree = shopping
        .accesskit_node()
        .parent()
        .expect("the row has a parent");
    assert_eq!(tree.role(), Role::Tree);
    assert_eq!(tree.label().as_deref(), Some("Outline"));
    assert_eq!(shopping.accesskit_node().data().level(), Some(2));
    assert_eq!(shopping.accesskit_node().data().is_expanded(), Some(true));
    let search_row = team_row(&h, "Search");
    let search = h.get_by_role_and_label(Role::TreeItem, &search_row);
    assert_eq!(search.accesskit_node().data().is_expanded(), Some(false));
}

#[test]
fn a_screen_reader_expands_and_collapses_a_row() {
    let mut h = common::kittest_harness(common::sample_app());
    let search = team_row(&h, "Search");
    let t = common::org(&h).team(common::team_in(&h, "Search")).unwrap();
    let po = *t.product_owners.iter().next().unwrap();
    let po_row = person_row(&h, po, "PO");
    let ask = |h: &mut H, action: Action| {
        let (target_node, target_tree) = h
            .get_by_role_and_label(Role::TreeItem, &search)
            .accesskit_node()
            .locate();
        h.event(egui::Event::AccessKitActionRequest(ActionRequest {
            action,
            target_tree,
            target_node,
            data: None,
        }));
        h.run_steps(3);
    };
    ask(&mut h, Action::Expand);
    assert!(has_row(&h, &po_row), "{:?}", rows(&h));
    let expanded = |h: &H| {
        h.get_by_role_and_label(Role::TreeItem, &search)
            .accesskit_node()
            .data()
            .is_expanded()
    };
    assert_eq!(expanded(&h), Some(true));
    ask(&mut h, Action::Collapse);
    assert!(!has_row(&h, &po_row));
    assert_eq!(expanded(&h), Some(false));
}

#[test]
fn walk_the_outline_with_the_keyboard_alone() {
    let mut h = common::kittest_harness(common::sample_app());
    let acme = Selection::Group(common::group_in(&h, "Acme Online"));
    let shopping = Selection::Group(common::group_in(&h, "Shopping"));
    let search_id = common::team_in(&h, "Search");
    let search = team_row(&h, "Search");
    let t = common::org(&h).team(search_id).unwrap().clone();
    let po = *t.product_owners.iter().next().unwrap();
    let po_row = person_row(&h, po, "PO");

    // The search shortcut, then Down: from the (empty) search field to the first row.
    let search_keys = shortcuts::get(Act::Search).keys;
    h.key_press_modifiers(search_keys.modifiers, search_keys.logical_key);
    h.run_steps(2);
    assert!(h.get_by_label(SEARCH).is_focused());
    press(&mut h, Key::ArrowDown);
    assert_eq!(h.state().selection, Some(acme));
    assert_eq!(focused_row(&h).as_deref(), Some(ACME));
    assert!(!h.get_by_label(SEARCH).is_focused());

    press(&mut h, Key::ArrowDown);
    assert_eq!(h.state().selection, Some(shopping));
    assert_eq!(focused_row(&h).as_deref(), Some(SHOPPING));

    press(&mut h, Key::ArrowDown);
    assert_eq!(h.state().selection, Some(Selection::Team(search_id)));
    assert_eq!(focused_row(&h), Some(search.clone()));
    assert!(!has_row(&h, &po_row), "teams start collapsed");

    // Right opens the team and shows its people; the selection stays.
    press(&mut h, Key::ArrowRight);
    assert!(has_row(&h, &po_row), "{:?}", rows(&h));
    assert_eq!(h.state().selection, Some(Selection::Team(search_id)));
    // Right again goes to its first member.
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().selection, Some(Selection::Person(po)));
    assert_eq!(focused_row(&h), Some(po_row.clone()));
    // Right on a person does nothing.
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().selection, Some(Selection::Person(po)));

    // Left on a person goes to the team; Left again closes it; once more goes to the group.
    press(&mut h, Key::ArrowLeft);
    assert_eq!(h.state().selection, Some(Selection::Team(search_id)));
    assert!(has_row(&h, &po_row));
    press(&mut h, Key::ArrowLeft);
    assert!(!has_row(&h, &po_row));
    assert_eq!(h.state().selection, Some(Selection::Team(search_id)));
    press(&mut h, Key::ArrowLeft);
    assert_eq!(h.state().selection, Some(shopping));

    // Space folds and unfolds the group under the cursor.
    press(&mut h, Key::Space);
    assert!(!has_row(&h, &search));
    assert_eq!(h.state().selection, Some(shopping));
    assert_eq!(
        h.get_by_role_and_label(Role::TreeItem, SHOPPING)
            .accesskit_node()
            .data()
            .is_expanded(),
        Some(false)
    );
    // Down now skips the folded teams: the next visible row is the next group.
    press(&mut h, Key::ArrowDown);
    assert_eq!(
        h.state().selection,
        Some(Selection::Group(common::group_in(
            &h,
            "Checkout & Payments"
        )))
    );
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Space);
    assert!(has_row(&h, &search));
    assert_eq!(focused_row(&h).as_deref(), Some(SHOPPING));

    // Enter on the row the inspector shows already: Shopping is centred on the canvas.
    let centre = |h: &H, node: CanvasNode| {
        let app = h.state();
        app.canvas
            .node_screen_center(app.doc.layout(), node)
            .expect("on the canvas")
    };
    press(&mut h, Key::Enter);
    h.run_steps(2);
    let middle = centre(&h, CanvasNode::Group(common::group_in(&h, "Shopping")));
    assert_eq!(h.state().selection, Some(shopping));
    assert_eq!(focused_row(&h).as_deref(), Some(SHOPPING), "focus stays");

    // Home goes to the first row; Enter there centres Acme Online in the same place.
    press(&mut h, Key::Home);
    assert_eq!(h.state().selection, Some(acme));
    let acme_node = CanvasNode::Group(common::group_in(&h, "Acme Online"));
    assert!(centre(&h, acme_node).distance(middle) > 20.0);
    press(&mut h, Key::Enter);
    h.run_steps(2);
    assert!(
        centre(&h, acme_node).distance(middle) < 2.0,
        "Acme Online at {:?}, the canvas middle at {middle:?}",
        centre(&h, acme_node)
    );

    // Up from the first row goes back to the search field.
    press(&mut h, Key::ArrowUp);
    assert!(h.get_by_label(SEARCH).is_focused());
    assert_eq!(focused_row(&h), None);
    assert_eq!(h.state().selection, Some(acme));

    // End goes to the last row: the last of the people in no team.
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::End);
    let last = rows(&h).pop();
    assert_eq!(focused_row(&h), last);
    let Some(Selection::Person(p)) = h.state().selection else {
        panic!("a person is selected: {:?}", h.state().selection);
    };
    assert!(common::org(&h).teams().values().all(|t| !t.has_member(p)));
}

#[test]
fn enter_opens_the_row_in_the_inspector_and_delete_still_works_from_the_tree() {
    let mut h = common::kittest_harness(common::sample_app());
    let cart = common::team_in(&h, "Cart");
    let checkout = common::team_in(&h, "Checkout");
    h.get_by_role_and_label(Role::TreeItem, &team_row(&h, "Cart"))
        .click();
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Team(cart)));
    assert_eq!(focused_row(&h), Some(team_row(&h, "Cart")));
    assert_eq!(h.get_by_label("Team name").value().as_deref(), Some("Cart"));

    // Delete works while the tree has the focus; the focus moves to the next row, which the
    // inspector does not show yet (nothing is selected).
    press(&mut h, Key::Delete);
    assert!(common::org(&h).team(cart).is_none());
    assert_eq!(h.state().selection, None);
    assert_eq!(focused_row(&h), Some(team_row(&h, "Checkout")));
    assert!(h.query_by_label("Team name").is_none());

    // Enter opens it in the inspector.
    press(&mut h, Key::Enter);
    assert_eq!(h.state().selection, Some(Selection::Team(checkout)));
    assert_eq!(
        h.get_by_label("Team name").value().as_deref(),
        Some("Checkout")
    );
    assert_eq!(focused_row(&h), Some(team_row(&h, "Checkout")));

    // Ctrl+Z works from the tree as well.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(common::org(&h).team(cart).is_some());
}

#[test]
fn down_in_the_search_field_goes_to_the_first_match_and_escape_clears() {
    let mut h = common::kittest_harness(common::sample_app());
    h.get_by_label(SEARCH).click();
    h.run_steps(2);
    h.get_by_label(SEARCH).type_text("pay");
    h.run_steps(3);
    // "pay" matches the group Checkout & Payments and its team Payments; Acme Online is only
    // shown as the way to them, so the first match is the second row.
    let cp = "Scrum of Scrums Checkout & Payments, 5 teams";
    assert_eq!(rows(&h)[..2], [ACME.to_string(), cp.to_string()]);
    press(&mut h, Key::ArrowDown);
    let cp_id = common::group_in(&h, "Checkout & Payments");
    assert_eq!(h.state().selection, Some(Selection::Group(cp_id)));
    assert_eq!(focused_row(&h).as_deref(), Some(cp));
    press(&mut h, Key::ArrowDown);
    assert_eq!(
        h.state().selection,
        Some(Selection::Team(common::team_in(&h, "Payments")))
    );

    // Back in the field, Escape clears the search and leaves the field.
    for _ in 0..3 {
        press(&mut h, Key::ArrowUp);
    }
    assert!(h.get_by_label(SEARCH).is_focused());
    assert_eq!(h.get_by_label(SEARCH).value().as_deref(), Some("pay"));
    press(&mut h, Key::Escape);
    assert_eq!(h.get_by_label(SEARCH).value().as_deref(), Some(""));
    assert!(!h.get_by_label(SEARCH).is_focused());
    assert!(has_row(&h, &team_row(&h, "Search")), "every row is back");
}

#[test]
fn arrow_keys_leave_the_outline_alone_while_an_inspector_field_has_focus() {
    let mut h = common::kittest_harness(common::sample_app());
    let cart = common::team_in(&h, "Cart");
    h.get_by_role_and_label(Role::TreeItem, &team_row(&h, "Cart"))
        .click();
    h.run_steps(3);
    let before = rows(&h);
    h.get_by_label("Team name").click();
    h.run_steps(3);
    assert!(h.get_by_label("Team name").is_focused());
    assert_eq!(focused_row(&h), None);
    for key in [
        Key::ArrowDown,
        Key::ArrowDown,
        Key::ArrowRight,
        Key::ArrowLeft,
        Key::ArrowUp,
        Key::Home,
        Key::End,
        Key::PageDown,
    ] {
        press(&mut h, key);
        assert_eq!(h.state().selection, Some(Selection::Team(cart)), "{key:?}");
        assert_eq!(rows(&h), before, "{key:?} changed the tree");
        assert!(h.get_by_label("Team name").is_focused(), "{key:?}");
    }
    // Space and Delete go into the text, not to the tree or the team.
    h.get_by_label("Team name").type_text(" x");
    press(&mut h, Key::Delete);
    assert!(common::org(&h).team(cart).is_some());
    assert_eq!(rows(&h), before);
    assert_eq!(
        h.get_by_label("Team name").value().as_deref(),
        Some("Cart x")
    );
}

#[test]
fn the_tree_is_one_tab_stop() {
    let mut h = common::kittest_harness(common::sample_app());
    // Tab from the search field goes to the tree, on its first row.
    h.get_by_label(SEARCH).click();
    h.run_steps(2);
    press(&mut h, Key::Tab);
    assert_eq!(focused_row(&h).as_deref(), Some(ACME));
    press(&mut h, Key::ArrowDown);
    assert_eq!(focused_row(&h).as_deref(), Some(SHOPPING));
    // Tab again leaves the tree (not to the next row); Shift+Tab comes back to the same row.
    press(&mut h, Key::Tab);
    assert_eq!(focused_row(&h), None);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run_steps(3);
    assert_eq!(focused_row(&h).as_deref(), Some(SHOPPING));

    // A selection made elsewhere moves the tree's tab stop to it.
    press(&mut h, Key::Escape);
    assert_eq!(focused_row(&h), None);
    let fraud = common::team_in(&h, "Fraud Detection");
    let app = h.state_mut();
    app.selection = Some(Selection::Team(fraud));
    h.run_steps(2);
    h.get_by_label(SEARCH).click();
    h.run_steps(2);
    press(&mut h, Key::Tab);
    assert_eq!(focused_row(&h), Some(team_row(&h, "Fraud Detection")));
}

/// 3 top groups × 5 SoS × 10 teams: 150 teams, about 170 rows, more than fit.
fn tall_org() -> Org {
    let mut org = Org::new("Tall");
    let mut apply = |cmd: Command| cmd.apply(&mut org).expect("builds");
    let (mut next_group, mut next_team) = (1, 1);
    for top in 1..=3 {
        let top_id = GroupId(next_group);
        next_group += 1;
        apply(Command::AddGroup(Group::new(top_id, format!("Top {top}"))));
        for _ in 0..5 {
            let sos = GroupId(next_group);
            next_group += 1;
            let mut g = Group::new(sos, format!("SoS {}", sos.0));
            g.parent = Some(top_id);
            apply(Command::AddGroup(g));
            for _ in 0..10 {
                let mut t = Team::new(TeamId(next_team), format!("Team {next_team}"));
                t.group = Some(sos);
                next_team += 1;
                apply(Command::AddTeam(t));
            }
        }
    }
    org
}

/// The designer on [`tall_org`] without the findings panel, the first top group selected in the
/// outline; returns the harness and that row's name.
fn tall_outline_at_the_top() -> (H, &'static str) {
    let mut app = DesignerApp::new(
        Document::new(tall_org(), None),
        Box::new(ScriptedDialogs::default()),
        None,
    );
    app.prefs.show_findings = false;
    let mut h = common::kittest_harness(app);
    let top1 = "Scrum of Scrums of Scrums Top 1, 5 groups";
    h.get_by_role_and_label(Role::TreeItem, top1).click();
    h.run_steps(3);
    (h, top1)
}

#[test]
fn end_home_and_pages_scroll_the_cursor_into_view() {
    let (mut h, top1) = tall_outline_at_the_top();
    let in_view = |h: &H, label: &str| {
        h.query_by_role_and_label(Role::TreeItem, label)
            .is_some_and(|n| n.rect().top() >= 0.0 && n.rect().bottom() <= 900.0)
    };
    assert!(in_view(&h, top1));

    press(&mut h, Key::End);
    assert_eq!(h.state().selection, Some(Selection::Ems));
    let ems = focused_row(&h).expect("the last row has the focus");
    assert!(ems.starts_with("Executive MetaScrum"), "{ems}");
    assert!(in_view(&h, &ems));
    assert!(!has_row(&h, top1), "the top scrolled away");

    press(&mut h, Key::Home);
    assert_eq!(h.state().selection, Some(Selection::Group(GroupId(1))));
    assert!(in_view(&h, top1));

    // PageDown moves by about a screenful; the cursor's row stays in view.
    press(&mut h, Key::PageDown);
    let Some(Selection::Team(t)) = h.state().selection else {
        panic!("a team is selected: {:?}", h.state().selection);
    };
    let row = focused_row(&h).expect("focused");
    assert!(in_view(&h, &row));
    press(&mut h, Key::PageDown);
    let Some(Selection::Team(u)) = h.state().selection else {
        panic!("a team is selected: {:?}", h.state().selection);
    };
    assert!(u.0 > t.0 + 20, "{t:?} then {u:?}");
    assert!(in_view(&h, &focused_row(&h).expect("focused")));
    press(&mut h, Key::PageUp);
    assert_eq!(h.state().selection, Some(Selection::Team(t)));

    // The wheel may scroll the focused row out of view: the keys still work from it.
    let row = focused_row(&h).expect("focused");
    for _ in 0..3 {
        h.get_by_role_and_label(Role::TreeItem, &row).scroll_down();
        h.run_steps(2);
    }
    assert!(!in_view(&h, &row), "scrolled away");
    press(&mut h, Key::ArrowDown);
    let next = focused_row(&h).expect("the tree kept the focus");
    assert!(in_view(&h, &next));
    assert_ne!(next, row);
}

/// The outline alone, for a picture: the app's own Select actions are applied.
struct Alone {
    doc: Document,
    outline: Outline,
    selection: Option<Selection>,
}

#[test]
fn snapshot_of_the_focus_ring() {
    let state = Alone {
        doc: sample_document(),
        outline: Outline::default(),
        selection: None,
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(300.0, 600.0))
        .build_ui_state(
            |ui, s: &mut Alone| {
                let mut actions = Vec::new();
                let mut cx = PanelCtx {
                    doc: &s.doc,
                    selection: s.selection,
                    actions: &mut actions,
                };
                s.outline.ui(ui, &mut cx);
                for a in actions {
                    match a {
                        UiAction::Select(sel) => s.selection = sel,
                        UiAction::Reveal(sel) => s.selection = Some(sel),
                        _ => {}
                    }
                }
            },
            state,
        );
    h.run_steps(3);
    let label = "Scrum of Scrums Fulfilment, 4 teams";
    h.get_by_role_and_label(Role::TreeItem, label).click();
    h.run_steps(3);
    // The cursor on a header row that cannot be selected: the ring is on it, the selection
    // stays on Order Tracking, and the pointer hovers over another row.
    for _ in 0..5 {
        h.key_press(Key::ArrowDown);
        h.run_steps(2);
    }
    let focused = h
        .query_all_by_role(Role::TreeItem)
        .find(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label());
    assert_eq!(focused.as_deref(), Some("Teams in no group, 1 team"));
    assert!(matches!(h.state().selection, Some(Selection::Team(_))));
    h.get_by_role_and_label(Role::TreeItem, "Scrum of Scrums Shopping, 4 teams")
        .hover();
    h.run_steps(2);
    h.snapshot("outline_focus_ring");
}

#[test]
fn two_downs_within_one_frame_move_two_rows() {
    let mut h = common::kittest_harness(common::sample_app());
    let acme = Selection::Group(common::group_in(&h, "Acme Online"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    press(&mut h, Key::ArrowDown);
    assert_eq!(h.state().selection, Some(acme));
    // A fast typist (or key repeat on a slow frame): both presses arrive in the same frame.
    for _ in 0..2 {
        h.input_mut().events.push(egui::Event::Key {
            key: Key::ArrowDown,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(3);
    assert_eq!(
        h.state().selection,
        Some(Selection::Team(common::team_in(&h, "Search"))),
        "Acme Online, Shopping, then Search"
    );
}

#[test]
fn a_collapse_and_end_in_the_same_frame_land_on_the_last_row() {
    let (mut h, top1) = tall_outline_at_the_top();
    press(&mut h, Key::ArrowRight);
    assert!(
        h.get_by_role_and_label(Role::TreeItem, top1)
            .accesskit_node()
            .data()
            .is_expanded()
            == Some(true),
        "Right opened the group"
    );
    // Typed fast: Left folds the open group (the list gets shorter), End goes to the last row.
    h.key_press(Key::ArrowLeft);
    h.key_press(Key::End);
    h.run_steps(3);
    let last = focused_row(&h).expect("a row has the focus");
    assert!(last.starts_with("Executive MetaScrum"), "{last}");
    assert_eq!(h.state().selection, Some(Selection::Ems));
}
