//! Export speed targets (issue 5). Run with `cargo bench --bench export`.
//!
//! - SVG of a 10,000-team org: <= 500 ms
//! - PNG of the 125-team org: <= 2 s
//!
//! Baselines in the same run: the layout alone (the part of an SVG export that is not writing
//! text) and the canonical JSON of the same org (another whole-org text writer).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use orgscale::export::{self, Format, Options};
use orgscale::layout::{self, Style};

fn opts(style: Style, findings: bool) -> Options {
    Options {
        style,
        findings,
        ..Options::default()
    }
}

fn svg_10k(c: &mut Criterion) {
    let org = orgscale::sample::balanced("Bench 10k", 10_000, 5, 7);
    assert_eq!(org.teams().len(), 10_000);
    let mut g = c.benchmark_group("svg_10k_teams");
    g.sample_size(10);
    g.bench_function("baseline/layout_tree", |b| {
        b.iter(|| black_box(layout::compute(black_box(&org), Style::Tree)))
    });
    g.bench_function("baseline/save_json", |b| {
        b.iter(|| black_box(orgscale::io::json::to_string(black_box(&org))))
    });
    for (name, style, findings) in [
        ("tree", Style::Tree, false),
        ("tree_with_findings", Style::Tree, true),
        ("fractal", Style::Fractal, false),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    export::export(black_box(&org), Format::Svg, &opts(style, findings)).unwrap(),
                )
            })
        });
    }
    g.finish();
}

fn png_125(c: &mut Criterion) {
    let org = orgscale::sample::symmetric(5, 3);
    assert_eq!(org.teams().len(), 125);
    let mut g = c.benchmark_group("png_125_teams");
    g.sample_size(10);
    g.bench_function("baseline/svg", |b| {
        b.iter(|| black_box(export::export(&org, Format::Svg, &opts(Style::Tree, true)).unwrap()))
    });
    for scale in [1.0f32, 2.0] {
        g.bench_function(format!("scale_{scale}"), |b| {
            let o = Options {
                scale,
                ..opts(Style::Tree, true)
            };
            b.iter(|| black_box(export::export(&org, Format::Png, &o).unwrap()))
        });
    }
    g.bench_function("fractal_scale_2", |b| {
        b.iter(|| {
            black_box(export::export(&org, Format::Png, &opts(Style::Fractal, true)).unwrap())
        })
    });
    g.bench_function("pdf", |b| {
        b.iter(|| black_box(export::export(&org, Format::Pdf, &opts(Style::Tree, true)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, svg_10k, png_125);
criterion_main!(benches);
