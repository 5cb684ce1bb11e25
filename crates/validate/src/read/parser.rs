//! The CSV record parser: quote-aware splitting of a UTF-8 byte stream into records.
//!
//! It follows Python's `csv` module as frictionless uses it (double quote as quote and
//! escape, non-strict mode), because row numbers and cell texts must match frictionless:
//! - an empty physical line is a record with no field (the `csv` and `csv-core` crates skip
//!   those lines, hence this parser);
//! - CRLF, LF and CR all end a record; inside quotes they are kept as text;
//! - a quote inside an unquoted field is literal, and text after a closing quote is
//!   appended to the field (`"ab"cd` gives `abcd`);
//! - at the end of the file an open quoted field ends the record.
//!
//! Unquoted fields that lie within one input chunk are copied once, straight from the
//! input buffer into the record. Encoding checks are left to the caller.

use std::io::Read;

use super::error::ReadError;
use super::fields::Fields;
use super::input::{ByteStream, CHUNK_SIZE};

/// Line terminator that ended a record, counted per kind to report the file's terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Terminator {
    CrLf = 0,
    Lf = 1,
    Cr = 2,
}

/// Facts about the record the parser just read.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RecordEnd {
    /// The record was an empty physical line.
    pub(crate) blank: bool,
    /// Line (1-based) of a quote still open at the end of the file.
    pub(crate) unterminated_quote: Option<u64>,
    /// Number of fields, including those dropped beyond the column limit.
    pub(crate) field_count: usize,
    /// The record ended with a line terminator, not with the end of the input.
    pub(crate) terminated: bool,
}

/// Dialect and limits of one parse.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ParserConfig {
    pub(crate) delimiter: u8,
    pub(crate) skip_initial_space: bool,
    pub(crate) max_record_bytes: usize,
    pub(crate) max_columns: usize,
}

enum FieldEnd {
    Delimiter,
    Terminator,
    Eof,
}

pub(crate) struct Parser {
    stream: ByteStream,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    eof: bool,
    config: ParserConfig,
    /// Physical line terminators consumed so far.
    lines: u64,
    scratch: Vec<u8>,
    /// Bytes of the current record, dropped fields included.
    record_bytes: usize,
    record_start_line: u64,
    pub(crate) terminators: [u64; 3],
    /// Whether [`Parser::read_simple_line`] may be tried (turned off by tests to compare
    /// the fast path with the general one).
    fast_path: bool,
}

impl Parser {
    pub(crate) fn new(stream: ByteStream, config: ParserConfig) -> Parser {
        Parser {
            stream,
            buf: vec![0; CHUNK_SIZE].into_boxed_slice(),
            pos: 0,
            end: 0,
            eof: false,
            config,
            lines: 0,
            scratch: Vec::new(),
            record_bytes: 0,
            record_start_line: 0,
            terminators: [0; 3],
            fast_path: true,
        }
    }

    /// Reads the next record into `out`. Returns `None` at the end of the input.
    pub(crate) fn read_record(&mut self, out: &mut Fields) -> Result<Option<RecordEnd>, ReadError> {
        out.clear();
        let Some(first) = self.peek()? else {
            return Ok(None);
        };
        self.record_bytes = 0;
        self.record_start_line = self.lines + 1;
        let mut end = RecordEnd::default();

        if first == b'\n' || first == b'\r' {
            self.pos += 1;
            let kind = self.end_line(first)?;
            self.count_terminator(kind);
            end.blank = true;
            end.terminated = true;
            return Ok(Some(end));
        }

        if self.fast_path && self.read_simple_line(out, &mut end) {
            return Ok(Some(end));
        }
        out.clear();

        loop {
            let field_end = self.read_field(out, &mut end)?;
            end.field_count += 1;
            match field_end {
                FieldEnd::Delimiter => {}
                FieldEnd::Terminator => {
                    end.terminated = true;
                    break;
                }
                FieldEnd::Eof => break,
            }
        }
        Ok(Some(end))
    }

