//! Conversion of small hand-written documents: rejected and broken inputs, encodings, budgets
//! voted by function, plan fallbacks. Each case names the element and line it expects.

use totem::{Conversion, ConvertOptions, Plan, Plans, TotemError};

const PLAN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Nomenclature Norme="M57" Declinaison="M57_A" Exer="2023">
  <Nature>
    <Chapitres>
      <Chapitre Code="011" Libelle="Charges à caractère général" Section="F"/>
      <Chapitre Code="040" Libelle="Opérations d'ordre de transfert entre sections" Section="I"/>
      <Chapitre Code="042" Libelle="Opérations d'ordre de transfert entre sections" Section="F"/>
      <Chapitre Code="21" Libelle="Immobilisations corporelles" Section="I"/>
    </Chapitres>
    <Comptes>
      <Compte Code="6" Libelle="Comptes de charges">
        <Compte Code="6068" Libelle="Autres matières et fournitures" DR="011" RR="" DOES="" ROES="" DOIS="" ROIS=""/>
        <Compte Code="6811" Libelle="Dotations aux amortissements" DR="" RR="" DOES="042" ROES="" DOIS="" ROIS=""/>
      </Compte>
      <Compte Code="2" Libelle="Comptes d'immobilisations">
        <Compte Code="2183" Libelle="Matériel informatique" DR="21" RR="21" DOES="040" ROES="040" DOIS="" ROIS=""/>
      </Compte>
    </Comptes>
  </Nature>
  <Fonction>
    <Chapitres>
      <Chapitre Code="930" Libelle="Services généraux" Section="F"/>
    </Chapitres>
    <RefFonctionnelles>
      <RefFonc Code="0" Libelle="Services généraux">
        <RefFonc Code="020" Libelle="Administration générale de la collectivité"/>
      </RefFonc>
    </RefFonctionnelles>
  </Fonction>
</Nomenclature>"#;

fn plans() -> Plans {
    let mut plans = Plans::empty();
    plans.insert(Plan::parse(PLAN.as_bytes()).expect("test plan"));
    plans
}

/// Wraps budget lines in a complete document of year 2023, nomenclature M57-M57_A.
fn document(lines: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">
  <EnTeteDocBudgetaire><LibelleColl V="COMMUNE TEST"/><IdColl V="21560046100010"/></EnTeteDocBudgetaire>
  <Budget>
    <EnTeteBudget><LibelleEtab V="BUDGET PRINCIPAL"/><IdEtab V="21560046100010"/><Nomenclature V="M57-M57_A"/></EnTeteBudget>
    <BlocBudget><NatDec V="01"/><Exer V="2023"/></BlocBudget>
{lines}
  </Budget>
</DocumentBudgetaire>
"#
    )
}

const REAL_LINE: &str = r#"    <LigneBudget><Nature V="6068"/><CodRD V="D"/><MtPrev V="100.50"/><OpBudg V="0"/></LigneBudget>"#;

fn convert(input: &[u8]) -> Result<(Conversion, Vec<Vec<String>>), TotemError> {
    let mut output = Vec::new();
    let conversion = totem::convert(input, &mut output, &plans(), &ConvertOptions::default())?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(output.as_slice());
    let rows = reader
        .records()
        .map(|record| record.expect("record").iter().map(str::to_owned).collect())
        .collect();
    Ok((conversion, rows))
}

fn error_of(input: &[u8]) -> TotemError {
    match convert(input) {
        Ok(_) => panic!("conversion should fail"),
        Err(error) => error,
    }
}

fn codes(conversion: &Conversion) -> Vec<&'static str> {
    conversion
        .warnings
        .iter()
        .map(|notice| notice.code)
        .collect()
}

#[test]
fn real_line_gets_derived_chapter() {
    let (conversion, rows) = convert(document(REAL_LINE).as_bytes()).expect("valid document");
    assert_eq!(conversion.rows, 1);
    let row = &rows[0];
    assert_eq!(row[0], "budget primitif");
    assert_eq!(
        &row[4..8],
        [
            "011",
            "Charges à caractère général",
            "6068",
            "Autres matières et fournitures"
        ]
    );
    assert_eq!(row[11], "fonctionnement");
    assert_eq!(row[12], "réel");
    assert_eq!(row[13], "dépense");
    assert_eq!(row[18], "100.50");
    assert_eq!(codes(&conversion), Vec::<&str>::new());
}

