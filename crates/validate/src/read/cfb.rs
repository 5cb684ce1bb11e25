//! A structural check of OLE2 compound files (the container of XLS workbooks) before
//! `calamine` reads them.
//!
//! `calamine` 0.38 follows sector chains without detecting loops, so a few kilobytes whose
//! allocation table sends a chain back on itself make it allocate without bound. It also
//! reserves memory for the rows and columns a sheet's DIMENSIONS record declares, true or
//! not. This check reads the header and the allocation table (FAT), and rejects a file
//! whose chains loop or point past the end of the file. It then reads the `Workbook`
//! stream and rejects a sheet whose declared size exceeds the cell limit.

use std::io::{Read, Seek, SeekFrom};

use super::error::ReadError;

/// Values of the FAT at and above this one mark chain ends and special sectors.
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;
const HEADER_DIFAT_ENTRIES: usize = 109;

fn invalid(detail: &str) -> ReadError {
    ReadError::Spreadsheet {
        detail: format!("invalid OLE2 compound file: {detail}"),
    }
}

fn u32_at(bytes: &[u8], offset: usize) -> u32 {
    let mut word = [0u8; 4];
    if let Some(source) = bytes.get(offset..offset + 4) {
        word.copy_from_slice(source);
    }
    u32::from_le_bytes(word)
}

/// Checks the sector chains of a compound file of `file_len` bytes, and the sheet sizes
/// its workbook declares against `max_cells`.
pub(crate) fn check_compound_file<R: Read + Seek>(
    reader: &mut R,
    file_len: u64,
    max_cells: u64,
) -> Result<(), ReadError> {
    let mut header = [0u8; 512];
    reader.seek(SeekFrom::Start(0))?;
    reader
        .read_exact(&mut header)
        .map_err(|_| invalid("header truncated"))?;
    let sector_size: u64 = match header.get(30..32) {
        Some([9, 0]) => 512,
        Some([12, 0]) => 4096,
        _ => return Err(invalid("sector size")),
    };
    // Sector `n` starts at byte `(n + 1) * sector_size`, after the header sector.
    let sector_count = u32::try_from(file_len.saturating_sub(sector_size).div_ceil(sector_size))
        .map_err(|_| invalid("too many sectors"))?;
    let fat = read_fat(reader, &header, sector_size, sector_count)?;

    for start in [u32_at(&header, 0x30), u32_at(&header, 0x3C)] {
        if start < MAX_REGULAR_SECTOR && start >= sector_count {
            return Err(invalid("chain starts past the end of the file"));
        }
    }
    check_chains(&fat, sector_count)?;

    let file = CompoundFile {
        fat,
        sector_size,
        sector_count,
        header,
    };
    match file.workbook_stream(reader)? {
        Some(stream) => check_dimensions(&stream, max_cells),
        None => Ok(()),
    }
}

/// Streams smaller than this are stored in the mini stream, in 64-byte mini sectors.
const MINI_STREAM_CUTOFF: u64 = 4096;
const MINI_SECTOR_SIZE: usize = 64;
const DIRECTORY_ENTRY_SIZE: usize = 128;

/// A compound file whose FAT chains were checked: from any sector in the file, they end
/// without leaving the file.
struct CompoundFile {
    fat: Vec<u32>,
    sector_size: u64,
    sector_count: u32,
    header: [u8; 512],
}

/// One directory entry: name, first sector and size of a stream.
struct DirectoryEntry {
    name: String,
    start: u32,
    size: u64,
}

impl CompoundFile {
    /// Reads the chain starting at `start`, up to `max_len` bytes.
    fn read_chain<R: Read + Seek>(
        &self,
        reader: &mut R,
        start: u32,
        max_len: u64,
    ) -> Result<Vec<u8>, ReadError> {
        let mut bytes = Vec::new();
        let mut sector = vec![0u8; self.sector_size as usize];
        let mut current = start;
        while current < MAX_REGULAR_SECTOR && (bytes.len() as u64) < max_len {
            if current >= self.sector_count {
                return Err(invalid("chain starts past the end of the file"));
            }
            read_sector(reader, current, self.sector_size, &mut sector)?;
            bytes.extend_from_slice(&sector);
            current = *self
                .fat
                .get(current as usize)
                .ok_or_else(|| invalid("chain past the FAT"))?;
        }
        bytes.truncate(usize::try_from(max_len).unwrap_or(usize::MAX));
        Ok(bytes)
    }

