//! Exports from the designer: the File › Export menu, and the job that makes and writes the file
//! on a worker thread while the window stays responsive.

use super::*;

impl DesignerApp {
    /// Export the org in a format, asking where. Diagrams use the canvas' layout. The file is made
    /// and written on a worker thread; the status bar shows progress and the result.
    pub fn export(&mut self, format: crate::export::Format) -> bool {
        if let Some(job) = &self.export_job {
            self.status = format!(
                "Still exporting {}; try again when it is done.",
                job.path.display()
            );
            return false;
        }
        self.ask(Purpose::Export(format), None)
    }

    /// Make and write an export on a worker thread. In compare mode the diagrams are tinted
    /// with the comparison's marks, as the canvas is.
    pub(super) fn start_export(&mut self, format: crate::export::Format, path: PathBuf) -> bool {
        let options = self.prefs.export_options(self.doc.style());
        let org = self.doc.shared_org();
        let marks = self.export_marks(format);
        let tinted = marks.is_some();
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let result = match crate::export::export_marked(
                &org,
                format,
                &options,
                marks.as_deref(),
            ) {
                Err(e) => Err(format!(
                    "Could not export {}: {e}.\n\nNothing was written.",
                    target.display()
                )),
                Ok(bytes) => io::save_atomic(&target, &bytes)
                    .map(|()| bytes.len())
                    .map_err(|e| {
                        format!(
                            "Could not write {}: {}.\n\nNothing was written; try another place.",
                            target.display(),
                            io::io_reason(&e)
                        )
                    }),
            };
            let _ = tx.send(result);
        });
        self.status = if tinted {
            format!("Exporting {} tinted with the comparison…", path.display())
        } else {
            format!("Exporting {}…", path.display())
        };
        self.export_job = Some(ExportJob {
            path,
            format,
            done: rx,
        });
        true
    }

    /// The comparison's marks of the open design when a diagram is exported in compare mode.
    fn export_marks(
        &mut self,
        format: crate::export::Format,
    ) -> Option<std::sync::Arc<crate::diff::Marks>> {
        let c = self.compare.as_mut().filter(|_| format.is_drawing())?;
        c.refresh_now(self.doc.org(), self.doc.revision());
        Some(std::sync::Arc::clone(&c.marks))
    }

    /// Whether an export is still being made.
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// Pick up a finished export; while one runs, look again shortly.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else {
            return;
        };
        match job.done.try_recv() {
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Ok(Ok(size)) => {
                self.status = format!(
                    "Exported {} ({}, {})",
                    job.path.display(),
                    job.format.label(),
                    crate::export::human_size(size)
                );
                self.export_job = None;
            }
            Ok(Err(message)) => {
                self.error = Some(message);
                self.status = "Export failed; nothing was written".to_string();
                self.export_job = None;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.error = Some(format!(
                    "The export of {} stopped unexpectedly. Nothing was written.",
                    job.path.display()
                ));
                self.export_job = None;
            }
        }
    }

    /// The File › Export submenu.
    pub(super) fn export_menu(&mut self, ui: &mut Ui) {
        use crate::export::{Format, Paper};
        let style = self.doc.style();
        for format in Format::ALL {
            let hint = if format.is_drawing() && self.compare.is_some() {
                format!(
                    "The diagram in the {} layout, tinted as compare mode shows it",
                    style.label().to_lowercase()
                )
            } else if format.is_drawing() {
                format!("The diagram in the {} layout", style.label().to_lowercase())
            } else {
                match format {
                    Format::Dot => "For Graphviz: groups as nested clusters".to_string(),
                    Format::Mermaid => "For wikis and Markdown: nested subgraphs".to_string(),
                    Format::Csv => "One row per person and role".to_string(),
                    _ => "The org file itself".to_string(),
                }
            };
            if ui
                .button(format!("{}…", format.label()))
                .on_hover_text(hint)
                .clicked()
            {
                ui.close();
                self.export(format);
            }
        }
        ui.separator();
        let mut findings = self.prefs.export_findings;
        if ui
            .checkbox(&mut findings, "Mark findings on diagrams")
            .changed()
        {
            self.prefs.export_findings = findings;
        }
        let options = self.prefs.export_options(style);
        ui.horizontal(|ui| {
            ui.label("PNG scale");
            for s in [1.0f32, 2.0, 3.0, 4.0] {
                if ui
                    .selectable_label(options.scale == s, format!("{s}×"))
                    .clicked()
                {
                    self.prefs.export_scale = s;
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label("PDF paper");
            for p in [Paper::A4, Paper::Letter] {
                if ui.selectable_label(options.paper == p, p.label()).clicked() {
                    self.prefs.export_paper = p;
                }
            }
        });
    }
}
