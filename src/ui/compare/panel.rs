//! The Changes panel of compare mode: the impact table, every change grouped like the CLI's
//! text (click one to select it), and the transition plan in waves (drag steps between waves,
//! apply a wave as one undo step).

use egui::{RichText, Ui};

use super::{ChangesFormat, CompareAction, Comparison};
use crate::diff::{Direction, Section, Subject, report};
use crate::model::Unit;
use crate::ui::{Action, Selection};

/// A section longer than this starts folded.
const OPEN_MAX: usize = 40;

/// What a change row drags: the step's index in the plan.
#[derive(Clone, Copy, Debug)]
struct DraggedStep(usize);

/// The panel while compare mode opens on a large design.
pub fn opening(ui: &mut Ui, label: &str, actions: &mut Vec<Action>) {
    if ui
        .button("Leave compare")
        .on_hover_text("Stop comparing; the canvas stays as it is")
        .clicked()
    {
        actions.push(Action::Compare(CompareAction::Leave));
    }
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(format!("Comparing this design with {label}…"));
    });
    ui.label(
        RichText::new("You can keep working; the changes appear here when they are ready.")
            .small()
            .weak(),
    );
}

pub fn ui(ui: &mut Ui, c: &Comparison, actions: &mut Vec<Action>) {
    let act = |a: CompareAction| Action::Compare(a);
    let (from, to) = match c.direction {
        Direction::FromOther => (c.label.as_str(), "this design"),
        Direction::ToOther => ("this design", c.label.as_str()),
    };
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("⇄ Swap sides")
            .on_hover_text("Compare the other way round: which side is the base")
            .clicked()
        {
            actions.push(act(CompareAction::Swap));
        }
        if ui
            .button("Leave compare")
            .on_hover_text("Back to the normal canvas")
            .clicked()
        {
            actions.push(act(CompareAction::Leave));
        }
    });
    ui.label(format!("From {from} to {to}"));
    if c.is_updating() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(
                RichText::new("Updating to your latest edits…")
                    .small()
                    .weak(),
            );
        });
    } else if c.has_failed() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Could not compare your latest edits (internal error); this shows an earlier \
             version of them. Edit again, or leave and compare again.",
        );
    }
    ui.label(RichText::new(c.changes.headline()).strong());
    for n in report::matching_notes(&c.changes.summary_of_matching()) {
        ui.label(RichText::new(n).small().weak());
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Export the changes:");
        if ui.button("Markdown…").clicked() {
            actions.push(act(CompareAction::Export(ChangesFormat::Markdown)));
        }
        if ui.button("CSV…").clicked() {
            actions.push(act(CompareAction::Export(ChangesFormat::Csv)));
        }
    });
    // Two pages: what changes (with the impact), and the plan to get there.
    let id = ui.id().with("compare_tab");
    let mut plan_tab = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut plan_tab, false, "Changes and impact");
        ui.selectable_value(
            &mut plan_tab,
            true,
            format!(
                "Transition plan ({})",
                crate::words::plural(c.plan.steps.len(), "step", "steps")
            ),
        );
    });
    ui.data_mut(|d| d.insert_temp(id, plan_tab));
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if plan_tab {
                plan(ui, c, actions);
            } else {
                impact(ui, c);
                changes(ui, c, actions);
            }
        });
}

