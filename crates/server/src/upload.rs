//! Streaming uploads: a multipart file goes to disk chunk by chunk, never whole in memory.
//!
//! The form sends its CSRF token before the file, so a forged request is rejected before
//! any byte is stored. The size limit is checked on every chunk, the file name is reduced
//! to a safe form, and the file becomes visible only through [`catalog::files`]'s atomic
//! publication once complete.

use axum::extract::Multipart;
use catalog::files::StoredFile;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::Visitor;

/// Maximum length of a stored file name, in characters.
const MAX_NAME_CHARS: usize = 120;

/// Reduces a client-supplied file name to letters, digits, `.`, `-` and `_`: no path
/// separators, no leading dot, no control or quote characters.
pub fn sanitize_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let folded = catalog::text::fold(base);
    let mut clean: String = folded
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(MAX_NAME_CHARS)
        .collect();
    while clean.starts_with('.') {
        clean.remove(0);
    }
    if clean.is_empty() {
        "fichier".to_string()
    } else {
        clean
    }
}

/// Lower-case extension of a file name, used as the resource format.
pub fn format_of(file_name: &str) -> String {
    let lower = file_name.to_lowercase();
    let trimmed = lower.strip_suffix(".gz").unwrap_or(&lower);
    trimmed
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_string())
        .unwrap_or_else(|| "bin".to_string())
}

/// An uploaded file, stored and published on disk.
pub struct Upload {
    pub file_name: String,
    pub stored: StoredFile,
}

/// Reads a multipart form whose first field is `csrf` and second is `file`.
pub async fn receive(
    state: &AppState,
    visitor: &Visitor,
    mut multipart: Multipart,
) -> Result<Upload, AppError> {
    let bad = || AppError::BadRequest {
        message_id: "server-error-upload-form",
    };
    let rejected = |error: axum::extract::multipart::MultipartError| {
        tracing::warn!(error = ?error, "invalid multipart upload");
        bad()
    };
    let mut csrf_field = multipart
        .next_field()
        .await
        .map_err(rejected)?
        .ok_or_else(bad)?;
    if csrf_field.name() != Some("csrf") {
        return Err(AppError::Csrf);
    }
    let mut token = Vec::new();
    while let Some(chunk) = csrf_field.chunk().await.map_err(rejected)? {
        if token.len() + chunk.len() > 128 {
            return Err(AppError::Csrf);
        }
        token.extend_from_slice(&chunk);
    }
    // A field borrows the stream: it must be dropped before the next one is read.
    drop(csrf_field);
    visitor.check_csrf(std::str::from_utf8(&token).unwrap_or(""))?;

    let mut field = multipart
        .next_field()
        .await
        .map_err(rejected)?
        .ok_or_else(bad)?;
    if field.name() != Some("file") {
        return Err(bad());
    }
    let file_name = sanitize_file_name(field.file_name().unwrap_or(""));
    let limit = state.config().max_upload_bytes;
    let mut pending = state.files().begin(limit).await?;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => pending.write(&chunk).await?,
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(%error, bytes = pending.size(), "upload interrupted");
                return Err(AppError::BadRequest {
                    message_id: "server-error-upload-interrupted",
                });
            }
        }
    }
    if pending.size() == 0 {
        return Err(AppError::BadRequest {
            message_id: "server-error-upload-empty",
        });
    }
    let stored = pending.commit(state.files()).await?;
    Ok(Upload { file_name, stored })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            sanitize_file_name("C:\\Users\\agent\\délib 2024.csv"),
            "delib_2024.csv"
        );
        assert_eq!(sanitize_file_name(".htaccess"), "htaccess");
        assert_eq!(sanitize_file_name("a\"b;c.csv"), "a_b_c.csv");
        assert_eq!(sanitize_file_name(""), "fichier");
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(format_of("deliberations.CSV"), "csv");
        assert_eq!(format_of("budget.csv.gz"), "csv");
        assert_eq!(format_of("README"), "bin");
    }
}
