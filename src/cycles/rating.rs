//! Ratings of a round summarised for a scope: each component's median and spread over the
//! raters, and what rose and fell between two rounds.

use super::{Component, Scope};
use crate::model::{GroupId, Org, Rating, Round, Score, Structure, Unit};

/// The ratings of one component in one scope of a round.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub component: Component,
    /// The ratings it is made of, in the round's order (by rater).
    pub ratings: Vec<Rating>,
    /// The median over the ratings (halves when their number is even).
    pub median: f32,
    pub min: u8,
    pub max: u8,
    /// When the scope itself has no rating of the component: how many groups inside it the
    /// ratings were pooled from (0 when they are the scope's own).
    pub pooled_from: usize,
    /// The org's ratings, standing for the org's only top group (which holds all of it).
    pub org_wide: bool,
}

impl Summary {
    /// Highest minus lowest rating.
    pub fn spread(&self) -> u8 {
        self.max - self.min
    }

    /// The median as it is said: "3", "2.5".
    pub fn median_text(&self) -> String {
        number(self.median)
    }

    /// "3 established (median of 3 ratings, spread 2: 2–4)", "2 developing (1 rating by Ana)".
    pub fn words(&self) -> String {
        let n = self.ratings.len();
        let basis = if n == 1 {
            format!("1 rating by {}", self.ratings[0].rater)
        } else if self.spread() == 0 {
            format!("{n} ratings, all {}", self.min)
        } else {
            format!(
                "median of {n} ratings, spread {}: {}–{}",
                self.spread(),
                self.min,
                self.max
            )
        };
        let pooled = match self.pooled_from {
            0 if self.org_wide => ", the whole org's ratings".to_string(),
            0 => String::new(),
            1 => ", from 1 group inside".to_string(),
            k => format!(", pooled from {k} groups inside"),
        };
        format!(
            "{} {} ({basis}{pooled})",
            self.median_text(),
            Score::word(self.median.floor() as u8)
        )
    }
}

/// "3", "2.5", "-0.5".
pub fn number(v: f32) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i32)
    } else {
        format!("{v:.1}")
    }
}

/// The median of some ratings (`None` for none).
pub fn median(values: &mut [u8]) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        f32::from(values[n / 2])
    } else {
        (f32::from(values[n / 2 - 1]) + f32::from(values[n / 2])) / 2.0
    })
}

/// Where a scope's ratings come from, worked out once for all components.
struct Sources {
    /// The scope's own ratings are those of this group (`None`: the org's).
    own: Option<GroupId>,
    /// The org's only top group, which holds all of it, takes the org's when it has none.
    org_stands_in: bool,
    /// Whose ratings are pooled when the scope has none: the groups below a group (`None`:
    /// every group, for the org).
    inside: Option<rustc_hash::FxHashSet<GroupId>>,
}

impl Sources {
    fn of(s: &Structure, scope: Scope) -> Sources {
        match scope {
            Scope::Org => Sources {
                own: None,
                org_stands_in: false,
                inside: None,
            },
            Scope::Group(g) => Sources {
                own: Some(g),
                org_stands_in: s.top_groups.as_slice() == [g],
                inside: Some(s.groups_below(g).into_iter().collect()),
            },
        }
    }

    /// A component's ratings: the scope's own, else the org's standing in, else the groups'
    /// inside, pooled.
    fn summarise(&self, round: &Round, c: Component) -> Option<Summary> {
        let of = |group: Option<GroupId>| -> Vec<Rating> {
            round
                .ratings
                .iter()
                .filter(|r| r.component == c && r.group == group)
                .cloned()
                .collect()
        };
        let mut ratings = of(self.own);
        let mut org_wide = false;
        if ratings.is_empty() && self.org_stands_in {
            ratings = of(None);
            org_wide = !ratings.is_empty();
        }
        let mut pooled_from = 0;
        if ratings.is_empty() {
            ratings = round
                .ratings
                .iter()
                .filter(|r| r.component == c)
                .filter(|r| match (&self.inside, r.group) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(inside), Some(g)) => inside.contains(&g),
                })
                .cloned()
                .collect();
            let mut groups: Vec<GroupId> = ratings.iter().filter_map(|r| r.group).collect();
            groups.sort_unstable();
            groups.dedup();
            pooled_from = groups.len();
        }
        let mut values: Vec<u8> = ratings.iter().map(|r| r.rating.value()).collect();
        let median = median(&mut values)?;
        Some(Summary {
            component: c,
            median,
            min: values[0],
            max: values[values.len() - 1],
            ratings,
            pooled_from,
            org_wide,
        })
    }
}

/// A component's ratings in a scope: the scope's own (the org's are those with no group; the
/// org's only top group, which holds all of it, takes the org's when it has none of its own),
/// or when it has none, those of the groups inside it, pooled.
pub fn summarise(round: &Round, s: &Structure, c: Component, scope: Scope) -> Option<Summary> {
    Sources::of(s, scope).summarise(round, c)
}

/// Every component's summary in a scope, in [`Component::ALL`] order.
pub fn summaries(round: &Round, s: &Structure, scope: Scope) -> Vec<Option<Summary>> {
    Rated::of(s, scope, Some(round), None)
        .summaries
        .unwrap_or_default()
}

/// A round's ratings of every component in a scope, and how each moved since an earlier round:
/// what the report, the exports and the view say of the ratings, worked out once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rated {
    /// Each component's ratings ([`Component::ALL`] order), when a round is shown.
    pub summaries: Option<Vec<Option<Summary>>>,
    /// Each component's move since the earlier round, when one is compared.
    pub shifts: Option<Vec<Shift>>,
    /// The earlier round's name.
    pub earlier: Option<String>,
}

