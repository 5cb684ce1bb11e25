//! File format detection: content first (magic bytes, the parts of a ZIP archive), the file
//! name's extension second.
//!
//! Content wins because producers rename files: a CSV export saved as `.xls` is read as
//! CSV. Text with an extension that names another format (`.json`, `.html`…) is rejected
//! rather than read as a garbled table. Reading the table is left to the format readers.

use std::io::{Read, Seek};
use std::path::Path;

use super::Format;
use super::error::ReadError;

/// Kind of content found in the first bytes of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Magic {
    Gzip,
    Zip,
    /// OLE2 compound file, the container of XLS workbooks (and of old Word documents).
    Ole2,
    Text,
    Binary(&'static str),
}

/// Number of leading bytes [`magic`] looks at.
pub(crate) const HEAD_SIZE: usize = 1024;

/// Signatures of binary formats that producers send by mistake, with the name reported.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"\x7FELF", "executable"),
    (b"{\\rtf", "RTF document"),
];

/// Classifies the first bytes of a file.
pub(crate) fn magic(head: &[u8]) -> Magic {
    if head.starts_with(b"\x1F\x8B") {
        return Magic::Gzip;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Magic::Zip;
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Magic::Ole2;
    }
    for (signature, kind) in BINARY_SIGNATURES {
        if head.starts_with(signature) {
            return Magic::Binary(kind);
        }
    }
    let utf16_bom = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    if !utf16_bom && memchr::memchr(0, head).is_some() {
        return Magic::Binary("binary data");
    }
    Magic::Text
}

/// Returns the file name's extension in lower case, with a trailing `.gz` removed.
pub(crate) fn extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, extension) = name.rsplit_once('.')?;
    Some(extension.to_owned())
}

/// Chooses the text format from the extension: `.tsv` is TSV, `.csv`, `.txt` and no
/// extension are CSV, a spreadsheet extension is CSV too (exports renamed by hand), and
/// any other extension is an unsupported format.
pub(crate) fn text_format(extension: Option<&str>, head: &[u8]) -> Result<Format, ReadError> {
    let start = trim_start(head);
    for (prefix, kind) in [
        (&b"<!doctype html"[..], "HTML page"),
        (b"<html", "HTML page"),
        (b"<?xml", "XML document"),
    ] {
        if start.len() >= prefix.len()
            && start
                .get(..prefix.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
        {
            return Err(ReadError::UnsupportedFormat {
                kind: kind.to_owned(),
            });
        }
    }
    match extension {
        Some("tsv" | "tab") => Ok(Format::Tsv),
        None | Some("csv" | "txt" | "xlsx" | "xls" | "ods") => Ok(Format::Csv),
        Some(other) => Err(ReadError::UnsupportedFormat {
            kind: format!(".{other}"),
        }),
    }
}

/// Skips a byte order mark and leading whitespace.
fn trim_start(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(head.len());
    head.get(start..).unwrap_or_default()
}

/// Distinguishes an XLSX workbook from an ODS spreadsheet and from other ZIP archives, and
/// checks that the uncompressed size of its parts stays under `limit`, because the
/// spreadsheet library keeps a whole sheet in memory.
pub(crate) fn zip_format<R: Read + Seek>(reader: R, limit: u64) -> Result<Format, ReadError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|error| ReadError::Spreadsheet {
        detail: error.to_string(),
    })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| ReadError::Spreadsheet {
                detail: error.to_string(),
            })?;
        total = total.saturating_add(entry.size());
    }
    let has = |wanted: &str| archive.index_for_name(wanted).is_some();
    let (xlsx, xlsb, docx, opendocument) = (
        has("xl/workbook.xml"),
        has("xl/workbook.bin"),
        has("word/document.xml"),
        has("content.xml"),
    );

    let format = if xlsx {
        Format::Xlsx
    } else if opendocument && ods_mimetype(&mut archive)? {
        Format::Ods
    } else if xlsb {
        return Err(ReadError::UnsupportedFormat {
            kind: "XLSB workbook".to_owned(),
        });
    } else if docx {
        return Err(ReadError::UnsupportedFormat {
            kind: "Word document".to_owned(),
        });
    } else if opendocument {
        return Err(ReadError::UnsupportedFormat {
            kind: "OpenDocument file".to_owned(),
        });
    } else {
        return Err(ReadError::UnsupportedFormat {
            kind: "ZIP archive".to_owned(),
        });
    };
    if total > limit {
        return Err(ReadError::SpreadsheetTooLarge { size: total, limit });
    }
    Ok(format)
}

/// Tells whether the archive's `mimetype` entry names an OpenDocument spreadsheet.
fn ods_mimetype<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<bool, ReadError> {
    let Ok(entry) = archive.by_name("mimetype") else {
        return Ok(false);
    };
    let mut text = Vec::new();
    entry.take(256).read_to_end(&mut text)?;
    Ok(text.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_of_common_files() {
        assert_eq!(magic(b"\x89PNG\r\n\x1a\n"), Magic::Binary("PNG image"));
        assert_eq!(magic(b"\x1F\x8B\x08"), Magic::Gzip);
        assert_eq!(magic(b"a,b\n1,2\n"), Magic::Text);
        assert_eq!(magic(b"\xFF\xFEa\x00,\x00"), Magic::Text);
        assert_eq!(magic(b"a\x00b"), Magic::Binary("binary data"));
    }

    #[test]
    fn extension_drops_gz() {
        assert_eq!(
            extension(Path::new("/x/Data.CSV.gz")).as_deref(),
            Some("csv")
        );
        assert_eq!(extension(Path::new("data")), None);
    }

    #[test]
    fn text_format_rejects_html_and_json() {
        assert!(text_format(Some("xls"), b"  <HTML><body>").is_err());
        assert!(text_format(Some("json"), b"{\"a\": 1}").is_err());
        assert_eq!(text_format(Some("tsv"), b"a\tb").ok(), Some(Format::Tsv));
        assert_eq!(text_format(Some("xls"), b"a;b").ok(), Some(Format::Csv));
    }
}
