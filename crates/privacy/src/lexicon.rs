//! Word lists the detectors consult: first names, civilités, street and building words,
//! organisation markers, roles of officials and the context cues of French acts.
//!
//! Every list is keyed by the folded form of a word (lower case, accents removed, see
//! [`fold_into`]), so `HÉLÈNE`, `Hélène` and `helene` hit the same entry. The first-name
//! list is generated from INSEE data (see `data/prenoms.txt` for its source and licence).
//! A lexicon hit is one signal among others and never enough alone to report a person.
//! Commune and street gazetteers are left out: rules on the preceding word do that work.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Word classes, combined as bit flags because a word can belong to several.
pub mod class {
    pub const CIVILITY: u32 = 1;
    /// Street types: `rue`, `avenue`, `impasse`.
    pub const VOIE: u32 = 1 << 1;
    /// Buildings, places and events commonly named after people: `école`, `salle`, `prix`.
    pub const NAMED_PLACE: u32 = 1 << 2;
    /// Legal forms and organisation words: `SARL`, `association`, `commune`.
    pub const ORG: u32 = 1 << 3;
    /// Offices of elected officials and public authorities: `maire`, `adjointe`, `ministre`.
    pub const ROLE: u32 = 1 << 4;
    /// Family and estate words that introduce a surname: `époux`, `consorts`, `indivision`.
    pub const FAMILY: u32 = 1 << 5;
    /// Words of acts that concern private persons: `cession`, `acquéreur`, `bail`.
    pub const PRIVATE_CUE: u32 = 1 << 6;
    /// Words of individual staff decisions: `recrutement`, `titularisation`.
    pub const AGENT_CUE: u32 = 1 << 7;
    /// Words that introduce where a person lives: `demeurant`, `domicilié`.
    pub const DOMICILE: u32 = 1 << 8;
    /// Name particles that may sit inside a name: `de`, `du`, `van`, `ben`.
    pub const PARTICLE: u32 = 1 << 9;
    /// Grammatical words that are never a name, even capitalised: `Le`, `POUR`, `ET`.
    pub const FUNCTION: u32 = 1 << 10;
    /// `Saint`, `Sainte` and abbreviations: what follows names a saint or a place.
    pub const SAINT: u32 = 1 << 11;
    /// Ordinary words that all-caps texts write like surnames: `COMMUNALE`, `TRAVAUX`.
    pub const COMMON: u32 = 1 << 12;
    /// Words introducing a property or owner: `propriété`, `propriétaire`.
    pub const PROPERTY: u32 = 1 << 13;
    /// Markers of a sole trader: `EI`, `auto-entrepreneur`.
    pub const SOLE_TRADER: u32 = 1 << 14;
    /// Staff grades and posts: `technicien`, `attaché`, `rédacteur`.
    pub const AGENT_GRADE: u32 = 1 << 15;
}

const CIVILITIES: &[&str] = &[
    "m",
    "mm",
    "mr",
    "mme",
    "mmes",
    "mlle",
    "mlles",
    "monsieur",
    "messieurs",
    "madame",
    "mesdames",
    "mademoiselle",
    "mesdemoiselles",
    "me",
    "maitre",
    "dr",
    "docteur",
    "pr",
    "professeur",
];

const VOIES: &[&str] = &[
    "rue",
    "rues",
    "avenue",
    "avenues",
    "av",
    "boulevard",
    "bd",
    "bld",
    "place",
    "placette",
    "allee",
    "allees",
    "impasse",
    "chemin",
    "route",
    "quai",
    "cours",
    "square",
    "passage",
    "esplanade",
    "parvis",
    "promenade",
    "rond",
    "sentier",
    "lieu",
    "lieudit",
    "voie",
    "mail",
    "montee",
    "traverse",
    "ruelle",
    "faubourg",
    "fg",
    "sente",
    "venelle",
    "chaussee",
    "carrefour",
    "giratoire",
    "rocade",
    "digue",
    "cite",
    "residence",
    "lotissement",
    "hameau",
    "quartier",
    "zac",
    "zone",
    "za",
    "zi",
    "clos",
    "domaine",
    "plateau",
    "port",
    "pont",
    "parc",
    "jardin",
    "jardins",
    "berges",
    "grande",
];

