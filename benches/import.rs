//! CSV roster import speed target (issue 5). Run with `cargo bench --bench import`.
//!
//! - `import/csv_roster/10000_teams`: a 10,000-team roster (70,000 people) <= 250 ms
//!
//! Baseline in the same run: loading the JSON org file of the same org (the path
//! `orgscale export org.json` takes), which the roster import should cost about as much as.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use orgscale::io::{csv_roster, json};

fn import_10k(c: &mut Criterion) {
    let org = orgscale::sample::balanced("Big", 10_000, 5, 7);
    let csv = csv_roster::export(&org).unwrap().into_bytes();
    let org_json = json::to_string(&org).into_bytes();
    // The roster names the org after the file, so compare against what it imports to.
    let imported = csv_roster::import_bytes(Path::new("Big.csv"), &csv).unwrap();
    assert_eq!(imported.teams().len(), 10_000);
    assert!(imported.people().len() >= 70_000);

    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("csv_roster/10000_teams", |b| {
        b.iter(|| {
            black_box(csv_roster::import_bytes(Path::new("Big.csv"), black_box(&csv)).unwrap())
        })
    });
    g.bench_function("baseline/json/10000_teams", |b| {
        b.iter(|| black_box(json::from_bytes(Path::new("Big.json"), black_box(&org_json)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, import_10k);
criterion_main!(benches);
