//! Organisations, users, memberships and sessions in SQLite.

use sqlx::Row;
use uuid::Uuid;

use super::{SqliteStore, organization_from_row, user_from_row};
use crate::model::{Membership, NewOrganization, Organization, Role, User, slugify};
use crate::store::{OrganizationStore, SessionStore, UserStore};
use crate::{Error, auth, now};

const USER_COLUMNS: &str = "id, email, display_name, is_platform_admin, created_at";

impl OrganizationStore for SqliteStore {
    async fn create_organization(&self, new: &NewOrganization) -> Result<Organization, Error> {
        new.check()?;
        let id = Uuid::new_v4();
        let slug = unique_slug(self, "organizations", &slugify(&new.name, "organisation")).await?;
        sqlx::query(
            "INSERT INTO organizations (id, slug, name, siren, kind, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(&slug)
        .bind(new.name.trim())
        .bind(&new.siren)
        .bind(new.kind.code())
        .bind(&new.description)
        .bind(now())
        .execute(&self.pool)
        .await?;
        self.search_cache.clear();
        self.organization(id)
            .await?
            .ok_or_else(|| Error::not_found("organization", id))
    }

    async fn organization(&self, id: Uuid) -> Result<Option<Organization>, Error> {
        let row = sqlx::query("SELECT * FROM organizations WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(organization_from_row).transpose()
    }

    async fn organization_by_slug(&self, slug: &str) -> Result<Option<Organization>, Error> {
        let row = sqlx::query("SELECT * FROM organizations WHERE slug = ?")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(organization_from_row).transpose()
    }

    async fn organizations(&self) -> Result<Vec<Organization>, Error> {
        let rows = sqlx::query("SELECT * FROM organizations ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(organization_from_row).collect()
    }
}

/// Returns `base`, or `base-2`, `base-3`… whichever is free in `table`.
pub(super) async fn unique_slug(
    store: &SqliteStore,
    table: &str,
    base: &str,
) -> Result<String, Error> {
    // `table` is one of our own constant names, never user input.
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE slug = ?");
    let mut candidate = base.to_string();
    for suffix in 2..1000u32 {
        let count: i64 = sqlx::query_scalar(&sql)
            .bind(&candidate)
            .fetch_one(&store.pool)
            .await?;
        if count == 0 {
            return Ok(candidate);
        }
        candidate = format!("{base}-{suffix}");
    }
    Ok(format!("{base}-{}", Uuid::new_v4().simple()))
}

impl UserStore for SqliteStore {
    async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        platform_admin: bool,
    ) -> Result<User, Error> {
        let email = email.trim();
        if !email.contains('@') || email.len() > 254 {
            return Err(Error::invalid("email", "catalog-error-email"));
        }
        if display_name.trim().is_empty() {
            return Err(Error::invalid("display_name", "catalog-error-required"));
        }
        if self.user_by_email(email).await?.is_some() {
            return Err(Error::invalid("email", "catalog-error-email-taken"));
        }
        let password = password.to_string();
        let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
            .await
            .map_err(|error| Error::Password(error.to_string()))??;
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, is_platform_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(email)
        .bind(display_name.trim())
        .bind(hash)
        .bind(platform_admin)
        .bind(now())
        .execute(&self.pool)
        .await?;
        self.user_by_email(email)
            .await?
            .ok_or_else(|| Error::not_found("user", email))
    }

    async fn authenticate(&self, email: &str, password: &str) -> Result<Option<User>, Error> {
        let row = sqlx::query("SELECT id, email, display_name, is_platform_admin, created_at, password_hash FROM users WHERE email = ?")
            .bind(email.trim())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            // Spend the same Argon2 time as for a known address, so response times do not
            // tell which addresses have an account.
            let password = password.to_string();
            let _ = tokio::task::spawn_blocking(move || {
                auth::verify_password(auth::dummy_hash(), &password)
            })
            .await;
            return Ok(None);
        };
        let stored: String = row.try_get("password_hash")?;
        let password = password.to_string();
        // Argon2 takes tens of milliseconds of CPU: keep it off the async workers.
        let matches =
            tokio::task::spawn_blocking(move || auth::verify_password(&stored, &password))
                .await
                .map_err(|error| Error::Password(error.to_string()))?;
        if matches {
            user_from_row(&row).map(Some)
        } else {
            Ok(None)
        }
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>, Error> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?");
        let row = sqlx::query(&sql)
            .bind(email.trim())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn set_membership(
        &self,
        user_id: Uuid,
        organization_id: Uuid,
        role: Role,
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO memberships (user_id, organization_id, role) VALUES (?, ?, ?) \
             ON CONFLICT (user_id, organization_id) DO UPDATE SET role = excluded.role",
        )
        .bind(user_id.to_string())
        .bind(organization_id.to_string())
        .bind(role.code())
        .execute(&self.pool)
        .await?;
        // A membership changes what its user finds, and cached searches must not outlive it.
        self.search_cache.clear();
        Ok(())
    }

    async fn memberships(&self, user_id: Uuid) -> Result<Vec<Membership>, Error> {
        let rows = sqlx::query(
            "SELECT o.*, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id \
             WHERE m.user_id = ? ORDER BY o.name",
        )
        .bind(user_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let role: String = row.try_get("role")?;
                let role =
                    Role::from_code(&role).ok_or_else(|| Error::Corrupt(format!("role {role}")))?;
                Ok(Membership {
                    organization: organization_from_row(row)?,
                    role,
                })
            })
            .collect()
    }

    async fn role_in(&self, user_id: Uuid, organization_id: Uuid) -> Result<Option<Role>, Error> {
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM memberships WHERE user_id = ? AND organization_id = ?",
        )
        .bind(user_id.to_string())
        .bind(organization_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(role.as_deref().and_then(Role::from_code))
    }
}

impl SqliteStore {
    /// Replaces the password of the account with this e-mail address and deletes its
    /// sessions, so that a browser signed in with the old password is signed out. API
    /// tokens are kept: they are separate credentials, revoked one by one. Returns `None`
    /// when no account has this address.
    pub async fn set_password(&self, email: &str, password: &str) -> Result<Option<User>, Error> {
        let Some(user) = self.user_by_email(email).await? else {
            return Ok(None);
        };
        let password = password.to_string();
        let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
            .await
            .map_err(|error| Error::Password(error.to_string()))??;
        let mut transaction = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
            .bind(hash)
            .bind(user.id.to_string())
            .execute(&mut *transaction)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(user.id.to_string())
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(Some(user))
    }
}

impl SessionStore for SqliteStore {
    async fn create_session(
        &self,
        user_id: Uuid,
        ttl_seconds: i64,
    ) -> Result<(String, String), Error> {
        let token = auth::new_token()?;
        let csrf = auth::new_token()?;
        let expires = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_secs(ttl_seconds))
            .map_err(|error| Error::Corrupt(error.to_string()))?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
            .bind(now())
            .execute(&self.pool)
            .await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)")
            .bind(auth::token_hash(&token))
            .bind(user_id.to_string())
            .bind(&csrf)
            .bind(format!("{expires:.6}"))
            .execute(&self.pool)
            .await?;
        Ok((token, csrf))
    }

    async fn session(&self, token: &str) -> Result<Option<(User, String)>, Error> {
        let row = sqlx::query(
            "SELECT u.id, u.email, u.display_name, u.is_platform_admin, u.created_at, s.csrf_token \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
        )
        .bind(auth::token_hash(token))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some((user_from_row(&row)?, row.try_get("csrf_token")?)))
    }

    async fn delete_session(&self, token: &str) -> Result<(), Error> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(auth::token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
