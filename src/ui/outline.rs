//! The outline panel: the whole org as a collapsible tree.

use egui::Ui;

use super::document::Document;
use super::{PanelCtx, Selection};

/// Outline panel state.
#[derive(Default)]
pub struct Outline {}

impl Outline {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        ui.heading("Outline");
        let _ = cx;
    }

    /// Expand the tree so that `s` is visible and scroll to it.
    pub fn reveal(&mut self, doc: &Document, s: Selection) {
        let _ = (doc, s);
    }
}
