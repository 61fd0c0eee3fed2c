//! Collecting the changes: roles compared in one key space, names from either side.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use super::changes::{Change, Named, Role, ThresholdValue};
use super::matching::{Matching, Pair};
use super::touched::Touched;
use crate::model::{GroupId, Org, PersonId, TeamId, TeamRole, Threshold, Unit};
/// A unit or person as both sides can name it: the target id when it exists there, else the
/// base id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Side<I> {
    Target(I),
    BaseOnly(I),
}

/// The roles a person holds, in a form both sides compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum RoleKey {
    Seat(TeamRole, Side<TeamId>),
    Master(Side<GroupId>, bool),
    Cpo(Side<GroupId>, bool),
    TeamSds(Side<TeamId>),
    GroupSds(Side<GroupId>),
    EatMember,
    EatPo,
    EatSm,
    EmsAttendee,
    EmsFacilitator,
}

/// Maps the ids of one side into [`Side`] keys.
pub(crate) struct Keys<'a> {
    pub m: &'a Matching,
    pub is_base: bool,
}

impl Keys<'_> {
    pub fn team(&self, t: TeamId) -> Side<TeamId> {
        if !self.is_base {
            return Side::Target(t);
        }
        self.m
            .teams
            .target_of(t)
            .map_or(Side::BaseOnly(t), Side::Target)
    }
    pub fn group(&self, g: GroupId) -> Side<GroupId> {
        if !self.is_base {
            return Side::Target(g);
        }
        self.m
            .groups
            .target_of(g)
            .map_or(Side::BaseOnly(g), Side::Target)
    }
}

/// Every role of the people of one org that `wanted` picks, as [`RoleKey`]s.
pub(crate) fn roles(
    org: &Org,
    keys: &Keys,
    wanted: impl Fn(PersonId) -> bool,
) -> HashMap<PersonId, BTreeSet<RoleKey>> {
    let mut out: HashMap<PersonId, BTreeSet<RoleKey>> = HashMap::default();
    let mut add = |p: PersonId, r: RoleKey| {
        if wanted(p) {
            out.entry(p).or_default().insert(r);
        }
    };
    for t in org.teams().values() {
        let k = keys.team(t.id);
        for role in TeamRole::ALL {
            for p in t.seats(role) {
                add(*p, RoleKey::Seat(role, k));
            }
        }
        if let Some(p) = t.sds_rep {
            add(p, RoleKey::TeamSds(k));
        }
    }
    for g in org.groups().values() {
        let k = keys.group(g.id);
        for h in &g.masters {
            add(h.person, RoleKey::Master(k, h.dedicated));
        }
        for h in &g.cpos {
            add(h.person, RoleKey::Cpo(k, h.dedicated));
        }
        if let Some(p) = g.sds_rep {
            add(p, RoleKey::GroupSds(k));
        }
    }
    let eat = org.eat();
    for p in &eat.members {
        add(*p, RoleKey::EatMember);
    }
    if let Some(p) = eat.product_owner {
        add(p, RoleKey::EatPo);
    }
    if let Some(p) = eat.scrum_master {
        add(p, RoleKey::EatSm);
    }
    for p in &org.ems().attendees {
        add(*p, RoleKey::EmsAttendee);
    }
    if let Some(p) = org.ems().facilitator {
        add(p, RoleKey::EmsFacilitator);
    }
    out
}

/// Names units on both sides.
pub(crate) struct Namer<'a> {
    pub base: &'a Org,
    pub target: &'a Org,
    pub m: &'a Matching,
}

