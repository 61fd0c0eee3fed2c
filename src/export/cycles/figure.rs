//! The figure of the two cycles as the Scrum@Scale guide draws it, laid out once for the
//! designer's Cycles view and the exports: two loops side by side that cross at Team Process
//! (top) and Product & Release Feedback (bottom), the Scrum Master cycle on the left around the
//! Executive Action Team, the Product Owner cycle on the right around the Executive MetaScrum,
//! and Metrics & Transparency, which both share, between them. Each component is a segment of
//! its loop (the hubs discs, the shared ones rounded boxes) with its name, its carriers and its
//! state, coloured by coverage or by rating. Geometry and text are decided here, in the bundled
//! font's metrics; the view paints them with egui and the export writes them as SVG.

use std::f32::consts::PI;

use crate::cycles::rating::{Rated, number};
use crate::cycles::{Component, Coverage, Cycles};
use crate::diagram::Rgba;
use crate::export::font;
use crate::export::svg::{fit, line_height, wrap};
use crate::model::Score;

/// Width of the figure in its own units (points in a PDF, pixels at 100 %).
pub const WIDTH: f32 = 950.0;
/// Height of the figure.
pub const HEIGHT: f32 = 680.0;

/// Middle radius of a loop's band.
const RING: f32 = 212.0;
/// Width of a loop's band.
const BAND: f32 = 118.0;
/// Distance between the loops' centres (less than two radii: they cross twice).
const APART: f32 = 364.0;
/// Centre height of the loops.
const MID_Y: f32 = 336.0;
/// Radius of the hubs.
const HUB: f32 = 106.0;
/// The angle kept free on each side of a crossing, for the boxes there.
const CLEAR: f32 = 30.0 * PI / 180.0;
/// The angle between neighbouring segments.
const SEAM: f32 = 1.6 * PI / 180.0;
/// Size of a box where the loops meet.
const NODE: (f32, f32) = (136.0, 90.0);

/// Text sizes: a component's name, its details.
const NAME: f32 = 13.5;
const DETAIL: f32 = 11.0;

/// What colours the components.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Colouring {
    /// Complete green, gaps amber, missing red.
    #[default]
    Coverage,
    /// A heat map of a round's median ratings, 0 red to 4 green; unrated grey.
    Rating,
}

impl Colouring {
    pub fn label(self) -> &'static str {
        match self {
            Colouring::Coverage => "Coverage",
            Colouring::Rating => "Rating",
        }
    }
}

/// What the figure shows.
pub struct Input<'a> {
    pub cycles: &'a Cycles,
    pub colouring: Colouring,
    /// The round shown, if any: each component's ratings and how it moved since an earlier
    /// round.
    pub rated: &'a Rated,
    pub dark: bool,
}

/// A point.
pub type Pt = (f32, f32);

/// A piece of a loop's band: between two radii, from one angle to another (radians, clockwise
/// from the right, as on screen with y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sector {
    pub centre: Pt,
    pub inner: f32,
    pub outer: f32,
    pub start: f32,
    pub end: f32,
}

impl Sector {
    /// The point at radius `r` and angle `a` about its centre.
    pub fn at(&self, r: f32, a: f32) -> Pt {
        (self.centre.0 + r * a.cos(), self.centre.1 + r * a.sin())
    }

    fn contains(&self, p: Pt) -> bool {
        let (dx, dy) = (p.0 - self.centre.0, p.1 - self.centre.1);
        let r = dx.hypot(dy);
        if r < self.inner || r > self.outer {
            return false;
        }
        let mut a = dy.atan2(dx);
        while a < self.start {
            a += 2.0 * PI;
        }
        a <= self.end
    }

    /// The same sector `pad` in from each edge.
    fn shrunk(&self, pad: f32) -> Sector {
        let r = (self.inner + self.outer) / 2.0;
        Sector {
            inner: self.inner + pad,
            outer: self.outer - pad,
            start: self.start + pad / r,
            end: self.end - pad / r,
            ..*self
        }
    }
}

/// The outline of a component.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    Sector(Sector),
    Disc {
        centre: Pt,
        radius: f32,
    },
    /// A rounded box: its top left corner, width and height.
    Box {
        min: Pt,
        size: Pt,
    },
}

