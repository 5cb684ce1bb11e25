//! Package and organisation writes: `package_create`, `package_update` (full replace),
//! `package_patch` (merge), `package_delete` (soft), `organization_create` and the
//! membership actions.
//!
//! A package's keys map onto socle's dataset fields: `notes` is the description,
//! `maintainer` and `maintainer_email` (else `author` and `author_email`) the contact,
//! the extras `frequency`, `temporal_start`, `temporal_end`, `spatial-text` and `schema`
//! the fields of the same meaning. An extra socle cannot store is rejected rather than
//! dropped. Publishing a draft goes through the same personal-data gate as the web
//! interface.
//!
//! Spatial coverage is a list of INSEE codes. `spatial-uri` is read back into codes when
//! `spatial-text` is absent, so a package read with `package_show` can be sent back
//! unchanged. A non-empty `spatial` extra, which CKAN clients fill with a GeoJSON
//! geometry, is rejected with a `Validation Error` on `spatial`. socle has no column for a
//! geometry and the DCAT feed describes places by their INSEE IRIs only, so a geometry
//! could not be returned unchanged.

use catalog::search::DatasetHit;
use catalog::{
    DatasetFields, DatasetState, LifecycleStore, NewOrganization, Organization, OrganizationKind,
    OrganizationStore, Role, UserStore,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::Call;
use super::dict::schema_url;
use super::envelope::{ApiError, Message};
use super::params::{Params, echo};
use super::read::{show, visible_dataset};
use super::resources::create_from_dict;

/// Extras socle stores, the keys of [`super::dict`]'s output.
const EXTRA_KEYS: &str =
    "frequency, temporal_start, temporal_end, spatial-text, spatial-uri, schema";

/// Maps a licence id of CKAN or data.gouv.fr to socle's, keeping socle's own ids.
fn licence_id(given: &str) -> String {
    match given.trim().to_lowercase().as_str() {
        "fr-lo" | "lo-2.0" | "etalab-2.0" | "licence-ouverte" | "lov2" => "lov2".into(),
        "odc-odbl" | "odbl" => "odbl".into(),
        "cc-by" | "cc-by-4.0" => "cc-by-4.0".into(),
        "cc-zero" | "cc0" | "cc0-1.0" => "cc0-1.0".into(),
        other => other.to_string(),
    }
}

/// Reads a frequency as an EU vocabulary code or URI, or a Dublin Core frequency URI.
fn frequency_code(given: &str) -> Result<String, ApiError> {
    let tail = given
        .trim()
        .rsplit(['/', '#'])
        .next()
        .unwrap_or("")
        .to_string();
    let code = match tail.to_lowercase().as_str() {
        "annual" => "ANNUAL",
        "semiannual" => "ANNUAL_2",
        "biennial" => "BIENNIAL",
        "triennial" => "TRIENNIAL",
        "quarterly" => "QUARTERLY",
        "monthly" => "MONTHLY",
        "weekly" => "WEEKLY",
        "daily" => "DAILY",
        "continuous" => "CONT",
        "irregular" => "IRREG",
        _ => tail.as_str(),
    }
    .to_uppercase();
    if catalog::is_frequency(&code) {
        Ok(code)
    } else {
        Err(ApiError::field(
            "frequency",
            "api-error-frequency",
            vec![("value", echo(given))],
        ))
    }
}

/// Reads a schema as a schema.data.gouv.fr URL or a bundled schema name.
fn schema_slug(given: &str) -> Result<Option<String>, ApiError> {
    let given = given.trim();
    if given.is_empty() {
        return Ok(None);
    }
    let entries = scdl::entries().unwrap_or_default();
    let by_url = entries.iter().find(|entry| {
        entry.schema_url.as_deref() == Some(given) || schema_url(&entry.slug) == Some(given)
    });
    if let Some(entry) = by_url {
        return Ok(Some(entry.slug.clone()));
    }
    match scdl::find(given) {
        Ok(Some(entry)) => Ok(Some(entry.slug)),
        _ => Err(ApiError::field(
            "schema",
            "api-error-schema",
            vec![("value", echo(given))],
        )),
    }
}

/// Reads `tags` (a list of `{"name"}` objects or of texts) or `tag_string` (comma-separated).
fn tags(params: &Params) -> Result<Option<Vec<String>>, ApiError> {
    if let Some(items) = params.list("tags")? {
        let mut tags = Vec::new();
        for item in items {
            let name = match &item {
                Value::String(name) => Some(name.clone()),
                Value::Object(map) => map.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            };
            match name {
                Some(name) if !name.trim().is_empty() => tags.push(name.trim().to_string()),
                _ => {
                    return Err(ApiError::field(
                        "tags",
                        "api-error-tag",
                        vec![("value", echo(&item.to_string()))],
                    ));
                }
            }
        }
        return Ok(Some(tags));
    }
    Ok(params.text("tag_string")?.map(|text| {
        text.split(',')
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_string)
            .collect()
    }))
}

