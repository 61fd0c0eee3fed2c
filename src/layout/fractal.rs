//! The fractal layout, drawn like the pictures of the Scrum@Scale guide: teams as pentagons
//! arranged in a ring around their Scrum of Scrums, SoS rings around their SoSoS, and so on, with
//! the EAT and EMS at the centre of the top group. Each cluster is a circle that contains its
//! whole subtree; sibling circles never overlap, so neither do the shapes inside them.

use std::f32::consts::PI;

use rustc_hash::FxHashMap as HashMap;

use super::{Edge, Layout, Node, Rect, Route, Shape};
use crate::model::{GroupId, Org, Structure, Unit};

/// Sizes of the fractal layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FractalMetrics {
    /// Radius of a team pentagon.
    pub team_r: f32,
    /// Radius of a group's own marker at its cluster's centre.
    pub group_r: f32,
    /// Space between neighbouring shapes and rings.
    pub gap: f32,
    /// Width and height of the EAT and EMS boxes at the centre.
    pub body_w: f32,
    pub body_h: f32,
}

impl Default for FractalMetrics {
    fn default() -> Self {
        FractalMetrics {
            team_r: 62.0,
            group_r: 80.0,
            gap: 26.0,
            body_w: 170.0,
            body_h: 72.0,
        }
    }
}

/// The fractal layout with default sizes.
pub fn fractal(org: &Org) -> Layout {
    fractal_with(org, &FractalMetrics::default())
}

/// Radius of the circle on which `m` circles of radius `c` sit without overlapping, around a
/// centre disc of radius `inner`.
fn ring_radius(m: usize, c: f32, inner: f32, gap: f32) -> f32 {
    let around = inner + gap + c;
    if m <= 1 {
        return around;
    }
    let chord = (c + gap / 2.0) / (PI / m as f32).sin();
    around.max(chord)
}

/// The fractal layout with explicit sizes.
pub fn fractal_with(org: &Org, m: &FractalMetrics) -> Layout {
    fractal_of(org, &org.structure(), m)
}

