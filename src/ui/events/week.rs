//! The week calendar: working days by hours, one block per event (for the whole org, one per
//! kind, level and time: "Daily Scrum · 13 teams"). Blocks that overlap share their column;
//! a double-booked person's clashing events have a red outline. Each block is a control a
//! screen reader names ("Daily Scrum · Checkout, Monday 09:00–09:15, 8 attendees").

use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, vec2,
};

use super::Derived;
use crate::events::report::Scope;
use crate::events::{DAY, Event, Host};
use crate::model::Structure;
use crate::model::cadence::{Clock, EventKind, Weekday};
use crate::ui::{PanelCtx, Selection};

/// The blocks of one week of the calendar, per working day, made once per revision, scope and
/// week (the whole org's week of 10,000 teams has some 300,000 event days to sort through).
pub struct Week {
    key: (u64, Scope, u32),
    columns: Vec<(Weekday, Vec<Block>)>,
}

impl Week {
    pub(super) fn is_for(&self, key: (u64, Scope, u32)) -> bool {
        self.key == key
    }

    pub(super) fn make(cx: &PanelCtx, d: &Derived, scope: Scope, week: u32) -> Week {
        let org = cx.doc.org();
        let s = cx.doc.structure();
        let shown = scope.events(org, s, &d.cal);
        let days = &d.cal.cadence.working_days;
        let per_week = days.len().max(1) as u32;
        let columns = days
            .iter()
            .enumerate()
            .map(|(k, wd)| {
                (
                    *wd,
                    blocks(cx, d, scope, &shown, week * per_week + k as u32),
                )
            })
            .collect();
        Week {
            key: (d.revision, scope, week),
            columns,
        }
    }
}

