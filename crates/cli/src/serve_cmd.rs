//! `socle serve` starts the publication platform; `socle admin create-user` creates an
//! account, by default a platform administrator (the first one of a new platform).
//!
//! Settings come from the data folder's `socle.toml`, then `SOCLE_*` variables, then the
//! flags given here. The demo password is `SOCLE_DEMO_PASSWORD` when set, otherwise a
//! random one printed on the first start.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use i18n::Messages;

use crate::failure::{describe_error, io_detail, io_source};
use crate::{EXIT_FAILURE, print_error};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080]. Also SOCLE_BIND.
    #[arg(long)]
    bind: Option<SocketAddr>,
    /// Folder of the database and uploaded files; created when absent.
    #[arg(long, default_value = "./socle-data", env = "SOCLE_DATA")]
    data: PathBuf,
    /// Seed a demonstration catalogue and account into an empty database.
    #[arg(long)]
    demo: bool,
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create an account; the password is read from SOCLE_PASSWORD or standard input.
    CreateUser(CreateUserArgs),
    /// Change the password of an account; the new one is read from SOCLE_PASSWORD or prompted for.
    SetPassword(SetPasswordArgs),
    /// Remove stored files that no catalogue row references and that are older than a safety age.
    SweepFiles(crate::sweep_cmd::SweepArgs),
}

#[derive(Args, Debug)]
pub struct SetPasswordArgs {
    /// E-mail address of the account.
    pub email: String,
    /// Folder of the database.
    #[arg(long, default_value = "./socle-data", env = "SOCLE_DATA")]
    pub data: PathBuf,
}

#[derive(Args, Debug)]
pub struct CreateUserArgs {
    /// E-mail address used to sign in.
    #[arg(long)]
    email: String,
    /// Name shown in the pages.
    #[arg(long)]
    name: String,
    /// Create an ordinary account instead of a platform administrator.
    #[arg(long)]
    not_admin: bool,
    /// Folder of the database.
    #[arg(long, default_value = "./socle-data", env = "SOCLE_DATA")]
    data: PathBuf,
}

/// Runs `socle serve` and returns the exit status.
pub fn run_serve(args: &ServeArgs, messages: &Messages) -> u8 {
    server::init_logging();
    // The data folder is created at the first start, but not a whole missing path: that is
    // more often a typo, which would start an empty platform.
    if !args.data.exists()
        && let Some(parent) = args.data.parent()
        && !parent.as_os_str().is_empty()
        && !parent.is_dir()
    {
        let parent = parent.display().to_string();
        print_error(
            messages,
            "cli-serve-data-parent-missing",
            &[("parent", &parent)],
        );
        return EXIT_FAILURE;
    }
    let mut config = match server::Config::load(&args.data, &|name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(error) => {
            print_config_error(messages, &error);
            return EXIT_FAILURE;
        }
    };
    if let Some(bind) = args.bind {
        config.bind = bind;
    }
    config.demo = args.demo;
    let demo_password = args
        .demo
        .then(|| std::env::var("SOCLE_DEMO_PASSWORD").unwrap_or_else(|_| random_password()));
    let bind = config.bind;
    match server::serve_blocking(config, demo_password) {
        Ok(()) => 0,
        Err(error) => {
            print_serve_error(messages, &error, bind);
            EXIT_FAILURE
        }
    }
}

