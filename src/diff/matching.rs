//! Which unit of the base is which unit of the target: by id, or by name when the ids of the
//! two files do not correspond (a CSV roster has no ids of its own; a file rebuilt by hand).

use std::collections::BTreeMap;
use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::model::{GroupId, Org, PersonId, TeamId, Unit};

/// How the caller wants units matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatchBy {
    /// By id, unless the ids plainly name different things in the two files (most units that
    /// share an id have different names, and names pair up more of them): then by name.
    #[default]
    Auto,
    /// Always by id.
    Id,
    /// Always by name (for a roster, which has no ids).
    Name,
}

/// How one kind of unit (people, teams or groups) was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Matched {
    ById,
    ByName,
}

/// The pairing of one kind of unit: base id to target id and back.
#[derive(Clone, Debug)]
pub struct Pairs<I> {
    pub how: Matched,
    forward: HashMap<I, I>,
    back: HashMap<I, I>,
}

impl<I: Copy + Eq + Hash + Ord> Pairs<I> {
    /// The target unit that a base unit became.
    pub fn target_of(&self, base: I) -> Option<I> {
        self.forward.get(&base).copied()
    }
    /// The base unit that a target unit was.
    pub fn base_of(&self, target: I) -> Option<I> {
        self.back.get(&target).copied()
    }
    /// Matched pairs, base id order.
    pub fn pairs(&self) -> Vec<(I, I)> {
        let mut v: Vec<(I, I)> = self.forward.iter().map(|(b, t)| (*b, *t)).collect();
        v.sort_unstable();
        v
    }
}

/// The pairing of everything in two orgs.
#[derive(Clone, Debug)]
pub struct Matching {
    pub people: Pairs<PersonId>,
    pub teams: Pairs<TeamId>,
    pub groups: Pairs<GroupId>,
}

impl Matching {
    pub fn of(base: &Org, target: &Org, by: MatchBy) -> Matching {
        Matching {
            people: pair(base.people(), target.people(), |p| &p.name, by),
            teams: pair(base.teams(), target.teams(), |t| &t.name, by),
            groups: pair(base.groups(), target.groups(), |g| &g.name, by),
        }
    }

    pub fn unit_base_of(&self, target: Unit) -> Option<Unit> {
        match target {
            Unit::Team(t) => self.teams.base_of(t).map(Unit::Team),
            Unit::Group(g) => self.groups.base_of(g).map(Unit::Group),
        }
    }
}

fn pair<I, V>(
    base: &BTreeMap<I, V>,
    target: &BTreeMap<I, V>,
    name: impl Fn(&V) -> &String,
    by: MatchBy,
) -> Pairs<I>
where
    I: Copy + Eq + Hash + Ord,
{
    let by_id = || {
        base.keys()
            .filter(|id| target.contains_key(id))
            .map(|id| (*id, *id))
            .collect::<Vec<_>>()
    };
    let (how, pairs) = match by {
        MatchBy::Id => (Matched::ById, by_id()),
        MatchBy::Name => (Matched::ByName, by_name(base, target, &name)),
        MatchBy::Auto => {
            let ids = by_id();
            let same = ids
                .iter()
                .filter(|(b, t)| {
                    let (b, t) = (name(&base[b]), name(&target[t]));
                    b == t || b.trim() == t.trim()
                })
                .count();
            if same * 2 < ids.len() {
                let names = by_name(base, target, &name);
                if names.len() > same {
                    (Matched::ByName, names)
                } else {
                    (Matched::ById, ids)
                }
            } else {
                (Matched::ById, ids)
            }
        }
    };
    let forward: HashMap<I, I> = pairs.iter().copied().collect();
    let back = pairs.iter().map(|(b, t)| (*t, *b)).collect();
    Pairs { how, forward, back }
}

/// Pairs units with equal (trimmed) names; the k-th of a repeated name in the base pairs with the
/// k-th of it in the target, in id order.
fn by_name<I, V>(
    base: &BTreeMap<I, V>,
    target: &BTreeMap<I, V>,
    name: &impl Fn(&V) -> &String,
) -> Vec<(I, I)>
where
    I: Copy + Eq + Hash + Ord,
{
    let mut waiting: HashMap<&str, std::collections::VecDeque<I>> = HashMap::default();
    for (id, v) in target {
        waiting.entry(name(v).trim()).or_default().push_back(*id);
    }
    let mut out = Vec::new();
    for (id, v) in base {
        if let Some(t) = waiting.get_mut(name(v).trim()).and_then(|q| q.pop_front()) {
            out.push((*id, t));
        }
    }
    out
}
