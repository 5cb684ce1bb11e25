//! The refresh doors of the web interface: the refresh section of a resource page
//! (schedule, last check, versions, alerts), the editor's actions (settings, refresh now,
//! mark an alert as seen), version downloads and the alerts of the editor's space.
//!
//! Editors of the resource's organisation and platform administrators see and change the
//! schedule. A version download follows the rules of the resource's own download: the
//! dataset must be visible to the visitor, and a private resource's versions are served
//! to editors of its organisation only. A version whose personal-data scan has findings
//! that no editor confirmed is also served to editors only, because a refresh brings new
//! content into a dataset that may already be published.

use axum::Form;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use catalog::harvest::HarvestStore;
use catalog::refresh::{Alert, MessageRef, RefreshState, RefreshStore, ResourceVersion};
use catalog::search::DatasetHit;
use catalog::{DatasetStore, Resource, ResourceSource, ResourceStore, ValidationStatus};
use i18n::Messages;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;
use crate::pages::publish::can_edit;
use crate::report::StoredReport;
use crate::state::AppState;
use crate::web::Visitor;

/// Check intervals offered in the settings form, in seconds.
pub const INTERVAL_CHOICES: &[i64] = &[3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400];

/// Alerts listed on a resource page and in the editor's space.
const ALERTS_SHOWN: u32 = 20;

/// Renders a stored message reference in a language.
pub fn render_message(messages: &Messages, message: &MessageRef) -> String {
    let args: Vec<(&str, String)> = message
        .args
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    messages.format_owned(&message.message_id, &args)
}

/// An alert as the templates show it, with its sentences rendered.
#[derive(Serialize)]
pub struct AlertView {
    pub alert: Alert,
    pub title: String,
    pub detail: String,
}

fn alert_views(messages: &Messages, alerts: Vec<Alert>) -> Vec<AlertView> {
    alerts
        .into_iter()
        .map(|alert| {
            let names = [
                ("dataset", alert.dataset_title.clone()),
                ("resource", alert.resource_title.clone()),
            ];
            let title =
                messages.format_owned(&format!("refresh-alert-{}", alert.kind.code()), &names);
            let detail = render_message(messages, &alert.detail);
            AlertView {
                alert,
                title,
                detail,
            }
        })
        .collect()
}

/// The refresh section of a resource page, for editors.
#[derive(Serialize)]
pub struct RefreshView {
    pub url: String,
    pub schedule: RefreshState,
    pub last_error: Option<String>,
    pub versions: Vec<ResourceVersion>,
    pub alerts: Vec<AlertView>,
    pub intervals: &'static [i64],
    /// The file belongs to a harvested dataset, whose schedule starts off.
    pub harvested: bool,
}

/// Builds the refresh section of a URL resource's page, or `None` for an uploaded file
/// or a visitor who may not edit.
pub async fn resource_section(
    state: &AppState,
    visitor: &Visitor,
    resource: &Resource,
    editor: bool,
) -> Result<Option<RefreshView>, AppError> {
    let ResourceSource::Url { url } = &resource.source else {
        return Ok(None);
    };
    if !editor {
        return Ok(None);
    }
    let store = state.store();
    let Some(schedule) = store.refresh_state(resource.id).await? else {
        return Ok(None);
    };
    let messages = state.messages(visitor.lang);
    let last_error = schedule
        .last_error
        .as_ref()
        .map(|error| render_message(messages, error));
    let versions = store.versions(resource.id).await?;
    let alerts = store.resource_alerts(resource.id, ALERTS_SHOWN).await?;
    let harvested = store.dataset_origin(resource.dataset_id).await?.is_some();
    Ok(Some(RefreshView {
        url: url.clone(),
        schedule,
        last_error,
        versions,
        alerts: alert_views(messages, alerts),
        intervals: INTERVAL_CHOICES,
        harvested,
    }))
}

/// Lists the alerts of the editor's space, newest first, and remembers the language the
/// user works in for the e-mails sent to them.
pub async fn dashboard_alerts(
    state: &AppState,
    visitor: &Visitor,
) -> Result<Vec<AlertView>, AppError> {
    let Some(user) = &visitor.user else {
        return Ok(Vec::new());
    };
    let store = state.store();
    store.set_user_lang(user.id, visitor.lang.tag()).await?;
    let alerts = store
        .alerts_for_user(user.id, user.is_platform_admin, false, ALERTS_SHOWN)
        .await?;
    Ok(alert_views(state.messages(visitor.lang), alerts))
}

