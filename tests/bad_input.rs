//! Bad files get a clear message naming the place, never a panic, and nothing saved is lost.

use std::path::Path;

use orgscale::io::{self, LoadError, csv_roster, json};

fn json_err(text: &str) -> LoadError {
    json::from_str(Path::new("org.json"), text).expect_err("should be refused")
}

fn csv_err(text: &[u8]) -> LoadError {
    csv_roster::import_bytes(Path::new("roster.csv"), text).expect_err("should be refused")
}

const MINIMAL: &str = r#"{
  "format_version": 1,
  "name": "Tiny",
  "people": [
    {"id": "p1", "name": "Ana"},
    {"id": "p2", "name": "Ben"}
  ],
  "teams": [
    {"id": "t1", "name": "Search", "group": "g1", "product_owners": ["p1"]}
  ],
  "groups": [
    {"id": "g1", "name": "Shop"}
  ]
}"#;

#[test]
fn minimal_file_loads() {
    let org = json::from_str(Path::new("org.json"), MINIMAL).unwrap();
    assert_eq!(org.teams().len(), 1);
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = json_err("{\n  \"format_version\": 1,\n  \"name\": \"X\",,\n}");
    assert_eq!(e.place.line, Some(3));
    assert!(e.message.starts_with("invalid JSON"), "{e}");
    assert!(e.to_string().starts_with("org.json (line 3, column"), "{e}");
}

#[test]
fn truncated_json_says_it_ends_early() {
    let cut = &MINIMAL[..MINIMAL.len() / 2];
    let e = json_err(cut);
    assert!(e.message.contains("ends too early"), "{e}");
}

#[test]
fn wrong_types_and_unknown_keys_name_the_json_path() {
    let e = json_err(&MINIMAL.replace("\"name\": \"Search\"", "\"name\": 42"));
    assert_eq!(e.place.path.as_deref(), Some("$.teams[0].name"), "{e}");
    assert_eq!(e.place.line, Some(9));
    let e = json_err(&MINIMAL.replace(
        "\"name\": \"Shop\"",
        "\"name\": \"Shop\", \"colour\": \"red\"",
    ));
    assert!(e.message.contains("unknown field `colour`"), "{e}");
    assert_eq!(e.place.path.as_deref(), Some("$.groups[0].colour"), "{e}");
    // `x2` is a valid slug now; a space is not allowed in any id.
    let e = json_err(&MINIMAL.replace("\"p2\", \"name\"", "\"x 2\", \"name\""));
    assert!(e.message.contains("`x 2` is not a valid person id"), "{e}");
}

#[test]
fn invalid_slug_ids_name_the_place() {
    let e = json_err(&MINIMAL.replace("\"p2\", \"name\"", "\"ana silva\", \"name\""));
    assert_eq!(
        e.message,
        "`ana silva` is not a valid person id (start with a letter or digit and use only \
         letters, digits, '.', '_' or '-', like `ana.silva` or `p1`)"
    );
    assert_eq!(e.place.path.as_deref(), Some("$.people[1].id"), "{e}");
    assert_eq!(e.place.line, Some(6), "{e}");
    assert!(e.to_string().starts_with("org.json (line 6, column"), "{e}");
    // In a reference, the same words at the reference's place.
    let e = json_err(&MINIMAL.replace("[\"p1\"]", "[\"ana/silva\"]"));
    assert!(
        e.message.contains("`ana/silva` is not a valid person id"),
        "{e}"
    );
    assert_eq!(
        e.place.path.as_deref(),
        Some("$.teams[0].product_owners[0]"),
        "{e}"
    );
    assert_eq!(e.place.line, Some(9), "{e}");
    let e = json_err(&MINIMAL.replace("\"g1\", \"name\"", "\"sos payments\", \"name\""));
    assert!(
        e.message.contains("`sos payments` is not a valid group id"),
        "{e}"
    );
    assert_eq!(e.place.path.as_deref(), Some("$.groups[0].id"), "{e}");
    for bad in ["", "-x", "zoë", &"a".repeat(65)] {
        let e = json_err(&MINIMAL.replace("\"t1\"", &format!("\"{bad}\"")));
        assert!(e.message.contains("not a valid team id"), "{bad}: {e}");
        assert_eq!(e.place.path.as_deref(), Some("$.teams[0].id"), "{e}");
    }
}

