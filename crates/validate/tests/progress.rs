//! Progress reporting: a reader knows how far it is in its file, and a validation run
//! publishes that position to the caller's shared counter.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use validate::read::{ReadOptions, Record, open_path};
use validate::{Options, Progress, validate_path};

fn fixture(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socle-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("fixture written");
    path
}

/// Builds a CSV file of about 1.3 MB, larger than the reader's chunks and sniffing sample.
fn large_csv() -> Vec<u8> {
    let mut bytes = b"id,nom,montant\n".to_vec();
    for row in 0..60_000 {
        writeln!(bytes, "{row},Commune numero {row},{}.50", row % 977).expect("write");
    }
    bytes
}

#[test]
fn csv_position_counts_file_bytes() {
    let bytes = large_csv();
    let path = fixture("position.csv", &bytes);
    let mut source = open_path(&path, &ReadOptions::default()).expect("opened");
    let mut record = Record::new();

    assert!(source.read_record(&mut record).expect("header"));
    let (early, total) = source.position();
    assert_eq!(total, bytes.len() as u64);
    assert!(early > 0, "nothing counted after the header");
    assert!(early < total, "early position {early} of {total}");

    while source.read_record(&mut record).expect("row") {}
    assert_eq!(source.position(), (total, total));
}

#[test]
fn run_progress_reaches_file_end() {
    let bytes = large_csv();
    let path = fixture("run.csv", &bytes);
    let progress = Arc::new(Progress::new());
    assert_eq!(progress.fraction(), None, "size unknown before the run");

    let options = Options {
        threads: 2,
        batch_rows: 100,
        progress: Some(Arc::clone(&progress)),
        ..Options::default()
    };
    let report = validate_path(&path, None, None, &options).expect("validated");
    assert_eq!(report.stats.rows, 60_000);
    assert_eq!(
        progress.done_and_total(),
        (bytes.len() as u64, bytes.len() as u64)
    );
    assert_eq!(progress.fraction(), Some(1.0));
}

#[test]
fn gzip_position_counts_compressed_bytes() {
    use flate2::Compression;
    use flate2::write::GzEncoder;

    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(&large_csv()).expect("compressed");
    let compressed = encoder.finish().expect("compressed");
    let path = fixture("position.csv.gz", &compressed);
    let mut source = open_path(&path, &ReadOptions::default()).expect("opened");
    let mut record = Record::new();
    while source.read_record(&mut record).expect("row") {}
    assert_eq!(
        source.position(),
        (compressed.len() as u64, compressed.len() as u64)
    );
}
