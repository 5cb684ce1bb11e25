//! The CSV and TSV record source: one pass to detect the encoding, then a streaming parse
//! of the content decoded to UTF-8.
//!
//! A file is read twice and never held in memory: the first pass (`encoding`) reads it
//! whole, the second parses it. UTF-8 content is parsed as is and each record is checked;
//! other encodings are transcoded on the fly. Checking records against a schema is left to
//! the row loop.

use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use encoding_rs::{Encoding, UTF_8};

use super::dialect::{Dialect, sniff_dialect};
use super::encoding::{EncodingGuess, detect_encoding};
use super::error::ReadError;
use super::fields::Fields;
use super::input::{ByteStream, Transcoder, open_counted_stream, open_stream, read_full};
use super::parser::{Parser, ParserConfig};
use super::{Format, ReadOptions, Record, RecordProblem, RecordSource, SourceInfo};

/// Size of the decoded sample the dialect is sniffed from.
const SAMPLE_SIZE: usize = 64 * 1024;

/// Path and container of a CSV file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CsvInput<'a> {
    pub(crate) path: &'a Path,
    pub(crate) format: Format,
    pub(crate) gzip: bool,
}

pub(crate) struct CsvSource {
    info: SourceInfo,
    parser: Parser,
    /// The content is UTF-8 read as is, so each record must be checked.
    check_utf8: bool,
    /// Set by the transcoder once it replaced a malformed sequence.
    replaced: Option<Arc<AtomicBool>>,
    max_columns: usize,
    row_number: u64,
    spare: Fields,
    /// Bytes read so far from the file, compressed or not, against its size on disk.
    consumed: Arc<AtomicU64>,
    file_size: u64,
}

/// Detects encoding and dialect, and opens the parse.
pub(crate) fn open_csv(input: CsvInput<'_>, options: &ReadOptions) -> Result<CsvSource, ReadError> {
    let limit = options.max_decompressed_bytes;
    let (guess, bom) = guess_encoding(input, options)?;
    let bom_len = if bom { bom_length(guess.encoding) } else { 0 };
    if guess.bytes <= bom_len {
        return Err(ReadError::EmptyFile);
    }

    let file_size = std::fs::metadata(input.path)?.len();
    let consumed = Arc::new(AtomicU64::new(0));
    let mut stream = open_counted_stream(input.path, input.gzip, limit, Arc::clone(&consumed))?;
    let mut replaced = None;
    if guess.encoding == UTF_8 {
        if bom {
            let mut skipped = [0u8; 3];
            read_full(&mut stream, &mut skipped)?;
        }
    } else {
        let transcoder = Transcoder::new(stream, guess.encoding);
        replaced = Some(transcoder.replaced_flag());
        stream = Box::new(transcoder);
    }

    let mut sample = vec![0u8; SAMPLE_SIZE];
    let sample_len = read_full(&mut stream, &mut sample)?;
    sample.truncate(sample_len);
    let forced = options
        .delimiter
        .or((input.format == Format::Tsv).then_some(b'\t'));
    let dialect = sniff_dialect(&sample, sample_len < SAMPLE_SIZE, forced);
    let stream: ByteStream = Box::new(Cursor::new(sample).chain(stream));

    let info = SourceInfo {
        format: input.format,
        compression: input.gzip.then_some("gzip"),
        encoding: guess.encoding.name(),
        bom,
        delimiter: Some(dialect.delimiter),
        line_terminator: dialect.line_terminator,
        sheet: None,
        sheets: Vec::new(),
        bytes: guess.bytes,
        encoding_confident: guess.confident,
        skip_initial_space: dialect.skip_initial_space,
    };
    // Every UTF-8 record is checked even when the detection pass found the whole file
    // valid, because the file may change between the two passes and `Record` promises
    // valid UTF-8.
    let mut source = CsvSource::new(info, stream, dialect, replaced, options);
    source.consumed = consumed;
    source.file_size = file_size;
    Ok(source)
}

/// Returns the encoding (forced, from the byte order mark, or detected) and whether the
/// content starts with a byte order mark of that encoding.
fn guess_encoding(
    input: CsvInput<'_>,
    options: &ReadOptions,
) -> Result<(EncodingGuess, bool), ReadError> {
    let limit = options.max_decompressed_bytes;
    let mut head = [0u8; 3];
    let head_len = read_full(&mut open_stream(input.path, input.gzip, limit)?, &mut head)?;
    let bom_encoding = Encoding::for_bom(head.get(..head_len).unwrap_or_default());

    let known = options
        .encoding
        .or(bom_encoding.map(|(encoding, _)| encoding));
    let Some(encoding) = known else {
        let mut stream = open_stream(input.path, input.gzip, limit)?;
        return Ok((detect_encoding(&mut stream)?, false));
    };
    let bom = bom_encoding.is_some_and(|(found, _)| found == encoding);
    let bytes = if input.gzip {
        // The decompressed size is only known by decompressing, which also enforces the
        // size limit before any record is handed out.
        detect_encoding(&mut open_stream(input.path, input.gzip, limit)?)?.bytes
    } else {
        std::fs::metadata(input.path)?.len()
    };
    Ok((
        EncodingGuess {
            encoding,
            confident: true,
            bytes,
        },
        bom,
    ))
}

