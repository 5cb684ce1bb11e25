//! Feeds arbitrary bytes to the converter: it must return a result, never panic, and keep to
//! its limits. Run with `cargo +nightly fuzz run convert` from `crates/totem`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plans = totem::Plans::empty();
    let _ = totem::convert(data, std::io::sink(), &plans, &totem::ConvertOptions::default());
});
