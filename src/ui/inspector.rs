//! The inspector panel: details of the selection, edited through commands.
//!
//! Nothing here changes the org: every edit becomes an [`Action`] that the app applies as one
//! undoable command. Lists of people are always capped and searchable, so the panel stays fast
//! for orgs with tens of thousands of people.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::text::{CCursorRange, LayoutJob};
use egui::{
    Align, Button, Checkbox, DragValue, Id, Key, PopupCloseBehavior, Response, RichText, TextEdit,
    TextFormat, Ui, WidgetInfo, WidgetType,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::cards::{health_color, severity_color};
use super::document::Document;
use super::shortcuts::Act;
use super::{Action, PanelCtx, Selection};
use crate::diagram::{Health, team_health};
use crate::model::{
    Body, Command, Group, GroupId, Org, Overrides, Person, PersonId, ProfileName, RoleHolder,
    RuleSettings, ScaledRole, Structure, Team, TeamCount, TeamId, TeamKind, TeamRole, Threshold,
    Unit,
};
use crate::rules::candidates::Via;
use crate::rules::{self, Band, Counts, Finding, Severity, SubjectRef, Thresholds, findings_for};
use crate::words::{capitalised, plural};

/// Most entries any list or picker shows at once; a search box narrows longer lists.
const LIST_LIMIT: usize = 50;
/// Pickers with more options than this get a search box.
const SEARCH_FROM: usize = 12;
/// Width kept free next to a role picker for its "Dedicated" checkbox.
const CHECKBOX_ROOM: f32 = 100.0;

/// Inspector panel state.
#[derive(Default)]
pub struct Inspector {
    edits: Edits,
    cache: Cache,
    /// The team or group cut or copied for pasting.
    clip: Option<Clip>,
}

/// What Edit › Cut or Copy took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Clip {
    item: Unit,
    /// Cut: pasting moves the item; copied: pasting puts a copy there.
    cut: bool,
}

/// Edit › Cut, Copy, Paste and Duplicate, for teams and groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditOp {
    Cut,
    Copy,
    Paste,
    Duplicate,
}

impl EditOp {
    /// Every operation with its menu label and shortcut, in menu order.
    pub const ALL: [(EditOp, &'static str, Act); 4] = [
        (EditOp::Cut, "Cut", Act::Cut),
        (EditOp::Copy, "Copy", Act::Copy),
        (EditOp::Paste, "Paste", Act::Paste),
        (EditOp::Duplicate, "Duplicate", Act::Duplicate),
    ];
}

/// The command that duplicates a team or group next to it, as an action that selects the copy.
fn duplicate_action(org: &Org, item: Unit) -> Action {
    match Command::duplicate(org, item, org.parent_of(item)) {
        Ok((cmd, copy)) => Action::ApplyAndSelect(cmd, unit_selection(copy)),
        Err(e) => Action::Status(format!("Not duplicated: {e}")),
    }
}

fn unit_selection(u: Unit) -> Selection {
    match u {
        Unit::Team(t) => Selection::Team(t),
        Unit::Group(g) => Selection::Group(g),
    }
}

impl Inspector {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let doc = cx.doc;
        self.cache.sync(doc);
        let mut view = View {
            doc,
            org: doc.org(),
            selection: cx.selection,
            actions: &mut *cx.actions,
            edits: &mut self.edits,
            cache: &mut self.cache,
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

    /// Whether an Edit operation can run now (for the menu).
    pub fn can(&self, op: EditOp, org: &Org, selection: Option<Selection>) -> bool {
        match op {
            EditOp::Cut | EditOp::Copy | EditOp::Duplicate => selection
                .and_then(Selection::unit)
                .is_some_and(|u| org.contains(u)),
            EditOp::Paste => self.clip.is_some_and(|c| org.contains(c.item)),
        }
    }

    /// Run an Edit operation on the selection. Cut and Copy only remember the team or group (and
    /// put its name on the system clipboard, which also lets the desktop send Ctrl+V); Paste puts
    /// a copy into the selected group (next to a selected team; at the top with nothing selected)
    /// or moves what was cut there, as one undoable step.
    pub fn edit(
        &mut self,
        ctx: &egui::Context,
        op: EditOp,
        doc: &Document,
        selection: Option<Selection>,
    ) -> Action {
        let org = doc.org();
        let paste_keys = super::shortcuts::text(ctx, Act::Paste);
        let selected = selection
            .and_then(Selection::unit)
            .filter(|u| org.contains(*u));
        match op {
            EditOp::Cut | EditOp::Copy => {
                let Some(item) = selected else {
                    return Action::Status("Select a team or group first".to_string());
                };
                let cut = op == EditOp::Cut;
                self.clip = Some(Clip { item, cut });
                let name = org.unit_name(item);
                ctx.copy_text(name.clone());
                Action::Status(if cut {
                    format!("Cut {name}: select a group and paste ({paste_keys}) to move it there")
                } else {
                    format!(
                        "Copied {name}: select a group and paste ({paste_keys}) to put a copy there"
                    )
                })
            }
            EditOp::Duplicate => match selected {
                Some(item) => duplicate_action(org, item),
                None => Action::Status("Select a team or group to duplicate".to_string()),
            },
            EditOp::Paste => {
                let Some(clip) = self.clip.filter(|c| org.contains(c.item)) else {
                    self.clip = None;
                    return Action::Status(
                        "Nothing to paste: cut or copy a team or group first".to_string(),
                    );
                };
                let into = match selection {
                    Some(Selection::Group(g)) if org.group(g).is_some() => Some(g),
                    Some(Selection::Team(t)) if org.team(t).is_some() => {
                        org.parent_of(Unit::Team(t))
                    }
                    None => None,
                    Some(_) => {
                        return Action::Status(
                            "Select a group to paste into (or a team to paste next to)".to_string(),
                        );
                    }
                };
                if !clip.cut {
                    return match Command::duplicate(org, clip.item, into) {
                        Ok((cmd, copy)) => Action::ApplyAndSelect(cmd, unit_selection(copy)),
                        Err(e) => Action::Status(format!("Not pasted: {e}")),
                    };
                }
                let cmd = Command::Move {
                    item: clip.item,
                    to: into.map(Unit::Group),
                };
                if let Err(e) = cmd.check(org) {
                    return Action::Status(format!("Not pasted: {e}"));
                }
                // Pasting what was cut moves it once; the clipboard is then empty.
                self.clip = None;
                Action::ApplyAndSelect(cmd, unit_selection(clip.item))
            }
        }
    }
}

// ---- text fields ------------------------------------------------------------------------------

/// A text field of the inspector, committed as one command when it loses focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    OrgName,
    TeamName(TeamId),
    GroupName(GroupId),
    PersonName(PersonId),
    Email(PersonId),
    DefinitionOfDone(GroupId),
}

impl Field {
    /// The selection under which the field is shown (`None`: nothing selected).
    fn shown_for(self) -> Option<Selection> {
        match self {
            Field::OrgName => None,
            Field::TeamName(t) => Some(Selection::Team(t)),
            Field::GroupName(g) | Field::DefinitionOfDone(g) => Some(Selection::Group(g)),
            Field::PersonName(p) | Field::Email(p) => Some(Selection::Person(p)),
        }
    }

    fn is_name(self) -> bool {
        !matches!(self, Field::Email(_) | Field::DefinitionOfDone(_))
    }

