//! The outline panel: the whole org as a collapsible tree.
//!
//! Top groups come first (each group shows its child groups, then its teams), then the teams in
//! no group, the EAT, the EMS and the people who hold no team seat. Teams, the EAT and the EMS
//! expand to their people.
//!
//! The tree scales to orgs with ten thousand teams: the expanded part of the tree is flattened
//! into a list of small rows, rebuilt only when the document, the expansion or the search
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
//!
//! The parts:
//! - this file: the panel's state, the frame (toolbar, search field, tree, picker), reveals and
//!   what a row asked for;
//! - [`rows`]: the row model, without egui: which rows show, expansion, search, the cursor;
//! - [`keys`]: the tree's keys, from egui's input to the row model's plan;
//! - [`paint`]: drawing the rows, their focus ring and their accessibility;
//! - [`look`]: what a row shows (tag, name, count, accessible name) and its hover text;
//! - [`edit`]: adding, renaming and deleting (toolbar, context menu, inline rename);
//! - [`moving`]: drag and drop, and the "Move to…" picker, refused in the model's words.

mod edit;
mod keys;
mod look;
mod moving;
mod paint;
mod rows;

use egui::{Color32, Id, RichText, TextEdit, Ui};

use super::document::Document;
use super::shortcuts::{Act, pressed};
use super::{Action, PanelCtx, Selection};
use crate::model::{Command, Unit};
use edit::Rename;
use look::Look;
use moving::{Picker, drop_target, unit_selection};
use rows::{Branch, Item, Tree, exists, scroll_into_view};

/// Height of one tree row; rows are packed without spacing so that `show_rows` can place them.
const ROW_H: f32 = 22.0;

const SEARCH_HINT: &str = "Search teams, groups, people";
/// The search field's widget id, so that the keyboard can go to it and come back from it.
const SEARCH_ID: &str = "outline_search";
/// The header of the teams in no group, also where a drop moves things to the top level.
const LOOSE_TEAMS: &str = "Teams in no group";

const GREEN: Color32 = super::cards::c32_const(crate::diagram::GREEN);
const RED: Color32 = super::cards::c32_const(crate::diagram::RED);

/// A pending "show this row": expand its ancestors and scroll to it.
#[derive(Clone, Copy, Debug)]
struct Reveal {
    target: Selection,
    /// Clear a search that hides the target (for items the outline itself just added or moved).
    clear_search: bool,
}

/// Outline panel state.
#[derive(Default)]
pub struct Outline {
    /// The rows, their expansion, the search and the cursor.
    tree: Tree,
    pending: Option<Reveal>,
    scroll_to: Option<f32>,
    /// Scroll offset and height of the tree last frame.
    view: (f32, f32),
    rename: Option<Rename>,
    picker: Option<Picker>,
    /// A collapsed group hovered during a drag, and since when.
    hover_expand: Option<(Branch, f64)>,
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
        if self.tree.searching() {
            ui.label(RichText::new(match self.tree.match_count() {
                0 => "No matches".to_string(),
                1 => "1 match".to_string(),
                n => format!("{n} matches"),
            }))
            .on_hover_text("Teams, groups and people whose name contains the search text");
        }
        ui.separator();
        self.tree_ui(ui, cx);
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

    /// Rebuild the rows if the document, the expansion or the search changed.
    fn refresh(&mut self, doc: &Document) {
        // A rename whose row went away (deleted, folded or filtered out) is abandoned.
        if self.tree.refresh(doc)
            && let Some(r) = &self.rename
            && !self.tree.shows(r.item)
        {
            self.rename = None;
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
        self.tree.expand_to(doc.org(), r.target);
        self.refresh(doc);
        let mut index = self.tree.row_of(r.target);
        if index.is_none() && r.clear_search && self.tree.searching() {
            self.tree.set_search(String::new());
            self.refresh(doc);
            index = self.tree.row_of(r.target);
        }
        if let Some(i) = index {
            let (offset, height) = self.view;
            self.scroll_to = scroll_into_view(i, ROW_H, offset, height);
        }
    }

    /// Apply a command that creates or moves something, select it and show it.
    fn apply_and_show(&mut self, cx: &mut PanelCtx, cmd: Command, s: Selection) {
        cx.actions.push(Action::ApplyAndSelect(cmd, s));
        self.pending = Some(Reveal {
            target: s,
            clear_search: true,
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
        let mut search = self.tree.search().to_string();
        let changed = ui
            .horizontal(|ui| {
                let clear_w = if search.is_empty() { 0.0 } else { 24.0 };
                let edit = ui.add(
                    TextEdit::singleline(&mut search)
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
                // Escape takes the focus from the field (egui does that); it also clears the
                // search.
                if edit.lost_focus() && pressed(&ctx, Act::ClearSearch) && !search.is_empty() {
                    search.clear();
                    changed = true;
                }
                if !search.is_empty() {
                    let clear = ui.small_button("×");
                    set_label(ui, clear.id, "Clear search");
                    if clear.on_hover_text("Clear search").clicked() {
                        search.clear();
                        changed = true;
                    }
                }
                changed
            })
            .inner;
        if changed {
            self.tree.set_search(search);
        }
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

    /// Carry out what a row or its menu asked for.
    fn handle(&mut self, cx: &mut PanelCtx, e: RowEvent) {
        let org = cx.doc.org();
        match e {
            RowEvent::Toggle(b, open) => self.tree.set_open(b, open),
            RowEvent::Rename(item) => {
                let look = Look::of(org, cx.doc.structure(), &self.tree, item);
                self.rename = Some(Rename::new(item, look.name));
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
}

/// The widget id of the row showing `item`.
fn row_id(item: Item) -> Id {
    Id::new(("outline_row", item))
}

/// Give a widget an accessible label (e.g. a search field that only has a hint).
fn set_label(ui: &Ui, id: Id, label: &str) {
    ui.ctx().accesskit_node_builder(id, |n| n.set_label(label));
}
