//! The Growth view: grow an org to N teams with the scale-free model (rulebook §6), play the
//! growth from the start up to that target (once, or looping), compare the closed-form curves,
//! and apply the grown part to the design as one undoable step, after a question that says in
//! the compare feature's words what it would change.
//!
//! The grown org is drawn by the view itself, in the fractal layout, as a read-only picture whose
//! labels stay readable at any size: names are drawn at a legible size whatever the zoom, higher
//! levels first, shortened when space is tight and left out only where they would overlap; the
//! full name and counts are in the hover text.
//!
//! Everything costly is cached: the grown org, its picture and statistics per (teams shown,
//! fan-out, team size, start), the chart series per (target, fan-out, log scale). A frame that
//! changes none of these only paints. The growth run is kept too ([`crate::growth::Growth`]):
//! one more team (a step of Play) grows on from the org shown instead of regrowing it.
//!
//! The view changes the design only through the app's actions ([`super::Action`]), like every
//! panel. Its parts:
//! - this file: the view's state, what it grows and caches, and the frame's layout;
//! - [`controls`]: the controls row, Play, Step and the animation;
//! - [`confirm`]: the question *Apply to my design* asks first, with what it would change;
//! - [`charts`]: the curves' data and the charts panel; [`plot`]: how one chart is drawn;
//! - [`picture`]: the grown org as shapes, zoom and pan; [`paint`]: painting it and its labels.

mod charts;
mod confirm;
mod controls;
mod paint;
mod picture;
mod plot;

use egui::Ui;

pub use charts::Charts;
pub use confirm::CONFIRM_TITLE;
use picture::{Picture, PictureView};

use super::{Action, PanelCtx};
use crate::growth::{Growth, GrowthError, Params, policy_for};
use crate::model::Org;
use crate::stats::Stats;

/// The largest org the view grows.
pub const MAX_TEAMS: usize = 10_000;

/// What growth starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Start {
    /// A new, empty org.
    #[default]
    Empty,
    /// The document's org, so the grown part can be applied to it.
    Design,
}

/// What a growth run starts from and how it grows: runs with equal origins differ only in
/// how far they got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Origin {
    params: Params,
    /// The design's revision when starting from it.
    start: Option<u64>,
}

/// What the grown org was grown from and to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    teams: usize,
    origin: Origin,
}

/// What the view shows of the grown org (the org itself is the kept run's).
struct Shown {
    groups: usize,
    /// Teams or groups moved along the way.
    moves: usize,
    /// Grown from the design: which of its teams and groups sit in another group now, as a
    /// line ("1 existing team moves: Order Tracking moved from …") and a line per move.
    existing: Option<(String, String)>,
    stats: Stats,
    picture: Picture,
}

/// A grown org with everything the view shows of it.
struct Outcome {
    key: Key,
    /// Teams the growth added to its start.
    added: usize,
    grown: Result<Shown, GrowthError>,
}

/// The Growth view's state and caches.
pub struct GrowthView {
    /// The target number of teams: what the Teams control sets and Play grows to.
    pub teams: usize,
    pub fanout: usize,
    pub team_size: usize,
    pub start: Start,
    pub log_scale: bool,
    /// Teams added per second while playing.
    pub speed: f64,
    /// When Play reaches the target it starts again from the beginning instead of stopping.
    /// (The view has no saved preferences, so this lasts as long as the window.)
    pub looping: bool,
    playing: bool,
    /// The team count shown while Play is on its way to the target (playing or paused); `None`
    /// shows the target itself.
    frame: Option<usize>,
    /// Time (egui's clock) of the last step while playing.
    last_step: f64,
    view: PictureView,
    /// The growth run behind the org shown, kept so that the next team grows on from it.
    run: Option<(Origin, Growth)>,
    result: Option<Outcome>,
    charts: Option<Charts>,
    /// Meeting hours per role and escalation latency as the org grows to the target, measured
    /// on grown orgs on a worker thread.
    meetings: Option<charts::Meetings>,
    /// The question *Apply to my design* asks, while it is open.
    confirm: Option<confirm::Confirm>,
    /// Height of the charts panel's content besides the plots (titles, legends, notes), as
    /// measured in the last frame, so the four plots share the rest and fit without scrolling.
    chart_overhead: f32,
}

impl Default for GrowthView {
    fn default() -> Self {
        GrowthView {
            teams: 25,
            fanout: 5,
            team_size: 5,
            start: Start::Empty,
            log_scale: false,
            speed: 5.0,
            looping: false,
            playing: false,
            frame: None,
            last_step: 0.0,
            view: PictureView::default(),
            run: None,
            result: None,
            charts: None,
            meetings: None,
            confirm: None,
            chart_overhead: 4.0 * 90.0,
        }
    }
}

impl GrowthView {
    /// The grown org shown (after the last frame), if growth succeeded.
    pub fn current(&self) -> Option<&Org> {
        self.shown()?;
        self.run.as_ref().map(|(_, run)| run.org())
    }

    /// Statistics of the grown org shown.
    pub fn current_stats(&self) -> Option<&Stats> {
        self.shown().map(|s| &s.stats)
    }

