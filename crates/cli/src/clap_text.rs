//! French (or English) help pages and argument errors for the clap command tree.
//!
//! clap writes its help headings and errors in English. The command tree is therefore
//! built first, then every command description and argument help is replaced by the
//! catalogue message of the chosen language, and the headings come from templates.
//! Argument errors are rendered here from their kind and context, never by clap.
//!
//! Message ids: `cli-about-PATH` describes a command (`PATH` is `socle`, `socle-validate`,
//! `socle-harvest-preview`…). `cli-arg-PATH-ARG` describes an argument of that command,
//! with `cli-arg-ARG` as the shared text of arguments that mean the same everywhere
//! (`--lang`, `--help`, `--data`). `ARG` is the argument id with `-` for `_`.
//!
//! NOTE: the value placeholders (`<FILE>`, `<MAX_ERRORS>`) are the English argument
//! ids that clap derives.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use i18n::Messages;

/// Id of a command's description. The `help` subcommand clap adds to every command with
/// subcommands mirrors them: `socle help totem convert` is described as `socle totem
/// convert`, and every `help` itself shares `cli-about-help`.
pub fn about_id(path: &str) -> String {
    let path = path.replacen("-help-", "-", 1);
    if path.ends_with("-help") {
        return "cli-about-help".to_owned();
    }
    format!("cli-about-{path}")
}

/// Ids tried, in order, for the help of argument `arg` of command `path`.
pub fn arg_ids(path: &str, arg: &str) -> [String; 2] {
    let arg = arg.replace('_', "-");
    [format!("cli-arg-{path}-{arg}"), format!("cli-arg-{arg}")]
}

/// Builds `command` and replaces its texts, and those of its subcommands, with the
/// messages of the catalogue. A text missing from the catalogue keeps clap's.
pub fn localize(mut command: Command, messages: &Messages) -> Command {
    command.build();
    localize_built(command, messages, "socle")
}

fn localize_built(command: Command, messages: &Messages, path: &str) -> Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        messages.format("cli-help-heading-usage", &[])
    );
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(messages.format("cli-help-heading-commands", &[]))
        .subcommand_value_name(messages.format("cli-help-command-placeholder", &[]));
    let about = about_id(path);
    if messages.has(&about) {
        command = command
            .about(messages.format(&about, &[]))
            .long_about(None::<&str>);
    }
    let positional_heading = messages.format("cli-help-heading-arguments", &[]);
    let option_heading = messages.format("cli-help-heading-options", &[]);
    command = command.mut_args(|arg| {
        let heading = if arg.is_positional() {
            &positional_heading
        } else {
            &option_heading
        };
        localize_arg(arg, messages, path).help_heading(heading.clone())
    });
    command.mut_subcommands(|subcommand| {
        let child = format!("{path}-{}", subcommand.get_name());
        localize_built(subcommand, messages, &child)
    })
}

/// Replaces an argument's help and writes its default value, possible values and
/// environment variable in the catalogue's words instead of clap's English ones.
fn localize_arg(arg: Arg, messages: &Messages, path: &str) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    let Some(help_id) = arg_ids(path, &id)
        .into_iter()
        .find(|candidate| messages.has(candidate))
    else {
        return arg;
    };
    let mut help = messages.format(&help_id, &[]);

    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    // A flag's default (`false`) says nothing to the reader.
    let takes_value = arg.get_action().takes_values();
    if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let values = defaults.join(", ");
        help.push(' ');
        help.push_str(&messages.format("cli-help-default", &[("value", &values)]));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_owned())
        .collect();
    if !possible.is_empty() && !arg.is_hide_possible_values_set() {
        let values = possible.join(", ");
        help.push(' ');
        help.push_str(&messages.format("cli-help-possible", &[("values", &values)]));
    }
    if let Some(variable) = arg.get_env()
        && !arg.is_hide_env_set()
    {
        let variable = variable.to_string_lossy();
        help.push(' ');
        help.push_str(&messages.format("cli-help-env", &[("variable", &variable)]));
    }
    arg.help(help)
        .long_help(None::<&str>)
        .hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true)
}

/// Picks the language before parsing, so that help and argument errors are already in
/// it: `--lang en` or `--lang=en` anywhere, else `SOCLE_LANG`, else French. An invalid
/// `--lang` value leaves French, and clap then reports the value.
pub fn early_lang(args: &[std::ffi::OsString], environment: Option<&str>) -> i18n::Lang {
    let mut chosen = None;
    let mut iter = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().map(|value| value.into_owned())
        } else {
            arg.strip_prefix("--lang=").map(str::to_owned)
        };
        if let Some(value) = value {
            chosen = Some(match value.as_str() {
                "en" => i18n::Lang::En,
                _ => i18n::Lang::Fr,
            });
        }
    }
    chosen
        .or_else(|| environment.and_then(i18n::Lang::from_tag))
        .unwrap_or_default()
}

