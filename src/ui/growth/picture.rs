//! The grown org as the Growth view draws it: the fractal layout's shapes and links, what each
//! shape is called (names, shorter forms, counts), the zoom and pan of the picture, and the
//! picture's part of the view with its summary line. Painting it is [`super::paint`].

use std::cmp::Reverse;

use egui::{Pos2, Rect, Sense, Ui, Vec2, pos2, vec2};
use rustc_hash::FxHashMap as HashMap;

use super::paint::key_overlay;
use super::{GrowthView, Shown, thousands};
use crate::diagram::ellipsis;
use crate::layout::{self, Node};
use crate::model::{GroupId, Org, Structure};
use crate::ui::canvas::Navigation;
use crate::words::plural;

/// Smallest and largest zoom of the picture.
const ZOOM_MIN: f32 = 0.002;
const ZOOM_MAX: f32 = 4.0;

impl GrowthView {
    /// The grown org's summary line, zoom controls and picture.
    pub(super) fn picture_ui(&mut self, ui: &mut Ui) {
        let Some(r) = &self.result else {
            return;
        };
        let Shown {
            groups,
            moves,
            existing,
            stats,
            picture,
        } = match &r.grown {
            Ok(shown) => shown,
            Err(e) => {
                ui.centered_and_justified(|ui| ui.label(e.to_string()));
                return;
            }
        };
        let way = match self.frame {
            Some(_) if self.playing => format!(" (playing to {})", thousands(self.teams as f64)),
            Some(_) => format!(" (paused on the way to {})", thousands(self.teams as f64)),
            None => String::new(),
        };
        // From empty, how many moves growing took; grown from the design, which of its teams
        // and groups move, said on a line of their own below.
        let moved = match existing {
            Some(_) => String::new(),
            None => format!(" · {} moves", thousands(*moves as f64)),
        };
        let summary = format!(
            "{} teams{way} · {} groups on {} levels · {} people{moved}",
            thousands(stats.teams as f64),
            thousands(*groups as f64),
            stats.levels,
            thousands(stats.people as f64),
        );
        let mut zoom_by = None;
        let mut fit = false;
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            ui.label(summary);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add_space(6.0);
                fit = ui
                    .button("Fit")
                    .on_hover_text("Show the whole org")
                    .clicked();
                if ui.button("Zoom in").clicked() {
                    zoom_by = Some(1.25);
                }
                ui.label(format!("{:.0} %", self.view.zoom * 100.0))
                    .on_hover_text("Zoom level: wheel to zoom, drag to pan");
                if ui.button("Zoom out").clicked() {
                    zoom_by = Some(1.0 / 1.25);
                }
            });
        });
        if let Some((line, all)) = existing {
            // "1 existing team moves: Order Tracking moved from Fulfilment to Customer SoS", on
            // one line; all of them on hover.
            ui.horizontal(|ui| {
                ui.add_space(8.0);
                let r = ui.add(egui::Label::new(egui::RichText::new(line).small()).truncate());
                if !all.is_empty() {
                    r.on_hover_text(all);
                }
            });
        }
        if fit {
            self.view.auto_fit = true;
        }
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let rect = response.rect;
        let view = &mut self.view;
        if view.auto_fit {
            view.fit(picture.bounds, rect.size());
        }
        if let Some(f) = zoom_by {
            view.zoom_about(f, rect.size() / 2.0);
        }
        if response.hovered() {
            let nav = ui.input(|i| Navigation::from_events(&i.events));
            if nav.zoom != 1.0 {
                let at = ui
                    .input(|i| i.pointer.hover_pos())
                    .map_or(rect.size() / 2.0, |p| p - rect.min);
                view.zoom_about(nav.zoom, at);
            }
            if nav.pan != Vec2::ZERO {
                view.pan += nav.pan;
                view.auto_fit = false;
            }
        }
        if response.dragged() {
            view.pan += response.drag_delta();
            view.auto_fit = false;
        }
        let dark = ui.visuals().dark_mode;
        let at = |p: Pos2| rect.min + view.pan + p.to_vec2() * view.zoom;
        let hovered = response
            .hover_pos()
            .and_then(|p| picture.item_at(p, &at, view.zoom));
        picture.paint(&painter, view.zoom, &at, dark, hovered);
        key_overlay(&painter, rect, dark);
        if let Some(i) = hovered {
            let item = &picture.items[i];
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&item.full);
                ui.label(item.detail());
            });
        }
    }
}