impl Namer<'_> {
    pub fn team(&self, k: Side<TeamId>) -> Named<TeamId> {
        match k {
            Side::Target(t) => Named {
                name: self.target.unit_name(Unit::Team(t)),
                base: self.m.teams.base_of(t),
                target: Some(t),
            },
            Side::BaseOnly(b) => Named {
                name: self.base.unit_name(Unit::Team(b)),
                base: Some(b),
                target: None,
            },
        }
    }
    pub fn group(&self, k: Side<GroupId>) -> Named<GroupId> {
        match k {
            Side::Target(g) => Named {
                name: self.target.unit_name(Unit::Group(g)),
                base: self.m.groups.base_of(g),
                target: Some(g),
            },
            Side::BaseOnly(b) => Named {
                name: self.base.unit_name(Unit::Group(b)),
                base: Some(b),
                target: None,
            },
        }
    }
    pub fn base_group(&self, g: GroupId) -> Named<GroupId> {
        self.group(
            Keys {
                m: self.m,
                is_base: true,
            }
            .group(g),
        )
    }
    pub fn target_group(&self, g: GroupId) -> Named<GroupId> {
        self.group(Side::Target(g))
    }
    pub fn person(&self, base: Option<PersonId>, target: Option<PersonId>) -> Named<PersonId> {
        let name = match (target, base) {
            (Some(t), _) => self.target.person_name(t),
            (None, Some(b)) => self.base.person_name(b),
            (None, None) => String::new(),
        };
        Named { name, base, target }
    }
    pub fn role(&self, r: RoleKey) -> Role {
        match r {
            RoleKey::Seat(seat, t) => Role::Seat {
                seat,
                team: self.team(t),
            },
            RoleKey::Master(g, dedicated) => Role::Master {
                group: self.group(g),
                dedicated,
            },
            RoleKey::Cpo(g, dedicated) => Role::Cpo {
                group: self.group(g),
                dedicated,
            },
            RoleKey::TeamSds(t) => Role::TeamSdsRep { team: self.team(t) },
            RoleKey::GroupSds(g) => Role::GroupSdsRep {
                group: self.group(g),
            },
            RoleKey::EatMember => Role::EatMember,
            RoleKey::EatPo => Role::EatProductOwner,
            RoleKey::EatSm => Role::EatScrumMaster,
            RoleKey::EmsAttendee => Role::EmsAttendee,
            RoleKey::EmsFacilitator => Role::EmsFacilitator,
        }
    }
}

