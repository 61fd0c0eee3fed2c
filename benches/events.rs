//! Events speed targets (issue 12). Run with `cargo bench --no-default-features --bench events`.
//!
//! - `events/10000_teams/derive_and_metrics`: every event of a 10,000-team org (~70,000 people)
//!   and its metrics (meeting load per person and role, escalation latency per team, double
//!   bookings, largest meetings): <= 100 ms.
//! - `events/10000_teams/validate_with_cadence`: the whole rule catalogue with the overlay
//!   checks (the org records a cadence), against `validate_without_cadence`, the same org
//!   without one, measured in the same run as the baseline.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use orgscale::events;
use orgscale::model::{Cadence, Command};
use orgscale::rules::validate;

fn events_bench(c: &mut Criterion) {
    let org = orgscale::sample::balanced("Bench 10k", 10_000, 5, 7);
    assert_eq!(org.teams().len(), 10_000);
    let s = org.structure();
    let mut g = c.benchmark_group("events");
    g.sample_size(20);
    g.bench_function("10000_teams/derive", |b| {
        b.iter(|| black_box(events::derive(black_box(&org), &s)))
    });
    g.bench_function("10000_teams/derive_and_metrics", |b| {
        b.iter(|| {
            let cal = events::derive(black_box(&org), &s);
            black_box(events::metrics(&org, &s, &cal))
        })
    });
    let mut with_cadence = org.clone();
    Command::SetCadence(Some(Cadence::default()))
        .apply(&mut with_cadence)
        .unwrap();
    g.bench_function("10000_teams/validate_without_cadence", |b| {
        b.iter(|| black_box(validate(black_box(&org))))
    });
    g.bench_function("10000_teams/validate_with_cadence", |b| {
        b.iter(|| black_box(validate(black_box(&with_cadence))))
    });
    g.finish();
}

criterion_group!(benches, events_bench);
criterion_main!(benches);