    /// Reads a record that lies on one line within the buffer and whose quoted fields
    /// contain neither a quote nor a line end, as most records of real files do. Returns
    /// `false`, having consumed nothing, for any other record. The general path then reads
    /// it, and a test checks that both paths agree.
    fn read_simple_line(&mut self, out: &mut Fields, end: &mut RecordEnd) -> bool {
        if self.config.skip_initial_space {
            return false;
        }
        let available = self.buf.get(self.pos..self.end).unwrap_or_default();
        let Some(line_end) = memchr::memchr2(b'\n', b'\r', available) else {
            return false;
        };
        let (line, consumed, kind) = match available.get(line_end..line_end + 2) {
            Some([b'\r', b'\n']) => (available.get(..line_end), line_end + 2, Terminator::CrLf),
            Some([b'\n', ..]) => (available.get(..line_end), line_end + 1, Terminator::Lf),
            _ => return false,
        };
        let Some(line) = line else { return false };
        if line.len() > self.config.max_record_bytes || !split_simple_line(line, self.config, out) {
            return false;
        }
        end.field_count = out.len();
        end.terminated = true;
        self.pos += consumed;
        self.lines += 1;
        self.count_terminator(kind);
        true
    }

    /// Returns the next byte without consuming it, refilling the buffer when needed.
    fn peek(&mut self) -> Result<Option<u8>, ReadError> {
        if self.pos == self.end && !self.refill()? {
            return Ok(None);
        }
        Ok(self.buf.get(self.pos).copied())
    }