    /// Returns the `Workbook` (or BIFF5 `Book`) stream, `None` when the file has neither.
    fn workbook_stream<R: Read + Seek>(
        &self,
        reader: &mut R,
    ) -> Result<Option<Vec<u8>>, ReadError> {
        let directory = self.read_chain(reader, u32_at(&self.header, 0x30), u64::MAX)?;
        let entries: Vec<DirectoryEntry> = directory
            .chunks_exact(DIRECTORY_ENTRY_SIZE)
            .map(parse_entry)
            .collect();
        let named = |wanted: &str| {
            entries
                .iter()
                .find(|entry| entry.name.eq_ignore_ascii_case(wanted))
        };
        let (Some(root), Some(workbook)) =
            (entries.first(), named("Workbook").or_else(|| named("Book")))
        else {
            return Ok(None);
        };
        if workbook.size >= MINI_STREAM_CUTOFF {
            return self
                .read_chain(reader, workbook.start, workbook.size)
                .map(Some);
        }

        let mini_stream = self.read_chain(reader, root.start, root.size)?;
        let mini_fat_bytes = self.read_chain(reader, u32_at(&self.header, 0x3C), u64::MAX)?;
        let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
            .map(|index| u32_at(&mini_fat_bytes, index * 4))
            .collect();
        let mut stream = Vec::new();
        let mut current = workbook.start;
        let mut steps = 0usize;
        while current < MAX_REGULAR_SECTOR && (stream.len() as u64) < workbook.size {
            steps += 1;
            let offset = current as usize * MINI_SECTOR_SIZE;
            let sector = mini_stream.get(offset..offset + MINI_SECTOR_SIZE);
            let (Some(sector), Some(&next)) = (sector, mini_fat.get(current as usize)) else {
                return Err(invalid("mini stream chain"));
            };
            if steps > mini_fat.len() {
                return Err(invalid("mini stream chain loops"));
            }
            stream.extend_from_slice(sector);
            current = next;
        }
        stream.truncate(workbook.size as usize);
        Ok(Some(stream))
    }
}

fn parse_entry(entry: &[u8]) -> DirectoryEntry {
    let name_len = entry.get(0x40..0x42).map_or(0, |pair| {
        usize::from(u16::from_le_bytes([pair[0], pair[1]]))
    });
    let units: Vec<u16> = entry
        .get(..name_len.min(64))
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .take_while(|&unit| unit != 0)
        .collect();
    DirectoryEntry {
        name: String::from_utf16_lossy(&units),
        start: u32_at(entry, 0x74),
        // Version 3 files use only the low 32 bits of the size.
        size: u64::from(u32_at(entry, 0x78)),
    }
}

/// Checks every DIMENSIONS record (BIFF5 and BIFF8) of a workbook stream as `calamine`
/// 0.38 reads it: a first row past the last is invalid, and rows times columns must stay
/// within `max_cells`.
fn check_dimensions(stream: &[u8], max_cells: u64) -> Result<(), ReadError> {
    let mut position = 0usize;
    while let Some(header) = stream.get(position..position + 4) {
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let Some(data) = stream.get(position + 4..position + 4 + len) else {
            break;
        };
        position += 4 + len;
        if kind != 0x0200 {
            continue;
        }
        let u16_at =
            |offset: usize| u64::from(u16::from_le_bytes([data[offset], data[offset + 1]]));
        let (first_row, end_row, mut first_column, end_column) = match len {
            10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
            14 | 16 => (
                u64::from(u32_at(data, 0)),
                u64::from(u32_at(data, 4)),
                u16_at(8),
                u16_at(10),
            ),
            _ => continue,
        };
        if first_column > 0xFF || end_column < first_column {
            first_column = 0;
        }
        if end_row == 0 || end_column == 0 {
            continue;
        }
        if first_row >= end_row {
            return Err(invalid("sheet dimensions"));
        }
        let cells = (end_row - first_row).saturating_mul(end_column - first_column);
        if cells > max_cells {
            return Err(ReadError::SheetTooLarge { limit: max_cells });
        }
    }
    Ok(())
}

