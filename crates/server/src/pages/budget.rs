//! Publishing the SCDL budget CSV of an uploaded TOTEM file (`DocumentBudgetaire` or
//! `CompteFinancierUnique`). The report page of such a file shows a short summary of its
//! budgets and offers the conversion. The action stores the CSV as a new resource declared
//! with the `budget` schema, which is then validated like any upload.
//!
//! The XML itself stays a resource of the dataset. Publication stays the publish form's job.

use std::path::{Path as FsPath, PathBuf};

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use catalog::store::NewResource;
use catalog::{Resource, ResourceSource, ResourceStore, ValidationStatus};
use i18n::Messages;
use serde::Serialize;
use tokio::io::AsyncReadExt;
use uuid::Uuid;

use crate::error::AppError;
use crate::jobs::spawn_validation;
use crate::normalise::store_generated_file;
use crate::state::AppState;
use crate::web::Visitor;

/// The schema the converted CSV is declared with.
const BUDGET_SCHEMA: &str = "budget";

/// Data warnings listed on the report page. The rest are counted in one line.
const MAX_SHOWN_WARNINGS: usize = 20;

/// Personal-data elements listed on the report page, fewer than warnings because a file
/// often repeats the same kind (one per signatory). The rest are counted in one line.
const MAX_SHOWN_PERSONAL_DATA: usize = 5;

/// Report-page section of a TOTEM file: the summary and warnings of a trial conversion or
/// its error, and whether any plan de comptes is loaded.
#[derive(Debug, Serialize)]
pub struct BudgetOffer {
    /// One rendered heading and its total lines per budget of the file.
    pub budgets: Vec<Vec<String>>,
    /// Rendered data warnings of the conversion (unknown account, missing chapter), at most
    /// [`MAX_SHOWN_WARNINGS`], then personal-data elements left out of the CSV, at most
    /// [`MAX_SHOWN_PERSONAL_DATA`].
    pub warnings: Vec<String>,
    /// The rendered conversion error, when the file cannot be converted.
    pub error: Option<String>,
    pub plans_missing: bool,
}

/// Reads the first bytes of a stored resource and builds the offer when it is a TOTEM file.
/// Returns `None` for any other resource, including links and unreadable files.
pub async fn offer(
    state: &AppState,
    resource: &Resource,
    messages: &Messages,
) -> Option<BudgetOffer> {
    let source = stored_path(state, resource)?;
    if !is_totem(&source).await {
        return None;
    }

    let task_state = state.clone();
    // NOTE: the trial conversion runs on every view of the report page by an editor, so a
    // file near the upload limit makes that view take as long as a full conversion.
    let trial = tokio::task::spawn_blocking(move || {
        let plans = task_state.totem_plans();
        (
            convert_to(&source, std::io::sink(), &plans),
            plans.is_empty(),
        )
    })
    .await
    .inspect_err(
        |error| tracing::error!(%error, resource.id = %resource.id, "TOTEM summary task failed"),
    )
    .ok()?;

    let (outcome, plans_missing) = trial;
    let offer = match outcome {
        Ok(conversion) => BudgetOffer {
            warnings: render_warnings(&conversion, messages),
            budgets: conversion
                .summary
                .budgets
                .iter()
                .map(|budget| render_summary(budget, messages))
                .collect(),
            error: None,
            plans_missing,
        },
        Err(error) => BudgetOffer {
            budgets: Vec::new(),
            warnings: Vec::new(),
            error: Some(messages.format_owned(error.code(), &error.args())),
            plans_missing,
        },
    };
    Some(offer)
}

