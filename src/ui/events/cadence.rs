//! The cadence settings: Sprint length and first day, working days and hours, the time zone, how
//! often the Scaled Daily Scrums, the EAT and the EMS meet, and each kind of event's start and
//! length. Every edit is one `SetCadence` command (one undo step); a text is taken when the
//! field loses focus or on Enter, and a value that does not read is refused with a reason, the
//! design unchanged.

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::events::Calendar;
use crate::events::report::Scope;
use crate::model::Unit;
use crate::model::cadence::{Clock, Date, EventKind, EventTiming, Recurrence, TimeZone, Weekday};
use crate::model::{Cadence, Command};
use crate::ui::PanelCtx;
use crate::ui::a11y::name_widget;

/// Texts being typed, by field, and the last refusal.
#[derive(Default)]
pub struct CadenceForm {
    typing: HashMap<String, String>,
    problem: Option<String>,
}

impl CadenceForm {
    /// A one-line text field: returns the text when the user is done with it (Enter or focus
    /// moved away) and it differs from `current`.
    fn text(
        &mut self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        current: &str,
        width: f32,
    ) -> Option<String> {
        let buf = self
            .typing
            .entry(key.to_string())
            .or_insert_with(|| current.to_string());
        let resp = ui.add(egui::TextEdit::singleline(buf).desired_width(width));
        name_widget(&resp, egui::WidgetType::TextEdit, label, None);
        if resp.has_focus() {
            return None;
        }
        let typed = self.typing.remove(key).unwrap_or_default();
        (resp.lost_focus() && typed.trim() != current).then_some(typed)
    }

    /// A text field for a value of type `T`: the cadence with it set once the user is done
    /// typing and it reads, else none (a reason is kept when it does not read).
    fn typed<T: std::str::FromStr<Err = String>>(
        &mut self,
        ui: &mut Ui,
        (key, label): (&str, &str),
        current: &str,
        width: f32,
        set: impl FnOnce(T) -> Cadence,
    ) -> Option<Cadence> {
        let typed = self.text(ui, key, label, current, width)?;
        self.parsed(&typed, set)
    }

    /// The cadence with a typed value set, or none (and the reason kept) when it does not read.
    fn parsed<T: std::str::FromStr<Err = String>>(
        &mut self,
        typed: &str,
        set: impl FnOnce(T) -> Cadence,
    ) -> Option<Cadence> {
        match typed.parse::<T>() {
            Ok(v) => Some(set(v)),
            Err(e) => {
                self.problem = Some(e);
                None
            }
        }
    }

