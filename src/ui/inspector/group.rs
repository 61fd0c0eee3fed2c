//! The inspector for a group (SoS, SoSoS, ...): members, the master and CPO roles with their
//! natural candidates first, the representative, the Definition of Done, findings.

use super::*;

impl View<'_, '_> {
    pub(super) fn group(&mut self, ui: &mut Ui, g: &Group) {
        let org = self.org;
        let s = self.doc.shared_structure();
        let level = s.level(g.id);
        ui.label(RichText::new(format!("{} · level {level}", group_kind_title(level))).weak());
        self.text_field(ui, Field::GroupName(g.id), "Group name", false);
        self.duplicate_button(ui, Unit::Group(g.id));
        self.parent_link(ui, "Part of:", g.parent, "nothing (a top-level group)");
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

    pub(super) fn group_members(&mut self, ui: &mut Ui, g: &Group, level: u32, s: &Structure) {
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
    pub(super) fn role(
        &mut self,
        ui: &mut Ui,
        g: &Group,
        level: u32,
        s: &Structure,
        role: ScaledRole,
    ) {
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
    pub(super) fn group_sds(
        &mut self,
        ui: &mut Ui,
        g: &Group,
        level: u32,
        parent: &Group,
        s: &Structure,
    ) {
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
}