fn bom_length(encoding: &'static Encoding) -> u64 {
    if encoding == UTF_8 { 3 } else { 2 }
}

impl CsvSource {
    fn new(
        info: SourceInfo,
        stream: ByteStream,
        dialect: Dialect,
        replaced: Option<Arc<AtomicBool>>,
        options: &ReadOptions,
    ) -> CsvSource {
        let config = ParserConfig {
            delimiter: dialect.delimiter,
            skip_initial_space: dialect.skip_initial_space,
            max_record_bytes: options.max_record_bytes,
            max_columns: options.max_columns,
        };
        CsvSource {
            check_utf8: replaced.is_none(),
            info,
            parser: Parser::new(stream, config),
            replaced,
            max_columns: options.max_columns,
            row_number: 0,
            spare: Fields::new(),
            consumed: Arc::new(AtomicU64::new(0)),
            file_size: 0,
        }
    }

    /// Replaces the invalid bytes of each field by U+FFFD and records one problem per
    /// field concerned.
    fn repair_utf8(&mut self, record: &mut Record) {
        let fields = record.fields();
        // The fields are valid when the whole buffer is and no field starts with a
        // continuation byte (which would be a character split across two fields). Fields
        // copied by lines always start after an ASCII delimiter or quote.
        let continuation = |field: &[u8]| field.first().is_some_and(|&byte| byte & 0xC0 == 0x80);
        if simdutf8::basic::from_utf8(fields.as_bytes()).is_ok() && !fields.iter().any(continuation)
        {
            return;
        }
        self.spare.clear();
        let mut bad_fields = Vec::new();
        for (index, field) in fields.iter().enumerate() {
            let text = String::from_utf8_lossy(field);
            if let std::borrow::Cow::Owned(_) = text {
                bad_fields.push(index);
            }
            self.spare.push_field(text.as_bytes());
        }
        std::mem::swap(record.fields_mut(), &mut self.spare);
        for index in bad_fields {
            record.problems.push(RecordProblem::EncodingError {
                field_index: Some(index),
            });
        }
    }

    /// Flags the fields where the transcoder put U+FFFD for malformed input. A U+FFFD
    /// present in the source is flagged too, because the two cannot be distinguished.
    fn flag_replacements(&self, record: &mut Record) {
        let Some(flag) = &self.replaced else { return };
        if !flag.load(Ordering::Relaxed) {
            return;
        }
        let marker = "\u{FFFD}".as_bytes();
        let bad_fields: Vec<usize> = (0..record.len())
            .filter(|&index| {
                let field = record.fields().get(index).unwrap_or_default();
                memchr::memmem::find(field, marker).is_some()
            })
            .collect();
        for index in bad_fields {
            record.problems.push(RecordProblem::EncodingError {
                field_index: Some(index),
            });
        }
    }
}

impl RecordSource for CsvSource {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn position(&self) -> (u64, u64) {
        // Reads run ahead of parsing by one chunk, which is close enough for a progress bar.
        let done = self.consumed.load(Ordering::Relaxed);
        (done.min(self.file_size), self.file_size)
    }

    fn read_record(&mut self, record: &mut Record) -> Result<bool, ReadError> {
        record.clear();
        let Some(end) = self.parser.read_record(record.fields_mut())? else {
            return Ok(false);
        };
        self.row_number += 1;
        record.row_number = self.row_number;
        record.set_blank_line(end.blank);

        if end.field_count > self.max_columns {
            let (count, limit) = (end.field_count, self.max_columns);
            if self.row_number == 1 {
                return Err(ReadError::TooManyColumns { count, limit });
            }
            record
                .problems
                .push(RecordProblem::TooManyColumns { count, limit });
        }
        if let Some(line) = end.unterminated_quote {
            record
                .problems
                .push(RecordProblem::UnterminatedQuote { line });
        }
        if self.check_utf8 {
            self.repair_utf8(record);
        } else {
            self.flag_replacements(record);
        }
        Ok(true)
    }
}
