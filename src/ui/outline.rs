//! The outline panel: the whole org as a collapsible tree.
//!
//! Top groups come first (each group shows its child groups, then its teams), then the teams in
//! no group, the EAT, the EMS and the people who hold no team seat. Teams, the EAT and the EMS
//! expand to their people.
//!
//! The tree scales to orgs with ten thousand teams: the expanded part of the tree is flattened
//! into a list of small [`Row`]s, rebuilt only when the document, the expansion or the search
//! changes, and only the rows inside the scrolled viewport become widgets. Names, tags and
//! counts are looked up when a row is painted.
//!
//! Every change goes through the app as an [`Action`]: rename, delete and add from the toolbar
//! and the context menu, moves by drag and drop or with the keyboard "Move to…" picker (Ctrl+M).
//!
//! The tree works with the keyboard alone, as a file manager's does: it is one stop in the Tab
//! order (the row with the cursor); Up/Down, Home/End and PageUp/PageDown move the selection,
//! Left/Right collapse and expand (or go to the parent and the first child), Space toggles, Enter
//! opens the row in the inspector and then shows it on the canvas; Down in the search field goes to
//! the first match. The keys come from the shortcut table and act only while a row has the
//! keyboard focus, which is drawn as a ring. Rows are AccessKit tree items in a tree, labelled with
//! what they are ("Team Checkout, 10 people").

use std::ops::Range;

