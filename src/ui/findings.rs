//! The findings panel: every rule finding, grouped by severity; a click reveals the subject.
//! Only the rows on screen become widgets, so an org with tens of thousands of findings stays
//! fluid.

use egui::{RichText, Ui};

use super::cards::severity_color;
use super::{Action, PanelCtx, Selection};
use crate::rules::Severity;

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Row {
    Header(Severity, usize),
    Finding(usize),
}

/// Findings panel state.
#[derive(Default)]
pub struct FindingsPanel {
    filter: String,
    collapsed: [bool; 3],
    rows: Vec<Row>,
    /// (document revision, filter, collapsed) the rows were built for.
    built_for: Option<(u64, String, [bool; 3])>,
}

fn slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl FindingsPanel {
    fn rebuild(&mut self, cx: &PanelCtx) {
        let key = (
            cx.doc.structure_revision(),
            self.filter.clone(),
            self.collapsed,
        );
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        let filter = self.filter.to_lowercase();
        self.rows.clear();
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let matching: Vec<usize> = cx
                .doc
                .findings()
                .iter()
                .enumerate()
                .filter(|(_, f)| f.severity == severity)
                .filter(|(_, f)| {
                    filter.is_empty()
                        || f.message.to_lowercase().contains(&filter)
                        || f.rule.to_string().to_lowercase() == filter
                })
                .map(|(i, _)| i)
                .collect();
            if matching.is_empty() {
                continue;
            }
            self.rows.push(Row::Header(severity, matching.len()));
            if !self.collapsed[slot(severity)] {
                self.rows.extend(matching.into_iter().map(Row::Finding));
            }
        }
        self.built_for = Some(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let counts = cx.doc.counts();
        ui.horizontal(|ui| {
            ui.heading("Findings");
            ui.label(RichText::new(counts.phrases().join(" · ")).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Filter findings")
                        .desired_width(180.0),
                );
                // The hint is not a name to a screen reader: name the field itself.
                ui.ctx()
                    .accesskit_node_builder(edit.id, |n| n.set_label("Filter findings"));
            });
        });
        ui.separator();
        if cx.doc.findings().is_empty() {
            ui.label("No findings: the design follows every rule of the profile.");
            return;
        }
        self.rebuild(cx);
        let row_h =
            ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y + 2.0;
        let rows = self.rows.clone();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_h, rows.len(), |ui, range| {
                for row in &rows[range] {
                    match *row {
                        Row::Header(severity, n) => {
                            let title = match severity {
                                Severity::Error => "Errors",
                                Severity::Warning => "Warnings",
                                Severity::Info => "Infos",
                            };
                            let open = !self.collapsed[slot(severity)];
                            let resp = ui
                                .horizontal(|ui| {
                                    let (icon, icon_resp) = ui.allocate_exact_size(
                                        egui::vec2(ui.spacing().icon_width, row_h * 0.8),
                                        egui::Sense::click(),
                                    );
                                    let _ = icon;
                                    egui::collapsing_header::paint_default_icon(
                                        ui,
                                        if open { 1.0 } else { 0.0 },
                                        &icon_resp,
                                    );
                                    let label = ui.add(
                                        egui::Button::new(
                                            RichText::new(format!("{title} ({n})"))
                                                .color(severity_color(severity))
                                                .strong(),
                                        )
                                        .frame(false),
                                    );
                                    icon_resp.clicked() || label.clicked()
                                })
                                .inner;
                            if resp {
                                self.collapsed[slot(severity)] = open;
                            }
                        }
                        Row::Finding(i) => {
                            let f = &cx.doc.findings()[i];
                            let target = Selection::from_subject(f.subject);
                            let selected = target.is_some() && target == cx.selection;
                            let resp = ui
                                .horizontal(|ui| {
                                    ui.add_space(14.0);
                                    ui.selectable_label(
                                        selected,
                                        format!("{}  {}", f.rule, f.message),
                                    )
                                })
                                .inner
                                .on_hover_text(format!("Source: {}", f.source()));
                            if resp.clicked()
                                && let Some(t) = target
                            {
                                cx.actions.push(Action::Reveal(t));
                            }
                        }
                    }
                }
            });
    }
}
