//! The API's descriptions: `/api/openapi.json` (OpenAPI 3.1), the `/api` page and the
//! `help_show` action.
//!
//! The OpenAPI document is written by hand from [`ACTION_DOCS`] rather than generated
//! with `utoipa`: the actions share one dynamic handler whose parameters are read at run
//! time, so derive macros would describe nothing that this table does not, and the
//! server's build stays lighter. A test checks that every action served is documented.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use serde_json::{Map, Value, json};

use super::envelope::{ApiError, json_response};
use super::{ACTIONS, Call};
use crate::error::AppError;
use crate::pages::page;
use crate::state::AppState;
use crate::web::Visitor;

/// One action's documentation: name, summary, and its parameters as (name, description,
/// required).
pub struct ActionDoc {
    pub name: &'static str,
    pub summary: &'static str,
    pub params: &'static [(&'static str, &'static str, bool)],
}

/// The documentation of every action served, in the order of [`ACTIONS`].
pub const ACTION_DOCS: &[ActionDoc] = &[
    ActionDoc {
        name: "status_show",
        summary: "Site title, URL, CKAN API level and socle version.",
        params: &[],
    },
    ActionDoc {
        name: "help_show",
        summary: "Summary of an action.",
        params: &[("name", "action name", true)],
    },
    ActionDoc {
        name: "package_list",
        summary: "Names of public datasets, by name.",
        params: &[
            ("limit", "at most this many names", false),
            ("offset", "names to skip", false),
        ],
    },
    ActionDoc {
        name: "package_search",
        summary: "Search datasets with text, filters, sort, paging and facets.",
        params: &[
            ("q", "words, `*:*`, or `field:value` clauses", false),
            (
                "fq",
                "filters: organization, owner_org, tags, res_format, license_id, name, id, dataset_type, state, capacity; `field:\"quoted value\"` allowed",
                false,
            ),
            ("fq_list", "JSON list of fq strings, all applied", false),
            ("rows", "page size, default 10, lowered to 1000", false),
            ("start", "results to skip", false),
            (
                "sort",
                "score, metadata_modified, metadata_created, title_string or name, then asc or desc",
                false,
            ),
            (
                "facet.field",
                "JSON list among organization, tags, res_format, license_id, groups",
                false,
            ),
            (
                "facet.limit",
                "values per facet, default 50, negative for all",
                false,
            ),
            (
                "include_private",
                "add the private datasets of the caller's organisations; `fq=capacity:private` then keeps only those",
                false,
            ),
            (
                "include_drafts",
                "add the drafts of the caller's organisations",
                false,
            ),
        ],
    },
    ActionDoc {
        name: "package_show",
        summary: "One dataset with its resources.",
        params: &[("id", "dataset id or name", true)],
    },
    ActionDoc {
        name: "current_package_list_with_resources",
        summary: "Datasets with resources, most recently modified first.",
        params: &[
            ("limit", "page size, at most 1000", false),
            ("offset", "datasets to skip", false),
            (
                "include_private",
                "add the private datasets the token may read; public only without a token",
                false,
            ),
        ],
    },
    ActionDoc {
        name: "organization_list",
        summary: "Organisation names, or dictionaries with all_fields.",
        params: &[
            (
                "all_fields",
                "return dictionaries with package_count",
                false,
            ),
            (
                "sort",
                "name, title or package_count, then asc or desc",
                false,
            ),
            ("limit", "at most 1000", false),
            ("offset", "organisations to skip", false),
        ],
    },
    ActionDoc {
        name: "organization_show",
        summary: "One organisation, optionally with its datasets.",
        params: &[
            ("id", "organisation id or name", true),
            ("include_datasets", "add up to 1000 datasets", false),
        ],
    },
    ActionDoc {
        name: "group_list",
        summary: "Always an empty list: socle has no groups.",
        params: &[],
    },
    ActionDoc {
        name: "tag_list",
        summary: "Tags of public datasets.",
        params: &[
            ("query", "keep tags containing this text", false),
            ("all_fields", "return tag dictionaries", false),
        ],
    },
    ActionDoc {
        name: "license_list",
        summary: "Licences offered.",
        params: &[],
    },
    ActionDoc {
        name: "resource_show",
        summary: "One resource.",
        params: &[("id", "resource id", true)],
    },
    ActionDoc {
        name: "package_create",
        summary: "Create a dataset (editor of owner_org).",
        params: &[
            ("owner_org", "organisation id or name", true),
            (
                "name",
                "URL name, 2-100 characters a-z 0-9 - _; derived from the title when absent",
                false,
            ),
            ("title", "title; the name when absent", false),
            ("notes", "description, Markdown", false),
            (
                "license_id",
                "lov2, odbl, cc-by-4.0 or cc0-1.0 (fr-lo, odc-odbl, cc-by, cc-zero accepted); lov2 when absent",
                false,
            ),
            ("tags", "list of {\"name\"} objects or of texts", false),
            (
                "extras",
                "frequency, temporal_start, temporal_end, spatial-text (INSEE codes such as commune:42218), spatial-uri (INSEE IRIs, read when spatial-text is absent), schema; a GeoJSON spatial is rejected",
                false,
            ),
            (
                "private",
                "visible to the organisation's members only",
                false,
            ),
            ("state", "active (default) or draft", false),
            (
                "resources",
                "list of link resources {url, name, format, description}",
                false,
            ),
        ],
    },
    ActionDoc {
        name: "package_update",
        summary: "Replace a dataset: absent keys are blanked, except the licence and frequency; resources are replaced when `resources` is given.",
        params: &[("id", "dataset id or name", true)],
    },
    ActionDoc {
        name: "package_patch",
        summary: "Change only the keys given.",
        params: &[("id", "dataset id or name", true)],
    },
    ActionDoc {
        name: "package_delete",
        summary: "Delete a dataset: it disappears everywhere.",
        params: &[("id", "dataset id or name", true)],
    },
    ActionDoc {
        name: "resource_create",
        summary: "Add a link (url) or upload a file (multipart field upload), then validate it against the dataset's schema.",
        params: &[
            ("package_id", "dataset id or name", true),
            ("url", "http(s) link, when there is no upload", false),
            ("upload", "file, in a multipart/form-data body", false),
            ("name", "title; the file name when absent", false),
            (
                "format",
                "format; from the file extension when absent",
                false,
            ),
            ("description", "plain text", false),
        ],
    },
    ActionDoc {
        name: "resource_update",
        summary: "Replace a resource; a new upload or url replaces its content and reruns validation.",
        params: &[("id", "resource id", true)],
    },
    ActionDoc {
        name: "resource_patch",
        summary: "Change only the keys given of a resource.",
        params: &[("id", "resource id", true)],
    },
    ActionDoc {
        name: "resource_delete",
        summary: "Remove a resource.",
        params: &[("id", "resource id", true)],
    },
    ActionDoc {
        name: "organization_create",
        summary: "Create an organisation (platform administrators).",
        params: &[
            (
                "name",
                "URL name, 2-100 characters a-z 0-9 - _, kept as given; derived from the title when absent",
                false,
            ),
            ("title", "display name; the name when absent", false),
            ("siren", "SIREN", false),
            (
                "kind",
                "commune, epci, departement, region, syndicat, etablissement-public or other",
                false,
            ),
            ("description", "Markdown", false),
        ],
    },
    ActionDoc {
        name: "organization_member_create",
        summary: "Add a member or change their role (organisation or platform administrators).",
        params: &[
            ("id", "organisation id or name", true),
            ("username", "the user's e-mail address", true),
            ("role", "member, editor or admin", true),
        ],
    },
    ActionDoc {
        name: "organization_member_delete",
        summary: "Remove a member.",
        params: &[
            ("id", "organisation id or name", true),
            ("username", "the user's e-mail address", true),
        ],
    },
];

