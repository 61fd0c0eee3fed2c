//! The SVG elements every drawing of the export is made of (numbers, escaped text, fills,
//! strokes, lines of text, dots, pentagons), written one way so that cards, the legend and the
//! page frame print identical markup for identical things and the output stays deterministic.

use std::borrow::Cow;
use std::fmt::{self, Write};

use crate::diagram::Rgba;
use crate::export::font;

/// Size of small text: card details, the legend and the findings under a diagram.
pub(crate) const SMALL: f32 = 11.0;
/// Colour of text on the page.
pub(crate) const INK: Rgba = Rgba::gray(25);
/// Colour of secondary text on the page (subtitle, legend headings, footer).
pub(crate) const MUTED: Rgba = Rgba::gray(95);

/// A number as SVG writes it: at most two decimals, no trailing zeros, never "-0".
pub(crate) struct Num(pub f32);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = (self.0 * 100.0).round() / 100.0;
        let r = if r == 0.0 || !r.is_finite() { 0.0 } else { r };
        write!(f, "{r}")
    }
}

/// Text escaped for XML, without the characters XML 1.0 forbids (control characters).
pub(crate) fn esc(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'')
            || (c.is_control() && !matches!(c, '\t' | '\n'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if bad(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Attributes of a fill colour (with its opacity when not opaque).
pub(crate) struct Fill(pub Rgba);

impl fmt::Display for Fill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fill=\"{}\"", self.0.hex())?;
        if self.0.a < 255 {
            write!(f, " fill-opacity=\"{}\"", Num(self.0.opacity()))?;
        }
        Ok(())
    }
}

/// Attributes of a stroke.
pub(crate) struct StrokeAttr(pub Rgba, pub f32);

impl fmt::Display for StrokeAttr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stroke=\"{}\" stroke-width=\"{}\"",
            self.0.hex(),
            Num(self.1)
        )?;
        if self.0.a < 255 {
            write!(f, " stroke-opacity=\"{}\"", Num(self.0.opacity()))?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
}

/// One line of text with its top at `top`.
pub(crate) fn text(
    out: &mut String,
    x: f32,
    top: f32,
    size: f32,
    color: Rgba,
    anchor: Anchor,
    s: &str,
) {
    let baseline = top + font::metrics().ascent * size;
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" {}",
        Num(x),
        Num(baseline),
        Num(size),
        Fill(color)
    );
    if let Anchor::Middle = anchor {
        out.push_str(" text-anchor=\"middle\"");
    }
    let _ = write!(out, ">{}</text>", esc(s));
}

/// The start of a standalone SVG page: the XML declaration, the root element in the bundled
/// font's family, its title and a white background.
pub(crate) fn open_page(out: &mut String, width: f32, height: f32, title: &str) {
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{family}, Arial, Helvetica, sans-serif\">\n",
        w = Num(width),
        h = Num(height),
        family = font::FAMILY
    );
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        Num(width),
        Num(height)
    );
}

pub(crate) fn dot(out: &mut String, c: (f32, f32), r: f32, color: Rgba) {
    let _ = write!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>",
        Num(c.0),
        Num(c.1),
        Num(r),
        Fill(color)
    );
}

/// The points of a regular pentagon standing on its base, as a `points` attribute.
pub(crate) fn pentagon_points(c: (f32, f32), r: f32) -> String {
    let mut s = String::new();
    for i in 0..5 {
        let a = -std::f32::consts::FRAC_PI_2 + i as f32 * 2.0 * std::f32::consts::PI / 5.0;
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", Num(c.0 + a.cos() * r), Num(c.1 + a.sin() * r));
    }
    s
}
