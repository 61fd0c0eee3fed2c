//! The Growth view: grow an org to N teams with the scale-free model (rulebook §6), play the
//! growth from the start up to that target (once, or looping), compare the closed-form curves,
//! and apply the grown part to the design as one undoable step.
//!
//! The grown org is drawn by the view itself, in the fractal layout, as a read-only picture whose
//! labels stay readable at any size: names are drawn at a legible size whatever the zoom, higher
//! levels first, shortened when space is tight and left out only where they would overlap; the
//! full name and counts are in the hover text.
//!
//! Everything costly is cached: the grown org, its picture and statistics per (teams shown,
//! fan-out, team size, start), the chart series per (target, fan-out, log scale). A frame that
//! changes none of these only paints.

use std::cmp::Reverse;
use std::time::Duration;

use egui::{
    Button, Color32, CornerRadius, DragValue, FontId, Painter, Pos2, Rangef, Rect, RichText, Sense,
    Shape, Slider, Stroke, StrokeKind, Ui, Vec2, pos2, vec2,
};
use egui_plot::{GridInput, GridMark, HoverPosition, Line, Plot, PlotPoint, Points};
use rustc_hash::FxHashMap as HashMap;

use super::canvas::Navigation;
use super::cards::c32;
use crate::diagram::{self, CardKind, ellipsis};
use crate::growth::{self, Grown, GrowthError, Params, Policy};
use crate::layout::{self, Node};
use crate::model::{Command, GroupId, Org, Structure};
use crate::stats::Stats;

/// The largest org the view grows.
pub const MAX_TEAMS: usize = 10_000;
/// Every N up to this many teams is a point of the curves; above it they are sampled evenly.
const DENSE_UPTO: usize = 400;
/// Points of the sampled part of a curve.
const SPARSE_POINTS: usize = 400;
/// Smallest and largest zoom of the picture.
const ZOOM_MIN: f32 = 0.002;
const ZOOM_MAX: f32 = 4.0;
/// Teams get labels once their pentagons are this large on screen (points).
const TEAM_LABEL_RADIUS: f32 = 12.0;
/// Plots are never shorter than this; below it the charts scroll.
const MIN_PLOT_HEIGHT: f32 = 80.0;
/// Smallest spacing of grid lines in the plots, in points (egui_plot's default).
const GRID_MIN_SPACING: f32 = 8.0;
/// Spacing of labelled ticks, at least: egui_plot hides x labels closer than 60 points (and
/// fades them up to 80); the y axis here hides them below 14 points (fading up to 18).
const X_LABEL_SPACING: f64 = 90.0;
const Y_LABEL_SPACING: f64 = 22.0;
/// The SDS chart draws this many levels on their own; deeper ones are summed in one line.
const SDS_OWN_LINES: usize = 4;

/// What growth starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Start {
    /// A new, empty org.
    #[default]
    Empty,
    /// The document's org, so the grown part can be applied to it.
    Design,
}

/// The policy the view uses at a fan-out: `split`, except `append` for k = 2 (§6.2).
pub fn policy_for(fanout: usize) -> Policy {
    if fanout == 2 {
        Policy::Append
    } else {
        Policy::Split
    }
}

fn pairs(c: u64) -> u64 {
    c * c.saturating_sub(1) / 2
}

/// Hierarchical coordination paths H(N) of the org grown from empty, exactly: Σ c(c-1)/2 over
/// the groups' member counts. At each level growth fills the newest group with room first. Under
/// `split` a new group takes one member of its full sibling, so until both are full again the
/// last two hold k-1 and k+1-d members (d = free places at that level); under `append` only the
/// newest group has room.
pub fn hierarchical_paths(n: u64, k: u64, policy: Policy) -> u64 {
    let k = k.max(2);
    let mut units = n;
    let mut h = 0;
    while units > 1 {
        let groups = units.div_ceil(k);
        let deficit = groups * k - units;
        h += if groups == 1 {
            pairs(units)
        } else if policy == Policy::Split && deficit > 0 {
            (groups - 2) * pairs(k) + pairs(k - 1) + pairs(k + 1 - deficit)
        } else {
            (groups - 1) * pairs(k) + pairs(k - deficit)
        };
        units = groups;
    }
    h
}

/// The chart values at one N (closed forms, §6.1, and [`hierarchical_paths`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartPoint {
    pub teams: u64,
    /// L(N).
    pub levels: u32,
    /// H(N).
    pub paths_hierarchical: u64,
    /// F(N) = N(N-1)/2.
    pub paths_all_to_all: u64,
    /// U(N): Scrum of Scrums Master seats, and as many Chief Product Owner seats.
    pub roles: u64,
    /// People in the Scaled Daily Scrums of each level (level 1 first): N at level 1, then the
    /// number of groups one level down.
    pub sds_seats_per_level: Vec<u64>,
}

impl ChartPoint {
    pub fn at(n: u64, k: u64, policy: Policy) -> Self {
        let m = growth::metrics(n, k);
        let mut sds = Vec::with_capacity(m.levels as usize);
        if m.levels > 0 {
            sds.push(n);
            sds.extend(m.groups_per_level.iter().take(m.levels as usize - 1));
        }
        ChartPoint {
            teams: n,
            levels: m.levels,
            paths_hierarchical: hierarchical_paths(n, k, policy),
            paths_all_to_all: m.paths_all_to_all,
            roles: m.scaled_roles,
            sds_seats_per_level: sds,
        }
    }

    /// Master plus CPO seats plus the EAT and the EMS (present once there are two teams).
    fn all_scaled_seats(&self) -> u64 {
        2 * self.roles + if self.teams >= 2 { 2 } else { 0 }
    }
}

/// Curve data for N = 1..=`upto` at one fan-out, and the same as plot points (log10 of the
/// values when the log scale is on, leaving out values ≤ 0).
pub struct Charts {
    pub upto: usize,
    pub fanout: usize,
    pub log: bool,
    /// One point per sampled N, ascending; the last is N = `upto`.
    pub points: Vec<ChartPoint>,
    levels: Vec<PlotPoint>,
    hierarchical: Vec<PlotPoint>,
    all_to_all: Vec<PlotPoint>,
    roles: Vec<PlotPoint>,
    all_seats: Vec<PlotPoint>,
    /// People in Scaled Daily Scrums: one line per level, deep levels summed in one line.
    sds: Vec<(String, Vec<PlotPoint>)>,
}

/// The sum of `seats` (level 1 first) over the levels in `levels`, if the org has any of them.
fn level_sum(seats: &[u64], levels: &std::ops::Range<usize>) -> Option<u64> {
    let part = seats.get(levels.start..levels.end.min(seats.len()))?;
    (!part.is_empty()).then(|| part.iter().sum())
}