/// Zoom and pan of the picture. Until the user zooms or pans it fits the whole org, also while
/// it grows; *Fit* goes back to that.
pub(super) struct PictureView {
    zoom: f32,
    /// Screen offset of the layout's origin from the picture's top-left corner.
    pan: Vec2,
    auto_fit: bool,
}

impl Default for PictureView {
    fn default() -> Self {
        PictureView {
            zoom: 1.0,
            pan: Vec2::ZERO,
            auto_fit: true,
        }
    }
}

impl PictureView {
    fn fit(&mut self, bounds: Rect, size: Vec2) {
        let margin = 24.0;
        if size.x <= 2.0 * margin || size.y <= 2.0 * margin || bounds.area() <= 0.0 {
            return;
        }
        self.zoom = ((size.x - 2.0 * margin) / bounds.width())
            .min((size.y - 2.0 * margin) / bounds.height())
            .clamp(ZOOM_MIN, 1.0);
        self.pan = (size - bounds.size() * self.zoom) / 2.0 - bounds.min.to_vec2() * self.zoom;
    }

    /// Zoom by `factor` keeping the point `at` (relative to the picture's corner) in place.
    fn zoom_about(&mut self, factor: f32, at: Vec2) {
        let zoom = (self.zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX);
        let f = zoom / self.zoom;
        self.pan = at - (at - self.pan) * f;
        self.zoom = zoom;
        self.auto_fit = false;
    }
}

/// What a shape of the picture stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Team,
    Group(u32),
    Eat,
    Ems,
}

/// One shape of the picture, in layout units.
pub(super) struct Item {
    pub(super) kind: Kind,
    pub(super) center: Pos2,
    /// Half width and height; the radius of a pentagon or circle.
    pub(super) half: Vec2,
    /// Radius of the circle around `center` that holds this item and all below it.
    pub(super) reach: f32,
    /// Full name, for the hover text and close-up labels.
    pub(super) full: String,
    /// Counts under the name (worded only when shown: a picture has thousands of items).
    counts: Counts,
}

/// What an item's counts line says.
#[derive(Clone, Copy)]
enum Counts {
    People(usize),
    Teams(usize),
    GroupsAndTeams(usize, usize),
    Members(usize),
    Attendees(usize),
}

impl Item {
    /// Label texts, longest first: the full name, then shorter forms for tight spaces.
    pub(super) fn names(&self) -> Vec<String> {
        let name = &self.full;
        match self.kind {
            Kind::Team => candidates([
                name.clone(),
                ellipsis(name.clone(), 8),
                ellipsis(name.clone(), 5),
            ]),
            Kind::Group(level) => {
                let short = without_level(name, level).unwrap_or_else(|| name.clone());
                candidates([name.clone(), short.clone(), ellipsis(short, 8)])
            }
            Kind::Eat => vec!["EAT".to_string()],
            Kind::Ems => vec!["EMS".to_string()],
        }
    }

    /// The counts line: "5 people", "2 groups · 10 teams", ...
    pub(super) fn detail(&self) -> String {
        match self.counts {
            Counts::People(n) => plural(n, "person", "people"),
            Counts::Teams(n) => plural(n, "team", "teams"),
            Counts::GroupsAndTeams(groups, teams) => format!(
                "{} · {}",
                plural(groups, "group", "groups"),
                plural(teams, "team", "teams")
            ),
            Counts::Members(n) => plural(n, "member", "members"),
            Counts::Attendees(n) => plural(n, "attendee", "attendees"),
        }
    }
}

/// The grown org as the view draws it: the fractal layout's shapes and links, and what each
/// shape is called.
pub(super) struct Picture {
    pub(super) items: Vec<Item>,
    pub(super) links: Vec<(usize, usize)>,
    pub(super) bounds: Rect,
    /// Items in label priority: top groups first, level by level down, then teams.
    pub(super) order: Vec<usize>,
}

