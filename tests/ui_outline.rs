//! The outline panel driven through the whole designer with egui_kittest: search, add, rename,
//! delete, drag-and-drop moves, the "Move to…" picker and a 10,000-team org.
//!
//! Rows are found by their AccessKit role (tree item) and the item's name in their accessible
//! name ("Team Checkout, 10 people" is the row of Checkout), so the queries cannot hit the same
//! name elsewhere in the window; tests/ui_outline_keys.rs checks the whole accessible names. The
//! harness is only ever stepped a fixed number of frames: the canvas may ask for repaints
//! continuously.

#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, Node};
use orgscale::model::{Command, Group, GroupId, Org, Team, TeamId};
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Document, Selection};

type H = Harness<'static, DesignerApp>;

const SEARCH: &str = "Search teams, groups, people";

/// The item's name in a row's accessible name: "Checkout" in "Team Checkout, 10 people",
/// "Shopping" in "Scrum of Scrums Shopping, 4 teams". A person's row is named by its whole
/// label ("Ana Lima — PO").
fn row_name(label: &str) -> &str {
    if label.contains(" — ") {
        return label;
    }
    let head = label.split_once(", ").map_or(label, |(head, _)| head);
    for kind in [
        "Team ",
        "Virtual team ",
        "Scrum of Scrums of Scrums ",
        "Scrum of Scrums ",
    ] {
        if let Some(name) = head.strip_prefix(kind) {
            return name;
        }
    }
    if let Some(rest) = head.strip_prefix("Level ")
        && let Some((_, name)) = rest.split_once(" group ")
    {
        return name;
    }
    head
}

/// The one row of the item called `name`.
fn row<'a>(h: &'a H, name: &str) -> Node<'a> {
    let mut found = h.query_all_by_role(Role::TreeItem).filter(|n| {
        n.accesskit_node()
            .label()
            .is_some_and(|l| row_name(&l) == name)
    });
    let first = found.next().unwrap_or_else(|| panic!("no row {name}"));
    assert!(found.next().is_none(), "two rows named {name}");
    first
}

fn has_row(h: &H, name: &str) -> bool {
    h.query_all_by_role(Role::TreeItem).any(|n| {
        n.accesskit_node()
            .label()
            .is_some_and(|l| row_name(&l) == name)
    })
}

fn tree_rows(h: &H) -> usize {
    h.query_all_by_role(Role::TreeItem).count()
}

#[path = "common/ui.rs"]
mod common;

/// Right-click a row and choose a context-menu entry (the one nearest the row, should another
/// button with the same label be on screen).
fn menu(h: &mut H, row_label: &str, entry: &str) {
    let at = row(h, row_label).rect().center();
    row(h, row_label).click_secondary();
    h.run_steps(2);
    let target = h
        .get_all_by_role_and_label(Role::Button, entry)
        .min_by(|a, b| {
            let da = a.rect().center().distance(at);
            let db = b.rect().center().distance(at);
            da.total_cmp(&db)
        })
        .expect("menu entry");
    target.click();
    h.run_steps(3);
}

/// Press on one row and move the pointer onto another, without releasing.
fn drag_over(h: &mut H, from: &str, onto: &str) -> Pos2 {
    let a = row(h, from).rect().center();
    let b = row(h, onto).rect().center();
    common::drag_towards(h, a, b);
    h.run_steps(2);
    b
}

fn drop(h: &mut H, at: Pos2) {
    h.drop_at(at);
    h.run_steps(3);
}

fn type_into(h: &mut H, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(2);
    h.get_by_label(label).type_text(text);
    h.run_steps(3);
}

#[test]
fn shows_the_org_as_a_tree_with_default_expansion() {
    let h = common::kittest_harness(common::sample_app());
    for label in [
        "Acme Online",
        "Shopping",
        "Checkout & Payments",
        "Fulfilment",
        "Search",
        "Order Tracking",
        "Teams in no group",
        "UX Guild",
        "Executive Action Team",
        "Executive MetaScrum",
    ] {
        assert!(has_row(&h, label), "row {label} missing");
    }
    // Teams start collapsed: no person rows yet.
    assert!(
        h.query_all_by_label_contains(" — ").next().is_none(),
        "teams should start collapsed"
    );
}

