//! Sniffs arbitrary content: format, encoding and dialect detection must return a result or
//! an error, never panic, and report a delimiter only for CSV and TSV.

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
