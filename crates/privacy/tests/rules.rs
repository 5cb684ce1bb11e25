//! Detector behaviour on single texts: each case lists the spans expected, by text and kind.

use privacy::{Category, ColumnMode, Kind, Policy, Scanner, Workspace};

fn scanner() -> Scanner {
    Scanner::new(Policy::builtin("generic").expect("built-in policy")).expect("scanner")
}

fn found(text: &str, mode: ColumnMode) -> Vec<(String, Kind)> {
    let mut workspace = Workspace::default();
    let mut spans = Vec::new();
    scanner().scan_cell(text, mode, &mut workspace, &mut spans);
    spans
        .iter()
        .map(|s| (text[s.start..s.end].to_owned(), s.kind))
        .collect()
}

fn check(text: &str, expected: &[(&str, Kind)]) {
    let expected: Vec<(String, Kind)> = expected
        .iter()
        .map(|(t, k)| ((*t).to_owned(), *k))
        .collect();
    assert_eq!(found(text, ColumnMode::FreeText), expected, "in: {text}");
}

use Kind::{Address, BirthDate, Email, Iban, Nir, Person, Phone};

#[test]
fn civility_names() {
    check(
        "Cession de la parcelle AB 12 à M. et Mme Martin",
        &[("Martin", Person)],
    );
    check(
        "Acquisition auprès de M. Jean-Pierre DURAND",
        &[("Jean-Pierre DURAND", Person)],
    );
    check(
        "Vente à Mme Anne LEBLANC née ROUSSEL",
        &[("Anne LEBLANC née ROUSSEL", Person)],
    );
    check(
        "Indemnisation de Monsieur et Madame Poirier",
        &[("Poirier", Person)],
    );
    check(
        "Protocole transactionnel avec M. J. Moreau",
        &[("J. Moreau", Person)],
    );
    check(
        "Bail consenti à Mme Sophie de La Roche",
        &[("Sophie de La Roche", Person)],
    );
}

#[test]
fn family_and_property_cues() {
    check(
        "Acquisition des terrains des consorts GIRAUD",
        &[("GIRAUD", Person)],
    );
    check(
        "Échange de parcelles avec les époux Lambert",
        &[("Lambert", Person)],
    );
    check(
        "Propriété « Indivision BONNET » - Acquisition",
        &[("BONNET", Person)],
    );
    check(
        "Propriété RICARD et TESSIER - Acquisition",
        &[("RICARD", Person), ("TESSIER", Person)],
    );
    check(
        "TRAVAUX D'EXTENSION DE RESEAUX - « PROPRIETE FABRE » RUE DES VIGNES",
        &[("FABRE", Person)],
    );
}

#[test]
fn bare_first_name_and_surname() {
    check(
        "Subvention exceptionnelle à Lucie FERRAND pour son projet",
        &[("Lucie FERRAND", Person)],
    );
    check(
        "Aide individuelle versée à GARNIER Paul",
        &[("GARNIER Paul", Person)],
    );
    check(
        "Remise gracieuse de dette en faveur de Karim Benali",
        &[("Karim Benali", Person)],
    );
}

#[test]
fn public_names_left_alone() {
    check("Dénomination de la rue Simone Veil", &[]);
    check("Travaux au groupe scolaire Marie Curie", &[]);
    check(
        "Rénovation de l'école Jean Moulin et du gymnase Pierre Dupuis",
        &[],
    );
    check(
        "Classement des rues Rémy Belleau, Jacques Prévert et Ronsard",
        &[],
    );

    check("Délégation de signature à M. Dupont, adjoint", &[]);
    check("Indemnités de M. le Maire et des adjoints", &[]);
    check(
        "Rapport présenté par Mme Durand, adjointe aux finances",
        &[],
    );

    check("Subvention à l'association Les Amis de Jean Moulin", &[]);
    check("Marché attribué à la SARL Jean Martin et Fils", &[]);

    check(
        "Cession de la parcelle cadastrée section BY n° 38 à la commune",
        &[],
    );
    check("Convention avec la commune de Saint-Jean-de-Védas", &[]);
    check("Monsieur le Préfet de l'Hérault", &[]);
    check(
        "Voeu de soutien à Mme Christiane TAUBIRA, Garde des Sceaux",
        &[],
    );
    check("Recrutement d'un adjoint technique contractuel", &[]);
    check("Rue du Docteur Roux : réfection de la chaussée", &[]);
}

#[test]
fn addresses_with_owner_or_domicile() {
    check(
        "Propriété de Madame Isabelle FRANCK 286 avenue du Petit Train | Acquisition",
        &[
            ("Isabelle FRANCK", Person),
            ("286 avenue du Petit Train", Address),
        ],
    );
    check(
        "Vente à M. Paul Girard demeurant 4 impasse des Lilas, 34000 Montpellier",
        &[
            ("Paul Girard", Person),
            ("4 impasse des Lilas, 34000 Montpellier", Address),
        ],
    );
    check("Terrain situé 11 rue Jules Ferry - cession à la SERM", &[]);
}

#[test]
fn identifiers_and_contacts() {
    check(
        "Joindre M. X au 06 12 34 56 78",
        &[("06 12 34 56 78", Phone)],
    );
    check(
        "Courriel : paul.girard@orange.fr",
        &[("paul.girard@orange.fr", Email)],
    );
    check("Courriel : mairie@ville-exemple.fr", &[]);
    check(
        "NIR 1 84 12 76 451 089 46",
        &[("1 84 12 76 451 089 46", Nir)],
    );
    check(
        "IBAN FR76 3000 6000 0112 3456 7890 189",
        &[("FR76 3000 6000 0112 3456 7890 189", Iban)],
    );
    check(
        "Mme Léa Petit, née le 12/03/1985",
        &[("Léa Petit", Person), ("12/03/1985", BirthDate)],
    );
}

#[test]
fn party_cells() {
    let person = |text: &str| found(text, ColumnMode::PersonName);
    assert_eq!(
        person("MARTIN Jean"),
        vec![("MARTIN Jean".to_owned(), Person)]
    );
    assert_eq!(
        person("Jean-Luc Morel"),
        vec![("Jean-Luc Morel".to_owned(), Person)]
    );
    assert_eq!(person("TENNIS ROQUES OLYMPIC CLUB"), vec![]);
    assert_eq!(person("Association Les Amis de Marie"), vec![]);
    assert_eq!(person("SARL Bâtiments Martin"), vec![]);
    assert_eq!(
        person("Paul Renard EI"),
        vec![("Paul Renard".to_owned(), Person)]
    );
}

#[test]
fn officials_reported_when_asked() {
    let mut policy = Policy::builtin("generic").expect("built-in policy");
    policy.report_officials = true;
    let scanner = Scanner::new(policy).expect("scanner");
    let spans =
        scanner.scan_text("Délégation de fonctions à Mme Claire Vidal, adjointe à la culture");
    let categories: Vec<Category> = spans.iter().map(|s| s.category).collect();
    assert_eq!(categories, [Category::Official]);
}

#[test]
fn property_followed_by_adjective() {
    check(
        "CESSION DE DROITS DE PROPRIETE INTELLECTUELLE SUR LE LOGO DE LA VILLE",
        &[],
    );
    check("PROPRIETE COMMUNALE DU BOIS DES PINS - DESAFFECTATION", &[]);
    check(
        "Propriété intellectuelle des photographies du concours",
        &[],
    );
}
