//! The two cycles drawn from the org (rulebook §9): the guide's structures carry every component;
//! removing a role or a body shows where the cycle breaks, naming the finding behind it.

use std::path::Path;

use orgscale::cycles::{Component, Coverage, Scope, cycles};
use orgscale::model::{Body, Command, Org, ScaledRole};
use orgscale::rules::validate;

fn example(name: &str) -> Org {
    orgscale::io::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
    .unwrap()
}

fn of(org: &Org) -> orgscale::cycles::Cycles {
    cycles(org, &org.structure(), &validate(org), Scope::Org)
}

#[test]
fn the_guides_structures_with_every_role_filled_are_complete() {
    for name in [
        "symmetric-5.json",
        "symmetric-25.json",
        "symmetric-125.json",
    ] {
        let org = example(name);
        let c = of(&org);
        assert_eq!(c.components.len(), 12);
        for s in &c.components {
            assert_eq!(s.coverage, Coverage::Complete, "{name}: {s:#?}");
            assert!(!s.carriers.is_empty(), "{name}: {:?}", s.component);
        }
        assert_eq!(
            c.get(Component::CrossTeamCoordination).carriers,
            match name {
                "symmetric-5.json" => "1 SoSM, 1 Scaled Daily Scrum",
                "symmetric-25.json" => "6 SoSMs, 6 Scaled Daily Scrums",
                _ => "31 SoSMs, 31 Scaled Daily Scrums",
            }
        );
    }
}

#[test]
fn a_sos_without_its_sosm_breaks_coordination_and_release_planning_there() {
    let mut org = example("symmetric-25.json");
    let s = org.structure();
    let sos = *org.groups().keys().find(|g| s.level(**g) == 1).unwrap();
    let name = org.group(sos).unwrap().name.clone();
    Command::SetScaledRole {
        group: sos,
        role: ScaledRole::Master,
        holders: Vec::new(),
    }
    .apply(&mut org)
    .unwrap();
    let c = of(&org);
    for comp in [Component::CrossTeamCoordination, Component::ReleasePlanning] {
        let st = c.get(comp);
        assert_eq!(st.coverage, Coverage::Gaps, "{comp:?}");
        let gap = &st.gaps[0];
        assert_eq!(gap.rule.to_string(), "V7");
        assert!(gap.message.contains(&name), "{}", gap.message);
    }
    // The Product Owner side of that SoS is untouched.
    assert_eq!(
        c.get(Component::BacklogPrioritization).coverage,
        Coverage::Complete
    );
    assert_eq!(
        c.get(Component::StrategicVision).coverage,
        Coverage::Complete
    );
    // Scoped to another SoS, its cycles are whole.
    let other = *org
        .groups()
        .keys()
        .find(|g| s.level(**g) == 1 && **g != sos)
        .unwrap();
    let scoped = cycles(&org, &org.structure(), &validate(&org), Scope::Group(other));
    assert_eq!(
        scoped.get(Component::CrossTeamCoordination).coverage,
        Coverage::Complete
    );
    // Scoped to that SoS, nobody coordinates its teams at all: missing, and V7 says why.
    let mine = cycles(&org, &org.structure(), &validate(&org), Scope::Group(sos));
    let ctc = mine.get(Component::CrossTeamCoordination);
    assert_eq!(ctc.coverage, Coverage::Missing);
    assert_eq!(ctc.gaps[0].rule.to_string(), "V7");
}

