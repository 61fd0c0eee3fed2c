//! Text measured in the bundled font and fitted to the room it has: SVG has no line breaking or
//! ellipsis of its own, so the export decides every line's text before writing it, with the same
//! metrics the PNG and PDF renderers then use.

use crate::export::font;

/// Height of one line of text at `size`.
pub(crate) fn line_height(size: f32) -> f32 {
    font::metrics().line_height * size
}

/// Break text into lines at most `max_w` wide at `size`, at spaces (a word longer than a line
/// is cut with an ellipsis).
pub(crate) fn wrap(text: &str, size: f32, max_w: f32) -> Vec<String> {
    let m = font::metrics();
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if m.width(&candidate, size) <= max_w || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    lines.push(line);
    lines.into_iter().map(|l| fit(&l, size, max_w)).collect()
}

/// Shorten text with an ellipsis until it is at most `max_w` wide at `size`.
pub(crate) fn fit(text: &str, size: f32, max_w: f32) -> String {
    let m = font::metrics();
    if m.width(text, size) <= max_w {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let s: String = chars.iter().chain(std::iter::once(&'…')).collect();
        if m.width(&s, size) <= max_w {
            return s;
        }
    }
    String::new()
}

/// A name at `size`, or smaller down to `min` if that makes it fit, or shortened at `min`.
/// Returns the text and the size to draw it at.
pub(crate) fn fit_name(text: &str, size: f32, min: f32, max_w: f32) -> (String, f32) {
    let w = font::metrics().width(text, size);
    if w <= max_w {
        return (text.to_string(), size);
    }
    let shrunk = (size * max_w / w).max(min);
    (fit(text, shrunk, max_w), shrunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        let lines = wrap(
            "one two three four five six seven eight nine ten",
            11.0,
            80.0,
        );
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(font::metrics().width(l, 11.0) <= 80.0, "{l}");
        }
        assert_eq!(
            lines.join(" "),
            "one two three four five six seven eight nine ten"
        );
    }

    #[test]
    fn names_shrink_before_they_are_shortened() {
        let (t, size) = fit_name("Recommendations", 13.0, 9.0, 93.0);
        assert_eq!(t, "Recommendations");
        assert!((9.0..13.0).contains(&size));
        let (t, size) = fit_name(
            "A very long team name that cannot fit at all",
            13.0,
            9.0,
            93.0,
        );
        assert!(t.ends_with('…'));
        assert_eq!(size, 9.0);
    }
}
