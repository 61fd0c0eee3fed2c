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

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasher, Hash};
use std::path::Path;
use std::rc::Rc;

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::LoadError;
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
    let mut sheet = super::sheet::Sheet::open(path, bytes)?;
    let err = |line: usize, msg: String| super::sheet::line_error(path, line, msg);
    let col = |name: &str| sheet.col(name);
    let missing = sheet.missing(&["person", "team", "role", "path"]);
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
    // One record, reused for every row (what `records()` does, minus an allocation per row).
    let mut rec = csv::StringRecord::new();
    while let Some(line) = sheet.next(&mut rec)? {
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
            role: rec.get(cols.role).unwrap_or(""),
            path: rec.get(cols.path).unwrap_or(""),
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

/// One row's cells, borrowed from the record.
struct Row<'a> {
    line: usize,
    person: &'a str,
    team: &'a str,
    role: &'a str,
    path: &'a str,
    email: Option<&'a str>,
    dedicated: Option<&'a str>,
    kind: Option<&'a str>,
}

/// Builds an org row by row through commands, so the result keeps every model invariant.
///
/// Every lookup goes through an index kept next to the org, so a roster imports in time linear
/// in its rows: nothing scans the people, teams or groups built so far. The indexes hold ids
/// under the hash of a name and check the name against the org ([`HashIndex`]), so they cost
/// no copy of the names.
struct Builder {
    org: Org,
    /// People by name.
    people: HashIndex<String, Namesakes>,
    /// Teams by name, with the line that first named each.
    teams: HashIndex<String, (TeamId, usize)>,
    /// Teams by their name as [`Command::AddTeam`] compares names (trimmed, ASCII case folded),
    /// so a new team's name is checked against the others without scanning them.
    team_keys: HashIndex<String, TeamId>,
    /// Groups by parent and name.
    groups: HashIndex<(Option<GroupId>, String), GroupId>,
    /// Role cells seen so far, parsed (a roster repeats a handful of them).
    roles: FxHashMap<String, Option<RosterRole>>,
    /// The last path cell and its segments (a team's rows share their path).
    last_path: Option<(String, Rc<[String]>)>,
    /// The last segments [`Builder::group`] resolved, and the group.
    last_group: Option<(Rc<[String]>, GroupId)>,
    /// Scratch space for a team's key.
    key: String,
}

/// A map that stores no copy of its keys: each value sits under its key's hash, and the caller
/// confirms a value is the key's by looking at the org (`is_it`). A key whose hash another key
/// already has (rare) is kept in full in `spill`; nothing is ever removed, so a key is in
/// `spill` only when its hash is taken in `by_hash`.
struct HashIndex<K, V> {
    by_hash: FxHashMap<u64, V>,
    spill: FxHashMap<K, V>,
}

impl<K: Hash + Eq, V> HashIndex<K, V> {
    fn new() -> Self {
        HashIndex {
            by_hash: FxHashMap::default(),
            spill: FxHashMap::default(),
        }
    }

    /// Where the key's value is: under its hash, in `spill` (`key` builds the full key, only on
    /// a collision), or nowhere.
    fn find(&self, hash: u64, is_it: impl Fn(&V) -> bool, key: impl FnOnce() -> K) -> Found<K> {
        match self.by_hash.get(&hash) {
            None => Found::No,
            Some(v) if is_it(v) => Found::Hashed,
            Some(_) => {
                let key = key();
                if self.spill.contains_key(&key) {
                    Found::Spilled(key)
                } else {
                    Found::No
                }
            }
        }
    }

    fn get(&self, hash: u64, is_it: impl Fn(&V) -> bool, key: impl FnOnce() -> K) -> Option<&V> {
        match self.find(hash, is_it, key) {
            Found::No => None,
            Found::Hashed => self.by_hash.get(&hash),
            Found::Spilled(key) => self.spill.get(&key),
        }
    }

