//! Converts one TOTEM file to the SCDL budget CSV on standard output, and prints the summary,
//! warnings and personal-data findings on standard error.
//!
//! Usage: `cargo run -p totem --example convert -- IN.xml [PLANS_DIR]`

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(input_path) = args.next() else {
        eprintln!("usage: convert IN.xml [PLANS_DIR]");
        return ExitCode::FAILURE;
    };
    let plans = match args.next() {
        Some(dir) => match totem::Plans::load_dir(Path::new(&dir)) {
            Ok(plans) => plans,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
        None => totem::Plans::empty(),
    };
    let input = match File::open(&input_path) {
        Ok(file) => BufReader::new(file),
        Err(error) => {
            eprintln!("error: opening {input_path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let output = BufWriter::new(std::io::stdout().lock());
    match totem::convert(input, output, &plans, &totem::ConvertOptions::default()) {
        Ok(conversion) => {
            eprintln!("{:#?}", conversion.summary);
            for notice in &conversion.warnings {
                eprintln!(
                    "warning: {} {:?} line {:?} x{}",
                    notice.code, notice.args, notice.line, notice.count
                );
            }
            for finding in &conversion.personal_data {
                eprintln!(
                    "personal data: {} <{}> line {}",
                    finding.kind.code(),
                    finding.element,
                    finding.line
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error [{}]: {error}", error.code());
            ExitCode::FAILURE
        }
    }
}
