//! The charts panel of the Growth view: the closed-form curves for N = 1 up to the target at the
//! fan-out chosen ([`crate::growth::ChartPoint`]), sampled and scaled for plotting, with the
//! grown org's exact values marked on them.

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, PlotPoint};

use super::plot::{MARK_COLOR, chart, color, mark, scale};
use super::{GrowthView, thousands};
use crate::growth::{self, ChartPoint};

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
