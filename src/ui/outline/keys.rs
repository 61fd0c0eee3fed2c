//! The tree's keys, taken from the shortcut table, and the keyboard focus that goes with them.
//!
//! The keys act only while a row of the tree has the keyboard focus (or, for Down, the search
//! field), so typing elsewhere never moves the outline. This file reads them from egui and keeps
//! the focus on the cursor's row; where each key goes is the row model's
//! ([`super::rows::Tree::plan`]).

use egui::{FocusDirection, Id, Ui};

use super::rows::{Open, Presses, scroll_to_show};
use super::{Outline, ROW_H, SEARCH_ID, row_id};
use crate::ui::shortcuts::{Act, pressed, presses};
use crate::ui::{Action, PanelCtx};

impl Outline {
    /// Read the tree's keys and carry out what they ask for.
    pub(super) fn keys(&mut self, ui: &Ui, cx: &mut PanelCtx) {
        let ctx = ui.ctx().clone();
        let focused = ctx.memory(|m| m.focused());
        let had_focus = self
            .tree
            .cursor()
            .is_some_and(|c| Some(row_id(c.item)) == focused);
        self.tree.follow_selection(cx.selection);
        self.tree.locate_cursor();
        if std::mem::take(&mut self.to_first_match) {
            if let Some(i) = self.tree.first_match() {
                self.go(&ctx, cx, i);
            }
            return;
        }
        let Some(c) = self.tree.cursor() else {
            self.tree_focused = false;
            return;
        };
        let id = row_id(c.item);
        if had_focus && Some(id) != focused {
            // The focused row went away (folded or deleted) or the selection moved the cursor:
            // the focus stays in the tree.
            ctx.memory_mut(|m| m.request_focus(id));
        } else if Some(id) != focused {
            self.tree_focused = false;
            return;
        }
        if !std::mem::replace(&mut self.tree_focused, true) {
            // Tabbed into: show where the cursor is.
            self.scroll_to = scroll_to_show(c.index, ROW_H, self.view.0, self.view.1);
        }
        let row = self.tree.rows()[c.index];
        let page = ((self.view.1 / ROW_H) as usize).saturating_sub(1).max(1);
        // Read in this order: each takes its keys out of the frame's input.
        let keys = Presses {
            ups: presses(&ctx, Act::OutlineUp),
            downs: presses(&ctx, Act::OutlineDown),
            left: pressed(&ctx, Act::OutlineCollapse),
            right: pressed(&ctx, Act::OutlineExpand),
            first: pressed(&ctx, Act::OutlineFirst),
            last: pressed(&ctx, Act::OutlineLast),
            page_up: pressed(&ctx, Act::OutlinePageUp),
            page_down: pressed(&ctx, Act::OutlinePageDown),
            toggle: pressed(&ctx, Act::OutlineToggle),
            open: pressed(&ctx, Act::OutlineOpen),
        };
        if keys.arrows() {
            // The arrows are ours: egui must not also move the focus to a neighbouring widget.
            ctx.memory_mut(|m| m.move_focus(FocusDirection::None));
        }
        let plan = self.tree.plan(&keys, page, cx.selection);
        if plan.to_search {
            ctx.memory_mut(|m| m.request_focus(Id::new(SEARCH_ID)));
        }
        match plan.open {
            Some(Open::Reveal(s)) => cx.actions.push(Action::Reveal(s)),
            Some(Open::Select(s)) => cx.select(Some(s)),
            None => {}
        }
        if let Some(open) = plan.toggle {
            self.tree.set_open(row.item.branch(), open);
            self.refresh(cx.doc);
            self.tree.locate_cursor();
        }
        if let Some(j) = plan.to {
            self.go(&ctx, cx, j);
        }
    }

    /// Move the cursor, the focus and the selection to row `i` (the last row if the list became
    /// shorter this frame, e.g. End pressed together with a collapse), and scroll it into view.
    pub(super) fn go(&mut self, ctx: &egui::Context, cx: &mut PanelCtx, i: usize) {
        let Some(last) = self.tree.rows().len().checked_sub(1) else {
            return;
        };
        let i = i.min(last);
        let row = self.tree.rows()[i];
        self.tree.put_cursor(i);
        ctx.memory_mut(|m| m.request_focus(row_id(row.item)));
        if let Some(s) = row.item.selection()
            && cx.selection != Some(s)
        {
            cx.select(Some(s));
        }
        self.scroll_to = scroll_to_show(i, ROW_H, self.view.0, self.view.1);
    }
}