const NAMED_PLACES: &[&str] = &[
    "ecole",
    "ecoles",
    "groupe",
    "scolaire",
    "maternelle",
    "elementaire",
    "primaire",
    "college",
    "lycee",
    "universite",
    "campus",
    "gymnase",
    "stade",
    "salle",
    "salles",
    "complexe",
    "piscine",
    "mediatheque",
    "bibliotheque",
    "ludotheque",
    "centre",
    "espace",
    "maison",
    "maisons",
    "foyer",
    "ehpad",
    "hopital",
    "clinique",
    "creche",
    "halle",
    "halles",
    "theatre",
    "musee",
    "fondation",
    "institut",
    "prix",
    "trophee",
    "club",
    "amicale",
    "cinema",
    "conservatoire",
    "auditorium",
    "pavillon",
    "palais",
    "hotel",
    "memorial",
    "monument",
    "statue",
    "buste",
    "stele",
    "plaque",
    "festival",
    "concours",
    "bourse",
    "promotion",
    "pole",
    "relais",
    "batiment",
    "immeuble",
    "tour",
    "ilot",
    "annexe",
    "annexes",
    "boulodrome",
    "dojo",
    "stade",
    "square",
    "esplanade",
    "parc",
    "jardin",
    "aerodrome",
    "aeroport",
    "gare",
    "cimetiere",
    "eglise",
    "chapelle",
    "temple",
    "hall",
    "studio",
    "atelier",
    "ateliers",
    "centres",
    "residence",
    "manege",
    "skatepark",
];

const ORGS: &[&str] = &[
    "sarl",
    "sas",
    "sasu",
    "sa",
    "sci",
    "eurl",
    "snc",
    "earl",
    "gaec",
    "scea",
    "scop",
    "scic",
    "sem",
    "spl",
    "gie",
    "societe",
    "ste",
    "ets",
    "etablissement",
    "etablissements",
    "entreprise",
    "entreprises",
    "cabinet",
    "groupe",
    "association",
    "associations",
    "asso",
    "club",
    "comite",
    "fondation",
    "amicale",
    "union",
    "federation",
    "syndicat",
    "compagnie",
    "cie",
    "fils",
    "freres",
    "commune",
    "communes",
    "ville",
    "departement",
    "region",
    "metropole",
    "communaute",
    "agglomeration",
    "ccas",
    "cias",
    "office",
    "caisse",
    "mutuelle",
    "mutualite",
    "banque",
    "cooperative",
    "chambre",
    "agence",
    "conseil",
    "sivu",
    "sivom",
    "sdis",
    "sictom",
    "syndic",
    "copropriete",
    "institut",
    "universite",
    "college",
    "lycee",
    "ecole",
    "eglise",
    "paroisse",
    "diocese",
    "ordre",
    "holding",
    "sarlu",
    "selarl",
    "scp",
    "gmbh",
    "ltd",
    "inc",
    "cooperative",
    "collectif",
    "ligue",
    "centre",
    "foyer",
    "etat",
    "ministere",
    "prefecture",
    "tresor",
    "ehpad",
    "hopital",
    "clinique",
    "habitat",
    "logement",
    "immobilier",
    "immobiliere",
    "promotion",
    "construction",
    "constructions",
    "batiment",
    "travaux",
    "services",
    "conseils",
    "transports",
    "garage",
    "boulangerie",
    "restaurant",
    "hotel",
    "pharmacie",
    "laboratoire",
    "architectes",
    "architecte",
    "notaires",
    "avocats",
    "partenaires",
    "associes",
    "consulting",
    "ingenierie",
    "bureau",
    "groupement",
    "gip",
    "epic",
    "epci",
    "sdec",
    "siel",
    "syndicale",
    "mairie",
    "tennis",
    "football",
    "rugby",
    "basket",
    "handball",
    "sport",
    "sports",
    "sportive",
    "sportif",
    "culturel",
    "culturelle",
    "festival",
    "theatre",
    "compagnie",
    "ensemble",
    "orchestre",
    "chorale",
    "amis",
    "comites",
    "reseau",
];

const ROLES: &[&str] = &[
    "maire",
    "adjoint",
    "adjointe",
    "adjoints",
    "conseiller",
    "conseillere",
    "conseillers",
    "president",
    "presidente",
    "vice",
    "ministre",
    "garde",
    "prefet",
    "prefete",
    "depute",
    "deputee",
    "senateur",
    "senatrice",
    "delegue",
    "deleguee",
    "rapporteur",
    "rapporteure",
    "elu",
    "elue",
    "elus",
    "questeur",
    "secretaire",
    "premier",
    "premiere",
    "tresorier",
    "tresoriere",
    "directeur",
    "directrice",
    "dgs",
    "receveur",
    "comptable",
    "payeur",
    "procureur",
    "juge",
    "magistrat",
    "commissaire",
    "gouverneur",
    "ambassadeur",
    "recteur",
    "rectrice",
    "inspecteur",
    "inspectrice",
    "ordonnateur",
    "representant",
    "representante",
    "suppleant",
    "suppleante",
    "titulaire",
    "membre",
    "membres",
];

