//! A comparison in words: the changelog text, Markdown for a pull-request comment, JSON
//! (docs/diff-format.md) and CSV. The CLI's `diff` and the designer's Compare export use these.

use serde::Serialize;

use super::{Change, Changes, Impact, MatchSummary, Matched, Plan, Section, WaveOutcome};
use crate::rules::Finding;
use crate::words::plural;

/// The version of the JSON report's layout.
pub const JSON_VERSION: u32 = 1;

/// "2 teams added, 1 removed · 3 people moved · 4 role changes", or "no changes".
pub fn headline(c: &Changes) -> String {
    use Change::*;
    let count = |f: &dyn Fn(&Change) -> bool| c.changes.iter().filter(|x| f(x)).count();
    let mut parts: Vec<String> = Vec::new();
    let mut kind = |noun: (&str, &str), counts: [(usize, &str); 4]| {
        let said: Vec<String> = counts
            .iter()
            .filter(|(n, _)| *n > 0)
            .enumerate()
            .map(|(i, (n, verb))| {
                if i == 0 {
                    format!("{} {verb}", plural(*n, noun.0, noun.1))
                } else {
                    format!("{} {verb}", crate::words::thousands(*n))
                }
            })
            .collect();
        if !said.is_empty() {
            parts.push(said.join(", "));
        }
    };
    kind(
        ("group", "groups"),
        [
            (count(&|x| matches!(x, GroupAdded { .. })), "added"),
            (count(&|x| matches!(x, GroupRemoved { .. })), "removed"),
            (count(&|x| matches!(x, GroupRenamed { .. })), "renamed"),
            (count(&|x| matches!(x, GroupMoved { .. })), "moved"),
        ],
    );
    kind(
        ("team", "teams"),
        [
            (count(&|x| matches!(x, TeamAdded { .. })), "added"),
            (count(&|x| matches!(x, TeamRemoved { .. })), "removed"),
            (count(&|x| matches!(x, TeamRenamed { .. })), "renamed"),
            (count(&|x| matches!(x, TeamMoved { .. })), "moved"),
        ],
    );
    kind(
        ("person", "people"),
        [
            (count(&|x| matches!(x, PersonJoined { .. })), "joined"),
            (count(&|x| matches!(x, PersonLeft { .. })), "left"),
            (count(&|x| matches!(x, PersonMoved { .. })), "moved"),
            (count(&|x| matches!(x, PersonRenamed { .. })), "renamed"),
        ],
    );
    let roles = count(&|x| x.section() == Section::Roles);
    if roles > 0 {
        parts.push(plural(roles, "role change", "role changes"));
    }
    let other = c.changes.len()
        - count(&|x| {
            matches!(
                x,
                GroupAdded { .. }
                    | GroupRemoved { .. }
                    | GroupRenamed { .. }
                    | GroupMoved { .. }
                    | TeamAdded { .. }
                    | TeamRemoved { .. }
                    | TeamRenamed { .. }
                    | TeamMoved { .. }
                    | PersonJoined { .. }
                    | PersonLeft { .. }
                    | PersonMoved { .. }
                    | PersonRenamed { .. }
            ) || x.section() == Section::Roles
        });
    if other > 0 {
        parts.push(plural(other, "other change", "other changes"));
    }
    if parts.is_empty() {
        "no changes".to_string()
    } else {
        parts.join(" · ")
    }
}

/// Sentences saying which kinds were matched by name (empty when all were matched by id).
pub fn matching_notes(m: &MatchSummary) -> Vec<String> {
    let kinds: Vec<&str> = [
        ("people", m.people),
        ("teams", m.teams),
        ("groups", m.groups),
    ]
    .into_iter()
    .filter(|(_, how)| *how == Matched::ByName)
    .map(|(k, _)| k)
    .collect();
    if kinds.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "Matched by name, not by id: {} (the two files' ids do not correspond, as with a CSV roster).",
            kinds.join(", ")
        )]
    }
}

