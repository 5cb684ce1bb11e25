//! Resolution of the `--schema` argument: a bundled registry name, a local path or an
//! https URL, in that order.

use std::path::Path;

use i18n::Messages;
use tableschema::{CompiledSchema, Schema, SchemaError, SchemaProblem};
use validate::SchemaSummary;

use crate::failure::Failure;

/// Size limit of a schema descriptor read from a file or a URL.
const MAX_SCHEMA_BYTES: u64 = 16 * 1024 * 1024;

/// A schema ready for validation, with the problems tolerated when loading it.
pub struct ResolvedSchema {
    pub compiled: CompiledSchema,
    pub summary: SchemaSummary,
    pub warnings: Vec<SchemaProblem>,
    /// Whether the schema is one of the bundled official ones, which the user cannot edit.
    pub bundled: bool,
}

/// A reason `--schema` could not be used. Each variant renders a French or English message.
pub enum SchemaSourceError {
    NotFound(String),
    Unreadable {
        reference: String,
        detail: Failure,
    },
    TooLarge {
        reference: String,
    },
    Invalid {
        reference: String,
        error: SchemaError,
    },
    Download {
        reference: String,
        detail: Failure,
    },
}

impl SchemaSourceError {
    /// Prints the error and, for a broken schema, every problem it has.
    pub fn print(&self, messages: &Messages) {
        match self {
            SchemaSourceError::NotFound(reference) => {
                let suggestion = suggest_schema(reference);
                let args = [
                    ("reference", reference.as_str()),
                    ("suggestion", suggestion.as_str()),
                ];
                crate::print_error(messages, "cli-schema-not-found", &args);
            }
            SchemaSourceError::Unreadable { reference, detail } => {
                let detail = detail.describe(messages);
                crate::print_error(
                    messages,
                    "cli-schema-unreadable",
                    &[("reference", reference), ("detail", &detail)],
                );
            }
            SchemaSourceError::TooLarge { reference } => {
                let limit = (MAX_SCHEMA_BYTES / (1024 * 1024)).to_string();
                crate::print_error(
                    messages,
                    "cli-schema-too-large",
                    &[("reference", reference), ("limit", &limit)],
                );
            }
            SchemaSourceError::Download { reference, detail } => {
                let detail = detail.describe(messages);
                crate::print_error(
                    messages,
                    "cli-schema-download",
                    &[("reference", reference), ("detail", &detail)],
                );
            }
            SchemaSourceError::Invalid { reference, error } => {
                let count = error.problems.len().to_string();
                crate::print_error(
                    messages,
                    "cli-schema-invalid",
                    &[("reference", reference), ("count", &count)],
                );
                for problem in &error.problems {
                    eprintln!("  - {}", render_problem(messages, problem));
                }
            }
        }
    }
}

/// Finds the bundled schema whose name is closest to a mistyped one, `none` otherwise.
pub fn suggest_schema(reference: &str) -> String {
    let slugs: Vec<String> = scdl::entries()
        .unwrap_or_default()
        .into_iter()
        .map(|entry| entry.slug)
        .collect();
    let candidates: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let name = reference.split('@').next().unwrap_or(reference);
    validate::header::closest(name, &candidates)
        .unwrap_or("none")
        .to_owned()
}

/// Renders one schema problem with its location.
pub fn render_problem(messages: &Messages, problem: &SchemaProblem) -> String {
    let args: Vec<(&str, &str)> = problem
        .args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let text = messages.format(problem.code, &args);
    if problem.pointer.is_empty() {
        text
    } else {
        format!(
            "{} ({})",
            text,
            messages.format("cli-schema-location", &[("pointer", &problem.pointer)])
        )
    }
}

/// Resolves a registry name, a path or a URL into a compiled schema.
pub fn resolve(reference: &str) -> Result<ResolvedSchema, SchemaSourceError> {
    let is_url = reference.starts_with("https://") || reference.starts_with("http://");
    let (descriptor, summary) = if is_url {
        let bytes = crate::schema_source::download(reference)?;
        (
            parse_json(reference, &bytes)?,
            SchemaSummary {
                reference: reference.to_owned(),
                ..SchemaSummary::default()
            },
        )
    } else if let Some(entry) =
        scdl::find(reference).map_err(|error| SchemaSourceError::Unreadable {
            reference: reference.to_owned(),
            detail: Failure::Internal(error.to_string()),
        })?
    {
        let summary = SchemaSummary {
            reference: entry.name.clone(),
            title: Some(entry.title.clone()),
            version: Some(entry.version.clone()),
        };
        (entry.schema.clone(), summary)
    } else if Path::new(reference).is_file() {
        let bytes = read_file(reference)?;
        (
            parse_json(reference, &bytes)?,
            SchemaSummary {
                reference: reference.to_owned(),
                ..SchemaSummary::default()
            },
        )
    } else {
        return Err(SchemaSourceError::NotFound(reference.to_owned()));
    };
    let bundled = !is_url && scdl::find(reference).ok().flatten().is_some();
    let mut resolved = compile(reference, &descriptor, summary)?;
    resolved.bundled = bundled;
    Ok(resolved)
}

fn compile(
    reference: &str,
    descriptor: &serde_json::Value,
    mut summary: SchemaSummary,
) -> Result<ResolvedSchema, SchemaSourceError> {
    let invalid = |error| SchemaSourceError::Invalid {
        reference: reference.to_owned(),
        error,
    };
    let (schema, warnings) = Schema::from_json_value(descriptor).map_err(invalid)?;
    let compiled = schema.compile().map_err(invalid)?;
    if summary.title.is_none() {
        summary.title = schema.title.clone();
    }
    if summary.version.is_none() {
        summary.version = schema.version.clone();
    }
    Ok(ResolvedSchema {
        compiled,
        summary,
        warnings,
        bundled: false,
    })
}

/// Parses descriptor bytes; a JSON syntax error becomes a schema problem with its position.
fn parse_json(reference: &str, bytes: &[u8]) -> Result<serde_json::Value, SchemaSourceError> {
    serde_json::from_slice(bytes).map_err(|error| SchemaSourceError::Invalid {
        reference: reference.to_owned(),
        error: SchemaError {
            problems: vec![
                SchemaProblem::new("schema-json-invalid", "")
                    .arg("line", error.line().to_string())
                    .arg("column", error.column().to_string())
                    .arg("error", error.to_string()),
            ],
        },
    })
}

fn read_file(reference: &str) -> Result<Vec<u8>, SchemaSourceError> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| SchemaSourceError::Unreadable {
        reference: reference.to_owned(),
        detail: Failure::Io(error),
    };
    let file = std::fs::File::open(reference).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_SCHEMA_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_SCHEMA_BYTES {
        return Err(SchemaSourceError::TooLarge {
            reference: reference.to_owned(),
        });
    }
    Ok(bytes)
}

/// Downloads a descriptor over HTTP(S), bounded in size and time.
pub fn download(url: &str) -> Result<Vec<u8>, SchemaSourceError> {
    use std::io::Read;
    let failed = |detail: Failure| SchemaSourceError::Download {
        reference: url.to_owned(),
        detail,
    };
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .max_redirects(5)
        .build()
        .new_agent();
    let response = agent
        .get(url)
        .call()
        .map_err(|error| failed(Failure::Http(error)))?;
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(MAX_SCHEMA_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| failed(Failure::Io(error)))?;
    if bytes.len() as u64 > MAX_SCHEMA_BYTES {
        return Err(SchemaSourceError::TooLarge {
            reference: url.to_owned(),
        });
    }
    Ok(bytes)
}
