//! `socle admin sweep-files` on a data folder: a dry run lists an old unreferenced file
//! and keeps it, a real run removes it, and a folder without a catalogue is an error in
//! French with the fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

fn socle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(args)
        .env_remove("SOCLE_LANG")
        .env_remove("SOCLE_DATA")
        .env("SOCLE_PASSWORD", "mot de passe de test")
        .output()
        .expect("socle runs")
}

fn temp_folder(name: &str) -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("socle-cli-sweep-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("folder");
    folder
}

/// Writes a file under a storage key, as the file store lays them out, two hours old.
fn old_stored_file(data: &Path, key: &str) -> PathBuf {
    let folder = data.join("files").join(&key[..2]);
    std::fs::create_dir_all(&folder).expect("files folder");
    let path = folder.join(key);
    std::fs::write(&path, b"orphelin").expect("write");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_modified(SystemTime::now() - Duration::from_secs(2 * 3600))
        .expect("set time");
    path
}

#[test]
fn dry_run_then_sweep() {
    let data = temp_folder("run");
    let data_arg = data.display().to_string();
    let created = socle(&[
        "admin",
        "create-user",
        "--email",
        "admin@kerbrient.fr",
        "--name",
        "Admin",
        "--data",
        &data_arg,
    ]);
    assert!(created.status.success(), "{created:?}");
    let key = "0123456789abcdef0123456789abcdef";
    let orphan = old_stored_file(&data, key);

    let dry_run = socle(&["admin", "sweep-files", "--data", &data_arg, "--dry-run"]);
    let stdout = String::from_utf8_lossy(&dry_run.stdout);
    assert_eq!(dry_run.status.code(), Some(0), "{dry_run:?}");
    assert!(stdout.contains(key), "{stdout}");
    assert!(stdout.contains("seraient supprimés : 1"), "{stdout}");
    assert!(orphan.exists());

    let swept = socle(&["admin", "sweep-files", "--data", &data_arg]);
    let stdout = String::from_utf8_lossy(&swept.stdout);
    assert_eq!(swept.status.code(), Some(0), "{swept:?}");
    assert!(stdout.contains("Fichiers supprimés : 1"), "{stdout}");
    assert!(!orphan.exists());
}

#[test]
fn folder_without_catalogue_fails() {
    let data = temp_folder("missing");
    let output = socle(&[
        "admin",
        "sweep-files",
        "--data",
        &data.join("absent").display().to_string(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        stderr.contains("Le nettoyage des fichiers du dossier"),
        "{stderr}"
    );
    assert!(stderr.contains("catalog.db"), "{stderr}");
}
