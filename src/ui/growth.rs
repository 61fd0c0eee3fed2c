//! The Growth view: grow an org to N teams with the scale-free model (rulebook §6), watch the
//! canvas follow while teams are added, compare the closed-form curves, and apply the grown part
//! to the design as one undoable step.
//!
//! Everything costly is cached: the grown org, its document (findings, layout) and statistics per
//! (teams, fan-out, team size, start), the chart series per (teams, fan-out, log scale). A frame
//! that changes none of these only paints.

use std::time::Duration;

use egui::{Button, DragValue, RichText, Slider, Ui, UiBuilder};
use egui_plot::{Corner, GridMark, HoverPosition, Legend, Line, Plot, PlotPoint, Points};

use super::canvas::{Canvas, CanvasEvent};
use super::document::Document;
use crate::growth::{self, Grown, GrowthError, Params, Policy};
use crate::model::Command;
use crate::stats::Stats;

/// The largest org the view grows.
pub const MAX_TEAMS: usize = 10_000;
/// Every N up to this many teams is a point of the curves; above it they are sampled evenly.
const DENSE_UPTO: usize = 400;
/// Points of the sampled part of a curve.
const SPARSE_POINTS: usize = 400;
/// Key of the growth canvas' zoom and pan.
const CANVAS_ID: &str = "orgscale_growth_canvas";

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
    sds: Vec<Vec<PlotPoint>>,
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
        let sds = (0..depth)
            .map(|l| series(&|p| p.sds_seats_per_level.get(l).copied()))
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
    grown: Result<(Grown, Document, Stats), GrowthError>,
}

/// The Growth view's state and caches.
pub struct GrowthView {
    /// Target number of teams.
    pub teams: usize,
    pub fanout: usize,
    pub team_size: usize,
    pub start: Start,
    pub log_scale: bool,
    /// Teams added per second while playing.
    pub speed: f64,
    playing: bool,
    /// Time (egui's clock) of the last step while playing.
    last_step: f64,
    canvas: Canvas,
    result: Option<Outcome>,
    charts: Option<Charts>,
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
            playing: false,
            last_step: 0.0,
            canvas: Canvas::with_view_id(CANVAS_ID),
            result: None,
            charts: None,
        }
    }
}

impl GrowthView {
    /// The grown org for the current settings (after the last frame), if growth succeeded.
    pub fn current(&self) -> Option<&Grown> {
        self.grown_parts().map(|(g, _, _)| g)
    }

    /// Statistics of the grown org.
    pub fn current_stats(&self) -> Option<&Stats> {
        self.grown_parts().map(|(_, _, s)| s)
    }

    /// The chart series (after the last frame).
    pub fn charts(&self) -> Option<&Charts> {
        self.charts.as_ref()
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    fn grown_parts(&self) -> Option<&(Grown, Document, Stats)> {
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
    fn min_teams(&self, design: &Document) -> usize {
        match self.start {
            Start::Empty => 1,
            Start::Design => design.org().teams().len().clamp(1, MAX_TEAMS),
        }
    }

    /// Regrow and rebuild the charts if their inputs changed; nothing otherwise.
    fn refresh(&mut self, design: &Document) {
        let key = Key {
            teams: self.teams,
            params: self.params(),
            start: (self.start == Start::Design).then(|| design.revision()),
        };
        if self.result.as_ref().is_none_or(|r| r.key != key) {
            let grown = match self.start {
                Start::Empty => {
                    growth::grow_from_empty("Grown organisation", key.teams, key.params)
                }
                Start::Design => growth::grow(design.org(), key.teams, key.params),
            }
            .map(|g| {
                // The guide's picture of scale-free growth: pentagons ringing their groups.
                let mut doc = Document::new(g.org.clone(), None);
                doc.set_style(crate::layout::Style::Fractal);
                let stats = Stats::of(&g.org);
                (g, doc, stats)
            });
            self.result = Some(Outcome { key, grown });
            self.canvas.request_fit();
        }
        let stale = self
            .charts
            .as_ref()
            .is_none_or(|c| (c.upto, c.fanout, c.log) != (self.teams, self.fanout, self.log_scale));
        if stale {
            self.charts = Some(Charts::new(self.teams, self.fanout, self.log_scale));
        }
    }

    /// Add one team (the Step button).
    pub fn step(&mut self) {
        self.teams = (self.teams + 1).min(MAX_TEAMS);
    }

    /// Advance the animation by the teams due since the last step, and ask for a frame when the
    /// next one is due. Stops at [`MAX_TEAMS`].
    fn animate(&mut self, ui: &Ui) {
        if !self.playing {
            return;
        }
        let now = ui.input(|i| i.time);
        let interval = 1.0 / self.speed;
        let due = ((now - self.last_step) / interval).floor();
        if due >= 1.0 {
            self.teams = (self.teams + due as usize).min(MAX_TEAMS);
            self.last_step += due * interval;
        }
        if self.teams >= MAX_TEAMS {
            self.playing = false;
        } else {
            let wait = (self.last_step + interval - now).max(0.0);
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(wait));
        }
    }

    /// Show the view filling `ui`. Returns the command that adds the grown part to the design
    /// when the user applied it.
    pub fn ui(&mut self, ui: &mut Ui, design: &Document) -> Option<Command> {
        let min = self.min_teams(design);
        self.teams = self.teams.clamp(min, MAX_TEAMS);
        self.animate(ui);
        let mut apply = None;
        egui::Panel::top("growth_controls").show(ui, |ui| apply = self.controls(ui, design, min));
        self.refresh(design);
        egui::Panel::right("growth_charts")
            .resizable(true)
            .default_size(ui.available_width() * 0.42)
            .min_size(260.0)
            .show(ui, |ui| self.charts_ui(ui));
        let rect = ui.available_rect_before_wrap();
        ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| self.canvas_ui(ui));
        apply
    }

