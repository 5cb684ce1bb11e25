//! A test harness around the router: a fresh data folder, organisations and users with
//! roles, and requests sent with `tower::ServiceExt::oneshot`.

#![allow(dead_code)]

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use catalog::{
    DatasetFields, DatasetStore, NewOrganization, Organization, OrganizationKind,
    OrganizationStore, Role, SessionStore, UserStore,
};
use http_body_util::BodyExt;
use server::{AppState, Config};
use tower::ServiceExt;

pub struct App {
    pub state: AppState,
    pub router: Router,
    pub data: PathBuf,
}

/// A response, with its body read as text.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }
}

/// A signed-in user: the cookie to send and the CSRF token of its session.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub fn temp_data(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!(
        "socle-server-{name}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&folder).expect("data folder");
    folder
}

/// Extracts the resource id that ends a report or resource path.
pub fn resource_id_in(path: &str) -> uuid::Uuid {
    path.rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no resource id at the end of {path}"))
}

impl App {
    /// Waits until a resource's validation (and the scans that follow it) is finished, for
    /// at most 20 s, and returns the resource.
    pub async fn wait_validation(&self, resource_id: uuid::Uuid) -> catalog::Resource {
        use catalog::ResourceStore;
        for _ in 0..400 {
            let resource = self
                .state
                .store()
                .resource(resource_id)
                .await
                .expect("read")
                .expect("resource");
            let pending = matches!(
                resource.validation_status,
                catalog::ValidationStatus::Pending | catalog::ValidationStatus::Running
            );
            if !pending {
                return resource;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("validation of {resource_id} did not finish in 20 s");
    }

    /// Waits for the validation of the resource whose report is at `report_path`, and
    /// returns its id.
    pub async fn wait_for_report(&self, report_path: &str) -> uuid::Uuid {
        let resource_id = resource_id_in(report_path);
        self.wait_validation(resource_id).await;
        resource_id
    }

    pub async fn new(name: &str) -> App {
        App::with_config(name, |_| {}).await
    }

    pub async fn with_config(name: &str, change: impl FnOnce(&mut Config)) -> App {
        let data = temp_data(name);
        let mut config = Config {
            data: data.clone(),
            ..Config::default()
        };
        change(&mut config);
        let state = server::open(config).await.expect("open state");
        let router = server::router(state.clone());
        App {
            state,
            router,
            data,
        }
    }

    pub async fn organization(&self, name: &str) -> Organization {
        let new = NewOrganization {
            name: name.into(),
            siren: None,
            kind: OrganizationKind::Commune,
            description: String::new(),
        };
        self.state
            .store()
            .create_organization(&new)
            .await
            .expect("organisation")
    }

    /// Creates a user with a role in `organization` (or none) and opens a session.
    pub async fn user(&self, email: &str, organization: Option<(&Organization, Role)>) -> Session {
        let user = self
            .state
            .store()
            .create_user(email, email, "mot de passe de test", false)
            .await
            .expect("user");
        if let Some((organization, role)) = organization {
            self.state
                .store()
                .set_membership(user.id, organization.id, role)
                .await
                .expect("membership");
        }
        let (token, csrf) = self
            .state
            .store()
            .create_session(user.id, 3600)
            .await
            .expect("session");
        Session {
            cookie: format!("socle_session={token}"),
            csrf,
        }
    }

    pub async fn dataset(
        &self,
        organization: &Organization,
        title: &str,
        private: bool,
        published: bool,
    ) -> catalog::Dataset {
        let fields = DatasetFields {
            title: title.into(),
            description: "Délibérations **votées** <script>alert(1)</script>".into(),
            licence: "lov2".into(),
            tags: vec!["deliberations".into()],
            frequency: "MONTHLY".into(),
            schema_slug: Some("deliberations".into()),
            private,
            ..DatasetFields::default()
        };
        let dataset = self
            .state
            .store()
            .create_dataset(organization.id, &fields)
            .await
            .expect("dataset");
        if published {
            self.state
                .store()
                .set_published(dataset.id, true)
                .await
                .expect("publish");
        }
        dataset
    }

    pub async fn send(&self, request: Request<Body>) -> Page {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Page {
        let mut request = Request::get(path);
        if let Some(session) = session {
            request = request.header(header::COOKIE, &session.cookie);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// Sends an anonymous GET that accepts gzip, and returns the response with its body
    /// inflated when it came compressed.
    pub async fn get_gzip(&self, path: &str) -> Page {
        use std::io::Read;

        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
            .body(Body::empty())
            .expect("request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let mut body = String::new();
        if headers
            .get(header::CONTENT_ENCODING)
            .is_some_and(|value| value == "gzip")
        {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut body)
                .expect("gzip body");
        } else {
            body = String::from_utf8_lossy(&bytes).into_owned();
        }
        Page {
            status,
            headers,
            body,
        }
    }

    pub async fn post_form(
        &self,
        path: &str,
        session: Option<&Session>,
        form: &[(&str, &str)],
    ) -> Page {
        let body = serde_urlencoded::to_string(form).expect("form");
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(session) = session {
            request = request.header(header::COOKIE, &session.cookie);
        }
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    pub async fn upload(
        &self,
        path: &str,
        session: &Session,
        csrf: &str,
        file_name: &str,
        content: &[u8],
    ) -> Page {
        let boundary = "socle-test-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }
}

/// Reads a reference file beside the repository, or `None` (with a message) when the
/// `shared` folder is absent.
pub fn reference_file(relative: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference")
        .join(relative);
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "skipping the reference-file part: {} is absent",
                path.display()
            );
            None
        }
    }
}

/// Reads the small délibérations file that ships with the server, used when the reference
/// folder is absent.
pub fn bundled_deliberations() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo/deliberations-kerbrient.csv"),
    )
    .expect("bundled demo file")
}

/// A response of the JSON API: status, content type and parsed body.
pub struct ApiReply {
    pub status: StatusCode,
    pub content_type: String,
    pub json: serde_json::Value,
}

impl App {
    /// Creates a user with an optional role and an API token; returns the token.
    pub async fn api_user(
        &self,
        email: &str,
        organization: Option<(&Organization, Role)>,
        platform_admin: bool,
    ) -> String {
        use catalog::TokenStore;
        let user = self
            .state
            .store()
            .create_user(email, email, "mot de passe de test", platform_admin)
            .await
            .expect("user");
        if let Some((organization, role)) = organization {
            self.state
                .store()
                .set_membership(user.id, organization.id, role)
                .await
                .expect("membership");
        }
        let (_, secret) = self
            .state
            .store()
            .create_token(user.id, "tests")
            .await
            .expect("token");
        secret
    }

    async fn api_send(&self, request: Request<Body>) -> ApiReply {
        let page = self.send(request).await;
        let content_type = page
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_string();
        let json = serde_json::from_str(&page.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", page.body));
        ApiReply {
            status: page.status,
            content_type,
            json,
        }
    }

    /// Calls an action with GET; `query` is already URL-encoded.
    pub async fn api_get(&self, action_and_query: &str, token: Option<&str>) -> ApiReply {
        let mut request = Request::get(format!("/api/3/action/{action_and_query}"));
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, token);
        }
        self.api_send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// Calls an action with POST and a JSON body.
    pub async fn api_post(
        &self,
        action: &str,
        token: Option<&str>,
        body: &serde_json::Value,
    ) -> ApiReply {
        let mut request = Request::post(format!("/api/3/action/{action}"))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, token);
        }
        self.api_send(request.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    /// Calls an action with a multipart body: text fields, then a file in `upload`.
    pub async fn api_upload(
        &self,
        action: &str,
        token: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        content: &[u8],
    ) -> ApiReply {
        let boundary = "socle-api-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(format!("/api/3/action/{action}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body))
            .expect("request");
        self.api_send(request).await
    }
}
