//! The findings panel: every rule finding, grouped by severity; a click reveals the subject.

use egui::{RichText, Ui};

use super::cards::severity_color;
use super::{Action, PanelCtx, Selection};
use crate::rules::Severity;

/// Findings panel state.
#[derive(Default)]
pub struct FindingsPanel {
    filter: String,
}

impl FindingsPanel {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let counts = cx.doc.counts();
        ui.horizontal(|ui| {
            ui.heading("Findings");
            ui.label(
                RichText::new(format!(
                    "{} errors · {} warnings · {} infos",
                    counts.errors, counts.warnings, counts.infos
                ))
                .weak(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Filter findings")
                        .desired_width(180.0),
                );
            });
        });
        ui.separator();
        let filter = self.filter.to_lowercase();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if cx.doc.findings().is_empty() {
                    ui.label("No findings: the design follows every rule of the profile.");
                }
                for (severity, title) in [
                    (Severity::Error, "Errors"),
                    (Severity::Warning, "Warnings"),
                    (Severity::Info, "Infos"),
                ] {
                    let items: Vec<_> = cx
                        .doc
                        .findings()
                        .iter()
                        .filter(|f| f.severity == severity)
                        .filter(|f| {
                            filter.is_empty()
                                || f.message.to_lowercase().contains(&filter)
                                || f.rule.to_string().to_lowercase() == filter
                        })
                        .collect();
                    if items.is_empty() {
                        continue;
                    }
                    egui::CollapsingHeader::new(
                        RichText::new(format!("{title} ({})", items.len()))
                            .color(severity_color(severity))
                            .strong(),
                    )
                    .id_salt(title)
                    .default_open(true)
                    .show(ui, |ui| {
                        for f in items {
                            let target = Selection::from_subject(f.subject);
                            let selected = target.is_some() && target == cx.selection;
                            let text = format!("{}  {}", f.rule, f.message);
                            let resp = ui
                                .selectable_label(selected, text)
                                .on_hover_text(format!("Source: {}", f.source()));
                            if resp.clicked()
                                && let Some(t) = target
                            {
                                cx.actions.push(Action::Reveal(t));
                            }
                        }
                    });
                }
            });
    }
}
