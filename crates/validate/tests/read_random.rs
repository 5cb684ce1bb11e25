//! Checks the CSV reader against the records a generator wrote. The random fields contain
//! quotes, delimiters, CR, LF, accents and cells longer than the 64 KiB read chunk, quoted
//! the way spreadsheet programs quote them. They must read back unchanged and with the
//! right record numbers.

use std::path::PathBuf;

use validate::read::{ReadOptions, Record, open_path};

/// A xorshift generator, so that every run checks the same inputs.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: u64) -> usize {
        (self.next() % bound) as usize
    }
}

const PIECES: [&str; 9] = ["a", "b", "é", ",", "\"", "\n", "\r\n", " ", "€"];

fn random_field(random: &mut Random) -> String {
    let len = match random.below(50) {
        0 => 70_000 + random.below(2_000),
        1..=10 => 0,
        _ => random.below(12),
    };
    (0..len)
        .map(|_| PIECES[random.below(PIECES.len() as u64)])
        .collect()
}

/// Quotes a field when it needs it, and sometimes when it does not.
fn write_field(field: &str, random: &mut Random, out: &mut String) {
    let special = field.contains([',', '"', '\n', '\r']);
    if special || random.below(4) == 0 {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Returns the file content and the expected records, `None` standing for a blank line.
fn generate(seed: u64, records: usize) -> (String, Vec<Option<Vec<String>>>) {
    let mut random = Random(seed);
    let mut content = String::new();
    let mut expected = Vec::new();
    let width = 1 + random.below(6);
    for index in 0..records {
        if index > 0 && random.below(10) == 0 {
            content.push_str(if random.below(2) == 0 { "\n" } else { "\r\n" });
            expected.push(None);
            continue;
        }
        let fields: Vec<String> = (0..width).map(|_| random_field(&mut random)).collect();
        for (position, field) in fields.iter().enumerate() {
            if position > 0 {
                content.push(',');
            }
            if width == 1 && field.is_empty() {
                // An unquoted empty single field would be a blank line.
                content.push_str("\"\"");
            } else {
                write_field(field, &mut random, &mut content);
            }
        }
        content.push_str(if random.below(2) == 0 { "\n" } else { "\r\n" });
        expected.push(Some(fields));
    }
    (content, expected)
}

fn fixture(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socle-read-random-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("fixture written");
    path
}

#[test]
fn random_records_read_back_unchanged() {
    let options = ReadOptions {
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    for seed in 1..=24u64 {
        let (content, expected) = generate(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 60);
        let path = fixture(&format!("random-{seed}.csv"), &content);
        let mut source = open_path(&path, &options).expect("opened");
        let mut record = Record::new();
        let mut number = 0usize;
        while source.read_record(&mut record).expect("read") {
            let want = expected
                .get(number)
                .unwrap_or_else(|| panic!("seed {seed}: extra record"));
            number += 1;
            assert_eq!(record.row_number, number as u64, "seed {seed}");
            assert!(
                record.problems.is_empty(),
                "seed {seed} record {number}: {:?}",
                record.problems
            );
            match want {
                None => assert!(
                    record.is_blank_line(),
                    "seed {seed} record {number} should be blank"
                ),
                Some(fields) => {
                    let got: Vec<&str> = record.iter().collect();
                    assert_eq!(got, *fields, "seed {seed} record {number}");
                }
            }
        }
        assert_eq!(number, expected.len(), "seed {seed}: records missing");
    }
}
