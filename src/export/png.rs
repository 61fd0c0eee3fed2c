//! PNG: the SVG export rendered by resvg, with only the bundled font, on white.

use super::{ExportError, font};

/// Longest side of a PNG export, in pixels.
pub const MAX_SIDE: u64 = 30_000;
/// Most pixels in a PNG export (about 400 MB while rendering).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Render an SVG document at `scale` pixels per SVG unit and encode it as PNG.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    if !(scale > 0.0 && scale.is_finite()) {
        return Err(ExportError::BadScale(scale));
    }
    let tree = resvg::usvg::Tree::from_str(svg, &font::usvg_options())
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let width = (size.width() * scale).ceil().max(1.0) as u64;
    let height = (size.height() * scale).ceil().max(1.0) as u64;
    let too_large = |limit: String| {
        let (w, h) = (size.width() as f64, size.height() as f64);
        let by_side = MAX_SIDE as f64 / w.max(h);
        let by_area = (MAX_PIXELS as f64 / (w * h)).sqrt();
        let fits = ((by_side.min(by_area) * 100.0).floor() / 100.0) as f32;
        ExportError::TooLarge {
            width,
            height,
            limit,
            fits,
        }
    };
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(too_large(format!("{MAX_SIDE} pixels a side")));
    }
    if width * height > MAX_PIXELS {
        return Err(too_large(format!("{} megapixels", MAX_PIXELS / 1_000_000)));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| too_large("the memory this machine gives".to_string()))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
