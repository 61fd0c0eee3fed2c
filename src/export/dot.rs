//! Graphviz DOT: each group is a cluster nested in its parent's cluster, teams are boxes inside
//! their group's cluster, and the EAT and EMS sit above the top groups.

use std::fmt::Write;

use super::{body_lines, group_lines, team_lines};
use crate::diagram::{CardKind, colors};
use crate::model::{GroupId, Org, Unit};
use crate::rules::Thresholds;

/// A DOT string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn label(lines: &[String]) -> String {
    quote(&lines.join("\n"))
}

/// The org as a DOT digraph (deterministic: same org, same text). Node and cluster names are the
/// ids' [`ident`](crate::model::TeamId::ident)s, plain for any slug.
pub fn to_dot(org: &Org) -> String {
    let s = org.structure();
    let t = Thresholds::from_settings(org.rules());
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(org.name()));
    out.push_str(
        "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, compound=true, newrank=true];\n",
    );
    out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [color=\"#8a8f98\", arrowhead=none];\n");
    let (eat, ems) = body_lines(org);
    let body = |kind| {
        let c = colors(kind, false);
        format!(
            "fillcolor=\"{}\", color=\"{}\"",
            c.fill.hex(),
            c.accent.hex()
        )
    };
    if !org.eat().is_empty() {
        let _ = writeln!(
            out,
            "  eat [label={}, {}];",
            label(&eat),
            body(CardKind::Eat)
        );
    }
    if !org.ems().is_empty() {
        let _ = writeln!(
            out,
            "  ems [label={}, {}];",
            label(&ems),
            body(CardKind::Ems)
        );
    }
    let mut row = Vec::new();
    for &g in &s.top_groups {
        write_group(org, &s, &t, g, 1, &mut out, &mut row);
    }
    for team in &s.loose_teams {
        let _ = writeln!(
            out,
            "  {} [label={}];",
            team.ident(),
            label(&team_lines(org, &t, *team))
        );
        row.push(team.ident());
    }
    // Invisible hints: every team on one row, in outline order, below the EAT and EMS (without
    // them Graphviz ranks the teams an edge touches lower and may reverse the groups).
    if !row.is_empty() {
        out.push_str("  top [shape=point, style=invis, width=0, height=0];\n");
        let _ = writeln!(out, "  {{ rank=same; {}; }}", row.join("; "));
        for id in &row {
            let _ = writeln!(out, "  top -> {id} [style=invis];");
        }
        if row.len() > 1 {
            let _ = writeln!(out, "  {} [style=invis];", row.join(" -> "));
        }
    }
    // Tie the executive bodies to the top groups so they sit above them.
    for body in ["eat", "ems"] {
        let present = if body == "eat" {
            !org.eat().is_empty()
        } else {
            !org.ems().is_empty()
        };
        if !present {
            continue;
        }
        for &g in &s.top_groups {
            let _ = writeln!(
                out,
                "  {body} -> {} [lhead=cluster_{}];",
                anchor(&s, g),
                g.ident()
            );
        }
    }
    out.push_str("}\n");
    out
}

/// A node inside the cluster of `g` to attach edges to.
fn anchor(s: &crate::model::Structure, g: GroupId) -> String {
    match s.children(g).first() {
        Some(Unit::Team(t)) => t.ident(),
        Some(Unit::Group(c)) => anchor(s, *c),
        None => format!("empty_{}", g.ident()),
    }
}

fn write_group(
    org: &Org,
    s: &crate::model::Structure,
    t: &Thresholds,
    g: GroupId,
    depth: usize,
    out: &mut String,
    row: &mut Vec<String>,
) {
    let pad = "  ".repeat(depth);
    let c = colors(CardKind::Group { level: s.level(g) }, false);
    let _ = writeln!(out, "{pad}subgraph cluster_{} {{", g.ident());
    let _ = writeln!(
        out,
        "{pad}  label={}; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\";",
        label(&group_lines(org, s, g)),
        c.fill.hex(),
        c.accent.hex()
    );
    let kids = s.children(g);
    if kids.is_empty() {
        // Graphviz leaves out empty clusters; keep the group visible.
        let _ = writeln!(
            out,
            "{pad}  empty_{} [label=\"(no members)\", shape=plaintext, style=\"\"];",
            g.ident()
        );
        row.push(format!("empty_{}", g.ident()));
    }
    for child in kids {
        match child {
            Unit::Team(team) => {
                let _ = writeln!(
                    out,
                    "{pad}  {} [label={}];",
                    team.ident(),
                    label(&team_lines(org, t, *team))
                );
                row.push(team.ident());
            }
            Unit::Group(c) => write_group(org, s, t, *c, depth + 1, out, row),
        }
    }
    let _ = writeln!(out, "{pad}}}");
}
