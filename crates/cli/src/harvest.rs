//! `socle harvest preview URL --type ckan|dcat|udata|ods [--format text|json]`: reads the
//! first entries of a remote catalogue as a harvest would, and prints the datasets and
//! files that would be harvested and the entries that would be skipped, with reasons.
//! Nothing is stored.
//!
//! Non-public addresses (loopback, private networks) are rejected unless
//! `--allow-private` or an allow-list (`--allow`, or `SOCLE_HARVEST_ALLOW`) opens them.
//!
//! Exit status: 0 when every page read was readable. 1 when a page failed, or when the
//! listing stopped early for another reason than the preview limit. 2 when the source
//! could not be read at all (invalid address or allow-list).
//!
//! JSON output (`--format json`), one object:
//! - `format_version`: 1, raised on any incompatible change;
//! - `kind`, `url`: the source as given;
//! - `pages_read`: pages requested, failed ones included;
//! - `datasets`, `skipped`: numbers of items of each kind in `items`;
//! - `complete`: true when the whole remote list was read;
//! - `completion`: `{"status": "complete"}`, `{"status": "pages_failed", "failed": N}`
//!   or `{"status": "cut_short", "reason": {"code": …, …}, "message": …}`;
//! - `items`: at most 20 entries in listing order. A dataset is
//!   `{"kind": "dataset", "remote_id", "title", "licence": {"code", "raw"}, "distributions": […], "notes": […], …}`
//!   with every field of `harvest::record::RemoteDataset`; each note has `code`, `args`
//!   and a rendered `message`. A skipped entry is
//!   `{"kind": "skipped", "remote_id", "title", "reason", "args", "message"}`;
//! - `page_errors`: `{"number", "url", "code", "args", "message"}` for each failed page.
//!
//! Messages are in the language of `--lang` / `SOCLE_LANG`; codes and field names do
//! not change with the language.

use ::harvest::fetch::{AllowList, FetchConfig, Fetcher};
use ::harvest::preview::{PREVIEW_ITEMS, Preview, preview};
use ::harvest::record::{Item, Mapped, RemoteDataset};
use ::harvest::source::{Completion, CutReason, Filters, SourceConfig, SourceKind};
use clap::{Args, ValueEnum};
use i18n::Messages;
use serde_json::{Value, json};
use validate::render::printable;

use crate::{EXIT_FAILURE, borrow_args, outln, print_error};

/// Networks opened by `--allow-private`: loopback, RFC 1918, shared (CGNAT) and IPv6
/// unique-local. Link-local stays closed because cloud metadata services live there.
const PRIVATE_NETWORKS: &str =
    "127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7";

/// Message of a fetch rejected because the address is not public.
const ADDRESS_REJECTED: &str = "harvest-fetch-address-rejected";

/// How to open a non-public address to the preview.
const ALLOW_HINT: &str = "harvest-preview-cli-allow-hint";

