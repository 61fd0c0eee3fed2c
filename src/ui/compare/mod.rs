//! Compare mode: the open design against another version of it (a file, or the saved version).
//! The comparison is recomputed once per document revision; the canvas draws its [`Marks`], the
//! Changes panel lists the changes and the plan.

use std::sync::Arc;

use crate::diff::{self, Changes, Direction, Marks, MatchBy, Plan, WaveOutcome, marks};
use crate::model::Org;

pub mod panel;

/// What the Changes panel asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareAction {
    /// Swap which side the open design is.
    Swap,
    /// Leave compare mode.
    Leave,
    /// Split the plan into this many waves.
    Waves(usize),
    AddWave,
    /// Move a step into a wave, before another step (or at the wave's end).
    MoveStep {
        from: usize,
        wave: usize,
        before: Option<usize>,
    },
    /// Apply a wave's steps to the open design (when it is the base) as one undo step.
    ApplyWave(usize),
    /// Write the changes to a file.
    Export(ChangesFormat),
}

/// How the changes are exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangesFormat {
    Markdown,
    Csv,
}

impl ChangesFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ChangesFormat::Markdown => "md",
            ChangesFormat::Csv => "csv",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ChangesFormat::Markdown => "Changes as Markdown",
            ChangesFormat::Csv => "Changes as CSV",
        }
    }
    /// The file's text.
    pub fn write(self, c: &Comparison, current_label: &str) -> String {
        let (base, target) = match c.direction {
            Direction::FromOther => (c.label.as_str(), current_label),
            Direction::ToOther => (current_label, c.label.as_str()),
        };
        match self {
            ChangesFormat::Markdown => crate::diff::report::markdown(&c.changes, base, target),
            ChangesFormat::Csv => crate::diff::report::csv(&c.changes),
        }
    }
}

/// An active comparison.
pub struct Comparison {
    /// The other version.
    pub other: Arc<Org>,
    /// What to call it: "the saved version", "acme-proposed.json".
    pub label: String,
    pub direction: Direction,
    /// Changes from base to target, as of `revision`.
    pub changes: Changes,
    pub plan: Plan,
    pub outcomes: Vec<WaveOutcome>,
    pub marks: Arc<Marks>,
    revision: u64,
    /// Waves the user asked for (kept when the comparison is recomputed).
    waves: usize,
}

impl Comparison {
    pub fn new(other: Org, label: impl Into<String>, current: &Org, revision: u64) -> Self {
        let other = Arc::new(other);
        let changes = diff::diff(&other, current);
        let mut c = Comparison {
            other,
            label: label.into(),
            direction: Direction::FromOther,
            plan: Plan::default(),
            outcomes: Vec::new(),
            marks: Arc::default(),
            revision,
            waves: 1,
            changes,
        };
        c.derive(current);
        c
    }

    /// The base and the target, in that order.
    pub fn sides<'a>(&'a self, current: &'a Org) -> (&'a Org, &'a Org) {
        match self.direction {
            Direction::FromOther => (&self.other, current),
            Direction::ToOther => (current, &self.other),
        }
    }

    /// Recompute after the open design changed (no-op for the same revision).
    pub fn refresh(&mut self, current: &Org, revision: u64) {
        if revision == self.revision {
            return;
        }
        self.recompute(current, revision);
    }

    fn recompute(&mut self, current: &Org, revision: u64) {
        let (base, target) = self.sides(current);
        self.changes = diff::diff_by(base, target, MatchBy::Auto);
        self.revision = revision;
        self.derive(current);
    }

    /// The plan, its waves' outcomes and the marks, from the changes as they are.
    fn derive(&mut self, current: &Org) {
        let (base, target) = self.sides(current);
        let mut plan = diff::plan_for(base, target, &self.changes);
        plan.split(self.waves);
        self.outcomes = plan.run(base).0;
        self.plan = plan;
        self.marks = Arc::new(marks(&self.changes, self.direction, self.revision));
    }

    /// Swap which side the open design is.
    pub fn swap(&mut self, current: &Org, revision: u64) {
        self.direction = match self.direction {
            Direction::FromOther => Direction::ToOther,
            Direction::ToOther => Direction::FromOther,
        };
        self.recompute(current, revision);
    }

    /// Split the plan into `n` waves.
    pub fn set_waves(&mut self, n: usize, current: &Org) {
        self.waves = n.max(1);
        self.plan.split(self.waves);
        self.rerun(current);
    }

    /// After a wave was applied to the open design: one wave fewer remains.
    pub fn wave_applied(&mut self) {
        self.waves = self.waves.saturating_sub(1).max(1);
    }

    /// Re-check the plan's waves after the user rearranged its steps.
    pub fn rerun(&mut self, current: &Org) {
        self.waves = self.plan.waves;
        let (base, _) = self.sides(current);
        self.outcomes = self.plan.run(base).0;
    }
}
