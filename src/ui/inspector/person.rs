//! The inspector for a person: name, e-mail, every seat and scaled role they hold, and what is
//! asked of them.

use super::*;

impl View<'_, '_> {
    pub(super) fn person(&mut self, ui: &mut Ui, p: &Person) {
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
        let s = self.doc.shared_structure();
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
}
