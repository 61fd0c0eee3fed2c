//! The panel beside the figure: the component picked (its carriers, people and gaps, a gap one
//! click from its subject on the design canvas, and the round's ratings of it, entered here),
//! or the list of all twelve; below, the rating rounds (pick one, compare two, add one, its
//! raters) and the rating sheet. Every change is one command, so one undo step.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::{CyclesAction, CyclesFile};
use crate::cycles::rating::{Direction, number};
use crate::cycles::{Component, Cycles, Scope};
use crate::export::cycles::figure::{coverage_color, rating_color};
use crate::export::cycles::{Figure, Rated};
use crate::model::{Assessment, Command, GroupId, Round, Score};
use crate::ui::{Action, PanelCtx, Selection};

/// Unfinished input of the panel.
#[derive(Default)]
pub(super) struct SideState {
    /// Notes being typed, by rater, for the component and scope they were opened for.
    notes: HashMap<(Component, Option<GroupId>, String), String>,
    /// A rater being added to the round.
    new_rater: String,
    /// The new round form.
    new_round: Option<NewRound>,
    /// A blank sheet has a row per group inside the scope too.
    pub(super) sheet_per_group: bool,
    /// A round was picked here this frame (the view then colours by rating).
    round_picked: bool,
}

struct NewRound {
    name: String,
    date: String,
    raters: String,
    problem: Option<String>,
}

impl SideState {
    pub(super) fn take_round_picked(&mut self) -> bool {
        std::mem::take(&mut self.round_picked)
    }
}

/// What the panel shows.
pub(super) struct Shown<'a> {
    pub cycles: &'a Cycles,
    pub rated: &'a Rated,
    pub figure: &'a Figure,
    pub round: Option<&'a str>,
    pub earlier: Option<&'a str>,
}

/// The round and the one compared with, as the panel may change them.
pub(super) struct Picks<'a> {
    pub selected: &'a mut Option<Component>,
    pub round: &'a mut Option<String>,
    pub earlier: &'a mut Option<String>,
}

/// Apply a change to a copy of the org's assessment as one command.
fn change(cx: &mut PanelCtx, f: impl FnOnce(&mut Assessment)) {
    let mut a = cx.doc.org().assessment().clone();
    f(&mut a);
    if &a != cx.doc.org().assessment() {
        cx.apply(Command::SetAssessment(a));
    }
}

fn group_of(scope: Scope) -> Option<GroupId> {
    match scope {
        Scope::Org => None,
        Scope::Group(g) => Some(g),
    }
}

pub(super) fn ui(ui: &mut Ui, cx: &mut PanelCtx, st: &mut SideState, shown: Shown, picks: Picks) {
    match *picks.selected {
        Some(c) => component(ui, cx, st, &shown, c, picks.selected),
        None => overview(ui, &shown, picks.selected),
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new("Rating rounds")
        .default_open(true)
        .show(ui, |ui| {
            rounds(ui, cx, st, &shown, picks.round, picks.earlier)
        });
}

/// The twelve components, each a line to pick.
fn overview(ui: &mut Ui, shown: &Shown, selected: &mut Option<Component>) {
    ui.heading("Components");
    ui.label(
        RichText::new("Click one, here or on the figure, for its people and gaps.")
            .small()
            .weak(),
    );
    for st in &shown.cycles.components {
        let c = st.component;
        let part = shown.figure.part(c);
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 5.0, super::paint::c32(part.stroke));
            let mut text = format!("{} · {}", c.label(), st.state());
            if let Some(r) = shown.rated.summary(c) {
                text.push_str(&format!(" · rated {}", r.median_text()));
            }
            if ui.link(text).clicked() {
                *selected = Some(c);
            }
        });
    }
}

