//! The open document: the org, its undo history, where it lives on disk, and everything derived
//! from it (findings, layout), recomputed once per change and never per frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::layout::{self, Layout};
use crate::model::{Command, CommandError, History, Org, Structure};
use crate::rules::{Counts, Finding, Thresholds, validate_in};

/// The org being designed.
pub struct Document {
    /// Shared with background work (autosave, exports) without copying; an edit while such work
    /// still holds it copies it first (`Arc::make_mut`).
    org: Arc<Org>,
    history: History,
    path: Option<PathBuf>,
    /// The hierarchy and the rule thresholds of the org, derived once per change.
    structure: Arc<Structure>,
    thresholds: Thresholds,
    findings: Vec<Finding>,
    counts: Counts,
    layout: Layout,
    /// Bumped on every change so views can tell when to rebuild caches. Unique across documents,
    /// so a cache keyed by it is never mistaken after opening another file.
    revision: u64,
    /// The revision at which findings and layout were last derived.
    structure_revision: u64,
    /// Name shown when the document has no file (e.g. the built-in sample).
    name: Option<String>,
    style: layout::Style,
    /// What part of the org the canvas shows (folded groups, focus): view state, not part of
    /// the file and not undoable.
    scope: layout::Scope,
}

impl Document {
    /// A document for an org that is not yet saved anywhere.
    pub fn new(org: Org, path: Option<PathBuf>) -> Self {
        let mut doc = Document {
            org: Arc::new(org),
            history: History::new(),
            path,
            structure: Arc::default(),
            thresholds: Thresholds::from_settings(&Default::default()),
            findings: Vec::new(),
            counts: Counts::default(),
            layout: Layout::default(),
            revision: 0,
            structure_revision: 0,
            name: None,
            style: layout::Style::Tree,
            scope: layout::Scope::default(),
        };
        doc.scope = layout::Scope::opening(&doc.org);
        doc.refresh();
        doc
    }

