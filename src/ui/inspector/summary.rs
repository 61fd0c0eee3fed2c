//! The inspector with nothing selected: the organisation itself, its name, rule profile and
//! findings.

use super::*;

impl View<'_, '_> {
    pub(super) fn summary(&mut self, ui: &mut Ui) {
        let org = self.org;
        ui.heading("Organisation");
        self.text_field(ui, Field::OrgName, "Organisation name", false);
        let s = self.doc.shared_structure();
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
                    crate::words::plural(s.depth() as usize, "level", "levels")
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