/// One component: what it is, who carries it, its ratings and its gaps.
fn component(
    ui: &mut Ui,
    cx: &mut PanelCtx,
    st: &mut SideState,
    shown: &Shown,
    c: Component,
    selected: &mut Option<Component>,
) {
    let state = shown.cycles.get(c);
    let org = cx.doc.org();
    ui.horizontal(|ui| {
        ui.heading(c.label());
        if ui
            .small_button("All components")
            .on_hover_text("Back to the list of the twelve")
            .clicked()
        {
            *selected = None;
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{}{} ·",
            c.cycle().label(),
            if c.is_hub() { ", its hub" } else { "" }
        ));
        ui.colored_label(
            super::paint::c32(coverage_color(state.coverage)),
            state.state(),
        );
    });
    ui.label(if state.carriers.is_empty() {
        "Nobody carries it in this scope.".to_string()
    } else {
        format!("Carried by {}.", state.carriers)
    });

    if let Some(round) = shown.round.and_then(|r| org.assessment().round(r)) {
        ui.add_space(6.0);
        ratings(ui, cx, st, shown, c, round);
    }

    ui.add_space(6.0);
    let gaps = state.gaps.len();
    egui::CollapsingHeader::new(format!("Gaps ({gaps})"))
        .id_salt("cycles_gaps")
        .default_open(true)
        .show(ui, |ui| {
            if gaps == 0 {
                ui.label("No finding breaks it here.");
            } else {
                ui.label(
                    RichText::new("Click a gap to show its subject on the design canvas.")
                        .small()
                        .weak(),
                );
            }
            const SHOWN: usize = 200;
            for f in state.gaps.iter().take(SHOWN) {
                let text = RichText::new(format!("{} {}", f.rule, f.message))
                    .color(crate::ui::cards::severity_color(f.severity));
                let resp = ui.add(egui::Button::new(text).wrap().frame(false));
                if resp.clicked()
                    && let Some(sel) = Selection::from_subject(f.subject)
                {
                    cx.actions
                        .push(Action::Cycles(CyclesAction::ShowOnCanvas(sel)));
                }
            }
            if gaps > SHOWN {
                ui.label(format!(
                    "… and {} more (the findings panel lists them all)",
                    gaps - SHOWN
                ));
            }
        });
    let people = state.people.len();
    egui::CollapsingHeader::new(format!("People ({people})"))
        .id_salt("cycles_people")
        .default_open(people <= 24)
        .show(ui, |ui| {
            let row = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("cycles_people_scroll")
                .max_height(260.0)
                .show_rows(ui, row, people, |ui, range| {
                    for p in &state.people[range] {
                        if ui
                            .link(org.person_name(*p))
                            .on_hover_text("Select them (the outline shows where they are)")
                            .clicked()
                        {
                            cx.select(Some(Selection::Person(*p)));
                        }
                    }
                });
        });
}

