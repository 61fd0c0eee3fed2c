//! Painting the Growth view's picture: links trimmed to the shapes' edges, the shapes, and labels
//! that stay legible at any zoom without overlapping (placed in priority order, shortened or
//! moved beside their shape when space is tight), and the colour key.

use egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use rustc_hash::FxHashMap as HashMap;

use super::picture::{Item, Kind, Picture};
use crate::diagram::{self, CardKind};
use crate::ui::cards::{self, c32};

/// Teams get labels once their pentagons are this large on screen (points).
const TEAM_LABEL_RADIUS: f32 = 12.0;

impl Picture {
    /// Paint the picture: links first, trimmed to the shapes' edges so none runs under or
    /// through a shape, then the shapes, then the labels.
    pub(super) fn paint(
        &self,
        painter: &Painter,
        zoom: f32,
        at: &impl Fn(Pos2) -> Pos2,
        dark: bool,
        hovered: Option<usize>,
    ) {
        let clip = painter.clip_rect();
        let mut shapes: Vec<Shape> = Vec::with_capacity(self.items.len() * 2 + self.links.len());
        let link = Stroke::new(1.3, c32(diagram::link_color(dark)));
        for &(a, b) in &self.links {
            let (ia, ib) = (&self.items[a], &self.items[b]);
            if ib.kind == Kind::Team && ib.half.x * zoom < 1.0 {
                continue;
            }
            let (pa, pb) = (at(ia.center), at(ib.center));
            if !clip.intersects(Rect::from_two_pos(pa, pb)) {
                continue;
            }
            let d = pb - pa;
            if d.length() < 1e-3 {
                continue;
            }
            let dir = d.normalized();
            let start = pa + dir * edge_distance(ia, dir, zoom);
            let end = pb - dir * edge_distance(ib, -dir, zoom);
            if (end - start).dot(dir) > 0.5 {
                shapes.push(Shape::line_segment([start, end], link));
            }
        }
        for (i, it) in self.items.iter().enumerate() {
            let c = at(it.center);
            let half = it.half * zoom;
            if !clip.intersects(Rect::from_center_size(c, half * 2.0)) {
                continue;
            }
            let hover = hovered == Some(i);
            shapes.extend(item_shapes(it, c, half, dark, hover));
        }
        painter.extend(shapes);
        self.paint_labels(painter, zoom, at, dark);
    }

