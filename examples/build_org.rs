//! Build a small org with the library API: one Scrum of Scrums of four teams, its SoSM and CPO,
//! an EAT and an EMS. Then validate it, print its statistics and save it.
//!
//! ```text
//! cargo run --example build_org -- small.json
//! ```

use orgscale::model::{
    Body, Command, Group, History, Org, Person, PersonId, ScaledRole, Team, TeamId,
};
use orgscale::rules::validate;
use orgscale::stats::Stats;

fn person(org: &mut Org, history: &mut History, name: &str, email: &str) -> PersonId {
    let id = org.next_person_id();
    let person = Person {
        id,
        name: name.to_string(),
        email: Some(email.to_string()),
    };
    history
        .apply(org, Command::AddPerson(person))
        .expect("new id");
    id
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut org = Org::new("Small Shop");
    let mut history = History::new();

    let sos = org.next_group_id();
    history.apply(&mut org, Command::AddGroup(Group::new(sos, "Web Shop")))?;

    let crew: [(&str, [&str; 5]); 4] = [
        (
            "Storefront",
            [
                "Ada Brandt",
                "Ben Osei",
                "Cleo Martins",
                "Dan Weiss",
                "Eva Lund",
            ],
        ),
        (
            "Checkout",
            [
                "Femi Adebayo",
                "Gina Russo",
                "Hugo Blanc",
                "Iris Novak",
                "Jae Kim",
            ],
        ),
        (
            "Search",
            [
                "Kira Patel",
                "Leo Varga",
                "Mona Saleh",
                "Nils Dahl",
                "Omar Aziz",
            ],
        ),
        (
            "Payments",
            [
                "Pia Lorenz",
                "Raj Menon",
                "Sara Holm",
                "Tim Walsh",
                "Uta Kraus",
            ],
        ),
    ];
    let mut teams: Vec<TeamId> = Vec::new();
    for (team_name, names) in crew {
        let ids: Vec<PersonId> = names
            .iter()
            .map(|n| {
                let email = format!("{}@smallshop.example", n.to_lowercase().replace(' ', "."));
                person(&mut org, &mut history, n, &email)
            })
            .collect();
        let id = org.next_team_id();
        let mut team = Team::new(id, team_name);
        team.group = Some(sos);
        team.product_owners.insert(ids[0]);
        team.scrum_masters.insert(ids[1]);
        team.developers.extend(&ids[2..]);
        history.apply(&mut org, Command::AddTeam(team))?;
        teams.push(id);
    }

    // The Storefront SM runs the Scaled Daily Scrum; a dedicated Chief Product Owner owns the
    // common backlog.
    let sosm = org
        .team(teams[0])
        .expect("added")
        .scrum_masters
        .first()
        .copied()
        .expect("SM");
    history.apply(
        &mut org,
        Command::assign(sos, ScaledRole::Master, sosm, false),
    )?;
    let cpo = person(
        &mut org,
        &mut history,
        "Vera Lindgren",
        "vera.lindgren@smallshop.example",
    );
    history.apply(
        &mut org,
        Command::assign(sos, ScaledRole::ChiefProductOwner, cpo, true),
    )?;

    // EAT: the SoSM, the CPO and the CEO. EMS: the CPO, the CEO and, with one SoS, every team PO.
    let ceo = person(
        &mut org,
        &mut history,
        "Walter Reyes",
        "walter.reyes@smallshop.example",
    );
    for p in [sosm, cpo, ceo] {
        history.apply(
            &mut org,
            Command::SetBodyMember {
                body: Body::Eat,
                person: p,
                member: true,
            },
        )?;
    }
    history.apply(&mut org, Command::SetEatScrumMaster(Some(sosm)))?;
    history.apply(&mut org, Command::SetEatProductOwner(Some(ceo)))?;
    let mut ems = vec![cpo, ceo];
    ems.extend(
        teams
            .iter()
            .filter_map(|t| org.team(*t)?.product_owners.first().copied()),
    );
    for p in ems {
        history.apply(
            &mut org,
            Command::SetBodyMember {
                body: Body::Ems,
                person: p,
                member: true,
            },
        )?;
    }
    history.apply(&mut org, Command::SetEmsFacilitator(Some(cpo)))?;

    let findings = validate(&org);
    println!("{} findings", findings.len());
    for f in &findings {
        println!("  {}[{}] {}", f.severity, f.rule, f.message);
    }
    print!("{}", Stats::of(&org).to_text());

    // Every step above is undoable.
    println!("Last step: {}", history.undo_label().unwrap_or("none"));

    if let Some(path) = std::env::args().nth(1) {
        orgscale::io::json::save(&org, std::path::Path::new(&path))?;
        println!("Saved {path}");
    }
    Ok(())
}
