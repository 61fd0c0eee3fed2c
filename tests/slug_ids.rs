//! Org files may name people, teams and groups by readable slugs (`checkout`, `ana.silva`,
//! `sos-payments`) as well as by numeric ids (`t2`): they load, validate, save under the same
//! ids in a fixed order, and new units still get numeric ids.

use std::path::Path;
use std::process::Command as Process;

use orgscale::io::json;
use orgscale::model::{Command, GroupId, Org, PersonId, Team, TeamId};
use orgscale::rules::{Severity, validate};

/// Hand-written, not in canonical order or layout: slugs and numeric ids mixed in every list.
const HANDWRITTEN: &str = r#"{
  "format_version": 1,
  "name": "Slug Shop",
  "people": [
    {"id": "ana.silva", "name": "Ana Silva", "email": "ana.silva@shop.example"},
    {"id": "p1", "name": "Ben Osei"},
    {"id": "bo", "name": "Bo Lind"},
    {"id": "p2", "name": "Cleo Martins"},
    {"id": "p3", "name": "Dan Weiss"},
    {"id": "p4", "name": "Eva Lund"},
    {"id": "chen.li", "name": "Chen Li"},
    {"id": "p5", "name": "Femi Adebayo"},
    {"id": "p6", "name": "Gina Russo"},
    {"id": "p7", "name": "Hugo Blanc"},
    {"id": "p8", "name": "Iris Novak"},
    {"id": "p9", "name": "Jae Kim"},
    {"id": "dev-1", "name": "Kira Patel"},
    {"id": "dev-2", "name": "Leo Varga"},
    {"id": "dev_3", "name": "Mona Saleh"},
    {"id": "zoe", "name": "Zoe Hart"},
    {"id": "p11", "name": "Nils Dahl"},
    {"id": "p12", "name": "Omar Aziz"},
    {"id": "p13", "name": "Pia Lorenz"},
    {"id": "p14", "name": "Raj Menon"},
    {"id": "cpo.main", "name": "Sara Holm"},
    {"id": "t3", "name": "Tim Walsh (a person whose id looks like a team's)"}
  ],
  "teams": [
    {"id": "search", "name": "Search", "group": "sos-payments",
     "product_owners": ["zoe"], "scrum_masters": ["p11"], "developers": ["p12", "p13", "p14"]},
    {"id": "checkout", "name": "Checkout", "group": "sos-payments",
     "product_owners": ["ana.silva"], "scrum_masters": ["p1"], "developers": ["bo", "p2", "p3"]},
    {"id": "t10", "name": "Billing", "group": "sos-payments",
     "product_owners": ["p8"], "scrum_masters": ["p9"], "developers": ["dev_3", "dev-2", "dev-1"]},
    {"id": "t2", "name": "Refunds", "group": "sos-payments",
     "product_owners": ["p4"], "scrum_masters": ["chen.li"], "developers": ["p7", "p6", "p5"]}
  ],
  "groups": [
    {"id": "sos-payments", "name": "Payments",
     "masters": [{"person": "p1"}], "cpos": [{"person": "cpo.main", "dedicated": true}]}
  ],
  "eat": {
    "members": ["t3", "cpo.main", "p1"],
    "product_owner": "t3",
    "scrum_master": "p1"
  },
  "ems": {
    "attendees": ["ana.silva", "p4", "p8", "zoe", "cpo.main", "t3"],
    "facilitator": "cpo.main"
  }
}
"#;

fn load(text: &str) -> Org {
    json::from_str(Path::new("slugs.json"), text).unwrap_or_else(|e| panic!("{e}"))
}

fn team(s: &str) -> TeamId {
    s.parse().unwrap()
}

