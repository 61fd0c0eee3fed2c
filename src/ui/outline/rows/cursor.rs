//! The keyboard cursor: the row that takes the keys, as in a file manager's tree.
//!
//! Where each key takes it (Up/Down, Left to the parent, Right to the first child, Home/End,
//! PageUp/PageDown), where it lands when its row goes away (folded, deleted, filtered out), and
//! the scroll offset that brings a row into view. The panel reads the keys from egui and hands
//! them over as [`Presses`]; what it gets back is a [`Plan`] to carry out.

use super::super::super::Selection;
use super::{Row, Tree};

/// The row that takes the keyboard: the tree's one stop in the Tab order.
#[derive(Clone, Copy, Debug)]
pub(in crate::ui::outline) struct Cursor {
    pub(in crate::ui::outline) item: super::Item,
    /// Where the row was last seen, to find it fast and to find a neighbour if it goes away.
    pub(in crate::ui::outline) index: usize,
    depth: u16,
}

/// The tree's keys pressed this frame.
#[derive(Clone, Copy, Debug, Default)]
pub(in crate::ui::outline) struct Presses {
    /// Every press this frame counts: a fast typist's two Downs move two rows.
    pub(in crate::ui::outline) ups: usize,
    pub(in crate::ui::outline) downs: usize,
    /// Collapse, else go to the parent.
    pub(in crate::ui::outline) left: bool,
    /// Expand, else go to the first child.
    pub(in crate::ui::outline) right: bool,
    pub(in crate::ui::outline) first: bool,
    pub(in crate::ui::outline) last: bool,
    pub(in crate::ui::outline) page_up: bool,
    pub(in crate::ui::outline) page_down: bool,
    /// Space: expand or collapse.
    pub(in crate::ui::outline) toggle: bool,
    /// Enter: open in the inspector, then show on the canvas.
    pub(in crate::ui::outline) open: bool,
}

impl Presses {
    /// Whether an arrow key was pressed (which egui would otherwise use to move the focus).
    pub(in crate::ui::outline) fn arrows(&self) -> bool {
        self.ups > 0 || self.downs > 0 || self.left || self.right
    }
}

/// What the keys ask for, in the order the panel carries it out: open, toggle, then go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::ui::outline) struct Plan {
    /// Up on the first row: the keyboard goes to the search field.
    pub(in crate::ui::outline) to_search: bool,
    /// What Enter does with the row's selection.
    pub(in crate::ui::outline) open: Option<Open>,
    /// Expand (true) or collapse the cursor's row.
    pub(in crate::ui::outline) toggle: Option<bool>,
    /// The row to move to (an index in the rows before the toggle), if it is another row.
    pub(in crate::ui::outline) to: Option<usize>,
}

/// What Enter does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::ui::outline) enum Open {
    /// Show it in the inspector.
    Select(Selection),
    /// Shown in the inspector already: show it on the canvas too.
    Reveal(Selection),
}

impl Tree {
    pub(in crate::ui::outline) fn cursor(&self) -> Option<Cursor> {
        self.cursor
    }

    /// Put the cursor on row `index`.
    pub(in crate::ui::outline) fn put_cursor(&mut self, index: usize) {
        let row = self.rows[index];
        self.cursor = Some(Cursor {
            item: row.item,
            index,
            depth: row.depth,
        });
    }

    /// A selection made elsewhere (canvas, findings, a new item) brings the cursor along.
    pub(in crate::ui::outline) fn follow_selection(&mut self, selection: Option<Selection>) {
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
            self.put_cursor(i);
        }
    }

    /// Find the cursor's row again after the rows were rebuilt. If it is gone (its branch was
    /// folded, it was deleted or filtered out), the cursor goes to the row that took its place
    /// at the same depth, else to the nearest row above it at a lower depth.
    pub(in crate::ui::outline) fn locate_cursor(&mut self) {
        let Some(c) = self.cursor else {
            return;
        };
        if self.rows.get(c.index).is_some_and(|r| r.item == c.item) {
            return;
        }
        if let Some(i) = self.rows.iter().position(|r| r.item == c.item) {
            self.put_cursor(i);
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
        self.put_cursor(i);
    }

    /// What the keys do from the cursor's row (which must be located). `page`: rows per page;
    /// `selection`: what is selected now.
    pub(in crate::ui::outline) fn plan(
        &self,
        keys: &Presses,
        page: usize,
        selection: Option<Selection>,
    ) -> Plan {
        let mut plan = Plan::default();
        let Some(c) = self.cursor else {
            return plan;
        };
        let rows = &self.rows;
        let row = rows[c.index];
        let i = c.index;
        let last = rows.len() - 1;
        let (up, down) = (keys.ups > 0, keys.downs > 0);
        let mut to = None;
        if up && !down && i == 0 {
            plan.to_search = true;
        } else if up || down {
            to = Some((i + keys.downs).saturating_sub(keys.ups).min(last));
        }
        if keys.left {
            if row.expanded {
                plan.toggle = Some(false);
            } else {
                to = parent(rows, i);
            }
        }
        if keys.right {
            if row.expandable && !row.expanded {
                plan.toggle = Some(true);
            } else if row.expanded && rows.get(i + 1).is_some_and(|r| r.depth > row.depth) {
                to = Some(i + 1);
            }
        }
        if keys.first {
            to = Some(0);
        }
        if keys.last {
            to = Some(last);
        }
        if keys.page_up {
            to = Some(i.saturating_sub(page));
        }
        if keys.page_down {
            to = Some((i + page).min(last));
        }
        if keys.toggle && row.expandable {
            plan.toggle = Some(!row.expanded);
        }
        if keys.open {
            match row.item.selection() {
                Some(s) if selection == Some(s) && s.node().is_some() => {
                    plan.open = Some(Open::Reveal(s));
                }
                // A person has no card of their own.
                Some(s) if selection == Some(s) => {}
                Some(s) => plan.open = Some(Open::Select(s)),
                None if row.expandable => plan.toggle = Some(!row.expanded),
                None => {}
            }
        }
        plan.to = to.filter(|j| *j != i);
        plan
    }
}