#[test]
fn arrows_expand_teams_to_people_with_roles_and_collapse_groups() {
    let mut h = common::kittest_harness(common::sample_app());
    let t = common::org(&h)
        .team(common::team_in(&h, "Search"))
        .unwrap()
        .clone();
    let po = *t.product_owners.iter().next().unwrap();
    let po_label = format!("{} — PO", common::org(&h).person_name(po));

    h.get_by_label("Expand Search").click();
    h.run_steps(3);
    assert!(has_row(&h, &po_label), "{po_label} missing");
    let people = h
        .query_all_by_role(Role::TreeItem)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains(" — "))
        })
        .count();
    assert_eq!(people, t.headcount());

    // A person row selects the person.
    row(&h, &po_label).click();
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Person(po)));

    h.get_by_label("Collapse Shopping").click();
    h.run_steps(3);
    assert!(!has_row(&h, "Search"));
    assert!(!has_row(&h, &po_label));
    h.get_by_label("Expand Shopping").click();
    h.run_steps(3);
    assert!(has_row(&h, "Search"));
}

#[test]
fn clicking_a_row_selects_it() {
    let mut h = common::kittest_harness(common::sample_app());
    row(&h, "Fulfilment").click();
    h.run_steps(3);
    assert_eq!(
        h.state().selection,
        Some(Selection::Group(common::group_in(&h, "Fulfilment")))
    );
    row(&h, "Executive MetaScrum").click();
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Ems));
}

#[test]
fn search_filters_rows_and_keeps_ancestors() {
    let mut h = common::kittest_harness(common::sample_app());
    assert!(has_row(&h, "Search") && has_row(&h, "Catalog"));

    type_into(&mut h, SEARCH, "catal");
    assert!(has_row(&h, "Catalog"));
    assert!(has_row(&h, "Shopping") && has_row(&h, "Acme Online"));
    assert!(!has_row(&h, "Search"));
    assert!(!has_row(&h, "Fulfilment"));
    assert!(!has_row(&h, "UX Guild"));
    assert!(h.query_by_label("1 match").is_some());

    h.get_by_label("Clear search").click();
    h.run_steps(3);
    assert!(has_row(&h, "Search") && has_row(&h, "Fulfilment"));
    assert!(h.query_by_label("1 match").is_none());
}

#[test]
fn search_finds_people_inside_collapsed_teams() {
    let mut h = common::kittest_harness(common::sample_app());
    let t = common::org(&h)
        .team(common::team_in(&h, "Catalog"))
        .unwrap()
        .clone();
    let sm = *t.scrum_masters.iter().next().unwrap();
    let name = common::org(&h).person_name(sm);

    // Ctrl+Shift+F puts the cursor in the search field.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    assert!(h.get_by_label(SEARCH).is_focused());
    h.get_by_label(SEARCH).type_text(&name);
    h.run_steps(3);

    let person = h
        .query_all_by_role(Role::TreeItem)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(&name))
        .expect("the person's row is shown");
    assert!(person.contains("SM"), "{person}");
    assert!(has_row(&h, "Catalog") && has_row(&h, "Shopping"));
    assert!(!has_row(&h, "Search"));
}

#[test]
fn plus_team_adds_a_team_and_selects_it() {
    let mut h = common::kittest_harness(common::sample_app());
    let before = common::org(&h).teams().len();
    h.get_by_label("+ Team").click();
    h.run_steps(3);
    assert_eq!(common::org(&h).teams().len(), before + 1);
    let t = common::team_in(&h, "New team 1");
    assert_eq!(common::org(&h).team(t).unwrap().group, None);
    assert_eq!(h.state().selection, Some(Selection::Team(t)));
    assert!(has_row(&h, "New team 1"));

    // With a group selected, the new team goes into it.
    row(&h, "Fulfilment").click();
    h.run_steps(3);
    h.get_by_label("+ Team").click();
    h.run_steps(3);
    let t2 = common::team_in(&h, "New team 2");
    assert_eq!(
        common::org(&h).team(t2).unwrap().group,
        Some(common::group_in(&h, "Fulfilment"))
    );
    assert_eq!(h.state().selection, Some(Selection::Team(t2)));
    assert!(has_row(&h, "New team 2"));
}

