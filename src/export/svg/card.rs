//! The cards of the diagram in SVG: boxes of the tree layout, pentagons and circles of the
//! fractal one, drawn with the designer's colours and placed as the designer places them at zoom
//! 1, so an export shows what the screen shows.

use std::fmt::Write;

use super::draw::{Anchor, Fill, Num, SMALL, StrokeAttr, dot, pentagon_points, text};
use super::fit::{fit, fit_name, line_height};
use crate::diagram::{self, Card, CardKind, Health, Rgba};
use crate::diff::Tint;
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
/// What compare mode marks on a card: its tint, and how many changed units it stands for that
/// the diagram does not show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    pub tint: Option<Tint>,
    pub inside: usize,
}

/// A compare tint washes the card's fill and rings it in the tint's colour (dashed when the
/// other version lacks it).
pub(crate) fn box_card(out: &mut String, card: &Card, r: Rect, mark: Mark) {
    let tint = mark.tint;
    let mut c = diagram::colors(card.kind, false);
    if let Some(t) = tint {
        c.fill = diagram::tinted_fill(c.fill, t, false);
    }
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
    if let Some(t) = tint {
        let color = diagram::tint_color(t, false);
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\" {}{}/>",
            Num(r.x - 2.0),
            Num(r.y - 2.0),
            Num(r.w + 4.0),
            Num(r.h + 4.0),
            Num(radius + 2.0),
            StrokeAttr(color, 2.5),
            dash(t)
        );
    }
    mark_pills(out, mark, r.right() - pad, None, r.y - 2.0);
}

/// The dash pattern of a tint's ring: removed units are dashed.
fn dash(t: Tint) -> &'static str {
    if t == Tint::Removed {
        " stroke-dasharray=\"7 4\""
    } else {
        ""
    }
}

/// The pills of a mark along a card's top edge, centred on `y`: the tint's word ("added"),
/// beside the colour for readers who cannot tell the colours apart, and the count of changed
/// units the card stands for ("3 changes inside"). They end at `right`, or are centred on
/// `centre`.
fn mark_pills(out: &mut String, mark: Mark, right: f32, centre: Option<f32>, y: f32) {
    let size = 9.5;
    let mut pills: Vec<(String, Rgba, Rgba)> = Vec::new();
    if let Some(t) = mark.tint {
        pills.push((
            diagram::tint_word(t).to_string(),
            diagram::tint_color(t, false),
            diagram::tint_ink(t, false),
        ));
    }
    if mark.inside > 0 {
        pills.push((
            diagram::inside_words(mark.inside),
            Rgba::gray(90),
            Rgba::WHITE,
        ));
    }
    if pills.is_empty() {
        return;
    }
    let gap = 4.0;
    let widths: Vec<f32> = pills
        .iter()
        .map(|(t, ..)| font::metrics().width(t, size) + size)
        .collect();
    let total = widths.iter().sum::<f32>() + gap * (widths.len() - 1) as f32;
    let mut right = centre.map_or(right, |c| c + total / 2.0);
    let h = line_height(size) + 2.0;
    for ((word, fill, ink), w) in pills.iter().zip(widths) {
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {}/>",
            Num(right - w),
            Num(y - h / 2.0),
            Num(w),
            Num(h),
            Num(h / 2.0),
            Fill(*fill)
        );
        text(
            out,
            right - w / 2.0,
            y - h / 2.0 + 1.0,
            size,
            *ink,
            Anchor::Middle,
            word,
        );
        right -= w + gap;
    }
}

/// A team pentagon or a group circle of the fractal layout.
pub(crate) fn round_card(out: &mut String, card: &Card, r: Rect, shape: Shape, mark: Mark) {
    let tint = mark.tint;
    let mut c = diagram::colors(card.kind, false);
    if let Some(t) = tint
        && !matches!(card.kind, CardKind::Group { .. })
    {
        c.fill = diagram::tinted_fill(c.fill, t, false);
    }
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
    if let Some(t) = tint {
        let ring = StrokeAttr(diagram::tint_color(t, false), 2.5);
        match shape {
            Shape::Pentagon => {
                let _ = write!(
                    out,
                    "<polygon points=\"{}\" fill=\"none\" {ring}{}/>",
                    pentagon_points(centre, radius + 3.0),
                    dash(t)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" {ring}{}/>",
                    Num(centre.0),
                    Num(centre.1),
                    Num(radius + 3.0),
                    dash(t)
                );
            }
        }
    }
    mark_pills(out, mark, 0.0, Some(centre.0), centre.1 - radius - 3.0);
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
