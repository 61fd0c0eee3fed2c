//! The inspector panel and the rules window, driven through the UI with egui_kittest. Every test
//! asserts on the model, never on pixels.

#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use orgscale::model::{Command, ProfileName, ScaledRole};
use orgscale::rules::SubjectRef;
use orgscale::ui::app::sample_document;
use orgscale::ui::{Action, DesignerApp, Document, PanelCtx, Selection};

#[path = "common/ui.rs"]
mod common;
use common::{group, kittest_harness, person, sample_app, team, undo};

fn has_finding(app: &DesignerApp, rule: u8, subject: SubjectRef) -> bool {
    app.doc
        .findings()
        .iter()
        .any(|f| f.rule.0 == rule && f.subject == subject)
}

#[test]
fn picking_a_sosm_in_the_combo_sets_the_master_and_clears_v7() {
    let mut app = sample_app();
    let g = group(app.doc.org(), "Checkout & Payments");
    assert!(app.apply(Command::clear(g, ScaledRole::Master)));
    assert!(has_finding(&app, 7, SubjectRef::Group(g)));
    app.selection = Some(Selection::Group(g));
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::ComboBox, "Scrum of Scrums Master (SoSM)")
        .click();
    h.run_steps(3);
    // The group's own Scrum Masters come first, under their heading.
    let top = |h: &Harness<'_, DesignerApp>, label: &str| h.get_by_label(label).rect().top();
    let from_group = top(&h, "From this group");
    let anyone_else = top(&h, "Anyone else");
    assert!(from_group < anyone_else);
    for sm in [
        "Pablo Navarro",
        "Tariq Rahman",
        "Emeka Nwosu",
        "Eva Horvat",
        "Hye-jin Park",
    ] {
        let y = h.get_by_role_and_label(Role::Button, sm).rect().top();
        assert!(
            from_group < y && y < anyone_else,
            "{sm} is listed among the candidates"
        );
    }
    // People from elsewhere are offered after them.
    let other = h
        .get_by_role_and_label(Role::Button, "Amelia Hartmann")
        .rect()
        .top();
    assert!(other > anyone_else);

    h.get_by_role_and_label(Role::Button, "Pablo Navarro")
        .click();
    h.run_steps(4);
    let app = h.state();
    let pablo = person(app.doc.org(), "Pablo Navarro");
    let master = app.doc.org().group(g).unwrap();
    assert_eq!(master.master(), Some(pablo));
    assert!(!master.masters[0].dedicated, "a candidate is not dedicated");
    assert!(!has_finding(app, 7, SubjectRef::Group(g)));
    assert!(!has_finding(app, 10, SubjectRef::Group(g)));
}

#[test]
fn picking_someone_else_warns_until_marked_dedicated_and_undo_restores() {
    let mut app = sample_app();
    let g = group(app.doc.org(), "Shopping");
    let before = app.doc.org().group(g).unwrap().masters.clone();
    app.selection = Some(Selection::Group(g));
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::ComboBox, "Scrum of Scrums Master (SoSM)")
        .click();
    h.run_steps(3);
    // Someone outside the group: found with the search box.
    h.get_by_label("Search people").type_text("Pablo");
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Pablo Navarro")
        .click();
    h.run_steps(4);
    let org = h.state().doc.org();
    let pablo = person(org, "Pablo Navarro");
    let holders = &org.group(g).unwrap().masters;
    assert_eq!(holders.len(), 1);
    assert_eq!(holders[0].person, pablo);
    // Picking someone from elsewhere is never marked dedicated behind the user's back: V10 says
    // so until the user ticks the box on purpose.
    assert!(
        !holders[0].dedicated,
        "not dedicated unless the user says so"
    );
    assert!(has_finding(h.state(), 10, SubjectRef::Group(g)));

    h.get_by_label("Dedicated SoSM").click();
    h.run_steps(4);
    assert!(h.state().doc.org().group(g).unwrap().masters[0].dedicated);
    assert!(!has_finding(h.state(), 10, SubjectRef::Group(g)));

    undo(&mut h);
    undo(&mut h);
    assert_eq!(h.state().doc.org().group(g).unwrap().masters, before);
}

