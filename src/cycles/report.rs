//! The two cycles in words and as JSON, for `orgscale cycles`.

use serde::Serialize;

use super::{Component, Coverage, Cycle, Cycles, Scope};
use crate::model::{Org, Structure, Unit};

fn scope_name(org: &Org, s: &Structure, scope: Scope) -> String {
    match scope {
        Scope::Org => org.name().to_string(),
        Scope::Group(g) => format!(
            "{} {}",
            Structure::level_label(s.level(g)),
            org.unit_name(Unit::Group(g))
        ),
    }
}

/// The cycles as text: each cycle's components with carriers, coverage and gaps.
pub fn text(org: &Org, s: &Structure, c: &Cycles) -> String {
    let mut o = format!("The two cycles of {}\n", scope_name(org, s, c.scope));
    let complete = c
        .components
        .iter()
        .filter(|x| x.coverage == Coverage::Complete)
        .count();
    o.push_str(&format!(
        "{complete} of {} components complete\n",
        c.components.len()
    ));
    for cycle in [
        Cycle::Both,
        Cycle::ScrumMaster,
        Cycle::ProductOwner,
        Cycle::Shared,
    ] {
        let title = match cycle {
            Cycle::Both => "Where the cycles meet",
            Cycle::ScrumMaster => "Scrum Master cycle (the how; hub: the Executive Action Team)",
            Cycle::ProductOwner => "Product Owner cycle (the what; hub: the Executive MetaScrum)",
            Cycle::Shared => "Shared",
        };
        o.push_str(&format!("\n{title}\n"));
        for st in c.components.iter().filter(|x| x.component.cycle() == cycle) {
            let carriers = if st.carriers.is_empty() {
                "nobody".to_string()
            } else {
                st.carriers.clone()
            };
            o.push_str(&format!(
                "  {:<44} {:<9} {carriers}\n",
                st.component.label(),
                st.coverage.label()
            ));
            for f in &st.gaps {
                o.push_str(&format!("    {}[{}] {}\n", f.severity, f.rule, f.message));
            }
        }
    }
    o
}

#[derive(Serialize)]
struct JsonComponent {
    key: &'static str,
    name: &'static str,
    cycle: &'static str,
    hub: bool,
    coverage: &'static str,
    carriers: String,
    people: Vec<String>,
    gaps: Vec<crate::rules::Finding>,
}

#[derive(Serialize)]
struct JsonCycles {
    scope: String,
    components: Vec<JsonComponent>,
}

/// The cycles as JSON (pretty, ends with a newline).
pub fn json(org: &Org, s: &Structure, c: &Cycles) -> String {
    let v = JsonCycles {
        scope: scope_name(org, s, c.scope),
        components: c
            .components
            .iter()
            .map(|st| JsonComponent {
                key: st.component.key(),
                name: st.component.label(),
                cycle: match st.component.cycle() {
                    Cycle::ScrumMaster => "scrum_master",
                    Cycle::ProductOwner => "product_owner",
                    Cycle::Both => "both",
                    Cycle::Shared => "shared",
                },
                hub: st.component.is_hub(),
                coverage: st.coverage.label(),
                carriers: st.carriers.clone(),
                people: st.people.iter().map(|p| org.person_name(*p)).collect(),
                gaps: st.gaps.clone(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&v).expect("cycles serialise");
    out.push('\n');
    out
}

/// Every component's name, for checks that a report names them all.
pub fn names() -> impl Iterator<Item = &'static str> {
    Component::ALL.into_iter().map(Component::label)
}
