//! The things an organisation is made of. Fields are public for reading; the [`Org`](super::Org)
//! hands out shared references only, so every change goes through a [`Command`](super::Command).

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{GroupId, PersonId, TeamId};

/// A person. Counted by id everywhere: two people may share a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Whether a team is a real Scrum team or a virtual / specialist team (embedded specialists who
/// also meet as a team; exempt from the team rules V1-V5 and from V18).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TeamKind {
    #[default]
    Scrum,
    Virtual,
}

impl TeamKind {
    pub fn is_default(&self) -> bool {
        *self == TeamKind::Scrum
    }
    pub fn label(self) -> &'static str {
        match self {
            TeamKind::Scrum => "Scrum team",
            TeamKind::Virtual => "virtual team",
        }
    }
}

/// A seat in a Scrum team.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum TeamRole {
    /// Product Owner.
    #[serde(rename = "PO")]
    ProductOwner,
    /// Scrum Master.
    #[serde(rename = "SM")]
    ScrumMaster,
    /// Developer: anyone doing Sprint work. A PO or SM who develops holds this seat too.
    #[serde(rename = "Dev")]
    Developer,
}

impl TeamRole {
    pub const ALL: [TeamRole; 3] = [
        TeamRole::ProductOwner,
        TeamRole::ScrumMaster,
        TeamRole::Developer,
    ];
    pub fn short(self) -> &'static str {
        match self {
            TeamRole::ProductOwner => "PO",
            TeamRole::ScrumMaster => "SM",
            TeamRole::Developer => "Dev",
        }
    }
    pub fn long(self) -> &'static str {
        match self {
            TeamRole::ProductOwner => "Product Owner",
            TeamRole::ScrumMaster => "Scrum Master",
            TeamRole::Developer => "Developer",
        }
    }
}

/// A Scrum team: Product Owner, Scrum Master and Developers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    #[serde(default, skip_serializing_if = "TeamKind::is_default")]
    pub kind: TeamKind,
    /// The group (Scrum of Scrums or higher) the team belongs to; none for independent teams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub product_owners: BTreeSet<PersonId>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub scrum_masters: BTreeSet<PersonId>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub developers: BTreeSet<PersonId>,
    /// The team's representative at its group's Scaled Daily Scrum. When unset, the team's Scrum
    /// Master represents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sds_rep: Option<PersonId>,
}

impl Team {
    pub fn new(id: TeamId, name: impl Into<String>) -> Self {
        Team {
            id,
            name: name.into(),
            kind: TeamKind::Scrum,
            group: None,
            product_owners: BTreeSet::new(),
            scrum_masters: BTreeSet::new(),
            developers: BTreeSet::new(),
            sds_rep: None,
        }
    }

    pub fn seats(&self, role: TeamRole) -> &BTreeSet<PersonId> {
        match role {
            TeamRole::ProductOwner => &self.product_owners,
            TeamRole::ScrumMaster => &self.scrum_masters,
            TeamRole::Developer => &self.developers,
        }
    }

    pub(crate) fn seats_mut(&mut self, role: TeamRole) -> &mut BTreeSet<PersonId> {
        match role {
            TeamRole::ProductOwner => &mut self.product_owners,
            TeamRole::ScrumMaster => &mut self.scrum_masters,
            TeamRole::Developer => &mut self.developers,
        }
    }

    pub fn is_real(&self) -> bool {
        self.kind == TeamKind::Scrum
    }

    /// Whether the person holds any seat in the team.
    pub fn has_member(&self, p: PersonId) -> bool {
        self.product_owners.contains(&p)
            || self.scrum_masters.contains(&p)
            || self.developers.contains(&p)
    }

    /// The roles a person holds in this team, in PO, SM, Dev order.
    pub fn roles_of(&self, p: PersonId) -> Vec<TeamRole> {
        TeamRole::ALL
            .into_iter()
            .filter(|r| self.seats(*r).contains(&p))
            .collect()
    }

    /// Distinct people with any seat, in id order.
    pub fn people(&self) -> BTreeSet<PersonId> {
        let mut all = self.product_owners.clone();
        all.extend(self.scrum_masters.iter().copied());
        all.extend(self.developers.iter().copied());
        all
    }

    /// Number of distinct people with any seat (`team_count = whole`).
    pub fn headcount(&self) -> usize {
        // The three seat sets are sorted: count distinct ids in one merge pass.
        let mut a = self.product_owners.iter().peekable();
        let mut b = self.scrum_masters.iter().peekable();
        let mut c = self.developers.iter().peekable();
        let mut n = 0;
        loop {
            let next = [a.peek(), b.peek(), c.peek()]
                .into_iter()
                .flatten()
                .min()
                .copied();
            let Some(&min) = next else { return n };
            n += 1;
            for it in [&mut a, &mut b, &mut c] {
                if it.peek() == Some(&&min) {
                    it.next();
                }
            }
        }
    }

