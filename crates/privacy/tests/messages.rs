//! Every message id the crate hands to callers exists in the catalogue, in French and
//! English, and renders with the arguments the crate supplies.

use i18n::{Lang, Messages};
use privacy::{Category, Confidence, Kind, Policy, PolicyError, Scanner};

fn render(messages: &Messages, id: &str, args: &[(&'static str, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    messages.format(id, &borrowed)
}

fn assert_renders(messages: &Messages, id: &str, args: &[(&'static str, String)]) -> String {
    assert!(
        messages.has(id),
        "message {id} missing in {}",
        messages.lang()
    );
    let text = render(messages, id, args);
    assert!(
        !text.contains('{') && !text.contains("privacy-"),
        "{id} in {}: {text}",
        messages.lang()
    );
    text
}

#[test]
fn labels_exist_in_both_languages() {
    for lang in [Lang::Fr, Lang::En] {
        let messages = Messages::new(lang);
        for kind in Kind::ALL {
            assert_renders(&messages, kind.message_id(), &[]);
        }
        for category in [
            Category::Private,
            Category::Agent,
            Category::Official,
            Category::SoleTrader,
            Category::Unknown,
        ] {
            assert_renders(
                &messages,
                &format!("privacy-category-{}", category.code()),
                &[],
            );
        }
        for confidence in [Confidence::Low, Confidence::Medium, Confidence::High] {
            assert_renders(
                &messages,
                &format!("privacy-confidence-{}", confidence.code()),
                &[],
            );
        }
    }
}

#[test]
fn findings_and_summary_render() {
    let scanner = Scanner::new(Policy::builtin("deliberations").expect("policy")).expect("scanner");
    let header = ["DELIB_OBJET"];
    let row = ["Vente à M. Jean MARTIN demeurant 3 rue des Lilas"];
    let report = scanner.scan_table(&header, [&row[..]]);
    let finding = report.findings.first().expect("a finding");

    let french = assert_renders(
        &Messages::new(Lang::Fr),
        finding.message_id(),
        &finding.args(),
    );
    assert_eq!(
        french,
        "Ligne 2, colonne « DELIB_OBJET » : nom de personne (confiance élevée) dans « Vente à M. J••• M••••• demeurant 3 r•• d•• L•••• »."
    );
    let english = assert_renders(
        &Messages::new(Lang::En),
        finding.message_id(),
        &finding.args(),
    );
    assert!(
        english.starts_with("Row 2, column \"DELIB_OBJET\": person's name (high confidence)"),
        "{english}"
    );

    let (id, args) = report.summary();
    let summary = assert_renders(&Messages::new(Lang::Fr), id, &args);
    assert!(summary.contains("confirmation explicite"), "{summary}");
    let hint = Messages::new(Lang::Fr).format_attribute(finding.message_id(), "hint", &[]);
    assert!(hint.is_some_and(|text| text.contains("socle privacy redact")));
}

#[test]
fn policy_errors_render() {
    let errors = [
        Policy::from_json("{").expect_err("invalid JSON"),
        Policy::from_json(r#"{"name":""}"#).expect_err("empty name"),
        Policy::from_json(
            r#"{"name":"x","columns":[{"column":"A","mode":"skip"},{"column":"A","mode":"skip"}]}"#,
        )
        .expect_err("duplicate"),
        Policy::builtin("irve").expect_err("unknown schema"),
    ];
    for lang in [Lang::Fr, Lang::En] {
        let messages = Messages::new(lang);
        for error in &errors {
            let error: &PolicyError = error;
            assert_renders(&messages, error.message_id(), &error.args());
        }
    }
}
