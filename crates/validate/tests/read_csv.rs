//! Data-driven tests of the CSV reader: each case writes a small file, reads it back and
//! compares a plain-text rendering of what was detected and of every record.

use std::fmt::Write;
use std::path::PathBuf;

use validate::read::{ReadError, ReadOptions, Record, open_path};

/// Writes `bytes` to a fresh file named `name` and returns its path.
fn fixture(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socle-read-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("fixture written");
    path
}

/// Renders the detected settings, then one line per record: its number, its fields joined
/// by `|` (`<blank>` for an empty line) and its problems.
fn render(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<String, ReadError> {
    let path = fixture(name, bytes);
    let mut source = open_path(&path, options)?;
    let info = source.info().clone();
    let mut out = String::new();
    let delimiter = info
        .delimiter
        .map(char::from)
        .map(|c| format!("{c:?}"))
        .unwrap_or_default();
    let terminator = info.line_terminator.unwrap_or("none");
    let _ = writeln!(
        out,
        "{} bom={} delimiter={delimiter} {terminator}",
        info.encoding, info.bom
    );
    let mut record = Record::new();
    while source.read_record(&mut record)? {
        let fields = if record.is_blank_line() {
            "<blank>".to_owned()
        } else {
            record.iter().collect::<Vec<_>>().join("|")
        };
        let _ = write!(out, "{}: {fields}", record.row_number);
        for problem in &record.problems {
            let _ = write!(out, " {problem:?}");
        }
        out.push('\n');
    }
    Ok(out)
}

fn check(name: &str, bytes: &[u8], expected: &str) {
    check_with(name, bytes, &ReadOptions::default(), expected);
}

fn check_with(name: &str, bytes: &[u8], options: &ReadOptions, expected: &str) {
    let actual =
        render(name, bytes, options).unwrap_or_else(|error| format!("error: {}", error.code()));
    assert_eq!(actual.trim_end(), expected.trim(), "case {name}");
}

fn check_error(name: &str, bytes: &[u8], options: &ReadOptions, code: &str) -> ReadError {
    let path = fixture(name, bytes);
    let error = match open_path(&path, options) {
        Err(error) => error,
        Ok(mut source) => {
            let mut record = Record::new();
            loop {
                match source.read_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => panic!("case {name}: read to the end without error"),
                    Err(error) => break error,
                }
            }
        }
    };
    assert_eq!(error.code(), code, "case {name}: {error}");
    error
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf8_bom_stripped_from_first_header() {
    check(
        "bom.csv",
        "\u{FEFF}nom,ville\nAnne,Brest\n".as_bytes(),
        "
UTF-8 bom=true delimiter=',' LF
1: nom|ville
2: Anne|Brest",
    );
}

#[test]
fn utf16_with_bom() {
    let text = "nom;ville\r\nÉlodie;Sète\r\n";
    let expected = "
{enc} bom=true delimiter=';' CRLF
1: nom|ville
2: Élodie|Sète";
    check(
        "le.csv",
        &utf16(text, true),
        &expected.replace("{enc}", "UTF-16LE"),
    );
    check(
        "be.csv",
        &utf16(text, false),
        &expected.replace("{enc}", "UTF-16BE"),
    );
}

#[test]
fn windows_1252_accent_in_last_line_only() {
    let mut bytes = b"commune,montant\n".to_vec();
    for index in 0..20_000 {
        bytes.extend_from_slice(format!("Brest,{index}\n").as_bytes());
    }
    bytes.extend_from_slice(b"S\xE8te \x96 l\x92\xEEle,12\n");
    let path = fixture("cp1252.csv", &bytes);
    let mut source = open_path(&path, &ReadOptions::default()).expect("opened");
    assert_eq!(source.info().encoding, "windows-1252");
    assert!(source.info().encoding_confident);
    let mut record = Record::new();
    let mut last = (0, String::new());
    while source.read_record(&mut record).expect("read") {
        last = (
            record.row_number,
            record.get(0).unwrap_or_default().to_owned(),
        );
        assert!(record.problems.is_empty(), "row {}", record.row_number);
    }
    assert_eq!(last, (20_002, "Sète – l’île".to_owned()));
}

// chardetng does not tell ISO-8859-15 from windows-1252; the reader picks ISO-8859-15 when
// the bytes of `€` or `œ` there appear and no windows-1252-only byte does.
#[test]
fn iso_8859_15_euro_and_oe() {
    check(
        "latin9.csv",
        b"objet,prix\nc\xBDur de ville,12 \xA4\nd\xE9j\xE0 vu,3\n",
        "
ISO-8859-15 bom=false delimiter=',' LF
1: objet|prix
2: cœur de ville|12 €
3: déjà vu|3",
    );
}

#[test]
fn utf8_invalid_byte_flags_one_row() {
    let bytes = b"nom,ville\n\xC3\x89lodie,S\xC3\xA8te\nAnne,Br\xE9st\nZo\xC3\xA9,Caen\n";
    check(
        "broken.csv",
        bytes,
        "
UTF-8 bom=false delimiter=',' LF
1: nom|ville
2: Élodie|Sète
3: Anne|Br\u{FFFD}st EncodingError { field_index: Some(1) }
4: Zoé|Caen",
    );
}

#[test]
fn semicolon_with_commas_in_values() {
    check(
        "semicolon.csv",
        b"nom;montant;note\nA;1,5;x, y\nB;2,25;\"z;w\"\n",
        "
UTF-8 bom=false delimiter=';' LF
1: nom|montant|note
2: A|1,5|x, y
3: B|2,25|z;w",
    );
}

#[test]
fn tab_and_pipe_delimiters() {
    check(
        "tab.txt",
        b"a\tb\n1\t2\n",
        "
UTF-8 bom=false delimiter='\\t' LF
1: a|b
2: 1|2",
    );
    check(
        "pipe.csv",
        b"a|b\n1|2\n",
        "
UTF-8 bom=false delimiter='|' LF
1: a|b
2: 1|2",
    );
}

#[test]
fn tsv_extension_forces_tab() {
    check(
        "forced.tsv",
        b"a,b\tc\n1,2\t3\n",
        "
UTF-8 bom=false delimiter='\\t' LF
1: a,b|c
2: 1,2|3",
    );
}

#[test]
fn forced_delimiter_wins() {
    let options = ReadOptions {
        delimiter: Some(b';'),
        ..ReadOptions::default()
    };
    check_with(
        "forced.csv",
        b"a,b;c\n1,2;3\n",
        &options,
        "
UTF-8 bom=false delimiter=';' LF
1: a,b|c
2: 1,2|3",
    );
}

#[test]
fn cr_only_line_ends() {
    check(
        "cr.csv",
        b"a,b\r1,2\r\r3,4",
        "
UTF-8 bom=false delimiter=',' CR
1: a|b
2: 1|2
3: <blank>
4: 3|4",
    );
}

#[test]
fn quoted_newlines_do_not_shift_rows() {
    check("multiline.csv", b"id,texte\r\n1,\"ligne un\r\nligne deux\nligne trois\"\r\n2,\"dit \"\"oui\"\"\"\r\n3,fin\r\n", "
UTF-8 bom=false delimiter=',' CRLF
1: id|texte
2: 1|ligne un\r\nligne deux\nligne trois
3: 2|dit \"oui\"
4: 3|fin");
}

#[test]
fn empty_lines_are_records() {
    check(
        "blank.csv",
        b"a,b\n\n1,2\n\r\n3,4\n\n",
        "
UTF-8 bom=false delimiter=',' mixed
1: a|b
2: <blank>
3: 1|2
4: <blank>
5: 3|4
6: <blank>",
    );
}

#[test]
fn text_after_closing_quote_is_kept() {
    check(
        "after-quote.csv",
        b"a,b\n\"ab\"cd,\"\"x\n",
        "
UTF-8 bom=false delimiter=',' LF
1: a|b
2: abcd|x",
    );
}

#[test]
fn header_only_and_blank_lines_only() {
    check(
        "header.csv",
        b"a,b,c",
        "
UTF-8 bom=false delimiter=',' none
1: a|b|c",
    );
    check(
        "blank-lines.csv",
        b"\n\n\n",
        "
UTF-8 bom=false delimiter=',' LF
1: <blank>
2: <blank>
3: <blank>",
    );
}

#[test]
fn empty_file_is_an_error() {
    check_error("empty.csv", b"", &ReadOptions::default(), "read-empty-file");
    check_error(
        "bom-only.csv",
        b"\xEF\xBB\xBF",
        &ReadOptions::default(),
        "read-empty-file",
    );
}

#[test]
fn one_megabyte_cell() {
    let cell = "x".repeat(1024 * 1024);
    let bytes = format!("a,b\n1,\"{cell}\"\n2,3\n");
    let path = fixture("big-cell.csv", bytes.as_bytes());
    let mut source = open_path(&path, &ReadOptions::default()).expect("opened");
    let mut record = Record::new();
    assert!(source.read_record(&mut record).expect("header"));
    assert!(source.read_record(&mut record).expect("big row"));
    assert_eq!(record.get(1).map(str::len), Some(cell.len()));
    assert!(source.read_record(&mut record).expect("last row"));
    assert_eq!(record.row_number, 3);
    assert_eq!(record.get(1), Some("3"));
}

#[test]
fn hundred_thousand_columns_rejected() {
    let header = (0..100_000)
        .map(|index| format!("c{index}"))
        .collect::<Vec<_>>()
        .join(",");
    let bytes = format!("{header}\n");
    let error = check_error(
        "wide.csv",
        bytes.as_bytes(),
        &ReadOptions::default(),
        "read-too-many-columns",
    );
    let args = error.args();
    assert!(args.contains(&("count", "100000".to_owned())), "{args:?}");
    assert!(args.contains(&("limit", "16384".to_owned())), "{args:?}");
}

#[test]
fn wide_data_row_truncated_with_problem() {
    let options = ReadOptions {
        max_columns: 3,
        ..ReadOptions::default()
    };
    check_with(
        "wide-row.csv",
        b"a,b,c\n1,2,3,4,5\n",
        &options,
        "
UTF-8 bom=false delimiter=',' LF
1: a|b|c
2: 1|2|3 TooManyColumns { count: 5, limit: 3 }",
    );
}

#[test]
fn unbalanced_quote_stops_at_the_limit() {
    let mut bytes = b"a,b\n1,2\n3,\"open\n".to_vec();
    for _ in 0..10_000 {
        bytes.extend_from_slice(b"4,5\n");
    }
    let options = ReadOptions {
        max_record_bytes: 1024,
        ..ReadOptions::default()
    };
    let error = check_error("quote.csv", &bytes, &options, "read-record-too-large");
    assert!(
        error.args().contains(&("line", "3".to_owned())),
        "{:?}",
        error.args()
    );
}

#[test]
fn unbalanced_quote_at_end_is_a_problem() {
    check(
        "quote-end.csv",
        b"a,b\n1,\"open\n2,3\n",
        "
UTF-8 bom=false delimiter=',' LF
1: a|b
2: 1|open\n2,3\n UnterminatedQuote { line: 2 }",
    );
}

#[test]
fn skip_initial_space_as_python_sniffs() {
    check(
        "spaces.csv",
        b"nom, ville\nx, Paris\n",
        "
UTF-8 bom=false delimiter=',' LF
1: nom|ville
2: x|Paris",
    );
}

#[test]
fn binary_and_unsupported_content() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    check_error(
        "image.csv",
        png,
        &ReadOptions::default(),
        "read-binary-content",
    );
    check_error(
        "page.xls",
        b"<html><body><table></table></body></html>",
        &ReadOptions::default(),
        "read-unsupported-format",
    );
    check_error(
        "data.json",
        b"{\"a\": 1}",
        &ReadOptions::default(),
        "read-unsupported-format",
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compressed");
    encoder.finish().expect("compressed")
}

#[test]
fn gzip_content_detected_and_read() {
    let path = fixture("data.csv.gz", &gzip("nom;ville\nZoé;Sète\n".as_bytes()));
    let mut source = open_path(&path, &ReadOptions::default()).expect("opened");
    assert_eq!(source.info().compression, Some("gzip"));
    assert_eq!(source.info().bytes, "nom;ville\nZoé;Sète\n".len() as u64);
    let mut record = Record::new();
    assert!(source.read_record(&mut record).expect("header"));
    assert!(source.read_record(&mut record).expect("row"));
    assert_eq!(record.get(1), Some("Sète"));
}

#[test]
fn gzip_bomb_stops_at_the_limit() {
    let zeros = vec![b'0'; 4 * 1024 * 1024];
    let options = ReadOptions {
        max_decompressed_bytes: 1024 * 1024,
        ..ReadOptions::default()
    };
    let error = check_error(
        "bomb.csv.gz",
        &gzip(&zeros),
        &options,
        "read-decompressed-too-large",
    );
    assert!(error.args().contains(&("limit", "1048576".to_owned())));
}

#[test]
fn gzip_inside_gzip_rejected() {
    let inner = gzip(b"a,b\n1,2\n");
    check_error(
        "double.gz",
        &gzip(&inner),
        &ReadOptions::default(),
        "read-unsupported-format",
    );
}
