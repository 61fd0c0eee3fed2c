//! The inspector panel: details of the selection, edited through commands.

use egui::Ui;

use super::PanelCtx;

/// Inspector panel state.
#[derive(Default)]
pub struct Inspector {
    rename: bool,
}

impl Inspector {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        ui.heading("Inspector");
        let _ = cx;
    }

    /// Put the keyboard focus on the selection's name (F2).
    pub fn request_rename(&mut self) {
        self.rename = true;
    }
}

/// Profile and threshold settings.
pub fn rules_ui(ui: &mut Ui, cx: &mut PanelCtx) {
    let _ = (ui, cx);
}