/// Loads a resource of a dataset the visitor may edit.
async fn editable_resource(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    resource_id: Uuid,
) -> Result<(DatasetHit, Resource), AppError> {
    visitor.require_user()?;
    let hit = state
        .store()
        .dataset(&visitor.viewer(), slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_edit(state, visitor, hit.dataset.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .filter(|resource| resource.dataset_id == hit.dataset.id)
        .ok_or(AppError::NotFound)?;
    if !matches!(resource.source, ResourceSource::Url { .. }) {
        return Err(AppError::BadRequest {
            message_id: "refresh-error-not-url",
        });
    }
    Ok((hit, resource))
}

fn resource_path(hit: &DatasetHit, resource_id: Uuid) -> String {
    format!(
        "/jeux-de-donnees/{}/ressources/{resource_id}",
        hit.dataset.slug
    )
}

#[derive(Deserialize)]
pub struct SettingsForm {
    csrf: String,
    interval: i64,
    /// The checkbox: present when ticked.
    enabled: Option<String>,
}

/// Changes how often a URL resource is checked, or stops checking it.
pub async fn update_settings(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let (hit, resource) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    let user = visitor.require_user()?;
    let enabled = form.enabled.is_some();
    state
        .store()
        .set_refresh_settings(resource.id, enabled, form.interval)
        .await?;
    state
        .store()
        .set_user_lang(user.id, visitor.lang.tag())
        .await?;
    tracing::info!(
        resource.id = %resource.id,
        user.id = %user.id,
        enabled,
        interval_seconds = form.interval,
        "refresh settings changed"
    );
    Ok(Redirect::to(&resource_path(&hit, resource.id)).into_response())
}

/// Starts a refresh of a URL resource in the background and returns to its page.
pub async fn refresh_now(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<crate::pages::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let (hit, resource) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    let user = visitor.require_user()?;
    state
        .store()
        .set_user_lang(user.id, visitor.lang.tag())
        .await?;
    tracing::info!(resource.id = %resource.id, user.id = %user.id, "refresh requested");
    let background = state.clone();
    tokio::spawn(async move {
        match super::refresh_resource(&background, resource_id).await {
            Ok(refreshed) => {
                tracing::info!(resource.id = %resource_id, outcome = refreshed.outcome.code(), "refresh finished")
            }
            Err(super::RefreshError::Busy(_)) => {
                tracing::info!(resource.id = %resource_id, "refresh already running")
            }
            Err(error) => tracing::error!(resource.id = %resource_id, %error, "refresh failed"),
        }
    });
    Ok(Redirect::to(&resource_path(&hit, resource.id)).into_response())
}

#[derive(Deserialize)]
pub struct SeenForm {
    csrf: String,
    /// The local page to return to; anything else returns to the editor's space.
    #[serde(default)]
    next: String,
}

/// Marks an alert as seen by the organisation's editors.
pub async fn mark_seen(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(alert_id): Path<Uuid>,
    Form(form): Form<SeenForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let user = visitor.require_user()?;
    let alert = state
        .store()
        .alert(alert_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_edit(&state, &visitor, alert.organization_id).await? {
        return Err(AppError::NotFound);
    }
    state.store().mark_alert_seen(alert.id).await?;
    tracing::info!(alert.id = %alert.id, user.id = %user.id, "alert marked as seen");
    let target = if is_local_path(&form.next) {
        form.next.as_str()
    } else {
        "/espace"
    };
    Ok(Redirect::to(target).into_response())
}

/// Tells whether `next` is a path of this site, safe to redirect to. Browsers read `//host`
/// and `/\host` as another site, and drop tabs and line breaks from a location, so
/// `/\t/host` would become `//host`; control characters would also make an invalid header.
fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
}

/// Streams one version of a URL resource.
pub async fn download_version(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id, version)): Path<(String, Uuid, u32)>,
) -> Result<Response, AppError> {
    let hit = state
        .store()
        .dataset(&visitor.viewer(), &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .filter(|resource| resource.dataset_id == hit.dataset.id)
        .ok_or(AppError::NotFound)?;
    let editor = can_edit(&state, &visitor, hit.dataset.organization_id).await?;
    if resource.private && !editor {
        return Err(AppError::NotFound);
    }
    let store = state.store();
    let version = store
        .version(resource.id, version)
        .await?
        .ok_or(AppError::NotFound)?;
    if !editor {
        let latest = store.latest_version(resource.id).await?;
        let is_latest = latest.is_some_and(|latest| latest.version == version.version);
        if version_needs_confirmation(&resource, &version, is_latest) {
            return Err(AppError::NotFound);
        }
    }
    stream_version(&state, &resource, &version).await
}

/// Returns whether a version is withheld from visitors: its validation and personal-data
/// scan are still running, or its findings still need an editor's confirmation. The
/// latest version's confirmation is recorded in the resource's own report by the
/// publication gate, so that report is read for it.
pub(crate) fn version_needs_confirmation(
    resource: &Resource,
    version: &ResourceVersion,
    is_latest: bool,
) -> bool {
    let unfinished = |status: ValidationStatus| {
        matches!(
            status,
            ValidationStatus::Pending | ValidationStatus::Running
        )
    };
    if unfinished(version.validation_status)
        || (is_latest && unfinished(resource.validation_status))
    {
        return true;
    }
    let report = if is_latest {
        resource.report.as_ref()
    } else {
        version.report.as_ref()
    };
    needs_confirmation(report)
}

/// Returns whether a stored report's personal-data scan has findings that no editor
/// confirmed.
pub fn needs_confirmation(report: Option<&serde_json::Value>) -> bool {
    report
        .and_then(|json| serde_json::from_value::<StoredReport>(json.clone()).ok())
        .and_then(|report| report.privacy)
        .is_some_and(|privacy| privacy.needs_confirmation())
}

/// Serves the current version of a URL resource, or redirects to the URL while nothing
/// was fetched yet. A visitor who may not edit gets the newest version without
/// unconfirmed personal data, or 404 when there is none. The caller has checked that the
/// visitor may download the resource.
pub async fn download_current(
    state: &AppState,
    visitor: &Visitor,
    resource: &Resource,
    url: &str,
) -> Result<Response, AppError> {
    let versions = state.store().versions(resource.id).await?;
    if versions.is_empty() {
        return Ok(Redirect::to(url).into_response());
    }
    let Some(hit) = state
        .store()
        .dataset(&visitor.viewer(), &resource.dataset_id.to_string())
        .await?
    else {
        return Err(AppError::NotFound);
    };
    let editor = can_edit(state, visitor, hit.dataset.organization_id).await?;
    let served = versions
        .iter()
        .enumerate()
        .find(|(position, version)| {
            editor || !version_needs_confirmation(resource, version, *position == 0)
        })
        .map(|(_, version)| version)
        .ok_or(AppError::NotFound)?;
    stream_version(state, resource, served).await
}

async fn stream_version(
    state: &AppState,
    resource: &Resource,
    version: &ResourceVersion,
) -> Result<Response, AppError> {
    let path = state
        .files()
        .path(&version.storage_key)
        .ok_or(AppError::NotFound)?;
    let file = tokio::fs::File::open(&path).await.map_err(|error| {
        tracing::error!(resource.id = %resource.id, version = version.version, %error, "stored version missing");
        AppError::NotFound
    })?;
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(crate::pages::public::content_type(&resource.format)),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(version.size));
    let disposition = format!(
        "attachment; filename=\"{}\"",
        version_file_name(resource, version.version)
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Names a version's file after the last segment of the URL: `export-v2.csv`.
fn version_file_name(resource: &Resource, version: u32) -> String {
    let location = match &resource.source {
        ResourceSource::Url { url } => url.as_str(),
        ResourceSource::File { file_name, .. } => file_name.as_str(),
    };
    versioned_name(location, &resource.format, version)
}

fn versioned_name(location: &str, format: &str, version: u32) -> String {
    let path = location.split(['?', '#']).next().unwrap_or(location);
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let name = crate::upload::sanitize_file_name(last);
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}-v{version}.{extension}"),
        None => format!("{name}-v{version}.{format}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets_stay_local() {
        assert!(is_local_path("/espace"));
        assert!(is_local_path("/jeux-de-donnees/a?b=c"));
        for outside in [
            "//example.org/x",
            "/\\example.org",
            "/\t/example.org/x",
            "/\n",
            "https://example.org",
            "",
        ] {
            assert!(!is_local_path(outside), "{outside:?}");
        }
    }

    #[test]
    fn version_name_from_url() {
        let name = versioned_name(
            "https://data.example.org/exports/delib.csv?token=1",
            "csv",
            2,
        );
        assert_eq!(name, "delib-v2.csv");
    }

    #[test]
    fn version_name_without_extension() {
        let name = versioned_name("https://data.example.org/api/export/", "url", 3);
        assert_eq!(name, "export-v3.url");
    }
}
