//! Server configuration: defaults, then a TOML file, then `SOCLE_*` environment variables,
//! then command-line flags, each overriding the previous one.
//!
//! The file is `socle.toml` in the data folder unless `SOCLE_CONFIG` names another one; a
//! missing file is not an error. Unknown keys in the file are rejected so that a typo does
//! not silently leave a default in place.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Default maximum size of an uploaded file: 1 GiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 1024 * 1024 * 1024;

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Folder of the database and stored files.
    pub data: PathBuf,
    /// Seed demonstration organisations, datasets and account on start.
    pub demo: bool,
    pub max_upload_bytes: u64,
    /// Mark cookies `Secure`: set when the platform is served over https.
    pub secure_cookies: bool,
    /// Session lifetime in seconds.
    pub session_seconds: i64,
    /// Folder of the official schema examples used by `--demo`, when present.
    pub demo_examples: Option<PathBuf>,
    /// Folder of personal-data rules: `deliberations.json`, `subventions.json`… replace
    /// the built-in rules of the same name.
    pub privacy_policies: Option<PathBuf>,
    /// Folder of TOTEM plans de comptes (nomenclature XML files) used to label the budget
    /// CSV converted from a TOTEM file. Without it, labels and chapters are left empty.
    pub totem_plans: Option<PathBuf>,
    /// Absolute URL the platform is reached at (`https://donnees.example.fr`), from which
    /// the DCAT feeds build their links. Without it, `http://<bind>` is used.
    pub public_url: Option<crate::feed::PublicUrl>,
    /// Remote file refresh and alert e-mails (`smtp_url`, `mail_from`, `fetch_allow`…).
    pub refresh: crate::refresh::settings::RefreshSettings,
    /// Harvest allow-list, grace period and workers (`[harvest]` table).
    pub harvest: crate::harvest_jobs::HarvestSettings,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data: PathBuf::from("./socle-data"),
            demo: false,
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            secure_cookies: false,
            session_seconds: 12 * 3600,
            demo_examples: None,
            privacy_policies: None,
            totem_plans: None,
            public_url: None,
            refresh: crate::refresh::settings::RefreshSettings::default(),
            harvest: crate::harvest_jobs::HarvestSettings::default(),
        }
    }
}

/// The keys accepted in `socle.toml`, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    bind: Option<SocketAddr>,
    max_upload_bytes: Option<u64>,
    secure_cookies: Option<bool>,
    session_seconds: Option<i64>,
    demo_examples: Option<PathBuf>,
    privacy_policies: Option<PathBuf>,
    totem_plans: Option<PathBuf>,
    public_url: Option<crate::feed::PublicUrl>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    fetch_allow: Option<Vec<String>>,
    fetch_timeout_seconds: Option<u64>,
    harvest: Option<crate::harvest_jobs::HarvestFileSettings>,
}

/// A configuration value that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("reading configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid configuration file {path}: {detail}")]
    Parse { path: PathBuf, detail: String },
    #[error("invalid value {value:?} for environment variable {name}: expected {expected}")]
    Env {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
}