impl Shape {
    /// Whether a point is inside.
    pub fn contains(&self, p: Pt) -> bool {
        match *self {
            Shape::Sector(s) => s.contains(p),
            Shape::Disc { centre, radius } => (p.0 - centre.0).hypot(p.1 - centre.1) <= radius,
            Shape::Box { min, size } => {
                p.0 >= min.0 && p.0 <= min.0 + size.0 && p.1 >= min.1 && p.1 <= min.1 + size.1
            }
        }
    }

    /// The point its text is centred on.
    pub fn centre(&self) -> Pt {
        match *self {
            Shape::Sector(s) => s.at((s.inner + s.outer) / 2.0, (s.start + s.end) / 2.0),
            Shape::Disc { centre, .. } => centre,
            Shape::Box { min, size } => (min.0 + size.0 / 2.0, min.1 + size.1 / 2.0),
        }
    }

    /// Points along the outline, `per_radian` of them on each arc, closed (the first is not
    /// repeated).
    pub fn outline(&self, per_radian: f32) -> Vec<Pt> {
        match *self {
            Shape::Sector(s) => {
                let n = (((s.end - s.start) * per_radian).ceil() as usize).max(2);
                let angle = |i: usize| s.start + (s.end - s.start) * i as f32 / n as f32;
                let mut v: Vec<Pt> = (0..=n).map(|i| s.at(s.outer, angle(i))).collect();
                v.extend((0..=n).rev().map(|i| s.at(s.inner, angle(i))));
                v
            }
            Shape::Disc { centre, radius } => {
                let n = ((2.0 * PI * per_radian).ceil() as usize).max(8);
                (0..n)
                    .map(|i| {
                        let a = 2.0 * PI * i as f32 / n as f32;
                        (centre.0 + radius * a.cos(), centre.1 + radius * a.sin())
                    })
                    .collect()
            }
            Shape::Box { min, size } => vec![
                min,
                (min.0 + size.0, min.1),
                (min.0 + size.0, min.1 + size.1),
                (min.0, min.1 + size.1),
            ],
        }
    }

    pub fn is_sector(&self) -> bool {
        matches!(self, Shape::Sector(_))
    }
}

/// One line of text, centred on `x`, its top at `top`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x: f32,
    pub top: f32,
    pub size: f32,
    pub text: String,
    pub color: Rgba,
}

/// One component drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub component: Component,
    pub shape: Shape,
    pub fill: Rgba,
    pub stroke: Rgba,
    pub lines: Vec<Line>,
    /// What a screen reader says of it: name, state, carriers, rating.
    pub summary: String,
    /// Its rating in words, when a round is shown: "rated 3 established (median of 3 ratings,
    /// spread 1: 2–3), rose from 2".
    pub rating: Option<String>,
}

/// One loop: where it runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Loop {
    pub centre: Pt,
    pub radius: f32,
}

/// An entry of the legend: a swatch and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub fill: Rgba,
    pub stroke: Rgba,
    pub text: String,
}

/// The whole figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub width: f32,
    pub height: f32,
    /// The Scrum Master loop (left) and the Product Owner loop (right).
    pub loops: [Loop; 2],
    /// The components, in [`Component::ALL`] order.
    pub parts: Vec<Part>,
    /// Arrowheads on the loops' rims, the way each cycle runs (triangles).
    pub arrows: Vec<[Pt; 3]>,
    /// The loops' titles and what they are about.
    pub titles: Vec<Line>,
    pub keys: Vec<Key>,
    /// Where the legend's first swatch goes.
    pub keys_at: Pt,
    /// Colours of the loops' track and of the legend's words.
    pub track: Rgba,
    pub muted: Rgba,
}

impl Figure {
    /// The component at a point, if any.
    pub fn hit(&self, p: Pt) -> Option<Component> {
        // Boxes and hubs sit on top of the loops.
        self.parts
            .iter()
            .rev()
            .filter(|x| !x.shape.is_sector())
            .chain(self.parts.iter().filter(|x| x.shape.is_sector()))
            .find(|x| x.shape.contains(p))
            .map(|x| x.component)
    }

