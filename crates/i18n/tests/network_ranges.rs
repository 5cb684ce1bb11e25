//! Address ranges refused by the fetcher are named in the reader's language, not by the
//! codes the fetcher uses.

use i18n::{Lang, Messages};

fn rejection(lang: Lang, id: &str, range: &str) -> String {
    Messages::new(lang).format(
        id,
        &[
            ("host", "intranet"),
            ("address", "10.0.0.1"),
            ("range", range),
        ],
    )
}

#[test]
fn range_names_translated() {
    for id in [
        "harvest-fetch-address-rejected",
        "refresh-fetch-address-rejected",
    ] {
        let french = rejection(Lang::Fr, id, "private");
        assert!(french.contains("privé"), "{french}");
        assert!(!french.contains("private"), "{french}");
        let cgnat = rejection(Lang::Fr, id, "shared-cgnat");
        assert!(cgnat.contains("partagé (CGNAT)"), "{cgnat}");
        let english = rejection(Lang::En, id, "link-local");
        assert!(english.contains("link-local"), "{english}");
    }
}
