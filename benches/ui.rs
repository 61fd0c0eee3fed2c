//! Frame cost of the designer, headless: the whole UI function plus tessellation, as eframe would
//! run it, for generated orgs of 1,000 and 10,000 teams in a 1600×1000 window, each in two views:
//! `expanded` (every group unfolded, fitted to the view, no minimap) and `folded_minimap` (as
//! the designer opens a large org: folded below its top levels, at 100 %, with the minimap).
//! Run with `cargo bench --bench ui`.
//!
//! - `idle`: a frame with no input (the canvas paints its cards itself);
//! - `pointer_moving`: the pointer moves over the canvas every frame, so the interactive
//!   egui_graphs view runs;
//! - `baseline_empty`: the same window with an empty org, for comparison.
//!
//! Targets (issue 3): one full frame with 1,000 teams <= 8 ms, with 10,000 teams <= 16 ms.
//!
//! `growth_view/1000_teams/*`: the Growth view at about 1,000 teams, either with N unchanged
//! (`steady`: between animation steps) or one more team every frame (`step_every_frame`: the
//! frame that grows on by one team, staffs it and rebuilds the statistics, picture and curves).
//! `growth_view/10000_teams/step_every_frame`: the same up to the view's largest org, 10,000
//! teams (once in 101 frames it goes back to 9,900, which regrows from empty). Target: <= 16 ms.
//!
//! `events_view/10000_teams/*`: the Events view on 10,000 teams: the whole org's week idle and
//! with the pointer moving, a person's week, and the frame after an edit (target <= 16 ms).
//! `compare_view/10000_teams/*`: compare mode on a 10,000-team design against a version that
//! differs in a few hundred places: `open` (diff, impact, plan and its waves checked: the work
//! the worker thread does), `opening_frame` (the frame in which compare mode opens),
//! `edit_frame` (an edit while comparing; `edit_frame_not_comparing` is the same edit with compare
//! mode off, the baseline), then `idle` and `pointer_moving` frames with the
//! tinted canvas and the Changes panel. Target (issue 11): frames <= 16 ms.
//! `cycles_view/10000_teams/*`: the Cycles view on 10,000 teams with two rating rounds of 5
//! raters compared: `idle`, `pointer_moving` over the figure (hover and tooltip),
//! `scoped_to_a_sos`, `edit_frame` (the frame that applies a rename and redraws the cycles
//! from the new findings) against `edit_frame_design` (the same edit in the Design view), and
//! `rating_frame` (a rating changed, one command). Target (issue 13): under 8 ms a frame.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use orgscale::model::Org;
use orgscale::ui::dialogs::ScriptedDialogs;
use orgscale::ui::{DesignerApp, Document};

fn input(time: f64, pointer: Option<Pos2>) -> RawInput {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
        time: Some(time),
        ..Default::default()
    };
    if let Some(p) = pointer {
        raw.events.push(egui::Event::PointerMoved(p));
    }
    raw
}

struct Rig {
    ctx: egui::Context,
    app: DesignerApp,
    time: f64,
    /// Renames so far (each gives the team a new name).
    edits: u64,
    /// Frames with a moving pointer so far.
    moves: u32,
}

impl Rig {
    /// The designer as it opens the org (a large one folded below its top levels, at 100 %
    /// on its top, with the minimap).
    fn new(org: Org) -> Self {
        Rig::with(Document::new(org, None))
    }

    /// The designer with every group unfolded, fitted to the view (no minimap), as before
    /// folding existed.
    fn expanded(org: Org) -> Self {
        let mut doc = Document::new(org, None);
        doc.set_scope(orgscale::layout::Scope::default());
        let mut rig = Rig::with(doc);
        rig.app.prefs.show_minimap = false;
        rig.app.canvas.request_fit();
        for _ in 0..3 {
            rig.frame(None);
        }
        rig
    }

    fn with(doc: Document) -> Self {
        let mut rig = Rig {
            ctx: egui::Context::default(),
            app: DesignerApp::new(doc, Box::new(ScriptedDialogs::default()), None),
            time: 0.0,
            edits: 0,
            moves: 0,
        };
        // Settle: fonts, panel sizes, the initial fit.
        for _ in 0..5 {
            rig.frame(None);
        }
        rig
    }