    fn controls(&mut self, ui: &mut Ui, design: &Document, min: usize) -> Option<Command> {
        let mut apply = None;
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Teams");
            ui.add(
                Slider::new(&mut self.teams, min..=MAX_TEAMS)
                    .logarithmic(true)
                    .show_value(false),
            )
            .labelled_by(label.id);
            ui.add(DragValue::new(&mut self.teams).range(min..=MAX_TEAMS))
                .labelled_by(label.id);
            ui.separator();
            let label = ui.label("Fan-out");
            ui.add(DragValue::new(&mut self.fanout).range(2..=12))
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
            if ui
                .add_enabled(!self.playing && self.teams < MAX_TEAMS, Button::new("Play"))
                .on_hover_text("Add teams one by one")
                .clicked()
            {
                self.playing = true;
                self.last_step = ui.input(|i| i.time);
            }
            if ui.add_enabled(self.playing, Button::new("Pause")).clicked() {
                self.playing = false;
            }
            if ui
                .add_enabled(self.teams < MAX_TEAMS, Button::new("Step"))
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
    fn apply_command(&mut self, design: &Document) -> Option<Command> {
        let r = self.result.as_ref()?;
        if r.key.start != Some(design.revision()) || r.key.teams != self.teams {
            return None;
        }
        let (grown, _, _) = r.grown.as_ref().ok()?;
        self.playing = false;
        Some(Command::Batch {
            label: format!("Grow to {} teams", self.teams),
            commands: grown.commands.clone(),
        })
    }

    fn canvas_ui(&mut self, ui: &mut Ui) {
        let Some(r) = &self.result else {
            return;
        };
        match &r.grown {
            Ok((grown, doc, stats)) => {
                ui.horizontal(|ui| {
                    ui.add_space(8.0);
                    ui.label(format!(
                        "{} teams · {} groups on {} levels · {} people · {} moves",
                        stats.teams,
                        doc.org().groups().len(),
                        stats.levels,
                        stats.people,
                        grown.moves
                    ));
                });
                let events = self.canvas.show(ui, doc);
                for e in events {
                    match e {
                        CanvasEvent::Select(n) => self.canvas.set_selection(Some(n)),
                        CanvasEvent::ClearSelection => self.canvas.set_selection(None),
                        // The grown org is a preview: it is changed only by growing it again.
                        CanvasEvent::Apply(_) | CanvasEvent::Refused(_) => {}
                    }
                }
            }
            Err(e) => {
                ui.centered_and_justified(|ui| ui.label(e.to_string()));
            }
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
        let n = self.teams as f64;
        let height = ((ui.available_height() - 4.0 * 40.0) / 4.0).max(110.0);
        egui::ScrollArea::vertical().show(ui, |ui| {
            chart(
                ui,
                "growth_levels",
                "Levels L(N)",
                "levels",
                log,
                height,
                |p| {
                    p.line(Line::new("L(N)", charts.levels.as_slice()).color(color(0)));
                    mark(p, n, f64::from(stats.levels), log);
                },
            );
            chart(
                ui,
                "growth_paths",
                "Coordination paths",
                "paths",
                log,
                height,
                |p| {
                    p.line(
                        Line::new("all-to-all F = N(N-1)/2", charts.all_to_all.as_slice())
                            .color(color(1)),
                    );
                    p.line(
                        Line::new(
                            "hierarchical H = Σ c(c-1)/2",
                            charts.hierarchical.as_slice(),
                        )
                        .color(color(0)),
                    );
                    mark(p, n, stats.paths_all_to_all as f64, log);
                    mark(p, n, stats.paths_hierarchical as f64, log);
                },
            );
            ui.label(
                RichText::new(format!(
                    "At N = {}: H = {}, F = {} ({}× fewer paths)",
                    stats.teams,
                    thousands(stats.paths_hierarchical as f64),
                    thousands(stats.paths_all_to_all as f64),
                    stats.growth.path_ratio
                ))
                .small(),
            );
            chart(
                ui,
                "growth_roles",
                "Scaled roles",
                "seats",
                log,
                height,
                |p| {
                    p.line(
                        Line::new("SoSM seats = CPO seats U(N)", charts.roles.as_slice())
                            .color(color(0)),
                    );
                    p.line(
                        Line::new(
                            "all scaled seats 2U + EAT + EMS",
                            charts.all_seats.as_slice(),
                        )
                        .color(color(1)),
                    );
                    let groups = (stats.sosm_filled + stats.sosm_missing) as f64;
                    mark(p, n, groups, log);
                },
            );
            ui.label(
                RichText::new(format!(
                    "At N = {}: {} SoSM and {} CPO seats filled, EAT {} members, EMS {} attendees",
                    stats.teams,
                    stats.sosm_filled,
                    stats.cpo_filled,
                    stats.eat_members,
                    stats.ems_attendees
                ))
                .small(),
            );
            chart(
                ui,
                "growth_sds",
                "People in Scaled Daily Scrums per level",
                "people",
                log,
                height,
                |p| {
                    for (l, s) in charts.sds.iter().enumerate() {
                        p.line(Line::new(format!("level {}", l + 1), s.as_slice()).color(color(l)));
                    }
                    for seats in &stats.sds_seats_per_level {
                        mark(p, n, *seats as f64, log);
                    }
                },
            );
        });
    }
}

/// One titled plot with a legend, hover values and, on the log scale, 10^x axis labels. Zoom and
/// drag are off so the plot always shows N = 1 to the current N.
fn chart<'a>(
    ui: &mut Ui,
    id: &str,
    title: &str,
    quantity: &'static str,
    log: bool,
    height: f32,
    add: impl FnOnce(&mut egui_plot::PlotUi<'a>) + 'a,
) {
    ui.label(RichText::new(title).strong());
    let mut plot = Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_label("teams N")
        .y_axis_min_width(44.0)
        .legend(Legend::default().position(Corner::LeftTop))
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
        plot = plot.include_y(0.0);
    }
    plot.show(ui, add);
}

/// Line colours; the marker of the grown org's values is red.
fn color(i: usize) -> egui::Color32 {
    const PALETTE: [egui::Color32; 6] = [
        egui::Color32::from_rgb(70, 130, 220),
        egui::Color32::from_rgb(230, 150, 40),
        egui::Color32::from_rgb(80, 170, 90),
        egui::Color32::from_rgb(160, 100, 200),
        egui::Color32::from_rgb(40, 170, 180),
        egui::Color32::from_rgb(150, 150, 150),
    ];
    PALETTE[i % PALETTE.len()]
}

/// Mark the grown org's exact value at N.
fn mark(p: &mut egui_plot::PlotUi<'_>, n: f64, value: f64, log: bool) {
    if let Some(y) = scale(value, log) {
        p.points(
            Points::new("this org (exact)", vec![[n, y]])
                .radius(4.0)
                .color(egui::Color32::from_rgb(220, 60, 60)),
        );
    }
}
