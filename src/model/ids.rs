//! Stable, typed identifiers.
//!
//! Ids are written to files as short strings so that a reader of a diff sees what a reference
//! points at, and so that a person id can never be mistaken for a team id (the field says which
//! kind of id it holds). They never depend on array positions and survive save/load unchanged.
//!
//! An id is either *numeric*, written as its kind's prefix and a number (`p12`, `t3`, `g7`), the
//! kind the designer and the commands make, or a *slug* chosen by whoever writes the file
//! (`ana.silva`, `checkout`, `sos-payments`): 1-64 ASCII letters, digits, `.`, `_` or `-`,
//! starting with a letter or digit. Both are one `u32`, so ids stay `Copy` and cheap map keys:
//! values below 2^31 (`SLUG_BIT`) are the numbers themselves (`t3` is `TeamId(3)`); a slug is interned
//! once per process in an append-only table shared by the three kinds and stored as
//! `SLUG_BIT | index`. Interning is a bijection, so equality and hashing stay on the `u32`; the
//! order is by hand: every numeric id before every slug, numbers by value (`t2` before `t10`),
//! slugs by their text (independent of the order they were first seen in).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;
use std::sync::RwLock;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Set in an id's `u32` when it is a slug; the other bits index the slug table. Numbers below it
/// are numeric ids.
const SLUG_BIT: u32 = 1 << 31;

/// The longest slug, in characters.
const MAX_SLUG_LEN: usize = 64;

/// The process-wide slug table. Append-only: an index, once given, names the same text for the
/// rest of the process, which is what lets `Display` and `Ord` read it without holding the lock
/// (the texts are leaked, at most 64 bytes per distinct slug ever seen).
struct Interner {
    texts: Vec<&'static str>,
    index: FxHashMap<&'static str, u32>,
}

static INTERNER: RwLock<Interner> = RwLock::new(Interner {
    texts: Vec::new(),
    index: FxHashMap::with_hasher(FxBuildHasher),
});

/// The table index of `slug`, adding it when new; `None` only when 2^31 slugs are taken.
fn intern(slug: &str) -> Option<u32> {
    if let Some(&i) = INTERNER
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .index
        .get(slug)
    {
        return Some(i);
    }
    let mut table = INTERNER.write().unwrap_or_else(|e| e.into_inner());
    if let Some(&i) = table.index.get(slug) {
        return Some(i);
    }
    let i = u32::try_from(table.texts.len())
        .ok()
        .filter(|i| *i < SLUG_BIT)?;
    let text: &'static str = Box::leak(slug.to_owned().into_boxed_str());
    table.texts.push(text);
    table.index.insert(text, i);
    Some(i)
}

/// The text of the slug at table index `i`, if there is one.
fn slug_text(i: u32) -> Option<&'static str> {
    INTERNER
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .texts
        .get(i as usize)
        .copied()
}

/// The order of two slug ids: by their texts, read under one lock. Distinct indices name
/// distinct texts; the bits only break the tie of hand-made values that name no text.
fn cmp_slugs(a: u32, b: u32) -> Ordering {
    let table = INTERNER.read().unwrap_or_else(|e| e.into_inner());
    let text = |id: u32| table.texts.get((id & !SLUG_BIT) as usize);
    text(a).cmp(&text(b)).then(a.cmp(&b))
}

/// Whether `s` has the shape of a slug (1-64 ASCII letters, digits, `.`, `_`, `-`, starting with
/// a letter or digit). Says nothing of whether it would read as a numeric id instead.
fn is_valid_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_SLUG_LEN
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// The number of `s` when it is `prefix` and digits worth less than `SLUG_BIT`.
fn numeric(s: &str, prefix: char) -> Option<u32> {
    s.strip_prefix(prefix)
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|digits| digits.parse::<u32>().ok())
        .filter(|n| *n < SLUG_BIT)
}

/// Why `s` is not an id of kind `what`.
fn refusal(s: &str, what: &str, slug_example: &str, prefix: char) -> String {
    let advice = format!(
        "start with a letter or digit and use only letters, digits, '.', '_' or '-', like `{slug_example}` or `{prefix}1`"
    );
    if s.is_empty() {
        format!("an empty string is not a valid {what} id ({advice})")
    } else if s.chars().count() > MAX_SLUG_LEN {
        let head: String = s.chars().take(MAX_SLUG_LEN).collect();
        format!("`{head}…` is not a valid {what} id (it is longer than {MAX_SLUG_LEN} characters)")
    } else {
        format!("`{s}` is not a valid {what} id ({advice})")
    }
}

