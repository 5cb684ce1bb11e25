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
    fetch_allow: Option<AllowEntries>,
    fetch_timeout_seconds: Option<u64>,
    harvest: Option<crate::harvest_jobs::HarvestFileSettings>,
}

/// An allow-list as the file may write it: one string of entries separated by commas or
/// spaces, or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum AllowEntries {
    One(String),
    Many(Vec<String>),
}

impl AllowEntries {
    /// Returns the entries one by one.
    pub fn into_list(self) -> Vec<String> {
        match self {
            AllowEntries::One(text) => text
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|entry| !entry.is_empty())
                .map(str::to_owned)
                .collect(),
            AllowEntries::Many(entries) => entries,
        }
    }
}

/// A configuration value that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("reading configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not TOML, or a value has the wrong type. `line` is 1-based; `key` is
    /// the key written on that line, when there is one.
    #[error("invalid configuration file {path}, line {line:?}: {detail}")]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        key: Option<String>,
        detail: String,
    },
    /// A key the file does not accept; `table` is empty for top-level keys.
    #[error("unknown key {key:?} in configuration file {path}")]
    UnknownKey {
        path: PathBuf,
        table: &'static str,
        key: String,
        known: &'static [&'static str],
    },
    /// A number outside the range the setting accepts, from the file or the environment.
    #[error("{key} = {value} is outside {min}..={max}")]
    OutOfRange {
        key: &'static str,
        value: String,
        min: u64,
        max: u64,
    },
    /// An entry of an allow-list (`fetch_allow`, `[harvest] allow`, `SOCLE_FETCH_ALLOW`)
    /// that is neither a network, an address nor a host name.
    #[error("invalid {setting} entry {entry:?}")]
    AllowEntry {
        setting: &'static str,
        entry: String,
    },
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
        config.harvest.lock_dir = Some(data.join("harvest-locks"));
        // An empty SOCLE_CONFIG counts as unset; a file named there must exist, so that a
        // typo does not start the platform on default settings.
        let named = environment("SOCLE_CONFIG")
            .filter(|value| !value.trim().is_empty())
            .map(PathBuf::from);
        let explicit = named.is_some();
        let path = named.unwrap_or_else(|| data.join("socle.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut file = parse_file(&path, &text)?;
                let harvest = file.harvest.take();
                config.apply_file(file);
                if let Some(harvest) = harvest {
                    config.harvest.apply_file(harvest).map_err(|entry| {
                        ConfigError::AllowEntry {
                            setting: "[harvest] allow",
                            entry,
                        }
                    })?;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !explicit => {}
            Err(source) => return Err(ConfigError::Read { path, source }),
        }
        config.apply_environment(environment)?;
        config.check_ranges()?;
        Ok(config)
    }

    /// Checks the numbers that the file and the environment set, whichever set them.
    fn check_ranges(&self) -> Result<(), ConfigError> {
        const DAY: u64 = 24 * 3600;
        let checks: [(&'static str, u64, u64, u64); 6] = [
            (
                "session_seconds",
                u64::try_from(self.session_seconds).unwrap_or(0),
                300,
                30 * DAY,
            ),
            ("max_upload_bytes", self.max_upload_bytes, 1, 1 << 40),
            (
                "fetch_timeout_seconds",
                self.refresh.fetch_timeout_seconds,
                1,
                3600,
            ),
            (
                "workers",
                u64::try_from(self.harvest.workers).unwrap_or(u64::MAX),
                1,
                16,
            ),
            (
                "page_size",
                u64::try_from(self.harvest.page_size).unwrap_or(u64::MAX),
                1,
                1000,
            ),
            (
                "grace_days",
                self.harvest.grace.as_hours().unsigned_abs() / 24,
                0,
                3650,
            ),
        ];
        for (key, value, min, max) in checks {
            if !(min..=max).contains(&value) {
                // A negative session length was clamped to 0 above: report it as written.
                let written = if key == "session_seconds" {
                    self.session_seconds.to_string()
                } else {
                    value.to_string()
                };
                return Err(ConfigError::OutOfRange {
                    key,
                    value: written,
                    min,
                    max,
                });
            }
        }
        Ok(())
    }

    /// The keys of the file's top level, in the order of the README's table.
    pub const KEYS: &'static [&'static str] = &[
        "bind",
        "public_url",
        "max_upload_bytes",
        "secure_cookies",
        "session_seconds",
        "privacy_policies",
        "totem_plans",
        "smtp_url",
        "mail_from",
        "fetch_allow",
        "fetch_timeout_seconds",
        "demo_examples",
        "harvest",
    ];

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
                fetch_allow: file.fetch_allow.map(AllowEntries::into_list),
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

/// Reads `socle.toml`. Unknown keys are looked for first, on the raw table, so that the
/// error names the key and the accepted ones instead of quoting serde's wording.
fn parse_file(path: &Path, text: &str) -> Result<FileConfig, ConfigError> {
    let syntax_error = |error: toml::de::Error| {
        let start = error.span().map(|span| span.start.min(text.len()));
        let line = start.map(|start| text[..start].matches('\n').count() + 1);
        ConfigError::Parse {
            path: path.to_path_buf(),
            line,
            key: line.and_then(|line| key_on_line(text, line)),
            detail: error.message().trim().to_owned(),
        }
    };
    let table: toml::Table = toml::from_str(text).map_err(syntax_error)?;
    let unknown = |table_name: &'static str, key: &str, known: &'static [&'static str]| {
        ConfigError::UnknownKey {
            path: path.to_path_buf(),
            table: table_name,
            key: key.to_owned(),
            known,
        }
    };
    for (key, value) in &table {
        if !Config::KEYS.contains(&key.as_str()) {
            return Err(unknown("", key, Config::KEYS));
        }
        if key == "harvest"
            && let Some(harvest) = value.as_table()
            && let Some(key) = harvest
                .keys()
                .find(|key| !crate::harvest_jobs::HarvestFileSettings::KEYS.contains(&key.as_str()))
        {
            return Err(unknown(
                "harvest",
                key,
                crate::harvest_jobs::HarvestFileSettings::KEYS,
            ));
        }
    }
    toml::from_str(text).map_err(syntax_error)
}

/// Returns the key written at the start of a line (`key = …`), if it is one.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let (key, _) = text.lines().nth(line - 1)?.split_once('=')?;
    let key = key.trim();
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then(|| key.to_owned())
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
            Err(ConfigError::UnknownKey { table: "", ref key, .. }) if key == "bnd"
        ));
    }

    #[test]
    fn unknown_harvest_key_named() {
        let folder = temp_folder();
        std::fs::write(
            folder.join("socle.toml"),
            "[harvest]\nalow = \"10.0.0.0/8\"\n",
        )
        .expect("write");
        assert!(matches!(
            Config::load(&folder, &|_| None),
            Err(ConfigError::UnknownKey { table: "harvest", ref key, .. }) if key == "alow"
        ));
    }

    #[test]
    fn wrong_type_gives_its_line() {
        let folder = temp_folder();
        std::fs::write(
            folder.join("socle.toml"),
            "bind = \"127.0.0.1:9000\"\nmax_upload_bytes = \"beaucoup\"\n",
        )
        .expect("write");
        assert!(matches!(
            Config::load(&folder, &|_| None),
            Err(ConfigError::Parse { line: Some(2), key: Some(ref key), .. }) if key == "max_upload_bytes"
        ));
    }

    #[test]
    fn numbers_out_of_range_rejected() {
        for (text, key) in [
            ("session_seconds = 9223372036854775807\n", "session_seconds"),
            ("session_seconds = -5\n", "session_seconds"),
            ("max_upload_bytes = 0\n", "max_upload_bytes"),
            ("fetch_timeout_seconds = 0\n", "fetch_timeout_seconds"),
            ("[harvest]\nworkers = 0\n", "workers"),
            ("[harvest]\npage_size = 5000\n", "page_size"),
        ] {
            let folder = temp_folder();
            std::fs::write(folder.join("socle.toml"), text).expect("write");
            let error = Config::load(&folder, &|_| None).expect_err(text);
            assert!(
                matches!(error, ConfigError::OutOfRange { key: found, .. } if found == key),
                "{text}: {error:?}"
            );
        }
    }

    #[test]
    fn named_config_file_must_exist() {
        let folder = temp_folder();
        let missing = folder.join("absent.toml");
        let named = missing.display().to_string();
        let environment = |name: &str| (name == "SOCLE_CONFIG").then(|| named.clone());
        assert!(matches!(
            Config::load(&folder, &environment),
            Err(ConfigError::Read { .. })
        ));
        // An empty value is no name: the data folder's file is read.
        std::fs::write(folder.join("socle.toml"), "bind = \"127.0.0.1:9100\"\n").expect("write");
        let empty = |name: &str| (name == "SOCLE_CONFIG").then(String::new);
        assert_eq!(
            Config::load(&folder, &empty).expect("load").bind.port(),
            9100
        );
    }

    #[test]
    fn harvest_allow_takes_a_string_or_a_list() {
        for text in [
            "[harvest]\nallow = \"127.0.0.1/32, intranet.example\"\n",
            "[harvest]\nallow = [\"127.0.0.1/32\", \"intranet.example\"]\n",
        ] {
            let folder = temp_folder();
            std::fs::write(folder.join("socle.toml"), text).expect("write");
            let config = Config::load(&folder, &|_| None).expect(text);
            assert!(
                config.harvest.allow.allows_host("intranet.example"),
                "{text}"
            );
            assert!(
                config
                    .harvest
                    .allow
                    .allows_address("127.0.0.1".parse().expect("address")),
                "{text}"
            );
        }
        let folder = temp_folder();
        std::fs::write(
            folder.join("socle.toml"),
            "[harvest]\nallow = \"10.0.0.0/33\"\n",
        )
        .expect("write");
        assert!(matches!(
            Config::load(&folder, &|_| None),
            Err(ConfigError::AllowEntry { setting: "[harvest] allow", ref entry }) if entry == "10.0.0.0/33"
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
