//! The outline's row model: which rows an org shows, given what is expanded and what is searched
//! for, and where the keyboard cursor is among them.
//!
//! It exists so that everything the outline decides (the default expansion, what a search keeps,
//! where Left, Right or PageDown go) can be tested without a window: nothing here knows about
//! egui. The panel ([`super::Outline`]) owns a [`Tree`], asks it to [`Tree::refresh`] once per
//! frame and paints its [`Tree::rows`]; the parts:
//! - this file: the rows and the state they are built from (search text, expansion, cursor);
//! - [`flatten`]: how an org becomes rows, and what a search matches;
//! - [`cursor`]: the keyboard cursor, where each key takes it, and the scroll that shows a row.

mod cursor;
mod flatten;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use cursor::Cursor;
pub(super) use cursor::{Open, Presses, scroll_into_view, scroll_to_show};

use super::super::Selection;
use super::super::document::Document;
use crate::model::{GroupId, Org, PersonId, TeamId, Unit};
use flatten::{Flatten, Matches, body_people};

/// Orgs with more teams than this open with only their top level expanded.
const LARGE_ORG: usize = 200;

/// A node of the tree that can be expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Branch {
    Group(GroupId),
    Team(TeamId),
    /// The "Teams in no group" header.
    Loose,
    Eat,
    Ems,
    /// The "People in no team" header.
    NoTeam,
}

/// What a row shows: a branch, or a person listed under a branch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Item {
    Branch(Branch),
    Person(Branch, PersonId),
}

impl Item {
    pub(super) fn selection(self) -> Option<Selection> {
        match self {
            Item::Branch(Branch::Group(g)) => Some(Selection::Group(g)),
            Item::Branch(Branch::Team(t)) => Some(Selection::Team(t)),
            Item::Branch(Branch::Eat) => Some(Selection::Eat),
            Item::Branch(Branch::Ems) => Some(Selection::Ems),
            Item::Branch(Branch::Loose | Branch::NoTeam) => None,
            Item::Person(_, p) => Some(Selection::Person(p)),
        }
    }

    /// The team or group a row stands for; only these can be dragged and moved.
    pub(super) fn unit(self) -> Option<Unit> {
        match self {
            Item::Branch(Branch::Group(g)) => Some(Unit::Group(g)),
            Item::Branch(Branch::Team(t)) => Some(Unit::Team(t)),
            _ => None,
        }
    }

    /// The branch a row toggles: its own, or for a person the branch it is listed under.
    pub(super) fn branch(self) -> Branch {
        match self {
            Item::Branch(b) | Item::Person(b, _) => b,
        }
    }
}

/// One visible line of the flattened tree.
#[derive(Clone, Copy, Debug)]
pub(super) struct Row {
    pub(super) item: Item,
    pub(super) depth: u16,
    pub(super) expandable: bool,
    pub(super) expanded: bool,
    /// The item's own name matches the search (not just something below it).
    pub(super) hit: bool,
}

/// The outline's rows and what they are built from.
#[derive(Default)]
pub(super) struct Tree {
    search: String,
    /// Expansion the user chose, overriding the defaults.
    expanded: HashMap<Branch, bool>,
    /// Expansion chosen while searching; forgotten when the search text changes.
    search_expanded: HashMap<Branch, bool>,
    /// Bumped whenever expansion or search changes, to rebuild the rows.
    generation: u64,
    /// (document revision, generation) the rows were built for.
    built: Option<(u64, u64)>,
    rows: Vec<Row>,
    /// People holding no team seat, by name.
    no_team: Vec<PersonId>,
    /// The people of the EAT and of the EMS, in the order their rows list them.
    eat: Vec<PersonId>,
    ems: Vec<PersonId>,
    /// Number of teams, groups and people whose name matches the search.
    matches: usize,
    /// Whether the org was large when first shown; decided once so that crossing the limit
    /// while editing does not fold the tree.
    large: Option<bool>,
    cursor: Option<Cursor>,
    /// The selection last seen, to bring the cursor to a selection made elsewhere.
    seen_selection: Option<Selection>,
}

