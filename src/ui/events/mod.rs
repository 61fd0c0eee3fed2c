//! The Events view: the org's events as a week calendar for the selection (a person's week, a
//! team's or a group's events, or the whole org's cascade), the people sorted by meeting load,
//! the escalation path of a team up to the EAT with its times, and the cadence settings, each
//! edit one undoable command. It derives the calendar once per document revision.
//!
//! Parts: this file (state, cache, layout, the scope line); [`week`] the calendar grid;
//! [`load`] the table of people; [`cadence`] the settings; [`escalation`] the path.

mod cadence;
mod escalation;
mod load;
mod week;

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{RichText, Ui};

use super::{Action, PanelCtx, Selection};
use crate::events::report::Scope;
use crate::events::{self, Calendar, Metrics};

/// The calendar and its metrics for one revision of the design.
pub struct Derived {
    pub revision: u64,
    pub cal: Calendar,
    pub metrics: Metrics,
}

/// From this many teams the calendar is derived on a worker thread (some 60 ms at 10,000
/// teams), and the view shows the previous one meanwhile.
pub const ON_WORKER_FROM: usize = 2_000;

/// What the Events view keeps between frames.
#[derive(Default)]
pub struct EventsView {
    derived: Option<Arc<Derived>>,
    /// A calendar being derived on a worker, for this revision.
    pending: Option<(u64, Receiver<Derived>)>,
    /// A revision whose worker died without a calendar: not tried again until the design
    /// moves on (a worker that panics once would panic every frame).
    failed: Option<u64>,
    /// The Sprint week shown (0: the first).
    pub week: u32,
    load: load::LoadTable,
    cadence: cadence::CadenceForm,
    shown: Option<week::Week>,
}

/// Something the view asks the app to do beyond model commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventsAction {
    /// Ask where to write the calendar of this scope as an .ics file.
    ExportIcs(Scope),
}

/// Whose events the selection shows.
pub fn scope_of(selection: Option<Selection>) -> Scope {
    match selection {
        Some(Selection::Person(p)) => Scope::Person(p),
        Some(Selection::Team(t)) => Scope::Team(t),
        Some(Selection::Group(g)) => Scope::Group(g),
        _ => Scope::Org,
    }
}

fn derive(org: &crate::model::Org, s: &crate::model::Structure, revision: u64) -> Derived {
    let cal = events::derive(org, s);
    let metrics = events::metrics(org, s, &cal);
    Derived {
        revision,
        cal,
        metrics,
    }
}

impl EventsView {
    /// The calendar of the document's current revision, derived now if it is not yet (for an
    /// export, which must show exactly the design).
    pub fn derived(&mut self, doc: &crate::ui::Document) -> Arc<Derived> {
        match &self.derived {
            Some(d) if d.revision == doc.structure_revision() => Arc::clone(d),
            _ => {
                let d = Arc::new(derive(doc.org(), doc.structure(), doc.structure_revision()));
                self.pending = None;
                self.derived = Some(Arc::clone(&d));
                d
            }
        }
    }

    /// Whether a worker is deriving the calendar of a newer revision.
    pub fn is_updating(&self) -> bool {
        self.pending.is_some()
    }

