//! The cards of the diagram in SVG: boxes of the tree layout, pentagons and circles of the
//! fractal one, drawn with the designer's colours and placed as the designer places them at zoom
//! 1, so an export shows what the screen shows.

use std::fmt::Write;

use super::draw::{Anchor, Fill, Num, SMALL, StrokeAttr, dot, pentagon_points, text};
use super::fit::{fit, fit_name, line_height};
use crate::diagram::{self, Card, CardKind, Health, Rgba};
use crate::export::font;
use crate::layout::{self, Rect, Shape};
use crate::rules::Severity;

/// A pill with a team's headcount; `at` is its top-left corner. Returns its width.
fn badge(out: &mut String, label: &str, health: Health, at: (f32, f32), size: f32) -> f32 {
    let w = font::metrics().width(label, size) + size * 0.9;
    let h = line_height(size) + size * 0.3;
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {}/>",
        Num(at.0),
        Num(at.1),
        Num(w),
        Num(h),
        Num(h / 2.0),
        Fill(health.color())
    );
    text(
        out,
        at.0 + w / 2.0,
        at.1 + size * 0.15,
        size,
        Rgba::WHITE,
        Anchor::Middle,
        label,
    );
    w
}

/// A box card: rounded rectangle with an accent bar, title, subtitle, detail lines, a headcount
/// badge and a finding marker, placed as the designer places them at zoom 1.
pub(crate) fn box_card(out: &mut String, card: &Card, r: Rect) {
    let c = diagram::colors(card.kind, false);
    let radius = 6.0;
    // The whole card in the accent colour, then the fill over all but a bar on the left: the
    // bar keeps the card's rounded left corners, as in the designer.
    let bar = 5.0;
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{radius}\" {}/>\
         <path d=\"M{} {}H{}A{radius} {radius} 0 0 1 {} {}V{}A{radius} {radius} 0 0 1 {} {}H{}Z\" {}/>",
        Num(r.x),
        Num(r.y),
        Num(r.w),
        Num(r.h),
        Fill(c.accent),
        Num(r.x + bar),
        Num(r.y),
        Num(r.right() - radius),
        Num(r.right()),
        Num(r.y + radius),
        Num(r.bottom() - radius),
        Num(r.right() - radius),
        Num(r.bottom()),
        Num(r.x + bar),
        Fill(c.fill)
    );
    let border = StrokeAttr(c.accent.faded(0.7), 1.0);
    let dashed = matches!(card.kind, CardKind::Team { virtual_team: true });
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\" {border}{}/>",
        Num(r.x + 0.5),
        Num(r.y + 0.5),
        Num(r.w - 1.0),
        Num(r.h - 1.0),
        if dashed { 0.0 } else { radius },
        if dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        }
    );
    let pad = 10.0;
    let left = r.x + pad + 2.0;
    let mut y = r.y + pad * 0.8;
    let mut title_room = r.right() - pad - left;
    if let Some((label, health)) = &card.badge {
        let w = font::metrics().width(label, SMALL) + SMALL * 0.9;
        badge(
            out,
            label,
            *health,
            (r.right() - pad - w, r.y + pad * 0.7),
            SMALL,
        );
        title_room -= w + 6.0;
    }
    let (title, size) = fit_name(&card.name, 14.0, 10.5, title_room);
    text(
        out,
        left,
        y + (14.0 - size) * font::metrics().ascent,
        size,
        c.text,
        Anchor::Start,
        &title,
    );
    y += line_height(14.0) + 1.0;
    let small = 11.5;
    let room = r.right() - pad - left;
    text(
        out,
        left,
        y,
        small,
        c.text.faded(0.65),
        Anchor::Start,
        &fit(&card.subtitle, small, room),
    );
    y += line_height(small) + 2.0;
    for l in &card.lines {
        if y + line_height(small) > r.bottom() - 2.0 {
            break; // A short box (the fractal layout's EAT and EMS) shows what fits.
        }
        let color = if l.missing {
            diagram::severity_color(Severity::Error)
        } else {
            c.text
        };
        text(
            out,
            left,
            y,
            small,
            color,
            Anchor::Start,
            &fit(&l.text, small, room - 8.0),
        );
        y += line_height(small);
    }
    if let Some(sev) = card.worst {
        dot(
            out,
            (r.right() - 9.0, r.bottom() - 9.0),
            5.0,
            diagram::severity_color(sev),
        );
    }
}

/// A team pentagon or a group circle of the fractal layout.
pub(crate) fn round_card(out: &mut String, card: &Card, r: Rect, shape: Shape) {
    let c = diagram::colors(card.kind, false);
    let centre = r.center();
    let radius = r.w / 2.0;
    let group = matches!(card.kind, CardKind::Group { .. });
    // Opaque (the canvas blends the accent into its background; paper is white), so lines
    // beneath never show through.
    let fill = if group {
        Rgba::WHITE.lerp(c.accent, 0.85)
    } else {
        c.fill
    };
    let stroke = StrokeAttr(c.accent.faded(0.7), 1.0);
    match shape {
        Shape::Pentagon => {
            let _ = write!(
                out,
                "<polygon points=\"{}\" {} {stroke}/>",
                pentagon_points(centre, radius),
                Fill(fill)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {} {stroke}/>",
                Num(centre.0),
                Num(centre.1),
                Num(radius),
                Fill(fill)
            );
        }
    }
    let color = if group { Rgba::WHITE } else { c.text };
    let details = round_details(card);
    let details: Vec<(&str, bool)> = details.iter().map(|(t, m)| (t.as_str(), *m)).collect();
    let label = layout::LabelText {
        name: &card.name,
        details: &details,
        badge: card.badge.as_ref().map(|(b, _)| b.as_str()),
    };
    let m = font::metrics();
    let advance = |c: char| m.width(c.encode_utf8(&mut [0; 4]), 1.0);
    for l in layout::fit_label(shape, radius, 1.0, &label, &advance, m.line_height) {
        let top = centre.1 + l.top;
        let pill = match l.part {
            layout::LabelPart::Badge => card.badge.as_ref().map(|(_, h)| h.color()),
            _ if l.pill => Some(diagram::severity_color(Severity::Error)),
            _ => None,
        };
        if let Some(fill) = pill {
            let w = layout::pill_width(m.width(&l.text, l.size), l.size);
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {}/>",
                Num(centre.0 - w / 2.0),
                Num(top),
                Num(w),
                Num(l.height),
                Num(l.height / 2.0),
                Fill(fill)
            );
            let at = top + l.size * layout::PILL_INSET;
            text(
                out,
                centre.0,
                at,
                l.size,
                Rgba::WHITE,
                Anchor::Middle,
                &l.text,
            );
        } else {
            text(out, centre.0, top, l.size, color, Anchor::Middle, &l.text);
        }
    }
    if let Some(sev) = card.worst {
        dot(
            out,
            (centre.0, centre.1 + radius * 0.62),
            4.5,
            diagram::severity_color(sev),
        );
    }
}

/// The detail lines of a fractal shape: a group's level and member count, then its roles
/// (`true`: missing, drawn on a warning pill); a team shows only its name and headcount.
fn round_details(card: &Card) -> Vec<(String, bool)> {
    match card.kind {
        CardKind::Group { .. } => std::iter::once((card.subtitle.clone(), false))
            .chain(card.lines.iter().map(|l| (l.text.clone(), l.missing)))
            .collect(),
        _ => Vec::new(),
    }
}
