//! The registry files compiled into the binary; written by the `import-schemas` tool.

pub(crate) const FILES: &[(&str, &str)] = &[
    ("bal.json", include_str!("../registry/bal.json")),
    ("budget.json", include_str!("../registry/budget.json")),
    ("catalogue.json", include_str!("../registry/catalogue.json")),
    ("dae.json", include_str!("../registry/dae.json")),
    ("dae@1.0.0.json", include_str!("../registry/dae@1.0.0.json")),
    ("decp-dpa.json", include_str!("../registry/decp-dpa.json")),
    (
        "decp-tabulaire.json",
        include_str!("../registry/decp-tabulaire.json"),
    ),
    (
        "deliberations.json",
        include_str!("../registry/deliberations.json"),
    ),
    (
        "dispositif-aide.json",
        include_str!("../registry/dispositif-aide.json"),
    ),
    (
        "dispositif-aide-professionnels.json",
        include_str!("../registry/dispositif-aide-professionnels.json"),
    ),
    (
        "equipements.json",
        include_str!("../registry/equipements.json"),
    ),
    (
        "irve-dynamique.json",
        include_str!("../registry/irve-dynamique.json"),
    ),
    (
        "irve-statique.json",
        include_str!("../registry/irve-statique.json"),
    ),
    (
        "lieux-covoiturage.json",
        include_str!("../registry/lieux-covoiturage.json"),
    ),
    (
        "lieux-covoiturage@0.2.0.json",
        include_str!("../registry/lieux-covoiturage@0.2.0.json"),
    ),
    (
        "marches-publics.json",
        include_str!("../registry/marches-publics.json"),
    ),
    (
        "mediation-numerique.json",
        include_str!("../registry/mediation-numerique.json"),
    ),
    (
        "menus-collectifs.json",
        include_str!("../registry/menus-collectifs.json"),
    ),
    ("pei.json", include_str!("../registry/pei.json")),
    (
        "plats-menus-collectifs.json",
        include_str!("../registry/plats-menus-collectifs.json"),
    ),
    ("prenoms.json", include_str!("../registry/prenoms.json")),
    (
        "stationnement.json",
        include_str!("../registry/stationnement.json"),
    ),
    (
        "stationnement-cyclable.json",
        include_str!("../registry/stationnement-cyclable.json"),
    ),
    (
        "subventions.json",
        include_str!("../registry/subventions.json"),
    ),
];