impl Config {
    /// Builds the configuration for a data folder from the file and the environment.
    pub fn load(
        data: &Path,
        environment: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config {
            data: data.to_path_buf(),
            ..Config::default()
        };
        let path = environment("SOCLE_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|| data.join("socle.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut file: FileConfig =
                    toml::from_str(&text).map_err(|error| ConfigError::Parse {
                        path: path.clone(),
                        detail: error.to_string(),
                    })?;
                let harvest = file.harvest.take();
                config.apply_file(file);
                if let Some(harvest) = harvest {
                    config
                        .harvest
                        .apply_file(harvest)
                        .map_err(|entry| ConfigError::Parse {
                            path: path.clone(),
                            detail: format!("invalid harvest allow-list entry {entry:?}"),
                        })?;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(ConfigError::Read { path, source }),
        }
        config.apply_environment(environment)?;
        Ok(config)
    }

    fn apply_file(&mut self, file: FileConfig) {
        if let Some(bind) = file.bind {
            self.bind = bind;
        }
        if let Some(bytes) = file.max_upload_bytes {
            self.max_upload_bytes = bytes;
        }
        if let Some(secure) = file.secure_cookies {
            self.secure_cookies = secure;
        }
        if let Some(seconds) = file.session_seconds {
            self.session_seconds = seconds;
        }
        if file.demo_examples.is_some() {
            self.demo_examples = file.demo_examples;
        }
        if file.privacy_policies.is_some() {
            self.privacy_policies = file.privacy_policies;
        }
        if file.totem_plans.is_some() {
            self.totem_plans = file.totem_plans;
        }
        if file.public_url.is_some() {
            self.public_url = file.public_url;
        }
        self.refresh
            .apply_file(crate::refresh::settings::RefreshFileKeys {
                smtp_url: file.smtp_url,
                mail_from: file.mail_from,
                fetch_allow: file.fetch_allow,
                fetch_timeout_seconds: file.fetch_timeout_seconds,
            });
    }

    fn apply_environment(
        &mut self,
        environment: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        if let Some(value) = environment("SOCLE_PRIVACY_POLICIES") {
            self.privacy_policies = Some(PathBuf::from(value));
        }
        if let Some(value) = environment("SOCLE_TOTEM_PLANS") {
            self.totem_plans = Some(PathBuf::from(value));
        }
        if let Some(value) = environment("SOCLE_BIND") {
            self.bind = value.parse().map_err(|_| ConfigError::Env {
                name: "SOCLE_BIND",
                value,
                expected: "an address such as 127.0.0.1:8080",
            })?;
        }
        if let Some(value) = environment("SOCLE_MAX_UPLOAD_BYTES") {
            self.max_upload_bytes = value.parse().map_err(|_| ConfigError::Env {
                name: "SOCLE_MAX_UPLOAD_BYTES",
                value,
                expected: "a number of bytes",
            })?;
        }
        if let Some(value) = environment("SOCLE_SECURE_COOKIES") {
            self.secure_cookies = match value.as_str() {
                "1" | "true" => true,
                "0" | "false" => false,
                _ => {
                    return Err(ConfigError::Env {
                        name: "SOCLE_SECURE_COOKIES",
                        value,
                        expected: "true or false",
                    });
                }
            };
        }
        if let Some(value) = environment("SOCLE_DEMO_EXAMPLES") {
            self.demo_examples = Some(PathBuf::from(value));
        }
        if let Some(value) = environment("SOCLE_PUBLIC_URL") {
            self.public_url = Some(value.parse().map_err(|_| ConfigError::Env {
                name: "SOCLE_PUBLIC_URL",
                value,
                expected: "an absolute http or https URL such as https://donnees.example.fr",
            })?);
        }
        self.refresh.apply_environment(environment)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_folder() -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("socle-config-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&folder).expect("folder");
        folder
    }

    #[test]
    fn environment_overrides_file() {
        let folder = temp_folder();
        std::fs::write(
            folder.join("socle.toml"),
            "bind = \"127.0.0.1:9000\"\nmax_upload_bytes = 10\n",
        )
        .expect("write");
        let environment = |name: &str| (name == "SOCLE_MAX_UPLOAD_BYTES").then(|| "20".to_string());
        let config = Config::load(&folder, &environment).expect("load");
        assert_eq!(config.bind.port(), 9000);
        assert_eq!(config.max_upload_bytes, 20);
    }

    #[test]
    fn unknown_file_key_rejected() {
        let folder = temp_folder();
        std::fs::write(folder.join("socle.toml"), "bnd = \"127.0.0.1:9000\"\n").expect("write");
        assert!(matches!(
            Config::load(&folder, &|_| None),
            Err(ConfigError::Parse { .. })
        ));
    }

    #[test]
    fn invalid_environment_value_rejected() {
        let environment =
            |name: &str| (name == "SOCLE_SECURE_COOKIES").then(|| "maybe".to_string());
        assert!(matches!(
            Config::load(&temp_folder(), &environment),
            Err(ConfigError::Env { .. })
        ));
    }

    #[test]
    fn totem_plans_from_file_and_environment() {
        let folder = temp_folder();
        std::fs::write(folder.join("socle.toml"), "totem_plans = \"/srv/plans\"\n").expect("write");
        let from_file = Config::load(&folder, &|_| None).expect("load");
        assert_eq!(from_file.totem_plans, Some(PathBuf::from("/srv/plans")));

        let environment =
            |name: &str| (name == "SOCLE_TOTEM_PLANS").then(|| "/opt/plans".to_string());
        let from_environment = Config::load(&folder, &environment).expect("load");
        assert_eq!(
            from_environment.totem_plans,
            Some(PathBuf::from("/opt/plans"))
        );

        let without = Config::load(&temp_folder(), &|_| None).expect("load");
        assert_eq!(without.totem_plans, None);
    }
}
