//! The inspector with nothing selected: the organisation itself, its name, rule profile and
//! findings.

use super::*;

/// The summary's figures that need a walk over the org (100,000 teams, 25,000 groups), counted
/// once per document revision instead of every frame.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Totals {
    /// The revision these are for.
    key: Option<u64>,
    pub(super) virtual_teams: usize,
    /// Levels of groups ([`Structure::depth`]).
    pub(super) depth: u32,
}

impl Totals {
    /// Count again if the document changed; returns whether it did.
    pub(super) fn sync(&mut self, doc: &Document) -> bool {
        let key = doc.structure_revision();
        if self.key == Some(key) {
            return false;
        }
        *self = Totals {
            key: Some(key),
            virtual_teams: doc.org().teams().values().filter(|t| !t.is_real()).count(),
            depth: doc.structure().depth(),
        };
        true
    }
}

impl View<'_, '_> {
    pub(super) fn summary(&mut self, ui: &mut Ui) {
        let org = self.org;
        ui.heading("Organisation");
        self.text_field(ui, Field::OrgName, "Organisation name", false);
        let Totals {
            virtual_teams,
            depth,
            ..
        } = *self.totals;
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
                    crate::words::plural(depth as usize, "level", "levels")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10: the summary counted virtual teams and levels by walking the org every frame.
    #[test]
    fn totals_are_counted_once_per_revision() {
        let mut doc = Document::new(crate::sample::symmetric(5, 3), None);
        let mut totals = Totals::default();
        assert!(totals.sync(&doc));
        assert_eq!((totals.virtual_teams, totals.depth), (0, 3));
        let counted = totals;
        for _ in 0..3 {
            assert!(!totals.sync(&doc), "nothing changed: nothing to count");
        }
        assert_eq!(totals, counted);

        let mut team = Team::new(TeamId(9_999), "Guild");
        team.kind = TeamKind::Virtual;
        doc.apply(Command::AddTeam(team)).expect("applies");
        assert!(totals.sync(&doc), "a change counts again");
        assert_eq!((totals.virtual_teams, totals.depth), (1, 3));
    }
}
