//! Two designs compared: what changed from a base org to a target org, what that does to the
//! org (impact), and a transition plan of existing commands in waves (rulebook §10). No UI code.
//!
//! - [`diff`] matches the units of both orgs ([`matching`]), lists every [`Change`] and the
//!   [`Impact`]; it is deterministic.
//! - [`plan::plan`] orders the changes as commands that turn the base into the target.
//! - [`report`] writes a comparison as a changelog (text), for a pull request (Markdown), as JSON
//!   or CSV: the CLI's `diff` and the designer's Compare export share it.

mod changes;
mod collect;
mod impact;
mod invert;
mod marks;
mod matching;
pub mod plan;
pub mod report;
mod touched;

use serde::Serialize;

pub use changes::{Change, Named, Role, Section, Subject, ThresholdValue, Tint};
pub use impact::{Impact, Stability, TeamStability};
pub use marks::{Direction, Ghost, Marks, Moved, marks};
pub use matching::{MatchBy, Matched, Matching, Pairs};
pub use plan::{Plan, Refused, Step, WaveOutcome};

use crate::model::Org;

/// How each kind of unit was matched, for the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MatchSummary {
    pub people: Matched,
    pub teams: Matched,
    pub groups: Matched,
}

/// Everything that differs between a base and a target org.
#[derive(Clone, Debug)]
pub struct Changes {
    pub matching: Matching,
    pub changes: Vec<Change>,
    pub impact: Impact,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn summary_of_matching(&self) -> MatchSummary {
        MatchSummary {
            people: self.matching.people.how,
            teams: self.matching.teams.how,
            groups: self.matching.groups.how,
        }
    }

    /// The changes of one section, in report order.
    pub fn section(&self, s: Section) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.section() == s)
    }

    /// A one-line count: "2 teams added, 1 removed · 3 people moved · 4 role changes", or
    /// "no changes".
    pub fn headline(&self) -> String {
        report::headline(self)
    }
}

/// Compare `base` with `target`, matching units by id (or by name where the ids plainly do not
/// correspond).
pub fn diff(base: &Org, target: &Org) -> Changes {
    diff_by(base, target, MatchBy::Auto)
}

/// Compare with an explicit matching.
pub fn diff_by(base: &Org, target: &Org, by: MatchBy) -> Changes {
    diff_with(base, target, by, touched::Touched::of)
}

/// [`diff_by`] without its shortcut of looking only at people and teams whose seats differ: every
/// person's roles compared, every team's stability counted. Slower; for tests that check the
/// shortcut changes nothing.
#[doc(hidden)]
pub fn diff_everyone(base: &Org, target: &Org, by: MatchBy) -> Changes {
    diff_with(base, target, by, touched::Touched::everyone)
}

fn diff_with(
    base: &Org,
    target: &Org,
    by: MatchBy,
    touched: fn(&Org, &Org, &Matching) -> touched::Touched,
) -> Changes {
    let matching = Matching::of(base, target, by);
    let touched = touched(base, target, &matching);
    let changes = collect::changes(base, target, &matching, &touched);
    let impact = impact::impact(base, target, &matching, &touched);
    Changes {
        matching,
        changes,
        impact,
    }
}

/// The transition plan from `base` to `target` under the matching of `changes`.
pub fn plan_for(base: &Org, target: &Org, changes: &Changes) -> Plan {
    plan::plan(base, target, &changes.matching)
}
