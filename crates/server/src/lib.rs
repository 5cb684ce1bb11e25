//! The publication platform's web shell: French (and English) HTML pages over the
//! catalogue, served by axum.
//!
//! [`router`] builds the application for a state, which the tests drive directly.
//! [`serve`] opens the data folder, applies migrations, optionally seeds the demo, resumes
//! unfinished validations and serves until Ctrl-C or SIGTERM, finishing requests in
//! flight. [`api`] serves the CKAN-compatible Action API and the API documentation.

pub mod api;
pub mod config;
pub mod demo;
pub mod error;
pub mod feed;
pub mod harvest_convert;
pub mod harvest_jobs;
pub mod harvest_schedule;
pub mod image_header;
pub mod jobs;
pub mod markdown;
pub mod normalise;
pub mod pages;
pub mod preview;
pub mod privacy_scan;
pub mod progress;
pub mod publication_hold;
pub mod refresh;
pub mod report;
pub mod response_cache;
pub mod signin_limit;
pub mod state;
pub mod sweep;
pub mod upload;
pub mod web;

use std::path::Path;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use catalog::files::FileStore;
use catalog::{SqliteStore, UserStore};

pub use config::Config;
use pages::{account, admin, budget, edit, public, publish, redact, resource_actions};
pub use state::AppState;

/// Maximum size of a form that is not an upload.
const FORM_LIMIT_BYTES: usize = 256 * 1024;

/// Builds the application's routes.
pub fn router(state: AppState) -> Router {
    // Multipart bodies count their framing too, so allow a little more than the file limit.
    let upload_limit = usize::try_from(state.config().max_upload_bytes.saturating_add(64 * 1024))
        .unwrap_or(usize::MAX);
    let uploads = Router::new()
        .route("/jeux-de-donnees/{slug}/ressources", post(publish::upload))
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/remplacement",
            get(resource_actions::replace_form).post(resource_actions::replace),
        )
        .layer(DefaultBodyLimit::max(upload_limit));
    Router::new()
        .route("/", get(public::home))
        .route("/healthz", get(public::healthz))
        .route("/static/{name}", get(public::static_file))
        .route("/robots.txt", get(public::robots))
        .route("/favicon.ico", get(public::favicon))
        .route("/recherche", get(public::search))
        .route("/organisations", get(public::organizations))
        .route("/organisations/{slug}", get(public::organization))
        .route("/connexion", get(account::login_form).post(account::login))
        .route("/deconnexion", post(account::logout))
        .route("/espace", get(publish::dashboard))
        .route("/administration", get(admin::admin_page))
        .route(
            "/administration/organisations",
            post(admin::create_organization),
        )
        .route("/administration/membres", post(admin::set_member))
        .route(
            "/jeux-de-donnees/nouveau",
            get(publish::new_dataset_form).post(publish::create_dataset),
        )
        .route("/jeux-de-donnees/{slug}", get(public::dataset))
        .route("/jeux-de-donnees/{slug}/ajouter", get(publish::upload_form))
        .route("/jeux-de-donnees/{slug}/liens", post(publish::add_link))
        .route(
            "/jeux-de-donnees/{slug}/modifier",
            get(edit::edit_form).post(edit::update),
        )
        .route(
            "/jeux-de-donnees/{slug}/publication",
            post(publish::publish),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}",
            get(publish::report),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/telechargement",
            get(public::download),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/normalisation",
            post(publish::normalise),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/confirmation",
            post(resource_actions::confirm),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/suppression",
            get(resource_actions::delete_form).post(resource_actions::delete),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/version-masquee",
            post(redact::publish_redacted),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/budget-scdl",
            post(budget::publish_budget_csv),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/actualisation",
            post(refresh::pages::update_settings),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/actualiser",
            post(refresh::pages::refresh_now),
        )
        .route(
            "/jeux-de-donnees/{slug}/ressources/{id}/versions/{version}",
            get(refresh::pages::download_version),
        )
        .route("/espace/alertes/{id}/vue", post(refresh::pages::mark_seen))
        .layer(DefaultBodyLimit::max(FORM_LIMIT_BYTES))
        .merge(pages::harvest::routes())
        .merge(uploads)
        .merge(pages::logo::routes())
        .merge(api::routes(&state))
        .merge(feed::routes())
        .fallback(|| async { error::AppError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::frame,
        ))
        .with_state(state)
}

