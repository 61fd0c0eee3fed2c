//! Small words shared by every front end: counts with their nouns, sentence starts.

/// "1 team", "2 teams", "0 teams".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
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
        assert_eq!(
            super::capitalised("there is no team 5"),
            "There is no team 5"
        );
        assert_eq!(super::capitalised(""), "");
    }
}
