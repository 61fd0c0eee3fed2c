//! The designer's side of crash recovery: autosave while there are unsaved changes, and the
//! offer to restore them on the next start (the file and its writer are `ui::recovery`).

use super::*;

/// The answers to the offer of unsaved work from an earlier run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Restore {
    Restore,
    Discard,
}

impl DesignerApp {
    pub(super) fn read_recovery(&self) -> Option<Recovery> {
        self.autosaver.as_ref()?.read()
    }

    /// Write unsaved work to the recovery file, on the autosave thread.
    pub fn autosave(&mut self) {
        if let Some(saver) = &self.autosaver {
            saver.write(
                self.doc.shared_org(),
                self.doc.path().map(Path::to_path_buf),
            );
        }
    }

    /// Wait until the autosaves asked for are written (tests and quitting use this).
    pub fn wait_for_autosave(&self) {
        if let Some(saver) = &self.autosaver {
            saver.wait();
        }
    }

    pub(super) fn clear_recovery(&mut self) {
        if let Some(saver) = &self.autosaver {
            saver.clear();
        }
    }

    pub(super) fn restore(&mut self, rec: Recovery) {
        let name = rec
            .original
            .clone()
            .unwrap_or_else(|| PathBuf::from("recovered.json"));
        match io::json::from_str(&name, &rec.org_json) {
            Ok(org) => {
                let mut doc = Document::new(org, rec.original.clone());
                doc.set_style(self.prefs.layout);
                doc.mark_unsaved();
                self.doc = doc;
                self.canvas = Canvas::default();
                self.outline = Outline::default();
                self.selection = None;
                self.status = "Restored unsaved changes; save them to keep them".to_string();
            }
            Err(e) => self.show_load_error(&e),
        }
    }

    /// Offer unsaved work found at start, once no other question is up.
    pub(super) fn recovery_modal(&mut self, ui: &mut Ui) {
        // One question at a time: an error message is read before the recovery offer.
        if let Some(rec) = self
            .offered_recovery
            .clone()
            .filter(|_| self.error.is_none() && self.pending.is_none())
        {
            let mut choice: Option<Restore> = None;
            egui::Modal::new(Id::new("recovery_modal")).show(ui.ctx(), |ui| {
                ui.heading("Restore unsaved changes?");
                let what = rec
                    .original
                    .as_ref()
                    .map_or_else(|| "an unsaved org".to_string(), |p| p.display().to_string());
                let age = now_unix().saturating_sub(rec.written);
                ui.label(format!(
                    "orgscale closed without saving changes to {what} ({} ago). Restore them?",
                    human_age(age)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        choice = Some(Restore::Restore);
                    }
                    if ui.button("Discard").clicked() {
                        choice = Some(Restore::Discard);
                    }
                });
            });
            if let Some(answer) = choice {
                self.offered_recovery = None;
                match answer {
                    Restore::Restore => self.restore(rec),
                    Restore::Discard => self.clear_recovery(),
                }
            }
        }
    }
}

/// How long ago, in words: "less than a minute", "5 min", "3 h", "2 days".
fn human_age(secs: u64) -> String {
    match secs {
        0..=59 => "less than a minute".to_string(),
        60..=3599 => format!("{} min", secs / 60),
        3600..=86_399 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}