/// An id as its `u32`, for code that keeps ids of any kind in dense tables (numeric ids are
/// small and dense: the designer counts them up from 1).
pub trait RawId: Copy + Eq + std::hash::Hash + Ord {
    fn raw(self) -> u32;
}

/// Whether a raw id is numeric (below 2^31), not a slug.
pub fn is_numeric_raw(raw: u32) -> bool {
    raw & SLUG_BIT == 0
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal, $example:literal) => {
        $(#[$doc])*
        ///
        #[doc = concat!("Numeric (`", $prefix, "3`, the `u32` below 2^31) or a slug (`", $example, "`); see the [module](self) for the rules.")]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The prefix of numeric ids in files (`p`, `t` or `g`).
            pub const PREFIX: char = $prefix;

            /// The largest numeric id; every slug sorts after it.
            pub const MAX_NUMERIC: Self = Self(SLUG_BIT - 1);

            /// The id named by the slug `s`, refused when `s` is not a valid slug or is written
            /// like a numeric id of this kind (parse that instead:
            #[doc = concat!("`", $prefix, "3` is always the number 3).")]
            pub fn slug(s: &str) -> Result<Self, String> {
                if numeric(s, $prefix).is_some() {
                    return Err(format!(
                        "`{s}` is a numeric {} id, not a slug",
                        $what
                    ));
                }
                if !is_valid_slug(s) {
                    return Err(refusal(s, $what, $example, $prefix));
                }
                intern(s)
                    .map(|i| Self(SLUG_BIT | i))
                    .ok_or_else(|| "too many different ids in this session".to_string())
            }

            /// Whether this id is a slug rather than a number.
            pub fn is_slug(self) -> bool {
                self.0 & SLUG_BIT != 0
            }

            /// The number of a numeric id.
            pub fn number(self) -> Option<u32> {
                (!self.is_slug()).then_some(self.0)
            }

            /// The text of a slug id.
            pub fn as_slug(self) -> Option<&'static str> {
                if self.is_slug() {
                    slug_text(self.0 & !SLUG_BIT)
                } else {
                    None
                }
            }

            /// A name for tools that allow only ASCII letters, digits and `_` in names (Graphviz,
            /// Mermaid), different for every id of every kind and never a keyword: a numeric id
            /// as written (
            #[doc = concat!("`", $prefix, "3`), a slug as `", $prefix, "_` and its text with `_` doubled, `.` as `_d` and `-` as `_h`.")]
            pub fn ident(self) -> String {
                match self.as_slug() {
                    Some(slug) => {
                        let mut out = String::with_capacity(slug.len() + 4);
                        out.push($prefix);
                        out.push('_');
                        for c in slug.chars() {
                            match c {
                                '_' => out.push_str("__"),
                                '.' => out.push_str("_d"),
                                '-' => out.push_str("_h"),
                                c => out.push(c),
                            }
                        }
                        out
                    }
                    None => self.to_string(),
                }
            }

            /// The numeric id following this one (the first, 1, after a slug). Saturates at
            /// [`Self::MAX_NUMERIC`].
            pub fn next(self) -> Self {
                match self.number() {
                    Some(n) => Self(n.saturating_add(1).min(SLUG_BIT - 1)),
                    None => Self(1),
                }
            }
        }

        impl RawId for $name {
            fn raw(self) -> u32 {
                self.0
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> Ordering {
                // Numbers are below SLUG_BIT and slugs above it, so the plain `u32` order already
                // puts numbers first and by value; only two different slugs need their texts.
                if self.0 & other.0 & SLUG_BIT == 0 || self.0 == other.0 {
                    return self.0.cmp(&other.0);
                }
                cmp_slugs(self.0, other.0)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match (self.number(), self.as_slug()) {
                    (Some(n), _) => write!(f, "{}{}", $prefix, n),
                    (None, Some(slug)) => f.write_str(slug),
                    // A hand-made value that names no slug.
                    (None, None) => write!(f, "{}#{}", $prefix, self.0),
                }
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut t = f.debug_tuple(stringify!($name));
                match self.as_slug() {
                    Some(slug) => t.field(&slug),
                    None => t.field(&self.0),
                };
                t.finish()
            }
        }

        impl FromStr for $name {
            type Err = String;
            #[doc = concat!("A numeric id (`", $prefix, "12`) or a slug (`", $example, "`).")]
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match numeric(s, $prefix) {
                    Some(n) => Ok(Self(n)),
                    None => Self::slug(s),
                }
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
                    "pattern": concat!("^(", $prefix, "[0-9]+|[A-Za-z0-9][A-Za-z0-9._-]{0,63})$"),
                    "description": concat!(
                        "Stable id of a ", $what, ": `", $prefix, "` and a number (`", $prefix,
                        "12`), or a slug of 1-64 letters, digits, '.', '_' or '-' starting with a \
                         letter or digit (`", $example, "`). Saves keep it."
                    )
                })
            }
        }
    };
}

