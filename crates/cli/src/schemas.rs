//! `socle schemas list` and `socle schemas show NAME`.

use clap::Subcommand;
use i18n::Messages;

use crate::EXIT_FAILURE;

#[derive(Subcommand, Debug)]
pub enum SchemasCommand {
    /// List the bundled schemas with their versions.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a bundled schema as a Table Schema descriptor (JSON).
    Show {
        /// Registry name, e.g. deliberations or scdl/deliberations@2.1.5.
        name: String,
    },
}

pub fn run(command: &SchemasCommand, messages: &Messages) -> u8 {
    let entries = match scdl::entries() {
        Ok(entries) => entries,
        Err(error) => {
            crate::print_error(
                messages,
                "cli-registry-broken",
                &[("detail", &error.to_string())],
            );
            return EXIT_FAILURE;
        }
    };
    match command {
        SchemasCommand::List { json } if *json => {
            let list: Vec<serde_json::Value> = entries
                .iter()
                .map(|entry| {
                    serde_json::json!({
                        "name": entry.name, "slug": entry.slug, "version": entry.version, "title": entry.title,
                        "latest": entry.latest, "scdl": entry.is_scdl(), "schemaUrl": entry.schema_url,
                    })
                })
                .collect();
            crate::outln!("{}", serde_json::Value::Array(list));
            0
        }
        SchemasCommand::List { .. } => {
            crate::outln!(
                "{}",
                messages.format(
                    "cli-schemas-heading",
                    &[("count", &entries.len().to_string())]
                )
            );
            let width = entries
                .iter()
                .map(|entry| entry.slug.len() + entry.version.len() + 1)
                .max()
                .unwrap_or(0);
            for entry in &entries {
                let id = if entry.latest {
                    entry.slug.clone()
                } else {
                    format!("{}@{}", entry.slug, entry.version)
                };
                let marker = if entry.is_scdl() { " [SCDL]" } else { "" };
                crate::outln!(
                    "  {id:<width$}  {:<8} {}{marker}  ({})",
                    entry.version,
                    entry.title,
                    entry.name
                );
            }
            0
        }
        SchemasCommand::Show { name } => match scdl::find(name) {
            Ok(Some(entry)) => {
                crate::outln!(
                    "{}",
                    serde_json::to_string_pretty(&entry.schema).unwrap_or_default()
                );
                0
            }
            Ok(None) => {
                let suggestion = crate::schema_source::suggest_schema(name);
                crate::print_error(
                    messages,
                    "cli-schema-not-found",
                    &[("reference", name), ("suggestion", &suggestion)],
                );
                EXIT_FAILURE
            }
            Err(error) => {
                crate::print_error(
                    messages,
                    "cli-registry-broken",
                    &[("detail", &error.to_string())],
                );
                EXIT_FAILURE
            }
        },
    }
}
