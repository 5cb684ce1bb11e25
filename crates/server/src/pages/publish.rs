//! Publishing: the agent's dashboard, creating a dataset from an SCDL template, uploading
//! a file, reading its validation report, normalising it and publishing the dataset.
//!
//! Every write checks the CSRF token, then the role: an editor or admin of the dataset's
//! organisation, or a platform administrator. Members may only read.

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetStore, FREQUENCIES, LICENCES, ResourceSource, ResourceStore, SearchQuery,
    SearchStore, UserStore, ValidationStatus,
};
use minijinja::context;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::page;
use crate::error::AppError;
use crate::jobs::spawn_validation;
use crate::privacy_scan::PrivacyView;
use crate::report::{StoredReport, group, render_one};
use crate::state::AppState;
use crate::upload::{format_of, receive};
use crate::web::Visitor;

/// Formats the validation engine reads.
pub(crate) const TABULAR_FORMATS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xls", "ods"];

/// Returns whether the visitor may write datasets of an organisation.
pub async fn can_edit(
    state: &AppState,
    visitor: &Visitor,
    organization_id: Uuid,
) -> Result<bool, AppError> {
    let Some(user) = &visitor.user else {
        return Ok(false);
    };
    if user.is_platform_admin {
        return Ok(true);
    }
    let role = state.store().role_in(user.id, organization_id).await?;
    Ok(role.is_some_and(|role| role.can_edit()))
}

/// Renders the agent's space: their organisations and all their datasets, drafts included.
pub async fn dashboard(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    let user = visitor.require_user()?;
    let memberships = state.store().memberships(user.id).await?;
    let mut sections = Vec::new();
    for membership in &memberships {
        let query = SearchQuery {
            organization: Some(membership.organization.slug.clone()),
            page: 1,
            per_page: 100,
            ..SearchQuery::default()
        };
        let results = state.store().search(&visitor.viewer(), &query).await?;
        sections.push(context! { membership => membership, hits => results.hits });
    }
    let alerts = crate::refresh::pages::dashboard_alerts(&state, &visitor).await?;
    state.render(
        "dashboard.html",
        page(
            &visitor,
            "/espace",
            context! { sections => sections, alerts => alerts },
        ),
    )
}

/// The values shown in the dataset form: a template's, an existing dataset's, or those
/// just submitted.
#[derive(Debug, Default, Serialize)]
pub(super) struct Prefill {
    title: String,
    description: String,
    tags: String,
    schema: String,
    frequency: String,
    licence: String,
    temporal_start: String,
    temporal_end: String,
    spatial: String,
    contact_name: String,
    contact_email: String,
    private: bool,
}

impl Prefill {
    pub(super) fn from_fields(fields: &DatasetFields) -> Prefill {
        Prefill {
            title: fields.title.clone(),
            description: fields.description.clone(),
            tags: fields.tags.join(", "),
            schema: fields.schema_slug.clone().unwrap_or_default(),
            frequency: fields.frequency.clone(),
            licence: fields.licence.clone(),
            temporal_start: fields.temporal_start.clone().unwrap_or_default(),
            temporal_end: fields.temporal_end.clone().unwrap_or_default(),
            spatial: fields.spatial.join(", "),
            contact_name: fields.contact_name.clone(),
            contact_email: fields.contact_email.clone(),
            private: fields.private,
        }
    }

    fn from_form(form: &DatasetForm) -> Prefill {
        Prefill {
            title: form.title.clone(),
            description: form.description.clone(),
            tags: form.tags.clone(),
            schema: form.schema.clone(),
            frequency: form.frequency.clone(),
            licence: form.licence.clone(),
            temporal_start: form.temporal_start.clone(),
            temporal_end: form.temporal_end.clone(),
            spatial: form.spatial.clone(),
            contact_name: form.contact_name.clone(),
            contact_email: form.contact_email.clone(),
            private: form.private.is_some(),
        }
    }
}

/// Update frequency proposed for the schemas whose data changes on a known rhythm.
fn frequency_of(slug: &str) -> &'static str {
    match slug {
        "deliberations" | "marches-publics" | "decp" => "MONTHLY",
        "budget" | "subventions" | "prenoms" => "ANNUAL",
        _ => "UNKNOWN",
    }
}

fn prefill(slug: &str) -> Option<Prefill> {
    let entry = scdl::find(slug).ok()??;
    Some(Prefill {
        title: entry.title.clone(),
        description: entry.description.clone().unwrap_or_default(),
        tags: format!("{}, scdl", entry.slug),
        schema: entry.slug.clone(),
        frequency: frequency_of(&entry.slug).to_string(),
        licence: "lov2".to_string(),
        ..Prefill::default()
    })
}

