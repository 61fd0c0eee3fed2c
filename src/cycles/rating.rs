//! Ratings of a round summarised for a scope: each component's median and spread over the
//! raters, and what rose and fell between two rounds.

use super::{Component, Scope};
use crate::model::{GroupId, Rating, Round, Score, Structure};

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

    /// How many people rated it.
    pub fn raters(&self) -> usize {
        let mut names: Vec<&str> = self.ratings.iter().map(|r| r.rater.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }

    /// "3 established (median of 3 raters, spread 2: 2-4)", "2 developing (1 rater)".
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

/// The groups whose ratings count for a scope when it has none of its own: every group for the
/// org, the groups below a group.
fn pool(s: &Structure, scope: Scope) -> Option<Vec<GroupId>> {
    match scope {
        Scope::Org => None,
        Scope::Group(g) => Some(s.groups_below(g)),
    }
}

/// A component's ratings in a scope: the scope's own (the org's are those with no group; the
/// org's only top group, which holds all of it, takes the org's when it has none of its own),
/// or when it has none, those of the groups inside it, pooled.
pub fn summarise(round: &Round, s: &Structure, c: Component, scope: Scope) -> Option<Summary> {
    let own = match scope {
        Scope::Org => None,
        Scope::Group(g) => Some(g),
    };
    let of = |group: Option<GroupId>| -> Vec<Rating> {
        round
            .ratings
            .iter()
            .filter(|r| r.component == c && r.group == group)
            .cloned()
            .collect()
    };
    let mut ratings = of(own);
    let mut org_wide = false;
    if ratings.is_empty()
        && let Some(g) = own
        && s.top_groups.as_slice() == [g]
    {
        ratings = of(None);
        org_wide = !ratings.is_empty();
    }
    let mut pooled_from = 0;
    if ratings.is_empty() {
        let inside = pool(s, scope);
        ratings = round
            .ratings
            .iter()
            .filter(|r| r.component == c)
            .filter(|r| match (&inside, r.group) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(v), Some(g)) => v.contains(&g),
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

/// Every component's summary in a scope, in [`Component::ALL`] order.
pub fn summaries(round: &Round, s: &Structure, scope: Scope) -> Vec<Option<Summary>> {
    Component::ALL
        .into_iter()
        .map(|c| summarise(round, s, c, scope))
        .collect()
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
    Component::ALL
        .into_iter()
        .map(|c| Shift {
            component: c,
            before: summarise(a, s, c, scope).map(|x| x.median),
            after: summarise(b, s, c, scope).map(|x| x.median),
        })
        .collect()
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