    /// The value in the model; `None` when its subject no longer exists.
    fn current(self, org: &Org) -> Option<String> {
        Some(match self {
            Field::OrgName => org.name().to_string(),
            Field::TeamName(t) => org.team(t)?.name.clone(),
            Field::GroupName(g) => org.group(g)?.name.clone(),
            Field::PersonName(p) => org.person(p)?.name.clone(),
            Field::Email(p) => org.person(p)?.email.clone().unwrap_or_default(),
            Field::DefinitionOfDone(g) => {
                org.group(g)?.definition_of_done.clone().unwrap_or_default()
            }
        })
    }

    /// The command that stores `text`, if it differs from the model. An empty name is passed on
    /// so that the model refuses it and the status bar says why.
    fn command(self, org: &Org, text: &str) -> Option<Command> {
        let current = self.current(org)?;
        let text = text.trim();
        if text == current.trim() {
            return None;
        }
        let name = text.to_string();
        let optional = (!text.is_empty()).then(|| text.to_string());
        Some(match self {
            Field::OrgName => Command::SetOrgName(name),
            Field::TeamName(team) => Command::RenameTeam { team, name },
            Field::GroupName(group) => Command::RenameGroup { group, name },
            Field::PersonName(person) => Command::RenamePerson { person, name },
            Field::Email(person) => Command::SetEmail {
                person,
                email: optional,
            },
            Field::DefinitionOfDone(group) => Command::SetDefinitionOfDone {
                group,
                text: optional,
            },
        })
    }
}

/// Unfinished edits.
#[derive(Default)]
struct Edits {
    /// Text typed into fields that still have the focus.
    drafts: HashMap<Field, String>,
    /// F2 was pressed: focus the name field and select its text.
    rename: bool,
    /// The name typed for a new person about to join a team.
    new_person: Option<NewPerson>,
}

struct NewPerson {
    team: TeamId,
    name: String,
    /// Whether the name field still has to take the focus.
    focus: bool,
}

// ---- caches -----------------------------------------------------------------------------------

/// Things derived from the org that are too costly to rebuild every frame in a big org.
#[derive(Default)]
struct Cache {
    /// The document revision the cache is for (revisions are unique across documents).
    key: Option<u64>,
    structure: Option<Arc<Structure>>,
    /// Lower-case names in id order, for searching.
    names: Option<Arc<Vec<(PersonId, String)>>>,
    /// The options of the open picker (only one popup is open at a time).
    options: Option<(Id, Arc<Options>)>,
}

impl Cache {
    fn sync(&mut self, doc: &Document) {
        let key = doc.revision();
        if self.key != Some(key) {
            *self = Cache {
                key: Some(key),
                ..Cache::default()
            };
        }
    }

    fn structure(&mut self, org: &Org) -> Arc<Structure> {
        self.structure
            .get_or_insert_with(|| Arc::new(org.structure()))
            .clone()
    }

    fn options(&mut self, picker: Id, make: impl FnOnce() -> Options) -> Arc<Options> {
        match &self.options {
            Some((id, options)) if *id == picker => options.clone(),
            _ => {
                let options = Arc::new(make());
                self.options = Some((picker, options.clone()));
                options
            }
        }
    }

    fn names(&mut self, org: &Org) -> Arc<Vec<(PersonId, String)>> {
        self.names
            .get_or_insert_with(|| {
                Arc::new(
                    org.people()
                        .values()
                        .map(|p| (p.id, p.name.to_lowercase()))
                        .collect(),
                )
            })
            .clone()
    }
}

/// A search over people's names (case-insensitive substring).
struct Search {
    query: String,
    names: Option<Arc<Vec<(PersonId, String)>>>,
}

impl Search {
    fn new(query: &str, org: &Org, cache: &mut Cache) -> Self {
        let query = query.trim().to_lowercase();
        let names = (!query.is_empty()).then(|| cache.names(org));
        Search { query, names }
    }

    fn matches(&self, p: PersonId) -> bool {
        let Some(names) = &self.names else {
            return true;
        };
        names
            .binary_search_by_key(&p, |(id, _)| *id)
            .is_ok_and(|i| names[i].1.contains(&self.query))
    }

    /// Everyone matching, in id order.
    fn everyone<'s>(&'s self, org: &'s Org) -> Box<dyn Iterator<Item = PersonId> + 's> {
        match &self.names {
            Some(names) => Box::new(
                names
                    .iter()
                    .filter(|(_, n)| n.contains(&self.query))
                    .map(|(id, _)| *id),
            ),
            None => Box::new(org.people().keys().copied()),
        }
    }
}

// ---- people pickers ---------------------------------------------------------------------------

/// What was chosen in a person picker.
enum Pick {
    /// The fixed option ("None", "Default …").
    Fixed,
    /// A person; `candidate` when picked from the first section.
    Person { person: PersonId },
    /// "New person…", with what had been typed into the search box.
    New(String),
}

/// How a person picker looks.
struct PickerSpec<'s> {
    id: Id,
    /// The label that names the picker for screen readers and tests.
    labelled_by: Id,
    selected: String,
    width: f32,
    /// An option above the people, e.g. "None".
    fixed: Option<String>,
    first_heading: &'s str,
    /// Heading of everyone else; `None` shows the first section only.
    rest_heading: Option<&'s str>,
    new_person: bool,
}

/// The people a picker offers, computed when its popup opens and kept while the org is unchanged.
struct Options {
    /// The first section, each with a note such as "SM of Cart".
    first: Vec<(PersonId, String)>,
    /// Who may appear under the rest heading, in id order; `None`: everyone.
    only: Option<Vec<PersonId>>,
    /// The people of the first section, left out of the rest.
    seen: HashSet<PersonId>,
}

impl Options {
    fn new(first: Vec<(PersonId, String)>, only: Option<Vec<PersonId>>) -> Self {
        let seen = first.iter().map(|(p, _)| *p).collect();
        Options { first, only, seen }
    }

    /// Just these people, in this order, and nobody else.
    fn only(first: Vec<(PersonId, String)>) -> Self {
        Options::new(first, Some(Vec::new()))
    }

    /// Everyone, in id order.
    fn everyone() -> Self {
        Options::new(Vec::new(), None)
    }
}

/// A ComboBox over people: an optional fixed option, then a first section (e.g. the group's own
/// Scrum Masters, each with a note), then everyone else whom `keep` accepts. The options are
/// computed only while the popup is open, at most [`LIST_LIMIT`] show per section, and a search
/// box narrows long lists.
fn person_picker(
    ui: &mut Ui,
    org: &Org,
    cache: &mut Cache,
    spec: PickerSpec<'_>,
    options: impl FnOnce() -> Options,
    keep: &dyn Fn(PersonId) -> bool,
) -> Option<Pick> {
    let query_id = spec.id.with("query");
    let mut pick = None;
    let ir = egui::ComboBox::from_id_salt(spec.id)
        .selected_text(spec.selected)
        .width(spec.width.max(120.0))
        .height(380.0)
        .truncate()
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            if let Some(option) = &spec.fixed
                && ui.selectable_label(false, option).clicked()
            {
                pick = Some(Pick::Fixed);
                ui.close();
            }
            let options = cache.options(spec.id, options);
            let others = options.only.as_ref().map_or(org.people().len(), Vec::len);
            let query = if options.first.len() + others > SEARCH_FROM {
                search_box(ui, query_id, "Search people by name")
            } else {
                String::new()
            };
            let search = Search::new(&query, org, cache);
            if spec.new_person {
                if ui
                    .selectable_label(false, "New person…")
                    .on_hover_text("Add someone who is not in the organisation yet")
                    .clicked()
                {
                    pick = Some(Pick::New(query.trim().to_string()));
                    ui.close();
                }
                ui.separator();
            }
            if !spec.first_heading.is_empty() {
                ui.label(RichText::new(spec.first_heading).strong());
                let shown = options.first.iter().filter(|(p, _)| search.matches(*p));
                person_rows(ui, org, shown, &mut pick);
            }
            if let Some(heading) = spec.rest_heading {
                ui.label(RichText::new(heading).strong());
                let pool: Box<dyn Iterator<Item = PersonId>> = match &options.only {
                    Some(only) => Box::new(only.iter().copied().filter(|p| search.matches(*p))),
                    None => search.everyone(org),
                };
                let rest: Vec<_> = pool
                    .filter(|p| !options.seen.contains(p) && keep(*p))
                    .map(|p| (p, String::new()))
                    .take(LIST_LIMIT + 1)
                    .collect();
                person_rows(ui, org, rest.iter(), &mut pick);
            }
        });
    if ir.inner.is_none() {
        ui.data_mut(|d| d.remove::<String>(query_id));
    }
    let _ = ir.response.labelled_by(spec.labelled_by);
    pick
}