    fn at(&mut self, hash: u64, found: Found<K>) -> Option<&mut V> {
        match found {
            Found::No => None,
            Found::Hashed => self.by_hash.get_mut(&hash),
            Found::Spilled(key) => self.spill.get_mut(&key),
        }
    }

    /// Add a key that [`HashIndex::get`] does not find.
    fn insert(&mut self, hash: u64, value: V, key: impl FnOnce() -> K) {
        match self.by_hash.entry(hash) {
            Entry::Vacant(e) => {
                e.insert(value);
            }
            Entry::Occupied(_) => {
                self.spill.insert(key(), value);
            }
        }
    }
}

/// Where [`HashIndex::find`] found a key.
enum Found<K> {
    No,
    Hashed,
    Spilled(K),
}

fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    FxBuildHasher.hash_one(t)
}

/// The people who share a name, indexed the ways [`Builder::person`] looks them up.
struct Namesakes {
    /// The first of them (lowest id).
    first: PersonId,
    /// Once there are several: by e-mail and without one. While `first` is alone, the org's
    /// record of them says all.
    several: Option<Box<Several>>,
}

struct Several {
    /// For each e-mail, the first of them with it.
    by_email: FxHashMap<String, PersonId>,
    /// Those with no e-mail, in id order.
    no_email: BTreeSet<PersonId>,
}

impl Several {
    fn add(&mut self, p: PersonId, email: Option<&str>) {
        match email {
            Some(e) => {
                self.by_email.entry(e.to_string()).or_insert(p);
            }
            None => {
                self.no_email.insert(p);
            }
        }
    }
}

impl Builder {
    fn new(name: &str) -> Self {
        Builder {
            org: Org::new(name),
            people: HashIndex::new(),
            teams: HashIndex::new(),
            team_keys: HashIndex::new(),
            groups: HashIndex::new(),
            roles: FxHashMap::default(),
            last_path: None,
            last_group: None,
            key: String::new(),
        }
    }

