//! Scale-free growth against the rulebook's guarantees (§6): the grown orgs, their closed forms,
//! and runs that grow on step by step.

use orgscale::growth::{
    self, Growth, Params, Policy, all_to_all, grow, grow_from_empty, metrics, policy_for,
};
use orgscale::model::{Org, Unit};
use orgscale::rules::{Severity, validate};
use orgscale::stats::Stats;
use proptest::prelude::*;

fn groups_per_level(org: &Org) -> Vec<u64> {
    let s = org.structure();
    let mut v = vec![0u64; s.depth() as usize];
    for g in org.groups().keys() {
        v[s.level(*g) as usize - 1] += 1;
    }
    v
}

fn hierarchical_paths(org: &Org) -> u64 {
    let s = org.structure();
    org.groups()
        .keys()
        .map(|g| all_to_all(s.children(*g).len() as u64))
        .sum()
}

fn params(k: usize, policy: Policy) -> Params {
    Params {
        fanout: k,
        team_size: 5,
        policy,
    }
}

#[test]
fn worked_table_vectors_for_split_and_append() {
    // N, groups per level, U, S(N), F, H split, H append (rulebook §6.3).
    type Row<'a> = (usize, &'a [u64], u64, u64, u64, u64, u64);
    let table: [Row; 4] = [
        (2, &[1], 1, 2, 1, 1, 1),
        (6, &[2, 1], 3, 8, 15, 8, 11),
        (26, &[6, 2, 1], 9, 34, 325, 55, 61),
        (126, &[26, 6, 2, 1], 35, 160, 7875, 302, 311),
    ];
    for (n, per_level, u, s, f, h_split, h_append) in table {
        let m = metrics(n as u64, 5);
        assert_eq!(m.groups_per_level, per_level);
        assert_eq!(m.scaled_roles, u);
        assert_eq!(m.sds_seats, s);
        assert_eq!(m.paths_all_to_all, f);
        let split = grow_from_empty("s", n, params(5, Policy::Split))
            .unwrap()
            .org;
        assert_eq!(groups_per_level(&split), per_level, "split, N = {n}");
        assert_eq!(hierarchical_paths(&split), h_split, "split H, N = {n}");
        let append = grow_from_empty("a", n, params(5, Policy::Append))
            .unwrap()
            .org;
        assert_eq!(groups_per_level(&append), per_level, "append, N = {n}");
        assert_eq!(hierarchical_paths(&append), h_append, "append H, N = {n}");
        let stats = Stats::of(&split);
        assert_eq!(stats.paths_hierarchical, h_split);
        assert_eq!(stats.paths_all_to_all, f);
    }
}

#[test]
fn symmetric_growth_matches_the_worked_table_up_to_3125_teams() {
    for (n, u, h) in [(625u64, 156u64, 1560u64), (3125, 781, 7810)] {
        let org = grow_from_empty("g", n as usize, Params::default())
            .unwrap()
            .org;
        let stats = Stats::of(&org);
        assert_eq!(stats.sosm_filled as u64, u);
        assert_eq!(stats.paths_hierarchical, h);
        assert_eq!(stats.people as u64, n * 5);
        // Only the depth note (V21: more than 3 levels) remains.
        let findings = validate(&org);
        assert!(
            findings
                .iter()
                .all(|f| f.rule.0 == 21 && f.severity == Severity::Info),
            "{:?}",
            &findings[..findings.len().min(3)]
        );
    }
}

/// The CPOs of the groups at `levels` of an org, sorted.
fn cpos_at(org: &Org, levels: std::ops::RangeInclusive<u32>) -> Vec<orgscale::model::PersonId> {
    let s = org.structure();
    let mut v: Vec<_> = org
        .groups()
        .values()
        .filter(|g| levels.contains(&s.level(g.id)))
        .flat_map(|g| g.cpos.iter().map(|h| h.person))
        .collect();
    v.sort_unstable();
    v
}

