//! Growth speed (issue 4). Run with `cargo bench --bench growth`.
//!
//! - growing from nothing to 10,000 teams (fan-out 5, 5 people per team): target <= 50 ms
//! - fractal layout of a 10,000-team org: target <= 20 ms (the tree layout as a baseline)
//! - `grow_on_to_10k_teams`: a kept run at 9,999 teams grows one more and staffs its org again
//!   (what the Growth view does for each step of Play at its largest size)
//! - `baseline/balanced_10k` builds a 10,000-team org of the same shape with the simple bottom-up
//!   generator used for other benchmarks, for comparison in the same run.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use orgscale::growth::{Growth, Params, grow_from_empty};

fn growth(c: &mut Criterion) {
    let mut g = c.benchmark_group("growth");
    g.sample_size(10);
    g.bench_function("grow_10k_teams", |b| {
        b.iter(|| black_box(grow_from_empty("Bench", 10_000, Params::default()).unwrap()))
    });
    g.bench_function("baseline/balanced_10k", |b| {
        b.iter(|| black_box(orgscale::sample::balanced("Bench", 10_000, 5, 5)))
    });
    let mut run = Growth::from_empty("Bench", Params::default()).unwrap();
    run.grow_to(9_999).unwrap();
    g.bench_function("grow_on_to_10k_teams", |b| {
        b.iter_batched(
            || run.clone(),
            |mut run| {
                run.grow_to(10_000).unwrap();
                black_box(run)
            },
            BatchSize::LargeInput,
        )
    });
    let org = grow_from_empty("Bench", 10_000, Params::default())
        .unwrap()
        .org;
    g.bench_function("fractal_layout_10k_teams", |b| {
        b.iter(|| black_box(orgscale::layout::fractal(black_box(&org))))
    });
    g.bench_function("baseline/tree_layout_10k_teams", |b| {
        b.iter(|| black_box(orgscale::layout::tree(black_box(&org))))
    });
    g.finish();
}

criterion_group!(benches, growth);
criterion_main!(benches);
