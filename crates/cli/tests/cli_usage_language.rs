//! Help pages and argument errors of the built `socle` binary: French by default, English
//! with `--lang en` or `SOCLE_LANG=en`, with the exit statuses clap would give.

use std::process::{Command, Output};

fn socle(args: &[&str], lang: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socle"));
    command.args(args).env_remove("SOCLE_LANG");
    if let Some(lang) = lang {
        command.env("SOCLE_LANG", lang);
    }
    command.output().expect("socle runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn root_help_in_french() {
    let output = socle(&["--help"], None);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        text.contains("Utilisation : socle [OPTIONS] <COMMANDE>"),
        "{text}"
    );
    assert!(text.contains("Commandes :"), "{text}");
    assert!(text.contains("Options :"), "{text}");
    assert!(text.contains("Affiche cette aide."), "{text}");
    assert!(text.contains("Valide un fichier CSV"), "{text}");
    for english in ["Usage:", "Commands:", "Print help", "Validate a CSV"] {
        assert!(!text.contains(english), "{english} in {text}");
    }
}

#[test]
fn validate_help_in_french() {
    let output = socle(&["validate", "--help"], None);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(text.contains("Arguments :"), "{text}");
    assert!(text.contains("Fichier à valider"), "{text}");
    assert!(text.contains("[par défaut : 1000]"), "{text}");
    assert!(text.contains("[valeurs : text, json]"), "{text}");
    for english in [
        "[default:",
        "[possible values:",
        "Report format",
        "Arguments:",
    ] {
        assert!(!text.contains(english), "{english} in {text}");
    }
}

#[test]
fn help_subcommand_in_french() {
    let output = socle(&["help", "totem", "convert"], None);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        text.contains("Convertit un fichier budgétaire TOTEM"),
        "{text}"
    );
    assert!(text.contains("[variable : SOCLE_TOTEM_PLANS]"), "{text}");
}

#[test]
fn help_in_english_with_flag_or_environment() {
    let flag = socle(&["validate", "--help", "--lang", "en"], None);
    let from_environment = socle(&["validate", "--help"], Some("en"));
    for output in [flag, from_environment] {
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(0));
        assert!(text.contains("Usage: socle validate"), "{text}");
        assert!(text.contains("Report format."), "{text}");
        assert!(text.contains("[default: 1000]"), "{text}");
        assert!(!text.contains("Utilisation"), "{text}");
    }
}

#[test]
fn out_of_range_value_names_value_and_range() {
    let output = socle(&["validate", "file.csv", "--max-errors", "0"], None);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(text.contains("Erreur :"), "{text}");
    assert!(text.contains("« 0 »"), "{text}");
    assert!(text.contains("--max-errors"), "{text}");
    assert!(text.contains("de 1 à 100 000"), "{text}");
    assert!(text.contains("socle validate --help"), "{text}");
    assert!(!text.contains("is not in"), "{text}");
}

#[test]
fn unknown_subcommand_in_french() {
    let output = socle(&["frobnicate"], None);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text.contains("La commande « frobnicate » n'existe pas."),
        "{text}"
    );
    assert!(text.contains("socle --help"), "{text}");
    assert!(!text.contains("unrecognized"), "{text}");
}

#[test]
fn mistyped_option_gets_suggestion() {
    let output = socle(&["validate", "file.csv", "--max-error", "3"], None);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(text.contains("« --max-error »"), "{text}");
    assert!(
        text.contains("Vouliez-vous dire « --max-errors » ?"),
        "{text}"
    );
}

#[test]
fn invalid_choice_lists_values() {
    let output = socle(&["validate", "file.csv", "--format", "xml"], None);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(text.contains("« xml »"), "{text}");
    assert!(text.contains("valeurs possibles : text, json"), "{text}");
}

#[test]
fn missing_argument_and_conflict() {
    let missing = socle(&["validate"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("Argument obligatoire manquant : <FILE>"),
        "{}",
        stderr(&missing)
    );
    let conflict = socle(
        &["privacy", "scan", "f.csv", "--schema", "a", "--policy", "b"],
        None,
    );
    assert_eq!(conflict.status.code(), Some(2));
    assert!(
        stderr(&conflict).contains("ne peut pas être utilisé avec"),
        "{}",
        stderr(&conflict)
    );
}

#[test]
fn usage_error_in_english() {
    let output = socle(
        &["--lang=en", "validate", "file.csv", "--max-errors", "0"],
        None,
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(text.contains("Error:"), "{text}");
    assert!(text.contains("from 1 to 100,000"), "{text}");
    assert!(text.contains("For help: socle validate --help"), "{text}");
}

#[test]
fn bad_socket_address_shows_example() {
    let output = socle(&["serve", "--bind", "localhost"], None);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(text.contains("127.0.0.1:8080"), "{text}");
}

#[test]
fn negative_number_explained_as_out_of_range() {
    let output = socle(&["validate", "demo.csv", "--max-errors", "-1"], None);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("La valeur « -1 » n'est pas valide pour --max-errors"),
        "{text}"
    );
    assert!(text.contains("nombre entier de 1 à 100 000"), "{text}");
}
