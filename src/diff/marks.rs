//! What compare mode draws over the open design: tinted units, lines from moved units to where
//! they are on the other side, and ghosts of units the open design does not have. Shared by the
//! designer's canvas and the tinted diagram export.

use rustc_hash::FxHashMap as HashMap;

use super::{Changes, Tint};
use crate::model::{GroupId, Unit};

/// Which side the open design is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// The other version is the base; the open design is the target (what my edits change).
    #[default]
    FromOther,
    /// The open design is the base; the other version is the target (what it would take to get
    /// there; waves apply to the open design).
    ToOther,
}

/// A unit the canvas cannot show because the open design does not have it: drawn as a dashed
/// ghost beside the group it sits in on the other side.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    pub name: String,
    pub is_team: bool,
    /// Removed (the base had it) or added (the target has it).
    pub tint: Tint,
    /// The group of the open design it belongs beside; none: the top level or a group the open
    /// design lacks too.
    pub near: Option<GroupId>,
}

/// What the canvas draws over the open design in compare mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// The document revision these marks belong to.
    pub revision: u64,
    /// Units of the open design and how they are tinted (a unit the other side lacks is
    /// `Added` when the open design is the target, `Removed` when it is the base).
    pub tints: HashMap<Unit, Tint>,
    pub moved: Vec<Moved>,
    pub ghosts: Vec<Ghost>,
}

/// A moved unit of the open design and where it is on the other side.
#[derive(Clone, Debug, PartialEq)]
pub struct Moved {
    pub unit: Unit,
    /// The group it is in on the other side, as a group of the open design; none: the top
    /// level there, or a group the open design lacks (then drawn as a ghost).
    pub place: Option<GroupId>,
    /// The name of the group it is in on the other side; none: the top level.
    pub parent: Option<String>,
}

/// The marks of a comparison on the open design.
pub fn marks(c: &Changes, direction: Direction, revision: u64) -> Marks {
    let m = &c.matching;
    let mut out = Marks {
        revision,
        ..Marks::default()
    };
    // Ids of the open design are the target's (FromOther) or the base's (ToOther).
    let open_is_target = direction == Direction::FromOther;
    let to_open = |g: Option<GroupId>, from_base: bool| -> Option<GroupId> {
        let g = g?;
        match (from_base, open_is_target) {
            (true, true) => m.groups.target_of(g),
            (false, false) => m.groups.base_of(g),
            _ => Some(g),
        }
    };
    // Where a moved unit sits on the other side.
    let moved =
        |unit: Unit, from: &Option<super::Named<GroupId>>, to: &Option<super::Named<GroupId>>| {
            let (other, place) = if open_is_target {
                (from, to_open(from.as_ref().and_then(|g| g.base), true))
            } else {
                (to, to_open(to.as_ref().and_then(|g| g.target), false))
            };
            Moved {
                unit,
                place,
                parent: other.as_ref().map(|g| g.name.clone()),
            }
        };
    for ch in &c.changes {
        use super::Change::*;
        for (unit, tint) in ch.tints() {
            // `tints()` names target units, and base units for removals.
            let on_open = match (tint, open_is_target) {
                (Tint::Removed, true) | (Tint::Added, false) => None,
                (Tint::Removed, false) => Some(unit),
                (_, true) => Some(unit),
                (_, false) => m.unit_base_of(unit),
            };
            if let Some(u) = on_open {
                let e = out.tints.entry(u).or_insert(tint);
                *e = (*e).min(tint);
            }
        }
        let ghost =
            |name: &str, is_team: bool, parent: &Option<super::Named<GroupId>>, tint| Ghost {
                name: name.to_string(),
                is_team,
                tint,
                near: parent
                    .as_ref()
                    .and_then(|p| if open_is_target { p.target } else { p.base }),
            };
        match ch {
            TeamRemoved { team, group } if open_is_target => {
                out.ghosts
                    .push(ghost(&team.name, true, group, Tint::Removed))
            }
            GroupRemoved { group, parent } if open_is_target => {
                out.ghosts
                    .push(ghost(&group.name, false, parent, Tint::Removed))
            }
            TeamAdded { team, group } if !open_is_target => {
                out.ghosts.push(ghost(&team.name, true, group, Tint::Added))
            }
            GroupAdded { group, parent } if !open_is_target => {
                out.ghosts
                    .push(ghost(&group.name, false, parent, Tint::Added))
            }
            TeamMoved { team, from, to } => {
                let unit = if open_is_target {
                    team.target
                } else {
                    team.base
                };
                if let Some(u) = unit {
                    out.moved.push(moved(Unit::Team(u), from, to));
                }
            }
            GroupMoved { group, from, to } => {
                let unit = if open_is_target {
                    group.target
                } else {
                    group.base
                };
                if let Some(u) = unit {
                    out.moved.push(moved(Unit::Group(u), from, to));
                }
            }
            _ => {}
        }
    }
    out
}