#[test]
fn several_holders_are_shown_and_one_can_be_kept() {
    let mut app = sample_app();
    let org = app.doc.org();
    let g = group(org, "Shopping");
    let (kwame, lukas) = (person(org, "Kwame Mensah"), person(org, "Lukas Novák"));
    assert!(app.apply(Command::SetScaledRole {
        group: g,
        role: ScaledRole::Master,
        holders: vec![
            orgscale::model::RoleHolder {
                person: kwame,
                dedicated: false
            },
            orgscale::model::RoleHolder {
                person: lukas,
                dedicated: false
            },
        ],
    }));
    app.selection = Some(Selection::Group(g));
    let mut h = kittest_harness(app);
    h.get_by_label("Keep Lukas Novák as the only SoSM").click();
    h.run_steps(4);
    let group = h.state().doc.org().group(g).unwrap();
    assert_eq!(group.master(), Some(lukas));
    assert!(!has_finding(h.state(), 7, SubjectRef::Group(g)));
}

#[test]
fn toggling_a_dev_checkbox_adds_a_seat_and_undo_restores_it() {
    let mut app = sample_app();
    let t = team(app.doc.org(), "Search");
    let po = *app
        .doc
        .org()
        .team(t)
        .unwrap()
        .product_owners
        .first()
        .unwrap();
    assert!(!app.doc.org().team(t).unwrap().developers.contains(&po));
    let name = app.doc.org().person_name(po);
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);

    h.get_by_label(&format!("Dev: {name}")).click();
    h.run_steps(4);
    assert!(
        h.state()
            .doc
            .org()
            .team(t)
            .unwrap()
            .developers
            .contains(&po)
    );

    undo(&mut h);
    assert!(
        !h.state()
            .doc
            .org()
            .team(t)
            .unwrap()
            .developers
            .contains(&po)
    );
    assert!(
        h.state()
            .doc
            .org()
            .team(t)
            .unwrap()
            .product_owners
            .contains(&po)
    );
}

#[test]
fn remove_takes_every_seat_of_a_member_in_one_step() {
    let mut app = sample_app();
    let t = team(app.doc.org(), "Search");
    let sm = *app
        .doc
        .org()
        .team(t)
        .unwrap()
        .scrum_masters
        .first()
        .unwrap();
    let before = app.doc.org().team(t).unwrap().clone();
    let name = app.doc.org().person_name(sm);
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);

    h.get_by_label(&format!("Dev: {name}")).click();
    h.run_steps(4);
    h.get_by_label(&format!("Remove {name}")).click();
    h.run_steps(4);
    assert!(!h.state().doc.org().team(t).unwrap().has_member(sm));
    undo(&mut h);
    let after_undo = h.state().doc.org().team(t).unwrap();
    assert!(after_undo.scrum_masters.contains(&sm));
    assert!(after_undo.developers.contains(&sm));
    undo(&mut h);
    assert_eq!(h.state().doc.org().team(t).unwrap(), &before);
}

#[test]
fn adding_a_new_person_to_a_team_is_one_undo_step() {
    let mut app = sample_app();
    let t = team(app.doc.org(), "Checkout");
    let people = app.doc.org().people().len();
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::ComboBox, "Add member")
        .click();
    h.run_steps(3);
    h.get_by_label("New person…").click();
    h.run_steps(3);
    let field = h.get_by_label("New person's name");
    assert!(field.is_focused(), "the name field takes the focus");
    field.type_text("Zoë Tester");
    h.run_steps(3);
    h.get_by_label("Add new person").click();
    h.run_steps(4);

    let org = h.state().doc.org();
    assert_eq!(org.people().len(), people + 1);
    let zoe = person(org, "Zoë Tester");
    let checkout = org.team(t).unwrap();
    assert!(checkout.developers.contains(&zoe));
    assert_eq!(checkout.roles_of(zoe).len(), 1);

    undo(&mut h);
    let org = h.state().doc.org();
    assert_eq!(org.people().len(), people);
    assert!(org.people().values().all(|p| p.name != "Zoë Tester"));
}

#[test]
fn adding_an_existing_person_through_the_search() {
    let mut app = sample_app();
    let t = team(app.doc.org(), "Checkout");
    let ida = person(app.doc.org(), "Ida Karlsson");
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::ComboBox, "Add member")
        .click();
    h.run_steps(3);
    h.get_by_label("Search people").type_text("karls");
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Ida Karlsson")
        .click();
    h.run_steps(4);
    let checkout = h.state().doc.org().team(t).unwrap();
    assert!(checkout.developers.contains(&ida));
}

