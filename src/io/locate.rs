//! Find the line and column of a JSON path in well-formed JSON text, so that errors found after
//! parsing (a dangling id, a duplicate) can point at the place in the file.

use std::fmt::Write;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
    /// The element of an array that is this string: for lists read into sets, whose order in the
    /// file is gone once parsed. [`resolve`] turns it into its [`Seg::Index`].
    Element(String),
}

/// Render as `$.teams[3].group`.
pub fn render(path: &[Seg]) -> String {
    let mut s = String::from("$");
    for seg in path {
        match seg {
            Seg::Key(k) => {
                let _ = write!(s, ".{k}");
            }
            Seg::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
            Seg::Element(_) => s.push_str("[?]"),
        }
    }
    s
}

/// `path` with each [`Seg::Element`] replaced by the index of that string in the text's array.
/// An element the text does not have ends the path at its array.
pub fn resolve(text: &str, path: &[Seg]) -> Vec<Seg> {
    let mut out = Vec::with_capacity(path.len());
    for seg in path {
        match seg {
            Seg::Element(_) => match find(text, &out, Some(seg)) {
                Some((_, Some(n))) => out.push(Seg::Index(n)),
                _ => break,
            },
            seg => out.push(seg.clone()),
        }
    }
    out
}

/// 1-based line and column of the value at `path`, if the text has it.
pub fn locate(text: &str, path: &[Seg]) -> Option<(usize, usize)> {
    find(text, path, None).map(|(i, _)| line_col(text, i))
}

/// The byte offset of the value at `path` followed by `last`, and the index `last` found when it
/// is a [`Seg::Element`].
fn find(text: &str, path: &[Seg], last: Option<&Seg>) -> Option<(usize, Option<usize>)> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, 0);
    let mut found = None;
    for seg in path.iter().chain(last) {
        match (seg, bytes.get(i)?) {
            (Seg::Key(key), b'{') => {
                i = skip_ws(bytes, i + 1);
                loop {
                    if bytes.get(i)? == &b'}' {
                        return None;
                    }
                    let (k, after) = read_string(bytes, i)?;
                    i = skip_ws(bytes, after);
                    if bytes.get(i)? != &b':' {
                        return None;
                    }
                    i = skip_ws(bytes, i + 1);
                    if &k == key {
                        break;
                    }
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
            }
            (Seg::Index(n), b'[') => {
                i = skip_ws(bytes, i + 1);
                for _ in 0..*n {
                    if bytes.get(i)? == &b']' {
                        return None;
                    }
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
                if bytes.get(i)? == &b']' {
                    return None;
                }
            }
            (Seg::Element(want), b'[') => {
                i = skip_ws(bytes, i + 1);
                let mut n = 0;
                loop {
                    if bytes.get(i)? == &b']' {
                        return None;
                    }
                    let end = skip_value(bytes, i)?;
                    if bytes[i] == b'"' && read_string(bytes, i).is_some_and(|(s, _)| &s == want) {
                        found = Some(n);
                        break;
                    }
                    i = skip_ws(bytes, end);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                    n += 1;
                }
            }
            _ => return None,
        }
    }
    Some((i, found))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

fn read_string(b: &[u8], i: usize) -> Option<(String, usize)> {
    if b.get(i)? != &b'"' {
        return None;
    }
    let end = skip_string(b, i)?;
    let s: String = serde_json::from_slice(&b[i..end]).ok()?;
    Some((s, end))
}

fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Offset just past the value starting at `i`. Iterative, so deep nesting cannot overflow.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = i;
            loop {
                match *b.get(i)? {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = i;
            while i < b.len() && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": 1,\n  \"teams\": [\n    {\"id\": \"t1\"},\n    {\"id\": \"t2\", \"group\": \"g9\"}\n  ]\n}";
        let path = [
            Seg::Key("teams".into()),
            Seg::Index(1),
            Seg::Key("group".into()),
        ];
        assert_eq!(locate(text, &path), Some((5, 27)));
        assert_eq!(render(&path), "$.teams[1].group");
        assert_eq!(locate(text, &[Seg::Key("a".into())]), Some((2, 8)));
        assert_eq!(locate(text, &[Seg::Key("zz".into())]), None);
        assert_eq!(
            locate(text, &[Seg::Key("teams".into()), Seg::Index(5)]),
            None
        );
    }

    #[test]
    fn resolves_elements_of_sets_to_their_place_in_the_file() {
        let text = "{\"t\": [{\"devs\": [\"p3\", {\"x\": 1}, \"b\\u006fb\", \"ana\"]}]}";
        let path = |v: &str| {
            vec![
                Seg::Key("t".into()),
                Seg::Index(0),
                Seg::Key("devs".into()),
                Seg::Element(v.into()),
            ]
        };
        let bob = resolve(text, &path("bob"));
        assert_eq!(render(&bob), "$.t[0].devs[2]");
        assert_eq!(locate(text, &bob), Some((1, 34)));
        assert_eq!(render(&resolve(text, &path("ana"))), "$.t[0].devs[3]");
        assert_eq!(render(&resolve(text, &path("p3"))), "$.t[0].devs[0]");
        // Not there: the path ends at the array.
        assert_eq!(render(&resolve(text, &path("zed"))), "$.t[0].devs");
        assert_eq!(render(&path("zed")), "$.t[0].devs[?]");
    }
}
