//! The charts panel of the Growth view: the closed-form curves for N = 1 up to the target at the
//! fan-out chosen ([`crate::growth::ChartPoint`]), sampled and scaled for plotting, with the
//! grown org's exact values marked on them.

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, PlotPoint};

use std::sync::mpsc::{Receiver, channel};

use super::plot::{MARK_COLOR, chart, color, mark, scale};
use super::{GrowthView, thousands};
use crate::events::RoleKind;
use crate::events::curve::{CurvePoint, curve};
use crate::growth::{self, ChartPoint, Params};

/// The roles the meeting chart draws a line for.
const MEETING_ROLES: [RoleKind; 5] = [
    RoleKind::Developer,
    RoleKind::ProductOwner,
    RoleKind::ScrumMaster,
    RoleKind::GroupMaster,
    RoleKind::Cpo,
];

/// The meeting curves for one target and growth parameters: measured on a worker (growing the
/// org and deriving its events at each sampled size), then kept.
pub struct Meetings {
    upto: usize,
    params: Params,
    pending: Option<Receiver<Vec<CurvePoint>>>,
    pub points: Vec<CurvePoint>,
}

impl Meetings {
    pub(super) fn start(upto: usize, params: Params) -> Self {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(curve(upto, params).unwrap_or_default());
        });
        Meetings {
            upto,
            params,
            pending: Some(rx),
            points: Vec::new(),
        }
    }

    pub(super) fn is_for(&self, upto: usize, params: Params) -> bool {
        (self.upto, self.params) == (upto, params)
    }

    pub(super) fn is_running(&self) -> bool {
        self.pending.is_some()
    }

    /// Take the worker's result if it is done; whether it still runs.
    fn poll(&mut self) -> bool {
        if let Some(rx) = &self.pending {
            match rx.try_recv() {
                Ok(p) => {
                    self.points = p;
                    self.pending = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return true,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
            }
        }
        false
    }
}

/// Every N up to this many teams is a point of the curves; above it they are sampled evenly.
const DENSE_UPTO: usize = 400;
/// Points of the sampled part of a curve.
const SPARSE_POINTS: usize = 400;
/// Plots are never shorter than this; below it the charts scroll.
const MIN_PLOT_HEIGHT: f32 = 80.0;
/// The SDS chart draws this many levels on their own; deeper ones are summed in one line.
const SDS_OWN_LINES: usize = 4;

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
    pub(super) fn new(upto: usize, fanout: usize, log: bool) -> Self {
        let policy = growth::policy_for(fanout);
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

impl GrowthView {
    pub(super) fn charts_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.heading("Growth curves");
            ui.checkbox(&mut self.log_scale, "Log scale");
        });
        let params = self.params();
        let behind = self
            .meetings
            .as_ref()
            .is_some_and(|m| !m.is_for(self.teams, params));
        let measuring = self.meetings.as_mut().is_some_and(Meetings::poll);
        if measuring || behind {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        let (Some(charts), Some(stats)) = (&self.charts, self.current_stats()) else {
            return;
        };
        let log = self.log_scale;
        let n = stats.teams as f64;
        let meetings = self.meetings.as_ref();
        let height = ((ui.available_height() - self.chart_overhead) / CHARTS).max(MIN_PLOT_HEIGHT);
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
                meeting_charts(ui, meetings, measuring, log, height);
            });
        let overhead = out.content_size.y - CHARTS * height;
        if (overhead - self.chart_overhead).abs() > 0.5 {
            self.chart_overhead = overhead;
            ui.ctx().request_repaint();
        }
    }
}

/// How many plots share the panel's height.
const CHARTS: f32 = 6.0;

/// Meeting hours per Sprint by role, and the slowest escalation to the EAT, as the org grows:
/// measured on the grown org at each sampled size.
fn meeting_charts(ui: &mut Ui, m: Option<&Meetings>, measuring: bool, log: bool, height: f32) {
    let points: &[CurvePoint] = m.map_or(&[], |m| m.points.as_slice());
    if measuring && points.is_empty() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Measuring the meetings of the org as it grows…");
        });
        return;
    }
    let role_line = |r: RoleKind| -> Vec<PlotPoint> {
        points
            .iter()
            .filter_map(|p| {
                let h = p.hours.iter().find(|(k, _)| *k == r)?.1;
                scale(h, log).map(|y| PlotPoint::new(p.teams as f64, y))
            })
            .collect()
    };
    let roles: Vec<Vec<PlotPoint>> = MEETING_ROLES.iter().map(|r| role_line(*r)).collect();
    let legend: Vec<(Color32, String, bool)> = MEETING_ROLES
        .iter()
        .enumerate()
        .map(|(i, r)| (color(i), r.label().to_string(), false))
        .collect();
    chart(
        ui,
        (
            "growth_meetings",
            "Meeting hours per Sprint, average per role",
            "hours",
        ),
        &legend,
        log,
        height,
        |p| {
            for (i, (r, line)) in MEETING_ROLES.iter().zip(&roles).enumerate() {
                p.line(Line::new(r.label(), line.as_slice()).color(color(i)));
            }
        },
    );
    let latency: Vec<PlotPoint> = points
        .iter()
        .filter_map(|p| {
            let l = p.max_latency?;
            scale(f64::from(l), log).map(|y| PlotPoint::new(p.teams as f64, y))
        })
        .collect();
    chart(
        ui,
        (
            "growth_latency",
            "Slowest escalation to the EAT, minutes",
            "minutes",
        ),
        &[(color(0), "Daily Scrum to EAT meeting".to_string(), false)],
        log,
        height,
        |p| {
            p.line(Line::new("escalation", latency.as_slice()).color(color(0)));
        },
    );
    if let (Some(first), Some(last)) = (points.iter().find(|p| p.levels > 0), points.last()) {
        let dev = |p: &CurvePoint| {
            p.hours
                .iter()
                .find(|(r, _)| *r == RoleKind::Developer)
                .map_or(0.0, |(_, h)| *h)
        };
        note(
            ui,
            format!(
                "From {} to {} teams a Developer's meetings stay at {:.1} h per Sprint; the \
                 slowest impediment reaches the EAT in {} instead of {} (default cadence).",
                thousands(first.teams as f64),
                thousands(last.teams as f64),
                dev(last),
                crate::events::duration_words(last.max_latency.unwrap_or(0)),
                crate::events::duration_words(first.max_latency.unwrap_or(0)),
            ),
        );
    }
}

/// A line of small print under a chart.
fn note(ui: &mut Ui, text: String) {
    ui.add(egui::Label::new(RichText::new(text).size(12.0)).wrap());
}