/// With the default `ems_min_level` (auto) a grown org's EMS holds the CPOs of its top two
/// levels and its facilitator (the top CPO), not every CPO (rulebook §5, "EMS size at scale").
#[test]
fn a_grown_org_s_ems_holds_only_the_top_two_levels_cpos() {
    let n = 2_000;
    let org = grow_from_empty("g", n, Params::default()).unwrap().org;
    let s = org.structure();
    let levels = s.depth();
    assert_eq!(levels, 5, "2,000 teams in groups of 5");
    let top_two = cpos_at(&org, levels - 1..=levels);
    let every_cpo = cpos_at(&org, 1..=levels);
    assert_eq!(top_two.len(), 1 + 4, "the top group and its 4 members");
    assert!(every_cpo.len() > 400, "{} CPOs in all", every_cpo.len());
    let attendees: Vec<_> = org.ems().attendees.iter().copied().collect();
    assert_eq!(attendees, top_two);
    let top = org.groups()[&s.top_groups[0]].cpo();
    assert!(top.is_some() && org.ems().facilitator == top);
    assert!(attendees.contains(&top.unwrap()));
    let stats = Stats::of(&org);
    assert_eq!(stats.ems_attendees, 5);
    assert_eq!(stats.cpo_filled, every_cpo.len());
    let findings = validate(&org);
    assert!(
        findings.iter().all(|f| f.rule.0 != 15 && f.rule.0 != 16),
        "{:?}",
        findings
            .iter()
            .filter(|f| f.rule.0 == 15)
            .take(3)
            .collect::<Vec<_>>()
    );
    // Only notes remain (V21: more than 3 levels; V12: a group of 2 at level 4).
    assert!(
        findings.iter().all(|f| f.severity == Severity::Info),
        "{findings:?}"
    );

    // A run that grows on past a level staffs the EMS afresh: the old top two levels' CPOs
    // that are no longer at the top leave it.
    let mut run = Growth::from_empty("g", Params::default()).unwrap();
    run.grow_to(125).unwrap();
    assert_eq!(run.org().ems().attendees.len(), 6);
    run.grow_to(626).unwrap();
    let org = run.org();
    let levels = org.structure().depth();
    assert_eq!(levels, 5);
    let attendees: Vec<_> = org.ems().attendees.iter().copied().collect();
    assert_eq!(attendees, cpos_at(org, levels - 1..=levels));
}

/// An org that sets `ems_min_level` to a number keeps it: growth seats every CPO from that level
/// up; one group level staffs every SoS CPO and (with a single SoS) every team PO, as before.
#[test]
fn growth_follows_a_number_set_for_ems_min_level() {
    let mut start = Org::new("g");
    let mut rules = start.rules().clone();
    rules.overrides.ems_min_level = Some(1);
    orgscale::model::Command::SetRules(rules)
        .apply(&mut start)
        .unwrap();
    let org = grow(&start, 200, Params::default()).unwrap().org;
    let levels = org.structure().depth();
    assert_eq!(levels, 4);
    let attendees: Vec<_> = org.ems().attendees.iter().copied().collect();
    assert_eq!(attendees, cpos_at(&org, 1..=levels), "every CPO");
    assert_eq!(org.rules().overrides.ems_min_level, Some(1), "kept");
    assert!(validate(&org).iter().all(|f| f.rule.0 != 15));

    // One SoS: its CPO and every team PO attend.
    let one = grow_from_empty("g", 4, Params::default()).unwrap().org;
    assert_eq!(one.structure().depth(), 1);
    let mut expected: Vec<_> = one
        .teams()
        .values()
        .flat_map(|t| t.product_owners.iter().copied())
        .chain(cpos_at(&one, 1..=1))
        .collect();
    expected.sort_unstable();
    expected.dedup();
    let attendees: Vec<_> = one.ems().attendees.iter().copied().collect();
    assert_eq!(attendees, expected);
}

#[test]
fn growth_is_deterministic_and_rejects_bad_parameters() {
    let a = grow_from_empty("g", 333, Params::default()).unwrap();
    let b = grow_from_empty("g", 333, Params::default()).unwrap();
    assert_eq!(a.org, b.org);
    assert_eq!(a.commands, b.commands);
    assert!(grow_from_empty("g", 3, params(13, Policy::Split)).is_err());
    assert!(grow_from_empty("g", 3, params(1, Policy::Split)).is_err());
    let small = grow_from_empty("g", 10, Params::default()).unwrap().org;
    assert!(matches!(
        grow(&small, 4, Params::default()),
        Err(growth::GrowthError::AlreadyLarger { have: 10 })
    ));
}