/// Lists the bundled SCDL schemas offered as templates, as slug and title.
fn templates() -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = scdl::entries()
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| entry.latest && entry.is_scdl())
        .map(|entry| (entry.slug, entry.title))
        .collect();
    entries.sort();
    entries
}

#[derive(Deserialize)]
pub struct NewParams {
    modele: Option<String>,
}

pub async fn new_dataset_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(params): Query<NewParams>,
) -> Result<Html<String>, AppError> {
    let prefill = params
        .modele
        .as_deref()
        .and_then(prefill)
        .unwrap_or_else(|| Prefill {
            licence: "lov2".into(),
            frequency: "UNKNOWN".into(),
            ..Prefill::default()
        });
    render_form(
        &state,
        &visitor,
        &prefill,
        params.modele.as_deref(),
        None,
        None,
    )
    .await
}

/// Renders the dataset form, for a new dataset or, with `editing`, for an existing one.
pub(super) async fn render_form(
    state: &AppState,
    visitor: &Visitor,
    prefill: &Prefill,
    template: Option<&str>,
    error: Option<(&str, &str)>,
    editing: Option<&catalog::search::DatasetHit>,
) -> Result<Html<String>, AppError> {
    let user = visitor.require_user()?;
    let organizations: Vec<_> = state
        .store()
        .memberships(user.id)
        .await?
        .into_iter()
        .filter(|membership| membership.role.can_edit() || user.is_platform_admin)
        .map(|membership| membership.organization)
        .collect();
    let error =
        error.map(|(field, message_id)| context! { field => field, message_id => message_id });
    let form_action = match editing {
        Some(hit) => format!("/jeux-de-donnees/{}/modifier", hit.dataset.slug),
        None => "/jeux-de-donnees/nouveau".to_string(),
    };
    state.render(
        "new_dataset.html",
        page(
            visitor,
            &form_action,
            context! {
                prefill => prefill, templates => templates(), template => template, organizations => organizations,
                licences => LICENCES, frequencies => FREQUENCIES, error => error, editing => editing,
                form_action => form_action,
            },
        ),
    )
}

#[derive(Deserialize)]
pub struct DatasetForm {
    pub(super) csrf: String,
    /// Ignored when editing: a dataset keeps its organisation.
    organization: Uuid,
    title: String,
    #[serde(default)]
    description: String,
    licence: String,
    #[serde(default)]
    tags: String,
    frequency: String,
    #[serde(default)]
    temporal_start: String,
    #[serde(default)]
    temporal_end: String,
    #[serde(default)]
    spatial: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    schema: String,
    private: Option<String>,
}

fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

impl DatasetForm {
    pub(super) fn fields(&self) -> DatasetFields {
        DatasetFields {
            title: self.title.clone(),
            description: self.description.clone(),
            licence: self.licence.clone(),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_string)
                .collect(),
            frequency: self.frequency.clone(),
            temporal_start: non_empty(&self.temporal_start),
            temporal_end: non_empty(&self.temporal_end),
            spatial: split_list(&self.spatial),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            schema_slug: non_empty(&self.schema)
                .filter(|slug| scdl::find(slug).ok().flatten().is_some()),
            private: self.private.is_some(),
        }
    }
}