#[test]
fn plus_group_and_plus_person_add_and_select() {
    let mut h = common::kittest_harness(common::sample_app());
    h.get_by_label("+ Group").click();
    h.run_steps(3);
    let g = common::group_in(&h, "New group 1");
    assert_eq!(common::org(&h).group(g).unwrap().parent, None);
    assert_eq!(h.state().selection, Some(Selection::Group(g)));
    assert!(has_row(&h, "New group 1"));

    let people = common::org(&h).people().len();
    h.get_by_label("+ Person").click();
    h.run_steps(3);
    assert_eq!(common::org(&h).people().len(), people + 1);
    let p = common::org(&h)
        .people()
        .values()
        .find(|p| p.name == "New person 1")
        .expect("new person")
        .id;
    assert!(common::org(&h).teams().values().all(|t| !t.has_member(p)));
    assert_eq!(h.state().selection, Some(Selection::Person(p)));
    assert!(has_row(&h, "People in no team"));
    assert!(has_row(&h, "New person 1"));
}

#[test]
fn context_menu_adds_team_and_group_inside_a_group() {
    let mut h = common::kittest_harness(common::sample_app());
    let shopping = common::group_in(&h, "Shopping");
    menu(&mut h, "Shopping", "Add team here");
    let t = common::team_in(&h, "New team 1");
    assert_eq!(common::org(&h).team(t).unwrap().group, Some(shopping));
    assert_eq!(h.state().selection, Some(Selection::Team(t)));

    menu(&mut h, "Acme Online", "Add group here");
    let g = common::group_in(&h, "New group 1");
    assert_eq!(
        common::org(&h).group(g).unwrap().parent,
        Some(common::group_in(&h, "Acme Online"))
    );
    assert!(has_row(&h, "New group 1"));
}

#[test]
fn rename_inline_enter_commits_and_esc_cancels() {
    let mut h = common::kittest_harness(common::sample_app());
    let t = common::team_in(&h, "Reviews");
    menu(&mut h, "Reviews", "Rename…");
    let editor = h.get_by_label("New name for Reviews");
    assert!(editor.is_focused());
    assert_eq!(editor.value().as_deref(), Some("Reviews"));
    // The whole name is selected: typing replaces it.
    editor.type_text("Ratings");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(common::org(&h).team(t).unwrap().name, "Ratings");
    assert!(has_row(&h, "Ratings"));
    assert!(h.query_by_label("New name for Reviews").is_none());

    menu(&mut h, "Ratings", "Rename…");
    h.get_by_label("New name for Ratings").type_text("Nope");
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(common::org(&h).team(t).unwrap().name, "Ratings");
    assert!(h.query_by_label("New name for Ratings").is_none());

    // Groups rename the same way.
    let g = common::group_in(&h, "Fulfilment");
    menu(&mut h, "Fulfilment", "Rename…");
    h.get_by_label("New name for Fulfilment")
        .type_text("Logistics");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(common::org(&h).group(g).unwrap().name, "Logistics");
    assert!(has_row(&h, "Logistics"));
}

#[test]
fn delete_from_the_context_menu() {
    let mut h = common::kittest_harness(common::sample_app());
    let guild = common::team_in(&h, "UX Guild");
    menu(&mut h, "UX Guild", "Delete");
    assert!(common::org(&h).team(guild).is_none());
    assert!(!has_row(&h, "UX Guild"));

    // Deleting a group moves its teams up one level.
    let acme = common::group_in(&h, "Acme Online");
    let shipping = common::team_in(&h, "Shipping");
    menu(&mut h, "Fulfilment", "Delete");
    assert!(
        common::org(&h)
            .groups()
            .values()
            .all(|g| g.name != "Fulfilment")
    );
    assert_eq!(common::org(&h).team(shipping).unwrap().group, Some(acme));
    assert!(has_row(&h, "Shipping"));
}