#[test]
fn f2_renames_the_team_and_enter_commits() {
    let mut app = sample_app();
    let t = team(app.doc.org(), "Cart");
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);

    h.key_press(Key::F2);
    h.run_steps(3);
    assert!(h.get_by_label("Team name").is_focused());
    // The old name is selected, so typing replaces it.
    h.get_by_label("Team name").type_text("Basket");
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert_eq!(h.state().doc.org().team(t).unwrap().name, "Basket");

    // Escape throws an edit away.
    h.key_press(Key::F2);
    h.run_steps(3);
    h.get_by_label("Team name").type_text("Trolley");
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(4);
    assert_eq!(h.state().doc.org().team(t).unwrap().name, "Basket");

    undo(&mut h);
    assert_eq!(h.state().doc.org().team(t).unwrap().name, "Cart");
}

#[test]
fn definition_of_done_is_committed_when_the_field_loses_focus() {
    let mut app = sample_app();
    let g = group(app.doc.org(), "Fulfilment");
    app.selection = Some(Selection::Group(g));
    let mut h = kittest_harness(app);

    let field = h.get_by_label("Definition of Done");
    field.focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Definition of Done")
        .type_text("Shipped to a real customer.");
    h.run_steps(3);
    assert!(
        h.state()
            .doc
            .org()
            .group(g)
            .unwrap()
            .definition_of_done
            .as_deref()
            != Some("Shipped to a real customer."),
        "nothing is committed while typing"
    );
    // Click somewhere else in the inspector.
    h.get_by_label("Shared work").click();
    h.run_steps(4);
    assert_eq!(
        h.state()
            .doc
            .org()
            .group(g)
            .unwrap()
            .definition_of_done
            .as_deref(),
        Some("Shipped to a real customer.")
    );
}

#[test]
fn the_team_sds_representative_can_be_set_and_reset() {
    let mut app = sample_app();
    let t = team(app.doc.org(), "Search");
    let amelia = person(app.doc.org(), "Amelia Hartmann");
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::ComboBox, "Scaled Daily Scrum representative")
        .click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Amelia Hartmann")
        .click();
    h.run_steps(4);
    assert_eq!(h.state().doc.org().team(t).unwrap().sds_rep, Some(amelia));

    h.get_by_role_and_label(Role::ComboBox, "Scaled Daily Scrum representative")
        .click();
    h.run_steps(3);
    h.get_by_label("Default (the Scrum Master: Kwame Mensah)")
        .click();
    h.run_steps(4);
    assert_eq!(h.state().doc.org().team(t).unwrap().sds_rep, None);
}

#[test]
fn an_eat_scrum_master_from_outside_joins_the_eat_in_one_step() {
    let mut app = sample_app();
    let amelia = person(app.doc.org(), "Amelia Hartmann");
    let before = app.doc.org().eat().clone();
    app.selection = Some(Selection::Eat);
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::ComboBox, "EAT Scrum Master")
        .click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Amelia Hartmann")
        .click();
    h.run_steps(4);
    let eat = h.state().doc.org().eat();
    assert_eq!(eat.scrum_master, Some(amelia));
    assert!(eat.members.contains(&amelia));

    undo(&mut h);
    assert_eq!(h.state().doc.org().eat(), &before);
}

#[test]
fn a_person_joins_the_ems_and_can_be_deleted() {
    let mut app = sample_app();
    let amelia = person(app.doc.org(), "Amelia Hartmann");
    assert!(!app.doc.org().ems().attendees.contains(&amelia));
    app.selection = Some(Selection::Person(amelia));
    let mut h = kittest_harness(app);

    h.get_by_label("Attends the Executive MetaScrum (EMS)")
        .click();
    h.run_steps(4);
    assert!(h.state().doc.org().ems().attendees.contains(&amelia));

    h.get_by_label("Delete person").click();
    h.run_steps(4);
    assert!(h.state().doc.org().person(amelia).is_none());
    assert_eq!(h.state().selection, None);
    undo(&mut h);
    assert!(h.state().doc.org().person(amelia).is_some());
    assert!(h.state().doc.org().ems().attendees.contains(&amelia));
}

