//! Core speed targets (issue: core). Run with `cargo bench --bench core`.
//!
//! - load from JSON + full validation of a 10,000-team org (~70,000 people): <= 150 ms
//! - full validation alone: <= 20 ms
//!
//! `baseline/parse_json_value` parses the same text into an untyped `serde_json::Value`: the
//! cost of reading the bytes at all, measured in the same run for comparison.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use orgscale::io::json;
use orgscale::rules::validate;

fn big_org() -> (orgscale::model::Org, String) {
    let org = orgscale::sample::balanced("Bench 10k", 10_000, 5, 7);
    let text = json::to_string(&org);
    (org, text)
}

fn core(c: &mut Criterion) {
    let (org, text) = big_org();
    assert_eq!(org.teams().len(), 10_000);
    assert!(org.people().len() >= 70_000);
    let mut g = c.benchmark_group("10k_teams");
    g.sample_size(20);
    g.bench_function("baseline/parse_json_value", |b| {
        b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap()))
    });
    g.bench_function("load_json_and_validate", |b| {
        b.iter(|| {
            let org = json::from_str(Path::new("bench.json"), black_box(&text)).unwrap();
            black_box(validate(&org))
        })
    });
    g.bench_function("validate", |b| {
        b.iter(|| black_box(validate(black_box(&org))))
    });
    g.bench_function("save_json", |b| {
        b.iter(|| black_box(json::to_string(black_box(&org))))
    });
    g.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
