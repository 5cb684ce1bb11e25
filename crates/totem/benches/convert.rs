//! Conversion throughput on a generated 64 MiB TOTEM document held in memory, written to a
//! sink. Run with `cargo bench -p totem`; divan reports bytes of XML per second.
//!
//! The plans de comptes are read from `../shared/reference/totem/plans-de-compte` beside the
//! repository when present, so that labels and chapters are resolved as in production;
//! without them the run measures parsing and writing only, and prints a message about it.

mod generate;

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use totem::{ConvertOptions, Plans};

const DOCUMENT_BYTES: u64 = 64 << 20;

fn main() {
    divan::main();
}

fn document() -> &'static [u8] {
    static DOCUMENT: OnceLock<Vec<u8>> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut bytes = Vec::new();
        generate::SyntheticBudget::new(DOCUMENT_BYTES)
            .read_to_end(&mut bytes)
            .expect("generated document");
        bytes
    })
}

fn plans() -> &'static Plans {
    static PLANS: OnceLock<Plans> = OnceLock::new();
    PLANS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/reference/totem/plans-de-compte");
        match Plans::load_dir(&dir) {
            Ok(plans) => plans,
            Err(_) => {
                eprintln!(
                    "plans de comptes absent at {}: measuring without labels",
                    dir.display()
                );
                Plans::empty()
            }
        }
    })
}

#[divan::bench(sample_count = 10)]
fn convert_64_mib(bencher: divan::Bencher) {
    let input = document();
    let plans = plans();
    bencher.counter(BytesCount::of_slice(input)).bench(|| {
        totem::convert(input, std::io::sink(), plans, &ConvertOptions::default()).expect("converts")
    });
}
