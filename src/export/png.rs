//! PNG: the SVG export rendered by resvg, with only the bundled font, on white.

use super::{ExportError, font};

/// Longest side of a PNG export, in pixels.
pub const MAX_SIDE: u64 = 30_000;
/// Most pixels in a PNG export (about 400 MB while rendering).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Check that a picture of `w` × `h` units at `scale` stays within the limits; returns its size
/// in pixels.
pub(crate) fn check_size(w: f32, h: f32, scale: f32) -> Result<(u64, u64), ExportError> {
    super::check_scale(scale)?;
    let width = (w * scale).ceil().max(1.0) as u64;
    let height = (h * scale).ceil().max(1.0) as u64;
    let too_large = |limit: String| {
        let (w, h) = (w.max(1.0) as f64, h.max(1.0) as f64);
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
    Ok((width, height))
}

/// Render an SVG document at `scale` pixels per SVG unit and encode it as PNG.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    super::check_scale(scale)?;
    let tree = resvg::usvg::Tree::from_str(svg, &font::usvg_options())
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let (width, height) = check_size(size.width(), size.height(), scale)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| ExportError::Render(format!("no memory for {width} × {height} pixels")))?;
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
