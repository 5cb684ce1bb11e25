//! Sniffs arbitrary content and checks that a delimiter is reported for CSV and TSV only,
//! and a tab for TSV. A panic in the reader fails the target.

#![no_main]

use libfuzzer_sys::fuzz_target;
use validate::read::{Format, sniff_path};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::keep_caught_panics();
    let Some(path) = common::write_input(data) else {
        return;
    };
    if let Ok(info) = sniff_path(&path, &common::small_limits()) {
        let text = matches!(info.format, Format::Csv | Format::Tsv);
        assert_eq!(info.delimiter.is_some(), text);
        if info.format == Format::Tsv {
            assert_eq!(info.delimiter, Some(b'\t'));
        }
    }
});
