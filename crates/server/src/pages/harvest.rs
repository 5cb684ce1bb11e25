//! Harvest pages: sources of an organisation, a dry-run preview, activation, "run now",
//! and job reports in HTML and JSON.
//!
//! Platform administrators manage every source; administrators of an organisation
//! manage that organisation's sources. Everyone else gets 403. A source is created
//! inactive, so its preview can be checked before anything is written.

use axum::Form;
use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use catalog::harvest::{HarvestSource, HarvestStore, JobTrigger, SourceFields, SourceKind};
use catalog::{Organization, OrganizationStore, Role, UserStore};
use harvest::record::Item;
use minijinja::context;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::page;
use crate::error::AppError;
use crate::harvest_convert;
use crate::harvest_jobs::{fetch_config, open_listing, source_config};
use crate::harvest_schedule::Schedule;
use crate::state::AppState;
use crate::web::Visitor;

/// Records shown by the preview (udata shows the same number).
pub const PREVIEW_ITEMS: usize = 20;
/// Jobs listed on a source's page.
const JOBS_LISTED: u32 = 50;
/// Maximum size of a source form.
const FORM_LIMIT_BYTES: usize = 64 * 1024;

/// Routes of the harvest pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/moissonnage", get(sources_page).post(create_source))
        .route(
            "/moissonnage/sources/{id}",
            get(source_page).post(update_source),
        )
        .route("/moissonnage/sources/{id}/apercu", get(preview_page))
        .route("/moissonnage/sources/{id}/activation", post(set_active))
        .route("/moissonnage/sources/{id}/lancement", post(run_now))
        .route("/moissonnage/sources/{id}/jobs/{job}", get(job_page))
        .layer(DefaultBodyLimit::max(FORM_LIMIT_BYTES))
}

/// Returns the organisations whose sources the visitor manages, or 403.
async fn managed_organizations(
    state: &AppState,
    visitor: &Visitor,
) -> Result<Vec<Organization>, AppError> {
    let user = visitor.require_user()?;
    if user.is_platform_admin {
        return Ok(state.store().organizations().await?);
    }
    let organizations: Vec<Organization> = state
        .store()
        .memberships(user.id)
        .await?
        .into_iter()
        .filter(|membership| membership.role == Role::Admin)
        .map(|membership| membership.organization)
        .collect();
    if organizations.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(organizations)
}

/// Returns a source the visitor manages, 404 when absent, 403 when not theirs.
async fn managed_source(
    state: &AppState,
    visitor: &Visitor,
    id: Uuid,
) -> Result<HarvestSource, AppError> {
    let organizations = managed_organizations(state, visitor).await?;
    let source = state.store().source(id).await?.ok_or(AppError::NotFound)?;
    if !organizations
        .iter()
        .any(|organization| organization.id == source.organization_id)
    {
        return Err(AppError::Forbidden);
    }
    Ok(source)
}

/// A source as the list shows it.
#[derive(Serialize)]
struct SourceRow {
    source: HarvestSource,
    organization: String,
}

pub async fn sources_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    render_sources(&state, &visitor, None).await
}

async fn render_sources(
    state: &AppState,
    visitor: &Visitor,
    error: Option<&str>,
) -> Result<Html<String>, AppError> {
    let organizations = managed_organizations(state, visitor).await?;
    let ids: Vec<Uuid> = organizations
        .iter()
        .map(|organization| organization.id)
        .collect();
    let rows: Vec<SourceRow> = state
        .store()
        .sources(Some(&ids))
        .await?
        .into_iter()
        .map(|source| SourceRow {
            organization: organizations
                .iter()
                .find(|organization| organization.id == source.organization_id)
                .map(|organization| organization.name.clone())
                .unwrap_or_default(),
            source,
        })
        .collect();
    let kinds: Vec<&str> = SourceKind::ALL.iter().map(|kind| kind.code()).collect();
    state.render(
        "harvest_sources.html",
        page(
            visitor,
            "/moissonnage",
            context! {
                sources => rows,
                organizations => organizations,
                kinds => kinds,
                error => error,
                source => (),
                tags => "",
            },
        ),
    )
}