impl Rated {
    pub fn of(
        s: &Structure,
        scope: Scope,
        round: Option<&Round>,
        earlier: Option<&Round>,
    ) -> Rated {
        let sources = Sources::of(s, scope);
        Rated {
            summaries: round.map(|r| {
                Component::ALL
                    .into_iter()
                    .map(|c| sources.summarise(r, c))
                    .collect()
            }),
            shifts: round.zip(earlier).map(|(r, e)| {
                Component::ALL
                    .into_iter()
                    .map(|c| Shift {
                        component: c,
                        before: sources.summarise(e, c).map(|x| x.median),
                        after: sources.summarise(r, c).map(|x| x.median),
                    })
                    .collect()
            }),
            earlier: earlier.map(|e| e.name.clone()),
        }
    }

    /// A component's ratings, if a round is shown and they rated it.
    pub fn summary(&self, c: Component) -> Option<&Summary> {
        self.summaries.as_ref()?[c.index()].as_ref()
    }

    /// A component's move since the earlier round, if one is compared.
    pub fn shift(&self, c: Component) -> Option<Shift> {
        Some(self.shifts.as_ref()?[c.index()])
    }

    /// What is said of a component's ratings, beside what the structure shows (`evidence`):
    /// "rated 3 established (median of 3 ratings, spread 1: 2–3); the structure shows 1 SoS
    /// lacks a SoSM; since Q3: rose from 2 to 3", or "not rated; …". None without a round.
    pub fn line(&self, c: Component, evidence: &str) -> Option<String> {
        self.summaries.as_ref()?;
        let mut line = match self.summary(c) {
            Some(x) => format!("rated {}", x.words()),
            None => "not rated".to_string(),
        };
        if !evidence.is_empty() {
            line.push_str(&format!("; the structure shows {evidence}"));
        }
        if let (Some(shift), Some(e)) = (self.shift(c), &self.earlier) {
            line.push_str(&format!("; since {e}: {}", shift.words(e)));
        }
        Some(line)
    }
}

/// One rater's rating in words: "Lena Fischer (Fulfilment): 2 (Returns holds back each
/// release)".
pub fn rater_line(org: &Org, r: &Rating) -> String {
    let of = r.group.map_or_else(String::new, |g| {
        format!(" ({})", org.unit_name(Unit::Group(g)))
    });
    if r.note.is_empty() {
        format!("{}{of}: {}", r.rater, r.rating.value())
    } else {
        format!("{}{of}: {} ({})", r.rater, r.rating.value(), r.note)
    }
}

/// How a component's median moved from one round to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shift {
    pub component: Component,
    pub before: Option<f32>,
    pub after: Option<f32>,
}

/// Which way a component moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Rose,
    Fell,
    Same,
    /// Rated in the later round only.
    New,
    /// Rated in the earlier round only.
    Dropped,
    Unrated,
}

impl Shift {
    pub fn delta(&self) -> Option<f32> {
        Some(self.after? - self.before?)
    }

    pub fn direction(&self) -> Direction {
        match (self.before, self.after) {
            (Some(b), Some(a)) if a > b => Direction::Rose,
            (Some(b), Some(a)) if a < b => Direction::Fell,
            (Some(_), Some(_)) => Direction::Same,
            (None, Some(_)) => Direction::New,
            (Some(_), None) => Direction::Dropped,
            (None, None) => Direction::Unrated,
        }
    }

    /// "rose from 2 to 3", "fell from 3 to 1.5", "same 2", "newly rated (not rated in Q3)",
    /// "not rated in this round (2 in Q3)", against the `earlier` round (no arrows: the exports'
    /// font has none).
    pub fn words(&self, earlier: &str) -> String {
        let n = |v: Option<f32>| v.map_or_else(String::new, number);
        match self.direction() {
            Direction::Rose => format!("rose from {} to {}", n(self.before), n(self.after)),
            Direction::Fell => format!("fell from {} to {}", n(self.before), n(self.after)),
            Direction::Same => format!("same {}", n(self.after)),
            Direction::New => format!("newly rated (not rated in {earlier})"),
            Direction::Dropped => {
                format!("not rated in this round ({} in {earlier})", n(self.before))
            }
            Direction::Unrated => format!("not rated here or in {earlier}"),
        }
    }
}

/// What rose and fell from round `a` to round `b` in a scope, for every component.
pub fn compare(s: &Structure, a: &Round, b: &Round, scope: Scope) -> Vec<Shift> {
    Rated::of(s, scope, Some(b), Some(a))
        .shifts
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_take_the_middle_or_the_mean_of_the_two() {
        assert_eq!(median(&mut [3, 1, 4]), Some(3.0));
        assert_eq!(median(&mut [2, 3]), Some(2.5));
        assert_eq!(median(&mut []), None);
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(3.0), "3");
    }

    #[test]
    fn a_shift_says_which_round_lacks_the_rating() {
        let shift = |before, after| Shift {
            component: Component::Delivery,
            before,
            after,
        };
        assert_eq!(shift(Some(2.0), Some(3.0)).words("Q3"), "rose from 2 to 3");
        assert_eq!(
            shift(Some(3.0), Some(1.5)).words("Q3"),
            "fell from 3 to 1.5"
        );
        assert_eq!(shift(Some(2.0), Some(2.0)).words("Q3"), "same 2");
        assert_eq!(
            shift(None, Some(2.0)).words("Q3"),
            "newly rated (not rated in Q3)"
        );
        assert_eq!(
            shift(Some(2.0), None).words("Q3"),
            "not rated in this round (2 in Q3)"
        );
    }
}