/// Collects the extras, from the `extras` list and from top-level keys of the same names.
fn extras(params: &Params) -> Result<Vec<(String, String)>, ApiError> {
    let mut found = Vec::new();
    for item in params.list("extras")?.unwrap_or_default() {
        let key = item.get("key").and_then(Value::as_str);
        let value = item.get("value");
        let (Some(key), Some(value)) = (key, value) else {
            return Err(ApiError::field(
                "extras",
                "api-error-extra-shape",
                vec![("value", echo(&item.to_string()))],
            ));
        };
        let value = match value {
            Value::String(text) => text.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        found.push((key.to_string(), value));
    }
    for key in [
        "frequency",
        "temporal_start",
        "temporal_end",
        "spatial-text",
        "spatial-uri",
        "spatial",
        "schema",
    ] {
        if let Some(value) = params.text(key)? {
            found.push((key.to_string(), value));
        }
    }
    Ok(found)
}

fn optional_date(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.chars().take(10).collect())
}

/// Applies the package keys of `params` to `fields`. Keys that are absent leave a field as
/// it is, so the caller starts from blank fields for a full replace and from the stored
/// ones for a patch.
fn apply_package(params: &Params, fields: &mut DatasetFields) -> Result<(), ApiError> {
    if let Some(title) = params.text("title")? {
        fields.title = title;
    }
    if let Some(notes) = params.text("notes")? {
        fields.description = notes;
    }
    if let Some(licence) = params.text("license_id")? {
        fields.licence = licence_id(&licence);
        if catalog::find_licence(&fields.licence).is_none() {
            let ids: Vec<&str> = catalog::LICENCES.iter().map(|licence| licence.id).collect();
            return Err(ApiError::field(
                "license_id",
                "api-error-licence",
                vec![("value", echo(&licence)), ("licences", ids.join(", "))],
            ));
        }
    }
    if let Some(tags) = tags(params)? {
        fields.tags = tags;
    }
    let contact = params
        .text("maintainer")?
        .or(params.text("author")?)
        .filter(|name| !name.trim().is_empty());
    if let Some(name) = contact {
        fields.contact_name = name;
    }
    let email = params
        .text("maintainer_email")?
        .or(params.text("author_email")?)
        .filter(|email| !email.trim().is_empty());
    if let Some(email) = email {
        fields.contact_email = email;
    }
    if let Some(private) = params.boolean("private")? {
        fields.private = private;
    }
    let mut spatial_text_given = false;
    let mut codes_of_uris = None;
    for (key, value) in extras(params)? {
        match key.as_str() {
            "frequency" => fields.frequency = frequency_code(&value)?,
            "temporal_start" => fields.temporal_start = optional_date(&value),
            "temporal_end" => fields.temporal_end = optional_date(&value),
            "spatial-text" => {
                spatial_text_given = true;
                fields.spatial = split_list(&value).map(str::to_string).collect();
            }
            "spatial-uri" => codes_of_uris = Some(spatial_codes_of_uris(&value)?),
            "spatial" if value.trim().is_empty() => {}
            "spatial" => {
                return Err(ApiError::field(
                    "spatial",
                    "api-error-spatial-geometry",
                    vec![("value", echo(&value))],
                ));
            }
            "schema" => fields.schema_slug = schema_slug(&value)?,
            other => {
                return Err(ApiError::field(
                    "extras",
                    "api-error-extra-unknown",
                    vec![("key", echo(other)), ("keys", EXTRA_KEYS.into())],
                ));
            }
        }
    }
    if let Some(codes) = codes_of_uris
        && !spatial_text_given
    {
        fields.spatial = codes;
    }
    Ok(())
}