/// The row above `i` one level up.
fn parent(rows: &[Row], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| rows[j].depth < rows[i].depth)
}

/// The scroll offset that brings entry `index` into view, if it is not in view already.
pub(in crate::ui::outline) fn scroll_into_view(
    index: usize,
    row_h: f32,
    offset: f32,
    height: f32,
) -> Option<f32> {
    let top = index as f32 * row_h;
    if height > 0.0 && top >= offset && top + row_h <= offset + height {
        return None;
    }
    Some((top - (height - row_h) / 2.0).max(0.0))
}

/// The scroll offset that brings entry `index` just into view (at the nearer edge), if it is not
/// in view already: for moving through a list one step at a time without jumps.
pub(in crate::ui::outline) fn scroll_to_show(
    index: usize,
    row_h: f32,
    offset: f32,
    height: f32,
) -> Option<f32> {
    let top = index as f32 * row_h;
    if top < offset {
        Some(top)
    } else if top + row_h > offset + height {
        Some((top + row_h - height).max(0.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{lines, small_org, tree};
    use super::super::{Branch, Item};
    use super::*;
    use crate::model::{Command, GroupId, PersonId, TeamId};
    use crate::ui::document::Document;

    fn at(tree: &mut Tree, s: Selection) -> usize {
        let i = tree.row_of(s).expect("row shown");
        tree.put_cursor(i);
        i
    }

    fn keys(f: impl FnOnce(&mut Presses)) -> Presses {
        let mut k = Presses::default();
        f(&mut k);
        k
    }

    const PAGE: usize = 3;

    #[test]
    fn left_goes_to_the_parent_and_right_to_the_first_child() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        let billing = at(&mut tree, Selection::Team(TeamId(3)));
        let payments = tree.row_of(Selection::Group(GroupId(2))).unwrap();
        let left = tree.plan(&keys(|k| k.left = true), PAGE, None);
        assert_eq!(left.to, Some(payments));
        assert_eq!(left.toggle, None);
        tree.put_cursor(payments);
        // On an open row Left collapses it, and Right goes to its first child.
        let left = tree.plan(&keys(|k| k.left = true), PAGE, None);
        assert_eq!((left.toggle, left.to), (Some(false), None));
        let right = tree.plan(&keys(|k| k.right = true), PAGE, None);
        assert_eq!((right.toggle, right.to), (None, Some(billing)));
        // On a closed row Right expands it.
        at(&mut tree, Selection::Team(TeamId(1)));
        let right = tree.plan(&keys(|k| k.right = true), PAGE, None);
        assert_eq!((right.toggle, right.to), (Some(true), None));
    }

    #[test]
    fn left_on_a_closed_top_row_stays() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.set_open(Branch::Group(GroupId(1)), false);
        tree.refresh(&doc);
        tree.put_cursor(0);
        assert_eq!(
            tree.plan(&keys(|k| k.left = true), PAGE, None),
            Plan::default()
        );
    }

    #[test]
    fn up_and_down_move_by_every_press_and_stop_at_the_ends() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.put_cursor(1);
        assert_eq!(tree.plan(&keys(|k| k.downs = 2), PAGE, None).to, Some(3));
        assert_eq!(tree.plan(&keys(|k| k.ups = 1), PAGE, None).to, Some(0));
        let last = tree.rows().len() - 1;
        assert_eq!(
            tree.plan(&keys(|k| k.downs = 99), PAGE, None).to,
            Some(last)
        );
        // Up on the first row goes to the search field.
        tree.put_cursor(0);
        let up = tree.plan(&keys(|k| k.ups = 1), PAGE, None);
        assert!(up.to_search);
        assert_eq!(up.to, None);
    }

    #[test]
    fn home_end_and_pages() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        let last = tree.rows().len() - 1;
        tree.put_cursor(4);
        assert_eq!(tree.plan(&keys(|k| k.first = true), PAGE, None).to, Some(0));
        assert_eq!(
            tree.plan(&keys(|k| k.last = true), PAGE, None).to,
            Some(last)
        );
        assert_eq!(
            tree.plan(&keys(|k| k.page_up = true), PAGE, None).to,
            Some(1)
        );
        assert_eq!(
            tree.plan(&keys(|k| k.page_down = true), PAGE, None).to,
            Some(7)
        );
        tree.put_cursor(last);
        let down = tree.plan(&keys(|k| k.page_down = true), PAGE, None);
        assert_eq!(down.to, None, "already on the last row");
    }

    #[test]
    fn space_toggles_and_enter_selects_then_reveals() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        let cart = Selection::Team(TeamId(1));
        at(&mut tree, cart);
        let space = tree.plan(&keys(|k| k.toggle = true), PAGE, None);
        assert_eq!(space.toggle, Some(true));
        let enter = keys(|k| k.open = true);
        assert_eq!(tree.plan(&enter, PAGE, None).open, Some(Open::Select(cart)));
        assert_eq!(
            tree.plan(&enter, PAGE, Some(cart)).open,
            Some(Open::Reveal(cart))
        );
        // A person has no card: Enter on a selected person does nothing more.
        let zoe = Selection::Person(PersonId(3));
        at(&mut tree, zoe);
        assert_eq!(tree.plan(&enter, PAGE, Some(zoe)), Plan::default());
        // A header has nothing to select: Enter folds it.
        let header = tree
            .rows()
            .iter()
            .position(|r| r.item == Item::Branch(Branch::NoTeam))
            .unwrap();
        tree.put_cursor(header);
        assert_eq!(tree.plan(&enter, PAGE, None).toggle, Some(false));
    }

    #[test]
    fn a_folded_cursor_row_hands_the_cursor_to_its_parent() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        at(&mut tree, Selection::Team(TeamId(3)));
        tree.set_open(Branch::Group(GroupId(2)), false);
        tree.refresh(&doc);
        tree.locate_cursor();
        let c = tree.cursor().unwrap();
        assert_eq!(c.item, Item::Branch(Branch::Group(GroupId(2))));
        assert_eq!(c.index, 1);
        // A row that only moved down or up keeps the cursor.
        at(&mut tree, Selection::Team(TeamId(1)));
        tree.set_open(Branch::Group(GroupId(2)), true);
        tree.refresh(&doc);
        tree.locate_cursor();
        let c = tree.cursor().unwrap();
        assert_eq!(c.item, Item::Branch(Branch::Team(TeamId(1))));
        assert_eq!(c.index, 3);
    }

    #[test]
    fn a_deleted_cursor_row_hands_the_cursor_to_the_row_in_its_place() {
        let mut doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        at(&mut tree, Selection::Team(TeamId(1)));
        doc.apply(Command::RemoveTeam(TeamId(1))).unwrap();
        tree.refresh(&doc);
        tree.locate_cursor();
        let c = tree.cursor().unwrap();
        assert_eq!(c.item, Item::Branch(Branch::Team(TeamId(2))));
        // And a row that only moved is found where it went.
        doc.apply(Command::move_team(TeamId(2), None)).unwrap();
        tree.refresh(&doc);
        tree.locate_cursor();
        let c = tree.cursor().unwrap();
        assert_eq!(lines(&tree, doc.org())[c.index], "  Checkout");
        assert_eq!(tree.rows()[c.index - 1].item, Item::Branch(Branch::Loose));
    }

    #[test]
    fn the_cursor_follows_a_selection_made_elsewhere() {
        let doc = Document::new(small_org(), None);
        let mut tree = tree(&doc);
        tree.follow_selection(Some(Selection::Group(GroupId(2))));
        assert_eq!(tree.cursor().map(|c| c.index), Some(1));
        // Moved by the keys, the cursor stays where it is while the selection does not change.
        tree.put_cursor(3);
        tree.follow_selection(Some(Selection::Group(GroupId(2))));
        assert_eq!(tree.cursor().map(|c| c.index), Some(3));
    }

    #[test]
    fn scrolling_shows_a_row_only_when_it_is_out_of_view() {
        // 10 rows of 20 in a 100 high view scrolled to 40: rows 2 to 6 show.
        assert_eq!(scroll_to_show(3, 20.0, 40.0, 100.0), None);
        assert_eq!(scroll_to_show(1, 20.0, 40.0, 100.0), Some(20.0));
        assert_eq!(scroll_to_show(8, 20.0, 40.0, 100.0), Some(80.0));
        assert_eq!(scroll_into_view(3, 20.0, 40.0, 100.0), None);
        // Far away: centred.
        assert_eq!(scroll_into_view(20, 20.0, 40.0, 100.0), Some(360.0));
        assert_eq!(scroll_into_view(0, 20.0, 40.0, 100.0), Some(0.0));
    }
}
