//! The public base URL and the paging parameters of catalogue feeds.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::error::AppError;

/// Datasets per page when the request gives no `page_size`.
pub const DEFAULT_PAGE_SIZE: u64 = 100;
/// Largest numeric `page_size`. `page_size=all` requests one unpaged feed instead.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// The absolute URL the platform is reached at, without a trailing slash
/// (`https://donnees.example.fr`). Feeds build every link from it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct PublicUrl(String);

impl PublicUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl FromStr for PublicUrl {
    type Err = String;

    /// Accepts an absolute `http` or `https` URL without query or fragment; a trailing
    /// slash is removed.
    fn from_str(text: &str) -> Result<PublicUrl, String> {
        let trimmed = text.trim().trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"));
        let valid = rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
            && !trimmed.contains(['?', '#'])
            && dcat::is_valid_iri(&format!("{trimmed}/catalog"));
        if valid {
            Ok(PublicUrl(trimmed.to_string()))
        } else {
            Err(format!(
                "invalid public URL {text:?}: expected an absolute http or https URL such as https://donnees.example.fr"
            ))
        }
    }
}

impl TryFrom<String> for PublicUrl {
    type Error = String;

    fn try_from(text: String) -> Result<PublicUrl, String> {
        text.parse()
    }
}

/// Returns the base URL of every link in the feeds: the configured public URL, or
/// `http://<bind address>` when none is set.
pub fn base_url(config: &crate::Config) -> String {
    match &config.public_url {
        Some(url) => url.as_str().to_string(),
        None => format!("http://{}", config.bind),
    }
}

/// How many datasets a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    Items(u64),
    /// The whole catalogue in one page.
    All,
}

impl PageSize {
    pub fn query_value(self) -> String {
        match self {
            PageSize::Items(size) => size.to_string(),
            PageSize::All => "all".to_string(),
        }
    }
}

/// The paging parameters of a feed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page number.
    pub page: u64,
    pub size: PageSize,
    /// Keyset cursor from a `hydra:next` link: the identifier of the last dataset of the
    /// previous page. It makes the page start exactly after that dataset, whatever was
    /// added or removed before it meanwhile.
    pub after: Option<Uuid>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct RawPaging {
    page: Option<String>,
    page_size: Option<String>,
    apres: Option<String>,
}

fn bad(message_id: &'static str, args: Vec<(&'static str, String)>) -> AppError {
    AppError::BadRequestWith { message_id, args }
}

/// Quotes a value of the request in an error: control characters dropped and at most
/// 80 characters, so that the response never grows with what the caller sent.
fn shown(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    let visible: String = text.chars().filter(|c| !c.is_control()).collect();
    if visible.chars().count() <= MAX_CHARS {
        return visible;
    }
    let mut cut: String = visible.chars().take(MAX_CHARS).collect();
    cut.push('…');
    cut
}

impl Paging {
    /// Parses `page`, `page_size` and `apres` from a query string; other keys are
    /// ignored.
    pub fn parse(query: Option<&str>) -> Result<Paging, AppError> {
        let raw: RawPaging = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|_| bad("dcat-error-query", Vec::new()))?;

        let page = match raw.page.as_deref() {
            None => 1,
            Some(text) => match text.trim().parse::<u64>() {
                Ok(page) if page >= 1 => page,
                _ => return Err(bad("dcat-error-page", vec![("value", shown(text))])),
            },
        };
        let size = match raw.page_size.as_deref() {
            None => PageSize::Items(DEFAULT_PAGE_SIZE),
            Some(text) if text.trim().eq_ignore_ascii_case("all") => PageSize::All,
            Some(text) => match text.trim().parse::<u64>() {
                Ok(size) if (1..=MAX_PAGE_SIZE).contains(&size) => PageSize::Items(size),
                _ => {
                    return Err(bad(
                        "dcat-error-page-size",
                        vec![("value", shown(text)), ("max", MAX_PAGE_SIZE.to_string())],
                    ));
                }
            },
        };
        let after = match raw.apres.as_deref() {
            None => None,
            Some(text) => match Uuid::parse_str(text.trim()) {
                Ok(id) => Some(id),
                Err(_) => return Err(bad("dcat-error-cursor", vec![("value", shown(text))])),
            },
        };
        if size == PageSize::All && (page != 1 || after.is_some()) {
            // Name the page parameter only when it is the one in the way.
            let page = if page == 1 {
                "none".to_owned()
            } else {
                page.to_string()
            };
            return Err(bad("dcat-error-page-all", vec![("value", page)]));
        }
        Ok(Paging { page, size, after })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_validation() {
        let url: PublicUrl = "https://donnees.example.fr/".parse().expect("valid");
        assert_eq!(url.as_str(), "https://donnees.example.fr");
        assert!("http://127.0.0.1:8080".parse::<PublicUrl>().is_ok());
        assert!("https://example.fr/socle".parse::<PublicUrl>().is_ok());
        for invalid in [
            "example.fr",
            "ftp://example.fr",
            "https://",
            "https://a b",
            "https://x.fr/?a=1",
        ] {
            assert!(invalid.parse::<PublicUrl>().is_err(), "{invalid} accepted");
        }
    }

    #[test]
    fn public_url_from_file_and_environment() {
        let folder = std::env::temp_dir().join(format!("socle-public-url-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&folder).expect("folder");

        let default = crate::Config::load(&folder, &|_| None).expect("load");
        assert_eq!(base_url(&default), "http://127.0.0.1:8080");

        std::fs::write(
            folder.join("socle.toml"),
            "public_url = \"https://donnees.example.fr/\"\n",
        )
        .expect("write");
        let from_file = crate::Config::load(&folder, &|_| None).expect("load");
        assert_eq!(base_url(&from_file), "https://donnees.example.fr");

        let environment = |name: &str| {
            (name == "SOCLE_PUBLIC_URL").then(|| "https://opendata.example.fr".to_string())
        };
        let from_environment = crate::Config::load(&folder, &environment).expect("load");
        assert_eq!(base_url(&from_environment), "https://opendata.example.fr");

        let invalid =
            |name: &str| (name == "SOCLE_PUBLIC_URL").then(|| "donnees.example.fr".to_string());
        assert!(crate::Config::load(&folder, &invalid).is_err());

        std::fs::write(folder.join("socle.toml"), "public_url = \"ftp://x\"\n").expect("write");
        assert!(crate::Config::load(&folder, &|_| None).is_err());
    }

    #[test]
    fn paging_defaults_and_limits() {
        let default = Paging::parse(None).expect("default");
        assert_eq!(default.page, 1);
        assert_eq!(default.size, PageSize::Items(DEFAULT_PAGE_SIZE));
        assert_eq!(default.after, None);

        let all = Paging::parse(Some("page_size=all")).expect("all");
        assert_eq!(all.size, PageSize::All);

        let id = Uuid::new_v4();
        let next = Paging::parse(Some(&format!("page=3&page_size=10&apres={id}"))).expect("next");
        assert_eq!(next.page, 3);
        assert_eq!(next.size, PageSize::Items(10));
        assert_eq!(next.after, Some(id));

        for invalid in [
            "page=0",
            "page=-1",
            "page=deux",
            "page_size=0",
            "page_size=1001",
            "apres=xyz",
            "page=2&page_size=all",
        ] {
            assert!(Paging::parse(Some(invalid)).is_err(), "{invalid} accepted");
        }
    }
}
