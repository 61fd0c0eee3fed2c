//! The rating sheet: how a round of ratings travels through a spreadsheet. One row per rater,
//! component and scope (the whole org, or a group):
//!
//! ```text
//! round,date,rater,group,component,rating,note
//! Q1 2027,2027-01-15,Ana Silva,,Cross-Team Coordination,3,SDS every day but no SoSM in Payments
//! ```
//!
//! A blank sheet has every row with the `rating` and `note` cells empty, for the raters to fill;
//! a filled one holds a round's ratings. Importing reads any number of raters and rounds at once:
//! rows with an empty rating are skipped (not rated), a filled rating replaces the rater's earlier
//! rating of the same component and scope in that round, and a round that does not exist yet is
//! created. Columns may come in any order and others are ignored; case does not matter in the
//! header, the component or the group. Anything wrong is refused, naming the line, and nothing is
//! imported.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::{LoadError, Place};
use crate::model::cadence::Date;
use crate::model::{Assessment, Component, GroupId, Org, Rating, Round, Score, Unit};

/// The columns of a rating sheet, in the order orgscale writes them.
pub const HEADER: [&str; 7] = [
    "round",
    "date",
    "rater",
    "group",
    "component",
    "rating",
    "note",
];

/// The columns a sheet must have to be imported.
const REQUIRED: [&str; 4] = ["round", "rater", "component", "rating"];

/// How a group is written in a sheet: its name, or its id where two groups share the name.
fn group_cell(org: &Org, g: Option<GroupId>) -> String {
    let Some(g) = g else {
        return String::new();
    };
    let name = org.unit_name(Unit::Group(g));
    let same = org
        .groups()
        .values()
        .filter(|x| x.name.trim().eq_ignore_ascii_case(name.trim()))
        .count();
    if same > 1 { g.to_string() } else { name }
}

