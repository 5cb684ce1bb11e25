//! Columns that contain file-store keys, found in the live schema, and the rows that write
//! them outside the main concerns (organisation logos, redaction records).
//!
//! The naming rule is: a column that contains a key of [`crate::files::FileStore`] is named
//! `storage_key` or ends in `_key`. The list is read from SQLite's own catalogue on every
//! call, so a table added by a later migration is covered without a change here. A column
//! that follows the rule but contains something else only keeps matching files alive.

use std::collections::HashSet;

use uuid::Uuid;

use super::SqliteStore;
use crate::{Error, now};

/// A column of the live schema that contains file-store keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyColumn {
    pub table: String,
    pub column: String,
}

/// Returns whether a column name follows the storage-key naming rule.
pub fn is_key_column(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == "storage_key" || name.ends_with("_key")
}

impl SqliteStore {
    /// Lists every column of every table (views and SQLite's internal tables excepted)
    /// whose name follows the storage-key naming rule.
    pub async fn storage_key_columns(&self) -> Result<Vec<KeyColumn>, Error> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut columns = Vec::new();
        for table in tables {
            let names: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                    .bind(&table)
                    .fetch_all(&self.pool)
                    .await?;
            for column in names.into_iter().filter(|name| is_key_column(name)) {
                columns.push(KeyColumn {
                    table: table.clone(),
                    column,
                });
            }
        }
        Ok(columns)
    }

    /// Returns every non-null value of every storage-key column.
    pub async fn referenced_storage_keys(&self) -> Result<HashSet<String>, Error> {
        let mut keys = HashSet::new();
        for KeyColumn { table, column } in self.storage_key_columns().await? {
            // Both names come from SQLite's catalogue; quoting keeps any name a single
            // identifier.
            let sql = format!(
                "SELECT DISTINCT CAST({} AS TEXT) FROM {} WHERE {} IS NOT NULL",
                quote_identifier(&column),
                quote_identifier(&table),
                quote_identifier(&column),
            );
            let values: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&self.pool).await?;
            keys.extend(values);
        }
        Ok(keys)
    }

    /// Records that `record_key` contains the redaction record of `source` redacted into
    /// `redacted`, by `actor` when known.
    pub async fn add_redaction_record(
        &self,
        source: Uuid,
        redacted: Uuid,
        actor: Option<Uuid>,
        record_key: &str,
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO redaction_records (id, source_resource_id, redacted_resource_id, actor_user_id, record_key, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(source.to_string())
        .bind(redacted.to_string())
        .bind(actor.map(|id| id.to_string()))
        .bind(record_key)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Returns the storage keys of the redaction records of a source resource, oldest first.
    pub async fn redaction_record_keys(&self, source: Uuid) -> Result<Vec<String>, Error> {
        Ok(sqlx::query_scalar(
            "SELECT record_key FROM redaction_records WHERE source_resource_id = ? ORDER BY created_at",
        )
        .bind(source.to_string())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Sets or clears the logo of an organisation and returns the key it replaced.
    pub async fn set_organization_logo(
        &self,
        organization: Uuid,
        logo_key: Option<&str>,
    ) -> Result<Option<String>, Error> {
        let mut transaction = self.pool.begin().await?;
        let previous: Option<Option<String>> =
            sqlx::query_scalar("SELECT logo_key FROM organizations WHERE id = ?")
                .bind(organization.to_string())
                .fetch_optional(&mut *transaction)
                .await?;
        let Some(previous) = previous else {
            return Err(Error::not_found("organization", organization));
        };
        sqlx::query("UPDATE organizations SET logo_key = ? WHERE id = ?")
            .bind(logo_key)
            .bind(organization.to_string())
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        self.search_cache.clear();
        Ok(previous)
    }
}

impl SqliteStore {
    /// Returns the id of the organisation whose logo is stored under `logo_key`, if any.
    pub async fn organization_with_logo(&self, logo_key: &str) -> Result<Option<Uuid>, Error> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM organizations WHERE logo_key = ? LIMIT 1")
                .bind(logo_key)
                .fetch_optional(&self.pool)
                .await?;
        id.map(|text| {
            Uuid::parse_str(&text)
                .map_err(|_| Error::Corrupt(format!("organisation id is not a UUID: {text}")))
        })
        .transpose()
    }
}

/// Quotes an SQL identifier, doubling any quote inside it.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_column_naming_rule() {
        assert!(is_key_column("storage_key"));
        assert!(is_key_column("logo_key"));
        assert!(is_key_column("RECORD_KEY"));
        assert!(!is_key_column("key"));
        assert!(!is_key_column("keyword"));
        assert!(!is_key_column("storage_keys"));
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_identifier("logo_key"), "\"logo_key\"");
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
    }
}