/// Returns the command line the arguments name (`socle totem convert`), for the hint
/// that points to its help: clap attaches no usage line to errors about values.
pub fn command_line(command: &Command, args: &[std::ffi::OsString]) -> String {
    let mut words = vec![command.get_name().to_owned()];
    let mut current = command;
    let mut iter = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            iter.next();
            continue;
        }
        if arg.starts_with('-') {
            continue;
        }
        match current.find_subcommand(arg.as_ref()) {
            Some(subcommand) => {
                words.push(subcommand.get_name().to_owned());
                current = subcommand;
            }
            None => break,
        }
    }
    words.join(" ")
}

/// Prints a clap error or help page and returns the exit status: 0 for `--help` and
/// `--version`, 2 for a usage error. `command_line` names the command whose help the
/// error points to.
pub fn report(error: &clap::Error, messages: &Messages, command_line: &str) -> u8 {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            0
        }
        // The help page, already translated, printed when a command is given nothing.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            crate::EXIT_FAILURE
        }
        _ => {
            let (id, args) = describe(error);
            let borrowed: Vec<(&str, &str)> = args
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            crate::print_error(messages, id, &borrowed);
            eprintln!(
                "  → {}",
                messages.format("cli-usage-more", &[("command", command_line)])
            );
            crate::EXIT_FAILURE
        }
    }
}

/// Chooses the message of a clap error and its arguments from the error's context.
fn describe(error: &clap::Error) -> (&'static str, Vec<(&'static str, String)>) {
    let text = |kind| error.get(kind).map(context_text).unwrap_or_default();
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    match error.kind() {
        ErrorKind::InvalidValue => {
            let suggestion = error
                .get(ContextKind::SuggestedValue)
                .map(context_text)
                .unwrap_or_else(|| "none".to_owned());
            (
                "cli-usage-invalid-value",
                vec![
                    ("arg", arg),
                    ("value", value),
                    ("valid", text(ContextKind::ValidValue)),
                    ("suggestion", suggestion),
                ],
            )
        }
        ErrorKind::ValueValidation => {
            let hint_arg = argument_name(&arg);
            (
                "cli-usage-value-rejected",
                vec![("arg", arg), ("value", value), ("expected", hint_arg)],
            )
        }
        ErrorKind::UnknownArgument => {
            let suggestion = error
                .get(ContextKind::SuggestedArg)
                .map(context_text)
                .unwrap_or_else(|| "none".to_owned());
            (
                "cli-usage-unknown-argument",
                vec![("arg", arg), ("suggestion", suggestion)],
            )
        }
        ErrorKind::InvalidSubcommand => {
            let suggestion = error
                .get(ContextKind::SuggestedSubcommand)
                .map(context_text)
                .unwrap_or_else(|| "none".to_owned());
            (
                "cli-usage-unknown-subcommand",
                vec![
                    ("name", text(ContextKind::InvalidSubcommand)),
                    ("suggestion", suggestion),
                ],
            )
        }
        ErrorKind::MissingRequiredArgument => ("cli-usage-missing-argument", vec![("arg", arg)]),
        ErrorKind::MissingSubcommand => (
            "cli-usage-missing-subcommand",
            vec![("valid", text(ContextKind::ValidSubcommand))],
        ),
        ErrorKind::ArgumentConflict => (
            "cli-usage-conflict",
            vec![("arg", arg), ("other", text(ContextKind::PriorArg))],
        ),
        ErrorKind::NoEquals => ("cli-usage-no-equals", vec![("arg", arg)]),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => (
            "cli-usage-value-count",
            vec![("arg", arg), ("value", value)],
        ),
        ErrorKind::InvalidUtf8 => ("cli-usage-not-utf8", Vec::new()),
        _ => ("cli-usage-invalid", Vec::new()),
    }
}

/// Joins a context value into one line: lists become « a », « b ».
fn context_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(text) => text.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(number) => number.to_string(),
        ContextValue::Bool(flag) => flag.to_string(),
        _ => String::new(),
    }
}

/// Turns clap's argument display (`--max-errors <MAX_ERRORS>`, `<FILE>`) into the
/// argument's name (`max-errors`, `file`), which selects the hint of the expected value.
fn argument_name(display: &str) -> String {
    display
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_start_matches('-')
        .trim_matches(['<', '>', '.'])
        .to_lowercase()
        .replace('_', "-")
}
