//! Edit › Cut, Copy, Paste and Duplicate of teams and groups: what the inspector remembers
//! between the two halves of a cut-and-paste, and the one command the paste becomes.

use super::*;

/// What Edit › Cut or Copy took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Clip {
    pub(super) item: Unit,
    /// Cut: pasting moves the item; copied: pasting puts a copy there.
    pub(super) cut: bool,
}

/// Edit › Cut, Copy, Paste and Duplicate, for teams and groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditOp {
    Cut,
    Copy,
    Paste,
    Duplicate,
}

impl EditOp {
    /// Every operation with its menu label and shortcut, in menu order.
    pub const ALL: [(EditOp, &'static str, Act); 4] = [
        (EditOp::Cut, "Cut", Act::Cut),
        (EditOp::Copy, "Copy", Act::Copy),
        (EditOp::Paste, "Paste", Act::Paste),
        (EditOp::Duplicate, "Duplicate", Act::Duplicate),
    ];
}

/// The command that duplicates a team or group next to it, as an action that selects the copy.
pub(super) fn duplicate_action(org: &Org, item: Unit) -> Action {
    match Command::duplicate(org, item, org.parent_of(item)) {
        Ok((cmd, copy)) => Action::ApplyAndSelect(cmd, unit_selection(copy)),
        Err(e) => Action::Status(format!("Not duplicated: {e}")),
    }
}

pub(super) fn unit_selection(u: Unit) -> Selection {
    match u {
        Unit::Team(t) => Selection::Team(t),
        Unit::Group(g) => Selection::Group(g),
    }
}

impl Inspector {
    /// Whether an Edit operation can run now (for the menu).
    pub fn can(&self, op: EditOp, org: &Org, selection: Option<Selection>) -> bool {
        match op {
            EditOp::Cut | EditOp::Copy | EditOp::Duplicate => selection
                .and_then(Selection::unit)
                .is_some_and(|u| org.contains(u)),
            EditOp::Paste => self.clip.is_some_and(|c| org.contains(c.item)),
        }
    }

    /// Run an Edit operation on the selection. Cut and Copy only remember the team or group (and
    /// put its name on the system clipboard, which also lets the desktop send Ctrl+V); Paste puts
    /// a copy into the selected group (next to a selected team; at the top with nothing selected)
    /// or moves what was cut there, as one undoable step.
    pub fn edit(
        &mut self,
        ctx: &egui::Context,
        op: EditOp,
        doc: &Document,
        selection: Option<Selection>,
    ) -> Action {
        let org = doc.org();
        let paste_keys = crate::ui::shortcuts::text(ctx, Act::Paste);
        let selected = selection
            .and_then(Selection::unit)
            .filter(|u| org.contains(*u));
        match op {
            EditOp::Cut | EditOp::Copy => {
                let Some(item) = selected else {
                    return Action::Status("Select a team or group first".to_string());
                };
                let cut = op == EditOp::Cut;
                self.clip = Some(Clip { item, cut });
                let name = org.unit_name(item);
                ctx.copy_text(name.clone());
                Action::Status(if cut {
                    format!("Cut {name}: select a group and paste ({paste_keys}) to move it there")
                } else {
                    format!(
                        "Copied {name}: select a group and paste ({paste_keys}) to put a copy there"
                    )
                })
            }
            EditOp::Duplicate => match selected {
                Some(item) => duplicate_action(org, item),
                None => Action::Status("Select a team or group to duplicate".to_string()),
            },
            EditOp::Paste => {
                let Some(clip) = self.clip.filter(|c| org.contains(c.item)) else {
                    self.clip = None;
                    return Action::Status(
                        "Nothing to paste: cut or copy a team or group first".to_string(),
                    );
                };
                let into = match selection {
                    Some(Selection::Group(g)) if org.group(g).is_some() => Some(g),
                    Some(Selection::Team(t)) if org.team(t).is_some() => {
                        org.parent_of(Unit::Team(t))
                    }
                    None => None,
                    Some(_) => {
                        return Action::Status(
                            "Select a group to paste into (or a team to paste next to)".to_string(),
                        );
                    }
                };
                if !clip.cut {
                    return match Command::duplicate(org, clip.item, into) {
                        Ok((cmd, copy)) => Action::ApplyAndSelect(cmd, unit_selection(copy)),
                        Err(e) => Action::Status(format!("Not pasted: {e}")),
                    };
                }
                let cmd = Command::Move {
                    item: clip.item,
                    to: into.map(Unit::Group),
                };
                if let Err(e) = cmd.check(org) {
                    return Action::Status(format!("Not pasted: {e}"));
                }
                // Pasting what was cut moves it once; the clipboard is then empty.
                self.clip = None;
                Action::ApplyAndSelect(cmd, unit_selection(clip.item))
            }
        }
    }
}
