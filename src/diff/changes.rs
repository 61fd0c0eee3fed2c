//! What changed between two orgs, unit by unit and role by role.

use serde::Serialize;

use crate::model::{GroupId, PersonId, TeamId, TeamKind, TeamRole, Threshold, Unit};

/// A rule threshold's value in a change: a number, or `auto` (written `"auto"`), worked out from
/// the org's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThresholdValue {
    Auto,
    #[serde(untagged)]
    Number(u32),
}

impl ThresholdValue {
    /// A value as [`crate::model::RuleSettings::value`] gives it (`None`: off).
    pub fn of(t: Threshold, value: Option<u32>) -> Option<Self> {
        value.map(|v| {
            if t.auto() && v == Threshold::AUTO {
                ThresholdValue::Auto
            } else {
                ThresholdValue::Number(v)
            }
        })
    }
}

/// A unit or person named in a change: its name (the target's, else the base's) and its id on
/// each side where it exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named<I> {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<I>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<I>,
}

/// A role a person holds, as a change names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// A seat in a team: `PO`, `SM` or `Dev` (a PO or SM with a Dev seat does Sprint work).
    Seat {
        seat: TeamRole,
        team: Named<TeamId>,
    },
    /// Scrum of Scrums Master of a group.
    Master {
        group: Named<GroupId>,
        dedicated: bool,
    },
    /// Chief Product Owner of a group.
    Cpo {
        group: Named<GroupId>,
        dedicated: bool,
    },
    /// The team's representative at its group's Scaled Daily Scrum.
    TeamSdsRep {
        team: Named<TeamId>,
    },
    /// The group's representative at its parent's Scaled Daily Scrum.
    GroupSdsRep {
        group: Named<GroupId>,
    },
    EatMember,
    EatProductOwner,
    EatScrumMaster,
    EmsAttendee,
    EmsFacilitator,
}

impl Role {
    /// "PO of Checkout", "SoSM of Payments (dedicated)", "EAT member".
    pub fn describe(&self) -> String {
        let dedicated = |d: bool| if d { " (dedicated)" } else { "" };
        match self {
            Role::Seat { seat, team } => format!("{} of {}", seat.short(), team.name),
            Role::Master {
                group,
                dedicated: d,
            } => {
                format!("SoSM of {}{}", group.name, dedicated(*d))
            }
            Role::Cpo {
                group,
                dedicated: d,
            } => format!("CPO of {}{}", group.name, dedicated(*d)),
            Role::TeamSdsRep { team } => {
                format!("Scaled Daily Scrum representative of {}", team.name)
            }
            Role::GroupSdsRep { group } => {
                format!("Scaled Daily Scrum representative of {}", group.name)
            }
            Role::EatMember => "EAT member".into(),
            Role::EatProductOwner => "EAT Product Owner".into(),
            Role::EatScrumMaster => "EAT Scrum Master".into(),
            Role::EmsAttendee => "EMS attendee".into(),
            Role::EmsFacilitator => "EMS facilitator".into(),
        }
    }
}

/// One change from the base to the target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    OrgRenamed {
        from: String,
        to: String,
    },
    ProfileChanged {
        from: String,
        to: String,
    },
    /// A rule threshold's value in effect (`None`: the limit is off).
    ThresholdChanged {
        key: String,
        from: Option<ThresholdValue>,
        to: Option<ThresholdValue>,
    },
    TeamCountChanged {
        from: String,
        to: String,
    },
    /// A rule setting whose value in effect stays the same but which the target records in its
    /// file (`pinned`) or leaves to the profile again: a difference in the file, not in the
    /// rules.
    ThresholdPinned {
        key: String,
        value: String,
        pinned: bool,
    },
    FanoutChanged {
        from: Option<u32>,
        to: Option<u32>,
    },
    /// A cadence setting (`sprint_weeks`, `events.daily_scrum`, `sprints.Payments`, or
    /// `section` when one side records no cadence at all) and its values in words.
    CadenceChanged {
        setting: String,
        from: String,
        to: String,
    },
    /// A rating round added, removed or re-rated: its date, raters and ratings in words on
    /// each side (`none` where a side lacks it) and how many ratings differ.
    RatingRoundChanged {
        round: String,
        from: String,
        to: String,
        changed: usize,
    },
    GroupAdded {
        group: Named<GroupId>,
        parent: Option<Named<GroupId>>,
    },
    GroupRemoved {
        group: Named<GroupId>,
        parent: Option<Named<GroupId>>,
    },
    GroupRenamed {
        group: Named<GroupId>,
        from: String,
    },
    GroupMoved {
        group: Named<GroupId>,
        from: Option<Named<GroupId>>,
        to: Option<Named<GroupId>>,
    },
    DefinitionOfDoneChanged {
        group: Named<GroupId>,
        from: Option<String>,
        to: Option<String>,
    },
    TeamAdded {
        team: Named<TeamId>,
        group: Option<Named<GroupId>>,
    },
    TeamRemoved {
        team: Named<TeamId>,
        group: Option<Named<GroupId>>,
    },
    TeamRenamed {
        team: Named<TeamId>,
        from: String,
    },
    TeamMoved {
        team: Named<TeamId>,
        from: Option<Named<GroupId>>,
        to: Option<Named<GroupId>>,
    },
    TeamKindChanged {
        team: Named<TeamId>,
        from: TeamKind,
        to: TeamKind,
    },
    PersonJoined {
        person: Named<PersonId>,
        teams: Vec<Named<TeamId>>,
    },
    PersonLeft {
        person: Named<PersonId>,
        teams: Vec<Named<TeamId>>,
    },
    PersonRenamed {
        person: Named<PersonId>,
        from: String,
    },
    EmailChanged {
        person: Named<PersonId>,
        from: Option<String>,
        to: Option<String>,
    },
    /// The person's teams changed (either list may be empty: they left every team, or now join
    /// one).
    PersonMoved {
        person: Named<PersonId>,
        from: Vec<Named<TeamId>>,
        to: Vec<Named<TeamId>>,
    },
    RoleGained {
        person: Named<PersonId>,
        role: Role,
    },
    RoleLost {
        person: Named<PersonId>,
        role: Role,
    },
}

