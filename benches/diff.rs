//! Comparing two designs (issue 11). Run with `cargo bench --bench diff`.
//!
//! - `diff/10000_teams/diff_and_impact`: `diff::diff` of a 10,000-team org and a copy after 500
//!   random edits (matching, every change, impact with both sides validated): target <= 100 ms
//! - `diff/10000_teams/plan`: the transition plan of the same pair (`diff::plan_for`) and its
//!   run (`Plan::run`: every step applied to a copy of the base, findings after the wave)
//! - `diff/100000_teams/diff_and_impact`: the same at 100,000 teams after 5,000 edits (the same
//!   share of the org): target <= 1 s
//!
//! The edits are model commands drawn from a fixed pseudo-random sequence (SplitMix64, seed
//! below), so every run compares the same two orgs: team, group and person renames, team moves
//! between Scrums of Scrums, Developer seats added and removed, new teams of new people, removed
//! teams, and SoSM / CPO changes. Each edit is checked to apply.

use std::cell::OnceCell;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use orgscale::diff::{self, MatchBy, Matching};
use orgscale::model::{
    Command, GroupId, Org, Person, PersonId, ScaledRole, Team, TeamId, TeamRole,
};
use orgscale::rules::validate;
use orgscale::stats::Stats;

/// SplitMix64: a small deterministic generator, so the benchmark needs no RNG crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What the edits did, to check the mix.
#[derive(Debug, Default)]
struct Mix {
    renames: usize,
    moves: usize,
    seats_added: usize,
    seats_removed: usize,
    teams_added: usize,
    teams_removed: usize,
    role_changes: usize,
}