    /// Reads the next chunk. Returns `false` at the end of the input.
    fn refill(&mut self) -> Result<bool, ReadError> {
        if self.eof {
            return Ok(false);
        }
        loop {
            match self.stream.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(count) => {
                    self.pos = 0;
                    self.end = count;
                    return Ok(true);
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error.into()),
            }
        }
    }

    /// Counts a line terminator whose first byte (`first`, CR or LF) was just consumed,
    /// consuming the LF of a CRLF pair.
    fn end_line(&mut self, first: u8) -> Result<Terminator, ReadError> {
        self.lines += 1;
        let kind = if first == b'\n' {
            Terminator::Lf
        } else if self.peek()? == Some(b'\n') {
            self.pos += 1;
            Terminator::CrLf
        } else {
            Terminator::Cr
        };
        Ok(kind)
    }

    fn count_terminator(&mut self, kind: Terminator) {
        if let Some(count) = self.terminators.get_mut(kind as usize) {
            *count += 1;
        }
    }

    /// Reads one field, starting at the current position, and pushes it to `out`.
    fn read_field(&mut self, out: &mut Fields, end: &mut RecordEnd) -> Result<FieldEnd, ReadError> {
        self.scratch.clear();
        if self.config.skip_initial_space {
            while self.peek()? == Some(b' ') {
                self.pos += 1;
            }
        }
        let field_end = if self.peek()? == Some(b'"') {
            self.pos += 1;
            self.read_quoted(end)?
        } else {
            match self.read_unquoted(Some(out), end.field_count)? {
                UnquotedEnd::Pushed(field_end) => return self.finish(field_end),
                UnquotedEnd::InScratch(field_end) => field_end,
            }
        };
        self.push_scratch(out, end.field_count);
        self.finish(field_end)
    }

    /// Consumes the byte that ended a field (delimiter or line terminator).
    fn finish(&mut self, field_end: FieldEnd) -> Result<FieldEnd, ReadError> {
        if let FieldEnd::Terminator = field_end {
            let first = self.buf.get(self.pos).copied().unwrap_or(b'\n');
            self.pos += 1;
            let kind = self.end_line(first)?;
            self.count_terminator(kind);
        } else if let FieldEnd::Delimiter = field_end {
            self.pos += 1;
        }
        Ok(field_end)
    }

    fn push_scratch(&mut self, out: &mut Fields, index: usize) {
        if index < self.config.max_columns {
            out.push_field(&self.scratch);
        }
    }

    /// Adds `count` bytes to the record size and checks the limit. `line` is where the
    /// error points: the open quote, or the start of the record.
    fn grow(&mut self, count: usize, line: u64) -> Result<(), ReadError> {
        self.record_bytes = self.record_bytes.saturating_add(count);
        if self.record_bytes > self.config.max_record_bytes {
            return Err(ReadError::RecordTooLarge {
                line,
                limit: self.config.max_record_bytes,
            });
        }
        Ok(())
    }

    /// Scans an unquoted field up to the delimiter, a line end or the end of the input. The
    /// stop byte is left unconsumed. With `direct`, a field found whole in the buffer is
    /// pushed straight to that record as field number `index`, without a copy to scratch.
    fn read_unquoted(
        &mut self,
        mut direct: Option<&mut Fields>,
        index: usize,
    ) -> Result<UnquotedEnd, ReadError> {
        let line = self.record_start_line;
        loop {
            if self.pos == self.end && !self.refill()? {
                return Ok(UnquotedEnd::InScratch(FieldEnd::Eof));
            }
            let available = self.buf.get(self.pos..self.end).unwrap_or_default();
            let stop = memchr::memchr3(self.config.delimiter, b'\n', b'\r', available);
            let text_len = stop.unwrap_or(available.len());
            let stop_byte = stop.and_then(|at| available.get(at).copied());
            self.grow(text_len, line)?;
            let chunk = self
                .buf
                .get(self.pos..self.pos + text_len)
                .unwrap_or_default();
            let Some(stop_byte) = stop_byte else {
                self.scratch.extend_from_slice(chunk);
                self.pos += text_len;
                continue;
            };
            let field_end = if stop_byte == self.config.delimiter {
                FieldEnd::Delimiter
            } else {
                FieldEnd::Terminator
            };
            if self.scratch.is_empty()
                && let Some(out) = direct.take()
            {
                if index < self.config.max_columns {
                    out.push_field(chunk);
                }
                self.pos += text_len;
                return Ok(UnquotedEnd::Pushed(field_end));
            }
            self.scratch.extend_from_slice(chunk);
            self.pos += text_len;
            return Ok(UnquotedEnd::InScratch(field_end));
        }
    }

    /// Reads a quoted field whose opening quote was consumed, then what follows the closing
    /// quote up to the end of the field, into the scratch buffer.
    fn read_quoted(&mut self, end: &mut RecordEnd) -> Result<FieldEnd, ReadError> {
        let quote_line = self.lines + 1;
        loop {
            if self.pos == self.end && !self.refill()? {
                end.unterminated_quote = Some(quote_line);
                return Ok(FieldEnd::Eof);
            }
            let available = self.buf.get(self.pos..self.end).unwrap_or_default();
            let found = memchr::memchr3(b'"', b'\n', b'\r', available);
            let text_len = found.unwrap_or(available.len());
            self.grow(text_len + usize::from(found.is_some()), quote_line)?;
            let chunk = self
                .buf
                .get(self.pos..self.pos + text_len)
                .unwrap_or_default();
            self.scratch.extend_from_slice(chunk);
            self.pos += text_len;
            if found.is_none() {
                continue;
            }
            let byte = self.buf.get(self.pos).copied().unwrap_or(b'"');
            self.pos += 1;
            match byte {
                b'"' => {
                    if self.peek()? == Some(b'"') {
                        self.pos += 1;
                        self.scratch.push(b'"');
                    } else {
                        return self.read_after_quote();
                    }
                }
                _ => {
                    self.scratch.push(byte);
                    if self.end_line(byte)? == Terminator::CrLf {
                        self.scratch.push(b'\n');
                    }
                }
            }
        }
    }

    /// Reads what follows a closing quote: normally the delimiter or a line end, otherwise
    /// text appended to the field as Python's non-strict `csv` does.
    fn read_after_quote(&mut self) -> Result<FieldEnd, ReadError> {
        match self.peek()? {
            None => Ok(FieldEnd::Eof),
            Some(byte) if byte == self.config.delimiter => Ok(FieldEnd::Delimiter),
            Some(b'\n' | b'\r') => Ok(FieldEnd::Terminator),
            Some(_) => match self.read_unquoted(None, 0)? {
                UnquotedEnd::Pushed(field_end) | UnquotedEnd::InScratch(field_end) => Ok(field_end),
            },
        }
    }
}

