//! The one font of the image exports: the designer's own Ubuntu Light, bundled in the binary, so
//! an export measures and renders the same on every machine, with or without installed fonts.

use std::sync::OnceLock;

/// The font file (Ubuntu Font Licence 1.0; the licence travels with `epaint_default_fonts`).
pub const FONT_DATA: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The family the SVG asks for first; the PNG and PDF renderers know only the bundled font and
/// map every family, this one included, to it.
pub const FAMILY: &str = "Ubuntu";

/// Metrics of the bundled font, read once.
pub struct Metrics {
    /// Advance of each ASCII character, in ems.
    ascii: [f32; 128],
    face: ttf_parser::Face<'static>,
    units: f32,
    /// Distance from the top of a line to its baseline, in ems.
    pub ascent: f32,
    /// Height of one line, in ems.
    pub line_height: f32,
}

impl Metrics {
    fn load() -> Metrics {
        let face = ttf_parser::Face::parse(FONT_DATA, 0).expect("the bundled font parses");
        let units = f32::from(face.units_per_em());
        let ascent = f32::from(face.ascender()) / units;
        let line_height = f32::from(face.ascender() - face.descender() + face.line_gap()) / units;
        let mut m = Metrics {
            ascii: [0.0; 128],
            face,
            units,
            ascent,
            line_height,
        };
        for c in 0u8..128 {
            m.ascii[c as usize] = m.advance_slow(c as char);
        }
        m
    }

    fn advance_slow(&self, c: char) -> f32 {
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.units
    }

    /// Width of a line of text at a font size (kerning ignored: a hair wider than rendered).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let ems: f32 = text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    self.ascii[c as usize]
                } else {
                    self.advance_slow(c)
                }
            })
            .sum();
        ems * size
    }
}

/// Metrics of the bundled font.
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::load)
}

/// A font database holding only the bundled font, with every generic family pointing at it.
pub fn database() -> std::sync::Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(FONT_DATA.to_vec());
        let family = loaded_family(&db);
        db.set_sans_serif_family(family.clone());
        db.set_serif_family(family.clone());
        db.set_monospace_family(family.clone());
        db.set_cursive_family(family.clone());
        db.set_fantasy_family(family);
        std::sync::Arc::new(db)
    })
    .clone()
}

fn loaded_family(db: &resvg::usvg::fontdb::Database) -> String {
    db.faces()
        .next()
        .and_then(|f| f.families.first())
        .map_or_else(|| FAMILY.to_string(), |(name, _)| name.clone())
}

/// usvg options that resolve every font to the bundled one and load nothing from disk.
pub fn usvg_options() -> resvg::usvg::Options<'static> {
    let fontdb = database();
    resvg::usvg::Options {
        font_family: loaded_family(&fontdb),
        fontdb,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_measures_text() {
        let m = metrics();
        assert!(m.ascent > 0.7 && m.ascent < 1.1, "{}", m.ascent);
        assert!(m.line_height > 1.0 && m.line_height < 1.4);
        let w = m.width("Payments", 10.0);
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!(m.width("WWW", 10.0) > m.width("iii", 10.0));
        assert!(m.width("Zoë", 10.0) > m.width("Zo", 10.0));
    }

    #[test]
    fn the_database_knows_only_the_bundled_font_and_maps_generic_families_to_it() {
        let db = database();
        assert_eq!(db.len(), 1);
        let id = db.query(&resvg::usvg::fontdb::Query {
            families: &[resvg::usvg::fontdb::Family::SansSerif],
            ..Default::default()
        });
        assert!(id.is_some());
        let named = db.query(&resvg::usvg::fontdb::Query {
            families: &[resvg::usvg::fontdb::Family::Name(FAMILY)],
            ..Default::default()
        });
        assert!(
            named.is_some(),
            "{:?}",
            db.faces().next().map(|f| &f.families)
        );
    }
}
