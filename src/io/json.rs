//! The org file: versioned, human-readable JSON (docs/file-format.md, docs/org.schema.json).
//!
//! Saving is canonical: keys in a fixed order, 2-space indent, lists sorted by id, so that the same
//! org always gives the same bytes and a change shows as a small diff. Loading checks everything
//! (syntax, types, unknown keys, duplicate and dangling ids, cycles) and reports the first problem
//! with its JSON path, line and column.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::locate::{Seg, locate, render, resolve};
use super::{LoadError, Place};
use crate::model::{
    Assessment, Cadence, Eat, Ems, Group, GroupId, Org, Person, PersonId, RuleSettings, Team,
    TeamId,
};

/// The format version this build writes and reads. Version 2 added the optional `cadence`
/// section, version 3 the optional `assessment` section (rating rounds). A file is written as
/// the oldest version that holds what it records (1 without either section, byte for byte as
/// before), so older orgscale versions still read it.
pub const FORMAT_VERSION: u32 = 3;

/// The version a file that records an assessment is written as: [`FORMAT_VERSION`].
const FORMAT_VERSION_WITH_ASSESSMENT: u32 = 3;
/// The version a file that records a cadence but no assessment is written as.
const FORMAT_VERSION_WITH_CADENCE: u32 = 2;
/// The version a file that records neither is written as.
const FORMAT_VERSION_PLAIN: u32 = 1;

/// An orgscale org file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "orgscale org file")]
pub struct OrgFile {
    /// Version of this format; orgscale refuses files from a newer version.
    pub format_version: u32,
    /// Name of the organisation.
    pub name: String,
    /// Rule profile and threshold overrides.
    #[serde(default, skip_serializing_if = "RuleSettings::is_default")]
    pub rules: RuleSettings,
    /// Preferred number of members per group when growing the org (2-12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2, max = 12))]
    pub fanout: Option<u32>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub teams: Vec<Team>,
    /// Scrums of Scrums, SoSoS and higher groups; the level follows from what a group holds.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The Executive Action Team.
    #[serde(default, skip_serializing_if = "Eat::is_empty")]
    pub eat: Eat,
    /// The Executive MetaScrum.
    #[serde(default, skip_serializing_if = "Ems::is_empty")]
    pub ems: Ems,
    /// When the org meets: Sprints, working days and hours, event times (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Rating rounds of the two cycles' components (format version 3).
    #[serde(default, skip_serializing_if = "Assessment::is_empty")]
    pub assessment: Assessment,
}

impl OrgFile {
    pub fn from_org(org: &Org) -> Self {
        OrgFile {
            format_version: if !org.assessment.is_empty() {
                FORMAT_VERSION_WITH_ASSESSMENT
            } else if org.cadence.is_some() {
                FORMAT_VERSION_WITH_CADENCE
            } else {
                FORMAT_VERSION_PLAIN
            },
            name: org.name.clone(),
            rules: org.rules.clone(),
            fanout: org.fanout,
            people: org.people.values().cloned().collect(),
            teams: org.teams.values().cloned().collect(),
            groups: org.groups.values().cloned().collect(),
            eat: org.eat.clone(),
            ems: org.ems.clone(),
            cadence: org.cadence.clone(),
            assessment: org.assessment.clone(),
        }
    }
}

/// The JSON Schema of the org file, pretty-printed.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(OrgFile);
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serialises");
    s.push('\n');
    s
}

/// Serialise an org to canonical JSON text (ends with a newline).
pub fn to_string(org: &Org) -> String {
    let mut s = serde_json::to_string_pretty(&OrgFile::from_org(org)).expect("org serialises");
    s.push('\n');
    s
}

/// Save an org to a JSON file atomically.
pub fn save(org: &Org, path: &Path) -> std::io::Result<()> {
    super::save_atomic(path, to_string(org).as_bytes())
}

/// Load an org file.
pub fn load(path: &Path) -> Result<Org, LoadError> {
    let bytes = super::read_bytes(path)?;
    from_bytes(path, &bytes)
}

/// Parse an org file's bytes; `path` is only used in messages.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Org, LoadError> {
    let text = super::utf8(path, bytes)?;
    from_str(path, text)
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: Option<serde_json::Value>,
}

