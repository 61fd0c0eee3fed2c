//! The inspector panel: details of the selection, edited through commands.
//!
//! Nothing here changes the org: every edit becomes an [`Action`] that the app applies as one
//! undoable command. Lists of people are always capped and searchable, so the panel stays fast
//! for orgs with tens of thousands of people.

use std::collections::BTreeMap;

use egui::text::{CCursorRange, LayoutJob};
use egui::{Align, Button, Checkbox, Id, Key, RichText, TextEdit, TextFormat, Ui, WidgetType};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::cards::{health_color, severity_color};
use super::document::Document;
use super::shortcuts::Act;
use super::{Action, PanelCtx, Selection};
use crate::diagram::{Health, team_health};
use crate::model::{
    Body, Command, Group, GroupId, Org, Person, PersonId, RoleHolder, ScaledRole, Structure, Team,
    TeamCount, TeamId, TeamKind, TeamRole, Unit,
};
use crate::rules::candidates::Via;
use crate::rules::{self, Band, Counts, Finding, Severity, SubjectRef, Thresholds, findings_for};
use crate::words::{capitalised, plural};

mod bodies;
mod clipboard;
mod fields;
mod group;
mod labels;
mod person;
mod summary;
mod team;

use super::a11y::name_widget;
use super::person_picker::{
    LIST_LIMIT, Options, Pick, PickerCache, PickerSpec, Search, person_picker,
};
use super::rules_window::profile_explanation;
pub use clipboard::EditOp;
use clipboard::*;
use fields::*;
use labels::*;

/// Width kept free next to a role picker for its "Dedicated" checkbox.
const CHECKBOX_ROOM: f32 = 100.0;

/// Inspector panel state.
#[derive(Default)]
pub struct Inspector {
    edits: Edits,
    cache: PickerCache,
    /// The team or group cut or copied for pasting.
    clip: Option<Clip>,
    /// What the summary shows that needs a walk over the org.
    summary: summary::Totals,
}

impl Inspector {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let doc = cx.doc;
        self.cache.sync(doc);
        self.summary.sync(doc);
        let mut view = View {
            doc,
            org: doc.org(),
            selection: cx.selection,
            actions: &mut *cx.actions,
            edits: &mut self.edits,
            cache: &mut self.cache,
            totals: &self.summary,
        };
        view.commit_stale_drafts();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| view.show(ui));
        // A rename request is for this frame's name field only.
        self.edits.rename = false;
    }

    /// Put the keyboard focus on the selection's name (F2).
    pub fn request_rename(&mut self) {
        self.edits.rename = true;
    }
}

/// A button naming a group (or a weak text when there is none); returns the group if clicked.
fn group_link(
    ui: &mut Ui,
    group: Option<&crate::model::Group>,
    none: &str,
) -> Option<crate::model::GroupId> {
    let Some(g) = group else {
        ui.label(RichText::new(none).weak());
        return None;
    };
    let resp = ui
        .button(&g.name)
        .on_hover_text("Select this group and show it on the canvas");
    name_widget(
        &resp,
        WidgetType::Button,
        &format!("Show group {}", g.name),
        None,
    );
    resp.clicked().then_some(g.id)
}

fn warning_text(text: impl Into<String>) -> RichText {
    RichText::new(text).color(severity_color(Severity::Warning))
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(title).strong());
}

// ---- the view of one frame --------------------------------------------------------------------

struct View<'a, 'd> {
    doc: &'d Document,
    org: &'d Org,
    selection: Option<Selection>,
    actions: &'a mut Vec<Action>,
    edits: &'a mut Edits,
    cache: &'a mut PickerCache,
    totals: &'a summary::Totals,
}

impl View<'_, '_> {
    /// "Part of: Shopping" / "Group: Shopping": a link to the containing group, which reveals it.
    fn parent_link(&mut self, ui: &mut Ui, label: &str, parent: Option<GroupId>, none: &str) {
        let org = self.org;
        ui.horizontal(|ui| {
            ui.label(label);
            if let Some(p) = group_link(ui, parent.and_then(|p| org.group(p)), none) {
                self.actions.push(Action::Reveal(Selection::Group(p)));
            }
        });
    }

    fn apply(&mut self, cmd: Command) {
        self.actions.push(Action::Apply(cmd));
    }

    fn select(&mut self, s: Selection) {
        self.actions.push(Action::Select(Some(s)));
    }

    /// Commit drafts of fields that are no longer shown because the selection changed.
    fn commit_stale_drafts(&mut self) {
        let stale: Vec<Field> = self
            .edits
            .drafts
            .keys()
            .filter(|f| f.shown_for() != self.selection)
            .copied()
            .collect();
        for field in stale {
            if let Some(text) = self.edits.drafts.remove(&field)
                && let Some(cmd) = field.command(self.org, &text)
            {
                self.apply(cmd);
            }
        }
        if self
            .edits
            .new_person
            .as_ref()
            .is_some_and(|n| self.selection != Some(Selection::Team(n.team)))
        {
            self.edits.new_person = None;
        }
    }

    fn show(&mut self, ui: &mut Ui) {
        let org = self.org;
        match self.selection {
            Some(Selection::Team(t)) if org.team(t).is_some() => self.team(ui, &org.teams()[&t]),
            Some(Selection::Group(g)) if org.group(g).is_some() => {
                self.group(ui, &org.groups()[&g]);
            }
            Some(Selection::Person(p)) if org.person(p).is_some() => {
                self.person(ui, &org.people()[&p]);
            }
            Some(Selection::Eat) => self.body(ui, Body::Eat),
            Some(Selection::Ems) => self.body(ui, Body::Ems),
            _ => self.summary(ui),
        }
    }