/// The round's ratings of a component in the scope: the summary beside the structure's
/// evidence, and a row per rater to rate it and note why.
fn ratings(
    ui: &mut Ui,
    cx: &mut PanelCtx,
    st: &mut SideState,
    shown: &Shown,
    c: Component,
    round: &Round,
) {
    let org = cx.doc.org();
    let s = cx.doc.structure();
    let scope = shown.cycles.scope;
    let group = group_of(scope);
    ui.strong(format!("Ratings in {}", round.name));
    let summary = shown.rated.summary(c);
    let evidence = crate::cycles::evidence(org, s, &shown.cycles.get(c).gaps);
    if let Some(line) = shown.rated.line(c, &evidence) {
        let line = crate::export::cycles::capitalised(&line);
        match summary {
            Some(x) => ui.colored_label(super::paint::c32(rating_color(x.median)), line),
            None => ui.label(line),
        };
    }
    if summary.is_some_and(|x| x.pooled_from > 0) {
        ui.label(
            RichText::new(
                "These are the ratings of the groups inside, pooled: nobody rated it for this \
                 scope itself.",
            )
            .small()
            .weak(),
        );
    } else if summary.is_some_and(|x| x.org_wide) {
        ui.label(
            RichText::new(
                "These are the whole org's ratings: this group holds all of it, and nobody \
                 rated it for the group itself.",
            )
            .small()
            .weak(),
        );
    }
    if round.raters.is_empty() {
        ui.label(
            RichText::new("Add a rater under Rating rounds to rate it.")
                .small()
                .weak(),
        );
        return;
    }
    let what = match scope {
        Scope::Org => "the whole org".to_string(),
        Scope::Group(_) => super::scope_name(org, s, scope),
    };
    ui.label(RichText::new(format!("Each rater's rating of it for {what}:")).small());
    egui::Grid::new("cycles_ratings")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for rater in &round.raters {
                ui.label(rater);
                let current = round.rating(rater, c, group);
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 2.0;
                    for score in Score::ALL {
                        let on = current.is_some_and(|r| r.rating == score);
                        let resp = ui
                            .selectable_label(on, score.value().to_string())
                            .on_hover_text(format!("{} {}", score.value(), score.label()));
                        crate::ui::a11y::name_widget(
                            &resp,
                            egui::WidgetType::SelectableLabel,
                            &format!("{rater} rates {} {}", c.label(), score.value()),
                            Some(on),
                        );
                        if resp.clicked() && !on {
                            let note = current.map(|r| r.note.clone()).unwrap_or_default();
                            let (name, rater) = (round.name.clone(), rater.clone());
                            change(cx, |a| {
                                if let Some(r) = a.round_mut(&name) {
                                    r.set(&rater, c, group, Some((score, note)));
                                }
                            });
                        }
                    }
                    let resp = ui
                        .add_enabled(current.is_some(), egui::Button::new("–").small())
                        .on_hover_text("Clear this rating");
                    crate::ui::a11y::name_widget(
                        &resp,
                        egui::WidgetType::Button,
                        &format!("Clear {rater}'s rating of {}", c.label()),
                        None,
                    );
                    if resp.clicked() {
                        let (name, rater) = (round.name.clone(), rater.clone());
                        change(cx, |a| {
                            if let Some(r) = a.round_mut(&name) {
                                r.set(&rater, c, group, None);
                            }
                        });
                    }
                });
                // The note: typed freely, kept as one step when the field is left.
                let key = (c, group, rater.clone());
                let saved = current.map(|r| r.note.clone()).unwrap_or_default();
                let draft = st.notes.entry(key.clone()).or_insert_with(|| saved.clone());
                let resp = ui
                    .add_enabled(
                        current.is_some(),
                        egui::TextEdit::singleline(draft)
                            .hint_text("why")
                            .desired_width(140.0),
                    )
                    .on_disabled_hover_text("Rate it first, then say why");
                let resp = if saved.is_empty() {
                    resp
                } else {
                    resp.on_hover_text(&saved)
                };
                crate::ui::a11y::name_widget(
                    &resp,
                    egui::WidgetType::TextEdit,
                    &format!("{rater}'s note on {}", c.label()),
                    None,
                );
                if resp.lost_focus() {
                    let text = draft.trim().to_string();
                    st.notes.remove(&key);
                    if let Some(r) = current.filter(|r| r.note != text) {
                        let (name, rater, score) = (round.name.clone(), rater.clone(), r.rating);
                        change(cx, |a| {
                            if let Some(r) = a.round_mut(&name) {
                                r.set(&rater, c, group, Some((score, text)));
                            }
                        });
                    }
                } else if !resp.has_focus() && *draft != saved {
                    // Changed elsewhere (undo, an import): show what is stored.
                    *draft = saved;
                }
                ui.end_row();
            }
        });
}