pub async fn create_dataset(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<DatasetForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let user = visitor.require_user()?;
    if !can_edit(&state, &visitor, form.organization).await? {
        return Err(AppError::Forbidden);
    }
    match state
        .store()
        .create_dataset(form.organization, &form.fields())
        .await
    {
        Ok(dataset) => {
            tracing::info!(dataset.id = %dataset.id, user.id = %user.id, "dataset created");
            Ok(Redirect::to(&format!("/jeux-de-donnees/{}/ajouter", dataset.slug)).into_response())
        }
        Err(catalog::Error::Invalid { field, message_id }) => {
            let prefill = Prefill::from_form(&form);
            let error = Some((field, message_id));
            let html = render_form(&state, &visitor, &prefill, None, error, None).await?;
            Ok((axum::http::StatusCode::BAD_REQUEST, html).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// Loads a dataset the visitor may edit.
pub(super) async fn editable(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> Result<catalog::search::DatasetHit, AppError> {
    visitor.require_user()?;
    let hit = state
        .store()
        .dataset(&visitor.viewer(), slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_edit(state, visitor, hit.dataset.organization_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(hit)
}

pub async fn upload_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let hit = editable(&state, &visitor, &slug).await?;
    let path = format!("/jeux-de-donnees/{}/ajouter", hit.dataset.slug);
    let limit = state.config().max_upload_bytes;
    state.render(
        "upload.html",
        page(
            &visitor,
            &path,
            context! { hit => hit, max_upload_bytes => limit },
        ),
    )
}

pub async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let hit = editable(&state, &visitor, &slug).await?;
    let upload = receive(&state, &visitor, multipart).await?;
    let format = format_of(&upload.file_name);
    let tabular = TABULAR_FORMATS.contains(&format.as_str());
    let new = NewResource {
        title: upload.file_name.clone(),
        source: ResourceSource::File {
            file_name: upload.file_name.clone(),
            storage_key: upload.stored.key.clone(),
            size: upload.stored.size,
            sha256: upload.stored.sha256.clone(),
        },
        format,
        schema_slug: hit.dataset.fields.schema_slug.clone(),
        validation_status: if tabular {
            ValidationStatus::Pending
        } else {
            ValidationStatus::None
        },
    };
    let resource = crate::publication_hold::add_resource(&state, &hit.dataset, &new).await?;
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %resource.id, bytes = upload.stored.size, "file uploaded");
    let target = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, resource.id
    );
    if tabular {
        spawn_validation(state.clone(), resource);
    }
    Ok(Redirect::to(&target).into_response())
}

#[derive(Deserialize)]
pub struct LinkForm {
    csrf: String,
    title: String,
    url: String,
}

/// Adds a resource that links to a file published elsewhere; only http and https URLs
/// are accepted. The scheduler of [`crate::refresh`] fetches the file within a minute.
pub async fn add_link(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let hit = editable(&state, &visitor, &slug).await?;
    let url = form.url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.len() > 2000 || url.chars().any(char::is_whitespace) {
        return Err(AppError::BadRequest {
            message_id: "server-error-link-invalid",
        });
    }

    let path = url.split(['?', '#']).next().unwrap_or(url);
    let format = path
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_lowercase())
        .filter(|extension| extension.len() <= 5)
        .unwrap_or_else(|| "url".to_string());
    let title = if form.title.trim().is_empty() {
        url.to_string()
    } else {
        form.title.trim().to_string()
    };
    let new = NewResource {
        title,
        source: ResourceSource::Url {
            url: url.to_string(),
        },
        format,
        schema_slug: hit.dataset.fields.schema_slug.clone(),
        validation_status: ValidationStatus::None,
    };

    let resource = state.store().add_resource(hit.dataset.id, &new).await?;
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %resource.id, "link added");
    Ok(Redirect::to(&format!("/jeux-de-donnees/{}", hit.dataset.slug)).into_response())
}

pub async fn report(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
) -> Result<Html<String>, AppError> {
    let hit = state
        .store()
        .dataset(&visitor.viewer(), &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if resource.dataset_id != hit.dataset.id {
        return Err(AppError::NotFound);
    }
    let can_edit = can_edit(&state, &visitor, hit.dataset.organization_id).await?;
    // Visitors see the report of the file they download, the previous one while a
    // replacement waits for its checks, so the new file's findings stay with editors.
    let resource = if can_edit {
        resource
    } else {
        crate::publication_hold::visitor_copy(&state, &resource)
            .await?
            .ok_or(AppError::NotFound)?
    };

    let stored: Option<StoredReport> = resource
        .report
        .clone()
        .and_then(|json| serde_json::from_value(json).ok());
    let messages = state.messages(visitor.lang);
    let columns = stored
        .as_ref()
        .map(|report| group(messages, &report.errors));
    let warnings = stored
        .as_ref()
        .map(|report| group(messages, &report.warnings));
    let read_error = stored
        .as_ref()
        .and_then(|report| report.read_error.as_ref())
        .map(|finding| render_one(messages, finding));
    let normalisable = stored
        .as_ref()
        .is_some_and(StoredReport::only_dialect_problems);
    let running = matches!(
        resource.validation_status,
        ValidationStatus::Pending | ValidationStatus::Running
    );
    // Percentage of the file read by a validation running in this process, when known.
    let progress = state.progress().percent(resource.id).flatten();

    if resource.private && !can_edit {
        return Err(AppError::NotFound);
    }
    // Even masked, the findings are shown to editors only.
    let privacy = stored
        .as_ref()
        .and_then(|report| report.privacy.as_ref())
        .filter(|_| can_edit)
        .map(|privacy| PrivacyView::new(privacy, messages));
    let budget = if can_edit && !running {
        super::budget::offer(&state, &resource, messages).await
    } else {
        None
    };
    let refresh =
        crate::refresh::pages::resource_section(&state, &visitor, &resource, can_edit).await?;
    let held = can_edit && state.store().is_held(resource.id).await?;
    let replacement_pending =
        can_edit && crate::publication_hold::replacement_pending(&state, &resource).await?;
    let privacy_check = crate::publication_hold::check(&resource);
    let status_message = super::status_label::status_message_id(
        &state,
        &resource,
        hit.dataset.fields.schema_slug.as_deref(),
    )
    .await?;
    let unscanned_confirmation = stored
        .as_ref()
        .and_then(|report| report.unscanned_confirmation.clone());
    let path = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, resource.id
    );
    state.render(
        "report.html",
        page(
            &visitor,
            &path,
            context! {
                hit => hit, resource => resource, report => stored, columns => columns, warnings => warnings,
                read_error => read_error, normalisable => normalisable, running => running, can_edit => can_edit,
                privacy => privacy, budget => budget, refresh => refresh,
                progress => progress, held => held, privacy_check => privacy_check,
                replacement_pending => replacement_pending,
                unscanned_confirmation => unscanned_confirmation, status_message => status_message,
            },
        ),
    )
}

#[derive(Deserialize)]
pub struct PublishForm {
    csrf: String,
    action: String,
    /// The confirmation box for files with personal data: present when ticked.
    #[serde(default)]
    confirm_personal_data: Option<String>,
}

pub async fn publish(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let hit = editable(&state, &visitor, &slug).await?;
    let published = match form.action.as_str() {
        "publish" => true,
        "unpublish" => false,
        _ => {
            return Err(AppError::BadRequest {
                message_id: "server-error-upload-form",
            });
        }
    };
    if published {
        let user = visitor.require_user()?;
        let confirmed = form.confirm_personal_data.is_some();
        let blocking =
            super::privacy_gate::check_publication(&state, user, hit.dataset.id, confirmed).await?;
        if !blocking.is_empty() {
            let html = state.render(
                "publication_blocked.html",
                page(
                    &visitor,
                    &format!("/jeux-de-donnees/{}", hit.dataset.slug),
                    context! { hit => hit, files => blocking },
                ),
            )?;
            return Ok((axum::http::StatusCode::BAD_REQUEST, html).into_response());
        }
    }
    state
        .store()
        .set_published(hit.dataset.id, published)
        .await?;
    tracing::info!(dataset.id = %hit.dataset.id, published, "publication changed");
    Ok(Redirect::to(&format!("/jeux-de-donnees/{}", hit.dataset.slug)).into_response())
}

pub async fn normalise(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<super::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let hit = editable(&state, &visitor, &slug).await?;
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if resource.dataset_id != hit.dataset.id {
        return Err(AppError::NotFound);
    }
    let ResourceSource::File {
        file_name,
        storage_key,
        ..
    } = &resource.source
    else {
        return Err(AppError::NotFound);
    };

    let source = state.files().path(storage_key).ok_or(AppError::NotFound)?;
    let stored = crate::normalise::to_utf8_comma_csv(&state, source).await?;
    let new = derived_csv(&resource, file_name, "utf8", stored);
    let created = crate::publication_hold::add_resource(&state, &hit.dataset, &new).await?;
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %created.id, source = %resource.id, "file normalised");
    let target = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, created.id
    );
    spawn_validation(state.clone(), created);
    Ok(Redirect::to(&target).into_response())
}

/// Describes a CSV generated from a resource (its UTF-8 conversion, its redacted copy): the
/// original's name with `-SUFFIX.csv`, its schema, and a validation still to run.
pub(super) fn derived_csv(
    original: &catalog::Resource,
    file_name: &str,
    suffix: &str,
    stored: catalog::files::StoredFile,
) -> NewResource {
    let base = file_name
        .rsplit_once('.')
        .map(|(stem, _)| stem)
        .unwrap_or(file_name);
    let name = format!("{base}-{suffix}.csv");
    NewResource {
        title: name.clone(),
        source: ResourceSource::File {
            file_name: name,
            storage_key: stored.key,
            size: stored.size,
            sha256: stored.sha256,
        },
        format: "csv".into(),
        schema_slug: original.schema_slug.clone(),
        validation_status: ValidationStatus::Pending,
    }
}