#[test]
fn duplicate_and_dangling_slugs_are_refused() {
    let slugged = MINIMAL
        .replace("\"p1\"", "\"ana.silva\"")
        .replace("\"g1\"", "\"shop\"");
    json::from_str(Path::new("org.json"), &slugged).expect("slugs load");
    let e = json_err(&slugged.replace("\"p2\", \"name\"", "\"ana.silva\", \"name\""));
    assert!(
        e.message.contains("person id ana.silva is used twice"),
        "{e}"
    );
    assert_eq!(e.place.path.as_deref(), Some("$.people[1].id"));
    assert_eq!(e.place.line, Some(6));
    let e = json_err(&slugged.replace("[\"ana.silva\"]", "[\"bob\"]"));
    assert!(e.message.contains("refers to person bob,"), "{e}");
    assert_eq!(
        e.place.path.as_deref(),
        Some("$.teams[0].product_owners[0]")
    );
    assert_eq!(e.place.line, Some(9));
    let e = json_err(&slugged.replace("\"group\": \"shop\"", "\"group\": \"mall\""));
    assert!(e.message.contains("group mall, which is not in"), "{e}");
    // Lists of people are sets (read in id order), yet the place is the element in the file.
    let e = json_err(&MINIMAL.replace(
        "\"product_owners\": [\"p1\"]",
        "\"product_owners\": [\"p1\"], \"developers\": [\"p2\", \"p10\", \"p9\"]",
    ));
    assert!(e.message.contains("refers to person p9,"), "{e}");
    assert_eq!(
        e.place.path.as_deref(),
        Some("$.teams[0].developers[2]"),
        "{e}"
    );
    assert_eq!((e.place.line, e.place.column), (Some(9), Some(105)), "{e}");
    let e = json_err(&slugged.replace(
        "\"groups\"",
        "\"eat\": {\"members\": [\"zed\", \"ana.silva\", \"bob\"]}, \"groups\"",
    ));
    assert!(e.message.contains("refers to person bob,"), "{e}");
    assert_eq!(e.place.path.as_deref(), Some("$.eat.members[2]"), "{e}");
    // `p1` in a team's field is a team slug, not the person p1.
    let e = json_err(&MINIMAL.replace("\"group\": \"g1\"", "\"group\": \"p1\""));
    assert!(e.message.contains("group p1, which is not in"), "{e}");
}