#[test]
fn the_profile_changes_from_the_edit_menu() {
    let mut h = kittest_harness(sample_app());
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label("Rules and thresholds…").click();
    h.run_steps(4);
    h.get_by_role_and_label(Role::ComboBox, "Rule profile")
        .click();
    h.run_steps(3);
    h.get_by_label("scrum-guide-2020").click();
    h.run_steps(4);
    assert_eq!(
        h.state().doc.org().rules().profile,
        ProfileName::ScrumGuide2020
    );
    // Checkout has 10 people: too many for two-pizza, fine for the Scrum Guide 2020.
    let checkout = team(h.state().doc.org(), "Checkout");
    assert!(!has_finding(h.state(), 4, SubjectRef::Team(checkout)));
    undo(&mut h);
    assert_eq!(h.state().doc.org().rules().profile, ProfileName::TwoPizza);
    assert!(has_finding(h.state(), 4, SubjectRef::Team(checkout)));
}

/// `rules_ui` on its own, applying what it asks for like the app does.
fn rules_harness() -> Harness<'static, (Document, Vec<Action>)> {
    rules_harness_on(sample_document())
}

/// `rules_ui` on its own on a document.
fn rules_harness_on(doc: Document) -> Harness<'static, (Document, Vec<Action>)> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(700.0, 800.0))
        .build_ui_state(
            |ui, (doc, actions): &mut (Document, Vec<Action>)| {
                let mut cx = PanelCtx {
                    doc,
                    selection: None,
                    actions,
                };
                orgscale::ui::rules_window::rules_ui(ui, &mut cx);
                for a in actions.drain(..) {
                    match a {
                        Action::Apply(cmd) => doc.apply(cmd).expect("the command applies"),
                        other => panic!("unexpected action {other:?}"),
                    }
                }
            },
            (doc, Vec::new()),
        );
    h.run_steps(2);
    h
}

#[test]
fn rules_ui_changes_the_profile_and_overrides_a_threshold() {
    let mut h = rules_harness();
    h.get_by_role_and_label(Role::ComboBox, "Rule profile")
        .click();
    h.run_steps(3);
    h.get_by_label("sas-2022").click();
    h.run_steps(3);
    assert_eq!(h.state().0.org().rules().profile, ProfileName::Sas2022);

    // Type a new team_max into its field and press Enter.
    h.get_by_label("Team size: warn above").focus();
    h.run_steps(2);
    h.get_by_label("Team size: warn above").type_text("12");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let rules = h.state().0.org().rules().clone();
    assert_eq!(rules.profile, ProfileName::Sas2022);
    assert_eq!(rules.overrides.team_max, Some(12));
    assert_eq!(
        h.state().0.history().undo_label(),
        Some("Set “Team size: warn above” to 12")
    );

    // Count Developers only instead of everyone.
    h.get_by_role_and_label(Role::ComboBox, "Team size counts")
        .click();
    h.run_steps(3);
    h.get_by_label("Developers only").click();
    h.run_steps(3);
    assert_eq!(
        h.state().0.org().rules().overrides.team_count,
        Some(orgscale::model::TeamCount::Doers)
    );

    h.get_by_label("Reset Team size: warn above to the profile")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().0.org().rules().overrides.team_max, None);
    h.get_by_label("Reset all to the profile").click();
    h.run_steps(3);
    assert!(h.state().0.org().rules().overrides.is_empty());
    assert_eq!(h.state().0.org().rules().profile, ProfileName::Sas2022);
}

