//! Measures the CSV reader against a bare `csv::ByteRecord` loop over the same file.
//!
//! Usage: `cargo run --release -p validate --example read_throughput -- FILE [ROUNDS] [ONLY]`,
//! where ONLY is `bare` or `reader` to run one loop, for example under `perf stat` on a busy
//! machine.
//! A realistic input is a generated IRVE file (`gen_irve.py -n 100000 -o irve.csv`: 40
//! columns, about 500 bytes a row). Each round reads the file from the page cache, and the
//! best round counts.

use std::path::Path;
use std::time::{Duration, Instant};

use validate::read::{ReadOptions, Record, open_path};

fn bare_csv(path: &Path) -> (u64, u64) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .expect("file opened");
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record).expect("record read") {
        rows += 1;
        fields += record.len() as u64;
    }
    (rows, fields)
}

fn socle_reader(path: &Path) -> (u64, u64) {
    let mut source = open_path(path, &ReadOptions::default()).expect("file opened");
    let mut record = Record::new();
    let (mut rows, mut fields) = (0u64, 0u64);
    while source.read_record(&mut record).expect("record read") {
        rows += 1;
        fields += record.len() as u64;
    }
    (rows, fields)
}

fn best_of(rounds: u32, run: impl Fn() -> (u64, u64)) -> (Duration, (u64, u64)) {
    let mut best = Duration::MAX;
    let mut counts = (0, 0);
    for _ in 0..rounds {
        let started = Instant::now();
        counts = run();
        best = best.min(started.elapsed());
    }
    (best, counts)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: read_throughput FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds = args.next().and_then(|text| text.parse().ok()).unwrap_or(5);
    let only = args.next();
    let path = Path::new(&file);
    let bytes = std::fs::metadata(path).map(|meta| meta.len()).unwrap_or(0) as f64;

    for (name, run) in [
        ("csv::ByteRecord", bare_csv as fn(&Path) -> (u64, u64)),
        ("validate::read", socle_reader),
    ] {
        let selected = match only.as_deref() {
            Some("bare") => name == "csv::ByteRecord",
            Some("reader") => name == "validate::read",
            _ => true,
        };
        if !selected {
            continue;
        }
        let (time, (rows, fields)) = best_of(rounds, || run(path));
        let seconds = time.as_secs_f64();
        println!(
            "{name:16} {rows} records, {fields} fields in {:.3} s: {:.0} records/s, {:.0} MB/s",
            seconds,
            rows as f64 / seconds,
            bytes / seconds / 1e6
        );
    }
}