/// Describe why `text` does not parse as an org file: syntax first, then the version (so a newer
/// file gets the right message), then the shape with its JSON path.
fn explain_parse_failure(path: &Path, text: &str) -> LoadError {
    let probe: VersionProbe = match serde_json::from_str(text) {
        Ok(p) => p,
        Err(e) => return syntax_error(path, &e),
    };
    if let Err(e) = check_version(path, text, probe.format_version) {
        return e;
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, OrgFile>(de) {
        Ok(_) => LoadError::new(
            path,
            Place::default(),
            "the file could not be read as an org file",
        ),
        Err(e) => {
            let inner = e.inner();
            let json_path = e.path().to_string();
            LoadError::new(
                path,
                Place {
                    path: Some(if json_path == "." {
                        "$".into()
                    } else {
                        format!("$.{json_path}")
                    }),
                    line: Some(inner.line()),
                    column: Some(inner.column()),
                },
                clean_serde_message(&inner.to_string()),
            )
        }
    }
}

fn check_version(
    path: &Path,
    text: &str,
    version: Option<serde_json::Value>,
) -> Result<(), LoadError> {
    let version_at = || {
        let segs = [Seg::Key("format_version".into())];
        let (line, column) = locate(text, &segs).unzip();
        Place {
            path: Some(render(&segs)),
            line,
            column,
        }
    };
    match version {
        None => Err(LoadError::new(
            path,
            Place::default(),
            "this is not an orgscale org file (it has no \"format_version\")",
        )),
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(v) if (1..=u64::from(FORMAT_VERSION)).contains(&v) => Ok(()),
            Some(v) if v > u64::from(FORMAT_VERSION) => Err(LoadError::new(
                path,
                version_at(),
                format!(
                    "the file has format version {v}, made by a newer orgscale; this version reads format {FORMAT_VERSION}. Update orgscale to open it."
                ),
            )),
            _ => Err(LoadError::new(
                path,
                version_at(),
                format!("unknown format version {n}; this orgscale reads format {FORMAT_VERSION}"),
            )),
        },
        Some(other) => Err(LoadError::new(
            path,
            version_at(),
            format!("\"format_version\" must be a number, not {other}"),
        )),
    }
}

/// Parse org file text; `path` is only used in messages.
pub fn from_str(path: &Path, text: &str) -> Result<Org, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::new(path, Place::default(), "the file is empty"));
    }
    let at = |segs: &[Seg]| {
        let segs = resolve(text, segs);
        let (line, column) = locate(text, &segs).unzip();
        Place {
            path: Some(render(&segs)),
            line,
            column,
        }
    };
    // Fast path: a well-formed file of this version parses straight into the file type. Only
    // when that fails do we parse again, more slowly, to say precisely what and where.
    let file: OrgFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(_) => return Err(explain_parse_failure(path, text)),
    };
    check_version(
        path,
        text,
        Some(serde_json::Value::from(file.format_version)),
    )?;
    build(file).map_err(|(segs, message)| LoadError::new(path, at(&segs), message))
}

fn syntax_error(path: &Path, e: &serde_json::Error) -> LoadError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the file ends too early (is it cut off?)".to_string(),
        _ => format!("invalid JSON: {}", clean_serde_message(&e.to_string())),
    };
    LoadError::new(
        path,
        Place {
            path: None,
            line: Some(e.line()),
            column: Some(e.column()),
        },
        what,
    )
}

