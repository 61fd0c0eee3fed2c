//! What dropping a dragged card would do, worked out on a copy of the org before the drop.

use super::super::document::Document;
use crate::layout::Node;
use crate::model::{Command, Unit};
use crate::rules::{Finding, validate};

/// What a drop would do, shown while dragging.
#[derive(Clone, Debug, PartialEq)]
pub struct DropPreview {
    pub dragged: Node,
    pub target: Option<Node>,
    /// The move, when the drop is allowed.
    pub command: Option<Command>,
    /// Headline: "Payments SoS would have 6 teams" or why the drop is refused.
    pub headline: String,
    pub added: Vec<String>,
    pub cleared: Vec<String>,
}

/// What dropping `dragged` on `target` would do.
pub fn preview(doc: &Document, dragged: Node, target: Option<Node>) -> DropPreview {
    let org = doc.org();
    let name = |n: Node| match n {
        Node::Team(_) | Node::Group(_) => org.unit_name(n.unit().expect("unit")),
        Node::Eat => "the EAT".to_string(),
        Node::Ems => "the EMS".to_string(),
    };
    let refuse = |headline: String| DropPreview {
        dragged,
        target,
        command: None,
        headline,
        added: Vec::new(),
        cleared: Vec::new(),
    };
    let Some(item) = dragged.unit() else {
        return refuse(format!(
            "{} stays on top; it cannot be moved.",
            name(dragged)
        ));
    };
    let Some(target_node) = target else {
        return refuse(format!(
            "Drop {} on a group to move it there.",
            name(dragged)
        ));
    };
    let to = match target_node {
        Node::Group(g) => Unit::Group(g),
        Node::Team(t) => Unit::Team(t),
        Node::Eat | Node::Ems => {
            return refuse(format!(
                "{} is not a group: teams and groups cannot go into it.",
                name(target_node)
            ));
        }
    };
    // Whether the move is allowed, and the words that say why not, are the model's.
    let cmd = Command::Move { item, to: Some(to) };
    if let Err(e) = cmd.check(org) {
        return refuse(format!("{}.", crate::words::capitalised(&e.to_string())));
    }
    let mut trial = org.clone();
    if let Err(e) = cmd.apply(&mut trial) {
        return refuse(format!("{}.", crate::words::capitalised(&e.to_string())));
    }
    let after = validate(&trial);
    let key = |f: &Finding| (f.rule, f.subject, f.message.clone());
    let before: std::collections::HashSet<_> = doc.findings().iter().map(key).collect();
    let now: std::collections::HashSet<_> = after.iter().map(key).collect();
    let added = after
        .iter()
        .filter(|f| !before.contains(&key(f)))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    let cleared = doc
        .findings()
        .iter()
        .filter(|f| !now.contains(&key(f)))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    let s = trial.structure();
    let Unit::Group(g) = to else { unreachable!() };
    let members = s.children(g).len();
    let teams = s.child_teams(g).count();
    let what = if teams == members { "team" } else { "member" };
    DropPreview {
        dragged,
        target,
        headline: format!(
            "{} would have {members} {what}{}",
            org.unit_name(to),
            if members == 1 { "" } else { "s" }
        ),
        command: Some(cmd),
        added,
        cleared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Command, GroupId, TeamId};

    fn acme() -> Document {
        let org = crate::io::json::from_str(
            std::path::Path::new("acme.json"),
            include_str!("../../../examples/acme.json"),
        )
        .unwrap();
        Document::new(org, None)
    }

    /// The canvas says why not in the model's words, as the outline and the inspector do.
    #[test]
    fn refused_drops_say_what_command_check_says() {
        let doc = acme();
        let org = doc.org();
        let s = doc.structure();
        let team = *org.teams().keys().next().unwrap();
        let (top, inner): (GroupId, GroupId) = {
            let top = *org
                .groups()
                .keys()
                .find(|g| {
                    org.parent_of(Unit::Group(**g)).is_none()
                        && s.child_groups(**g).next().is_some()
                })
                .unwrap();
            (top, s.child_groups(top).next().unwrap())
        };
        let other: TeamId = *org.teams().keys().nth(1).unwrap();
        for (dragged, target, to) in [
            (Node::Group(top), Node::Group(inner), Unit::Group(inner)),
            (Node::Group(top), Node::Group(top), Unit::Group(top)),
            (Node::Team(team), Node::Team(other), Unit::Team(other)),
        ] {
            let item = dragged.unit().unwrap();
            let why = Command::Move { item, to: Some(to) }.check(org).unwrap_err();
            let p = preview(&doc, dragged, Some(target));
            assert_eq!(p.command, None);
            assert_eq!(
                p.headline,
                format!("{}.", crate::words::capitalised(&why.to_string()))
            );
        }
    }
}
