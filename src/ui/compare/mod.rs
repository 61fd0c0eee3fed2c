//! Compare mode: the open design against another version of it (a file, or the saved version).
//! The comparison is recomputed once per document revision (on a worker thread for a large
//! design, so that the window never waits for it); the canvas draws its [`Marks`], the Changes
//! panel lists the changes and the plan.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

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

/// From this many teams (both sides together) a comparison is made on a worker thread, so that
/// the window keeps drawing while it runs (a 10,000-team design takes about a tenth of a
/// second); smaller ones are made at once, in the frame that asks.
pub const ON_WORKER_FROM: usize = 2_000;

/// Everything compare mode shows, made from the two sides at one revision of the open design.
struct Derived {
    changes: Changes,
    plan: Plan,
    outcomes: Vec<WaveOutcome>,
    marks: Arc<Marks>,
    revision: u64,
}

impl Derived {
    fn of(other: &Org, current: &Org, direction: Direction, revision: u64, waves: usize) -> Self {
        let (base, target) = sides(other, current, direction);
        let changes = diff::diff_by(base, target, MatchBy::Auto);
        let mut plan = diff::plan_for(base, target, &changes);
        plan.split(waves);
        let outcomes = plan.run(base).0;
        let marks = Arc::new(marks(&changes, direction, revision));
        Derived {
            changes,
            plan,
            outcomes,
            marks,
            revision,
        }
    }
}

fn sides<'a>(other: &'a Org, current: &'a Org, d: Direction) -> (&'a Org, &'a Org) {
    match d {
        Direction::FromOther => (other, current),
        Direction::ToOther => (current, other),
    }
}

fn on_worker(other: &Org, current: &Org) -> bool {
    other.teams().len() + current.teams().len() >= ON_WORKER_FROM
}

/// Work running on a worker thread.
enum Job {
    /// The whole comparison, for a revision and direction.
    All {
        direction: Direction,
        revision: u64,
        done: Receiver<Derived>,
    },
    /// The waves' outcomes after the user rearranged the plan (`edit` counts those edits).
    Outcomes {
        edit: u64,
        done: Receiver<Vec<WaveOutcome>>,
    },
}

/// A worker ended without a result (it panicked): the comparison could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerLost;

/// Compare mode being opened on a large design: the first comparison runs on a worker.
pub struct Opening {
    pub label: String,
    other: Arc<Org>,
    done: Receiver<Derived>,
}

impl Opening {
    pub fn start(other: Org, label: impl Into<String>, current: Arc<Org>, revision: u64) -> Self {
        let other = Arc::new(other);
        let (tx, done) = channel();
        let o = Arc::clone(&other);
        std::thread::spawn(move || {
            let _ = tx.send(Derived::of(&o, &current, Direction::FromOther, revision, 1));
        });
        Opening {
            label: label.into(),
            other,
            done,
        }
    }

    /// The comparison once it is made (`None` while it runs); `Err` when the worker died
    /// without one.
    pub fn poll(&self) -> Result<Option<Comparison>, WorkerLost> {
        match self.done.try_recv() {
            Ok(d) => Ok(Some(Comparison::from_derived(
                Arc::clone(&self.other),
                self.label.clone(),
                Direction::FromOther,
                1,
                d,
            ))),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(WorkerLost),
        }
    }
}

/// An active comparison. What it shows belongs to `revision`; while the open design moves on
/// and a large comparison is being remade on a worker, it shows the last one it has.
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
    /// Rearrangements of the plan so far (a finished outcomes job for an older one is dropped).
    plan_edits: u64,
    job: Option<Job>,
    /// A revision the worker could not compare (not tried again until the design moves on).
    failed: Option<u64>,
}

impl Comparison {
    /// A comparison made now, in this thread.
    pub fn new(other: Org, label: impl Into<String>, current: &Org, revision: u64) -> Self {
        let d = Derived::of(&other, current, Direction::FromOther, revision, 1);
        Comparison::from_derived(Arc::new(other), label.into(), Direction::FromOther, 1, d)
    }

    /// Whether comparing `other` with `current` is large enough for a worker.
    pub fn wants_worker(other: &Org, current: &Org) -> bool {
        on_worker(other, current)
    }

    fn from_derived(
        other: Arc<Org>,
        label: String,
        direction: Direction,
        waves: usize,
        d: Derived,
    ) -> Self {
        Comparison {
            other,
            label,
            direction,
            changes: d.changes,
            plan: d.plan,
            outcomes: d.outcomes,
            marks: d.marks,
            revision: d.revision,
            waves,
            plan_edits: 0,
            job: None,
            failed: None,
        }
    }

