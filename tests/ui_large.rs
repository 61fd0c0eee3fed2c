//! Large orgs on the canvas, as a user finds them: a big org opens with its lower levels folded,
//! groups fold and unfold by their buttons, a group can be focused and left again, the minimap
//! moves the view, find (Ctrl+F) marks matches and Enter jumps to the next, tooltips and screen
//! reader names describe the cards.

#![cfg(feature = "gui")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgscale::layout::Node;
use orgscale::ui::{DesignerApp, Document, Selection};

#[path = "common/ui.rs"]
mod common;
use common::{app_of, center, group_in, harness, menu, org, person_in, sample_harness, team_in};

/// The label of a card on the canvas: its spoken description, which (unlike the outline's row)
/// ends with what the rules found.
fn card_label(h: &Harness<'_, DesignerApp>, start: &str) -> String {
    h.query_all_by_label_contains(start)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| {
            l.starts_with(start)
                && ["finding", "warning", "error", "info"]
                    .iter()
                    .any(|w| l.ends_with(w) || l.ends_with(&format!("{w}s")))
        })
        .unwrap_or_else(|| panic!("no card {start}"))
}

fn shown(h: &Harness<'_, DesignerApp>, n: Node) -> bool {
    h.state().doc.layout().rect(n).is_some()
}

#[test]
fn a_large_org_opens_folded_with_the_minimap() {
    let mut h = harness(app_of(Document::new(
        orgscale::sample::balanced("Big org", 10_000, 5, 6),
        None,
    )));
    let boxes = h.state().doc.layout().boxes.len();
    assert!(boxes <= 90, "{boxes} boxes on opening");
    // The top group's members are there as folded cards that say what they hold.
    let cards: Vec<String> = h
        .query_all_by_label_contains("collapsed")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(!cards.is_empty());
    assert!(
        cards[0].contains("teams") && cards[0].contains("people"),
        "{cards:?}"
    );
    assert!(h.query_by_label("Minimap").is_some());
    h.run_steps(2);
    h.snapshot("large_org_collapsed");
}

#[test]
fn a_group_folds_and_unfolds_by_its_button() {
    let mut h = sample_harness();
    let shopping = group_in(&h, "Shopping");
    let search = Node::Team(team_in(&h, "Search"));
    assert!(shown(&h, search));
    h.get_by_label("Collapse Shopping on the canvas").click();
    h.run_steps(3);
    assert!(!shown(&h, search), "Shopping's teams are folded away");
    assert!(h.state().doc.scope().is_folded(shopping));
    assert_eq!(h.state().status, "Collapsed Shopping");
    // The folded card says what it holds; the document itself is unchanged.
    let label = card_label(&h, "SoS Shopping,");
    assert!(
        label.contains("4 teams") && label.contains("collapsed"),
        "{label}"
    );
    assert!(!h.state().doc.is_dirty());
    h.get_by_label("Expand Shopping on the canvas").click();
    h.run_steps(3);
    assert!(shown(&h, search));
    assert!(
        h.query_by_label("Collapse Shopping on the canvas")
            .is_some()
    );
}

#[test]
fn double_clicking_a_group_card_folds_it_and_view_expand_all_unfolds() {
    let mut h = sample_harness();
    let payments = Node::Team(team_in(&h, "Payments"));
    let card = card_label(&h, "SoS Checkout & Payments,");
    h.get_by_label(&card).click();
    h.get_by_label(&card).click();
    h.run_steps(3);
    assert!(
        !shown(&h, payments),
        "{:?} {:?} {}",
        h.state().selection,
        h.state().doc.scope(),
        h.state().status
    );
    menu(&mut h, "View", "Expand all");
    assert!(shown(&h, payments));
    // Collapse all SoS leaves the groups and folds every team column.
    menu(&mut h, "View", "Collapse all SoS");
    let teams = h
        .state()
        .doc
        .layout()
        .boxes
        .iter()
        .filter(|(n, _)| matches!(n, Node::Team(_)))
        .count();
    assert_eq!(teams, 1, "only the team in no group (UX Guild) stays");
}

