//! Exports: pure functions from an org to bytes, shared by the designer and the CLI so both write
//! identical files. Diagrams: SVG (drawn from the same layout and cards as the designer's
//! canvas), PNG (that SVG rendered by resvg with the bundled font) and PDF (an overview page and
//! a page per Scrum of Scrums, vector with real text). Text: Graphviz DOT (nested clusters) and
//! Mermaid (nested subgraphs). Data: the CSV roster and the JSON org file.

pub mod cycles;
mod dot;
pub mod font;
mod mermaid;
mod page;
mod pdf;
mod png;
mod svg;

use std::path::Path;

use crate::layout::{self, Style};
use crate::model::{Org, Structure, TeamCount};
use crate::rules::{Thresholds, validate_with};

pub use dot::to_dot;
pub use mermaid::to_mermaid;
pub use pdf::{Paper, to_pdf, to_pdf_marked};
pub use png::{MAX_PIXELS, MAX_SIDE, svg_to_png};
pub use svg::{to_svg, to_svg_marked};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// SVG diagram.
    Svg,
    /// PNG image of the SVG diagram.
    Png,
    /// PDF: overview page plus a page per Scrum of Scrums.
    Pdf,
    /// Graphviz DOT with nested clusters.
    Dot,
    /// Mermaid flowchart with nested subgraphs.
    Mermaid,
    /// CSV roster.
    Csv,
    /// JSON org file.
    Json,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Dot,
        Format::Mermaid,
        Format::Csv,
        Format::Json,
    ];

    /// The format a file name asks for, from its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "svg" => Format::Svg,
            "png" => Format::Png,
            "pdf" => Format::Pdf,
            "dot" | "gv" => Format::Dot,
            "mmd" | "mermaid" => Format::Mermaid,
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        })
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// What a menu calls it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Svg => "SVG image",
            Format::Png => "PNG image",
            Format::Pdf => "PDF document",
            Format::Dot => "Graphviz DOT",
            Format::Mermaid => "Mermaid flowchart",
            Format::Csv => "CSV roster",
            Format::Json => "JSON org file",
        }
    }

    /// Whether the format draws the diagram itself (and so follows the layout and findings).
    pub fn is_drawing(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf)
    }
}

/// How to export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Layout of SVG, PNG and PDF.
    pub style: Style,
    /// Mark each box with its worst finding and count the findings in the legend.
    pub findings: bool,
    /// Pixels per layout unit of a PNG.
    pub scale: f32,
    /// Paper of a PDF.
    pub paper: Paper,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            style: Style::Tree,
            findings: false,
            scale: 2.0,
            paper: Paper::A4,
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the PNG would be {width} × {height} pixels, over the limit of {limit}; a PNG scale of {fits} or less fits, and SVG and PDF have no size limit"
    )]
    TooLarge {
        width: u64,
        height: u64,
        /// The limit it breaks, in words.
        limit: String,
        /// The largest scale that fits (rounded down to a hundredth).
        fits: f32,
    },
    #[error("the scale must be a number above 0 and at most {MAX_SCALE}, not {0}")]
    BadScale(f32),
    #[error("cannot write the roster: {0}")]
    Csv(String),
    #[error("cannot render: {0}")]
    Render(String),
}

/// "812 bytes", "14.2 KB", "3.1 MB".
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Largest PNG scale accepted.
pub const MAX_SCALE: f32 = 16.0;

/// Refuse a PNG scale that is not above 0 and at most [`MAX_SCALE`].
pub fn check_scale(scale: f32) -> Result<(), ExportError> {
    if scale > 0.0 && scale <= MAX_SCALE {
        Ok(())
    } else {
        Err(ExportError::BadScale(scale))
    }
}

/// The org in a format. The designer and the CLI both call this, so they write the same bytes.
pub fn export(org: &Org, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    export_marked(org, format, options, None)
}