/// The rounds: which is shown, which it is compared with, its raters, a new one, the sheet.
fn rounds(
    ui: &mut Ui,
    cx: &mut PanelCtx,
    st: &mut SideState,
    shown: &Shown,
    round: &mut Option<String>,
    earlier: &mut Option<String>,
) {
    let org = cx.doc.org();
    let all = &org.assessment().rounds;
    if all.is_empty() {
        ui.label("No rating rounds yet. Add one to rate the components, or import a filled rating sheet.");
    } else {
        let rounds: Vec<&Round> = all.iter().collect();
        if round_picker(ui, "Round", "None", round, &rounds) {
            st.round_picked = true;
        }
        // Only a round before the one shown can be compared with it.
        let before: Vec<&Round> = match round.as_deref() {
            Some(shown) => all
                .iter()
                .filter(|r| org.assessment().is_earlier(&r.name, shown))
                .collect(),
            None => Vec::new(),
        };
        if !before.is_empty() {
            round_picker(ui, "Compare with", "Nothing", earlier, &before);
        }
        let unrated = shown
            .rated
            .summaries
            .as_ref()
            .is_some_and(|v| v.iter().all(Option::is_none));
        if let (true, Some(e), Some(r)) = (unrated, shown.earlier, shown.round) {
            ui.label(format!("Nothing is rated in {r} yet to compare with {e}."));
        } else if let (Some(shifts), Some(e)) = (&shown.rated.shifts, shown.earlier) {
            for (dir, word) in [(Direction::Rose, "Rose"), (Direction::Fell, "Fell")] {
                let moved: Vec<String> = shifts
                    .iter()
                    .filter(|s| s.direction() == dir)
                    .map(|s| {
                        format!(
                            "{} ({} → {})",
                            s.component.label(),
                            s.before.map_or_else(String::new, number),
                            s.after.map_or_else(String::new, number)
                        )
                    })
                    .collect();
                ui.label(if moved.is_empty() {
                    format!("{word} since {e}: nothing")
                } else {
                    format!("{word} since {e}: {}", moved.join(", "))
                });
            }
        }
    }
    if let Some(r) = round.as_deref().and_then(|n| org.assessment().round(n)) {
        raters(ui, cx, st, r);
        ui.horizontal(|ui| {
            if ui
                .button("Delete round")
                .on_hover_text("Remove this round and its ratings (undo brings it back)")
                .clicked()
            {
                let name = r.name.clone();
                change(cx, |a| a.rounds.retain(|x| x.name != name));
            }
        });
    }
    ui.add_space(4.0);
    new_round(ui, cx, st, round);
    ui.add_space(6.0);
    ui.strong("Rating sheet");
    ui.label(
        RichText::new(
            "Raters fill a sheet in a spreadsheet; import reads any number of them at once.",
        )
        .small()
        .weak(),
    );
    ui.checkbox(&mut st.sheet_per_group, "A row per group too")
        .on_hover_text("The blank sheet asks for every group inside the scope as well");
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Export blank sheet…")
            .on_hover_text("A row per rater and component to fill")
            .clicked()
        {
            cx.actions
                .push(Action::Cycles(CyclesAction::Export(CyclesFile::BlankSheet)));
        }
        if ui
            .add_enabled(round.is_some(), egui::Button::new("Export filled sheet…"))
            .on_hover_text("The round's ratings, one row each")
            .on_disabled_hover_text("Pick a rating round first")
            .clicked()
        {
            cx.actions.push(Action::Cycles(CyclesAction::Export(
                CyclesFile::FilledSheet,
            )));
        }
        if ui
            .button("Import ratings…")
            .on_hover_text("Read a filled rating sheet (CSV) into the design")
            .clicked()
        {
            cx.actions.push(Action::Cycles(CyclesAction::ImportRatings));
        }
    });
}

/// A list to pick one of `rounds` (latest first) or none (`none` says so), named for a screen
/// reader "Round: Q4 2026 · 2026-12-03". Returns whether a round was picked.
fn round_picker(
    ui: &mut Ui,
    label: &str,
    none: &str,
    picked: &mut Option<String>,
    rounds: &[&Round],
) -> bool {
    let words = |r: &Round| format!("{} · {}", r.name, r.date);
    let current = picked
        .as_deref()
        .and_then(|n| rounds.iter().find(|r| r.name == n))
        .map_or_else(|| none.to_string(), |r| words(r));
    let mut chose = false;
    ui.horizontal(|ui| {
        ui.label(label);
        let combo = egui::ComboBox::from_id_salt(("cycles_round_picker", label))
            .selected_text(current.clone())
            .show_ui(ui, |ui| {
                if ui.selectable_label(picked.is_none(), none).clicked() {
                    *picked = None;
                }
                for r in rounds.iter().rev() {
                    if ui
                        .selectable_label(picked.as_deref() == Some(&r.name), words(r))
                        .clicked()
                    {
                        *picked = Some(r.name.clone());
                        chose = true;
                    }
                }
            });
        crate::ui::a11y::name_widget(
            &combo.response,
            egui::WidgetType::ComboBox,
            &format!("{label}: {current}"),
            None,
        );
    });
    chose
}

