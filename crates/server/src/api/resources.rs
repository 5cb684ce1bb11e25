//! Resource writes: `resource_create`, `resource_update` (full replace), `resource_patch`
//! (merge) and `resource_delete`, and the multipart bodies that carry an `upload` file.
//!
//! An uploaded file takes the web interface's path. It is streamed to a temporary file
//! under the platform's size limit, and published with an atomic rename only once the
//! caller's right to write the dataset is checked. It is then validated in the background
//! against the dataset's schema and scanned for personal data. The result carries the
//! validation status and the URL of the report page. A new upload on `resource_update`
//! replaces the file only once the new one is stored; the previous file stays on disk.

use catalog::search::DatasetHit;
use catalog::store::NewResource;
use catalog::{LifecycleStore, Resource, ResourceSource, ResourceStore, ValidationStatus};
use serde_json::Value;

use super::Call;
use super::dict::resource_dict;
use super::envelope::ApiError;
use super::params::{Params, echo};
use super::read::{visible_dataset, visible_resource, visible_resources};
use crate::jobs::spawn_validation;
use crate::pages::publish::TABULAR_FORMATS;
use crate::state::AppState;
use crate::upload::{format_of, sanitize_file_name};

/// Largest text field of a multipart body, in bytes.
const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Most text fields accepted in one multipart body.
const MAX_FIELDS: usize = 100;

/// Maximum length of a link, in characters, as in the web interface.
const MAX_URL_CHARS: usize = 2000;

/// Maximum number of resources of one dataset. Each link is fetched on a schedule and may
/// raise alert e-mails, so one request must not add thousands of them.
pub const MAX_RESOURCES_PER_DATASET: usize = 500;

/// Rejects a dataset that would hold `count` resources, more than the maximum.
pub fn check_resource_count(count: usize) -> Result<(), ApiError> {
    if count > MAX_RESOURCES_PER_DATASET {
        return Err(ApiError::field(
            "resources",
            "api-error-too-many-resources",
            vec![
                ("count", count.to_string()),
                ("max", MAX_RESOURCES_PER_DATASET.to_string()),
            ],
        ));
    }
    Ok(())
}

/// A file received in a multipart body, written to a temporary file, not yet published.
pub struct PendingUpload {
    pub file_name: String,
    file: catalog::files::PendingFile,
}

/// Reads a multipart body: text fields become parameters, the `upload` file field is
/// streamed to disk under the upload limit.
pub async fn read_multipart(
    state: &AppState,
    mut multipart: axum::extract::Multipart,
) -> Result<(Params, Option<PendingUpload>), ApiError> {
    let broken = |error: axum::extract::multipart::MultipartError| {
        tracing::warn!(%error, "invalid multipart API call");
        ApiError::bad_request("api-error-multipart", Vec::new())
    };
    let mut params = Params::default();
    let mut upload = None;
    let mut fields = 0usize;
    while let Some(mut field) = multipart.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "upload" && field.file_name().is_some() {
            if upload.is_some() {
                return Err(ApiError::field(
                    "upload",
                    "api-error-upload-twice",
                    Vec::new(),
                ));
            }
            let file_name = sanitize_file_name(field.file_name().unwrap_or(""));
            let limit = state.config().max_upload_bytes;
            let mut pending = state.files().begin(limit).await?;
            while let Some(chunk) = field.chunk().await.map_err(broken)? {
                pending.write(&chunk).await?;
            }
            if pending.size() == 0 {
                return Err(ApiError::field(
                    "upload",
                    "api-error-upload-empty",
                    Vec::new(),
                ));
            }
            upload = Some(PendingUpload {
                file_name,
                file: pending,
            });
            continue;
        }
        fields += 1;
        if fields > MAX_FIELDS {
            return Err(ApiError::bad_request("api-error-multipart", Vec::new()));
        }
        let mut value = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            if value.len() + chunk.len() > MAX_FIELD_BYTES {
                return Err(ApiError::field(
                    &name,
                    "api-error-field-too-large",
                    vec![("limit", MAX_FIELD_BYTES.to_string())],
                ));
            }
            value.extend_from_slice(&chunk);
        }
        let text = String::from_utf8(value).map_err(|_| {
            ApiError::field(&name, "api-error-not-text", vec![("value", "…".into())])
        })?;
        params.0.insert(name, Value::String(text));
    }
    Ok((params, upload))
}

/// Checks a link as the web interface does: http or https, no spaces, at most 2,000
/// characters. The platform never fetches it.
fn check_url(url: &str) -> Result<String, ApiError> {
    let url = url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.chars().count() > MAX_URL_CHARS || url.chars().any(char::is_whitespace) {
        return Err(ApiError::field(
            "url",
            "api-error-url",
            vec![("value", echo(url))],
        ));
    }
    Ok(url.to_string())
}