#[test]
fn ordre_lines_use_ordre_chapters() {
    let lines = r#"
    <LigneBudget><Nature V="6811"/><CodRD V="D"/><OpBudg V="1"/><TypOpBudg V="2"/><MtPrev V="5"/></LigneBudget>
    <LigneBudget><Nature V="2183"/><CodRD V="R"/><OpBudg V="1"/><TypOpBudg V="2"/><MtPrev V="5"/></LigneBudget>"#;
    let (_, rows) = convert(document(lines).as_bytes()).expect("valid document");
    assert_eq!(
        (
            rows[0][4].as_str(),
            rows[0][11].as_str(),
            rows[0][12].as_str()
        ),
        ("042", "fonctionnement", "ordre")
    );
    assert_eq!(
        (
            rows[1][4].as_str(),
            rows[1][11].as_str(),
            rows[1][13].as_str()
        ),
        ("040", "investissement", "recette")
    );
}

#[test]
fn function_vote_uses_function_chapter() {
    let lines = r#"    <LigneBudget><Nature V="6068"/><Fonction V="020"/><ContFon V="930"/><CodRD V="D"/><OpBudg V="0"/></LigneBudget>"#;
    let (conversion, rows) = convert(document(lines).as_bytes()).expect("valid document");
    assert_eq!(&rows[0][4..6], ["930", "Services généraux"]);
    assert_eq!(
        &rows[0][8..10],
        ["020", "Administration générale de la collectivité"]
    );
    assert_eq!(rows[0][11], "fonctionnement");
    assert_eq!(codes(&conversion), Vec::<&str>::new());
}

#[test]
fn function_code_with_group_prefix_labelled() {
    let lines = r#"    <LigneBudget><Nature V="6068"/><Fonction V="93020"/><ContFon V="930"/><CodRD V="D"/><OpBudg V="0"/></LigneBudget>"#;
    let (_, rows) = convert(document(lines).as_bytes()).expect("valid document");
    assert_eq!(
        &rows[0][8..10],
        ["93020", "Administration générale de la collectivité"]
    );
}

#[test]
fn calculated_lines_skipped() {
    let lines = format!(
        "{REAL_LINE}\n    <LigneBudget calculated=\"true\"><Nature V=\"6068\"/><CodRD V=\"D\"/><OpBudg V=\"0\"/></LigneBudget>"
    );
    let (conversion, rows) = convert(document(&lines).as_bytes()).expect("valid document");
    assert_eq!(rows.len(), 1);
    assert_eq!(conversion.calculated_skipped, 1);
}

#[test]
fn cfu_wrapper_finds_budget_document() {
    let inner = document(REAL_LINE);
    let inner = inner.trim_start_matches(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let input = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<cfu:CompteFinancierUnique xmlns:cfu="http://www.minefi.gouv.fr/cp/demat/doccfu">
  <DocumentComptable xmlns="http://www.minefi.gouv.fr/cp/demat/doccomptable">
    <Nomenclature V="M14"/><Gestion NomComptable="Jeanne Exemple"/>
  </DocumentComptable>
{inner}
</cfu:CompteFinancierUnique>"#
    );
    let (conversion, rows) = convert(input.as_bytes()).expect("valid CFU");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][4], "011");
    assert_eq!(conversion.personal_data.len(), 1);
    assert_eq!(
        conversion.personal_data[0].kind,
        totem::PersonalDataKind::Accountant
    );
    assert_eq!(conversion.personal_data[0].line, 4);
}

#[test]
fn latin1_document_decoded() {
    let text = document(
        r#"    <LigneBudget><Nature V="9999"/><LibCpte V="Dépenses imprévues"/><ContNat V="011"/><CodRD V="D"/><OpBudg V="0"/></LigneBudget>"#,
    )
    .replace("UTF-8", "ISO-8859-1");
    let latin1: Vec<u8> = text
        .chars()
        .map(|character| u8::try_from(u32::from(character)).expect("latin-1"))
        .collect();
    let (conversion, rows) = convert(&latin1).expect("valid Latin-1 document");
    assert_eq!(rows[0][7], "Dépenses imprévues");
    assert_eq!(rows[0][5], "Charges à caractère général");
    assert_eq!(codes(&conversion), vec!["totem-nature-unknown"]);
}