/// The lines of the SDS chart for an org `depth` levels deep: their names and the levels each
/// sums (0 = level 1). Up to [`SDS_OWN_LINES`] + 1 levels each get a line; deeper orgs show the
/// first [`SDS_OWN_LINES`] on their own and the rest together, so the chart keeps few lines.
fn sds_lines(depth: usize) -> Vec<(String, std::ops::Range<usize>)> {
    if depth <= SDS_OWN_LINES + 1 {
        return (0..depth)
            .map(|l| (format!("level {}", l + 1), l..l + 1))
            .collect();
    }
    let mut lines: Vec<_> = (0..SDS_OWN_LINES)
        .map(|l| (format!("level {}", l + 1), l..l + 1))
        .collect();
    lines.push((
        format!("levels {}-{depth}", SDS_OWN_LINES + 1),
        SDS_OWN_LINES..depth,
    ));
    lines
}

/// Sampled N: every N up to [`DENSE_UPTO`], then evenly spaced, always ending at `upto`.
fn sample_ns(upto: usize) -> Vec<u64> {
    let mut ns: Vec<u64> = (1..=upto.min(DENSE_UPTO) as u64).collect();
    if upto > DENSE_UPTO {
        let span = (upto - DENSE_UPTO) as f64;
        for i in 1..=SPARSE_POINTS {
            let n = DENSE_UPTO as u64 + (span * i as f64 / SPARSE_POINTS as f64).round() as u64;
            if ns.last() != Some(&n) {
                ns.push(n);
            }
        }
    }
    ns
}

impl Charts {
    fn new(upto: usize, fanout: usize, log: bool) -> Self {
        let policy = policy_for(fanout);
        let points: Vec<ChartPoint> = sample_ns(upto)
            .into_iter()
            .map(|n| ChartPoint::at(n, fanout as u64, policy))
            .collect();
        let series = |f: &dyn Fn(&ChartPoint) -> Option<u64>| -> Vec<PlotPoint> {
            points
                .iter()
                .filter_map(|p| Some((p.teams as f64, f(p)? as f64)))
                .filter_map(|(x, y)| scale(y, log).map(|y| PlotPoint::new(x, y)))
                .collect()
        };
        let depth = points.last().map_or(0, |p| p.levels as usize);
        let sds = sds_lines(depth)
            .into_iter()
            .map(|(name, levels)| {
                let line = series(&|p| level_sum(&p.sds_seats_per_level, &levels));
                (name, line)
            })
            .collect();
        Charts {
            upto,
            fanout,
            log,
            levels: series(&|p| Some(u64::from(p.levels))),
            hierarchical: series(&|p| Some(p.paths_hierarchical)),
            all_to_all: series(&|p| Some(p.paths_all_to_all)),
            roles: series(&|p| Some(p.roles)),
            all_seats: series(&|p| Some(p.all_scaled_seats())),
            sds,
            points,
        }
    }

    /// The values at N = `upto`.
    pub fn current(&self) -> Option<&ChartPoint> {
        self.points.last()
    }
}

/// A value as plotted: itself, or its log10 (none for values ≤ 0, which a log axis cannot show).
fn scale(y: f64, log: bool) -> Option<f64> {
    if !log {
        Some(y)
    } else if y > 0.0 {
        Some(y.log10())
    } else {
        None
    }
}

/// A plotted value back in its own units.
fn unscale(y: f64, log: bool) -> f64 {
    if log { 10f64.powf(y) } else { y }
}

/// Axis label of a log10 value: 10^x at whole powers, nothing in between.
fn log_tick(mark: GridMark) -> String {
    let v = mark.value;
    if (v - v.round()).abs() > 1e-9 {
        String::new()
    } else {
        match v.round() as i32 {
            0 => "1".to_string(),
            1 => "10".to_string(),
            e => format!("10^{e}"),
        }
    }
}

/// Thousands separators for hover labels.
fn thousands(v: f64) -> String {
    let n = v.round().max(0.0) as u64;
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What the grown org was grown from and to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    teams: usize,
    params: Params,
    /// The design's revision when starting from it.
    start: Option<u64>,
}

/// A grown org with everything the view shows of it.
struct Outcome {
    key: Key,
    /// Teams the growth added to its start.
    added: usize,
    grown: Result<(Grown, Stats, Picture), GrowthError>,
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
    result: Option<Outcome>,
    charts: Option<Charts>,
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
            result: None,
            charts: None,
            chart_overhead: 4.0 * 90.0,
        }
    }
}

impl GrowthView {
    /// The grown org shown (after the last frame), if growth succeeded.
    pub fn current(&self) -> Option<&Grown> {
        self.grown_parts().map(|(g, _, _)| g)
    }

    /// Statistics of the grown org shown.
    pub fn current_stats(&self) -> Option<&Stats> {
        self.grown_parts().map(|(_, s, _)| s)
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
            .is_some_and(|r| r.grown.is_ok() && (r.key.start.is_none() || r.added > 0))
    }

    /// A short note for the panels that still describe the design while the view shows a grown
    /// org, e.g. "Showing the design, not the grown org (60 teams) of the Growth view"; `None`
    /// when the view shows nothing but the design.
    pub fn grown_note(&self) -> Option<String> {
        let teams = self
            .current()
            .filter(|_| self.showing_grown())?
            .org
            .teams()
            .len();
        Some(format!(
            "Showing the design, not the grown org ({} team{}) of the Growth view",
            thousands(teams as f64),
            if teams == 1 { "" } else { "s" }
        ))
    }

