//! Byte streams under the readers: opening a file (decompressing gzip on the fly), capping
//! the decompressed size, and transcoding legacy encodings and UTF-16 to UTF-8.
//!
//! Every stream here works in fixed-size chunks, so memory does not depend on the input.
//! Deciding which encoding to transcode from is left to `encoding`.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use encoding_rs::{CoderResult, Decoder, Encoding};
use flate2::read::MultiGzDecoder;

use super::error::LimitExceeded;

/// Size of the chunks read from files and decoders.
pub(crate) const CHUNK_SIZE: usize = 64 * 1024;

/// A boxed byte stream, movable to the thread that runs the row loop.
pub(crate) type ByteStream = Box<dyn Read + Send>;

/// Opens `path` as a byte stream, decompressed when `gzip` is set, and capped at `limit`
/// decompressed bytes (the cap only applies to gzip content, whose size the file does not
/// tell).
pub(crate) fn open_stream(path: &Path, gzip: bool, limit: u64) -> io::Result<ByteStream> {
    let file = File::open(path)?;
    if gzip {
        let decoder = MultiGzDecoder::new(io::BufReader::with_capacity(CHUNK_SIZE, file));
        Ok(Box::new(LimitedReader {
            inner: decoder,
            remaining: limit,
            limit,
        }))
    } else {
        Ok(Box::new(file))
    }
}

/// Like [`open_stream`], and also adds every byte read from the file itself (before
/// decompression) to `counter`, so that progress can be compared with the file size.
pub(crate) fn open_counted_stream(
    path: &Path,
    gzip: bool,
    limit: u64,
    counter: Arc<AtomicU64>,
) -> io::Result<ByteStream> {
    let file = CountingReader {
        inner: File::open(path)?,
        counter,
    };
    if gzip {
        let decoder = MultiGzDecoder::new(io::BufReader::with_capacity(CHUNK_SIZE, file));
        Ok(Box::new(LimitedReader {
            inner: decoder,
            remaining: limit,
            limit,
        }))
    } else {
        Ok(Box::new(file))
    }
}

/// A reader that adds the number of bytes it returns to a shared counter.
struct CountingReader<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let count = self.inner.read(buf)?;
        self.counter.fetch_add(count as u64, Ordering::Relaxed);
        Ok(count)
    }
}

/// A reader that fails with [`LimitExceeded`] once more than `limit` bytes came through.
pub(crate) struct LimitedReader<R> {
    inner: R,
    remaining: u64,
    limit: u64,
}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let count = self.inner.read(buf)?;
        let count_u64 = count as u64;
        if count_u64 > self.remaining {
            return Err(io::Error::other(LimitExceeded { limit: self.limit }));
        }
        self.remaining -= count_u64;
        Ok(count)
    }
}

/// Reads until `buf` is full or the stream ends, and returns the number of bytes read.
pub(crate) fn read_full(stream: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let Some(rest) = buf.get_mut(filled..) else {
            break;
        };
        match stream.read(rest) {
            Ok(0) => break,
            Ok(count) => filled += count,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

/// A reader that decodes another stream from `encoding` and yields UTF-8.
///
/// A byte order mark matching the encoding is removed. Malformed input (possible in UTF-16)
/// becomes U+FFFD, and `replaced` is set so that the caller can flag the records that
/// contain one.
pub(crate) struct Transcoder {
    inner: ByteStream,
    decoder: Decoder,
    input: Box<[u8]>,
    input_start: usize,
    input_end: usize,
    input_done: bool,
    output: Box<[u8]>,
    output_start: usize,
    output_end: usize,
    finished: bool,
    replaced: Arc<AtomicBool>,
}

impl Transcoder {
    pub(crate) fn new(inner: ByteStream, encoding: &'static Encoding) -> Transcoder {
        Transcoder {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; CHUNK_SIZE].into_boxed_slice(),
            input_start: 0,
            input_end: 0,
            input_done: false,
            // Room for the worst case of one input chunk, so every decode call progresses.
            output: vec![0; CHUNK_SIZE * 3 + 16].into_boxed_slice(),
            output_start: 0,
            output_end: 0,
            finished: false,
            replaced: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Returns the flag set once a malformed sequence has been replaced by U+FFFD.
    pub(crate) fn replaced_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.replaced)
    }

    /// Decodes the next input chunk into the output buffer.
    fn decode_more(&mut self) -> io::Result<()> {
        if self.input_start == self.input_end && !self.input_done {
            self.input_end = read_full(&mut self.inner, &mut self.input)?;
            self.input_start = 0;
            self.input_done = self.input_end < self.input.len();
        }
        let source = self
            .input
            .get(self.input_start..self.input_end)
            .unwrap_or_default();
        let (result, read, written, replaced) =
            self.decoder
                .decode_to_utf8(source, &mut self.output, self.input_done);
        if replaced {
            self.replaced.store(true, Ordering::Relaxed);
        }
        self.input_start += read;
        self.output_start = 0;
        self.output_end = written;
        if result == CoderResult::InputEmpty && self.input_done {
            self.finished = true;
        }
        Ok(())
    }
}

impl Read for Transcoder {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.output_start == self.output_end {
            if self.finished {
                return Ok(0);
            }
            self.decode_more()?;
        }
        let available = self
            .output
            .get(self.output_start..self.output_end)
            .unwrap_or_default();
        let count = available.len().min(buf.len());
        if let (Some(target), Some(source)) = (buf.get_mut(..count), available.get(..count)) {
            target.copy_from_slice(source);
        }
        self.output_start += count;
        Ok(count)
    }
}
