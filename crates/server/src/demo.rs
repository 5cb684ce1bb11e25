//! The `--demo` catalogue: a commune, an EPCI and a département with datasets built from
//! the official schema examples, and a demo account, seeded once into an empty database.
//!
//! Example files are read from the first reference folder found: the configured
//! `demo_examples`, then `../shared/reference` and `shared/reference` from the working
//! directory. A dataset whose file is absent is skipped, except the commune's
//! délibérations and its TOTEM budget, which ship with the binary. The budget is a
//! synthetic `DocumentBudgetaire` (budget primitif 2024, nomenclature M57) so that the
//! conversion to the SCDL budget CSV can be tried on its report page at once.

use std::path::{Path, PathBuf};

use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetStore, NewOrganization, OrganizationKind, OrganizationStore,
    ResourceSource, Role, UserStore, ValidationStatus,
};

use crate::state::AppState;

/// The e-mail address of the demo account.
pub const DEMO_EMAIL: &str = "demo@socle.localhost";

/// The file name of the bundled TOTEM budget.
pub const BUDGET_FILE_NAME: &str = "budget-primitif-kerbrient-2024.xml";

/// The synthetic TOTEM budget primitif of the demo commune.
pub const BUNDLED_BUDGET: &[u8] = include_bytes!("../demo/budget-primitif-kerbrient-2024.xml");

const BUNDLED_DELIBERATIONS: &[u8] = include_bytes!("../demo/deliberations-kerbrient.csv");

/// One demo dataset: owner index, title, schema, tags, frequency, example file.
struct DemoDataset {
    owner: usize,
    title: &'static str,
    schema: &'static str,
    tags: &'static [&'static str],
    frequency: &'static str,
    example: DemoFile,
}

