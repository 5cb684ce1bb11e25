//! Dates on pages: written out in the page's language, with the stored value kept in
//! `<time datetime>` for machines.

mod common;

use axum::http::StatusCode;
use catalog::{DatasetStore, Viewer};
use common::App;

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Returns the date of a stored UTC timestamp in Paris time, as (day, month, year).
fn paris_date(stored: &str) -> (i8, usize, i16) {
    let timestamp: jiff::Timestamp = stored.parse().expect("stored timestamp");
    let date = timestamp
        .in_tz("Europe/Paris")
        .expect("time zone database")
        .date();
    let month = usize::try_from(date.month() - 1).expect("month");
    (date.day(), month, date.year())
}

#[tokio::test]
async fn dataset_page_dates_written_out() {
    let app = App::new("page-dates").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, true)
        .await;
    let mut fields = dataset.fields.clone();
    fields.temporal_start = Some("2026-01-01".into());
    fields.temporal_end = Some("2026-12-31".into());
    app.state
        .store()
        .update_dataset(dataset.id, &fields)
        .await
        .expect("update");
    let modified_at = app
        .state
        .store()
        .dataset(&Viewer::anonymous(), &dataset.slug)
        .await
        .expect("read")
        .expect("dataset")
        .dataset
        .modified_at;
    let path = format!("/jeux-de-donnees/{}", dataset.slug);

    let french = app.get(&path, None).await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(
        french
            .body
            .contains("<time datetime=\"2026-01-01\">1er janvier 2026</time>"),
        "{}",
        french.body
    );
    assert!(
        french
            .body
            .contains("<time datetime=\"2026-12-31\">31 décembre 2026</time>")
    );
    let (day, month, year) = paris_date(&modified_at);
    let day_text = if day == 1 {
        "1er".to_owned()
    } else {
        day.to_string()
    };
    let expected = format!(
        "<time datetime=\"{modified_at}\">{day_text} {} {year}</time>",
        FRENCH_MONTHS[month]
    );
    assert!(french.body.contains(&expected), "missing {expected}");

    let english = app.get(&format!("{path}?lang=en"), None).await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english
            .body
            .contains("<time datetime=\"2026-01-01\">1 January 2026</time>"),
        "{}",
        english.body
    );
    let expected = format!(
        "<time datetime=\"{modified_at}\">{day} {} {year}</time>",
        ENGLISH_MONTHS[month]
    );
    assert!(english.body.contains(&expected), "missing {expected}");
    assert!(!english.body.contains("décembre"));
}
