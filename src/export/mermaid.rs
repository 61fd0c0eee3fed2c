//! Mermaid flowchart: each group is a subgraph nested in its parent's, teams are nodes inside.

use std::fmt::Write;

use super::{body_lines, group_lines, team_lines};
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

/// The org as a Mermaid flowchart (deterministic: same org, same text).
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
        let _ = writeln!(out, "  {team}[{}]", quote(&team_lines(org, &t, *team)));
    }
    for (body, present) in [
        ("eat", !org.eat().is_empty()),
        ("ems", !org.ems().is_empty()),
    ] {
        if present {
            for g in &s.top_groups {
                let _ = writeln!(out, "  {body} --- {g}");
            }
        }
    }
    out.push_str("  classDef sos fill:#e8f0fb,stroke:#2563c8\n");
    out.push_str("  classDef upper fill:#f1e8fb,stroke:#7c3abe\n");
    out.push_str("  classDef exec fill:#fef3c7,stroke:#b45309\n");
    let (sos, upper): (Vec<GroupId>, Vec<GroupId>) =
        org.groups().keys().copied().partition(|g| s.level(*g) <= 1);
    for (class, ids) in [("sos", sos), ("upper", upper)] {
        if !ids.is_empty() {
            let names: Vec<String> = ids.iter().map(|g| g.to_string()).collect();
            let _ = writeln!(out, "  class {} {class}", names.join(","));
        }
    }
    let bodies: Vec<&str> = [
        ("eat", !org.eat().is_empty()),
        ("ems", !org.ems().is_empty()),
    ]
    .into_iter()
    .filter_map(|(b, p)| p.then_some(b))
    .collect();
    if !bodies.is_empty() {
        let _ = writeln!(out, "  class {} exec", bodies.join(","));
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
    let _ = writeln!(out, "{pad}subgraph {g}[{}]", quote(&group_lines(org, s, g)));
    for child in s.children(g) {
        match child {
            Unit::Team(team) => {
                let _ = writeln!(out, "{pad}  {team}[{}]", quote(&team_lines(org, t, *team)));
            }
            Unit::Group(c) => write_group(org, s, t, *c, depth + 1, out),
        }
    }
    let _ = writeln!(out, "{pad}end");
}
