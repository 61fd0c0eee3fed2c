//! Compare mode: the open design against another version of it (a file, or the saved version).
//! The comparison is recomputed once per document revision; the canvas draws its [`Marks`], the
//! Changes panel lists the changes and the plan.

use std::sync::Arc;

use crate::diff::{self, Changes, Direction, Marks, MatchBy, Plan, WaveOutcome, marks};
use crate::model::Org;

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
    pub marks: Marks,
    revision: u64,
    /// Waves the user asked for (kept when the comparison is recomputed).
    waves: usize,
}

impl Comparison {
    pub fn new(other: Org, label: impl Into<String>, current: &Org, revision: u64) -> Self {
        let other = Arc::new(other);
        let mut c = Comparison {
            changes: diff::diff(&other, current),
            other,
            label: label.into(),
            direction: Direction::FromOther,
            plan: Plan::default(),
            outcomes: Vec::new(),
            marks: Marks::default(),
            revision: u64::MAX,
            waves: 1,
        };
        c.refresh(current, revision);
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
        let changes = diff::diff_by(base, target, MatchBy::Auto);
        let mut plan = diff::plan_for(base, target, &changes);
        plan.split(self.waves);
        let (outcomes, _) = plan.run(base);
        self.marks = marks(&changes, self.direction, revision);
        self.changes = changes;
        self.plan = plan;
        self.outcomes = outcomes;
        self.revision = revision;
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

    /// Re-check the plan's waves after the user rearranged its steps.
    pub fn rerun(&mut self, current: &Org) {
        self.waves = self.plan.waves;
        let (base, _) = self.sides(current);
        self.outcomes = self.plan.run(base).0;
    }
}
