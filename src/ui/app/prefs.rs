//! Preferences kept between runs (eframe persistence).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::ui::dialogs::DialogChoice;

pub(super) const PREFS_KEY: &str = "orgscale_prefs";

/// UI state kept between runs with eframe persistence.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub last_file: Option<PathBuf>,
    pub dark_mode: Option<bool>,
    pub show_outline: Option<bool>,
    pub show_inspector: Option<bool>,
    pub show_findings: Option<bool>,
    pub layout: Option<crate::layout::Style>,
    /// Diagram exports mark findings.
    pub export_findings: Option<bool>,
    /// Pixels per canvas unit of PNG exports.
    pub export_scale: Option<f32>,
    /// Paper of PDF exports.
    pub export_paper: Option<crate::export::Paper>,
    /// Which file dialog to use.
    pub file_dialog: Option<DialogChoice>,
    /// The canvas shows its minimap.
    pub show_minimap: Option<bool>,
}

impl Prefs {
    /// Export options: the canvas' layout and the export preferences.
    pub fn export_options(&self, style: crate::layout::Style) -> crate::export::Options {
        let d = crate::export::Options::default();
        crate::export::Options {
            style,
            findings: self.export_findings.unwrap_or(true),
            scale: self.export_scale.unwrap_or(d.scale),
            paper: self.export_paper.unwrap_or(d.paper),
        }
    }
}
