//! Evaluation of the rule catalogue over an org.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Band, Finding, RuleId, Severity, SubjectRef, Thresholds};
use crate::model::{
    GroupId, Org, PersonId, ScaledRole, Structure, TeamCount, TeamId, TeamRole, Threshold, Unit,
};
use crate::words::plural;

/// Validate with the org's own profile and overrides.
pub fn validate(org: &Org) -> Vec<Finding> {
    validate_with(org, &Thresholds::from_settings(org.rules()))
}

/// Validate with explicit thresholds. Findings come sorted: errors first, then by rule id, then
/// by subject.
pub fn validate_with(org: &Org, t: &Thresholds) -> Vec<Finding> {
    validate_in(org, &org.structure(), t)
}

/// Validate with the org's structure already at hand (the designer keeps it per revision).
pub fn validate_in(org: &Org, s: &Structure, t: &Thresholds) -> Vec<Finding> {
    let ctx = Ctx::new(org, s, t);
    let mut out = Vec::new();
    ctx.team_rules(&mut out);
    ctx.group_rules(&mut out);
    ctx.body_rules(&mut out);
    ctx.structure_rules(&mut out);
    ctx.people_rules(&mut out);
    // The overlay checks on the events, for an org that records its cadence.
    if org.cadence().is_some() {
        let cal = crate::events::derive(org, s);
        let m = crate::events::metrics(org, s, &cal);
        out.extend(super::overlay::check(org, s, &cal, &m, &t.overlay));
    }
    out.sort_by(|a, b| {
        (a.severity, a.rule, a.subject, &a.message)
            .cmp(&(b.severity, b.rule, b.subject, &b.message))
    });
    out
}

