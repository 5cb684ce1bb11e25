//! Errors that stop a conversion: unreadable or unsafe input, broken XML, an unusable plans folder.
//!
//! Problems found in the budget data itself (unknown account, missing chapter) are not errors
//! but [`crate::Notice`]s. Each error has a stable message id for the catalogue
//! (`locales/*/totem.ftl` of the `i18n` crate) and named arguments, so the caller renders it
//! in French or English. The `Display` text is a short English fallback for logs.

use std::path::PathBuf;

/// A conversion or plan loading that cannot proceed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotemError {
    #[error("reading the input failed at line {line}: {detail}")]
    Read { line: u64, detail: String },

    #[error("writing the CSV output failed: {detail}")]
    Write { detail: String },

    #[error("document type declaration (DTD) at line {line} rejected")]
    Doctype { line: u64 },

    #[error("entity declaration at line {line} rejected")]
    EntityDeclaration { line: u64 },

    #[error("reference to undefined entity `{name}` in <{element}> at line {line}")]
    UndefinedEntity {
        name: String,
        element: String,
        line: u64,
    },

    #[error("malformed XML in <{element}> at line {line}: {detail}")]
    Malformed {
        element: String,
        line: u64,
        detail: String,
    },

    #[error("input ends inside <{element}> opened at line {line}")]
    Truncated { element: String, line: u64 },

    #[error("XML token longer than {limit} bytes in <{element}> at line {line}")]
    TokenTooLarge {
        element: String,
        line: u64,
        limit: usize,
    },

    #[error("elements nested deeper than {limit} levels at <{element}>, line {line}")]
    TooDeep {
        element: String,
        line: u64,
        limit: usize,
    },

    #[error("input is not valid {encoding} at line {line}")]
    Encoding { encoding: String, line: u64 },

    #[error("unsupported character encoding `{label}`")]
    UnsupportedEncoding { label: String },

    #[error("root element <{element}> is neither DocumentBudgetaire nor CompteFinancierUnique")]
    UnknownRoot { element: String },

    #[error("no DocumentBudgetaire element found")]
    DocumentMissing,

    #[error("plans de comptes folder {} cannot be read: {detail}", path.display())]
    PlansDir { path: PathBuf, detail: String },
}

impl TotemError {
    /// Returns the stable message id of the catalogue.
    pub fn code(&self) -> &'static str {
        match self {
            TotemError::Read { .. } => "totem-read-failed",
            TotemError::Write { .. } => "totem-write-failed",
            TotemError::Doctype { .. } => "totem-doctype-rejected",
            TotemError::EntityDeclaration { .. } => "totem-entity-declaration-rejected",
            TotemError::UndefinedEntity { .. } => "totem-entity-undefined",
            TotemError::Malformed { .. } => "totem-xml-malformed",
            TotemError::Truncated { .. } => "totem-xml-truncated",
            TotemError::TokenTooLarge { .. } => "totem-xml-token-too-large",
            TotemError::TooDeep { .. } => "totem-xml-too-deep",
            TotemError::Encoding { .. } => "totem-encoding-invalid",
            TotemError::UnsupportedEncoding { .. } => "totem-encoding-unsupported",
            TotemError::UnknownRoot { .. } => "totem-root-unknown",
            TotemError::DocumentMissing => "totem-document-missing",
            TotemError::PlansDir { .. } => "totem-plans-dir-unreadable",
        }
    }

    /// Returns the named arguments of the message, as the catalogue expects them.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            TotemError::Read { line, detail } => {
                vec![("line", line.to_string()), ("detail", detail.clone())]
            }
            TotemError::Write { detail } => vec![("detail", detail.clone())],
            TotemError::Doctype { line } | TotemError::EntityDeclaration { line } => {
                vec![("line", line.to_string())]
            }
            TotemError::UndefinedEntity {
                name,
                element,
                line,
            } => vec![
                ("name", name.clone()),
                ("element", element.clone()),
                ("line", line.to_string()),
            ],
            TotemError::Malformed {
                element,
                line,
                detail,
            } => vec![
                ("element", element.clone()),
                ("line", line.to_string()),
                ("detail", detail.clone()),
            ],
            TotemError::Truncated { element, line } => {
                vec![("element", element.clone()), ("line", line.to_string())]
            }
            TotemError::TokenTooLarge {
                element,
                line,
                limit,
            }
            | TotemError::TooDeep {
                element,
                line,
                limit,
            } => vec![
                ("element", element.clone()),
                ("line", line.to_string()),
                ("limit", limit.to_string()),
            ],
            TotemError::Encoding { encoding, line } => {
                vec![("encoding", encoding.clone()), ("line", line.to_string())]
            }
            TotemError::UnsupportedEncoding { label } => vec![("label", label.clone())],
            TotemError::UnknownRoot { element } => vec![("element", element.clone())],
            TotemError::DocumentMissing => Vec::new(),
            TotemError::PlansDir { path, detail } => {
                vec![
                    ("path", path.display().to_string()),
                    ("detail", detail.clone()),
                ]
            }
        }
    }
}