const FAMILY: &[&str] = &[
    "epoux",
    "consorts",
    "consort",
    "succession",
    "indivision",
    "heritiers",
    "heritier",
    "heritieres",
    "hoirs",
    "hoirie",
    "famille",
    "veuve",
    "veuf",
    "ayants",
    "indivisaires",
    "coindivisaires",
];

const PRIVATE_CUES: &[&str] = &[
    "cession",
    "ceder",
    "cede",
    "acquisition",
    "acquerir",
    "acquereur",
    "acquereurs",
    "acquereuse",
    "vendeur",
    "vendeurs",
    "venderesse",
    "vente",
    "preemption",
    "bail",
    "locataire",
    "locataires",
    "occupant",
    "occupante",
    "beneficiaire",
    "beneficiaires",
    "requerant",
    "requerante",
    "petitionnaire",
    "ayant",
    "ayants",
    "heritier",
    "heritiers",
    "aide",
    "secours",
    "indemnisation",
    "litige",
    "contentieux",
    "transactionnel",
    "transaction",
    "profit",
    "retrocession",
    "servitude",
    "echange",
    "expropriation",
    "concession",
    "remboursement",
    "degrevement",
    "remise",
    "gracieuse",
    "proprietaire",
    "proprietaires",
    "particulier",
    "particuliers",
    "riverain",
    "riverains",
    "demande",
    "recours",
    "requete",
    "usufruitier",
    "nu",
    "donation",
    "legs",
    "don",
    "exoneration",
    "bourse",
    "allocation",
    "prise",
    "indemnite",
    "achat",
    "acquisitions",
    "cessions",
    "ventes",
];

const AGENT_CUES: &[&str] = &[
    "recrutement",
    "nomination",
    "avancement",
    "titularisation",
    "detachement",
    "disponibilite",
    "licenciement",
    "sanction",
    "disciplinaire",
    "protection",
    "fonctionnelle",
    "contractuel",
    "contractuelle",
    "stagiaire",
    "vacataire",
    "agent",
    "agents",
    "reintegration",
    "mutation",
    "retraite",
    "prime",
    "indemnite",
    "indemnites",
    "qualite",
    "poste",
    "emploi",
];

const AGENT_GRADES: &[&str] = &[
    "technicien",
    "technicienne",
    "attache",
    "attachee",
    "redacteur",
    "redactrice",
    "ingenieur",
    "ingenieure",
    "brigadier",
    "atsem",
    "agent",
    "animateur",
    "animatrice",
    "educateur",
    "educatrice",
    "puericultrice",
    "gardien",
    "gardienne",
    "policier",
    "chef",
    "responsable",
    "assistant",
    "assistante",
    "auxiliaire",
    "infirmier",
    "infirmiere",
    "administratif",
    "administrative",
    "technique",
];

const DOMICILE: &[&str] = &[
    "demeurant",
    "demeurante",
    "demeurants",
    "demeurent",
    "domicilie",
    "domiciliee",
    "domicilies",
    "domiciliees",
    "residant",
    "residante",
    "residants",
    "habitant",
    "habitante",
    "habitants",
    "domicile",
];

const PARTICLES: &[&str] = &[
    "de", "du", "des", "d", "le", "la", "van", "von", "der", "den", "ben", "ould", "di", "da",
    "del", "della", "dos", "el", "al", "ter", "ten", "mac", "bin", "abu",
];

const FUNCTION_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "de",
    "du",
    "des",
    "d",
    "et",
    "ou",
    "a",
    "au",
    "aux",
    "en",
    "pour",
    "par",
    "sur",
    "sous",
    "dans",
    "avec",
    "sans",
    "entre",
    "vers",
    "chez",
    "contre",
    "apres",
    "avant",
    "selon",
    "suite",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "ce",
    "cette",
    "ces",
    "qui",
    "que",
    "dont",
    "n",
    "no",
    "numero",
    "avenant",
    "annexe",
    "article",
    "lot",
    "tranche",
    "section",
    "parcelle",
    "parcelles",
    "cadastree",
    "cadastrees",
    "cadastre",
    "projet",
    "relatif",
    "relative",
    "vu",
    "objet",
    "est",
    "il",
    "elle",
    "nous",
    "vous",
    "ils",
    "elles",
    "the",
    "of",
    "and",
];

