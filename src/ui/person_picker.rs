//! The person picker: a ComboBox over people that stays fast in orgs with tens of thousands of
//! them. Options are computed only while its popup is open and cached per document revision,
//! every section is capped, and long lists get a search box. The inspector uses it for every
//! seat, role and representative.

use std::sync::Arc;

use egui::{Id, PopupCloseBehavior, RichText, TextEdit, Ui, WidgetType};
use rustc_hash::FxHashSet as HashSet;

use super::a11y::name_widget;
use super::document::Document;
use crate::model::{Org, PersonId};

/// Most entries a picker section shows at once; a search box narrows longer lists.
pub(crate) const LIST_LIMIT: usize = 50;
/// Pickers with more options than this get a search box.
const SEARCH_FROM: usize = 12;

/// Things derived from the org that are too costly to rebuild every frame in a big org.
#[derive(Default)]
pub(crate) struct PickerCache {
    /// The document revision the cache is for (revisions are unique across documents).
    pub(crate) key: Option<u64>,
    /// Lower-case names in id order, for searching.
    pub(crate) names: Option<Arc<Vec<(PersonId, String)>>>,
    /// The options of the open picker (only one popup is open at a time).
    pub(crate) options: Option<(Id, Arc<Options>)>,
}

impl PickerCache {
    pub(crate) fn sync(&mut self, doc: &Document) {
        let key = doc.structure_revision();
        if self.key != Some(key) {
            *self = PickerCache {
                key: Some(key),
                ..PickerCache::default()
            };
        }
    }

    pub(crate) fn options(&mut self, picker: Id, make: impl FnOnce() -> Options) -> Arc<Options> {
        match &self.options {
            Some((id, options)) if *id == picker => options.clone(),
            _ => {
                let options = Arc::new(make());
                self.options = Some((picker, options.clone()));
                options
            }
        }
    }

    pub(crate) fn names(&mut self, org: &Org) -> Arc<Vec<(PersonId, String)>> {
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
pub(crate) struct Search {
    pub(crate) query: String,
    pub(crate) names: Option<Arc<Vec<(PersonId, String)>>>,
}

impl Search {
    pub(crate) fn new(query: &str, org: &Org, cache: &mut PickerCache) -> Self {
        let query = query.trim().to_lowercase();
        let names = (!query.is_empty()).then(|| cache.names(org));
        Search { query, names }
    }

    pub(crate) fn matches(&self, p: PersonId) -> bool {
        let Some(names) = &self.names else {
            return true;
        };
        names
            .binary_search_by_key(&p, |(id, _)| *id)
            .is_ok_and(|i| names[i].1.contains(&self.query))
    }

    /// Everyone matching, in id order.
    pub(crate) fn everyone<'s>(&'s self, org: &'s Org) -> Box<dyn Iterator<Item = PersonId> + 's> {
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
pub(crate) enum Pick {
    /// The fixed option ("None", "Default …").
    Fixed,
    /// A person; `candidate` when picked from the first section.
    Person { person: PersonId },
    /// "New person…", with what had been typed into the search box.
    New(String),
}

/// How a person picker looks.
pub(crate) struct PickerSpec<'s> {
    pub(crate) id: Id,
    /// The label that names the picker for screen readers and tests.
    pub(crate) labelled_by: Id,
    pub(crate) selected: String,
    pub(crate) width: f32,
    /// An option above the people, e.g. "None".
    pub(crate) fixed: Option<String>,
    pub(crate) first_heading: &'s str,
    /// Heading of everyone else; `None` shows the first section only.
    pub(crate) rest_heading: Option<&'s str>,
    pub(crate) new_person: bool,
}

/// The people a picker offers, computed when its popup opens and kept while the org is unchanged.
pub(crate) struct Options {
    /// The first section, each with a note such as "SM of Cart".
    pub(crate) first: Vec<(PersonId, String)>,
    /// Who may appear under the rest heading, in id order; `None`: everyone.
    pub(crate) only: Option<Vec<PersonId>>,
    /// The people of the first section, left out of the rest.
    pub(crate) seen: HashSet<PersonId>,
}

impl Options {
    pub(crate) fn new(first: Vec<(PersonId, String)>, only: Option<Vec<PersonId>>) -> Self {
        let seen = first.iter().map(|(p, _)| *p).collect();
        Options { first, only, seen }
    }

    /// Just these people, in this order, and nobody else.
    pub(crate) fn only(first: Vec<(PersonId, String)>) -> Self {
        Options::new(first, Some(Vec::new()))
    }

    /// Everyone, in id order.
    pub(crate) fn everyone() -> Self {
        Options::new(Vec::new(), None)
    }
}

/// A ComboBox over people: an optional fixed option, then a first section (e.g. the group's own
/// Scrum Masters, each with a note), then everyone else whom `keep` accepts. The options are
/// computed only while the popup is open, at most [`LIST_LIMIT`] show per section, and a search
/// box narrows long lists.
pub(crate) fn person_picker(
    ui: &mut Ui,
    org: &Org,
    cache: &mut PickerCache,
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
pub(crate) fn person_rows<'p>(
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
pub(crate) fn search_box(ui: &mut Ui, id: Id, hint: &str) -> String {
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

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;

    struct State {
        doc: Document,
        cache: PickerCache,
        picked: Option<PersonId>,
    }

    /// A picker over a 400-person org with the first team's people first, named by a label.
    fn harness() -> Harness<'static, State> {
        let mut h = Harness::builder()
            .with_size(egui::vec2(500.0, 700.0))
            .build_ui_state(
                |ui, st: &mut State| {
                    st.cache.sync(&st.doc);
                    let org = st.doc.org();
                    let label = ui.label("Scrum Master");
                    let first: Vec<(PersonId, String)> = org
                        .people()
                        .keys()
                        .take(3)
                        .map(|p| (*p, "SM of Team 1".to_string()))
                        .collect();
                    let spec = PickerSpec {
                        id: Id::new("test_picker"),
                        labelled_by: label.id,
                        selected: "None".into(),
                        width: 300.0,
                        fixed: Some("None".into()),
                        first_heading: "From this group",
                        rest_heading: Some("Anyone else"),
                        new_person: false,
                    };
                    let pick = person_picker(
                        ui,
                        org,
                        &mut st.cache,
                        spec,
                        || Options::new(first, None),
                        &|_| true,
                    );
                    if let Some(Pick::Person { person }) = pick {
                        st.picked = Some(person);
                    }
                },
                State {
                    doc: Document::new(crate::sample::balanced("Big", 50, 5, 8), None),
                    cache: PickerCache::default(),
                    picked: None,
                },
            );
        h.run_steps(2);
        h
    }

    #[test]
    fn a_long_list_is_capped_searchable_and_picks_the_person_typed() {
        let mut h = harness();
        h.get_by_label("Scrum Master").click();
        h.run_steps(3);
        assert!(h.state().doc.org().people().len() > LIST_LIMIT);
        h.get_by_label_contains("type to narrow the list");
        let last = h.state().doc.org().people().values().last().unwrap();
        let (id, name) = (last.id, last.name.clone());
        h.get_by_label("Search people").type_text(&name);
        h.run_steps(3);
        h.get_by_label(&name).click();
        h.run_steps(3);
        assert_eq!(h.state().picked, Some(id));
    }
}