/// A group's name without its level word ("Payments 2 SoS" gives "Payments 2").
fn without_level(name: &str, level: u32) -> Option<String> {
    let suffix = format!(" {}", Structure::level_label(level));
    name.strip_suffix(&suffix)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Label texts, longest first, without repeats.
fn candidates(forms: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in forms {
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

impl Picture {
    pub(super) fn new(org: &Org) -> Self {
        let l = layout::fractal(org);
        let s = org.structure();
        // Groups bottom-up, and the teams below each.
        let mut groups: Vec<GroupId> = org.groups().keys().copied().collect();
        groups.sort_by_key(|g| s.level(*g));
        let mut teams_below: HashMap<GroupId, usize> = HashMap::default();
        for g in &groups {
            let below = s.child_teams(*g).count()
                + s.child_groups(*g)
                    .map(|c| teams_below.get(&c).copied().unwrap_or(0))
                    .sum::<usize>();
            teams_below.insert(*g, below);
        }
        let mut index: HashMap<Node, usize> = HashMap::default();
        let mut items = Vec::with_capacity(l.boxes.len());
        for (node, r) in &l.boxes {
            let (cx, cy) = r.center();
            let (kind, full, counts) = match node {
                Node::Team(t) => {
                    let team = &org.teams()[t];
                    (
                        Kind::Team,
                        team.name.clone(),
                        Counts::People(team.headcount()),
                    )
                }
                Node::Group(g) => {
                    let groups = s.child_groups(*g).count();
                    let counts = if groups == 0 {
                        Counts::Teams(s.children(*g).len())
                    } else {
                        Counts::GroupsAndTeams(groups, teams_below.get(g).copied().unwrap_or(0))
                    };
                    (
                        Kind::Group(s.level(*g)),
                        org.groups()[g].name.clone(),
                        counts,
                    )
                }
                Node::Eat => (
                    Kind::Eat,
                    "Executive Action Team".to_string(),
                    Counts::Members(org.eat().members.len()),
                ),
                Node::Ems => (
                    Kind::Ems,
                    "Executive MetaScrum".to_string(),
                    Counts::Attendees(org.ems().attendees.len()),
                ),
            };
            index.insert(*node, items.len());
            items.push(Item {
                kind,
                center: pos2(cx, cy),
                half: vec2(r.w / 2.0, r.h / 2.0),
                reach: r.w.max(r.h) / 2.0,
                full,
                counts,
            });
        }
        let links = l
            .edges
            .iter()
            .filter_map(|e| Some((*index.get(&e.from)?, *index.get(&e.to)?)))
            .collect();
        // Reach bottom-up: a group holds its members' circles.
        for g in groups {
            let Some(&gi) = index.get(&Node::Group(g)) else {
                continue;
            };
            let mut reach = items[gi].reach;
            for child in s.children(g) {
                if let Some(&ci) = index.get(&Node::from(*child)) {
                    let d = (items[ci].center - items[gi].center).length();
                    reach = reach.max(d + items[ci].reach);
                }
            }
            items[gi].reach = reach;
        }
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|i| match items[*i].kind {
            Kind::Group(level) => (0, Reverse(level)),
            Kind::Team => (1, Reverse(0)),
            Kind::Eat | Kind::Ems => (2, Reverse(0)),
        });
        let b = l.bounds;
        Picture {
            items,
            links,
            bounds: Rect::from_min_size(pos2(b.x, b.y), vec2(b.w, b.h)),
            order,
        }
    }

    /// The item under the screen point `p`, if any (the smallest first).
    pub(super) fn item_at(&self, p: Pos2, at: &impl Fn(Pos2) -> Pos2, zoom: f32) -> Option<usize> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                let c = at(it.center);
                let half = (it.half * zoom).max(Vec2::splat(3.0));
                match it.kind {
                    Kind::Eat | Kind::Ems => Rect::from_center_size(c, half * 2.0).contains(p),
                    _ => c.distance(p) <= half.x,
                }
            })
            .min_by(|a, b| a.1.half.x.total_cmp(&b.1.half.x))
            .map(|(i, _)| i)
    }
}
