//! Every message id the crate hands out exists in both languages and renders with the
//! arguments given alongside it.

use harvest::fetch::FetchError;
use harvest::record::{NoteCode, SkipReason};
use harvest::source::{CutReason, SourceError};
use i18n::{Lang, Messages};

fn check(id: &str, args: &[(&'static str, String)]) {
    for lang in [Lang::Fr, Lang::En] {
        let messages = Messages::new(lang);
        assert!(messages.has(id), "{id} missing in {lang:?}");
        let text = messages.format_owned(id, args);
        assert!(
            !text.contains('{'),
            "{id} in {lang:?} has an unresolved argument: {text}"
        );
    }
}

fn owned(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs
        .iter()
        .map(|(name, value)| (*name, (*value).to_owned()))
        .collect()
}

#[test]
fn skip_reasons_have_messages() {
    let cases = [
        (SkipReason::MissingIdentifier, owned(&[])),
        (SkipReason::MissingTitle, owned(&[("id", "a")])),
        (SkipReason::DuplicateIdentifier, owned(&[("id", "a")])),
        (
            SkipReason::InvalidValue,
            owned(&[("id", "a"), ("field", "language"), ("value", "français")]),
        ),
        (SkipReason::NotAnObject, owned(&[("position", "3")])),
        (SkipReason::NotPublic, owned(&[("id", "a")])),
        (
            SkipReason::NotADataset,
            owned(&[("id", "a"), ("type", "showcase")]),
        ),
    ];
    for (reason, args) in cases {
        check(&reason.message_id(), &args);
    }
}

#[test]
fn notes_have_messages() {
    let cases = [
        (NoteCode::UnknownLicence, owned(&[("value", "fr-lo")])),
        (NoteCode::UnknownFrequency, owned(&[("value", "x")])),
        (
            NoteCode::DistributionWithoutUrl,
            owned(&[("position", "0"), ("title", "t")]),
        ),
        (
            NoteCode::InvalidValueIgnored,
            owned(&[("field", "spatial"), ("value", "x")]),
        ),
    ];
    for (code, args) in cases {
        check(&code.message_id(), &args);
    }
}

#[test]
fn errors_and_cut_reasons_have_messages() {
    let url = "http://h.example/".to_owned();
    let fetch_errors = [
        FetchError::InvalidUrl { url: url.clone() },
        FetchError::UnsupportedScheme {
            url: url.clone(),
            scheme: "ftp".into(),
        },
        FetchError::HostNotFound { host: "h".into() },
        FetchError::AddressRejected {
            host: "h".into(),
            address: "10.0.0.1".into(),
            range: "private".into(),
        },
        FetchError::ConnectionFailed {
            url: url.clone(),
            detail: "refused".into(),
        },
        FetchError::Timeout {
            url: url.clone(),
            seconds: 30,
            attempts: 4,
        },
        FetchError::TooLarge {
            url: url.clone(),
            limit: 10,
        },
        FetchError::Status {
            url: url.clone(),
            status: 503,
        },
        FetchError::TooManyRedirects {
            url: url.clone(),
            limit: 5,
        },
        FetchError::RedirectLoop { url: url.clone() },
        FetchError::InvalidRedirect { url: url.clone() },
        FetchError::Read {
            url: url.clone(),
            detail: "reset".into(),
        },
        FetchError::Write {
            url: url.clone(),
            detail: "full".into(),
        },
    ];
    for error in fetch_errors {
        check(error.message_id(), &error.args());
    }
    let source_errors = [
        SourceError::InvalidJson {
            url: url.clone(),
            detail: "eof".into(),
        },
        SourceError::InvalidRdf {
            url: url.clone(),
            detail: "syntax".into(),
        },
        SourceError::UnexpectedAnswer {
            url: url.clone(),
            detail: "html".into(),
        },
        SourceError::InvalidSourceUrl { url: url.clone() },
    ];
    for error in source_errors {
        check(error.message_id(), &error.args());
    }
    let reasons = [
        CutReason::PageFailed { url: url.clone() },
        CutReason::NextLinkLoop { url: url.clone() },
        CutReason::NextLinkOffHost { url: url.clone() },
        CutReason::PageLimit { max_pages: 10 },
        CutReason::CountChanged { first: 1, now: 2 },
        CutReason::OffsetLimit { max: 10_000 },
        CutReason::Stopped,
    ];
    for reason in reasons {
        check(reason.message_id(), &reason.args());
    }
}