#[test]
fn unknown_format_version_is_refused_with_advice() {
    let e = json_err(&MINIMAL.replace("\"format_version\": 1", "\"format_version\": 7"));
    assert!(
        e.message
            .contains("format version 7, made by a newer orgscale"),
        "{e}"
    );
    assert_eq!(e.place.line, Some(2));
    let e = json_err(&MINIMAL.replace("\"format_version\": 1", "\"format_version\": 0"));
    assert!(e.message.contains("unknown format version 0"), "{e}");
    let e = json_err(&MINIMAL.replace("\"format_version\": 1", "\"format_version\": \"1\""));
    assert!(e.message.contains("must be a number"), "{e}");
    let e = json_err(r#"{"name": "no version"}"#);
    assert!(e.message.contains("not an orgscale org file"), "{e}");
    let e = json_err("[1, 2, 3]");
    assert!(e.message.contains("invalid JSON"), "{e}");
}

#[test]
fn duplicate_ids_are_refused() {
    let e = json_err(&MINIMAL.replace("\"p2\", \"name\": \"Ben\"", "\"p1\", \"name\": \"Ben\""));
    assert!(e.message.contains("person id p1 is used twice"), "{e}");
    assert_eq!(e.place.path.as_deref(), Some("$.people[1].id"));
    assert_eq!(e.place.line, Some(6));
    let e = json_err(&MINIMAL.replace(
        r#"{"id": "g1", "name": "Shop"}"#,
        r#"{"id": "g1", "name": "Shop"}, {"id": "g1", "name": "Again"}"#,
    ));
    assert!(e.message.contains("group id g1 is used twice"), "{e}");
}

#[test]
fn dangling_references_are_refused() {
    let e = json_err(&MINIMAL.replace("[\"p1\"]", "[\"p9\"]"));
    assert!(e.message.contains("refers to person p9"), "{e}");
    assert_eq!(
        e.place.path.as_deref(),
        Some("$.teams[0].product_owners[0]")
    );
    assert_eq!(e.place.line, Some(9));
    let e = json_err(&MINIMAL.replace(
        "\"name\": \"Shop\"",
        "\"name\": \"Shop\", \"parent\": \"g5\"",
    ));
    assert!(e.message.contains("group g5, which is not in"), "{e}");
    let e = json_err(&MINIMAL.replace(
        "\"name\": \"Shop\"",
        "\"name\": \"Shop\", \"masters\": [{\"person\": \"p3\"}]",
    ));
    assert_eq!(
        e.place.path.as_deref(),
        Some("$.groups[0].masters[0].person")
    );
}

#[test]
fn cycles_are_refused() {
    let text = MINIMAL.replace(
        r#"{"id": "g1", "name": "Shop"}"#,
        r#"{"id": "g1", "name": "Shop", "parent": "g2"}, {"id": "g2", "name": "Mall", "parent": "g1"}"#,
    );
    let e = json_err(&text);
    assert!(
        e.message
            .contains("in a circle: Shop (g1) → Mall (g2) → Shop (g1)"),
        "{e}"
    );
    assert_eq!(e.place.path.as_deref(), Some("$.groups[0].parent"));
    let selfish = MINIMAL.replace(r#""name": "Shop""#, r#""name": "Shop", "parent": "g1""#);
    assert!(json_err(&selfish).message.contains("circle"));
}

#[test]
fn empty_and_blank_files_are_refused() {
    assert!(json_err("").message.contains("empty"));
    assert!(json_err(" \n\t\n").message.contains("empty"));
    assert!(csv_err(b"").message.contains("empty"));
}

#[test]
fn non_utf8_bytes_are_refused_with_their_place() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    let at = MINIMAL.find("Ben").unwrap();
    bytes[at] = 0xff;
    let e = json::from_bytes(Path::new("org.json"), &bytes).unwrap_err();
    assert!(e.message.contains("not UTF-8"), "{e}");
    assert_eq!(e.place.line, Some(6));
    let e = csv_err(b"person,team,role,path\nJos\xe9,Search,PO,\n");
    assert!(e.message.contains("not UTF-8"), "{e}");
    assert_eq!(e.place.line, Some(2));
}

#[test]
fn very_large_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.json");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(io::MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    let e = io::load(&p).unwrap_err();
    assert!(e.message.contains("too large"), "{e}");
}

#[test]
fn deeply_nested_json_does_not_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = json_err(&deep);
    assert!(e.message.contains("invalid JSON"), "{e}");
}

#[test]
fn large_valid_org_loads() {
    let org = orgscale::sample::balanced("Big", 2_000, 5, 7);
    let text = json::to_string(&org);
    assert!(text.len() > 1_000_000);
    let back = json::from_str(Path::new("big.json"), &text).unwrap();
    assert_eq!(back, org);
}

#[test]
fn malformed_csv_names_the_line() {
    let e = csv_err(b"name,team\nAna,Search\n");
    assert!(
        e.message.contains("lacks the columns person, role, path"),
        "{e}"
    );
    assert_eq!(e.place.line, Some(1));
    let e = csv_err(b"person,team,role,path\nAna,Search,PO,\nBen,Search,Chief Wizard,\n");
    assert!(e.message.contains("unknown role \"Chief Wizard\""), "{e}");
    assert_eq!(e.place.line, Some(3));
    let e = csv_err(b"person,team,role,path\nAna,Search,PO,Shop\nBen,Search,SM,Mall\n");
    assert!(
        e.message
            .contains("team Search is in \"Shop\" on line 2 but in \"Mall\" here"),
        "{e}"
    );
    let e = csv_err(b"person,team,role,path\n,Search,PO,Shop\n");
    assert!(e.message.contains("needs a person"), "{e}");
    let e = csv_err(b"person,team,role,path\nAna,,SoSM,\n");
    assert!(e.message.contains("needs the group's path"), "{e}");
    let e = csv_err(b"person,team,role,path\nAna,Search,EAT,\n");
    assert!(e.message.contains("names no team"), "{e}");
    let e = csv_err(b"person,team,role,path\nAna,Search,PO,Shop//Mall\n");
    assert!(e.message.contains("empty group name"), "{e}");
    let e = csv_err(b"person,team,role,path\n\"Ana,Search,PO,Shop\n");
    assert!(e.to_string().starts_with("roster.csv (line 2)"), "{e}");
    assert!(e.message.contains("quote"), "{e}");
}