/// Every change from `base` to `target` under a matching, in report order.
pub(crate) fn changes(base: &Org, target: &Org, m: &Matching, touched: &Touched) -> Vec<Change> {
    let namer = Namer { base, target, m };
    let bk = Keys { m, is_base: true };
    let mut out = Vec::new();
    organisation(base, target, &mut out);

    // Groups.
    m.groups
        .each(base.groups(), target.groups(), |pair| match pair {
            Pair::Added(id, g) => out.push(Change::GroupAdded {
                group: namer.target_group(id),
                parent: g.parent.map(|p| namer.target_group(p)),
            }),
            Pair::Removed(id, g) => out.push(Change::GroupRemoved {
                group: namer.base_group(id),
                parent: g.parent.map(|p| namer.base_group(p)),
            }),
            Pair::Both(_, b, id, g) => {
                let changed = b.name != g.name
                    || b.parent.map(|p| bk.group(p)) != g.parent.map(Side::Target)
                    || b.definition_of_done != g.definition_of_done;
                if !changed {
                    return;
                }
                let named = namer.target_group(id);
                if b.name != g.name {
                    out.push(Change::GroupRenamed {
                        group: named.clone(),
                        from: b.name.clone(),
                    });
                }
                if b.parent.map(|p| bk.group(p)) != g.parent.map(Side::Target) {
                    out.push(Change::GroupMoved {
                        group: named.clone(),
                        from: b.parent.map(|p| namer.base_group(p)),
                        to: g.parent.map(|p| namer.target_group(p)),
                    });
                }
                if b.definition_of_done != g.definition_of_done {
                    out.push(Change::DefinitionOfDoneChanged {
                        group: named,
                        from: b.definition_of_done.clone(),
                        to: g.definition_of_done.clone(),
                    });
                }
            }
        });

    // Teams.
    m.teams
        .each(base.teams(), target.teams(), |pair| match pair {
            Pair::Added(id, t) => out.push(Change::TeamAdded {
                team: namer.team(Side::Target(id)),
                group: t.group.map(|p| namer.target_group(p)),
            }),
            Pair::Removed(id, t) => out.push(Change::TeamRemoved {
                team: namer.team(Side::BaseOnly(id)),
                group: t.group.map(|p| namer.base_group(p)),
            }),
            Pair::Both(_, b, id, t) => {
                let moved = b.group.map(|p| bk.group(p)) != t.group.map(Side::Target);
                if b.name == t.name && !moved && b.kind == t.kind {
                    return;
                }
                let named = namer.team(Side::Target(id));
                if b.name != t.name {
                    out.push(Change::TeamRenamed {
                        team: named.clone(),
                        from: b.name.clone(),
                    });
                }
                if moved {
                    out.push(Change::TeamMoved {
                        team: named.clone(),
                        from: b.group.map(|p| namer.base_group(p)),
                        to: t.group.map(|p| namer.target_group(p)),
                    });
                }
                if b.kind != t.kind {
                    out.push(Change::TeamKindChanged {
                        team: named,
                        from: b.kind,
                        to: t.kind,
                    });
                }
            }
        });

    // People and their roles.
    // Only people a changed unit touched can hold other roles; the rest are compared by name
    // and e-mail.
    let base_roles = roles(base, &bk, |p| touched.base_person(p, m));
    let target_roles = roles(target, &Keys { m, is_base: false }, |p| {
        touched.target_person(p, m)
    });
    let none = BTreeSet::new();
    let teams_of = |r: &BTreeSet<RoleKey>| -> BTreeSet<Side<TeamId>> {
        r.iter()
            .filter_map(|k| match k {
                RoleKey::Seat(_, t) => Some(*t),
                _ => None,
            })
            .collect()
    };
    let named_teams = |s: &BTreeSet<Side<TeamId>>| -> Vec<Named<TeamId>> {
        s.iter().map(|t| namer.team(*t)).collect()
    };
    let mut role_changes = Vec::new();
    m.people
        .each(base.people(), target.people(), |pair| match pair {
            Pair::Added(id, _) => {
                let tr = target_roles.get(&id).unwrap_or(&none);
                let person = namer.person(None, Some(id));
                out.push(Change::PersonJoined {
                    person: person.clone(),
                    teams: named_teams(&teams_of(tr)),
                });
                for r in tr.iter().filter(|r| !is_plain_seat(r)) {
                    role_changes.push(Change::RoleGained {
                        person: person.clone(),
                        role: namer.role(*r),
                    });
                }
            }
            Pair::Removed(id, _) => {
                let br = base_roles.get(&id).unwrap_or(&none);
                let person = namer.person(Some(id), None);
                out.push(Change::PersonLeft {
                    person: person.clone(),
                    teams: named_teams(&teams_of(br)),
                });
                for r in br.iter().filter(|r| !is_plain_seat(r)) {
                    role_changes.push(Change::RoleLost {
                        person: person.clone(),
                        role: namer.role(*r),
                    });
                }
            }
            Pair::Both(bid, b, id, p) => {
                let (br, tr) = (
                    base_roles.get(&bid).unwrap_or(&none),
                    target_roles.get(&id).unwrap_or(&none),
                );
                // Most people do not change: say nothing and build nothing for them.
                if br == tr && b.name == p.name && b.email == p.email {
                    return;
                }
                let person = namer.person(Some(bid), Some(id));
                if b.name != p.name {
                    out.push(Change::PersonRenamed {
                        person: person.clone(),
                        from: b.name.clone(),
                    });
                }
                if b.email != p.email {
                    out.push(Change::EmailChanged {
                        person: person.clone(),
                        from: b.email.clone(),
                        to: p.email.clone(),
                    });
                }
                let (bt, tt) = (teams_of(br), teams_of(tr));
                if bt != tt {
                    out.push(Change::PersonMoved {
                        person: person.clone(),
                        from: named_teams(&bt),
                        to: named_teams(&tt),
                    });
                }
                // A Developer seat that comes or goes with a team change is the move itself.
                let shown = |r: &&RoleKey| match r {
                    RoleKey::Seat(TeamRole::Developer, t) => bt.contains(t) && tt.contains(t),
                    _ => true,
                };
                for r in tr.difference(br).filter(shown) {
                    role_changes.push(Change::RoleGained {
                        person: person.clone(),
                        role: namer.role(*r),
                    });
                }
                for r in br.difference(tr).filter(shown) {
                    role_changes.push(Change::RoleLost {
                        person: person.clone(),
                        role: namer.role(*r),
                    });
                }
            }
        });
    out.extend(role_changes);
    out
}

/// A Developer seat, which joining or leaving a team already says.
fn is_plain_seat(r: &RoleKey) -> bool {
    matches!(r, RoleKey::Seat(TeamRole::Developer, _))
}

fn organisation(base: &Org, target: &Org, out: &mut Vec<Change>) {
    if base.name() != target.name() {
        out.push(Change::OrgRenamed {
            from: base.name().to_string(),
            to: target.name().to_string(),
        });
    }
    let (br, tr) = (base.rules(), target.rules());
    if br.profile != tr.profile {
        out.push(Change::ProfileChanged {
            from: br.profile.as_str().to_string(),
            to: tr.profile.as_str().to_string(),
        });
    }
    if br.team_count() != tr.team_count() {
        out.push(Change::TeamCountChanged {
            from: br.team_count().name().to_string(),
            to: tr.team_count().name().to_string(),
        });
    }
    for t in Threshold::ALL {
        let (from, to) = (
            ThresholdValue::of(t, br.value(t)),
            ThresholdValue::of(t, tr.value(t)),
        );
        if from != to {
            out.push(Change::ThresholdChanged {
                key: t.key().to_string(),
                from,
                to,
            });
        } else if br.overrides.get(t) != tr.overrides.get(t) {
            // The same in effect, but one file records it and the other leaves it to the
            // profile: still a difference between the files.
            out.push(Change::ThresholdPinned {
                key: t.key().to_string(),
                value: t.value_text(tr.value(t), None),
                pinned: tr.is_custom(t),
            });
        }
    }
    if br.team_count() == tr.team_count() && br.overrides.team_count != tr.overrides.team_count {
        out.push(Change::ThresholdPinned {
            key: "team_count".to_string(),
            value: tr.team_count().name().to_string(),
            pinned: tr.overrides.team_count.is_some(),
        });
    }
    cadence_changes(base, target, out);
    rating_changes(base, target, out);
    if base.fanout() != target.fanout() {
        out.push(Change::FanoutChanged {
            from: base.fanout(),
            to: target.fanout(),
        });
    }
}

