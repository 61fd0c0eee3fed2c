//! Which unit of the base is which unit of the target: by id, or by name when the ids of the
//! two files do not correspond (a CSV roster has no ids of its own; a file rebuilt by hand).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use crate::model::{GroupId, Org, PersonId, RawId, TeamId, Unit, is_numeric_raw};

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
    map: PairMap<I>,
}

#[derive(Clone, Debug)]
enum PairMap<I> {
    /// Matched by id: a unit pairs with the unit of the same id, when both sides have it.
    Same { common: Vec<I>, set: IdSet },
    /// Any other pairing.
    Map {
        forward: HashMap<I, I>,
        back: HashMap<I, I>,
    },
}

impl<I: RawId> Pairs<I> {
    /// The target unit that a base unit became.
    pub fn target_of(&self, base: I) -> Option<I> {
        match &self.map {
            PairMap::Same { set, .. } => set.contains(base.raw()).then_some(base),
            PairMap::Map { forward, .. } => forward.get(&base).copied(),
        }
    }
    /// The base unit that a target unit was.
    pub fn base_of(&self, target: I) -> Option<I> {
        match &self.map {
            PairMap::Same { set, .. } => set.contains(target.raw()).then_some(target),
            PairMap::Map { back, .. } => back.get(&target).copied(),
        }
    }
    /// Matched pairs, base id order.
    pub fn pairs(&self) -> Vec<(I, I)> {
        match &self.map {
            PairMap::Same { common, .. } => common.iter().map(|i| (*i, *i)).collect(),
            PairMap::Map { forward, .. } => {
                let mut v: Vec<(I, I)> = forward.iter().map(|(b, t)| (*b, *t)).collect();
                v.sort_unstable();
                v
            }
        }
    }

    fn same(common: Vec<I>) -> Self {
        let set = IdSet::of(common.iter().map(|i| i.raw()), common.len());
        Pairs {
            how: Matched::ById,
            map: PairMap::Same { common, set },
        }
    }

    fn map(how: Matched, pairs: &[(I, I)]) -> Self {
        Pairs {
            how,
            map: PairMap::Map {
                forward: pairs.iter().copied().collect(),
                back: pairs.iter().map(|(b, t)| (*t, *b)).collect(),
            },
        }
    }

    /// Every unit of the two sides with its counterpart, as [`Pair`]s: the target's units
    /// first, in target id order (with their base unit, if any), then the base units that have
    /// none, in base id order. `base` and `target` must be the maps the pairs were made from.
    pub(crate) fn each<'a, V>(
        &self,
        base: &'a BTreeMap<I, V>,
        target: &'a BTreeMap<I, V>,
        mut f: impl FnMut(Pair<'a, I, V>),
    ) {
        match &self.map {
            PairMap::Same { .. } => {
                // One walk through both maps in id order: no lookups.
                let mut removed = Vec::new();
                let (mut b, mut t) = (base.iter().peekable(), target.iter().peekable());
                loop {
                    match (b.peek(), t.peek()) {
                        (None, None) => break,
                        (Some(_), None) => removed.extend(b.by_ref()),
                        (None, Some(_)) => {
                            for (id, v) in t.by_ref() {
                                f(Pair::Added(*id, v));
                            }
                        }
                        (Some((bi, _)), Some((ti, _))) => match bi.cmp(ti) {
                            std::cmp::Ordering::Less => removed.extend(b.next()),
                            std::cmp::Ordering::Greater => {
                                let (id, v) = t.next().expect("peeked");
                                f(Pair::Added(*id, v));
                            }
                            std::cmp::Ordering::Equal => {
                                let ((bi, bv), (ti, tv)) =
                                    (b.next().expect("peeked"), t.next().expect("peeked"));
                                f(Pair::Both(*bi, bv, *ti, tv));
                            }
                        },
                    }
                }
                for (id, v) in removed {
                    f(Pair::Removed(*id, v));
                }
            }
            PairMap::Map { forward, back } => {
                for (id, v) in target {
                    match back.get(id).and_then(|b| base.get_key_value(b)) {
                        Some((bi, bv)) => f(Pair::Both(*bi, bv, *id, v)),
                        None => f(Pair::Added(*id, v)),
                    }
                }
                for (id, v) in base {
                    if !forward.contains_key(id) {
                        f(Pair::Removed(*id, v));
                    }
                }
            }
        }
    }
}