/// The fractal layout of `s`, the org's structure as a view shows it.
pub(super) fn fractal_of(org: &Org, s: &Structure, m: &FractalMetrics) -> Layout {
    let bodies = Bodies::of(org);
    // Bottom-up: each group's cluster radius and ring radius.
    let mut order: Vec<GroupId> = org.groups().keys().copied().collect();
    order.sort_by_key(|g| (s.level(*g), *g));
    let top = s.top_groups.first().copied();
    let holds_bodies = |g: GroupId| bodies.any() && Some(g) == top;
    let mut cluster: HashMap<GroupId, (f32, f32)> = HashMap::default();
    for &g in &order {
        let kids = s.children(g);
        let radii: Vec<f32> = kids
            .iter()
            .map(|u| match u {
                Unit::Team(_) => m.team_r,
                Unit::Group(c) => cluster.get(c).map_or(m.group_r, |x| x.0),
            })
            .collect();
        let c = radii.iter().copied().fold(0.0f32, f32::max);
        let entry = if holds_bodies(g) {
            let boxes = bodies.boxes(m, (0.0, 0.0), kids.len());
            let reach = boxes
                .iter()
                .map(|(_, r)| far_corner(r))
                .fold(m.group_r, f32::max);
            if kids.is_empty() {
                (reach, 0.0)
            } else {
                let ring = ring_beside_bodies(&radii, m, &boxes);
                ((ring + c).max(reach), ring)
            }
        } else if kids.is_empty() {
            (m.group_r, 0.0)
        } else {
            let ring = ring_radius(kids.len(), c, m.group_r, m.gap);
            (ring + c, ring)
        };
        cluster.insert(g, entry);
    }

    let mut out = Layout {
        style: super::Style::Fractal,
        ..Layout::default()
    };
    // Top-level units (top groups and loose teams) sit on a ring around the origin.
    let tops: Vec<Unit> = s
        .top_groups
        .iter()
        .map(|g| Unit::Group(*g))
        .chain(s.loose_teams.iter().map(|t| Unit::Team(*t)))
        .collect();
    let radius_of = |u: &Unit| match u {
        Unit::Team(_) => m.team_r,
        Unit::Group(g) => cluster.get(g).map_or(m.group_r, |x| x.0),
    };
    // Each unit to place with its centre and the direction from it to its parent, if any.
    let mut placed: Vec<(Unit, f32, f32, Option<f32>)> = Vec::with_capacity(tops.len());
    if let [only] = tops.as_slice() {
        placed.push((*only, 0.0, 0.0, None));
    } else if !tops.is_empty() {
        // The first (largest in practice) at the centre, the rest on a ring around it.
        let first = tops[0];
        placed.push((first, 0.0, 0.0, None));
        let rest = &tops[1..];
        let c = rest.iter().map(radius_of).fold(0.0f32, f32::max);
        let ring = ring_radius(rest.len(), c, radius_of(&first), m.gap * 3.0);
        for (i, u) in rest.iter().enumerate() {
            let a = angle(i, rest.len());
            placed.push((*u, ring * a.cos(), ring * a.sin(), Some(a + PI)));
        }
    }
    // Top-down placement with an explicit stack.
    let mut stack = placed;
    while let Some((unit, x, y, back)) = stack.pop() {
        match unit {
            Unit::Team(t) => {
                out.push_shaped(
                    Node::Team(t),
                    Rect::new(x - m.team_r, y - m.team_r, 2.0 * m.team_r, 2.0 * m.team_r),
                    Shape::Pentagon,
                );
            }
            Unit::Group(g) => {
                let marker = Rect::new(
                    x - m.group_r,
                    y - m.group_r,
                    2.0 * m.group_r,
                    2.0 * m.group_r,
                );
                out.push_shaped(Node::Group(g), marker, Shape::Circle);
                let kids = s.children(g);
                // The members ring the marker evenly, mirrored about the line to the parent (or
                // to the EAT and EMS beneath the marker), which runs through the middle of a gap.
                let back = if holds_bodies(g) {
                    for (body, r) in bodies.boxes(m, (x, y), kids.len()) {
                        out.push_shaped(body, r, Shape::Box);
                        out.edges.push(Edge {
                            from: body,
                            to: Node::Group(g),
                            route: Route::Straight,
                        });
                    }
                    Some(PI / 2.0)
                } else {
                    back
                };
                let ring = cluster.get(&g).map_or(0.0, |c| c.1);
                for (i, child) in kids.iter().enumerate() {
                    let a = back.map_or_else(|| angle(i, kids.len()), |b| around(b, i, kids.len()));
                    let (cx, cy) = (x + ring * a.cos(), y + ring * a.sin());
                    out.edges.push(Edge {
                        from: Node::Group(g),
                        to: Node::from(*child),
                        route: Route::Straight,
                    });
                    stack.push((*child, cx, cy, Some(a + PI)));
                }
            }
        }
    }
    // Bodies with no groups at all: at the origin.
    if top.is_none() && bodies.any() {
        let h = bodies.column_height(m);
        let dy = -h / 2.0 - bodies_top(m, 0);
        for (body, r) in bodies.boxes(m, (0.0, dy), 0) {
            out.push_shaped(body, r, Shape::Box);
        }
    }
    out
}

/// The EAT and EMS that the top group holds at its centre, in a column beneath its marker: the
/// EAT on top, the EMS under it.
struct Bodies {
    eat: bool,
    ems: bool,
}

impl Bodies {
    fn of(org: &Org) -> Bodies {
        Bodies {
            eat: !org.eat().is_empty(),
            ems: !org.ems().is_empty(),
        }
    }

    fn any(&self) -> bool {
        self.eat || self.ems
    }

    fn shown(&self) -> impl Iterator<Item = Node> {
        [(Node::Eat, self.eat), (Node::Ems, self.ems)]
            .into_iter()
            .filter(|(_, show)| *show)
            .map(|(n, _)| n)
    }

    fn column_height(&self, m: &FractalMetrics) -> f32 {
        let k = self.shown().count() as f32;
        k * m.body_h + (k - 1.0).max(0.0) * m.gap
    }

    /// The boxes of the bodies under the marker centred at `c` of a group with `n` members.
    fn boxes(&self, m: &FractalMetrics, c: (f32, f32), n: usize) -> Vec<(Node, Rect)> {
        let mut y = c.1 + bodies_top(m, n);
        self.shown()
            .map(|node| {
                let r = Rect::new(c.0 - m.body_w / 2.0, y, m.body_w, m.body_h);
                y += m.body_h + m.gap;
                (node, r)
            })
            .collect()
    }
}

/// Distance from the origin to the farthest corner of a rect.
fn far_corner(r: &Rect) -> f32 {
    let x = r.x.abs().max(r.right().abs());
    let y = r.y.abs().max(r.bottom().abs());
    (x * x + y * y).sqrt()
}