#[test]
fn csv_accepts_bom_crlf_quotes_long_role_names_and_extra_columns() {
    let text = "\u{feff}Person,Team,Role,Path,Email,Notes\r\n\
        \"Lima, Ana\",Search,Product Owner,Shop,ana@x.example,first\r\n\
        Ben,Search,scrum master,Shop,,\r\n\
        Cy,Search,Developer,Shop,,\r\n\
        \"Lima, Ana\",,Chief Product Owner,Shop,,\r\n\
        Ben,,Scrum of Scrums Master,Shop,,\r\n\
        Dee,,Executive MetaScrum,,,\r\n\
        Dee,,executive action team,,,\r\n\
        \"Lima, Ana\",Search,Dev,Shop,ana@x.example,\r\n";
    let org = csv_roster::import_bytes(Path::new("r.csv"), text.as_bytes()).unwrap();
    assert_eq!(org.people().len(), 4, "{:?}", org.people());
    let ana = org
        .people()
        .values()
        .find(|p| p.name == "Lima, Ana")
        .unwrap();
    assert_eq!(ana.email.as_deref(), Some("ana@x.example"));
    let team = org.teams().values().next().unwrap();
    assert!(team.product_owners.contains(&ana.id) && team.developers.contains(&ana.id));
    let g = org.groups().values().next().unwrap();
    assert_eq!(g.cpo(), Some(ana.id));
    assert_eq!(org.eat().members.len(), 1);
    assert_eq!(org.ems().attendees.len(), 1);
}

#[test]
fn csv_export_neutralises_formulas_and_round_trips_them() {
    let text = "person,team,role,path\n=HYPERLINK(\"x\"),+Team,PO,@Group/-Sub\n";
    let org = csv_roster::import_bytes(Path::new("r.csv"), text.as_bytes()).unwrap();
    let out = csv_roster::export(&org).unwrap();
    for line in out.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{line}");
        }
    }
    assert!(out.contains("'=HYPERLINK"));
    let again = csv_roster::import_bytes(Path::new("r.csv"), out.as_bytes()).unwrap();
    let p = again.people().values().next().unwrap();
    assert_eq!(p.name, "=HYPERLINK(\"x\")");
    assert_eq!(again.teams().values().next().unwrap().name, "+Team");
    assert_eq!(csv_roster::export(&again).unwrap(), out);
}

#[test]
fn csv_paths_with_slashes_in_names_round_trip() {
    let text = "person,team,role,path\nAna,Search,PO,R\\/D/UX\n";
    let org = csv_roster::import_bytes(Path::new("r.csv"), text.as_bytes()).unwrap();
    let names: Vec<&str> = org.groups().values().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["R/D", "UX"]);
    let out = csv_roster::export(&org).unwrap();
    assert!(out.contains("R\\/D/UX"), "{out}");
}

#[test]
fn csv_export_refuses_ambiguous_names() {
    // Commands refuse a second team of the same name; a hand-edited file can still have one.
    let mut org = csv_roster::import_bytes(
        Path::new("r.csv"),
        b"person,team,role,path\nAna,Search,PO,\nBen,Browse,PO,\n",
    )
    .unwrap();
    let browse = org
        .teams()
        .values()
        .find(|t| t.name == "Browse")
        .unwrap()
        .id;
    let e = orgscale::model::Command::RenameTeam {
        team: browse,
        name: "search".into(),
    }
    .apply(&mut org)
    .unwrap_err();
    assert_eq!(e.to_string(), "another team is already called search");
    let text = json::to_string(&org).replace("\"Browse\"", "\"Search\"");
    let org = json::from_str(Path::new("dup.json"), &text).unwrap();
    let e = csv_roster::export(&org).unwrap_err();
    assert!(
        e.to_string()
            .contains("several teams are called \"Search\""),
        "{e}"
    );
}
