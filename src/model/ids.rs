//! Stable, typed identifiers.
//!
//! Ids are written to files as short prefixed strings (`p12`, `t3`, `g7`) so that a reader
//! of a diff sees what kind of thing a reference points at, and so that a person id can never be
//! mistaken for a team id. They never depend on array positions and survive save/load unchanged.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The prefix used in files (`p`, `t` or `g`).
            pub const PREFIX: char = $prefix;

            /// The id following this one.
            pub fn next(self) -> Self {
                Self(self.0.saturating_add(1))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.strip_prefix($prefix)
                    .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|digits| digits.parse::<u32>().ok())
                    .map($name)
                    .ok_or_else(|| format!(
                        "`{s}` is not a {} id (expected `{}` followed by a number, like `{}1`)",
                        $what, $prefix, $prefix
                    ))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": concat!("^", $prefix, "[0-9]+$"),
                    "description": concat!("Stable id of a ", $what, ".")
                })
            }
        }
    };
}

id_type!(
    /// Identifies a person.
    PersonId,
    'p',
    "person"
);
id_type!(
    /// Identifies a Scrum team (real or virtual).
    TeamId,
    't',
    "team"
);
id_type!(
    /// Identifies a group: a Scrum of Scrums (level 1), SoSoS (level 2) or higher.
    GroupId,
    'g',
    "group"
);

/// A member of a group: a team or a child group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Team(TeamId),
    Group(GroupId),
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Team(t) => t.fmt(f),
            Unit::Group(g) => g.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_as_prefixed_strings() {
        assert_eq!(PersonId(12).to_string(), "p12");
        assert_eq!("t3".parse::<TeamId>(), Ok(TeamId(3)));
        assert!("p3".parse::<TeamId>().is_err());
        assert!("t".parse::<TeamId>().is_err());
        assert!("t-1".parse::<TeamId>().is_err());
        assert!("t99999999999".parse::<TeamId>().is_err());
        let json = serde_json::to_string(&GroupId(7)).unwrap();
        assert_eq!(json, "\"g7\"");
        assert_eq!(serde_json::from_str::<GroupId>(&json).unwrap(), GroupId(7));
    }
}
