//! The public side: home, search with facets, dataset and organisation pages, previews
//! and downloads.
//!
//! Every read goes through the catalogue with the visitor's [`catalog::Viewer`], so a
//! private or draft dataset is absent (404) for outsiders on every page, in search results
//! and facet counts, in previews and in downloads.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use catalog::harvest::HarvestStore;
use catalog::refresh::RefreshStore;
use catalog::{
    DatasetStore, OrganizationStore, ResourceSource, ResourceStore, SearchQuery, SearchStore,
    Validity, find_licence,
};
use minijinja::context;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::page;
use crate::error::AppError;
use crate::markdown::to_safe_html;
use crate::preview::{Preview, read_preview};
use crate::response_cache::{Cached, accepts_gzip};
use crate::state::AppState;
use crate::web::Visitor;

/// Datasets listed on the home page.
const HOME_LATEST: u32 = 6;

/// Results per search page.
const PER_PAGE: u32 = 20;

const HTML_CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// Request headers a cached dataset page depends on: its encoding, its language (also
/// chosen by `Accept-Language` and the language cookie) and the session cookie, which
/// makes the page a signed-in one.
const PAGE_VARY: &str = "accept-encoding, accept-language, cookie";

pub async fn home(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    let latest = state
        .store()
        .latest_datasets(&visitor.viewer(), HOME_LATEST)
        .await?;
    let organizations = state.store().organizations().await?;
    state.render(
        "home.html",
        page(
            &visitor,
            "/",
            context! { latest => latest, organizations => organizations },
        ),
    )
}

/// The query string of the search page.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct SearchParams {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validite: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl SearchParams {
    /// Builds the URL of this search with one filter changed and the page reset.
    fn with(&self, key: &str, value: Option<&str>) -> String {
        let mut next = self.clone();
        next.page = None;
        next.lang = None;
        let value = value.map(str::to_string);
        match key {
            "organisation" => next.organisation = value,
            "tag" => next.tag = value,
            "format" => next.format = value,
            "licence" => next.licence = value,
            "schema" => next.schema = value,
            "validite" => next.validite = value,
            _ => {}
        }
        format!(
            "/recherche?{}",
            serde_urlencoded::to_string(&next).unwrap_or_default()
        )
    }

    fn page_url(&self, page: u64) -> String {
        let mut next = self.clone();
        next.lang = None;
        next.page = u32::try_from(page).ok();
        format!(
            "/recherche?{}",
            serde_urlencoded::to_string(&next).unwrap_or_default()
        )
    }
}

/// A facet as the template shows it: values with their links, and the active value.
#[derive(Serialize)]
struct FacetView {
    key: &'static str,
    active: Option<String>,
    clear_url: String,
    values: Vec<FacetLink>,
}

#[derive(Serialize)]
struct FacetLink {
    label: String,
    count: u64,
    url: String,
    active: bool,
}

fn facet_view(
    params: &SearchParams,
    key: &'static str,
    active: &Option<String>,
    values: &[catalog::FacetValue],
) -> FacetView {
    // Licences and schemas are stored as codes (`lov2`, `deliberations`): show titles.
    let title = |code: &str| match key {
        "licence" => super::labels::licence_title(code),
        "schema" => super::labels::schema_title(code),
        _ => None,
    };
    FacetView {
        key,
        active: active.clone(),
        clear_url: params.with(key, None),
        values: values
            .iter()
            .map(|value| FacetLink {
                label: title(&value.value).map_or_else(|| value.label.clone(), str::to_owned),
                count: value.count,
                url: params.with(key, Some(&value.value)),
                active: active.as_deref() == Some(value.value.as_str()),
            })
            .collect(),
    }
}

pub async fn search(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(params): Query<SearchParams>,
) -> Result<Html<String>, AppError> {
    let query = SearchQuery {
        text: params.q.chars().take(200).collect(),
        organization: params.organisation.clone(),
        tag: params.tag.clone(),
        format: params.format.clone(),
        licence: params.licence.clone(),
        schema: params.schema.clone(),
        validity: params.validite.as_deref().and_then(Validity::from_code),
        page: params.page.unwrap_or(1).clamp(1, 10_000),
        per_page: PER_PAGE,
    };
    let results = state.store().search(&visitor.viewer(), &query).await?;
    let facets = vec![
        facet_view(
            &params,
            "organisation",
            &params.organisation,
            &results.facets.organizations,
        ),
        facet_view(&params, "tag", &params.tag, &results.facets.tags),
        facet_view(&params, "format", &params.format, &results.facets.formats),
        facet_view(
            &params,
            "licence",
            &params.licence,
            &results.facets.licences,
        ),
        facet_view(&params, "schema", &params.schema, &results.facets.schemas),
        facet_view(
            &params,
            "validite",
            &params.validite,
            &results.facets.validity,
        ),
    ];
    let page_count = results.page_count();
    let current = u64::from(results.page);
    let previous = (current > 1).then(|| params.page_url(current - 1));
    let next = (current < page_count).then(|| params.page_url(current + 1));
    state.render(
        "search.html",
        page(
            &visitor,
            "/recherche",
            context! {
                q => params.q, results => results, facets => facets, page_count => page_count,
                previous => previous, next => next,
            },
        ),
    )
}