    /// The base and the target, in that order.
    pub fn sides<'a>(&'a self, current: &'a Org) -> (&'a Org, &'a Org) {
        sides(&self.other, current, self.direction)
    }

    /// Whether what it shows is older than the open design (a worker is remaking it).
    pub fn is_updating(&self) -> bool {
        self.job.is_some()
    }

    /// Whether the last attempt to bring the comparison up to the open design failed (what it
    /// shows is older than the design).
    pub fn has_failed(&self) -> bool {
        self.failed.is_some()
    }

    /// Whether the comparison shows this revision of the open design, with its plan checked.
    pub fn is_current(&self, revision: u64) -> bool {
        self.job.is_none() && self.revision == revision
    }

    /// Bring the comparison up to the open design: at once when it is small, else on a worker
    /// (picking up a finished one first). Call once a frame.
    pub fn refresh(&mut self, current: &Arc<Org>, revision: u64) {
        self.collect();
        if self.job.is_some() || revision == self.revision || self.failed == Some(revision) {
            return;
        }
        if on_worker(&self.other, current) {
            self.start_all(current, revision);
        } else {
            self.remake_here(current, revision);
        }
    }

    /// Make the comparison of this revision now, whatever its size (before an export that must
    /// show exactly the open design).
    pub fn refresh_now(&mut self, current: &Org, revision: u64) {
        if self.is_current(revision) {
            return;
        }
        self.remake_here(current, revision);
    }

    /// Make the comparison in this thread, dropping any job.
    fn remake_here(&mut self, current: &Org, revision: u64) {
        self.job = None;
        self.failed = None;
        self.adopt(Derived::of(
            &self.other,
            current,
            self.direction,
            revision,
            self.waves,
        ));
    }

    fn start_all(&mut self, current: &Arc<Org>, revision: u64) {
        let (tx, done) = channel();
        let (other, current, direction, waves) = (
            Arc::clone(&self.other),
            Arc::clone(current),
            self.direction,
            self.waves,
        );
        std::thread::spawn(move || {
            let _ = tx.send(Derived::of(&other, &current, direction, revision, waves));
        });
        self.job = Some(Job::All {
            direction,
            revision,
            done,
        });
    }

    /// Take a finished job's result, if it is still wanted.
    fn collect(&mut self) {
        match &self.job {
            None => {}
            Some(Job::All {
                direction,
                revision,
                done,
            }) => match done.try_recv() {
                Ok(d) => {
                    let wanted = *direction == self.direction;
                    self.job = None;
                    if wanted {
                        self.failed = None;
                        self.adopt(d);
                    } else {
                        // Swapped while it ran: made again the other way at the next refresh.
                        self.revision = u64::MAX;
                    }
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    // Not tried again for this revision: a worker that panics once would
                    // panic again, every frame.
                    self.failed = Some(*revision);
                    self.job = None;
                }
            },
            Some(Job::Outcomes { edit, done }) => match done.try_recv() {
                Ok(o) => {
                    if *edit == self.plan_edits {
                        self.outcomes = o;
                    }
                    self.job = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.job = None,
            },
        }
    }

    fn adopt(&mut self, d: Derived) {
        self.changes = d.changes;
        self.plan = d.plan;
        self.outcomes = d.outcomes;
        self.marks = d.marks;
        self.revision = d.revision;
    }

    /// Swap which side the open design is.
    pub fn swap(&mut self, current: &Arc<Org>, revision: u64) {
        self.direction = match self.direction {
            Direction::FromOther => Direction::ToOther,
            Direction::ToOther => Direction::FromOther,
        };
        if on_worker(&self.other, current) {
            // The old direction's job, if one runs, is dropped when it ends.
            self.revision = u64::MAX;
            if self.job.is_none() {
                self.start_all(current, revision);
            }
        } else {
            self.remake_here(current, revision);
        }
    }

    /// Split the plan into `n` waves.
    pub fn set_waves(&mut self, n: usize, current: &Arc<Org>) {
        self.waves = n.max(1);
        self.plan.split(self.waves);
        self.rerun(current);
    }

    /// After a wave was applied to the open design: one wave fewer remains.
    pub fn wave_applied(&mut self) {
        self.waves = self.waves.saturating_sub(1).max(1);
    }

    /// Re-check the plan's waves after the user rearranged its steps (on a worker for a large
    /// design; the steps show in their new place at once).
    pub fn rerun(&mut self, current: &Arc<Org>) {
        self.waves = self.plan.waves;
        self.plan_edits += 1;
        if !on_worker(&self.other, current) {
            let (base, _) = self.sides(current);
            self.outcomes = self.plan.run(base).0;
            return;
        }
        if matches!(self.job, Some(Job::All { .. })) {
            // The whole comparison is being remade; its plan replaces this one.
            return;
        }
        let (tx, done) = channel();
        let base = match self.direction {
            Direction::FromOther => Arc::clone(&self.other),
            Direction::ToOther => Arc::clone(current),
        };
        let plan = self.plan.clone();
        std::thread::spawn(move || {
            let _ = tx.send(plan.run(&base).0);
        });
        self.outcomes.clear();
        self.job = Some(Job::Outcomes {
            edit: self.plan_edits,
            done,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worker that dies is not restarted every frame, and the panel can say so.
    #[test]
    fn a_lost_worker_is_not_retried_for_the_same_revision() {
        let org = Arc::new(crate::sample::balanced("Acme", 12, 4, 6));
        let mut c = Comparison::new((*org).clone(), "saved", &org, 1);
        let (tx, done) = channel::<Derived>();
        drop(tx);
        c.job = Some(Job::All {
            direction: c.direction,
            revision: 2,
            done,
        });
        c.refresh(&org, 2);
        assert!(c.has_failed());
        assert!(
            !c.is_updating(),
            "no new worker for the revision that failed"
        );
        c.refresh(&org, 2);
        assert!(!c.is_updating());
        c.refresh(&org, 3);
        assert!(!c.has_failed(), "the next edit is compared again");
        assert!(c.is_current(3));
    }
}
