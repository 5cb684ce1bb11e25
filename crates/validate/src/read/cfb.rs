//! A structural check of OLE2 compound files (the container of XLS workbooks) before
//! `calamine` reads them.
//!
//! `calamine` 0.38 follows sector chains without detecting loops, so a few kilobytes whose
//! allocation table sends a chain back on itself make it allocate without bound. This
//! check reads the header and the allocation table (FAT), and rejects a file whose chains
//! loop or point past the end of the file. Directory entries and the mini stream are left
//! to `calamine`.

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

/// Checks the sector chains of a compound file of `file_len` bytes.
pub(crate) fn check_compound_file<R: Read + Seek>(
    reader: &mut R,
    file_len: u64,
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
    check_chains(&fat, sector_count)
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
