//! The inspector's text fields: drafts kept while typing, each committed as one command when
//! the field loses focus (or Enter), so a rename is one undo step.

use super::*;

/// A text field of the inspector, committed as one command when it loses focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Field {
    OrgName,
    TeamName(TeamId),
    GroupName(GroupId),
    PersonName(PersonId),
    Email(PersonId),
    DefinitionOfDone(GroupId),
}

impl Field {
    /// The selection under which the field is shown (`None`: nothing selected).
    pub(super) fn shown_for(self) -> Option<Selection> {
        match self {
            Field::OrgName => None,
            Field::TeamName(t) => Some(Selection::Team(t)),
            Field::GroupName(g) | Field::DefinitionOfDone(g) => Some(Selection::Group(g)),
            Field::PersonName(p) | Field::Email(p) => Some(Selection::Person(p)),
        }
    }

    pub(super) fn is_name(self) -> bool {
        !matches!(self, Field::Email(_) | Field::DefinitionOfDone(_))
    }

    /// The value in the model; `None` when its subject no longer exists.
    pub(super) fn current(self, org: &Org) -> Option<String> {
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
    pub(super) fn command(self, org: &Org, text: &str) -> Option<Command> {
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
pub(super) struct Edits {
    /// Text typed into fields that still have the focus.
    pub(super) drafts: HashMap<Field, String>,
    /// F2 was pressed: focus the name field and select its text.
    pub(super) rename: bool,
    /// The name typed for a new person about to join a team.
    pub(super) new_person: Option<NewPerson>,
}

pub(super) struct NewPerson {
    pub(super) team: TeamId,
    pub(super) name: String,
    /// Whether the name field still has to take the focus.
    pub(super) focus: bool,
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