/// serde_json appends " at line X column Y"; the place is reported separately.
fn clean_serde_message(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

type BuildError = (Vec<Seg>, String);

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// Check references and structure and turn a parsed file into an org.
fn build(file: OrgFile) -> Result<Org, BuildError> {
    let mut people: BTreeMap<PersonId, Person> = BTreeMap::new();
    let mut person_at: HashMap<PersonId, usize> = HashMap::default();
    for (i, p) in file.people.into_iter().enumerate() {
        let here = vec![key("people"), Seg::Index(i)];
        if p.name.trim().is_empty() {
            return Err((
                with(&here, "name"),
                format!("person {} has an empty name", p.id),
            ));
        }
        if let Some(first) = person_at.insert(p.id, i) {
            return Err((
                with(&here, "id"),
                format!(
                    "person id {} is used twice (first at $.people[{first}])",
                    p.id
                ),
            ));
        }
        people.insert(p.id, p);
    }
    let check_person = |p: &PersonId, segs: Vec<Seg>| -> Result<(), BuildError> {
        if people.contains_key(p) {
            Ok(())
        } else {
            Err((
                segs,
                format!("refers to person {p}, who is not in \"people\""),
            ))
        }
    };

    let group_ids: HashMap<GroupId, usize> = {
        let mut m = HashMap::default();
        for (i, g) in file.groups.iter().enumerate() {
            if let Some(first) = m.insert(g.id, i) {
                return Err((
                    vec![key("groups"), Seg::Index(i), key("id")],
                    format!(
                        "group id {} is used twice (first at $.groups[{first}])",
                        g.id
                    ),
                ));
            }
        }
        m
    };

    let mut teams: BTreeMap<TeamId, Team> = BTreeMap::new();
    let mut team_at: HashMap<TeamId, usize> = HashMap::default();
    for (i, t) in file.teams.into_iter().enumerate() {
        let here = vec![key("teams"), Seg::Index(i)];
        if t.name.trim().is_empty() {
            return Err((
                with(&here, "name"),
                format!("team {} has an empty name", t.id),
            ));
        }
        if let Some(first) = team_at.insert(t.id, i) {
            return Err((
                with(&here, "id"),
                format!("team id {} is used twice (first at $.teams[{first}])", t.id),
            ));
        }
        if let Some(g) = t.group
            && !group_ids.contains_key(&g)
        {
            return Err((
                with(&here, "group"),
                format!(
                    "team {} is in group {g}, which is not in \"groups\"",
                    t.name
                ),
            ));
        }
        for (field, set) in [
            ("product_owners", &t.product_owners),
            ("scrum_masters", &t.scrum_masters),
            ("developers", &t.developers),
        ] {
            for p in set {
                // A set has lost the file's order: point at the element by its value.
                let mut segs = with(&here, field);
                segs.push(Seg::Element(p.to_string()));
                check_person(p, segs)?;
            }
        }
        if let Some(p) = &t.sds_rep {
            check_person(p, with(&here, "sds_rep"))?;
        }
        teams.insert(t.id, t);
    }

    let mut groups: BTreeMap<GroupId, Group> = BTreeMap::new();
    for (i, mut g) in file.groups.into_iter().enumerate() {
        let here = vec![key("groups"), Seg::Index(i)];
        if g.name.trim().is_empty() {
            return Err((
                with(&here, "name"),
                format!("group {} has an empty name", g.id),
            ));
        }
        if let Some(parent) = g.parent
            && !group_ids.contains_key(&parent)
        {
            return Err((
                with(&here, "parent"),
                format!(
                    "group {} is in group {parent}, which is not in \"groups\"",
                    g.name
                ),
            ));
        }
        for field in ["masters", "cpos"] {
            let list = if field == "masters" {
                &mut g.masters
            } else {
                &mut g.cpos
            };
            for (j, h) in list.iter().enumerate() {
                let mut segs = with(&here, field);
                segs.push(Seg::Index(j));
                segs.push(key("person"));
                check_person(&h.person, segs)?;
            }
            list.sort();
            if let Some(w) = list.windows(2).find(|w| w[0].person == w[1].person) {
                return Err((
                    with(&here, field),
                    format!("person {} is listed twice", w[0].person),
                ));
            }
        }
        if let Some(p) = &g.sds_rep {
            check_person(p, with(&here, "sds_rep"))?;
        }
        groups.insert(g.id, g);
    }

    for p in &file.eat.members {
        check_person(
            p,
            vec![key("eat"), key("members"), Seg::Element(p.to_string())],
        )?;
    }
    if let Some(p) = &file.eat.product_owner {
        check_person(p, vec![key("eat"), key("product_owner")])?;
    }
    if let Some(p) = &file.eat.scrum_master {
        check_person(p, vec![key("eat"), key("scrum_master")])?;
    }
    for p in &file.ems.attendees {
        check_person(
            p,
            vec![key("ems"), key("attendees"), Seg::Element(p.to_string())],
        )?;
    }
    if let Some(p) = &file.ems.facilitator {
        check_person(p, vec![key("ems"), key("facilitator")])?;
    }
    if let Err(why) = file.rules.check() {
        return Err((
            vec![key("rules")],
            format!("the rule thresholds contradict each other: {why}"),
        ));
    }
    if let Some(why) = file.fanout.and_then(crate::model::fanout_problem) {
        return Err((vec![key("fanout")], why));
    }
    if let Some(c) = &file.cadence {
        if let Some(why) = c.problem() {
            return Err((vec![key("cadence")], why));
        }
        for (i, o) in c.sprints.iter().enumerate() {
            let here = vec![key("cadence"), key("sprints"), Seg::Index(i)];
            if let Some(t) = o.team
                && !teams.contains_key(&t)
            {
                return Err((
                    with(&here, "team"),
                    format!("refers to team {t}, which is not in \"teams\""),
                ));
            }
            if let Some(g) = o.group
                && !groups.contains_key(&g)
            {
                return Err((
                    with(&here, "group"),
                    format!("refers to group {g}, which is not in \"groups\""),
                ));
            }
        }
    }

    let mut assessment = file.assessment;
    for (i, r) in assessment.rounds.iter().enumerate() {
        for (j, x) in r.ratings.iter().enumerate() {
            if let Some(g) = x.group
                && !groups.contains_key(&g)
            {
                return Err((
                    vec![
                        key("assessment"),
                        key("rounds"),
                        Seg::Index(i),
                        key("ratings"),
                        Seg::Index(j),
                        key("group"),
                    ],
                    format!("refers to group {g}, which is not in \"groups\""),
                ));
            }
        }
    }
    if let Some((i, j, why)) = assessment.problem() {
        let mut here = vec![key("assessment"), key("rounds"), Seg::Index(i)];
        if let Some(j) = j {
            here.extend([key("ratings"), Seg::Index(j)]);
        }
        return Err((here, why));
    }
    assessment.normalise();

    let org = Org {
        name: file.name,
        rules: file.rules,
        fanout: file.fanout,
        people,
        teams,
        groups,
        eat: file.eat,
        ems: file.ems,
        cadence: file.cadence,
        assessment,
    };
    if let Some(cycle) = org.cycles().into_iter().next() {
        let names: Vec<String> = cycle
            .iter()
            .map(|g| format!("{} ({g})", org.groups[g].name))
            .collect();
        let i = group_ids[&cycle[0]];
        return Err((
            vec![key("groups"), Seg::Index(i), key("parent")],
            format!(
                "groups contain each other in a circle: {}",
                names.join(" → ")
            ),
        ));
    }
    Ok(org)
}

fn with(base: &[Seg], field: &str) -> Vec<Seg> {
    let mut v = base.to_vec();
    v.push(key(field));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Command, CommandError, Overrides, Threshold};

    fn contradictory() -> RuleSettings {
        RuleSettings {
            overrides: Overrides {
                team_min: Some(10),
                team_max: Some(5),
                ..Overrides::default()
            },
            ..RuleSettings::default()
        }
    }

    #[test]
    fn a_file_with_contradictory_rules_is_refused_naming_the_place() {
        let mut org = Org::new("Acme");
        org.rules = contradictory();
        let err = from_str(Path::new("acme.json"), &to_string(&org)).unwrap_err();
        assert_eq!(
            err.message,
            "the rule thresholds contradict each other: \
             the team minimum (10) is above the team maximum (5)"
        );
        assert!(err.to_string().contains("rules"), "{err}");
    }

    #[test]
    fn whatever_set_rules_accepts_saves_and_loads_back() {
        let mut org = Org::new("Acme");
        assert_eq!(
            Command::SetRules(contradictory()).apply(&mut org),
            Err(CommandError::Invalid(
                "the team minimum (10) is above the team maximum (5)".into()
            ))
        );
        let path = Path::new("acme.json");
        for key in Threshold::ALL {
            for v in [0, 1, 2, 3, 5, 9, 12, 40] {
                let mut r = RuleSettings::default();
                r.overrides.set(key, Some(v));
                let mut org = Org::new("Acme");
                let loaded = {
                    let mut o = Org::new("Acme");
                    o.rules = r.clone();
                    from_str(path, &to_string(&o))
                };
                match Command::SetRules(r.clone()).apply(&mut org) {
                    Ok(_) => {
                        let back = from_str(path, &to_string(&org))
                            .unwrap_or_else(|e| panic!("{key} = {v} was accepted but: {e}"));
                        assert_eq!(back, org, "{key} = {v}");
                    }
                    Err(CommandError::Invalid(why)) => {
                        let e = loaded.expect_err("the loader refuses it too");
                        assert!(e.message.ends_with(&why), "{key} = {v}: {e} / {why}");
                    }
                    Err(e) => panic!("{key} = {v}: {e}"),
                }
            }
        }
    }
}