    /// Names at a legible size whatever the zoom, in priority order (the EAT and EMS, then
    /// groups from the top level down, then teams). A label that would overlap one already
    /// placed, or the EAT and EMS boxes, moves beside its shape or takes a shorter form, and is
    /// left out only if none fits; the hover text always has the full name.
    fn paint_labels(&self, painter: &Painter, zoom: f32, at: &impl Fn(Pos2) -> Pos2, dark: bool) {
        let clip = painter.clip_rect().expand(60.0);
        let mut placed = Placed::default();
        self.paint_body_labels(painter, zoom, at, dark, &mut placed);
        let team_colors = diagram::colors(
            CardKind::Team {
                virtual_team: false,
            },
            dark,
        );
        // Team labels keep clear of other teams' and groups' shapes (group labels, placed
        // first, may lie over shapes: they are few and on a background of their own).
        let mut shapes = Placed::default();
        let team_r = self
            .items
            .iter()
            .find(|it| it.kind == Kind::Team)
            .map_or(0.0, |it| it.half.x * zoom);
        if team_r >= TEAM_LABEL_RADIUS {
            for (i, it) in self.items.iter().enumerate() {
                let c = at(it.center);
                if matches!(it.kind, Kind::Team | Kind::Group(_)) && clip.contains(c) {
                    shapes.add_owned(Rect::from_center_size(c, it.half * zoom * 1.6), i);
                }
            }
        }
        for &i in &self.order {
            let it = &self.items[i];
            let c = at(it.center);
            let half = it.half * zoom;
            if !clip.contains(c) {
                continue;
            }
            let style = match it.kind {
                // A group's label may take its whole cluster's width.
                Kind::Group(level) if it.reach * zoom >= 18.0 => LabelStyle {
                    size: (14.0 * zoom).clamp(12.0, 18.0),
                    room: 1.8 * it.reach * zoom,
                    fill: c32(diagram::level_accent(level)),
                    text: Color32::WHITE,
                    stroke: Stroke::new(1.0, Color32::from_white_alpha(90)),
                },
                // A team's a little more than its pentagon.
                Kind::Team if half.x >= TEAM_LABEL_RADIUS => LabelStyle {
                    size: (12.0 * zoom).clamp(11.0, 15.0),
                    room: 3.4 * half.x,
                    fill: c32(team_colors.fill),
                    text: c32(team_colors.text),
                    stroke: Stroke::new(1.0, c32(team_colors.accent)),
                },
                _ => continue,
            };
            let font = FontId::proportional(style.size);
            'names: for name in &it.names() {
                let g = painter.layout_no_wrap(name.clone(), font.clone(), style.text);
                let size = g.size() + LABEL_PAD * 2.0;
                if size.x > style.room {
                    continue;
                }
                // Close up there is room under the name for the counts.
                let detail = (half.y >= 2.4 * size.y && size.x <= 1.5 * half.x).then(|| {
                    painter.layout_no_wrap(
                        it.detail(),
                        FontId::proportional(style.size * 0.85),
                        style.text,
                    )
                });
                let total = match &detail {
                    Some(d) => vec2(
                        size.x.max(d.size().x + LABEL_PAD.x * 2.0),
                        size.y + d.size().y,
                    ),
                    None => size,
                };
                // On the shape, else just below it, else just above.
                let below = vec2(0.0, half.y + total.y / 2.0 + 4.0);
                for offset in [Vec2::ZERO, below, -below] {
                    let r = Rect::from_center_size(c + offset, total);
                    if placed.hits(r) || (it.kind == Kind::Team && shapes.hits_other(r, i)) {
                        continue;
                    }
                    placed.add(r);
                    let inside = offset == Vec2::ZERO
                        && r.width() <= half.x * 1.6
                        && r.height() <= half.y * 1.2;
                    draw_label(painter, r, g, detail, &style, !inside);
                    break 'names;
                }
            }
        }
    }

    /// The EAT's and EMS's names: inside their boxes when they fit, else one label naming both
    /// beside the pair. The boxes are reserved first so no other label covers them.
    fn paint_body_labels(
        &self,
        painter: &Painter,
        zoom: f32,
        at: &impl Fn(Pos2) -> Pos2,
        dark: bool,
        placed: &mut Placed,
    ) {
        let bodies: Vec<&Item> = self
            .items
            .iter()
            .filter(|it| matches!(it.kind, Kind::Eat | Kind::Ems))
            .collect();
        if bodies.is_empty() {
            return;
        }
        let rects: Vec<Rect> = bodies
            .iter()
            .map(|it| Rect::from_center_size(at(it.center), it.half * zoom * 2.0))
            .collect();
        for r in &rects {
            placed.add(*r);
        }
        let style = |kind: Kind| {
            let c = diagram::colors(
                if kind == Kind::Eat {
                    CardKind::Eat
                } else {
                    CardKind::Ems
                },
                dark,
            );
            LabelStyle {
                size: (13.0 * zoom).clamp(11.0, 16.0),
                room: f32::INFINITY,
                fill: c32(c.fill),
                text: c32(c.text),
                stroke: Stroke::new(1.0, c32(c.accent)),
            }
        };
        let fits = bodies.iter().zip(&rects).all(|(it, r)| {
            let s = style(it.kind);
            let g =
                painter.layout_no_wrap(it.names()[0].clone(), FontId::proportional(s.size), s.text);
            g.size().x + 4.0 <= r.width() && g.size().y <= r.height()
        });
        if fits {
            for (it, r) in bodies.iter().zip(&rects) {
                let s = style(it.kind);
                let font = FontId::proportional(s.size);
                let g = painter.layout_no_wrap(it.names()[0].clone(), font, s.text);
                let detail = (r.height() >= 2.6 * g.size().y).then(|| {
                    painter.layout_no_wrap(it.detail(), FontId::proportional(s.size * 0.85), s.text)
                });
                let h =
                    g.size().y + detail.as_ref().map_or(0.0, |d| d.size().y) + 2.0 * LABEL_PAD.y;
                let label = Rect::from_center_size(r.center(), vec2(r.width(), h));
                draw_label(painter, label, g, detail, &s, false);
            }
            return;
        }
        let s = style(Kind::Eat);
        let names: Vec<String> = bodies.iter().map(|it| it.names()[0].clone()).collect();
        let g = painter.layout_no_wrap(names.join(" · "), FontId::proportional(s.size), s.text);
        let size = g.size() + LABEL_PAD * 2.0;
        let pair = rects.iter().fold(Rect::NOTHING, |a, b| a.union(*b));
        let below = vec2(0.0, pair.height() / 2.0 + size.y / 2.0 + 4.0);
        for offset in [below, -below] {
            let r = Rect::from_center_size(pair.center() + offset, size);
            if !placed.hits(r) {
                placed.add(r);
                draw_label(painter, r, g, None, &s, true);
                return;
            }
        }
    }
}

