//! The CSV roster: what a user fills in a spreadsheet. One row per role.
//!
//! Header: `person,team,role,path`, plus the optional columns `email`, `dedicated` and `kind`, in
//! any order (other columns are ignored). See docs/file-format.md for the full description.
//!
//! | role | team | path | meaning |
//! |---|---|---|---|
//! | PO, SM, Dev | team | its group path (may be empty) | a seat in a team |
//! | SDS | team | its group path | the team's Scaled Daily Scrum representative |
//! | SDS | empty | a group | the group's representative one level up |
//! | SoSM, CPO | empty | the group | the group's master / CPO (`dedicated` column marks a dedicated one) |
//! | EAT, EMS | empty | empty | membership of the EAT / EMS |
//! | EAT PO, EAT SM, EMS Facilitator | empty | empty | the EAT's PO / SM, the EMS facilitator |
//! | empty | team and/or path | | declares an empty team or group (or a person with no role) |

use std::collections::HashMap;
use std::path::Path;

use super::{LoadError, Place};
use crate::model::{
    Body, Command, Group, GroupId, Org, Person, PersonId, RoleHolder, ScaledRole, Team, TeamId,
    TeamKind, TeamRole, Unit,
};

/// A role as written in the roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterRole {
    Team(TeamRole),
    Sds,
    Scaled(ScaledRole),
    Body(Body),
    EatPo,
    EatSm,
    EmsFacilitator,
    /// An empty role cell: declares a team, group or person.
    None,
}