/// Splits a list written as text, items separated by commas or spaces.
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ' '])
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Reads the INSEE IRIs of a `spatial-uri` extra into socle spatial codes.
fn spatial_codes_of_uris(value: &str) -> Result<Vec<String>, ApiError> {
    split_list(value)
        .map(|uri| {
            dcat::vocab::spatial_code_of_iri(uri).ok_or_else(|| {
                ApiError::field(
                    "spatial-uri",
                    "api-error-spatial-uri",
                    vec![("value", echo(uri))],
                )
            })
        })
        .collect()
}

/// Reads `state`: `active` publishes, `draft` keeps the dataset a draft.
fn published(params: &Params, current: bool) -> Result<bool, ApiError> {
    match params.text("state")?.as_deref().map(str::trim) {
        None | Some("") => Ok(current),
        Some("active") => Ok(true),
        Some("draft") => Ok(false),
        Some(other) => Err(ApiError::field(
            "state",
            "api-error-state",
            vec![("value", echo(other))],
        )),
    }
}

/// Finds an organisation by id or name.
async fn organization(call: &Call, key: &str) -> Result<Option<Organization>, ApiError> {
    let store = call.state.store();
    Ok(match Uuid::parse_str(key.trim()) {
        Ok(id) => store.organization(id).await?,
        Err(_) => store.organization_by_slug(key.trim()).await?,
    })
}

/// Runs the personal-data gate of the web interface before a draft becomes public. The
/// API cannot tick the confirmation box, so a file still being scanned, or one whose
/// personal data no editor confirmed, keeps the dataset a draft.
async fn check_gate(call: &Call, dataset_id: Uuid) -> Result<(), ApiError> {
    use crate::publication_hold::PrivacyCheck;

    let user = call.require_user()?;
    let blocking =
        crate::pages::privacy_gate::check_publication(&call.state, user, dataset_id, false)
            .await
            .map_err(|error| ApiError::Internal(error.to_string()))?;
    let Some(first) = blocking.first() else {
        return Ok(());
    };
    tracing::info!(dataset.id = %dataset_id, files = blocking.len(), "API publication rejected by the personal-data gate");
    let message_id = if first.check == PrivacyCheck::Scanning {
        "server-error-privacy-scan-running"
    } else {
        "server-error-privacy-confirmation-required"
    };
    Err(ApiError::field("state", message_id, Vec::new()))
}

/// Creates the link resources listed in `resources`.
async fn create_resources(call: &Call, hit: &DatasetHit) -> Result<(), ApiError> {
    let items = call.params.list("resources")?.unwrap_or_default();
    super::resources::check_resource_count(items.len())?;
    for item in items {
        let Value::Object(map) = item else {
            return Err(ApiError::field(
                "resources",
                "api-error-resource-shape",
                Vec::new(),
            ));
        };
        create_from_dict(call, hit, &Params(map)).await?;
    }
    Ok(())
}

pub async fn package_create(call: &mut Call) -> Result<Value, ApiError> {
    let user = call.require_user()?.clone();
    let owner = call.params.required_text("owner_org")?;
    let organization = organization(call, &owner).await?.ok_or_else(|| {
        ApiError::field(
            "owner_org",
            "api-error-organization",
            vec![("value", echo(&owner))],
        )
    })?;
    if !call.can_edit(organization.id).await? {
        return Err(ApiError::forbidden("api-error-not-editor"));
    }
    let name = call
        .params
        .text("name")?
        .filter(|name| !name.trim().is_empty());
    let mut fields = DatasetFields {
        title: name.clone().unwrap_or_default(),
        licence: "lov2".into(),
        frequency: "UNKNOWN".into(),
        ..DatasetFields::default()
    };
    apply_package(&call.params, &mut fields)?;
    let publish = published(&call.params, true)?;
    // Checked before anything is written, so that a refused request creates nothing.
    super::resources::check_resource_count(
        call.params
            .list("resources")?
            .map_or(0, |items| items.len()),
    )?;
    let dataset = call
        .state
        .store()
        .create_named_dataset(
            organization.id,
            name.as_deref().map(str::trim),
            &fields,
            false,
        )
        .await?;
    tracing::info!(dataset.id = %dataset.id, user.id = %user.id, "dataset created through the API");
    let hit = visible_dataset(call, &dataset.id.to_string()).await?;
    create_resources(call, &hit).await?;
    if publish {
        check_gate(call, dataset.id).await?;
        call.state
            .store()
            .replace_dataset(dataset.id, &dataset.slug, &fields, true)
            .await?;
    }
    let hit = visible_dataset(call, &dataset.id.to_string()).await?;
    show(call, &hit).await
}

