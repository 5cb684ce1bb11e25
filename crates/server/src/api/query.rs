//! `package_search` parameters turned into a catalogue listing.
//!
//! socle has no Solr, so `q` and `fq` accept the subset of the Lucene syntax that CKAN
//! clients and harvesters send: `field:value` and `field:"quoted value"` clauses, a `+`
//! in front of a clause, `*:*`, and free words. Every clause must hold, as with CKAN's
//! default operator AND. Negations (`-field:value`), ranges, groups in brackets and
//! unknown fields are rejected with a `Search Query Error` naming the clause, rather than
//! being ignored into a wrong result.

use catalog::listing::{FacetField, ListingQuery, ListingSort, MAX_LISTING_ROWS};

use super::envelope::{ApiError, Message};
use super::params::{Params, echo};

/// Fields accepted in `fq` and in `field:value` clauses of `q`.
pub const FILTER_FIELDS: &str = "organization, owner_org, tags, res_format, license_id, name, id, dataset_type, state, capacity";

/// Fields accepted in `facet.field`.
pub const FACET_FIELDS: &str = "organization, tags, res_format, license_id, groups";

/// CKAN's default sort, also socle's.
pub const DEFAULT_SORT: &str = "score desc, metadata_modified desc";

/// A parsed `package_search` request.
#[derive(Debug)]
pub struct SearchRequest {
    pub listing: ListingQuery,
    /// Facet names in request order, as the client wrote them.
    pub facet_names: Vec<String>,
    /// The sort as it is echoed in the result.
    pub sort: String,
    /// Set when a clause can match no dataset (`dataset_type:showcase`), so the result is
    /// empty without asking the catalogue.
    pub matches_nothing: bool,
}

/// Maximum length of `q` or of one `fq`, in characters. Full-text matching costs grow
/// faster than the number of words, so an unbounded query could hold a database
/// connection for minutes; the HTML search keeps 200 characters.
const MAX_QUERY_CHARS: usize = 1000;

fn query_error(id: &'static str, clause: &str) -> ApiError {
    ApiError::SearchQuery(Message::with(id, vec![("clause", echo(clause))]))
}

/// Splits a query into clauses at spaces outside double quotes.
fn clauses(text: &str) -> Result<Vec<String>, ApiError> {
    let mut result = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    result.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err(query_error("api-error-query-quote", text));
    }
    if !current.is_empty() {
        result.push(current);
    }
    Ok(result)
}

/// Removes the quotes around a value, if any.
fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(value)
}

/// Applies one `field:value` clause to the listing. Returns `false` when the clause can
/// match nothing.
fn apply_filter(
    listing: &mut ListingQuery,
    clause: &str,
    field: &str,
    value: &str,
) -> Result<bool, ApiError> {
    let value = unquote(value).to_string();
    if value.is_empty() || value.starts_with('(') || value.starts_with('[') {
        return Err(query_error("api-error-query-syntax", clause));
    }
    match field {
        "organization" => listing.organizations.push(value),
        "owner_org" => listing.organization_ids.push(value),
        "tags" => listing.tags.push(value),
        "res_format" => listing.formats.push(value),
        "license_id" => listing.licences.push(value),
        "name" | "id" => listing.names.push(value),
        "dataset_type" | "type" => return Ok(value == "dataset"),
        "state" => return Ok(value == "active"),
        "capacity" => return Ok(apply_capacity(listing, &value)),
        _ => {
            return Err(ApiError::SearchQuery(Message::with(
                "api-error-query-field",
                vec![("field", echo(field)), ("fields", FILTER_FIELDS.into())],
            )));
        }
    }
    Ok(true)
}

/// Applies a `capacity:` clause. Returns `false` when it can match nothing.
///
/// CKAN's `package_search` adds `+capacity:public` to the filters unless
/// `include_private` is true, so `capacity:private` finds nothing without it. With it,
/// `capacity:private` keeps the private datasets the caller may read (none for an
/// anonymous caller) and `capacity:public` the public ones.
fn apply_capacity(listing: &mut ListingQuery, value: &str) -> bool {
    match value {
        "public" if listing.only_private => false,
        "public" => {
            listing.include_private = false;
            true
        }
        "private" if !listing.include_private => false,
        "private" => {
            listing.only_private = true;
            true
        }
        _ => false,
    }
}

