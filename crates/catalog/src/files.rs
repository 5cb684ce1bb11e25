//! Uploaded files on local disk, published with write, fsync and rename.
//!
//! An upload is written to `tmp/` under a random name while its size and SHA-256 are
//! computed, then flushed to disk and renamed into `files/<2 hex>/<key>`, and the folder
//! is synced. Only then does the caller record the resource in the database, so a crash
//! at any point leaves either no file, an unpublished temporary file (removed on the next
//! open), or a stored file with no resource pointing at it. A reader never sees a partial
//! file under a published key.
//!
//! A stored file that no row references (a crash between rename and database commit, a
//! replaced logo) is removed later by [`crate::sweep`], once it is older than a safety age.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::Error;

/// The file area of a data folder.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// A file found in the storage folder.
#[derive(Debug, Clone)]
pub struct StoredEntry {
    pub key: String,
    pub size: u64,
    pub modified: std::time::SystemTime,
}

/// A file being written, not yet visible under a key.
pub struct PendingFile {
    file: Option<tokio::fs::File>,
    path: PathBuf,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

/// A file published under its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub key: String,
    pub size: u64,
    pub sha256: String,
}

impl FileStore {
    /// Opens the file area under `root`, creating it, and removes leftover temporary files
    /// of interrupted uploads.
    pub fn open(root: &Path) -> Result<FileStore, Error> {
        let store = FileStore {
            root: root.to_path_buf(),
        };
        std::fs::create_dir_all(store.root.join("files"))?;
        let tmp = store.root.join("tmp");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir_all(&tmp)?;
        Ok(store)
    }

    /// Opens the file area of a data folder that another process may be using: leftover
    /// temporary files are kept, because they may be uploads in progress.
    pub fn attach(root: &Path) -> Result<FileStore, Error> {
        let files = root.join("files");
        if !files.is_dir() {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no file storage folder at {}", files.display()),
            )));
        }
        Ok(FileStore {
            root: root.to_path_buf(),
        })
    }

    /// Lists the stored files with their size and modification time. Entries whose name is
    /// not a key of this store are skipped, so they are never swept.
    pub fn stored_files(&self) -> Result<Vec<StoredEntry>, Error> {
        let mut entries = Vec::new();
        for folder in std::fs::read_dir(self.root.join("files"))? {
            let folder = folder?;
            if !folder.file_type()?.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(folder.path())? {
                let file = file?;
                let Some(key) = file.file_name().to_str().map(str::to_string) else {
                    continue;
                };
                if self.path(&key).as_deref() != Some(file.path().as_path()) {
                    continue;
                }
                let metadata = file.metadata()?;
                if !metadata.is_file() {
                    continue;
                }
                entries.push(StoredEntry {
                    key,
                    size: metadata.len(),
                    modified: metadata.modified()?,
                });
            }
        }
        entries.sort_by(|left, right| left.key.cmp(&right.key));
        Ok(entries)
    }

    /// Starts a new upload that may grow to `limit` bytes.
    pub async fn begin(&self, limit: u64) -> Result<PendingFile, Error> {
        let key = uuid::Uuid::new_v4().simple().to_string();
        let path = self.root.join("tmp").join(key);
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok(PendingFile {
            file: Some(file),
            path,
            hasher: Sha256::new(),
            size: 0,
            limit,
        })
    }

    /// Returns the path of a stored file, or `None` when the key is not one this store
    /// creates (which also keeps `..` and separators out).
    pub fn path(&self, key: &str) -> Option<PathBuf> {
        if key.len() != 32
            || !key
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            return None;
        }
        let prefix = key.get(..2)?;
        Some(self.root.join("files").join(prefix).join(key))
    }

    /// Removes a stored file; a missing file is not an error.
    pub async fn remove(&self, key: &str) -> Result<(), Error> {
        let Some(path) = self.path(key) else {
            return Ok(());
        };
        match tokio::fs::remove_file(path).await {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(error.into()),
        }
    }
}

