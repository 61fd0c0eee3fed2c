//! The Scrum@Scale domain model: people, teams, groups at any depth, EAT and EMS, and the
//! commands that change them. No UI code lives here.

pub mod assessment;
pub mod cadence;
mod command;
mod entities;
mod history;
mod ids;
mod org;
mod settings;

pub use assessment::{Assessment, Component, Cycle, Rating, Round, Score};
pub use cadence::Cadence;
pub use command::{Command, CommandError, PersonSnapshot};
pub use entities::{
    Body, Eat, Ems, Group, Person, RoleHolder, ScaledRole, Team, TeamKind, TeamRole,
};
pub use history::History;
pub use ids::{GroupId, PersonId, RawId, TeamId, Unit, is_numeric_raw};
pub use org::{Org, Structure};
pub use settings::{
    FANOUT, Overrides, ProfileName, RuleSettings, TeamCount, Threshold, ThresholdSpec,
    fanout_problem,
};