fn write_rows(rows: &[[String; 7]]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in rows {
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A blank sheet for a round: for each of its raters (one unnamed rater when it has none yet),
/// each scope in `targets` (`None`: the whole org) and each component, a row to fill.
pub fn blank(org: &Org, round: &Round, targets: &[Option<GroupId>]) -> String {
    let raters: Vec<String> = if round.raters.is_empty() {
        vec![String::new()]
    } else {
        round.raters.clone()
    };
    let mut rows = Vec::new();
    for rater in &raters {
        for g in targets {
            for c in Component::ALL {
                rows.push([
                    round.name.clone(),
                    round.date.to_string(),
                    rater.clone(),
                    group_cell(org, *g),
                    c.label().to_string(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    write_rows(&rows)
}

/// The scopes a blank sheet asks about: the scope itself (`None`: the whole org) and, with
/// `per_group`, every group inside it.
pub fn targets(
    s: &crate::model::Structure,
    scope: crate::cycles::Scope,
    per_group: bool,
) -> Vec<Option<GroupId>> {
    use crate::cycles::Scope;
    let mut v = vec![match scope {
        Scope::Org => None,
        Scope::Group(g) => Some(g),
    }];
    if per_group {
        match scope {
            Scope::Org => {
                let mut all: Vec<GroupId> = Vec::new();
                let mut stack: Vec<GroupId> = s.top_groups.iter().rev().copied().collect();
                while let Some(g) = stack.pop() {
                    all.push(g);
                    let kids: Vec<GroupId> = s.child_groups(g).collect();
                    stack.extend(kids.into_iter().rev());
                }
                v.extend(all.into_iter().map(Some));
            }
            Scope::Group(g) => v.extend(s.groups_below(g).into_iter().map(Some)),
        }
    }
    v
}

/// A round's ratings as a sheet, one row each.
pub fn filled(org: &Org, round: &Round) -> String {
    let rows: Vec<[String; 7]> = round
        .ratings
        .iter()
        .map(|r| {
            [
                round.name.clone(),
                round.date.to_string(),
                r.rater.clone(),
                group_cell(org, r.group),
                r.component.label().to_string(),
                r.rating.value().to_string(),
                r.note.clone(),
            ]
        })
        .collect();
    write_rows(&rows)
}

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The org's assessment with the sheet's ratings in it.
    pub assessment: Assessment,
    /// Ratings read (rows with a rating).
    pub ratings: usize,
    /// Who rated, in the order they first appear.
    pub raters: Vec<String>,
    /// The rounds rated, in the order they first appear.
    pub rounds: Vec<String>,
    /// Of those, the rounds the org did not have.
    pub new_rounds: Vec<String>,
}

impl Imported {
    /// "12 ratings by 3 raters into round \"Q1 2027\" (new)".
    pub fn summary(&self) -> String {
        let rounds = self
            .rounds
            .iter()
            .map(|r| {
                if self.new_rounds.contains(r) {
                    format!("\"{r}\" (new)")
                } else {
                    format!("\"{r}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{} by {} into {} {rounds}",
            crate::words::plural(self.ratings, "rating", "ratings"),
            crate::words::plural(self.raters.len(), "rater", "raters"),
            if self.rounds.len() == 1 {
                "round"
            } else {
                "rounds"
            },
        )
    }
}

/// Read a rating sheet from a file into the org's assessment.
pub fn import(org: &Org, path: &Path, today: jiff::civil::Date) -> Result<Imported, LoadError> {
    let bytes = super::read_bytes(path)?;
    import_bytes(org, path, &bytes, today)
}

/// Read a rating sheet's bytes; `path` names the file in messages. A round the org lacks and
/// the sheet gives no date is dated `today`.
pub fn import_bytes(
    org: &Org,
    path: &Path,
    bytes: &[u8],
    today: jiff::civil::Date,
) -> Result<Imported, LoadError> {
    let mut sheet = super::sheet::Sheet::open(path, bytes)?;
    let err = |line: usize, msg: String| super::sheet::line_error(path, line, msg);
    let col = |name: &str| sheet.col(name);
    let missing = sheet.missing(&REQUIRED);
    if !missing.is_empty() {
        return Err(err(
            1,
            format!(
                "the header lacks the column{} {}; a rating sheet has the columns {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                HEADER.join(",")
            ),
        ));
    }
    let [round_c, rater_c, component_c, rating_c] = REQUIRED.map(|c| col(c).expect("checked"));
    let (date_c, group_c, note_c) = (col("date"), col("group"), col("note"));

    // Groups by name (case and spaces ignored) and by id.
    let mut by_name: HashMap<String, Vec<GroupId>> = HashMap::default();
    for g in org.groups().values() {
        by_name
            .entry(g.name.trim().to_lowercase())
            .or_default()
            .push(g.id);
    }
    let group_of = |cell: &str| -> Result<Option<GroupId>, String> {
        if cell.is_empty() {
            return Ok(None);
        }
        match by_name.get(&cell.to_lowercase()).map(Vec::as_slice) {
            Some([g]) => return Ok(Some(*g)),
            Some(many) if many.len() > 1 => {
                return Err(format!(
                    "{} groups are named \"{cell}\" ({}); write the group's id instead",
                    many.len(),
                    many.iter()
                        .map(|g| g.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            _ => {}
        }
        org.groups()
            .keys()
            .find(|g| g.to_string() == cell)
            .copied()
            .map(Some)
            .ok_or_else(|| format!("there is no group \"{cell}\" in the org"))
    };

    let mut assessment = org.assessment().clone();
    let mut dates: HashMap<String, (Date, usize)> = HashMap::default();
    let mut seen: HashMap<(String, String, Component, Option<GroupId>), usize> = HashMap::default();
    // The ratings read, by round, in the sheet's order.
    let mut read: std::collections::BTreeMap<String, Vec<Rating>> = Default::default();
    let mut out = Imported {
        assessment: Assessment::default(),
        ratings: 0,
        raters: Vec::new(),
        rounds: Vec::new(),
        new_rounds: Vec::new(),
    };
    let mut record = csv::StringRecord::new();
    while let Some(line) = sheet.next(&mut record)? {
        let cell = |c: usize| record.get(c).unwrap_or("").trim();
        let opt = |c: Option<usize>| c.map_or("", cell);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (rating_cell, note) = (cell(rating_c), opt(note_c));
        if rating_cell.is_empty() {
            if !note.is_empty() {
                return Err(err(
                    line,
                    "there is a note but no rating; rate it 0 to 4, or clear the note".into(),
                ));
            }
            continue; // Not rated.
        }
        let score: Score = rating_cell.parse().map_err(|e| err(line, e))?;
        let component: Component = cell(component_c).parse().map_err(|e| err(line, e))?;
        let rater = cell(rater_c);
        if rater.is_empty() {
            return Err(err(
                line,
                "the rater is empty; each rated row names who rated it".into(),
            ));
        }
        let round_cell = cell(round_c);
        if round_cell.is_empty() {
            return Err(err(
                line,
                "the round is empty; name the rating round the row belongs to".into(),
            ));
        }
        let group = group_of(opt(group_c)).map_err(|e| err(line, e))?;
        // The round: an existing one by name (case ignored), or a new one.
        let name = assessment
            .find(round_cell)
            .map_or_else(|| round_cell.to_string(), |r| r.name.clone());
        let date_cell = opt(date_c);
        if !date_cell.is_empty() {
            let date: Date = date_cell.parse().map_err(|e| err(line, e))?;
            if let Some(r) = org.assessment().round(&name)
                && r.date != date
            {
                return Err(err(
                    line,
                    format!(
                        "round \"{name}\" is dated {} in the org, not {date}; correct the date or name a new round",
                        r.date
                    ),
                ));
            }
            match dates.get(&name.to_lowercase()) {
                Some((d, first)) if *d != date => {
                    return Err(err(
                        line,
                        format!("round \"{name}\" is dated {d} on line {first}, not {date}"),
                    ));
                }
                Some(_) => {}
                None => {
                    dates.insert(name.to_lowercase(), (date, line));
                }
            }
        }
        // A rater is the same person whatever the case: the round's spelling, else the
        // sheet's first.
        let rater: String = assessment
            .round(&name)
            .and_then(|r| r.raters.iter().find(|x| x.eq_ignore_ascii_case(rater)))
            .or_else(|| {
                read.get(&name).and_then(|v| {
                    v.iter()
                        .map(|x| &x.rater)
                        .find(|x| x.eq_ignore_ascii_case(rater))
                })
            })
            .cloned()
            .unwrap_or_else(|| rater.to_string());
        let rater = rater.as_str();
        let key = (name.to_lowercase(), rater.to_lowercase(), component, group);
        if let Some(first) = seen.insert(key, line) {
            return Err(err(
                line,
                format!(
                    "{rater} rates {}{} in round \"{name}\" again (first on line {first})",
                    component.label(),
                    group.map_or_else(String::new, |g| format!(
                        " of {}",
                        org.unit_name(Unit::Group(g))
                    ))
                ),
            ));
        }
        if assessment.round(&name).is_none() {
            assessment.rounds.push(Round::new(name.clone(), today));
            out.new_rounds.push(name.clone());
        }
        read.entry(name.clone()).or_default().push(Rating {
            rater: rater.to_string(),
            component,
            group,
            rating: score,
            note: note.to_string(),
        });
        out.ratings += 1;
        if !out.raters.iter().any(|r| r == rater) {
            out.raters.push(rater.to_string());
        }
        if !out.rounds.contains(&name) {
            out.rounds.push(name);
        }
    }
    if out.ratings == 0 {
        return Err(LoadError::new(
            path,
            Place::default(),
            "the sheet has no ratings: fill the rating column (0 absent to 4 optimising)",
        ));
    }
    // Into their rounds, each round sorted once.
    for (name, ratings) in read {
        if let Some(r) = assessment.round_mut(&name) {
            r.set_all(ratings);
        }
    }
    // Dates of the new rounds, from the sheet.
    for r in &mut assessment.rounds {
        if out.new_rounds.contains(&r.name)
            && let Some((d, _)) = dates.get(&r.name.to_lowercase())
        {
            r.date = *d;
        }
    }
    assessment.normalise();
    if let Some((_, _, why)) = assessment.problem() {
        return Err(LoadError::new(path, Place::default(), why));
    }
    out.assessment = assessment;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        crate::io::json::from_str(
            Path::new("acme.json"),
            include_str!("../../examples/acme.json"),
        )
        .unwrap()
    }

    fn today() -> jiff::civil::Date {
        "2027-03-01".parse().unwrap()
    }

    #[test]
    fn a_blank_sheet_reads_back_as_nothing_rated() {
        let org = org();
        let round = Round::new("Q1 2027", "2027-01-15".parse().unwrap());
        let sheet = blank(&org, &round, &[None]);
        assert_eq!(sheet.lines().count(), 1 + 12);
        assert!(sheet.starts_with("round,date,rater,group,component,rating,note\n"));
        assert!(sheet.contains("Q1 2027,2027-01-15,,,Cross-Team Coordination,,\n"));
        let e = import_bytes(&org, Path::new("s.csv"), sheet.as_bytes(), today()).unwrap_err();
        assert!(e.message.contains("no ratings"), "{e}");
    }
}