#[test]
fn focus_on_a_group_shows_its_subtree_and_show_whole_org_goes_back() {
    let mut h = sample_harness();
    let cart = Node::Team(team_in(&h, "Cart"));
    let search = Node::Team(team_in(&h, "Search"));
    h.get_by_label(&card_label(&h, "Team Cart,")).click();
    h.run_steps(3);
    assert_eq!(
        h.state().selection,
        Some(Selection::Team(team_in(&h, "Cart")))
    );
    menu(&mut h, "View", "Focus on Checkout & Payments");
    assert!(shown(&h, cart));
    assert!(
        !shown(&h, search),
        "a sibling SoS's team is out of the focus"
    );
    assert!(
        shown(&h, Node::Group(group_in(&h, "Acme Online"))),
        "the way up stays"
    );
    assert!(h.query_by_label("Focused on Checkout & Payments").is_some());
    h.get_by_label("Show whole org").click();
    h.run_steps(3);
    assert!(shown(&h, search));
    assert!(h.state().doc.scope().focus.is_none());
}

#[test]
fn find_marks_matches_and_enter_jumps_to_each_unfolding_what_hides_it() {
    let mut h = sample_harness();
    // Fold everything first: find must still reach a team inside a folded SoS.
    menu(&mut h, "View", "Collapse all SoS");
    let invoicing = team_in(&h, "Invoicing");
    assert!(!shown(&h, Node::Team(invoicing)));

    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    let field = h.get_by_label("Find");
    assert!(field.is_focused());
    field.type_text("invoic");
    h.run_steps(2);
    assert!(h.query_by_label("1 match").is_some());
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert_eq!(h.state().selection, Some(Selection::Team(invoicing)));
    assert!(shown(&h, Node::Team(invoicing)), "its SoS was unfolded");
    assert!(h.query_by_label("1 of 1").is_some());
    assert!(h.get_by_label("Find").is_focused(), "typing can go on");

    // Two matches: Enter walks them in order, Shift+Enter walks back.
    for _ in 0..6 {
        h.key_press(Key::Backspace);
    }
    h.run_steps(1);
    h.get_by_label("Find").type_text("checkout");
    h.run_steps(2);
    assert!(h.query_by_label("2 matches").is_some());
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().selection,
        Some(Selection::Group(group_in(&h, "Checkout & Payments")))
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().selection,
        Some(Selection::Team(team_in(&h, "Checkout")))
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run_steps(3);
    assert!(h.query_by_label("1 of 2").is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label("Find").is_none(),
        "Escape closes the find bar"
    );
}

#[test]
fn a_card_reads_as_a_sentence_and_its_tooltip_lists_its_findings() {
    let mut h = sample_harness();
    let t = org(&h).team(team_in(&h, "Checkout")).unwrap().clone();
    let po = org(&h).person_name(*t.product_owners.iter().next().unwrap());
    let sm = org(&h).person_name(*t.scrum_masters.iter().next().unwrap());
    let want = format!("Team Checkout, 10 people, PO {po}, SM {sm}, 1 warning");
    let card = h.get_by_label(&want);
    card.hover();
    // Tooltips come after the pointer rests a moment.
    for _ in 0..60 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    assert!(
        h.query_by_label_contains("V4 Team Checkout has 10 people")
            .is_some(),
        "the tooltip lists the finding"
    );
}

#[test]
fn the_minimap_moves_the_view() {
    let mut h = sample_harness();
    let before = h.state().canvas.last_view.1;
    let map = h.get_by_label("Minimap");
    let r = map.rect();
    // Click the map's bottom-left corner: the view goes there.
    let at = egui::pos2(r.min.x + 4.0, r.max.y - 4.0);
    h.event(egui::Event::PointerMoved(at));
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    let after = h.state().canvas.last_view.1;
    assert!(
        after.x > before.x && after.y < before.y,
        "{before:?} -> {after:?}"
    );
}