impl PendingFile {
    /// Appends a chunk; fails once the total passes the limit.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let total = self.size.saturating_add(chunk.len() as u64);
        if total > self.limit {
            return Err(Error::TooLarge { limit: self.limit });
        }
        let Some(file) = self.file.as_mut() else {
            return Err(Error::Io(std::io::Error::other("upload already finished")));
        };
        file.write_all(chunk).await?;
        self.hasher.update(chunk);
        self.size = total;
        Ok(())
    }

    /// Returns the number of bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Returns the temporary path, for reading the content before it is published.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the file to disk and publishes it under a new key.
    pub async fn commit(mut self, store: &FileStore) -> Result<StoredFile, Error> {
        let Some(mut file) = self.file.take() else {
            return Err(Error::Io(std::io::Error::other("upload already finished")));
        };
        file.flush().await?;
        file.sync_all().await?;
        drop(file);

        let key = uuid::Uuid::new_v4().simple().to_string();
        let target = store
            .path(&key)
            .ok_or_else(|| Error::Corrupt(format!("generated key {key}")))?;
        let folder = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| store.root.join("files"));
        tokio::fs::create_dir_all(&folder).await?;
        tokio::fs::rename(&self.path, &target).await?;
        sync_folder(folder).await?;

        let sha256 = hex::encode(std::mem::take(&mut self.hasher).finalize());
        Ok(StoredFile {
            key,
            size: self.size,
            sha256,
        })
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        // An abandoned upload: remove its temporary file. After a commit the path no longer
        // exists and the removal fails harmlessly.
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Syncs a folder so that a rename into it survives a power loss.
async fn sync_folder(folder: PathBuf) -> Result<(), Error> {
    tokio::task::spawn_blocking(move || std::fs::File::open(&folder)?.sync_all())
        .await
        .map_err(|error| Error::Io(std::io::Error::other(error.to_string())))??;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!(
            "socle-files-{name}-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&root).expect("temp folder");
        root
    }

    #[tokio::test]
    async fn commit_publishes_content_and_hash() {
        let store = FileStore::open(&temp_root("commit")).expect("open");
        let mut pending = store.begin(100).await.expect("begin");
        pending.write(b"abc").await.expect("write");
        let temporary = pending.path().to_path_buf();
        let stored = pending.commit(&store).await.expect("commit");
        assert_eq!(stored.size, 3);
        assert_eq!(
            stored.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let path = store.path(&stored.key).expect("key is valid");
        assert_eq!(std::fs::read(path).expect("read"), b"abc");
        assert!(!temporary.exists());
    }

    #[tokio::test]
    async fn limit_is_enforced() {
        let store = FileStore::open(&temp_root("limit")).expect("open");
        let mut pending = store.begin(4).await.expect("begin");
        pending.write(b"abcd").await.expect("within limit");
        assert!(matches!(
            pending.write(b"e").await,
            Err(Error::TooLarge { limit: 4 })
        ));
    }

    #[tokio::test]
    async fn abandoned_upload_is_removed() {
        let store = FileStore::open(&temp_root("drop")).expect("open");
        let mut pending = store.begin(10).await.expect("begin");
        pending.write(b"x").await.expect("write");
        let temporary = pending.path().to_path_buf();
        drop(pending);
        assert!(!temporary.exists());
    }

    #[test]
    fn foreign_keys_are_rejected() {
        let store = FileStore {
            root: PathBuf::from("/data"),
        };
        assert!(store.path("../../etc/passwd").is_none());
        assert!(store.path("ABCDEF0123456789ABCDEF0123456789").is_none());
        assert!(store.path("abcdef0123456789abcdef0123456789").is_some());
    }

    #[test]
    fn open_clears_leftover_temporary_files() {
        let root = temp_root("leftover");
        std::fs::create_dir_all(root.join("tmp")).expect("tmp");
        std::fs::write(root.join("tmp").join("half"), b"partial").expect("write");
        FileStore::open(&root).expect("open");
        assert!(!root.join("tmp").join("half").exists());
    }
}
