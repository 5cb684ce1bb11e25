//! The SQLite implementation of the store traits.
//!
//! One database file in WAL mode with `synchronous = FULL`, so a committed transaction
//! survives a crash of the process or of the machine. Foreign keys are enforced. The
//! embedded migrations run on every open. Row decoding is shared here; each concern's
//! queries live in its own submodule.

mod accounts;
mod cache;
mod datasets;
mod export;
mod facet_index;
mod harvest;
mod holds;
mod lifecycle;
mod listing;
mod memo;
mod named_organization;
mod refresh;
mod search;
mod storage_keys;
mod tokens;
mod watch;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::Row;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use uuid::Uuid;

use crate::Error;
use crate::model::{Dataset, DatasetFields, Organization, OrganizationKind, User, Validity};
use crate::search::DatasetHit;
use crate::text::Analyzer;

pub use storage_keys::{KeyColumn, is_key_column};

/// The catalogue in one SQLite database.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    analyzer: Arc<Analyzer>,
    search_cache: Arc<cache::SearchCache>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    pub async fn open(path: &Path) -> Result<SqliteStore, Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        Self::connect(options, 8).await
    }

    /// Opens the database for a bulk load (benchmark fixtures, imports): commits are not
    /// synced to disk, so a crash during the load can lose or corrupt it. Reopen with
    /// [`SqliteStore::open`] before serving.
    pub async fn open_for_bulk_load(path: &Path) -> Result<SqliteStore, Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Off)
            .foreign_keys(true);
        Self::connect(options, 1).await
    }

    /// Opens a private in-memory database, for tests.
    pub async fn open_in_memory() -> Result<SqliteStore, Error> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // One connection: each in-memory connection would be a separate database.
        Self::connect(options, 1).await
    }

    async fn connect(
        options: SqliteConnectOptions,
        connections: u32,
    ) -> Result<SqliteStore, Error> {
        let pool = SqlitePoolOptions::new()
            .max_connections(connections)
            // A local file has no connection to lose, so checking it costs a round trip to
            // the connection's thread for nothing.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(SqliteStore {
            pool,
            analyzer: Arc::new(Analyzer::default()),
            search_cache: Arc::new(cache::SearchCache::default()),
        })
    }

    /// Returns a counter that changes with every write that can change what anonymous
    /// visitors see. A page built for an anonymous visitor stays valid while it is equal.
    pub fn write_generation(&self) -> u64 {
        self.search_cache.generation()
    }

    /// Closes every connection, checkpointing the write-ahead log.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn uuid_column(row: &SqliteRow, column: &str) -> Result<Uuid, Error> {
    let text: String = row.try_get(column)?;
    Uuid::parse_str(&text).map_err(|_| Error::Corrupt(format!("{column} is not a UUID: {text}")))
}

fn json_list(text: &str) -> Result<Vec<String>, Error> {
    serde_json::from_str(text).map_err(|error| Error::Corrupt(format!("list column: {error}")))
}

fn organization_from_row(row: &SqliteRow) -> Result<Organization, Error> {
    let kind: String = row.try_get("kind")?;
    Ok(Organization {
        id: uuid_column(row, "id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        siren: row.try_get("siren")?,
        kind: OrganizationKind::from_code(&kind)
            .ok_or_else(|| Error::Corrupt(format!("organisation kind {kind}")))?,
        description: row.try_get("description")?,
        logo_key: row.try_get("logo_key")?,
        created_at: row.try_get("created_at")?,
    })
}

fn user_from_row(row: &SqliteRow) -> Result<User, Error> {
    Ok(User {
        id: uuid_column(row, "id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        is_platform_admin: row.try_get("is_platform_admin")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Columns of a dataset joined with its organisation, as [`hit_from_row`] reads them.
const HIT_COLUMNS: &str = "d.id, d.slug, d.organization_id, d.title, d.description, d.licence, d.frequency, \
     d.temporal_start, d.temporal_end, d.spatial, d.contact_name, d.contact_email, d.schema_slug, d.private, \
     d.published, d.state, d.validity, d.created_at, d.modified_at, o.slug AS organization_slug, o.name AS organization_name, \
     (SELECT json_group_array(tag) FROM (SELECT tag FROM dataset_tags t WHERE t.dataset_id = d.id ORDER BY tag)) AS tags";

fn hit_from_row(row: &SqliteRow) -> Result<DatasetHit, Error> {
    let validity: String = row.try_get("validity")?;
    let fields = DatasetFields {
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        licence: row.try_get("licence")?,
        tags: json_list(&row.try_get::<String, _>("tags")?)?,
        frequency: row.try_get("frequency")?,
        temporal_start: row.try_get("temporal_start")?,
        temporal_end: row.try_get("temporal_end")?,
        spatial: json_list(&row.try_get::<String, _>("spatial")?)?,
        contact_name: row.try_get("contact_name")?,
        contact_email: row.try_get("contact_email")?,
        schema_slug: row.try_get("schema_slug")?,
        private: row.try_get("private")?,
    };
    let dataset = Dataset {
        id: uuid_column(row, "id")?,
        slug: row.try_get("slug")?,
        organization_id: uuid_column(row, "organization_id")?,
        fields,
        published: row.try_get("published")?,
        state: {
            let state: String = row.try_get("state")?;
            crate::lifecycle::DatasetState::from_code(&state)
                .ok_or_else(|| Error::Corrupt(format!("dataset state {state}")))?
        },
        validity: Validity::from_code(&validity)
            .ok_or_else(|| Error::Corrupt(format!("validity {validity}")))?,
        created_at: row.try_get("created_at")?,
        modified_at: row.try_get("modified_at")?,
    };
    Ok(DatasetHit {
        dataset,
        organization_slug: row.try_get("organization_slug")?,
        organization_name: row.try_get("organization_name")?,
    })
}

/// Appends the condition that keeps only the datasets `viewer` may see (alias `d`):
/// active ones, and among them the published public ones and those of the viewer's
/// organisations. Archived and deleted datasets are hidden from everyone.
fn push_visibility(
    builder: &mut sqlx::QueryBuilder<'_, sqlx::Sqlite>,
    viewer: &crate::model::Viewer,
) {
    builder.push("d.state = 'active' AND ");
    push_access(builder, viewer);
}

/// Appends the access condition alone (alias `d`): published public datasets, those of
/// the viewer's organisations, or all for platform administrators, whatever their state.
fn push_access(builder: &mut sqlx::QueryBuilder<'_, sqlx::Sqlite>, viewer: &crate::model::Viewer) {
    if viewer.platform_admin {
        builder.push("1 = 1");
        return;
    }
    builder.push("((d.published = 1 AND d.private = 0)");
    if let Some(user_id) = viewer.user_id {
        builder.push(
            " OR d.organization_id IN (SELECT organization_id FROM memberships WHERE user_id = ",
        );
        builder.push_bind(user_id.to_string());
        builder.push(")");
    }
    builder.push(")");
}
