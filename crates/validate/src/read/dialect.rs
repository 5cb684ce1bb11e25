//! CSV dialect sniffing from the first records: delimiter, leading spaces, line terminator.
//!
//! Each candidate delimiter (`,` `;` tab `|`) is tried by parsing the sample with the real,
//! quote-aware parser. A candidate must split the header into at least two fields. The one
//! whose later records most often have the header's field count wins; ties go to the
//! larger field count, then to the order above. This is how a `;` file whose values contain
//! commas is distinguished from a `,` file. Quotes are always `"`: files quoting with `'` are not
//! recognised.

use std::io::Cursor;

use super::fields::Fields;
use super::parser::{Parser, ParserConfig};

/// Candidate delimiters, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Number of records looked at, header included.
const SAMPLE_RECORDS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dialect {
    pub(crate) delimiter: u8,
    /// Python's `skipinitialspace`: turned on, as Python's sniffer does, when every
    /// delimiter of the first line is followed by a space.
    pub(crate) skip_initial_space: bool,
    pub(crate) line_terminator: Option<&'static str>,
}

/// Sniffs the dialect of `sample`, the first bytes of the UTF-8 content. `complete` is
/// `true` when the sample is the whole content (otherwise its last record may be cut short).
/// A `forced` delimiter is used as is.
pub(crate) fn sniff_dialect(sample: &[u8], complete: bool, forced: Option<u8>) -> Dialect {
    let delimiter = forced.unwrap_or_else(|| pick_delimiter(sample, complete));
    let (_, terminators) = field_counts(sample, complete, delimiter);
    Dialect {
        delimiter,
        skip_initial_space: spaces_follow_every_delimiter(sample, delimiter),
        line_terminator: terminator_name(terminators),
    }
}

fn pick_delimiter(sample: &[u8], complete: bool) -> u8 {
    let mut best: Option<((u32, usize), u8)> = None;
    for delimiter in CANDIDATES {
        let (counts, _) = field_counts(sample, complete, delimiter);
        let Some(score) = score(&counts) else {
            continue;
        };
        if best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, delimiter));
        }
    }
    best.map_or(b',', |(_, delimiter)| delimiter)
}

/// Scores the field counts of the sampled records: the share (per mille) of later records
/// with the header's count, then the header's count. `None` for fewer than two fields.
fn score(counts: &[usize]) -> Option<(u32, usize)> {
    let (&header, rest) = counts.split_first()?;
    if header < 2 {
        return None;
    }
    if rest.is_empty() {
        return Some((1000, header));
    }
    let matching = rest.iter().filter(|&&count| count == header).count();
    let share = (matching * 1000 / rest.len()) as u32;
    Some((share, header))
}

/// Parses the sample with `delimiter` and returns the field count of each non-blank record
/// (the last one dropped when the sample may have cut it), and the terminator counts.
fn field_counts(sample: &[u8], complete: bool, delimiter: u8) -> (Vec<usize>, [u64; 3]) {
    let config = ParserConfig {
        delimiter,
        skip_initial_space: false,
        max_record_bytes: sample.len().saturating_add(1),
        max_columns: usize::MAX,
    };
    let mut parser = Parser::new(Box::new(Cursor::new(sample.to_vec())), config);
    let mut record = Fields::new();
    let mut counts = Vec::new();
    let mut last_cut = false;
    while counts.len() <= SAMPLE_RECORDS {
        match parser.read_record(&mut record) {
            Ok(Some(end)) if end.blank => {}
            Ok(Some(end)) => {
                counts.push(end.field_count);
                last_cut = !end.terminated;
            }
            Ok(None) | Err(_) => break,
        }
    }
    if !complete && last_cut {
        counts.pop();
    }
    (counts, parser.terminators)
}

fn spaces_follow_every_delimiter(sample: &[u8], delimiter: u8) -> bool {
    let line_end = memchr::memchr2(b'\n', b'\r', sample).unwrap_or(sample.len());
    let first_line = sample.get(..line_end).unwrap_or_default();
    let delimiters = memchr::memchr_iter(delimiter, first_line).count();
    let followed = first_line
        .windows(2)
        .filter(|pair| pair == &[delimiter, b' '])
        .count();
    delimiters > 0 && delimiters == followed
}

fn terminator_name(counts: [u64; 3]) -> Option<&'static str> {
    let names = ["CRLF", "LF", "CR"];
    let mut seen = counts.iter().zip(names).filter(|(count, _)| **count > 0);
    let (_, first) = seen.next()?;
    if seen.next().is_some() {
        Some("mixed")
    } else {
        Some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delimiter_of(text: &str) -> char {
        char::from(sniff_dialect(text.as_bytes(), true, None).delimiter)
    }

    #[test]
    fn semicolon_with_commas_in_values() {
        assert_eq!(
            delimiter_of("nom;montant;note\nA;1,5;x, y\nB;2,25;z\n"),
            ';'
        );
    }

    #[test]
    fn comma_with_semicolons_in_quoted_values() {
        assert_eq!(delimiter_of("nom,texte\nA,\"a;b;c\"\nB,\"d;e\"\n"), ',');
    }

    #[test]
    fn tab_and_pipe() {
        assert_eq!(delimiter_of("a\tb\tc\n1\t2\t3\n"), '\t');
        assert_eq!(delimiter_of("a|b\n1|2\n"), '|');
    }

    #[test]
    fn single_column_defaults_to_comma() {
        assert_eq!(delimiter_of("nom\nA\nB\n"), ',');
    }

    #[test]
    fn skip_initial_space_when_every_delimiter_has_one() {
        assert!(sniff_dialect(b"nom, ville\nx, Paris\n", true, None).skip_initial_space);
        assert!(!sniff_dialect(b"nom, ville,code\nx, Paris,1\n", true, None).skip_initial_space);
    }

    #[test]
    fn line_terminators() {
        assert_eq!(
            sniff_dialect(b"a,b\r\n1,2\r\n", true, None).line_terminator,
            Some("CRLF")
        );
        assert_eq!(
            sniff_dialect(b"a,b\r1,2\r", true, None).line_terminator,
            Some("CR")
        );
        assert_eq!(
            sniff_dialect(b"a,b\n\"1\r\n\",2\n", true, None).line_terminator,
            Some("LF")
        );
        assert_eq!(
            sniff_dialect(b"a,b\n1,2\r\n", true, None).line_terminator,
            Some("mixed")
        );
        assert_eq!(sniff_dialect(b"a,b", true, None).line_terminator, None);
    }
}
