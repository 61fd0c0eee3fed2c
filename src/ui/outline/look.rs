//! What a row shows: its tag, its name and a person's roles, its count, the words a screen
//! reader says for it, and the hover text with its details.
//!
//! Rows are small (an item, a depth, two flags); all of this is looked up from the org when a row
//! is painted, so only the rows in view cost anything. Nothing here may walk the org: counts
//! that need a walk (the EAT's and EMS's people, the people in no team) come from the [`Tree`],
//! which builds them once per change (a 100,000-team org's EMS has 25,000 attendees).

use egui::{Color32, RichText, Ui};

use super::LOOSE_TEAMS;
use super::rows::{Branch, Item, Tree};
use crate::model::{Org, PersonId, Structure, Team, TeamKind, Unit};

const NO_TEAM: &str = "People in no team";

/// How a row looks: its tag, its name (also its accessible label) and its count.
pub(super) struct Look {
    pub(super) tag: Option<(String, Color32)>,
    pub(super) name: String,
    /// Roles after a person's name ("PO, Dev").
    pub(super) roles: Option<String>,
    /// The row's label: the name, with a person's roles ("Ana Lima — PO").
    pub(super) label: String,
    /// The row's accessible name: what it is, its name and its size ("Team Checkout, 10 people",
    /// "Scrum of Scrums Shopping, 4 teams"); a person's is the label.
    pub(super) spoken: String,
    pub(super) count: Option<usize>,
    pub(super) header: bool,
}

impl Look {
    /// `tree`: the rows' tree, built for this org.
    pub(super) fn of(org: &Org, s: &Structure, tree: &Tree, item: Item) -> Self {
        let mut look = Look {
            tag: None,
            name: String::new(),
            roles: None,
            label: String::new(),
            spoken: String::new(),
            count: None,
            header: false,
        };
        match item {
            Item::Branch(Branch::Group(g)) => {
                let level = s.level(g);
                look.tag = Some((Structure::level_label(level), level_color(level)));
                look.name = org.unit_name(Unit::Group(g));
                look.count = Some(s.children(g).len());
            }
            Item::Branch(Branch::Team(t)) => {
                let team = org.team(t);
                let virtual_team = team.is_some_and(|t| t.kind == TeamKind::Virtual);
                look.tag = Some(if virtual_team {
                    ("Virtual".to_string(), Color32::from_rgb(140, 110, 180))
                } else {
                    ("Team".to_string(), Color32::from_rgb(96, 110, 130))
                });
                look.name = org.unit_name(Unit::Team(t));
                look.count = team.map(Team::headcount);
            }
            Item::Branch(Branch::Loose) => {
                look.name = LOOSE_TEAMS.to_string();
                look.count = Some(s.loose_teams.len());
                look.header = true;
            }
            Item::Branch(Branch::NoTeam) => {
                look.name = NO_TEAM.to_string();
                look.count = Some(tree.no_team().len());
                look.header = true;
            }
            Item::Branch(b @ (Branch::Eat | Branch::Ems)) => {
                let (short, long, color) = if b == Branch::Eat {
                    (
                        "EAT",
                        "Executive Action Team",
                        Color32::from_rgb(71, 85, 105),
                    )
                } else {
                    ("EMS", "Executive MetaScrum", Color32::from_rgb(180, 83, 9))
                };
                look.tag = Some((short.to_string(), color));
                look.name = long.to_string();
                look.count = Some(tree.body(b).len());
            }
            Item::Person(under, p) => {
                look.name = org.person_name(p);
                look.roles = person_roles(org, under, p);
            }
        }
        look.label = match &look.roles {
            Some(r) => format!("{} — {r}", look.name),
            None => look.name.clone(),
        };
        look.spoken = spoken(org, s, item, &look);
        look
    }
}

/// A row's accessible name, from what the row shows.
fn spoken(org: &Org, s: &Structure, item: Item, look: &Look) -> String {
    let count = crate::words::plural;
    let people = |n: usize| count(n, "person", "people");
    match item {
        Item::Branch(Branch::Group(g)) => {
            let groups = s.child_groups(g).count();
            let teams = s.child_teams(g).count();
            let size = match (groups, teams) {
                (0, 0) => "no members".to_string(),
                (0, t) => count(t, "team", "teams"),
                (g, 0) => count(g, "group", "groups"),
                (g, t) => format!(
                    "{}, {}",
                    count(g, "group", "groups"),
                    count(t, "team", "teams")
                ),
            };
            format!("{} {}, {size}", level_name(s.level(g)), look.name)
        }
        Item::Branch(Branch::Team(t)) => {
            let kind = match org.team(t).map(|t| t.kind) {
                Some(TeamKind::Virtual) => "Virtual team",
                _ => "Team",
            };
            format!("{kind} {}, {}", look.name, people(look.count.unwrap_or(0)))
        }
        Item::Branch(Branch::Loose) => format!(
            "{}, {}",
            look.name,
            count(s.loose_teams.len(), "team", "teams")
        ),
        Item::Branch(Branch::NoTeam | Branch::Eat | Branch::Ems) => {
            format!("{}, {}", look.name, people(look.count.unwrap_or(0)))
        }
        Item::Person(..) => look.label.clone(),
    }
}

