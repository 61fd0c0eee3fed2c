//! The legend under a diagram: which shape and colour is which kind of box, what the headcount
//! pills mean for this org's size rules, and how many findings the markers stand for. It explains
//! only what the org has (no virtual-team entry without virtual teams) and wraps to the page.

use std::fmt::Write;

use super::draw::{Anchor, Fill, INK, MUTED, Num, SMALL, StrokeAttr, dot, pentagon_points, text};
use super::fit::line_height;
use crate::diagram::{self, CardKind, Health, Rgba, TintCount};
use crate::diff::Tint;
use crate::export::font;
use crate::layout::{Shape, Style};
use crate::model::{Org, TeamCount};
use crate::rules::{Counts, Finding, Severity, Thresholds};

/// What the legend explains.
#[derive(Clone)]
pub(crate) struct Legend {
    style: Style,
    team_range: String,
    /// The range's end points, which are allowed but marked: "3 or 9 people".
    team_limits: Option<String>,
    levels: u32,
    virtual_teams: bool,
    eat: bool,
    ems: bool,
    /// Finding counts, when markers are shown.
    findings: Option<Counts>,
    /// A comparison's kinds of change with their counts, and whether moved boxes have lines.
    compare: Option<(Vec<TintCount>, bool)>,
}

impl Legend {
    pub fn of(org: &Org, style: Style, findings: Option<&[Finding]>) -> Legend {
        let t = Thresholds::from_settings(org.rules());
        let unit = match t.team_count {
            TeamCount::Whole => "people",
            TeamCount::Doers => "Developers",
        };
        let team_range = t.team_range().map_or_else(
            || format!("any number of {unit}"),
            |r| format!("{r} {unit}"),
        );
        let team_limits = match (t.team_min, t.team_max) {
            (Some(a), Some(b)) => Some(format!("{a} or {b} {unit}")),
            (Some(a), None) | (None, Some(a)) => Some(format!("{a} {unit}")),
            (None, None) => None,
        };
        Legend {
            style,
            team_range,
            team_limits,
            levels: org.structure().depth(),
            virtual_teams: org.teams().values().any(|t| !t.is_real()),
            eat: !org.eat().is_empty(),
            ems: !org.ems().is_empty(),
            findings: findings.map(Counts::of),
            compare: None,
        }
    }

    /// The legend with a row for a comparison's tints.
    pub fn with_compare(self, counts: Vec<TintCount>, moves: bool) -> Legend {
        Legend {
            compare: Some((counts, moves)),
            ..self
        }
    }
}

/// Draws a legend entry with its top-left corner at (x, y).
type DrawItem = Box<dyn Fn(&mut String, f32, f32)>;

/// One legend entry: a swatch and a label, `w` wide in all.
struct Item {
    w: f32,
    draw: DrawItem,
}

/// A legend entry placed: the row heading it starts (if first in its row), and where it goes.
struct Placed {
    heading: Option<&'static str>,
    item: Item,
    x: f32,
    y: f32,
}

fn item(label: String, swatch_w: f32, swatch: impl Fn(&mut String, f32, f32) + 'static) -> Item {
    let w = swatch_w + 6.0 + font::metrics().width(&label, SMALL);
    Item {
        w,
        draw: Box::new(move |out, x, y| {
            swatch(out, x, y);
            text(
                out,
                x + swatch_w + 6.0,
                y + (16.0 - line_height(SMALL)) / 2.0,
                SMALL,
                INK,
                Anchor::Start,
                &label,
            );
        }),
    }
}

fn kind_item(label: &str, kind: CardKind, shape: Shape) -> Item {
    let c = diagram::colors(kind, false);
    let dashed = matches!(kind, CardKind::Team { virtual_team: true });
    item(label.to_string(), 22.0, move |out, x, y| match shape {
        Shape::Box => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"14\" rx=\"3\" {} {}{}/>",
                Num(x),
                Num(y + 1.0),
                Fill(c.fill),
                StrokeAttr(c.accent, 1.2),
                if dashed {
                    " stroke-dasharray=\"3 2\""
                } else {
                    ""
                }
            );
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"3\" height=\"14\" {}/>",
                Num(x),
                Num(y + 1.0),
                Fill(c.accent)
            );
        }
        Shape::Pentagon => {
            let _ = write!(
                out,
                "<polygon points=\"{}\" {} {}/>",
                pentagon_points((x + 11.0, y + 8.5), 8.0),
                Fill(c.fill),
                StrokeAttr(c.accent, 1.2)
            );
        }
        Shape::Circle => dot(
            out,
            (x + 11.0, y + 8.0),
            7.5,
            Rgba::WHITE.lerp(c.accent, 0.85),
        ),
    })
}

fn pill_item(label: String, health: Health) -> Item {
    item(label, 22.0, move |out, x, y| {
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"12\" rx=\"6\" {}/>",
            Num(x),
            Num(y + 2.0),
            Fill(health.color())
        );
    })
}

/// A compare tint: a card swatch washed and ringed in its colour, dashed for ghosts.
fn tint_item(c: TintCount) -> Item {
    item(c.label(), 22.0, move |out, x, y| {
        let color = diagram::tint_color(c.tint, false);
        let fill = if c.dashed {
            color.faded(0.08)
        } else {
            diagram::tinted_fill(Rgba::WHITE, c.tint, false)
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"14\" rx=\"3\" {} {}{}/>",
            Num(x),
            Num(y + 1.0),
            Fill(fill),
            StrokeAttr(color, 1.8),
            if c.dashed {
                " stroke-dasharray=\"3 2\""
            } else {
                ""
            }
        );
    })
}