/// Distance from a point to a rect (0 inside).
fn distance_to(p: (f32, f32), r: &Rect) -> f32 {
    let dx = (r.x - p.0).max(p.0 - r.right()).max(0.0);
    let dy = (r.y - p.1).max(p.1 - r.bottom()).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// The ring radius of the top group's members (cluster radii `radii`, at the angles of
/// [`angle_around_bodies`]) around its marker at the origin with the EAT and EMS `boxes` beneath
/// it: the smallest at which every member keeps a gap from the marker, its neighbours and the
/// boxes. All members share it, so they sit evenly and symmetrically around their parent, as
/// close as the boxes let them.
fn ring_beside_bodies(radii: &[f32], m: &FractalMetrics, boxes: &[(Node, Rect)]) -> f32 {
    let n = radii.len();
    let c = radii.iter().copied().fold(0.0f32, f32::max);
    let clear = |ring: f32| {
        radii.iter().enumerate().all(|(i, r)| {
            let a = angle_around_bodies(i, n);
            let p = (ring * a.cos(), ring * a.sin());
            boxes.iter().all(|(_, b)| distance_to(p, b) >= r + m.gap)
        })
    };
    let mut ring = ring_radius(n, c, m.group_r, m.gap);
    let step = (m.gap / 16.0).max(0.25);
    while !clear(ring) {
        ring += step;
    }
    ring
}

/// Angle of the i-th of n members, starting at the top and going clockwise.
fn angle(i: usize, n: usize) -> f32 {
    -PI / 2.0 + 2.0 * PI * i as f32 / n.max(1) as f32
}

/// Angle of the i-th of n members of a group whose link to its parent leaves at angle `back`:
/// evenly spaced and mirrored about that link, which runs through the middle of a gap.
fn around(back: f32, i: usize, n: usize) -> f32 {
    let n = n.max(1) as f32;
    back + PI / n + 2.0 * PI * i as f32 / n
}

/// Angle of the i-th of n members of the group that holds the EAT and EMS: turned so that the
/// bodies, below the marker, sit in the middle of the gap between two members' links.
fn angle_around_bodies(i: usize, n: usize) -> f32 {
    around(PI / 2.0, i, n)
}

/// How far below the top group's centre the EAT and EMS start: just under the marker, or lower
/// when the links to its `n` members would otherwise cut through the column (each link leaves the
/// centre at half a gap, PI / n, from straight down).
fn bodies_top(m: &FractalMetrics, n: usize) -> f32 {
    let near = m.group_r + m.gap * 0.5;
    if n <= 2 {
        return near;
    }
    let half_w = m.body_w * 0.5;
    near.max(half_w / (PI / n as f32).tan() + m.gap * 0.5)
}

/// Font size of a name in a fractal shape at zoom 1.
pub const NAME_SIZE: f32 = 13.0;
/// Font size of the detail lines and the headcount badge at zoom 1.
pub const DETAIL_SIZE: f32 = 11.0;
/// How far a label's text shrinks, as a share of its size, before anything is shortened.
pub const MIN_SHRINK: f32 = 0.65;

/// What goes inside a team pentagon or a group circle.
#[derive(Clone, Copy, Debug)]
pub struct LabelText<'a> {
    /// The whole name.
    pub name: &'a str,
    /// Smaller lines under the name (a group's level and its roles); `true` marks a line drawn
    /// on a warning pill (a missing role).
    pub details: &'a [(&'a str, bool)],
    /// A team's headcount, drawn on a pill.
    pub badge: Option<&'a str>,
}

/// Which part of a label a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelPart {
    Name,
    /// The detail line with this index in [`LabelText::details`].
    Detail(usize),
    Badge,
}

/// One line of a fitted label, centred horizontally on the shape.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelLine {
    pub part: LabelPart,
    pub text: String,
    pub size: f32,
    /// Top of the line (of its pill, if it has one), measured down from the shape's centre.
    pub top: f32,
    /// Whether the line sits on a pill, [`pill_width`] wide and `height` high, its text
    /// [`PILL_INSET`] sizes below the pill's top.
    pub pill: bool,
    pub height: f32,
}

/// How far a pill's text sits below the pill's top, in font sizes.
pub const PILL_INSET: f32 = 0.15;

/// Width of the pill around a text `w` wide at `size`.
pub fn pill_width(w: f32, size: f32) -> f32 {
    w + size * 0.9
}

/// How wide a shape of radius `r` centred at the origin is at height `y` (down from the centre).
fn shape_width(shape: Shape, r: f32, y: f32) -> f32 {
    match shape {
        Shape::Pentagon => {
            // Vertex on top; the widest points (cos 18°, -sin 18°) and the bottom corners
            // (sin 36°, cos 36°), in radii.
            let (wide_x, wide_y) = (0.951_056_5, -0.309_017);
            let (foot_x, foot_y) = (0.587_785_3, 0.809_017);
            let t = y / r;
            let half = if t < -1.0 || t > foot_y {
                0.0
            } else if t <= wide_y {
                wide_x * (t + 1.0) / (wide_y + 1.0)
            } else {
                wide_x - (wide_x - foot_x) * (t - wide_y) / (foot_y - wide_y)
            };
            2.0 * half * r
        }
        _ => 2.0 * (r * r - y * y).max(0.0).sqrt(),
    }
}

