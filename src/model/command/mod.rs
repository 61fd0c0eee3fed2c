//! Every edit to an [`Org`] is a [`Command`] value applied by [`Command::apply`], which either
//! changes the org and returns the command that undoes it, or returns an error and leaves the org
//! exactly as it was. [`History`](super::History) keeps the undo and redo stacks.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use thiserror::Error;

use crate::model::entities::{
    Body, Group, Person, RoleHolder, ScaledRole, Team, TeamKind, TeamRole,
};
use crate::model::ids::{GroupId, PersonId, TeamId, Unit};
use crate::model::org::Org;
use crate::model::settings::{RuleSettings, Threshold};

mod check;
mod describe;
mod duplicate;
mod effect;
#[cfg(test)]
mod tests;

/// One edit. Build them with the variants directly or with the helper constructors.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add a person (the id must be free, e.g. from [`Org::next_person_id`]).
    AddPerson(Person),
    /// Delete a person and every seat, role and membership they hold.
    RemovePerson(PersonId),
    RenamePerson {
        person: PersonId,
        name: String,
    },
    SetEmail {
        person: PersonId,
        email: Option<String>,
    },
    /// Add a team, possibly with seats already filled (the id must be free).
    AddTeam(Team),
    /// Delete a team (its people stay in the org).
    RemoveTeam(TeamId),
    RenameTeam {
        team: TeamId,
        name: String,
    },
    SetTeamKind {
        team: TeamId,
        kind: TeamKind,
    },
    /// Add a group (the id must be free; it starts with no members).
    AddGroup(Group),
    /// Delete a group; its members move up to the group's parent (or to the top).
    RemoveGroup(GroupId),
    RenameGroup {
        group: GroupId,
        name: String,
    },
    SetDefinitionOfDone {
        group: GroupId,
        text: Option<String>,
    },
    /// Give a person a seat (PO, SM, Developer) in a team.
    AddSeat {
        team: TeamId,
        person: PersonId,
        role: TeamRole,
    },
    RemoveSeat {
        team: TeamId,
        person: PersonId,
        role: TeamRole,
    },
    /// Move a team or group into a group, or to the top (`to: None`). A target that is a team,
    /// the item itself or something inside it is refused.
    Move {
        item: Unit,
        to: Option<Unit>,
    },
    /// Set the holders of a group's master or CPO role (empty clears it).
    SetScaledRole {
        group: GroupId,
        role: ScaledRole,
        holders: Vec<RoleHolder>,
    },
    /// Set or clear the Scaled Daily Scrum representative of a team or group.
    SetSdsRep {
        unit: Unit,
        person: Option<PersonId>,
    },
    /// Add a person to, or remove them from, the EAT or EMS.
    SetBodyMember {
        body: Body,
        person: PersonId,
        member: bool,
    },
    SetEatProductOwner(Option<PersonId>),
    SetEatScrumMaster(Option<PersonId>),
    SetEmsFacilitator(Option<PersonId>),
    SetOrgName(String),
    SetRules(RuleSettings),
    SetFanout(Option<u32>),
    /// Record the org's cadence (none: remove the section, back to the defaults).
    SetCadence(Option<crate::model::Cadence>),
    /// Record the org's rating rounds (empty: remove the section). Kept in canonical order.
    SetAssessment(crate::model::Assessment),
    /// Several commands as one undoable step, applied all or nothing.
    Batch {
        label: String,
        commands: Vec<Command>,
    },
    /// Internal: puts back a deleted person with everything they held (inverse of RemovePerson).
    #[doc(hidden)]
    RestorePerson(Box<PersonSnapshot>),
}

/// Everything a person held, captured when they are removed.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonSnapshot {
    person: Person,
    seats: Vec<(TeamId, TeamRole)>,
    team_sds: Vec<TeamId>,
    holders: Vec<(GroupId, ScaledRole, RoleHolder)>,
    group_sds: Vec<GroupId>,
    eat_member: bool,
    eat_po: bool,
    eat_sm: bool,
    ems_attendee: bool,
    ems_facilitator: bool,
}

/// Why a command was refused. The org is unchanged whenever one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CommandError {
    #[error("there is no {0}")]
    Unknown(String),
    #[error("the id {0} is already in use")]
    IdInUse(String),
    #[error("{0} is a team; teams cannot contain teams or groups")]
    IntoTeam(String),
    #[error("{}", cycle_words(.item, .target))]
    Cycle { item: String, target: String },
    #[error("{0}")]
    NoChange(String),
    #[error("{0}")]
    Invalid(String),
}

/// "Shopping cannot go into itself", "Acme cannot go into Shopping: it is inside Acme".
fn cycle_words(item: &str, target: &str) -> String {
    if item == target {
        format!("{item} cannot go into itself")
    } else {
        format!("{item} cannot go into {target}: it is inside {item}")
    }
}

pub(super) fn unknown<T: std::fmt::Display>(what: &str, id: T) -> CommandError {
    CommandError::Unknown(format!("{what} {id}"))
}

/// "Kwame Mensah's".
pub(super) fn possessive(name: &str) -> String {
    format!("{name}'s")
}

impl Command {
    /// Give a group's master or CPO role to one holder, replacing any others.
    pub fn assign(group: GroupId, role: ScaledRole, person: PersonId, dedicated: bool) -> Self {
        Command::SetScaledRole {
            group,
            role,
            holders: vec![RoleHolder { person, dedicated }],
        }
    }

    /// Clear a group's master or CPO role.
    pub fn clear(group: GroupId, role: ScaledRole) -> Self {
        Command::SetScaledRole {
            group,
            role,
            holders: Vec::new(),
        }
    }

    /// Whether the command changes the rating rounds and nothing else (no structure, role or
    /// rule: nothing derived from the org but the ratings' summaries changes).
    pub fn is_ratings_only(&self) -> bool {
        match self {
            Command::SetAssessment(_) => true,
            Command::Batch { commands, .. } => {
                !commands.is_empty() && commands.iter().all(Command::is_ratings_only)
            }
            _ => false,
        }
    }

    /// Move a team into a group.
    pub fn move_team(team: TeamId, to: Option<GroupId>) -> Self {
        Command::Move {
            item: Unit::Team(team),
            to: to.map(Unit::Group),
        }
    }

    /// Move a group into another group.
    pub fn move_group(group: GroupId, to: Option<GroupId>) -> Self {
        Command::Move {
            item: Unit::Group(group),
            to: to.map(Unit::Group),
        }
    }

    /// Apply the command. On success the org has changed and the returned command undoes it; on
    /// error the org is exactly as before.
    pub fn apply(&self, org: &mut Org) -> Result<Command, CommandError> {
        match self {
            Command::Batch { label, commands } => {
                let mut inverses = Vec::with_capacity(commands.len());
                for cmd in commands {
                    match cmd.apply(org) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            for inv in inverses.iter().rev() {
                                // Inverses of commands that just succeeded always apply.
                                let _ = inv.apply(org);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Command::Batch {
                    label: label.clone(),
                    commands: inverses,
                })
            }
            _ => {
                self.check(org)?;
                Ok(self.apply_checked(org))
            }
        }
    }

    /// Apply a command the caller has built to be valid (the growth model), skipping the checks.
    /// A command that is not valid panics instead of returning an error.
    pub(crate) fn apply_trusted(&self, org: &mut Org) -> Command {
        match self {
            Command::Batch { .. } => self.apply(org).expect("trusted batch"),
            _ => {
                debug_assert!(self.check(org).is_ok(), "{self:?}");
                self.apply_checked(org)
            }
        }
    }
}