    /// Run frames until compare mode shows a comparison of the design as it is.
    /// `iters` renames of `team`, each applied in a timed frame; `settle` then runs (untimed)
    /// until the app's workers have caught up. Returns the time of the edit frames.
    fn timed_edits(
        &mut self,
        iters: u64,
        team: orgscale::model::TeamId,
        settle: fn(&mut Rig),
    ) -> std::time::Duration {
        let mut spent = std::time::Duration::ZERO;
        for _ in 0..iters {
            self.edits += 1;
            let start = std::time::Instant::now();
            self.app.apply(orgscale::model::Command::RenameTeam {
                team,
                name: format!("Edited {}", self.edits),
            });
            black_box(self.frame(None));
            spent += start.elapsed();
            settle(self);
        }
        spent
    }

    /// Frames until the Events view's worker is done.
    fn wait_for_events(&mut self) {
        while self.app.events.is_updating() {
            std::thread::sleep(std::time::Duration::from_millis(2));
            self.frame(None);
        }
    }

    fn wait_for_comparison(&mut self) {
        loop {
            self.frame(None);
            let revision = self.app.doc.revision();
            if self
                .app
                .compare
                .as_ref()
                .is_some_and(|c| c.is_current(revision))
            {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// A frame with the pointer moving a little about `at` (a different point every frame).
    fn frame_near(&mut self, at: Pos2) -> usize {
        self.moves += 1;
        let k = self.moves;
        self.frame(Some(at + vec2((k % 7) as f32, (k % 5) as f32)))
    }

    fn frame(&mut self, pointer: Option<Pos2>) -> usize {
        self.time += 1.0 / 60.0;
        let out = self
            .ctx
            .run_ui(input(self.time, pointer), |ui| self.app.show(ui));
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        prims.len()
    }
}

fn frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    g.sample_size(20);
    let mut empty = Rig::new(Org::new("Empty"));
    g.bench_function("baseline_empty", |b| {
        b.iter(|| black_box(empty.frame(None)))
    });
    for n in [1_000usize, 10_000] {
        for (view, make) in [
            ("expanded", Rig::expanded as fn(Org) -> Rig),
            ("folded_minimap", Rig::new as fn(Org) -> Rig),
        ] {
            let mut rig = make(orgscale::sample::balanced("Bench", n, 5, 7));
            g.bench_function(format!("{n}_teams/{view}/idle"), |b| {
                b.iter(|| black_box(rig.frame(None)))
            });
            let mut k = 0u32;
            g.bench_function(format!("{n}_teams/{view}/pointer_moving"), |b| {
                b.iter(|| {
                    k += 1;
                    // Wiggle over the middle of the canvas.
                    let p = Pos2::new(800.0 + (k % 7) as f32, 400.0 + (k % 5) as f32);
                    black_box(rig.frame(Some(p)))
                })
            });
            // Only when that benchmark ran (a filter on the command line may skip it).
            assert!(
                k == 0 || rig.app.canvas.interactive,
                "the pointer frames ran the GraphView"
            );
            assert_eq!(
                rig.app.doc.scope().is_full(),
                view == "expanded",
                "{view} has the scope it is named for"
            );
        }
    }
    // Folding or unfolding a group at 10,000 teams: the new layout, cards and minimap, and
    // the frame that draws them.
    let mut rig = Rig::new(orgscale::sample::balanced("Bench", 10_000, 5, 7));
    let folded: Vec<_> = rig.app.doc.scope().folded.iter().copied().collect();
    let mut k = 0usize;
    g.bench_function("10000_teams/unfold_a_group_and_draw", |b| {
        b.iter(|| {
            k += 1;
            let mut scope = rig.app.doc.scope().clone();
            let g = folded[k % folded.len()];
            if !scope.folded.remove(&g) {
                scope.folded.insert(g);
            }
            rig.app.set_scope(scope);
            black_box(rig.frame(None))
        })
    });
    g.finish();
}

fn growth_frames(c: &mut Criterion) {
    use orgscale::ui::app::MainView;
    let mut g = c.benchmark_group("growth_view");
    g.sample_size(20);
    let mut rig = Rig::new(orgscale::sample::balanced("Bench", 14, 5, 7));
    rig.app.view = MainView::Growth;
    rig.app.growth.teams = 1_000;
    rig.frame(None);
    g.bench_function("1000_teams/steady", |b| {
        b.iter(|| black_box(rig.frame(None)))
    });
    let mut k = 0usize;
    g.bench_function("1000_teams/step_every_frame", |b| {
        b.iter(|| {
            k += 1;
            rig.app.growth.teams = 1_000 + k % 100;
            black_box(rig.frame(None))
        })
    });
    assert_eq!(
        rig.app.growth.current().map(|org| org.teams().len()),
        Some(rig.app.growth.teams)
    );
    // The same at the view's largest org: up to 10,000 teams, one more every frame.
    rig.app.growth.teams = 9_900;
    rig.frame(None);
    let mut k = 0usize;
    g.bench_function("10000_teams/step_every_frame", |b| {
        b.iter(|| {
            k += 1;
            rig.app.growth.teams = 9_900 + k % 101;
            black_box(rig.frame(None))
        })
    });
    assert_eq!(
        rig.app.growth.current().map(|org| org.teams().len()),
        Some(rig.app.growth.teams)
    );
    g.finish();
}

/// A 10,000-team design compared with a version of it that differs in some hundred places
/// (renames, moves between groups, removed teams).
fn compared_versions() -> (Org, Org) {
    use orgscale::model::{Command, Unit};
    let base = orgscale::sample::balanced("Bench", 10_000, 5, 7);
    let mut other = base.clone();
    let teams: Vec<_> = base.teams().keys().copied().collect();
    let sos: Vec<_> = base
        .groups()
        .keys()
        .copied()
        .filter(|g| base.structure().level(*g) == 1)
        .collect();
    for (i, t) in teams.iter().enumerate() {
        let cmd = match i % 97 {
            0 => Command::RenameTeam {
                team: *t,
                name: format!("Renamed {i}"),
            },
            1 => Command::Move {
                item: Unit::Team(*t),
                to: Some(Unit::Group(sos[(i * 7) % sos.len()])),
            },
            2 if i % 3 == 0 => Command::RemoveTeam(*t),
            _ => continue,
        };
        let _ = cmd.apply(&mut other);
    }
    (base, other)
}

/// Compare mode on 10,000 teams: the frames while the tinted canvas and the Changes panel show.
/// Target (issue 11): <= 16 ms.
fn compare_frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("compare_view");
    g.sample_size(20);
    let (base, other) = compared_versions();
    let mut rig = Rig::new(other);
    let (current, revision) = (rig.app.doc.org().clone(), rig.app.doc.revision());
    g.bench_function("10000_teams/open", |b| {
        b.iter(|| {
            black_box(
                orgscale::ui::compare::Comparison::new(base.clone(), "base", &current, revision)
                    .changes
                    .changes
                    .len(),
            )
        })
    });
    // The frame in which compare mode opens (File › Compare with… picked a file): the
    // comparison itself runs on a worker; waiting for it is outside the timing.
    g.bench_function("10000_teams/opening_frame", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                let other = base.clone();
                let start = std::time::Instant::now();
                rig.app.compare_with(other, "base.json");
                black_box(rig.frame(None));
                spent += start.elapsed();
                rig.wait_for_comparison();
                rig.app.leave_compare();
                rig.frame(None);
            }
            spent
        })
    });
    // The same edit with compare mode off: the baseline the edit frame is measured against.
    let first = *rig.app.doc.org().teams().keys().next().unwrap();
    g.bench_function("10000_teams/edit_frame_not_comparing", |b| {
        b.iter_custom(|iters| rig.timed_edits(iters, first, |_| {}))
    });
    // An edit while comparing: the frame that applies it and starts the worker.
    rig.app.compare_with(base.clone(), "base.json");
    rig.wait_for_comparison();
    g.bench_function("10000_teams/edit_frame", |b| {
        b.iter_custom(|iters| rig.timed_edits(iters, first, Rig::wait_for_comparison))
    });
    rig.app.leave_compare();
    rig.app.compare_with(base, "base.json");
    rig.wait_for_comparison();
    for _ in 0..3 {
        rig.frame(None);
    }
    assert!(
        rig.app
            .compare
            .as_ref()
            .is_some_and(|c| !c.changes.is_empty())
    );
    g.bench_function("10000_teams/idle", |b| {
        b.iter(|| black_box(rig.frame(None)))
    });
    g.bench_function("10000_teams/pointer_moving", |b| {
        b.iter(|| black_box(rig.frame_near(Pos2::new(700.0, 400.0))))
    });
    g.finish();
}

