//! `socle admin set-password EMAIL [--data DIR]` replaces the password of an account, for
//! example the demo account's, whose password is printed only on the first start.
//!
//! The new password is read from `SOCLE_PASSWORD`, or typed twice at the terminal without
//! echo. It is hashed with Argon2id by the catalogue, which also closes the account's open
//! sessions. It can run while the server runs, as SQLite serialises the writes.

use i18n::Messages;

use crate::serve_cmd::SetPasswordArgs;
use crate::{EXIT_FAILURE, outln, print_error};

/// Runs `socle admin set-password` and returns the exit status.
pub fn run(args: &SetPasswordArgs, messages: &Messages) -> u8 {
    let data = args.data.display().to_string();
    let database = args.data.join("catalog.db");
    if !database.is_file() {
        print_error(messages, "cli-admin-no-database", &[("data", &data)]);
        return EXIT_FAILURE;
    }
    let email = args.email.trim();
    let Some(password) = read_password(messages, email) else {
        return EXIT_FAILURE;
    };

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            let detail = crate::failure::io_detail(messages, &error);
            print_error(messages, "cli-admin-password-failed", &[("error", &detail)]);
            return EXIT_FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        let store = catalog::SqliteStore::open(&database).await?;
        let outcome = store.set_password(email, &password).await;
        store.close().await;
        outcome
    });
    match outcome {
        Ok(Some(user)) => {
            outln!(
                "{}",
                messages.format("cli-admin-password-set", &[("email", &user.email)])
            );
            0
        }
        Ok(None) => {
            print_error(messages, "cli-admin-user-not-found", &[("email", email)]);
            EXIT_FAILURE
        }
        Err(error) => {
            // A rejected password (too short) carries a message id of the catalogue.
            let detail = match &error {
                catalog::Error::Invalid { message_id, .. } => messages.format(message_id, &[]),
                catalog::Error::Io(io_error) => crate::failure::io_detail(messages, io_error),
                other => other.to_string(),
            };
            print_error(messages, "cli-admin-password-failed", &[("error", &detail)]);
            EXIT_FAILURE
        }
    }
}

/// Reads the new password from `SOCLE_PASSWORD`, or from the terminal without echo,
/// twice. Prints the reason and returns `None` when no password could be read.
fn read_password(messages: &Messages, email: &str) -> Option<String> {
    if let Ok(password) = std::env::var("SOCLE_PASSWORD") {
        return Some(password);
    }
    let prompt = messages.format("cli-admin-password-prompt", &[("email", email)]);
    let confirm = messages.format("cli-admin-password-confirm", &[]);
    let typed = rpassword::prompt_password(prompt)
        .and_then(|first| rpassword::prompt_password(confirm).map(|second| (first, second)));
    match typed {
        Ok((first, second)) if first == second => Some(first),
        Ok(_) => {
            print_error(messages, "cli-admin-password-mismatch", &[]);
            None
        }
        Err(error) => {
            let detail = crate::failure::io_detail(messages, &error);
            print_error(
                messages,
                "cli-admin-password-unreadable",
                &[("detail", &detail)],
            );
            None
        }
    }
}