    /// Number of people doing Sprint work (`team_count = doers`): the Developers, including a PO
    /// or SM who also holds a Developer seat.
    pub fn doers(&self) -> usize {
        self.developers.len()
    }

    /// The representative at the group's Scaled Daily Scrum: the explicit one, or else the
    /// team's (first) Scrum Master.
    pub fn effective_sds_rep(&self) -> Option<PersonId> {
        self.sds_rep
            .or_else(|| self.scrum_masters.iter().next().copied())
    }
}

/// A holder of a scaled role (group master or group CPO).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct RoleHolder {
    pub person: PersonId,
    /// A dedicated holder is not one of the member teams' SMs / POs but a person given the role on
    /// purpose; rules V9 and V10 accept them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dedicated: bool,
}

/// The two scaled roles every group has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ScaledRole {
    /// Scrum of Scrums Master (SoSoS Master, level-n master higher up).
    #[serde(rename = "SoSM")]
    Master,
    /// Chief Product Owner (level-n CPO higher up).
    #[serde(rename = "CPO")]
    ChiefProductOwner,
}

impl ScaledRole {
    pub fn short(self) -> &'static str {
        match self {
            ScaledRole::Master => "SoSM",
            ScaledRole::ChiefProductOwner => "CPO",
        }
    }
}

/// A coordination group: a Scrum of Scrums at level 1, a SoSoS at level 2, and so on. Its level
/// is derived from what it holds, never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    /// The group one level up; none for a top group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GroupId>,
    /// Scrum of Scrums Master(s). Exactly one is expected (rule V7); several are kept so that the
    /// rule can report them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub masters: Vec<RoleHolder>,
    /// Chief Product Owner(s). Exactly one is expected (rule V8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpos: Vec<RoleHolder>,
    /// The group's representative at its parent's Scaled Daily Scrum. When unset, the group's
    /// master represents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sds_rep: Option<PersonId>,
    /// The group's shared Definition of Done, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition_of_done: Option<String>,
}

impl Group {
    pub fn new(id: GroupId, name: impl Into<String>) -> Self {
        Group {
            id,
            name: name.into(),
            parent: None,
            masters: Vec::new(),
            cpos: Vec::new(),
            sds_rep: None,
            definition_of_done: None,
        }
    }

    pub fn holders(&self, role: ScaledRole) -> &[RoleHolder] {
        match role {
            ScaledRole::Master => &self.masters,
            ScaledRole::ChiefProductOwner => &self.cpos,
        }
    }

    pub(crate) fn holders_mut(&mut self, role: ScaledRole) -> &mut Vec<RoleHolder> {
        match role {
            ScaledRole::Master => &mut self.masters,
            ScaledRole::ChiefProductOwner => &mut self.cpos,
        }
    }

    /// The single master, when there is exactly one.
    pub fn master(&self) -> Option<PersonId> {
        match self.masters.as_slice() {
            [one] => Some(one.person),
            _ => None,
        }
    }

    /// The single CPO, when there is exactly one.
    pub fn cpo(&self) -> Option<PersonId> {
        match self.cpos.as_slice() {
            [one] => Some(one.person),
            _ => None,
        }
    }

    /// The representative at the parent's Scaled Daily Scrum: the explicit one, or the master.
    pub fn effective_sds_rep(&self) -> Option<PersonId> {
        self.sds_rep
            .or_else(|| self.masters.first().map(|h| h.person))
    }
}

/// The Executive Action Team: the hub of the Scrum Master cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Eat {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub members: BTreeSet<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_owner: Option<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scrum_master: Option<PersonId>,
}

impl Eat {
    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.product_owner.is_none() && self.scrum_master.is_none()
    }
}

/// The Executive MetaScrum: the hub of the Product Owner cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ems {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub attendees: BTreeSet<PersonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<PersonId>,
}

impl Ems {
    pub fn is_empty(&self) -> bool {
        self.attendees.is_empty() && self.facilitator.is_none()
    }
}

/// Which executive body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Body {
    #[serde(rename = "EAT")]
    Eat,
    #[serde(rename = "EMS")]
    Ems,
}

impl Body {
    pub fn short(self) -> &'static str {
        match self {
            Body::Eat => "EAT",
            Body::Ems => "EMS",
        }
    }
    pub fn long(self) -> &'static str {
        match self {
            Body::Eat => "Executive Action Team",
            Body::Ems => "Executive MetaScrum",
        }
    }
}
