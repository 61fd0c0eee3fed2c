#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use orgscale::io::{csv_roster, json};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.json");
    let Ok(org) = json::from_bytes(path, data) else {
        return;
    };
    let _ = orgscale::rules::validate(&org);
    let text = json::to_string(&org);
    let again = json::from_bytes(path, text.as_bytes())
        .unwrap_or_else(|e| panic!("saved JSON does not reload: {e}\n{text}"));
    assert_eq!(org, again, "JSON round trip changed the org");
    if let Ok(roster) = csv_roster::export(&org) {
        if let Err(e) = csv_roster::import_bytes(Path::new("fuzz.csv"), roster.as_bytes()) {
            panic!("exported roster does not import: {e}\n{roster}");
        }
    }
});
