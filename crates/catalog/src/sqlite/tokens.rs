//! API tokens in SQLite: the SHA-256 of each token, its owner, name and use times.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

use super::{SqliteStore, user_from_row, uuid_column};
use crate::auth::{new_token, token_hash};
use crate::model::User;
use crate::tokens::{ApiToken, TOKEN_PREFIX, TokenStore, check_token_name};
use crate::{Error, now};

/// Minimum time between two updates of a token's last use, in seconds.
const LAST_USE_RESOLUTION_SECONDS: i64 = 60;

fn token_from_row(row: &SqliteRow) -> Result<ApiToken, Error> {
    Ok(ApiToken {
        id: uuid_column(row, "id")?,
        user_id: uuid_column(row, "user_id")?,
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

impl TokenStore for SqliteStore {
    async fn create_token(&self, user_id: Uuid, name: &str) -> Result<(ApiToken, String), Error> {
        check_token_name(name)?;
        let secret = format!("{TOKEN_PREFIX}{}", new_token()?);
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(token_hash(&secret))
        .bind(user_id.to_string())
        .bind(name.trim())
        .bind(now())
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT * FROM api_tokens WHERE id = ?")
            .bind(id.to_string())
            .fetch_one(&self.pool)
            .await?;
        Ok((token_from_row(&row)?, secret))
    }

    async fn tokens(&self, user_id: Uuid) -> Result<Vec<ApiToken>, Error> {
        let rows =
            sqlx::query("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC")
                .bind(user_id.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(token_from_row).collect()
    }

    async fn revoke_token(&self, user_id: Uuid, token_id: Uuid) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_id = ?",
        )
        .bind(now())
        .bind(token_id.to_string())
        .bind(user_id.to_string())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn user_by_token(&self, secret: &str) -> Result<Option<User>, Error> {
        let hash = token_hash(secret);
        let row = sqlx::query(
            "SELECT t.id AS token_id, t.last_used_at, u.id, u.email, u.display_name, u.is_platform_admin, u.created_at \
             FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let user = user_from_row(&row)?;
        let last_used: Option<String> = row.try_get("last_used_at")?;
        let threshold = format!(
            "{:.6}",
            jiff::Timestamp::now() - jiff::SignedDuration::from_secs(LAST_USE_RESOLUTION_SECONDS)
        );
        if last_used.is_none_or(|time| time < threshold) {
            let token_id: String = row.try_get("token_id")?;
            sqlx::query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                .bind(now())
                .bind(token_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user))
    }
}