    /// The chart series (after the last frame).
    pub fn charts(&self) -> Option<&Charts> {
        self.charts.as_ref()
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// The number of teams the view shows: the target, or while Play is on its way there (or
    /// paused on the way) the count reached so far.
    pub fn shown_teams(&self) -> usize {
        self.frame.unwrap_or(self.teams)
    }

    /// Whether the view shows an org other than the design: one grown from empty, or the design
    /// with teams added. The app's outline, inspector and findings describe the design, so while
    /// the Growth view is on screen and this holds they should say so (see [`Self::grown_note`]).
    pub fn showing_grown(&self) -> bool {
        self.result
            .as_ref()
            .is_some_and(|r| r.grown.is_ok() && (r.key.origin.start.is_none() || r.added > 0))
    }

    /// A short note for the panels that still describe the design while the view shows a grown
    /// org, e.g. "Showing the design, not the grown org (60 teams) of the Growth view"; `None`
    /// when the view shows nothing but the design.
    pub fn grown_note(&self) -> Option<String> {
        let teams = self
            .current()
            .filter(|_| self.showing_grown())?
            .teams()
            .len();
        Some(format!(
            "Showing the design, not the grown org ({} team{}) of the Growth view",
            thousands(teams as f64),
            if teams == 1 { "" } else { "s" }
        ))
    }

    fn shown(&self) -> Option<&Shown> {
        self.result.as_ref().and_then(|r| r.grown.as_ref().ok())
    }

    fn params(&self) -> Params {
        Params {
            fanout: self.fanout,
            team_size: self.team_size,
            policy: policy_for(self.fanout),
        }
    }

    /// The fewest teams the slider allows: the design's team count when growing it.
    fn min_teams(&self, design: &super::document::Document) -> usize {
        match self.start {
            Start::Empty => 1,
            Start::Design => design.org().teams().len().clamp(1, MAX_TEAMS),
        }
    }

    /// Grow to the teams shown and rebuild the charts if their inputs changed; nothing
    /// otherwise.
    fn refresh(&mut self, design: &super::document::Document) {
        let key = Key {
            teams: self.shown_teams(),
            origin: Origin {
                params: self.params(),
                start: (self.start == Start::Design).then(|| design.revision()),
            },
        };
        if self.result.as_ref().is_none_or(|r| r.key != key) {
            let before = match self.start {
                Start::Empty => 0,
                Start::Design => design.org().teams().len(),
            };
            // The old picture goes first, so the new one is built in memory it frees.
            self.result = None;
            let from_design = self.start == Start::Design;
            let grown = self.grow(key, design).map(|run| Shown {
                groups: run.org().groups().len(),
                moves: run.moves(),
                existing: from_design.then(|| confirm::existing_moves(design.org(), run.org())),
                stats: Stats::of(run.org()),
                picture: Picture::new(run.org()),
            });
            self.result = Some(Outcome {
                key,
                added: key.teams.saturating_sub(before),
                grown,
            });
        }
        let stale = self
            .charts
            .as_ref()
            .is_none_or(|c| (c.upto, c.fanout, c.log) != (self.teams, self.fanout, self.log_scale));
        if stale {
            self.charts = Some(Charts::new(self.teams, self.fanout, self.log_scale));
        }
        // One measuring worker at a time: while the Teams slider moves, the next starts when
        // the running one is done (the charts panel repaints until then).
        let params = self.params();
        if self
            .meetings
            .as_ref()
            .is_none_or(|m| !m.is_for(self.teams, params) && !m.is_running())
        {
            self.meetings = Some(charts::Meetings::start(self.teams, params));
        }
    }

    /// The run grown to `key`. The kept run grows on when it has the same origin and has not
    /// gone past `key.teams` (one step per frame while playing); any other key starts a new run
    /// from the start, which gives the same org (growth is deterministic).
    fn grow(
        &mut self,
        key: Key,
        design: &super::document::Document,
    ) -> Result<&Growth, GrowthError> {
        let mut run = match self.run.take() {
            Some((origin, run)) if origin == key.origin && run.teams() <= key.teams => run,
            _ => match self.start {
                Start::Empty => Growth::from_empty("Grown organisation", key.origin.params)?,
                Start::Design => Growth::new(design.org(), key.origin.params)?,
            },
        };
        let grown = run.grow_to(key.teams);
        let (_, run) = self.run.insert((key.origin, run));
        grown.map(|()| &*run)
    }

    /// Show the view filling `ui`. *Apply to my design* first asks, saying what would change;
    /// Apply then pushes the command that adds the grown part to the design, as one undoable
    /// step, and asks for the design view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let design = cx.doc;
        let apply = self.confirm_ui(ui, design);
        let min = self.min_teams(design);
        self.teams = self.teams.clamp(min, MAX_TEAMS);
        self.reconcile(min);
        self.animate(ui, min);
        let mut ask = None;
        egui::Panel::top("growth_controls").show(ui, |ui| ask = self.controls(ui, design, min));
        if let Some(cmd) = ask
            && let Some(why) = self.ask(ui, design, cmd)
        {
            cx.actions.push(Action::Status(why));
        }
        self.reconcile(min);
        self.refresh(design);
        egui::Panel::right("growth_charts")
            .resizable(true)
            .default_size(ui.available_width() * 0.42)
            .min_size(280.0)
            .show(ui, |ui| self.charts_ui(ui));
        let rect = ui.available_rect_before_wrap();
        ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
            self.picture_ui(ui)
        });
        if let Some(cmd) = apply {
            // The grown part goes in as one undoable step; then the design shows the result.
            cx.apply(cmd);
            cx.actions.push(Action::ShowDesign);
        }
    }
}

/// Thousands separators for counts in labels ("12,500"), of a chart value.
fn thousands(v: f64) -> String {
    crate::words::thousands(v.round().max(0.0) as usize)
}
