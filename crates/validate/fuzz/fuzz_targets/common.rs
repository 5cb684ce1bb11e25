//! Shared by the fuzz targets: writing the input to a file, since the readers open paths,
//! and limits small enough that the fuzzer spends its time on parsing, not on size.

use std::path::PathBuf;
use std::sync::Once;

use validate::read::ReadOptions;

/// File name extensions the first input byte chooses from, so that detection by extension
/// is fuzzed too.
const EXTENSIONS: [&str; 8] = ["csv", "tsv", "txt", "xlsx", "xls", "ods", "csv.gz", "json"];

/// Writes `data` minus its first byte to a per-process file whose extension the first byte
/// picks, and returns the path.
pub fn write_input(data: &[u8]) -> Option<PathBuf> {
    let (&selector, content) = data.split_first()?;
    let extension = EXTENSIONS[usize::from(selector) % EXTENSIONS.len()];
    let path =
        std::env::temp_dir().join(format!("validate-fuzz-{}.{extension}", std::process::id()));
    std::fs::write(&path, content).ok()?;
    Some(path)
}

pub fn small_limits() -> ReadOptions {
    ReadOptions {
        max_record_bytes: 64 * 1024,
        max_columns: 256,
        max_decompressed_bytes: 4 * 1024 * 1024,
        max_spreadsheet_bytes: 4 * 1024 * 1024,
        max_sheet_cells: 100_000,
        ..ReadOptions::default()
    }
}

/// Restores the default panic hook, which libfuzzer-sys replaces by one that aborts before
/// unwinding. The reader turns panics inside `calamine` into errors with `catch_unwind`,
/// and that is the behaviour to fuzz. A panic in the reader's own code still reaches the
/// `fuzz_target!` wrapper, which aborts, so the fuzzer still reports it.
pub fn keep_caught_panics() {
    static RESTORE: Once = Once::new();
    RESTORE.call_once(|| drop(std::panic::take_hook()));
}
