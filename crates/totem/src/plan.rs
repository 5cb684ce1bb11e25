//! One plan de comptes (`planDeCompte.xml`): the chapters, accounts and functional references
//! of one nomenclature (norme and déclinaison) for one year.
//!
//! Only what the conversion uses is kept: labels, the section of each chapter, and for each
//! account the chapters its real and ordre operations are voted in (`DR`/`RR`, `DOIS`/`ROIS`,
//! `DOES`/`ROES`). The functional accounts under `Fonction/Comptes` and the short labels are
//! left out.

use std::collections::HashMap;
use std::io::BufRead;

use crate::error::TotemError;
use crate::xml::{self, Element, Handler, Limits, Namespace};

/// Section of the budget a chapter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Fonctionnement,
    Investissement,
}

impl Section {
    /// Parses the plan's `Section` attribute and the `CaracSup Section` value (`F` or `I`).
    pub fn from_code(code: &str) -> Option<Section> {
        match code.trim() {
            "F" | "f" => Some(Section::Fonctionnement),
            "I" | "i" => Some(Section::Investissement),
            _ => None,
        }
    }

    /// Returns the value of the SCDL `BGT_SECTION` column.
    pub fn scdl(self) -> &'static str {
        match self {
            Section::Fonctionnement => "fonctionnement",
            Section::Investissement => "investissement",
        }
    }
}

/// A chapter of the nature or function presentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub label: String,
    pub section: Option<Section>,
}

/// An account of the nature presentation, with its voting chapters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    pub label: String,
    /// Chapter of real expenses (`DR`).
    pub real_expense: Option<String>,
    /// Chapter of real revenue (`RR`).
    pub real_revenue: Option<String>,
    /// Chapter of ordre expenses inside a section (`DOIS`).
    pub order_inside_expense: Option<String>,
    /// Chapter of ordre revenue inside a section (`ROIS`).
    pub order_inside_revenue: Option<String>,
    /// Chapter of ordre expenses between sections (`DOES`).
    pub order_between_expense: Option<String>,
    /// Chapter of ordre revenue between sections (`ROES`).
    pub order_between_revenue: Option<String>,
}

/// A loaded plan de comptes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub year: u16,
    pub norme: String,
    pub declinaison: String,
    pub nature_chapters: HashMap<String, Chapter>,
    pub function_chapters: HashMap<String, Chapter>,
    pub accounts: HashMap<String, Account>,
    /// Labels of the functional references (`RefFonc`), by code.
    pub functions: HashMap<String, String>,
}

impl Plan {
    /// Parses a `planDeCompte.xml` document.
    pub fn parse<R: BufRead>(input: R) -> Result<Plan, TotemError> {
        let mut parser = PlanParser {
            plan: Plan::default(),
            area: Area::None,
        };
        xml::walk(input, &mut parser, Limits::default())?;
        Ok(parser.plan)
    }

    /// Returns the account of a nature code, or of its nearest listed parent account.
    ///
    /// Accounts form a tree whose codes extend their parent's code (`2804412` under `280441`),
    /// and a flow may use a sub-account the plan does not list.
    pub fn account_or_parent(&self, nature: &str) -> Option<(&str, &Account)> {
        let mut code = nature;
        while !code.is_empty() {
            if let Some((key, account)) = self.accounts.get_key_value(code) {
                return Some((key.as_str(), account));
            }
            let last = code.char_indices().last().map_or(0, |(index, _)| index);
            code = &code[..last];
        }
        None
    }