    fn grown_parts(&self) -> Option<&(Grown, Stats, Picture)> {
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

    /// Regrow and rebuild the charts if their inputs changed; nothing otherwise.
    fn refresh(&mut self, design: &super::document::Document) {
        let key = Key {
            teams: self.shown_teams(),
            params: self.params(),
            start: (self.start == Start::Design).then(|| design.revision()),
        };
        if self.result.as_ref().is_none_or(|r| r.key != key) {
            let (grown, before) = match self.start {
                Start::Empty => (
                    growth::grow_from_empty("Grown organisation", key.teams, key.params),
                    0,
                ),
                Start::Design => (
                    growth::grow(design.org(), key.teams, key.params),
                    design.org().teams().len(),
                ),
            };
            let grown = grown.map(|g| {
                let stats = Stats::of(&g.org);
                let picture = Picture::new(&g.org);
                (g, stats, picture)
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
    }

    /// The Step button: one team more. On the way to the target (paused) it advances the
    /// shown count; otherwise it raises the target by one.
    pub fn step(&mut self) {
        self.playing = false;
        match self.frame {
            Some(f) if f + 1 < self.teams => self.frame = Some(f + 1),
            Some(_) => self.frame = None,
            None => self.teams = (self.teams + 1).min(MAX_TEAMS),
        }
    }

    /// Start playing: from the start (`min` teams), unless paused on the way to the target.
    fn play(&mut self, now: f64, min: usize) {
        if self.frame.is_none_or(|f| f >= self.teams) {
            self.frame = Some(min);
        }
        self.playing = true;
        self.last_step = now;
    }

    /// Keep the shown count within `min` and the target after the controls changed either.
    fn reconcile(&mut self, min: usize) {
        if let Some(f) = self.frame {
            let looping = self.playing && self.looping && self.teams > min;
            // A loop shows the target for a step; otherwise the target is shown as itself.
            if f > self.teams || (f == self.teams && !looping) {
                if looping {
                    self.frame = Some(min);
                } else {
                    self.frame = None;
                    self.playing = false;
                }
            } else if f < min {
                self.frame = Some(min);
            }
        }
        if self.teams <= min && self.playing {
            self.playing = false;
            self.frame = None;
        }
    }

    /// Advance the animation by the teams due since the last step, and ask for a frame when the
    /// next one is due. Play stops exactly at the target, or starts again from `min` when
    /// looping.
    fn animate(&mut self, ui: &Ui, min: usize) {
        if !self.playing {
            return;
        }
        let now = ui.input(|i| i.time);
        let interval = 1.0 / self.speed.max(0.1);
        let due = ((now - self.last_step) / interval).floor();
        if due >= 1.0 {
            self.last_step += due * interval;
            let at = self.frame.unwrap_or(min).max(min);
            let next = at.saturating_add(due as usize);
            if next < self.teams {
                self.frame = Some(next);
            } else if !self.looping {
                // Exactly the target, however many teams were due.
                self.frame = None;
                self.playing = false;
                return;
            } else if at < self.teams {
                // A loop shows the target too before it starts again.
                self.frame = Some(self.teams);
            } else {
                self.frame = Some(min);
            }
        }
        let wait = (self.last_step + interval - now).max(0.0);
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(wait));
    }

    /// Show the view filling `ui`. Returns the command that adds the grown part to the design
    /// when the user applied it.
    pub fn ui(&mut self, ui: &mut Ui, design: &super::document::Document) -> Option<Command> {
        let min = self.min_teams(design);
        self.teams = self.teams.clamp(min, MAX_TEAMS);
        self.reconcile(min);
        self.animate(ui, min);
        let mut apply = None;
        egui::Panel::top("growth_controls").show(ui, |ui| apply = self.controls(ui, design, min));
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
        apply
    }

    fn controls(
        &mut self,
        ui: &mut Ui,
        design: &super::document::Document,
        min: usize,
    ) -> Option<Command> {
        let mut apply = None;
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Teams");
            ui.add(
                Slider::new(&mut self.teams, min..=MAX_TEAMS)
                    .logarithmic(true)
                    .show_value(false),
            )
            .labelled_by(label.id)
            .on_hover_text("The number of teams to grow to; Play grows up to it");
            ui.add(DragValue::new(&mut self.teams).range(min..=MAX_TEAMS))
                .labelled_by(label.id);
            ui.separator();
            let label = ui.label("Fan-out");
            ui.add(DragValue::new(&mut self.fanout).range({
                let k = crate::model::FANOUT;
                *k.start() as usize..=*k.end() as usize
            }))
            .labelled_by(label.id)
            .on_hover_text("Members per group; 2 adds groups without splitting (append)");
            let label = ui.label("Team size");
            ui.add(DragValue::new(&mut self.team_size).range(3..=20))
                .labelled_by(label.id)
                .on_hover_text("People per generated team: PO, SM and developers");
            ui.separator();
            ui.label("Start from");
            ui.selectable_value(&mut self.start, Start::Empty, "Empty org");
            ui.selectable_value(&mut self.start, Start::Design, "My design")
                .on_hover_text("Grow the design you are editing");
        });
        ui.horizontal_wrapped(|ui| {
            let now = ui.input(|i| i.time);
            if self.playing {
                if ui
                    .button("Pause")
                    .on_hover_text("Stop adding teams here; Play goes on from here")
                    .clicked()
                {
                    self.playing = false;
                }
            } else {
                let from = if self.frame.is_some() {
                    "from here".to_string()
                } else {
                    format!("from {min} team{}", if min == 1 { "" } else { "s" })
                };
                if ui
                    .add_enabled(self.teams > min, Button::new("Play"))
                    .on_hover_text(format!(
                        "Grow {from} to the target of {} teams, one team at a time",
                        thousands(self.teams as f64)
                    ))
                    .on_disabled_hover_text("Ask for more teams to play their growth")
                    .clicked()
                {
                    self.play(now, min);
                }
            }
            ui.checkbox(&mut self.looping, "Loop")
                .on_hover_text("When Play reaches the target, start again from the beginning");
            let more = self.frame.is_some() || self.teams < MAX_TEAMS;
            if ui
                .add_enabled(more, Button::new("Step"))
                .on_hover_text("Add one team")
                .clicked()
            {
                self.step();
            }
            let label = ui.label("Teams per second");
            ui.add(
                DragValue::new(&mut self.speed)
                    .range(1.0..=100.0)
                    .speed(0.2),
            )
            .labelled_by(label.id);
            ui.separator();
            let have = design.org().teams().len();
            let why_not = if self.start == Start::Empty {
                Some("Start from \"My design\" to grow the design you are editing".to_string())
            } else if let Some(f) = self.frame {
                Some(format!(
                    "Showing {f} of the target's {} teams: let Play reach the target first",
                    self.teams
                ))
            } else if self.teams <= have {
                Some(format!(
                    "Your design has {have} teams; ask for more to add some"
                ))
            } else {
                None
            };
            let button = ui
                .add_enabled(why_not.is_none(), Button::new("Apply to my design"))
                .on_hover_text("Add the grown teams and groups to the design as one undoable step");
            let button = match &why_not {
                Some(w) => button.on_disabled_hover_text(w),
                None => button,
            };
            if button.clicked() {
                apply = self.apply_command(design);
            }
        });
        ui.add_space(2.0);
        apply
    }

    /// The grown part as one batch, when the current result grew the design at its revision.
    fn apply_command(&mut self, design: &super::document::Document) -> Option<Command> {
        let r = self.result.as_ref()?;
        if r.key.start != Some(design.revision())
            || r.key.teams != self.teams
            || self.frame.is_some()
        {
            return None;
        }
        let (grown, _, _) = r.grown.as_ref().ok()?;
        self.playing = false;
        Some(Command::Batch {
            label: format!("Grow to {} teams", self.teams),
            commands: grown.commands.clone(),
        })
    }

    /// The grown org's summary line, zoom controls and picture.
    fn picture_ui(&mut self, ui: &mut Ui) {
        let Some(r) = &self.result else {
            return;
        };
        let (grown, stats, picture) = match &r.grown {
            Ok(parts) => parts,
            Err(e) => {
                ui.centered_and_justified(|ui| ui.label(e.to_string()));
                return;
            }
        };
        let way = match self.frame {
            Some(_) if self.playing => format!(" (playing to {})", thousands(self.teams as f64)),
            Some(_) => format!(" (paused on the way to {})", thousands(self.teams as f64)),
            None => String::new(),
        };
        let summary = format!(
            "{} teams{way} · {} groups on {} levels · {} people · {} moves",
            thousands(stats.teams as f64),
            thousands(grown.org.groups().len() as f64),
            stats.levels,
            thousands(stats.people as f64),
            thousands(grown.moves as f64)
        );
        let mut zoom_by = None;
        let mut fit = false;
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            ui.label(summary);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add_space(6.0);
                fit = ui
                    .button("Fit")
                    .on_hover_text("Show the whole org")
                    .clicked();
                if ui.button("Zoom in").clicked() {
                    zoom_by = Some(1.25);
                }
                ui.label(format!("{:.0} %", self.view.zoom * 100.0))
                    .on_hover_text("Zoom level: wheel to zoom, drag to pan");
                if ui.button("Zoom out").clicked() {
                    zoom_by = Some(1.0 / 1.25);
                }
            });
        });
        if fit {
            self.view.auto_fit = true;
        }
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let rect = response.rect;
        let view = &mut self.view;
        if view.auto_fit {
            view.fit(picture.bounds, rect.size());
        }
        if let Some(f) = zoom_by {
            view.zoom_about(f, rect.size() / 2.0);
        }
        if response.hovered() {
            let nav = ui.input(|i| Navigation::from_events(&i.events));
            if nav.zoom != 1.0 {
                let at = ui
                    .input(|i| i.pointer.hover_pos())
                    .map_or(rect.size() / 2.0, |p| p - rect.min);
                view.zoom_about(nav.zoom, at);
            }
            if nav.pan != Vec2::ZERO {
                view.pan += nav.pan;
                view.auto_fit = false;
            }
        }
        if response.dragged() {
            view.pan += response.drag_delta();
            view.auto_fit = false;
        }
        let dark = ui.visuals().dark_mode;
        let at = |p: Pos2| rect.min + view.pan + p.to_vec2() * view.zoom;
        let hovered = response
            .hover_pos()
            .and_then(|p| picture.item_at(p, &at, view.zoom));
        picture.paint(&painter, view.zoom, &at, dark, hovered);
        key_overlay(&painter, rect, dark);
        if let Some(i) = hovered {
            let item = &picture.items[i];
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&item.full);
                ui.label(&item.detail);
            });
        }
    }

    fn charts_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.heading("Growth curves");
            ui.checkbox(&mut self.log_scale, "Log scale");
        });
        let (Some(charts), Some(stats)) = (&self.charts, self.current_stats()) else {
            return;
        };
        let log = self.log_scale;
        let n = stats.teams as f64;
        let height = ((ui.available_height() - self.chart_overhead) / 4.0).max(MIN_PLOT_HEIGHT);
        let this_org = (MARK_COLOR, "this org (exact)".to_string(), true);
        let out = egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                chart(
                    ui,
                    ("growth_levels", "Levels L(N)", "levels"),
                    &[(color(0), "L(N)".to_string(), false), this_org.clone()],
                    log,
                    height,
                    |p| {
                        p.line(Line::new("L(N)", charts.levels.as_slice()).color(color(0)));
                        mark(p, n, f64::from(stats.levels), log);
                    },
                );
                chart(
                    ui,
                    ("growth_paths", "Coordination paths", "paths"),
                    &[
                        (color(1), "all-to-all F = N(N-1)/2".to_string(), false),
                        (color(0), "hierarchical H = Σ c(c-1)/2".to_string(), false),
                        this_org.clone(),
                    ],
                    log,
                    height,
                    |p| {
                        p.line(
                            Line::new("all-to-all", charts.all_to_all.as_slice()).color(color(1)),
                        );
                        p.line(
                            Line::new("hierarchical", charts.hierarchical.as_slice())
                                .color(color(0)),
                        );
                        mark(p, n, stats.paths_all_to_all as f64, log);
                        mark(p, n, stats.paths_hierarchical as f64, log);
                    },
                );
                note(
                    ui,
                    format!(
                        "At N = {}: H = {}, F = {} ({}× fewer paths)",
                        thousands(n),
                        thousands(stats.paths_hierarchical as f64),
                        thousands(stats.paths_all_to_all as f64),
                        stats.growth.path_ratio
                    ),
                );
                chart(
                    ui,
                    ("growth_roles", "Scaled roles", "seats"),
                    &[
                        (color(0), "SoSM seats = CPO seats U(N)".to_string(), false),
                        (
                            color(1),
                            "all scaled seats 2U + EAT + EMS".to_string(),
                            false,
                        ),
                        this_org.clone(),
                    ],
                    log,
                    height,
                    |p| {
                        p.line(Line::new("U(N)", charts.roles.as_slice()).color(color(0)));
                        p.line(
                            Line::new("all scaled seats", charts.all_seats.as_slice())
                                .color(color(1)),
                        );
                        let groups = (stats.sosm_filled + stats.sosm_missing) as f64;
                        mark(p, n, groups, log);
                    },
                );
                note(
                    ui,
                    format!(
                        "At N = {}: {} SoSM and {} CPO seats filled, EAT {} members, EMS {} \
                         attendees",
                        thousands(n),
                        thousands(stats.sosm_filled as f64),
                        thousands(stats.cpo_filled as f64),
                        stats.eat_members,
                        stats.ems_attendees
                    ),
                );
                let lines = sds_lines(charts.sds.len().max(stats.sds_seats_per_level.len()));
                let mut legend: Vec<(Color32, String, bool)> = charts
                    .sds
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| (color(i), name.clone(), false))
                    .collect();
                legend.push(this_org.clone());
                chart(
                    ui,
                    (
                        "growth_sds",
                        "People in Scaled Daily Scrums per level",
                        "people",
                    ),
                    &legend,
                    log,
                    height,
                    |p| {
                        for (i, (name, s)) in charts.sds.iter().enumerate() {
                            p.line(Line::new(name.as_str(), s.as_slice()).color(color(i)));
                        }
                        let grown: Vec<u64> = stats
                            .sds_seats_per_level
                            .iter()
                            .map(|s| *s as u64)
                            .collect();
                        for (_, levels) in &lines {
                            if let Some(seats) = level_sum(&grown, levels) {
                                mark(p, n, seats as f64, log);
                            }
                        }
                    },
                );
            });
        let overhead = out.content_size.y - 4.0 * height;
        if (overhead - self.chart_overhead).abs() > 0.5 {
            self.chart_overhead = overhead;
            ui.ctx().request_repaint();
        }
    }
}

