//! Moving teams and groups: by drag and drop onto a row, or with the keyboard "Move to…" picker
//! (Ctrl+M). Whether a move is allowed, and why not, is the model's word ([`Command::check`]):
//! the drop preview, the drag ghost and the picker's list all ask it.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Id, Key, Modifiers, Response, RichText, ScrollArea, Sense, TextEdit, TextStyle, Ui};
use egui::{pos2, vec2};

use super::rows::{Branch, Item, scroll_into_view};
use super::{GREEN, LOOSE_TEAMS, Outline, RED, set_label};
use crate::model::{Command, GroupId, Org, Unit};
use crate::ui::{PanelCtx, Selection};

/// Distance from the top or bottom edge of the tree at which a drag scrolls it.
const EDGE_SCROLL: f32 = 24.0;
/// Height of one entry in the "Move to…" picker.
const PICK_H: f32 = 22.0;
/// Height of the picker's list.
const PICKER_LIST_H: f32 = 260.0;
const TOP_LEVEL: &str = "Top level (no group)";
const PICKER_FILTER: &str = "Filter groups";

/// Drag-and-drop payload: the team or group being dragged in the outline.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dragged(pub(super) Unit);

/// One destination in the "Move to…" picker.
struct Target {
    to: Option<GroupId>,
    label: String,
    key: String,
}

/// The "Move to…" picker window.
pub(super) struct Picker {
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

impl Outline {
    pub(super) fn open_picker(&mut self, item: Unit) {
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

    pub(super) fn picker_ui(&mut self, ui: &Ui, cx: &mut PanelCtx) {
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
pub(super) fn drop_target(org: &Org, item: Unit, onto: Item) -> Result<Option<GroupId>, String> {
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

/// What a moved team or group is selected as.
pub(super) fn unit_selection(u: Unit) -> Selection {
    match u {
        Unit::Team(t) => Selection::Team(t),
        Unit::Group(g) => Selection::Group(g),
    }
}

/// One entry of the "Move to…" picker: a full-width, left-aligned selectable line.
fn pick_entry(ui: &mut Ui, label: &str, chosen: bool) -> Response {
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), PICK_H), Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::selected(egui::WidgetType::SelectableLabel, true, chosen, label)
    });
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

/// Scroll the tree while a drag hovers near its top or bottom edge.
pub(super) fn edge_scroll(ui: &Ui) {
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
pub(super) fn drag_ghost(
    ui: &Ui,
    org: &Org,
    item: Unit,
    verdict: Option<Result<Option<GroupId>, String>>,
) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TeamId;
    use crate::ui::outline::rows::tests::small_org;

    #[test]
    fn drops_go_into_groups_or_to_the_top_level_and_say_why_not() {
        let org = small_org();
        let cart = Unit::Team(TeamId(1));
        let payments = Item::Branch(Branch::Group(GroupId(2)));
        assert_eq!(drop_target(&org, cart, payments), Ok(Some(GroupId(2))));
        assert_eq!(
            drop_target(&org, cart, Item::Branch(Branch::Loose)),
            Ok(None)
        );
        // Where it is already: nothing to do, in the model's words.
        let shopping = Item::Branch(Branch::Group(GroupId(1)));
        let there = drop_target(&org, cart, shopping);
        assert!(there.is_err_and(|why| why.contains("already in Shopping")));
        // Onto a team, or a header that is no place: refused, with a reason.
        let onto_team = drop_target(&org, cart, Item::Branch(Branch::Team(TeamId(2))));
        assert!(onto_team.is_err_and(|why| !why.is_empty()));
        let onto_eat = drop_target(&org, cart, Item::Branch(Branch::Eat));
        assert!(onto_eat.is_err_and(|why| why.contains(LOOSE_TEAMS)));
        // A group into its own subgroup: the model's refusal.
        let into_child = drop_target(
            &org,
            Unit::Group(GroupId(1)),
            Item::Branch(Branch::Group(GroupId(2))),
        );
        let check = Command::Move {
            item: Unit::Group(GroupId(1)),
            to: Some(Unit::Group(GroupId(2))),
        }
        .check(&org)
        .unwrap_err()
        .to_string();
        assert_eq!(into_child, Err(check));
    }

    #[test]
    fn the_picker_offers_groups_by_path_then_the_top_level_never_the_subtree() {
        let org = small_org();
        let labels = |u: Unit| -> Vec<String> {
            move_targets(&org, u).into_iter().map(|t| t.label).collect()
        };
        assert_eq!(
            labels(Unit::Team(TeamId(4))),
            ["Shopping", "Shopping / Payments"],
            "already at the top level"
        );
        // A group cannot go into itself or below itself.
        assert_eq!(labels(Unit::Group(GroupId(1))), Vec::<String>::new());
        assert_eq!(labels(Unit::Group(GroupId(2))), [TOP_LEVEL]);
    }
}