/// The line from a moved box to its place in the other version.
fn move_item() -> Item {
    item(
        "line to where it is in the other version".into(),
        22.0,
        move |out, x, y| {
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {} stroke-dasharray=\"4 3\"/>",
                Num(x),
                Num(y + 8.0),
                Num(x + 19.0),
                Num(y + 8.0),
                StrokeAttr(diagram::tint_color(Tint::Moved, false).faded(0.6), 1.6)
            );
            dot(
                out,
                (x + 19.0, y + 8.0),
                3.0,
                diagram::tint_color(Tint::Moved, false).faded(0.8),
            );
        },
    )
}

fn dot_item(label: String, color: Rgba) -> Item {
    item(label, 10.0, move |out, x, y| {
        dot(out, (x + 5.0, y + 8.0), 5.0, color)
    })
}

/// Legend entries in reading order, with the heading of each row.
fn legend_rows(l: &Legend) -> Vec<(&'static str, Vec<Item>)> {
    let (team_shape, group_shape) = match l.style {
        Style::Tree => (Shape::Box, Shape::Box),
        Style::Fractal => (Shape::Pentagon, Shape::Circle),
    };
    let mut boxes = vec![kind_item(
        "Scrum team",
        CardKind::Team {
            virtual_team: false,
        },
        team_shape,
    )];
    if l.virtual_teams {
        boxes.push(kind_item(
            "Virtual team",
            CardKind::Team { virtual_team: true },
            team_shape,
        ));
    }
    for level in 1..=l.levels.clamp(1, 3) {
        let label = match level {
            1 => "Scrum of Scrums",
            2 => "SoS of SoS",
            _ => "level 3 and above",
        };
        boxes.push(kind_item(label, CardKind::Group { level }, group_shape));
    }
    if l.eat {
        boxes.push(kind_item(
            "Executive Action Team",
            CardKind::Eat,
            Shape::Box,
        ));
    }
    if l.ems {
        boxes.push(kind_item("Executive MetaScrum", CardKind::Ems, Shape::Box));
    }
    let sizes = match &l.team_limits {
        Some(limits) => vec![
            pill_item(format!("inside {}", l.team_range), Health::Good),
            pill_item(format!("at a limit of {limits}"), Health::Edge),
            pill_item("outside the range".into(), Health::Bad),
        ],
        // A profile without size limits: every team is fine (an empty one is still red).
        None => vec![
            pill_item("no size limit".into(), Health::Good),
            pill_item("no people".into(), Health::Bad),
        ],
    };
    let mut rows = vec![("Boxes", boxes), ("Team size", sizes)];
    if let Some((counts, moves)) = &l.compare {
        let mut items: Vec<Item> = counts.iter().map(|c| tint_item(*c)).collect();
        if *moves {
            items.push(move_item());
        }
        rows.push(("Compare", items));
    }
    if let Some(c) = l.findings {
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        rows.push((
            "Findings",
            vec![
                dot_item(
                    plural(c.errors, "error"),
                    diagram::severity_color(Severity::Error),
                ),
                dot_item(
                    plural(c.warnings, "warning"),
                    diagram::severity_color(Severity::Warning),
                ),
                dot_item(
                    plural(c.infos, "info"),
                    diagram::severity_color(Severity::Info),
                ),
            ],
        ));
    }
    rows
}

const ROW: f32 = 22.0;
const HEADING_W: f32 = 78.0;

/// Where each legend item goes in a box `width` wide: (row heading, item, x, y) and the height.
fn place_legend(l: &Legend, width: f32) -> (Vec<Placed>, f32) {
    let mut placed = Vec::new();
    let mut y = 0.0;
    for (heading, items) in legend_rows(l) {
        let mut x = HEADING_W;
        let mut first = true;
        for it in items {
            if x + it.w > width && x > HEADING_W {
                x = HEADING_W;
                y += ROW;
            }
            let w = it.w;
            placed.push(Placed {
                heading: first.then_some(heading),
                item: it,
                x,
                y,
            });
            first = false;
            x += w + 18.0;
        }
        y += ROW;
    }
    (placed, y)
}

/// Height of the legend drawn `width` wide at `scale`.
pub(crate) fn legend_height(l: &Legend, width: f32, scale: f32) -> f32 {
    place_legend(l, width / scale).1 * scale
}

pub(crate) fn write_legend(out: &mut String, l: &Legend, at: (f32, f32), width: f32, scale: f32) {
    let (placed, _) = place_legend(l, width / scale);
    let _ = write!(
        out,
        "<g id=\"legend\" transform=\"translate({} {}) scale({})\">",
        Num(at.0),
        Num(at.1),
        Num(scale)
    );
    for Placed {
        heading,
        item,
        x: ix,
        y: iy,
    } in placed
    {
        if let Some(h) = heading {
            text(
                out,
                0.0,
                iy + (16.0 - line_height(SMALL)) / 2.0,
                SMALL,
                MUTED,
                Anchor::Start,
                h,
            );
        }
        (item.draw)(out, ix, iy);
    }
    out.push_str("</g>\n");
}