#[test]
fn drag_a_team_onto_a_group_moves_it() {
    let mut h = common::kittest_harness(common::sample_app());
    let search = common::team_in(&h, "Search");
    let fulfilment = common::group_in(&h, "Fulfilment");
    let at = drag_over(&mut h, "Search", "Fulfilment");
    // The pointer label says where the team would go.
    assert!(h.query_by_label("into Fulfilment").is_some());
    drop(&mut h, at);
    assert_eq!(
        common::org(&h).team(search).unwrap().group,
        Some(fulfilment)
    );
    assert_eq!(h.state().selection, Some(Selection::Team(search)));
    assert!(has_row(&h, "Search"));
}

#[test]
fn drag_onto_teams_in_no_group_moves_to_the_top_level() {
    let mut h = common::kittest_harness(common::sample_app());
    let cart = common::team_in(&h, "Cart");
    let at = drag_over(&mut h, "Cart", "Teams in no group");
    assert!(h.query_by_label("to the top level").is_some());
    drop(&mut h, at);
    assert_eq!(common::org(&h).team(cart).unwrap().group, None);

    // Groups go to the top level the same way.
    let shopping = common::group_in(&h, "Shopping");
    let at = drag_over(&mut h, "Shopping", "Teams in no group");
    drop(&mut h, at);
    assert_eq!(common::org(&h).group(shopping).unwrap().parent, None);
}

#[test]
fn drag_a_group_into_another_group() {
    let mut h = common::kittest_harness(common::sample_app());
    let fulfilment = common::group_in(&h, "Fulfilment");
    let shopping = common::group_in(&h, "Shopping");
    let at = drag_over(&mut h, "Fulfilment", "Shopping");
    drop(&mut h, at);
    assert_eq!(
        common::org(&h).group(fulfilment).unwrap().parent,
        Some(shopping)
    );
    assert_eq!(h.state().selection, Some(Selection::Group(fulfilment)));
}

#[test]
fn illegal_drops_change_nothing_and_say_why() {
    let mut h = common::kittest_harness(common::sample_app());
    let before = common::org(&h).clone();

    // A group into its own child.
    let at = drag_over(&mut h, "Acme Online", "Shopping");
    let why = "Acme Online cannot go into Shopping: it is inside Acme Online";
    assert!(h.query_by_label(why).is_some(), "no red verdict shown");
    drop(&mut h, at);
    assert_eq!(common::org(&h), &before);
    assert_eq!(h.state().status, why);

    // A team onto a team.
    let at = drag_over(&mut h, "Search", "Catalog");
    drop(&mut h, at);
    assert_eq!(common::org(&h), &before);
    assert!(
        h.state().status.contains("teams cannot contain"),
        "{}",
        h.state().status
    );
}

#[test]
fn ctrl_m_picker_moves_the_selected_team() {
    let mut h = common::kittest_harness(common::sample_app());
    let search = common::team_in(&h, "Search");
    row(&h, "Search").click();
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_steps(3);

    assert!(h.get_by_label("Filter groups").is_focused());
    // The current parent is not offered; the other groups and the top level are.
    assert!(h.query_by_label("Acme Online / Shopping").is_none());
    assert!(h.query_by_label("Acme Online / Fulfilment").is_some());
    assert!(h.query_by_label("Top level (no group)").is_some());

    h.get_by_label("Filter groups").type_text("fulf");
    h.run_steps(3);
    assert!(
        h.query_by_label("Acme Online / Checkout & Payments")
            .is_none()
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        common::org(&h).team(search).unwrap().group,
        Some(common::group_in(&h, "Fulfilment"))
    );
    assert!(h.query_by_label("Filter groups").is_none());
}

