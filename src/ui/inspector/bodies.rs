//! The inspector for the Executive Action Team and the Executive MetaScrum: members, the
//! holders of their roles, findings.

use super::*;

impl View<'_, '_> {
    pub(super) fn body(&mut self, ui: &mut Ui, body: Body) {
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
}