/// Rows of a picker section, capped at [`LIST_LIMIT`].
fn person_rows<'p>(
    ui: &mut Ui,
    org: &Org,
    people: impl Iterator<Item = &'p (PersonId, String)>,
    pick: &mut Option<Pick>,
) {
    let mut n = 0;
    for (p, note) in people {
        if n == LIST_LIMIT {
            ui.label(RichText::new("More people match: type to narrow the list.").weak());
            return;
        }
        n += 1;
        ui.horizontal(|ui| {
            let resp = ui.selectable_label(false, org.person_name(*p));
            let resp = match org.person(*p).and_then(|p| p.email.as_deref()) {
                Some(email) => resp.on_hover_text(email),
                None => resp,
            };
            if resp.clicked() {
                *pick = Some(Pick::Person { person: *p });
                ui.close();
            }
            if !note.is_empty() {
                ui.label(RichText::new(note).weak());
            }
        });
    }
    if n == 0 {
        ui.label(RichText::new("Nobody").weak());
    }
}

/// A search box in a popup, focused when the popup opens; returns what was typed.
fn search_box(ui: &mut Ui, id: Id, hint: &str) -> String {
    let stored = ui.data(|d| d.get_temp::<String>(id));
    let just_opened = stored.is_none();
    let mut query = stored.unwrap_or_default();
    let resp = ui.add(
        TextEdit::singleline(&mut query)
            .id(id)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    name_widget(&resp, WidgetType::TextEdit, "Search people", None);
    if just_opened {
        resp.request_focus();
    }
    ui.data_mut(|d| d.insert_temp(id, query.clone()));
    query
}

/// Give a widget a readable name for screen readers and tests (e.g. "Dev: Ana Kovačević").
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

fn name_widget(resp: &Response, typ: WidgetType, name: &str, selected: Option<bool>) {
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(typ, resp.enabled(), name);
        info.selected = selected;
        info
    });
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
    cache: &'a mut Cache,
}

impl View<'_, '_> {
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

    // ---- team ---------------------------------------------------------------------------------

    fn team(&mut self, ui: &mut Ui, team: &Team) {
        let org = self.org;
        ui.label(RichText::new(kind_title(team.kind)).weak());
        self.text_field(ui, Field::TeamName(team.id), "Team name", false);
        self.duplicate_button(ui, Unit::Team(team.id));
        ui.horizontal(|ui| {
            ui.label("Kind:");
            for kind in [TeamKind::Scrum, TeamKind::Virtual] {
                let hover = match kind {
                    TeamKind::Scrum => "A real Scrum team: one PO, one SM and Developers",
                    TeamKind::Virtual => {
                        "Specialists who sit in real teams and also meet as a team; exempt from the team rules"
                    }
                };
                if ui
                    .radio(team.kind == kind, kind_title(kind))
                    .on_hover_text(hover)
                    .clicked()
                    && team.kind != kind
                {
                    self.apply(Command::SetTeamKind {
                        team: team.id,
                        kind,
                    });
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label("Group:");
            if let Some(g) = group_link(
                ui,
                team.group.and_then(|g| org.group(g)),
                "none (an independent team)",
            ) {
                self.actions.push(Action::Reveal(Selection::Group(g)));
            }
        });
        headcount(ui, org, team);
        section(ui, "Members");
        self.members(ui, team);
        self.add_member(ui, team);
        if let Some(g) = team.group.and_then(|g| org.group(g)) {
            self.team_sds(ui, team, g);
        }
        self.findings(ui, SubjectRef::Team(team.id));
    }

    fn members(&mut self, ui: &mut Ui, team: &Team) {
        let org = self.org;
        let mut people: Vec<(PersonId, Vec<TeamRole>)> = team
            .people()
            .into_iter()
            .map(|p| (p, team.roles_of(p)))
            .collect();
        if people.is_empty() {
            ui.label(
                RichText::new("Nobody yet: add a Product Owner, a Scrum Master and Developers.")
                    .weak(),
            );
            return;
        }
        people.sort_by_key(|(p, roles)| (roles.first().copied(), *p));
        let filter_id = Id::new(("member_filter", team.id));
        let search = if people.len() > LIST_LIMIT {
            let mut query = ui
                .data(|d| d.get_temp::<String>(filter_id))
                .unwrap_or_default();
            ui.add(
                TextEdit::singleline(&mut query)
                    .hint_text("Filter members by name")
                    .desired_width(f32::INFINITY),
            );
            ui.data_mut(|d| d.insert_temp(filter_id, query.clone()));
            Search::new(&query, org, self.cache)
        } else {
            Search::new("", org, self.cache)
        };
        let matching: Vec<_> = people
            .iter()
            .filter(|(p, _)| search.matches(*p))
            .take(LIST_LIMIT)
            .collect();
        egui::Grid::new(("team_members", team.id))
            .num_columns(5)
            .striped(true)
            .show(ui, |ui| {
                ui.label(RichText::new("Name").strong());
                for role in TeamRole::ALL {
                    ui.label(RichText::new(role.short()).strong())
                        .on_hover_text(role.long());
                }
                ui.label("");
                ui.end_row();
                for (p, roles) in matching {
                    self.member_row(ui, team, *p, roles);
                    ui.end_row();
                }
            });
        if people.len() > LIST_LIMIT {
            ui.label(
                RichText::new(format!(
                    "{} members; showing at most {LIST_LIMIT}.",
                    people.len()
                ))
                .weak(),
            );
        }
    }

    fn member_row(&mut self, ui: &mut Ui, team: &Team, p: PersonId, roles: &[TeamRole]) {
        let name = self.org.person_name(p);
        if ui.link(&name).on_hover_text("Select this person").clicked() {
            self.select(Selection::Person(p));
        }
        for role in TeamRole::ALL {
            let mut on = roles.contains(&role);
            let resp = ui
                .add(Checkbox::without_text(&mut on))
                .on_hover_text(format!("{name} is {} of {}", role.long(), team.name));
            name_widget(
                &resp,
                WidgetType::Checkbox,
                &format!("{}: {name}", role.short()),
                Some(on),
            );
            if resp.changed() {
                let (team, person) = (team.id, p);
                self.apply(if on {
                    Command::AddSeat { team, person, role }
                } else {
                    Command::RemoveSeat { team, person, role }
                });
            }
        }
        let resp = ui
            .small_button("Remove")
            .on_hover_text(format!("Take {name} out of {}", team.name));
        name_widget(&resp, WidgetType::Button, &format!("Remove {name}"), None);
        if resp.clicked() {
            let mut commands: Vec<Command> = roles
                .iter()
                .map(|&role| Command::RemoveSeat {
                    team: team.id,
                    person: p,
                    role,
                })
                .collect();
            if team.sds_rep == Some(p) {
                commands.push(Command::SetSdsRep {
                    unit: Unit::Team(team.id),
                    person: None,
                });
            }
            self.apply(Command::Batch {
                label: format!("Remove {name} from {}", team.name),
                commands,
            });
        }
    }

    fn add_member(&mut self, ui: &mut Ui, team: &Team) {
        let org = self.org;
        ui.add_space(4.0);
        let label = ui.label("Add member");
        let spec = PickerSpec {
            id: Id::new(("add_member", team.id)),
            labelled_by: label.id,
            selected: "Choose a person…".to_string(),
            width: ui.available_width(),
            fixed: None,
            first_heading: "",
            rest_heading: Some("People"),
            new_person: true,
        };
        let not_member = |p: PersonId| !team.has_member(p);
        match person_picker(ui, org, self.cache, spec, Options::everyone, &not_member) {
            Some(Pick::Person { person }) => self.apply(Command::AddSeat {
                team: team.id,
                person,
                role: TeamRole::Developer,
            }),
            Some(Pick::New(name)) => {
                self.edits.new_person = Some(NewPerson {
                    team: team.id,
                    name,
                    focus: true,
                });
            }
            Some(Pick::Fixed) | None => {}
        }
        self.new_person_form(ui, team);
    }

    /// The name field shown after "New person…".
    fn new_person_form(&mut self, ui: &mut Ui, team: &Team) {
        let Some(new) = self.edits.new_person.as_mut().filter(|n| n.team == team.id) else {
            return;
        };
        let label = ui.label("New person's name");
        let resp = ui
            .add(
                TextEdit::singleline(&mut new.name)
                    .id(Id::new(("new_person", team.id)))
                    .hint_text("Full name")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if new.focus {
            resp.request_focus();
            new.focus = false;
        }
        let entered = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let escaped = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape));
        let valid = !new.name.trim().is_empty();
        let (mut add, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            let resp = ui.add_enabled(valid, Button::new("Add"));
            name_widget(&resp, WidgetType::Button, "Add new person", None);
            add = resp.clicked();
            cancel = ui.button("Cancel").clicked();
        });
        if (add || entered) && valid {
            let name = new.name.trim().to_string();
            let id = self.org.next_person_id();
            self.edits.new_person = None;
            self.apply(Command::Batch {
                label: format!("Add {name} to {}", team.name),
                commands: vec![
                    Command::AddPerson(Person {
                        id,
                        name,
                        email: None,
                    }),
                    Command::AddSeat {
                        team: team.id,
                        person: id,
                        role: TeamRole::Developer,
                    },
                ],
            });
        } else if cancel || escaped {
            self.edits.new_person = None;
        }
    }