/// Converts a TOTEM resource to the SCDL budget CSV, adds it to the dataset with the
/// `budget` schema, starts its validation and redirects to its report.
pub async fn publish_budget_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<super::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let hit = super::publish::editable(&state, &visitor, &slug).await?;
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if resource.dataset_id != hit.dataset.id {
        return Err(AppError::NotFound);
    }
    let ResourceSource::File { file_name, .. } = &resource.source else {
        return Err(AppError::NotFound);
    };
    let source = stored_path(&state, &resource).ok_or(AppError::NotFound)?;
    if !is_totem(&source).await {
        return Err(AppError::BadRequest {
            message_id: "server-budget-not-totem",
        });
    }

    let task_state = state.clone();
    let (stored, rows) = store_generated_file(&state, move |sink| {
        let plans = task_state.totem_plans();
        let input = std::fs::File::open(&source)
            .map_err(|error| AppError::Internal(format!("{}: {error}", source.display())))?;
        let conversion = totem::convert(
            std::io::BufReader::new(input),
            sink,
            &plans,
            &totem::ConvertOptions::default(),
        )
        .map_err(|error| AppError::BadRequestWith {
            message_id: error.code(),
            args: error.args(),
        })?;
        Ok(conversion.rows)
    })
    .await?;

    let base = file_name
        .rsplit_once('.')
        .map_or(file_name.as_str(), |(stem, _)| stem);
    let name = format!("{base}-budget.csv");
    let new = NewResource {
        title: name.clone(),
        source: ResourceSource::File {
            file_name: name,
            storage_key: stored.key,
            size: stored.size,
            sha256: stored.sha256,
        },
        format: "csv".into(),
        schema_slug: Some(BUDGET_SCHEMA.to_owned()),
        validation_status: ValidationStatus::Pending,
    };
    let created = crate::publication_hold::add_resource(&state, &hit.dataset, &new).await?;
    tracing::info!(
        dataset.id = %hit.dataset.id,
        resource.id = %created.id,
        source = %resource.id,
        rows,
        "budget CSV converted from a TOTEM file"
    );
    let target = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, created.id
    );
    spawn_validation(state.clone(), created);
    Ok(Redirect::to(&target).into_response())
}

fn stored_path(state: &AppState, resource: &Resource) -> Option<PathBuf> {
    match &resource.source {
        ResourceSource::File { storage_key, .. } => state.files().path(storage_key),
        _ => None,
    }
}

/// Tells whether the file starts like a TOTEM document.
async fn is_totem(path: &FsPath) -> bool {
    let file = match tokio::fs::File::open(path).await {
        Ok(file) => file,
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "opening stored file failed");
            return false;
        }
    };
    let mut head = Vec::with_capacity(totem::SNIFF_BYTES);
    let limit = u64::try_from(totem::SNIFF_BYTES).unwrap_or(u64::MAX);
    if let Err(error) = file.take(limit).read_to_end(&mut head).await {
        tracing::warn!(%error, path = %path.display(), "reading stored file failed");
        return false;
    }
    totem::looks_like_totem(&head)
}

fn convert_to<W: std::io::Write>(
    source: &FsPath,
    output: W,
    plans: &totem::Plans,
) -> Result<totem::Conversion, totem::TotemError> {
    let input = std::fs::File::open(source).map_err(|error| totem::TotemError::Read {
        line: 0,
        detail: error.to_string(),
    })?;
    let options = totem::ConvertOptions::default();
    totem::convert(std::io::BufReader::new(input), output, plans, &options)
}

fn render_warnings(conversion: &totem::Conversion, messages: &Messages) -> Vec<String> {
    let mut lines: Vec<String> = conversion
        .warnings
        .iter()
        .take(MAX_SHOWN_WARNINGS)
        .map(|notice| messages.format_owned(notice.code, &notice.args))
        .collect();
    lines.extend(
        conversion
            .personal_data
            .iter()
            .take(MAX_SHOWN_PERSONAL_DATA)
            .map(|notice| messages.format_owned(notice.kind.message_id(), &notice.args())),
    );
    let hidden = conversion.warnings.len().saturating_sub(MAX_SHOWN_WARNINGS)
        + conversion
            .personal_data
            .len()
            .saturating_sub(MAX_SHOWN_PERSONAL_DATA);
    if hidden > 0 {
        lines.push(messages.format_owned(
            "server-budget-more-warnings",
            &[("count", hidden.to_string())],
        ));
    }
    lines
}

/// Renders the summary lines of one budget, with amounts written with the separators of the
/// page's language.
fn render_summary(budget: &totem::BudgetSummary, messages: &Messages) -> Vec<String> {
    budget
        .messages()
        .into_iter()
        .map(|(id, mut args)| {
            for (name, value) in &mut args {
                if *name == "amount" {
                    *value = super::formats::format_amount(value, messages.lang());
                }
            }
            messages.format_owned(id, &args)
        })
        .collect()
}