#[test]
fn invalid_utf8_rejected_with_line() {
    let mut input = document(REAL_LINE).into_bytes();
    let position = input
        .windows(7)
        .position(|window| window == b"COMMUNE")
        .expect("name");
    input[position] = 0xE9;
    assert_eq!(
        error_of(&input),
        TotemError::Encoding {
            encoding: "UTF-8".to_owned(),
            line: 3
        }
    );
}

#[test]
fn unknown_encoding_rejected() {
    let input = document(REAL_LINE).replace("UTF-8", "EBCDIC-XX");
    assert_eq!(
        error_of(input.as_bytes()),
        TotemError::UnsupportedEncoding {
            label: "EBCDIC-XX".to_owned()
        }
    );
}

#[test]
fn doctype_rejected() {
    let input = document(REAL_LINE).replacen("?>\n", "?>\n<!DOCTYPE DocumentBudgetaire>\n", 1);
    assert_eq!(error_of(input.as_bytes()), TotemError::Doctype { line: 2 });
}

#[test]
fn internal_entities_rejected() {
    let declaration =
        "<!DOCTYPE d [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;\">\n]>\n";
    let input = document(REAL_LINE).replacen("?>\n", &format!("?>\n{declaration}"), 1);
    assert_eq!(
        error_of(input.as_bytes()),
        TotemError::EntityDeclaration { line: 2 }
    );
}

#[test]
fn external_entity_rejected() {
    let declaration = "<!DOCTYPE d [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>\n";
    let input = document(REAL_LINE.replace("100.50", "&secret;").as_str()).replacen(
        "?>\n",
        &format!("?>\n{declaration}"),
        1,
    );
    assert_eq!(
        error_of(input.as_bytes()),
        TotemError::EntityDeclaration { line: 2 }
    );
}

#[test]
fn external_dtd_rejected() {
    let declaration = "<!DOCTYPE DocumentBudgetaire SYSTEM \"http://127.0.0.1:9/budget.dtd\">\n";
    let input = document(REAL_LINE).replacen("?>\n", &format!("?>\n{declaration}"), 1);
    assert_eq!(error_of(input.as_bytes()), TotemError::Doctype { line: 2 });
}

#[test]
fn undefined_entity_in_attribute_rejected() {
    let input = document(&REAL_LINE.replace("100.50", "&secret;"));
    let expected = TotemError::UndefinedEntity {
        name: "secret".to_owned(),
        element: "MtPrev".to_owned(),
        line: 7,
    };
    assert_eq!(error_of(input.as_bytes()), expected);
}