use egui::accesskit::Role;
use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat, TextWrapping};
use egui::text_edit::TextEditState;
use egui::{
    Color32, DragAndDrop, EventFilter, FocusDirection, FontId, Id, Key, Modifiers, Painter, Pos2,
    Rect, Response, RichText, ScrollArea, Sense, Stroke, StrokeKind, TextEdit, TextStyle, Ui,
    WidgetInfo, WidgetType, pos2, vec2,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::document::Document;
use super::shortcuts::{Act, pressed};
use super::{Action, PanelCtx, Selection};
use crate::model::{
    Command, Group, GroupId, Org, Person, PersonId, Structure, Team, TeamId, TeamKind, Unit,
};

/// Height of one tree row; rows are packed without spacing so that `show_rows` can place them.
const ROW_H: f32 = 22.0;
/// Horizontal step per tree level.
const INDENT: f32 = 14.0;
/// Width of the expand arrow's click area.
const ARROW_W: f32 = 16.0;
/// Orgs with more teams than this open with only their top level expanded.
const LARGE_ORG: usize = 200;
/// How long a collapsed group must be hovered during a drag before it opens.
const HOVER_EXPAND_SECS: f64 = 0.8;
/// Distance from the top or bottom edge of the tree at which a drag scrolls it.
const EDGE_SCROLL: f32 = 24.0;
/// Height of one entry in the "Move to…" picker.
const PICK_H: f32 = 22.0;
/// Height of the picker's list.
const PICKER_LIST_H: f32 = 260.0;

const SEARCH_HINT: &str = "Search teams, groups, people";
/// The search field's widget id, so that the keyboard can go to it and come back from it.
const SEARCH_ID: &str = "outline_search";
/// The accessible name of the tree.
const TREE_LABEL: &str = "Outline";
const LOOSE_TEAMS: &str = "Teams in no group";
const NO_TEAM: &str = "People in no team";
const TOP_LEVEL: &str = "Top level (no group)";
const PICKER_FILTER: &str = "Filter groups";

const GREEN: Color32 = super::cards::c32_const(crate::diagram::GREEN);
const RED: Color32 = super::cards::c32_const(crate::diagram::RED);

/// A node of the tree that can be expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Branch {
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
enum Item {
    Branch(Branch),
    Person(Branch, PersonId),
}

impl Item {
    fn selection(self) -> Option<Selection> {
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
    fn unit(self) -> Option<Unit> {
        match self {
            Item::Branch(Branch::Group(g)) => Some(Unit::Group(g)),
            Item::Branch(Branch::Team(t)) => Some(Unit::Team(t)),
            _ => None,
        }
    }

    fn id(self) -> Id {
        Id::new(("outline_row", self))
    }
}

/// One visible line of the flattened tree.
#[derive(Clone, Copy, Debug)]
struct Row {
    item: Item,
    depth: u16,
    expandable: bool,
    expanded: bool,
    /// The item's own name matches the search (not just something below it).
    hit: bool,
}

/// The row that takes the keyboard: the tree's one stop in the Tab order.
#[derive(Clone, Copy, Debug)]
struct Cursor {
    item: Item,
    /// Where the row was last seen, to find it fast and to find a neighbour if it goes away.
    index: usize,
    depth: u16,
}

/// Drag-and-drop payload: the team or group being dragged in the outline.
#[derive(Clone, Copy, Debug)]
struct Dragged(Unit);

/// A pending "show this row": expand its ancestors and scroll to it.
#[derive(Clone, Copy, Debug)]
struct Reveal {
    target: Selection,
    /// Clear a search that hides the target (for items the outline itself just added or moved).
    clear_search: bool,
}

/// The inline rename editor.
struct Rename {
    item: Item,
    text: String,
    /// Whether focus was handed to the editor yet.
    started: bool,
}

/// One destination in the "Move to…" picker.
struct Target {
    to: Option<GroupId>,
    label: String,
    key: String,
}

/// The "Move to…" picker window.
struct Picker {
    item: Unit,
    query: String,
    /// Index into the filtered targets.
    chosen: usize,
    focus: bool,
    targets: Vec<Target>,
    /// Document revision the targets were computed for.
    revision: u64,
    /// Scroll offset of the list last frame.
    offset: f32,
}

/// Outline panel state.
#[derive(Default)]
pub struct Outline {
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
    structure: Structure,
    /// People holding no team seat, by name.
    no_team: Vec<PersonId>,
    /// Number of teams, groups and people whose name matches the search.
    matches: usize,
    pending: Option<Reveal>,
    scroll_to: Option<f32>,
    /// Scroll offset and height of the tree last frame.
    view: (f32, f32),
    rename: Option<Rename>,
    picker: Option<Picker>,
    /// A collapsed group hovered during a drag, and since when.
    hover_expand: Option<(Branch, f64)>,
    /// Whether the org was large when first shown; decided once so that crossing the limit
    /// while editing does not fold the tree.
    large: Option<bool>,
    cursor: Option<Cursor>,
    /// The selection last seen, to bring the cursor to a selection made elsewhere.
    seen_selection: Option<Selection>,
    /// Down was pressed in the search field: go to the first match.
    to_first_match: bool,
    /// Whether the cursor's row had the keyboard focus when the keys were last looked at.
    tree_focused: bool,
}

/// What a right-click menu or a row asked for, handled after the row is drawn.
enum RowEvent {
    Toggle(Branch, bool),
    Rename(Item),
    MoveTo(Unit),
    Add(Command, Selection),
    Drop(Unit, Item),
}

impl Outline {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        self.refresh(cx.doc);
        self.resolve_reveal(cx.doc);
        self.toolbar(ui, cx);
        self.search_bar(ui);
        self.shortcuts(ui, cx);
        self.refresh(cx.doc);
        self.keys(ui, cx);
        if self.searching() {
            ui.label(RichText::new(match self.matches {
                0 => "No matches".to_string(),
                1 => "1 match".to_string(),
                n => format!("{n} matches"),
            }))
            .on_hover_text("Teams, groups and people whose name contains the search text");
        }
        ui.separator();
        self.tree(ui, cx);
        self.picker_ui(ui, cx);
    }

    /// Expand the tree so that `s` is visible and scroll to it.
    pub fn reveal(&mut self, doc: &Document, s: Selection) {
        if exists(doc.org(), s) {
            self.pending = Some(Reveal {
                target: s,
                clear_search: false,
            });
        }
    }

    // ---- rows ---------------------------------------------------------------------------------

    /// Rebuild the rows if the document, the expansion or the search changed.
    fn refresh(&mut self, doc: &Document) {
        let key = (doc.revision(), self.generation);
        if self.built == Some(key) {
            return;
        }
        self.built = Some(key);
        let org = doc.org();
        self.structure = org.structure();
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
        let needle = self.search.trim().to_lowercase();
        let matches = (!needle.is_empty()).then(|| Matches::find(org, &needle, &self.no_team));
        self.matches = matches.as_ref().map_or(0, Matches::count);
        let large = *self.large.get_or_insert(org.teams().len() > LARGE_ORG);
        let rows = Flatten {
            org,
            outline: self,
            matches: matches.as_ref(),
            large,
            rows: Vec::new(),
            seen: HashSet::default(),
        }
        .run();
        self.rows = rows;
        // A rename whose row went away (deleted, folded or filtered out) is abandoned.
        if let Some(r) = &self.rename
            && !self.rows.iter().any(|row| row.item == r.item)
        {
            self.rename = None;
        }
    }

    fn searching(&self) -> bool {
        !self.search.trim().is_empty()
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

    fn set_open(&mut self, b: Branch, open: bool) {
        if self.searching() {
            self.search_expanded.insert(b, open);
        } else {
            self.expanded.insert(b, open);
        }
        self.generation += 1;
    }

    fn search_changed(&mut self) {
        self.search_expanded.clear();
        self.generation += 1;
    }

    /// Open every branch above `s`.
    fn expand_to(&mut self, org: &Org, s: Selection) {
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

    /// Carry out a pending reveal: open the way to the target and scroll it into view.
    fn resolve_reveal(&mut self, doc: &Document) {
        let Some(r) = self.pending.take() else {
            return;
        };
        if !exists(doc.org(), r.target) {
            return;
        }
        self.expand_to(doc.org(), r.target);
        self.refresh(doc);
        let mut index = self.row_of(r.target);
        if index.is_none() && r.clear_search && self.searching() {
            self.search.clear();
            self.search_changed();
            self.refresh(doc);
            index = self.row_of(r.target);
        }
        if let Some(i) = index {
            let (offset, height) = self.view;
            self.scroll_to = scroll_into_view(i, ROW_H, offset, height);
        }
    }

    fn row_of(&self, s: Selection) -> Option<usize> {
        self.rows.iter().position(|r| r.item.selection() == Some(s))
    }

    /// Apply a command that creates or moves something, select it and show it.
    fn apply_and_show(&mut self, cx: &mut PanelCtx, cmd: Command, s: Selection) {
        cx.actions.push(Action::ApplyAndSelect(cmd, s));
        self.pending = Some(Reveal {
            target: s,
            clear_search: true,
        });
    }

    // ---- toolbar and search -------------------------------------------------------------------

    fn toolbar(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
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

    fn search_bar(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let focus = pressed(&ctx, Act::Search);
        let id = Id::new(SEARCH_ID);
        // Down goes from the field to the first match; taken before the field sees it.
        if ctx.memory(|m| m.has_focus(id)) && pressed(&ctx, Act::OutlineDown) {
            self.to_first_match = true;
        }
        ui.horizontal(|ui| {
            let clear_w = if self.search.is_empty() { 0.0 } else { 24.0 };
            let edit = ui.add(
                TextEdit::singleline(&mut self.search)
                    .id(id)
                    .hint_text(SEARCH_HINT)
                    .desired_width(ui.available_width() - clear_w),
            );
            set_label(ui, edit.id, SEARCH_HINT);
            let edit = edit.on_hover_text(format!(
                "{}; {} clears; {} goes to the first match",
                super::shortcuts::text(&ctx, Act::Search),
                super::shortcuts::text(&ctx, Act::ClearSearch),
                super::shortcuts::text(&ctx, Act::OutlineDown),
            ));
            if focus {
                edit.request_focus();
            }
            let mut changed = edit.changed();
            // Escape takes the focus from the field (egui does that); it also clears the search.
            if edit.lost_focus() && pressed(&ctx, Act::ClearSearch) && !self.search.is_empty() {
                self.search.clear();
                changed = true;
            }
            if !self.search.is_empty() {
                let clear = ui.small_button("×");
                set_label(ui, clear.id, "Clear search");
                if clear.on_hover_text("Clear search").clicked() {
                    self.search.clear();
                    changed = true;
                }
            }
            if changed {
                self.search_changed();
            }
        });
    }

    fn shortcuts(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let move_to = super::shortcuts::pressed(ui.ctx(), super::shortcuts::Act::MoveTo);
        if !move_to {
            return;
        }
        match cx.selection.and_then(Selection::unit) {
            Some(u) => self.open_picker(u),
            None => cx.actions.push(Action::Status(
                "Select a team or group to move it (Ctrl+M)".to_string(),
            )),
        }
    }

    // ---- keyboard -----------------------------------------------------------------------------

    /// The tree's keys, taken from the shortcut table. They act only while a row of the tree has
    /// the keyboard focus (or, for Down, the search field), so typing elsewhere never moves the
    /// outline.
    fn keys(&mut self, ui: &Ui, cx: &mut PanelCtx) {
        let ctx = ui.ctx().clone();
        let focused = ctx.memory(|m| m.focused());
        let had_focus = self.cursor.is_some_and(|c| Some(c.item.id()) == focused);
        self.follow_selection(cx.selection);
        self.locate_cursor();
        if std::mem::take(&mut self.to_first_match) {
            let first = self.rows.iter().position(|r| r.hit);
            if let Some(i) = first.or((!self.rows.is_empty()).then_some(0)) {
                self.go(&ctx, cx, i);
            }
            return;
        }
        let Some(c) = self.cursor else {
            self.tree_focused = false;
            return;
        };
        if had_focus && Some(c.item.id()) != focused {
            // The focused row went away (folded or deleted) or the selection moved the cursor:
            // the focus stays in the tree.
            ctx.memory_mut(|m| m.request_focus(c.item.id()));
        } else if Some(c.item.id()) != focused {
            self.tree_focused = false;
            return;
        }
        if !std::mem::replace(&mut self.tree_focused, true) {
            // Tabbed into: show where the cursor is.
            self.scroll_to = scroll_to_show(c.index, ROW_H, self.view.0, self.view.1);
        }
        let row = self.rows[c.index];
        let i = c.index;
        let last = self.rows.len() - 1;
        let page = ((self.view.1 / ROW_H) as usize).saturating_sub(1).max(1);
        let ups = super::shortcuts::presses(&ctx, Act::OutlineUp);
        let downs = super::shortcuts::presses(&ctx, Act::OutlineDown);
        let (up, down) = (ups > 0, downs > 0);
        let left = pressed(&ctx, Act::OutlineCollapse);
        let right = pressed(&ctx, Act::OutlineExpand);
        if up || down || left || right {
            // The arrows are ours: egui must not also move the focus to a neighbouring widget.
            ctx.memory_mut(|m| m.move_focus(FocusDirection::None));
        }
        let mut to = None;
        let mut toggle = None;
        if up && !down && i == 0 {
            ctx.memory_mut(|m| m.request_focus(Id::new(SEARCH_ID)));
        } else if up || down {
            // Every press this frame counts: a fast typist's two Downs move two rows.
            to = Some((i + downs).saturating_sub(ups).min(last));
        }
        if left {
            if row.expanded {
                toggle = Some(false);
            } else {
                to = (0..i).rev().find(|&j| self.rows[j].depth < row.depth);
            }
        }
        if right {
            if row.expandable && !row.expanded {
                toggle = Some(true);
            } else if row.expanded && self.rows.get(i + 1).is_some_and(|r| r.depth > row.depth) {
                to = Some(i + 1);
            }
        }
        if pressed(&ctx, Act::OutlineFirst) {
            to = Some(0);
        }
        if pressed(&ctx, Act::OutlineLast) {
            to = Some(last);
        }
        if pressed(&ctx, Act::OutlinePageUp) {
            to = Some(i.saturating_sub(page));
        }
        if pressed(&ctx, Act::OutlinePageDown) {
            to = Some((i + page).min(last));
        }
        if pressed(&ctx, Act::OutlineToggle) && row.expandable {
            toggle = Some(!row.expanded);
        }
        if pressed(&ctx, Act::OutlineOpen) {
            match row.item.selection() {
                // Shown in the inspector already: show it on the canvas too.
                Some(s) if cx.selection == Some(s) && s.node().is_some() => {
                    cx.actions.push(Action::Reveal(s));
                }
                // A person has no card of their own.
                Some(s) if cx.selection == Some(s) => {}
                Some(s) => cx.select(Some(s)),
                None if row.expandable => toggle = Some(!row.expanded),
                None => {}
            }
        }
        if let Some(open) = toggle {
            self.set_open(branch_of(row.item), open);
            self.refresh(cx.doc);
            self.locate_cursor();
        }
        if let Some(j) = to.filter(|j| *j != i) {
            self.go(&ctx, cx, j);
        }
    }

    /// Move the cursor, the focus and the selection to row `i`, and scroll it into view.
    fn go(&mut self, ctx: &egui::Context, cx: &mut PanelCtx, i: usize) {
        let row = self.rows[i];
        self.put_cursor(row, i);
        ctx.memory_mut(|m| m.request_focus(row.item.id()));
        if let Some(s) = row.item.selection()
            && cx.selection != Some(s)
        {
            cx.select(Some(s));
        }
        self.scroll_to = scroll_to_show(i, ROW_H, self.view.0, self.view.1);
    }

    fn put_cursor(&mut self, row: Row, index: usize) {
        self.cursor = Some(Cursor {
            item: row.item,
            index,
            depth: row.depth,
        });
    }

    /// A selection made elsewhere (canvas, findings, a new item) brings the cursor along.
    fn follow_selection(&mut self, selection: Option<Selection>) {
        if selection == self.seen_selection {
            return;
        }
        self.seen_selection = selection;
        let Some(s) = selection else {
            return;
        };
        if self.cursor.is_some_and(|c| c.item.selection() == Some(s)) {
            return;
        }
        if let Some(i) = self.row_of(s) {
            self.put_cursor(self.rows[i], i);
        }
    }

    /// Find the cursor's row again after the rows were rebuilt. If it is gone (its branch was
    /// folded, it was deleted or filtered out), the cursor goes to the row that took its place
    /// at the same depth, else to the nearest row above it at a lower depth.
    fn locate_cursor(&mut self) {
        let Some(c) = self.cursor else {
            return;
        };
        if self.rows.get(c.index).is_some_and(|r| r.item == c.item) {
            return;
        }
        if let Some(i) = self.rows.iter().position(|r| r.item == c.item) {
            self.put_cursor(self.rows[i], i);
            return;
        }
        if self.rows.is_empty() {
            self.cursor = None;
            return;
        }
        let i = match self.rows.get(c.index) {
            Some(r) if r.depth >= c.depth => c.index,
            _ => {
                let end = c.index.min(self.rows.len());
                (0..end)
                    .rev()
                    .find(|&j| self.rows[j].depth < c.depth)
                    .unwrap_or(end.saturating_sub(1))
            }
        };
        self.put_cursor(self.rows[i], i);
    }

    // ---- tree ---------------------------------------------------------------------------------

    fn tree(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        if self.rows.is_empty() {
            ui.label(RichText::new(if self.searching() {
                "No team, group or person matches the search."
            } else {
                "Nothing here yet: add a team with + Team."
            }));
            return;
        }
        let dragging = DragAndDrop::payload::<Dragged>(ui.ctx()).map(|d| d.0);
        let previous_hover = self.hover_expand.take();
        let mut events = Vec::new();
        let mut hovered_verdict = None;
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            let mut area = ScrollArea::vertical()
                .id_salt("outline_tree")
                .auto_shrink([false, false]);
            if let Some(y) = self.scroll_to.take() {
                area = area.vertical_scroll_offset(y);
            }
            let cursor = self.cursor.filter(|c| c.index < self.rows.len());
            let out = area.show_rows(ui, ROW_H, self.rows.len(), |ui, range| {
                ui.ctx().accesskit_node_builder(ui.unique_id(), |n| {
                    n.set_role(Role::Tree);
                    n.set_label(TREE_LABEL);
                });
                // The tree is one stop in the Tab order: the cursor's row, else the first shown.
                // A cursor scrolled out of view keeps a widget so that it keeps the focus.
                let stop = cursor.map_or(range.start, |c| c.index);
                let top = ui.max_rect().top() - range.start as f32 * ROW_H;
                let off_screen = cursor.filter(|c| !range.contains(&c.index));
                if let Some(c) = off_screen.filter(|c| c.index < range.start) {
                    self.off_screen_row(ui, cx, c.index, top);
                }
                for i in range.clone() {
                    let row = self.rows[i];
                    let verdict = self.row_ui(ui, cx, i, i == stop, dragging, &mut events);
                    if verdict.is_some() {
                        hovered_verdict = verdict;
                        self.hover_open(ui, row, previous_hover, &mut events);
                    }
                }
                if let Some(c) = off_screen.filter(|c| c.index >= range.start) {
                    self.off_screen_row(ui, cx, c.index, top);
                }
                if dragging.is_some() {
                    edge_scroll(ui);
                }
            });
            self.view = (out.state.offset.y, out.inner_rect.height());
        });
        if let Some(item) = dragging {
            drag_ghost(ui, cx.doc.org(), item, hovered_verdict);
        }
        for e in events {
            self.handle(cx, e);
        }
    }

    /// Open a collapsed group that has been hovered long enough during a drag.
    fn hover_open(
        &mut self,
        ui: &Ui,
        row: Row,
        previous: Option<(Branch, f64)>,
        events: &mut Vec<RowEvent>,
    ) {
        let Item::Branch(b @ Branch::Group(_)) = row.item else {
            return;
        };
        if !row.expandable || row.expanded {
            return;
        }
        let now = ui.input(|i| i.time);
        let since = match previous {
            Some((p, t)) if p == b => t,
            _ => now,
        };
        if now - since >= HOVER_EXPAND_SECS {
            events.push(RowEvent::Toggle(b, true));
        } else {
            self.hover_expand = Some((b, since));
            ui.ctx()
                .request_repaint_after_secs((HOVER_EXPAND_SECS - (now - since)) as f32);
        }
    }

    /// The cursor's row while it is scrolled out of view: not drawn, but there for the focus
    /// and for a screen reader, at the place it would be drawn.
    fn off_screen_row(&mut self, ui: &mut Ui, cx: &PanelCtx, index: usize, top: f32) {
        let row = self.rows[index];
        let id = row.item.id();
        let rect = Rect::from_min_size(
            pos2(ui.max_rect().left(), top + index as f32 * ROW_H),
            vec2(ui.available_width(), ROW_H),
        );
        let resp = ui.interact(rect, id, Sense::focusable_noninteractive());
        let look = Look::of(cx.doc.org(), &self.structure, &self.no_team, row.item);
        let selected = row
            .item
            .selection()
            .is_some_and(|s| Some(s) == cx.selection);
        describe_row(ui, &resp, row, &look, selected);
    }

    /// Draw row `index`. `tab_stop`: the row takes the focus when the tree is tabbed into.
    /// Returns the drop verdict when something is dragged over it.
    fn row_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut PanelCtx,
        index: usize,
        tab_stop: bool,
        dragging: Option<Unit>,
        events: &mut Vec<RowEvent>,
    ) -> Option<Result<Option<GroupId>, String>> {
        let org = cx.doc.org();
        let row = self.rows[index];
        let id = row.item.id();
        let (_, rect) = ui.allocate_space(vec2(ui.available_width(), ROW_H));
        let unit = row.item.unit();
        let mut sense = if unit.is_some() {
            Sense::click_and_drag()
        } else {
            Sense::click()
        };
        if !tab_stop {
            sense.remove(Sense::FOCUSABLE);
        }
        let resp = ui.interact(rect, id, sense);
        let sel = row.item.selection();
        let selected = sel.is_some() && sel == cx.selection;
        let look = Look::of(org, &self.structure, &self.no_team, row.item);
        let focused = describe_row(ui, &resp, row, &look, selected);
        if focused && self.cursor.is_none_or(|c| c.item != row.item) {
            // Tabbed into (or focused by a screen reader): the keys start from here.
            self.put_cursor(row, index);
        }
        // A screen reader's expand and collapse.
        let (expand, collapse) = ui.input(|i| {
            (
                i.has_accesskit_action_request(id, egui::accesskit::Action::Expand),
                i.has_accesskit_action_request(id, egui::accesskit::Action::Collapse),
            )
        });
        if row.expandable && (expand || collapse) && expand != row.expanded {
            events.push(RowEvent::Toggle(branch_of(row.item), expand));
        }

        // Drag and drop.
        if let Some(u) = unit {
            resp.dnd_set_drag_payload(Dragged(u));
        }
        let verdict = dragging
            .filter(|_| resp.contains_pointer())
            .map(|u| drop_target(org, u, row.item));
        if let Some(d) = resp.dnd_release_payload::<Dragged>() {
            events.push(RowEvent::Drop(d.0, row.item));
        }

        // Background.
        let painter = ui.painter();
        let visuals = ui.visuals();
        match &verdict {
            Some(v) => {
                let c = if v.is_ok() { GREEN } else { RED };
                painter.rect_filled(rect, 3.0, c.gamma_multiply(0.25));
                painter.rect_stroke(rect, 3.0, Stroke::new(1.5, c), StrokeKind::Inside);
            }
            None if selected => {
                painter.rect_filled(rect, 3.0, visuals.selection.bg_fill);
            }
            None if resp.hovered() => {
                painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
            }
            None => {}
        }
        // The keyboard focus: a ring, unlike the hover (a fill) and the selection (a stronger
        // fill), so that it shows on a selected row as well as on any other.
        if focused {
            painter.rect_stroke(
                rect.shrink(1.0),
                3.0,
                Stroke::new(2.0, visuals.selection.stroke.color),
                StrokeKind::Inside,
            );
        }

        // Expand arrow.
        let mut x = rect.left() + 4.0 + f32::from(row.depth) * INDENT;
        if row.expandable {
            let arrow_rect = Rect::from_min_size(pos2(x, rect.top()), vec2(ARROW_W, ROW_H));
            // Not a Tab stop of its own: the keyboard expands with Right, Left and Space.
            let arrow = ui.interact(arrow_rect, id.with("arrow"), Sense::CLICK);
            let verb = if row.expanded { "Collapse" } else { "Expand" };
            arrow.widget_info(|| {
                WidgetInfo::labeled(WidgetType::Button, true, format!("{verb} {}", look.label))
            });
            let color = if arrow.hovered() {
                ui.visuals().strong_text_color()
            } else {
                ui.visuals().weak_text_color()
            };
            paint_arrow(ui.painter(), arrow_rect.center(), row.expanded, color);
            if arrow.clicked() {
                events.push(RowEvent::Toggle(branch_of(row.item), !row.expanded));
                self.take_focus(&arrow, row, index);
            }
        }
        x += ARROW_W + 2.0;

        // Tag, name and count.
        let painter = ui.painter();
        if let Some((tag, color)) = &look.tag {
            x = paint_tag(painter, pos2(x, rect.center().y), tag, *color) + 6.0;
        }
        let text_color = if selected && verdict.is_none() {
            ui.visuals().selection.stroke.color
        } else if look.header {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().text_color()
        };
        let weak = ui.visuals().weak_text_color();
        let font = TextStyle::Body.resolve(ui.style());
        let mut right = rect.right() - 6.0;
        if let Some(n) = look.count {
            let g =
                painter.layout_no_wrap(n.to_string(), TextStyle::Small.resolve(ui.style()), weak);
            right -= g.size().x;
            painter.galley(pos2(right, rect.center().y - g.size().y / 2.0), g, weak);
            right -= 8.0;
        }
        let renaming = self.rename.as_ref().is_some_and(|r| r.item == row.item);
        if renaming {
            let edit_rect = Rect::from_min_max(
                pos2(x - 2.0, rect.top() + 1.0),
                pos2(right, rect.bottom() - 1.0),
            );
            self.rename_editor(ui, cx, edit_rect, &look.label);
        } else {
            let highlight = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            let job = name_job(
                &look,
                &self.search.trim().to_lowercase(),
                font,
                text_color,
                weak,
                highlight,
                (right - x).max(0.0),
            );
            let g = ui.painter().layout_job(job);
            ui.painter()
                .galley(pos2(x, rect.center().y - g.size().y / 2.0), g, text_color);
        }

        // Clicks; a click also puts the keyboard into the tree, on this row.
        if resp.clicked() || resp.secondary_clicked() {
            self.take_focus(&resp, row, index);
            match sel {
                Some(s) => cx.actions.push(Action::Select(Some(s))),
                None if resp.clicked() && row.expandable => {
                    events.push(RowEvent::Toggle(branch_of(row.item), !row.expanded));
                }
                None => {}
            }
        }
        if resp.double_clicked()
            && let Some(s) = sel.filter(|s| s.node().is_some())
        {
            cx.actions.push(Action::Reveal(s));
        }
        let has_details = matches!(
            row.item,
            Item::Branch(Branch::Team(_) | Branch::Group(_)) | Item::Person(..)
        );
        let resp = if dragging.is_none() && has_details {
            resp.on_hover_ui(|ui| hover_details(ui, org, &self.structure, row.item))
        } else {
            resp
        };
        self.context_menu(&resp, cx, row.item, events);
        verdict
    }

    /// Put the cursor and the keyboard focus on a clicked row.
    fn take_focus(&mut self, resp: &Response, row: Row, index: usize) {
        self.put_cursor(row, index);
        resp.ctx.memory_mut(|m| m.request_focus(row.item.id()));
    }

    fn context_menu(
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

    fn handle(&mut self, cx: &mut PanelCtx, e: RowEvent) {
        let org = cx.doc.org();
        match e {
            RowEvent::Toggle(b, open) => self.set_open(b, open),
            RowEvent::Rename(item) => {
                self.rename = Some(Rename {
                    item,
                    text: Look::of(org, &self.structure, &self.no_team, item).name,
                    started: false,
                });
            }
            RowEvent::MoveTo(u) => self.open_picker(u),
            RowEvent::Add(cmd, s) => self.apply_and_show(cx, cmd, s),
            RowEvent::Drop(item, onto) => match drop_target(org, item, onto) {
                Ok(to) => {
                    let cmd = Command::Move {
                        item,
                        to: to.map(Unit::Group),
                    };
                    self.apply_and_show(cx, cmd, unit_selection(item));
                }
                Err(why) => cx.actions.push(Action::Status(why)),
            },
        }
    }

    /// The inline name editor: Enter (or clicking elsewhere) renames, Esc cancels.
    fn rename_editor(&mut self, ui: &mut Ui, cx: &mut PanelCtx, rect: Rect, old: &str) {
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

    // ---- "Move to…" picker --------------------------------------------------------------------

    fn open_picker(&mut self, item: Unit) {
        self.picker = Some(Picker {
            item,
            query: String::new(),
            chosen: 0,
            focus: true,
            targets: Vec::new(),
            revision: u64::MAX,
            offset: 0.0,
        });
    }

    fn picker_ui(&mut self, ui: &Ui, cx: &mut PanelCtx) {
        let org = cx.doc.org();
        let Some(p) = &mut self.picker else {
            return;
        };
        if !org.contains(p.item) {
            self.picker = None;
            return;
        }
        if p.revision != cx.doc.revision() {
            p.targets = move_targets(org, p.item);
            p.revision = cx.doc.revision();
        }
        let name = org.unit_name(p.item);
        let mut pick = None;
        let mut cancel = false;
        let modal = egui::Modal::new(Id::new("outline_move_picker")).show(ui.ctx(), |ui| {
            ui.set_width(380.0);
            ui.heading(format!("Move {name} to…"));
            // Take the keys before the search field sees them.
            let (up, down, enter) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::Enter),
                )
            });
            let edit = ui.add(
                TextEdit::singleline(&mut p.query)
                    .hint_text(PICKER_FILTER)
                    .desired_width(f32::INFINITY),
            );
            set_label(ui, edit.id, PICKER_FILTER);
            if p.focus {
                edit.request_focus();
                p.focus = false;
            }
            if edit.changed() {
                p.chosen = 0;
            }
            let needle = p.query.trim().to_lowercase();
            let shown: Vec<usize> = (0..p.targets.len())
                .filter(|i| p.targets[*i].key.contains(&needle))
                .collect();
            let last = shown.len().saturating_sub(1);
            p.chosen = p.chosen.min(last);
            let mut scroll = None;
            if up || down {
                p.chosen = if up {
                    p.chosen.saturating_sub(1)
                } else {
                    (p.chosen + 1).min(last)
                };
                scroll = scroll_into_view(p.chosen, PICK_H, p.offset, PICKER_LIST_H);
            }
            if enter && !shown.is_empty() {
                pick = Some(shown[p.chosen]);
            }
            ui.add_space(4.0);
            if shown.is_empty() {
                ui.label(RichText::new("No group matches").weak());
            }
            ui.scope(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                let mut area = ScrollArea::vertical()
                    .id_salt("outline_move_list")
                    .max_height(PICKER_LIST_H)
                    .auto_shrink([false, true]);
                if let Some(y) = scroll {
                    area = area.vertical_scroll_offset(y);
                }
                let out = area.show_rows(ui, PICK_H, shown.len(), |ui, range| {
                    for k in range {
                        let t = &p.targets[shown[k]];
                        if pick_entry(ui, &t.label, k == p.chosen).clicked() {
                            pick = Some(shown[k]);
                        }
                    }
                });
                p.offset = out.state.offset.y;
            });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!shown.is_empty(), egui::Button::new("Move"))
                    .clicked()
                {
                    pick = shown.get(p.chosen).copied();
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
                ui.label(
                    RichText::new("Up/Down choose · Enter moves · Esc closes")
                        .small()
                        .weak(),
                );
            });
        });
        if let Some(i) = pick {
            let item = p.item;
            let to = p.targets[i].to;
            self.picker = None;
            let cmd = Command::Move {
                item,
                to: to.map(Unit::Group),
            };
            self.apply_and_show(cx, cmd, unit_selection(item));
        } else if cancel || modal.should_close() {
            self.picker = None;
        }
    }
}