/// The impact table: (what, base, target).
pub fn impact_rows(i: &Impact) -> Vec<[String; 3]> {
    let (b, t) = (&i.base, &i.target);
    let per_level = |v: &[usize]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(" / ")
        }
    };
    let filled = |f: usize, m: usize| format!("{f} filled, {m} missing");
    let sds = |v: &[usize]| v.iter().sum::<usize>().to_string();
    let counts = |c: &crate::rules::Counts| c.phrases().join(", ");
    vec![
        ["Teams".into(), b.teams.to_string(), t.teams.to_string()],
        ["People".into(), b.people.to_string(), t.people.to_string()],
        ["Levels".into(), b.levels.to_string(), t.levels.to_string()],
        [
            "Groups per level".into(),
            per_level(&b.groups_per_level),
            per_level(&t.groups_per_level),
        ],
        [
            "SoSM roles".into(),
            filled(b.sosm_filled, b.sosm_missing),
            filled(t.sosm_filled, t.sosm_missing),
        ],
        [
            "CPO roles".into(),
            filled(b.cpo_filled, b.cpo_missing),
            filled(t.cpo_filled, t.cpo_missing),
        ],
        [
            "SDS seats".into(),
            sds(&b.sds_seats_per_level),
            sds(&t.sds_seats_per_level),
        ],
        [
            "Coordination paths".into(),
            b.paths_hierarchical.to_string(),
            t.paths_hierarchical.to_string(),
        ],
        [
            "Paths if all-to-all".into(),
            b.paths_all_to_all.to_string(),
            t.paths_all_to_all.to_string(),
        ],
        [
            "Findings".into(),
            counts(&i.base_counts),
            counts(&i.target_counts),
        ],
    ]
}

/// "41 of 45 people keep their team (91%)".
pub fn stability_line(i: &Impact) -> String {
    let s = &i.stability;
    format!(
        "{} of {} keep their team ({:.0}%)",
        s.people_kept,
        plural(s.people_in_teams, "person", "people"),
        s.share() * 100.0
    )
}

/// "Cart keeps 5 of 6 members (83%), 1 joined".
pub fn team_stability_line(t: &super::TeamStability) -> String {
    let mut s = format!(
        "{} keeps {} of {} ({:.0}%)",
        t.team.name,
        t.kept,
        plural(t.of, "member", "members"),
        t.share() * 100.0
    );
    if t.joined > 0 {
        s.push_str(&format!(", {} joined", t.joined));
    }
    s
}

fn finding_line(f: &Finding) -> String {
    format!(
        "{} {} {}: {}",
        f.severity, f.rule, f.subject_name, f.message
    )
}

/// The changelog: changes grouped by section, then the impact table.
pub fn text(c: &Changes, base: &str, target: &str) -> String {
    let mut out = format!("Comparing {base} → {target}\n{}\n", headline(c));
    for n in matching_notes(&c.summary_of_matching()) {
        out.push_str(&n);
        out.push('\n');
    }
    for s in Section::ALL {
        let lines: Vec<&Change> = c.section(s).collect();
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", s.title()));
        for ch in lines {
            out.push_str(&format!("  {} {}\n", ch.mark(), ch.describe()));
        }
    }
    let i = &c.impact;
    let rows = impact_rows(i);
    let w0 = rows
        .iter()
        .map(|r| r[0].chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    let w1 = rows
        .iter()
        .map(|r| r[1].chars().count())
        .max()
        .unwrap_or(0)
        .max(base.chars().count().min(24));
    out.push_str(&format!(
        "\nImpact\n  {:<w0$}  {:<w1$}  {}\n",
        "",
        short(base, 24),
        short(target, 24)
    ));
    for r in &rows {
        out.push_str(&format!("  {:<w0$}  {:<w1$}  {}\n", r[0], r[1], r[2]));
    }
    out.push_str(&format!(
        "\nFindings: {} added, {} resolved\n",
        i.findings_added.len(),
        i.findings_resolved.len()
    ));
    for f in &i.findings_added {
        out.push_str(&format!("  + {}\n", finding_line(f)));
    }
    for f in &i.findings_resolved {
        out.push_str(&format!("  - {}\n", finding_line(f)));
    }
    out.push_str(&format!("\nTeam stability: {}\n", stability_line(i)));
    for t in &i.stability.teams {
        out.push_str(&format!("  {}\n", team_stability_line(t)));
    }
    out
}

fn short(s: &str, max: usize) -> String {
    crate::diagram::ellipsis(s.to_string(), max)
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Markdown for a pull-request comment: a summary line, the impact table, collapsible details.
pub fn markdown(c: &Changes, base: &str, target: &str) -> String {
    let i = &c.impact;
    let mut out = format!(
        "### orgscale diff: `{}` → `{}`\n\n**{}** · findings {} added, {} resolved · {}\n",
        base,
        target,
        headline(c),
        i.findings_added.len(),
        i.findings_resolved.len(),
        stability_line(i)
    );
    for n in matching_notes(&c.summary_of_matching()) {
        out.push_str(&format!("\n> {n}\n"));
    }
    out.push_str(&format!(
        "\n| | {} | {} |\n|---|---|---|\n",
        md_escape(base),
        md_escape(target)
    ));
    for r in impact_rows(i) {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            md_escape(&r[0]),
            md_escape(&r[1]),
            md_escape(&r[2])
        ));
    }
    if !c.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>{}</summary>\n",
            plural(c.changes.len(), "change", "changes")
        ));
        for s in Section::ALL {
            let lines: Vec<&Change> = c.section(s).collect();
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("\n#### {}\n\n", s.title()));
            for ch in lines {
                out.push_str(&format!("- {} {}\n", ch.mark(), md_escape(&ch.describe())));
            }
        }
        out.push_str("\n</details>\n");
    }
    let findings = |title: &str, mark: &str, fs: &[Finding], out: &mut String| {
        if fs.is_empty() {
            return;
        }
        out.push_str(&format!(
            "\n<details><summary>{title} ({})</summary>\n\n",
            fs.len()
        ));
        for f in fs {
            out.push_str(&format!(
                "- {mark} **{}** {} {}: {}\n",
                f.severity,
                f.rule,
                md_escape(&f.subject_name),
                md_escape(&f.message)
            ));
        }
        out.push_str("\n</details>\n");
    };
    findings("Findings added", "+", &i.findings_added, &mut out);
    findings("Findings resolved", "-", &i.findings_resolved, &mut out);
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    version: u32,
    base: &'a str,
    target: &'a str,
    summary: String,
    matching: MatchSummary,
    changes: &'a [Change],
    impact: &'a Impact,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    waves: Vec<JsonWave<'a>>,
}

