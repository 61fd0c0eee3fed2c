//! Undo and redo over applied [`Command`]s: [`History`] keeps the stacks, the steps' labels and
//! where the last save was.

use super::command::{Command, CommandError};
use super::org::Org;

/// One applied step in the history.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    forward: Command,
    inverse: Command,
}

/// Undo and redo stacks over applied commands.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// Number of applied steps since the last [`History::mark_saved`], `None` when the saved
    /// state can no longer be reached by undo/redo.
    saved_at: Option<usize>,
    /// How many steps undo can go back; older ones are dropped first.
    limit: usize,
    /// How many steps were dropped for the limit.
    dropped: usize,
}

/// How many steps undo keeps unless told otherwise.
pub const UNDO_STEPS: usize = 1_000;

impl History {
    pub fn new() -> Self {
        History::with_limit(UNDO_STEPS)
    }

    /// A history that keeps the last `limit` steps (at least one).
    pub fn with_limit(limit: usize) -> Self {
        History {
            done: Vec::new(),
            undone: Vec::new(),
            saved_at: Some(0),
            limit: limit.max(1),
            dropped: 0,
        }
    }

    /// How many steps undo can go back at most.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// How many of the oldest steps were dropped to stay within the limit.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Apply a command and record it. Errors leave both the org and the history unchanged.
    pub fn apply(&mut self, org: &mut Org, cmd: Command) -> Result<(), CommandError> {
        let label = cmd.describe(org);
        let inverse = cmd.apply(org)?;
        if let Some(s) = self.saved_at
            && s > self.done.len()
        {
            // The saved state was in the redo stack, which is now discarded.
            self.saved_at = None;
        }
        self.undone.clear();
        self.done.push(Step {
            label,
            forward: cmd,
            inverse,
        });
        if self.done.len() > self.limit {
            let extra = self.done.len() - self.limit;
            self.done.drain(..extra);
            self.dropped += extra;
            // The saved state may have been among the dropped ones: then undo cannot reach it.
            self.saved_at = self.saved_at.and_then(|s| s.checked_sub(extra));
        }
        Ok(())
    }

    /// Undo the last step; returns its label.
    pub fn undo(&mut self, org: &mut Org) -> Option<String> {
        let mut step = self.done.pop()?;
        match step.inverse.apply(org) {
            Ok(redo) => {
                step.forward = redo;
                let label = step.label.clone();
                self.undone.push(step);
                Some(label)
            }
            Err(_) => {
                // Cannot happen for a history kept with this org; keep the stacks consistent.
                self.done.push(step);
                None
            }
        }
    }

    /// Redo the last undone step; returns its label.
    pub fn redo(&mut self, org: &mut Org) -> Option<String> {
        let mut step = self.undone.pop()?;
        match step.forward.apply(org) {
            Ok(inverse) => {
                step.inverse = inverse;
                let label = step.label.clone();
                self.done.push(step);
                Some(label)
            }
            Err(_) => {
                self.undone.push(step);
                None
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
    /// Whether undoing the last step changes only the rating rounds.
    pub fn undo_is_ratings_only(&self) -> bool {
        self.done
            .last()
            .is_some_and(|s| s.inverse.is_ratings_only())
    }
    /// Whether redoing the last undone step changes only the rating rounds.
    pub fn redo_is_ratings_only(&self) -> bool {
        self.undone
            .last()
            .is_some_and(|s| s.forward.is_ratings_only())
    }
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }

    /// Remember the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.done.len());
    }

    /// Whether the org differs from the last saved state.
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.done.len())
    }

    /// Treat the current state as not saved (e.g. after restoring a recovery file).
    pub fn forget_saved(&mut self) {
        self.saved_at = None;
    }

    /// Forget all steps (after opening another file).
    pub fn clear(&mut self) {
        *self = History::with_limit(self.limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_keeps_its_last_steps_and_drops_the_oldest() {
        assert_eq!(History::new().limit(), 1_000, "the README's promise");
        let mut org = Org::new("o");
        let mut h = History::with_limit(3);
        for i in 0..5 {
            h.apply(&mut org, Command::SetOrgName(format!("name {i}")))
                .unwrap();
        }
        assert_eq!(h.dropped(), 2);
        assert!(h.is_dirty(), "the saved (empty) state was dropped");
        let mut undone = 0;
        while h.undo(&mut org).is_some() {
            undone += 1;
        }
        assert_eq!(undone, 3);
        assert_eq!(org.name(), "name 1", "back as far as the limit allows");
        assert!(h.is_dirty(), "and the saved state cannot be reached");
        // A save inside the window stays reachable as steps drop.
        let mut h = History::with_limit(3);
        h.apply(&mut org, Command::SetOrgName("a".into())).unwrap();
        h.mark_saved();
        h.apply(&mut org, Command::SetOrgName("b".into())).unwrap();
        h.apply(&mut org, Command::SetOrgName("c".into())).unwrap();
        h.apply(&mut org, Command::SetOrgName("d".into())).unwrap();
        for _ in 0..3 {
            assert!(h.undo(&mut org).is_some());
        }
        assert!(!h.is_dirty(), "back at the save: {}", org.name());
        assert_eq!(org.name(), "a");
        assert!(h.undo(&mut org).is_none(), "and no further");
    }
}
