//! Notice of writes that other processes make on the same database file.
//!
//! The caches built on the catalogue follow the write generation, which this process
//! bumps on its own writes. `socle harvest run` and other commands may write the same file
//! while a server runs, so the server also reads SQLite's `data_version` from a connection
//! of its own: the value changes whenever another connection has committed, and the
//! caches are then emptied. The server's own pool counts as other connections too, which
//! costs at most one extra emptying per interval after its writes.

use std::path::Path;
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use tokio::task::JoinHandle;

use super::SqliteStore;
use crate::Error;

async fn data_version(connection: &mut SqliteConnection) -> Result<i64, Error> {
    Ok(sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(connection)
        .await?)
}

impl SqliteStore {
    /// Starts a task that reads the `data_version` of the database at `path` every
    /// `interval` and empties the caches when another connection has committed since the
    /// last reading. The task runs until the runtime stops; the handle may abort it.
    pub async fn watch_other_writers(
        &self,
        path: &Path,
        interval: Duration,
    ) -> Result<JoinHandle<()>, Error> {
        let mut connection = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .connect()
            .await?;
        let mut seen = data_version(&mut connection).await?;
        let store = self.clone();
        Ok(tokio::spawn(async move {
            let mut ticker = tokio::time::interval(interval);
            ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            let mut failing = false;
            loop {
                ticker.tick().await;
                match data_version(&mut connection).await {
                    Ok(version) => {
                        failing = false;
                        if version != seen {
                            seen = version;
                            store.search_cache.clear();
                        }
                    }
                    // Logged once per series of failures; the next reading retries.
                    Err(error) if !failing => {
                        failing = true;
                        tracing::warn!(%error, "reading the catalogue's data version failed");
                    }
                    Err(_) => {}
                }
            }
        }))
    }
}