// ---- search ---------------------------------------------------------------------------------

/// What matches a search: names that contain the text, and the branches that hold a match.
struct Matches {
    people: HashSet<PersonId>,
    teams: HashSet<TeamId>,
    groups: HashSet<GroupId>,
    /// Teams with a matching member.
    teams_below: HashSet<TeamId>,
    /// Groups with a match somewhere below.
    groups_below: HashSet<GroupId>,
    /// Bodies and headers with a match below.
    branches_below: HashSet<Branch>,
}

impl Matches {
    fn find(org: &Org, needle: &str, no_team: &[PersonId]) -> Self {
        let hit = |name: &str| name.to_lowercase().contains(needle);
        let people: HashSet<PersonId> = org
            .people()
            .values()
            .filter(|p| hit(&p.name))
            .map(|p| p.id)
            .collect();
        let teams: HashSet<TeamId> = org
            .teams()
            .values()
            .filter(|t| hit(&t.name))
            .map(|t| t.id)
            .collect();
        let groups: HashSet<GroupId> = org
            .groups()
            .values()
            .filter(|g| hit(&g.name))
            .map(|g| g.id)
            .collect();
        let teams_below: HashSet<TeamId> = if people.is_empty() {
            HashSet::default()
        } else {
            org.teams()
                .values()
                .filter(|t| t.people().iter().any(|p| people.contains(p)))
                .map(|t| t.id)
                .collect()
        };
        let mut groups_below = HashSet::default();
        let mut branches_below = HashSet::default();
        for t in teams.iter().chain(&teams_below) {
            let above = org.ancestors(Unit::Team(*t));
            if above.is_empty() {
                branches_below.insert(Branch::Loose);
            }
            groups_below.extend(above);
        }
        for g in &groups {
            groups_below.extend(org.ancestors(Unit::Group(*g)));
        }
        for body in [Branch::Eat, Branch::Ems] {
            if body_people(org, body).iter().any(|p| people.contains(p)) {
                branches_below.insert(body);
            }
        }
        if no_team.iter().any(|p| people.contains(p)) {
            branches_below.insert(Branch::NoTeam);
        }
        Matches {
            people,
            teams,
            groups,
            teams_below,
            groups_below,
            branches_below,
        }
    }

