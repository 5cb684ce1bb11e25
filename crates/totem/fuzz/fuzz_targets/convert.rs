//! Feeds arbitrary bytes to the converter, which must return a result and never panic.
//! Run with `cargo +nightly fuzz run convert` from `crates/totem`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plans = totem::Plans::empty();
    let _ = totem::convert(data, std::io::sink(), &plans, &totem::ConvertOptions::default());
});