    /// The team's representative at its group's Scaled Daily Scrum.
    fn team_sds(&mut self, ui: &mut Ui, team: &Team, group: &Group) {
        let org = self.org;
        ui.add_space(6.0);
        let label = ui
            .label("Scaled Daily Scrum representative")
            .on_hover_text(format!(
                "Who speaks for {} at the Scaled Daily Scrum of {}",
                team.name, group.name
            ));
        let default = match team.scrum_masters.iter().next() {
            Some(sm) => format!("Default (the Scrum Master: {})", org.person_name(*sm)),
            None => "Default (the Scrum Master; the team has none)".to_string(),
        };
        let selected = match team.sds_rep {
            Some(p) if team.has_member(p) => org.person_name(p),
            Some(p) => format!("{} (not in the team)", org.person_name(p)),
            None => default.clone(),
        };
        let spec = PickerSpec {
            id: Id::new(("team_sds", team.id)),
            labelled_by: label.id,
            selected,
            width: ui.available_width(),
            fixed: Some(default),
            first_heading: "Members",
            rest_heading: None,
            new_person: false,
        };
        let members = || {
            Options::only(
                team.people()
                    .into_iter()
                    .map(|p| {
                        let roles: Vec<_> = team.roles_of(p).iter().map(|r| r.short()).collect();
                        (p, roles.join(", "))
                    })
                    .collect(),
            )
        };
        let pick = person_picker(ui, org, self.cache, spec, members, &|_| true);
        self.set_sds_rep(pick, Unit::Team(team.id), team.sds_rep);
    }

    /// Apply a pick from a Scaled Daily Scrum representative picker ("Default" clears it).
    fn set_sds_rep(&mut self, pick: Option<Pick>, unit: Unit, current: Option<PersonId>) {
        let person = match pick {
            Some(Pick::Fixed) => None,
            Some(Pick::Person { person }) => Some(person),
            Some(Pick::New(_)) | None => return,
        };
        if person != current {
            self.apply(Command::SetSdsRep { unit, person });
        }
    }

    // ---- group --------------------------------------------------------------------------------

    fn group(&mut self, ui: &mut Ui, g: &Group) {
        let org = self.org;
        let s = self.cache.structure(org);
        let level = s.level(g.id);
        ui.label(RichText::new(format!("{} · level {level}", group_kind_title(level))).weak());
        self.text_field(ui, Field::GroupName(g.id), "Group name", false);
        self.duplicate_button(ui, Unit::Group(g.id));
        ui.horizontal(|ui| {
            ui.label("Part of:");
            if let Some(p) = group_link(
                ui,
                g.parent.and_then(|p| org.group(p)),
                "nothing (a top-level group)",
            ) {
                self.actions.push(Action::Reveal(Selection::Group(p)));
            }
        });
        self.group_members(ui, g, level, &s);
        section(ui, "Roles");
        self.role(ui, g, level, &s, ScaledRole::Master);
        self.role(ui, g, level, &s, ScaledRole::ChiefProductOwner);
        if let Some(parent) = g.parent.and_then(|p| org.group(p)) {
            self.group_sds(ui, g, level, parent, &s);
        }
        section(ui, "Shared work");
        self.text_field(
            ui,
            Field::DefinitionOfDone(g.id),
            "Definition of Done",
            true,
        );
        self.group_findings(ui, g);
    }