/// The Events view on 10,000 teams (issue 12: <= 16 ms a frame): the whole org's cascade, idle
/// and with the pointer moving over the calendar, a person's week, and the frame after an edit
/// (which derives the calendar again).
fn events_frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("events_view");
    g.sample_size(20);
    let mut rig = Rig::new(orgscale::sample::balanced("Bench", 10_000, 5, 7));
    rig.app.view = orgscale::ui::app::MainView::Events;
    for _ in 0..3 {
        rig.frame(None);
    }
    g.bench_function("10000_teams/org/idle", |b| {
        b.iter(|| black_box(rig.frame(None)))
    });
    g.bench_function("10000_teams/org/pointer_moving", |b| {
        b.iter(|| black_box(rig.frame_near(Pos2::new(500.0, 300.0))))
    });
    let person = *rig.app.doc.org().people().keys().next().unwrap();
    rig.app.selection = Some(orgscale::ui::Selection::Person(person));
    rig.frame(None);
    g.bench_function("10000_teams/person/idle", |b| {
        b.iter(|| black_box(rig.frame(None)))
    });
    let first = *rig.app.doc.org().teams().keys().next().unwrap();
    // The frame that applies an edit and starts the worker; waiting for it is outside the
    // timing.
    g.bench_function("10000_teams/edit_frame", |b| {
        b.iter_custom(|iters| rig.timed_edits(iters, first, Rig::wait_for_events))
    });
    g.finish();
}

