//! Who can have changed: one pass over the seats of both orgs, unit by unit.
//!
//! Most of a large org does not change between two versions. A team whose seats are the same on
//! both sides (every base seat holder maps to a holder of the same seat in the matched target
//! team, and the counts agree) gives none of its people a new role; the same holds for a group's
//! masters, CPOs and SDS seat and for the EAT and the EMS. Only the people of units that differ,
//! and people without a counterpart, need their roles compared; everyone else keeps every role
//! and every team.

use std::collections::BTreeSet;

use rustc_hash::FxHashSet as HashSet;

use super::matching::{Matching, Pair};
use crate::model::{Group, Org, PersonId, RoleHolder, Team, TeamId, TeamRole};

/// The people and teams whose roles or members may differ.
pub(crate) struct Touched {
    /// Target ids of people who hold a seat in a unit whose seats differ, or in a unit only
    /// one side has (so may hold other roles than their base counterpart).
    target: HashSet<PersonId>,
    /// Base ids of such people.
    base: HashSet<PersonId>,
    /// Target ids of matched teams whose seats differ.
    pub teams: HashSet<TeamId>,
}

impl Touched {
    pub fn of(base: &Org, target: &Org, m: &Matching) -> Touched {
        let mut t = Touched {
            target: HashSet::default(),
            base: HashSet::default(),
            teams: HashSet::default(),
        };
        m.teams
            .each(base.teams(), target.teams(), |pair| match pair {
                Pair::Both(_, bt, _, tt) if same_seats(bt, tt, m) => {}
                Pair::Both(_, bt, id, tt) => {
                    t.teams.insert(id);
                    t.base_team(bt);
                    t.target_team(tt);
                }
                Pair::Added(_, tt) => t.target_team(tt),
                Pair::Removed(_, bt) => t.base_team(bt),
            });
        m.groups
            .each(base.groups(), target.groups(), |pair| match pair {
                Pair::Both(_, bg, _, tg) if same_holders(bg, tg, m) => {}
                Pair::Both(_, bg, _, tg) => {
                    t.base.extend(group_people(bg));
                    t.target.extend(group_people(tg));
                }
                Pair::Added(_, tg) => t.target.extend(group_people(tg)),
                Pair::Removed(_, bg) => t.base.extend(group_people(bg)),
            });
        let (be, te) = (base.eat(), target.eat());
        if !same_set(&be.members, &te.members, m)
            || !same_one(be.product_owner, te.product_owner, m)
            || !same_one(be.scrum_master, te.scrum_master, m)
        {
            t.base.extend(
                be.members
                    .iter()
                    .chain(&be.product_owner)
                    .chain(&be.scrum_master),
            );
            t.target.extend(
                te.members
                    .iter()
                    .chain(&te.product_owner)
                    .chain(&te.scrum_master),
            );
        }
        let (bm, tm) = (base.ems(), target.ems());
        if !same_set(&bm.attendees, &tm.attendees, m)
            || !same_one(bm.facilitator, tm.facilitator, m)
        {
            t.base.extend(bm.attendees.iter().chain(&bm.facilitator));
            t.target.extend(tm.attendees.iter().chain(&tm.facilitator));
        }
        t
    }

    /// Whether the target person `p` may hold roles that differ from their base counterpart's
    /// (always for a person who joined).
    /// Everyone and every matched team, as if each had changed: what the diff would do without
    /// this shortcut (the property tests check that it makes no difference).
    pub fn everyone(base: &Org, target: &Org, m: &Matching) -> Touched {
        let mut teams = HashSet::default();
        m.teams.each(base.teams(), target.teams(), |pair| {
            if let Pair::Both(_, _, id, _) = pair {
                teams.insert(id);
            }
        });
        Touched {
            target: target.people().keys().copied().collect(),
            base: base.people().keys().copied().collect(),
            teams,
        }
    }

    pub fn target_person(&self, p: PersonId, m: &Matching) -> bool {
        match m.people.base_of(p) {
            None => true,
            Some(b) => self.target.contains(&p) || self.base.contains(&b),
        }
    }

    /// Whether the base person `p` may hold roles that differ from their target counterpart's
    /// (always for a person who left).
    pub fn base_person(&self, p: PersonId, m: &Matching) -> bool {
        match m.people.target_of(p) {
            None => true,
            Some(t) => self.base.contains(&p) || self.target.contains(&t),
        }
    }

    fn base_team(&mut self, team: &Team) {
        for role in TeamRole::ALL {
            self.base.extend(team.seats(role));
        }
        self.base.extend(team.sds_rep);
    }

    fn target_team(&mut self, team: &Team) {
        for role in TeamRole::ALL {
            self.target.extend(team.seats(role));
        }
        self.target.extend(team.sds_rep);
    }
}

fn same_one(b: Option<PersonId>, t: Option<PersonId>, m: &Matching) -> bool {
    match (b, t) {
        (None, None) => true,
        (Some(b), Some(t)) => m.people.target_of(b) == Some(t),
        _ => false,
    }
}

fn same_set(b: &BTreeSet<PersonId>, t: &BTreeSet<PersonId>, m: &Matching) -> bool {
    b.len() == t.len()
        && b.iter()
            .all(|p| m.people.target_of(*p).is_some_and(|tp| t.contains(&tp)))
}

fn same_seats(b: &Team, t: &Team, m: &Matching) -> bool {
    TeamRole::ALL
        .into_iter()
        .all(|role| same_set(b.seats(role), t.seats(role), m))
        && same_one(b.sds_rep, t.sds_rep, m)
}

fn same_holders(b: &Group, t: &Group, m: &Matching) -> bool {
    // Both ways: a list may name one person twice.
    let same = |b: &[RoleHolder], t: &[RoleHolder]| {
        b.len() == t.len()
            && b.iter().all(|h| {
                m.people.target_of(h.person).is_some_and(|tp| {
                    t.iter()
                        .any(|th| th.person == tp && th.dedicated == h.dedicated)
                })
            })
            && t.iter().all(|h| {
                m.people.base_of(h.person).is_some_and(|bp| {
                    b.iter()
                        .any(|bh| bh.person == bp && bh.dedicated == h.dedicated)
                })
            })
    };
    same(&b.masters, &t.masters) && same(&b.cpos, &t.cpos) && same_one(b.sds_rep, t.sds_rep, m)
}

fn group_people(g: &Group) -> impl Iterator<Item = PersonId> + '_ {
    g.masters
        .iter()
        .chain(&g.cpos)
        .map(|h| h.person)
        .chain(g.sds_rep)
}