/// A line of small print under a chart.
fn note(ui: &mut Ui, text: String) {
    ui.add(egui::Label::new(RichText::new(text).size(12.0)).wrap());
}

/// The legend of a chart as a row of its own above the plot, so it never covers the data: a
/// short line (or a dot, for markers) in each series' colour and its name.
fn legend_row(ui: &mut Ui, items: &[(Color32, String, bool)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (color, text, dot) in items {
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 12.0), Sense::hover());
            if *dot {
                ui.painter().circle_filled(rect.center(), 4.0, *color);
            } else {
                ui.painter().line_segment(
                    [rect.left_center(), rect.right_center()],
                    Stroke::new(2.5, *color),
                );
            }
            ui.label(RichText::new(text).size(12.0));
            ui.add_space(8.0);
        }
    });
}

/// Grid marks for a count axis: labelled ones 1, 2 or 5 × 10^k apart (whole numbers) and at
/// least `spacing` points apart, so that egui_plot, which hides labels closer than its label
/// spacing, shows every one at any plot size; four unlabelled lines between.
fn count_marks(spacing: f64) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input: GridInput| {
        let (lo, hi) = input.bounds;
        if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || input.base_step_size <= 0.0 {
            return Vec::new();
        }
        let per_point = input.base_step_size / f64::from(GRID_MIN_SPACING);
        let major = nice_step(per_point * spacing).max(1.0);
        let minor = major / 5.0;
        let first = (lo / minor).ceil() as i64;
        let last = (hi / minor).floor() as i64;
        (first..=last)
            .map(|i| GridMark {
                value: i as f64 * minor,
                step_size: if i % 5 == 0 { major } else { minor },
            })
            .collect()
    }
}