fn cycles_frames(c: &mut Criterion) {
    use orgscale::model::{Assessment, Command, Component, Round, Score};
    let mut g = c.benchmark_group("cycles_view");
    g.sample_size(20);
    let mut org = orgscale::sample::balanced("Bench", 10_000, 5, 7);
    let s = org.structure();
    let round = |name: &str, shift: u8| {
        let mut r = Round::new(name, "2027-01-15".parse().unwrap());
        let mut targets = vec![None];
        targets.extend(
            org.groups()
                .keys()
                .filter(|g| s.level(**g) + 3 >= s.depth())
                .map(|g| Some(*g)),
        );
        for (i, rater) in ["Ana", "Bo", "Chen", "Dana", "Eli"].into_iter().enumerate() {
            for t in &targets {
                for c in Component::ALL {
                    let v = (i as u8 + c.index() as u8 + shift) % 5;
                    r.set(rater, c, *t, Some((Score::new(v).unwrap(), String::new())));
                }
            }
        }
        r
    };
    let rounds = Assessment {
        rounds: vec![round("Q1", 0), round("Q2", 1)],
    };
    Command::SetAssessment(rounds).apply(&mut org).unwrap();
    let mut rig = Rig::new(org);
    rig.app.view = orgscale::ui::app::MainView::Cycles;
    rig.app.cycles.show_round("Q2");
    rig.app.cycles.earlier = Some("Q1".into());
    for _ in 0..3 {
        rig.frame(None);
    }
    g.bench_function("10000_teams/idle", |b| {
        b.iter(|| black_box(rig.frame(None)))
    });
    g.bench_function("10000_teams/pointer_moving", |b| {
        b.iter(|| black_box(rig.frame_near(Pos2::new(420.0, 420.0))))
    });
    let first = *rig.app.doc.org().teams().keys().next().unwrap();
    g.bench_function("10000_teams/edit_frame", |b| {
        b.iter_custom(|iters| rig.timed_edits(iters, first, |_| {}))
    });
    let mut n = 0u8;
    g.bench_function("10000_teams/rating_frame", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                n = n.wrapping_add(1);
                let mut a = rig.app.doc.org().assessment().clone();
                a.round_mut("Q2").unwrap().set(
                    "Ana",
                    Component::Delivery,
                    None,
                    Some((Score::new(n % 5).unwrap(), String::new())),
                );
                let start = std::time::Instant::now();
                rig.app.apply(Command::SetAssessment(a));
                black_box(rig.frame(None));
                spent += start.elapsed();
            }
            spent
        })
    });
    let sos = *rig
        .app
        .doc
        .org()
        .groups()
        .keys()
        .find(|g| rig.app.doc.structure().level(**g) == 1)
        .unwrap();
    rig.app.selection = Some(orgscale::ui::Selection::Group(sos));
    rig.frame(None);
    g.bench_function("10000_teams/scoped_to_a_sos", |b| {
        b.iter(|| black_box(rig.frame(None)))
    });
    rig.app.view = orgscale::ui::app::MainView::Design;
    rig.app.selection = None;
    for _ in 0..3 {
        rig.frame(None);
    }
    g.bench_function("10000_teams/edit_frame_design", |b| {
        b.iter_custom(|iters| rig.timed_edits(iters, first, |_| {}))
    });
    g.finish();
}

criterion_group!(
    benches,
    growth_frames,
    frames,
    compare_frames,
    events_frames,
    cycles_frames
);
criterion_main!(benches);