#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// Address of the catalogue: CKAN site root, DCAT file or feed, udata API root or
    /// listing, Opendatasoft portal root or DCAT export.
    url: String,
    /// Kind of catalogue.
    #[arg(long = "type", value_enum)]
    kind: KindArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Remote organisation to read (CKAN organisation name, udata organisation id,
    /// Opendatasoft publisher).
    #[arg(long)]
    organization: Option<String>,
    /// Tag every dataset must have; repeat for several.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Remote query (CKAN q, udata q, Opendatasoft where clause).
    #[arg(long)]
    query: Option<String>,
    /// Allow loopback and private networks (10/8, 172.16/12, 192.168/16, 100.64/10,
    /// fc00::/7), for a catalogue on this machine or the intranet.
    #[arg(long)]
    allow_private: bool,
    /// Networks (CIDR) or host names to allow even though they are not public,
    /// separated by commas.
    #[arg(long, env = "SOCLE_HARVEST_ALLOW")]
    allow: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum KindArg {
    Ckan,
    Dcat,
    Udata,
    Ods,
}

impl KindArg {
    fn kind(self) -> SourceKind {
        match self {
            KindArg::Ckan => SourceKind::Ckan,
            KindArg::Dcat => SourceKind::Dcat,
            KindArg::Udata => SourceKind::Udata,
            KindArg::Ods => SourceKind::Ods,
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

/// Builds the allow-list from the flags; returns the invalid entry as error.
fn allow_list(args: &PreviewArgs) -> Result<AllowList, String> {
    let mut entries = String::new();
    if args.allow_private {
        entries.push_str(PRIVATE_NETWORKS);
    }
    if let Some(allow) = &args.allow {
        entries.push(',');
        entries.push_str(allow);
    }
    AllowList::parse(&entries)
}

/// Runs `socle harvest preview` and returns the exit status.
pub fn run_preview(args: &PreviewArgs, messages: &Messages) -> u8 {
    let allow = match allow_list(args) {
        Ok(allow) => allow,
        Err(entry) => {
            print_error(
                messages,
                "harvest-preview-cli-allow-invalid",
                &[("entry", &entry)],
            );
            return EXIT_FAILURE;
        }
    };
    let fetcher = Fetcher::new(FetchConfig {
        allow,
        ..FetchConfig::default()
    });
    let config = SourceConfig {
        filters: Filters {
            organization: args.organization.clone(),
            tags: args.tags.clone(),
            query: args.query.clone(),
        },
        ..SourceConfig::new(args.kind.kind(), &args.url)
    };
    let preview = match preview(&config, &fetcher) {
        Ok(preview) => preview,
        Err(error) => {
            let owned = error.args();
            print_error(messages, error.message_id(), &borrow_args(&owned));
            if error.message_id() == ADDRESS_REJECTED {
                eprintln!("  → {}", render_static(messages, ALLOW_HINT, &[]));
            }
            return EXIT_FAILURE;
        }
    };
    // When not one page could be read, the summary and the incomplete-listing note add
    // nothing to the reason: the text output is that reason alone, as an error.
    let nothing_read = preview.items.is_empty()
        && !preview.page_errors.is_empty()
        && preview.pages_read == preview.page_errors.len();
    if nothing_read && matches!(args.format, FormatArg::Text) {
        let first = &preview.page_errors[0];
        let reason = render_static(messages, first.error.message_id(), &first.error.args());
        print_error(
            messages,
            "harvest-preview-cli-unreadable",
            &[("url", &args.url), ("reason", &reason)],
        );
        if first.error.message_id() == ADDRESS_REJECTED {
            eprintln!("  → {}", render_static(messages, ALLOW_HINT, &[]));
        }
        return 1;
    }
    match args.format {
        FormatArg::Text => print_text(&preview, messages),
        FormatArg::Json => outln!("{:#}", to_json(&preview, messages)),
    }
    let cut_by_source = matches!(
        &preview.completion,
        Completion::CutShort { reason } if *reason != CutReason::Stopped
    );
    if preview.page_errors.is_empty() && !cut_by_source {
        0
    } else {
        1
    }
}

fn render(messages: &Messages, id: &str, args: &[(String, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    printable(&messages.format(id, &borrowed))
}

fn render_static(messages: &Messages, id: &str, args: &[(&'static str, String)]) -> String {
    printable(&messages.format_owned(id, args))
}

/// Shows a mapped licence or frequency by its label (licence title, French frequency
/// name); the JSON output keeps the codes.
fn mapped_text(
    messages: &Messages,
    mapped: &Mapped,
    label: fn(&Messages, &str) -> String,
) -> String {
    match &mapped.code {
        Some(code) => label(messages, code),
        None => render_static(
            messages,
            "harvest-preview-cli-raw",
            &[("value", mapped.raw.clone())],
        ),
    }
}

/// Returns the title of a licence of the platform's list, or its code when unlisted.
fn licence_label(_messages: &Messages, code: &str) -> String {
    catalog::LICENCES
        .iter()
        .find(|licence| licence.id == code)
        .map_or_else(|| code.to_owned(), |licence| licence.title.to_owned())
}

/// Returns the name of an update frequency as the platform's pages show it.
fn frequency_label(messages: &Messages, code: &str) -> String {
    let id = format!("server-frequency-{code}");
    if messages.has(&id) {
        messages.format(&id, &[])
    } else {
        code.to_owned()
    }
}

/// Shortens a format given as a vocabulary URI to its code: the EU file-type authority
/// (`…/file-type/CSV` gives `CSV`) and IANA media types (`…/media-types/text/csv` gives
/// `text/csv`). Other values are shown as they are.
fn format_label(format: &str) -> &str {
    for marker in ["/authority/file-type/", "/assignments/media-types/"] {
        if let Some((_, code)) = format.split_once(marker)
            && !code.is_empty()
        {
            return code;
        }
    }
    format
}

fn count_items(preview: &Preview) -> (usize, usize) {
    let datasets = preview
        .items
        .iter()
        .filter(|item| matches!(item, Item::Dataset(_)))
        .count();
    (datasets, preview.items.len() - datasets)
}

fn print_text(preview: &Preview, messages: &Messages) {
    let (datasets, skipped) = count_items(preview);
    let failed = preview.page_errors.len();
    let readable = preview.pages_read.saturating_sub(failed);
    // A preview stopped at its own limit has read everything it shows.
    let complete = match &preview.completion {
        Completion::Complete
        | Completion::CutShort {
            reason: CutReason::Stopped,
        } => "yes",
        _ => "no",
    };
    outln!(
        "{}",
        render_static(
            messages,
            "harvest-preview-cli-heading",
            &[
                ("kind", preview.kind.code().to_owned()),
                ("url", preview.url.clone()),
                ("datasets", datasets.to_string()),
                ("skipped", skipped.to_string()),
                ("pages", readable.to_string()),
                ("failed", failed.to_string()),
                ("complete", complete.to_owned()),
            ],
        )
    );
    for item in &preview.items {
        outln!();
        match item {
            Item::Dataset(dataset) => print_dataset(dataset, messages),
            Item::Skipped(skip) => outln!(
                "{}",
                render_static(
                    messages,
                    "harvest-preview-cli-skipped",
                    &[(
                        "message",
                        render(messages, &skip.reason.message_id(), &skip.args)
                    )],
                )
            ),
        }
    }
    outln!();
    let mut address_rejected = false;
    for error in &preview.page_errors {
        let message = render_static(messages, error.error.message_id(), &error.error.args());
        address_rejected |= error.error.message_id() == ADDRESS_REJECTED;
        outln!(
            "{}",
            render_static(
                messages,
                "harvest-preview-cli-page-error",
                &[("number", error.number.to_string()), ("message", message)],
            )
        );
    }
    if address_rejected {
        outln!("  → {}", render_static(messages, ALLOW_HINT, &[]));
    }
    outln!("{}", completion_text(&preview.completion, messages));
}

fn print_dataset(dataset: &RemoteDataset, messages: &Messages) {
    outln!(
        "{}",
        render_static(
            messages,
            "harvest-preview-cli-dataset",
            &[
                ("title", dataset.title.clone()),
                ("id", dataset.remote_id.clone()),
            ],
        )
    );
    if let Some(licence) = &dataset.licence {
        let licence = mapped_text(messages, licence, licence_label);
        outln!(
            "  {}",
            render_static(
                messages,
                "harvest-preview-cli-licence",
                &[("licence", licence)]
            )
        );
    }
    if let Some(frequency) = &dataset.frequency {
        let frequency = mapped_text(messages, frequency, frequency_label);
        outln!(
            "  {}",
            render_static(
                messages,
                "harvest-preview-cli-frequency",
                &[("frequency", frequency)]
            )
        );
    }
    outln!(
        "  {}",
        render_static(
            messages,
            "harvest-preview-cli-distributions",
            &[("count", dataset.distributions.len().to_string())],
        )
    );
    for distribution in &dataset.distributions {
        let title = distribution.title.as_deref().unwrap_or("-");
        let format = distribution.format.as_deref().map_or("?", format_label);
        outln!(
            "    - {} [{}] {}",
            printable(title),
            printable(format),
            printable(&distribution.url)
        );
    }
    for note in &dataset.notes {
        let message = render(messages, &note.code.message_id(), &note.args);
        outln!(
            "  {}",
            render_static(
                messages,
                "harvest-preview-cli-note",
                &[("message", message)]
            )
        );
    }
}

fn completion_text(completion: &Completion, messages: &Messages) -> String {
    match completion {
        Completion::Complete => render_static(messages, "harvest-preview-cli-complete", &[]),
        Completion::PagesFailed { failed } => render_static(
            messages,
            "harvest-preview-cli-pages-failed",
            &[("failed", failed.to_string())],
        ),
        Completion::CutShort {
            reason: CutReason::Stopped,
        } => render_static(
            messages,
            "harvest-preview-cli-more",
            &[("limit", PREVIEW_ITEMS.to_string())],
        ),
        Completion::CutShort { reason } => {
            let message = render_static(messages, reason.message_id(), &reason.args());
            render_static(
                messages,
                "harvest-preview-cli-cut-short",
                &[("message", message)],
            )
        }
    }
}

fn args_object(args: &[(&'static str, String)]) -> Value {
    Value::Object(
        args.iter()
            .map(|(name, value)| ((*name).to_owned(), Value::String(value.clone())))
            .collect(),
    )
}

fn to_json(preview: &Preview, messages: &Messages) -> Value {
    let (datasets, skipped) = count_items(preview);
    let items: Vec<Value> = preview
        .items
        .iter()
        .map(|item| item_json(item, messages))
        .collect();
    let page_errors: Vec<Value> = preview
        .page_errors
        .iter()
        .map(|error| {
            let args = error.error.args();
            json!({
                "number": error.number,
                "url": error.url,
                "code": error.error.message_id(),
                "args": args_object(&args),
                "message": messages.format_owned(error.error.message_id(), &args),
            })
        })
        .collect();
    let mut completion = serde_json::to_value(&preview.completion).unwrap_or(Value::Null);
    if let (Completion::CutShort { reason }, Value::Object(object)) =
        (&preview.completion, &mut completion)
    {
        object.insert(
            "message".to_owned(),
            Value::String(messages.format_owned(reason.message_id(), &reason.args())),
        );
    }
    json!({
        "format_version": 1,
        "kind": preview.kind.code(),
        "url": preview.url,
        "pages_read": preview.pages_read,
        "datasets": datasets,
        "skipped": skipped,
        "complete": preview.completion.is_complete(),
        "completion": completion,
        "items": items,
        "page_errors": page_errors,
    })
}

/// Serialises an item and adds the rendered message of each skip and note.
fn item_json(item: &Item, messages: &Messages) -> Value {
    let mut value = serde_json::to_value(item).unwrap_or(Value::Null);
    match item {
        Item::Skipped(skip) => {
            if let Value::Object(object) = &mut value {
                let message = render(messages, &skip.reason.message_id(), &skip.args);
                object.insert("message".to_owned(), Value::String(message));
            }
        }
        Item::Dataset(dataset) => {
            let notes = value.get_mut("notes").and_then(Value::as_array_mut);
            for (note, rendered) in notes.into_iter().flatten().zip(&dataset.notes) {
                if let Value::Object(object) = note {
                    let message = render(messages, &rendered.code.message_id(), &rendered.args);
                    object.insert("message".to_owned(), Value::String(message));
                }
            }
        }
    }
    value
}
