//! Compare mode from the app's side: starting it (with a file, or with the saved version),
//! what the Changes panel asks for, applying a wave, exporting the changes.

use super::*;
use crate::ui::compare::{ChangesFormat, CompareAction, Comparison, Opening, WorkerLost};

/// How soon to look again for a comparison being made on a worker.
const POLL: std::time::Duration = std::time::Duration::from_millis(30);

impl DesignerApp {
    /// Compare the design with another org (the other side is the base).
    /// A large design is compared on a worker: the Changes panel says so until it is done.
    pub fn compare_with(&mut self, other: Org, label: &str) {
        self.view = MainView::Design;
        if Comparison::wants_worker(&other, self.doc.org()) {
            self.compare = None;
            self.comparing = Some(Opening::start(
                other,
                label,
                self.doc.shared_org(),
                self.doc.revision(),
            ));
            self.status = format!("Comparing with {label}…");
            return;
        }
        let c = Comparison::new(other, label, self.doc.org(), self.doc.revision());
        self.status = format!("Comparing with {label}: {}", c.changes.headline());
        self.compare = Some(c);
        self.comparing = None;
        self.compare_shows_inspector = false;
        // The whole design, so that every tint and ghost is in view.
        self.canvas.request_fit();
    }

    /// Once a frame: pick up a comparison made on a worker and bring the open one up to the
    /// design; while a worker runs, look again shortly.
    pub(super) fn poll_compare(&mut self, ctx: &egui::Context) {
        match self.comparing.as_ref().map(Opening::poll) {
            Some(Ok(Some(c))) => {
                self.status = format!("Comparing with {}: {}", c.label, c.changes.headline());
                self.compare = Some(c);
                self.comparing = None;
                self.compare_shows_inspector = false;
                self.canvas.request_fit();
            }
            Some(Err(WorkerLost)) => {
                let label = self.comparing.take().map(|o| o.label).unwrap_or_default();
                self.error = Some(format!(
                    "Could not compare with {label}: the comparison stopped with an internal \
                     error.\n\nYour design is unchanged."
                ));
            }
            Some(Ok(None)) | None => {}
        }
        if self.comparing.is_some() {
            ctx.request_repaint_after(POLL);
        }
        let org = self.doc.shared_org();
        if let Some(c) = self.compare.as_mut() {
            c.refresh(&org, self.doc.revision());
            if c.is_updating() {
                ctx.request_repaint_after(POLL);
            }
        }
    }

    /// File › Compare with…: ask for the file.
    pub fn ask_compare(&mut self) {
        self.ask(Purpose::Compare, None);
    }

    pub(super) fn compare_with_file(&mut self, path: &Path) -> bool {
        match io::load(path) {
            Ok(org) => {
                let label = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                self.compare_with(org, &label);
                true
            }
            Err(e) => {
                self.error = Some(format!(
                    "Could not compare with {}:\n\n{e}\n\nYour design is unchanged.",
                    path.display()
                ));
                false
            }
        }
    }

    /// File › Compare with saved version: what the unsaved edits change.
    pub fn compare_with_saved(&mut self) {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            self.status =
                "This design has not been saved yet, so there is no saved version to compare with."
                    .to_string();
            return;
        };
        match io::load(&path) {
            Ok(org) => self.compare_with(org, "the saved version"),
            Err(e) => {
                self.error = Some(format!(
                    "Could not read the saved version ({}):\n\n{e}\n\nYour design is unchanged.",
                    path.display()
                ))
            }
        }
    }

    /// Leave compare mode: the normal canvas returns.
    pub fn leave_compare(&mut self) {
        let opening = self.comparing.take().is_some();
        if self.compare.take().is_some() || opening {
            self.status = "Left compare mode".to_string();
        }
    }

    pub(super) fn compare_action(&mut self, a: CompareAction) {
        if a == CompareAction::Leave {
            self.leave_compare();
            return;
        }
        let org = self.doc.shared_org();
        let Some(c) = self.compare.as_mut() else {
            return;
        };
        match a {
            CompareAction::Swap => c.swap(&org, self.doc.revision()),
            CompareAction::Leave => {}
            CompareAction::Waves(n) => c.set_waves(n, &org),
            CompareAction::AddWave => {
                c.plan.add_wave();
                c.rerun(&org);
            }
            CompareAction::MoveStep { from, wave, before } => {
                c.plan.move_step(from, wave, before);
                c.rerun(&org);
            }
            CompareAction::ApplyWave(w) => self.apply_wave(w),
            CompareAction::Export(f) => {
                self.ask(Purpose::ExportChanges(f), None);
            }
        }
    }

    /// Apply one wave of the plan to the design (the base) as one undo step.
    pub fn apply_wave(&mut self, wave: usize) {
        let Some(c) = self.compare.as_ref() else {
            return;
        };
        if !c.is_current(self.doc.revision()) {
            self.status = "The comparison is still being updated; apply the wave when it is done."
                .to_string();
            return;
        }
        if c.direction != crate::diff::Direction::ToOther {
            self.status =
                "Waves apply to the base: swap sides so that this design is the base.".to_string();
            return;
        }
        let batch = c.plan.wave_batch(wave);
        let count = match &batch {
            Command::Batch { commands, .. } => commands.len(),
            _ => 1,
        };
        if count == 0 {
            self.status = format!("Wave {} has no steps", wave + 1);
            return;
        }
        if self.apply(batch) {
            if let Some(c) = self.compare.as_mut() {
                c.wave_applied();
            }
            self.status = format!(
                "Applied wave {} ({}); Undo takes it back",
                wave + 1,
                crate::words::plural(count, "step", "steps")
            );
        }
    }

    pub(super) fn export_changes(&mut self, format: ChangesFormat, path: &Path) -> bool {
        let Some(c) = self.compare.as_mut() else {
            return false;
        };
        // The file says what the design is now, even if a worker is still catching up.
        c.refresh_now(self.doc.org(), self.doc.revision());
        let text = format.write(c, &self.doc.display_name());
        let done = format!("Wrote {} to {}", format.label(), path.display());
        self.write_report(path, &text, done)
    }
}