/// Guesses a link's format from the extension of its path, as the web interface does.
fn link_format(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit_once('/')
        .map_or(path, |(_, last)| last)
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_lowercase())
        .filter(|extension| !extension.is_empty() && extension.len() <= 5)
        .unwrap_or_else(|| "url".to_string())
}

/// Returns whether `url` is socle's own download address of `resource`, as a client
/// sends it back from `package_show`.
fn is_own_download(resource: &Resource, url: &str) -> bool {
    url.ends_with(&format!("/ressources/{}/telechargement", resource.id))
}

/// Publishes a received file, once the caller's right is checked.
async fn store_upload(
    call: &mut Call,
) -> Result<Option<(String, catalog::files::StoredFile)>, ApiError> {
    let Some(upload) = call.upload.take() else {
        return Ok(None);
    };
    let stored = upload.file.commit(call.state.files()).await?;
    Ok(Some((upload.file_name, stored)))
}

/// Describes a stored upload as a resource to validate.
fn file_resource(
    title: String,
    format: Option<String>,
    file_name: String,
    stored: catalog::files::StoredFile,
    schema_slug: Option<String>,
) -> NewResource {
    let format = format.unwrap_or_else(|| format_of(&file_name));
    let tabular = TABULAR_FORMATS.contains(&format.as_str());
    NewResource {
        title,
        source: ResourceSource::File {
            file_name,
            storage_key: stored.key,
            size: stored.size,
            sha256: stored.sha256,
        },
        format,
        schema_slug,
        validation_status: if tabular {
            ValidationStatus::Pending
        } else {
            ValidationStatus::None
        },
    }
}

fn format_param(params: &Params) -> Result<Option<String>, ApiError> {
    Ok(params
        .text("format")?
        .map(|format| format.trim().trim_start_matches('.').to_lowercase())
        .filter(|format| !format.is_empty()))
}

/// Records a new resource of `hit`, with its description, and starts its validation.
async fn add(
    call: &Call,
    hit: &DatasetHit,
    new: &NewResource,
    description: &str,
) -> Result<Resource, ApiError> {
    let store = call.state.store();
    let mut resource =
        crate::publication_hold::add_resource(&call.state, &hit.dataset, new).await?;
    if !description.is_empty() {
        resource = store.update_resource(resource.id, new, description).await?;
    }
    if resource.validation_status == ValidationStatus::Pending {
        spawn_validation(call.state.clone(), resource.clone());
    }
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %resource.id, "resource created through the API");
    Ok(resource)
}

/// Creates a link resource from a resource dictionary of `package_create` or
/// `package_update`.
pub async fn create_from_dict(
    call: &Call,
    hit: &DatasetHit,
    dict: &Params,
) -> Result<Resource, ApiError> {
    let url = check_url(&dict.required_text("url")?)?;
    let title = dict
        .text("name")?
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| url.clone());
    let new = NewResource {
        title,
        format: format_param(dict)?.unwrap_or_else(|| link_format(&url)),
        source: ResourceSource::Url { url },
        schema_slug: hit.dataset.fields.schema_slug.clone(),
        validation_status: ValidationStatus::None,
    };
    let description = dict.text("description")?.unwrap_or_default();
    add(call, hit, &new, &description).await
}

pub async fn resource_create(call: &mut Call) -> Result<Value, ApiError> {
    call.require_user()?;
    let key = call.params.required_text("package_id")?;
    let hit = visible_dataset(call, &key).await?;
    if !call.can_edit(hit.dataset.organization_id).await? {
        return Err(ApiError::forbidden("api-error-not-editor"));
    }
    let existing = call.state.store().resources(hit.dataset.id).await?;
    check_resource_count(existing.len() + 1)?;
    let resource = match store_upload(call).await? {
        Some((file_name, stored)) => {
            let title = call
                .params
                .text("name")?
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| file_name.clone());
            let new = file_resource(
                title,
                format_param(&call.params)?,
                file_name,
                stored,
                hit.dataset.fields.schema_slug.clone(),
            );
            let description = call.params.text("description")?.unwrap_or_default();
            add(call, &hit, &new, &description).await?
        }
        None => create_from_dict(call, &hit, &call.params.clone()).await?,
    };
    let position = visible_resources(call, &hit).await?.len().saturating_sub(1);
    let mut dict = resource_dict(&call.base, &resource, position);
    crate::publication_hold::describe_hold(&call.state, &resource, &mut dict).await?;
    Ok(dict)
}