const COMMON_CAPS: &[&str] = &[
    "communale",
    "communal",
    "communaux",
    "communales",
    "privee",
    "prive",
    "privees",
    "prives",
    "publique",
    "public",
    "publics",
    "publiques",
    "batie",
    "bati",
    "boisee",
    "agricole",
    "departementale",
    "intercommunale",
    "metropolitaine",
    "nationale",
    "municipale",
    "municipal",
    "travaux",
    "terrain",
    "terrains",
    "bien",
    "biens",
    "immeuble",
    "parcelle",
    "lot",
    "foncier",
    "fonciere",
    "acquisition",
    "cession",
    "vente",
    "reseau",
    "reseaux",
    "extension",
    "commune",
    "bourg",
    "secteur",
    "zone",
    "site",
    "nord",
    "sud",
    "est",
    "ouest",
    "haut",
    "bas",
    "centre",
    "vieux",
    "vieille",
    "neuf",
    "neuve",
    "nouveau",
    "nouvelle",
    "grand",
    "grande",
    "petit",
    "petite",
    "ancien",
    "ancienne",
    "approbation",
    "convention",
    "attribution",
    "modification",
    "budget",
    "subvention",
    "subventions",
    "marche",
    "marches",
    "delegation",
    "decision",
    "deliberation",
    "plan",
    "programme",
    "rapport",
    "compte",
    "autorisation",
    "signature",
    "desaffectation",
    "declassement",
    "classement",
    "denomination",
    "bati",
    "non",
    "sis",
    "situe",
    "situee",
    "ex",
    "dite",
    "dit",
    "fonds",
    "concours",
    "basse",
    "tension",
    "telecom",
    "electrique",
];

const SAINTS: &[&str] = &["saint", "sainte", "saints", "saintes", "st", "ste"];

const PROPERTY: &[&str] = &["propriete", "proprietes", "proprietaire", "proprietaires"];

const SOLE_TRADER: &[&str] = &[
    "ei",
    "eirl",
    "individuelle",
    "autoentrepreneur",
    "microentreprise",
    "microentrepreneur",
];

/// Full names of people that French streets, schools and buildings are commonly named
/// after, folded and space-separated. A first-name-and-surname pair on this list is
/// treated as an eponym unless a civilité precedes it.
const EPONYMS: &[&str] = &[
    "jean jaures",
    "victor hugo",
    "jules ferry",
    "jean moulin",
    "louis pasteur",
    "charles de gaulle",
    "marie curie",
    "pierre curie",
    "simone veil",
    "leon blum",
    "emile zola",
    "pierre mendes france",
    "georges clemenceau",
    "leon gambetta",
    "jean monnet",
    "jean mermoz",
    "jacques prevert",
    "jean macé",
    "jean mace",
    "paul bert",
    "jean vilar",
    "marcel pagnol",
    "albert camus",
    "jean zay",
    "anatole france",
    "aristide briand",
    "paul eluard",
    "louis aragon",
    "pablo picasso",
    "jean giono",
    "jules verne",
    "antoine de saint exupery",
    "francois mitterrand",
    "rene cassin",
    "lucie aubrac",
    "pierre brossolette",
    "gabriel peri",
    "romain rolland",
    "frederic mistral",
    "joseph joffre",
    "ferdinand foch",
    "jean de la fontaine",
    "marcel cachin",
    "paul langevin",
    "henri barbusse",
    "jean baptiste clement",
    "danielle casanova",
    "olympe de gouges",
    "josephine baker",
    "nelson mandela",
    "martin luther king",
    "rosa parks",
    "blaise pascal",
    "pauline kergomard",
    "jean rostand",
    "claude debussy",
    "hector berlioz",
    "georges brassens",
    "edith piaf",
    "jacques brel",
    "gustave eiffel",
    "jean bart",
    "robert schuman",
    "rene descartes",
    "jean rameau",
    "ludwig van beethoven",
    "wolfgang amadeus mozart",
    "nestor burma",
    "marc seguin",
    "frederic chopin",
    "auguste renoir",
    "claude monet",
    "paul cezanne",
    "vincent van gogh",
    "louise michel",
    "jeanne d arc",
    "jacques coeur",
    "francois rabelais",
    "gerard philipe",
    "jean cocteau",
    "alphonse daudet",
    "guy de maupassant",
    "honore de balzac",
    "andre malraux",
    "jean racine",
    "pierre de coubertin",
    "camille claudel",
    "raymond dugrand",
    "edouard adam",
    "jacques cartier",
    "charles peguy",
    "leo lagrange",
    "jean lurcat",
    "paul doumer",
    "alexandre dumas",
    "george sand",
    "jean bouin",
    "francois villon",
];