/// Applies a `q` or `fq` text. Free words go to the full-text query when `words_allowed`,
/// and are an error otherwise. Returns `false` when a clause can match nothing.
fn apply_query(
    listing: &mut ListingQuery,
    text: &str,
    words_allowed: bool,
) -> Result<bool, ApiError> {
    let length = text.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(ApiError::SearchQuery(Message::with(
            "api-error-query-too-long",
            vec![
                ("length", length.to_string()),
                ("max", MAX_QUERY_CHARS.to_string()),
            ],
        )));
    }
    let mut matches = true;
    let mut words = Vec::new();
    for clause in clauses(text)? {
        if clause == "*:*" || clause == "AND" || clause == "&&" {
            continue;
        }
        if clause.starts_with('-') || clause == "NOT" || clause == "OR" || clause == "||" {
            return Err(query_error("api-error-query-unsupported", &clause));
        }
        let bare = clause.strip_prefix('+').unwrap_or(&clause);
        match bare.split_once(':') {
            Some((field, value)) if !field.is_empty() && !field.contains('"') => {
                matches &= apply_filter(listing, &clause, field, value)?;
            }
            _ if words_allowed => words.push(unquote(bare).to_string()),
            _ => return Err(query_error("api-error-query-syntax", &clause)),
        }
    }
    if !words.is_empty() {
        if !listing.text.is_empty() {
            listing.text.push(' ');
        }
        listing.text.push_str(&words.join(" "));
    }
    Ok(matches)
}

/// Reads the first usable key of a `sort` list; `score` is skipped without text, as it
/// ranks nothing then.
fn parse_sort(sort: &str, has_text: bool) -> Result<ListingSort, ApiError> {
    for part in sort.split(',') {
        let mut words = part.split_whitespace();
        let Some(field) = words.next() else {
            continue;
        };
        let direction = words.next().unwrap_or("asc").to_lowercase();
        let descending = match direction.as_str() {
            "asc" => false,
            "desc" => true,
            _ => return Err(query_error("api-error-sort", part.trim())),
        };
        if words.next().is_some() {
            return Err(query_error("api-error-sort", part.trim()));
        }
        let sort = match (field, descending) {
            ("score", _) if has_text => ListingSort::Relevance,
            ("score", _) => continue,
            ("metadata_modified", true) => ListingSort::ModifiedDesc,
            ("metadata_modified", false) => ListingSort::ModifiedAsc,
            ("metadata_created", true) => ListingSort::CreatedDesc,
            ("metadata_created", false) => ListingSort::CreatedAsc,
            ("title_string" | "title", false) => ListingSort::TitleAsc,
            ("title_string" | "title", true) => ListingSort::TitleDesc,
            ("name", false) => ListingSort::NameAsc,
            ("name", true) => ListingSort::NameDesc,
            _ => return Err(query_error("api-error-sort", part.trim())),
        };
        return Ok(sort);
    }
    Ok(ListingSort::ModifiedDesc)
}

fn parse_facet(name: &str) -> Result<Option<FacetField>, ApiError> {
    match name {
        "organization" | "owner_org" => Ok(Some(FacetField::Organization)),
        "tags" => Ok(Some(FacetField::Tags)),
        "res_format" => Ok(Some(FacetField::Format)),
        "license_id" => Ok(Some(FacetField::Licence)),
        // socle has no groups: the facet exists and is always empty.
        "groups" => Ok(None),
        other => Err(ApiError::SearchQuery(Message::with(
            "api-error-facet-field",
            vec![("field", echo(other)), ("fields", FACET_FIELDS.into())],
        ))),
    }
}