/// One block on the calendar: events shown together.
struct Block {
    title: String,
    start: u32,
    minutes: u32,
    kind: EventKind,
    level: u32,
    /// How many events it stands for, and the fewest and most attendees among them.
    count: usize,
    attendees: (usize, usize),
    /// The one event it stands for (a click selects its team or group).
    host: Option<Host>,
    clash: bool,
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A colour per kind of event: team events blue, scaled events violet, the EAT and EMS orange.
fn colour(kind: EventKind, dark: bool) -> Color32 {
    let c = if kind.is_team() {
        Color32::from_rgb(70, 120, 200)
    } else if kind.is_group() {
        Color32::from_rgb(130, 90, 190)
    } else {
        Color32::from_rgb(210, 130, 50)
    };
    if dark {
        c.gamma_multiply(0.55)
    } else {
        c.lerp_to_gamma(Color32::WHITE, 0.65)
    }
}

/// The blocks of one day of the horizon, from the events in scope (in day order).
fn blocks(cx: &PanelCtx, d: &Derived, scope: Scope, shown: &[usize], day: u32) -> Vec<Block> {
    let org = cx.doc.org();
    let s = cx.doc.structure();
    let cal = &d.cal;
    let clashing: std::collections::BTreeSet<usize> = d
        .metrics
        .double_bookings
        .iter()
        .filter(|b| match scope {
            Scope::Person(p) => b.person == p,
            _ => true,
        })
        .flat_map(|b| [b.first, b.second])
        .collect();
    let day = day % cal.horizon.max(1);
    let mut out: Vec<Block> = Vec::new();
    for &i in shown {
        let e: &Event = &cal.events[i];
        if !e.days.contains(day) {
            continue;
        }
        let n = e.attendees.len();
        let clash = clashing.contains(&i);
        // The whole org: one block per kind, level and time.
        if scope == Scope::Org
            && let Some(b) = out.iter_mut().find(|b| {
                (b.kind, b.level, b.start, b.minutes)
                    == (e.kind, e.level, e.start.minutes(), e.minutes)
            })
        {
            b.count += 1;
            b.attendees = (b.attendees.0.min(n), b.attendees.1.max(n));
            b.host = None;
            b.clash |= clash;
            b.title = match e.host {
                Host::Team(_) => format!("{} · {} teams", e.kind.label(), b.count),
                _ => format!(
                    "{} · {} {}",
                    e.kind.label(),
                    b.count,
                    Structure::level_label(e.level)
                ),
            };
            continue;
        }
        out.push(Block {
            title: e.title(org, s),
            start: e.start.minutes(),
            minutes: e.minutes,
            kind: e.kind,
            level: e.level,
            count: 1,
            attendees: (n, n),
            host: Some(e.host),
            clash,
        });
    }
    out
}

pub(super) fn ui(ui: &mut Ui, cx: &mut PanelCtx, d: &Derived, scope: Scope, week: &Week) {
    let c = &d.cal.cadence;
    let columns = &week.columns;
    if columns.iter().all(|(_, b)| b.is_empty()) {
        ui.label(match scope {
            Scope::Person(_) => {
                "This person attends no events: they hold no seat in a Scrum team, \
                                 no scaled role and no EAT or EMS seat."
            }
            _ => "No events this week.",
        });
        return;
    }
    // The hours shown: the working day, widened to every event.
    let (mut lo, mut hi) = (c.day_start.minutes(), c.day_end.minutes());
    for b in columns.iter().flat_map(|(_, b)| b) {
        lo = lo.min(b.start);
        hi = hi.max(b.start + b.minutes);
    }
    let lo = lo / 60 * 60;
    let hi = hi.div_ceil(60) * 60;
    let avail = ui.available_size();
    let gutter = 46.0;
    let header = 22.0;
    // At least 15 minutes to a line of text; the calendar scrolls when the day does not fit.
    let px = ((avail.y - header - 8.0) / (hi - lo) as f32).max(14.0 / 15.0);
    let height = header + px * (hi - lo) as f32;
    egui::ScrollArea::vertical()
        .id_salt("events_week")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width().max(300.0);
            let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
            let painter = ui.painter_at(rect);
            let visuals = ui.visuals().clone();
            let col_w = (width - gutter) / columns.len() as f32;
            let y_of = |m: u32| rect.top() + header + (m.saturating_sub(lo)) as f32 * px;
            // Hours.
            for h in (lo / 60)..=(hi / 60) {
                let y = y_of(h * 60);
                painter.line_segment(
                    [
                        Pos2::new(rect.left() + gutter, y),
                        Pos2::new(rect.right(), y),
                    ],
                    Stroke::new(0.5, visuals.weak_text_color().gamma_multiply(0.5)),
                );
                painter.text(
                    Pos2::new(rect.left() + gutter - 6.0, y),
                    Align2::RIGHT_CENTER,
                    Clock(h * 60 % DAY).to_string(),
                    FontId::proportional(11.0),
                    visuals.weak_text_color(),
                );
            }
            for (k, (wd, blocks)) in columns.iter().enumerate() {
                let x0 = rect.left() + gutter + k as f32 * col_w;
                painter.text(
                    Pos2::new(x0 + col_w / 2.0, rect.top() + header / 2.0),
                    Align2::CENTER_CENTER,
                    day_name(*wd),
                    FontId::proportional(13.0),
                    visuals.text_color(),
                );
                // Lanes: overlapping blocks side by side.
                let mut order: Vec<usize> = (0..blocks.len()).collect();
                order.sort_by_key(|i| (blocks[*i].start, blocks[*i].minutes));
                let mut lane_of = vec![0usize; blocks.len()];
                let mut lanes_end: Vec<u32> = Vec::new();
                let mut cluster: Vec<usize> = Vec::new();
                let mut cluster_end = 0;
                let mut lanes_in = vec![1usize; blocks.len()];
                let close = |cluster: &mut Vec<usize>, lanes: usize, lanes_in: &mut Vec<usize>| {
                    for i in cluster.drain(..) {
                        lanes_in[i] = lanes.max(1);
                    }
                };
                for &i in &order {
                    let b = &blocks[i];
                    if b.start >= cluster_end && !cluster.is_empty() {
                        close(&mut cluster, lanes_end.len(), &mut lanes_in);
                        lanes_end.clear();
                    }
                    let lane = match lanes_end.iter().position(|end| *end <= b.start) {
                        Some(l) => l,
                        None => {
                            lanes_end.push(0);
                            lanes_end.len() - 1
                        }
                    };
                    lanes_end[lane] = b.start + b.minutes;
                    lane_of[i] = lane;
                    cluster.push(i);
                    cluster_end = cluster_end.max(b.start + b.minutes);
                }
                close(&mut cluster, lanes_end.len(), &mut lanes_in);
                for (i, b) in blocks.iter().enumerate() {
                    let lane_w = (col_w - 6.0) / lanes_in[i] as f32;
                    let r = Rect::from_min_max(
                        Pos2::new(x0 + 3.0 + lane_of[i] as f32 * lane_w, y_of(b.start) + 1.0),
                        Pos2::new(
                            x0 + 3.0 + (lane_of[i] + 1) as f32 * lane_w - 2.0,
                            y_of(b.start + b.minutes) - 1.0,
                        ),
                    );
                    let end = Clock((b.start + b.minutes) % DAY);
                    let who = if b.attendees.0 == b.attendees.1 {
                        format!(
                            "{} attendee{}",
                            b.attendees.1,
                            if b.attendees.1 == 1 { "" } else { "s" }
                        )
                    } else {
                        format!("{}–{} attendees", b.attendees.0, b.attendees.1)
                    };
                    let label = format!(
                        "{}, {} {}–{end}, {who}{}",
                        b.title,
                        day_name(*wd),
                        Clock(b.start),
                        if b.clash { ", double-booked" } else { "" }
                    );
                    let id = ui.id().with(("event_block", k, i));
                    let resp = ui.interact(r, id, Sense::click());
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &label)
                    });
                    let fill = colour(b.kind, visuals.dark_mode);
                    painter.rect(
                        r,
                        CornerRadius::same(3),
                        if resp.hovered() {
                            fill.gamma_multiply(1.25)
                        } else {
                            fill
                        },
                        if b.clash {
                            Stroke::new(2.0, visuals.error_fg_color)
                        } else {
                            Stroke::new(0.5, visuals.weak_text_color())
                        },
                        StrokeKind::Inside,
                    );
                    // As many lines as the block holds, the last one cut short with "…".
                    let line_h = 13.0;
                    let rows = ((r.height() - 2.0) / line_h).floor().max(1.0) as usize;
                    let text = if rows >= 2 {
                        format!("{} {}–{end}", b.title, Clock(b.start))
                    } else {
                        b.title.clone()
                    };
                    let mut job = egui::text::LayoutJob::simple(
                        text,
                        FontId::proportional(11.0),
                        visuals.strong_text_color(),
                        r.width() - 6.0,
                    );
                    job.wrap.max_rows = rows;
                    job.wrap.break_anywhere = false;
                    let galley = painter.layout_job(job);
                    painter.with_clip_rect(r.intersect(rect)).galley(
                        r.min + vec2(3.0, 1.0),
                        galley,
                        visuals.text_color(),
                    );
                    let resp = resp.on_hover_text(&label);
                    if resp.clicked()
                        && let Some(h) = b.host
                    {
                        let sel = match h {
                            Host::Team(t) => Some(Selection::Team(t)),
                            Host::Group(g) => Some(Selection::Group(g)),
                            Host::Eat => Some(Selection::Eat),
                            Host::Ems => Some(Selection::Ems),
                        };
                        cx.select(sel);
                    }
                }
            }
        });
}