    pub(super) fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx, cal: &Calendar, scope: Scope) {
        let recorded = cal.recorded;
        let c = cal.cadence.clone();
        let mut next: Option<Cadence> = None;
        if recorded {
            ui.horizontal_wrapped(|ui| {
                ui.label("The org file records this cadence; the O checks run on it.");
                if ui
                    .button("Remove the cadence")
                    .on_hover_text("Back to the defaults, without the O checks")
                    .clicked()
                {
                    cx.apply(Command::SetCadence(None));
                }
            });
        } else {
            ui.label(
                RichText::new(
                    "These are the defaults: the org file records no cadence. Changing any \
                     setting records it, and the overlay checks (O1-O8) then run.",
                )
                .weak(),
            );
        }
        egui::Grid::new("cadence_grid")
            .num_columns(2)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.label("Sprint length");
                let mut weeks = c.sprint_weeks;
                egui::ComboBox::from_id_salt("cadence_sprint_weeks")
                    .selected_text(plural_weeks(weeks))
                    .show_ui(ui, |ui| {
                        for w in 1..=12 {
                            ui.selectable_value(&mut weeks, w, plural_weeks(w));
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::WidgetType::ComboBox,
                            true,
                            format!("Sprint length: {}", plural_weeks(c.sprint_weeks)),
                        )
                    });
                if weeks != c.sprint_weeks {
                    next = Some(Cadence {
                        sprint_weeks: weeks,
                        ..c.clone()
                    });
                }
                ui.end_row();

                // A team or group shown: its own Sprint length, or its group's.
                let unit = match scope {
                    Scope::Team(t) => Some(Unit::Team(t)),
                    Scope::Group(g) => Some(Unit::Group(g)),
                    _ => None,
                };
                if let Some(u) = unit {
                    let name = cx.doc.org().unit_name(u);
                    let own = c.sprint_of(u).and_then(|o| o.sprint_weeks);
                    let label = format!("Sprints of {name}");
                    ui.label(&label);
                    let mut pick = own;
                    // What it runs when it sets none: its group's Sprints, or the org's.
                    let (host, planning) = match u {
                        Unit::Team(t) => (crate::events::Host::Team(t), EventKind::SprintPlanning),
                        Unit::Group(g) => (
                            crate::events::Host::Group(g),
                            EventKind::ScaledSprintPlanning,
                        ),
                    };
                    let running = cal
                        .event(host, planning)
                        .map_or(c.sprint_weeks, |e| e.sprint_weeks);
                    let inherited = match own {
                        None => format!("inherited ({})", plural_weeks(running)),
                        Some(_) => "inherited from its group or the org".to_string(),
                    };
                    let shown = own.map_or_else(|| inherited.clone(), plural_weeks);
                    egui::ComboBox::from_id_salt("cadence_unit_weeks")
                        .selected_text(shown.clone())
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut pick, None, inherited.as_str());
                            for w in 1..=12 {
                                ui.selectable_value(&mut pick, Some(w), plural_weeks(w));
                            }
                        })
                        .response
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::WidgetType::ComboBox,
                                true,
                                format!("{label}: {shown}"),
                            )
                        });
                    if pick != own {
                        next = Some(c.clone().with_override(u, |o| o.sprint_weeks = pick));
                    }
                    ui.end_row();
                }

                ui.label("First Sprint starts");
                let first = c.first_sprint.map(|d| d.to_string()).unwrap_or_default();
                if let Some(t) = self.text(ui, "first", "First Sprint starts", &first, 110.0) {
                    if t.trim().is_empty() {
                        next = Some(Cadence {
                            first_sprint: None,
                            ..c.clone()
                        });
                    } else {
                        match t.parse::<Date>() {
                            Ok(d) => {
                                next = Some(Cadence {
                                    first_sprint: Some(d),
                                    ..c.clone()
                                })
                            }
                            Err(e) => self.problem = Some(e),
                        }
                    }
                }
                ui.end_row();

                ui.label("Working days");
                ui.horizontal(|ui| {
                    for d in Weekday::ALL {
                        let mut on = c.working_days.contains(&d);
                        if ui.checkbox(&mut on, d.short()).changed() {
                            let mut days: Vec<Weekday> =
                                c.working_days.iter().copied().filter(|x| *x != d).collect();
                            if on {
                                days.push(d);
                            }
                            days.sort();
                            next = Some(Cadence {
                                working_days: days,
                                ..c.clone()
                            });
                        }
                    }
                });
                ui.end_row();

                ui.label("Working hours");
                ui.horizontal(|ui| {
                    let from = c.day_start.to_string();
                    next = self
                        .typed(
                            ui,
                            ("day_start", "Working day starts"),
                            &from,
                            48.0,
                            |v: Clock| Cadence {
                                day_start: v,
                                ..c.clone()
                            },
                        )
                        .or(next.take());
                    ui.label("to");
                    let to = c.day_end.to_string();
                    next = self
                        .typed(
                            ui,
                            ("day_end", "Working day ends"),
                            &to,
                            48.0,
                            |v: Clock| Cadence {
                                day_end: v,
                                ..c.clone()
                            },
                        )
                        .or(next.take());
                });
                ui.end_row();

                ui.label("Time zone");
                let zone = c.time_zone.to_string();
                next = self
                    .typed(ui, ("zone", "Time zone"), &zone, 160.0, |z: TimeZone| {
                        Cadence {
                            time_zone: z,
                            ..c.clone()
                        }
                    })
                    .or(next.take());
                ui.end_row();

                for (label, id, current, set) in [
                    (
                        "Scaled Daily Scrums",
                        "cadence_sds",
                        c.scaled_daily_scrum,
                        0usize,
                    ),
                    ("EAT meeting", "cadence_eat", c.eat_meeting, 1),
                    (
                        "Executive MetaScrum",
                        "cadence_ems",
                        c.executive_meta_scrum,
                        2,
                    ),
                ] {
                    ui.label(label);
                    let mut r = current;
                    egui::ComboBox::from_id_salt(id)
                        .selected_text(r.label())
                        .show_ui(ui, |ui| {
                            for x in Recurrence::ALL {
                                ui.selectable_value(&mut r, x, x.label());
                            }
                        })
                        .response
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::WidgetType::ComboBox,
                                true,
                                format!("{label}: {}", current.label()),
                            )
                        });
                    if r != current {
                        let mut n = c.clone();
                        match set {
                            0 => n.scaled_daily_scrum = r,
                            1 => n.eat_meeting = r,
                            _ => n.executive_meta_scrum = r,
                        }
                        next = Some(n);
                    }
                    ui.end_row();
                }
            });

        egui::CollapsingHeader::new("Event times and lengths")
            .id_salt("cadence_events")
            .show(ui, |ui| {
                ui.label(
                    RichText::new(
                        "Group events start here at level 1 and move one slot per level (the \
                         Scaled Daily Scrums cascade up after the Daily Scrums; Sprint Planning \
                         runs top-down). The EAT meeting follows the top Scaled Daily Scrum \
                         unless a start is set.",
                    )
                    .small()
                    .weak(),
                );
                if let Some(n) = self.timings(ui, "org", &c, EventKind::ALL.to_vec(), None) {
                    next = Some(n);
                }
            });

        // The selected team's or group's own times (clearing a double booking, say).
        let unit = match scope {
            Scope::Team(t) => Some(Unit::Team(t)),
            Scope::Group(g) => Some(Unit::Group(g)),
            _ => None,
        };
        if let Some(u) = unit {
            let name = cx.doc.org().unit_name(u);
            let kinds: Vec<EventKind> = EventKind::ALL
                .into_iter()
                .filter(|k| match u {
                    Unit::Team(_) => k.is_team(),
                    Unit::Group(_) => k.is_group(),
                })
                .collect();
            egui::CollapsingHeader::new(format!("Times of {name}"))
                .id_salt("cadence_unit_events")
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!(
                            "{name}'s own start and length for its events; the others keep the \
                             org's."
                        ))
                        .small()
                        .weak(),
                    );
                    if let Some(n) = self.timings(ui, "unit", &c, kinds, Some((u, name.as_str()))) {
                        next = Some(n);
                    }
                });
        }
        if let Some(p) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, format!("Not changed: {p}."));
        }
        if let Some(n) = next {
            match n.problem() {
                Some(p) => self.problem = Some(p),
                None => {
                    self.problem = None;
                    cx.apply(Command::SetCadence(Some(n)));
                }
            }
        }
    }
}