impl RosterRole {
    /// Parse a role cell; case, spaces, dashes and underscores do not matter.
    pub fn parse(cell: &str) -> Option<RosterRole> {
        let norm: String = cell
            .trim()
            .to_lowercase()
            .replace(['-', '_'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Some(match norm.as_str() {
            "" => RosterRole::None,
            "po" | "product owner" => RosterRole::Team(TeamRole::ProductOwner),
            "sm" | "scrum master" => RosterRole::Team(TeamRole::ScrumMaster),
            "dev" | "developer" | "developers" | "development team" => {
                RosterRole::Team(TeamRole::Developer)
            }
            "sds"
            | "sds rep"
            | "sds representative"
            | "scaled daily scrum"
            | "scaled daily scrum representative" => RosterRole::Sds,
            "sosm" | "ssm" | "scrum of scrums master" | "sososm" | "master" => {
                RosterRole::Scaled(ScaledRole::Master)
            }
            "cpo" | "chief product owner" | "ccpo" | "chief chief product owner" => {
                RosterRole::Scaled(ScaledRole::ChiefProductOwner)
            }
            "eat" | "executive action team" => RosterRole::Body(Body::Eat),
            "ems"
            | "emt"
            | "executive metascrum"
            | "executive metascrum team"
            | "executive meta scrum" => RosterRole::Body(Body::Ems),
            "eat po" | "eat product owner" => RosterRole::EatPo,
            "eat sm" | "eat scrum master" => RosterRole::EatSm,
            "ems facilitator" | "executive metascrum facilitator" => RosterRole::EmsFacilitator,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RosterRole::Team(r) => r.short(),
            RosterRole::Sds => "SDS",
            RosterRole::Scaled(r) => r.short(),
            RosterRole::Body(b) => b.short(),
            RosterRole::EatPo => "EAT PO",
            RosterRole::EatSm => "EAT SM",
            RosterRole::EmsFacilitator => "EMS Facilitator",
            RosterRole::None => "",
        }
    }
}

const KNOWN_ROLES: &str = "PO, SM, Dev, SDS, SoSM, CPO, EAT, EMS, EAT PO, EAT SM, EMS Facilitator";

/// Import a roster file.
pub fn import(path: &Path) -> Result<Org, LoadError> {
    let bytes = super::read_bytes(path)?;
    import_bytes(path, &bytes)
}

/// Import roster bytes; `path` names the file in messages and the org.
pub fn import_bytes(path: &Path, bytes: &[u8]) -> Result<Org, LoadError> {
    let text = super::utf8(path, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let err = |line: usize, msg: String| {
        LoadError::new(
            path,
            Place {
                path: None,
                line: Some(line),
                column: None,
            },
            msg,
        )
    };
    if text.trim().is_empty() {
        return Err(LoadError::new(path, Place::default(), "the file is empty"));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| err(1, format!("cannot read the header row: {e}")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing: Vec<&str> = ["person", "team", "role", "path"]
        .into_iter()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(err(
            1,
            format!(
                "the header row lacks the column{} {}; it must name person, team, role and path (email, dedicated and kind are optional)",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ),
        ));
    }
    let cols = Columns {
        person: col("person").expect("checked"),
        team: col("team").expect("checked"),
        role: col("role").expect("checked"),
        path: col("path").expect("checked"),
        email: col("email"),
        dedicated: col("dedicated"),
        kind: col("kind"),
    };
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported org".to_string());
    let mut b = Builder::new(&name);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            err(line, format!("cannot read this row: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(|c| c.is_empty()) {
            continue;
        }
        let needed = [cols.person, cols.team, cols.role, cols.path]
            .into_iter()
            .max()
            .unwrap_or(0)
            + 1;
        if rec.len() < needed {
            return Err(err(
                line,
                format!(
                    "this row has {} cell{} but the header has {needed} or more; is a quote left open or a comma missing?",
                    rec.len(),
                    if rec.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let cell = |i: usize| unneutralise(rec.get(i).unwrap_or(""));
        let opt = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty());
        let row = Row {
            line,
            person: cell(cols.person),
            team: cell(cols.team),
            role: rec.get(cols.role).unwrap_or("").to_string(),
            path: rec.get(cols.path).unwrap_or("").to_string(),
            email: opt(cols.email),
            dedicated: opt(cols.dedicated),
            kind: opt(cols.kind),
        };
        b.row(&row).map_err(|m| err(line, m))?;
    }
    Ok(b.finish())
}

struct Columns {
    person: usize,
    team: usize,
    role: usize,
    path: usize,
    email: Option<usize>,
    dedicated: Option<usize>,
    kind: Option<usize>,
}

struct Row {
    line: usize,
    person: String,
    team: String,
    role: String,
    path: String,
    email: Option<String>,
    dedicated: Option<String>,
    kind: Option<String>,
}

/// Builds an org row by row through commands, so the result keeps every model invariant.
struct Builder {
    org: Org,
    people_by_name: HashMap<String, Vec<PersonId>>,
    teams_by_name: HashMap<String, (TeamId, usize)>,
    groups_by_path: HashMap<Vec<String>, GroupId>,
}

impl Builder {
    fn new(name: &str) -> Self {
        Builder {
            org: Org::new(name),
            people_by_name: HashMap::new(),
            teams_by_name: HashMap::new(),
            groups_by_path: HashMap::new(),
        }
    }

    fn apply(&mut self, cmd: Command) -> Result<(), String> {
        cmd.apply(&mut self.org)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn person(&mut self, name: &str, email: Option<&str>) -> Result<PersonId, String> {
        let existing = self.people_by_name.get(name).cloned().unwrap_or_default();
        let found = match email {
            Some(e) => existing
                .iter()
                .copied()
                .find(|p| self.org.person(*p).and_then(|p| p.email.as_deref()) == Some(e))
                .or_else(|| {
                    existing
                        .iter()
                        .copied()
                        .find(|p| self.org.person(*p).is_some_and(|p| p.email.is_none()))
                }),
            None => existing.first().copied(),
        };
        if let Some(p) = found {
            if let Some(e) = email
                && self.org.person(p).is_some_and(|p| p.email.is_none())
            {
                self.apply(Command::SetEmail {
                    person: p,
                    email: Some(e.to_string()),
                })?;
            }
            return Ok(p);
        }
        let id = self.org.next_person_id();
        self.apply(Command::AddPerson(Person {
            id,
            name: name.to_string(),
            email: email.map(str::to_string),
        }))?;
        self.people_by_name
            .entry(name.to_string())
            .or_default()
            .push(id);
        Ok(id)
    }

    /// Find or create the group at a path; returns None for the empty path.
    fn group(&mut self, path: &[String]) -> Result<Option<GroupId>, String> {
        let mut parent: Option<GroupId> = None;
        for depth in 1..=path.len() {
            let key = path[..depth].to_vec();
            parent = Some(match self.groups_by_path.get(&key) {
                Some(g) => *g,
                None => {
                    let id = self.org.next_group_id();
                    let mut g = Group::new(id, path[depth - 1].clone());
                    g.parent = parent;
                    self.apply(Command::AddGroup(g))?;
                    self.groups_by_path.insert(key, id);
                    id
                }
            });
        }
        Ok(parent)
    }

    fn team(
        &mut self,
        name: &str,
        path: &[String],
        kind: Option<TeamKind>,
        line: usize,
    ) -> Result<TeamId, String> {
        let group = self.group(path)?;
        if let Some((id, first_line)) = self.teams_by_name.get(name).copied() {
            let existing = self.org.team(id).and_then(|t| t.group);
            if existing != group {
                return Err(format!(
                    "team {name} is in \"{}\" on line {first_line} but in \"{}\" here; a team belongs to one group",
                    self.path_of(existing),
                    join_path(path)
                ));
            }
            if let Some(k) = kind
                && self.org.team(id).is_some_and(|t| t.kind != k)
            {
                self.apply(Command::SetTeamKind { team: id, kind: k })?;
            }
            return Ok(id);
        }
        let id = self.org.next_team_id();
        let mut t = Team::new(id, name);
        t.group = group;
        t.kind = kind.unwrap_or_default();
        self.apply(Command::AddTeam(t))?;
        self.teams_by_name.insert(name.to_string(), (id, line));
        Ok(id)
    }

    fn path_of(&self, g: Option<GroupId>) -> String {
        let Some(g) = g else { return String::new() };
        let mut names: Vec<String> = self
            .org
            .ancestors(Unit::Group(g))
            .iter()
            .rev()
            .map(|a| self.org.unit_name(Unit::Group(*a)))
            .collect();
        names.push(self.org.unit_name(Unit::Group(g)));
        join_path(&names)
    }

    fn row(&mut self, r: &Row) -> Result<(), String> {
        let role = RosterRole::parse(&r.role)
            .ok_or_else(|| format!("unknown role \"{}\"; use one of {KNOWN_ROLES}", r.role))?;
        let path = split_path(&r.path)?;
        let kind = match r.kind.as_deref().map(str::to_lowercase).as_deref() {
            None => None,
            Some("scrum") | Some("scrum team") => Some(TeamKind::Scrum),
            Some("virtual") | Some("virtual team") | Some("specialist") => Some(TeamKind::Virtual),
            Some(other) => {
                return Err(format!(
                    "unknown team kind \"{other}\"; use scrum or virtual"
                ));
            }
        };
        let dedicated = match r.dedicated.as_deref().map(str::to_lowercase).as_deref() {
            None | Some("no") | Some("false") | Some("0") | Some("n") => false,
            Some("yes") | Some("true") | Some("1") | Some("y") | Some("dedicated") => true,
            Some(other) => {
                return Err(format!(
                    "\"dedicated\" should be yes or no, not \"{other}\""
                ));
            }
        };
        let needs_person = || {
            if r.person.is_empty() {
                Err(format!("a {} row needs a person", role.as_str()))
            } else {
                Ok(())
            }
        };
        let no_team = || {
            if r.team.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "a {} row names no team (leave the team cell empty)",
                    role.as_str()
                ))
            }
        };
        let email = r.email.as_deref();
        match role {
            RosterRole::Team(seat) => {
                needs_person()?;
                if r.team.is_empty() {
                    return Err(format!("a {} row needs a team", seat.short()));
                }
                let p = self.person(&r.person, email)?;
                let t = self.team(&r.team, &path, kind, r.line)?;
                if !self.org.team(t).is_some_and(|t| t.seats(seat).contains(&p)) {
                    self.apply(Command::AddSeat {
                        team: t,
                        person: p,
                        role: seat,
                    })?;
                }
            }
            RosterRole::Sds => {
                needs_person()?;
                let p = self.person(&r.person, email)?;
                let unit = if r.team.is_empty() {
                    if path.is_empty() {
                        return Err("an SDS row needs a team, or a path naming a group".to_string());
                    }
                    Unit::Group(self.group(&path)?.expect("non-empty path"))
                } else {
                    Unit::Team(self.team(&r.team, &path, kind, r.line)?)
                };
                self.apply(Command::SetSdsRep {
                    unit,
                    person: Some(p),
                })?;
            }
            RosterRole::Scaled(scaled) => {
                needs_person()?;
                no_team()?;
                if path.is_empty() {
                    return Err(format!("a {} row needs the group's path", scaled.short()));
                }
                let p = self.person(&r.person, email)?;
                let g = self.group(&path)?.expect("non-empty path");
                let mut holders = self.org.group(g).expect("created").holders(scaled).to_vec();
                holders.retain(|h| h.person != p);
                holders.push(RoleHolder {
                    person: p,
                    dedicated,
                });
                self.apply(Command::SetScaledRole {
                    group: g,
                    role: scaled,
                    holders,
                })?;
            }
            RosterRole::Body(_)
            | RosterRole::EatPo
            | RosterRole::EatSm
            | RosterRole::EmsFacilitator => {
                needs_person()?;
                no_team()?;
                if !path.is_empty() {
                    return Err(format!(
                        "a {} row has an empty path (the EAT and EMS sit above all groups)",
                        role.as_str()
                    ));
                }
                let p = self.person(&r.person, email)?;
                let cmd = match role {
                    RosterRole::Body(body) => Command::SetBodyMember {
                        body,
                        person: p,
                        member: true,
                    },
                    RosterRole::EatPo => Command::SetEatProductOwner(Some(p)),
                    RosterRole::EatSm => Command::SetEatScrumMaster(Some(p)),
                    _ => Command::SetEmsFacilitator(Some(p)),
                };
                self.apply(cmd)?;
            }
            RosterRole::None => {
                if !r.team.is_empty() {
                    self.team(&r.team, &path, kind, r.line)?;
                } else if !path.is_empty() {
                    self.group(&path)?;
                }
                if !r.person.is_empty() {
                    self.person(&r.person, email)?;
                } else if r.team.is_empty() && path.is_empty() {
                    return Err("the row has no role, team, path or person".to_string());
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Org {
        self.org
    }
}

/// Split `Commerce/Checkout` into segments; `\/` is a slash inside a name, `\\` a backslash.
pub fn split_path(s: &str) -> Result<Vec<String>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('/' | '\\')) => cur.push(n),
                Some(n) => {
                    cur.push('\\');
                    cur.push(n);
                }
                None => cur.push('\\'),
            },
            '/' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    let out: Vec<String> = out.into_iter().map(|s| s.trim().to_string()).collect();
    if out.iter().any(|s| s.is_empty()) {
        return Err(format!("the path \"{s}\" has an empty group name"));
    }
    Ok(out)
}

/// Join group names into a path, escaping slashes and backslashes inside names.
pub fn join_path(names: &[String]) -> String {
    names
        .iter()
        .map(|n| n.replace('\\', "\\\\").replace('/', "\\/"))
        .collect::<Vec<_>>()
        .join("/")
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Undo [`neutralise`] on import.
fn unneutralise(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Why an org cannot be written as a roster.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ExportError(pub String);

/// Write an org as a roster. Round-trips through [`import_bytes`] (people, teams, groups, seats,
/// scaled roles, SDS reps, EAT and EMS; rule settings and Definitions of Done are not part of the
/// roster). Rows come in hierarchy order; exporting an imported roster gives the same text.
pub fn export(org: &Org) -> Result<String, ExportError> {
    check_exportable(org)?;
    let s = org.structure();
    let mut rows = RowSink {
        org,
        rows: Vec::new(),
        seen: HashMap::new(),
    };
    // Groups depth first from each top group, each followed by its teams; then teams in no group.
    let mut stack: Vec<GroupId> = s.top_groups.iter().rev().copied().collect();
    while let Some(g) = stack.pop() {
        let group = &org.groups()[&g];
        let path = group_path(org, g);
        for (role, holders) in [("SoSM", &group.masters), ("CPO", &group.cpos)] {
            let people: Vec<PersonId> = holders.iter().map(|h| h.person).collect();
            for p in rows.by_appearance(people) {
                let dedicated = holders.iter().any(|h| h.person == p && h.dedicated);
                rows.person(p, "", role, &path, dedicated, "");
            }
        }
        if let Some(p) = group.sds_rep {
            rows.person(p, "", "SDS", &path, false, "");
        }
        if group.masters.is_empty() && group.cpos.is_empty() && group.sds_rep.is_none() {
            rows.bare("", &path, "");
        }
        for t in s.child_teams(g) {
            rows.team(&org.teams()[&t], &path);
        }
        let kids: Vec<GroupId> = s.child_groups(g).collect();
        stack.extend(kids.into_iter().rev());
    }
    for t in &s.loose_teams {
        rows.team(&org.teams()[t], "");
    }
    // Executive bodies: people in the order they first appeared above, so that a re-import
    // (which numbers people by appearance) exports identically.
    let eat = org.eat();
    for p in rows.by_appearance(eat.members.iter().copied()) {
        rows.person(p, "", "EAT", "", false, "");
    }
    if let Some(p) = eat.product_owner {
        rows.person(p, "", "EAT PO", "", false, "");
    }
    if let Some(p) = eat.scrum_master {
        rows.person(p, "", "EAT SM", "", false, "");
    }
    let ems = org.ems();
    for p in rows.by_appearance(ems.attendees.iter().copied()) {
        rows.person(p, "", "EMS", "", false, "");
    }
    if let Some(p) = ems.facilitator {
        rows.person(p, "", "EMS Facilitator", "", false, "");
    }
    let unused: Vec<PersonId> = org
        .people()
        .keys()
        .filter(|p| !rows.seen.contains_key(p))
        .copied()
        .collect();
    for p in unused {
        rows.person(p, "", "", "", false, "");
    }

    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let header = [
        "person",
        "team",
        "role",
        "path",
        "email",
        "dedicated",
        "kind",
    ];
    w.write_record(header)
        .map_err(|e| ExportError(e.to_string()))?;
    for row in rows.rows {
        w.write_record(row.iter().map(|c| neutralise(c)))
            .map_err(|e| ExportError(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| ExportError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError(e.to_string()))
}

fn group_path(org: &Org, g: GroupId) -> String {
    let mut names: Vec<String> = org
        .ancestors(Unit::Group(g))
        .iter()
        .rev()
        .map(|a| org.unit_name(Unit::Group(*a)))
        .collect();
    names.push(org.unit_name(Unit::Group(g)));
    join_path(&names)
}

/// Collects roster rows and remembers the order in which people first appear.
struct RowSink<'a> {
    org: &'a Org,
    rows: Vec<[String; 7]>,
    seen: HashMap<PersonId, usize>,
}

impl RowSink<'_> {
    fn person(
        &mut self,
        p: PersonId,
        team: &str,
        role: &str,
        path: &str,
        dedicated: bool,
        kind: &str,
    ) {
        let n = self.seen.len();
        self.seen.entry(p).or_insert(n);
        let person = self.org.person(p);
        self.rows.push([
            person.map_or_else(String::new, |p| p.name.clone()),
            team.to_string(),
            role.to_string(),
            path.to_string(),
            person.and_then(|p| p.email.clone()).unwrap_or_default(),
            if dedicated {
                "yes".into()
            } else {
                String::new()
            },
            kind.to_string(),
        ]);
    }

    fn bare(&mut self, team: &str, path: &str, kind: &str) {
        self.rows.push([
            String::new(),
            team.to_string(),
            String::new(),
            path.to_string(),
            String::new(),
            String::new(),
            kind.to_string(),
        ]);
    }

    fn team(&mut self, team: &Team, path: &str) {
        let kind = if team.is_real() { "" } else { "virtual" };
        let before = self.rows.len();
        for role in TeamRole::ALL {
            for p in self.by_appearance(team.seats(role).iter().copied()) {
                self.person(p, &team.name, role.short(), path, false, kind);
            }
        }
        if let Some(p) = team.sds_rep {
            self.person(p, &team.name, "SDS", path, false, kind);
        }
        if self.rows.len() == before {
            self.bare(&team.name, path, kind);
        }
    }

    /// People in the order they first appeared, then the new ones by id. A re-import numbers
    /// people by appearance, so this order is the same before and after a round trip.
    fn by_appearance(&self, people: impl IntoIterator<Item = PersonId>) -> Vec<PersonId> {
        let mut v: Vec<PersonId> = people.into_iter().collect();
        v.sort_by_key(|p| (self.seen.get(p).copied().unwrap_or(usize::MAX), *p));
        v
    }
}

/// A roster names teams, groups and people by name, so names it relies on must be unambiguous.
fn check_exportable(org: &Org) -> Result<(), ExportError> {
    let mut teams: HashMap<&str, usize> = HashMap::new();
    for t in org.teams().values() {
        *teams.entry(t.name.trim()).or_default() += 1;
    }
    let mut dup: Vec<&str> = teams
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k)
        .collect();
    dup.sort_unstable();
    if let Some(name) = dup.first() {
        return Err(ExportError(format!(
            "several teams are called \"{name}\"; a CSV roster names teams, so rename all but one first"
        )));
    }
    let mut siblings: HashMap<(Option<GroupId>, &str), usize> = HashMap::new();
    for g in org.groups().values() {
        *siblings.entry((g.parent, g.name.trim())).or_default() += 1;
    }
    let mut dup: Vec<&str> = siblings
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|((_, k), _)| k)
        .collect();
    dup.sort_unstable();
    if let Some(name) = dup.first() {
        return Err(ExportError(format!(
            "two groups side by side are both called \"{name}\"; a CSV roster names groups by path, so rename one first"
        )));
    }
    let mut people: HashMap<&str, Vec<Option<&str>>> = HashMap::new();
    for p in org.people().values() {
        people
            .entry(p.name.trim())
            .or_default()
            .push(p.email.as_deref());
    }
    let mut dup: Vec<&str> = people
        .into_iter()
        .filter(|(_, emails)| {
            let distinct: std::collections::HashSet<_> = emails.iter().collect();
            emails.len() > 1 && (distinct.len() < emails.len() || emails.contains(&None))
        })
        .map(|(k, _)| k)
        .collect();
    dup.sort_unstable();
    if let Some(name) = dup.first() {
        return Err(ExportError(format!(
            "several people are called \"{name}\"; a CSV roster tells people apart by name and e-mail, so give each of them their own e-mail first"
        )));
    }
    Ok(())
}
