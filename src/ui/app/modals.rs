//! The questions the designer asks in a modal window: an error to read, unsaved changes, and
//! (in `recovery`) unsaved work from an earlier run.

use super::*;

/// The answers to the unsaved-changes question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unsaved {
    /// Save, then carry on.
    Save,
    /// Carry on without saving.
    Discard,
    /// Do nothing.
    Cancel,
}

impl DesignerApp {
    pub(super) fn modals(&mut self, ui: &mut Ui) {
        if let Some(msg) = self.error.clone() {
            let m = egui::Modal::new(Id::new("error_modal")).show(ui.ctx(), |ui| {
                ui.set_max_width(520.0);
                ui.heading("Something went wrong");
                ui.label(msg);
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if m.inner || m.should_close() {
                self.error = None;
            }
        }
        if let Some(p) = self.pending.clone() {
            let action = match &p {
                Pending::New => "starting a new org",
                Pending::Sample => "opening the sample org",
                Pending::Open(_) => "opening another file",
                Pending::Import => "importing",
                Pending::Quit => "quitting",
            };
            let name = self.doc.display_name();
            let mut choice: Option<Unsaved> = None;
            egui::Modal::new(Id::new("unsaved_modal")).show(ui.ctx(), |ui| {
                ui.heading("Unsaved changes");
                ui.label(format!("Save the changes to {name} before {action}?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        choice = Some(Unsaved::Save);
                    }
                    if ui.button("Don't save").clicked() {
                        choice = Some(Unsaved::Discard);
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Unsaved::Cancel);
                    }
                });
            });
            match choice {
                Some(Unsaved::Save) => {
                    self.pending = None;
                    let quit = p == Pending::Quit;
                    // Saving may first ask where; what waits runs once the save has worked.
                    if self.save_then(Some(p)) && quit {
                        ui.ctx().send_viewport_cmd(ViewportCommand::Close);
                    }
                }
                Some(Unsaved::Discard) => {
                    self.pending = None;
                    self.finish_pending(p, ui);
                }
                Some(Unsaved::Cancel) => self.pending = None,
                None => {}
            }
        }
        self.recovery_modal(ui);
    }
}