/// Inner margin of a label's background.
const LABEL_PAD: Vec2 = vec2(5.0, 1.5);

/// How one kind of label looks and how wide it may be.
struct LabelStyle {
    size: f32,
    room: f32,
    fill: Color32,
    text: Color32,
    stroke: Stroke,
}

/// A name (and counts under it) centred in `r`, on a background when it sticks out of its shape.
fn draw_label(
    painter: &Painter,
    r: Rect,
    name: std::sync::Arc<egui::Galley>,
    detail: Option<std::sync::Arc<egui::Galley>>,
    style: &LabelStyle,
    background: bool,
) {
    if background {
        painter.rect(
            r,
            CornerRadius::same(4),
            style.fill,
            style.stroke,
            StrokeKind::Inside,
        );
    }
    let height = name.size().y + detail.as_ref().map_or(0.0, |d| d.size().y);
    let top = r.center() - vec2(0.0, height / 2.0);
    let name_h = name.size().y;
    painter.galley(top - vec2(name.size().x / 2.0, 0.0), name, style.text);
    if let Some(d) = detail {
        painter.galley(top + vec2(-d.size().x / 2.0, name_h), d, style.text);
    }
}

/// Distance from an item's centre to its outline in direction `dir`, on screen.
fn edge_distance(it: &Item, dir: Vec2, zoom: f32) -> f32 {
    let half = it.half * zoom;
    match it.kind {
        Kind::Eat | Kind::Ems => {
            let tx = if dir.x.abs() > 1e-6 {
                half.x / dir.x.abs()
            } else {
                f32::INFINITY
            };
            let ty = if dir.y.abs() > 1e-6 {
                half.y / dir.y.abs()
            } else {
                f32::INFINITY
            };
            tx.min(ty)
        }
        // A pentagon's edge lies between its inner and outer radius.
        Kind::Team => half.x * 0.9,
        Kind::Group(_) => half.x,
    }
}

/// The outline of one item at screen centre `c` with screen half size `half`.
fn item_shapes(it: &Item, c: Pos2, half: Vec2, dark: bool, hover: bool) -> Vec<Shape> {
    let highlight = Stroke::new(2.5, c32(diagram::SELECTION));
    match it.kind {
        Kind::Team => {
            let colors = diagram::colors(
                CardKind::Team {
                    virtual_team: false,
                },
                dark,
            );
            let r = half.x;
            if r < 2.0 {
                return vec![Shape::circle_filled(c, r.max(0.8), c32(colors.accent))];
            }
            let points = cards::pentagon(c, r);
            let stroke = if hover {
                highlight
            } else {
                Stroke::new(1.0, c32(colors.accent))
            };
            vec![Shape::convex_polygon(points, c32(colors.fill), stroke)]
        }
        Kind::Group(level) => {
            let accent = c32(diagram::level_accent(level));
            let r = half.x.max(1.0);
            let stroke = if hover {
                highlight
            } else {
                Stroke::new(1.0, accent.gamma_multiply(0.6))
            };
            vec![
                Shape::circle_filled(c, r, accent.gamma_multiply(0.9)),
                Shape::circle_stroke(c, r, stroke),
            ]
        }
        Kind::Eat | Kind::Ems => {
            let kind = if it.kind == Kind::Eat {
                CardKind::Eat
            } else {
                CardKind::Ems
            };
            let colors = diagram::colors(kind, dark);
            let rect = Rect::from_center_size(c, (half * 2.0).max(Vec2::splat(2.0)));
            let stroke = if hover {
                highlight
            } else {
                Stroke::new(1.0, c32(colors.accent))
            };
            let radius = CornerRadius::same((half.y * 0.2).clamp(0.0, 6.0) as u8);
            vec![
                Shape::rect_filled(rect, radius, c32(colors.fill)),
                Shape::rect_stroke(rect, radius, stroke, StrokeKind::Inside),
            ]
        }
    }
}

