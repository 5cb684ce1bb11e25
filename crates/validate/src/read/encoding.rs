//! Text encoding detection, over the whole file in one streaming pass.
//!
//! The rules, in order:
//! 1. a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//! 2. a file that is valid UTF-8 is UTF-8;
//! 3. a file with more valid multi-byte UTF-8 sequences than invalid ones stays UTF-8: its
//!    few broken rows are reported as encoding errors instead of garbling every accent;
//! 4. otherwise `chardetng` guesses a legacy encoding, with the `.fr` top-level domain
//!    as a hint. Its windows-1252 guess becomes ISO-8859-15 when the bytes for `€` or `œ` in
//!    ISO-8859-15 (0xA4, 0xBD) appear and no byte in 0x80–0x9F does, because windows-1252
//!    puts `€`, `œ` and the curly quotes there while ISO-8859-15 leaves that range unused.
//!
//! UTF-16 without a byte order mark is not detected. Transcoding is left to `input`.

use std::io::Read;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_8859_15, UTF_8, WINDOWS_1252};

use super::error::ReadError;
use super::input::{CHUNK_SIZE, read_full};

/// The outcome of the detection pass.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EncodingGuess {
    pub(crate) encoding: &'static Encoding,
    /// `false` when the evidence was mixed: invalid sequences in a UTF-8 file, or UTF-8
    /// sequences in a legacy one, or a guess other than windows-1252.
    pub(crate) confident: bool,
    /// Size of the whole content, in bytes.
    pub(crate) bytes: u64,
}

/// Counts gathered while checking UTF-8 validity.
#[derive(Default)]
struct Utf8Stats {
    /// Invalid or truncated sequences.
    invalid: u64,
    /// Valid sequences of two bytes or more.
    multibyte: u64,
}

/// Marks that tell ISO-8859-15 from windows-1252.
#[derive(Default)]
struct LegacyMarks {
    euro_or_oe: bool,
    c1: bool,
}

/// Reads `stream` to its end and guesses its encoding (rules in the module docs). The
/// byte order mark, if any, must have been handled by the caller.
pub(crate) fn detect_encoding(stream: &mut dyn Read) -> Result<EncodingGuess, ReadError> {
    let mut buf = vec![0u8; CHUNK_SIZE + 4];
    let mut carry = 0usize;
    let mut stats = Utf8Stats::default();
    let mut marks = LegacyMarks::default();
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let mut feeding = false;
    let mut total = 0u64;

    loop {
        let room = buf.get_mut(carry..).unwrap_or_default();
        let room_len = room.len();
        let count = read_full(stream, room)?;
        total += count as u64;
        let last = count < room_len;
        let len = carry + count;
        let data = buf.get(..len).unwrap_or_default();

        let tail = scan_utf8(data, last, &mut stats);
        let complete = data.get(..len - tail).unwrap_or_default();
        // `chardetng` only matters once UTF-8 has failed. Up to there the file was valid
        // UTF-8 (in a legacy file: ASCII), so the skipped chunks carry no legacy evidence.
        feeding |= stats.invalid > 0;
        if feeding && !complete.is_ascii() {
            detector.feed(complete, false);
            note_legacy_marks(complete, &mut marks);
        }

        buf.copy_within(len - tail..len, 0);
        carry = tail;
        if last {
            break;
        }
    }
    detector.feed(&[], true);
    Ok(decide(&stats, &marks, &detector, total))
}

/// Applies rules 2 to 4 of the module docs.
fn decide(
    stats: &Utf8Stats,
    marks: &LegacyMarks,
    detector: &EncodingDetector,
    bytes: u64,
) -> EncodingGuess {
    if stats.invalid == 0 {
        return EncodingGuess {
            encoding: UTF_8,
            confident: true,
            bytes,
        };
    }
    if stats.multibyte >= stats.invalid {
        return EncodingGuess {
            encoding: UTF_8,
            confident: false,
            bytes,
        };
    }
    let guess = detector.guess(Some(b"fr"), Utf8Detection::Deny);
    if guess == WINDOWS_1252 {
        let encoding = if marks.euro_or_oe && !marks.c1 {
            ISO_8859_15
        } else {
            WINDOWS_1252
        };
        return EncodingGuess {
            encoding,
            confident: stats.multibyte == 0,
            bytes,
        };
    }
    EncodingGuess {
        encoding: guess,
        confident: false,
        bytes,
    }
}

/// Checks `data` as UTF-8 and updates `stats`. Returns the length of an incomplete sequence
/// at the end, to be checked with the next chunk (0 when `last`).
fn scan_utf8(data: &[u8], last: bool, stats: &mut Utf8Stats) -> usize {
    let mut rest = data;
    loop {
        // `simdutf8` checks non-ASCII text several times faster than `std::str::from_utf8`
        // and reports errors the same way.
        match simdutf8::compat::from_utf8(rest) {
            Ok(_) => {
                stats.multibyte += count_lead_bytes(rest);
                return 0;
            }
            Err(error) => {
                let valid = error.valid_up_to();
                stats.multibyte += count_lead_bytes(rest.get(..valid).unwrap_or_default());
                match error.error_len() {
                    Some(len) => {
                        stats.invalid += 1;
                        rest = rest.get(valid + len..).unwrap_or_default();
                    }
                    None if last => {
                        stats.invalid += 1;
                        return 0;
                    }
                    None => return rest.len() - valid,
                }
            }
        }
    }
}

/// Counts the lead bytes of multi-byte sequences in valid UTF-8.
fn count_lead_bytes(valid: &[u8]) -> u64 {
    if valid.is_ascii() {
        return 0;
    }
    // Summing per block of at most 255 bytes into a `u8` lets the compiler vectorise the
    // loop, about ten times faster than `filter().count()` here.
    valid
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |sum, &byte| sum.wrapping_add(u8::from(byte >= 0xC0)))
        })
        .map(u64::from)
        .sum()
}

fn note_legacy_marks(data: &[u8], marks: &mut LegacyMarks) {
    for &byte in data {
        match byte {
            0x80..=0x9F => marks.c1 = true,
            0xA4 | 0xBD => marks.euro_or_oe = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(bytes: &[u8]) -> EncodingGuess {
        detect_encoding(&mut &bytes[..]).expect("reading a slice cannot fail")
    }

    #[test]
    fn utf8_split_across_chunks() {
        let mut text = "a".repeat(CHUNK_SIZE - 1).into_bytes();
        text.extend_from_slice("é,è\n".as_bytes());
        let result = guess(&text);
        assert_eq!(result.encoding, UTF_8);
        assert!(result.confident);
        assert_eq!(result.bytes, text.len() as u64);
    }

    #[test]
    fn truncated_sequence_at_end_is_invalid() {
        let result = guess(b"abc\xC3");
        assert_ne!(result.encoding, UTF_8);
    }

    #[test]
    fn latin1_euro_sign_gives_iso_8859_15() {
        let result = guess(b"prix,devise\n12,\xA4\nd\xE9j\xE0,c\xE9d\xE9\n");
        assert_eq!(result.encoding, ISO_8859_15);
    }

    #[test]
    fn windows_1252_quotes_stay_windows_1252() {
        let result = guess(b"nom,texte\nb,l\x92\xE9t\xE9 \x80\n");
        assert_eq!(result.encoding, WINDOWS_1252);
    }
}