/// The source of a demo dataset's file.
enum DemoFile {
    /// A file compiled into the binary: its name and content.
    Bundled(&'static str, &'static [u8]),
    /// A path under the reference folder.
    Reference(&'static str),
}

const DATASETS: &[DemoDataset] = &[
    DemoDataset {
        owner: 0,
        title: "Délibérations du conseil municipal",
        schema: "deliberations",
        tags: &["deliberations", "conseil municipal"],
        frequency: "MONTHLY",
        example: DemoFile::Bundled("deliberations-kerbrient.csv", BUNDLED_DELIBERATIONS),
    },
    DemoDataset {
        owner: 0,
        title: "Budget primitif de la commune",
        schema: "budget",
        tags: &["budget", "finances"],
        frequency: "ANNUAL",
        example: DemoFile::Bundled(BUDGET_FILE_NAME, BUNDLED_BUDGET),
    },
    DemoDataset {
        owner: 0,
        title: "Prénoms des nouveau-nés",
        schema: "prenoms",
        tags: &["prenoms", "etat civil"],
        frequency: "ANNUAL",
        example: DemoFile::Reference("schemas/prenoms/prenoms-nouveaux-nes_exemple-valide.csv"),
    },
    DemoDataset {
        owner: 1,
        title: "Délibérations du conseil métropolitain",
        schema: "deliberations",
        tags: &["deliberations"],
        frequency: "MONTHLY",
        example: DemoFile::Reference("real/deliberations/donnees-deliberations.csv"),
    },
    DemoDataset {
        owner: 1,
        title: "Marchés publics",
        schema: "marches-publics",
        tags: &["marches publics", "commande publique"],
        frequency: "MONTHLY",
        example: DemoFile::Reference("schemas/marches-publics/exemple_marche_public.csv"),
    },
    DemoDataset {
        owner: 2,
        title: "Subventions aux associations",
        schema: "subventions",
        tags: &["subventions", "associations"],
        frequency: "ANNUAL",
        example: DemoFile::Reference("schemas/subventions/exemple_valide.csv"),
    },
];

fn organizations() -> [NewOrganization; 3] {
    [
        NewOrganization {
            name: "Commune de Kerbrient".into(),
            siren: None,
            kind: OrganizationKind::Commune,
            description: "Commune fictive de démonstration.".into(),
        },
        NewOrganization {
            name: "Saint-Étienne Métropole".into(),
            siren: Some("244200770".into()),
            kind: OrganizationKind::Epci,
            description: "Métropole de la Loire.".into(),
        },
        NewOrganization {
            name: "Département de la Loire".into(),
            siren: Some("224200014".into()),
            kind: OrganizationKind::Departement,
            description: "Conseil départemental.".into(),
        },
    ]
}

/// Returns the plans de comptes of the reference files, when they are present, so that
/// the demo's TOTEM budget converts with its labels without a `totem_plans` setting.
pub fn reference_plans(configured: Option<&Path>) -> Option<PathBuf> {
    reference_folder(configured)
        .map(|folder| folder.join("totem/plans-de-compte"))
        .filter(|folder| folder.is_dir())
}

fn reference_folder(configured: Option<&Path>) -> Option<PathBuf> {
    let candidates = [
        configured.map(Path::to_path_buf),
        Some(PathBuf::from("../shared/reference")),
        Some(PathBuf::from("shared/reference")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|folder| folder.is_dir())
}

/// Seeds the demo into an empty catalogue, and returns whether it did.
pub async fn seed(state: &AppState, password: &str) -> Result<bool, catalog::Error> {
    if !state.store().organizations().await?.is_empty() {
        return Ok(false);
    }
    let user = state
        .store()
        .create_user(DEMO_EMAIL, "Agent de démonstration", password, false)
        .await?;
    let mut owners = Vec::new();
    for new in organizations() {
        let organization = state.store().create_organization(&new).await?;
        state
            .store()
            .set_membership(user.id, organization.id, Role::Editor)
            .await?;
        owners.push(organization);
    }
    let reference = reference_folder(state.config().demo_examples.as_deref());
    for demo in DATASETS {
        let (file_name, content) = match (&demo.example, &reference) {
            (DemoFile::Bundled(name, bytes), _) => (*name, bytes.to_vec()),
            (DemoFile::Reference(relative), Some(folder)) => {
                match tokio::fs::read(folder.join(relative)).await {
                    Ok(bytes) => (relative.rsplit('/').next().unwrap_or(relative), bytes),
                    Err(_) => continue,
                }
            }
            (DemoFile::Reference(_), None) => continue,
        };
        let Some(owner) = owners.get(demo.owner) else {
            continue;
        };
        seed_dataset(state, owner, demo, file_name, &content).await?;
    }
    Ok(true)
}

async fn seed_dataset(
    state: &AppState,
    owner: &catalog::Organization,
    demo: &DemoDataset,
    file_name: &str,
    content: &[u8],
) -> Result<(), catalog::Error> {
    let description = scdl::find(demo.schema)
        .ok()
        .flatten()
        .and_then(|entry| entry.description)
        .unwrap_or_default();
    let fields = DatasetFields {
        title: demo.title.into(),
        description,
        licence: "lov2".into(),
        tags: demo.tags.iter().map(|tag| (*tag).to_string()).collect(),
        frequency: demo.frequency.into(),
        schema_slug: scdl::find(demo.schema)
            .ok()
            .flatten()
            .map(|entry| entry.slug),
        contact_name: owner.name.clone(),
        ..DatasetFields::default()
    };
    let dataset = state.store().create_dataset(owner.id, &fields).await?;
    let mut pending = state.files().begin(state.config().max_upload_bytes).await?;
    pending.write(content).await?;
    let stored = pending.commit(state.files()).await?;
    // Tables are validated against the dataset's schema at start-up, like uploads. The
    // TOTEM XML is not a table, so it gets no schema and no validation.
    let is_xml = file_name.ends_with(".xml");
    let new = NewResource {
        title: file_name.to_string(),
        source: ResourceSource::File {
            file_name: file_name.to_string(),
            storage_key: stored.key,
            size: stored.size,
            sha256: stored.sha256,
        },
        format: if is_xml { "xml" } else { "csv" }.into(),
        schema_slug: if is_xml {
            None
        } else {
            fields.schema_slug.clone()
        },
        validation_status: if is_xml {
            ValidationStatus::None
        } else {
            ValidationStatus::Pending
        },
    };
    // Published first, then the file added through the publication gate: a table waiting
    // for its check stays held until its personal-data scan is clean or an editor confirms
    // it, as for an upload.
    state.store().set_published(dataset.id, true).await?;
    let published = catalog::Dataset {
        published: true,
        ..dataset
    };
    crate::publication_hold::add_resource(state, &published, &new).await?;
    Ok(())
}
