//! The two cycles' speed targets (issue 13). Run with `cargo bench --bench cycles`.
//!
//! - `cycles/10000_teams/model`: the 12 components with carriers and coverage for the whole org
//!   of 10,000 teams (~70,000 people), from its findings: <= 20 ms. `model_one_sos` is the same
//!   for one Scrum of Scrums of it (the view scoped to a group).
//! - `cycles/10000_teams/round_summaries`: a rating round's medians and spreads for the org, for
//!   a round of 5 raters who rated the org and each of its ~100 top groups (~6,000 ratings), and
//!   `compare_rounds` two such rounds compared.
//! - `cycles/figure/*`: the figure laid out (shapes and every line of text fitted in the bundled
//!   font's metrics), by coverage and by rating: what the view redraws when something it shows
//!   changes.
//! - `cycles/export/*`: the figure as SVG, and as the PDF (figure and components in words).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use orgscale::cycles::{Scope, cycles, rating};
use orgscale::export::cycles::{Colouring, Shown};
use orgscale::model::{Assessment, Component, Org, Round, Score};
use orgscale::rules::validate;

/// A round in which 5 raters rate every component for the org and for each of its top groups.
fn round(org: &Org, name: &str, shift: u8) -> Round {
    let s = org.structure();
    let mut r = Round::new(name, "2027-01-15".parse().unwrap());
    let mut targets = vec![None];
    // The top four levels of groups: about a hundred in an org of 10,000 teams.
    let depth = s.depth();
    targets.extend(
        org.groups()
            .keys()
            .filter(|g| s.level(**g) + 3 >= depth)
            .map(|g| Some(*g)),
    );
    for (i, rater) in ["Ana", "Bo", "Chen", "Dana", "Eli"].into_iter().enumerate() {
        for g in &targets {
            for c in Component::ALL {
                let v = ((i as u8 + c.index() as u8 + shift) % 5).min(4);
                r.set(rater, c, *g, Some((Score::new(v).unwrap(), String::new())));
            }
        }
    }
    r
}

fn bench(c: &mut Criterion) {
    let org = orgscale::sample::balanced("Bench 10k", 10_000, 5, 7);
    assert_eq!(org.teams().len(), 10_000);
    let s = org.structure();
    let findings = validate(&org);
    let mut g = c.benchmark_group("cycles");
    g.sample_size(20);
    g.bench_function("10000_teams/model", |b| {
        b.iter(|| black_box(cycles(black_box(&org), &s, &findings, Scope::Org)))
    });
    let sos = *org
        .groups()
        .keys()
        .find(|g| s.level(**g) == 1)
        .expect("a SoS");
    g.bench_function("10000_teams/model_one_sos", |b| {
        b.iter(|| black_box(cycles(black_box(&org), &s, &findings, Scope::Group(sos))))
    });
    let (q1, q2) = (round(&org, "Q1", 0), round(&org, "Q2", 1));
    assert!(q1.ratings.len() >= 5 * 12 * 50, "{}", q1.ratings.len());
    g.bench_function("10000_teams/round_summaries", |b| {
        b.iter(|| black_box(rating::summaries(black_box(&q1), &s, Scope::Org)))
    });
    g.bench_function("10000_teams/compare_rounds", |b| {
        b.iter(|| black_box(rating::compare(&s, black_box(&q1), &q2, Scope::Org)))
    });
    let model = cycles(&org, &s, &findings, Scope::Org);
    let mut rated = org.clone();
    orgscale::model::Command::SetAssessment(Assessment {
        rounds: vec![q1, q2],
    })
    .apply(&mut rated)
    .unwrap();
    let (q1, q2) = (
        rated.assessment().round("Q1").unwrap(),
        rated.assessment().round("Q2").unwrap(),
    );
    let shown = |colouring, round, earlier| Shown {
        org: &rated,
        structure: &s,
        cycles: &model,
        round,
        earlier,
        colouring,
    };
    g.bench_function("figure/coverage", |b| {
        let sh = shown(Colouring::Coverage, None, None);
        b.iter(|| {
            let r = sh.rated();
            black_box(sh.figure(&r, false))
        })
    });
    g.bench_function("figure/rating_compared", |b| {
        let sh = shown(Colouring::Rating, Some(q2), Some(q1));
        b.iter(|| {
            let r = sh.rated();
            black_box(sh.figure(&r, false))
        })
    });
    g.bench_function("export/svg", |b| {
        let sh = shown(Colouring::Rating, Some(q2), Some(q1));
        b.iter(|| black_box(orgscale::export::cycles::to_svg(&sh)))
    });
    g.bench_function("export/pdf", |b| {
        let sh = shown(Colouring::Rating, Some(q2), Some(q1));
        b.iter(|| {
            black_box(orgscale::export::cycles::to_pdf(&sh, orgscale::export::Paper::A4).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