/// What a group is called in words, by its level.
fn level_name(level: u32) -> String {
    match level {
        0 | 1 => "Scrum of Scrums".to_string(),
        2 => "Scrum of Scrums of Scrums".to_string(),
        n => format!("Level {n} group"),
    }
}

fn level_color(level: u32) -> Color32 {
    crate::ui::cards::c32(crate::diagram::level_accent(level))
}

/// A person's roles where a row lists them.
fn person_roles(org: &Org, under: Branch, p: PersonId) -> Option<String> {
    let roles: Vec<&str> = match under {
        Branch::Team(t) => org
            .team(t)?
            .roles_of(p)
            .into_iter()
            .map(|r| r.short())
            .collect(),
        Branch::Eat => {
            let eat = org.eat();
            let mut r = Vec::new();
            if eat.product_owner == Some(p) {
                r.push("PO");
            }
            if eat.scrum_master == Some(p) {
                r.push("SM");
            }
            if r.is_empty() {
                r.push("member");
            }
            r
        }
        Branch::Ems => vec![if org.ems().facilitator == Some(p) {
            "facilitator"
        } else {
            "attendee"
        }],
        _ => return None,
    };
    (!roles.is_empty()).then(|| roles.join(", "))
}

/// The hover text of a team, group or person row.
pub(super) fn hover_details(ui: &mut Ui, org: &Org, s: &Structure, item: Item) {
    match item {
        Item::Branch(Branch::Team(t)) => {
            let Some(team) = org.team(t) else { return };
            ui.label(format!(
                "{} · {} people",
                if team.is_real() {
                    "Scrum team"
                } else {
                    "Virtual team"
                },
                team.headcount()
            ));
        }
        Item::Branch(Branch::Group(g)) => {
            ui.label(format!(
                "{} · {} members · {} teams below",
                Structure::level_label(s.level(g)),
                s.children(g).len(),
                s.teams_below(g).len()
            ));
        }
        Item::Person(_, p) => {
            let Some(person) = org.person(p) else { return };
            ui.label(&person.name);
            if let Some(mail) = &person.email {
                ui.label(RichText::new(mail).weak());
            }
            return;
        }
        _ => return,
    }
    ui.label(
        RichText::new("Double-click to show on the canvas · drag onto a group to move")
            .small()
            .weak(),
    );
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::collections::BTreeSet;

    use super::super::rows::tests::{BODY_BUILDS, tree};
    use super::*;
    use crate::model::{Body, Command};
    use crate::ui::document::Document;

    fn builds() -> usize {
        BODY_BUILDS.with(Cell::get)
    }

    /// The people an EAT or EMS row counts: its seats and members, each once.
    fn distinct(seats: impl IntoIterator<Item = PersonId>) -> usize {
        seats.into_iter().collect::<BTreeSet<_>>().len()
    }

    /// Issue 10: the EMS row counted its attendees by rebuilding (and de-duplicating, in
    /// quadratic time) the EMS's list of people each time it was painted, 90 ms a frame at
    /// 100,000 teams. Painting rows must only read what the tree built for the revision.
    #[test]
    fn painting_rows_reads_the_body_lists_built_once_per_change() {
        let mut doc = Document::new(crate::sample::symmetric(5, 3), None);
        let mut tree = tree(&doc);
        let before = builds();
        let look = |tree: &Tree, doc: &Document, b: Branch| {
            Look::of(doc.org(), doc.structure(), tree, Item::Branch(b))
        };
        for _ in 0..3 {
            assert!(!tree.refresh(&doc), "nothing changed: nothing to rebuild");
            for row in tree.rows() {
                let _ = Look::of(doc.org(), doc.structure(), &tree, row.item);
            }
            let _ = look(&tree, &doc, Branch::Eat);
            let _ = look(&tree, &doc, Branch::Ems);
        }
        assert_eq!(builds(), before, "frames without a change built body lists");

        let ems = doc.org().ems().clone();
        let attendees = distinct(ems.facilitator.into_iter().chain(ems.attendees.clone()));
        assert!(attendees > 1);
        let row = look(&tree, &doc, Branch::Ems);
        assert_eq!(row.count, Some(attendees));
        assert_eq!(
            row.spoken,
            format!("Executive MetaScrum, {attendees} people")
        );
        let eat = doc.org().eat().clone();
        let members = eat.product_owner.into_iter().chain(eat.scrum_master);
        let eat_people = distinct(members.chain(eat.members.clone()));
        assert_eq!(look(&tree, &doc, Branch::Eat).count, Some(eat_people));

        // A change rebuilds them, once, and the row follows it.
        let newcomer = *doc
            .org()
            .people()
            .keys()
            .find(|p| !ems.attendees.contains(p) && ems.facilitator != Some(**p))
            .expect("someone not in the EMS");
        doc.apply(Command::SetBodyMember {
            body: Body::Ems,
            person: newcomer,
            member: true,
        })
        .expect("applies");
        assert!(tree.refresh(&doc));
        assert_eq!(
            builds(),
            before + 2,
            "one list each for the EAT and the EMS"
        );
        assert_eq!(look(&tree, &doc, Branch::Ems).count, Some(attendees + 1));
        assert_eq!(builds(), before + 2);
    }
}