    fn group_members(&mut self, ui: &mut Ui, g: &Group, level: u32, s: &Structure) {
        let org = self.org;
        let t = Thresholds::from_settings(org.rules());
        let band = if level <= 1 { t.group } else { t.upper };
        let children = s.children(g.id);
        let teams = s.child_teams(g.id).count();
        let groups = children.len() - teams;
        let what = match (teams, groups) {
            (_, 0) => plural(teams, "team", "teams"),
            (0, _) => plural(groups, "group", "groups"),
            _ => format!(
                "{} and {}",
                plural(teams, "team", "teams"),
                plural(groups, "group", "groups")
            ),
        };
        let health = band_health(children.len(), &band);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Members: {what}")).color(health_color(health)));
            ui.label(
                RichText::new(format!(
                    "(target {}–{}, warning below {} or above {})",
                    band.target_min, band.target_max, band.warn_below, band.warn_above
                ))
                .weak(),
            );
        });
        for &unit in children.iter().take(LIST_LIMIT) {
            let (text, target) = match unit {
                Unit::Team(id) => {
                    let Some(team) = org.team(id) else { continue };
                    let size = plural(team.headcount(), "person", "people");
                    let kind = if team.is_real() { "" } else { " · virtual" };
                    (format!("{} · {size}{kind}", team.name), Selection::Team(id))
                }
                Unit::Group(id) => {
                    let Some(child) = org.group(id) else { continue };
                    let n = s.children(id).len();
                    (
                        format!(
                            "{} {} · {}",
                            Structure::level_label(s.level(id)),
                            child.name,
                            plural(n, "member", "members")
                        ),
                        Selection::Group(id),
                    )
                }
            };
            if ui
                .selectable_label(false, text)
                .on_hover_text("Select")
                .clicked()
            {
                self.select(target);
            }
        }
        if children.len() > LIST_LIMIT {
            ui.label(
                RichText::new(format!(
                    "… and {} more (see the outline)",
                    children.len() - LIST_LIMIT
                ))
                .weak(),
            );
        }
    }

    /// The master or CPO of a group: a picker with the group's candidates first, a "Dedicated"
    /// flag, and a way to keep one holder when the data has several.
    fn role(&mut self, ui: &mut Ui, g: &Group, level: u32, s: &Structure, role: ScaledRole) {
        let org = self.org;
        let short = role_label(role, level);
        let seats = match role {
            ScaledRole::Master => "Scrum Masters",
            ScaledRole::ChiefProductOwner => "Product Owners",
        };
        let holders = g.holders(role);
        let dedicated_hover = format!(
            "A dedicated {short} is given the role on purpose and is not one of the {seats} of the group's teams"
        );
        if holders.len() > 1 {
            ui.label(warning_text(format!(
                "{} people hold this role; a group needs exactly one. Keep one:",
                holders.len()
            )));
            for h in holders {
                let name = org.person_name(h.person);
                ui.horizontal(|ui| {
                    if ui.link(&name).on_hover_text("Select this person").clicked() {
                        self.select(Selection::Person(h.person));
                    }
                    let mut dedicated = h.dedicated;
                    let resp = ui
                        .checkbox(&mut dedicated, "Dedicated")
                        .on_hover_text(&dedicated_hover);
                    name_widget(
                        &resp,
                        WidgetType::Checkbox,
                        &format!("Dedicated {short}: {name}"),
                        Some(dedicated),
                    );
                    if resp.changed() {
                        let holders: Vec<RoleHolder> = holders
                            .iter()
                            .map(|x| RoleHolder {
                                person: x.person,
                                dedicated: if x.person == h.person {
                                    dedicated
                                } else {
                                    x.dedicated
                                },
                            })
                            .collect();
                        self.apply(Command::SetScaledRole {
                            group: g.id,
                            role,
                            holders,
                        });
                    }
                    let resp = ui.small_button("Keep only this one");
                    name_widget(
                        &resp,
                        WidgetType::Button,
                        &format!("Keep {name} as the only {short}"),
                        None,
                    );
                    if resp.clicked() {
                        self.apply(Command::assign(g.id, role, h.person, h.dedicated));
                    }
                });
            }
        }
        let label = ui
            .label(role_title(role, level))
            .on_hover_text(role_hover(role));
        let selected = match holders {
            [] => "None".to_string(),
            [h] => org.person_name(h.person),
            hs => format!("{} people", hs.len()),
        };
        ui.horizontal(|ui| {
            let spec = PickerSpec {
                id: Id::new(("group_role", g.id, role)),
                labelled_by: label.id,
                selected,
                width: ui.available_width() - CHECKBOX_ROOM,
                fixed: Some("None".to_string()),
                first_heading: "From this group",
                rest_heading: Some("Anyone else"),
                new_person: false,
            };
            let options = || Options::new(candidates(org, s, g.id, role), None);
            match person_picker(ui, org, self.cache, spec, options, &|_| true) {
                Some(Pick::Fixed) if !holders.is_empty() => {
                    self.apply(Command::clear(g.id, role));
                }
                Some(Pick::Person { person }) => {
                    // Never mark someone dedicated behind the user's back: rule V10/V9 says when
                    // a holder is not from the group, and the Dedicated box records the intent.
                    let wanted = RoleHolder {
                        person,
                        dedicated: false,
                    };
                    if holders != [wanted] {
                        self.apply(Command::assign(g.id, role, person, wanted.dedicated));
                    }
                }
                _ => {}
            }
            if let [h] = holders {
                let mut dedicated = h.dedicated;
                let resp = ui
                    .checkbox(&mut dedicated, "Dedicated")
                    .on_hover_text(&dedicated_hover);
                name_widget(
                    &resp,
                    WidgetType::Checkbox,
                    &format!("Dedicated {short}"),
                    Some(dedicated),
                );
                if resp.changed() {
                    self.apply(Command::assign(g.id, role, h.person, dedicated));
                }
            }
        });
    }

    /// The group's representative at its parent's Scaled Daily Scrum.
    fn group_sds(&mut self, ui: &mut Ui, g: &Group, level: u32, parent: &Group, s: &Structure) {
        let org = self.org;
        ui.add_space(6.0);
        let label = ui
            .label("Scaled Daily Scrum representative")
            .on_hover_text(format!(
                "Who speaks for {} at the Scaled Daily Scrum of {}",
                g.name, parent.name
            ));
        let master = Structure::master_label(level);
        let default = match g.masters.first() {
            Some(h) => format!("Default (the {master}: {})", org.person_name(h.person)),
            None => format!("Default (the {master}; there is none)"),
        };
        let selected = match g.sds_rep {
            Some(p) => org.person_name(p),
            None => default.clone(),
        };
        let spec = PickerSpec {
            id: Id::new(("group_sds", g.id)),
            labelled_by: label.id,
            selected,
            width: ui.available_width(),
            fixed: Some(default),
            first_heading: "From this group",
            rest_heading: Some("Anyone else in this group"),
            new_person: false,
        };
        let options = || {
            let mut first: Vec<(PersonId, String)> = Vec::new();
            let mut seen = HashSet::default();
            let holders = [
                (ScaledRole::Master, &g.masters),
                (ScaledRole::ChiefProductOwner, &g.cpos),
            ];
            for (role, holders) in holders {
                for h in holders {
                    if seen.insert(h.person) {
                        first.push((h.person, role_label(role, level)));
                    }
                }
            }
            for &unit in s.children(g.id) {
                let rep = match unit {
                    Unit::Team(t) => org.team(t).and_then(Team::effective_sds_rep),
                    Unit::Group(c) => org.group(c).and_then(Group::effective_sds_rep),
                };
                if let Some(p) = rep.filter(|p| seen.insert(*p)) {
                    first.push((p, format!("represents {}", org.unit_name(unit))));
                }
            }
            Options::new(first, Some(people_within(org, s, g.id)))
        };
        let pick = person_picker(ui, org, self.cache, spec, options, &|_| true);
        self.set_sds_rep(pick, Unit::Group(g.id), g.sds_rep);
    }

    // ---- person -------------------------------------------------------------------------------

    fn person(&mut self, ui: &mut Ui, p: &Person) {
        let org = self.org;
        ui.label(RichText::new("Person").weak());
        self.text_field(ui, Field::PersonName(p.id), "Person name", false);
        self.text_field(ui, Field::Email(p.id), "E-mail", false);

        section(ui, "Team seats");
        let seats: Vec<&Team> = org
            .teams()
            .values()
            .filter(|t| t.has_member(p.id))
            .collect();
        if seats.is_empty() {
            ui.label(RichText::new("No seat in any team.").weak());
        }
        for team in seats.iter().take(LIST_LIMIT) {
            let roles: Vec<&str> = team.roles_of(p.id).iter().map(|r| r.long()).collect();
            let virt = if team.is_real() { "" } else { " (virtual)" };
            let text = format!("{}{virt}: {}", team.name, roles.join(", "));
            if ui.selectable_label(false, text).clicked() {
                self.select(Selection::Team(team.id));
            }
        }
        if seats.len() > LIST_LIMIT {
            ui.label(RichText::new(format!("… and {} more", seats.len() - LIST_LIMIT)).weak());
        }

        section(ui, "Scaled roles");
        let s = self.cache.structure(org);
        let mut any = false;
        for g in org.groups().values() {
            for role in [ScaledRole::Master, ScaledRole::ChiefProductOwner] {
                let Some(h) = g.holders(role).iter().find(|h| h.person == p.id) else {
                    continue;
                };
                any = true;
                let dedicated = if h.dedicated { " (dedicated)" } else { "" };
                let text = format!(
                    "{} of {}{dedicated}",
                    role_label(role, s.level(g.id)),
                    g.name
                );
                if ui.selectable_label(false, text).clicked() {
                    self.select(Selection::Group(g.id));
                }
            }
        }
        let eat = org.eat();
        for (holds, text, target) in [
            (
                eat.product_owner == Some(p.id),
                "Product Owner of the EAT",
                Selection::Eat,
            ),
            (
                eat.scrum_master == Some(p.id),
                "Scrum Master of the EAT",
                Selection::Eat,
            ),
            (
                org.ems().facilitator == Some(p.id),
                "Facilitator of the EMS",
                Selection::Ems,
            ),
        ] {
            if holds {
                any = true;
                if ui.selectable_label(false, text).clicked() {
                    self.select(target);
                }
            }
        }
        if !any {
            ui.label(RichText::new("None.").weak());
        }

        section(ui, "Executive bodies");
        for (body, text) in [
            (Body::Eat, "Member of the Executive Action Team (EAT)"),
            (Body::Ems, "Attends the Executive MetaScrum (EMS)"),
        ] {
            let was = body_members(org, body).contains(&p.id);
            let mut member = was;
            if ui.checkbox(&mut member, text).changed() {
                self.apply(Command::SetBodyMember {
                    body,
                    person: p.id,
                    member,
                });
            }
        }
        self.findings(ui, SubjectRef::Person(p.id));
        ui.add_space(10.0);
        if ui
            .button("Delete person")
            .on_hover_text(
                "Remove this person and every seat and role they hold (undo brings it all back)",
            )
            .clicked()
        {
            self.apply(Command::RemovePerson(p.id));
        }
    }

    // ---- EAT and EMS --------------------------------------------------------------------------

    fn body(&mut self, ui: &mut Ui, body: Body) {
        let org = self.org;
        ui.heading(format!("{} ({})", body.long(), body.short()));
        ui.label(
            RichText::new(match body {
                Body::Eat => {
                    "Hub of the Scrum Master cycle: clears the impediments the groups cannot and links to the rest of the company."
                }
                Body::Ems => {
                    "Hub of the Product Owner cycle: CPOs meet executives and stakeholders to set vision and priorities."
                }
            })
            .weak(),
        );
        let members = body_members(org, body);
        let (member_word, add_label) = match body {
            Body::Eat => ("members", "Add EAT member"),
            Body::Ems => ("attendees", "Add EMS attendee"),
        };
        section(ui, "Roles");
        let roles: &[BodyRole] = match body {
            Body::Eat => &[
                (
                    "EAT Product Owner",
                    org.eat().product_owner,
                    Command::SetEatProductOwner,
                ),
                (
                    "EAT Scrum Master",
                    org.eat().scrum_master,
                    Command::SetEatScrumMaster,
                ),
            ],
            Body::Ems => &[(
                "EMS facilitator",
                org.ems().facilitator,
                Command::SetEmsFacilitator,
            )],
        };
        for &(title, holder, set) in roles {
            let label = ui.label(title);
            let first_heading = format!("{} {member_word}", body.short());
            let spec = PickerSpec {
                id: Id::new(("body_role", title)),
                labelled_by: label.id,
                selected: holder.map_or_else(|| "None".to_string(), |p| org.person_name(p)),
                width: ui.available_width(),
                fixed: Some("None".to_string()),
                first_heading: &first_heading,
                rest_heading: Some("Anyone else"),
                new_person: false,
            };
            let options =
                || Options::new(members.iter().map(|p| (*p, String::new())).collect(), None);
            match person_picker(ui, org, self.cache, spec, options, &|_| true) {
                Some(Pick::Fixed) if holder.is_some() => self.apply(set(None)),
                Some(Pick::Person { person }) if holder != Some(person) => {
                    if members.contains(&person) {
                        self.apply(set(Some(person)));
                    } else {
                        let cmd = set(Some(person));
                        self.apply(Command::Batch {
                            label: format!(
                                "{} and add {} to the {}",
                                cmd.describe(org),
                                org.person_name(person),
                                body.short()
                            ),
                            commands: vec![
                                Command::SetBodyMember {
                                    body,
                                    person,
                                    member: true,
                                },
                                cmd,
                            ],
                        });
                    }
                }
                _ => {}
            }
        }

        section(
            ui,
            &format!("{} ({})", capitalised(member_word), members.len()),
        );
        if members.is_empty() {
            ui.label(RichText::new("Nobody yet.").weak());
        }
        for &p in members.iter().take(LIST_LIMIT) {
            let name = org.person_name(p);
            ui.horizontal(|ui| {
                if ui.link(&name).on_hover_text("Select this person").clicked() {
                    self.select(Selection::Person(p));
                }
                let resp = ui.small_button("Remove");
                name_widget(
                    &resp,
                    WidgetType::Button,
                    &format!("Remove {name} from the {}", body.short()),
                    None,
                );
                if resp.clicked() {
                    let mut commands = vec![Command::SetBodyMember {
                        body,
                        person: p,
                        member: false,
                    }];
                    commands.extend(
                        roles
                            .iter()
                            .filter(|(_, holder, _)| *holder == Some(p))
                            .map(|(_, _, set)| set(None)),
                    );
                    self.apply(Command::Batch {
                        label: format!("Remove {name} from the {}", body.short()),
                        commands,
                    });
                }
            });
        }
        if members.len() > LIST_LIMIT {
            ui.label(RichText::new(format!("… and {} more", members.len() - LIST_LIMIT)).weak());
        }
        ui.add_space(4.0);
        let label = ui.label(add_label);
        let spec = PickerSpec {
            id: Id::new(("body_add", body.short())),
            labelled_by: label.id,
            selected: "Choose a person…".to_string(),
            width: ui.available_width(),
            fixed: None,
            first_heading: "",
            rest_heading: Some("People"),
            new_person: false,
        };
        let outside = |p: PersonId| !members.contains(&p);
        if let Some(Pick::Person { person }) =
            person_picker(ui, org, self.cache, spec, Options::everyone, &outside)
        {
            self.apply(Command::SetBodyMember {
                body,
                person,
                member: true,
            });
        }
        self.findings(
            ui,
            match body {
                Body::Eat => SubjectRef::Eat,
                Body::Ems => SubjectRef::Ems,
            },
        );
    }

    // ---- nothing selected ---------------------------------------------------------------------

    fn summary(&mut self, ui: &mut Ui) {
        let org = self.org;
        ui.heading("Organisation");
        self.text_field(ui, Field::OrgName, "Organisation name", false);
        let s = self.cache.structure(org);
        let virtual_teams = org.teams().values().filter(|t| !t.is_real()).count();
        egui::Grid::new("org_summary")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Teams");
                ui.label(if virtual_teams > 0 {
                    format!("{} ({virtual_teams} virtual)", org.teams().len())
                } else {
                    org.teams().len().to_string()
                });
                ui.end_row();
                ui.label("Groups");
                ui.label(format!(
                    "{} ({} deep)",
                    org.groups().len(),
                    super::count(s.depth() as usize, "level", "levels")
                ));
                ui.end_row();
                ui.label("People");
                ui.label(org.people().len().to_string());
                ui.end_row();
                ui.label("EAT / EMS");
                ui.label(format!(
                    "{} members / {} attendees",
                    org.eat().members.len(),
                    org.ems().attendees.len()
                ));
                ui.end_row();
                ui.label("Rule profile");
                ui.label(org.rules().profile.as_str())
                    .on_hover_text(profile_explanation(org.rules().profile));
                ui.end_row();
                let c = self.doc.counts();
                ui.label("Findings");
                ui.label(c.summary());
                ui.end_row();
            });
        ui.label(
            RichText::new(profile_explanation(org.rules().profile))
                .weak()
                .small(),
        );
        ui.add_space(8.0);
        ui.label("Select a team or group on the canvas or in the outline");
        self.findings(ui, SubjectRef::Org);
    }
}

