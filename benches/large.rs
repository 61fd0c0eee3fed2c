//! The designer on a 100,000-team org (`orgscale grow --teams 100000`, about 700,000 people),
//! headless, in a 1600×1000 window: what it costs to open it and then to use it.
//! Run with `cargo bench --bench large`.
//!
//! - `open_to_first_frame`: from the org file's text to the first drawn frame: load and check
//!   the JSON, derive structure, findings and the opening layout, build the app and run and
//!   tessellate its first frame. (A real window adds eframe's start-up, the same for any org.)
//! - `idle`: a frame with no input;
//! - `pointer_moving`: the pointer moves over the canvas every frame (the interactive view);
//! - `panning`: the background is dragged a little every frame.
//!
//! Targets (issue 10): first frame <= 3 s, frames <= 33 ms.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Document};

const TEAMS: usize = 100_000;

fn input(time: f64, events: Vec<egui::Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
        time: Some(time),
        events,
        ..Default::default()
    }
}

struct Rig {
    ctx: egui::Context,
    app: DesignerApp,
    time: f64,
}

impl Rig {
    fn open(text: &str) -> Rig {
        let org = orgscale::io::json::from_str(Path::new("big.json"), text).expect("loads");
        let mut rig = Rig {
            ctx: egui::Context::default(),
            app: DesignerApp::new(
                Document::new(org, None),
                Box::new(ScriptedDialogs::default()),
                None,
            ),
            time: 0.0,
        };
        rig.frame(Vec::new());
        rig
    }

    fn frame(&mut self, events: Vec<egui::Event>) -> usize {
        self.time += 1.0 / 60.0;
        let out = self
            .ctx
            .run_ui(input(self.time, events), |ui| self.app.show(ui));
        self.ctx.tessellate(out.shapes, out.pixels_per_point).len()
    }
}

fn pointer(p: Pos2) -> egui::Event {
    egui::Event::PointerMoved(p)
}

fn button(p: Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    }
}

fn large(c: &mut Criterion) {
    // Five teams per group and seven people per team, as `orgscale grow` makes them.
    let org = orgscale::sample::balanced("Big", TEAMS, 5, 7);
    let text = orgscale::io::json::to_string(&org);
    drop(org);
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    g.bench_function("100000_teams/open_to_first_frame", |b| {
        b.iter(|| black_box(Rig::open(&text).app.doc.revision()))
    });
    let mut rig = Rig::open(&text);
    for _ in 0..5 {
        rig.frame(Vec::new());
    }
    assert_eq!(rig.app.doc.org().teams().len(), TEAMS);
    g.sample_size(30);
    g.bench_function("100000_teams/idle", |b| {
        b.iter(|| black_box(rig.frame(Vec::new())))
    });
    let mut k = 0u32;
    g.bench_function("100000_teams/pointer_moving", |b| {
        b.iter(|| {
            k += 1;
            let p = Pos2::new(800.0 + (k % 7) as f32, 400.0 + (k % 5) as f32);
            black_box(rig.frame(vec![pointer(p)]))
        })
    });
    rig.frame(vec![pointer(Pos2::new(801.0, 401.0))]);
    assert!(rig.app.canvas.interactive, "the pointer is over the canvas");
    // Press on the canvas background (below the opening view's boxes, above the findings panel
    // along the bottom of the window), then move a few pixels each frame: a pan.
    let start = Pos2::new(700.0, 700.0);
    rig.frame(vec![pointer(start), button(start, true)]);
    let top = rig.app.doc.layout().boxes[0].0;
    let before = rig.app.canvas.node_screen_center(rig.app.doc.layout(), top);
    let mut x = 0.0f32;
    g.bench_function("100000_teams/panning", |b| {
        b.iter(|| {
            x += 3.0;
            let p = Pos2::new(start.x + (x % 200.0), start.y);
            black_box(rig.frame(vec![pointer(p)]))
        })
    });
    rig.frame(vec![pointer(start + vec2(50.0, 0.0))]);
    let after = rig.app.canvas.node_screen_center(rig.app.doc.layout(), top);
    assert!(
        rig.app.canvas.preview().is_none() && before != after,
        "the drag pans the view ({before:?} -> {after:?}), it moves no card"
    );
    rig.frame(vec![button(start, false)]);
    g.finish();
}

criterion_group!(benches, large);
criterion_main!(benches);