    pub fn part(&self, c: Component) -> &Part {
        &self.parts[c.index()]
    }
}

/// The accent of a coverage state.
pub fn coverage_color(c: Coverage) -> Rgba {
    match c {
        Coverage::Complete => crate::diagram::GREEN,
        Coverage::Gaps => crate::diagram::AMBER,
        Coverage::Missing => crate::diagram::RED,
    }
}

/// The accent of a rating on the heat map (a median between two values mixes them).
pub fn rating_color(median: f32) -> Rgba {
    const HEAT: [Rgba; 5] = [
        Rgba::rgb(200, 40, 40),
        Rgba::rgb(230, 110, 30),
        Rgba::rgb(220, 180, 20),
        Rgba::rgb(120, 180, 60),
        Rgba::rgb(30, 140, 70),
    ];
    let m = median.clamp(0.0, 4.0);
    let i = (m.floor() as usize).min(3);
    HEAT[i].lerp(HEAT[i + 1], m - i as f32)
}

/// Grey of a component nobody rated.
const UNRATED: Rgba = Rgba::rgb(140, 140, 150);

/// A light (or, in the dark theme, dark) fill of an accent.
fn fill_of(accent: Rgba, dark: bool) -> Rgba {
    if dark {
        Rgba::rgb(34, 37, 43).lerp(accent, 0.38)
    } else {
        Rgba::WHITE.lerp(accent, 0.22)
    }
}

/// Where the parts go.
/// A small arrow on a loop's rim at angle `a`, pointing the way the cycle runs (`d`: +1 with
/// the angle, -1 against it).
fn arrow(centre: Pt, a: f32, d: f32) -> [Pt; 3] {
    let r = RING + BAND / 2.0 + 7.0;
    let (n, t) = ((a.cos(), a.sin()), (-d * a.sin(), d * a.cos()));
    let c = (centre.0 + r * n.0, centre.1 + r * n.1);
    let (len, half) = (18.0, 5.5);
    let tip = (c.0 + t.0 * len * 0.6, c.1 + t.1 * len * 0.6);
    let back = (c.0 - t.0 * len * 0.4, c.1 - t.1 * len * 0.4);
    [
        tip,
        (back.0 + n.0 * half, back.1 + n.1 * half),
        (back.0 - n.0 * half, back.1 - n.1 * half),
    ]
}

fn shapes() -> ([Loop; 2], Vec<Shape>, Vec<[Pt; 3]>) {
    let cx = WIDTH / 2.0;
    let left = (cx - APART / 2.0, MID_Y);
    let right = (cx + APART / 2.0, MID_Y);
    // Where the loops' middles cross, seen from the left centre.
    let cross = ((APART / 2.0) / RING).acos();
    let (inner, outer) = (RING - BAND / 2.0, RING + BAND / 2.0);
    let sector = |centre: Pt, start: f32, end: f32| {
        Shape::Sector(Sector {
            centre,
            inner,
            outer,
            start: start + SEAM / 2.0,
            end: end - SEAM / 2.0,
        })
    };
    // The left loop's free arc runs clockwise from just below its lower crossing, round the
    // left, to just below its upper one: Delivery (bottom), Cross-Team Coordination, Continuous
    // Improvement (top).
    let (a0, a1) = (cross + CLEAR, 2.0 * PI - cross - CLEAR);
    let s = (a1 - a0) / 3.0;
    let delivery = sector(left, a0, a0 + s);
    let coordination = sector(left, a0 + s, a0 + 2.0 * s);
    let improvement = sector(left, a0 + 2.0 * s, a1);
    // The right loop's free arc runs clockwise from its upper crossing over the top and round
    // the right: Strategic Vision, Backlog Prioritization, Refinement, Release Planning.
    let (b0, b1) = (PI + cross + CLEAR, 3.0 * PI - cross - CLEAR);
    let t = (b1 - b0) / 4.0;
    let vision = sector(right, b0, b0 + t);
    let prioritization = sector(right, b0 + t, b0 + 2.0 * t);
    let refinement = sector(right, b0 + 2.0 * t, b0 + 3.0 * t);
    let release = sector(right, b0 + 3.0 * t, b1);
    let rise = RING * cross.sin();
    let node = |y: f32| Shape::Box {
        min: (cx - NODE.0 / 2.0, y - NODE.1 / 2.0),
        size: NODE,
    };
    let hub = |centre| Shape::Disc {
        centre,
        radius: HUB,
    };
    use Component::*;
    let shape = |c: Component| match c {
        TeamProcess => node(MID_Y - rise),
        ExecutiveActionTeam => hub(left),
        ContinuousImprovement => improvement,
        CrossTeamCoordination => coordination,
        Delivery => delivery,
        ExecutiveMetaScrum => hub(right),
        StrategicVision => vision,
        BacklogPrioritization => prioritization,
        BacklogRefinement => refinement,
        ReleasePlanning => release,
        Feedback => node(MID_Y + rise),
        MetricsTransparency => node(MID_Y),
    };
    // The Scrum Master cycle runs from Team Process over Continuous Improvement, Cross-Team
    // Coordination and Delivery to Feedback (against the angle on the left loop); the Product
    // Owner cycle from Team Process over Strategic Vision to Release Planning and Feedback
    // (with the angle on the right): an arrow where each segment meets the next.
    let mut arrows: Vec<[Pt; 3]> = (0..4)
        .map(|k| arrow(left, a1 - k as f32 * s, -1.0))
        .collect();
    arrows.extend((0..5).map(|k| arrow(right, b0 + k as f32 * t, 1.0)));
    (
        [
            Loop {
                centre: left,
                radius: RING,
            },
            Loop {
                centre: right,
                radius: RING,
            },
        ],
        Component::ALL.into_iter().map(shape).collect(),
        arrows,
    )
}