#[derive(Deserialize)]
pub struct SourceForm {
    csrf: String,
    #[serde(default)]
    organization: Option<Uuid>,
    name: String,
    kind: String,
    url: String,
    #[serde(default)]
    remote_organization: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    query: String,
    #[serde(default)]
    schedule: String,
}

impl SourceForm {
    /// Builds the source's fields, checking the schedule here because the catalogue
    /// does not parse cron expressions.
    fn fields(&self) -> Result<SourceFields, &'static str> {
        let optional = |text: &str| Some(text.trim().to_string()).filter(|text| !text.is_empty());
        let schedule = optional(&self.schedule);
        if let Some(expression) = &schedule
            && expression.parse::<Schedule>().is_err()
        {
            return Err("harvest-error-schedule");
        }
        Ok(SourceFields {
            name: self.name.clone(),
            kind: SourceKind::from_code(&self.kind),
            url: self.url.trim().to_string(),
            remote_organization: optional(&self.remote_organization),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_string)
                .collect(),
            query: optional(&self.query),
            schedule,
        })
    }
}

pub async fn create_source(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<SourceForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let organizations = managed_organizations(&state, &visitor).await?;
    let organization = form
        .organization
        .filter(|id| {
            organizations
                .iter()
                .any(|organization| organization.id == *id)
        })
        .ok_or(AppError::Forbidden)?;
    let fields = match form.fields() {
        Ok(fields) => fields,
        Err(message_id) => {
            return bad_form(render_sources(&state, &visitor, Some(message_id)).await?);
        }
    };
    let user_id = visitor.user.as_ref().map(|user| user.id);
    match state
        .store()
        .create_source(organization, &fields, user_id)
        .await
    {
        Ok(source) => {
            tracing::info!(harvest.source = %source.id, organization.id = %organization, "harvest source created");
            Ok(Redirect::to(&format!("/moissonnage/sources/{}/apercu", source.id)).into_response())
        }
        Err(catalog::Error::Invalid { message_id, .. }) => {
            bad_form(render_sources(&state, &visitor, Some(message_id)).await?)
        }
        Err(error) => Err(error.into()),
    }
}

fn bad_form(html: Html<String>) -> Result<Response, AppError> {
    Ok((axum::http::StatusCode::BAD_REQUEST, html).into_response())
}

pub async fn source_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<Uuid>,
) -> Result<Html<String>, AppError> {
    let source = managed_source(&state, &visitor, id).await?;
    render_source(&state, &visitor, source, None).await
}

async fn render_source(
    state: &AppState,
    visitor: &Visitor,
    source: HarvestSource,
    error: Option<&str>,
) -> Result<Html<String>, AppError> {
    let jobs = state.store().jobs(source.id, JOBS_LISTED).await?;
    let kinds: Vec<&str> = SourceKind::ALL.iter().map(|kind| kind.code()).collect();
    let path = format!("/moissonnage/sources/{}", source.id);
    state.render(
        "harvest_source.html",
        page(
            visitor,
            &path,
            context! { source => source, tags => source.fields.tags.join(", "), jobs => jobs, kinds => kinds, error => error },
        ),
    )
}

