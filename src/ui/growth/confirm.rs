//! The question *Apply to my design* asks before it changes the design: what the grown part
//! would change, in the words of the compare feature ([`crate::diff`]), with the existing teams
//! and groups that would move called out first, and Apply or Cancel.
//!
//! The changes are worked out once, when the question opens, by applying the view's batch to a
//! copy of the design and comparing the two; Apply pushes that same batch (one undoable step).

use egui::{Id, Key, Label, Modifiers, RichText, ScrollArea, TextStyle, Ui};

use super::GrowthView;
use crate::diff::{self, Change, Named, Section};
use crate::model::{Command, GroupId, Org, TeamId};
use crate::rules::Severity;
use crate::ui::cards::severity_color;
use crate::ui::document::Document;
use crate::words::{plural, thousands};

/// The question's title.
pub const CONFIRM_TITLE: &str = "Apply growth to your design?";

/// The most moves called out above the list (the list has them all).
const MOVES_SHOWN: usize = 10;

/// The tallest the list of changes gets before it scrolls.
const LIST_HEIGHT: f32 = 300.0;

/// The open question: the batch Apply would push and what it changes, in words.
pub(super) struct Confirm {
    command: Command,
    /// The design's revision the batch was made for: a question about an older design closes.
    revision: u64,
    /// The frame it was last shown in: a question not shown in the last frame (the view was
    /// left) closes.
    shown_at: u64,
    /// "Growing the design from 14 to 30 teams …".
    intro: String,
    headline: String,
    /// "3 existing teams move", with a line per move; `None` when nothing existing moves.
    moves: Option<(String, Vec<String>)>,
    findings: String,
    /// The changes by section, a row each, for a scroll area that lays out only what it shows.
    rows: Vec<Row>,
}

enum Row {
    Title(String),
    Line(String),
}

/// What the user answered.
enum Answer {
    Apply,
    Cancel,
}

impl Confirm {
    /// The question for `command` on the design as it is now, or why the batch would not apply.
    pub(super) fn new(design: &Document, command: Command, frame: u64) -> Result<Self, String> {
        let before = design.org();
        let mut after = before.clone();
        command
            .apply(&mut after)
            .map_err(|e| format!("The grown part cannot be applied: {e}"))?;
        let changes = diff::diff(before, &after);
        let moved: Vec<&Change> = changes
            .changes
            .iter()
            .filter(|c| matches!(c, Change::TeamMoved { .. } | Change::GroupMoved { .. }))
            .collect();
        let moves = (!moved.is_empty()).then(|| {
            let lines = moved
                .iter()
                .map(|c| format!("{} {}", c.mark(), c.describe()))
                .collect();
            (moves_phrase(&moved), lines)
        });
        let mut rows = Vec::new();
        for s in Section::ALL {
            let start = rows.len();
            rows.extend(
                changes
                    .section(s)
                    .map(|c| Row::Line(format!("{} {}", c.mark(), c.describe()))),
            );
            let n = rows.len() - start;
            if n > 0 {
                rows.insert(
                    start,
                    Row::Title(format!("{} ({})", s.title(), thousands(n))),
                );
            }
        }
        let i = &changes.impact;
        Ok(Confirm {
            command,
            revision: design.revision(),
            shown_at: frame,
            intro: format!(
                "Growing the design from {} to {} adds to it and changes it as below, as one \
                 step that Undo takes back.",
                plural(before.teams().len(), "team", "teams"),
                plural(after.teams().len(), "team", "teams"),
            ),
            headline: changes.headline(),
            moves,
            findings: format!(
                "Findings: {} added, {} resolved",
                i.findings_added.len(),
                i.findings_resolved.len()
            ),
            rows,
        })
    }
}

/// "3 existing teams move", "1 existing group moves", "2 existing teams and 1 group move".
fn moves_phrase(moved: &[&Change]) -> String {
    let teams = moved
        .iter()
        .filter(|c| matches!(c, Change::TeamMoved { .. }))
        .count();
    let groups = moved.len() - teams;
    let verb = if moved.len() == 1 { "moves" } else { "move" };
    match (teams, groups) {
        (0, 0) => "No existing team or group moves".to_string(),
        (_, 0) => format!(
            "{} {verb}",
            plural(teams, "existing team", "existing teams")
        ),
        (0, _) => format!(
            "{} {verb}",
            plural(groups, "existing group", "existing groups")
        ),
        _ => format!(
            "{} and {} {verb}",
            plural(teams, "existing team", "existing teams"),
            plural(groups, "group", "groups")
        ),
    }
}

