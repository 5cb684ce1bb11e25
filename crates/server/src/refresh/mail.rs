//! Alert e-mails to the editors and admins of an organisation.
//!
//! Each recipient gets a plain-text message in the language they last used on the editor
//! pages, French when unknown. Messages go to the SMTP server of `smtp_url` when one is
//! configured, otherwise into `<data>/outbox/` as `.eml` files that an operator can read
//! or hand to a mail system. Every message handed over, sent or not, is recorded in the
//! catalogue. A failure to send is logged and never stops a refresh.
//!
//! NOTE: the message names the page by its path only, because the configuration has no
//! public base URL of the platform yet. A message the SMTP server rejects is recorded as
//! failed and not sent again.

use std::path::PathBuf;

use catalog::refresh::{Alert, MailRecord, MailTransport, Recipient, RefreshStore};
use i18n::{Lang, Messages};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{FileTransport, SmtpTransport, Transport};

use crate::state::AppState;

/// The transport that receives alert e-mails.
enum Outbox {
    Smtp(SmtpTransport),
    Folder(FileTransport),
}

impl Outbox {
    fn kind(&self) -> MailTransport {
        match self {
            Outbox::Smtp(_) => MailTransport::Smtp,
            Outbox::Folder(_) => MailTransport::File,
        }
    }

    fn send(&self, message: &Message) -> Result<(), String> {
        match self {
            Outbox::Smtp(transport) => transport
                .send(message)
                .map(|_| ())
                .map_err(|error| error.to_string()),
            Outbox::Folder(transport) => transport
                .send(message)
                .map(|_| ())
                .map_err(|error| error.to_string()),
        }
    }
}

/// Returns the folder of the file outbox of a data folder.
pub fn outbox_folder(state: &AppState) -> PathBuf {
    state.config().data.join("outbox")
}

fn open_outbox(state: &AppState) -> Result<Outbox, String> {
    match &state.config().refresh.smtp_url {
        Some(url) => SmtpTransport::from_url(url)
            .map(|builder| Outbox::Smtp(builder.build()))
            // The URL may carry a password: name the setting, not its value.
            .map_err(|error| format!("invalid smtp_url: {error}")),
        None => {
            let folder = outbox_folder(state);
            std::fs::create_dir_all(&folder)
                .map_err(|error| format!("creating {}: {error}", folder.display()))?;
            Ok(Outbox::Folder(FileTransport::new(folder)))
        }
    }
}

/// Sends the e-mail of an alert to every editor and admin of its organisation.
pub async fn send_alert(state: &AppState, alert: &Alert) {
    let recipients = match state.store().alert_recipients(alert.organization_id).await {
        Ok(recipients) => recipients,
        Err(error) => {
            tracing::error!(alert.id = %alert.id, %error, "listing alert recipients failed");
            return;
        }
    };
    if recipients.is_empty() {
        tracing::info!(alert.id = %alert.id, "no editor to warn about the alert");
        return;
    }
    let outbox = match open_outbox(state) {
        Ok(outbox) => outbox,
        Err(error) => {
            tracing::error!(alert.id = %alert.id, %error, "opening the mail transport failed");
            return;
        }
    };
    let from = state.config().refresh.mail_from.clone();
    let kind = outbox.kind();

    let mut prepared = Vec::new();
    for recipient in &recipients {
        let lang = recipient
            .lang
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or_default();
        let base = crate::feed::params::base_url(state.config());
        let (subject, body) = compose(state.messages(lang), alert, recipient, &base);
        let message = build_message(&from, &recipient.email, &subject, body);
        prepared.push((recipient.email.clone(), subject, message));
    }

    // Sending blocks on the network or the disk.
    let outcomes = tokio::task::spawn_blocking(move || {
        prepared
            .into_iter()
            .map(|(email, subject, message)| {
                let error = message.and_then(|message| outbox.send(&message)).err();
                (email, subject, error)
            })
            .collect::<Vec<_>>()
    })
    .await;
    let outcomes = match outcomes {
        Ok(outcomes) => outcomes,
        Err(error) => {
            tracing::error!(alert.id = %alert.id, %error, "mail task failed");
            return;
        }
    };

    for (recipient, subject, error) in outcomes {
        match &error {
            None => {
                tracing::info!(alert.id = %alert.id, transport = kind.code(), "alert e-mail sent")
            }
            Some(error) => {
                tracing::error!(alert.id = %alert.id, transport = kind.code(), %error, "alert e-mail failed")
            }
        }
        let record = MailRecord {
            alert_id: Some(alert.id),
            recipient,
            subject,
            transport: kind,
            error,
        };
        if let Err(error) = state.store().record_mail(&record).await {
            tracing::error!(alert.id = %alert.id, %error, "recording an alert e-mail failed");
        }
    }
}

fn build_message(from: &str, to: &str, subject: &str, body: String) -> Result<Message, String> {
    let from: Mailbox = from
        .parse()
        .map_err(|error| format!("invalid mail_from {from:?}: {error}"))?;
    let to: Mailbox = to
        .parse()
        .map_err(|error| format!("invalid recipient address {to:?}: {error}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|error| format!("building the message: {error}"))
}

/// Renders the subject and body of an alert e-mail in the recipient's language. `base`
/// is the platform's address (`public_url`), so that the link opens from a mail client.
pub fn compose(
    messages: &Messages,
    alert: &Alert,
    recipient: &Recipient,
    base: &str,
) -> (String, String) {
    let kind = alert.kind.code();
    let names = [
        ("dataset", alert.dataset_title.clone()),
        ("resource", alert.resource_title.clone()),
    ];
    let subject = messages.format_owned(&format!("refresh-mail-subject-{kind}"), &names);
    let reason = super::pages::render_message(messages, &alert.detail);
    let path = format!(
        "{base}/jeux-de-donnees/{}/ressources/{}",
        alert.dataset_slug, alert.resource_id
    );
    let lines = [
        messages.format_owned(
            "refresh-mail-greeting",
            &[("name", recipient.display_name.clone())],
        ),
        String::new(),
        messages.format_owned(&format!("refresh-mail-intro-{kind}"), &names),
        String::new(),
        messages.format_owned("refresh-mail-reason", &[("reason", reason)]),
        String::new(),
        messages.format_owned("refresh-mail-link", &[("path", path)]),
        String::new(),
        messages.format("refresh-mail-footer", &[]),
    ];
    (subject, lines.join("\n"))
}