    pub fn org(&self) -> &Org {
        &self.org
    }
    /// The org as it is now, for work on another thread.
    pub fn shared_org(&self) -> Arc<Org> {
        Arc::clone(&self.org)
    }
    /// The org's hierarchy, as of this revision.
    pub fn structure(&self) -> &Structure {
        &self.structure
    }
    /// The org's hierarchy, to keep beside a cache.
    pub fn shared_structure(&self) -> Arc<Structure> {
        Arc::clone(&self.structure)
    }
    /// The rule thresholds in force (the org's profile and overrides), as of this revision.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    pub fn counts(&self) -> Counts {
        self.counts
    }
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// Moves on with every change, ratings included; unique across documents.
    pub fn revision(&self) -> u64 {
        self.revision
    }
    /// Moves on when what derives from the structure is derived again (findings, layout): the
    /// key of views that show nothing of the ratings, so that a rating rebuilds none of them.
    /// Unique across documents too.
    pub fn structure_revision(&self) -> u64 {
        self.structure_revision
    }
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// File name for the title bar: the file's name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| self.name.clone())
            .unwrap_or_else(|| "Untitled".to_string())
    }

    /// The canvas layout in use.
    pub fn style(&self) -> layout::Style {
        self.style
    }

    /// Switch between the tree and the fractal layout.
    pub fn set_style(&mut self, style: layout::Style) {
        if self.style != style {
            self.style = style;
            self.relayout();
        }
    }

    /// What part of the org the canvas shows.
    pub fn scope(&self) -> &layout::Scope {
        &self.scope
    }

    /// Show another part of the org (fold or unfold groups, focus or not).
    pub fn set_scope(&mut self, scope: layout::Scope) {
        if self.scope != scope {
            self.scope = scope;
            self.relayout();
        }
    }

    fn relayout(&mut self) {
        self.layout =
            layout::compute_scoped_in(&self.org, &self.structure, self.style, &self.scope);
        self.bump();
        self.structure_revision = self.revision;
    }

    /// Name to show while the document has no file.
    pub fn set_display_name(&mut self, name: &str) {
        self.name = Some(name.to_string());
    }

    /// Apply a command as one undoable step.
    pub fn apply(&mut self, cmd: Command) -> Result<(), CommandError> {
        let ratings_only = cmd.is_ratings_only();
        self.history.apply(Arc::make_mut(&mut self.org), cmd)?;
        self.refresh_after(ratings_only);
        Ok(())
    }

    /// Keep at most `limit` undo steps from now on (a new history; for tests and settings).
    pub fn set_undo_limit(&mut self, limit: usize) {
        if self.history.limit() != limit && !self.history.can_undo() && !self.history.can_redo() {
            let dirty = self.history.is_dirty();
            self.history = History::with_limit(limit);
            if dirty {
                self.history.forget_saved();
            }
        }
    }

    pub fn undo(&mut self) -> Option<String> {
        let ratings_only = self.history.undo_is_ratings_only();
        let label = self.history.undo(Arc::make_mut(&mut self.org))?;
        self.refresh_after(ratings_only);
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        let ratings_only = self.history.redo_is_ratings_only();
        let label = self.history.redo(Arc::make_mut(&mut self.org))?;
        self.refresh_after(ratings_only);
        Some(label)
    }

    /// After a change: ratings change no finding, structure or layout, so only the revision
    /// moves on for them (a rating is one click on a 10,000-team design too).
    fn refresh_after(&mut self, ratings_only: bool) {
        if ratings_only {
            self.bump();
        } else {
            self.refresh();
        }
    }

    /// Record that the document was saved to `path`.
    pub fn saved_as(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
        self.bump();
    }

    /// Mark the document as changed without a command (e.g. restored from a recovery file).
    pub fn mark_unsaved(&mut self) {
        // An empty history that is not at its saved point.
        self.history = History::new();
        self.history.forget_saved();
        self.bump();
    }

    fn refresh(&mut self) {
        self.structure = Arc::new(self.org.structure());
        self.thresholds = Thresholds::from_settings(self.org.rules());
        self.findings = validate_in(&self.org, &self.structure, &self.thresholds);
        self.counts = Counts::of(&self.findings);
        // Forget folds and a focus on groups that are gone.
        let org = &self.org;
        self.scope.folded.retain(|g| org.group(*g).is_some());
        if self.scope.focus.is_some_and(|g| org.group(g).is_none()) {
            self.scope.focus = None;
        }
        self.relayout();
    }

    fn bump(&mut self) {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.revision = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_are_unique_across_documents() {
        // Caches keyed by the revision alone (the inspector's, the canvas') rely on this: a new
        // document never starts at a revision an earlier one had.
        let a = Document::new(Org::new("a"), None);
        let mut b = Document::new(Org::new("b"), None);
        assert_ne!(a.revision(), b.revision());
        let before = b.revision();
        b.apply(Command::SetOrgName("c".into())).unwrap();
        assert!(b.revision() > before);
        assert_ne!(Document::new(Org::new("d"), None).revision(), b.revision());
    }

    #[test]
    fn a_rating_moves_the_revision_on_and_keeps_what_derives_from_the_structure() {
        let mut doc = Document::new(crate::sample::symmetric(4, 2), None);
        let structure = doc.shared_structure();
        let before = doc.revision();
        let mut a = crate::model::Assessment::default();
        a.rounds.push(crate::model::Round::new(
            "Q1",
            "2027-01-15".parse().unwrap(),
        ));
        let derived = doc.structure_revision();
        doc.apply(Command::SetAssessment(a)).unwrap();
        assert!(doc.revision() > before);
        assert!(Arc::ptr_eq(&structure, &doc.shared_structure()));
        assert_eq!(doc.structure_revision(), derived);
        let rated = doc.revision();
        doc.undo();
        assert!(doc.revision() > rated);
        assert!(doc.org().assessment().is_empty());
        assert!(Arc::ptr_eq(&structure, &doc.shared_structure()));
        // Anything else derives everything again.
        let team = *doc.org().teams().keys().next().unwrap();
        doc.apply(Command::move_team(team, None)).unwrap();
        assert!(!Arc::ptr_eq(&structure, &doc.shared_structure()));
        assert!(doc.structure_revision() > derived);
    }

    #[test]
    fn structure_and_thresholds_follow_each_change_and_only_then() {
        let mut doc = Document::new(crate::sample::symmetric(4, 2), None);
        let before = doc.shared_structure();
        // Reading it again (another frame, another panel) hands out the same one.
        assert!(Arc::ptr_eq(&before, &doc.shared_structure()));
        let team = *doc.org().teams().keys().next().unwrap();
        doc.apply(Command::move_team(team, None)).unwrap();
        assert!(!Arc::ptr_eq(&before, &doc.shared_structure()));
        assert!(doc.structure().loose_teams.contains(&team));
        assert_eq!(
            doc.structure().loose_teams,
            doc.org().structure().loose_teams
        );
        let mut rules = doc.org().rules().clone();
        rules.profile = crate::model::ProfileName::ScrumGuide2020;
        doc.apply(Command::SetRules(rules.clone())).unwrap();
        assert_eq!(doc.thresholds(), &Thresholds::from_settings(&rules));
        doc.undo();
        assert_eq!(
            doc.thresholds(),
            &Thresholds::from_settings(doc.org().rules())
        );
    }
}
