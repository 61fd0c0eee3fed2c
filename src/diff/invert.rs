//! A change seen from the other side: what `diff(target, base)` reports for it.

use super::changes::{Change, Named, Role};

impl Change {
    /// The same change seen from the other side (base and target swapped).
    pub fn inverted(&self) -> Change {
        use Change::*;
        fn n<I: Clone>(x: &Named<I>) -> Named<I> {
            Named {
                name: x.name.clone(),
                base: x.target.clone(),
                target: x.base.clone(),
            }
        }
        fn o<I: Clone>(x: &Option<Named<I>>) -> Option<Named<I>> {
            x.as_ref().map(n)
        }
        fn v<I: Clone>(x: &[Named<I>]) -> Vec<Named<I>> {
            x.iter().map(n).collect()
        }
        let role = |r: &Role| match r {
            Role::Seat { seat, team } => Role::Seat {
                seat: *seat,
                team: n(team),
            },
            Role::Master { group, dedicated } => Role::Master {
                group: n(group),
                dedicated: *dedicated,
            },
            Role::Cpo { group, dedicated } => Role::Cpo {
                group: n(group),
                dedicated: *dedicated,
            },
            Role::TeamSdsRep { team } => Role::TeamSdsRep { team: n(team) },
            Role::GroupSdsRep { group } => Role::GroupSdsRep { group: n(group) },
            other => other.clone(),
        };
        match self {
            OrgRenamed { from, to } => OrgRenamed {
                from: to.clone(),
                to: from.clone(),
            },
            ProfileChanged { from, to } => ProfileChanged {
                from: to.clone(),
                to: from.clone(),
            },
            ThresholdChanged { key, from, to } => ThresholdChanged {
                key: key.clone(),
                from: *to,
                to: *from,
            },
            ThresholdPinned { key, value, pinned } => ThresholdPinned {
                key: key.clone(),
                value: value.clone(),
                pinned: !pinned,
            },
            TeamCountChanged { from, to } => TeamCountChanged {
                from: to.clone(),
                to: from.clone(),
            },
            FanoutChanged { from, to } => FanoutChanged {
                from: *to,
                to: *from,
            },
            CadenceChanged { setting, from, to } => CadenceChanged {
                setting: setting.clone(),
                from: to.clone(),
                to: from.clone(),
            },
            RatingRoundChanged {
                round,
                from,
                to,
                changed,
            } => RatingRoundChanged {
                round: round.clone(),
                from: to.clone(),
                to: from.clone(),
                changed: *changed,
            },
            GroupAdded { group, parent } => GroupRemoved {
                group: n(group),
                parent: o(parent),
            },
            GroupRemoved { group, parent } => GroupAdded {
                group: n(group),
                parent: o(parent),
            },
            GroupRenamed { group, from } => GroupRenamed {
                group: Named {
                    name: from.clone(),
                    ..n(group)
                },
                from: group.name.clone(),
            },
            GroupMoved { group, from, to } => GroupMoved {
                group: n(group),
                from: o(to),
                to: o(from),
            },
            DefinitionOfDoneChanged { group, from, to } => DefinitionOfDoneChanged {
                group: n(group),
                from: to.clone(),
                to: from.clone(),
            },
            TeamAdded { team, group } => TeamRemoved {
                team: n(team),
                group: o(group),
            },
            TeamRemoved { team, group } => TeamAdded {
                team: n(team),
                group: o(group),
            },
            TeamRenamed { team, from } => TeamRenamed {
                team: Named {
                    name: from.clone(),
                    ..n(team)
                },
                from: team.name.clone(),
            },
            TeamMoved { team, from, to } => TeamMoved {
                team: n(team),
                from: o(to),
                to: o(from),
            },
            TeamKindChanged { team, from, to } => TeamKindChanged {
                team: n(team),
                from: *to,
                to: *from,
            },
            PersonJoined { person, teams } => PersonLeft {
                person: n(person),
                teams: v(teams),
            },
            PersonLeft { person, teams } => PersonJoined {
                person: n(person),
                teams: v(teams),
            },
            PersonRenamed { person, from } => PersonRenamed {
                person: Named {
                    name: from.clone(),
                    ..n(person)
                },
                from: person.name.clone(),
            },
            EmailChanged { person, from, to } => EmailChanged {
                person: n(person),
                from: to.clone(),
                to: from.clone(),
            },
            PersonMoved { person, from, to } => PersonMoved {
                person: n(person),
                from: v(to),
                to: v(from),
            },
            RoleGained { person, role: r } => RoleLost {
                person: n(person),
                role: role(r),
            },
            RoleLost { person, role: r } => RoleGained {
                person: n(person),
                role: role(r),
            },
        }
    }
}
