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