/// The smallest of 1, 2, 5 × 10^k that is at least `at_least`.
fn nice_step(at_least: f64) -> f64 {
    if !at_least.is_finite() || at_least <= 0.0 {
        return 1.0;
    }
    let decade = 10f64.powf(at_least.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|s| *s >= at_least * (1.0 - 1e-9))
        .unwrap_or(10.0 * decade)
}

/// Axis label of a count: whole, non-negative values with thousands separators, nothing else.
fn count_tick(mark: GridMark) -> String {
    let v = mark.value;
    if v < -1e-9 || (v - v.round()).abs() > 1e-9 {
        String::new()
    } else {
        thousands(v)
    }
}

/// One chart: its title, its legend on a row of its own, and the plot with hover values, x ticks
/// that always show and, on the log scale, 10^x axis labels. Zoom and drag are off so the plot
/// always shows N = 1 to the current N.
fn chart<'a>(
    ui: &mut Ui,
    (id, title, quantity): (&str, &str, &'static str),
    legend: &[(Color32, String, bool)],
    log: bool,
    height: f32,
    add: impl FnOnce(&mut egui_plot::PlotUi<'a>) + 'a,
) {
    ui.label(RichText::new(title).strong());
    legend_row(ui, legend);
    let mut plot = Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .grid_spacing(Rangef::new(GRID_MIN_SPACING, 300.0))
        .x_grid_spacer(count_marks(X_LABEL_SPACING))
        .x_axis_formatter(|mark, _| count_tick(mark))
        .x_axis_label("teams N")
        .include_x(0.0)
        // Room above the highest value so its marker is not cut by the frame.
        .set_margin_fraction(vec2(0.03, 0.12))
        .y_axis_min_width(44.0)
        .label_formatter(move |hover: &HoverPosition<'_>| {
            let p = match hover {
                HoverPosition::NearDataPoint { position, .. } => position,
                HoverPosition::Elsewhere { position } => position,
            };
            Some(format!(
                "N = {}, {quantity} = {}",
                thousands(p.x),
                thousands(unscale(p.y, log))
            ))
        });
    if log {
        plot = plot.y_axis_formatter(|mark, _| log_tick(mark));
    } else {
        plot = plot
            .include_y(0.0)
            .y_grid_spacer(count_marks(Y_LABEL_SPACING))
            .custom_y_axes(vec![
                egui_plot::AxisHints::new_y()
                    .label_spacing(14.0..=18.0)
                    .min_thickness(44.0)
                    .formatter(|mark, _| count_tick(mark)),
            ]);
    }
    plot.show(ui, add);
    ui.add_space(4.0);
}

/// Line colours; the marker of the grown org's values is red.
fn color(i: usize) -> Color32 {
    const PALETTE: [Color32; 6] = [
        Color32::from_rgb(70, 130, 220),
        Color32::from_rgb(230, 150, 40),
        Color32::from_rgb(80, 170, 90),
        Color32::from_rgb(160, 100, 200),
        Color32::from_rgb(40, 170, 180),
        Color32::from_rgb(150, 150, 150),
    ];
    PALETTE[i % PALETTE.len()]
}

/// Colour of the marker of the grown org's exact values.
const MARK_COLOR: Color32 = Color32::from_rgb(220, 60, 60);

/// Mark the grown org's exact value at N.
fn mark(p: &mut egui_plot::PlotUi<'_>, n: f64, value: f64, log: bool) {
    if let Some(y) = scale(value, log) {
        p.points(
            Points::new("this org (exact)", vec![[n, y]])
                .radius(4.0)
                .color(MARK_COLOR),
        );
    }
}

/// Zoom and pan of the picture. Until the user zooms or pans it fits the whole org, also while
/// it grows; *Fit* goes back to that.
struct PictureView {
    zoom: f32,
    /// Screen offset of the layout's origin from the picture's top-left corner.
    pan: Vec2,
    auto_fit: bool,
}

impl Default for PictureView {
    fn default() -> Self {
        PictureView {
            zoom: 1.0,
            pan: Vec2::ZERO,
            auto_fit: true,
        }
    }
}

impl PictureView {
    fn fit(&mut self, bounds: Rect, size: Vec2) {
        let margin = 24.0;
        if size.x <= 2.0 * margin || size.y <= 2.0 * margin || bounds.area() <= 0.0 {
            return;
        }
        self.zoom = ((size.x - 2.0 * margin) / bounds.width())
            .min((size.y - 2.0 * margin) / bounds.height())
            .clamp(ZOOM_MIN, 1.0);
        self.pan = (size - bounds.size() * self.zoom) / 2.0 - bounds.min.to_vec2() * self.zoom;
    }

    /// Zoom by `factor` keeping the point `at` (relative to the picture's corner) in place.
    fn zoom_about(&mut self, factor: f32, at: Vec2) {
        let zoom = (self.zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX);
        let f = zoom / self.zoom;
        self.pan = at - (at - self.pan) * f;
        self.zoom = zoom;
        self.auto_fit = false;
    }
}

/// What a shape of the picture stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Team,
    Group(u32),
    Eat,
    Ems,
}

/// One shape of the picture, in layout units.
struct Item {
    kind: Kind,
    center: Pos2,
    /// Half width and height; the radius of a pentagon or circle.
    half: Vec2,
    /// Radius of the circle around `center` that holds this item and all below it.
    reach: f32,
    /// Label texts, longest first: the full name, then shorter forms for tight spaces.
    names: Vec<String>,
    /// Full name and counts, for the hover text and close-up labels.
    full: String,
    detail: String,
}