impl Tree {
    /// Rebuild the rows if the document, the expansion or the search changed; returns whether
    /// it did. The hierarchy is the document's ([`Document::structure`]), derived once per
    /// change.
    pub(super) fn refresh(&mut self, doc: &Document) -> bool {
        let key = (doc.structure_revision(), self.generation);
        if self.built == Some(key) {
            return false;
        }
        self.built = Some(key);
        let org = doc.org();
        let mut seated: HashSet<PersonId> = HashSet::default();
        for t in org.teams().values() {
            seated.extend(t.people());
        }
        let mut no_team: Vec<PersonId> = org
            .people()
            .keys()
            .copied()
            .filter(|p| !seated.contains(p))
            .collect();
        no_team.sort_by_cached_key(|p| org.person_name(*p).to_lowercase());
        self.no_team = no_team;
        self.eat = body_people(org, Branch::Eat);
        self.ems = body_people(org, Branch::Ems);
        let needle = self.needle();
        let matches = (!needle.is_empty()).then(|| Matches::find(org, &needle, self));
        self.matches = matches.as_ref().map_or(0, Matches::count);
        let large = *self.large.get_or_insert(org.teams().len() > LARGE_ORG);
        let rows = Flatten {
            org,
            structure: doc.structure(),
            tree: self,
            matches: matches.as_ref(),
            large,
            rows: Vec::new(),
            seen: HashSet::default(),
        }
        .run();
        self.rows = rows;
        true
    }

    /// The visible rows, top to bottom.
    pub(super) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// People holding no team seat, by name.
    pub(super) fn no_team(&self) -> &[PersonId] {
        &self.no_team
    }

    /// The people of the EAT or the EMS (PO, SM, members; facilitator, attendees), each once,
    /// as their rows list them; built with the rows, so a row's count costs nothing per frame.
    /// Empty for any other branch.
    pub(super) fn body(&self, b: Branch) -> &[PersonId] {
        match b {
            Branch::Eat => &self.eat,
            Branch::Ems => &self.ems,
            _ => &[],
        }
    }

    /// Number of teams, groups and people whose name matches the search.
    pub(super) fn match_count(&self) -> usize {
        self.matches
    }

    pub(super) fn search(&self) -> &str {
        &self.search
    }

    /// The search as it is matched: trimmed, in lower case.
    pub(super) fn needle(&self) -> String {
        self.search.trim().to_lowercase()
    }

    pub(super) fn searching(&self) -> bool {
        !self.search.trim().is_empty()
    }

    /// Search for `text`; the expansion chosen during the last search is forgotten.
    pub(super) fn set_search(&mut self, text: String) {
        self.search = text;
        self.search_expanded.clear();
        self.generation += 1;
    }

    /// Whether a branch is open: the user's choice, else forced open by the search, else the
    /// default for its kind and depth.
    fn is_open(&self, b: Branch, depth: u16, forced: bool, large: bool) -> bool {
        if self.searching() {
            if let Some(open) = self.search_expanded.get(&b) {
                return *open;
            }
            if forced {
                return true;
            }
        }
        if let Some(open) = self.expanded.get(&b) {
            return *open;
        }
        match b {
            Branch::Group(_) => depth == 0 || (depth == 1 && !large),
            Branch::Team(_) | Branch::Eat | Branch::Ems => false,
            Branch::Loose | Branch::NoTeam => true,
        }
    }

    /// Open or close a branch; while searching, only for this search.
    pub(super) fn set_open(&mut self, b: Branch, open: bool) {
        if self.searching() {
            self.search_expanded.insert(b, open);
        } else {
            self.expanded.insert(b, open);
        }
        self.generation += 1;
    }

    /// Open every branch above `s`.
    pub(super) fn expand_to(&mut self, org: &Org, s: Selection) {
        let unit = match s {
            Selection::Team(t) => Unit::Team(t),
            Selection::Group(g) => Unit::Group(g),
            Selection::Person(p) => {
                let home = org.teams().values().find(|t| t.has_member(p)).map(|t| t.id);
                match home {
                    Some(t) => {
                        self.expand_to(org, Selection::Team(t));
                        self.set_open(Branch::Team(t), true);
                    }
                    None if body_people(org, Branch::Eat).contains(&p) => {
                        self.set_open(Branch::Eat, true);
                    }
                    None if body_people(org, Branch::Ems).contains(&p) => {
                        self.set_open(Branch::Ems, true);
                    }
                    None => self.set_open(Branch::NoTeam, true),
                }
                return;
            }
            Selection::Eat | Selection::Ems => return,
        };
        let above = org.ancestors(unit);
        if above.is_empty() && matches!(unit, Unit::Team(_)) {
            self.set_open(Branch::Loose, true);
        }
        for g in above {
            self.set_open(Branch::Group(g), true);
        }
    }

    /// The row that shows `s`, if it is visible.
    pub(super) fn row_of(&self, s: Selection) -> Option<usize> {
        self.rows.iter().position(|r| r.item.selection() == Some(s))
    }

    /// Whether a row shows `item`.
    pub(super) fn shows(&self, item: Item) -> bool {
        self.rows.iter().any(|row| row.item == item)
    }

