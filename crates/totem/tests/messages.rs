//! Every message id the crate emits has a French and an English message in the catalogue, and
//! the summary messages render as a reader expects.

use std::collections::BTreeSet;
use std::path::Path;

use i18n::{Lang, Messages};

/// Collects the `"totem-…"` string literals of the crate's sources.
fn used_ids() -> BTreeSet<String> {
    let source_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(source_dir).expect("src folder") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("source file");
        for piece in text.split("\"totem-").skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if piece[name.len()..].starts_with('"') {
                ids.insert(format!("totem-{name}"));
            }
        }
    }
    ids
}

#[test]
fn every_emitted_id_has_messages() {
    let ids = used_ids();
    assert!(ids.len() > 40, "found only {} ids", ids.len());
    for lang in [Lang::Fr, Lang::En] {
        let defined: BTreeSet<String> = i18n::message_ids(lang).into_iter().collect();
        let missing: Vec<&String> = ids.iter().filter(|id| !defined.contains(*id)).collect();
        assert!(missing.is_empty(), "{lang}: no message for {missing:?}");
    }
}

#[test]
fn error_renders_in_french() {
    let error = totem::TotemError::Truncated {
        element: "LigneBudget".to_owned(),
        line: 12,
    };
    let args: Vec<(&str, String)> = error.args();
    let borrowed: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let text = Messages::new(Lang::Fr).format(error.code(), &borrowed);
    assert_eq!(
        text,
        "Le fichier s'arrête avant la fin de l'élément <LigneBudget> ouvert à la ligne 12 : il est probablement tronqué. Téléchargez-le de nouveau."
    );
}

#[test]
fn summary_renders_stage_and_section() {
    let budget = totem::BudgetSummary {
        collectivite: "CRACH".to_owned(),
        budget: "BUDGET PRINCIPAL".to_owned(),
        stage: Some(totem::Stage::CompteAdministratif),
        year: Some(2021),
        rows: 196,
        ..totem::BudgetSummary::default()
    };
    let french = Messages::new(Lang::Fr);
    let rendered: Vec<String> = budget
        .messages()
        .iter()
        .map(|(id, args)| {
            let borrowed: Vec<(&str, &str)> = args
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            french.format(id, &borrowed)
        })
        .collect();
    assert_eq!(
        rendered[0],
        "CRACH, BUDGET PRINCIPAL : compte administratif 2021, 196 lignes."
    );
    assert_eq!(rendered[1], "Fonctionnement, dépenses réalisées : 0.00 €.");
    assert_eq!(rendered[4], "Investissement, recettes réalisées : 0.00 €.");
}