#[test]
fn undefined_entity_in_text_rejected() {
    let input = document(r#"    <LigneBudget><Nature V="6068"/>&secret;</LigneBudget>"#);
    let expected = TotemError::UndefinedEntity {
        name: "secret".to_owned(),
        element: "LigneBudget".to_owned(),
        line: 7,
    };
    assert_eq!(error_of(input.as_bytes()), expected);
}

#[test]
fn mismatched_tag_names_element_and_line() {
    let input = document("    <LigneBudget><Nature V=\"6068\"/>\n    </Ligne>");
    match error_of(input.as_bytes()) {
        TotemError::Malformed { element, line, .. } => {
            assert_eq!((element.as_str(), line), ("LigneBudget", 8))
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn truncated_document_names_open_element() {
    let input = document(REAL_LINE);
    let cut = input.find("</LigneBudget>").expect("line end");
    match error_of(&input.as_bytes()[..cut]) {
        TotemError::Truncated { element, line } => {
            assert_eq!((element.as_str(), line), ("LigneBudget", 7))
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn truncated_inside_tag_is_malformed() {
    let input = document(REAL_LINE);
    let cut = input.find("<MtPrev").expect("amount") + 10;
    match error_of(&input.as_bytes()[..cut]) {
        TotemError::Malformed { element, line, .. } => {
            assert_eq!((element.as_str(), line), ("LigneBudget", 7))
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn oversized_token_rejected() {
    let huge = "9".repeat(3 << 20);
    let input = document(&REAL_LINE.replace("100.50", &huge));
    match error_of(input.as_bytes()) {
        TotemError::TokenTooLarge {
            element,
            line,
            limit,
        } => {
            assert_eq!((element.as_str(), line, limit), ("LigneBudget", 7, 1 << 20));
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn deep_nesting_rejected() {
    let nested = format!("{}{}", "<x>".repeat(100), "</x>".repeat(100));
    let input = document(&nested);
    match error_of(input.as_bytes()) {
        TotemError::TooDeep {
            element,
            line,
            limit,
        } => assert_eq!((element.as_str(), line, limit), ("x", 7, 64)),
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn unknown_root_rejected() {
    let error = error_of(b"<?xml version=\"1.0\"?>\n<html><body/></html>");
    assert_eq!(
        error,
        TotemError::UnknownRoot {
            element: "html".to_owned()
        }
    );
}

#[test]
fn empty_input_has_no_document() {
    assert_eq!(error_of(b""), TotemError::DocumentMissing);
    let cfu = b"<CompteFinancierUnique xmlns=\"http://www.minefi.gouv.fr/cp/demat/doccfu\"/>";
    assert_eq!(error_of(cfu), TotemError::DocumentMissing);
}

#[test]
fn missing_plan_keeps_codes_and_warns() {
    let input = document(&REAL_LINE.replace("<Nature", "<ContNat V=\"011\"/><Nature"));
    let mut output = Vec::new();
    let conversion = totem::convert(
        input.as_bytes(),
        &mut output,
        &Plans::empty(),
        &ConvertOptions::default(),
    )
    .expect("converts without plan");
    assert_eq!(conversion.rows, 1);
    assert_eq!(
        codes(&conversion),
        vec!["totem-plan-missing", "totem-section-guessed"]
    );
    let text = String::from_utf8(output).expect("utf-8 csv");
    assert!(text.lines().nth(1).expect("row").contains(",011,,6068,,"));
}

#[test]
fn plan_of_nearest_year_used_with_warning() {
    let input = document(REAL_LINE).replace("<Exer V=\"2023\"/>", "<Exer V=\"2025\"/>");
    let (conversion, rows) = convert(input.as_bytes()).expect("valid document");
    assert_eq!(rows[0][5], "Charges à caractère général");
    let notice = conversion
        .warnings
        .iter()
        .find(|notice| notice.code == "totem-plan-other-year")
        .expect("warning");
    assert_eq!(
        notice.args,
        vec![
            ("nomenclature", "M57-M57_A".to_owned()),
            ("year", "2025".to_owned()),
            ("used", "2023".to_owned())
        ]
    );
}

#[test]
fn french_amount_rewritten_and_garbage_emptied() {
    let lines = format!(
        "{}\n{}",
        REAL_LINE.replace("100.50", "1 234,50"),
        REAL_LINE.replace("100.50", "abc")
    );
    let (conversion, rows) = convert(document(&lines).as_bytes()).expect("valid document");
    assert_eq!(rows[0][18], "1234.50");
    assert_eq!(rows[1][18], "");
    assert_eq!(
        codes(&conversion),
        vec!["totem-amount-rewritten", "totem-amount-invalid"]
    );
}

#[test]
fn siret_override_and_checksum_warning() {
    let options = ConvertOptions {
        siret_override: Some("12345678901234".to_owned()),
        ..ConvertOptions::default()
    };
    let mut output = Vec::new();
    let conversion = totem::convert(
        document(REAL_LINE).as_bytes(),
        &mut output,
        &plans(),
        &options,
    )
    .expect("converts");
    assert!(
        String::from_utf8(output)
            .expect("utf-8")
            .contains(",12345678901234,")
    );
    assert_eq!(codes(&conversion), vec!["totem-siret-invalid"]);
}

#[test]
fn document_without_namespace_accepted() {
    let input = document(REAL_LINE).replace(
        " xmlns=\"http://www.minefi.gouv.fr/cp/demat/docbudgetaire\"",
        "",
    );
    let (conversion, rows) = convert(input.as_bytes()).expect("valid document");
    assert_eq!(conversion.rows, 1);
    assert_eq!(rows[0][4], "011");
}

#[test]
fn subsidy_to_natural_person_reported() {
    let annexes = r#"    <Annexes><DATA_CONCOURS>
      <CONCOURS><CodNatJurBenefCA V="P1"/><LibOrgaBenef V="ASSOCIATION"/></CONCOURS>
      <CONCOURS><CodNatJurBenefCA V="P3"/><LibOrgaBenef V="Jean Exemple"/></CONCOURS>
    </DATA_CONCOURS><DATA_PRET><PRET><NomBenefPret V="Marie Exemple"/></PRET></DATA_PRET></Annexes>"#;
    let (conversion, rows) =
        convert(document(&format!("{REAL_LINE}\n{annexes}")).as_bytes()).expect("valid");
    let found: Vec<(totem::PersonalDataKind, &str, u64)> = conversion
        .personal_data
        .iter()
        .map(|found| (found.kind, found.element.as_str(), found.line))
        .collect();
    assert_eq!(
        found,
        vec![
            (totem::PersonalDataKind::SubsidyBeneficiary, "CONCOURS", 10),
            (totem::PersonalDataKind::LoanBeneficiary, "PRET", 11)
        ]
    );
    assert!(rows.iter().flatten().all(|cell| !cell.contains("Exemple")));
}

#[test]
fn two_budgets_summarised_separately() {
    let annex = r#"  </Budget>
  <Budget>
    <EnTeteBudget><LibelleEtab V="LOTISSEMENT"/><IdEtab V="21560046100085"/><Nomenclature V="M57-M57_A"/></EnTeteBudget>
    <BlocBudget><NatDec V="03"/><Exer V="2023"/><ProjetBudget V="true"/><CodTypBud V="A"/></BlocBudget>
    <LigneBudget><Nature V="6068"/><CodRD V="D"/><MtPrev V="7"/><OpBudg V="0"/></LigneBudget>"#;
    let (conversion, rows) =
        convert(document(&format!("{REAL_LINE}\n{annex}")).as_bytes()).expect("valid");

    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][2].as_str()),
        ("budget primitif", "21560046100010")
    );
    assert_eq!(
        (rows[1][0].as_str(), rows[1][2].as_str()),
        ("budget supplémentaire", "21560046100085")
    );
    assert_eq!(
        rows[1][3], "COMMUNE TEST",
        "annex rows carry the collectivité's name"
    );

    let budgets = &conversion.summary.budgets;
    assert_eq!(budgets.len(), 2);
    assert_eq!(
        budgets[0].fonctionnement.expenses.voted,
        totem::Amount(10_050)
    );
    assert_eq!(budgets[1].fonctionnement.expenses.voted, totem::Amount(700));
    assert!(budgets[1].annex);
    assert!(budgets[1].draft);
    assert_eq!(codes(&conversion), vec!["totem-draft"]);
}

/// Creates an empty folder for one test under Cargo's temporary directory.
fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("old test folder removed");
    }
    std::fs::create_dir_all(&dir).expect("test folder");
    dir
}

#[test]
fn plans_folder_loaded_lazily() {
    let dir = fresh_dir("plans-lazy");
    let plan_dir = dir.join("2023/M57/M57_A");
    std::fs::create_dir_all(&plan_dir).expect("plan folder");
    std::fs::write(plan_dir.join("planDeCompte.xml"), PLAN).expect("plan file");
    let broken_dir = dir.join("2023/M14/M14_COM_500_3500");
    std::fs::create_dir_all(&broken_dir).expect("plan folder");
    std::fs::write(
        broken_dir.join("planDeCompte.xml"),
        "<Nomenclature><Nature>",
    )
    .expect("plan file");
    std::fs::create_dir_all(dir.join("notes")).expect("unrelated folder");

    let plans = Plans::load_dir(&dir).expect("folder lists");
    assert!(!plans.is_empty());

    let mut output = Vec::new();
    let conversion = totem::convert(
        document(REAL_LINE).as_bytes(),
        &mut output,
        &plans,
        &ConvertOptions::default(),
    )
    .expect("converts with the listed plan");
    assert_eq!(codes(&conversion), Vec::<&str>::new());
    assert!(
        String::from_utf8(output)
            .expect("utf-8")
            .contains("Charges à caractère général")
    );

    let broken = document(REAL_LINE).replace("M57-M57_A", "M14-M14_COM_500_3500");
    let conversion = totem::convert(
        broken.as_bytes(),
        std::io::sink(),
        &plans,
        &ConvertOptions::default(),
    )
    .expect("converts without the broken plan");
    let notice = conversion
        .warnings
        .iter()
        .find(|notice| notice.code == "totem-plan-invalid")
        .expect("warning");
    assert_eq!(
        notice.args[0],
        ("nomenclature", "M14-M14_COM_500_3500".to_owned())
    );
}

#[test]
fn missing_plans_folder_rejected() {
    let dir = fresh_dir("plans-missing").join("absent");
    match Plans::load_dir(&dir) {
        Err(TotemError::PlansDir { path, .. }) => assert_eq!(path, dir),
        other => panic!("unexpected result {other:?}"),
    }
}