// ---- helpers ----------------------------------------------------------------------------------

/// Whether a finding is about a group: its subject is the group, or it is about a person who holds
/// a role in the group (SoSM, CPO, Scaled Daily Scrum representative) and names the group.
fn concerns_group(f: &Finding, g: &Group) -> bool {
    match f.subject {
        SubjectRef::Group(x) => x == g.id,
        SubjectRef::Person(p) => {
            let holds =
                g.masters.iter().chain(&g.cpos).any(|h| h.person == p) || g.sds_rep == Some(p);
            holds && names(&f.message, &g.name)
        }
        _ => false,
    }
}

/// Whether `text` contains `name` as a whole name (not inside a longer word).
fn names(text: &str, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What a group is, in words: "Scrum of Scrums (SoS)", "Scrum of Scrums of Scrums (SoSoS)", ….
fn group_kind_title(level: u32) -> String {
    match level {
        0 | 1 => "Scrum of Scrums (SoS)".to_string(),
        2 => "Scrum of Scrums of Scrums (SoSoS)".to_string(),
        n => format!("Level-{n} group"),
    }
}

fn kind_title(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Scrum => "Scrum team",
        TeamKind::Virtual => "Virtual team",
    }
}

/// Short label of a scaled role at a level: SoSM, SoSoSM, CPO, level-2 CPO, …
fn role_label(role: ScaledRole, level: u32) -> String {
    match role {
        ScaledRole::Master => Structure::master_label(level),
        ScaledRole::ChiefProductOwner => Structure::cpo_label(level),
    }
}