    fn count(&self) -> usize {
        self.people.len() + self.teams.len() + self.groups.len()
    }
}

/// Builds the visible rows, depth first.
struct Flatten<'a> {
    org: &'a Org,
    outline: &'a Outline,
    /// The search, when there is one.
    matches: Option<&'a Matches>,
    large: bool,
    rows: Vec<Row>,
    /// Guards against group cycles in damaged files.
    seen: HashSet<GroupId>,
}

impl Flatten<'_> {
    fn run(mut self) -> Vec<Row> {
        let s = &self.outline.structure;
        let filtered = self.matches.is_some();
        for &g in &s.top_groups {
            self.group(g, 0, filtered);
        }
        // Always shown outside a search: dropping onto it moves things to the top level.
        let loose = &s.loose_teams;
        if self.branch(Branch::Loose, 0, !loose.is_empty(), filtered) {
            for &t in loose {
                self.team(t, 1, filtered);
            }
        }
        for body in [Branch::Eat, Branch::Ems] {
            let people = body_people(self.org, body);
            if self.branch(body, 0, !people.is_empty(), filtered) {
                for p in people {
                    self.person(body, p, 1, filtered);
                }
            }
        }
        let no_team = &self.outline.no_team;
        if !no_team.is_empty() && self.branch(Branch::NoTeam, 0, true, filtered) {
            for &p in no_team {
                self.person(Branch::NoTeam, p, 1, filtered);
            }
        }
        self.rows
    }

    /// Add a header or body row; returns whether its children should follow.
    fn branch(&mut self, b: Branch, depth: u16, expandable: bool, filtered: bool) -> bool {
        let below = self.matches.is_some_and(|m| m.branches_below.contains(&b));
        if filtered && !below {
            return false;
        }
        let expanded = expandable && self.outline.is_open(b, depth, below, self.large);
        self.push(Item::Branch(b), depth, expandable, expanded, false);
        expanded
    }

    fn push(&mut self, item: Item, depth: u16, expandable: bool, expanded: bool, hit: bool) {
        self.rows.push(Row {
            item,
            depth,
            expandable,
            expanded,
            hit,
        });
    }

    fn group(&mut self, g: GroupId, depth: u16, filtered: bool) {
        if !self.seen.insert(g) {
            return;
        }
        let (hit, below) = self.matches.map_or((false, false), |m| {
            (m.groups.contains(&g), m.groups_below.contains(&g))
        });
        if filtered && !hit && !below {
            return;
        }
        let s = &self.outline.structure;
        let expandable = !s.children(g).is_empty();
        let b = Branch::Group(g);
        let expanded = expandable && self.outline.is_open(b, depth, below, self.large);
        self.push(Item::Branch(b), depth, expandable, expanded, hit);
        if expanded {
            // Inside a matching group without matches below, show everything.
            let filtered = filtered && below;
            let kids: Vec<GroupId> = s.child_groups(g).collect();
            let teams: Vec<TeamId> = s.child_teams(g).collect();
            for c in kids {
                self.group(c, depth + 1, filtered);
            }
            for t in teams {
                self.team(t, depth + 1, filtered);
            }
        }
    }

    fn team(&mut self, t: TeamId, depth: u16, filtered: bool) {
        let Some(team) = self.org.team(t) else {
            return;
        };
        let (hit, below) = self.matches.map_or((false, false), |m| {
            (m.teams.contains(&t), m.teams_below.contains(&t))
        });
        if filtered && !hit && !below {
            return;
        }
        let b = Branch::Team(t);
        let expandable = team.headcount() > 0;
        let expanded = expandable && self.outline.is_open(b, depth, below, self.large);
        self.push(Item::Branch(b), depth, expandable, expanded, hit);
        if expanded {
            for p in team_people(self.org, team) {
                self.person(b, p, depth + 1, filtered && below);
            }
        }
    }

    fn person(&mut self, under: Branch, p: PersonId, depth: u16, filtered: bool) {
        let hit = self.matches.is_some_and(|m| m.people.contains(&p));
        if filtered && !hit {
            return;
        }
        self.push(Item::Person(under, p), depth, false, false, hit);
    }
}