/// The sections a change is listed under, in the order the report gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Organisation,
    Groups,
    Teams,
    People,
    Roles,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Organisation,
        Section::Groups,
        Section::Teams,
        Section::People,
        Section::Roles,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Section::Organisation => "Organisation",
            Section::Groups => "Groups",
            Section::Teams => "Teams",
            Section::People => "People",
            Section::Roles => "Roles",
        }
    }
}

/// What a change is about, for tinting and selecting it in the designer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Org,
    Unit {
        base: Option<Unit>,
        target: Option<Unit>,
    },
    Person {
        base: Option<PersonId>,
        target: Option<PersonId>,
    },
}

/// How a change shows on the tinted canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tint {
    /// A unit that exists only in the target.
    Added,
    /// A unit that moved to another group.
    Moved,
    /// A unit whose people, roles, name or kind changed.
    Changed,
    /// A unit that exists only in the base (drawn as a ghost).
    Removed,
}

fn place(g: &Option<Named<GroupId>>) -> String {
    g.as_ref()
        .map_or_else(|| "the top level".to_string(), |g| g.name.clone())
}

/// "in Fulfilment", "at the top level".
fn place_in(g: &Option<Named<GroupId>>) -> String {
    g.as_ref().map_or_else(
        || "at the top level".to_string(),
        |g| format!("in {}", g.name),
    )
}

/// "Ana left UX Guild (stays in Basket)", "Ana moved from Cart to Search".
fn person_moved(person: &str, from: &[Named<TeamId>], to: &[Named<TeamId>]) -> String {
    let has = |list: &[Named<TeamId>], t: &Named<TeamId>| {
        list.iter()
            .any(|x| x.base == t.base && x.target == t.target)
    };
    let left: Vec<Named<TeamId>> = from.iter().filter(|t| !has(to, t)).cloned().collect();
    let joined: Vec<Named<TeamId>> = to.iter().filter(|t| !has(from, t)).cloned().collect();
    let stays: Vec<Named<TeamId>> = to.iter().filter(|t| has(from, t)).cloned().collect();
    if from.is_empty() {
        return format!("{person} joined {}", team_list(to));
    }
    if to.is_empty() {
        return format!("{person} is in no team now (was in {})", team_list(from));
    }
    if stays.is_empty() {
        return format!(
            "{person} moved from {} to {}",
            team_list(from),
            team_list(to)
        );
    }
    let mut parts = Vec::new();
    if !joined.is_empty() {
        parts.push(format!("joined {}", team_list(&joined)));
    }
    if !left.is_empty() {
        parts.push(format!("left {}", team_list(&left)));
    }
    format!(
        "{person} {} (stays in {})",
        parts.join(" and "),
        team_list(&stays)
    )
}