/// Whether an axis-aligned box lies inside a shape, `pad` from its edge.
fn box_inside(shape: &Shape, c: Pt, w: f32, h: f32, pad: f32) -> bool {
    let (x0, x1, y0, y1) = (c.0 - w / 2.0, c.0 + w / 2.0, c.1 - h / 2.0, c.1 + h / 2.0);
    match *shape {
        Shape::Box { min, size } => {
            x0 >= min.0 + pad
                && x1 <= min.0 + size.0 - pad
                && y0 >= min.1 + pad
                && y1 <= min.1 + size.1 - pad
        }
        Shape::Disc { .. } | Shape::Sector(_) => {
            let shrunk = match *shape {
                Shape::Disc { centre, radius } => Shape::Disc {
                    centre,
                    radius: radius - pad,
                },
                Shape::Sector(s) => Shape::Sector(s.shrunk(pad)),
                s => s,
            };
            // The corners and points along the edges (an arc can bulge between corners).
            let mut pts = Vec::with_capacity(16);
            for i in 0..=4 {
                let f = i as f32 / 4.0;
                pts.push((x0 + (x1 - x0) * f, y0));
                pts.push((x0 + (x1 - x0) * f, y1));
                pts.push((x0, y0 + (y1 - y0) * f));
                pts.push((x1, y0 + (y1 - y0) * f));
            }
            pts.into_iter().all(|p| shrunk.contains(p))
        }
    }
}

/// Lines of text at a size and colour.
struct Para<'a> {
    text: &'a str,
    size: f32,
    color: Rgba,
}