/// A text measured once: the width in ems of each of its prefixes, so any run of it is
/// measured at any size without measuring again.
struct Measured {
    chars: Vec<char>,
    /// `prefix[i]`: width of the first `i` characters, in ems.
    prefix: Vec<f32>,
}

impl Measured {
    fn new(text: &str, advance: &dyn Fn(char) -> f32) -> Measured {
        let chars: Vec<char> = text.chars().collect();
        let mut prefix = Vec::with_capacity(chars.len() + 1);
        prefix.push(0.0);
        for c in &chars {
            prefix.push(prefix.last().unwrap() + advance(*c));
        }
        Measured { chars, prefix }
    }

    /// Width in ems of characters `from..to`.
    fn width(&self, (from, to): (usize, usize)) -> f32 {
        self.prefix[to] - self.prefix[from]
    }

    fn text(&self, (from, to): (usize, usize)) -> String {
        self.chars[from..to].iter().collect()
    }
}

/// How much of a label may be shortened to make it fit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// Nothing.
    Nothing,
    /// Detail lines too wide.
    Details,
    /// Detail lines and the name's last line.
    Name,
}

/// One line to place: a run of a measured text.
struct Row<'m> {
    part: LabelPart,
    source: &'m Measured,
    run: (usize, usize),
    size: f32,
    pill: bool,
    height: f32,
}

/// Fitting one label into one shape.
struct Fitter {
    shape: Shape,
    r: f32,
    scale: f32,
    line_height: f32,
    /// Width of "…" in ems.
    ellipsis: f32,
    name: Measured,
    details: Vec<(Measured, bool)>,
    badge: Option<Measured>,
    /// Where the name may break onto a second line: the index of each space.
    breaks: Vec<usize>,
}

impl Fitter {
    /// Room for a line from `top` to `top + h`, keeping a margin from the outline.
    fn room(&self, top: f32, h: f32) -> f32 {
        let w = shape_width(self.shape, self.r, top).min(shape_width(self.shape, self.r, top + h));
        w - 2.0 * (0.08 * self.r + 1.0)
    }

    /// The name as runs: on one line, or broken at the space `at`.
    fn name_runs(&self, at: Option<usize>) -> Vec<(usize, usize)> {
        let n = self.name.chars.len();
        match at {
            None => vec![(0, n)],
            Some(s) => vec![(0, s), (s + 1, n)],
        }
    }

    /// The ways to set the name, in the order to try them: on one line, then on two, the most
    /// even break first; or, when the name is to be shortened, the fullest first line first.
    fn name_options(&self, cut: Cut) -> Vec<Option<usize>> {
        let mut breaks = self.breaks.clone();
        if cut == Cut::Name {
            breaks.reverse();
            let mut out: Vec<Option<usize>> = breaks.into_iter().map(Some).collect();
            out.push(None);
            return out;
        }
        let n = self.name.chars.len();
        let wider = |s: usize| self.name.width((0, s)).max(self.name.width((s + 1, n)));
        breaks.sort_by(|a, b| wider(*a).total_cmp(&wider(*b)));
        std::iter::once(None)
            .chain(breaks.into_iter().map(Some))
            .collect()
    }