// ---- what rows show -------------------------------------------------------------------------

/// How a row looks: its tag, its name (also its accessible label) and its count.
struct Look {
    tag: Option<(String, Color32)>,
    name: String,
    /// Roles after a person's name ("PO, Dev").
    roles: Option<String>,
    /// The row's label: the name, with a person's roles ("Ana Lima — PO").
    label: String,
    /// The row's accessible name: what it is, its name and its size ("Team Checkout, 10 people",
    /// "Scrum of Scrums Shopping, 4 teams"); a person's is the label.
    spoken: String,
    count: Option<usize>,
    header: bool,
}

impl Look {
    fn of(org: &Org, s: &Structure, no_team: &[PersonId], item: Item) -> Self {
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
                look.count = Some(no_team.len());
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
                look.count = Some(body_people(org, b).len());
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
        let people = |n: usize| super::count(n, "person", "people");
        look.spoken = match item {
            Item::Branch(Branch::Group(g)) => {
                let groups = s.child_groups(g).count();
                let teams = s.child_teams(g).count();
                let size = match (groups, teams) {
                    (0, 0) => "no members".to_string(),
                    (0, t) => super::count(t, "team", "teams"),
                    (g, 0) => super::count(g, "group", "groups"),
                    (g, t) => format!(
                        "{}, {}",
                        super::count(g, "group", "groups"),
                        super::count(t, "team", "teams")
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
                super::count(s.loose_teams.len(), "team", "teams")
            ),
            Item::Branch(Branch::NoTeam | Branch::Eat | Branch::Ems) => {
                format!("{}, {}", look.name, people(look.count.unwrap_or(0)))
            }
            Item::Person(..) => look.label.clone(),
        };
        look
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
    super::cards::c32(crate::diagram::level_accent(level))
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

/// A team's people: Product Owners, Scrum Masters, then Developers, each by name.
fn team_people(org: &Org, team: &Team) -> Vec<PersonId> {
    let mut people: Vec<PersonId> = team.people().into_iter().collect();
    people.sort_by_cached_key(|p| {
        (
            team.roles_of(*p).first().copied(),
            org.person_name(*p).to_lowercase(),
        )
    });
    people
}

/// The people of the EAT (PO, SM, members) or the EMS (facilitator, attendees), each once.
fn body_people(org: &Org, body: Branch) -> Vec<PersonId> {
    let mut people: Vec<PersonId> = Vec::new();
    let mut add = |p: PersonId| {
        if !people.contains(&p) {
            people.push(p);
        }
    };
    match body {
        Branch::Eat => {
            let eat = org.eat();
            eat.product_owner.into_iter().for_each(&mut add);
            eat.scrum_master.into_iter().for_each(&mut add);
            let mut rest: Vec<PersonId> = eat.members.iter().copied().collect();
            rest.sort_by_cached_key(|p| org.person_name(*p).to_lowercase());
            rest.into_iter().for_each(&mut add);
        }
        Branch::Ems => {
            let ems = org.ems();
            ems.facilitator.into_iter().for_each(&mut add);
            let mut rest: Vec<PersonId> = ems.attendees.iter().copied().collect();
            rest.sort_by_cached_key(|p| org.person_name(*p).to_lowercase());
            rest.into_iter().for_each(&mut add);
        }
        _ => {}
    }
    people
}

fn branch_of(item: Item) -> Branch {
    match item {
        Item::Branch(b) | Item::Person(b, _) => b,
    }
}

fn unit_selection(u: Unit) -> Selection {
    match u {
        Unit::Team(t) => Selection::Team(t),
        Unit::Group(g) => Selection::Group(g),
    }
}

fn exists(org: &Org, s: Selection) -> bool {
    match s {
        Selection::Team(t) => org.team(t).is_some(),
        Selection::Group(g) => org.group(g).is_some(),
        Selection::Person(p) => org.person(p).is_some(),
        Selection::Eat | Selection::Ems => true,
    }
}

fn hover_details(ui: &mut Ui, org: &Org, s: &Structure, item: Item) {
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

// ---- adding ---------------------------------------------------------------------------------

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

// ---- moving ---------------------------------------------------------------------------------

/// Whether `item` may move into `to` (a group, or the top level); else why not, in the model's
/// words ([`Command::check`]).
fn check_move(org: &Org, item: Unit, to: Option<GroupId>) -> Result<(), String> {
    Command::Move {
        item,
        to: to.map(Unit::Group),
    }
    .check(org)
    .map_err(|e| e.to_string())
}

/// Where dropping `item` onto a row moves it, or why it cannot go there.
fn drop_target(org: &Org, item: Unit, onto: Item) -> Result<Option<GroupId>, String> {
    let to = match onto {
        Item::Branch(Branch::Group(g)) => Some(g),
        Item::Branch(Branch::Loose) => None,
        Item::Branch(Branch::Team(t)) => {
            // Refused by the model (a team holds no teams or groups): its words.
            let into_team = Command::Move {
                item,
                to: Some(Unit::Team(t)),
            };
            return Err(into_team
                .check(org)
                .err()
                .map_or_else(|| "Drop onto a group".to_string(), |e| e.to_string()));
        }
        _ => {
            return Err(format!(
                "Drop onto a group, or onto “{LOOSE_TEAMS}” for the top level"
            ));
        }
    };
    check_move(org, item, to)?;
    Ok(to)
}

/// Every place `item` can move to: the top level, then groups by path.
fn move_targets(org: &Org, item: Unit) -> Vec<Target> {
    let mut groups: Vec<Target> = org
        .groups()
        .keys()
        .filter(|g| check_move(org, item, Some(**g)).is_ok())
        .map(|g| {
            let mut path: Vec<String> = org
                .ancestors(Unit::Group(*g))
                .into_iter()
                .rev()
                .map(|a| org.unit_name(Unit::Group(a)))
                .collect();
            path.push(org.unit_name(Unit::Group(*g)));
            let label = path.join(" / ");
            Target {
                to: Some(*g),
                key: label.to_lowercase(),
                label,
            }
        })
        .collect();
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    // Groups first, so that Enter on the first entry never takes a team out of every group by
    // accident; the top level comes last.
    let mut out = Vec::with_capacity(groups.len() + 1);
    out.extend(groups);
    if check_move(org, item, None).is_ok() {
        out.push(Target {
            to: None,
            label: TOP_LEVEL.to_string(),
            key: TOP_LEVEL.to_lowercase(),
        });
    }
    out
}

// ---- painting and helpers -------------------------------------------------------------------

/// The scroll offset that brings entry `index` into view, if it is not in view already.
fn scroll_into_view(index: usize, row_h: f32, offset: f32, height: f32) -> Option<f32> {
    let top = index as f32 * row_h;
    if height > 0.0 && top >= offset && top + row_h <= offset + height {
        return None;
    }
    Some((top - (height - row_h) / 2.0).max(0.0))
}

/// The scroll offset that brings entry `index` just into view (at the nearer edge), if it is not
/// in view already: for moving through a list one step at a time without jumps.
fn scroll_to_show(index: usize, row_h: f32, offset: f32, height: f32) -> Option<f32> {
    let top = index as f32 * row_h;
    if top < offset {
        Some(top)
    } else if top + row_h > offset + height {
        Some((top + row_h - height).max(0.0))
    } else {
        None
    }
}

/// Give a tree row its accessible name and properties, and, while it has the keyboard focus,
/// claim the arrow keys for it (else egui would move the focus to a neighbouring widget).
/// Returns whether it has the focus.
fn describe_row(ui: &Ui, resp: &Response, row: Row, look: &Look, selected: bool) -> bool {
    resp.widget_info(|| {
        WidgetInfo::selected(WidgetType::SelectableLabel, true, selected, &look.spoken)
    });
    ui.ctx().accesskit_node_builder(resp.id, |n| {
        n.set_role(Role::TreeItem);
        n.clear_toggled();
        n.set_selected(selected);
        n.set_level(usize::from(row.depth) + 1);
        if row.expandable {
            n.set_expanded(row.expanded);
            n.add_action(if row.expanded {
                egui::accesskit::Action::Collapse
            } else {
                egui::accesskit::Action::Expand
            });
        }
    });
    let focused = resp.has_focus();
    if focused {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                resp.id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: false,
                },
            );
        });
    }
    focused
}

/// One entry of the "Move to…" picker: a full-width, left-aligned selectable line.
fn pick_entry(ui: &mut Ui, label: &str, chosen: bool) -> Response {
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), PICK_H), Sense::click());
    resp.widget_info(|| WidgetInfo::selected(WidgetType::SelectableLabel, true, chosen, label));
    let visuals = ui.visuals();
    let color = if chosen {
        ui.painter()
            .rect_filled(rect, 3.0, visuals.selection.bg_fill);
        visuals.selection.stroke.color
    } else {
        if resp.hovered() {
            ui.painter()
                .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
        }
        visuals.text_color()
    };
    let job = LayoutJob {
        wrap: TextWrapping::truncate_at_width(rect.width() - 12.0),
        ..LayoutJob::simple_singleline(
            label.to_string(),
            TextStyle::Body.resolve(ui.style()),
            color,
        )
    };
    let galley = ui.painter().layout_job(job);
    ui.painter().galley(
        pos2(rect.left() + 6.0, rect.center().y - galley.size().y / 2.0),
        galley,
        color,
    );
    resp
}