fn names(org: &Org, people: impl IntoIterator<Item = PersonId>) -> String {
    let names: Vec<String> = people.into_iter().map(|p| org.person_name(p)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One seat: who, where, which role, and whether the team is a real Scrum team.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Seat {
    person: PersonId,
    team: TeamId,
    role: TeamRole,
    real: bool,
}

struct Ctx<'a> {
    org: &'a Org,
    t: &'a Thresholds,
    s: &'a Structure,
    /// Every seat in every team, sorted by person, so a person's seats are one slice.
    seats: Vec<Seat>,
    /// Top group and distance from the top (top groups: 0) of each group reachable from a top.
    from_top: HashMap<GroupId, (GroupId, u32)>,
}

impl<'a> Ctx<'a> {
    fn new(org: &'a Org, s: &'a Structure, t: &'a Thresholds) -> Self {
        let mut seats = Vec::with_capacity(org.people().len() + org.teams().len());
        for team in org.teams().values() {
            for role in TeamRole::ALL {
                seats.extend(team.seats(role).iter().map(|p| Seat {
                    person: *p,
                    team: team.id,
                    role,
                    real: team.is_real(),
                }));
            }
        }
        seats.sort_unstable();
        let mut from_top =
            HashMap::with_capacity_and_hasher(org.groups().len(), Default::default());
        let mut stack: Vec<(GroupId, GroupId, u32)> =
            s.top_groups.iter().map(|g| (*g, *g, 0)).collect();
        while let Some((g, top, d)) = stack.pop() {
            if from_top.insert(g, (top, d)).is_some() {
                continue;
            }
            stack.extend(s.child_groups(g).map(|c| (c, top, d + 1)));
        }
        Ctx {
            org,
            t,
            s,
            seats,
            from_top,
        }
    }

    /// All seats of one person.
    fn seats_of(&self, p: PersonId) -> &[Seat] {
        let start = self.seats.partition_point(|s| s.person < p);
        let end = start + self.seats[start..].partition_point(|s| s.person == p);
        &self.seats[start..end]
    }

    fn finding(
        &self,
        rule: u8,
        severity: Severity,
        subject: SubjectRef,
        message: String,
    ) -> Finding {
        let subject_name = match subject {
            SubjectRef::Org => self.org.name().to_string(),
            SubjectRef::Team(t) => self.org.unit_name(Unit::Team(t)),
            SubjectRef::Group(g) => self.org.unit_name(Unit::Group(g)),
            SubjectRef::Person(p) => self.org.person_name(p),
            SubjectRef::Eat => "Executive Action Team".to_string(),
            SubjectRef::Ems => "Executive MetaScrum".to_string(),
        };
        Finding {
            rule: RuleId(rule),
            severity,
            subject,
            subject_name,
            message,
        }
    }

    fn group_title(&self, g: GroupId) -> String {
        let level = self.s.level(g);
        format!(
            "{} {}",
            Structure::level_label(level),
            self.org.unit_name(Unit::Group(g))
        )
    }

    // ---- V1-V5: teams -------------------------------------------------------------------

    fn team_rules(&self, out: &mut Vec<Finding>) {
        for team in self.org.teams().values().filter(|t| t.is_real()) {
            let subject = SubjectRef::Team(team.id);
            let name = &team.name;
            for (rule, role, long) in [
                (1, TeamRole::ProductOwner, "Product Owner"),
                (2, TeamRole::ScrumMaster, "Scrum Master"),
            ] {
                let seats = team.seats(role);
                match seats.len() {
                    1 => {}
                    0 => out.push(self.finding(
                        rule,
                        Severity::Error,
                        subject,
                        format!("Team {name} has no {long}; a Scrum team has exactly one."),
                    )),
                    n => out.push(self.finding(
                        rule,
                        Severity::Error,
                        subject,
                        format!(
                            "Team {name} has {n} {long}s ({}); a Scrum team has exactly one.",
                            names(self.org, seats.iter().copied())
                        ),
                    )),
                }
            }
            if team.developers.is_empty() {
                out.push(self.finding(
                    3,
                    Severity::Error,
                    subject,
                    format!("Team {name} has nobody doing Sprint work: add Developers (a PO or SM who develops also takes a Developer seat)."),
                ));
            }
            let (count, unit) = match self.t.team_count {
                TeamCount::Whole => (team.headcount(), ("person", "people")),
                TeamCount::Doers => (team.doers(), ("Developer", "Developers")),
            };
            let n = || plural(count, unit.0, unit.1);
            if let Some(min) = self.t.team_min
                && (count as u32) < min
            {
                out.push(self.finding(
                    4,
                    Severity::Warning,
                    subject,
                    format!(
                        "Team {name} has {}; {} minimum is {min}.",
                        n(),
                        self.t.source_of(Threshold::TeamMin)
                    ),
                ));
            }
            if let Some(max) = self.t.team_max
                && count as u32 > max
            {
                out.push(self.finding(
                    4,
                    Severity::Warning,
                    subject,
                    format!("Team {name} has {}; {} limit is {max}. Consider splitting it into two teams that share one Product Backlog.", n(), self.t.source_of(Threshold::TeamMax)),
                ));
            }
            if let Some(ideal) = self.t.doers_ideal_max
                && team.doers() as u32 > ideal
            {
                out.push(self.finding(
                    4,
                    Severity::Info,
                    subject,
                    format!(
                        "Team {name} has {}; {} ideal is {ideal} or fewer.",
                        plural(team.doers(), "Developer", "Developers"),
                        self.t.source_of(Threshold::DoersIdealMax)
                    ),
                ));
            }
            let both: Vec<PersonId> = team
                .product_owners
                .intersection(&team.scrum_masters)
                .copied()
                .collect();
            if !both.is_empty() {
                out.push(self.finding(
                    5,
                    Severity::Warning,
                    subject,
                    format!(
                        "{} is both Product Owner and Scrum Master of team {name}; the two accountabilities pull against each other.",
                        names(self.org, both)
                    ),
                ));
            }
        }
    }

    // ---- V6-V12, V23: groups ----------------------------------------------------------------

    /// Whether `person` naturally fills `role` in `g` ([`super::candidates`], one definition
    /// with the designer's picker), from the seats indexed for the person.
    fn is_candidate(&self, g: GroupId, person: PersonId, role: ScaledRole) -> bool {
        let seat = super::candidates::seat_for(role);
        let seated_in = self
            .seats_of(person)
            .iter()
            .filter(|s| s.role == seat)
            .map(|s| s.team);
        super::candidates::is_candidate(self.org, self.s, g, role, person, seated_in)
    }

    /// Whether `person` belongs to a unit: a seat in the team, or for a group any seat or scaled
    /// role within its subtree.
    fn belongs_to(&self, unit: Unit, person: PersonId) -> bool {
        match unit {
            Unit::Team(t) => self.org.team(t).is_some_and(|t| t.has_member(person)),
            Unit::Group(g) => {
                let in_team = self
                    .seats_of(person)
                    .iter()
                    .any(|s| self.org.is_within(Unit::Team(s.team), g));
                in_team
                    || std::iter::once(g)
                        .chain(self.s.groups_below(g))
                        .filter_map(|x| self.org.group(x))
                        .any(|x| x.masters.iter().chain(&x.cpos).any(|h| h.person == person))
            }
        }
    }

    fn group_rules(&self, out: &mut Vec<Finding>) {
        let any_dod = self.org.groups().values().any(|g| {
            g.definition_of_done
                .as_ref()
                .is_some_and(|d| !d.trim().is_empty())
        });
        for group in self.org.groups().values() {
            let g = group.id;
            let subject = SubjectRef::Group(g);
            let level = self.s.level(g);
            let title = || self.group_title(g);
            let children = self.s.children(g);
            // V6 / V12: member count.
            let (rule, band) = if level <= 1 {
                (6, self.t.group)
            } else {
                (12, self.t.upper)
            };
            self.member_count(out, rule, band, subject, &title, children);

            // V7 / V8: exactly one holder of each scaled role.
            for (rule, role, label) in [
                (
                    7,
                    ScaledRole::Master,
                    Structure::master_label as fn(u32) -> String,
                ),
                (8, ScaledRole::ChiefProductOwner, Structure::cpo_label),
            ] {
                let holders = group.holders(role);
                if holders.is_empty() {
                    out.push(self.finding(
                        rule,
                        Severity::Error,
                        subject,
                        format!("{} has no {}.", title(), label(level)),
                    ));
                } else if holders.len() > 1 {
                    out.push(self.finding(
                        rule,
                        Severity::Error,
                        subject,
                        format!(
                            "{} has {} {}s ({}); it needs exactly one.",
                            title(),
                            holders.len(),
                            label(level),
                            names(self.org, holders.iter().map(|h| h.person))
                        ),
                    ));
                }
            }

            // V9 / V10: holders come from the member teams or are marked dedicated.
            for (rule, role, label, seat_label) in [
                (
                    9,
                    ScaledRole::ChiefProductOwner,
                    Structure::cpo_label as fn(u32) -> String,
                    "Product Owner",
                ),
                (
                    10,
                    ScaledRole::Master,
                    Structure::master_label,
                    "Scrum Master",
                ),
            ] {
                for h in group.holders(role).iter().filter(|h| !h.dedicated) {
                    if !self.is_candidate(g, h.person, role) {
                        out.push(self.finding(
                            rule,
                            Severity::Warning,
                            subject,
                            format!(
                                "{}, {} of {}, is not a {seat_label} of any of its teams; pick one of them or mark {} as dedicated.",
                                self.org.person_name(h.person),
                                label(level),
                                title(),
                                self.org.person_name(h.person)
                            ),
                        ));
                    }
                }
            }

            // V11: every member has a Scaled Daily Scrum representative.
            for &child in children {
                let (rep, explicit) = match child {
                    Unit::Team(t) => {
                        let t = self.org.team(t).expect("structure");
                        (t.effective_sds_rep(), t.sds_rep.is_some())
                    }
                    Unit::Group(c) => {
                        let c = self.org.group(c).expect("structure");
                        (c.effective_sds_rep(), c.sds_rep.is_some())
                    }
                };
                let child_name = || self.org.unit_name(child);
                let child_subject = match child {
                    Unit::Team(t) => SubjectRef::Team(t),
                    Unit::Group(c) => SubjectRef::Group(c),
                };
                match rep {
                    None => out.push(self.finding(
                        11,
                        Severity::Warning,
                        child_subject,
                        format!("{} has nobody at the Scaled Daily Scrum of {}: name a representative (by default its {}).", child_name(), title(), match child { Unit::Team(_) => "Scrum Master", Unit::Group(_) => "master" }),
                    )),
                    Some(p) if explicit && !self.belongs_to(child, p) => out.push(self.finding(
                        11,
                        Severity::Warning,
                        child_subject,
                        format!(
                            "{} represents {} at the Scaled Daily Scrum of {} but is not part of it.",
                            self.org.person_name(p),
                            child_name(),
                            title()
                        ),
                    )),
                    Some(_) => {}
                }
            }

            // V23: shared Definition of Done, only where the org records any.
            if any_dod
                && group
                    .definition_of_done
                    .as_ref()
                    .is_none_or(|d| d.trim().is_empty())
            {
                out.push(self.finding(
                    23,
                    Severity::Info,
                    subject,
                    format!("{} has no shared Definition of Done recorded.", title()),
                ));
            }
        }
    }

    fn member_count(
        &self,
        out: &mut Vec<Finding>,
        rule: u8,
        band: Band,
        subject: SubjectRef,
        title: &dyn Fn() -> String,
        children: &[Unit],
    ) {
        let n = children.len();
        let n32 = n as u32;
        let severity = if n == 0 {
            Severity::Error
        } else if n32 < band.warn_below || n32 > band.warn_above {
            Severity::Warning
        } else if n32 < band.target_min || n32 > band.target_max {
            Severity::Info
        } else {
            return;
        };
        let teams = children
            .iter()
            .filter(|u| matches!(u, Unit::Team(_)))
            .count();
        let what = if teams == n {
            plural(n, "team", "teams")
        } else if teams == 0 {
            plural(n, "member group", "member groups")
        } else {
            plural(n, "member", "members")
        };
        let target = if band.target_min == band.target_max {
            band.target_min.to_string()
        } else {
            format!("{} or {}", band.target_min, band.target_max)
        };
        let title = title();
        let message = if n == 0 {
            format!("{title} is empty; give it members or delete it.")
        } else if n32 < band.warn_below {
            format!(
                "{title} has only {what}; a group works best with {target}. Merge it with a neighbour or add members."
            )
        } else if n32 > band.warn_above {
            format!("{title} has {what}; a group works best with {target}. Consider splitting it.")
        } else {
            format!("{title} has {what}; the Scrum@Scale target is {target}.")
        };
        out.push(self.finding(rule, severity, subject, message));
    }

    // ---- V13-V16, V22: executive bodies ---------------------------------------------------------

    fn body_rules(&self, out: &mut Vec<Finding>) {
        let org = self.org;
        let eat = org.eat();
        let ems = org.ems();
        if !org.groups().is_empty() {
            if eat.is_empty() {
                out.push(self.finding(
                    13,
                    Severity::Warning,
                    SubjectRef::Eat,
                    "The organisation has Scrums of Scrums but no Executive Action Team members; impediments the groups cannot clear have nowhere to go.".to_string(),
                ));
            }
            if ems.is_empty() {
                out.push(self.finding(
                    13,
                    Severity::Warning,
                    SubjectRef::Ems,
                    "The organisation has Scrums of Scrums but no Executive MetaScrum attendees; backlog priorities across groups have nowhere to be set.".to_string(),
                ));
            }
        }
        if !eat.is_empty() {
            let missing: Vec<&str> = [
                (eat.product_owner.is_none(), "Product Owner"),
                (eat.scrum_master.is_none(), "Scrum Master"),
            ]
            .into_iter()
            .filter_map(|(m, l)| m.then_some(l))
            .collect();
            if !missing.is_empty() {
                out.push(self.finding(
                    14,
                    Severity::Warning,
                    SubjectRef::Eat,
                    format!(
                        "The Executive Action Team has no designated {}.",
                        missing.join(" or ")
                    ),
                ));
            }
        }
        if ems.is_empty() {
            return;
        }
        // The facilitator (usually the top CPO) attends by definition.
        let attends = |p: &PersonId| ems.attendees.contains(p) || ems.facilitator == Some(*p);
        // V15: group CPOs at or above ems_min_level attend the EMS (auto: the top two levels).
        let ems_min_level = self.t.ems_min_level.at(self.s.depth());
        for group in org.groups().values() {
            let level = self.s.level(group.id);
            if level < ems_min_level {
                continue;
            }
            for h in &group.cpos {
                if !attends(&h.person) {
                    out.push(self.finding(
                        15,
                        Severity::Warning,
                        SubjectRef::Person(h.person),
                        format!(
                            "{}, {} of {}, does not attend the Executive MetaScrum.",
                            org.person_name(h.person),
                            Structure::cpo_label(level),
                            self.group_title(group.id)
                        ),
                    ));
                }
            }
        }
        // V16: with a single SoS, every team PO attends the EMS.
        let sos: Vec<GroupId> = org
            .groups()
            .keys()
            .copied()
            .filter(|g| self.s.level(*g) == 1)
            .collect();
        if let [only] = sos.as_slice() {
            for t in self.s.child_teams(*only) {
                let team = org.team(t).expect("structure");
                for po in &team.product_owners {
                    if !attends(po) {
                        out.push(self.finding(
                            16,
                            Severity::Warning,
                            SubjectRef::Person(*po),
                            format!(
                                "{}, Product Owner of {}, does not attend the Executive MetaScrum; with a single Scrum of Scrums the team POs take part in it.",
                                org.person_name(*po),
                                team.name
                            ),
                        ));
                    }
                }
            }
        }
        // V22: EAT and EMS may share members; deliberately never reported.
    }

    // ---- V17, V21: structure ---------------------------------------------------------------------

    fn structure_rules(&self, out: &mut Vec<Finding>) {
        for cycle in self.org.cycles() {
            let path: Vec<String> = cycle
                .iter()
                .map(|g| self.org.unit_name(Unit::Group(*g)))
                .collect();
            out.push(self.finding(
                17,
                Severity::Error,
                SubjectRef::Group(cycle[0]),
                format!(
                    "Groups contain each other in a circle: {}.",
                    path.join(" → ")
                ),
            ));
        }
        let depth = self.s.depth();
        if depth > self.t.max_depth {
            out.push(self.finding(
                21,
                Severity::Info,
                SubjectRef::Org,
                format!(
                    "The organisation is {depth} levels deep; more than {} levels of groups slows coordination.",
                    self.t.max_depth
                ),
            ));
        }
        // Ragged trees: teams of one top group at different depths.
        let mut spread: HashMap<GroupId, (u32, u32)> = HashMap::default();
        for team in self.org.teams().values() {
            let Some(parent) = team.group else { continue };
            let Some(&(top, d)) = self.from_top.get(&parent) else {
                continue;
            };
            let e = spread.entry(top).or_insert((u32::MAX, 0));
            e.0 = e.0.min(d + 1);
            e.1 = e.1.max(d + 1);
        }
        let mut ragged: Vec<_> = spread.into_iter().filter(|(_, (a, b))| a != b).collect();
        ragged.sort_unstable();
        for (top, (min, max)) in ragged {
            out.push(self.finding(
                21,
                Severity::Info,
                SubjectRef::Group(top),
                format!(
                    "Teams under {} sit at different depths ({min} to {max} levels down); a regular structure keeps every team at the same level.",
                    self.group_title(top)
                ),
            ));
        }
    }

    // ---- V18-V20: people ------------------------------------------------------------------------

    fn people_rules(&self, out: &mut Vec<Finding>) {
        let org = self.org;
        for seats in self.seats.chunk_by(|a, b| a.person == b.person) {
            let p = seats[0].person;
            let real = || seats.iter().filter(|s| s.real);
            // Seats are sorted by team within a person, so distinct teams are runs.
            let teams = real()
                .map(|s| s.team)
                .fold((0usize, None), |(n, last), t| {
                    if last == Some(t) {
                        (n, last)
                    } else {
                        (n + 1, Some(t))
                    }
                })
                .0;
            if teams >= 2 {
                let all_sm = real().all(|s| s.role == TeamRole::ScrumMaster);
                let all_po = real().all(|s| s.role == TeamRole::ProductOwner);
                let parents: HashSet<Option<GroupId>> = real()
                    .map(|s| org.team(s.team).and_then(|t| t.group))
                    .collect();
                let list = || {
                    let mut ids: Vec<TeamId> = real().map(|s| s.team).collect();
                    ids.dedup();
                    let parts: Vec<String> = ids
                        .iter()
                        .map(|t| {
                            let team = org.team(*t).expect("indexed");
                            let roles: Vec<&str> =
                                team.roles_of(p).iter().map(|r| r.short()).collect();
                            format!("{} as {}", team.name, roles.join("+"))
                        })
                        .collect();
                    parts.join(", ")
                };
                let name = || org.person_name(p);
                if all_sm {
                    // Left to V19.
                } else if all_po && parents.len() == 1 && !parents.contains(&None) {
                    out.push(self.finding(
                        18,
                        Severity::Info,
                        SubjectRef::Person(p),
                        format!("{} is Product Owner of {teams} teams in one Scrum of Scrums ({}); sharing a PO across a SoS is allowed but stretches them.", name(), list()),
                    ));
                } else {
                    out.push(self.finding(
                        18,
                        Severity::Warning,
                        SubjectRef::Person(p),
                        format!("{} works in {teams} teams ({}); splitting attention across teams costs focus.", name(), list()),
                    ));
                }
            }
            let sm_teams = real().filter(|s| s.role == TeamRole::ScrumMaster).count();
            if sm_teams >= 2 {
                let severity = if sm_teams as u32 > self.t.sm_max_teams {
                    Severity::Warning
                } else {
                    Severity::Info
                };
                out.push(self.finding(
                    19,
                    severity,
                    SubjectRef::Person(p),
                    format!(
                        "{} is Scrum Master of {sm_teams} teams; up to {} is workable.",
                        org.person_name(p),
                        self.t.sm_max_teams
                    ),
                ));
            }
        }
        // V20: scaled roles per person (None stands for the EAT seat).
        let mut scaled: Vec<(PersonId, Option<(GroupId, ScaledRole)>)> = Vec::new();
        for g in org.groups().values() {
            for role in [ScaledRole::Master, ScaledRole::ChiefProductOwner] {
                scaled.extend(
                    g.holders(role)
                        .iter()
                        .map(|h| (h.person, Some((g.id, role)))),
                );
            }
        }
        let eat = org.eat();
        let eat_people: HashSet<PersonId> = eat
            .members
            .iter()
            .chain(&eat.product_owner)
            .chain(&eat.scrum_master)
            .copied()
            .collect();
        scaled.extend(eat_people.into_iter().map(|p| (p, None)));
        scaled.sort_unstable_by_key(|(p, r)| {
            (*p, r.map(|(g, role)| (g, role == ScaledRole::Master)))
        });
        for roles in scaled.chunk_by(|a, b| a.0 == b.0) {
            if roles.len() as u32 <= self.t.max_scaled_roles {
                continue;
            }
            let p = roles[0].0;
            let labels: Vec<String> = roles
                .iter()
                .map(|(_, r)| match r {
                    Some((g, role)) => {
                        let level = self.s.level(*g);
                        let label = match role {
                            ScaledRole::Master => Structure::master_label(level),
                            ScaledRole::ChiefProductOwner => Structure::cpo_label(level),
                        };
                        format!("{label} of {}", org.unit_name(Unit::Group(*g)))
                    }
                    None => "EAT member".to_string(),
                })
                .collect();
            out.push(self.finding(
                20,
                Severity::Info,
                SubjectRef::Person(p),
                format!(
                    "{} holds {} scaled roles ({}); more than {} is a lot for one person.",
                    org.person_name(p),
                    roles.len(),
                    labels.join(", "),
                    self.t.max_scaled_roles
                ),
            ));
        }
    }
}
