//! The Growth view's controls and its animation: the target, fan-out, team size and start, Play,
//! Pause, Loop, Step and Apply, and how Play advances the team count shown from frame to frame.

use std::time::Duration;

use egui::{Button, DragValue, Slider, Ui};

use super::{GrowthView, MAX_TEAMS, Start, thousands};
use crate::growth;
use crate::model::Command;
use crate::ui::document::Document;
use crate::words::plural;

impl GrowthView {
    /// The Step button: one team more. On the way to the target (paused) it advances the
    /// shown count; otherwise it raises the target by one.
    pub fn step(&mut self) {
        self.playing = false;
        match self.frame {
            Some(f) if f + 1 < self.teams => self.frame = Some(f + 1),
            Some(_) => self.frame = None,
            None => self.teams = (self.teams + 1).min(MAX_TEAMS),
        }
    }

    /// Start playing: from the start (`min` teams), unless paused on the way to the target.
    fn play(&mut self, now: f64, min: usize) {
        if self.frame.is_none_or(|f| f >= self.teams) {
            self.frame = Some(min);
        }
        self.playing = true;
        self.last_step = now;
    }

    /// Keep the shown count within `min` and the target after the controls changed either.
    pub(super) fn reconcile(&mut self, min: usize) {
        if let Some(f) = self.frame {
            let looping = self.playing && self.looping && self.teams > min;
            // A loop shows the target for a step; otherwise the target is shown as itself.
            if f > self.teams || (f == self.teams && !looping) {
                if looping {
                    self.frame = Some(min);
                } else {
                    self.frame = None;
                    self.playing = false;
                }
            } else if f < min {
                self.frame = Some(min);
            }
        }
        if self.teams <= min && self.playing {
            self.playing = false;
            self.frame = None;
        }
    }

    /// Advance the animation by the teams due since the last step, and ask for a frame when the
    /// next one is due. Play stops exactly at the target, or starts again from `min` when
    /// looping.
    pub(super) fn animate(&mut self, ui: &Ui, min: usize) {
        if !self.playing {
            return;
        }
        let now = ui.input(|i| i.time);
        let interval = 1.0 / self.speed.max(0.1);
        let due = ((now - self.last_step) / interval).floor();
        if due >= 1.0 {
            self.last_step += due * interval;
            let at = self.frame.unwrap_or(min).max(min);
            let next = at.saturating_add(due as usize);
            if next < self.teams {
                self.frame = Some(next);
            } else if !self.looping {
                // Exactly the target, however many teams were due.
                self.frame = None;
                self.playing = false;
                return;
            } else if at < self.teams {
                // A loop shows the target too before it starts again.
                self.frame = Some(self.teams);
            } else {
                self.frame = Some(min);
            }
        }
        let wait = (self.last_step + interval - now).max(0.0);
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(wait));
    }

    /// The controls; the batch *Apply to my design* would add, when it was clicked (the view
    /// asks before applying it).
    pub(super) fn controls(
        &mut self,
        ui: &mut Ui,
        design: &Document,
        min: usize,
    ) -> Option<Command> {
        let mut apply = None;
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Teams");
            ui.add(
                Slider::new(&mut self.teams, min..=MAX_TEAMS)
                    .logarithmic(true)
                    .show_value(false),
            )
            .labelled_by(label.id)
            .on_hover_text("The number of teams to grow to; Play grows up to it");
            ui.add(DragValue::new(&mut self.teams).range(min..=MAX_TEAMS))
                .labelled_by(label.id);
            ui.separator();
            let label = ui.label("Fan-out");
            ui.add(DragValue::new(&mut self.fanout).range(growth::fanouts()))
                .labelled_by(label.id)
                .on_hover_text("Members per group; 2 adds groups without splitting (append)");
            let label = ui.label("Team size");
            ui.add(DragValue::new(&mut self.team_size).range(growth::TEAM_SIZES))
                .labelled_by(label.id)
                .on_hover_text("People per generated team: PO, SM and developers");
            ui.separator();
            ui.label("Start from");
            ui.selectable_value(&mut self.start, Start::Empty, "Empty org");
            ui.selectable_value(&mut self.start, Start::Design, "My design")
                .on_hover_text("Grow the design you are editing");
        });
        ui.horizontal_wrapped(|ui| {
            let now = ui.input(|i| i.time);
            if self.playing {
                if ui
                    .button("Pause")
                    .on_hover_text("Stop adding teams here; Play goes on from here")
                    .clicked()
                {
                    self.playing = false;
                }
            } else {
                let from = if self.frame.is_some() {
                    "from here".to_string()
                } else {
                    format!("from {}", plural(min, "team", "teams"))
                };
                if ui
                    .add_enabled(self.teams > min, Button::new("Play"))
                    .on_hover_text(format!(
                        "Grow {from} to the target of {} teams, one team at a time",
                        thousands(self.teams as f64)
                    ))
                    .on_disabled_hover_text("Ask for more teams to play their growth")
                    .clicked()
                {
                    self.play(now, min);
                }
            }
            ui.checkbox(&mut self.looping, "Loop")
                .on_hover_text("When Play reaches the target, start again from the beginning");
            let more = self.frame.is_some() || self.teams < MAX_TEAMS;
            if ui
                .add_enabled(more, Button::new("Step"))
                .on_hover_text("Add one team")
                .clicked()
            {
                self.step();
            }
            let label = ui.label("Teams per second");
            ui.add(
                DragValue::new(&mut self.speed)
                    .range(1.0..=100.0)
                    .speed(0.2),
            )
            .labelled_by(label.id);
            ui.separator();
            let have = design.org().teams().len();
            let why_not = if self.start == Start::Empty {
                Some("Start from \"My design\" to grow the design you are editing".to_string())
            } else if let Some(f) = self.frame {
                Some(format!(
                    "Showing {f} of the target's {} teams: let Play reach the target first",
                    self.teams
                ))
            } else if self.teams <= have {
                Some(format!(
                    "Your design has {have} teams; ask for more to add some"
                ))
            } else {
                None
            };
            let button = ui
                .add_enabled(why_not.is_none(), Button::new("Apply to my design"))
                .on_hover_text(
                    "See what growing changes in the design, then add the grown teams and groups \
                     as one undoable step",
                );
            let button = match &why_not {
                Some(w) => button.on_disabled_hover_text(w),
                None => button,
            };
            if button.clicked() {
                apply = self.apply_command(design);
            }
        });
        ui.add_space(2.0);
        apply
    }

    /// The grown part as one batch, when the current result grew the design at its revision.
    fn apply_command(&mut self, design: &Document) -> Option<Command> {
        let r = self.result.as_ref()?;
        if r.key.origin.start != Some(design.revision())
            || r.key.teams != self.teams
            || self.frame.is_some()
        {
            return None;
        }
        r.grown.as_ref().ok()?;
        // The kept run is the one that grew the org shown.
        let (_, run) = self
            .run
            .as_ref()
            .filter(|(origin, run)| *origin == r.key.origin && run.teams() == r.key.teams)?;
        let commands = run.grown().commands;
        self.playing = false;
        Some(Command::Batch {
            label: format!("Grow to {} teams", self.teams),
            commands,
        })
    }
}