/// `base` after `n` random edits, each one command (a new team is one batch with its people).
fn edited(base: &Org, n: usize, seed: u64) -> (Org, Mix) {
    let mut org = base.clone();
    let mut rng = Rng(seed);
    let mut mix = Mix::default();
    // Candidates kept alongside the org, so that drawing one costs nothing at 100,000 teams.
    let mut teams: Vec<TeamId> = org.teams().keys().copied().collect();
    let mut people: Vec<PersonId> = org.people().keys().copied().collect();
    let groups: Vec<GroupId> = org.groups().keys().copied().collect();
    let sos: Vec<GroupId> = {
        let mut v: Vec<GroupId> = org.teams().values().filter_map(|t| t.group).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut done = 0;
    while done < n {
        let i = done;
        let cmd = match rng.below(10) {
            0 => {
                let t = teams[rng.below(teams.len())];
                mix.renames += 1;
                Command::RenameTeam {
                    team: t,
                    name: format!("{} (renamed {i})", org.team(t).unwrap().name),
                }
            }
            1 => {
                let g = groups[rng.below(groups.len())];
                mix.renames += 1;
                Command::RenameGroup {
                    group: g,
                    name: format!("{} (renamed {i})", org.group(g).unwrap().name),
                }
            }
            2 => {
                let p = people[rng.below(people.len())];
                mix.renames += 1;
                Command::RenamePerson {
                    person: p,
                    name: format!("{} (renamed {i})", org.person(p).unwrap().name),
                }
            }
            3 | 4 => {
                let t = teams[rng.below(teams.len())];
                let to = sos[rng.below(sos.len())];
                if org.team(t).unwrap().group == Some(to) {
                    continue;
                }
                mix.moves += 1;
                Command::move_team(t, Some(to))
            }
            5 => {
                let t = teams[rng.below(teams.len())];
                let p = people[rng.below(people.len())];
                if org.team(t).unwrap().has_member(p) {
                    continue;
                }
                mix.seats_added += 1;
                Command::AddSeat {
                    team: t,
                    person: p,
                    role: TeamRole::Developer,
                }
            }
            6 => {
                let t = teams[rng.below(teams.len())];
                let devs = &org.team(t).unwrap().developers;
                let Some(&p) = devs.iter().nth(rng.below(devs.len().max(1))) else {
                    continue;
                };
                mix.seats_removed += 1;
                Command::RemoveSeat {
                    team: t,
                    person: p,
                    role: TeamRole::Developer,
                }
            }
            7 => {
                let id = org.next_team_id();
                let mut team = Team::new(id, format!("New team {i}"));
                team.group = Some(sos[rng.below(sos.len())]);
                let mut commands = Vec::new();
                let mut p = org.next_person_id();
                for k in 0..6 {
                    commands.push(Command::AddPerson(Person {
                        id: p,
                        name: format!("New person {i}.{k}"),
                        email: None,
                    }));
                    match k {
                        0 => team.product_owners.insert(p),
                        1 => team.scrum_masters.insert(p),
                        _ => team.developers.insert(p),
                    };
                    people.push(p);
                    p = p.next();
                }
                commands.push(Command::AddTeam(team));
                teams.push(id);
                mix.teams_added += 1;
                Command::Batch {
                    label: format!("New team {i}"),
                    commands,
                }
            }
            8 => {
                let k = rng.below(teams.len());
                let t = teams.swap_remove(k);
                mix.teams_removed += 1;
                Command::RemoveTeam(t)
            }
            _ => {
                // A new SoSM or CPO for a team's group, taken from that team.
                let team = org.team(teams[rng.below(teams.len())]).unwrap();
                let Some(g) = team.group else { continue };
                let (role, seats) = if rng.below(2) == 0 {
                    (ScaledRole::Master, &team.scrum_masters)
                } else {
                    (ScaledRole::ChiefProductOwner, &team.product_owners)
                };
                let Some(&p) = seats.iter().next() else {
                    continue;
                };
                if org
                    .group(g)
                    .unwrap()
                    .holders(role)
                    .iter()
                    .any(|h| h.person == p)
                {
                    continue;
                }
                mix.role_changes += 1;
                Command::assign(g, role, p, false)
            }
        };
        if let Err(e) = cmd.apply(&mut org) {
            panic!("edit {i} ({cmd:?}) was refused: {e}");
        }
        done += 1;
    }
    (org, mix)
}

fn pair(teams: usize, edits: usize) -> (Org, Org) {
    let base = orgscale::sample::balanced("Big", teams, 5, 7);
    let (target, mix) = edited(&base, edits, 0x0005_ca1e + teams as u64);
    let changes = diff::diff(&base, &target);
    println!(
        "{teams} teams, {edits} edits ({mix:?}): {} changes, {} findings added, {} resolved; {}",
        changes.changes.len(),
        changes.impact.findings_added.len(),
        changes.impact.findings_resolved.len(),
        changes.headline(),
    );
    (base, target)
}

/// Both orgs and their comparison, built only when a benchmark that needs them runs (so that a
/// filtered run, or a profile of one benchmark, does not build the 100,000-team pair).
struct Fixture {
    base: Org,
    target: Org,
    changes: diff::Changes,
}

fn fixture(teams: usize, edits: usize) -> Fixture {
    let (base, target) = pair(teams, edits);
    let changes = diff::diff(&base, &target);
    assert!(!changes.is_empty());
    Fixture {
        base,
        target,
        changes,
    }
}

fn diff_10k(c: &mut Criterion) {
    let data = OnceCell::new();
    let get = || {
        data.get_or_init(|| {
            let f = fixture(10_000, 500);
            // The plan really turns the base into the target (checked once, outside the timing).
            let plan = diff::plan_for(&f.base, &f.target, &f.changes);
            let (outcomes, result) = plan.run(&f.base);
            assert!(outcomes.iter().all(|o| o.refused.is_empty()));
            assert!(diff::diff(&result, &f.target).is_empty());
            f
        })
    };
    let mut g = c.benchmark_group("diff/10000_teams");
    g.sample_size(20);
    g.bench_function("diff_and_impact", |b| {
        let f = get();
        b.iter(|| black_box(diff::diff(black_box(&f.base), black_box(&f.target))))
    });
    // The parts of `diff::diff` that are public, measured alone: the rest of its time is
    // collecting the changes and the team stability.
    g.bench_function("part/matching", |b| {
        let f = get();
        b.iter(|| black_box(Matching::of(&f.base, &f.target, MatchBy::Auto)))
    });
    g.bench_function("part/validate_both", |b| {
        let f = get();
        b.iter(|| black_box((validate(&f.base), validate(&f.target))))
    });
    g.bench_function("part/stats_both", |b| {
        let f = get();
        b.iter(|| black_box((Stats::of(&f.base), Stats::of(&f.target))))
    });
    g.bench_function("plan", |b| {
        let f = get();
        b.iter(|| {
            let plan = diff::plan_for(&f.base, &f.target, black_box(&f.changes));
            black_box(plan.run(&f.base))
        })
    });
    g.finish();
}

fn diff_100k(c: &mut Criterion) {
    let data = OnceCell::new();
    let mut g = c.benchmark_group("diff/100000_teams");
    g.sample_size(10);
    g.bench_function("diff_and_impact", |b| {
        let f = data.get_or_init(|| fixture(100_000, 5_000));
        b.iter(|| black_box(diff::diff(black_box(&f.base), black_box(&f.target))))
    });
    g.finish();
}

criterion_group!(benches, diff_10k, diff_100k);
criterion_main!(benches);