/// Readable title of a scaled role, e.g. "Scrum of Scrums Master (SoSM)".
fn role_title(role: ScaledRole, level: u32) -> String {
    match (role, level) {
        (ScaledRole::Master, 1) => "Scrum of Scrums Master (SoSM)".to_string(),
        (ScaledRole::Master, 2) => "SoSoS Master (SoSoSM)".to_string(),
        (ScaledRole::ChiefProductOwner, 1) => "Chief Product Owner (CPO)".to_string(),
        (ScaledRole::ChiefProductOwner, 2) => "Chief Product Owner (level-2 CPO)".to_string(),
        (role, level) => role_label(role, level),
    }
}

fn role_hover(role: ScaledRole) -> &'static str {
    match role {
        ScaledRole::Master => {
            "Runs the Scaled Daily Scrum and Scaled Retrospective and answers for the joint release: one of the member teams' Scrum Masters or a dedicated person."
        }
        ScaledRole::ChiefProductOwner => {
            "Owns the group's single ordered backlog and runs its MetaScrum: one of the member teams' Product Owners or a dedicated person."
        }
    }
}

/// Team size against the profile.
fn headcount(ui: &mut Ui, org: &Org, team: &Team) {
    let t = Thresholds::from_settings(org.rules());
    if !team.is_real() {
        ui.label(format!(
            "Headcount: {} (virtual teams have no size range)",
            plural(team.headcount(), "person", "people")
        ));
        return;
    }
    let (count, what) = match t.team_count {
        TeamCount::Whole => (
            team.headcount(),
            plural(team.headcount(), "person", "people"),
        ),
        TeamCount::Doers => (
            team.doers(),
            plural(team.doers(), "Developer", "Developers"),
        ),
    };
    let range = t.team_range().unwrap_or_else(|| "no limit".to_string());
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Headcount: {what}")).color(health_color(team_health(count, &t))),
        );
        ui.label(RichText::new(format!("(profile {}: {range})", t.profile)).weak());
    });
    if let Some(ideal) = t.doers_ideal_max {
        let doers = team.doers();
        let color = if doers as u32 > ideal {
            health_color(Health::Edge)
        } else {
            health_color(Health::Good)
        };
        ui.label(
            RichText::new(format!(
                "Doing Sprint work: {doers} (ideally at most {ideal})"
            ))
            .color(color),
        );
    }
}

fn band_health(n: usize, band: &Band) -> Health {
    let n = n as u32;
    if n == 0 || n < band.warn_below || n > band.warn_above {
        Health::Bad
    } else if n < band.target_min || n > band.target_max {
        Health::Edge
    } else {
        Health::Good
    }
}

/// A role of the EAT or EMS: title, holder, and the command that sets it.
type BodyRole = (
    &'static str,
    Option<PersonId>,
    fn(Option<PersonId>) -> Command,
);

fn body_members(org: &Org, body: Body) -> &std::collections::BTreeSet<PersonId> {
    match body {
        Body::Eat => &org.eat().members,
        Body::Ems => &org.ems().attendees,
    }
}

/// The people who naturally fill a group's master or CPO role ([`rules::candidates`], the
/// definition rules V9 and V10 use), each with why in words.
fn candidates(org: &Org, s: &Structure, g: GroupId, role: ScaledRole) -> Vec<(PersonId, String)> {
    rules::candidates::candidates(org, s, g, role)
        .into_iter()
        .map(|c| {
            let why = match c.via {
                Via::ChildGroup(child) => format!(
                    "{} of {}",
                    role_label(role, s.level(child)),
                    org.unit_name(Unit::Group(child))
                ),
                Via::Seat(t) => format!(
                    "{} of {}",
                    rules::candidates::seat_for(role).short(),
                    org.unit_name(Unit::Team(t))
                ),
            };
            (c.person, why)
        })
        .collect()
}