/// The round's raters: remove one (with their ratings), add one.
fn raters(ui: &mut Ui, cx: &mut PanelCtx, st: &mut SideState, r: &Round) {
    ui.label(format!("Raters of {}", r.name));
    for rater in &r.raters {
        ui.horizontal(|ui| {
            let n = r.ratings.iter().filter(|x| &x.rater == rater).count();
            ui.label(format!(
                "{rater} ({})",
                crate::words::plural(n, "rating", "ratings")
            ));
            let resp = ui
                .small_button("Remove")
                .on_hover_text("Remove this rater and their ratings from the round");
            crate::ui::a11y::name_widget(
                &resp,
                egui::WidgetType::Button,
                &format!("Remove rater {rater}"),
                None,
            );
            if resp.clicked() {
                let (name, rater) = (r.name.clone(), rater.clone());
                change(cx, |a| {
                    if let Some(x) = a.round_mut(&name) {
                        x.raters.retain(|y| *y != rater);
                        x.ratings.retain(|y| y.rater != rater);
                    }
                });
            }
        });
    }
    ui.horizontal(|ui| {
        let resp = ui.add(
            egui::TextEdit::singleline(&mut st.new_rater)
                .hint_text("a rater's name")
                .desired_width(160.0),
        );
        crate::ui::a11y::name_widget(&resp, egui::WidgetType::TextEdit, "New rater", None);
        let entered = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let name = st.new_rater.trim().to_string();
        let known = r.raters.iter().any(|x| x.eq_ignore_ascii_case(&name));
        if (ui
            .add_enabled(!name.is_empty() && !known, egui::Button::new("Add rater"))
            .on_disabled_hover_text(if known {
                "Already a rater of this round"
            } else {
                "Type a name first"
            })
            .clicked()
            || entered)
            && !name.is_empty()
            && !known
        {
            let round = r.name.clone();
            change(cx, |a| {
                if let Some(x) = a.round_mut(&round) {
                    x.raters.push(name);
                }
            });
            st.new_rater.clear();
        }
    });
}

/// The form that adds a round: its name, date and raters.
fn new_round(ui: &mut Ui, cx: &mut PanelCtx, st: &mut SideState, round: &mut Option<String>) {
    let today = jiff::Zoned::now().date();
    let org = cx.doc.org();
    let Some(form) = st.new_round.as_mut() else {
        if ui
            .button("New round…")
            .on_hover_text("A rating round: a date, a name and who rates")
            .clicked()
        {
            st.new_round = Some(NewRound {
                name: org.assessment().fresh_name(today),
                date: today.to_string(),
                raters: String::new(),
                problem: None,
            });
        }
        return;
    };
    ui.strong("New rating round");
    egui::Grid::new("cycles_new_round")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, field, hint) in [
                ("Name", &mut form.name, "Q1 2027"),
                ("Date", &mut form.date, "2027-01-15"),
                ("Raters", &mut form.raters, "names, separated by commas"),
            ] {
                ui.label(label);
                let resp = ui.add(
                    egui::TextEdit::singleline(field)
                        .hint_text(hint)
                        .desired_width(200.0),
                );
                crate::ui::a11y::name_widget(
                    &resp,
                    egui::WidgetType::TextEdit,
                    &format!("Round {}", label.to_lowercase()),
                    None,
                );
                ui.end_row();
            }
        });
    if let Some(p) = &form.problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
    let (add, cancel) = ui
        .horizontal(|ui| {
            (
                ui.button("Add round").clicked(),
                ui.button("Cancel").clicked(),
            )
        })
        .inner;
    if cancel {
        st.new_round = None;
        return;
    }
    if !add {
        return;
    }
    let name = form.name.trim().to_string();
    let date = form.date.parse::<crate::model::cadence::Date>();
    let mut raters: Vec<String> = Vec::new();
    for r in form
        .raters
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        if !raters.iter().any(|x: &String| x.eq_ignore_ascii_case(r)) {
            raters.push(r.to_string());
        }
    }
    form.problem = match date {
        _ if name.is_empty() => Some("Give the round a name.".to_string()),
        _ if org.assessment().round(&name).is_some() => {
            Some(format!("There is a round named \"{name}\" already."))
        }
        Err(e) => Some(format!("The date: {e}.")),
        Ok(d) => {
            let mut r = Round::new(name.clone(), d.0);
            r.raters = raters;
            change(cx, |a| a.rounds.push(r));
            *round = Some(name);
            st.round_picked = true;
            None
        }
    };
    if st.new_round.as_ref().is_some_and(|f| f.problem.is_none()) {
        st.new_round = None;
    }
}
