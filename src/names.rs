//! Names for generated people, teams and groups: plausible, readable and unique however many
//! are asked for. A leaf module (it needs only the model's level labels) so that growth and the
//! sample generators can both use it without importing each other.

use crate::model::Structure;

const FIRST: [&str; 64] = [
    "Aisha", "Ben", "Carla", "Deepak", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Luis", "Maya", "Nikolai", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tanya", "Umar", "Vera",
    "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Chen", "Dalia", "Emil", "Fatima", "Gustav",
    "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Rafael", "Sofia",
    "Tomas", "Uma", "Viktor", "Wanda", "Yara", "Zain", "Anika", "Bilal", "Clara", "Diego", "Esra",
    "Felix", "Gita", "Hugo", "Ingrid", "Jamal", "Keiko", "Leon", "Mirela", "Noah",
];
const LAST: [&str; 48] = [
    "Okafor",
    "Schmidt",
    "Rossi",
    "Sharma",
    "Petrova",
    "Haddad",
    "Kim",
    "Tanaka",
    "Moreau",
    "Lindqvist",
    "Adeyemi",
    "Garcia",
    "Cohen",
    "Ivanov",
    "Novak",
    "Silva",
    "Walsh",
    "Mendes",
    "Nakamura",
    "Brown",
    "Khan",
    "Jensen",
    "Zhang",
    "Lopez",
    "Demir",
    "Murphy",
    "Kowalski",
    "Nguyen",
    "Fischer",
    "Alvarez",
    "Mensah",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Farah",
    "Gallo",
    "Horvat",
    "Iyer",
    "Jovanovic",
    "Kaur",
    "Larsen",
    "Mwangi",
    "Ortiz",
    "Park",
    "Quispe",
    "Reyes",
    "Sato",
];
const AREAS: [&str; 25] = [
    "Checkout",
    "Search",
    "Payments",
    "Catalog",
    "Cart",
    "Pricing",
    "Reviews",
    "Recommendations",
    "Inventory",
    "Shipping",
    "Returns",
    "Invoicing",
    "Identity",
    "Notifications",
    "Loyalty",
    "Onboarding",
    "Analytics",
    "Fraud",
    "Messaging",
    "Storefront",
    "Mobile",
    "Partner API",
    "Billing",
    "Support Tools",
    "Data Platform",
];
const DOMAINS: [&str; 25] = [
    "Commerce",
    "Discovery",
    "Fulfilment",
    "Customer",
    "Platform",
    "Growth",
    "Finance",
    "Marketplace",
    "Logistics",
    "Insights",
    "Trust",
    "Engagement",
    "Operations",
    "Content",
    "Experience",
    "Integration",
    "Identity",
    "Retail",
    "Services",
    "Devices",
    "Security",
    "Payments",
    "Media",
    "Travel",
    "Health",
];

/// A plausible, unique full name for the n-th generated person.
pub fn person_name(n: usize) -> String {
    let first = FIRST[n % FIRST.len()];
    let last = LAST[(n / FIRST.len() + n) % LAST.len()];
    let round = n / (FIRST.len() * LAST.len());
    if round == 0 {
        format!("{first} {last}")
    } else {
        format!("{first} {last} {}", round + 1)
    }
}

/// A team name for the n-th generated team: an area, numbered once the areas run out.
pub fn team_name(n: usize) -> String {
    let area = AREAS[n % AREAS.len()];
    match n / AREAS.len() {
        0 => area.to_string(),
        k => format!("{area} {}", k + 1),
    }
}

/// A group name for the n-th group of a level.
pub fn group_name(level: u32, n: usize) -> String {
    let domain = DOMAINS[n % DOMAINS.len()];
    let round = n / DOMAINS.len();
    let suffix = if round == 0 {
        String::new()
    } else {
        format!(" {}", round + 1)
    };
    format!("{domain}{suffix} {}", Structure::level_label(level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_for_large_orgs() {
        let names: std::collections::HashSet<String> = (0..20_000).map(person_name).collect();
        assert_eq!(names.len(), 20_000);
        let teams: std::collections::HashSet<String> = (0..10_000).map(team_name).collect();
        assert_eq!(teams.len(), 10_000);
    }
}