/// The ids of one list of the saved file, in file order.
fn ids_in(saved: &str, list: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(saved).unwrap();
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_file_with_slugs_loads_and_validates() {
    let org = load(HANDWRITTEN);
    assert!(
        org.integrity_problems().is_empty(),
        "{:?}",
        org.integrity_problems()
    );
    let checkout = org.team(team("checkout")).expect("team checkout");
    assert_eq!(checkout.name, "Checkout");
    assert!(checkout.id.is_slug());
    assert!(!team("t2").is_slug());
    let payments = GroupId::slug("sos-payments").unwrap();
    assert_eq!(checkout.group, Some(payments));
    assert_eq!(org.group(payments).unwrap().name, "Payments");
    let ana: PersonId = "ana.silva".parse().unwrap();
    assert!(checkout.product_owners.contains(&ana));
    // `t3` in a person field is a person.
    let tim: PersonId = "t3".parse().unwrap();
    assert!(tim.is_slug());
    assert_eq!(org.eat().product_owner, Some(tim));
    assert_eq!(org.structure().teams_below(payments).len(), 4);
    let errors: Vec<String> = validate(&org)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn saves_keep_the_ids_in_a_fixed_order_and_round_trip_byte_for_byte() {
    let org = load(HANDWRITTEN);
    let saved = json::to_string(&org);
    // Numbers by value first (t2 before t10), then slugs by their text.
    assert_eq!(ids_in(&saved, "teams"), ["t2", "t10", "checkout", "search"]);
    assert_eq!(
        ids_in(&saved, "people"),
        [
            "p1",
            "p2",
            "p3",
            "p4",
            "p5",
            "p6",
            "p7",
            "p8",
            "p9",
            "p11",
            "p12",
            "p13",
            "p14",
            "ana.silva",
            "bo",
            "chen.li",
            "cpo.main",
            "dev-1",
            "dev-2",
            "dev_3",
            "t3",
            "zoe"
        ]
    );
    assert_eq!(ids_in(&saved, "groups"), ["sos-payments"]);
    assert!(saved.contains("\"group\": \"sos-payments\""), "{saved}");
    assert!(
        saved.contains(
            "\"developers\": [\n        \"p2\",\n        \"p3\",\n        \"bo\"\n      ]"
        ),
        "{saved}"
    );
    let back = load(&saved);
    assert_eq!(back, org);
    assert_eq!(json::to_string(&back), saved, "save → load → save");
}

#[test]
fn new_units_get_numeric_ids_after_the_largest_number() {
    let mut org = load(HANDWRITTEN);
    // Slugs sort after every number, so the largest key is a slug; the next id passes over it.
    assert_eq!(org.next_team_id(), TeamId(11));
    assert_eq!(org.next_person_id(), PersonId(15));
    assert_eq!(org.next_group_id(), GroupId(1), "the only group is a slug");
    let id = org.next_team_id();
    let mut t = Team::new(id, "Fraud");
    t.group = Some(GroupId::slug("sos-payments").unwrap());
    Command::AddTeam(t).apply(&mut org).unwrap();
    assert_eq!(org.next_team_id(), TeamId(12));
    let saved = json::to_string(&org);
    assert_eq!(
        ids_in(&saved, "teams"),
        ["t2", "t10", "t11", "checkout", "search"]
    );
    assert_eq!(json::to_string(&load(&saved)), saved);
}

#[test]
fn the_binary_validates_a_file_with_slugs_and_names_the_place_of_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("slugs.json");
    std::fs::write(&good, HANDWRITTEN).unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_orgscale"))
        .arg("validate")
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        HANDWRITTEN.replace("\"developers\": [\"bo\"", "\"developers\": [\"bo lind\""),
    )
    .unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_orgscale"))
        .arg("validate")
        .arg(&bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.json (line 32, column"), "{stderr}");
    assert!(stderr.contains("at $.teams[1].developers[0]"), "{stderr}");
    assert!(
        stderr.contains("`bo lind` is not a valid person id"),
        "{stderr}"
    );

    let dangling = dir.path().join("dangling.json");
    std::fs::write(
        &dangling,
        HANDWRITTEN.replace("\"developers\": [\"bo\"", "\"developers\": [\"bob\""),
    )
    .unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_orgscale"))
        .arg("validate")
        .arg(&dangling)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("at $.teams[1].developers[0]"), "{stderr}");
    assert!(stderr.contains("refers to person bob,"), "{stderr}");
}

/// Slugs that are no Graphviz or Mermaid name, Mermaid's `end`, the names the exports use for
/// their own nodes, and a team and a group sharing one text.
const AWKWARD: &str = r#"{
  "format_version": 1,
  "name": "Awkward",
  "people": [{"id": "ana.silva", "name": "Ana"}],
  "teams": [
    {"id": "payments", "name": "Team Payments", "group": "payments", "product_owners": ["ana.silva"]},
    {"id": "end", "name": "Team End", "group": "payments"},
    {"id": "eat", "name": "Team Eat", "group": "sos-payments"},
    {"id": "top", "name": "Team Top", "group": "sos-payments"},
    {"id": "9lives", "name": "Team Nine", "group": "g1"},
    {"id": "t2", "name": "Team Two", "group": "g1"},
    {"id": "a.b-c_d", "name": "Team Dots"}
  ],
  "groups": [
    {"id": "payments", "name": "Group Payments", "parent": "g1"},
    {"id": "sos-payments", "name": "Group SoS", "parent": "g1"},
    {"id": "empty_g1", "name": "Group Empty", "parent": "g1"},
    {"id": "g1", "name": "Group Top"}
  ],
  "eat": {"members": ["ana.silva"]},
  "ems": {"attendees": ["ana.silva"]}
}
"#;

#[test]
fn graphviz_and_mermaid_read_exports_of_any_slug() {
    use orgscale::export::{Format, Options, export, to_dot, to_mermaid};
    let org = load(AWKWARD);
    let dir = tempfile::tempdir().unwrap();

    let dot_file = dir.path().join("org.dot");
    std::fs::write(&dot_file, to_dot(&org)).unwrap();
    let out = Process::new("dot")
        .arg("-Tsvg")
        .arg(&dot_file)
        .output()
        .expect("Graphviz `dot` is installed (.ci/run installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot failed: {stderr}");
    assert!(!stderr.contains("Warning"), "{stderr}");
    let svg = String::from_utf8(out.stdout).unwrap();
    for t in org.teams().values() {
        assert_eq!(svg.matches(&t.name).count(), 1, "{} drawn once", t.name);
    }
    assert_eq!(svg.matches("class=\"cluster\"").count(), org.groups().len());

    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid");
    assert!(
        checker.join("node_modules/mermaid").is_dir(),
        "Mermaid is not installed for the tests: run `npm ci --prefix tests/mermaid` (.ci/run does)"
    );
    let mmd = to_mermaid(&org);
    let mmd_file = dir.path().join("org.mmd");
    std::fs::write(&mmd_file, &mmd).unwrap();
    let out = Process::new("node")
        .arg(checker.join("check.mjs"))
        .arg(&mmd_file)
        .output()
        .expect("Node.js is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "Mermaid refused: {}\n{mmd}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The team and the group called `payments` are two things in the flowchart.
    assert!(mmd.contains("subgraph g_payments["), "{mmd}");
    assert!(mmd.contains("  t_payments["), "{mmd}");

    // The drawings, and the files written from them, take any id too.
    for format in Format::ALL {
        let bytes =
            export(&org, format, &Options::default()).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert!(!bytes.is_empty(), "{format:?}");
    }
    let json = export(&org, Format::Json, &Options::default()).unwrap();
    assert_eq!(load(std::str::from_utf8(&json).unwrap()), org);
}