/// Every rating round added, removed or re-rated. Ratings are compared by rater, component and
/// the rated group's name, so that ids naming the same groups make no difference.
fn rating_changes(base: &Org, target: &Org, out: &mut Vec<Change>) {
    use crate::model::Round;
    let words = |r: &Round| {
        format!(
            "{}, {}, {}",
            r.date,
            crate::words::plural(r.raters.len(), "rater", "raters"),
            crate::words::plural(r.ratings.len(), "rating", "ratings")
        )
    };
    let keyed = |org: &Org, r: &Round| -> BTreeMap<(String, usize, String), (u8, String)> {
        r.ratings
            .iter()
            .map(|x| {
                (
                    (
                        x.rater.clone(),
                        x.component.index(),
                        x.group
                            .map_or_else(String::new, |g| org.unit_name(Unit::Group(g))),
                    ),
                    (x.rating.value(), x.note.clone()),
                )
            })
            .collect()
    };
    let (b, t) = (base.assessment(), target.assessment());
    let mut names: Vec<&str> = b.rounds.iter().map(|r| r.name.as_str()).collect();
    for r in &t.rounds {
        if !names.contains(&r.name.as_str()) {
            names.push(&r.name);
        }
    }
    for name in names {
        match (b.round(name), t.round(name)) {
            (Some(x), Some(y)) => {
                let (kx, ky) = (keyed(base, x), keyed(target, y));
                let changed = kx
                    .keys()
                    .chain(ky.keys())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .filter(|k| kx.get(*k) != ky.get(*k))
                    .count();
                if changed > 0 || x.date != y.date || x.raters != y.raters {
                    out.push(Change::RatingRoundChanged {
                        round: name.to_string(),
                        from: words(x),
                        to: words(y),
                        changed,
                    });
                }
            }
            (x, y) => out.push(Change::RatingRoundChanged {
                round: name.to_string(),
                from: x.map_or_else(|| "none".to_string(), words),
                to: y.map_or_else(|| "none".to_string(), words),
                changed: x.or(y).map_or(0, |r| r.ratings.len()),
            }),
        }
    }
}

/// Every cadence setting that differs, in the settings' order; one change for the whole
/// section when only one side records a cadence.
fn cadence_changes(base: &Org, target: &Org, out: &mut Vec<Change>) {
    let settings = |org: &Org| {
        org.cadence()
            .map(|c| c.settings(|u| org.unit_name(u)))
            .unwrap_or_default()
    };
    match (base.cadence(), target.cadence()) {
        (None, None) => {}
        (Some(b), Some(t)) if b == t => {}
        (None, Some(_)) | (Some(_), None) => out.push(Change::CadenceChanged {
            setting: "section".into(),
            from: if base.cadence().is_some() {
                "recorded"
            } else {
                "not recorded"
            }
            .into(),
            to: if target.cadence().is_some() {
                "recorded"
            } else {
                "not recorded"
            }
            .into(),
        }),
        (Some(_), Some(_)) => {
            let (b, t) = (settings(base), settings(target));
            let none = String::from("none");
            let keys: std::collections::BTreeSet<&String> =
                b.iter().chain(&t).map(|(k, _)| k).collect();
            let value = |list: &[(String, String)], k: &String| {
                list.iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
            };
            // The fixed settings in their order first, then the overrides by name.
            let mut order: Vec<&String> = b.iter().map(|(k, _)| k).collect();
            for k in &keys {
                if !order.contains(k) {
                    order.push(k);
                }
            }
            for k in order {
                let (from, to) = (value(&b, k), value(&t, k));
                if from != to {
                    out.push(Change::CadenceChanged {
                        setting: k.clone(),
                        from: from.unwrap_or_else(|| none.clone()),
                        to: to.unwrap_or_else(|| none.clone()),
                    });
                }
            }
            // Different only in ids that name the same units: nothing a reader would see.
        }
    }
}