/// The paragraphs wrapped as wide as the shape lets them be: the widest box that fits whole
/// words, at full size or, when none does, smaller, centred where the shape holds it (its middle,
/// or a little in or out along a loop); the last resort shortens.
fn fit_text(shape: &Shape, paras: &[Para]) -> Vec<Line> {
    let centres: Vec<Pt> = match *shape {
        Shape::Sector(s) => {
            let a = (s.start + s.end) / 2.0;
            let mid = (s.inner + s.outer) / 2.0;
            [0.0, -8.0, 8.0, -16.0, 16.0]
                .into_iter()
                .map(|dr| s.at(mid + dr, a))
                .collect()
        }
        s => vec![s.centre()],
    };
    for scale in [1.0, 0.92, 0.84, 0.76, 0.68] {
        let mut w = 230.0;
        while w >= 40.0 {
            let wrapped: Vec<(Vec<String>, f32, Rgba)> = paras
                .iter()
                .map(|p| (wrap(p.text, p.size * scale, w), p.size * scale, p.color))
                .collect();
            // A word cut short is no fit.
            let cut = wrapped
                .iter()
                .zip(paras)
                .any(|((l, _, _), p)| l.iter().any(|t| t.contains('…')) && !p.text.contains('…'));
            if !cut {
                let h: f32 = wrapped
                    .iter()
                    .map(|(l, s, _)| l.len() as f32 * line_height(*s))
                    .sum();
                let widest = wrapped
                    .iter()
                    .flat_map(|(l, s, _)| l.iter().map(move |t| font::metrics().width(t, *s)))
                    .fold(0.0f32, f32::max);
                if let Some(c) = centres
                    .iter()
                    .find(|c| box_inside(shape, **c, widest, h, 5.0))
                {
                    return place(*c, h, wrapped);
                }
            }
            w -= 6.0;
        }
    }
    // Nothing fits whole: one shortened line each, small.
    let size = 0.68;
    let wrapped: Vec<(Vec<String>, f32, Rgba)> = paras
        .iter()
        .map(|p| {
            (
                vec![fit(p.text, p.size * size, 90.0)],
                p.size * size,
                p.color,
            )
        })
        .collect();
    let h = wrapped.iter().map(|(_, s, _)| line_height(*s)).sum();
    place(shape.centre(), h, wrapped)
}

fn place(centre: Pt, h: f32, wrapped: Vec<(Vec<String>, f32, Rgba)>) -> Vec<Line> {
    let mut top = centre.1 - h / 2.0;
    let mut out = Vec::new();
    for (lines, size, color) in wrapped {
        for text in lines {
            out.push(Line {
                x: centre.0,
                top,
                size,
                text,
                color,
            });
            top += line_height(size);
        }
    }
    out
}

/// A space after a digit kept from breaking ("84 people", "1 gap" stay on one line).
fn keep_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_digit = false;
    for ch in text.chars() {
        if ch == ' ' && after_digit {
            out.push('\u{a0}');
        } else {
            out.push(ch);
        }
        after_digit = ch.is_ascii_digit();
    }
    out
}

