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
        Node::Team(t) => {
            return refuse(format!(
                "{} is a team: teams cannot hold other teams or groups.",
                org.unit_name(Unit::Team(t))
            ));
        }
        Node::Eat | Node::Ems => {
            return refuse(format!(
                "{} is not a group: teams and groups cannot go into it.",
                name(target_node)
            ));
        }
    };
    let cmd = Command::Move { item, to: Some(to) };
    let mut trial = org.clone();
    if let Err(e) = cmd.apply(&mut trial) {
        return refuse(format!("{e}."));
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
