//! Decoding of the input bytes to UTF-8 before XML parsing, as a `BufRead` adapter.
//!
//! Decoded text is handed out up to the first invalid byte sequence, and only then is the
//! error raised, so the XML reader has counted every line before it and the error names the
//! right line. A byte order mark overrides the declared encoding, as the XML specification
//! requires. Finding the declared encoding is left to the XML module.

use std::io::{self, BufRead, Read};

/// Size of the decoded-text buffer in bytes.
const BUFFER_BYTES: usize = 16 * 1024;

pub(crate) struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    /// An invalid sequence was found after the text in `buffer`.
    pending_error: bool,
    /// The decoder was flushed at the end of the input.
    finished: bool,
    /// The input was not valid in its encoding; the XML module reads this to name the error.
    pub(crate) invalid: bool,
}

impl<R: BufRead> Decoding<R> {
    pub(crate) fn new(inner: R, encoding: &'static encoding_rs::Encoding) -> Self {
        Decoding {
            inner,
            decoder: encoding.new_decoder(),
            buffer: vec![0; BUFFER_BYTES].into_boxed_slice(),
            start: 0,
            end: 0,
            pending_error: false,
            finished: false,
            invalid: false,
        }
    }

    fn fail(&mut self) -> io::Error {
        self.invalid = true;
        io::Error::new(
            io::ErrorKind::InvalidData,
            "invalid byte sequence for the document encoding",
        )
    }
}

impl<R: BufRead> BufRead for Decoding<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start < self.end {
            return Ok(&self.buffer[self.start..self.end]);
        }
        if self.pending_error {
            return Err(self.fail());
        }
        self.start = 0;
        self.end = 0;
        while self.end == 0 && !self.finished {
            let source = self.inner.fill_buf()?;
            let last = source.is_empty();
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(source, &mut self.buffer, last);
            self.inner.consume(read);
            self.end = written;
            self.finished = last;
            if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                if written == 0 {
                    return Err(self.fail());
                }
                self.pending_error = true;
            }
        }
        Ok(&self.buffer[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        self.start = (self.start + amount).min(self.end);
    }
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let length = available.len().min(out.len());
        out[..length].copy_from_slice(&available[..length]);
        self.consume(length);
        Ok(length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> io::Result<String> {
        let mut text = String::new();
        Decoding::new(bytes, encoding).read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn latin1_bytes_decoded() {
        assert_eq!(
            decode_all(b"D\xe9penses", encoding_rs::WINDOWS_1252).expect("valid"),
            "Dépenses"
        );
    }

    #[test]
    fn bom_overrides_declared_encoding() {
        assert_eq!(
            decode_all(b"\xEF\xBB\xBFD\xC3\xA9", encoding_rs::WINDOWS_1252).expect("valid"),
            "Dé"
        );
    }

    #[test]
    fn text_before_invalid_sequence_delivered_first() {
        let mut decoding = Decoding::new(b"ab\ncd\xFFef".as_slice(), encoding_rs::UTF_8);
        let first = decoding.fill_buf().expect("valid prefix").to_vec();
        assert_eq!(first, b"ab\ncd");
        decoding.consume(first.len());
        assert!(decoding.fill_buf().is_err());
        assert!(decoding.invalid);
    }
}