fn impact(ui: &mut Ui, c: &Comparison) {
    let i = &c.changes.impact;
    egui::CollapsingHeader::new("Impact")
        .default_open(true)
        .show(ui, |ui| {
            let (b, t) = match c.direction {
                Direction::FromOther => (c.label.as_str(), "This design"),
                Direction::ToOther => ("This design", c.label.as_str()),
            };
            // Three columns in the panel's width: long figures wrap instead of running out.
            let column =
                ((ui.available_width() - 2.0 * ui.spacing().item_spacing.x) / 3.0).max(60.0);
            egui::Grid::new("impact")
                .striped(true)
                .num_columns(3)
                .max_col_width(column)
                .show(ui, |ui| {
                    ui.label("");
                    ui.label(RichText::new(b).strong());
                    ui.label(RichText::new(t).strong());
                    ui.end_row();
                    for r in report::impact_rows(i) {
                        ui.label(&r[0]);
                        ui.label(&r[1]);
                        if r[1] == r[2] {
                            ui.label(&r[2]);
                        } else {
                            ui.label(RichText::new(&r[2]).strong());
                        }
                        ui.end_row();
                    }
                });
            ui.label(format!(
                "Findings: {} added, {} resolved",
                i.findings_added.len(),
                i.findings_resolved.len()
            ));
            for f in i.findings_added.iter().take(8) {
                ui.label(
                    RichText::new(format!("+ {} {}: {}", f.rule, f.subject_name, f.message))
                        .small()
                        .color(crate::ui::cards::severity_color(f.severity)),
                );
            }
            for f in i.findings_resolved.iter().take(8) {
                ui.label(
                    RichText::new(format!("− {} {}: {}", f.rule, f.subject_name, f.message))
                        .small()
                        .weak(),
                );
            }
            ui.label(format!("Team stability: {}", report::stability_line(i)));
        });
}

/// The open design's selection for a change's subject, if it is in the open design.
fn open_selection(s: Subject, d: Direction) -> Result<Option<Selection>, ()> {
    fn pick<T>(d: Direction, base: Option<T>, target: Option<T>) -> Option<T> {
        match d {
            Direction::FromOther => target,
            Direction::ToOther => base,
        }
    }
    Ok(match s {
        Subject::Org => None,
        Subject::Unit { base, target } => match pick(d, base, target) {
            Some(Unit::Team(t)) => Some(Selection::Team(t)),
            Some(Unit::Group(g)) => Some(Selection::Group(g)),
            None => return Err(()),
        },
        Subject::Person { base, target } => match pick(d, base, target) {
            Some(p) => Some(Selection::Person(p)),
            None => return Err(()),
        },
    })
}

fn changes(ui: &mut Ui, c: &Comparison, actions: &mut Vec<Action>) {
    if c.changes.is_empty() {
        ui.label(RichText::new("No changes: the two versions are the same.").italics());
        return;
    }
    for s in Section::ALL {
        let items: Vec<_> = c.changes.section(s).collect();
        if items.is_empty() {
            continue;
        }
        egui::CollapsingHeader::new(format!("{} ({})", s.title(), items.len()))
            .id_salt(("changes", s))
            .default_open(items.len() <= OPEN_MAX)
            .show(ui, |ui| {
                for ch in items {
                    let text = format!("{} {}", ch.mark(), ch.describe());
                    let r = ui.add(egui::Button::selectable(false, text).wrap());
                    if r.clicked() {
                        match open_selection(ch.subject(), c.direction) {
                            Ok(Some(sel)) if matches!(sel, Selection::Person(_)) => {
                                actions.push(Action::Select(Some(sel)))
                            }
                            Ok(Some(sel)) => actions.push(Action::Reveal(sel)),
                            Ok(None) => {}
                            Err(()) => actions.push(Action::Status(format!(
                                "{} is not in this design; the canvas shows it as a ghost.",
                                ch.describe()
                            ))),
                        }
                    }
                }
            });
    }
}

