//! What a converted file contains, for the platform's publication screen: which budget, which
//! stage and year, and the totals of each section.
//!
//! Totals are exact decimal sums in cents. They include real and ordre operations alike, as
//! the budget document's own balance by section does. Calculated lines of a compte financier
//! unique are never counted. Rendering is left to the caller through the `totem-summary*`
//! messages; [`BudgetSummary::messages`] lists them with their arguments.

use std::fmt;

use crate::plan::Section;

/// The budget stage of a document (`BlocBudget/NatDec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    BudgetPrimitif,
    DecisionModificative,
    BudgetSupplementaire,
    CompteAdministratif,
    /// Compte financier unique, which replaces the compte administratif.
    CompteFinancierUnique,
}

impl Stage {
    /// Parses a `NatDec` code (`01`, `02`, `03`, `09`, `10`).
    pub fn from_natdec(code: &str) -> Option<Stage> {
        match code.trim() {
            "01" | "1" => Some(Stage::BudgetPrimitif),
            "02" | "2" => Some(Stage::DecisionModificative),
            "03" | "3" => Some(Stage::BudgetSupplementaire),
            "09" | "9" => Some(Stage::CompteAdministratif),
            "10" => Some(Stage::CompteFinancierUnique),
            _ => None,
        }
    }

    /// Returns the value of the SCDL `BGT_NATDEC` column. The SCDL budget schema has no value
    /// for the compte financier unique, which is published as a compte administratif.
    pub fn scdl(self) -> &'static str {
        match self {
            Stage::BudgetPrimitif => "budget primitif",
            Stage::DecisionModificative => "décision modificative",
            Stage::BudgetSupplementaire => "budget supplémentaire",
            Stage::CompteAdministratif | Stage::CompteFinancierUnique => "compte administratif",
        }
    }

    /// Returns the stable identifier used as a selector in the catalogue messages.
    pub fn code(self) -> &'static str {
        match self {
            Stage::BudgetPrimitif => "bp",
            Stage::DecisionModificative => "dm",
            Stage::BudgetSupplementaire => "bs",
            Stage::CompteAdministratif => "ca",
            Stage::CompteFinancierUnique => "cfu",
        }
    }

    /// Returns whether the document reports realised amounts (`MtReal`) rather than forecasts.
    pub fn is_account(self) -> bool {
        matches!(
            self,
            Stage::CompteAdministratif | Stage::CompteFinancierUnique
        )
    }
}

/// An exact amount in euro cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub i128);

impl Amount {
    /// Parses a plain decimal (`-1234.5`, `14000.00`), rounding past the cent half away from zero.
    pub fn parse(text: &str) -> Option<Amount> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (units, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let valid = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if units.is_empty() || units.len() > 30 || !valid(units) || !valid(fraction) {
            return None;
        }
        let mut cents: i128 = units.parse::<i128>().ok()?.checked_mul(100)?;
        let mut fraction_digits = fraction.bytes().map(|byte| i128::from(byte - b'0'));
        cents += fraction_digits.next().unwrap_or(0) * 10 + fraction_digits.next().unwrap_or(0);
        if fraction_digits.next().is_some_and(|digit| digit >= 5) {
            cents += 1;
        }
        Some(Amount(if negative { -cents } else { cents }))
    }

    fn add(&mut self, other: Amount) {
        self.0 = self.0.saturating_add(other.0);
    }
}

impl fmt::Display for Amount {
    /// Writes the amount with a dot and two decimals (`-1234.50`).
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let absolute = self.0.unsigned_abs();
        write!(formatter, "{sign}{}.{:02}", absolute / 100, absolute % 100)
    }
}

/// Sums of one direction (expenses or revenue) of one section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DirectionTotals {
    /// Sum of `MtPrev`, the amounts voted in this document.
    pub voted: Amount,
    /// Sum of `MtReal`, the realised amounts (compte administratif and CFU).
    pub realised: Amount,
}

/// Sums of one section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SectionTotals {
    pub expenses: DirectionTotals,
    pub revenue: DirectionTotals,
}