/// A unit and its counterpart, as [`Pairs::each`] gives them.
pub(crate) enum Pair<'a, I, V> {
    /// On both sides: base id and unit, target id and unit.
    Both(I, &'a V, I, &'a V),
    /// Only in the target.
    Added(I, &'a V),
    /// Only in the base.
    Removed(I, &'a V),
}

/// A set of ids: a bit per numeric id (numeric ids are dense: the designer counts them up from
/// 1), and a hash set for slugs and for numbers too far apart for the bits.
#[derive(Clone, Debug)]
struct IdSet {
    bits: Vec<u64>,
    other: HashSet<u32>,
}

impl IdSet {
    fn of(raw: impl Iterator<Item = u32> + Clone, len: usize) -> IdSet {
        let max = raw.clone().filter(|r| is_numeric_raw(*r)).max();
        // At most 16 bits per id plus 4 Kbit, whatever the largest number is.
        let words = match max {
            Some(m) if (m as usize) < 16 * len + 4096 => m as usize / 64 + 1,
            _ => 0,
        };
        let mut set = IdSet {
            bits: vec![0; words],
            other: HashSet::default(),
        };
        for r in raw {
            let i = r as usize;
            match set.bits.get_mut(i / 64) {
                Some(w) => *w |= 1 << (i % 64),
                None => {
                    set.other.insert(r);
                }
            }
        }
        set
    }

    fn contains(&self, r: u32) -> bool {
        let i = r as usize;
        match self.bits.get(i / 64) {
            Some(w) => w >> (i % 64) & 1 == 1,
            None => !self.other.is_empty() && self.other.contains(&r),
        }
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
    I: RawId,
{
    if by == MatchBy::Name {
        return Pairs::map(Matched::ByName, &by_name(base, target, &name));
    }
    // The ids both sides have, in order, and how many of them name the same thing.
    let mut common = Vec::with_capacity(base.len().min(target.len()));
    let mut same = 0;
    let (mut b, mut t) = (base.iter().peekable(), target.iter().peekable());
    while let (Some((bi, bv)), Some((ti, tv))) = (b.peek(), t.peek()) {
        match bi.cmp(ti) {
            std::cmp::Ordering::Less => {
                b.next();
            }
            std::cmp::Ordering::Greater => {
                t.next();
            }
            std::cmp::Ordering::Equal => {
                let (bn, tn) = (name(bv), name(tv));
                if bn == tn || bn.trim() == tn.trim() {
                    same += 1;
                }
                common.push(**bi);
                b.next();
                t.next();
            }
        }
    }
    if by == MatchBy::Auto && same * 2 < common.len() {
        let names = by_name(base, target, &name);
        if names.len() > same {
            return Pairs::map(Matched::ByName, &names);
        }
    }
    Pairs::same(common)
}

/// Pairs units with equal (trimmed) names; the k-th of a repeated name in the base pairs with the
/// k-th of it in the target, in id order.
fn by_name<I, V>(
    base: &BTreeMap<I, V>,
    target: &BTreeMap<I, V>,
    name: &impl Fn(&V) -> &String,
) -> Vec<(I, I)>
where
    I: RawId,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &[&str]) -> BTreeMap<PersonId, String> {
        raw.iter()
            .map(|s| {
                let id = match s.strip_prefix('p').and_then(|n| n.parse().ok()) {
                    Some(n) => PersonId(n),
                    None => PersonId::slug(s).unwrap(),
                };
                (id, s.to_string())
            })
            .collect()
    }

    fn walk(
        p: &Pairs<PersonId>,
        b: &BTreeMap<PersonId, String>,
        t: &BTreeMap<PersonId, String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        p.each(b, t, |pair| {
            out.push(match pair {
                Pair::Both(_, b, _, t) => format!("{b}={t}"),
                Pair::Added(_, t) => format!("+{t}"),
                Pair::Removed(_, b) => format!("-{b}"),
            })
        });
        out
    }

    #[test]
    fn ids_pair_with_themselves_numeric_slug_or_far_apart() {
        // Dense numbers, a number far beyond the bits, and slugs on both sides.
        let base = ids(&["p1", "p2", "p3", "p2000000000", "ana.silva", "bo"]);
        let target = ids(&["p2", "p3", "p4", "p2000000000", "bo", "cy"]);
        let p = pair(&base, &target, |v| v, MatchBy::Id);
        assert_eq!(p.how, Matched::ById);
        for (id, name) in &base {
            assert_eq!(
                p.target_of(*id).is_some(),
                target.contains_key(id),
                "{name}"
            );
        }
        for id in target.keys() {
            assert_eq!(p.base_of(*id).is_some(), base.contains_key(id));
        }
        assert_eq!(p.target_of(PersonId(1999999999)), None);
        assert_eq!(p.pairs().len(), 4);
        // The target's units in its order, then what only the base has.
        assert_eq!(
            walk(&p, &base, &target),
            [
                "p2=p2",
                "p3=p3",
                "+p4",
                "p2000000000=p2000000000",
                "bo=bo",
                "+cy",
                "-p1",
                "-ana.silva"
            ]
        );
    }

    #[test]
    fn names_pair_when_ids_do_not_correspond() {
        let base: BTreeMap<PersonId, String> = [
            (PersonId(1), "Ana".to_string()),
            (PersonId(2), "Bo".to_string()),
        ]
        .into();
        let target: BTreeMap<PersonId, String> = [
            (PersonId(1), "Bo".to_string()),
            (PersonId(7), "Ana".to_string()),
        ]
        .into();
        let p = pair(&base, &target, |v| v, MatchBy::Auto);
        assert_eq!(p.how, Matched::ByName);
        assert_eq!(p.target_of(PersonId(1)), Some(PersonId(7)));
        assert_eq!(p.base_of(PersonId(1)), Some(PersonId(2)));
        assert_eq!(walk(&p, &base, &target), ["Bo=Bo", "Ana=Ana"]);
    }
}