fn plan(ui: &mut Ui, c: &Comparison, actions: &mut Vec<Action>) {
    let act = |a: CompareAction| Action::Compare(a);
    let p = &c.plan;
    if p.steps.is_empty() {
        ui.label(RichText::new("Nothing to do: the two versions are the same.").italics());
        return;
    }
    {
        ui.horizontal(|ui| {
            ui.label(format!("Waves: {}", p.waves));
            if ui
                .add_enabled(p.waves > 1, egui::Button::new("−"))
                .on_hover_text("Fewer waves (the steps are split again)")
                .clicked()
            {
                actions.push(act(CompareAction::Waves(p.waves - 1)));
            }
            if ui
                .add_enabled(p.waves < p.steps.len().max(1), egui::Button::new("+"))
                .on_hover_text("More waves (the steps are split again)")
                .clicked()
            {
                actions.push(act(CompareAction::Waves(p.waves + 1)));
            }
            if ui
                .button("Add empty wave")
                .on_hover_text("A wave to drag steps into")
                .clicked()
            {
                actions.push(act(CompareAction::AddWave));
            }
        });
        ui.label(
            RichText::new("Drag a step onto another step or onto a wave to move it.")
                .small()
                .weak(),
        );
        let applies = c.direction == Direction::ToOther && !c.is_updating();
        let mut n = 0;
        for w in 0..p.waves {
            let outcome = c.outcomes.get(w);
            let steps: Vec<_> = p.wave(w).collect();
            let frame = egui::Frame::group(ui.style());
            let mut row_took = false;
            let (_, dropped) = ui.dnd_drop_zone::<DraggedStep, _>(frame, |ui| {
                ui.set_min_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "Wave {} ({})",
                            w + 1,
                            crate::words::plural(steps.len(), "step", "steps")
                        ))
                        .strong(),
                    );
                    let label = format!("Apply wave {}", w + 1);
                    let r = ui.add_enabled(applies && !steps.is_empty(), egui::Button::new(label));
                    let r = if applies {
                        r.on_hover_text("Apply this wave's steps to this design as one undo step")
                    } else if c.is_updating() {
                        r.on_disabled_hover_text("Wait until the comparison is up to date")
                    } else {
                        r.on_disabled_hover_text(
                            "Waves apply to the base: swap sides so that this design is the base",
                        )
                    };
                    if r.clicked() {
                        actions.push(act(CompareAction::ApplyWave(w)));
                    }
                });
                for (i, s) in &steps {
                    n += 1;
                    let id = egui::Id::new(("plan_step", *i));
                    let r = ui
                        .dnd_drag_source(id, DraggedStep(*i), |ui| {
                            ui.label(format!("{n}. {}", s.text));
                        })
                        .response;
                    if let Some(from) = r.dnd_release_payload::<DraggedStep>() {
                        row_took = true;
                        actions.push(act(CompareAction::MoveStep {
                            from: from.0,
                            wave: w,
                            before: Some(*i),
                        }));
                    }
                }
                if outcome.is_none() && c.is_updating() {
                    ui.label(RichText::new("Checking this wave…").small().weak());
                }
                if let Some(o) = outcome {
                    for r in &o.refused {
                        ui.label(
                            RichText::new(format!("Refused: {} ({})", r.step, r.why))
                                .small()
                                .color(crate::ui::cards::severity_color(
                                    crate::rules::Severity::Error,
                                )),
                        );
                    }
                    let after = if o.findings.is_empty() {
                        format!("After wave {}: nothing new breaks", o.wave)
                    } else {
                        format!(
                            "After wave {}: {} the base did not have",
                            o.wave,
                            crate::words::plural(o.findings.len(), "finding", "findings")
                        )
                    };
                    ui.label(RichText::new(after).small().italics());
                    for f in o.findings.iter().take(6) {
                        ui.label(
                            RichText::new(format!("  {} {}", f.subject_name, f.message))
                                .small()
                                .color(crate::ui::cards::severity_color(f.severity)),
                        );
                    }
                    if o.findings.len() > 6 {
                        ui.label(
                            RichText::new(format!("  … and {} more", o.findings.len() - 6))
                                .small()
                                .weak(),
                        );
                    }
                }
            });
            if let Some(from) = dropped.filter(|_| !row_took) {
                actions.push(act(CompareAction::MoveStep {
                    from: from.0,
                    wave: w,
                    before: None,
                }));
            }
        }
    }
}
