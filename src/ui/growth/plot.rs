//! How one chart of the Growth view is drawn: its legend on a row of its own, count and log
//! axes whose labels always show, hover values, and the marker of the grown org's exact value.

use egui::{Color32, Rangef, RichText, Sense, Stroke, Ui, vec2};
use egui_plot::{GridInput, GridMark, HoverPosition, Plot, Points};

use super::thousands;

/// Smallest spacing of grid lines in the plots, in points (egui_plot's default).
const GRID_MIN_SPACING: f32 = 8.0;
/// Spacing of labelled ticks, at least: egui_plot hides x labels closer than 60 points (and
/// fades them up to 80); the y axis here hides them below 14 points (fading up to 18).
const X_LABEL_SPACING: f64 = 90.0;
const Y_LABEL_SPACING: f64 = 22.0;

/// A value as plotted: itself, or its log10 (none for values ≤ 0, which a log axis cannot show).
pub(super) fn scale(y: f64, log: bool) -> Option<f64> {
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
pub(super) fn chart<'a>(
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
pub(super) fn color(i: usize) -> Color32 {
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
pub(super) const MARK_COLOR: Color32 = Color32::from_rgb(220, 60, 60);

/// Mark the grown org's exact value at N.
pub(super) fn mark(p: &mut egui_plot::PlotUi<'_>, n: f64, value: f64, log: bool) {
    if let Some(y) = scale(value, log) {
        p.points(
            Points::new("this org (exact)", vec![[n, y]])
                .radius(4.0)
                .color(MARK_COLOR),
        );
    }
}
