//! Markdown descriptions rendered to sanitised HTML.
//!
//! pulldown-cmark renders the CommonMark text, then ammonia keeps only harmless tags and
//! attributes (no scripts, styles, event handlers or `javascript:` links), and adds
//! `rel="noopener noreferrer"` to links. Raw HTML in the source is sanitised the same way.

/// ammonia's default rules, built once rather than on every call (`ammonia::clean`
/// builds them anew, allocating every allowed tag and attribute set).
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(ammonia::Builder::default);

/// Renders Markdown as safe HTML.
pub fn to_safe_html(source: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(source, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    SANITISER.clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_is_removed() {
        let html = to_safe_html("Bonjour <script>alert(1)</script> **monde**");
        assert!(!html.contains("<script"));
        assert!(html.contains("<strong>monde</strong>"));
    }

    #[test]
    fn javascript_link_is_removed() {
        let html = to_safe_html("[lien](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("onerror"));
    }
}
