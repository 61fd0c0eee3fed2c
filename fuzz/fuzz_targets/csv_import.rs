#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use orgscale::io::{csv_roster, json};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    let Ok(org) = csv_roster::import_bytes(path, data) else {
        return;
    };
    let _ = orgscale::rules::validate(&org);
    let _ = json::to_string(&org);
    if let Ok(roster) = csv_roster::export(&org) {
        if let Err(e) = csv_roster::import_bytes(path, roster.as_bytes()) {
            panic!("exported roster does not import: {e}\n{roster}");
        }
    }
});