#[test]
fn without_an_executive_metascrum_the_po_hub_and_strategic_vision_are_missing() {
    let mut org = example("symmetric-25.json");
    let ems = org.ems().clone();
    for p in ems.attendees {
        Command::SetBodyMember {
            body: Body::Ems,
            person: p,
            member: false,
        }
        .apply(&mut org)
        .unwrap();
    }
    Command::SetEmsFacilitator(None).apply(&mut org).unwrap();
    let c = of(&org);
    assert_eq!(
        c.get(Component::ExecutiveMetaScrum).coverage,
        Coverage::Missing
    );
    assert_eq!(
        c.get(Component::StrategicVision).coverage,
        Coverage::Missing
    );
    assert!(
        c.get(Component::ExecutiveMetaScrum)
            .gaps
            .iter()
            .any(|f| f.rule.to_string() == "V13"),
        "{:#?}",
        c.get(Component::ExecutiveMetaScrum).gaps
    );
    // The Scrum Master cycle still stands.
    assert_eq!(
        c.get(Component::ExecutiveActionTeam).coverage,
        Coverage::Complete
    );
    assert_eq!(
        c.get(Component::CrossTeamCoordination).coverage,
        Coverage::Complete
    );
}

#[test]
fn orgscale_cycles_names_every_component_with_its_carriers_and_gaps() {
    use assert_cmd::Command as Bin;
    use predicates::prelude::*;
    let acme = format!("{}/examples/acme.json", env!("CARGO_MANIFEST_DIR"));
    let out = Bin::cargo_bin("orgscale")
        .unwrap()
        .args(["cycles", &acme])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in orgscale::cycles::report::names() {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(text.contains("10 of 12 components complete"), "{text}");
    assert!(
        text.contains(
            "Cross-Team Coordination                      complete  4 SoSMs, 4 Scaled Daily Scrums"
        ),
        "{text}"
    );
    assert!(
        text.contains("    warning[V4] Team Checkout has 10 people"),
        "{text}"
    );
    // One group's cycles, as JSON.
    let out = Bin::cargo_bin("orgscale")
        .unwrap()
        .args(["cycles", &acme, "--group", "fulfilment", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scope"], "SoS Fulfilment");
    assert_eq!(v["components"].as_array().unwrap().len(), 12);
    let team = &v["components"][0];
    assert_eq!(team["key"], "team_process");
    assert_eq!(
        team["coverage"], "complete",
        "Checkout is not in Fulfilment"
    );
    Bin::cargo_bin("orgscale")
        .unwrap()
        .args(["cycles", &acme, "--group", "Nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no group named \"Nowhere\""));
}

mod ratings {
    use std::path::Path;

    use orgscale::cycles::rating::{Direction, compare, summarise};
    use orgscale::cycles::{Scope, cycles};
    use orgscale::io::ratings_csv;
    use orgscale::model::{Command, Component};

    fn today() -> jiff::civil::Date {
        "2027-03-01".parse().unwrap()
    }

    const THREE_RATERS: &str = "round,date,rater,group,component,rating,note\n\
        Q1 2027,2027-01-15,Ana Silva,,Cross-Team Coordination,3,SDS daily\n\
        Q1 2027,2027-01-15,Bo Lindqvist,,cross_team_coordination,1,\n\
        Q1 2027,2027-01-15,Chen Wei,,CROSS-TEAM COORDINATION,4,\"no SoSM, yet it works\"\n\
        Q1 2027,2027-01-15,Ana Silva,,Delivery,2,\n\
        Q1 2027,2027-01-15,Bo Lindqvist,,Delivery,3,\n\
        Q1 2027,2027-01-15,Chen Wei,,Delivery,,\n\
        Q1 2027,2027-01-15,Ana Silva,Fulfilment,Delivery,1,Returns blocks releases\n\
        Q1 2027,2027-01-15,Ana Silva,Fulfilment,Release Planning,2,\n";

    #[test]
    fn three_raters_give_the_median_and_the_spread() {
        let org = super::example("acme.json");
        let got =
            ratings_csv::import_bytes(&org, Path::new("q1.csv"), THREE_RATERS.as_bytes(), today())
                .unwrap();
        assert_eq!(got.ratings, 7, "the unrated row is skipped");
        assert_eq!(got.raters, ["Ana Silva", "Bo Lindqvist", "Chen Wei"]);
        assert_eq!(got.new_rounds, ["Q1 2027"]);
        let round = got.assessment.round("Q1 2027").unwrap();
        assert_eq!(round.date.to_string(), "2027-01-15");
        let s = org.structure();
        let ctc = summarise(round, &s, Component::CrossTeamCoordination, Scope::Org).unwrap();
        assert_eq!((ctc.median, ctc.min, ctc.max, ctc.spread()), (3.0, 1, 4, 3));
        assert_eq!(ctc.ratings[2].note, "no SoSM, yet it works");
        // Two ratings: the median is their mean.
        let delivery = summarise(round, &s, Component::Delivery, Scope::Org).unwrap();
        assert_eq!((delivery.median, delivery.spread()), (2.5, 1));
        assert_eq!(
            delivery.words(),
            "2.5 developing (median of 2 ratings, spread 1: 2–3)"
        );
        // A group's own rating; another group without one has none; the org's own come first.
        let fulfilment = super::group_named(&org, "Fulfilment");
        let f = summarise(round, &s, Component::Delivery, Scope::Group(fulfilment)).unwrap();
        assert_eq!((f.median, f.ratings.len(), f.pooled_from), (1.0, 1, 0));
        let shopping = super::group_named(&org, "Shopping");
        assert!(summarise(round, &s, Component::Delivery, Scope::Group(shopping)).is_none());
        // The SoSoS, which holds the whole org, has none of its own: the org's stand for it.
        let top = super::group_named(&org, "Acme Online");
        let whole = summarise(round, &s, Component::Delivery, Scope::Group(top)).unwrap();
        assert_eq!(
            (whole.median, whole.org_wide, whole.pooled_from),
            (2.5, true, 0)
        );
        // Where the org has none either, its groups' ratings, pooled.
        let pooled = summarise(round, &s, Component::ReleasePlanning, Scope::Group(top)).unwrap();
        assert_eq!((pooled.median, pooled.pooled_from), (2.0, 1));
        assert!(
            pooled.words().ends_with(", from 1 group inside)"),
            "{}",
            pooled.words()
        );
        assert!(summarise(round, &s, Component::StrategicVision, Scope::Org).is_none());
    }

    fn refused(sheet: &str) -> String {
        let org = super::example("acme.json");
        ratings_csv::import_bytes(&org, Path::new("ratings.csv"), sheet.as_bytes(), today())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_rating_of_5_or_an_unknown_component_is_refused_naming_the_line() {
        let e = refused("round,rater,component,rating\nQ1,Ana,Delivery,3\nQ1,Bo,Delivery,5\n");
        assert!(
            e.starts_with("ratings.csv (line 3): the rating 5 is out of range; use 0 (absent) to 4 (optimising)"),
            "{e}"
        );
        let e = refused("round,rater,component,rating\nQ1,Ana,Team Spirit,3\n");
        assert!(
            e.starts_with(
                "ratings.csv (line 2): \"Team Spirit\" is not a component of the two cycles; use one of: Team Process,"
            ),
            "{e}"
        );
        for (sheet, says) in [
            (
                "round,rater,component\nQ1,Ana,Delivery\n",
                "(line 1): the header lacks the column rating",
            ),
            (
                "round,rater,component,rating\nQ1,,Delivery,2\n",
                "(line 2): the rater is empty",
            ),
            (
                "round,rater,component,rating\n,Ana,Delivery,2\n",
                "(line 2): the round is empty",
            ),
            (
                "round,rater,component,rating\nQ1,Ana,Delivery,good\n",
                "(line 2): \"good\" is not a rating",
            ),
            (
                "round,rater,group,component,rating\nQ1,Ana,Nowhere,Delivery,2\n",
                "(line 2): there is no group \"Nowhere\"",
            ),
            (
                "round,rater,component,rating\nQ1,Ana,Delivery,2\nQ1,Ana,delivery,3\n",
                "(line 3): Ana rates Delivery in round \"Q1\" again (first on line 2)",
            ),
            (
                "round,date,rater,component,rating\nQ1,2027-01-01,Ana,Delivery,2\nQ1,2027-02-01,Bo,Delivery,3\n",
                "(line 3): round \"Q1\" is dated 2027-01-01 on line 2, not 2027-02-01",
            ),
            (
                "round,rater,component,rating,note\nQ1,Ana,Delivery,,why\n",
                "(line 2): there is a note but no rating",
            ),
            (
                "round,rater,component,rating\nQ1,Ana,Delivery,\n",
                "the sheet has no ratings",
            ),
            // Lines ended the Windows way are counted the same.
            (
                "round,rater,component,rating\r\nQ1,Ana,Delivery,3\r\n\r\nQ1,Bo,Delivery,9\r\n",
                "(line 4): the rating 9 is out of range",
            ),
            (
                "round,rater,component,rating\r\nQ1,Ana,Delivery,3\r\nQ1,ana,Delivery,2\r\n",
                "(line 3): Ana rates Delivery in round \"Q1\" again (first on line 2)",
            ),
        ] {
            let e = refused(sheet);
            assert!(e.contains(says), "{says}: {e}");
        }
    }

    #[test]
    fn a_sheet_saved_with_semicolons_reads_and_raters_match_whatever_their_case() {
        let org = super::example("acme-assessed.json");
        let sheet = "round;rater;component;rating;note\r\n\
                     Q4 2026;LENA FISCHER;Delivery;4;better now\r\n\
                     Q4 2026;Dana Kim;Delivery;2;\r\n";
        let got =
            ratings_csv::import_bytes(&org, Path::new("s.csv"), sheet.as_bytes(), today()).unwrap();
        let q4 = got.assessment.round("Q4 2026").unwrap();
        assert_eq!(
            q4.raters,
            ["Lena Fischer", "Marcus Obi", "Priya Raman", "Dana Kim"]
        );
        let lena = q4
            .rating("Lena Fischer", Component::Delivery, None)
            .unwrap();
        assert_eq!((lena.rating.value(), lena.note.as_str()), (4, "better now"));
        assert_eq!(got.new_rounds, Vec::<String>::new());
    }

    #[test]
    fn a_round_survives_save_and_load_and_a_removed_group_takes_its_ratings() {
        let mut org = super::example("acme.json");
        let got =
            ratings_csv::import_bytes(&org, Path::new("q1.csv"), THREE_RATERS.as_bytes(), today())
                .unwrap();
        Command::SetAssessment(got.assessment)
            .apply(&mut org)
            .unwrap();
        let text = orgscale::io::json::to_string(&org);
        assert!(text.starts_with("{\n  \"format_version\": 3,"), "{text}");
        let back = orgscale::io::json::from_str(Path::new("org.json"), &text).unwrap();
        assert_eq!(back, org);
        assert_eq!(orgscale::io::json::to_string(&back), text);
        // The filled sheet reads back as the same round.
        let round = back.assessment().round("Q1 2027").unwrap();
        let sheet = ratings_csv::filled(&back, round);
        let again =
            ratings_csv::import_bytes(&org, Path::new("s.csv"), sheet.as_bytes(), today()).unwrap();
        assert_eq!(&again.assessment, back.assessment());
        // Deleting Fulfilment deletes its rating; undo brings it back.
        let fulfilment = super::group_named(&org, "Fulfilment");
        let before = org.assessment().clone();
        let undo = Command::RemoveGroup(fulfilment).apply(&mut org).unwrap();
        assert_eq!(org.assessment().round("Q1 2027").unwrap().ratings.len(), 5);
        assert!(
            orgscale::io::json::from_str(Path::new("o.json"), &orgscale::io::json::to_string(&org))
                .is_ok()
        );
        undo.apply(&mut org).unwrap();
        assert_eq!(org.assessment(), &before);
        // A file that rates beyond the scale is refused with its place.
        let bad = text.replacen("\"rating\": 3", "\"rating\": 5", 1);
        let e = orgscale::io::json::from_str(Path::new("org.json"), &bad).unwrap_err();
        assert!(
            e.to_string().contains("the rating 5 is out of range"),
            "{e}"
        );
        assert!(
            e.to_string().contains("$.assessment.rounds[0].ratings"),
            "{e}"
        );
    }

    #[test]
    fn two_rounds_compared_say_what_rose_and_what_fell() {
        let org = super::example("acme-assessed.json");
        let s = org.structure();
        let a = org.assessment();
        let (q3, q4) = (a.round("Q3 2026").unwrap(), a.round("Q4 2026").unwrap());
        let shifts = compare(&s, q3, q4, Scope::Org);
        let of = |c: Component| shifts[c.index()];
        assert_eq!(
            of(Component::CrossTeamCoordination).direction(),
            Direction::Rose
        );
        assert_eq!(
            of(Component::CrossTeamCoordination).words("Q4 2026"),
            "rose from 2 to 3"
        );
        assert_eq!(
            of(Component::BacklogRefinement).direction(),
            Direction::Fell
        );
        assert_eq!(of(Component::TeamProcess).direction(), Direction::Same);
        // Evidence next to a rating: what the structure shows.
        let c = cycles(&org, &s, &orgscale::rules::validate(&org), Scope::Org);
        assert_eq!(
            orgscale::cycles::evidence(&org, &s, &c.get(Component::TeamProcess).gaps),
            "1 team outside the size range"
        );
    }
}

#[test]
fn delivery_is_missing_where_no_group_has_both_a_master_and_a_cpo() {
    let org = example("violations.json");
    let c = of(&org);
    let d = c.get(Component::Delivery);
    assert_eq!((d.coverage, d.carriers.as_str()), (Coverage::Missing, ""));
    assert_eq!(
        c.get(Component::ReleasePlanning).carriers,
        "1 CPO and 1 SoSM planning together"
    );
}

/// The group called `name`.
fn group_named(org: &Org, name: &str) -> orgscale::model::GroupId {
    org.groups().values().find(|g| g.name == name).unwrap().id
}

#[test]
fn the_evidence_names_the_sos_that_lack_a_sosm() {
    let mut org = example("symmetric-25.json");
    let s = org.structure();
    let sos: Vec<_> = org
        .groups()
        .keys()
        .copied()
        .filter(|g| s.level(*g) == 1)
        .take(2)
        .collect();
    for g in sos {
        Command::SetScaledRole {
            group: g,
            role: ScaledRole::Master,
            holders: Vec::new(),
        }
        .apply(&mut org)
        .unwrap();
    }
    let s = org.structure();
    let c = of(&org);
    let ctc = c.get(Component::CrossTeamCoordination);
    let words = orgscale::cycles::evidence(&org, &s, &ctc.gaps);
    assert!(words.starts_with("2 SoS lack a SoSM"), "{words}");
}

mod cli {
    use assert_cmd::Command as Bin;
    use predicates::prelude::*;

    fn bin() -> Bin {
        Bin::cargo_bin("orgscale").unwrap()
    }

    fn example(name: &str) -> String {
        format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    /// A PDF's text as poppler's pdftotext reads it.
    fn pdf_text(pdf: &std::path::Path) -> String {
        let out = std::process::Command::new("pdftotext")
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Every text of an SVG as usvg reads it, element by element.
    fn texts(svg: &str) -> Vec<String> {
        fn walk(g: &resvg::usvg::Group, out: &mut Vec<String>) {
            for n in g.children() {
                match n {
                    resvg::usvg::Node::Group(g) => walk(g, out),
                    resvg::usvg::Node::Text(t) => {
                        out.push(t.chunks().iter().map(|c| c.text()).collect())
                    }
                    _ => {}
                }
            }
        }
        let tree =
            resvg::usvg::Tree::from_str(svg, &orgscale::export::font::usvg_options()).unwrap();
        let mut out = Vec::new();
        walk(tree.root(), &mut out);
        out
    }

    #[test]
    fn the_figure_exports_as_svg_png_and_pdf_that_real_readers_read() {
        let dir = tempfile::tempdir().unwrap();
        let acme = example("acme-assessed.json");
        // SVG: every component by name in real text (a long name over several lines).
        let out = bin()
            .args(["cycles", &acme, "--format", "svg"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let svg = String::from_utf8(out.stdout).unwrap();
        let all = texts(&svg).join(" ");
        for name in orgscale::cycles::report::names() {
            assert!(all.contains(name), "{name} not in the SVG's text");
        }
        assert!(all.contains("The two cycles of Acme Online"));
        // PNG: decodes, at the scale asked.
        let png = dir.path().join("c.png");
        bin()
            .args(["cycles", &acme, "-o", png.to_str().unwrap(), "--scale", "1"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Wrote "));
        let bytes = std::fs::read(&png).unwrap();
        let img = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        // The figure and its margins, at one pixel per unit.
        let wide = orgscale::export::cycles::figure::WIDTH + 2.0 * 24.0;
        assert!(
            (img.width() as f32 - wide).abs() <= 1.0 && img.height() > 600,
            "{}x{}",
            img.width(),
            img.height()
        );
        // PDF with a round and a comparison: pdftotext finds every component and the ratings.
        let pdf = dir.path().join("c.pdf");
        bin()
            .args([
                "cycles",
                &acme,
                "--round",
                "q4 2026",
                "--against",
                "Q3 2026",
                "-o",
                pdf.to_str().unwrap(),
            ])
            .assert()
            .success();
        let text = pdf_text(&pdf);
        for name in orgscale::cycles::report::names() {
            assert!(text.contains(name), "{name} not in the PDF's text:\n{text}");
        }
        assert!(
            text.contains("Rated 3 established (median of 3 ratings, spread 1: 3–4)"),
            "{text}"
        );
        assert!(text.contains("since Q3 2026: rose from 2 to 3"), "{text}");
        assert!(text.contains("only velocity is tracked"), "{text}");
    }

    #[test]
    fn a_round_and_its_comparison_in_text_and_json() {
        let acme = example("acme-assessed.json");
        let out = bin()
            .args([
                "cycles",
                &acme,
                "--round",
                "Q4 2026",
                "--against",
                "Q3 2026",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(
                "Rating round Q4 2026 (2026-12-03): Lena Fischer, Marcus Obi, Priya Raman"
            ),
            "{text}"
        );
        assert!(
            text.contains("    rated 3 established (3 ratings, all 3); the structure shows 1 team outside the size range; since Q3 2026: same 3"),
            "{text}"
        );
        assert!(
            text.contains("  Fell             Backlog Decomposition & Refinement (−1)"),
            "{text}"
        );
        let out = bin()
            .args([
                "cycles",
                &acme,
                "--round",
                "Q4 2026",
                "--format",
                "json",
                "--group",
                "Fulfilment",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["round"]["name"], "Q4 2026");
        let delivery = v["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == "delivery")
            .unwrap();
        assert_eq!(delivery["rating"]["median"], 2.0);
        assert_eq!(delivery["rating"]["spread"], 1);
        assert_eq!(delivery["rating"]["ratings"][0]["group"], "Fulfilment");
        bin()
            .args(["cycles", &acme, "--round", "Q9"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "there is no rating round \"Q9\"; the org has \"Q3 2026\", \"Q4 2026\"",
            ));
    }

    #[test]
    fn mistakes_on_the_command_line_are_refused_with_what_to_do() {
        let acme = example("acme-assessed.json");
        for (args, says) in [
            (
                vec!["--round", "Q4 2026", "--against", "Q4 2026"],
                "--against names the round itself",
            ),
            (
                vec!["--round", "Q3 2026", "--against", "Q4 2026"],
                "\"Q4 2026\" (2026-12-03) comes after \"Q3 2026\" (2026-09-24); swap them",
            ),
            (
                vec!["--colour", "rating", "--format", "svg"],
                "--colour rating needs a round: add --round NAME (the org has \"Q3 2026\", \"Q4 2026\")",
            ),
            (
                vec!["-o", "/tmp/x.docx"],
                "cannot tell the format from /tmp/x.docx",
            ),
            (
                vec!["--blank"],
                "--blank and --per-group make a rating sheet",
            ),
        ] {
            let mut all = vec!["cycles", acme.as_str()];
            all.extend(args);
            bin()
                .args(&all)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(says));
        }
        // A group by its id, as the org file and a rating sheet write it.
        bin()
            .args(["cycles", &acme, "--group", "g4"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "The two cycles of SoS Fulfilment",
            ));
    }

    #[test]
    fn a_blank_sheet_for_a_rounds_raters_and_every_group() {
        let acme = example("acme-assessed.json");
        let out = bin()
            .args([
                "cycles",
                &acme,
                "--round",
                "Q4 2026",
                "--format",
                "csv",
                "--blank",
                "--per-group",
            ])
            .output()
            .unwrap();
        let sheet = String::from_utf8(out.stdout).unwrap();
        // 3 raters × (the org and its 4 groups) × 12 components.
        assert_eq!(sheet.lines().count(), 1 + 3 * 5 * 12, "{sheet}");
        assert!(sheet.contains("Q4 2026,2026-12-03,Priya Raman,Fulfilment,Delivery,,\n"));
    }

    #[test]
    fn the_orgs_pdf_ends_with_its_cycles_and_latest_round() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("acme.pdf");
        bin()
            .args([
                "export",
                &example("acme-assessed.json"),
                "-o",
                pdf.to_str().unwrap(),
            ])
            .assert()
            .success();
        let text = pdf_text(&pdf);
        assert!(text.contains("The two cycles of Acme Online"), "{text}");
        assert!(
            text.contains("round Q4 2026 (2026-12-03, 3 raters), compared with Q3 2026"),
            "{text}"
        );
        assert!(text.contains("since Q3 2026: rose from 2 to 3"), "{text}");
    }

    #[test]
    fn a_blank_sheet_filled_in_a_spreadsheet_imports_into_the_org_file() {
        let dir = tempfile::tempdir().unwrap();
        let org = dir.path().join("acme.json");
        std::fs::copy(example("acme.json"), &org).unwrap();
        let out = bin()
            .args(["cycles", org.to_str().unwrap(), "--format", "csv"])
            .output()
            .unwrap();
        let blank = String::from_utf8(out.stdout).unwrap();
        assert_eq!(blank.lines().count(), 13);
        // Three raters fill it: each fills a copy of the rows.
        let mut filled = String::from("round,date,rater,group,component,rating,note\n");
        for (rater, score) in [("Ana", 3), ("Bo", 1), ("Chen", 4)] {
            for line in blank.lines().skip(1) {
                let cells: Vec<&str> = line.split(',').collect();
                filled.push_str(&format!(
                    "Q1 2027,2027-01-15,{rater},{},{},{score},\n",
                    cells[3], cells[4]
                ));
            }
        }
        let sheet = dir.path().join("filled.csv");
        std::fs::write(&sheet, filled).unwrap();
        bin()
            .args([
                "cycles",
                org.to_str().unwrap(),
                "--import",
                sheet.to_str().unwrap(),
            ])
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "Imported 36 ratings by 3 raters into round \"Q1 2027\" (new)",
            ));
        let out = bin()
            .args([
                "cycles",
                org.to_str().unwrap(),
                "--round",
                "Q1 2027",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for c in v["components"].as_array().unwrap() {
            assert_eq!(c["rating"]["median"], 3.0, "{}", c["key"]);
            assert_eq!(c["rating"]["spread"], 3, "{}", c["key"]);
        }
        // A sheet with a bad line changes nothing.
        let before = std::fs::read(&org).unwrap();
        std::fs::write(&sheet, "round,rater,component,rating\nQ2,Ana,Delivery,7\n").unwrap();
        bin()
            .args([
                "cycles",
                org.to_str().unwrap(),
                "--import",
                sheet.to_str().unwrap(),
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "filled.csv (line 2): the rating 7 is out of range",
            ));
        assert_eq!(std::fs::read(&org).unwrap(), before);
    }
}