/// Description and totals of one budget (`Budget` element) of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetSummary {
    /// Name of the collectivité (`LibelleColl`).
    pub collectivite: String,
    /// Name of the budget (`LibelleEtab`), e.g. "BUDGET PRINCIPAL".
    pub budget: String,
    /// SIRET written in the rows.
    pub siret: String,
    pub stage: Option<Stage>,
    pub year: Option<u16>,
    /// Nomenclature as written in the flow (`M14-M14_COM_500_3500`).
    pub nomenclature: String,
    /// `ProjetBudget` is true: the flow may be a draft, not the voted document.
    pub draft: bool,
    /// Whether this is an annex budget (`CodTypBud` A).
    pub annex: bool,
    pub rows: u64,
    pub fonctionnement: SectionTotals,
    pub investissement: SectionTotals,
    /// Rows whose section could not be determined, left out of the totals.
    pub rows_without_section: u64,
}

impl BudgetSummary {
    pub(crate) fn add(
        &mut self,
        section: Option<Section>,
        revenue: bool,
        voted: Option<Amount>,
        realised: Option<Amount>,
    ) {
        self.rows += 1;
        let totals = match section {
            Some(Section::Fonctionnement) => &mut self.fonctionnement,
            Some(Section::Investissement) => &mut self.investissement,
            None => {
                self.rows_without_section += 1;
                return;
            }
        };
        let direction = if revenue {
            &mut totals.revenue
        } else {
            &mut totals.expenses
        };
        direction.voted.add(voted.unwrap_or_default());
        direction.realised.add(realised.unwrap_or_default());
    }

    /// Lists the catalogue messages of a short summary, with their arguments: one heading,
    /// then one line per section and direction. Accounts show realised amounts, other stages
    /// voted amounts.
    pub fn messages(&self) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
        let stage = self.stage.map_or("unknown", Stage::code);
        let year = self.year.map_or_else(String::new, |year| year.to_string());
        let mut messages = vec![(
            "totem-summary-heading",
            vec![
                ("collectivite", self.collectivite.clone()),
                ("budget", self.budget.clone()),
                ("stage", stage.to_owned()),
                ("year", year),
                ("rows", self.rows.to_string()),
            ],
        )];
        let realised = self.stage.is_some_and(Stage::is_account);
        let sections = [
            (Section::Fonctionnement, &self.fonctionnement),
            (Section::Investissement, &self.investissement),
        ];
        for (section, totals) in sections {
            let directions = [("expenses", totals.expenses), ("revenue", totals.revenue)];
            for (direction, amounts) in directions {
                let amount = if realised {
                    amounts.realised
                } else {
                    amounts.voted
                };
                messages.push((
                    if realised {
                        "totem-summary-realised"
                    } else {
                        "totem-summary-voted"
                    },
                    vec![
                        ("section", section.scdl().to_owned()),
                        ("direction", direction.to_owned()),
                        ("amount", amount.to_string()),
                    ],
                ));
            }
        }
        messages
    }
}

/// Description and totals of every budget of a converted file, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub budgets: Vec<BudgetSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_parses_and_rounds() {
        assert_eq!(Amount::parse("14000.00"), Some(Amount(1_400_000)));
        assert_eq!(Amount::parse("-6372"), Some(Amount(-637_200)));
        assert_eq!(Amount::parse("0.5"), Some(Amount(50)));
        assert_eq!(Amount::parse("1.005"), Some(Amount(101)));
        assert_eq!(Amount::parse("-1.005"), Some(Amount(-101)));
        assert_eq!(Amount::parse("1,5"), None);
        assert_eq!(Amount::parse(""), None);
        assert_eq!(Amount::parse("."), None);
    }

    #[test]
    fn amount_displays_two_decimals() {
        assert_eq!(Amount(-637_250).to_string(), "-6372.50");
        assert_eq!(Amount(5).to_string(), "0.05");
    }

    #[test]
    fn stage_scdl_values_lower_case() {
        assert_eq!(
            Stage::from_natdec("09").map(Stage::scdl),
            Some("compte administratif")
        );
        assert_eq!(
            Stage::from_natdec("10").map(Stage::scdl),
            Some("compte administratif")
        );
        assert_eq!(
            Stage::from_natdec("03").map(Stage::scdl),
            Some("budget supplémentaire")
        );
        assert_eq!(Stage::from_natdec("07"), None);
    }
}