/// Opens the catalogue and file store of a data folder, creating them when absent.
pub async fn open(config: Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data).map_err(|error| {
        anyhow::anyhow!("creating data folder {}: {error}", config.data.display())
    })?;
    let store = SqliteStore::open(&config.data.join("catalog.db"))
        .await
        .map_err(|error| {
            anyhow::anyhow!(
                "opening the catalogue in {}: {error}",
                config.data.display()
            )
        })?;
    let files = FileStore::open(&config.data)
        .map_err(|error| anyhow::anyhow!("opening file storage: {error}"))?;
    Ok(AppState::new(store, files, config)?)
}

/// Runs the server until a shutdown signal. `demo_password` seeds the demo when given.
pub async fn serve(mut config: Config, demo_password: Option<String>) -> anyhow::Result<()> {
    let bind = config.bind;
    if demo_password.is_some() && config.totem_plans.is_none() {
        config.totem_plans = demo::reference_plans(config.demo_examples.as_deref());
    }
    let state = open(config).await?;
    if let Some(password) = demo_password {
        if demo::seed(&state, &password).await? {
            println!(
                "Démo : compte {} / mot de passe {password}",
                demo::DEMO_EMAIL
            );
            println!("Demo: account {} / password {password}", demo::DEMO_EMAIL);
        } else {
            let data = state.config().data.display().to_string();
            println!(
                "Démo déjà en place : compte {0} (mot de passe affiché au premier démarrage ; \
                 pour le changer : socle admin set-password {0} --data {1})",
                demo::DEMO_EMAIL,
                data
            );
            println!(
                "Demo already seeded: account {0} (password printed at first start; \
                 to change it: socle admin set-password {0} --data {1})",
                demo::DEMO_EMAIL,
                data
            );
        }
    }
    harvest_jobs::Runner::new(state.store().clone(), state.config().harvest.clone())
        .start()
        .await?;
    refresh::scheduler::spawn(state.clone());
    sweep::spawn_periodic(state.clone());
    // `socle harvest run` and other commands may write the catalogue while it is served.
    state
        .store()
        .watch_other_writers(
            &state.config().data.join("catalog.db"),
            std::time::Duration::from_secs(1),
        )
        .await?;
    let resumed = jobs::resume_validations(&state).await?;
    if resumed > 0 {
        tracing::info!(count = resumed, "validations resumed");
    }

    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|error| anyhow::Error::new(error).context(format!("binding {bind}")))?;
    // With port 0 the system picks the port: show the address actually bound.
    let bind = listener.local_addr().unwrap_or(bind);
    tracing::info!(address = %bind, "server started");
    if state.config().public_url.is_none() && !bind.ip().is_loopback() {
        tracing::warn!(
            address = %bind,
            "public_url is not set: feed and alert e-mail links use http://{bind}; set public_url in socle.toml or SOCLE_PUBLIC_URL"
        );
    }
    println!("socle : http://{bind}/");
    let store = state.store().clone();
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    store.close().await;
    tracing::info!("server stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutdown requested");
}

/// Creates a user in a data folder, optionally platform administrator.
pub async fn create_user(
    data: &Path,
    email: &str,
    name: &str,
    password: &str,
    platform_admin: bool,
) -> anyhow::Result<catalog::User> {
    std::fs::create_dir_all(data)?;
    let store = SqliteStore::open(&data.join("catalog.db")).await?;
    let user = store
        .create_user(email, name, password, platform_admin)
        .await?;
    store.close().await;
    Ok(user)
}

/// Starts the logger: one JSON line per event on standard error, filtered by `RUST_LOG`
/// (default `info`). Calling it twice is harmless.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs [`serve`] on a new multi-threaded runtime, for callers without one.
pub fn serve_blocking(config: Config, demo_password: Option<String>) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(config, demo_password))
}

/// Runs [`create_user`] on a new runtime, for callers without one.
pub fn create_user_blocking(
    data: &Path,
    email: &str,
    name: &str,
    password: &str,
    platform_admin: bool,
) -> anyhow::Result<catalog::User> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(create_user(data, email, name, password, platform_admin))
}