/// Give a widget an accessible label (e.g. a search field that only has a hint).
fn set_label(ui: &Ui, id: Id, label: &str) {
    ui.ctx().accesskit_node_builder(id, |n| n.set_label(label));
}

fn paint_arrow(painter: &Painter, center: Pos2, open: bool, color: Color32) {
    let s = 4.0;
    let points = if open {
        vec![
            center + vec2(-s, -s / 2.0),
            center + vec2(s, -s / 2.0),
            center + vec2(0.0, s),
        ]
    } else {
        vec![
            center + vec2(-s / 2.0, -s),
            center + vec2(s, 0.0),
            center + vec2(-s / 2.0, s),
        ]
    };
    painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
}

/// Paint a small coloured tag with its left edge centred at `at`; returns its right edge.
fn paint_tag(painter: &Painter, at: Pos2, text: &str, color: Color32) -> f32 {
    let galley =
        painter.layout_no_wrap(text.to_string(), FontId::proportional(10.5), Color32::WHITE);
    let size = galley.size() + vec2(8.0, 2.0);
    let rect = Rect::from_min_size(pos2(at.x, at.y - size.y / 2.0), size);
    painter.rect_filled(rect, 3.0, color);
    painter.galley(rect.min + vec2(4.0, 1.0), galley, Color32::WHITE);
    rect.right()
}