    /// The label at text scale `k` with the name set one way and the first `details` detail
    /// lines, centred `shift` radii below the centre, or `None` if it does not fit.
    fn stack(
        &self,
        k: f32,
        name_break: Option<usize>,
        details: usize,
        cut: Cut,
        shift: f32,
    ) -> Option<Vec<LabelLine>> {
        let ns = NAME_SIZE * self.scale * k;
        let ds = DETAIL_SIZE * self.scale * k;
        let lh = self.line_height;
        let pill_h = lh * ds + 0.3 * ds;
        let mut rows: Vec<Row> = Vec::with_capacity(6);
        for run in self.name_runs(name_break) {
            rows.push(Row {
                part: LabelPart::Name,
                source: &self.name,
                run,
                size: ns,
                pill: false,
                height: lh * ns,
            });
        }
        for (i, (m, pill)) in self.details.iter().take(details).enumerate() {
            rows.push(Row {
                part: LabelPart::Detail(i),
                source: m,
                run: (0, m.chars.len()),
                size: ds,
                pill: *pill,
                height: if *pill { pill_h } else { lh * ds },
            });
        }
        if let Some(m) = &self.badge {
            rows.push(Row {
                part: LabelPart::Badge,
                source: m,
                run: (0, m.chars.len()),
                size: ds,
                pill: true,
                height: pill_h,
            });
        }
        // A little air between the name and what follows it.
        let air = |i: usize| {
            if i > 0 && rows[i - 1].part == LabelPart::Name && rows[i].part != LabelPart::Name {
                0.3 * ds
            } else {
                0.0
            }
        };
        let total: f32 = (0..rows.len()).map(|i| rows[i].height + air(i)).sum();
        let mut top = -total / 2.0 + shift * self.r;
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            top += air(i);
            let room = self.room(top, row.height);
            let extra = if row.pill {
                pill_width(0.0, row.size)
            } else {
                0.0
            };
            let last_name = row.part == LabelPart::Name
                && rows.get(i + 1).is_none_or(|n| n.part != LabelPart::Name);
            let may_cut = match row.part {
                LabelPart::Detail(_) => cut != Cut::Nothing,
                LabelPart::Name => cut == Cut::Name && last_name,
                LabelPart::Badge => false,
            };
            let text = if row.source.width(row.run) * row.size + extra <= room {
                row.source.text(row.run)
            } else if may_cut {
                // As many characters as fit with an ellipsis, at least one.
                let (from, to) = row.run;
                let keep = (from + 1..to).rev().find(|e| {
                    (row.source.width((from, *e)) + self.ellipsis) * row.size + extra <= room
                })?;
                let mut t = row.source.text((from, keep)).trim_end().to_string();
                t.push('…');
                t
            } else {
                return None;
            };
            out.push(LabelLine {
                part: row.part,
                text,
                size: row.size,
                top,
                pill: row.pill,
                height: row.height,
            });
            top += row.height;
        }
        Some(out)
    }

    /// The first placement that fits at scale `k`.
    fn at(&self, k: f32, details: usize, cut: Cut) -> Option<Vec<LabelLine>> {
        let shifts: &[f32] = match self.shape {
            Shape::Pentagon => &[0.0, 0.08, 0.16, -0.08],
            _ => &[0.0],
        };
        self.name_options(cut).into_iter().find_map(|name| {
            shifts
                .iter()
                .find_map(|s| self.stack(k, name, details, cut, *s))
        })
    }
}