pub async fn update_source(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<Uuid>,
    Form(form): Form<SourceForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let source = managed_source(&state, &visitor, id).await?;
    let fields = match form.fields() {
        Ok(fields) => fields,
        Err(message_id) => {
            return bad_form(render_source(&state, &visitor, source, Some(message_id)).await?);
        }
    };
    match state.store().update_source(id, &fields).await {
        Ok(_) => {
            tracing::info!(harvest.source = %id, "harvest source changed");
            Ok(Redirect::to(&format!("/moissonnage/sources/{id}")).into_response())
        }
        Err(catalog::Error::Invalid { message_id, .. }) => {
            bad_form(render_source(&state, &visitor, source, Some(message_id)).await?)
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    csrf: String,
    active: String,
}

pub async fn set_active(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<Uuid>,
    Form(form): Form<ActiveForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    managed_source(&state, &visitor, id).await?;
    let active = form.active == "1";
    state.store().set_source_active(id, active).await?;
    tracing::info!(harvest.source = %id, active, "harvest source activation changed");
    Ok(Redirect::to(&format!("/moissonnage/sources/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

pub async fn run_now(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<Uuid>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let source = managed_source(&state, &visitor, id).await?;
    if !source.active {
        return Err(AppError::BadRequest {
            message_id: "harvest-error-inactive",
        });
    }
    let mut job = state.store().enqueue_job(id, JobTrigger::Manual).await?;
    if crate::harvest_jobs::release_dead_job(state.store(), &state.config().harvest, &job).await? {
        job = state.store().enqueue_job(id, JobTrigger::Manual).await?;
    }
    tracing::info!(harvest.source = %id, harvest.job = %job.id, "harvest job requested");
    Ok(Redirect::to(&format!("/moissonnage/sources/{id}/jobs/{}", job.id)).into_response())
}

/// One line of the preview: a record as it would be imported, or why it would not be.
#[derive(Serialize)]
struct PreviewRow {
    remote_id: String,
    title: String,
    licence: String,
    resources: usize,
    schema: Option<String>,
    reason: Option<catalog::harvest::Reason>,
}

/// The rows a preview read, and why the listing could not be read, if so.
struct PreviewOutcome {
    rows: Vec<PreviewRow>,
    error: Option<catalog::harvest::Reason>,
}

/// Reads the first records of a source without writing anything. Blocking.
fn read_preview(
    source: &HarvestSource,
    settings: &crate::harvest_jobs::HarvestSettings,
) -> PreviewOutcome {
    let mut rows = Vec::new();
    let mut error = None;
    let mut listing = match open_listing(&source_config(source, settings), fetch_config(settings)) {
        Ok(listing) => listing,
        Err(open_error) => {
            let reason = open_error.args().into_iter().fold(
                catalog::harvest::Reason::new(open_error.message_id()),
                |reason, (name, value)| reason.with(name, value),
            );
            return PreviewOutcome {
                rows,
                error: Some(reason),
            };
        }
    };
    'pages: for page in listing.by_ref() {
        let items = match page {
            Ok(page) => page.items,
            Err(page_error) => {
                let reason = page_error.error.args().into_iter().fold(
                    catalog::harvest::Reason::new(page_error.error.message_id()),
                    |reason, (name, value)| reason.with(name, value),
                );
                error = Some(reason);
                continue;
            }
        };
        for item in items {
            rows.push(preview_row(&item, rows.len()));
            if rows.len() == PREVIEW_ITEMS {
                break 'pages;
            }
        }
    }
    listing.stop();
    PreviewOutcome { rows, error }
}

fn preview_row(item: &Item, position: usize) -> PreviewRow {
    let rejected = match item {
        Item::Dataset(remote) => match harvest_convert::to_record(remote) {
            Ok(record) => {
                let reason = record.fields.check().err().map(|error| match error {
                    catalog::Error::Invalid { field, message_id } => {
                        catalog::harvest::Reason::new("harvest-reason-invalid-field")
                            .with("field", field)
                            .with("problem", message_id)
                    }
                    other => catalog::harvest::Reason::new("harvest-error-internal")
                        .with("detail", other),
                });
                return PreviewRow {
                    remote_id: record.remote_id.clone(),
                    title: record.fields.title.clone(),
                    licence: record.fields.licence.clone(),
                    resources: record.resources.len(),
                    schema: record.fields.schema_slug.clone(),
                    reason,
                };
            }
            Err(rejected) => rejected,
        },
        Item::Skipped(skip) => harvest_convert::skipped(skip, position + 1),
    };
    PreviewRow {
        remote_id: rejected.remote_id,
        title: rejected.title,
        licence: String::new(),
        resources: 0,
        schema: None,
        reason: Some(rejected.reason),
    }
}

pub async fn preview_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<Uuid>,
) -> Result<Html<String>, AppError> {
    let source = managed_source(&state, &visitor, id).await?;
    let settings = state.config().harvest.clone();
    let reading = source.clone();
    let outcome = tokio::task::spawn_blocking(move || read_preview(&reading, &settings))
        .await
        .map_err(|error| AppError::Internal(error.to_string()))?;
    let error = reason_text(&state, &visitor, outcome.error.as_ref());
    // A refused private address is fixed in the platform's settings, not in the form.
    let allow_hint = outcome
        .error
        .as_ref()
        .is_some_and(|reason| reason.code == "harvest-fetch-address-rejected");
    if let Some(reason) = &outcome.error {
        tracing::info!(harvest.source = %id, reason = %reason.code, "harvest preview could not read the source");
    }
    let any_reason = outcome.rows.iter().any(|row| row.reason.is_some());
    let rows: Vec<(PreviewRow, String)> = outcome
        .rows
        .into_iter()
        .map(|row| {
            let reason = reason_text(&state, &visitor, row.reason.as_ref());
            (row, reason)
        })
        .collect();
    let path = format!("/moissonnage/sources/{id}/apercu");
    state.render(
        "harvest_preview.html",
        page(
            &visitor,
            &path,
            context! {
                source => source, rows => rows, error => error, limit => PREVIEW_ITEMS,
                allow_hint => allow_hint, any_reason => any_reason,
            },
        ),
    )
}

/// Renders a reason in the visitor's language.
fn reason_text(
    state: &AppState,
    visitor: &Visitor,
    reason: Option<&catalog::harvest::Reason>,
) -> String {
    let Some(reason) = reason else {
        return String::new();
    };
    let args: Vec<(&str, &str)> = reason
        .args
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    state.messages(visitor.lang).format(&reason.code, &args)
}

/// A job item with its reason rendered in the visitor's language.
#[derive(Serialize)]
struct ItemRow {
    #[serde(flatten)]
    item: catalog::harvest::JobItem,
    message: String,
}

/// A job report as JSON: codes and arguments for programs, messages for people.
#[derive(Serialize)]
struct JobReport {
    job: catalog::harvest::HarvestJob,
    source: Uuid,
    message: String,
    items: Vec<ItemRow>,
}

pub async fn job_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, job)): Path<(Uuid, String)>,
) -> Result<Response, AppError> {
    let (job_text, json) = match job.strip_suffix(".json") {
        Some(stem) => (stem, true),
        None => (job.as_str(), false),
    };
    let job_id = Uuid::parse_str(job_text).map_err(|_| AppError::NotFound)?;
    let source = managed_source(&state, &visitor, id).await?;
    let job = state.store().job(job_id).await?.ok_or(AppError::NotFound)?;
    if job.source_id != source.id {
        return Err(AppError::NotFound);
    }

    let message = reason_text(&state, &visitor, job.error.as_ref());
    let items: Vec<ItemRow> = state
        .store()
        .job_items(job_id)
        .await?
        .into_iter()
        .map(|item| ItemRow {
            message: reason_text(&state, &visitor, item.reason.as_ref()),
            item,
        })
        .collect();
    if json {
        let report = JobReport {
            job,
            source: source.id,
            message,
            items,
        };
        return Ok(Json(report).into_response());
    }

    let path = format!("/moissonnage/sources/{id}/jobs/{job_id}");
    let html = state.render(
        "harvest_job.html",
        page(
            &visitor,
            &path,
            context! { source => source, job => job, error => message, items => items },
        ),
    )?;
    Ok(html.into_response())
}