#[derive(Serialize)]
struct JsonWave<'a> {
    wave: usize,
    steps: Vec<&'a str>,
    after: &'a WaveOutcome,
}

/// The JSON report (docs/diff-format.md), with the plan when given.
pub fn json(
    c: &Changes,
    base: &str,
    target: &str,
    plan: Option<(&Plan, &[WaveOutcome])>,
) -> String {
    let report = JsonReport {
        format: "orgscale-diff",
        version: JSON_VERSION,
        base,
        target,
        summary: headline(c),
        matching: c.summary_of_matching(),
        changes: &c.changes,
        impact: &c.impact,
        plan: plan.map(|(p, outcomes)| JsonPlan {
            waves: outcomes
                .iter()
                .map(|o| JsonWave {
                    wave: o.wave,
                    steps: p.wave(o.wave - 1).map(|(_, s)| s.text.as_str()).collect(),
                    after: o,
                })
                .collect(),
        }),
    };
    let mut s = serde_json::to_string_pretty(&report).expect("report serialises");
    s.push('\n');
    s
}

/// The changes as CSV: section, mark, change, description, ids on both sides.
pub fn csv(c: &Changes) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "section",
        "mark",
        "change",
        "description",
        "base_id",
        "target_id",
    ]);
    for ch in &c.changes {
        let kind = serde_json::to_value(ch)
            .ok()
            .and_then(|v| v.get("change").and_then(|k| k.as_str()).map(str::to_string))
            .unwrap_or_default();
        let (b, t) = match ch.subject() {
            super::Subject::Org => (String::new(), String::new()),
            super::Subject::Unit { base, target } => (
                base.map(|u| u.to_string()).unwrap_or_default(),
                target.map(|u| u.to_string()).unwrap_or_default(),
            ),
            super::Subject::Person { base, target } => (
                base.map(|u| u.to_string()).unwrap_or_default(),
                target.map(|u| u.to_string()).unwrap_or_default(),
            ),
        };
        let _ = w.write_record([
            ch.section().title(),
            ch.mark(),
            &kind,
            &ch.describe(),
            &b,
            &t,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The plan in words: each wave's steps and what the org looks like after it.
pub fn plan_text(plan: &Plan, outcomes: &[WaveOutcome]) -> String {
    let mut out = format!(
        "Transition plan: {} in {}\n",
        plural(plan.steps.len(), "step", "steps"),
        plural(plan.waves, "wave", "waves")
    );
    let mut n = 0;
    for o in outcomes {
        let steps: Vec<_> = plan.wave(o.wave - 1).collect();
        out.push_str(&format!(
            "\nWave {} ({})\n",
            o.wave,
            plural(steps.len(), "step", "steps")
        ));
        for (_, s) in steps {
            n += 1;
            out.push_str(&format!("  {n:>3}. {}\n", s.text));
        }
        for r in &o.refused {
            out.push_str(&format!("  refused: {} ({})\n", r.step, r.why));
        }
        if o.findings.is_empty() {
            out.push_str(&format!(
                "  After wave {}: no findings the base did not have\n",
                o.wave
            ));
        } else {
            out.push_str(&format!(
                "  After wave {}: {} the base did not have\n",
                o.wave,
                plural(o.findings.len(), "finding", "findings")
            ));
            for f in &o.findings {
                out.push_str(&format!("    {}\n", finding_line(f)));
            }
        }
    }
    out
}