/// The existing teams and groups of `design` that sit in another group in `grown` (grown from
/// it, so the ids correspond), in the compare feature's words: a line for the view's summary
/// ("1 existing team moves: Order Tracking moved from Fulfilment to Customer SoS") and a line
/// per move. Cheap enough for every size the view grows to, where a full [`diff::diff`] is not.
pub(super) fn existing_moves(design: &Org, grown: &Org) -> (String, String) {
    let group = |g: Option<GroupId>| {
        g.map(|g| Named {
            name: grown
                .group(g)
                .or_else(|| design.group(g))
                .map_or_else(String::new, |x| x.name.clone()),
            base: design.group(g).map(|x| x.id),
            target: grown.group(g).map(|x| x.id),
        })
    };
    let mut moved = Vec::new();
    for (id, g) in design.groups() {
        if let Some(now) = grown.group(*id)
            && now.parent != g.parent
        {
            moved.push(Change::GroupMoved {
                group: Named {
                    name: now.name.clone(),
                    base: Some(*id),
                    target: Some(*id),
                },
                from: group(g.parent),
                to: group(now.parent),
            });
        }
    }
    for (id, t) in design.teams() {
        if let Some(now) = grown.team(*id)
            && now.group != t.group
        {
            moved.push(Change::TeamMoved {
                team: Named::<TeamId> {
                    name: now.name.clone(),
                    base: Some(*id),
                    target: Some(*id),
                },
                from: group(t.group),
                to: group(now.group),
            });
        }
    }
    let phrase = moves_phrase(&moved.iter().collect::<Vec<_>>());
    let words: Vec<String> = moved.iter().map(Change::describe).collect();
    if words.is_empty() {
        (phrase, String::new())
    } else {
        (format!("{phrase}: {}", words.join(" · ")), words.join("\n"))
    }
}

impl GrowthView {
    /// Whether the Apply question is open.
    pub fn confirming(&self) -> bool {
        self.confirm.is_some()
    }

    /// Ask before applying `command` to the design.
    pub(super) fn ask(&mut self, ui: &Ui, design: &Document, command: Command) -> Option<String> {
        let frame = ui.ctx().cumulative_frame_nr();
        match Confirm::new(design, command, frame) {
            Ok(c) => {
                self.confirm = Some(c);
                None
            }
            Err(e) => Some(e),
        }
    }

    /// The Apply question, if it is open: the batch to apply once the user says Apply. Shown
    /// before the rest of the view so that its Enter is taken before any widget sees it.
    pub(super) fn confirm_ui(&mut self, ui: &Ui, design: &Document) -> Option<Command> {
        let frame = ui.ctx().cumulative_frame_nr();
        let c = self.confirm.as_mut()?;
        if c.revision != design.revision() || frame > c.shown_at + 1 {
            // The design changed under it (an undo), or the view was left: ask again.
            self.confirm = None;
            return None;
        }
        c.shown_at = frame;
        let mut answer = None;
        let modal = egui::Modal::new(Id::new("growth_apply_confirm")).show(ui.ctx(), |ui| {
            ui.set_width(560.0);
            ui.heading(CONFIRM_TITLE);
            ui.add(Label::new(&c.intro).wrap());
            ui.label(RichText::new(&c.headline).strong());
            if let Some((phrase, lines)) = &c.moves {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!("{phrase}:"))
                        .strong()
                        .color(severity_color(Severity::Warning)),
                );
                for l in lines.iter().take(MOVES_SHOWN) {
                    ui.add(Label::new(l).wrap());
                }
                if lines.len() > MOVES_SHOWN {
                    ui.label(
                        RichText::new(format!(
                            "and {} more, in the list below",
                            thousands(lines.len() - MOVES_SHOWN)
                        ))
                        .weak(),
                    );
                }
            }
            ui.add_space(4.0);
            ui.label(&c.findings);
            ui.separator();
            // A height of its own from the first frame, so that the question does not settle
            // into its size (and place) over a few frames.
            let row_h = ui.text_style_height(&TextStyle::Body);
            let height =
                (c.rows.len() as f32 * (row_h + ui.spacing().item_spacing.y)).min(LIST_HEIGHT);
            ScrollArea::vertical()
                .id_salt("growth_apply_changes")
                .min_scrolled_height(height)
                .max_height(height)
                .auto_shrink([false, false])
                .show_rows(ui, row_h, c.rows.len(), |ui, range| {
                    for row in &c.rows[range] {
                        match row {
                            Row::Title(t) => ui.add(Label::new(RichText::new(t).strong())),
                            Row::Line(l) => ui.add(Label::new(l).truncate()),
                        };
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    answer = Some(Answer::Apply);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Cancel);
                }
                ui.label(RichText::new("Enter applies · Esc cancels").small().weak());
            });
            // Enter on a focused button is that button's; anywhere else it applies. Taken
            // either way, before the rest of the view sees it.
            let enter = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
            if enter && answer.is_none() {
                answer = Some(Answer::Apply);
            }
        });
        if answer.is_none() && modal.should_close() {
            answer = Some(Answer::Cancel);
        }
        match answer? {
            Answer::Apply => self.confirm.take().map(|c| c.command),
            Answer::Cancel => {
                self.confirm = None;
                None
            }
        }
    }
}