/// Loads a dataset by `id` (or name) that the caller may write.
async fn editable_dataset(call: &Call) -> Result<DatasetHit, ApiError> {
    call.require_user()?;
    let key = call.params.required_text("id")?;
    let hit = visible_dataset(call, &key).await?;
    if !call.can_edit(hit.dataset.organization_id).await? {
        return Err(ApiError::forbidden("api-error-not-editor"));
    }
    Ok(hit)
}

/// Replaces (`patch` false) or merges (`patch` true) a package.
pub async fn package_update(call: &mut Call, patch: bool) -> Result<Value, ApiError> {
    let hit = editable_dataset(call).await?;
    let current = &hit.dataset;
    if let Some(owner) = call
        .params
        .text("owner_org")?
        .filter(|owner| !owner.trim().is_empty())
    {
        let target = organization(call, &owner).await?;
        if target.map(|organization| organization.id) != Some(current.organization_id) {
            return Err(ApiError::field(
                "owner_org",
                "api-error-owner-change",
                vec![("value", echo(&owner))],
            ));
        }
    }
    let mut fields = if patch {
        current.fields.clone()
    } else {
        // A full replace blanks what is not given, except the licence and frequency,
        // which socle requires: they keep their stored values.
        DatasetFields {
            title: current.slug.clone(),
            licence: current.fields.licence.clone(),
            frequency: current.fields.frequency.clone(),
            schema_slug: current.fields.schema_slug.clone(),
            private: current.fields.private,
            ..DatasetFields::default()
        }
    };
    apply_package(&call.params, &mut fields)?;
    let name = call
        .params
        .text("name")?
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| current.slug.clone());
    let publish = published(&call.params, current.published)?;
    if call.params.has("resources") {
        super::resources::replace_resources(call, &hit).await?;
    }
    if publish && !current.published {
        check_gate(call, current.id).await?;
    }
    call.state
        .store()
        .replace_dataset(current.id, name.trim(), &fields, publish)
        .await?;
    tracing::info!(dataset.id = %current.id, patch, "dataset updated through the API");
    let hit = visible_dataset(call, &current.id.to_string()).await?;
    show(call, &hit).await
}

pub async fn package_delete(call: &mut Call) -> Result<Value, ApiError> {
    let hit = editable_dataset(call).await?;
    call.state
        .store()
        .set_dataset_state(hit.dataset.id, DatasetState::Deleted)
        .await?;
    tracing::info!(dataset.id = %hit.dataset.id, "dataset deleted through the API");
    Ok(Value::Null)
}

fn require_platform_admin(call: &Call) -> Result<(), ApiError> {
    if call.require_user()?.is_platform_admin {
        Ok(())
    } else {
        Err(ApiError::forbidden("api-error-not-platform-admin"))
    }
}