/// Everyone with a seat in a team below the group or a scaled role in it or below (the people
/// rule V11 accepts as its representative), in id order.
fn people_within(org: &Org, s: &Structure, g: GroupId) -> Vec<PersonId> {
    let mut out = Vec::new();
    for t in s.teams_below(g) {
        if let Some(team) = org.team(t) {
            out.extend(team.people());
        }
    }
    for x in std::iter::once(g).chain(s.groups_below(g)) {
        if let Some(group) = org.group(x) {
            out.extend(group.masters.iter().chain(&group.cpos).map(|h| h.person));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

// ---- rules and thresholds ---------------------------------------------------------------------

fn profile_explanation(p: ProfileName) -> &'static str {
    match p {
        ProfileName::TwoPizza => "3–9 people per team, counting everyone (the default).",
        ProfileName::ScrumGuide2020 => {
            "Scrum Guide 2020: 10 or fewer people per team, counting everyone."
        }
        ProfileName::Sas2022 => {
            "Scrum@Scale Guide 2022: fewer than 10 people per team, ideally 4–5 doing Sprint work."
        }
        ProfileName::ScrumGuide2017 => {
            "Scrum Guide 2017: 3–9 Developers; the PO and SM are not counted."
        }
    }
}

/// A way of counting team size, as the rules window offers it.
fn team_count_text(c: TeamCount) -> String {
    capitalised(c.name())
}

/// Profile and threshold settings.
pub fn rules_ui(ui: &mut Ui, cx: &mut PanelCtx) {
    let rules = cx.doc.org().rules().clone();
    let team_count = rules.team_count();
    // Contradictory thresholds (a minimum above a maximum) are refused by `SetRules` itself,
    // and the status line says why.
    let set = |cx: &mut PanelCtx, overrides: Overrides| {
        cx.apply(Command::SetRules(RuleSettings {
            profile: rules.profile,
            overrides,
        }))
    };

    let label = ui.label(RichText::new("Rule profile").strong());
    let combo = egui::ComboBox::from_id_salt("rule_profile")
        .selected_text(rules.profile.as_str())
        .width(220.0)
        .show_ui(ui, |ui| {
            for p in ProfileName::ALL {
                let resp = ui
                    .selectable_label(p == rules.profile, p.as_str())
                    .on_hover_text(profile_explanation(p));
                ui.label(RichText::new(profile_explanation(p)).weak().small());
                if resp.clicked() && p != rules.profile {
                    cx.apply(Command::SetRules(RuleSettings {
                        profile: p,
                        overrides: rules.overrides.clone(),
                    }));
                }
            }
        });
    let _ = combo.response.labelled_by(label.id);
    ui.label(profile_explanation(rules.profile));
    ui.add_space(8.0);
    ui.label(
        RichText::new(
            "Change a value to override the profile for this organisation. For optional limits 0 means off.",
        )
        .weak(),
    );

    egui::Grid::new("rule_thresholds")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Setting").strong());
            ui.label(RichText::new("Profile").strong());
            ui.label(RichText::new("Value").strong());
            ui.label("");
            ui.end_row();

            // team_count: how team size is counted.
            let label = ui.label("Team size counts").on_hover_text(
                "Everyone on the team: everyone with a seat (PO, SM, Developers). Developers only: the PO and SM count only if they also develop. (team_count)",
            );
            ui.label(TeamCount::of_profile(rules.profile).name());
            let combo = egui::ComboBox::from_id_salt("rule_team_count")
                .selected_text(team_count_text(team_count))
                .show_ui(ui, |ui| {
                    for c in [TeamCount::Whole, TeamCount::Doers] {
                        if ui
                            .selectable_label(team_count == c, team_count_text(c))
                            .clicked()
                            && rules.overrides.team_count != Some(c)
                        {
                            let mut o = rules.overrides.clone();
                            o.team_count = Some(c);
                            set(cx, o);
                        }
                    }
                });
            let _ = combo.response.labelled_by(label.id);
            if rules.overrides.team_count.is_some() {
                if reset_button(ui, TeamCount::MEANING) {
                    let mut o = rules.overrides.clone();
                    o.team_count = None;
                    set(cx, o);
                }
            } else {
                ui.label("");
            }
            ui.end_row();

            for th in Threshold::ALL {
                let overridden = rules.is_custom(th);
                let text = RichText::new(th.meaning());
                let label = ui
                    .label(if overridden { text.strong() } else { text })
                    .on_hover_text(th.key());
                let show = |v: Option<u32>| match v {
                    Some(v) => v.to_string(),
                    None => "off".to_string(),
                };
                ui.label(show(th.default_for(rules.profile)));
                let current = rules.value(th).unwrap_or(0);
                if let Some(v) = threshold_drag(ui, th, current, label.id) {
                    let mut o = rules.overrides.clone();
                    o.set(th, Some(v));
                    set(cx, o);
                }
                if overridden {
                    if reset_button(ui, th.meaning()) {
                        let mut o = rules.overrides.clone();
                        o.set(th, None);
                        set(cx, o);
                    }
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    if ui
        .add_enabled(
            !rules.overrides.is_empty(),
            Button::new("Reset all to the profile"),
        )
        .clicked()
    {
        set(cx, Overrides::default());
    }
}

/// A "Reset" button for one overridden setting (named by its meaning); returns whether it was
/// clicked.
fn reset_button(ui: &mut Ui, meaning: &str) -> bool {
    let resp = ui
        .small_button("Reset")
        .on_hover_text("Use the profile's value again");
    name_widget(
        &resp,
        WidgetType::Button,
        &format!("Reset {meaning} to the profile"),
        None,
    );
    resp.clicked()
}

/// The override control of one threshold. Dragging changes a draft and commits once when the
/// drag ends, so one drag is one undo step; typing commits on Enter. Returns the new value.
fn threshold_drag(ui: &mut Ui, th: Threshold, current: u32, labelled_by: Id) -> Option<u32> {
    let optional = th.optional();
    let key = th.key();
    let draft_id = Id::new(("rule_threshold_draft", key));
    let mut v = ui.data(|d| d.get_temp::<u32>(draft_id)).unwrap_or(current);
    let drag = DragValue::new(&mut v)
        .range(th.minimum()..=99)
        .custom_formatter(move |x, _| {
            if optional && x == 0.0 {
                "off".to_string()
            } else {
                format!("{x:.0}")
            }
        })
        .custom_parser(|s| {
            let s = s.trim();
            if s.eq_ignore_ascii_case("off") {
                Some(0.0)
            } else {
                s.parse::<u32>().ok().map(f64::from)
            }
        });
    // Its own id scope, so that reset buttons appearing in earlier rows do not change its id.
    let resp = ui
        .push_id(key, |ui| ui.add(drag))
        .inner
        .labelled_by(labelled_by);
    if resp.dragged() {
        ui.data_mut(|d| d.insert_temp(draft_id, v));
        return None;
    }
    ui.data_mut(|d| d.remove::<u32>(draft_id));
    (v != current && (resp.changed() || resp.drag_stopped())).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_commands_trim_and_skip_unchanged_text() {
        let mut org = Org::new("Acme");
        let cmd = Command::AddPerson(Person {
            id: PersonId(1),
            name: "Ann".into(),
            email: None,
        });
        cmd.apply(&mut org).unwrap();
        let name = Field::PersonName(PersonId(1));
        assert_eq!(name.command(&org, " Ann "), None);
        assert_eq!(
            name.command(&org, " Anna "),
            Some(Command::RenamePerson {
                person: PersonId(1),
                name: "Anna".into()
            })
        );
        assert_eq!(Field::Email(PersonId(1)).command(&org, "  "), None);
        assert_eq!(
            Field::Email(PersonId(1)).command(&org, "a@b.c"),
            Some(Command::SetEmail {
                person: PersonId(1),
                email: Some("a@b.c".into())
            })
        );
        assert_eq!(Field::TeamName(TeamId(9)).command(&org, "x"), None);
    }
}
