//! The inspector for a team: name, kind, members and their seats, the Scaled Daily Scrum
//! representative, and the team's findings.

use super::*;

impl View<'_, '_> {
    pub(super) fn team(&mut self, ui: &mut Ui, team: &Team) {
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
        self.parent_link(ui, "Group:", team.group, "none (an independent team)");
        headcount(ui, org, team);
        section(ui, "Members");
        self.members(ui, team);
        self.add_member(ui, team);
        if let Some(g) = team.group.and_then(|g| org.group(g)) {
            self.team_sds(ui, team, g);
        }
        self.findings(ui, SubjectRef::Team(team.id));
    }

    pub(super) fn members(&mut self, ui: &mut Ui, team: &Team) {
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

    pub(super) fn member_row(&mut self, ui: &mut Ui, team: &Team, p: PersonId, roles: &[TeamRole]) {
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

    pub(super) fn add_member(&mut self, ui: &mut Ui, team: &Team) {
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
    pub(super) fn new_person_form(&mut self, ui: &mut Ui, team: &Team) {
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
    pub(super) fn team_sds(&mut self, ui: &mut Ui, team: &Team, group: &Group) {
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
    pub(super) fn set_sds_rep(
        &mut self,
        pick: Option<Pick>,
        unit: Unit,
        current: Option<PersonId>,
    ) {
        let person = match pick {
            Some(Pick::Fixed) => None,
            Some(Pick::Person { person }) => Some(person),
            Some(Pick::New(_)) | None => return,
        };
        if person != current {
            self.apply(Command::SetSdsRep { unit, person });
        }
    }
}
