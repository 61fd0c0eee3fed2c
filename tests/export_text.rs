//! Text exports (Graphviz DOT, Mermaid): golden files, DOT through the real Graphviz and Mermaid
//! through Mermaid's own parser (Node.js; `.ci/run` runs `npm ci --prefix tests/mermaid`).
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test export_text`.

mod common;
use common::{golden, load};

use std::path::Path;
use std::process::Command;

use orgscale::export::{to_dot, to_mermaid};

#[test]
fn golden_dot_and_mermaid_of_the_small_org() {
    let org = load("small.json");
    golden("small.dot", &to_dot(&org));
    golden("small.mmd", &to_mermaid(&org));
    // Deterministic.
    assert_eq!(to_dot(&org), to_dot(&org.clone()));
}

#[test]
fn graphviz_accepts_every_example_and_draws_every_team() {
    for name in [
        "small.json",
        "acme.json",
        "violations.json",
        "symmetric-125.json",
    ] {
        let org = load(name);
        let dir = tempfile::tempdir().unwrap();
        let dot_file = dir.path().join("org.dot");
        std::fs::write(&dot_file, to_dot(&org)).unwrap();
        let out = Command::new("dot")
            .arg("-Tsvg")
            .arg(&dot_file)
            .output()
            .expect("Graphviz `dot` is installed (.ci/run installs it)");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: dot failed: {stderr}");
        assert!(!stderr.contains("Warning"), "{name}: {stderr}");
        let svg = String::from_utf8(out.stdout).unwrap();
        for team in org.teams().values() {
            let escaped = team.name.replace('&', "&amp;");
            assert!(
                svg.contains(&escaped),
                "{name}: team {} missing from the drawing",
                team.name
            );
        }
        // One cluster per group.
        assert_eq!(
            svg.matches("class=\"cluster\"").count(),
            org.groups().len(),
            "{name}"
        );
    }
}

#[test]
fn labels_with_quotes_and_markup_are_escaped() {
    let text = "person,team,role,path\n\"Ann \"\"Q\"\" Lee\",<Core> #1,PO,R&D \"Lab\"\n";
    let org = orgscale::io::csv_roster::import_bytes(Path::new("r.csv"), text.as_bytes()).unwrap();
    let dot = to_dot(&org);
    assert!(dot.contains("Ann \\\"Q\\\" Lee"), "{dot}");
    let mmd = to_mermaid(&org);
    assert!(mmd.contains("Ann #quot;Q#quot; Lee"), "{mmd}");
    assert!(mmd.contains("#lt;Core#gt; #35;1"), "{mmd}");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("q.dot");
    std::fs::write(&f, dot).unwrap();
    let out = Command::new("dot").arg("-Tsvg").arg(&f).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn mermaid_own_parser_accepts_every_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checker = root.join("tests/mermaid");
    assert!(
        checker.join("node_modules/mermaid").is_dir(),
        "Mermaid is not installed for the tests: run `npm ci --prefix tests/mermaid` (.ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in [
        "small.json",
        "acme.json",
        "violations.json",
        "symmetric-125.json",
    ] {
        let p = dir.path().join(name.replace(".json", ".mmd"));
        std::fs::write(&p, to_mermaid(&load(name))).unwrap();
        files.push(p);
    }
    // A hostile roster: quotes, markup and Mermaid's own syntax in names.
    let roster = dir.path().join("r.csv");
    std::fs::write(
        &roster,
        "person,team,role,path\n\"Ann \"\"Q\"\" Lee\",<Core> #1 --> end,PO,R&D [Lab] {x}\n",
    )
    .unwrap();
    let hostile = dir.path().join("hostile.mmd");
    std::fs::write(&hostile, to_mermaid(&orgscale::io::load(&roster).unwrap())).unwrap();
    files.push(hostile);
    // And a broken file, to show the check can fail.
    let broken = dir.path().join("broken.mmd");
    std::fs::write(&broken, "flowchart TB\n  a[[\"x\"] -->\n").unwrap();
    let run = |files: &[std::path::PathBuf]| {
        Command::new("node")
            .arg(checker.join("check.mjs"))
            .args(files)
            .output()
            .expect("Node.js is installed (.ci/run installs it)")
    };
    let out = run(&files);
    assert!(
        out.status.success(),
        "Mermaid refused an export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("flowchart").count(), files.len(), "{stdout}");
    assert!(!run(&[broken]).status.success());
}

#[test]
fn graphviz_draws_teams_in_outline_order_under_the_executive_bodies() {
    let org = load("acme.json");
    let dir = tempfile::tempdir().unwrap();
    let dot_file = dir.path().join("org.dot");
    std::fs::write(&dot_file, to_dot(&org)).unwrap();
    let out = Command::new("dot")
        .arg("-Tplain")
        .arg(&dot_file)
        .output()
        .expect("Graphviz `dot` is installed (.ci/run installs it)");
    assert!(out.status.success());
    // `node NAME X Y ...`, with Y growing upwards.
    let plain = String::from_utf8(out.stdout).unwrap();
    let pos = |name: &str| -> (f64, f64) {
        let line = plain
            .lines()
            .find(|l| l.starts_with(&format!("node {name} ")))
            .unwrap_or_else(|| panic!("{name} in {plain}"));
        let f: Vec<f64> = line
            .split(' ')
            .skip(2)
            .take(2)
            .map(|v| v.parse().unwrap())
            .collect();
        (f[0], f[1])
    };
    let s = org.structure();
    let mut outline = Vec::new();
    for g in &s.top_groups {
        for sos in s.child_groups(*g) {
            outline.extend(s.child_teams(sos));
        }
    }
    outline.extend(s.loose_teams.iter().copied());
    assert_eq!(outline.len(), org.teams().len());
    let xs: Vec<f64> = outline.iter().map(|t| pos(&t.to_string()).0).collect();
    assert!(
        xs.windows(2).all(|w| w[0] < w[1]),
        "left to right in outline order: {xs:?}"
    );
    let row = pos(&outline[0].to_string()).1;
    assert!(
        outline.iter().all(|t| pos(&t.to_string()).1 == row),
        "one row"
    );
    assert!(
        pos("eat").1 > row && pos("ems").1 > row,
        "EAT and EMS above"
    );
}
