//! Adding, renaming and deleting from the outline: the toolbar's "+ Team", "+ Group" and
//! "+ Person", a row's context menu, and the inline rename editor.
//!
//! Every change is an [`Action`] for the app to apply; what the outline adds it then selects and
//! shows.

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::{Id, Key, Rect, Response, TextEdit, Ui, vec2};
use rustc_hash::FxHashSet as HashSet;

use super::rows::{Branch, Item};
use super::{Outline, RowEvent, set_label};
use crate::model::{Command, Group, GroupId, Org, Person, Team, Unit};
use crate::ui::{Action, PanelCtx, Selection};

/// The inline rename editor.
pub(super) struct Rename {
    pub(super) item: Item,
    text: String,
    /// Whether focus was handed to the editor yet.
    started: bool,
}

impl Rename {
    /// Start renaming `item`, now called `name`.
    pub(super) fn new(item: Item, name: String) -> Self {
        Rename {
            item,
            text: name,
            started: false,
        }
    }
}

impl Outline {
    pub(super) fn toolbar(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        ui.heading("Outline");
        let org = cx.doc.org();
        // New items go into the selected group, or next to the selected team.
        let home = match cx.selection {
            Some(Selection::Group(g)) => Some(g),
            Some(Selection::Team(t)) => org.team(t).and_then(|t| t.group),
            _ => None,
        };
        let place = home.map_or_else(
            || "at the top level".to_string(),
            |g| format!("in {}", org.unit_name(Unit::Group(g))),
        );
        ui.horizontal(|ui| {
            if ui
                .button("+ Team")
                .on_hover_text(format!("Add a team {place}"))
                .clicked()
            {
                let (cmd, s) = new_team(org, home);
                self.apply_and_show(cx, cmd, s);
            }
            if ui
                .button("+ Group")
                .on_hover_text(format!("Add a group {place}"))
                .clicked()
            {
                let (cmd, s) = new_group(org, home);
                self.apply_and_show(cx, cmd, s);
            }
            if ui
                .button("+ Person")
                .on_hover_text("Add a person in no team; give them seats in the inspector")
                .clicked()
            {
                let (cmd, s) = new_person(org);
                self.apply_and_show(cx, cmd, s);
            }
        });
    }

    pub(super) fn context_menu(
        &self,
        resp: &Response,
        cx: &mut PanelCtx,
        item: Item,
        events: &mut Vec<RowEvent>,
    ) {
        let org = cx.doc.org();
        resp.context_menu(|ui| {
            if matches!(
                item,
                Item::Branch(Branch::Group(_) | Branch::Team(_)) | Item::Person(..)
            ) && ui.button("Rename…").clicked()
            {
                events.push(RowEvent::Rename(item));
            }
            // Where "Add … here" puts things: in this group, or at the top level.
            let home = match item {
                Item::Branch(Branch::Group(g)) => Some(Some(g)),
                Item::Branch(Branch::Loose) => Some(None),
                _ => None,
            };
            if let Some(home) = home {
                if ui.button("Add team here").clicked() {
                    let (cmd, s) = new_team(org, home);
                    events.push(RowEvent::Add(cmd, s));
                }
                if let Some(g) = home
                    && ui.button("Add group here").clicked()
                {
                    let (cmd, s) = new_group(org, Some(g));
                    events.push(RowEvent::Add(cmd, s));
                }
            }
            if let Some(u) = item.unit()
                && ui
                    .button("Move to…")
                    .on_hover_text("Pick the group to move into (Ctrl+M)")
                    .clicked()
            {
                events.push(RowEvent::MoveTo(u));
            }
            if let Some(s) = item.selection().filter(|s| s.node().is_some())
                && ui
                    .button("Show on canvas")
                    .on_hover_text("Double-click the row")
                    .clicked()
            {
                cx.actions.push(Action::Reveal(s));
            }
            let delete = match item {
                Item::Branch(Branch::Group(g)) => Some((
                    Command::RemoveGroup(g),
                    "Delete the group; its members move up one level",
                )),
                Item::Branch(Branch::Team(t)) => Some((
                    Command::RemoveTeam(t),
                    "Delete the team; its people stay in the organisation",
                )),
                Item::Person(_, p) => Some((
                    Command::RemovePerson(p),
                    "Delete the person and every seat and role they hold",
                )),
                _ => None,
            };
            if let Some((cmd, why)) = delete {
                ui.separator();
                if ui.button("Delete").on_hover_text(why).clicked() {
                    cx.actions.push(Action::Apply(cmd));
                }
            }
        });
    }