#[test]
fn growing_an_existing_org_keeps_its_teams_and_applies_as_one_command() {
    let start = orgscale::io::json::from_str(
        std::path::Path::new("acme.json"),
        include_str!("../examples/acme.json"),
    )
    .unwrap();
    let grown = grow(&start, 40, Params::default()).unwrap();
    assert_eq!(grown.org.teams().len(), 40);
    for (id, t) in start.teams() {
        assert_eq!(
            grown.org.team(*id).map(|x| x.name.as_str()),
            Some(t.name.as_str())
        );
    }
    // The commands replay the growth exactly and undo as one step.
    let mut org = start.clone();
    let mut history = orgscale::model::History::new();
    history
        .apply(
            &mut org,
            orgscale::model::Command::Batch {
                label: "Grow to 40 teams".into(),
                commands: grown.commands.clone(),
            },
        )
        .unwrap();
    assert_eq!(org, grown.org);
    history.undo(&mut org);
    assert_eq!(org, start);
    assert!(
        validate(&grown.org)
            .iter()
            .all(|f| f.severity != Severity::Error),
        "no error findings"
    );
}

/// The closed form H(N) is the hierarchical paths of the org growth builds, at every fan-out.
#[test]
fn hierarchical_paths_match_grown_orgs() {
    for k in growth::fanouts() {
        let params = Params {
            fanout: k,
            team_size: 3,
            policy: policy_for(k),
        };
        let limit = if k <= 3 { 90 } else { 140 };
        for n in 1..=limit {
            let g = grow_from_empty("g", n, params).unwrap();
            assert_eq!(
                growth::hierarchical_paths(n as u64, k as u64, params.policy),
                Stats::of(&g.org).paths_hierarchical,
                "k = {k}, N = {n}"
            );
        }
    }
    // The rulebook's vectors (§6.3).
    assert_eq!(growth::hierarchical_paths(6, 5, Policy::Split), 8);
    assert_eq!(growth::hierarchical_paths(6, 5, Policy::Append), 11);
    assert_eq!(growth::hierarchical_paths(126, 5, Policy::Split), 302);
    assert_eq!(growth::hierarchical_paths(126, 5, Policy::Append), 311);
    assert_eq!(growth::hierarchical_paths(3125, 5, Policy::Split), 7810);
}