impl CadenceForm {
    /// A grid of start and length per kind: the org's (`unit` none) or a team's or group's own.
    /// Returns the cadence with what the user finished typing.
    fn timings(
        &mut self,
        ui: &mut Ui,
        id: &str,
        c: &Cadence,
        kinds: Vec<EventKind>,
        unit: Option<(Unit, &str)>,
    ) -> Option<Cadence> {
        let mut next = None;
        egui::Grid::new(("cadence_event_grid", id))
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for kind in kinds {
                    let (start, minutes) = match unit {
                        Some((u, _)) => c.timing_for(u, kind, c.sprint_weeks),
                        None => c.timing(kind, c.sprint_weeks),
                    };
                    let old = match unit {
                        Some((u, _)) => c
                            .sprint_of(u)
                            .and_then(|o| o.events.get(&kind))
                            .cloned()
                            .unwrap_or_default(),
                        None => c.events.get(&kind).cloned().unwrap_or_default(),
                    };
                    let set = |t: EventTiming| match unit {
                        Some((u, _)) => c.clone().with_override(u, |o| {
                            o.events.insert(kind, t);
                        }),
                        None => c.clone().with_timing(kind, t),
                    };
                    let whose = match unit {
                        Some((_, name)) => format!("{} of {name}", kind.label()),
                        None => kind.label().to_string(),
                    };
                    ui.label(kind.label());
                    let key = format!("{id}.{}", kind.key());
                    let start_text = start.to_string();
                    if let Some(t) = self.text(
                        ui,
                        &format!("{key}.start"),
                        &format!("{whose} starts"),
                        &start_text,
                        48.0,
                    ) {
                        match t.parse::<Clock>() {
                            Ok(v) => {
                                next = Some(set(EventTiming {
                                    start: Some(v),
                                    ..old.clone()
                                }))
                            }
                            Err(e) => self.problem = Some(e),
                        }
                    }
                    ui.horizontal(|ui| {
                        let m = minutes.to_string();
                        if let Some(t) = self.text(
                            ui,
                            &format!("{key}.minutes"),
                            &format!("{whose} minutes"),
                            &m,
                            40.0,
                        ) {
                            match t.trim().parse::<u32>() {
                                Ok(v) if (1..=600).contains(&v) => {
                                    next = Some(set(EventTiming {
                                        minutes: Some(v),
                                        ..old.clone()
                                    }))
                                }
                                _ => {
                                    self.problem = Some(format!(
                                        "`{t}` is not a length in minutes from 1 to 600"
                                    ))
                                }
                            }
                        }
                        ui.label("min");
                    });
                    ui.end_row();
                }
            });
        next
    }
}

fn plural_weeks(w: u32) -> String {
    format!("{w} week{}", if w == 1 { "" } else { "s" })
}
