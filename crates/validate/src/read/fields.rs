//! The byte storage of a record's fields: one buffer and the bounds of each field in it.
//!
//! A field is a range of the buffer rather than the next bytes after the previous field,
//! so the parser can copy a whole line once and record where its fields lie, without a
//! copy per field. Fields written one by one (quoted fields with escapes, spreadsheet
//! cells) are appended to the buffer. Ranges may leave separators between fields.

/// The fields of one record, reused from one record to the next.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    bytes: Vec<u8>,
    /// Start and end offsets in `bytes` of each field, in field order.
    bounds: Vec<(usize, usize)>,
}

impl Fields {
    pub(crate) fn new() -> Fields {
        Fields::default()
    }

    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.bounds.clear();
    }

    pub(crate) fn len(&self) -> usize {
        self.bounds.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    pub(crate) fn get(&self, index: usize) -> Option<&[u8]> {
        let &(start, end) = self.bounds.get(index)?;
        self.bytes.get(start..end)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.bounds
            .iter()
            .map(|&(start, end)| self.bytes.get(start..end).unwrap_or_default())
    }

    /// Returns the whole buffer: every field, and possibly separators between them.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Appends a field by copying it.
    pub(crate) fn push_field(&mut self, field: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(field);
        self.bounds.push((start, self.bytes.len()));
    }

    /// Copies `line` to the buffer and returns the offset where it starts, for fields then
    /// added with [`Fields::push_range`].
    pub(crate) fn push_line(&mut self, line: &[u8]) -> usize {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(line);
        start
    }

    /// Appends a field that lies at `start..end` of the buffer, as copied by
    /// [`Fields::push_line`]. An out-of-range field reads as empty.
    pub(crate) fn push_range(&mut self, start: usize, end: usize) {
        self.bounds.push((start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_and_ranged_fields_read_back() {
        let mut fields = Fields::new();
        fields.push_field(b"un");
        let base = fields.push_line(b"deux;trois");
        fields.push_range(base, base + 4);
        fields.push_range(base + 5, base + 10);
        fields.push_field(b"");

        let read: Vec<&[u8]> = fields.iter().collect();
        assert_eq!(read, [&b"un"[..], b"deux", b"trois", b""]);
        assert_eq!(fields.get(2), Some(&b"trois"[..]));
        assert_eq!(fields.get(4), None);
        assert_eq!(fields.len(), 4);

        fields.clear();
        assert!(fields.is_empty());
        assert!(fields.as_bytes().is_empty());
    }
}
