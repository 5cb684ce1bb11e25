//! Recognition of logo images by their first bytes: PNG, JPEG and WebP only, with the
//! width and height read from the header, never from the file name or the declared type.
//!
//! Nothing is decoded beyond the header, so a browser is the only program that renders the
//! pixels. SVG is refused because it is a document that can carry scripts and links.

/// An accepted image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    WebP,
}

impl ImageFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::WebP => "image/webp",
        }
    }
}

/// The reason a file is not an accepted image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderError {
    /// The first bytes are not those of PNG, JPEG or WebP.
    UnknownFormat,
    /// The signature matches but the header is cut or inconsistent.
    Truncated,
}

/// The format and size in pixels of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Reads the format and dimensions of an image from its first bytes.
pub fn read_header(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return png(bytes);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return jpeg(bytes);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return webp(bytes);
    }
    Err(HeaderError::UnknownFormat)
}

/// Returns the format of a stored image from its first bytes, or `None`.
pub fn sniff_format(bytes: &[u8]) -> Option<ImageFormat> {
    read_header(bytes).ok().map(|info| info.format)
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at + 4)?;
    Some(u32::from_be_bytes([slice[0], slice[1], slice[2], slice[3]]))
}

fn be_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let slice = bytes.get(at..at + 2)?;
    Some(u16::from_be_bytes([slice[0], slice[1]]))
}

fn le_u24(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at + 3)?;
    Some(u32::from(slice[0]) | u32::from(slice[1]) << 8 | u32::from(slice[2]) << 16)
}

/// PNG: the first chunk must be `IHDR`, whose data starts with width and height.
fn png(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    if bytes.get(12..16) != Some(b"IHDR".as_slice()) {
        return Err(HeaderError::Truncated);
    }
    let width = be_u32(bytes, 16).ok_or(HeaderError::Truncated)?;
    let height = be_u32(bytes, 20).ok_or(HeaderError::Truncated)?;
    Ok(ImageInfo {
        format: ImageFormat::Png,
        width,
        height,
    })
}

/// JPEG: walks the marker segments up to the first start-of-frame, which contains the size.
fn jpeg(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    let mut at = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if bytes.get(at) != Some(&0xFF) {
            return Err(HeaderError::Truncated);
        }
        let marker = *bytes.get(at + 1).ok_or(HeaderError::Truncated)?;
        at += 2;
        match marker {
            // Markers without a length field.
            0x01 | 0xD0..=0xD7 => continue,
            // End of image or start of scan before any frame header.
            0xD8..=0xDA => return Err(HeaderError::Truncated),
            _ => {}
        }
        let length = usize::from(be_u16(bytes, at).ok_or(HeaderError::Truncated)?);
        if length < 2 {
            return Err(HeaderError::Truncated);
        }
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let height = be_u16(bytes, at + 3).ok_or(HeaderError::Truncated)?;
            let width = be_u16(bytes, at + 5).ok_or(HeaderError::Truncated)?;
            return Ok(ImageInfo {
                format: ImageFormat::Jpeg,
                width: u32::from(width),
                height: u32::from(height),
            });
        }
        at += length;
    }
}

/// WebP: the first chunk is `VP8 ` (lossy), `VP8L` (lossless) or `VP8X` (extended), each
/// with the size in its own layout.
fn webp(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    let chunk = bytes.get(12..16).ok_or(HeaderError::Truncated)?;
    let (width, height) = match chunk {
        b"VP8X" => {
            let width = le_u24(bytes, 24).ok_or(HeaderError::Truncated)? + 1;
            let height = le_u24(bytes, 27).ok_or(HeaderError::Truncated)? + 1;
            (width, height)
        }
        b"VP8L" => {
            if bytes.get(20) != Some(&0x2F) {
                return Err(HeaderError::Truncated);
            }
            let packed = bytes.get(21..25).ok_or(HeaderError::Truncated)?;
            let bits = u32::from_le_bytes([packed[0], packed[1], packed[2], packed[3]]);
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8 " => {
            if bytes.get(23..26) != Some([0x9D, 0x01, 0x2A].as_slice()) {
                return Err(HeaderError::Truncated);
            }
            let width = le_u24(bytes, 26).ok_or(HeaderError::Truncated)? & 0x3FFF;
            let height = le_u24(bytes, 28).ok_or(HeaderError::Truncated)? & 0x3FFF;
            (width, height)
        }
        _ => return Err(HeaderError::Truncated),
    };
    Ok(ImageInfo {
        format: ImageFormat::WebP,
        width,
        height,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a PNG header (signature and IHDR) of the given size; the pixels are not needed.
    pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = PNG_SIGNATURE.to_vec();
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        // An APP0 segment first, as JFIF files have.
        bytes.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        bytes.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        bytes.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes
    }

    #[test]
    fn png_size_read() {
        let info = read_header(&png_header(320, 200)).expect("png");
        assert_eq!(info.format, ImageFormat::Png);
        assert_eq!((info.width, info.height), (320, 200));
    }

    #[test]
    fn jpeg_size_after_app_segment() {
        let info = read_header(&jpeg_header(640, 480)).expect("jpeg");
        assert_eq!(info.format, ImageFormat::Jpeg);
        assert_eq!((info.width, info.height), (640, 480));
    }

    #[test]
    fn webp_variants_read() {
        let mut lossy = b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0".to_vec();
        lossy.extend_from_slice(&[0, 0, 0, 0x9D, 0x01, 0x2A]);
        lossy.extend_from_slice(&300u16.to_le_bytes());
        lossy.extend_from_slice(&150u16.to_le_bytes());
        lossy.push(0);
        let info = read_header(&lossy).expect("lossy webp");
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::WebP, 300, 150)
        );

        let mut lossless = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2F".to_vec();
        let bits: u32 = (100 - 1) | ((50 - 1) << 14);
        lossless.extend_from_slice(&bits.to_le_bytes());
        let info = read_header(&lossless).expect("lossless webp");
        assert_eq!((info.width, info.height), (100, 50));

        let mut extended = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0".to_vec();
        extended.extend_from_slice(&[0, 0, 0, 0]);
        extended.extend_from_slice(&[0xFF, 0x03, 0x00]);
        extended.extend_from_slice(&[0x7F, 0x00, 0x00]);
        let info = read_header(&extended).expect("extended webp");
        assert_eq!((info.width, info.height), (1024, 128));
    }

    #[test]
    fn other_formats_rejected() {
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        assert_eq!(read_header(svg), Err(HeaderError::UnknownFormat));
        assert_eq!(
            read_header(b"GIF89a\x01\0\x01\0"),
            Err(HeaderError::UnknownFormat)
        );
        assert_eq!(read_header(b""), Err(HeaderError::UnknownFormat));
    }

    #[test]
    fn cut_headers_rejected() {
        let png = png_header(10, 10);
        for length in [8, 12, 16, 20, 23] {
            assert_eq!(
                read_header(&png[..length]),
                Err(HeaderError::Truncated),
                "png cut at {length}"
            );
        }
        let jpeg = jpeg_header(10, 10);
        for length in [3, 4, 6, 22, 26] {
            assert_eq!(
                read_header(&jpeg[..length]),
                Err(HeaderError::Truncated),
                "jpeg cut at {length}"
            );
        }
        assert_eq!(
            read_header(b"RIFF\0\0\0\0WEBPVP8 "),
            Err(HeaderError::Truncated)
        );
        // A scan before any frame header.
        assert_eq!(
            read_header(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]),
            Err(HeaderError::Truncated)
        );
    }
}
