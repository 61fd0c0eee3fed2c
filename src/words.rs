//! Small words shared by every front end: counts with their nouns, sentence starts.

/// "1 team", "2 teams", "0 teams", "12,500 teams".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
    }
}

/// A count with its thousands grouped: "950", "1,250", "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The text with its first letter upper-cased: a message that starts a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_right_noun() {
        assert_eq!(super::plural(0, "team", "teams"), "0 teams");
        assert_eq!(super::plural(1, "person", "people"), "1 person");
        assert_eq!(super::plural(12, "person", "people"), "12 people");
        assert_eq!(super::plural(1250, "team", "teams"), "1,250 teams");
        assert_eq!(super::thousands(100_000), "100,000");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(
            super::capitalised("there is no team 5"),
            "There is no team 5"
        );
        assert_eq!(super::capitalised(""), "");
    }
}