    /// A labelled text field that commits on Enter (single line) or when it loses focus;
    /// Escape throws the edit away.
    fn text_field(&mut self, ui: &mut Ui, field: Field, label: &str, multiline: bool) {
        let Some(current) = field.current(self.org) else {
            return;
        };
        let label = ui.label(label);
        let id = Id::new(("inspector_field", field));
        let mut text = self
            .edits
            .drafts
            .get(&field)
            .cloned()
            .unwrap_or_else(|| current.clone());
        let edit = if multiline {
            TextEdit::multiline(&mut text).desired_rows(4)
        } else {
            TextEdit::singleline(&mut text)
        };
        let mut out = edit.id(id).desired_width(f32::INFINITY).show(ui);
        if self.edits.rename && field.is_name() {
            self.edits.rename = false;
            out.response.response.request_focus();
            out.response.response.scroll_to_me(Some(Align::Center));
            out.state
                .cursor
                .set_char_range(Some(CCursorRange::select_all(&out.galley)));
            out.state.store(ui.ctx(), id);
        }
        let resp = out.response.response.labelled_by(label.id);
        if resp.lost_focus() {
            self.edits.drafts.remove(&field);
            let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
            if !cancelled && let Some(cmd) = field.command(self.org, &text) {
                self.apply(cmd);
            }
        } else if resp.has_focus() {
            self.edits.drafts.insert(field, text);
        } else {
            self.edits.drafts.remove(&field);
        }
    }

    /// "Duplicate": a copy of the team or group next to it, with new placeholder people.
    fn duplicate_button(&mut self, ui: &mut Ui, item: Unit) {
        let what = match item {
            Unit::Team(_) => "team",
            Unit::Group(_) => "group with its teams",
        };
        let keys = super::shortcuts::text(ui.ctx(), Act::Duplicate);
        if ui
            .button("Duplicate")
            .on_hover_text(format!(
                "Add a copy of this {what} next to it, with new placeholder people in the same seats and roles ({keys})"
            ))
            .clicked()
        {
            self.actions.push(duplicate_action(self.org, item));
        }
    }

    /// The findings about one subject; a click shows the subject.
    fn findings(&mut self, ui: &mut Ui, subject: SubjectRef) {
        let list: Vec<&Finding> = findings_for(self.doc.findings(), subject).collect();
        self.finding_list(ui, &list);
    }

    /// A "Findings (n)" section listing findings; a click shows each one's subject.
    fn finding_list(&mut self, ui: &mut Ui, list: &[&Finding]) {
        if list.is_empty() {
            section(ui, "Findings");
            ui.label(RichText::new("No findings.").weak());
            return;
        }
        section(ui, &format!("Findings ({})", list.len()));
        let body = TextFormat {
            color: ui.visuals().text_color(),
            ..TextFormat::default()
        };
        for f in list.iter().take(LIST_LIMIT) {
            let mut job = LayoutJob::default();
            job.append(
                &format!("{}  ", f.rule),
                0.0,
                TextFormat {
                    color: severity_color(f.severity),
                    ..body.clone()
                },
            );
            job.append(&f.message, 0.0, body.clone());
            let resp = ui
                .add(Button::selectable(false, job).wrap())
                .on_hover_text(format!("{}. Source: {}", f.rule.info().title, f.source()));
            if resp.clicked()
                && let Some(target) = Selection::from_subject(f.subject)
            {
                self.actions.push(Action::Reveal(target));
            }
        }
        if list.len() > LIST_LIMIT {
            ui.label(
                RichText::new(format!(
                    "… and {} more (see the findings panel)",
                    list.len() - LIST_LIMIT
                ))
                .weak(),
            );
        }
    }

    /// A group's findings: those about the group, and those about its SoSM, CPO or Scaled Daily
    /// Scrum representative in their role there (e.g. V15 on its CPO). Then its members' findings
    /// as one line per member with a count, which selects the member: a coach looking at a group
    /// wants to see which of its teams need attention; the details are one click away.
    fn group_findings(&mut self, ui: &mut Ui, g: &Group) {
        let findings = self.doc.findings();
        let list: Vec<&Finding> = findings.iter().filter(|f| concerns_group(f, g)).collect();
        self.finding_list(ui, &list);

        let org = self.org;
        let mut members: BTreeMap<Unit, Counts> = BTreeMap::new();
        for f in findings {
            let unit = match f.subject {
                SubjectRef::Team(t) if org.team(t).is_some_and(|t| t.group == Some(g.id)) => {
                    Unit::Team(t)
                }
                SubjectRef::Group(c) if org.group(c).is_some_and(|c| c.parent == Some(g.id)) => {
                    Unit::Group(c)
                }
                _ => continue,
            };
            let c = members.entry(unit).or_default();
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        if members.is_empty() {
            return;
        }
        section(ui, &format!("Members with findings ({})", members.len()));
        for (unit, c) in members.iter().take(LIST_LIMIT) {
            let worst = if c.errors > 0 {
                Severity::Error
            } else if c.warnings > 0 {
                Severity::Warning
            } else {
                Severity::Info
            };
            let parts: Vec<String> = [
                (c.errors, "error", "errors"),
                (c.warnings, "warning", "warnings"),
                (c.infos, "info", "infos"),
            ]
            .into_iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| plural(n, one, many))
            .collect();
            let text = RichText::new(format!("{}: {}", org.unit_name(*unit), parts.join(", ")))
                .color(severity_color(worst));
            let target = match unit {
                Unit::Team(t) => Selection::Team(*t),
                Unit::Group(c) => Selection::Group(*c),
            };
            if ui
                .selectable_label(false, text)
                .on_hover_text("Select it to see its findings")
                .clicked()
            {
                self.actions.push(Action::Reveal(target));
            }
        }
    }
}
