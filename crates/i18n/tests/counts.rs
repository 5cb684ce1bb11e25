//! Messages that count something read correctly for one and for several.

use i18n::{Lang, Messages};

#[test]
fn preview_caption_counts_rows() {
    let french = Messages::new(Lang::Fr);
    let caption = |rows: &str| french.format("server-preview-caption", &[("rows", rows)]);
    assert_eq!(caption("1"), "La première ligne du fichier");
    assert_eq!(caption("3"), "Les 3 premières lignes du fichier");

    let english = Messages::new(Lang::En);
    let caption = |rows: &str| english.format("server-preview-caption", &[("rows", rows)]);
    assert_eq!(caption("1"), "The first row of the file");
    assert_eq!(caption("100"), "The first 100 rows of the file");
}

#[test]
fn text_report_verdict_agrees_with_counts() {
    let verdict = |lang: Lang, id: &str, errors: &str, truncated: &str, rows: &str| {
        Messages::new(lang).format(
            id,
            &[
                ("file", "f.csv"),
                ("rows", rows),
                ("columns", "1"),
                ("errors", errors),
                ("warnings", "1"),
                ("truncated", truncated),
            ],
        )
    };
    assert_eq!(
        verdict(Lang::Fr, "text-invalid", "1", "no", "2"),
        "✘ f.csv n'est pas valide : 1 erreur, 1 avertissement sur 2 lignes de données et 1 colonne."
    );
    assert_eq!(
        verdict(Lang::Fr, "text-invalid", "1000", "yes", "0"),
        "✘ f.csv n'est pas valide : au moins 1000 erreurs, 1 avertissement sur 0 ligne de données et 1 colonne."
    );
    assert_eq!(
        verdict(Lang::Fr, "text-valid", "0", "no", "1"),
        "✔ f.csv est valide : 1 ligne de données, 1 colonne, 1 avertissement."
    );
    assert_eq!(
        verdict(Lang::En, "text-invalid", "2", "yes", "1"),
        "✘ f.csv is not valid: at least 2 errors, 1 warning in 1 data row and 1 column."
    );
}

#[test]
fn harvest_counts_agree_in_french() {
    let french = Messages::new(Lang::Fr);
    let counts = |created: &str, unchanged: &str| {
        french.format(
            "harvest-run-counts",
            &[
                ("created", created),
                ("updated", "0"),
                ("unchanged", unchanged),
                ("archived", "0"),
                ("skipped", "2"),
                ("failed", "0"),
            ],
        )
    };
    assert_eq!(
        counts("1", "12"),
        "Jeux de données : 1 créé, 0 mis à jour, 12 inchangés, 0 archivé, 2 ignorés, 0 en échec."
    );
}