struct Lexicon {
    first_names: HashSet<String>,
    classes: HashMap<&'static str, u32>,
    eponyms: HashSet<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build_lexicon)
}

fn build_lexicon() -> Lexicon {
    let mut first_names = HashSet::new();
    let mut key = String::new();
    for line in include_str!("../data/prenoms.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Hyphenated names are matched part by part, so only simple names are stored.
        for part in line.split('-') {
            fold_into(part.trim(), &mut key);
            if key.len() >= 2 {
                first_names.insert(key.clone());
            }
        }
    }

    let mut classes: HashMap<&'static str, u32> = HashMap::new();
    let lists: [(&[&'static str], u32); 16] = [
        (CIVILITIES, class::CIVILITY),
        (VOIES, class::VOIE),
        (NAMED_PLACES, class::NAMED_PLACE),
        (ORGS, class::ORG),
        (ROLES, class::ROLE),
        (FAMILY, class::FAMILY),
        (PRIVATE_CUES, class::PRIVATE_CUE),
        (AGENT_CUES, class::AGENT_CUE),
        (AGENT_GRADES, class::AGENT_GRADE),
        (DOMICILE, class::DOMICILE),
        (PARTICLES, class::PARTICLE),
        (FUNCTION_WORDS, class::FUNCTION),
        (COMMON_CAPS, class::COMMON),
        (SAINTS, class::SAINT),
        (PROPERTY, class::PROPERTY),
        (SOLE_TRADER, class::SOLE_TRADER),
    ];
    for (words, flag) in lists {
        for word in words {
            *classes.entry(word).or_default() |= flag;
        }
    }

    // Words of the class lists are no first names, even when INSEE lists them.
    for word in classes.keys() {
        first_names.remove(*word);
    }

    Lexicon {
        first_names,
        classes,
        eponyms: EPONYMS.iter().copied().collect(),
    }
}

/// Writes the folded form of `word` (lower case, common Latin accents removed) into `out`.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            match lower {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
                'ç' => out.push('c'),
                'è' | 'é' | 'ê' | 'ë' => out.push('e'),
                'ì' | 'í' | 'î' | 'ï' => out.push('i'),
                'ñ' => out.push('n'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
                'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
                'ý' | 'ÿ' => out.push('y'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                other => out.push(other),
            }
        }
    }
}

/// Returns the class flags of a folded word, 0 when it is on no list.
pub fn classes_of(folded: &str) -> u32 {
    lexicon().classes.get(folded).copied().unwrap_or(0)
}

/// Returns whether a folded word is a first name of the INSEE-based list.
pub fn is_first_name(folded: &str) -> bool {
    lexicon().first_names.contains(folded)
}

/// Returns whether a folded, space-separated full name is a common eponym.
pub fn is_eponym(folded_full_name: &str) -> bool {
    lexicon().eponyms.contains(folded_full_name)
}

/// Forces the lexicon to load, so that the first scan does not pay for it.
pub fn preload() {
    let _ = lexicon();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::new();
        fold_into(word, &mut out);
        out
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(folded("HÉLÈNE"), "helene");
        assert_eq!(folded("Cœur"), "coeur");
        assert_eq!(folded("Ç"), "c");
    }

    #[test]
    fn first_names_found_in_any_case() {
        assert!(is_first_name(&folded("Hélène")));
        assert!(is_first_name(&folded("JEAN")));
        assert!(is_first_name(&folded("Pierre")));
        assert!(!is_first_name(&folded("Saint")));
        assert!(!is_first_name(&folded("rue")));
    }

    #[test]
    fn classes_combine_flags() {
        let ecole = classes_of("ecole");
        assert_ne!(ecole & class::NAMED_PLACE, 0);
        assert_ne!(ecole & class::ORG, 0);
        assert_ne!(classes_of("mme") & class::CIVILITY, 0);
        assert_eq!(classes_of("martin"), 0);
    }
}
