//! What the panels, the canvas and the menus ask for (`Action`s), carried out: commands with
//! undo, selection and what the canvas shows.

use super::*;

impl DesignerApp {
    pub(super) fn run_actions(&mut self, actions: Vec<Action>) {
        for a in actions {
            match a {
                Action::Apply(cmd) => {
                    self.apply(cmd);
                }
                Action::ApplyAndSelect(cmd, sel) => {
                    if self.apply(cmd) {
                        self.select(Some(sel));
                    }
                }
                Action::Select(s) => self.select(s),
                Action::Reveal(s) => self.reveal(s),
                Action::Status(s) => self.status = s,
                Action::SetScope(scope) => self.set_scope(scope),
                Action::ShowDesign => {
                    self.view = MainView::Design;
                    self.canvas.request_fit();
                }
                Action::Compare(a) => self.compare_action(a),
                Action::Events(crate::ui::events::EventsAction::ExportIcs(scope)) => {
                    self.events_scope = scope;
                    self.ask(Purpose::ExportEvents, None);
                }
                Action::Cycles(a) => self.cycles_action(a),
                Action::Undo => self.undo(),
                Action::Redo => self.redo(),
            }
        }
    }

    /// Apply a command; returns whether it changed the org.
    pub fn apply(&mut self, cmd: Command) -> bool {
        match self.doc.apply(cmd) {
            Ok(()) => {
                // The history described the step as it took it (one description per edit).
                self.status = self
                    .doc
                    .history()
                    .undo_label()
                    .unwrap_or_default()
                    .to_string();
                self.prune_selection();
                true
            }
            Err(e) => {
                self.status = format!("Not done: {e}");
                false
            }
        }
    }

    pub fn undo(&mut self) {
        self.status = match self.doc.undo() {
            Some(l) => format!("Undid: {l}"),
            None if self.doc.history().dropped() > 0 => {
                let h = self.doc.history();
                format!(
                    "Nothing more to undo: undo keeps the last {} steps, and {} dropped",
                    h.limit(),
                    crate::words::plural(h.dropped(), "older step was", "older steps were")
                )
            }
            None => "Nothing to undo".to_string(),
        };
        self.prune_selection();
    }

    pub fn redo(&mut self) {
        self.status = match self.doc.redo() {
            Some(l) => format!("Redid: {l}"),
            None => "Nothing to redo".to_string(),
        };
        self.prune_selection();
    }

    pub(super) fn select(&mut self, s: Option<Selection>) {
        self.selection = s;
        // The outline follows, wherever the selection was made.
        if let Some(s) = s {
            self.outline.reveal(&self.doc, s);
        }
        self.canvas.set_selection(s.and_then(Selection::node));
        // A person is shown where they stand: their teams and groups are marked and brought
        // into view.
        let places = match s {
            Some(Selection::Person(p)) => crate::search::places_of(self.doc.org(), p),
            _ => Vec::new(),
        };
        if !places.is_empty() {
            self.bring_into_view(&places);
        }
        self.canvas.set_highlight(places);
    }

    /// Select something and show it: on the canvas (unfolding the groups that hide it) and in
    /// the outline.
    pub(super) fn reveal(&mut self, s: Selection) {
        self.select(Some(s));
        if let Some(n) = s.node() {
            self.bring_into_view(&[n]);
        }
        self.outline.reveal(&self.doc, s);
    }

    /// Unfold the groups that hide these boxes, leave a focus they lie outside, and move the
    /// view to them.
    pub(super) fn bring_into_view(&mut self, nodes: &[crate::layout::Node]) {
        let org = self.doc.org();
        let mut scope = self.doc.scope().clone();
        for u in nodes.iter().filter_map(|n| n.unit()) {
            for g in org.ancestors(u) {
                scope.folded.remove(&g);
            }
            if let Some(f) = scope.focus {
                let on_path = matches!(u, Unit::Group(g) if org.is_within(Unit::Group(f), g));
                if !org.is_within(u, f) && !on_path {
                    scope.focus = None;
                }
            }
        }
        self.set_scope(scope);
        self.canvas.request_show(nodes.to_vec());
    }

    /// Show another part of the org on the canvas (folds and focus); says what changed.
    pub fn set_scope(&mut self, scope: crate::layout::Scope) {
        let before = self.doc.scope().clone();
        if before == scope {
            return;
        }
        let org = self.doc.org();
        let name = |g: crate::model::GroupId| org.unit_name(Unit::Group(g));
        let folded: Vec<_> = scope.folded.difference(&before.folded).copied().collect();
        let unfolded: Vec<_> = before.folded.difference(&scope.folded).copied().collect();
        let status = if scope.focus != before.focus {
            match scope.focus {
                Some(g) => Some(format!(
                    "Focused on {}: View › Show whole org goes back",
                    name(g)
                )),
                None => Some("Showing the whole org".to_string()),
            }
        } else {
            match (folded.as_slice(), unfolded.as_slice()) {
                ([g], []) => Some(format!("Collapsed {}", name(*g))),
                ([], [g]) => Some(format!("Expanded {}", name(*g))),
                _ => None,
            }
        };
        self.doc.set_scope(scope);
        if let Some(s) = status {
            self.status = s;
        }
    }

    /// Drop a selection whose subject no longer exists.
    pub(super) fn prune_selection(&mut self) {
        let org = self.doc.org();
        let alive = match self.selection {
            Some(Selection::Team(t)) => org.team(t).is_some(),
            Some(Selection::Group(g)) => org.group(g).is_some(),
            Some(Selection::Person(p)) => org.person(p).is_some(),
            _ => true,
        };
        if !alive {
            self.select(None);
        }
    }

    pub(super) fn delete_selection(&mut self) {
        let cmd = match self.selection {
            Some(Selection::Team(t)) => Command::RemoveTeam(t),
            Some(Selection::Group(g)) => Command::RemoveGroup(g),
            Some(Selection::Person(p)) => Command::RemovePerson(p),
            _ => return,
        };
        self.apply(cmd);
    }

    /// Write the Events view's calendar (of the scope it showed) as an iCalendar file.
    pub(super) fn export_events(&mut self, path: &Path) -> bool {
        let d = self.events.derived(&self.doc);
        let (org, s) = (self.doc.org(), self.doc.structure());
        let only = self.events_scope.events(org, s, &d.cal);
        let today = jiff::Zoned::now().date();
        let text = crate::events::ics::ics(org, s, &d.cal, &only, today);
        let done = format!(
            "Wrote {} events of {} to {}",
            only.len(),
            self.events_scope.name(org, s),
            path.display()
        );
        self.write_report(path, &text, done)
    }

    /// Write a report file atomically: `done` goes to the status line, a failure to the error
    /// dialog (the design is not touched either way).
    pub(super) fn write_report(&mut self, path: &Path, text: &str, done: String) -> bool {
        self.write_file(path, text.as_bytes(), done)
    }

    /// [`Self::write_report`] for any bytes.
    pub(super) fn write_file(&mut self, path: &Path, bytes: &[u8], done: String) -> bool {
        match io::save_atomic(path, bytes) {
            Ok(()) => {
                self.status = done;
                true
            }
            Err(e) => {
                self.error = Some(format!(
                    "Could not write {}: {}.",
                    path.display(),
                    io::io_reason(&e)
                ));
                false
            }
        }
    }
}
