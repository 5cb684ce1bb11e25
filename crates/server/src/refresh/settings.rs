//! Settings of remote file refresh and of the e-mails it sends, read by [`crate::config`].
//!
//! Kept apart from the other settings so that the configuration module only gains one
//! field and one call per source (file, environment).

use crate::config::ConfigError;

/// Default time allowed for one fetch, connection and body included: 60 seconds.
pub const DEFAULT_FETCH_TIMEOUT_SECONDS: u64 = 60;

/// Default sender of alert e-mails.
pub const DEFAULT_MAIL_FROM: &str = "socle <no-reply@localhost>";

/// Settings of remote file fetching and alert e-mails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshSettings {
    /// SMTP server of alert e-mails, in lettre's URL form: `smtps://user:password@host:465`
    /// (TLS), `smtp://user:password@host:587?tls=required` (STARTTLS) or `smtp://host:25`
    /// (unencrypted, for a relay on the same machine). Without it, e-mails are written to
    /// `<data>/outbox/*.eml`.
    pub smtp_url: Option<String>,
    /// `From` address of alert e-mails.
    pub mail_from: String,
    /// Networks (CIDR such as `10.0.0.0/8`, or single addresses) that the fetcher may reach
    /// although they are loopback, private or link-local. Empty by default.
    pub fetch_allow: Vec<String>,
    /// Time allowed for one fetch, in seconds.
    pub fetch_timeout_seconds: u64,
}

impl Default for RefreshSettings {
    fn default() -> RefreshSettings {
        RefreshSettings {
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_string(),
            fetch_allow: Vec::new(),
            fetch_timeout_seconds: DEFAULT_FETCH_TIMEOUT_SECONDS,
        }
    }
}

/// The refresh keys of `socle.toml`, all optional.
#[derive(Debug, Default)]
pub struct RefreshFileKeys {
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub fetch_allow: Option<Vec<String>>,
    pub fetch_timeout_seconds: Option<u64>,
}

impl RefreshSettings {
    /// Applies the keys found in the configuration file.
    pub fn apply_file(&mut self, keys: RefreshFileKeys) {
        if keys.smtp_url.is_some() {
            self.smtp_url = keys.smtp_url.filter(|url| !url.trim().is_empty());
        }
        if let Some(from) = keys.mail_from {
            self.mail_from = from;
        }
        if let Some(allow) = keys.fetch_allow {
            self.fetch_allow = allow;
        }
        if let Some(seconds) = keys.fetch_timeout_seconds {
            self.fetch_timeout_seconds = seconds;
        }
    }

    /// Applies `SOCLE_SMTP_URL`, `SOCLE_MAIL_FROM`, `SOCLE_FETCH_ALLOW` (comma-separated)
    /// and `SOCLE_FETCH_TIMEOUT_SECONDS`.
    pub fn apply_environment(
        &mut self,
        environment: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        if let Some(value) = environment("SOCLE_SMTP_URL") {
            self.smtp_url = (!value.trim().is_empty()).then_some(value);
        }
        if let Some(value) = environment("SOCLE_MAIL_FROM") {
            self.mail_from = value;
        }
        if let Some(value) = environment("SOCLE_FETCH_ALLOW") {
            self.fetch_allow = value
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(str::to_string)
                .collect();
        }
        if let Some(value) = environment("SOCLE_FETCH_TIMEOUT_SECONDS") {
            self.fetch_timeout_seconds =
                value
                    .parse()
                    .ok()
                    .filter(|seconds| *seconds > 0)
                    .ok_or(ConfigError::Env {
                        name: "SOCLE_FETCH_TIMEOUT_SECONDS",
                        value,
                        expected: "a number of seconds greater than zero",
                    })?;
        }
        self.check_fetch_allow()
    }

    /// Checks every `fetch_allow` entry (from the file or the environment), so that a typo
    /// stops the server at start instead of failing every refresh.
    fn check_fetch_allow(&self) -> Result<(), ConfigError> {
        for entry in &self.fetch_allow {
            if let Err(invalid) = harvest::fetch::AllowList::parse(entry) {
                return Err(ConfigError::AllowEntry {
                    setting: "fetch_allow",
                    entry: invalid,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_write_to_outbox_and_allow_nothing() {
        let settings = RefreshSettings::default();
        assert_eq!(settings.smtp_url, None);
        assert!(settings.fetch_allow.is_empty());
        assert_eq!(settings.fetch_timeout_seconds, 60);
    }

    #[test]
    fn environment_list_is_split_on_commas() {
        let mut settings = RefreshSettings::default();
        let environment = |name: &str| {
            (name == "SOCLE_FETCH_ALLOW").then(|| "127.0.0.1/32, 10.0.0.0/8,".to_string())
        };
        settings.apply_environment(&environment).expect("apply");
        assert_eq!(settings.fetch_allow, vec!["127.0.0.1/32", "10.0.0.0/8"]);
    }

    #[test]
    fn zero_timeout_rejected() {
        let mut settings = RefreshSettings::default();
        let environment =
            |name: &str| (name == "SOCLE_FETCH_TIMEOUT_SECONDS").then(|| "0".to_string());
        assert!(matches!(
            settings.apply_environment(&environment),
            Err(ConfigError::Env { .. })
        ));
    }

    #[test]
    fn invalid_allow_entry_rejected() {
        let mut settings = RefreshSettings::default();
        let environment =
            |name: &str| (name == "SOCLE_FETCH_ALLOW").then(|| "10.0.0.0/33".to_string());
        let error = settings
            .apply_environment(&environment)
            .expect_err("prefix 33 is invalid");
        assert!(error.to_string().contains("10.0.0.0/33"), "{error}");
    }

    #[test]
    fn configuration_file_keys_reach_settings() {
        let folder = std::env::temp_dir().join(format!(
            "socle-refresh-settings-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&folder).expect("folder");
        let text = "smtp_url = \"smtps://mail.example.org:465\"\n\
            mail_from = \"opendata@example.org\"\n\
            fetch_allow = [\"192.168.1.0/24\"]\n\
            fetch_timeout_seconds = 20\n";
        std::fs::write(folder.join("socle.toml"), text).expect("write");
        let config = crate::config::Config::load(&folder, &|_| None).expect("load");
        assert_eq!(
            config.refresh.smtp_url.as_deref(),
            Some("smtps://mail.example.org:465")
        );
        assert_eq!(config.refresh.mail_from, "opendata@example.org");
        assert_eq!(config.refresh.fetch_allow, vec!["192.168.1.0/24"]);
        assert_eq!(config.refresh.fetch_timeout_seconds, 20);
    }

    #[test]
    fn file_keys_override_defaults() {
        let mut settings = RefreshSettings::default();
        settings.apply_file(RefreshFileKeys {
            smtp_url: Some("smtp://mail.example.org:25".into()),
            mail_from: Some("opendata@example.org".into()),
            fetch_allow: Some(vec!["192.168.1.0/24".into()]),
            fetch_timeout_seconds: Some(30),
        });
        assert_eq!(
            settings.smtp_url.as_deref(),
            Some("smtp://mail.example.org:25")
        );
        assert_eq!(settings.mail_from, "opendata@example.org");
        assert_eq!(settings.fetch_allow, vec!["192.168.1.0/24"]);
        assert_eq!(settings.fetch_timeout_seconds, 30);
    }
}