/// The grown org as the view draws it: the fractal layout's shapes and links, and what each
/// shape is called.
struct Picture {
    items: Vec<Item>,
    links: Vec<(usize, usize)>,
    bounds: Rect,
    /// Items in label priority: top groups first, level by level down, then teams.
    order: Vec<usize>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(n as f64),
        if n == 1 { one } else { many }
    )
}

/// A group's name without its level word ("Payments 2 SoS" gives "Payments 2").
fn without_level(name: &str, level: u32) -> Option<String> {
    let suffix = format!(" {}", Structure::level_label(level));
    name.strip_suffix(&suffix)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Label texts, longest first, without repeats.
fn candidates(forms: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in forms {
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

impl Picture {
    fn new(org: &Org) -> Self {
        let l = layout::fractal(org);
        let s = org.structure();
        let mut index: HashMap<Node, usize> = HashMap::default();
        let mut items = Vec::with_capacity(l.boxes.len());
        for (node, r) in &l.boxes {
            let (cx, cy) = r.center();
            let (kind, full, detail, names) = match node {
                Node::Team(t) => {
                    let team = &org.teams()[t];
                    let name = team.name.clone();
                    let names = candidates([
                        name.clone(),
                        ellipsis(name.clone(), 8),
                        ellipsis(name.clone(), 5),
                    ]);
                    (
                        Kind::Team,
                        name,
                        plural(team.headcount(), "person", "people"),
                        names,
                    )
                }
                Node::Group(g) => {
                    let level = s.level(*g);
                    let name = org.groups()[g].name.clone();
                    let short = without_level(&name, level).unwrap_or_else(|| name.clone());
                    let names = candidates([name.clone(), short.clone(), ellipsis(short, 8)]);
                    let groups = s.child_groups(*g).count();
                    let detail = if groups == 0 {
                        plural(s.children(*g).len(), "team", "teams")
                    } else {
                        format!(
                            "{} · {}",
                            plural(groups, "group", "groups"),
                            plural(s.teams_below(*g).len(), "team", "teams")
                        )
                    };
                    (Kind::Group(level), name, detail, names)
                }
                Node::Eat => (
                    Kind::Eat,
                    "Executive Action Team".to_string(),
                    plural(org.eat().members.len(), "member", "members"),
                    vec!["EAT".to_string()],
                ),
                Node::Ems => (
                    Kind::Ems,
                    "Executive MetaScrum".to_string(),
                    plural(org.ems().attendees.len(), "attendee", "attendees"),
                    vec!["EMS".to_string()],
                ),
            };
            index.insert(*node, items.len());
            items.push(Item {
                kind,
                center: pos2(cx, cy),
                half: vec2(r.w / 2.0, r.h / 2.0),
                reach: r.w.max(r.h) / 2.0,
                names,
                full,
                detail,
            });
        }
        let links = l
            .edges
            .iter()
            .filter_map(|e| Some((*index.get(&e.from)?, *index.get(&e.to)?)))
            .collect();
        // Reach bottom-up: a group holds its members' circles.
        let mut groups: Vec<GroupId> = org.groups().keys().copied().collect();
        groups.sort_by_key(|g| s.level(*g));
        for g in groups {
            let Some(&gi) = index.get(&Node::Group(g)) else {
                continue;
            };
            let mut reach = items[gi].reach;
            for child in s.children(g) {
                if let Some(&ci) = index.get(&Node::from(*child)) {
                    let d = (items[ci].center - items[gi].center).length();
                    reach = reach.max(d + items[ci].reach);
                }
            }
            items[gi].reach = reach;
        }
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|i| match items[*i].kind {
            Kind::Group(level) => (0, Reverse(level)),
            Kind::Team => (1, Reverse(0)),
            Kind::Eat | Kind::Ems => (2, Reverse(0)),
        });
        let b = l.bounds;
        Picture {
            items,
            links,
            bounds: Rect::from_min_size(pos2(b.x, b.y), vec2(b.w, b.h)),
            order,
        }
    }

    /// The item under the screen point `p`, if any (the smallest first).
    fn item_at(&self, p: Pos2, at: &impl Fn(Pos2) -> Pos2, zoom: f32) -> Option<usize> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                let c = at(it.center);
                let half = (it.half * zoom).max(Vec2::splat(3.0));
                match it.kind {
                    Kind::Eat | Kind::Ems => Rect::from_center_size(c, half * 2.0).contains(p),
                    _ => c.distance(p) <= half.x,
                }
            })
            .min_by(|a, b| a.1.half.x.total_cmp(&b.1.half.x))
            .map(|(i, _)| i)
    }

    /// Paint the picture: links first, trimmed to the shapes' edges so none runs under or
    /// through a shape, then the shapes, then the labels.
    fn paint(
        &self,
        painter: &Painter,
        zoom: f32,
        at: &impl Fn(Pos2) -> Pos2,
        dark: bool,
        hovered: Option<usize>,
    ) {
        let clip = painter.clip_rect();
        let mut shapes: Vec<Shape> = Vec::with_capacity(self.items.len() * 2 + self.links.len());
        let link = Stroke::new(1.3, c32(diagram::link_color(dark)));
        for &(a, b) in &self.links {
            let (ia, ib) = (&self.items[a], &self.items[b]);
            if ib.kind == Kind::Team && ib.half.x * zoom < 1.0 {
                continue;
            }
            let (pa, pb) = (at(ia.center), at(ib.center));
            if !clip.intersects(Rect::from_two_pos(pa, pb)) {
                continue;
            }
            let d = pb - pa;
            if d.length() < 1e-3 {
                continue;
            }
            let dir = d.normalized();
            let start = pa + dir * edge_distance(ia, dir, zoom);
            let end = pb - dir * edge_distance(ib, -dir, zoom);
            if (end - start).dot(dir) > 0.5 {
                shapes.push(Shape::line_segment([start, end], link));
            }
        }
        for (i, it) in self.items.iter().enumerate() {
            let c = at(it.center);
            let half = it.half * zoom;
            if !clip.intersects(Rect::from_center_size(c, half * 2.0)) {
                continue;
            }
            let hover = hovered == Some(i);
            shapes.extend(item_shapes(it, c, half, dark, hover));
        }
        painter.extend(shapes);
        self.paint_labels(painter, zoom, at, dark);
    }

    /// Names at a legible size whatever the zoom, in priority order (the EAT and EMS, then
    /// groups from the top level down, then teams). A label that would overlap one already
    /// placed, or the EAT and EMS boxes, moves beside its shape or takes a shorter form, and is
    /// left out only if none fits; the hover text always has the full name.
    fn paint_labels(&self, painter: &Painter, zoom: f32, at: &impl Fn(Pos2) -> Pos2, dark: bool) {
        let clip = painter.clip_rect().expand(60.0);
        let mut placed = Placed::default();
        self.paint_body_labels(painter, zoom, at, dark, &mut placed);
        let team_colors = diagram::colors(
            CardKind::Team {
                virtual_team: false,
            },
            dark,
        );
        // Team labels keep clear of other teams' and groups' shapes (group labels, placed
        // first, may lie over shapes: they are few and on a background of their own).
        let mut shapes = Placed::default();
        let team_r = self
            .items
            .iter()
            .find(|it| it.kind == Kind::Team)
            .map_or(0.0, |it| it.half.x * zoom);
        if team_r >= TEAM_LABEL_RADIUS {
            for (i, it) in self.items.iter().enumerate() {
                let c = at(it.center);
                if matches!(it.kind, Kind::Team | Kind::Group(_)) && clip.contains(c) {
                    shapes.add_owned(Rect::from_center_size(c, it.half * zoom * 1.6), i);
                }
            }
        }
        for &i in &self.order {
            let it = &self.items[i];
            let c = at(it.center);
            let half = it.half * zoom;
            if !clip.contains(c) {
                continue;
            }
            let style = match it.kind {
                // A group's label may take its whole cluster's width.
                Kind::Group(level) if it.reach * zoom >= 18.0 => LabelStyle {
                    size: (14.0 * zoom).clamp(12.0, 18.0),
                    room: 1.8 * it.reach * zoom,
                    fill: c32(diagram::level_accent(level)),
                    text: Color32::WHITE,
                    stroke: Stroke::new(1.0, Color32::from_white_alpha(90)),
                },
                // A team's a little more than its pentagon.
                Kind::Team if half.x >= TEAM_LABEL_RADIUS => LabelStyle {
                    size: (12.0 * zoom).clamp(11.0, 15.0),
                    room: 3.4 * half.x,
                    fill: c32(team_colors.fill),
                    text: c32(team_colors.text),
                    stroke: Stroke::new(1.0, c32(team_colors.accent)),
                },
                _ => continue,
            };
            let font = FontId::proportional(style.size);
            'names: for name in &it.names {
                let g = painter.layout_no_wrap(name.clone(), font.clone(), style.text);
                let size = g.size() + LABEL_PAD * 2.0;
                if size.x > style.room {
                    continue;
                }
                // Close up there is room under the name for the counts.
                let detail = (half.y >= 2.4 * size.y && size.x <= 1.5 * half.x).then(|| {
                    painter.layout_no_wrap(
                        it.detail.clone(),
                        FontId::proportional(style.size * 0.85),
                        style.text,
                    )
                });
                let total = match &detail {
                    Some(d) => vec2(
                        size.x.max(d.size().x + LABEL_PAD.x * 2.0),
                        size.y + d.size().y,
                    ),
                    None => size,
                };
                // On the shape, else just below it, else just above.
                let below = vec2(0.0, half.y + total.y / 2.0 + 4.0);
                for offset in [Vec2::ZERO, below, -below] {
                    let r = Rect::from_center_size(c + offset, total);
                    if placed.hits(r) || (it.kind == Kind::Team && shapes.hits_other(r, i)) {
                        continue;
                    }
                    placed.add(r);
                    let inside = offset == Vec2::ZERO
                        && r.width() <= half.x * 1.6
                        && r.height() <= half.y * 1.2;
                    draw_label(painter, r, g, detail, &style, !inside);
                    break 'names;
                }
            }
        }
    }

    /// The EAT's and EMS's names: inside their boxes when they fit, else one label naming both
    /// beside the pair. The boxes are reserved first so no other label covers them.
    fn paint_body_labels(
        &self,
        painter: &Painter,
        zoom: f32,
        at: &impl Fn(Pos2) -> Pos2,
        dark: bool,
        placed: &mut Placed,
    ) {
        let bodies: Vec<&Item> = self
            .items
            .iter()
            .filter(|it| matches!(it.kind, Kind::Eat | Kind::Ems))
            .collect();
        if bodies.is_empty() {
            return;
        }
        let rects: Vec<Rect> = bodies
            .iter()
            .map(|it| Rect::from_center_size(at(it.center), it.half * zoom * 2.0))
            .collect();
        for r in &rects {
            placed.add(*r);
        }
        let style = |kind: Kind| {
            let c = diagram::colors(
                if kind == Kind::Eat {
                    CardKind::Eat
                } else {
                    CardKind::Ems
                },
                dark,
            );
            LabelStyle {
                size: (13.0 * zoom).clamp(11.0, 16.0),
                room: f32::INFINITY,
                fill: c32(c.fill),
                text: c32(c.text),
                stroke: Stroke::new(1.0, c32(c.accent)),
            }
        };
        let fits = bodies.iter().zip(&rects).all(|(it, r)| {
            let s = style(it.kind);
            let g =
                painter.layout_no_wrap(it.names[0].clone(), FontId::proportional(s.size), s.text);
            g.size().x + 4.0 <= r.width() && g.size().y <= r.height()
        });
        if fits {
            for (it, r) in bodies.iter().zip(&rects) {
                let s = style(it.kind);
                let font = FontId::proportional(s.size);
                let g = painter.layout_no_wrap(it.names[0].clone(), font, s.text);
                let detail = (r.height() >= 2.6 * g.size().y).then(|| {
                    painter.layout_no_wrap(
                        it.detail.clone(),
                        FontId::proportional(s.size * 0.85),
                        s.text,
                    )
                });
                let h =
                    g.size().y + detail.as_ref().map_or(0.0, |d| d.size().y) + 2.0 * LABEL_PAD.y;
                let label = Rect::from_center_size(r.center(), vec2(r.width(), h));
                draw_label(painter, label, g, detail, &s, false);
            }
            return;
        }
        let s = style(Kind::Eat);
        let names: Vec<&str> = bodies.iter().map(|it| it.names[0].as_str()).collect();
        let g = painter.layout_no_wrap(names.join(" · "), FontId::proportional(s.size), s.text);
        let size = g.size() + LABEL_PAD * 2.0;
        let pair = rects.iter().fold(Rect::NOTHING, |a, b| a.union(*b));
        let below = vec2(0.0, pair.height() / 2.0 + size.y / 2.0 + 4.0);
        for offset in [below, -below] {
            let r = Rect::from_center_size(pair.center() + offset, size);
            if !placed.hits(r) {
                placed.add(r);
                draw_label(painter, r, g, None, &s, true);
                return;
            }
        }
    }
}

