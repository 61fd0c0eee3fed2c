//! What the Cycles view asks of the app: a gap's subject shown on the design canvas, the figure
//! or a rating sheet written where the user says, a filled rating sheet read in as one undo
//! step.

use super::*;
use crate::ui::cycles::{CyclesAction, CyclesFile};

impl DesignerApp {
    pub(super) fn cycles_action(&mut self, a: CyclesAction) {
        match a {
            CyclesAction::ShowOnCanvas(s) => {
                self.view = MainView::Design;
                self.reveal(s);
            }
            CyclesAction::Export(f) => {
                self.ask(Purpose::ExportCycles(f), None);
            }
            CyclesAction::ImportRatings => {
                self.ask(Purpose::ImportRatings, None);
            }
        }
    }

    /// Write the Cycles view's figure (as it shows it, in the light theme) or a rating sheet.
    pub(super) fn export_cycles(&mut self, f: CyclesFile, path: &Path) -> bool {
        let options = self.prefs.export_options(self.doc.style());
        let today = jiff::Zoned::now().date();
        match self
            .cycles
            .export(&self.doc, f, options.scale, options.paper, today)
        {
            Ok(bytes) => {
                let done = format!(
                    "Wrote {} to {} ({})",
                    f.what(),
                    path.display(),
                    crate::export::human_size(bytes.len())
                );
                self.write_file(path, &bytes, done)
            }
            Err(e) => {
                self.error = Some(format!(
                    "Could not export {}: {e}.\n\nNothing was written.",
                    path.display()
                ));
                false
            }
        }
    }

    /// Read a filled rating sheet into the design as one undoable step; a sheet with a problem
    /// is refused, naming the line, and changes nothing.
    pub(super) fn import_ratings(&mut self, path: &Path) -> bool {
        let today = jiff::Zoned::now().date();
        match io::ratings_csv::import(self.doc.org(), path, today) {
            Err(e) => {
                self.error = Some(format!(
                    "Could not import the ratings: {e}\n\nNothing was imported; the design is as it was."
                ));
                false
            }
            Ok(imported) => {
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                let cmd = Command::Batch {
                    label: format!(
                        "Import {} from {file}",
                        crate::words::plural(imported.ratings, "rating", "ratings")
                    ),
                    commands: vec![Command::SetAssessment(imported.assessment.clone())],
                };
                if !self.apply(cmd) {
                    return false;
                }
                if let Some(r) = imported.rounds.first() {
                    self.cycles.show_round(r);
                }
                self.view = MainView::Cycles;
                self.status = format!("Imported {}", imported.summary());
                true
            }
        }
    }
}