/// Parses the parameters of `package_search`.
pub fn search_request(params: &Params) -> Result<SearchRequest, ApiError> {
    let mut listing = ListingQuery {
        include_private: params.boolean("include_private")?.unwrap_or(false),
        include_drafts: params.boolean("include_drafts")?.unwrap_or(false),
        ..ListingQuery::default()
    };
    let mut matches = true;
    if let Some(q) = params.text("q")? {
        matches &= apply_query(&mut listing, &q, true)?;
    }
    if let Some(fq) = params.text("fq")? {
        matches &= apply_query(&mut listing, &fq, false)?;
    }
    for fq in params.text_list("fq_list")?.unwrap_or_default() {
        matches &= apply_query(&mut listing, &fq, false)?;
    }

    let rows = params.natural("rows")?.unwrap_or(10);
    // CKAN lowers a larger `rows` to `ckan.search.rows_max` without an error.
    listing.limit = u32::try_from(rows)
        .unwrap_or(MAX_LISTING_ROWS)
        .min(MAX_LISTING_ROWS);
    listing.offset = params.natural("start")?.unwrap_or(0);

    let sort = params
        .text("sort")?
        .filter(|sort| !sort.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SORT.to_string());
    listing.sort = parse_sort(&sort, !listing.text.trim().is_empty())?;

    let facets_on = params.boolean("facet")?.unwrap_or(true);
    let facet_names = if facets_on {
        params.text_list("facet.field")?.unwrap_or_default()
    } else {
        Vec::new()
    };
    for name in &facet_names {
        if let Some(field) = parse_facet(name)?
            && !listing.facet_fields.contains(&field)
        {
            listing.facet_fields.push(field);
        }
    }
    listing.facet_limit = match params.integer("facet.limit")? {
        None => Some(50),
        Some(limit) if limit < 0 => None,
        Some(limit) => Some(u32::try_from(limit).unwrap_or(u32::MAX)),
    };
    Ok(SearchRequest {
        listing,
        facet_names,
        sort,
        matches_nothing: !matches,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn request(json: &str) -> Result<SearchRequest, ApiError> {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => search_request(&Params(map)),
            _ => panic!("test parameters must be an object"),
        }
    }

    #[test]
    fn fq_clauses_with_quotes() {
        let parsed = request(
            r#"{"fq": "organization:ville-de-gap +tags:\"budget primitif\" res_format:CSV license_id:lov2"}"#,
        )
        .expect("valid");
        assert_eq!(parsed.listing.organizations, vec!["ville-de-gap"]);
        assert_eq!(parsed.listing.tags, vec!["budget primitif"]);
        assert_eq!(parsed.listing.formats, vec!["CSV"]);
        assert_eq!(parsed.listing.licences, vec!["lov2"]);
        assert!(!parsed.matches_nothing);
    }

    #[test]
    fn q_mixes_words_and_fields() {
        let parsed = request(r#"{"q": "budget tags:finances"}"#).expect("valid");
        assert_eq!(parsed.listing.text, "budget");
        assert_eq!(parsed.listing.tags, vec!["finances"]);
        assert_eq!(parsed.listing.sort, ListingSort::Relevance);
    }

    #[test]
    fn match_all_is_no_filter() {
        let parsed = request(r#"{"q": "*:*", "fq": "+dataset_type:dataset"}"#).expect("valid");
        assert!(parsed.listing.text.is_empty());
        assert!(!parsed.matches_nothing);
        assert_eq!(parsed.listing.sort, ListingSort::ModifiedDesc);
    }

    #[test]
    fn other_dataset_type_matches_nothing() {
        let parsed = request(r#"{"fq": "dataset_type:showcase"}"#).expect("valid");
        assert!(parsed.matches_nothing);
    }

    #[test]
    fn unsupported_clauses_rejected() {
        for fq in [
            "-organization:x",
            "unknown:x",
            "organization:(a OR b)",
            "tags:\"open",
            "words",
        ] {
            let json = serde_json::json!({ "fq": fq }).to_string();
            assert!(
                matches!(request(&json), Err(ApiError::SearchQuery(_))),
                "{fq}"
            );
        }
    }

    #[test]
    fn capacity_filters_private_and_public() {
        let private =
            request(r#"{"include_private": "true", "fq": "capacity:private"}"#).expect("valid");
        assert!(private.listing.include_private);
        assert!(private.listing.only_private);
        assert!(!private.matches_nothing);

        let public =
            request(r#"{"include_private": "true", "fq": "+capacity:public"}"#).expect("valid");
        assert!(!public.listing.include_private);
        assert!(!public.listing.only_private);
        assert!(!public.matches_nothing);

        let without_flag = request(r#"{"fq": "capacity:private"}"#).expect("valid");
        assert!(without_flag.matches_nothing);

        for fq in [
            "capacity:private capacity:public",
            "capacity:public capacity:private",
            "capacity:draft",
        ] {
            let json = serde_json::json!({"include_private": true, "fq": fq}).to_string();
            assert!(request(&json).expect(fq).matches_nothing, "{fq}");
        }
    }

    #[test]
    fn rows_clamped_to_maximum() {
        let parsed = request(r#"{"rows": "5000", "start": "49000"}"#).expect("valid");
        assert_eq!(parsed.listing.limit, MAX_LISTING_ROWS);
        assert_eq!(parsed.listing.offset, 49000);
    }

    #[test]
    fn sorts_parsed() {
        for (sort, expected) in [
            ("metadata_modified desc", ListingSort::ModifiedDesc),
            ("title_string asc", ListingSort::TitleAsc),
            ("name asc", ListingSort::NameAsc),
            ("score desc, metadata_created asc", ListingSort::CreatedAsc),
        ] {
            let json = serde_json::json!({ "sort": sort }).to_string();
            assert_eq!(request(&json).expect(sort).listing.sort, expected, "{sort}");
        }
        assert!(request(r#"{"sort": "views desc"}"#).is_err());
        assert!(request(r#"{"sort": "name sideways"}"#).is_err());
    }

    #[test]
    fn facets_parsed_and_checked() {
        let parsed = request(
            r#"{"facet.field": "[\"organization\", \"res_format\", \"groups\"]", "facet.limit": "-1"}"#,
        )
        .expect("valid");
        assert_eq!(
            parsed.listing.facet_fields,
            vec![FacetField::Organization, FacetField::Format]
        );
        assert_eq!(parsed.facet_names.len(), 3);
        assert_eq!(parsed.listing.facet_limit, None);
        assert!(request(r#"{"facet.field": "[\"views\"]"}"#).is_err());
    }
}