    /// Returns the label of a functional reference. Budgets voted by function in M57 prefix the
    /// functional code with a two-digit group, so an unknown code is retried without it.
    pub fn function_label(&self, code: &str) -> Option<&str> {
        if let Some(label) = self.functions.get(code) {
            return Some(label);
        }
        let stripped = code.get(2..).filter(|rest| !rest.is_empty())?;
        self.functions.get(stripped).map(String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    None,
    Nature,
    Fonction,
}

struct PlanParser {
    plan: Plan,
    area: Area,
}

impl Handler for PlanParser {
    fn open(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        if element.namespace == Namespace::Other {
            return Ok(());
        }
        match (element.depth, element.local) {
            (1, "Nomenclature") => {
                self.plan.norme = element.attribute_owned("Norme")?.unwrap_or_default();
                self.plan.declinaison = element.attribute_owned("Declinaison")?.unwrap_or_default();
                let year = element.attribute_owned("Exer")?.unwrap_or_default();
                self.plan.year = year.trim().parse().unwrap_or_default();
            }
            (2, "Nature") => self.area = Area::Nature,
            (2, "Fonction") => self.area = Area::Fonction,
            (_, "Chapitre") => self.chapter(element)?,
            (_, "Compte") if self.area == Area::Nature => self.account(element)?,
            (_, "RefFonc") if self.area == Area::Fonction => {
                if let Some(code) = element.attribute_owned("Code")? {
                    let label = element.attribute_owned("Libelle")?.unwrap_or_default();
                    self.plan.functions.entry(code).or_insert(label);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, _: Namespace, local: &str, depth: usize, _: u64) -> Result<(), TotemError> {
        if depth == 2 && (local == "Nature" || local == "Fonction") {
            self.area = Area::None;
        }
        Ok(())
    }
}

impl PlanParser {
    fn chapter(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        let Some(code) = element.attribute_owned("Code")? else {
            return Ok(());
        };
        let label = element.attribute_owned("Libelle")?.unwrap_or_default();
        let section = element
            .attribute("Section")?
            .as_deref()
            .and_then(Section::from_code);
        let chapters = match self.area {
            Area::Nature => &mut self.plan.nature_chapters,
            Area::Fonction => &mut self.plan.function_chapters,
            Area::None => return Ok(()),
        };
        chapters.entry(code).or_insert(Chapter { label, section });
        Ok(())
    }

    fn account(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        let Some(code) = element.attribute_owned("Code")? else {
            return Ok(());
        };
        let chapter = |name: &str| -> Result<Option<String>, TotemError> {
            Ok(element
                .attribute_owned(name)?
                .filter(|value| !value.trim().is_empty()))
        };
        let account = Account {
            label: element.attribute_owned("Libelle")?.unwrap_or_default(),
            real_expense: chapter("DR")?,
            real_revenue: chapter("RR")?,
            order_inside_expense: chapter("DOIS")?,
            order_inside_revenue: chapter("ROIS")?,
            order_between_expense: chapter("DOES")?,
            order_between_revenue: chapter("ROES")?,
        };
        self.plan.accounts.entry(code).or_insert(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Nomenclature Norme="M57" Declinaison="M57_A" Exer="2023">
  <Nature>
    <Chapitres>
      <Chapitre Code="011" Libelle="Charges à caractère général" Section="F"/>
      <Chapitre Code="21" Libelle="Immobilisations corporelles" Section="I"/>
    </Chapitres>
    <Comptes>
      <Compte Code="2" Libelle="Comptes d'immobilisations">
        <Compte Code="21" Libelle="Immobilisations corporelles" DR="21" RR="21" DOES="040" ROES="040" DOIS="041" ROIS="041"/>
      </Compte>
    </Comptes>
  </Nature>
  <Fonction>
    <Chapitres><Chapitre Code="930" Libelle="Services généraux" Section="F"/></Chapitres>
    <RefFonctionnelles>
      <RefFonc Code="0" Libelle="Services généraux"><RefFonc Code="020" Libelle="Administration générale"/></RefFonc>
    </RefFonctionnelles>
  </Fonction>
</Nomenclature>"#;

    #[test]
    fn plan_parses_chapters_accounts_functions() {
        let plan = Plan::parse(PLAN.as_bytes()).expect("valid plan");
        assert_eq!(
            (plan.year, plan.norme.as_str(), plan.declinaison.as_str()),
            (2023, "M57", "M57_A")
        );
        assert_eq!(
            plan.nature_chapters["011"].section,
            Some(Section::Fonctionnement)
        );
        assert_eq!(plan.function_chapters["930"].label, "Services généraux");
        assert_eq!(
            plan.accounts["21"].order_between_expense.as_deref(),
            Some("040")
        );
        assert_eq!(plan.function_label("020"), Some("Administration générale"));
    }

    #[test]
    fn account_falls_back_to_parent() {
        let plan = Plan::parse(PLAN.as_bytes()).expect("valid plan");
        let (code, account) = plan.account_or_parent("2188").expect("parent 21");
        assert_eq!(code, "21");
        assert_eq!(account.real_expense.as_deref(), Some("21"));
        assert!(plan.account_or_parent("6").is_none());
    }

    #[test]
    fn function_label_strips_group_prefix() {
        let plan = Plan::parse(PLAN.as_bytes()).expect("valid plan");
        assert_eq!(
            plan.function_label("93020"),
            Some("Administration générale")
        );
        assert_eq!(plan.function_label("99"), None);
    }
}
