//! Drawing the tree: the rows in the scrolled viewport (and nothing else), each with its
//! background, focus ring, expand arrow, tag, highlighted name and count, and what a screen reader
//! needs of it (a tree item with a level, expanded or not, selected or not).
//!
//! A row also takes its clicks, drags and drops here; what they ask for comes back as
//! [`RowEvent`]s, carried out after the rows are drawn.

use std::ops::Range;

use egui::accesskit::Role;
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Color32, DragAndDrop, EventFilter, FontId, Painter, Pos2, Rect, Response, RichText, ScrollArea,
    Sense, Stroke, StrokeKind, TextStyle, Ui, WidgetInfo, WidgetType, pos2, vec2,
};

use super::look::{Look, hover_details};
use super::moving::{Dragged, drag_ghost, drop_target, edge_scroll};
use super::rows::{Branch, Item, Row};
use super::{GREEN, Outline, RED, ROW_H, RowEvent, row_id};
use crate::model::{GroupId, Unit};
use crate::ui::{Action, PanelCtx};

/// Horizontal step per tree level.
const INDENT: f32 = 14.0;
/// Width of the expand arrow's click area.
const ARROW_W: f32 = 16.0;
/// How long a collapsed group must be hovered during a drag before it opens.
const HOVER_EXPAND_SECS: f64 = 0.8;
/// The accessible name of the tree.
const TREE_LABEL: &str = "Outline";

impl Outline {
    pub(super) fn tree_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        if self.tree.rows().is_empty() {
            ui.label(RichText::new(if self.tree.searching() {
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
            let count = self.tree.rows().len();
            let cursor = self.tree.cursor().filter(|c| c.index < count);
            let out = area.show_rows(ui, ROW_H, count, |ui, range| {
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
                    let row = self.tree.rows()[i];
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
        let row = self.tree.rows()[index];
        let id = row_id(row.item);
        let rect = Rect::from_min_size(
            pos2(ui.max_rect().left(), top + index as f32 * ROW_H),
            vec2(ui.available_width(), ROW_H),
        );
        let resp = ui.interact(rect, id, Sense::focusable_noninteractive());
        let look = Look::of(cx.doc.org(), cx.doc.structure(), &self.tree, row.item);
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
        let structure = cx.doc.structure();
        let row = self.tree.rows()[index];
        let id = row_id(row.item);
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
        let look = Look::of(org, structure, &self.tree, row.item);
        let focused = describe_row(ui, &resp, row, &look, selected);
        if focused && self.tree.cursor().is_none_or(|c| c.item != row.item) {
            // Tabbed into (or focused by a screen reader): the keys start from here.
            self.tree.put_cursor(index);
        }
        // A screen reader's expand and collapse.
        let (expand, collapse) = ui.input(|i| {
            (
                i.has_accesskit_action_request(id, egui::accesskit::Action::Expand),
                i.has_accesskit_action_request(id, egui::accesskit::Action::Collapse),
            )
        });
        if row.expandable && (expand || collapse) && expand != row.expanded {
            events.push(RowEvent::Toggle(row.item.branch(), expand));
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
                events.push(RowEvent::Toggle(row.item.branch(), !row.expanded));
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
                &self.tree.needle(),
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
                    events.push(RowEvent::Toggle(row.item.branch(), !row.expanded));
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
            resp.on_hover_ui(|ui| hover_details(ui, org, structure, row.item))
        } else {
            resp
        };
        self.context_menu(&resp, cx, row.item, events);
        verdict
    }

    /// Put the cursor and the keyboard focus on a clicked row.
    fn take_focus(&mut self, resp: &Response, row: Row, index: usize) {
        self.tree.put_cursor(index);
        resp.ctx.memory_mut(|m| m.request_focus(row_id(row.item)));
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

#[cfg(test)]
mod tests {
    use super::find_ignoring_case;

    #[test]
    fn the_highlight_finds_the_match_in_any_case_and_skips_names_it_cannot_map() {
        assert_eq!(find_ignoring_case("Checkout", "out"), Some(5..8));
        assert_eq!(find_ignoring_case("CHECKOUT", "check"), Some(0..5));
        assert_eq!(find_ignoring_case("Checkout", ""), None);
        assert_eq!(find_ignoring_case("Checkout", "cart"), None);
        // "İ" lower-cases to two characters: no byte range maps back, so no highlight.
        assert_eq!(find_ignoring_case("İstanbul", "stan"), None);
    }
}
