//! Read actions: status, lists, search, and the package, resource and organisation shows.
//!
//! Every read goes through the catalogue's visibility rules, so a private dataset, a
//! draft, an archived or deleted dataset, and a private resource are absent for callers
//! without the right, in counts and facets too. Such a dataset returns `Not Found Error`
//! rather than CKAN's `Authorization Error`, so its existence is not revealed.

use std::collections::HashMap;

use catalog::listing::{FacetField, Listing, ListingQuery, ListingSort, MAX_LISTING_ROWS};
use catalog::search::DatasetHit;
use catalog::{
    DatasetState, DatasetStore, LICENCES, LifecycleStore, ListingStore, Organization,
    OrganizationStore, Resource, ResourceStore, Viewer,
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::Call;
use super::dict::{PackageDict, organization_dict, package_dict, resource_dict, tag_dict};
use super::envelope::ApiError;
use super::query::search_request;

pub async fn status_show(call: &Call) -> Result<Value, ApiError> {
    let messages = call.state.messages(call.lang);
    Ok(json!({
        "site_title": "socle",
        "site_description": messages.format("api-site-description", &[]),
        "site_url": call.base,
        "ckan_version": "2.10.0",
        "socle_version": env!("CARGO_PKG_VERSION"),
        "error_emails_to": null,
        "locale_default": "fr",
        "extensions": [],
    }))
}

/// Reads `limit` (at most `max`) and `offset`.
fn paging(call: &Call, default_limit: u64, max: u64) -> Result<(u32, u64), ApiError> {
    let limit = call
        .params
        .natural("limit")?
        .unwrap_or(default_limit)
        .min(max);
    let offset = call.params.natural("offset")?.unwrap_or(0);
    Ok((u32::try_from(limit).unwrap_or(u32::MAX), offset))
}

pub async fn package_list(call: &Call) -> Result<Value, ApiError> {
    // CKAN lists every name without a limit; socle caps one call at a million names.
    let (limit, offset) = paging(call, 1_000_000, 1_000_000)?;
    let names = call
        .state
        .store()
        .public_dataset_names(limit, offset)
        .await?;
    Ok(json!(names))
}

/// Returns every organisation by id, for building package dictionaries.
async fn organizations_by_id(call: &Call) -> Result<HashMap<Uuid, Organization>, ApiError> {
    let organizations = call.state.store().organizations().await?;
    Ok(organizations
        .into_iter()
        .map(|organization| (organization.id, organization))
        .collect())
}

/// Returns the organisations whose private resources the caller may see.
async fn editable_organizations(call: &Call, hits: &[DatasetHit]) -> Result<Vec<Uuid>, ApiError> {
    let mut editable = Vec::new();
    if call.user.is_none() {
        return Ok(editable);
    }
    for hit in hits {
        let organization = hit.dataset.organization_id;
        if !editable.contains(&organization) && call.can_edit(organization).await? {
            editable.push(organization);
        }
    }
    Ok(editable)
}

/// Serialises the package dictionaries of a page of datasets as a JSON array, with two
/// queries in all: one for the organisations and one for the resources. The
/// dictionaries borrow the rows and are written out directly, without a JSON tree.
pub async fn package_array(call: &Call, hits: &[DatasetHit]) -> Result<String, ApiError> {
    let organizations = organizations_by_id(call).await?;
    let ids: Vec<Uuid> = hits.iter().map(|hit| hit.dataset.id).collect();
    let mut resources = call.state.store().resources_of(&ids).await?;
    let editable = editable_organizations(call, hits).await?;
    let visible: Vec<Vec<Resource>> = hits
        .iter()
        .map(|hit| {
            let mut visible = resources.remove(&hit.dataset.id).unwrap_or_default();
            if !editable.contains(&hit.dataset.organization_id) {
                visible.retain(|resource| !resource.private);
            }
            visible
        })
        .collect();
    let dicts: Vec<PackageDict<'_>> = hits
        .iter()
        .zip(&visible)
        .map(|(hit, resources)| {
            PackageDict::new(
                &call.base,
                hit,
                organizations.get(&hit.dataset.organization_id),
                resources,
            )
        })
        .collect();
    serde_json::to_string(&dicts).map_err(|error| ApiError::Internal(error.to_string()))
}

fn facet_display(field: FacetField, value: &str, label: &str) -> String {
    match field {
        FacetField::Organization => label.to_string(),
        FacetField::Format => value.to_uppercase(),
        FacetField::Tags | FacetField::Licence => value.to_string(),
    }
}

fn facet_value(field: FacetField, value: &str) -> String {
    match field {
        FacetField::Format => value.to_uppercase(),
        _ => value.to_string(),
    }
}

fn facet_key(name: &str) -> Option<FacetField> {
    match name {
        "organization" | "owner_org" => Some(FacetField::Organization),
        "tags" => Some(FacetField::Tags),
        "res_format" => Some(FacetField::Format),
        "license_id" => Some(FacetField::Licence),
        _ => None,
    }
}

/// Builds `facets` (deprecated by CKAN but still read) and `search_facets`.
fn facets_json(listing: &Listing, names: &[String]) -> (Value, Value) {
    let mut facets = Map::new();
    let mut search_facets = Map::new();
    for name in names {
        let values = facet_key(name).and_then(|field| {
            listing
                .facets
                .iter()
                .find(|(counted, _)| *counted == field)
                .map(|(_, values)| (field, values))
        });
        let mut counts = Map::new();
        let mut items = Vec::new();
        if let Some((field, values)) = values {
            for value in values {
                let key = facet_value(field, &value.value);
                counts.insert(key.clone(), json!(value.count));
                items.push(json!({
                    "name": key,
                    "display_name": facet_display(field, &value.value, &value.label),
                    "count": value.count,
                }));
            }
        }
        facets.insert(name.clone(), Value::Object(counts));
        search_facets.insert(name.clone(), json!({"title": name, "items": items}));
    }
    (Value::Object(facets), Value::Object(search_facets))
}

/// Runs `package_search`; the result is serialised here, as a page may hold a thousand
/// packages.
pub async fn package_search(call: &Call) -> Result<String, ApiError> {
    let request = search_request(&call.params)?;
    let listing = if request.matches_nothing {
        Listing {
            total: 0,
            hits: Vec::new(),
            facets: Vec::new(),
        }
    } else {
        call.state
            .store()
            .list_datasets(&call.viewer(), &request.listing)
            .await?
    };
    let results = package_array(call, &listing.hits).await?;
    let (facets, search_facets) = facets_json(&listing, &request.facet_names);
    let sort = serde_json::to_string(&request.sort)
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    Ok(format!(
        "{{\"count\":{},\"results\":{results},\"facets\":{facets},\"search_facets\":{search_facets},\"sort\":{sort}}}",
        listing.total
    ))
}

/// Finds a dataset the caller may see by name or id; archived and deleted ones are absent.
pub async fn visible_dataset(call: &Call, key: &str) -> Result<DatasetHit, ApiError> {
    let hit = call
        .state
        .store()
        .dataset(&call.viewer(), key)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if hit.dataset.state != DatasetState::Active {
        return Err(ApiError::not_found());
    }
    Ok(hit)
}

/// Lists a dataset's resources the caller may see, in creation order.
pub async fn visible_resources(call: &Call, hit: &DatasetHit) -> Result<Vec<Resource>, ApiError> {
    // Read without their reports, which can be large and no dictionary shows.
    let mut resources = call
        .state
        .store()
        .resources_of(&[hit.dataset.id])
        .await?
        .remove(&hit.dataset.id)
        .unwrap_or_default();
    if !call.can_edit(hit.dataset.organization_id).await? {
        resources.retain(|resource| !resource.private);
    }
    Ok(resources)
}

/// Builds the dictionary of one dataset.
pub async fn show(call: &Call, hit: &DatasetHit) -> Result<Value, ApiError> {
    let resources = visible_resources(call, hit).await?;
    let organization = call
        .state
        .store()
        .organization(hit.dataset.organization_id)
        .await?;
    Ok(package_dict(
        &call.base,
        hit,
        organization.as_ref(),
        &resources,
    ))
}

pub async fn package_show(call: &Call) -> Result<Value, ApiError> {
    let key = call.params.required_text("id")?;
    let hit = visible_dataset(call, &key).await?;
    show(call, &hit).await
}

pub async fn current_packages(call: &Call) -> Result<String, ApiError> {
    let (limit, offset) = paging(
        call,
        u64::from(MAX_LISTING_ROWS),
        u64::from(MAX_LISTING_ROWS),
    )?;
    // CKAN's `get.py` lists private datasets here for sysadmins only, without a
    // parameter. socle takes `include_private` as `package_search` does: it adds only the
    // private datasets the token may read, so it changes nothing for an anonymous caller.
    let query = ListingQuery {
        include_private: call.params.boolean("include_private")?.unwrap_or(false),
        sort: ListingSort::ModifiedDesc,
        limit,
        offset,
        ..ListingQuery::default()
    };
    let listing = call
        .state
        .store()
        .list_datasets(&call.viewer(), &query)
        .await?;
    package_array(call, &listing.hits).await
}

pub async fn organization_list(call: &Call) -> Result<Value, ApiError> {
    let all_fields = call.params.boolean("all_fields")?.unwrap_or(false);
    let (limit, offset) = paging(call, 1000, 1000)?;
    let sort = call
        .params
        .text("sort")?
        .unwrap_or_else(|| "name asc".into());
    let mut organizations = call.state.store().organizations().await?;
    let counts: HashMap<Uuid, u64> = call
        .state
        .store()
        .public_dataset_counts()
        .await?
        .into_iter()
        .map(|entry| (entry.organization_id, entry.count))
        .collect();
    let count_of = |organization: &Organization| counts.get(&organization.id).copied().unwrap_or(0);
    match sort.trim() {
        "name asc" | "name" => organizations.sort_by(|a, b| a.slug.cmp(&b.slug)),
        "name desc" => organizations.sort_by(|a, b| b.slug.cmp(&a.slug)),
        "title asc" | "title" => organizations.sort_by(|a, b| a.name.cmp(&b.name)),
        "title desc" => organizations.sort_by(|a, b| b.name.cmp(&a.name)),
        "package_count desc" => organizations.sort_by_key(|o| std::cmp::Reverse(count_of(o))),
        "package_count asc" | "package_count" => organizations.sort_by_key(count_of),
        other => {
            return Err(ApiError::field(
                "sort",
                "api-error-organization-sort",
                vec![("value", super::params::echo(other))],
            ));
        }
    }
    let page = organizations
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(limit as usize);
    Ok(if all_fields {
        Value::Array(
            page.map(|organization| organization_dict(organization, Some(count_of(organization))))
                .collect(),
        )
    } else {
        Value::Array(page.map(|organization| json!(organization.slug)).collect())
    })
}

pub async fn organization_show(call: &Call) -> Result<Value, ApiError> {
    let key = call.params.required_text("id")?;
    let store = call.state.store();
    let organization = match Uuid::parse_str(&key) {
        Ok(id) => store.organization(id).await?,
        Err(_) => store.organization_by_slug(&key).await?,
    }
    .ok_or_else(ApiError::not_found)?;
    let include = call.params.boolean("include_datasets")?.unwrap_or(false);
    let query = ListingQuery {
        organization_ids: vec![organization.id.to_string()],
        include_private: true,
        sort: ListingSort::ModifiedDesc,
        limit: if include { MAX_LISTING_ROWS } else { 0 },
        ..ListingQuery::default()
    };
    let listing = store.list_datasets(&call.viewer(), &query).await?;
    let mut dict = organization_dict(&organization, Some(listing.total));
    if let Value::Object(map) = &mut dict {
        map.insert("users".into(), json!([]));
        if include {
            let packages = package_array(call, &listing.hits).await?;
            let packages: Value = serde_json::from_str(&packages)
                .map_err(|error| ApiError::Internal(error.to_string()))?;
            map.insert("packages".into(), packages);
        }
    }
    Ok(dict)
}

pub async fn tag_list(call: &Call) -> Result<Value, ApiError> {
    let filter = call
        .params
        .text("query")?
        .unwrap_or_default()
        .to_lowercase();
    let all_fields = call.params.boolean("all_fields")?.unwrap_or(false);
    // Tags of private datasets are left out even for their members, as in CKAN.
    let tags = call
        .state
        .store()
        .visible_tags(&Viewer::anonymous())
        .await?;
    let matching = tags
        .into_iter()
        .filter(|tag| filter.is_empty() || tag.to_lowercase().contains(&filter));
    Ok(if all_fields {
        Value::Array(matching.map(|tag| tag_dict(&tag)).collect())
    } else {
        Value::Array(matching.map(Value::String).collect())
    })
}

pub fn license_list() -> Value {
    Value::Array(
        LICENCES
            .iter()
            .map(|licence| {
                json!({
                    "id": licence.id,
                    "title": licence.title,
                    "url": licence.url,
                    "status": "active",
                    "od_conformance": "approved",
                    "osd_conformance": "not reviewed",
                    "domain_content": true,
                    "domain_data": true,
                    "domain_software": false,
                })
            })
            .collect(),
    )
}

/// Finds a resource the caller may see, with its dataset.
pub async fn visible_resource(call: &Call, key: &str) -> Result<(DatasetHit, Resource), ApiError> {
    let id = Uuid::parse_str(key.trim()).map_err(|_| ApiError::not_found())?;
    let resource = call
        .state
        .store()
        .resource(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let hit = visible_dataset(call, &resource.dataset_id.to_string()).await?;
    if resource.private && !call.can_edit(hit.dataset.organization_id).await? {
        return Err(ApiError::not_found());
    }
    Ok((hit, resource))
}

pub async fn resource_show(call: &Call) -> Result<Value, ApiError> {
    let key = call.params.required_text("id")?;
    let (hit, resource) = visible_resource(call, &key).await?;
    let position = visible_resources(call, &hit)
        .await?
        .iter()
        .position(|candidate| candidate.id == resource.id)
        .unwrap_or(0);
    let mut dict = resource_dict(&call.base, &resource, position);
    // Editors who pushed a file follow its personal-data check here, as in the result of
    // resource_create.
    crate::publication_hold::describe_hold(&call.state, &resource, &mut dict).await?;
    Ok(dict)
}
