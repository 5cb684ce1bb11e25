//! Loads and compiles arbitrary bytes as a Table Schema descriptor: every outcome must be
//! a schema or a list of problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tableschema::Schema;

fuzz_target!(|data: &[u8]| {
    if let Ok((schema, _warnings)) = Schema::from_json_slice(data) {
        let _ = schema.compile();
        let _ = schema.to_json_value();
    }
});