#[test]
fn the_ems_level_is_picked_as_auto_or_a_number_with_undo() {
    use orgscale::model::Threshold;
    const EMS_LEVEL: &str = "Lowest level whose CPOs attend the EMS";
    const AUTO: &str = "Lowest level whose CPOs attend the EMS: auto";
    // The guide's 125 teams in three levels: auto is level 2 here, and growth seated only the
    // top two levels' CPOs in the EMS.
    let doc = Document::new(orgscale::sample::symmetric(5, 3), None);
    let mut h = rules_harness_on(doc);
    let v15 = |h: &Harness<'_, (Document, Vec<Action>)>| {
        h.state()
            .0
            .findings()
            .iter()
            .filter(|f| f.rule.0 == 15)
            .count()
    };
    let ems_level = |h: &Harness<'_, (Document, Vec<Action>)>| {
        h.state().0.org().rules().overrides.ems_min_level
    };
    let ticked = |h: &Harness<'_, (Document, Vec<Action>)>| {
        h.get_by_role_and_label(Role::CheckBox, AUTO)
            .accesskit_node()
            .toggled()
            .map(|t| t == egui::accesskit::Toggled::True)
    };
    // The profile's value, in words, and the box ticked.
    h.get_by_label("auto (= 2 here)");
    assert_eq!(ticked(&h), Some(true));
    assert_eq!(v15(&h), 0);

    // Clearing auto sets the number it stood for: nothing else changes.
    h.get_by_role_and_label(Role::CheckBox, AUTO).click();
    h.run_steps(3);
    assert_eq!(ems_level(&h), Some(2));
    assert_eq!(ticked(&h), Some(false));
    assert_eq!(
        h.state().0.history().undo_label(),
        Some("Set “Lowest level whose CPOs attend the EMS” to 2")
    );
    assert_eq!(v15(&h), 0);

    // Typing 1 asks every SoS CPO to attend: the 25 who do not are V15 warnings.
    h.get_by_label(EMS_LEVEL).focus();
    h.run_steps(2);
    h.get_by_label(EMS_LEVEL).type_text("1");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(ems_level(&h), Some(1));
    assert_eq!(v15(&h), 25);

    // Ticking auto again: saved as auto, and the warnings go.
    h.get_by_role_and_label(Role::CheckBox, AUTO).click();
    h.run_steps(3);
    assert_eq!(ems_level(&h), Some(Threshold::AUTO));
    assert!(h.state().0.org().rules().is_auto(Threshold::EmsMinLevel));
    assert_eq!(ticked(&h), Some(true));
    assert_eq!(
        h.state().0.history().undo_label(),
        Some("Set “Lowest level whose CPOs attend the EMS” to auto")
    );
    assert_eq!(v15(&h), 0);
    let saved = orgscale::io::json::to_string(h.state().0.org());
    assert!(saved.contains(r#""ems_min_level": "auto""#), "{saved:.300}");

    // Undo goes back to 1, one step at a time; Reset drops the override.
    h.state_mut().0.undo();
    h.run_steps(2);
    assert_eq!(ems_level(&h), Some(1));
    assert_eq!(ticked(&h), Some(false));
    h.get_by_label(&format!("Reset {EMS_LEVEL} to the profile"))
        .click();
    h.run_steps(3);
    assert_eq!(ems_level(&h), None);
    assert_eq!(ticked(&h), Some(true));
}

#[test]
fn a_contradictory_threshold_is_refused_and_the_status_says_why() {
    let mut h = kittest_harness(sample_app());
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label("Rules and thresholds…").click();
    h.run_steps(4);
    // Two-pizza's team maximum is 9: a minimum of 12 contradicts it.
    h.get_by_label("Team size: warn below").focus();
    h.run_steps(2);
    h.get_by_label("Team size: warn below").type_text("12");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert_eq!(h.state().doc.org().rules().overrides.team_min, None);
    assert!(
        !h.state().doc.history().can_undo(),
        "nothing was recorded: {:?}",
        h.state().doc.history().undo_label()
    );
    h.get_by_label_contains("the team minimum (12) is above the team maximum (9)");
}

#[test]
fn dragging_a_threshold_commits_once_when_the_drag_ends() {
    let mut h = rules_harness();
    let start = h.get_by_label("SoS members: warn above").rect().center();
    h.hover_at(start);
    h.drag_at(start);
    h.run_steps(2);
    for dx in [4.0, 8.0, 12.0, 16.0, 20.0] {
        h.hover_at(start + egui::vec2(dx, 0.0));
        h.run_steps(1);
    }
    assert_eq!(
        h.state().0.org().rules().overrides.group_warn_above,
        None,
        "nothing is committed while dragging"
    );
    h.drop_at(start + egui::vec2(20.0, 0.0));
    h.run_steps(3);
    let value = h.state().0.org().rules().overrides.group_warn_above;
    assert!(value.is_some_and(|v| v > 5), "dragged right: {value:?}");
    // One drag, one undo step.
    h.state_mut().0.undo();
    assert!(h.state().0.org().rules().overrides.is_empty());
}

#[test]
fn nothing_selected_shows_the_org_and_renames_it() {
    let mut h = kittest_harness(sample_app());
    h.get_by_label("Select a team or group on the canvas or in the outline");
    h.key_press(Key::F2);
    h.run_steps(3);
    h.get_by_label("Organisation name").type_text("Acme Europe");
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert_eq!(h.state().doc.org().name(), "Acme Europe");
}

/// The inspector on its own (the big org's canvas is not under test here).
struct Panel {
    doc: Document,
    inspector: orgscale::ui::inspector::Inspector,
    selection: Option<Selection>,
    actions: Vec<Action>,
}

#[test]
fn a_big_org_shows_capped_pickers() {
    let org = orgscale::sample::balanced("Big", 10_000, 5, 7);
    let top = org
        .groups()
        .values()
        .find(|g| g.parent.is_none())
        .unwrap()
        .id;
    let level = org.structure().level(top);
    let panel = Panel {
        doc: Document::new(org, None),
        inspector: Default::default(),
        selection: Some(Selection::Group(top)),
        actions: Vec::new(),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(400.0, 900.0))
        .build_ui_state(
            |ui, p: &mut Panel| {
                let mut cx = PanelCtx {
                    doc: &p.doc,
                    selection: p.selection,
                    actions: &mut p.actions,
                };
                p.inspector.ui(ui, &mut cx);
            },
            panel,
        );
    h.run_steps(2);
    let label = match level {
        2 => "SoSoS Master (SoSoSM)".to_string(),
        n => format!("level-{n} master"),
    };
    h.get_by_role_and_label(Role::ComboBox, &label).click();
    h.run_steps(3);
    let buttons = h.query_all_by_role(Role::Button).count();
    assert!(
        buttons < 150,
        "the popup lists at most 50 people per section, not {buttons} buttons"
    );
    h.get_by_label("Search people").type_text("zz-no-such-name");
    h.run_steps(3);
    assert!(h.query_all_by_label("Nobody").count() == 2);
    assert!(h.state().actions.is_empty());
}

#[test]
fn undoing_the_dedicated_checkbox_names_what_it_did() {
    let mut app = sample_app();
    let g = group(app.doc.org(), "Shopping");
    let cpo = app.doc.org().group(g).unwrap().cpos[0];
    assert!(cpo.dedicated, "the sample's Shopping CPO is dedicated");
    app.selection = Some(Selection::Group(g));
    let mut h = kittest_harness(app);

    h.get_by_role_and_label(Role::CheckBox, "Dedicated CPO")
        .click();
    h.run_steps(4);
    assert!(!h.state().doc.org().group(g).unwrap().cpos[0].dedicated);
    let label = "Mark Thabo Nkosi's CPO role in Shopping as not dedicated";
    assert_eq!(h.state().status, label);
    undo(&mut h);
    assert!(h.state().doc.org().group(g).unwrap().cpos[0].dedicated);
    assert_eq!(h.state().status, format!("Undid: {label}"));

    h.get_by_role_and_label(Role::CheckBox, "Dedicated SoSM")
        .click();
    h.run_steps(4);
    undo(&mut h);
    assert_eq!(
        h.state().status,
        "Undid: Mark Kwame Mensah's SoSM role in Shopping as dedicated"
    );
}

/// Whether any text on screen contains `id` ("t6", "p49") as a word.
fn shows_id(h: &Harness<'_, DesignerApp>, id: &str) -> bool {
    let is_id = |text: &str| text.split(|c: char| !c.is_alphanumeric()).any(|w| w == id);
    h.query_all_by(|n| n.label().is_some_and(|l| is_id(&l)) || n.value().is_some_and(|v| is_id(&v)))
        .next()
        .is_some()
}

#[test]
fn the_inspector_header_names_the_kind_in_words_without_ids() {
    let mut app = sample_app();
    let org = app.doc.org();
    let (t, g, p) = (
        team(org, "Checkout"),
        group(org, "Shopping"),
        person(org, "Kwame Mensah"),
    );
    app.selection = Some(Selection::Team(t));
    let mut h = kittest_harness(app);
    h.get_by_role_and_label(Role::Label, "Scrum team");
    assert!(!shows_id(&h, &t.to_string()), "{t} is not shown");

    h.state_mut().selection = Some(Selection::Group(g));
    h.run_steps(3);
    h.get_by_label("Scrum of Scrums (SoS) · level 1");
    assert!(!shows_id(&h, &g.to_string()), "{g} is not shown");

    h.state_mut().selection = Some(Selection::Person(p));
    h.run_steps(3);
    h.get_by_label("Person");
    assert!(!shows_id(&h, &p.to_string()), "{p} is not shown");
}

/// Labels inside the inspector (the right-hand panel), leaving out the findings panel's copies.
fn in_inspector<'a>(h: &'a Harness<'_, DesignerApp>, text: &'a str) -> Vec<egui_kittest::Node<'a>> {
    h.query_all_by_label_contains(text)
        .filter(|n| n.rect().left() > 1000.0)
        .collect()
}

