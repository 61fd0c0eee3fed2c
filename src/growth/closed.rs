//! Closed forms of scale-free growth (rulebook §6.1 and §6.3): levels, groups per level, scaled
//! roles, all-to-all and hierarchical coordination paths, and the chart values the Growth view
//! plots, all computed from N and k without growing an org. They live here, next to the growth
//! they describe, so that statistics and the view use one definition of each.

use super::Policy;

/// Closed-form numbers of the canonical structure (rulebook §6.1) for `n` teams and fan-out `k`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Metrics {
    pub teams: u64,
    pub fanout: u64,
    /// L(N): the smallest L with k^L ≥ N.
    pub levels: u32,
    /// u_ℓ(N) for ℓ = 1..L.
    pub groups_per_level: Vec<u64>,
    /// U(N) = Σ u_ℓ: master seats, and as many CPO seats.
    pub scaled_roles: u64,
    /// S(N) = N + U - 1 Scaled Daily Scrum representative seats (0 for a lone team).
    pub sds_seats: u64,
    /// F(N) = N(N-1)/2.
    pub paths_all_to_all: u64,
}

/// All-to-all paths among `n` participants: n(n-1)/2.
pub fn all_to_all(n: u64) -> u64 {
    n.saturating_mul(n.saturating_sub(1)) / 2
}

/// L(N) with integers (floating point gets log_5(125) wrong).
pub fn levels(n: u64, k: u64) -> u32 {
    let (mut l, mut cap) = (0u32, 1u64);
    while cap < n {
        cap = cap.saturating_mul(k.max(2));
        l += 1;
    }
    l
}

/// The closed forms for `n` teams at fan-out `k`.
pub fn metrics(n: u64, k: u64) -> Metrics {
    let l = levels(n, k);
    let mut per_level = Vec::with_capacity(l as usize);
    let mut u = n;
    for _ in 0..l {
        u = u.div_ceil(k.max(2));
        per_level.push(u);
    }
    let scaled: u64 = per_level.iter().sum();
    Metrics {
        teams: n,
        fanout: k,
        levels: l,
        groups_per_level: per_level,
        scaled_roles: scaled,
        sds_seats: if n <= 1 { 0 } else { n + scaled - 1 },
        paths_all_to_all: all_to_all(n),
    }
}

/// Hierarchical coordination paths H(N) of the org grown from empty, exactly: Σ c(c-1)/2 over
/// the groups' member counts. At each level growth fills the newest group with room first. Under
/// `split` a new group takes one member of its full sibling, so until both are full again the
/// last two hold k-1 and k+1-d members (d = free places at that level); under `append` only the
/// newest group has room.
pub fn hierarchical_paths(n: u64, k: u64, policy: Policy) -> u64 {
    let k = k.max(2);
    let pairs = all_to_all;
    let mut units = n;
    let mut h = 0;
    while units > 1 {
        let groups = units.div_ceil(k);
        let deficit = groups * k - units;
        h += if groups == 1 {
            pairs(units)
        } else if policy == Policy::Split && deficit > 0 {
            (groups - 2) * pairs(k) + pairs(k - 1) + pairs(k + 1 - deficit)
        } else {
            (groups - 1) * pairs(k) + pairs(k - deficit)
        };
        units = groups;
    }
    h
}

/// The chart values at one N (closed forms, §6.1, and [`hierarchical_paths`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartPoint {
    pub teams: u64,
    /// L(N).
    pub levels: u32,
    /// H(N).
    pub paths_hierarchical: u64,
    /// F(N) = N(N-1)/2.
    pub paths_all_to_all: u64,
    /// U(N): Scrum of Scrums Master seats, and as many Chief Product Owner seats.
    pub roles: u64,
    /// People in the Scaled Daily Scrums of each level (level 1 first): N at level 1, then the
    /// number of groups one level down.
    pub sds_seats_per_level: Vec<u64>,
}

impl ChartPoint {
    pub fn at(n: u64, k: u64, policy: Policy) -> Self {
        let m = metrics(n, k);
        let mut sds = Vec::with_capacity(m.levels as usize);
        if m.levels > 0 {
            sds.push(n);
            sds.extend(m.groups_per_level.iter().take(m.levels as usize - 1));
        }
        ChartPoint {
            teams: n,
            levels: m.levels,
            paths_hierarchical: hierarchical_paths(n, k, policy),
            paths_all_to_all: m.paths_all_to_all,
            roles: m.scaled_roles,
            sds_seats_per_level: sds,
        }
    }

    /// Master plus CPO seats plus the EAT and the EMS (present once there are two teams).
    pub fn all_scaled_seats(&self) -> u64 {
        2 * self.roles + if self.teams >= 2 { 2 } else { 0 }
    }
}
