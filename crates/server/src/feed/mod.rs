//! The DCAT-AP 3 catalogue feeds that data.gouv.fr and other portals harvest.
//!
//! URLs, all served directly (no redirect, which udata's harvester treats as a failure):
//! - `/catalog.ttl`, `/catalog.rdf`, `/catalog.jsonld`: the whole public catalogue, and
//!   `/catalog`, which picks the format from the `Accept` header (Turtle by default);
//! - `/organisations/{slug}/catalog.{ttl,rdf,jsonld}` and `/organisations/{slug}/catalog`:
//!   one organisation's datasets, for a harvester registered under that organisation;
//! - `/jeux-de-donnees/{slug}/dataset.{ttl,rdf,jsonld}` and `/jeux-de-donnees/{slug}/dataset`:
//!   one dataset.
//!
//! Catalogue feeds are paged with `?page=N` (from 1) and `page_size` (default 100, at most
//! 1000, or `all` for the whole catalogue in one streamed page). Each page links its
//! neighbours through a Hydra view; the `hydra:next` link carries a keyset cursor
//! (`apres`) so following it costs the same at any depth. Only active, published, public
//! datasets and their public resources are written.

mod convert;
pub mod params;
mod stream;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use catalog::OrganizationStore;
use catalog::export::{ExportScope, ExportStore};
use dcat::Format;
use i18n::{Lang, Messages};

use crate::error::AppError;
use crate::state::AppState;
use convert::Converter;
use params::{PageSize, Paging};
pub use params::{PublicUrl, base_url};
use stream::{FeedPlan, feed_body};

/// Builds the feed routes.
/// An error of a catalogue URL, sent as plain text because RDF clients and harvesters read
/// the status and the message, not an HTML page.
#[derive(Debug)]
pub struct FeedError(AppError);

impl<E: Into<AppError>> From<E> for FeedError {
    fn from(error: E) -> FeedError {
        FeedError(error.into())
    }
}

