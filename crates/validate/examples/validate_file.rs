//! Runs one validation against a schema file, for profiling the row loop without the CLI.
//!
//! Usage: `cargo run --release -p validate --example validate_file -- SCHEMA FILE [THREADS]`.
//! `BATCH=N` sets the rows per batch. Prints the row and error counts and the elapsed
//! time; run it under `perf stat`, `perf record` or `valgrind --tool=callgrind` to see
//! where the time goes.

use std::path::PathBuf;
use std::time::Instant;

use tableschema::Schema;
use validate::{Options, validate_path};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(schema_path), Some(file)) = (args.next(), args.next()) else {
        eprintln!("usage: validate_file SCHEMA FILE [THREADS]");
        std::process::exit(2);
    };
    let threads = args.next().map_or(0, |value| {
        value.parse().expect("THREADS must be a whole number")
    });

    let bytes = std::fs::read(&schema_path).expect("schema read");
    let (schema, _) = Schema::from_json_slice(&bytes).expect("schema loaded");
    let compiled = schema.compile().expect("schema compiled");
    let options = Options {
        threads,
        max_errors: 1_000_000,
        batch_rows: std::env::var("BATCH")
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(1024),
        ..Options::default()
    };

    let started = Instant::now();
    let report = validate_path(&PathBuf::from(file), Some(&compiled), None, &options)
        .expect("file validated");
    println!(
        "{} rows, {} errors, {:.3} s",
        report.stats.rows,
        report.errors.len(),
        started.elapsed().as_secs_f64()
    );
}