/// The figure of some cycles.
pub fn figure(input: &Input) -> Figure {
    let (loops, shapes, arrows) = shapes();
    let dark = input.dark;
    let ink = if dark {
        Rgba::gray(235)
    } else {
        crate::export::svg::INK
    };
    let muted = if dark {
        Rgba::gray(205)
    } else {
        Rgba::gray(85)
    };
    let parts = input
        .cycles
        .components
        .iter()
        .zip(shapes)
        .map(|(st, shape)| {
            let c = st.component;
            let rating = input.rated.summary(c);
            let shift = input.rated.shift(c);
            let coverage = st.state();
            let rated = rating.map_or_else(
                || "not rated".to_string(),
                |r| {
                    // Ratings of the groups inside, standing in for the scope's own, say so.
                    let pooled = if r.pooled_from > 0 { ", pooled" } else { "" };
                    if r.ratings.len() > 1 && r.spread() > 0 {
                        format!("rated {} (spread {}{pooled})", r.median_text(), r.spread())
                    } else if r.pooled_from > 0 {
                        format!("rated {} (pooled)", r.median_text())
                    } else {
                        format!("rated {}", r.median_text())
                    }
                },
            );
            let moved = shift.and_then(|s| {
                let earlier = input
                    .rated
                    .earlier
                    .as_deref()
                    .unwrap_or("the earlier round");
                match (s.before, s.after) {
                    (Some(b), Some(a)) if a > b => Some(format!("rose from {}", number(b))),
                    (Some(b), Some(a)) if a < b => Some(format!("fell from {}", number(b))),
                    (Some(_), Some(_)) => Some(format!("as in {earlier}")),
                    (None, Some(_)) => Some(format!("not rated in {earlier}")),
                    _ => None,
                }
            });
            let accent = match input.colouring {
                Colouring::Coverage => coverage_color(st.coverage),
                Colouring::Rating => rating.map_or(UNRATED, |r| rating_color(r.median)),
            };
            let carriers = if st.carriers.is_empty() {
                "nobody carries it".to_string()
            } else {
                st.carriers.clone()
            };
            let state = match (input.colouring, input.rated.summaries.is_some()) {
                (Colouring::Rating, _) => {
                    let mut s = rated.clone();
                    if let Some(m) = &moved {
                        s = format!("{s}, {m}");
                    }
                    format!("{s} · {coverage}")
                }
                (Colouring::Coverage, true) => format!("{coverage} · {rated}"),
                (Colouring::Coverage, false) => coverage.clone(),
            };
            let (carriers_kept, state_kept) = (keep_numbers(&carriers), keep_numbers(&state));
            let paras = [
                Para {
                    text: c.label(),
                    size: NAME,
                    color: ink,
                },
                Para {
                    text: &carriers_kept,
                    size: DETAIL,
                    color: muted,
                },
                Para {
                    text: &state_kept,
                    size: DETAIL,
                    color: ink,
                },
            ];
            let lines = fit_text(&shape, &paras);
            let mut rated_words = match rating {
                Some(r) => Some(format!("rated {}", r.words())),
                None if input.rated.summaries.is_some() => Some("not rated".to_string()),
                None => None,
            };
            if let (Some(w), Some(m)) = (rated_words.as_mut(), &moved) {
                w.push_str(&format!(", {m}"));
            }
            let mut summary = format!("{}: {coverage}; {carriers}", c.label());
            if let Some(w) = &rated_words {
                summary.push_str(&format!("; {w}"));
            }
            Part {
                component: c,
                shape,
                fill: fill_of(accent, dark),
                stroke: accent,
                lines,
                summary,
                rating: rated_words,
            }
        })
        .collect();
    let title = |x: f32, top: f32, size: f32, text: &str, color: Rgba| Line {
        x,
        top,
        size,
        text: text.to_string(),
        color,
    };
    let top = MID_Y - RING - BAND / 2.0 - 48.0;
    let titles = vec![
        title(loops[0].centre.0, top, 16.0, "Scrum Master cycle", ink),
        title(
            loops[0].centre.0,
            top + line_height(16.0),
            DETAIL,
            "the how · hub: the Executive Action Team",
            muted,
        ),
        title(loops[1].centre.0, top, 16.0, "Product Owner cycle", ink),
        title(
            loops[1].centre.0,
            top + line_height(16.0),
            DETAIL,
            "the what · hub: the Executive MetaScrum",
            muted,
        ),
    ];
    let key = |accent: Rgba, text: String| Key {
        fill: fill_of(accent, dark),
        stroke: accent,
        text,
    };
    let keys = match input.colouring {
        Colouring::Coverage => [Coverage::Complete, Coverage::Gaps, Coverage::Missing]
            .into_iter()
            .map(|c| {
                key(
                    coverage_color(c),
                    match c {
                        Coverage::Complete => "complete: carried, no error or warning".into(),
                        Coverage::Gaps => "gaps: findings show where it breaks".into(),
                        Coverage::Missing => "missing: nobody carries it".into(),
                    },
                )
            })
            .collect(),
        Colouring::Rating => {
            let mut v: Vec<Key> = Score::ALL
                .into_iter()
                .map(|s| {
                    key(
                        rating_color(f32::from(s.value())),
                        format!("{} {}", s.value(), s.label()),
                    )
                })
                .collect();
            v.push(key(UNRATED, "not rated".into()));
            v
        }
    };
    Figure {
        width: WIDTH,
        height: HEIGHT,
        loops,
        parts,
        arrows,
        titles,
        keys,
        keys_at: (24.0, HEIGHT - 30.0),
        track: if dark {
            Rgba::gray(110)
        } else {
            Rgba::gray(170)
        },
        muted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample's figure, coloured by coverage.
    fn sample_figure() -> Figure {
        let (_, c) = sample();
        figure(&Input {
            cycles: &c,
            colouring: Colouring::Coverage,
            rated: &Rated::default(),
            dark: false,
        })
    }

    fn sample() -> (crate::model::Org, Cycles) {
        let org = crate::io::json::from_str(
            std::path::Path::new("acme.json"),
            include_str!("../../../examples/acme.json"),
        )
        .unwrap();
        let s = org.structure();
        let c = crate::cycles::cycles(
            &org,
            &s,
            &crate::rules::validate(&org),
            crate::cycles::Scope::Org,
        );
        (org, c)
    }

    #[test]
    fn every_part_holds_its_text_and_none_overlap() {
        let f = sample_figure();
        assert_eq!(f.parts.len(), 12);
        for p in &f.parts {
            assert!(!p.lines.is_empty());
            // The name is there whole, over one or more lines, in the largest size.
            let largest = p.lines.iter().map(|l| l.size).fold(0.0, f32::max);
            let name_lines: String = p
                .lines
                .iter()
                .filter(|l| l.size == largest)
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                name_lines.starts_with(p.component.label()),
                "{:?}: {name_lines}",
                p.component
            );
            for l in &p.lines {
                let w = font::metrics().width(&l.text, l.size);
                for x in [l.x - w / 2.0 + 1.0, l.x + w / 2.0 - 1.0] {
                    let y = l.top + line_height(l.size) / 2.0;
                    assert_eq!(
                        f.hit((x, y)),
                        Some(p.component),
                        "{:?}: {:?} leaves its shape",
                        p.component,
                        l.text
                    );
                }
            }
            assert_eq!(f.hit(p.shape.centre()), Some(p.component));
        }
    }

    #[test]
    fn no_two_parts_overlap() {
        let f = sample_figure();
        let mut y = 0.0;
        while y < f.height {
            let mut x = 0.0;
            while x < f.width {
                let inside: Vec<Component> = f
                    .parts
                    .iter()
                    .filter(|p| p.shape.contains((x, y)))
                    .map(|p| p.component)
                    .collect();
                assert!(inside.len() <= 1, "{inside:?} overlap at ({x}, {y})");
                x += 2.0;
            }
            y += 2.0;
        }
        // The arrows sit on the rims, outside every part, the way each cycle runs.
        assert_eq!(f.arrows.len(), 9);
        for a in &f.arrows {
            let c = (
                (a[0].0 + a[1].0 + a[2].0) / 3.0,
                (a[0].1 + a[1].1 + a[2].1) / 3.0,
            );
            assert_eq!(f.hit(c), None, "{a:?}");
            assert!(a.iter().all(|p| p.0 >= 0.0 && p.0 <= f.width && p.1 >= 0.0));
        }
        // And each stays within the figure, clear of the legend.
        for p in &f.parts {
            for (x, y) in p.shape.outline(10.0) {
                assert!(
                    x >= 0.0 && x <= f.width && y >= 0.0 && y < f.keys_at.1 - 4.0,
                    "{:?}",
                    p.component
                );
            }
        }
    }

    #[test]
    fn ratings_of_the_groups_inside_say_they_are_pooled() {
        let (org, c) = sample();
        let s = org.structure();
        let fulfilment = *org
            .groups()
            .iter()
            .find(|(_, g)| g.name == "Fulfilment")
            .unwrap()
            .0;
        let mut round = crate::model::Round::new("Q1", "2027-01-15".parse().unwrap());
        for (rater, v) in [("Ana", 1), ("Bo", 3)] {
            round.set(
                rater,
                Component::Delivery,
                Some(fulfilment),
                Some((Score::new(v).unwrap(), String::new())),
            );
        }
        let rated = Rated::of(&s, crate::cycles::Scope::Org, Some(&round), None);
        let f = figure(&Input {
            cycles: &c,
            colouring: Colouring::Rating,
            rated: &rated,
            dark: false,
        });
        let text: Vec<&str> = f
            .part(Component::Delivery)
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert!(
            text.join(" ")
                .replace('\u{a0}', " ")
                .contains("rated 2 (spread 2, pooled)"),
            "{text:?}"
        );
        assert!(
            f.part(Component::TeamProcess)
                .lines
                .iter()
                .any(|l| l.text.starts_with("not rated")),
        );
    }

    #[test]
    fn ratings_colour_a_heat_map() {
        assert_eq!(rating_color(0.0), Rgba::rgb(200, 40, 40));
        assert_eq!(rating_color(4.0), Rgba::rgb(30, 140, 70));
        let half = rating_color(2.5);
        assert_ne!(half, rating_color(2.0));
        assert_ne!(half, rating_color(3.0));
    }
}