/// A row's name, truncated to `width`, with the search match highlighted and a person's roles
/// after it.
fn name_job(
    look: &Look,
    needle: &str,
    font: FontId,
    color: Color32,
    weak: Color32,
    highlight: Color32,
    width: f32,
) -> LayoutJob {
    let mut job = LayoutJob {
        wrap: TextWrapping::truncate_at_width(width),
        ..LayoutJob::default()
    };
    let plain = TextFormat::simple(font.clone(), color);
    let name = look.name.as_str();
    match find_ignoring_case(name, needle) {
        Some(r) => {
            job.append(&name[..r.start], 0.0, plain.clone());
            job.append(
                &name[r.clone()],
                0.0,
                TextFormat {
                    background: highlight,
                    ..plain.clone()
                },
            );
            job.append(&name[r.end..], 0.0, plain);
        }
        None => job.append(name, 0.0, plain),
    }
    if let Some(roles) = &look.roles {
        job.append(&format!(" — {roles}"), 0.0, TextFormat::simple(font, weak));
    }
    job
}

/// Byte range of `needle` (lower case) in `hay`, ignoring case, when it can be mapped back.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let lower = hay.to_lowercase();
    if lower.len() != hay.len() {
        return None;
    }
    let start = lower.find(needle)?;
    let end = start + needle.len();
    (hay.is_char_boundary(start) && hay.is_char_boundary(end)).then_some(start..end)
}