/// A resource as the dataset page shows it.
#[derive(Serialize)]
struct ResourceView {
    resource: catalog::Resource,
    file_name: Option<String>,
    size: Option<u64>,
    sha256: Option<String>,
    url: Option<String>,
    /// Message id of the validation status, with the reason when it was not validated.
    status_message: String,
}

fn resource_view(resource: catalog::Resource) -> ResourceView {
    let (file_name, size, sha256, url) = match &resource.source {
        ResourceSource::File {
            file_name,
            size,
            sha256,
            ..
        } => (
            Some(file_name.clone()),
            Some(*size),
            Some(sha256.clone()),
            None,
        ),
        ResourceSource::Url { url } => (None, None, None, Some(url.clone())),
    };
    ResourceView {
        resource,
        file_name,
        size,
        sha256,
        url,
        status_message: String::new(),
    }
}

pub async fn dataset(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    // Read before the catalogue, so a write during rendering makes the entry stale.
    let generation = state.store().write_generation();
    let cache_key = format!("{}\n/jeux-de-donnees/{slug}", visitor.lang);
    let anonymous = visitor.user.is_none();
    let gzip = accepts_gzip(&headers);
    if anonymous
        && let Some(cached) = state.pages().get(&cache_key, generation)
        && let Some(response) = cached.respond(gzip, HTML_CONTENT_TYPE, PAGE_VARY)
    {
        return Ok(response);
    }

    let hit = state
        .store()
        .dataset(&visitor.viewer(), &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_edit =
        crate::pages::publish::can_edit(&state, &visitor, hit.dataset.organization_id).await?;
    let mut resources = state.store().resources(hit.dataset.id).await?;
    resources.retain(|resource| can_edit || !resource.private);
    let preview: Option<Preview> = match resources
        .iter()
        .find(|resource| matches!(resource.source, ResourceSource::File { .. }))
    {
        Some(resource) if can_edit => read_preview(&state, resource).await,
        // Visitors preview the file they download, the previous one while a replacement
        // waits for its checks.
        Some(resource) => match crate::publication_hold::visitor_copy(&state, resource).await? {
            Some(served) => read_preview(&state, &served).await,
            None => None,
        },
        None => None,
    };
    let licence = find_licence(&hit.dataset.fields.licence);
    let description = to_safe_html(&hit.dataset.fields.description);
    let organization_logo = state
        .logos()
        .url(&state, hit.dataset.organization_id)
        .await?;
    let path = format!("/jeux-de-donnees/{}", hit.dataset.slug);
    let awaiting = if can_edit {
        crate::publication_hold::awaiting_files(&state, hit.dataset.id, &resources).await?
    } else {
        Vec::new()
    };
    let awaiting_confirmable = awaiting.iter().any(|file| {
        matches!(
            file.check,
            crate::publication_hold::PrivacyCheck::NeedsConfirmation
                | crate::publication_hold::PrivacyCheck::Unscanned
        )
    });
    let origin = state
        .store()
        .dataset_origin(hit.dataset.id)
        .await?
        .map(|mut origin| {
            // The link goes on the page: only web addresses are kept.
            origin.uri = origin
                .uri
                .filter(|uri| uri.starts_with("https://") || uri.starts_with("http://"));
            origin
        });
    let mut views: Vec<ResourceView> = resources.into_iter().map(resource_view).collect();
    let schema = hit.dataset.fields.schema_slug.as_deref();
    for view in &mut views {
        view.status_message =
            super::status_label::status_message_id(&state, &view.resource, schema).await?;
    }
    let html = state.render(
        "dataset.html",
        page(
            &visitor,
            &path,
            context! {
                hit => hit, resources => views, preview => preview, licence => licence,
                description_html => minijinja::Value::from_safe_string(description), can_edit => can_edit,
                organization_logo => organization_logo, awaiting => awaiting,
                awaiting_confirmable => awaiting_confirmable, origin => origin,
            },
        ),
    )?;
    if anonymous && let Some(cached) = Cached::compress(generation, html.0.as_bytes()) {
        let response = cached.respond(gzip, HTML_CONTENT_TYPE, PAGE_VARY);
        state.pages().insert(cache_key, cached);
        if let Some(response) = response {
            return Ok(response);
        }
    }
    Ok(html.into_response())
}

pub async fn organizations(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    let organizations = state.store().organizations().await?;
    state.render(
        "organizations.html",
        page(
            &visitor,
            "/organisations",
            context! { organizations => organizations },
        ),
    )
}

pub async fn organization(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let organization = state
        .store()
        .organization_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let query = SearchQuery {
        organization: Some(organization.slug.clone()),
        page: 1,
        per_page: 100,
        ..SearchQuery::default()
    };
    let results = state.store().search(&visitor.viewer(), &query).await?;
    let description = to_safe_html(&organization.description);
    let path = format!("/organisations/{}", organization.slug);
    let logo = organization.logo_key.as_deref().map(super::logo::logo_url);
    let can_manage_logo = super::logo::can_manage(&state, &visitor, &organization).await?;
    state.render(
        "organization.html",
        page(
            &visitor,
            &path,
            context! {
                organization => organization, results => results,
                description_html => minijinja::Value::from_safe_string(description),
                logo => logo, can_manage_logo => can_manage_logo,
            },
        ),
    )
}

/// Streams a stored file. The dataset must be visible to the visitor, and a private
/// resource is served to editors of its organisation only.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
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
        .ok_or(AppError::NotFound)?;
    if resource.dataset_id != hit.dataset.id {
        return Err(AppError::NotFound);
    }
    if resource.private
        && !crate::pages::publish::can_edit(&state, &visitor, hit.dataset.organization_id).await?
    {
        return Err(AppError::NotFound);
    }
    if matches!(resource.source, ResourceSource::File { .. })
        && state.store().latest_version(resource.id).await?.is_some()
    {
        // A replaced file is served from its versions: visitors get the newest one whose
        // checks are done and need no confirmation, editors the current one. The link is
        // only followed when there is no version, which was just ruled out.
        let own_link = format!(
            "/jeux-de-donnees/{}/ressources/{}/telechargement",
            hit.dataset.slug, resource.id
        );
        return crate::refresh::pages::download_current(&state, &visitor, &resource, &own_link)
            .await;
    }
    let (file_name, storage_key) = match &resource.source {
        ResourceSource::File {
            file_name,
            storage_key,
            ..
        } => (file_name.clone(), storage_key.clone()),
        ResourceSource::Url { url } => {
            return crate::refresh::pages::download_current(&state, &visitor, &resource, url).await;
        }
    };
    let path = state.files().path(&storage_key).ok_or(AppError::NotFound)?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|_| AppError::NotFound)?;
    let length = file.metadata().await.map(|metadata| metadata.len()).ok();
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&resource.format)),
    );
    let disposition = format!(
        "attachment; filename=\"{}\"",
        crate::upload::sanitize_file_name(&file_name)
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Some(length) = length {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    Ok(response)
}

pub(crate) fn content_type(format: &str) -> &'static str {
    match format {
        "csv" => "text/csv; charset=utf-8",
        "tsv" => "text/tab-separated-values",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "xls" => "application/vnd.ms-excel",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store().organizations().await {
        Ok(_) => "ok".into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable",
            )
                .into_response()
        }
    }
}

const STYLE: &str = include_str!("../../static/style.css");
const UPLOAD_SCRIPT: &str = include_str!("../../static/upload.js");
const FAVICON: &str = include_str!("../../static/favicon.svg");
const ROBOTS: &str = include_str!("../../static/robots.txt");

/// `/robots.txt`: which paths crawlers may visit.
pub async fn robots() -> Response {
    static_response(ROBOTS, "text/plain; charset=utf-8")
}

/// `/favicon.ico`, which some browsers and feed readers request whatever the page
/// declares: it returns the same SVG icon.
pub async fn favicon() -> Response {
    static_response(FAVICON, "image/svg+xml")
}

pub async fn static_file(Path(name): Path<String>) -> Response {
    let (body, content_type) = match name.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "upload.js" => (UPLOAD_SCRIPT, "text/javascript; charset=utf-8"),
        "favicon.svg" => (FAVICON, "image/svg+xml"),
        _ => return AppError::NotFound.into_response(),
    };
    static_response(body, content_type)
}

fn static_response(body: &'static str, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