#[test]
fn move_picker_excludes_the_subtree_and_chooses_with_arrows() {
    let mut h = common::kittest_harness(common::sample_app());
    // Every group is inside Acme Online, which is already at the top: nowhere to go.
    menu(&mut h, "Acme Online", "Move to…");
    assert!(h.query_by_label("No group matches").is_some());
    assert!(h.query_by_label("Top level (no group)").is_none());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("Filter groups").is_none());

    // Shopping may go to the top or into its siblings, but not into Acme Online again.
    let shopping = common::group_in(&h, "Shopping");
    menu(&mut h, "Shopping", "Move to…");
    assert!(
        h.query_by_role_and_label(Role::Button, "Acme Online")
            .is_none()
    );
    assert!(h.query_by_label("Acme Online / Shopping").is_none());
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    // Checkout & Payments, Fulfilment, then Top level last: the second entry.
    assert_eq!(
        common::org(&h).group(shopping).unwrap().parent,
        Some(common::group_in(&h, "Fulfilment"))
    );
}

#[test]
fn move_picker_escape_changes_nothing() {
    let mut h = common::kittest_harness(common::sample_app());
    let before = common::org(&h).clone();
    row(&h, "Cart").click();
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_steps(3);
    assert!(h.query_by_label("Filter groups").is_some());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("Filter groups").is_none());
    assert_eq!(common::org(&h), &before);
}

/// 10 top groups × 50 SoS × 20 teams = 10,000 teams.
fn large_org() -> Org {
    let mut org = Org::new("Large");
    let mut apply = |cmd: Command| {
        cmd.apply(&mut org).expect("builds");
    };
    let mut next_group = 1;
    let mut next_team = 1;
    for top in 1..=10 {
        let top_id = GroupId(next_group);
        next_group += 1;
        apply(Command::AddGroup(Group::new(top_id, format!("Top {top}"))));
        for _ in 0..50 {
            let sos = GroupId(next_group);
            let mut g = Group::new(sos, format!("SoS {}", sos.0));
            g.parent = Some(top_id);
            next_group += 1;
            apply(Command::AddGroup(g));
            for _ in 0..20 {
                let mut t = Team::new(TeamId(next_team), format!("Team {next_team}"));
                t.group = Some(sos);
                next_team += 1;
                apply(Command::AddTeam(t));
            }
        }
    }
    org
}

#[test]
fn ten_thousand_teams_only_build_visible_rows_and_reveal_scrolls() {
    let mut app = DesignerApp::new(
        Document::new(large_org(), None),
        Box::new(ScriptedDialogs::default()),
        None,
    );
    // The findings panel lays out every finding each frame (10,000 empty teams give over 10,000
    // findings): about 2 s a frame in a debug build. Hide it to keep this test quick.
    app.prefs.show_findings = false;
    let mut h = common::kittest_harness(app);
    assert_eq!(common::org(&h).teams().len(), 10_000);
    // Large org: top groups open, their SoS closed.
    assert!(has_row(&h, "Top 1") && has_row(&h, "SoS 2"));
    assert!(!has_row(&h, "Team 1"));
    let shown = tree_rows(&h);
    assert!(
        (10..100).contains(&shown),
        "{shown} rows became widgets; only the visible ones should"
    );

    // Reveal a team deep down: its SoS opens and the tree scrolls to it.
    let target = Selection::Team(TeamId(9_990));
    let app = h.state_mut();
    app.selection = Some(target);
    app.outline.reveal(&app.doc, target);
    h.run_steps(4);
    assert!(has_row(&h, "Team 9990"));
    assert!(!has_row(&h, "Top 1"), "the tree did not scroll");
    assert!(tree_rows(&h) < 100);

    // Searching a large org stays virtualised too.
    type_into(&mut h, SEARCH, "Team 99");
    assert!(h.query_by_label("111 matches").is_some());
    assert!(tree_rows(&h) < 100);
}