/// Prints a configuration error in the catalogue's words.
pub fn print_config_error(messages: &Messages, error: &server::config::ConfigError) {
    use server::config::ConfigError;
    let detail = match error {
        ConfigError::Read { path, source } => messages.format(
            "cli-config-read",
            &[
                ("path", &path.display().to_string()),
                ("detail", &io_detail(messages, source)),
            ],
        ),
        ConfigError::Parse {
            path,
            line,
            key: Some(key),
            detail,
        } => messages.format(
            "cli-config-value",
            &[
                ("path", &path.display().to_string()),
                ("line", &line_text(*line)),
                ("key", key),
                ("detail", detail),
            ],
        ),
        ConfigError::Parse {
            path,
            line,
            key: None,
            detail,
        } => messages.format(
            "cli-config-parse",
            &[
                ("path", &path.display().to_string()),
                ("line", &line_text(*line)),
                ("detail", detail),
            ],
        ),
        ConfigError::OutOfRange {
            key,
            value,
            min,
            max,
        } => messages.format(
            "cli-config-out-of-range",
            &[
                ("key", key),
                ("value", value),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        ),
        ConfigError::UnknownKey {
            path,
            table,
            key,
            known,
        } => messages.format(
            "cli-config-unknown-key",
            &[
                ("path", &path.display().to_string()),
                ("table", if table.is_empty() { "top" } else { table }),
                ("key", key),
                ("known", &known.join(", ")),
            ],
        ),
        ConfigError::AllowEntry { setting, entry } => messages.format(
            "cli-config-allow-entry",
            &[
                (
                    "setting",
                    if *setting == "fetch_allow" {
                        "fetch"
                    } else {
                        "harvest"
                    },
                ),
                ("entry", entry),
            ],
        ),
        ConfigError::Env {
            name,
            value,
            expected,
        } => messages.format(
            "cli-config-env",
            &[("name", name), ("value", value), ("expected", expected)],
        ),
    };
    print_error(messages, "server-cli-config-invalid", &[("error", &detail)]);
}

/// Writes a line number for the messages, or `none` when the parser gave none.
fn line_text(line: Option<usize>) -> String {
    line.map_or_else(|| "none".to_owned(), |line| line.to_string())
}

/// Prints why the server stopped. A busy or unusable listening address gets its own
/// message with the `--bind` fix; other I/O failures are described by kind.
fn print_serve_error(messages: &Messages, error: &anyhow::Error, bind: SocketAddr) {
    let address = bind.to_string();
    let bind_failed = error.to_string().starts_with("binding ");
    match io_source(error.as_ref()) {
        Some(io_error) if bind_failed && io_error.kind() == std::io::ErrorKind::AddrInUse => {
            let next = bind.port().checked_add(1).unwrap_or(8081).to_string();
            print_error(
                messages,
                "cli-serve-port-busy",
                &[
                    ("address", &bind.ip().to_string()),
                    ("port", &bind.port().to_string()),
                    ("ip", &bind.ip().to_string()),
                    ("next", &next),
                ],
            );
        }
        Some(io_error) if bind_failed => {
            let detail = io_detail(messages, io_error);
            print_error(
                messages,
                "cli-serve-bind-failed",
                &[("address", &address), ("detail", &detail)],
            );
        }
        _ => {
            let detail = describe_error(messages, error);
            print_error(messages, "server-cli-failed", &[("error", &detail)]);
        }
    }
}

fn random_password() -> String {
    catalog::auth::new_token()
        .map(|token| token.chars().take(16).collect())
        .unwrap_or_else(|_| "socle-demo-password".to_string())
}

/// Runs `socle admin …` and returns the exit status.
pub fn run_admin(command: &AdminCommand, messages: &Messages) -> u8 {
    let args = match command {
        AdminCommand::CreateUser(args) => args,
        AdminCommand::SetPassword(args) => return crate::password_cmd::run(args, messages),
        AdminCommand::SweepFiles(args) => return crate::sweep_cmd::run(args, messages),
    };
    let password = match std::env::var("SOCLE_PASSWORD") {
        Ok(password) => password,
        // Typed at a terminal, the password is not echoed; piped, it is read as a line.
        Err(_) if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(messages.format("server-cli-password-prompt", &[]))
                .unwrap_or_default()
        }
        Err(_) => {
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).is_err() {
                line.clear();
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    match server::create_user_blocking(
        &args.data,
        &args.email,
        &args.name,
        &password,
        !args.not_admin,
    ) {
        Ok(user) => {
            let id = if user.is_platform_admin {
                "server-cli-admin-created"
            } else {
                "server-cli-user-created"
            };
            println!("{}", messages.format(id, &[("email", &user.email)]));
            0
        }
        Err(error) => {
            let detail = describe_error(messages, &error);
            print_error(messages, "server-cli-user-failed", &[("error", &detail)]);
            EXIT_FAILURE
        }
    }
}
