//! Platform administration: creating organisations and giving users a role in them.
//!
//! Only platform administrators (created with `socle admin create-user`) reach these
//! pages; everyone else gets 403. Users themselves are created from the command line.

use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use catalog::{NewOrganization, OrganizationKind, OrganizationStore, Role, UserStore};
use minijinja::context;
use serde::Deserialize;
use uuid::Uuid;

use super::page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Visitor;

fn require_platform_admin(visitor: &Visitor) -> Result<(), AppError> {
    let user = visitor.require_user()?;
    if user.is_platform_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn admin_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    require_platform_admin(&visitor)?;
    render(&state, &visitor, None).await
}

async fn render(
    state: &AppState,
    visitor: &Visitor,
    error: Option<&str>,
) -> Result<Html<String>, AppError> {
    let organizations = state.store().organizations().await?;
    let kinds: Vec<&str> = OrganizationKind::ALL
        .iter()
        .map(|kind| kind.code())
        .collect();
    state.render(
        "admin.html",
        page(
            visitor,
            "/administration",
            context! { organizations => organizations, kinds => kinds, error => error },
        ),
    )
}

#[derive(Deserialize)]
pub struct OrganizationForm {
    csrf: String,
    name: String,
    #[serde(default)]
    siren: String,
    kind: String,
    #[serde(default)]
    description: String,
}

pub async fn create_organization(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<OrganizationForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    require_platform_admin(&visitor)?;
    let kind = OrganizationKind::from_code(&form.kind).ok_or(AppError::BadRequest {
        message_id: "server-error-upload-form",
    })?;
    let siren: String = form.siren.chars().filter(|c| !c.is_whitespace()).collect();
    let new = NewOrganization {
        name: form.name,
        siren: (!siren.is_empty()).then_some(siren),
        kind,
        description: form.description,
    };
    match state.store().create_organization(&new).await {
        Ok(organization) => {
            tracing::info!(organization.id = %organization.id, "organisation created");
            Ok(Redirect::to("/administration").into_response())
        }
        Err(catalog::Error::Invalid { message_id, .. }) => Ok((
            axum::http::StatusCode::BAD_REQUEST,
            render(&state, &visitor, Some(message_id)).await?,
        )
            .into_response()),
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
pub struct MemberForm {
    csrf: String,
    email: String,
    organization: Uuid,
    role: String,
}

pub async fn set_member(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<MemberForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    require_platform_admin(&visitor)?;
    let role = Role::from_code(&form.role).ok_or(AppError::BadRequest {
        message_id: "server-error-upload-form",
    })?;
    let Some(user) = state.store().user_by_email(&form.email).await? else {
        return Ok((
            axum::http::StatusCode::BAD_REQUEST,
            render(&state, &visitor, Some("server-admin-unknown-user")).await?,
        )
            .into_response());
    };
    state
        .store()
        .organization(form.organization)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store()
        .set_membership(user.id, form.organization, role)
        .await?;
    tracing::info!(user.id = %user.id, organization.id = %form.organization, role = role.code(), "membership set");
    Ok(Redirect::to("/administration").into_response())
}