/// Reads the FAT sectors listed in the header and in the DIFAT chain.
fn read_fat<R: Read + Seek>(
    reader: &mut R,
    header: &[u8],
    sector_size: u64,
    sector_count: u32,
) -> Result<Vec<u32>, ReadError> {
    let entries_per_sector = (sector_size / 4) as usize;
    let mut fat_sectors: Vec<u32> = (0..HEADER_DIFAT_ENTRIES)
        .map(|index| u32_at(header, 0x4C + index * 4))
        .collect();
    let mut sector = vec![0u8; sector_size as usize];

    let mut difat = u32_at(header, 0x44);
    let mut steps = 0u32;
    while difat < MAX_REGULAR_SECTOR {
        steps += 1;
        if difat >= sector_count || steps > sector_count {
            return Err(invalid("DIFAT chain"));
        }
        read_sector(reader, difat, sector_size, &mut sector)?;
        fat_sectors.extend((0..entries_per_sector - 1).map(|index| u32_at(&sector, index * 4)));
        difat = u32_at(&sector, (entries_per_sector - 1) * 4);
    }

    let mut fat = Vec::new();
    for id in fat_sectors
        .into_iter()
        .filter(|&id| id < MAX_REGULAR_SECTOR)
    {
        if id >= sector_count {
            return Err(invalid("FAT sector past the end of the file"));
        }
        read_sector(reader, id, sector_size, &mut sector)?;
        fat.extend((0..entries_per_sector).map(|index| u32_at(&sector, index * 4)));
    }
    Ok(fat)
}

fn read_sector<R: Read + Seek>(
    reader: &mut R,
    id: u32,
    size: u64,
    buf: &mut [u8],
) -> Result<(), ReadError> {
    reader.seek(SeekFrom::Start((u64::from(id) + 1) * size))?;
    buf.fill(0);
    // The last sector may be short. The missing bytes read as zero, as `calamine` reads them.
    let mut filled = 0;
    while filled < buf.len() {
        let Some(rest) = buf.get_mut(filled..) else {
            break;
        };
        match reader.read(rest)? {
            0 => break,
            count => filled += count,
        }
    }
    Ok(())
}

/// Rejects a FAT where a sector in the file points past the end (or past the FAT) or where
/// a chain loops.
fn check_chains(fat: &[u32], sector_count: u32) -> Result<(), ReadError> {
    let in_file = fat.get(..sector_count as usize).unwrap_or(fat);
    let limit = in_file.len();
    if in_file
        .iter()
        .any(|&next| next < MAX_REGULAR_SECTOR && next as usize >= limit)
    {
        return Err(invalid("chain points past the end of the file"));
    }
    // Each sector is walked once: 0 unvisited, 1 on the chain being walked, 2 checked.
    let mut state = vec![0u8; limit];
    let mut walked = Vec::new();
    for start in 0..limit {
        walked.clear();
        let mut current = start;
        let looped = loop {
            match state.get_mut(current) {
                Some(mark @ 0) => *mark = 1,
                Some(1) => break true,
                _ => break false,
            }
            walked.push(current);
            match in_file.get(current) {
                Some(&next) if next < MAX_REGULAR_SECTOR => current = next as usize,
                _ => break false,
            }
        };
        if looped {
            return Err(invalid("chain loops"));
        }
        for &sector in &walked {
            if let Some(mark) = state.get_mut(sector) {
                *mark = 2;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_that_end_pass() {
        assert!(check_chains(&[1, 2, 0xFFFF_FFFE, 0xFFFF_FFFF], 4).is_ok());
    }

    #[test]
    fn loop_rejected() {
        assert!(check_chains(&[1, 2, 0], 3).is_err());
        assert!(check_chains(&[0xFFFF_FFFE, 1], 2).is_err());
    }

    #[test]
    fn pointer_past_end_rejected() {
        assert!(check_chains(&[5], 1).is_err());
    }
}
