//! The set of plans de comptes available to a conversion, found in a folder laid out as
//! `{Exer}/{Norme}/{Declinaison}/planDeCompte.xml` (the layout of the official download area).
//!
//! [`Plans::load_dir`] only lists the files. Each plan is parsed the first time a budget needs
//! it and then kept, so a folder with every year and nomenclature costs nothing up front.
//! Downloading the folder is left to the command-line tool.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::error::TotemError;
use crate::plan::Plan;

const PLAN_FILE: &str = "planDeCompte.xml";

/// The outcome of a plan look-up for one budget.
#[derive(Debug, Clone)]
pub(crate) enum PlanLookup {
    /// The plan of the requested year.
    Exact(Arc<Plan>),
    /// The plan of the nearest available year for the same norme and déclinaison.
    OtherYear(Arc<Plan>, u16),
    /// A plan file exists but cannot be parsed.
    Invalid { year: u16, error: TotemError },
    /// No plan for this norme and déclinaison.
    Missing,
}

#[derive(Debug)]
struct Entry {
    path: PathBuf,
    plan: OnceLock<Result<Arc<Plan>, TotemError>>,
}

/// Loaded plans de comptes, by norme, déclinaison and year. Safe to share between threads.
#[derive(Debug, Default)]
pub struct Plans {
    entries: BTreeMap<(String, String), BTreeMap<u16, Entry>>,
}

impl Plans {
    /// Returns a set without any plan: rows keep their codes but get no labels, and chapters
    /// missing from the flow cannot be derived.
    pub fn empty() -> Plans {
        Plans::default()
    }

    /// Lists the plans of a folder laid out as `{Exer}/{Norme}/{Declinaison}/planDeCompte.xml`.
    /// Folders that do not fit the layout are ignored.
    pub fn load_dir(dir: &Path) -> Result<Plans, TotemError> {
        let unreadable = |error: std::io::Error| TotemError::PlansDir {
            path: dir.to_owned(),
            detail: error.to_string(),
        };
        let mut plans = Plans::default();
        for year_entry in std::fs::read_dir(dir).map_err(unreadable)? {
            let year_entry = year_entry.map_err(unreadable)?;
            let Some(year) = year_entry.file_name().to_str().and_then(parse_year) else {
                continue;
            };
            for (norme, declinaison, path) in list_plan_files(&year_entry.path()) {
                let entry = Entry {
                    path,
                    plan: OnceLock::new(),
                };
                plans
                    .entries
                    .entry((norme, declinaison))
                    .or_default()
                    .insert(year, entry);
            }
        }
        Ok(plans)
    }

    /// Adds an already parsed plan, under its own norme, déclinaison and year.
    pub fn insert(&mut self, plan: Plan) {
        let key = (plan.norme.clone(), plan.declinaison.clone());
        let year = plan.year;
        let entry = Entry {
            path: PathBuf::new(),
            plan: OnceLock::from(Ok(Arc::new(plan))),
        };
        self.entries.entry(key).or_default().insert(year, entry);
    }

    /// Returns whether the set contains no plan at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Finds the plan of a year, or of the nearest year (the earlier one on a tie).
    pub(crate) fn find(&self, norme: &str, declinaison: &str, year: u16) -> PlanLookup {
        let Some(years) = self
            .entries
            .get(&(norme.to_owned(), declinaison.to_owned()))
        else {
            return PlanLookup::Missing;
        };
        let nearest = years
            .keys()
            .copied()
            .min_by_key(|candidate| (candidate.abs_diff(year), *candidate));
        let Some(found) = nearest else {
            return PlanLookup::Missing;
        };
        let Some(entry) = years.get(&found) else {
            return PlanLookup::Missing;
        };
        let loaded = entry.plan.get_or_init(|| load_file(&entry.path));
        match loaded {
            Ok(plan) if found == year => PlanLookup::Exact(Arc::clone(plan)),
            Ok(plan) => PlanLookup::OtherYear(Arc::clone(plan), found),
            Err(error) => PlanLookup::Invalid {
                year: found,
                error: error.clone(),
            },
        }
    }
}

fn parse_year(name: &str) -> Option<u16> {
    if name.len() == 4 && name.bytes().all(|byte| byte.is_ascii_digit()) {
        name.parse().ok()
    } else {
        None
    }
}

/// Lists `{Norme}/{Declinaison}/planDeCompte.xml` under a year folder, skipping unreadable parts.
fn list_plan_files(year_dir: &Path) -> Vec<(String, String, PathBuf)> {
    let mut found = Vec::new();
    for norme_dir in subdirectories(year_dir) {
        for declinaison_dir in subdirectories(&norme_dir) {
            let path = declinaison_dir.join(PLAN_FILE);
            if !path.is_file() {
                continue;
            }
            let name = |dir: &Path| {
                dir.file_name()
                    .and_then(|name| name.to_str())
                    .map(str::to_owned)
            };
            if let (Some(norme), Some(declinaison)) = (name(&norme_dir), name(&declinaison_dir)) {
                found.push((norme, declinaison, path));
            }
        }
    }
    found
}

fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect()
}

fn load_file(path: &Path) -> Result<Arc<Plan>, TotemError> {
    let file = File::open(path).map_err(|error| TotemError::PlansDir {
        path: path.to_owned(),
        detail: error.to_string(),
    })?;
    Plan::parse(BufReader::new(file)).map(Arc::new)
}