/// Applies a resource dictionary to a stored resource: a full replace blanks the
/// description when absent, a patch keeps it. A new `upload` or a different `url`
/// replaces the content.
async fn apply_update(
    call: &mut Call,
    hit: &DatasetHit,
    current: &Resource,
    dict: &Params,
    patch: bool,
) -> Result<Resource, ApiError> {
    let title = dict
        .text("name")?
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| current.title.clone());
    let description = match dict.text("description")? {
        Some(description) => description,
        None if patch => current.description.clone(),
        None => String::new(),
    };
    let format = format_param(dict)?;
    let new = if let Some((file_name, stored)) = store_upload(call).await? {
        file_resource(
            title,
            format,
            file_name,
            stored,
            current.schema_slug.clone(),
        )
    } else {
        match dict.text("url")?.filter(|url| !url.trim().is_empty()) {
            Some(url)
                if !is_own_download(current, &url)
                    && current.source
                        != (ResourceSource::Url {
                            url: url.trim().to_string(),
                        }) =>
            {
                let url = check_url(&url)?;
                NewResource {
                    title,
                    format: format.unwrap_or_else(|| link_format(&url)),
                    source: ResourceSource::Url { url },
                    schema_slug: current.schema_slug.clone(),
                    validation_status: ValidationStatus::None,
                }
            }
            _ => NewResource {
                title,
                format: format.unwrap_or_else(|| current.format.clone()),
                source: current.source.clone(),
                schema_slug: current.schema_slug.clone(),
                validation_status: current.validation_status,
            },
        }
    };
    crate::publication_hold::hold_before_update(&call.state, &hit.dataset, current, &new).await?;
    let updated = call
        .state
        .store()
        .update_resource(current.id, &new, &description)
        .await?;
    if new.validation_status == ValidationStatus::Pending && new.source != current.source {
        spawn_validation(call.state.clone(), updated.clone());
    }
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %current.id, patch, "resource updated through the API");
    Ok(updated)
}

pub async fn resource_update(call: &mut Call, patch: bool) -> Result<Value, ApiError> {
    call.require_user()?;
    let key = call.params.required_text("id")?;
    let (hit, current) = visible_resource(call, &key).await?;
    if !call.can_edit(hit.dataset.organization_id).await? {
        return Err(ApiError::forbidden("api-error-not-editor"));
    }
    let params = call.params.clone();
    let updated = apply_update(call, &hit, &current, &params, patch).await?;
    let position = visible_resources(call, &hit)
        .await?
        .iter()
        .position(|resource| resource.id == updated.id)
        .unwrap_or(0);
    let mut dict = resource_dict(&call.base, &updated, position);
    crate::publication_hold::describe_hold(&call.state, &updated, &mut dict).await?;
    Ok(dict)
}

pub async fn resource_delete(call: &mut Call) -> Result<Value, ApiError> {
    call.require_user()?;
    let key = call.params.required_text("id")?;
    let (hit, resource) = visible_resource(call, &key).await?;
    if !call.can_edit(hit.dataset.organization_id).await? {
        return Err(ApiError::forbidden("api-error-not-editor"));
    }
    call.state.store().delete_resource(resource.id).await?;
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %resource.id, "resource deleted through the API");
    Ok(Value::Null)
}

/// Makes a dataset's resources those listed in `resources`, as CKAN's `package_update`:
/// listed ids are updated, entries without an id are created as links, and resources not
/// listed are removed. Private resources the caller cannot see are left alone.
pub async fn replace_resources(call: &mut Call, hit: &DatasetHit) -> Result<(), ApiError> {
    let items = call.params.list("resources")?.unwrap_or_default();
    check_resource_count(items.len())?;
    let existing = visible_resources(call, hit).await?;
    let mut kept = Vec::new();
    for item in items {
        let Value::Object(map) = item else {
            return Err(ApiError::field(
                "resources",
                "api-error-resource-shape",
                Vec::new(),
            ));
        };
        let dict = Params(map);
        let id = dict.text("id")?.filter(|id| !id.trim().is_empty());
        match id.and_then(|id| {
            existing
                .iter()
                .find(|resource| resource.id.to_string() == id.trim())
        }) {
            Some(current) => {
                apply_update(call, hit, current, &dict, false).await?;
                kept.push(current.id);
            }
            None => {
                let created = create_from_dict(call, hit, &dict).await?;
                kept.push(created.id);
            }
        }
    }
    for resource in existing
        .iter()
        .filter(|resource| !kept.contains(&resource.id))
    {
        call.state.store().delete_resource(resource.id).await?;
        tracing::info!(dataset.id = %hit.dataset.id, resource.id = %resource.id, "resource removed by a package update");
    }
    Ok(())
}