impl IntoResponse for FeedError {
    fn into_response(self) -> Response {
        self.0.plain_response()
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalog", get(site_negotiated))
        .route("/catalog.ttl", get(site_turtle))
        .route("/catalog.rdf", get(site_rdfxml))
        .route("/catalog.jsonld", get(site_jsonld))
        .route(
            "/organisations/{slug}/catalog",
            get(organization_negotiated),
        )
        .route(
            "/organisations/{slug}/catalog.ttl",
            get(organization_turtle),
        )
        .route(
            "/organisations/{slug}/catalog.rdf",
            get(organization_rdfxml),
        )
        .route(
            "/organisations/{slug}/catalog.jsonld",
            get(organization_jsonld),
        )
        .route("/jeux-de-donnees/{slug}/dataset", get(dataset_negotiated))
        .route("/jeux-de-donnees/{slug}/dataset.ttl", get(dataset_turtle))
        .route("/jeux-de-donnees/{slug}/dataset.rdf", get(dataset_rdfxml))
        .route(
            "/jeux-de-donnees/{slug}/dataset.jsonld",
            get(dataset_jsonld),
        )
}

/// Picks the format of a negotiated URL: the best supported type of `Accept`, Turtle
/// when the header is absent or names none of them.
fn negotiate(headers: &HeaderMap) -> Format {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .and_then(Format::from_accept)
        .unwrap_or(Format::Turtle)
}

/// The request details every feed handler needs.
struct FeedRequest {
    method: Method,
    query: Option<String>,
    format: Format,
    negotiated: bool,
}

macro_rules! fixed_format_handlers {
    ($($name:ident => $inner:ident, $format:expr;)*) => {
        $(
            async fn $name(
                state: State<AppState>,
                method: Method,
                RawQuery(query): RawQuery,
                path: Path<String>,
            ) -> Result<Response, FeedError> {
                let request = FeedRequest { method, query, format: $format, negotiated: false };
                $inner(state, request, path).await
            }
        )*
    };
}

async fn site_negotiated(
    state: State<AppState>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, FeedError> {
    let format = negotiate(&headers);
    site_feed(
        state,
        FeedRequest {
            method,
            query,
            format,
            negotiated: true,
        },
    )
    .await
}

async fn site_turtle(
    state: State<AppState>,
    method: Method,
    RawQuery(query): RawQuery,
) -> Result<Response, FeedError> {
    site_feed(
        state,
        FeedRequest {
            method,
            query,
            format: Format::Turtle,
            negotiated: false,
        },
    )
    .await
}

async fn site_rdfxml(
    state: State<AppState>,
    method: Method,
    RawQuery(query): RawQuery,
) -> Result<Response, FeedError> {
    site_feed(
        state,
        FeedRequest {
            method,
            query,
            format: Format::RdfXml,
            negotiated: false,
        },
    )
    .await
}

async fn site_jsonld(
    state: State<AppState>,
    method: Method,
    RawQuery(query): RawQuery,
) -> Result<Response, FeedError> {
    site_feed(
        state,
        FeedRequest {
            method,
            query,
            format: Format::JsonLd,
            negotiated: false,
        },
    )
    .await
}

async fn organization_negotiated(
    state: State<AppState>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    path: Path<String>,
) -> Result<Response, FeedError> {
    let format = negotiate(&headers);
    organization_feed(
        state,
        FeedRequest {
            method,
            query,
            format,
            negotiated: true,
        },
        path,
    )
    .await
}

async fn dataset_negotiated(
    state: State<AppState>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    path: Path<String>,
) -> Result<Response, FeedError> {
    let format = negotiate(&headers);
    dataset_document(
        state,
        FeedRequest {
            method,
            query,
            format,
            negotiated: true,
        },
        path,
    )
    .await
}

fixed_format_handlers! {
    organization_turtle => organization_feed, Format::Turtle;
    organization_rdfxml => organization_feed, Format::RdfXml;
    organization_jsonld => organization_feed, Format::JsonLd;
    dataset_turtle => dataset_document, Format::Turtle;
    dataset_rdfxml => dataset_document, Format::RdfXml;
    dataset_jsonld => dataset_document, Format::JsonLd;
}

/// Returns the French messages, because the feeds' own literals are French like the data.
fn french() -> Messages {
    Messages::new(Lang::Fr)
}

/// Returns the host (and port) of the base URL, used to name the platform.
fn site_name(base: &str) -> &str {
    base.split_once("://").map_or(base, |(_, rest)| rest)
}

async fn site_feed(
    State(state): State<AppState>,
    request: FeedRequest,
) -> Result<Response, FeedError> {
    let base = base_url(state.config());
    let messages = french();
    let site = site_name(&base).to_string();
    let catalog = dcat::Catalog {
        iri: format!("{base}/catalog"),
        title: messages.format("dcat-catalog-title", &[("site", &site)]),
        description: messages.format("dcat-catalog-description", &[("site", &site)]),
        homepage: format!("{base}/"),
        publisher: dcat::Agent {
            iri: format!("{base}/#plateforme"),
            name: messages.format("dcat-platform-name", &[("site", &site)]),
            siren: None,
        },
    };
    let path = if request.negotiated {
        "/catalog".to_string()
    } else {
        format!("/catalog.{}", request.format.extension())
    };
    paged_feed(
        &state,
        request,
        catalog,
        ExportScope::default(),
        &base,
        &path,
    )
    .await
}

async fn organization_feed(
    State(state): State<AppState>,
    request: FeedRequest,
    Path(slug): Path<String>,
) -> Result<Response, FeedError> {
    let organization = state
        .store()
        .organization_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = base_url(state.config());
    let converter = Converter::new(&base);
    let catalog_path = format!("/organisations/{}/catalog", organization.slug);
    let catalog = dcat::Catalog {
        iri: format!("{base}{catalog_path}"),
        title: organization.name.clone(),
        description: french().format(
            "dcat-organization-catalog-description",
            &[("organization", &organization.name)],
        ),
        homepage: format!("{base}/organisations/{}", organization.slug),
        publisher: converter.agent(&organization),
    };
    let scope = ExportScope {
        organization_id: Some(organization.id),
    };
    let path = if request.negotiated {
        catalog_path
    } else {
        format!("{catalog_path}.{}", request.format.extension())
    };
    paged_feed(&state, request, catalog, scope, &base, &path).await
}

/// Builds the page links and streams one page of a catalogue.
async fn paged_feed(
    state: &AppState,
    request: FeedRequest,
    catalog: dcat::Catalog,
    scope: ExportScope,
    base: &str,
    path: &str,
) -> Result<Response, FeedError> {
    let paging = Paging::parse(request.query.as_deref())?;
    let store = state.store();
    let total = store.count_public_datasets(scope).await?;
    let url = |page: u64, after: Option<uuid::Uuid>| {
        let mut url = format!(
            "{base}{path}?page={page}&page_size={}",
            paging.size.query_value()
        );
        if let Some(after) = after {
            url.push_str(&format!("&apres={after}"));
        }
        url
    };

    let (page, after, limit) = match paging.size {
        PageSize::All => {
            let all = format!("{base}{path}?page_size=all");
            let page = dcat::Page {
                iri: all.clone(),
                first: all.clone(),
                last: all,
                next: None,
                previous: None,
                total_items: total,
                items_per_page: total,
            };
            (page, None, None)
        }
        PageSize::Items(size) => {
            let last_page = total.div_ceil(size).max(1);
            if paging.page > last_page {
                return Err(FeedError(AppError::NotFoundWith {
                    message_id: "dcat-error-page-out-of-range",
                    args: vec![
                        ("page", paging.page.to_string()),
                        ("last", last_page.to_string()),
                        ("size", size.to_string()),
                    ],
                }));
            }
            let after = match (paging.after, paging.page) {
                (Some(after), _) => Some(after),
                (None, 1) => None,
                (None, page) => {
                    // The dataset just before the page; it exists since the page does,
                    // unless datasets were removed since the count.
                    let offset = (page - 1) * size;
                    let before = store.public_dataset_id_at(scope, None, offset - 1).await?;
                    Some(before.ok_or(AppError::NotFound)?)
                }
            };
            let next = if paging.page < last_page {
                let last_of_page = store.public_dataset_id_at(scope, after, size - 1).await?;
                last_of_page.map(|id| url(paging.page + 1, Some(id)))
            } else {
                None
            };
            let page = dcat::Page {
                iri: url(paging.page, paging.after),
                first: url(1, None),
                last: url(last_page, None),
                next,
                previous: (paging.page > 1).then(|| url(paging.page - 1, None)),
                total_items: total,
                items_per_page: size,
            };
            (page, after, Some(size))
        }
    };

    let headers = feed_headers(request.format, request.negotiated);
    if request.method == Method::HEAD {
        return Ok((headers, Body::empty()).into_response());
    }
    let plan = FeedPlan {
        store: store.clone(),
        format: request.format,
        catalog,
        page: Some(page),
        scope,
        after,
        limit,
        converter: Converter::new(base),
    };
    Ok((headers, feed_body(plan)).into_response())
}

async fn dataset_document(
    State(state): State<AppState>,
    request: FeedRequest,
    Path(slug): Path<String>,
) -> Result<Response, FeedError> {
    let exported = state
        .store()
        .public_dataset(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = base_url(state.config());
    let dataset = Converter::new(&base).dataset(&exported);
    let mut writer = dcat::FeedWriter::start(request.format, Vec::new(), None, None)
        .map_err(|error| AppError::Internal(error.to_string()))?;
    writer.write_dataset(&dataset).map_err(|error| {
        AppError::Internal(format!(
            "DCAT export of dataset {}: {error}",
            exported.dataset.id
        ))
    })?;
    let body = writer
        .finish()
        .map_err(|error| AppError::Internal(error.to_string()))?;
    let headers = feed_headers(request.format, request.negotiated);
    if request.method == Method::HEAD {
        return Ok((headers, Body::empty()).into_response());
    }
    Ok((headers, body).into_response())
}

fn feed_headers(format: Format, negotiated: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if negotiated {
        headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    }
    headers
}