    /// The inline name editor: Enter (or clicking elsewhere) renames, Esc cancels.
    pub(super) fn rename_editor(&mut self, ui: &mut Ui, cx: &mut PanelCtx, rect: Rect, old: &str) {
        let Some(r) = &mut self.rename else {
            return;
        };
        let id = Id::new("outline_rename");
        let edit = ui.put(
            rect,
            TextEdit::singleline(&mut r.text)
                .id(id)
                .margin(vec2(3.0, 1.0)),
        );
        set_label(ui, id, &format!("New name for {old}"));
        if !r.started {
            edit.request_focus();
            // Select the whole name so that typing replaces it. (An editor without focus keeps
            // no selection, so this comes after the focus request.)
            let mut state = TextEditState::load(ui.ctx(), id).unwrap_or_default();
            state.cursor.set_char_range(Some(CCursorRange::two(
                CCursor::new(0),
                CCursor::new(r.text.chars().count()),
            )));
            state.store(ui.ctx(), id);
            r.started = true;
            return;
        }
        if !edit.lost_focus() && edit.has_focus() {
            return;
        }
        let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
        let Some(r) = self.rename.take() else {
            return;
        };
        let name = r.text.trim().to_string();
        if cancelled || name.is_empty() || name == old {
            return;
        }
        let cmd = match r.item {
            Item::Branch(Branch::Team(team)) => Command::RenameTeam { team, name },
            Item::Branch(Branch::Group(group)) => Command::RenameGroup { group, name },
            Item::Person(_, person) => Command::RenamePerson { person, name },
            Item::Branch(_) => return,
        };
        cx.actions.push(Action::Apply(cmd));
    }
}

/// "New team 3": the first such name not yet in use.
fn free_name<'a>(base: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: HashSet<&str> = taken.collect();
    (1..)
        .map(|n| format!("{base} {n}"))
        .find(|name| !taken.contains(name.as_str()))
        .unwrap_or_else(|| base.to_string())
}

fn new_team(org: &Org, group: Option<GroupId>) -> (Command, Selection) {
    let id = org.next_team_id();
    let mut team = Team::new(
        id,
        free_name("New team", org.teams().values().map(|t| t.name.as_str())),
    );
    team.group = group;
    (Command::AddTeam(team), Selection::Team(id))
}

fn new_group(org: &Org, parent: Option<GroupId>) -> (Command, Selection) {
    let id = org.next_group_id();
    let mut group = Group::new(
        id,
        free_name("New group", org.groups().values().map(|g| g.name.as_str())),
    );
    group.parent = parent;
    (Command::AddGroup(group), Selection::Group(id))
}

fn new_person(org: &Org) -> (Command, Selection) {
    let id = org.next_person_id();
    let person = Person {
        id,
        name: free_name("New person", org.people().values().map(|p| p.name.as_str())),
        email: None,
    };
    (Command::AddPerson(person), Selection::Person(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TeamId;
    use crate::ui::outline::rows::tests::small_org;

    #[test]
    fn new_items_take_the_first_free_name_and_their_place() {
        assert_eq!(
            free_name("New team", ["New team 1", "x"].into_iter()),
            "New team 2"
        );
        let org = small_org();
        let (cmd, s) = new_team(&org, Some(GroupId(2)));
        let Command::AddTeam(team) = cmd else {
            panic!("adds a team")
        };
        assert_eq!(
            (team.name.as_str(), team.group, s),
            ("New team 1", Some(GroupId(2)), Selection::Team(team.id))
        );
        assert!(org.team(team.id).is_none() && team.id != TeamId(4));
        let (cmd, _) = new_group(&org, None);
        assert!(
            matches!(cmd, Command::AddGroup(g) if g.name == "New group 1" && g.parent.is_none())
        );
    }
}
