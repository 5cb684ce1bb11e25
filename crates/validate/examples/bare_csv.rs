//! The baseline of the validation benchmark: a bare `csv::ByteRecord` loop that only
//! counts records and bytes, with the sniffed delimiter given on the command line.
//!
//! Usage: `bare_csv FILE [DELIMITER]`. Prints the record count and the elapsed seconds.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bare_csv FILE [DELIMITER]")?;
    let delimiter = args
        .next()
        .and_then(|text| text.bytes().next())
        .unwrap_or(b',');
    let started = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let mut records = 0u64;
    let mut bytes = 0usize;
    while reader.read_byte_record(&mut record)? {
        records += 1;
        bytes += record.as_slice().len();
    }
    println!(
        "records={records} field_bytes={bytes} seconds={:.3}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
