//! Mermaid flowchart: each group is a subgraph nested in its parent's, teams are nodes inside.

use std::fmt::Write;

use super::{body_lines, group_lines, team_lines};
use crate::diagram::{CardKind, colors};
use crate::model::{GroupId, Org, Structure, Unit};
use crate::rules::Thresholds;

/// A Mermaid quoted label; line breaks become `<br/>`, quotes and markup characters entity codes.
fn quote(lines: &[String]) -> String {
    let text: Vec<String> = lines
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| match c {
                    '"' => "#quot;".to_string(),
                    '<' => "#lt;".to_string(),
                    '>' => "#gt;".to_string(),
                    '#' => "#35;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect();
    format!("\"{}\"", text.join("<br/>"))
}

/// The org as a Mermaid flowchart (deterministic: same org, same text). Node and subgraph ids
/// are the ids' [`ident`](crate::model::TeamId::ident)s, plain for any slug.
pub fn to_mermaid(org: &Org) -> String {
    let s = org.structure();
    let t = Thresholds::from_settings(org.rules());
    let mut out = String::from("flowchart TB\n");
    let (eat, ems) = body_lines(org);
    if !org.eat().is_empty() {
        let _ = writeln!(out, "  eat[{}]", quote(&eat));
    }
    if !org.ems().is_empty() {
        let _ = writeln!(out, "  ems[{}]", quote(&ems));
    }
    for &g in &s.top_groups {
        write_group(org, &s, &t, g, 1, &mut out);
    }
    for team in &s.loose_teams {
        let _ = writeln!(
            out,
            "  {}[{}]",
            team.ident(),
            quote(&team_lines(org, &t, *team))
        );
    }
    for (body, present) in [
        ("eat", !org.eat().is_empty()),
        ("ems", !org.ems().is_empty()),
    ] {
        if present {
            for g in &s.top_groups {
                let _ = writeln!(out, "  {body} --- {}", g.ident());
            }
        }
    }
    // The designer's colours.
    for (class, kind) in [
        ("sos", CardKind::Group { level: 1 }),
        ("upper", CardKind::Group { level: 2 }),
        ("eatbox", CardKind::Eat),
        ("emsbox", CardKind::Ems),
    ] {
        let c = colors(kind, false);
        let _ = writeln!(
            out,
            "  classDef {class} fill:{},stroke:{}",
            c.fill.hex(),
            c.accent.hex()
        );
    }
    let (sos, upper): (Vec<GroupId>, Vec<GroupId>) =
        org.groups().keys().copied().partition(|g| s.level(*g) <= 1);
    for (class, ids) in [("sos", sos), ("upper", upper)] {
        if !ids.is_empty() {
            let names: Vec<String> = ids.iter().map(|g| g.ident()).collect();
            let _ = writeln!(out, "  class {} {class}", names.join(","));
        }
    }
    if !org.eat().is_empty() {
        out.push_str("  class eat eatbox\n");
    }
    if !org.ems().is_empty() {
        out.push_str("  class ems emsbox\n");
    }
    out
}

fn write_group(
    org: &Org,
    s: &Structure,
    t: &Thresholds,
    g: GroupId,
    depth: usize,
    out: &mut String,
) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(
        out,
        "{pad}subgraph {}[{}]",
        g.ident(),
        quote(&group_lines(org, s, g))
    );
    for child in s.children(g) {
        match child {
            Unit::Team(team) => {
                let _ = writeln!(
                    out,
                    "{pad}  {}[{}]",
                    team.ident(),
                    quote(&team_lines(org, t, *team))
                );
            }
            Unit::Group(c) => write_group(org, s, t, *c, depth + 1, out),
        }
    }
    let _ = writeln!(out, "{pad}end");
}
