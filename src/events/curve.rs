//! What meetings cost as an org grows: the org grown scale-free from one team (rulebook §6) and,
//! at team counts spaced evenly on a log scale up to the target, every role's average hours of
//! events per Sprint and the slowest escalation to the EAT, derived from the grown org itself.
//! The Growth view charts it to show the scale-free design keep each person's load flat while
//! N grows.

use super::{RoleKind, derive, metrics};
use crate::growth::{Growth, GrowthError, Params};

/// The meeting figures of the org grown to `teams`.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    pub teams: usize,
    pub levels: u32,
    /// Average hours of events per Sprint of the people in each role (roles nobody holds at
    /// this size are left out).
    pub hours: Vec<(RoleKind, f64)>,
    /// The slowest team's escalation to the EAT, in minutes of working time.
    pub max_latency: Option<u32>,
}

/// Team counts for the curve: 1, 2, 5, 10, 20, 50, … up to `upto`, which is always last.
pub fn sample_teams(upto: usize) -> Vec<usize> {
    let mut ns = Vec::new();
    let mut decade = 1;
    'out: loop {
        for m in [1, 2, 5] {
            let n = m * decade;
            if n >= upto {
                break 'out;
            }
            ns.push(n);
        }
        decade *= 10;
    }
    ns.push(upto.max(1));
    ns
}

/// Grow from nothing to `upto` teams and measure the meetings at each sampled size.
pub fn curve(upto: usize, params: Params) -> Result<Vec<CurvePoint>, GrowthError> {
    let mut run = Growth::from_empty("Grown organisation", params)?;
    let mut out = Vec::new();
    for n in sample_teams(upto) {
        run.grow_to(n)?;
        let org = run.org();
        let s = org.structure();
        let cal = derive(org, &s);
        let m = metrics(org, &s, &cal);
        out.push(CurvePoint {
            teams: n,
            levels: s.depth(),
            hours: m
                .by_role
                .iter()
                .filter(|(_, _, people)| *people > 0)
                .map(|(r, minutes, _)| (*r, minutes / 60.0))
                .collect(),
            max_latency: m.max_latency().map(|l| l.minutes),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sizes_are_spaced_on_a_log_scale_and_end_at_the_target() {
        assert_eq!(sample_teams(1), [1]);
        assert_eq!(sample_teams(30), [1, 2, 5, 10, 20, 30]);
        assert_eq!(sample_teams(100), [1, 2, 5, 10, 20, 50, 100]);
    }

    /// The scale-free promise: a Developer's meetings do not grow with the org, and the slowest
    /// escalation grows by one cascade step per level, not with N.
    #[test]
    fn a_developers_hours_stay_flat_as_the_org_grows() {
        let points = curve(600, Params::default()).unwrap();
        let dev: Vec<f64> = points
            .iter()
            .filter_map(|p| p.hours.iter().find(|(r, _)| *r == RoleKind::Developer))
            .map(|(_, h)| *h)
            .collect();
        assert!(dev.len() >= 5);
        assert!(
            dev.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-9),
            "{dev:?}"
        );
        for p in points.iter().filter(|p| p.levels > 0) {
            assert_eq!(p.max_latency, Some(20 * (p.levels + 1)), "{p:?}");
        }
    }
}
