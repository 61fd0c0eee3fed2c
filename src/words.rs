//! Small words shared by every front end: counts with their nouns.

/// "1 team", "2 teams", "0 teams".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_right_noun() {
        assert_eq!(super::plural(0, "team", "teams"), "0 teams");
        assert_eq!(super::plural(1, "person", "people"), "1 person");
        assert_eq!(super::plural(12, "person", "people"), "12 people");
    }
}