/// Splits one line (without its terminator) into `out`, copying the line once and
/// recording where each field lies in it. Returns `false` when the line needs the general
/// path: a quote inside a quoted field, text after a closing quote, or more fields than the
/// column limit.
fn split_simple_line(line: &[u8], config: ParserConfig, out: &mut Fields) -> bool {
    let delimiter = config.delimiter;
    let base = out.push_line(line);
    let mut delimiters = memchr::memchr_iter(delimiter, line);
    let mut start = 0;
    loop {
        if out.len() >= config.max_columns {
            return false;
        }
        let rest = line.get(start..).unwrap_or_default();
        let next = if rest.first() == Some(&b'"') {
            let Some(close) = memchr::memchr(b'"', rest.get(1..).unwrap_or_default()) else {
                return false;
            };
            let after = start + close + 2;
            out.push_range(base + start + 1, base + after - 1);
            match line.get(after) {
                None => return true,
                Some(&byte) if byte == delimiter => after,
                Some(_) => return false,
            }
        } else {
            let stop = delimiters.by_ref().find(|&position| position >= start);
            let Some(stop) = stop else {
                out.push_range(base + start, base + line.len());
                return true;
            };
            out.push_range(base + start, base + stop);
            stop
        };
        start = next + 1;
        if start == line.len() {
            if out.len() >= config.max_columns {
                return false;
            }
            out.push_range(base + start, base + start);
            return true;
        }
    }
}

enum UnquotedEnd {
    /// The field went straight to the record.
    Pushed(FieldEnd),
    /// The field is in the scratch buffer, still to be pushed.
    InScratch(FieldEnd),
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn parse_all(input: &[u8], delimiter: u8, fast_path: bool) -> Vec<(Vec<Vec<u8>>, bool, usize)> {
        let config = ParserConfig {
            delimiter,
            skip_initial_space: false,
            max_record_bytes: 1 << 20,
            max_columns: 5,
        };
        let mut parser = Parser::new(Box::new(Cursor::new(input.to_vec())), config);
        parser.fast_path = fast_path;
        let mut record = Fields::new();
        let mut records = Vec::new();
        while let Ok(Some(end)) = parser.read_record(&mut record) {
            records.push((
                record.iter().map(<[u8]>::to_vec).collect(),
                end.blank,
                end.field_count,
            ));
        }
        records
    }

    #[test]
    fn fast_path_matches_general_path() {
        let inputs: [&[u8]; 9] = [
            b"a,b,c\n1,2,3\r\n",
            b"\"x,y\",2,\"\"\n,,\n",
            b"\"say \"\"hi\"\"\",2\n\"ab\"cd,3\n",
            b"a,\"multi\nline\",b\n\n\r\nz",
            b"a\rb,c\r\n",
            b"1,2,3,4,5,6,7\n1,2,3,4,5\n1,2,3,4,\n",
            b"\"open\n",
            b"a;b,c;\"d;e\"\n",
            b"\"\",\"\"\n\"a\"\"\n",
        ];
        for input in inputs {
            for delimiter in [b',', b';'] {
                let general = parse_all(input, delimiter, false);
                let fast = parse_all(input, delimiter, true);
                assert_eq!(fast, general, "input {:?}", String::from_utf8_lossy(input));
            }
        }
    }
}