/// Lay out a label inside a team pentagon or group circle of radius `r` centred at the origin,
/// with its font sizes times `scale` (the zoom, on screen). The name shows whole whenever it
/// can: on one line, else broken onto two at a space, its text shrunk down to [`MIN_SHRINK`] of
/// its size if need be; only a name that fits in none of these ways is shortened with an
/// ellipsis. Detail lines shrink with the name; one still too wide is shortened, and lines that
/// find no room are left out, last first. `advance` is the width of a character in ems (widths
/// add up and scale with the size, as the bundled font's metrics measure them) and
/// `line_height` the font's line height in ems; the designer and the exports pass the metrics of
/// the one bundled font, so both break and shrink names alike.
pub fn fit_label(
    shape: Shape,
    r: f32,
    scale: f32,
    text: &LabelText<'_>,
    advance: &dyn Fn(char) -> f32,
    line_height: f32,
) -> Vec<LabelLine> {
    let name = Measured::new(text.name, advance);
    let breaks = name
        .chars
        .iter()
        .enumerate()
        .filter(|(i, c)| **c == ' ' && *i > 0 && *i + 1 < name.chars.len())
        .map(|(i, _)| i)
        .collect();
    let f = Fitter {
        shape,
        r,
        scale,
        line_height,
        ellipsis: advance('…'),
        breaks,
        name,
        details: text
            .details
            .iter()
            .map(|(t, pill)| (Measured::new(t, advance), *pill))
            .collect(),
        badge: text.badge.map(|b| Measured::new(b, advance)),
    };
    // Far too small for any text: say so at once.
    let widest = f.room(-0.309_017 * r, 0.0).max(f.room(0.0, 0.0));
    let least = MIN_SHRINK * scale;
    let badge_least = f.badge.as_ref().map_or(0.0, |b| {
        pill_width(b.width((0, b.chars.len())) * DETAIL_SIZE, DETAIL_SIZE) * least
    });
    let name_least =
        (f.name.width((0, f.name.chars.len().min(1))) + f.ellipsis) * NAME_SIZE * least;
    if badge_least > widest || name_least > widest {
        return Vec::new();
    }
    let steps = ((1.0 - MIN_SHRINK) / 0.05).round() as usize;
    let scales = || (0..=steps).map(|i| 1.0 - (1.0 - MIN_SHRINK) * i as f32 / steps as f32);
    let all = text.details.len();
    // (Shortening details changes nothing when there are none.)
    let cuts: &[Cut] = if all == 0 {
        &[Cut::Nothing]
    } else {
        &[Cut::Nothing, Cut::Details]
    };
    for &cut in cuts {
        if let Some(l) = scales().find_map(|k| f.at(k, all, cut)) {
            return l;
        }
    }
    // Too little room for everything: fewer detail lines, then the name shortened.
    for details in (0..all).rev() {
        if let Some(l) = scales().find_map(|k| f.at(k, details, Cut::Details)) {
            return l;
        }
    }
    (0..=all)
        .rev()
        .find_map(|details| f.at(MIN_SHRINK, details, Cut::Name))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn circles(l: &Layout) -> Vec<(f32, f32, f32)> {
        l.boxes
            .iter()
            .filter(|(n, _)| matches!(n, Node::Team(_) | Node::Group(_)))
            .map(|(_, r)| (r.center().0, r.center().1, r.w / 2.0))
            .collect()
    }

    #[test]
    fn shapes_never_overlap() {
        for org in [
            sample::symmetric(5, 1),
            sample::symmetric(5, 3),
            sample::balanced("x", 77, 4, 5),
        ] {
            let l = fractal(&org);
            assert_eq!(l.boxes.len(), org.teams().len() + org.groups().len() + 2);
            let c = circles(&l);
            for (i, a) in c.iter().enumerate() {
                for b in &c[i + 1..] {
                    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    assert!(d + 0.01 >= a.2 + b.2, "overlap: {a:?} {b:?}");
                }
            }
        }
    }

    /// Whether the segment a-b passes through the rectangle.
    fn crosses(a: (f32, f32), b: (f32, f32), r: &Rect) -> bool {
        (0..=200).any(|k| {
            let t = k as f32 / 200.0;
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            x > r.x + 0.5 && x < r.right() - 0.5 && y > r.y + 0.5 && y < r.bottom() - 0.5
        })
    }

    #[test]
    fn links_pass_beside_the_eat_and_ems() {
        for (fanout, levels) in [(2, 2), (3, 2), (4, 2), (5, 2), (6, 2), (8, 2), (12, 1)] {
            let org = sample::symmetric(fanout, levels);
            let l = fractal(&org);
            let bodies = [l.rect(Node::Eat).unwrap(), l.rect(Node::Ems).unwrap()];
            for e in &l.edges {
                if matches!(e.from, Node::Eat | Node::Ems) {
                    continue;
                }
                let a = l.rect(e.from).unwrap().center();
                let b = l.rect(e.to).unwrap().center();
                for r in &bodies {
                    assert!(!crosses(a, b, r), "fan-out {fanout}: {e:?} crosses {r:?}");
                }
            }
        }
    }

    #[test]
    fn teams_ring_their_sos_and_bodies_sit_at_the_centre() {
        let org = sample::symmetric(5, 2);
        let l = fractal(&org);
        let s = org.structure();
        for g in org.groups().keys().filter(|g| s.level(**g) == 1) {
            let (gx, gy) = l.rect(Node::Group(*g)).unwrap().center();
            let d: Vec<f32> = s
                .child_teams(*g)
                .map(|t| {
                    let (x, y) = l.rect(Node::Team(t)).unwrap().center();
                    ((x - gx).powi(2) + (y - gy).powi(2)).sqrt()
                })
                .collect();
            assert!(
                d.iter().all(|x| (x - d[0]).abs() < 0.01),
                "equal distances {d:?}"
            );
        }
        let top = s.top_groups[0];
        let (tx, ty) = l.rect(Node::Group(top)).unwrap().center();
        assert!((tx, ty) == (0.0, 0.0));
        let eat = l.rect(Node::Eat).unwrap();
        assert!(eat.y > ty && (eat.center().0 - tx).abs() < 200.0);
        // Deterministic.
        assert_eq!(fractal(&org).boxes, l.boxes);
    }

    fn acme() -> Org {
        crate::io::json::from_str(
            std::path::Path::new("acme.json"),
            include_str!("../../examples/acme.json"),
        )
        .unwrap()
    }

    /// Centre and radius of the smallest circle about a member's centre that holds its shapes.
    fn cluster_of(l: &Layout, org: &Org, u: Unit) -> ((f32, f32), f32) {
        let c = l.rect(Node::from(u)).unwrap().center();
        let s = org.structure();
        let mut r = l.rect(Node::from(u)).unwrap().w / 2.0;
        let mut todo = vec![u];
        while let Some(Unit::Group(g)) = todo.pop() {
            for k in s.children(g) {
                let b = l.rect(Node::from(*k)).unwrap();
                let (x, y) = b.center();
                r = r.max(((x - c.0).powi(2) + (y - c.1).powi(2)).sqrt() + b.w / 2.0);
                todo.push(*k);
            }
        }
        (c, r)
    }

    #[test]
    fn three_members_sit_evenly_and_symmetrically_around_the_top_group() {
        for org in [acme(), sample::symmetric(3, 2)] {
            let l = fractal(&org);
            let m = FractalMetrics::default();
            let s = org.structure();
            let top = s.top_groups[0];
            let members = s.children(top);
            assert_eq!(members.len(), 3);
            let (tx, ty) = l.rect(Node::Group(top)).unwrap().center();
            let at: Vec<(f32, f32)> = members
                .iter()
                .map(|u| {
                    let (x, y) = l.rect(Node::from(*u)).unwrap().center();
                    (x - tx, y - ty)
                })
                .collect();
            // Equally far from the group, 120 degrees apart.
            let d: Vec<f32> = at.iter().map(|(x, y)| x.hypot(*y)).collect();
            assert!(d.iter().all(|x| (x - d[0]).abs() < 0.5), "{d:?}");
            let mut a: Vec<f32> = at.iter().map(|(x, y)| y.atan2(*x).to_degrees()).collect();
            a.sort_by(f32::total_cmp);
            for (p, q) in [(a[0], a[1]), (a[1], a[2]), (a[2], a[0] + 360.0)] {
                assert!((q - p - 120.0).abs() < 0.5, "angles {a:?}");
            }
            // Mirrored about the vertical through the group: one straight above it, the other
            // two level with each other on either side, the EAT and EMS centred beneath it.
            let above = at.iter().filter(|(x, y)| x.abs() < 0.5 && *y < 0.0).count();
            assert_eq!(above, 1, "{at:?}");
            let low: Vec<&(f32, f32)> = at.iter().filter(|(x, _)| x.abs() >= 0.5).collect();
            assert!((low[0].0 + low[1].0).abs() < 0.5 && (low[0].1 - low[1].1).abs() < 0.5);
            let (eat, ems) = (l.rect(Node::Eat).unwrap(), l.rect(Node::Ems).unwrap());
            for b in [eat, ems] {
                assert!((b.center().0 - tx).abs() < 0.5 && b.y > ty);
            }
            // No wide gaps: the members sit as close as the EAT and EMS allow, every member
            // cluster as far from its neighbours as the others.
            let clusters: Vec<((f32, f32), f32)> =
                members.iter().map(|u| cluster_of(&l, &org, *u)).collect();
            let clearance = clusters
                .iter()
                .map(|(c, r)| {
                    [eat, ems]
                        .iter()
                        .map(|b| distance_to(*c, b) - r)
                        .fold(f32::INFINITY, f32::min)
                })
                .fold(f32::INFINITY, f32::min);
            assert!(
                clearance >= m.gap - 0.01 && clearance < m.gap + 2.0,
                "clearance to the bodies {clearance}"
            );
            let gaps: Vec<f32> = (0..3)
                .map(|i| {
                    let (a, b) = (clusters[i], clusters[(i + 1) % 3]);
                    (a.0.0 - b.0.0).hypot(a.0.1 - b.0.1) - a.1 - b.1
                })
                .collect();
            let widest = gaps.iter().copied().fold(0.0f32, f32::max);
            let narrowest = gaps.iter().copied().fold(f32::INFINITY, f32::min);
            assert!(
                narrowest >= m.gap && widest - narrowest < 2.0 * m.gap,
                "{gaps:?}"
            );
        }
    }

    /// Whether the segment a-b passes through the disc at c of radius r.
    fn through_disc(a: (f32, f32), b: (f32, f32), c: (f32, f32), r: f32) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let t = (((c.0 - a.0) * dx + (c.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
        let (x, y) = (a.0 + dx * t, a.1 + dy * t);
        (x - c.0).hypot(y - c.1) < r - 0.5
    }

    #[test]
    fn links_pass_between_the_shapes_they_do_not_join() {
        for org in [
            acme(),
            sample::symmetric(2, 3),
            sample::symmetric(3, 2),
            sample::symmetric(4, 3),
            sample::symmetric(5, 2),
            sample::balanced("x", 77, 4, 5),
        ] {
            let l = fractal(&org);
            let shapes: Vec<(Node, (f32, f32), f32)> = l
                .boxes
                .iter()
                .filter(|(n, _)| matches!(n, Node::Team(_) | Node::Group(_)))
                .map(|(n, r)| (*n, r.center(), r.w / 2.0))
                .collect();
            for e in l.edges.iter().filter(|e| matches!(e.from, Node::Group(_))) {
                let a = l.rect(e.from).unwrap().center();
                let b = l.rect(e.to).unwrap().center();
                for (n, c, r) in &shapes {
                    if *n != e.from && *n != e.to {
                        assert!(
                            !through_disc(a, b, *c, *r),
                            "{}: {e:?} runs through {n:?}",
                            org.name()
                        );
                    }
                }
            }
        }
    }

    fn measure(t: &str, size: f32) -> f32 {
        crate::export::font::metrics().width(t, size)
    }

    fn advance(c: char) -> f32 {
        measure(c.encode_utf8(&mut [0; 4]), 1.0)
    }

    fn fit(shape: Shape, r: f32, text: &LabelText) -> Vec<LabelLine> {
        fit_label(
            shape,
            r,
            1.0,
            text,
            &advance,
            crate::export::font::metrics().line_height,
        )
    }

    /// Every line lies inside the shape, and lines do not overlap.
    fn assert_inside(shape: Shape, r: f32, lines: &[LabelLine]) {
        for l in lines {
            let w = measure(&l.text, l.size) + if l.pill { pill_width(0.0, l.size) } else { 0.0 };
            for y in [l.top, l.top + l.height] {
                assert!(w <= shape_width(shape, r, y), "{l:?} sticks out");
            }
        }
        for p in lines.windows(2) {
            assert!(p[1].top >= p[0].top + p[0].height - 0.01, "{p:?}");
        }
    }

    fn name_of(lines: &[LabelLine]) -> String {
        lines
            .iter()
            .filter(|l| l.part == LabelPart::Name)
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn names_show_whole_inside_pentagons_and_circles() {
        let m = FractalMetrics::default();
        let roles = [
            ("SoS · 5 teams", false),
            ("SoSM: Daniel Whitfield", false),
            ("no CPO", true),
        ];
        let group = LabelText {
            name: "Checkout & Payments",
            details: &roles,
            badge: None,
        };
        // Too wide for one line in a smaller circle: broken at a space, whole.
        let small = fit(Shape::Circle, 64.0, &group);
        assert_eq!(name_of(&small), "Checkout & Payments");
        assert_eq!(
            small.iter().filter(|l| l.part == LabelPart::Name).count(),
            2,
            "broken onto two lines: {small:?}"
        );
        assert_inside(Shape::Circle, 64.0, &small);
        let lines = fit(Shape::Circle, m.group_r, &group);
        assert_eq!(name_of(&lines), "Checkout & Payments");
        let details: Vec<&str> = lines
            .iter()
            .filter(|l| matches!(l.part, LabelPart::Detail(_)))
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            details,
            ["SoS · 5 teams", "SoSM: Daniel Whitfield", "no CPO"]
        );
        assert!(lines.iter().any(|l| l.pill && l.text == "no CPO"));
        assert_inside(Shape::Circle, m.group_r, &lines);
        for name in ["Recommendations", "Warehouse Systems", "Fraud Detection"] {
            let team = LabelText {
                name,
                details: &[],
                badge: Some("10 people"),
            };
            let lines = fit(Shape::Pentagon, m.team_r, &team);
            assert_eq!(name_of(&lines), name);
            assert!(lines.iter().any(|l| l.part == LabelPart::Badge));
            assert_inside(Shape::Pentagon, m.team_r, &lines);
        }
        // Zoomed in, the same lines, scaled.
        let big = fit_label(
            Shape::Circle,
            m.group_r * 2.0,
            2.0,
            &group,
            &advance,
            crate::export::font::metrics().line_height,
        );
        assert_eq!(big.len(), lines.len());
        for (a, b) in big.iter().zip(&lines) {
            assert_eq!(a.text, b.text);
            assert!((a.size - 2.0 * b.size).abs() < 0.01);
        }
    }

    #[test]
    fn a_name_too_long_for_any_fit_is_shortened_inside_the_shape() {
        let text = LabelText {
            name: "Platform Reliability Engineering and Developer Experience Guild",
            details: &[],
            badge: Some("7 people"),
        };
        let lines = fit(Shape::Pentagon, 62.0, &text);
        let name = name_of(&lines);
        assert!(
            name.ends_with('…') && name.starts_with("Platform"),
            "{name}"
        );
        assert!(lines.iter().any(|l| l.part == LabelPart::Badge));
        assert_inside(Shape::Pentagon, 62.0, &lines);
    }
}
