//! Helpers shared by the export tests.

use std::path::Path;

/// An org from `examples/`.
pub fn load(name: &str) -> orgscale::model::Org {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    orgscale::io::load(&p).unwrap()
}

/// Compare with `tests/golden/NAME`, or rewrite it when `UPDATE_GOLDEN` is set.
pub fn golden(name: &str, text: &str) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&p, text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&p).unwrap_or_default(),
        text,
        "{} changed; check it and regenerate with UPDATE_GOLDEN=1",
        p.display()
    );
}