id_type!(
    /// Identifies a person.
    PersonId,
    'p',
    "person",
    "ana.silva"
);
id_type!(
    /// Identifies a Scrum team (real or virtual).
    TeamId,
    't',
    "team",
    "checkout"
);
id_type!(
    /// Identifies a group: a Scrum of Scrums (level 1), SoSoS (level 2) or higher.
    GroupId,
    'g',
    "group",
    "sos-payments"
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
    fn numeric_ids_round_trip_as_prefixed_strings() {
        assert_eq!(PersonId(12).to_string(), "p12");
        assert_eq!("t3".parse::<TeamId>(), Ok(TeamId(3)));
        assert_eq!("t007".parse::<TeamId>(), Ok(TeamId(7)));
        assert_eq!(
            "t2147483647".parse::<TeamId>(),
            Ok(TeamId::MAX_NUMERIC),
            "the largest number below 2^31 is numeric"
        );
        assert!(!TeamId(3).is_slug());
        assert_eq!(TeamId(3).number(), Some(3));
        assert_eq!(TeamId(3).as_slug(), None);
        let json = serde_json::to_string(&GroupId(7)).unwrap();
        assert_eq!(json, "\"g7\"");
        assert_eq!(serde_json::from_str::<GroupId>(&json).unwrap(), GroupId(7));
        assert_eq!(format!("{:?}", TeamId(3)), "TeamId(3)");
    }

    #[test]
    fn slugs_round_trip_and_are_equal_by_text() {
        for s in [
            "checkout",
            "ana.silva",
            "sos-payments",
            "a",
            "9lives",
            "x_1",
            "T-Rex",
        ] {
            let t: TeamId = s.parse().unwrap();
            assert!(t.is_slug(), "{s}");
            assert_eq!(t.number(), None);
            assert_eq!(t.as_slug(), Some(s));
            assert_eq!(t.to_string(), s);
            assert_eq!(TeamId::slug(s), Ok(t), "interned once");
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<TeamId>(&json).unwrap(), t);
        }
        assert_eq!(
            format!("{:?}", PersonId::slug("ana.silva").unwrap()),
            "PersonId(\"ana.silva\")"
        );
        let long = "a".repeat(MAX_SLUG_LEN);
        assert_eq!(long.parse::<GroupId>().unwrap().to_string(), long);
    }

    #[test]
    fn what_is_not_a_number_of_this_kind_is_a_slug() {
        // The field says the kind: `p3` in a team field is a team slug, and so is a prefix with
        // no digits, a sign, or a number too large to be numeric.
        for s in ["p3", "t", "t-1", "t2147483648", "t99999999999", "g7"] {
            let t: TeamId = s.parse().unwrap();
            assert!(t.is_slug(), "{s}");
            assert_eq!(t.to_string(), s);
        }
        let person_t3: PersonId = "t3".parse().unwrap();
        assert!(person_t3.is_slug());
        assert!(!"p3".parse::<PersonId>().unwrap().is_slug());
        // `slug` refuses the numeric form, whose meaning is the number.
        let e = TeamId::slug("t3").unwrap_err();
        assert!(e.contains("numeric team id"), "{e}");
    }

    #[test]
    fn invalid_ids_are_refused_with_advice() {
        let e = "ana silva".parse::<PersonId>().unwrap_err();
        assert_eq!(
            e,
            "`ana silva` is not a valid person id (start with a letter or digit and use only \
             letters, digits, '.', '_' or '-', like `ana.silva` or `p1`)"
        );
        for bad in [
            "", " ", "a b", "a/b", "-x", ".x", "_x", "zoë", "café", "t3 ", "a\tb", "a:b", "#1",
        ] {
            let e = bad.parse::<TeamId>().unwrap_err();
            assert!(e.contains("not a valid team id"), "{bad:?}: {e}");
        }
        assert!(
            "".parse::<GroupId>()
                .unwrap_err()
                .starts_with("an empty string is not a valid group id")
        );
        let e = "a".repeat(MAX_SLUG_LEN + 1).parse::<GroupId>().unwrap_err();
        assert!(e.ends_with("(it is longer than 64 characters)"), "{e}");
        assert!(
            serde_json::from_str::<TeamId>("\"sos payments\"")
                .unwrap_err()
                .to_string()
                .contains("`sos payments` is not a valid team id")
        );
    }

    #[test]
    fn numbers_sort_by_value_before_every_slug() {
        let t = |s: &str| s.parse::<TeamId>().unwrap();
        assert!(t("t2") < t("t10"));
        assert!(t("t10") < t("t2147483647"));
        assert!(t("t2147483647") < t("0"), "every number before every slug");
        assert!(t("t999") < t("aaa"));
        assert!(TeamId::MAX_NUMERIC < t("t2147483648"));
        let mut v = [t("zeta"), t("t10"), t("alpha"), t("t2"), t("t10b"), t("t1")];
        v.sort();
        let shown: Vec<String> = v.iter().map(|i| i.to_string()).collect();
        assert_eq!(shown, ["t1", "t2", "t10", "alpha", "t10b", "zeta"]);
    }

    #[test]
    fn slugs_sort_by_text_whatever_order_they_were_interned_in() {
        // Intern in reverse order (unique texts, so no other test interned them first): the
        // table indices then run against the text order, and the order must follow the text.
        let texts = [
            "order-test.a",
            "order-test.b",
            "order-test.c",
            "order-test.d",
        ];
        let ids: Vec<GroupId> = texts
            .iter()
            .rev()
            .map(|s| GroupId::slug(s).unwrap())
            .collect();
        assert!(
            ids.windows(2).all(|w| w[0].0 < w[1].0),
            "interned in this order"
        );
        let mut sorted = ids.clone();
        sorted.sort();
        let shown: Vec<&str> = sorted.iter().map(|g| g.as_slug().unwrap()).collect();
        assert_eq!(shown, texts);
        // Byte order of the text: upper case before lower, digits before letters.
        let g = |s: &str| GroupId::slug(s).unwrap();
        assert!(g("order-Z") < g("order-a"));
        assert!(g("order-9") < g("order-A"));
        assert!(g("order") < g("order-"));
    }

    #[test]
    fn next_is_numeric() {
        assert_eq!(TeamId(4).next(), TeamId(5));
        assert_eq!(TeamId::MAX_NUMERIC.next(), TeamId::MAX_NUMERIC);
        assert_eq!(TeamId::slug("checkout").unwrap().next(), TeamId(1));
    }

    #[test]
    fn idents_are_plain_and_distinct() {
        assert_eq!(TeamId(3).ident(), "t3");
        assert_eq!(
            GroupId::slug("sos-payments").unwrap().ident(),
            "g_sos_hpayments"
        );
        assert_eq!(PersonId::slug("ana.silva").unwrap().ident(), "p_ana_dsilva");
        // Texts that a naive mapping would merge stay apart, and no kind meets another.
        let texts = [
            "a-b", "a.b", "a_b", "a_hb", "a__b", "ab", "a_db", "t3", "g3", "end",
        ];
        let mut seen = std::collections::HashSet::new();
        for s in texts {
            let t: TeamId = s.parse().unwrap();
            let g: GroupId = s.parse().unwrap();
            for ident in [t.ident(), g.ident()] {
                assert!(
                    ident
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                    "{ident}"
                );
                assert!(seen.insert(ident.clone()), "{s}: {ident} twice");
            }
        }
        assert!(seen.contains("t3") && seen.contains("g_t3") && seen.contains("t_end"));
    }

    #[test]
    fn kinds_share_texts_but_not_meaning() {
        let p = PersonId::slug("shared-text").unwrap();
        let t = TeamId::slug("shared-text").unwrap();
        assert_eq!(p.0, t.0, "one table for all kinds");
        assert_eq!(p.to_string(), t.to_string());
    }
}