fn doc_of(name: &str) -> Option<&'static ActionDoc> {
    ACTION_DOCS.iter().find(|doc| doc.name == name)
}

/// Returns an action's summary in the request's language (French unless English is
/// requested), from the `api-action-*` messages that the `/api` page also shows.
pub fn help_show(call: &Call) -> Result<Value, ApiError> {
    let name = call.params.required_text("name")?;
    let doc = doc_of(&name).ok_or_else(ApiError::not_found)?;
    let messages = call.state.messages(call.lang);
    Ok(json!(
        messages.format(&format!("api-action-{}", doc.name), &[])
    ))
}

fn envelope_schema() -> Value {
    json!({
        "type": "object",
        "required": ["help", "success"],
        "properties": {
            "help": {"type": "string"},
            "success": {"type": "boolean"},
            "result": {},
            "error": {"$ref": "#/components/schemas/Error"},
        },
    })
}

/// Builds the OpenAPI 3.1 document.
pub fn openapi_document(base: &str) -> Value {
    let mut paths = Map::new();
    for (name, write) in ACTIONS {
        let Some(doc) = doc_of(name) else { continue };
        let parameters: Vec<Value> = doc
            .params
            .iter()
            .map(|(param, description, required)| {
                json!({"name": param, "in": "query", "required": required, "description": description, "schema": {"type": "string"}})
            })
            .collect();
        let responses = json!({
            "200": {"description": "success", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
            "400": {"description": "unknown action, bad JSON or bad search query"},
            "403": {"description": "Authorization Error: missing, invalid or revoked token, or no right"},
            "404": {"description": "Not Found Error"},
            "409": {"description": "Validation Error, one list of messages per field"},
        });
        let mut item = Map::new();
        let security = if *write {
            json!([{"apiToken": []}])
        } else {
            json!([{}, {"apiToken": []}])
        };
        if !write {
            item.insert("get".into(), json!({"operationId": format!("{name}_get"), "summary": doc.summary, "parameters": parameters, "security": security, "responses": responses}));
        }
        item.insert(
            "post".into(),
            json!({
                "operationId": name,
                "summary": doc.summary,
                "security": security,
                "requestBody": {"content": {
                    "application/json": {"schema": {"type": "object"}},
                    "multipart/form-data": {"schema": {"type": "object"}},
                }},
                "responses": responses,
            }),
        );
        paths.insert(format!("/api/3/action/{name}"), Value::Object(item));
    }
    for (path, media) in [
        ("/catalog.ttl", "text/turtle"),
        ("/catalog.rdf", "application/rdf+xml"),
        ("/catalog.jsonld", "application/ld+json"),
    ] {
        paths.insert(
            path.into(),
            json!({"get": {
                "operationId": format!("dcat_{}", path.rsplit('.').next().unwrap_or("")),
                "summary": "DCAT-AP catalogue of public datasets, paged with hydra:PartialCollectionView and hydra:next.",
                "parameters": [{"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1}}],
                "responses": {"200": {"description": "catalogue page", "content": {media: {}}}},
            }}),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "socle API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "CKAN Action API v3 and DCAT-AP catalogue of a socle platform.",
        },
        "servers": [{"url": base}],
        "paths": paths,
        "components": {
            "securitySchemes": {"apiToken": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "API token created in the user's space; `Bearer <token>` is also accepted."}},
            "schemas": {
                "Envelope": envelope_schema(),
                "Error": {"type": "object", "required": ["__type"], "properties": {"__type": {"type": "string"}, "message": {"type": "string"}}, "additionalProperties": true},
            },
        },
    })
}

pub async fn openapi(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = super::base_url(&state, &headers);
    json_response(axum::http::StatusCode::OK, &openapi_document(&base))
}

pub async fn api_page(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let base = super::base_url(&state, &headers);
    let actions: Vec<Value> = ACTIONS
        .iter()
        .filter_map(|(name, write)| {
            doc_of(name).map(|doc| json!({"name": name, "write": write, "summary": doc.summary}))
        })
        .collect();
    state.render(
        "api.html",
        page(&visitor, "/api", json!({"base": base, "actions": actions})),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_messages_exist_in_both_languages() {
        for lang in [i18n::Lang::Fr, i18n::Lang::En] {
            let messages = i18n::Messages::try_new(lang).expect("catalogue parses");
            for (name, _) in ACTIONS {
                let id = format!("api-action-{name}");
                assert!(messages.has(&id), "{lang}: {id}");
            }
            assert!(messages.has("api-page-title"), "{lang}");
        }
    }

    #[test]
    fn every_action_documented() {
        for (name, _) in ACTIONS {
            assert!(doc_of(name).is_some(), "{name} has no documentation");
        }
        assert_eq!(ACTION_DOCS.len(), ACTIONS.len());
    }

    #[test]
    fn openapi_lists_actions_and_dcat() {
        let document = openapi_document("http://127.0.0.1:8080");
        assert_eq!(document["openapi"], "3.1.0");
        let paths = document["paths"].as_object().expect("paths");
        for (name, write) in ACTIONS {
            let item = &paths[&format!("/api/3/action/{name}")];
            assert!(item["post"].is_object(), "{name}");
            assert_eq!(item["get"].is_object(), !write, "{name}");
        }
        for path in ["/catalog.ttl", "/catalog.rdf", "/catalog.jsonld"] {
            assert!(paths.contains_key(path), "{path}");
        }
    }
}