/// Labels placed so far (or shapes to keep clear), each with the item it belongs to, in a coarse
/// grid for quick overlap tests.
#[derive(Default)]
struct Placed {
    rects: Vec<(Rect, usize)>,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Placed {
    const CELL: f32 = 64.0;
    /// Owner of rects that belong to no one item.
    const NOBODY: usize = usize::MAX;

    fn cells_of(r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (r.min.x / Self::CELL).floor() as i32,
            (r.max.x / Self::CELL).floor() as i32,
        );
        let (y0, y1) = (
            (r.min.y / Self::CELL).floor() as i32,
            (r.max.y / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Whether `r` (with a small margin) overlaps a rect of another owner than `me`.
    fn hits_other(&self, r: Rect, me: usize) -> bool {
        let r = r.expand(2.0);
        Self::cells_of(r).any(|cell| {
            self.cells.get(&cell).is_some_and(|v| {
                v.iter().any(|i| {
                    let (other, owner) = self.rects[*i];
                    (owner != me || me == Self::NOBODY) && other.intersects(r)
                })
            })
        })
    }

    fn hits(&self, r: Rect) -> bool {
        self.hits_other(r, Self::NOBODY)
    }

    fn add_owned(&mut self, r: Rect, owner: usize) {
        let i = self.rects.len();
        self.rects.push((r, owner));
        for cell in Self::cells_of(r) {
            self.cells.entry(cell).or_default().push(i);
        }
    }

    fn add(&mut self, r: Rect) {
        self.add_owned(r, Self::NOBODY);
    }
}

/// What the colours of the picture mean, in its bottom-left corner.
pub(super) fn key_overlay(painter: &Painter, rect: Rect, dark: bool) {
    let team = diagram::colors(
        CardKind::Team {
            virtual_team: false,
        },
        dark,
    );
    let entries = [
        (c32(team.fill), c32(team.accent), "team"),
        (c32(diagram::level_accent(1)), Color32::TRANSPARENT, "SoS"),
        (c32(diagram::level_accent(2)), Color32::TRANSPARENT, "SoSoS"),
        (
            c32(diagram::level_accent(3)),
            Color32::TRANSPARENT,
            "higher levels",
        ),
    ];
    let font = FontId::proportional(12.0);
    let text = c32(diagram::colors(CardKind::Eat, dark).text);
    let galleys: Vec<_> = entries
        .iter()
        .map(|(_, _, t)| painter.layout_no_wrap(t.to_string(), font.clone(), text))
        .collect();
    let width: f32 = galleys.iter().map(|g| g.size().x + 26.0).sum::<f32>() + 8.0;
    let height = 22.0;
    let bg = Rect::from_min_size(
        rect.left_bottom() + vec2(8.0, -height - 8.0),
        vec2(width, height),
    );
    if !rect.contains_rect(bg) {
        return;
    }
    let panel = if dark {
        Color32::from_black_alpha(170)
    } else {
        Color32::from_white_alpha(210)
    };
    painter.rect_filled(bg, CornerRadius::same(5), panel);
    let mut x = bg.left() + 10.0;
    for ((fill, stroke, _), g) in entries.iter().zip(galleys) {
        let c = pos2(x + 5.0, bg.center().y);
        painter.circle(c, 5.5, *fill, Stroke::new(1.0, *stroke));
        let w = g.size().x;
        painter.galley(pos2(x + 14.0, bg.center().y - g.size().y / 2.0), g, text);
        x += w + 26.0;
    }
}