/// Scroll the tree while a drag hovers near its top or bottom edge.
fn edge_scroll(ui: &Ui) {
    let Some(pos) = ui.ctx().pointer_interact_pos() else {
        return;
    };
    let clip = ui.clip_rect();
    if !clip.x_range().contains(pos.x) {
        return;
    }
    let step = if (clip.top()..clip.top() + EDGE_SCROLL).contains(&pos.y) {
        8.0
    } else if (clip.bottom() - EDGE_SCROLL..clip.bottom()).contains(&pos.y) {
        -8.0
    } else {
        return;
    };
    ui.scroll_with_delta(vec2(0.0, step));
    ui.ctx().request_repaint();
}

/// The label that follows the pointer during a drag: what moves, and where it would go.
fn drag_ghost(ui: &Ui, org: &Org, item: Unit, verdict: Option<Result<Option<GroupId>, String>>) {
    let Some(pos) = ui.ctx().pointer_interact_pos() else {
        return;
    };
    egui::Area::new(Id::new("outline_drag_ghost"))
        .fixed_pos(pos + vec2(16.0, 12.0))
        .order(egui::Order::Tooltip)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("Move {}", org.unit_name(item))).strong());
                match verdict {
                    Some(Ok(Some(g))) => {
                        ui.label(
                            RichText::new(format!("into {}", org.unit_name(Unit::Group(g))))
                                .color(GREEN),
                        );
                    }
                    Some(Ok(None)) => {
                        ui.label(RichText::new("to the top level").color(GREEN));
                    }
                    Some(Err(why)) => {
                        ui.label(RichText::new(why).color(RED));
                    }
                    None => {
                        ui.label(RichText::new("Drop onto a group").weak());
                    }
                }
            });
        });
}