/// [`export`] with a comparison's marks of `org` (compare mode): the diagrams (SVG, PNG, PDF)
/// are tinted as the canvas is, with lines from moved boxes, ghosts of what the org lacks and a
/// key in the legend. Other formats, and `None`, are [`export`] itself.
pub fn export_marked(
    org: &Org,
    format: Format,
    options: &Options,
    marks: Option<&crate::diff::Marks>,
) -> Result<Vec<u8>, ExportError> {
    let findings = || {
        options
            .findings
            .then(|| validate_with(org, &Thresholds::from_settings(org.rules())))
    };
    Ok(match format {
        Format::Json => crate::io::json::to_string(org).into_bytes(),
        Format::Csv => crate::io::csv_roster::export(org)
            .map_err(|e| ExportError::Csv(e.to_string()))?
            .into_bytes(),
        Format::Dot => to_dot(org).into_bytes(),
        Format::Mermaid => to_mermaid(org).into_bytes(),
        Format::Svg => {
            let layout = layout::compute(org, options.style);
            svg::to_svg_marked(org, &layout, findings().as_deref(), marks).into_bytes()
        }
        Format::Png => {
            check_scale(options.scale)?;
            let layout = layout::compute(org, options.style);
            let (svg, (w, h)) = svg::document(org, &layout, findings().as_deref(), marks);
            // Refuse an oversized picture before parsing what may be megabytes of SVG.
            png::check_size(w, h, options.scale)?;
            svg_to_png(&svg, options.scale)?
        }
        Format::Pdf => {
            let layout = layout::compute(org, options.style);
            pdf::to_pdf_marked(org, &layout, findings().as_deref(), options.paper, marks)?
        }
    })
}

/// What a group box says: its name, its level label and its scaled roles.
pub(crate) fn group_lines(org: &Org, s: &Structure, g: crate::model::GroupId) -> Vec<String> {
    let grp = &org.groups()[&g];
    let level = s.level(g);
    let holder = |hs: &[crate::model::RoleHolder], label: String| match hs {
        [one] => format!("{label}: {}", org.person_name(one.person)),
        [] => format!("no {label}"),
        many => format!("{} {label}s", many.len()),
    };
    vec![
        format!("{} ({})", grp.name, Structure::level_label(level)),
        holder(&grp.masters, Structure::master_label(level)),
        holder(&grp.cpos, Structure::cpo_label(level)),
    ]
}

/// What a team box says: name, headcount, PO and SM.
pub(crate) fn team_lines(org: &Org, t: &Thresholds, team: crate::model::TeamId) -> Vec<String> {
    let team = &org.teams()[&team];
    let (n, unit) = match t.team_count {
        TeamCount::Whole => (team.headcount(), "people"),
        TeamCount::Doers => (team.doers(), "Developers"),
    };
    let first = |set: &std::collections::BTreeSet<crate::model::PersonId>| {
        set.iter()
            .next()
            .map_or_else(|| "none".to_string(), |p| org.person_name(*p))
    };
    let kind = if team.is_real() { "" } else { ", virtual" };
    vec![
        team.name.clone(),
        format!("{n} {unit}{kind}"),
        format!("PO: {}", first(&team.product_owners)),
        format!("SM: {}", first(&team.scrum_masters)),
    ]
}

/// What the EAT and EMS boxes say.
pub(crate) fn body_lines(org: &Org) -> (Vec<String>, Vec<String>) {
    let name = |p: Option<crate::model::PersonId>| {
        p.map_or_else(|| "none".to_string(), |p| org.person_name(p))
    };
    let eat = org.eat();
    let ems = org.ems();
    (
        vec![
            "Executive Action Team".to_string(),
            format!("{} members", eat.members.len()),
            format!("PO: {}", name(eat.product_owner)),
            format!("SM: {}", name(eat.scrum_master)),
        ],
        vec![
            "Executive MetaScrum".to_string(),
            format!("{} attendees", ems.attendees.len()),
            format!("Facilitator: {}", name(ems.facilitator)),
        ],
    )
}