/// Inner margin of a label's background.
const LABEL_PAD: Vec2 = vec2(5.0, 1.5);

/// How one kind of label looks and how wide it may be.
struct LabelStyle {
    size: f32,
    room: f32,
    fill: Color32,
    text: Color32,
    stroke: Stroke,
}

/// A name (and counts under it) centred in `r`, on a background when it sticks out of its shape.
fn draw_label(
    painter: &Painter,
    r: Rect,
    name: std::sync::Arc<egui::Galley>,
    detail: Option<std::sync::Arc<egui::Galley>>,
    style: &LabelStyle,
    background: bool,
) {
    if background {
        painter.rect(
            r,
            CornerRadius::same(4),
            style.fill,
            style.stroke,
            StrokeKind::Inside,
        );
    }
    let height = name.size().y + detail.as_ref().map_or(0.0, |d| d.size().y);
    let top = r.center() - vec2(0.0, height / 2.0);
    let name_h = name.size().y;
    painter.galley(top - vec2(name.size().x / 2.0, 0.0), name, style.text);
    if let Some(d) = detail {
        painter.galley(top + vec2(-d.size().x / 2.0, name_h), d, style.text);
    }
}

/// Distance from an item's centre to its outline in direction `dir`, on screen.
fn edge_distance(it: &Item, dir: Vec2, zoom: f32) -> f32 {
    let half = it.half * zoom;
    match it.kind {
        Kind::Eat | Kind::Ems => {
            let tx = if dir.x.abs() > 1e-6 {
                half.x / dir.x.abs()
            } else {
                f32::INFINITY
            };
            let ty = if dir.y.abs() > 1e-6 {
                half.y / dir.y.abs()
            } else {
                f32::INFINITY
            };
            tx.min(ty)
        }
        // A pentagon's edge lies between its inner and outer radius.
        Kind::Team => half.x * 0.9,
        Kind::Group(_) => half.x,
    }
}

