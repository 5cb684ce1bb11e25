//! Reads every record of arbitrary content and checks the record invariants: numbers count
//! from 1 without gaps, every field is text, and an empty line has no field.

#![no_main]

use libfuzzer_sys::fuzz_target;
use validate::read::{Record, open_path};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::keep_caught_panics();
    let Some(path) = common::write_input(data) else {
        return;
    };
    let Ok(mut source) = open_path(&path, &common::small_limits()) else {
        return;
    };
    let mut record = Record::new();
    let mut expected = 0u64;
    while let Ok(true) = source.read_record(&mut record) {
        expected += 1;
        assert_eq!(record.row_number, expected);
        assert_eq!(record.iter().count(), record.len());
        for index in 0..record.len() {
            assert!(record.get(index).is_some());
        }
        if record.is_blank_line() {
            assert!(record.is_empty());
        }
    }
});