    /// The first row whose own name matches the search, else the first row.
    pub(super) fn first_match(&self) -> Option<usize> {
        let first = self.rows.iter().position(|r| r.hit);
        first.or((!self.rows.is_empty()).then_some(0))
    }
}

/// Whether what `s` points at is (still) in the org.
pub(super) fn exists(org: &Org, s: Selection) -> bool {
    match s {
        Selection::Team(t) => org.team(t).is_some(),
        Selection::Group(g) => org.group(g).is_some(),
        Selection::Person(p) => org.person(p).is_some(),
        Selection::Eat | Selection::Ems => true,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Command, Group, Team};
    pub(in crate::ui::outline) use flatten::tests::BODY_BUILDS;

    /// Two groups, "Shopping" (teams Cart, Checkout) above "Payments" (team Billing), a team in
    /// no group (Guild) and a person in no team (Zoe); Cart has Ana and Bo.
    pub(crate) fn small_org() -> Org {
        let mut org = Org::new("Small");
        let mut apply = |cmd: Command| cmd.apply(&mut org).expect("builds");
        apply(Command::AddGroup(Group::new(GroupId(1), "Shopping")));
        let mut pay = Group::new(GroupId(2), "Payments");
        pay.parent = Some(GroupId(1));
        apply(Command::AddGroup(pay));
        for (id, name, group) in [
            (1, "Cart", Some(1)),
            (2, "Checkout", Some(1)),
            (3, "Billing", Some(2)),
            (4, "Guild", None),
        ] {
            let mut t = Team::new(TeamId(id), name);
            t.group = group.map(GroupId);
            apply(Command::AddTeam(t));
        }
        for (id, name) in [(1, "Ana"), (2, "Bo"), (3, "Zoe")] {
            apply(Command::AddPerson(crate::model::Person {
                id: PersonId(id),
                name: name.to_string(),
                email: None,
            }));
        }
        for (person, role) in [
            (1, crate::model::TeamRole::ProductOwner),
            (2, crate::model::TeamRole::Developer),
        ] {
            apply(Command::AddSeat {
                team: TeamId(1),
                person: PersonId(person),
                role,
            });
        }
        org
    }

    /// A tree built for `doc`.
    pub(crate) fn tree(doc: &Document) -> Tree {
        let mut tree = Tree::default();
        tree.refresh(doc);
        tree
    }

    /// The rows as "  name" lines, indented by depth, for readable assertions.
    pub(crate) fn lines(tree: &Tree, org: &Org) -> Vec<String> {
        tree.rows()
            .iter()
            .map(|r| {
                let name = match r.item {
                    Item::Branch(Branch::Group(g)) => org.unit_name(Unit::Group(g)),
                    Item::Branch(Branch::Team(t)) => org.unit_name(Unit::Team(t)),
                    Item::Branch(Branch::Loose) => "(loose)".to_string(),
                    Item::Branch(Branch::Eat) => "(EAT)".to_string(),
                    Item::Branch(Branch::Ems) => "(EMS)".to_string(),
                    Item::Branch(Branch::NoTeam) => "(no team)".to_string(),
                    Item::Person(_, p) => org.person_name(p),
                };
                format!("{}{name}", "  ".repeat(usize::from(r.depth)))
            })
            .collect()
    }

    #[test]
    fn opens_top_groups_and_their_children_with_teams_folded() {
        let doc = Document::new(small_org(), None);
        let tree = tree(&doc);
        assert_eq!(
            lines(&tree, doc.org()),
            [
                "Shopping",
                "  Payments",
                "    Billing",
                "  Cart",
                "  Checkout",
                "(loose)",
                "  Guild",
                "(EAT)",
                "(EMS)",
                "(no team)",
                "  Zoe",
            ]
        );
        // Only a team with people can be expanded; a group with members can.
        let cart = tree.row_of(Selection::Team(TeamId(1))).unwrap();
        let checkout = tree.row_of(Selection::Team(TeamId(2))).unwrap();
        assert!(tree.rows()[cart].expandable && !tree.rows()[cart].expanded);
        assert!(!tree.rows()[checkout].expandable);
        assert!(tree.rows()[0].expandable && tree.rows()[0].expanded);
    }

    #[test]
    fn collapsing_a_group_hides_everything_below_it_and_expanding_shows_it_again() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_open(Branch::Group(GroupId(1)), false);
        assert!(
            tree.refresh(&doc),
            "a change of expansion rebuilds the rows"
        );
        let shown = lines(&tree, doc.org());
        assert_eq!(shown[0], "Shopping");
        assert_eq!(shown[1], "(loose)");
        assert!(tree.row_of(Selection::Team(TeamId(1))).is_none());
        assert!(tree.row_of(Selection::Group(GroupId(2))).is_none());
        // The inner group kept its own state: it is open again with its parent.
        tree.set_open(Branch::Group(GroupId(1)), true);
        tree.refresh(&doc);
        assert!(tree.row_of(Selection::Team(TeamId(3))).is_some());
        // Nothing changed: nothing to rebuild.
        assert!(!tree.refresh(&doc));
    }

    #[test]
    fn expanding_a_team_lists_its_people() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_open(Branch::Team(TeamId(1)), true);
        tree.refresh(&doc);
        let shown = lines(&tree, doc.org());
        let cart = shown.iter().position(|l| l == "  Cart").unwrap();
        // The Product Owner first, then the developers.
        assert_eq!(shown[cart + 1..cart + 3], ["    Ana", "    Bo"]);
        assert_eq!(shown[cart + 3], "  Checkout");
    }

    #[test]
    fn a_search_shows_the_path_to_each_match_and_only_that() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_search("  BILL ".to_string());
        tree.refresh(&doc);
        assert!(tree.searching());
        assert_eq!(tree.match_count(), 1);
        assert_eq!(
            lines(&tree, doc.org()),
            ["Shopping", "  Payments", "    Billing"]
        );
        let hits: Vec<bool> = tree.rows().iter().map(|r| r.hit).collect();
        assert_eq!(hits, [false, false, true]);
        assert_eq!(tree.first_match(), Some(2));
    }

    #[test]
    fn a_search_opens_a_folded_team_to_a_matching_person() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_search("bo".to_string());
        tree.refresh(&doc);
        assert_eq!(lines(&tree, doc.org()), ["Shopping", "  Cart", "    Bo"]);
        // Clearing the search gives back the tree as it was, the team still folded.
        tree.set_search(String::new());
        tree.refresh(&doc);
        assert!(!tree.searching());
        assert!(tree.row_of(Selection::Person(PersonId(2))).is_none());
        assert_eq!(tree.rows().len(), 11);
    }

    #[test]
    fn expansion_chosen_during_a_search_lasts_only_as_long_as_that_search() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_search("bo".to_string());
        tree.refresh(&doc);
        tree.set_open(Branch::Team(TeamId(1)), false);
        tree.refresh(&doc);
        assert_eq!(lines(&tree, doc.org()), ["Shopping", "  Cart"]);
        tree.set_search("bo".to_string());
        tree.refresh(&doc);
        assert_eq!(lines(&tree, doc.org()).len(), 3);
    }

    #[test]
    fn a_matching_group_shows_all_it_holds() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_search("shop".to_string());
        tree.refresh(&doc);
        assert_eq!(
            lines(&tree, doc.org()),
            [
                "Shopping",
                "  Payments",
                "    Billing",
                "  Cart",
                "  Checkout"
            ]
        );
    }

    #[test]
    fn no_match_shows_no_rows() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_search("nothing like it".to_string());
        tree.refresh(&doc);
        assert!(tree.rows().is_empty());
        assert_eq!(tree.match_count(), 0);
        assert_eq!(tree.first_match(), None);
    }

    #[test]
    fn expand_to_opens_the_way_to_a_person() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_open(Branch::Group(GroupId(1)), false);
        tree.refresh(&doc);
        assert!(tree.row_of(Selection::Person(PersonId(1))).is_none());
        tree.expand_to(doc.org(), Selection::Person(PersonId(1)));
        tree.refresh(&doc);
        let ana = tree.row_of(Selection::Person(PersonId(1))).unwrap();
        assert_eq!(tree.rows()[ana].depth, 2);
    }

    #[test]
    fn a_large_org_opens_with_only_its_top_level_expanded() {
        let doc = Document::new(crate::sample::symmetric(8, 3), None);
        assert!(doc.org().teams().len() > LARGE_ORG);
        let tree = tree(&doc);
        let deepest = tree.rows().iter().map(|r| r.depth).max().unwrap();
        assert_eq!(deepest, 1, "second-level groups start folded");
    }

    #[test]
    fn rows_follow_the_document_and_its_structure() {
        let mut doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        doc.apply(Command::move_team(TeamId(4), Some(GroupId(2))))
            .unwrap();
        assert!(tree.refresh(&doc));
        let shown = lines(&tree, doc.org());
        assert_eq!(
            shown[..4],
            ["Shopping", "  Payments", "    Billing", "    Guild"]
        );
        // The header for teams in no group stays, empty, as a place to drop onto.
        let loose = tree
            .rows()
            .iter()
            .find(|r| r.item == Item::Branch(Branch::Loose));
        assert!(loose.is_some_and(|r| !r.expandable));
    }
}