fn team_list(teams: &[Named<TeamId>]) -> String {
    match teams {
        [] => "no team".to_string(),
        _ => teams
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn value(v: &Option<ThresholdValue>) -> String {
    match v {
        None => "off".to_string(),
        Some(ThresholdValue::Auto) => "auto".to_string(),
        Some(ThresholdValue::Number(v)) => v.to_string(),
    }
}

fn text(t: &Option<String>) -> String {
    match t {
        None => "none".to_string(),
        Some(t) => format!(
            "\u{201c}{}\u{201d}",
            crate::diagram::ellipsis(t.clone(), 60)
        ),
    }
}

impl Change {
    pub fn section(&self) -> Section {
        use Change::*;
        match self {
            OrgRenamed { .. }
            | ProfileChanged { .. }
            | ThresholdChanged { .. }
            | ThresholdPinned { .. }
            | TeamCountChanged { .. }
            | FanoutChanged { .. }
            | CadenceChanged { .. }
            | RatingRoundChanged { .. } => Section::Organisation,
            GroupAdded { .. }
            | GroupRemoved { .. }
            | GroupRenamed { .. }
            | GroupMoved { .. }
            | DefinitionOfDoneChanged { .. } => Section::Groups,
            TeamAdded { .. }
            | TeamRemoved { .. }
            | TeamRenamed { .. }
            | TeamMoved { .. }
            | TeamKindChanged { .. } => Section::Teams,
            PersonJoined { .. }
            | PersonLeft { .. }
            | PersonRenamed { .. }
            | EmailChanged { .. }
            | PersonMoved { .. } => Section::People,
            RoleGained { .. } | RoleLost { .. } => Section::Roles,
        }
    }

    /// The mark a changelog line starts with: `+` added or gained, `-` removed or lost, `→` moved,
    /// `~` changed.
    pub fn mark(&self) -> &'static str {
        use Change::*;
        match self {
            GroupAdded { .. } | TeamAdded { .. } | PersonJoined { .. } | RoleGained { .. } => "+",
            GroupRemoved { .. } | TeamRemoved { .. } | PersonLeft { .. } | RoleLost { .. } => "-",
            GroupMoved { .. } | TeamMoved { .. } | PersonMoved { .. } => "→",
            _ => "~",
        }
    }

    /// One line a person reads: "Team Search added in SoS Discovery".
    pub fn describe(&self) -> String {
        use Change::*;
        match self {
            OrgRenamed { from, to } if from.is_empty() => format!("Organisation named {to}"),
            OrgRenamed { from, to } => format!("Organisation renamed from {from} to {to}"),
            ProfileChanged { from, to } => format!("Rule profile {from} → {to}"),
            ThresholdChanged { key, from, to } => {
                format!("Threshold {key}: {} → {}", value(from), value(to))
            }
            ThresholdPinned { key, value, pinned } => {
                if *pinned {
                    format!(
                        "Threshold {key}: {value}, now recorded in the file (the profile's value)"
                    )
                } else {
                    format!("Threshold {key}: {value}, now taken from the profile again")
                }
            }
            TeamCountChanged { from, to } => format!("Team size counts {from} → {to}"),
            FanoutChanged { from, to } => {
                let f =
                    |v: &Option<u32>| v.map_or_else(|| "default".to_string(), |v| v.to_string());
                format!("Growth fan-out {} → {}", f(from), f(to))
            }
            CadenceChanged { setting, from, to } => {
                format!("Cadence {setting}: {from} → {to}")
            }
            RatingRoundChanged {
                round,
                from,
                to,
                changed,
            } => match (from.as_str(), to.as_str()) {
                ("none", _) => format!("Rating round {round} added: {to}"),
                (_, "none") => format!("Rating round {round} removed (was {from})"),
                _ if from == to => format!(
                    "Rating round {round}: {} differ ({to})",
                    crate::words::plural(*changed, "rating", "ratings")
                ),
                _ => format!(
                    "Rating round {round}: {from} → {to}{}",
                    match changed {
                        0 => String::new(),
                        n => format!(", {} differ", crate::words::plural(*n, "rating", "ratings")),
                    }
                ),
            },
            GroupAdded { group, parent } => format!("{} added {}", group.name, place_in(parent)),
            GroupRemoved { group, parent } => {
                format!("{} removed (was {})", group.name, place_in(parent))
            }
            GroupRenamed { group, from } => format!("{from} renamed to {}", group.name),
            GroupMoved { group, from, to } => {
                format!("{} moved from {} to {}", group.name, place(from), place(to))
            }
            DefinitionOfDoneChanged { group, from, to } => format!(
                "Definition of Done of {}: {} → {}",
                group.name,
                text(from),
                text(to)
            ),
            TeamAdded { team, group } => format!("{} added {}", team.name, place_in(group)),
            TeamRemoved { team, group } => {
                format!("{} removed (was {})", team.name, place_in(group))
            }
            TeamRenamed { team, from } => format!("{from} renamed to {}", team.name),
            TeamMoved { team, from, to } => {
                format!("{} moved from {} to {}", team.name, place(from), place(to))
            }
            TeamKindChanged { team, from, to } => {
                format!(
                    "{} is now a {} (was a {})",
                    team.name,
                    to.label(),
                    from.label()
                )
            }
            PersonJoined { person, teams } => {
                format!("{} joined ({})", person.name, team_list(teams))
            }
            PersonLeft { person, teams } => {
                format!("{} left (was in {})", person.name, team_list(teams))
            }
            PersonRenamed { person, from } => format!("{from} renamed to {}", person.name),
            EmailChanged { person, from, to } => format!(
                "{}'s email {} → {}",
                person.name,
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            ),
            PersonMoved { person, from, to } => person_moved(&person.name, from, to),
            RoleGained { person, role } => format!("{} is now {}", person.name, role.describe()),
            RoleLost { person, role } => {
                format!("{} is no longer {}", person.name, role.describe())
            }
        }
    }

    /// The unit or person the change is about.
    pub fn subject(&self) -> Subject {
        use Change::*;
        let team = |t: &Named<TeamId>| Subject::Unit {
            base: t.base.map(Unit::Team),
            target: t.target.map(Unit::Team),
        };
        let group = |g: &Named<GroupId>| Subject::Unit {
            base: g.base.map(Unit::Group),
            target: g.target.map(Unit::Group),
        };
        let person = |p: &Named<PersonId>| Subject::Person {
            base: p.base,
            target: p.target,
        };
        match self {
            OrgRenamed { .. }
            | ProfileChanged { .. }
            | ThresholdChanged { .. }
            | ThresholdPinned { .. }
            | TeamCountChanged { .. }
            | FanoutChanged { .. }
            | CadenceChanged { .. }
            | RatingRoundChanged { .. } => Subject::Org,
            GroupAdded { group: g, .. }
            | GroupRemoved { group: g, .. }
            | GroupRenamed { group: g, .. }
            | GroupMoved { group: g, .. }
            | DefinitionOfDoneChanged { group: g, .. } => group(g),
            TeamAdded { team: t, .. }
            | TeamRemoved { team: t, .. }
            | TeamRenamed { team: t, .. }
            | TeamMoved { team: t, .. }
            | TeamKindChanged { team: t, .. } => team(t),
            PersonJoined { person: p, .. }
            | PersonLeft { person: p, .. }
            | PersonRenamed { person: p, .. }
            | EmailChanged { person: p, .. }
            | PersonMoved { person: p, .. }
            | RoleGained { person: p, .. }
            | RoleLost { person: p, .. } => person(p),
        }
    }

    /// The units of the target (or, for removals, of the base) this change tints, with how.
    pub fn tints(&self) -> Vec<(Unit, Tint)> {
        use Change::*;
        let t = |n: &Named<TeamId>| n.target.map(Unit::Team);
        let g = |n: &Named<GroupId>| n.target.map(Unit::Group);
        let out: Vec<(Option<Unit>, Tint)> = match self {
            GroupAdded { group, .. } => vec![(g(group), Tint::Added)],
            TeamAdded { team, .. } => vec![(t(team), Tint::Added)],
            GroupRemoved { group, .. } => vec![(group.base.map(Unit::Group), Tint::Removed)],
            TeamRemoved { team, .. } => vec![(team.base.map(Unit::Team), Tint::Removed)],
            GroupMoved { group, .. } => vec![(g(group), Tint::Moved)],
            TeamMoved { team, .. } => vec![(t(team), Tint::Moved)],
            GroupRenamed { group, .. } | DefinitionOfDoneChanged { group, .. } => {
                vec![(g(group), Tint::Changed)]
            }
            TeamRenamed { team, .. } | TeamKindChanged { team, .. } => {
                vec![(t(team), Tint::Changed)]
            }
            PersonJoined { teams, .. } => teams.iter().map(|x| (t(x), Tint::Changed)).collect(),
            // Only the teams the person left or joined changed, not one they stay in.
            PersonMoved { from, to, .. } => {
                let same =
                    |a: &Named<TeamId>, b: &Named<TeamId>| a.base == b.base && a.target == b.target;
                from.iter()
                    .filter(|x| !to.iter().any(|y| same(x, y)))
                    .chain(to.iter().filter(|x| !from.iter().any(|y| same(x, y))))
                    .map(|x| (t(x), Tint::Changed))
                    .collect()
            }
            PersonLeft { teams, .. } => teams.iter().map(|x| (t(x), Tint::Changed)).collect(),
            RoleGained { role, .. } | RoleLost { role, .. } => match role {
                Role::Seat { team, .. } | Role::TeamSdsRep { team } => {
                    vec![(t(team), Tint::Changed)]
                }
                Role::Master { group, .. }
                | Role::Cpo { group, .. }
                | Role::GroupSdsRep { group } => vec![(g(group), Tint::Changed)],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        out.into_iter()
            .filter_map(|(u, tint)| u.map(|u| (u, tint)))
            .collect()
    }
}
