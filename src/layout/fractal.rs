//! The fractal layout, drawn like the pictures of the Scrum@Scale guide: teams as pentagons
//! arranged in a ring around their Scrum of Scrums, SoS rings around their SoSoS, and so on, with
//! the EAT and EMS at the centre of the top group. Each cluster is a circle that contains its
//! whole subtree; sibling circles never overlap, so neither do the shapes inside them.

use std::f32::consts::PI;

use rustc_hash::FxHashMap as HashMap;

use super::{Edge, Layout, Node, Rect, Route, Shape};
use crate::model::{GroupId, Org, Unit};

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
            group_r: 70.0,
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
    let s = org.structure();
    let has_bodies = !org.eat().is_empty() || !org.ems().is_empty();
    // Bottom-up: each group's cluster radius and ring radius.
    let mut order: Vec<GroupId> = org.groups().keys().copied().collect();
    order.sort_by_key(|g| (s.level(*g), *g));
    let top = s.top_groups.first().copied();
    let top_members = top.map_or(0, |g| s.children(g).len());
    let bodies_y = bodies_top(m, top_members);
    let centre_r = |g: GroupId| {
        if has_bodies && Some(g) == top {
            // Room for the group marker with the EAT and EMS beneath it: out to their far corner.
            let half_w = m.body_w + m.gap * 0.5;
            (half_w * half_w + (bodies_y + m.body_h).powi(2)).sqrt()
        } else {
            m.group_r
        }
    };
    let mut cluster: HashMap<GroupId, (f32, f32)> = HashMap::default();
    for &g in &order {
        let kids = s.children(g);
        let c = kids
            .iter()
            .map(|u| match u {
                Unit::Team(_) => m.team_r,
                Unit::Group(c) => cluster.get(c).map_or(m.group_r, |x| x.0),
            })
            .fold(0.0f32, f32::max);
        let inner = centre_r(g);
        let (radius, ring) = if kids.is_empty() {
            (inner, 0.0)
        } else {
            let ring = ring_radius(kids.len(), c, inner, m.gap);
            (ring + c, ring)
        };
        cluster.insert(g, (radius, ring));
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
    let mut placed: Vec<(Unit, f32, f32)> = Vec::with_capacity(tops.len());
    if let [only] = tops.as_slice() {
        placed.push((*only, 0.0, 0.0));
    } else if !tops.is_empty() {
        // The first (largest in practice) at the centre, the rest on a ring around it.
        let first = tops[0];
        placed.push((first, 0.0, 0.0));
        let rest = &tops[1..];
        let c = rest.iter().map(radius_of).fold(0.0f32, f32::max);
        let ring = ring_radius(rest.len(), c, radius_of(&first), m.gap * 3.0);
        for (i, u) in rest.iter().enumerate() {
            let a = angle(i, rest.len());
            placed.push((*u, ring * a.cos(), ring * a.sin()));
        }
    }
    // Top-down placement with an explicit stack.
    let mut stack = placed;
    while let Some((unit, x, y)) = stack.pop() {
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
                let with_bodies = has_bodies && Some(g) == top;
                if with_bodies {
                    place_bodies(org, m, x, y + bodies_y, Some(g), &mut out);
                }
                let kids = s.children(g);
                let ring = cluster.get(&g).map_or(0.0, |c| c.1);
                for (i, child) in kids.iter().enumerate() {
                    let a = if with_bodies {
                        angle_around_bodies(i, kids.len())
                    } else {
                        angle(i, kids.len())
                    };
                    let (cx, cy) = (x + ring * a.cos(), y + ring * a.sin());
                    out.edges.push(Edge {
                        from: Node::Group(g),
                        to: Node::from(*child),
                        route: Route::Straight,
                    });
                    stack.push((*child, cx, cy));
                }
            }
        }
    }
    // Bodies with no groups at all: side by side at the origin.
    if top.is_none() && has_bodies {
        place_bodies(org, m, 0.0, -m.body_h / 2.0, None, &mut out);
    }
    out
}

/// The EAT and EMS side by side, centred on `x` with their tops at `y`, each linked to `group`.
fn place_bodies(
    org: &Org,
    m: &FractalMetrics,
    x: f32,
    y: f32,
    group: Option<GroupId>,
    out: &mut Layout,
) {
    let mut bx = x - m.body_w - m.gap * 0.5;
    for (body, show) in [
        (Node::Eat, !org.eat().is_empty()),
        (Node::Ems, !org.ems().is_empty()),
    ] {
        if show {
            out.push_shaped(body, Rect::new(bx, y, m.body_w, m.body_h), Shape::Box);
            if let Some(g) = group {
                out.edges.push(Edge {
                    from: body,
                    to: Node::Group(g),
                    route: Route::Straight,
                });
            }
        }
        bx += m.body_w + m.gap;
    }
}

/// Angle of the i-th of n members, starting at the top and going clockwise.
fn angle(i: usize, n: usize) -> f32 {
    -PI / 2.0 + 2.0 * PI * i as f32 / n.max(1) as f32
}

/// Angle of the i-th of n members of the group that holds the EAT and EMS: turned so that the
/// bodies, below the marker, sit in the middle of the gap between two members' links.
fn angle_around_bodies(i: usize, n: usize) -> f32 {
    let n = n.max(1) as f32;
    PI / 2.0 + PI / n + 2.0 * PI * i as f32 / n
}

/// How far below the top group's centre the EAT and EMS start: just under the marker, or lower
/// when the links to its `n` members would otherwise cut through the boxes (each link leaves the
/// centre at half a gap, PI / n, from straight down).
fn bodies_top(m: &FractalMetrics, n: usize) -> f32 {
    let near = m.group_r + m.gap * 0.5;
    if n <= 2 {
        return near;
    }
    let half_w = m.body_w + m.gap * 0.5;
    near.max(half_w / (PI / n as f32).tan() + m.gap * 0.5)
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
}