/// A run that grows on one team at a time gives, at every size, exactly what growing there in
/// one go gives: the same org, the same commands, the same moves.
#[test]
fn a_resumed_run_grows_the_same_org_as_growing_from_the_start() {
    for (k, upto) in [(5, 160), (2, 70), (3, 90), (12, 60)] {
        let p = params(k, policy_for(k));
        let mut run = Growth::from_empty("g", p).unwrap();
        for n in 1..=upto {
            run.grow_to(n).unwrap();
            let resumed = run.grown();
            let fresh = grow_from_empty("g", n, p).unwrap();
            assert_eq!(resumed.org, fresh.org, "k = {k}, N = {n}");
            assert_eq!(resumed.commands, fresh.commands, "k = {k}, N = {n}");
            assert_eq!(resumed.moves, fresh.moves, "k = {k}, N = {n}");
            assert_eq!(run.org(), &fresh.org, "k = {k}, N = {n}");
        }
    }
    // Larger steps, and from an existing design.
    let start = orgscale::io::json::from_str(
        std::path::Path::new("acme.json"),
        include_str!("../examples/acme.json"),
    )
    .unwrap();
    let mut run = Growth::new(&start, Params::default()).unwrap();
    for n in [start.teams().len(), 20, 21, 57, 400] {
        run.grow_to(n).unwrap();
        let fresh = grow(&start, n, Params::default()).unwrap();
        assert_eq!(run.grown().org, fresh.org, "N = {n}");
        assert_eq!(run.grown().commands, fresh.commands, "N = {n}");
    }
    // A run never shrinks; the same errors as growing in one go.
    assert_eq!(
        run.grow_to(399),
        Err(growth::GrowthError::AlreadyLarger { have: 400 })
    );
    assert!(matches!(
        run.grow_to(100_001),
        Err(growth::GrowthError::TooMany(100_001))
    ));
    assert_eq!(run.teams(), 400);
    assert!(Growth::from_empty("g", params(13, Policy::Split)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn guarantees_hold_for_random_sizes(k in 3..=*growth::fanouts().end(), n in 1usize..1500) {
        let grown = grow_from_empty("p", n, params(k, Policy::Split)).unwrap();
        let org = &grown.org;
        let s = org.structure();
        let m = metrics(n as u64, k as u64);
        prop_assert_eq!(s.depth(), m.levels, "depth is L(N)");
        prop_assert_eq!(groups_per_level(org), m.groups_per_level.clone());
        for g in org.groups().keys() {
            let c = s.children(*g).len();
            prop_assert!((2..=k).contains(&c), "group with {} members (k = {})", c, k);
        }
        for t in org.teams().keys() {
            prop_assert_eq!(org.ancestors(Unit::Team(*t)).len() as u32, m.levels, "every team at depth L");
        }
        // At most one existing team or group moves per newly opened group.
        prop_assert!(grown.moves <= org.groups().len());
        prop_assert!(validate(org).iter().all(|f| f.severity != Severity::Error));
        // Within the profile's 4-5 band there are no warnings either; a larger fan-out makes
        // every full group a V6/V12 warning by design.
        if k <= 5 {
            prop_assert!(validate(org).iter().all(|f| f.severity == Severity::Info), "no warnings either");
        }
    }

    #[test]
    fn append_policy_works_for_fanout_two(n in 1usize..300) {
        let org = grow_from_empty("p", n, params(2, Policy::Append)).unwrap().org;
        let m = metrics(n as u64, 2);
        prop_assert_eq!(org.structure().depth(), m.levels);
        prop_assert_eq!(groups_per_level(&org), m.groups_per_level);
        prop_assert!(validate(&org).iter().all(|f| f.severity != Severity::Error));
    }
}

/// Whether the segment a-b passes through the inside of the rectangle (Liang-Barsky clipping).
fn segment_crosses(a: (f32, f32), b: (f32, f32), r: &orgscale::layout::Rect) -> bool {
    let inset = 0.5;
    let (x0, x1, y0, y1) = (
        r.x + inset,
        r.right() - inset,
        r.y + inset,
        r.bottom() - inset,
    );
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// The Growth view draws grown orgs in the fractal layout: no link between groups and teams may
/// run through the EAT or EMS box, at any size the user can grow to.
#[test]
fn links_of_grown_orgs_never_cross_the_eat_and_ems() {
    use orgscale::layout::{Node, fractal};
    let sizes: Vec<usize> = (2..=64)
        .chain([75, 100, 125, 126, 200, 300, 625, 626, 1000, 2000])
        .collect();
    for k in growth::fanouts() {
        let policy = policy_for(k);
        for &n in &sizes {
            if k <= 3 && n > 1000 {
                continue;
            }
            let org = grow_from_empty("g", n, params(k, policy)).unwrap().org;
            let l = fractal(&org);
            let bodies: Vec<_> = [Node::Eat, Node::Ems]
                .iter()
                .filter_map(|b| l.rect(*b))
                .collect();
            assert_eq!(bodies.len(), 2, "k = {k}, N = {n}: EAT and EMS are drawn");
            for e in &l.edges {
                if matches!(e.from, Node::Eat | Node::Ems) || matches!(e.to, Node::Eat | Node::Ems)
                {
                    continue;
                }
                let a = l.rect(e.from).unwrap().center();
                let b = l.rect(e.to).unwrap().center();
                for r in &bodies {
                    assert!(
                        !segment_crosses(a, b, r),
                        "k = {k}, N = {n}: {e:?} crosses {r:?}"
                    );
                }
            }
        }
    }
}