#[test]
fn a_groups_findings_include_its_cpo_and_list_its_members_with_findings() {
    let mut app = sample_app();
    let org = app.doc.org();
    let g = group(org, "Shopping");
    let cpo = org.group(g).unwrap().cpo().unwrap();
    // Shopping's CPO stops attending the EMS: V15, whose subject is the person.
    assert!(app.apply(Command::SetBodyMember {
        body: orgscale::model::Body::Ems,
        person: cpo,
        member: false,
    }));
    assert!(has_finding(&app, 15, SubjectRef::Person(cpo)));
    app.selection = Some(Selection::Group(g));
    let mut h = kittest_harness(app);
    let v15 = in_inspector(&h, "does not attend the Executive MetaScrum");
    assert_eq!(
        v15.len(),
        1,
        "V15 on Shopping's CPO is listed with the group"
    );
    let text = v15[0].accesskit_node().label().unwrap_or_default();
    assert!(text.contains("Thabo Nkosi"), "{text}");
    // Clicking it shows the person.
    v15[0].click();
    h.run_steps(3);
    assert_eq!(h.state().selection, Some(Selection::Person(cpo)));

    // Another group does not list it.
    let cp = group(h.state().doc.org(), "Checkout & Payments");
    h.state_mut().selection = Some(Selection::Group(cp));
    h.run_steps(3);
    assert!(in_inspector(&h, "does not attend the Executive MetaScrum").is_empty());
    // Its member with a finding (V4 on Checkout) is one line with a count that leads to it.
    assert_eq!(in_inspector(&h, "Members with findings (1)").len(), 1);
    let row = in_inspector(&h, "Checkout: 1 warning");
    assert_eq!(row.len(), 1);
    row[0].click();
    h.run_steps(3);
    let checkout = team(h.state().doc.org(), "Checkout");
    assert_eq!(h.state().selection, Some(Selection::Team(checkout)));
}

#[test]
fn team_size_is_counted_in_plain_words() {
    let mut h = rules_harness();
    for word in ["doers", "whole"] {
        assert!(
            h.query_all_by(|n| n
                .label()
                .is_some_and(|l| l.to_lowercase().split_whitespace().any(|w| w == word)))
                .next()
                .is_none(),
            "the rules window says {word}"
        );
    }
    // The profile's way of counting, in the Profile column.
    h.get_by_label("everyone on the team");
    h.get_by_role_and_label(Role::ComboBox, "Team size counts")
        .click();
    h.run_steps(3);
    h.get_by_label("Developers only").click();
    h.run_steps(3);
    assert_eq!(
        h.state().0.history().undo_label(),
        Some("Count team size by developers only")
    );

    // Cards and the inspector count Developers in words.
    let doc = &h.state().0;
    let org = doc.org();
    let layout = orgscale::layout::tree(org);
    let cards = orgscale::diagram::build_cards(org, &layout, doc.findings());
    let checkout = team(org, "Checkout");
    let card = &cards[&orgscale::layout::Node::Team(checkout)];
    let devs = org.team(checkout).unwrap().developers.len();
    assert_eq!(card.badge.as_ref().unwrap().0, format!("{devs} Developers"));
}