/// The outline of one item at screen centre `c` with screen half size `half`.
fn item_shapes(it: &Item, c: Pos2, half: Vec2, dark: bool, hover: bool) -> Vec<Shape> {
    let highlight = Stroke::new(2.5, c32(diagram::SELECTION));
    match it.kind {
        Kind::Team => {
            let colors = diagram::colors(
                CardKind::Team {
                    virtual_team: false,
                },
                dark,
            );
            let r = half.x;
            if r < 2.0 {
                return vec![Shape::circle_filled(c, r.max(0.8), c32(colors.accent))];
            }
            let points = super::cards::pentagon(c, r);
            let stroke = if hover {
                highlight
            } else {
                Stroke::new(1.0, c32(colors.accent))
            };
            vec![Shape::convex_polygon(points, c32(colors.fill), stroke)]
        }
        Kind::Group(level) => {
            let accent = c32(diagram::level_accent(level));
            let r = half.x.max(1.0);
            let stroke = if hover {
                highlight
            } else {
                Stroke::new(1.0, accent.gamma_multiply(0.6))
            };
            vec![
                Shape::circle_filled(c, r, accent.gamma_multiply(0.9)),
                Shape::circle_stroke(c, r, stroke),
            ]
        }
        Kind::Eat | Kind::Ems => {
            let kind = if it.kind == Kind::Eat {
                CardKind::Eat
            } else {
                CardKind::Ems
            };
            let colors = diagram::colors(kind, dark);
            let rect = Rect::from_center_size(c, (half * 2.0).max(Vec2::splat(2.0)));
            let stroke = if hover {
                highlight
            } else {
                Stroke::new(1.0, c32(colors.accent))
            };
            let radius = CornerRadius::same((half.y * 0.2).clamp(0.0, 6.0) as u8);
            vec![
                Shape::rect_filled(rect, radius, c32(colors.fill)),
                Shape::rect_stroke(rect, radius, stroke, StrokeKind::Inside),
            ]
        }
    }
}

/// Labels placed so far (or shapes to keep clear), each with the item it belongs to, in a coarse
/// grid for quick overlap tests.
#[derive(Default)]
struct Placed {
    rects: Vec<(Rect, usize)>,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Placed {
    const CELL: f32 = 64.0;
    /// Owner of rects that belong to no one item.
    const NOBODY: usize = usize::MAX;

    fn cells_of(r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (r.min.x / Self::CELL).floor() as i32,
            (r.max.x / Self::CELL).floor() as i32,
        );
        let (y0, y1) = (
            (r.min.y / Self::CELL).floor() as i32,
            (r.max.y / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Whether `r` (with a small margin) overlaps a rect of another owner than `me`.
    fn hits_other(&self, r: Rect, me: usize) -> bool {
        let r = r.expand(2.0);
        Self::cells_of(r).any(|cell| {
            self.cells.get(&cell).is_some_and(|v| {
                v.iter().any(|i| {
                    let (other, owner) = self.rects[*i];
                    (owner != me || me == Self::NOBODY) && other.intersects(r)
                })
            })
        })
    }

    fn hits(&self, r: Rect) -> bool {
        self.hits_other(r, Self::NOBODY)
    }

    fn add_owned(&mut self, r: Rect, owner: usize) {
        let i = self.rects.len();
        self.rects.push((r, owner));
        for cell in Self::cells_of(r) {
            self.cells.entry(cell).or_default().push(i);
        }
    }

    fn add(&mut self, r: Rect) {
        self.add_owned(r, Self::NOBODY);
    }
}

/// What the colours of the picture mean, in its bottom-left corner.
fn key_overlay(painter: &Painter, rect: Rect, dark: bool) {
    let team = diagram::colors(
        CardKind::Team {
            virtual_team: false,
        },
        dark,
    );
    let entries = [
        (c32(team.fill), c32(team.accent), "team"),
        (c32(diagram::level_accent(1)), Color32::TRANSPARENT, "SoS"),
        (c32(diagram::level_accent(2)), Color32::TRANSPARENT, "SoSoS"),
        (
            c32(diagram::level_accent(3)),
            Color32::TRANSPARENT,
            "higher levels",
        ),
    ];
    let font = FontId::proportional(12.0);
    let text = c32(diagram::colors(CardKind::Eat, dark).text);
    let galleys: Vec<_> = entries
        .iter()
        .map(|(_, _, t)| painter.layout_no_wrap(t.to_string(), font.clone(), text))
        .collect();
    let width: f32 = galleys.iter().map(|g| g.size().x + 26.0).sum::<f32>() + 8.0;
    let height = 22.0;
    let bg = Rect::from_min_size(
        rect.left_bottom() + vec2(8.0, -height - 8.0),
        vec2(width, height),
    );
    if !rect.contains_rect(bg) {
        return;
    }
    let panel = if dark {
        Color32::from_black_alpha(170)
    } else {
        Color32::from_white_alpha(210)
    };
    painter.rect_filled(bg, CornerRadius::same(5), panel);
    let mut x = bg.left() + 10.0;
    for ((fill, stroke, _), g) in entries.iter().zip(galleys) {
        let c = pos2(x + 5.0, bg.center().y);
        painter.circle(c, 5.5, *fill, Stroke::new(1.0, *stroke));
        let w = g.size().x;
        painter.galley(pos2(x + 14.0, bg.center().y - g.size().y / 2.0), g, text);
        x += w + 26.0;
    }
}