    fn apply(&mut self, cmd: Command) -> Result<(), String> {
        cmd.apply(&mut self.org)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// The person of this name, matched by e-mail when one is given (else the first of that
    /// name with no e-mail yet, who gets it); a new person when there is none.
    fn person(&mut self, name: &str, email: Option<&str>) -> Result<PersonId, String> {
        let org = &self.org;
        let hash = hash_of(name);
        let found = self.people.find(
            hash,
            |n| org.person(n.first).is_some_and(|p| p.name == name),
            || name.to_string(),
        );
        let email_of = |p: PersonId| org.person(p).and_then(|p| p.email.as_deref());
        let known = self
            .people
            .at(hash, found)
            .and_then(|n| match (email, &n.several) {
                (None, _) => Some(n.first),
                (Some(e), Some(s)) => s
                    .by_email
                    .get(e)
                    .copied()
                    .or_else(|| s.no_email.first().copied()),
                (Some(e), None) => match email_of(n.first) {
                    Some(has) if has != e => None,
                    _ => Some(n.first),
                },
            });
        if let Some(p) = known {
            if let Some(e) = email
                && email_of(p).is_none()
            {
                self.apply(Command::SetEmail {
                    person: p,
                    email: Some(e.to_string()),
                })?;
                let org = &self.org;
                let found = self.people.find(
                    hash,
                    |n| org.person(n.first).is_some_and(|p| p.name == name),
                    || name.to_string(),
                );
                if let Some(s) = self.people.at(hash, found).and_then(|n| n.several.as_mut()) {
                    s.no_email.remove(&p);
                    s.add(p, Some(e));
                }
            }
            return Ok(p);
        }
        let id = self.org.next_person_id();
        self.apply(Command::AddPerson(Person {
            id,
            name: name.to_string(),
            email: email.map(str::to_string),
        }))?;
        let org = &self.org;
        let found = self.people.find(
            hash,
            |n| org.person(n.first).is_some_and(|p| p.name == name),
            || name.to_string(),
        );
        match self.people.at(hash, found) {
            Some(n) => {
                let first = n.first;
                let s = n.several.get_or_insert_with(|| {
                    let mut s = Several {
                        by_email: FxHashMap::default(),
                        no_email: BTreeSet::new(),
                    };
                    s.add(first, org.person(first).and_then(|p| p.email.as_deref()));
                    Box::new(s)
                });
                s.add(id, email);
            }
            None => self.people.insert(
                hash,
                Namesakes {
                    first: id,
                    several: None,
                },
                || name.to_string(),
            ),
        }
        Ok(id)
    }

    /// Find or create the group at a path; returns None for the empty path.
    fn group(&mut self, path: &Rc<[String]>) -> Result<Option<GroupId>, String> {
        if let Some((last, g)) = &self.last_group
            && Rc::ptr_eq(last, path)
        {
            return Ok(Some(*g));
        }
        let mut parent: Option<GroupId> = None;
        for name in path.iter() {
            let org = &self.org;
            let hash = hash_of(&(parent, name.as_str()));
            let found = self.groups.get(
                hash,
                |g| {
                    org.group(*g)
                        .is_some_and(|g| g.parent == parent && g.name == *name)
                },
                || (parent, name.clone()),
            );
            parent = Some(match found {
                Some(g) => *g,
                None => {
                    let id = self.org.next_group_id();
                    let mut g = Group::new(id, name.clone());
                    g.parent = parent;
                    self.apply(Command::AddGroup(g))?;
                    self.groups.insert(hash, id, || (parent, name.clone()));
                    id
                }
            });
        }
        if let Some(g) = parent {
            self.last_group = Some((path.clone(), g));
        }
        Ok(parent)
    }

    fn team(
        &mut self,
        name: &str,
        path: &Rc<[String]>,
        kind: Option<TeamKind>,
        line: usize,
    ) -> Result<TeamId, String> {
        let group = self.group(path)?;
        let org = &self.org;
        let hash = hash_of(name);
        let found = self
            .teams
            .get(
                hash,
                |(t, _)| org.team(*t).is_some_and(|t| t.name == name),
                || name.to_string(),
            )
            .copied();
        if let Some((id, first_line)) = found {
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
        // The name as `Command::AddTeam` compares it.
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.push_str(name.trim());
        key.make_ascii_lowercase();
        let key_hash = hash_of(key.as_str());
        let wanted = name.trim();
        let taken = self
            .team_keys
            .get(
                key_hash,
                |t| {
                    org.team(*t)
                        .is_some_and(|t| t.name.trim().eq_ignore_ascii_case(wanted))
                },
                || key.clone(),
            )
            .is_some();
        let added = if key.is_empty() || taken {
            // Refused (a blank name, or another team's name in other case or spacing): the
            // command's own check says why.
            self.apply(Command::AddTeam(t))
        } else {
            // What `Command::check` would verify holds: the name is not blank and no other team
            // has it (`team_keys`), the id is the next free one, the group exists (found or just
            // made above) and the team holds no one yet. Checking the name by scanning every team
            // would make an import quadratic in its teams.
            Command::AddTeam(t).apply_trusted(&mut self.org);
            Ok(())
        };
        if added.is_ok() {
            self.team_keys.insert(key_hash, id, || key.clone());
        }
        self.key = key;
        added?;
        self.teams.insert(hash, (id, line), || name.to_string());
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

    /// [`RosterRole::parse`], remembered per distinct cell.
    fn role(&mut self, cell: &str) -> Option<RosterRole> {
        if let Some(role) = self.roles.get(cell) {
            return *role;
        }
        let role = RosterRole::parse(cell);
        self.roles.insert(cell.to_string(), role);
        role
    }

    /// [`split_path`], reusing the last row's segments when the cell is the same.
    fn path(&mut self, cell: &str) -> Result<Rc<[String]>, String> {
        if let Some((last, segments)) = &self.last_path
            && last == cell
        {
            return Ok(segments.clone());
        }
        let segments: Rc<[String]> = split_path(cell)?.into();
        self.last_path = Some((cell.to_string(), segments.clone()));
        Ok(segments)
    }

    fn row(&mut self, r: &Row) -> Result<(), String> {
        let role = self
            .role(r.role)
            .ok_or_else(|| format!("unknown role \"{}\"; use one of {KNOWN_ROLES}", r.role))?;
        let path = self.path(r.path)?;
        let kind = match r.kind.map(str::to_lowercase).as_deref() {
            None => None,
            Some("scrum") | Some("scrum team") => Some(TeamKind::Scrum),
            Some("virtual") | Some("virtual team") | Some("specialist") => Some(TeamKind::Virtual),
            Some(other) => {
                return Err(format!(
                    "unknown team kind \"{other}\"; use scrum or virtual"
                ));
            }
        };
        let dedicated = match r.dedicated.map(str::to_lowercase).as_deref() {
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
        let email = r.email;
        match role {
            RosterRole::Team(seat) => {
                needs_person()?;
                if r.team.is_empty() {
                    return Err(format!("a {} row needs a team", seat.short()));
                }
                let p = self.person(r.person, email)?;
                let t = self.team(r.team, &path, kind, r.line)?;
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
                let p = self.person(r.person, email)?;
                let unit = if r.team.is_empty() {
                    if path.is_empty() {
                        return Err("an SDS row needs a team, or a path naming a group".to_string());
                    }
                    Unit::Group(self.group(&path)?.expect("non-empty path"))
                } else {
                    Unit::Team(self.team(r.team, &path, kind, r.line)?)
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
                let p = self.person(r.person, email)?;
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
                let p = self.person(r.person, email)?;
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
                    self.team(r.team, &path, kind, r.line)?;
                } else if !path.is_empty() {
                    self.group(&path)?;
                }
                if !r.person.is_empty() {
                    self.person(r.person, email)?;
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
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys whose hashes collide go to `spill` and are still told apart.
    #[test]
    fn hash_index_keeps_colliding_keys_apart() {
        let names = ["Ana", "Ben", "Cy"];
        let mut ix: HashIndex<String, usize> = HashIndex::new();
        let is = |want: &'static str| move |v: &usize| names[*v] == want;
        for (i, n) in names.iter().enumerate() {
            assert!(ix.get(7, is(n), || n.to_string()).is_none());
            ix.insert(7, i, || n.to_string());
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(ix.get(7, is(n), || n.to_string()), Some(&i));
        }
        assert!(ix.get(7, is("Di"), || "Di".to_string()).is_none());
        assert!(ix.get(8, is("Ana"), || "Ana".to_string()).is_none());
        assert_eq!(ix.spill.len(), 2);
    }

    /// Namesakes told apart by e-mail: the first without one takes an e-mail, later rows with
    /// that e-mail find them, rows without one find the first of the name.
    #[test]
    fn csv_namesakes_are_found_by_email() {
        let text = "person,team,role,path,email\nAna,A,PO,,\nAna,B,PO,,b@x\nAna,C,PO,,c@x\nAna,D,PO,,\nAna,E,PO,,c@x\n";
        let org = import_bytes(Path::new("r.csv"), text.as_bytes()).unwrap();
        let emails: Vec<Option<&str>> = org.people().values().map(|p| p.email.as_deref()).collect();
        assert_eq!(emails, [Some("b@x"), Some("c@x")]);
        let po = |t: &str| {
            let team = org.teams().values().find(|x| x.name == t).unwrap();
            *team.product_owners.first().unwrap()
        };
        assert_eq!(po("A"), po("B"));
        assert_eq!(po("C"), po("E"));
        assert_eq!(po("D"), po("A"));
        assert_ne!(po("A"), po("C"));
    }
}