    /// The calendar to show this frame: the current one, or for a large design while a worker
    /// derives it, the last one (none the first time). Returns it and whether it is behind.
    fn latest(&mut self, doc: &crate::ui::Document) -> (Option<Arc<Derived>>, bool) {
        let revision = doc.structure_revision();
        if let Some((_, rx)) = &self.pending {
            match rx.try_recv() {
                Ok(d) => {
                    self.derived = Some(Arc::new(d));
                    self.pending = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.failed = self.pending.take().map(|(r, _)| r);
                }
            }
        }
        if self
            .derived
            .as_ref()
            .is_some_and(|d| d.revision == revision)
            || self.failed == Some(revision)
        {
            return (self.derived.clone(), false);
        }
        if doc.org().teams().len() < ON_WORKER_FROM {
            return (Some(self.derived(doc)), false);
        }
        if self.pending.as_ref().is_none_or(|(r, _)| *r != revision) {
            let (tx, rx) = channel();
            let (org, s) = (doc.shared_org(), doc.shared_structure());
            std::thread::spawn(move || {
                let _ = tx.send(derive(&org, &s, revision));
            });
            self.pending = Some((revision, rx));
        }
        (self.derived.clone(), true)
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let (d, behind) = self.latest(cx.doc);
        if behind {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(30));
        }
        let Some(d) = d else {
            if self.failed == Some(cx.doc.structure_revision()) {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    "The events of this design could not be laid out (an internal error). \
                     Your design is unchanged; an edit tries again.",
                );
                return;
            }
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Laying out the events of this design…");
            });
            return;
        };
        let scope = scope_of(cx.selection);
        let org = cx.doc.org();
        let s = cx.doc.structure();
        let weeks = d.cal.cadence.sprint_weeks.max(1);
        self.week = self.week.min(weeks - 1);

        egui::Panel::top("events_scope").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let title = match scope {
                    Scope::Org => format!("The cascade of {}", org.name()),
                    Scope::Person(_) => format!("The week of {}", scope.name(org, s)),
                    _ => format!("The events of {}", scope.name(org, s)),
                };
                ui.heading(title);
                if scope != Scope::Org && ui.button("Whole org").clicked() {
                    cx.select(None);
                }
                ui.separator();
                ui.label(format!("Sprint week {} of {weeks}", self.week + 1));
                if ui
                    .add_enabled(self.week > 0, egui::Button::new("◀ Earlier week"))
                    .clicked()
                {
                    self.week -= 1;
                }
                if ui
                    .add_enabled(self.week + 1 < weeks, egui::Button::new("Later week ▶"))
                    .clicked()
                {
                    self.week += 1;
                }
                ui.separator();
                if ui
                    .button("Export calendar (.ics)…")
                    .on_hover_text("These events as an iCalendar file, for a calendar application")
                    .clicked()
                {
                    cx.actions
                        .push(Action::Events(EventsAction::ExportIcs(scope)));
                }
            });
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Cadence: {}",
                        crate::events::report::cadence_line(&d.cal)
                    ))
                    .small()
                    .weak(),
                );
                if behind {
                    ui.spinner();
                    ui.label(
                        RichText::new("Updating to your latest edits…")
                            .small()
                            .weak(),
                    );
                }
            });
            ui.add_space(2.0);
        });

        egui::Panel::right("events_side")
            .resizable(true)
            .default_size(380.0)
            .min_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("events_side_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        egui::CollapsingHeader::new("Escalation to the EAT")
                            .default_open(true)
                            .show(ui, |ui| escalation::ui(ui, cx, &d, scope));
                        egui::CollapsingHeader::new("Cadence")
                            .default_open(true)
                            .show(ui, |ui| self.cadence.ui(ui, cx, &d.cal, scope));
                        egui::CollapsingHeader::new("Largest meetings")
                            .default_open(false)
                            .show(ui, |ui| largest(ui, cx, &d));
                        egui::CollapsingHeader::new("Meeting load")
                            .default_open(true)
                            .show(ui, |ui| self.load.ui(ui, cx, &d));
                    });
            });

        let key = (d.revision, scope, self.week);
        if !self.shown.as_ref().is_some_and(|w| w.is_for(key)) {
            self.shown = Some(week::Week::make(cx, &d, scope, self.week));
        }
        let shown = self.shown.as_ref().expect("just made");
        egui::CentralPanel::default().show(ui, |ui| {
            week::ui(ui, cx, &d, scope, shown);
        });
    }
}

/// The largest event of each kind, with a note on those above the meeting limit (O8).
fn largest(ui: &mut Ui, cx: &PanelCtx, d: &Derived) {
    let org = cx.doc.org();
    let s = cx.doc.structure();
    let limit = cx.doc.thresholds().overlay.meeting_max;
    egui::Grid::new("events_largest")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (_, i, n) in &d.metrics.largest {
                ui.label(d.cal.events[*i].title(org, s));
                let text = format!("{n} attendee{}", if *n == 1 { "" } else { "s" });
                if limit.is_some_and(|l| *n as u32 > l) {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("{text}, too many"));
                } else {
                    ui.label(text);
                }
                ui.end_row();
            }
        });
}