#[test]
fn selecting_a_person_marks_their_teams_and_brings_them_into_view() {
    let mut h = sample_harness();
    let sakura = person_in(&h, "Sakura Tanaka");
    // The finding about her (V18) selects her when clicked.
    h.get_by_label_contains("Sakura Tanaka works in 2 teams")
        .click();
    h.run_steps(4);
    assert_eq!(h.state().selection, Some(Selection::Person(sakura)));
    let marked = h.state().canvas.highlighted().to_vec();
    let want = [team_in(&h, "Payments"), team_in(&h, "Fraud Detection")].map(Node::Team);
    assert_eq!(marked, want);
    let view = h.state().canvas.last_rect;
    for n in want {
        let c = center(&h, n);
        assert!(view.contains(c), "{n:?} at {c:?} is in view {view:?}");
    }
}

#[test]
fn the_sample_opens_readable_and_fit_shows_all_without_the_minimap() {
    let mut h = sample_harness();
    assert!(h.query_by_label("100 %").is_some(), "opens at 100 %");
    let top = center(&h, Node::Group(group_in(&h, "Acme Online")));
    assert!(h.state().canvas.last_rect.contains(top), "on its top");
    assert!(
        h.query_by_label("Minimap").is_some(),
        "part of it is out of view"
    );
    h.get_by_label("Fit").click();
    h.run_steps(3);
    assert!(h.query_by_label("100 %").is_none());
    assert!(
        h.query_by_label("Minimap").is_none(),
        "all of it is in view"
    );
}

#[test]
fn the_context_menu_of_a_card_folds_and_focuses() {
    let mut h = sample_harness();
    let search = Node::Team(team_in(&h, "Search"));
    let cart = Node::Team(team_in(&h, "Cart"));
    h.get_by_label(&card_label(&h, "SoS Shopping,"))
        .click_secondary();
    h.run_steps(3);
    h.get_by_label("Collapse").click();
    h.run_steps(3);
    assert!(!shown(&h, search));
    h.get_by_label(&card_label(&h, "SoS Checkout & Payments,"))
        .click_secondary();
    h.run_steps(3);
    h.get_by_label("Focus on Checkout & Payments").click();
    h.run_steps(3);
    assert!(shown(&h, cart));
    assert!(!shown(&h, Node::Group(group_in(&h, "Shopping"))));
    assert_eq!(
        h.state().status,
        "Focused on Checkout & Payments: View › Show whole org goes back"
    );
}

#[test]
fn find_matches_people_by_name() {
    let mut h = sample_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find").type_text("sakura");
    h.run_steps(2);
    // Sakura Tanaka is a developer on two teams.
    assert!(h.query_by_label("2 matches").is_some());
}

#[test]
fn selecting_a_person_in_the_outline_marks_their_places() {
    let mut h = sample_harness();
    let p = person_in(&h, "Clara Zimmermann");
    h.query_all_by_label_contains("Clara Zimmermann")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TreeItem)
        .unwrap()
        .click();
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Person(p)));
    let marked = h.state().canvas.highlighted().to_vec();
    assert!(
        marked.contains(&Node::Group(group_in(&h, "Checkout & Payments"))),
        "{marked:?}"
    );
}

#[test]
fn view_focus_on_the_selected_sos_then_show_whole_org() {
    let mut h = sample_harness();
    let shopping = group_in(&h, "Shopping");
    let cart = Node::Team(team_in(&h, "Cart"));
    h.get_by_label(&card_label(&h, "SoS Shopping,")).click();
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Group(shopping)));
    menu(&mut h, "View", "Focus on Shopping");
    assert_eq!(h.state().doc.scope().focus, Some(shopping));
    assert!(shown(&h, Node::Team(team_in(&h, "Search"))));
    assert!(
        !shown(&h, cart),
        "Checkout & Payments' teams are out of the focus"
    );
    h.get_by_label("View").click();
    h.run_steps(2);
    // The View menu's item (the focus bar on the canvas has a button of the same name).
    h.get_all_by_label("Show whole org")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap()
        .click();
    h.run_steps(3);
    assert!(shown(&h, cart));
    assert!(h.state().doc.scope().focus.is_none());
}