/// Creates an organisation. A `name` that passes CKAN's name rules and is free becomes its
/// slug. Without `name`, the slug is derived from `title`, with `-2`, `-3`… appended when
/// taken. `title` is the display name, and `name` is used when `title` is absent.
pub async fn organization_create(call: &mut Call) -> Result<Value, ApiError> {
    require_platform_admin(call)?;
    let name = call
        .params
        .text("name")?
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty());
    let title = match call
        .params
        .text("title")?
        .filter(|title| !title.trim().is_empty())
    {
        Some(title) => title,
        None => name.clone().ok_or_else(|| ApiError::missing("name"))?,
    };
    let kind = match call.params.text("kind")? {
        Some(code) => OrganizationKind::from_code(code.trim()).ok_or_else(|| {
            ApiError::field(
                "kind",
                "api-error-organization-kind",
                vec![("value", echo(&code))],
            )
        })?,
        None => OrganizationKind::Other,
    };
    let new = NewOrganization {
        name: title,
        siren: call
            .params
            .text("siren")?
            .filter(|siren| !siren.trim().is_empty()),
        kind,
        description: call.params.text("description")?.unwrap_or_default(),
    };

    let store = call.state.store();
    let created = match &name {
        None => store.create_organization(&new).await?,
        Some(name) => {
            check_organization_name(name)?;
            if store.organization_by_slug(name).await?.is_some() {
                return Err(organization_name_taken(name));
            }
            // Another call may take the name between the check and the insert.
            store
                .create_organization_with_slug(&new, name)
                .await
                .map_err(|error| match error {
                    catalog::Error::Invalid {
                        message_id: "api-error-organization-name-taken",
                        ..
                    } => organization_name_taken(name),
                    other => ApiError::from(other),
                })?
        }
    };
    tracing::info!(organization.id = %created.id, "organisation created through the API");
    Ok(super::dict::organization_dict(&created, Some(0)))
}

/// Checks an organisation name against CKAN's rules: 2 to 100 characters among lower-case
/// ASCII letters, digits, `-` and `_`. The error suggests a valid name built from the value.
fn check_organization_name(name: &str) -> Result<(), ApiError> {
    if catalog::lifecycle::check_name(name).is_ok() {
        return Ok(());
    }
    let mut suggestion = catalog::slugify(name, "mon-organisation");
    if catalog::lifecycle::check_name(&suggestion).is_err() {
        suggestion = "mon-organisation".to_string();
    }
    Err(ApiError::field(
        "name",
        "api-error-organization-name-invalid",
        vec![("value", echo(name)), ("suggestion", suggestion)],
    ))
}

fn organization_name_taken(name: &str) -> ApiError {
    ApiError::field(
        "name",
        "api-error-organization-name-taken",
        vec![("value", echo(name))],
    )
}

/// Loads the organisation `id` and the user `username` (an e-mail address) of a membership
/// action, after checking the caller administers the organisation.
async fn membership_target(call: &Call) -> Result<(Organization, catalog::User), ApiError> {
    let caller = call.require_user()?;
    let key = call.params.required_text("id")?;
    let organization = organization(call, &key)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let allowed = caller.is_platform_admin
        || call
            .state
            .store()
            .role_in(caller.id, organization.id)
            .await?
            == Some(Role::Admin);
    if !allowed {
        return Err(ApiError::forbidden("api-error-not-organization-admin"));
    }
    let username = call.params.required_text("username")?;
    let user = call
        .state
        .store()
        .user_by_email(&username)
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(Message::with(
                "api-error-user-not-found",
                vec![("value", echo(&username))],
            ))
        })?;
    Ok((organization, user))
}

pub async fn member_create(call: &mut Call) -> Result<Value, ApiError> {
    let (organization, user) = membership_target(call).await?;
    let code = call.params.required_text("role")?;
    let role = Role::from_code(code.to_lowercase().trim())
        .ok_or_else(|| ApiError::field("role", "api-error-role", vec![("value", echo(&code))]))?;
    call.state
        .store()
        .set_membership(user.id, organization.id, role)
        .await?;
    tracing::info!(organization.id = %organization.id, user.id = %user.id, role = role.code(), "membership set through the API");
    Ok(json!({
        "table_name": "user",
        "table_id": user.id,
        "group_id": organization.id,
        "capacity": role.code(),
        "state": "active",
    }))
}

pub async fn member_delete(call: &mut Call) -> Result<Value, ApiError> {
    let (organization, user) = membership_target(call).await?;
    let removed = call
        .state
        .store()
        .remove_membership(user.id, organization.id)
        .await?;
    if !removed {
        return Err(ApiError::not_found());
    }
    tracing::info!(organization.id = %organization.id, user.id = %user.id, "membership removed through the API");
    Ok(Value::Null)
}
