//! The streaming state machine over a `DocumentBudgetaire`. It follows the document's
//! structure and collects the header values. It hands every non-calculated `LigneBudget` to the
//! row builder as soon as the line ends, so memory does not grow with the number of lines.
//!
//! The budget document is either the root or anywhere under a `CompteFinancierUnique`.
//! Everything outside it is ignored, except the names of accountants in the CFU header, which
//! are reported as personal data. Annexes are never written out. They are only scanned for
//! elements that describe natural persons.

use std::io::Write;
use std::sync::Arc;

use crate::ConvertOptions;
use crate::error::TotemError;
use crate::notice::{Notices, PersonalDataKind};
use crate::plan::Plan;
use crate::plans::{PlanLookup, Plans};
use crate::row::{self, BudgetColumns, LineFields};
use crate::summary::{BudgetSummary, Stage};
use crate::xml::{Element, Handler, Namespace};

/// Budgets described in the summary; the rows of further budgets are still written.
pub(crate) const MAX_BUDGETS: usize = 1000;

/// Position of the parser one level below the `DocumentBudgetaire` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    None,
    DocumentHeader,
    Budget,
}

/// Position of the parser two levels below the `DocumentBudgetaire` element (inside `Budget`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    BudgetHeader,
    BudgetBlock,
    Line,
    Annexes,
}

/// Header values of one `Budget` element.
#[derive(Debug, Default)]
struct BudgetHeader {
    etab_label: String,
    etab_siret: String,
    nomenclature: String,
    natdec: String,
    year: String,
    draft: String,
    budget_type: String,
}

/// The budget being converted, set up when its first line arrives.
struct ActiveBudget {
    columns: BudgetColumns,
    plan: Option<Arc<Plan>>,
    summary: BudgetSummary,
}

pub(crate) struct Converter<'p, W: Write> {
    plans: &'p Plans,
    options: &'p ConvertOptions,
    writer: csv::Writer<W>,
    pub notices: Notices,
    pub budgets: Vec<BudgetSummary>,
    pub rows: u64,
    pub calculated_skipped: u64,
    pub documents: u64,
    /// Depth of the open `DocumentBudgetaire` element.
    document_depth: Option<usize>,
    top: Top,
    part: Part,
    collectivite: String,
    collectivite_siret: String,
    header: BudgetHeader,
    active: Option<ActiveBudget>,
    line: LineFields,
    line_calculated: bool,
    /// Line of the `DATA_PERSONNEL` block being read and whether it was reported.
    staff_block: Option<(u64, bool)>,
    /// Line of the `CONCOURS` record being read.
    subsidy_line: u64,
}

impl<'p, W: Write> Converter<'p, W> {
    pub(crate) fn new(
        output: W,
        plans: &'p Plans,
        options: &'p ConvertOptions,
    ) -> Result<Self, TotemError> {
        let mut writer = csv::WriterBuilder::new().from_writer(output);
        writer
            .write_record(row::SCDL_COLUMNS)
            .map_err(write_error)?;
        Ok(Converter {
            plans,
            options,
            writer,
            notices: Notices::default(),
            budgets: Vec::new(),
            rows: 0,
            calculated_skipped: 0,
            documents: 0,
            document_depth: None,
            top: Top::None,
            part: Part::None,
            collectivite: String::new(),
            collectivite_siret: String::new(),
            header: BudgetHeader::default(),
            active: None,
            line: LineFields::default(),
            line_calculated: false,
            staff_block: None,
            subsidy_line: 0,
        })
    }

    pub(crate) fn flush(&mut self) -> Result<(), TotemError> {
        self.writer.flush().map_err(|error| TotemError::Write {
            detail: error.to_string(),
        })
    }

    fn open_outside(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        let budget_namespace = element.namespace != Namespace::Other;
        if budget_namespace && element.local == "DocumentBudgetaire" {
            self.document_depth = Some(element.depth);
            self.documents += 1;
            return Ok(());
        }
        if element.depth == 1 && element.local != "CompteFinancierUnique" {
            return Err(TotemError::UnknownRoot {
                element: element.local.to_owned(),
            });
        }
        let named = match element.local {
            "Gestion" => element.attribute("NomComptable")?,
            "Edition" => element.attribute("Utilisateur")?,
            _ => None,
        };
        if named.is_some_and(|name| !name.trim().is_empty()) {
            self.notices
                .personal_data(PersonalDataKind::Accountant, element.local, element.line);
        }
        Ok(())
    }

    fn open_inside(&mut self, element: &Element<'_>, level: usize) -> Result<(), TotemError> {
        if element.namespace == Namespace::Other {
            return Ok(());
        }
        match (level, self.top, self.part) {
            (1, _, _) => self.open_top(element)?,
            (2, Top::DocumentHeader, _) => self.read_document_header(element)?,
            (2, Top::Budget, _) => self.open_part(element)?,
            (3, Top::Budget, Part::BudgetHeader | Part::BudgetBlock) => {
                self.read_budget_header(element)?
            }
            (3, Top::Budget, Part::Line) => self.read_line_field(element)?,
            (_, Top::Budget, Part::Annexes) => self.scan_annex(element)?,
            _ => {}
        }
        Ok(())
    }

    fn open_top(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        self.top = match element.local {
            "EnTeteDocBudgetaire" => Top::DocumentHeader,
            "Budget" => {
                self.header = BudgetHeader::default();
                self.active = None;
                Top::Budget
            }
            _ => Top::None,
        };
        Ok(())
    }

    fn open_part(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        self.part = match element.local {
            "EnTeteBudget" => Part::BudgetHeader,
            "BlocBudget" => Part::BudgetBlock,
            "LigneBudget" => {
                self.line.clear(element.line);
                self.line_calculated = element
                    .attribute("calculated")?
                    .is_some_and(|value| value.trim() == "true");
                Part::Line
            }
            "Annexes" => Part::Annexes,
            _ => Part::None,
        };
        Ok(())
    }

    fn read_document_header(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        let target = match element.local {
            "LibelleColl" => &mut self.collectivite,
            "IdColl" => &mut self.collectivite_siret,
            _ => return Ok(()),
        };
        *target = element
            .attribute("V")?
            .unwrap_or_default()
            .trim()
            .to_owned();
        Ok(())
    }

    fn read_budget_header(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        let header = &mut self.header;
        let target = match element.local {
            "LibelleEtab" => &mut header.etab_label,
            "IdEtab" => &mut header.etab_siret,
            "Nomenclature" => &mut header.nomenclature,
            "NatDec" => &mut header.natdec,
            "Exer" => &mut header.year,
            "ProjetBudget" => &mut header.draft,
            "CodTypBud" => &mut header.budget_type,
            _ => return Ok(()),
        };
        *target = element
            .attribute("V")?
            .unwrap_or_default()
            .trim()
            .to_owned();
        Ok(())
    }

    fn read_line_field(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        if self.line_calculated {
            return Ok(());
        }
        if element.local == "CaracSup" {
            if element.attribute("Code")?.as_deref() == Some("Section") {
                self.line.section = element.attribute_owned("V")?.unwrap_or_default();
            }
            return Ok(());
        }
        if let Some(value) = element.attribute("V")? {
            self.line.set(element.local, &value);
        }
        Ok(())
    }

    fn scan_annex(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        let kind = match element.local {
            "DATA_PERSONNEL" => {
                self.staff_block = Some((element.line, false));
                None
            }
            "PERSONNEL" => match self.staff_block {
                Some((line, false)) => {
                    self.staff_block = Some((line, true));
                    self.notices
                        .personal_data(PersonalDataKind::Staff, "DATA_PERSONNEL", line);
                    None
                }
                _ => None,
            },
            "CONCOURS" => {
                self.subsidy_line = element.line;
                None
            }
            // P3 is the legal-nature code of a natural person in the subsidy annex.
            "CodNatJurBenefCA"
                if element
                    .attribute("V")?
                    .is_some_and(|code| code.trim() == "P3") =>
            {
                Some((
                    PersonalDataKind::SubsidyBeneficiary,
                    "CONCOURS",
                    self.subsidy_line,
                ))
            }
            "PRET" => Some((PersonalDataKind::LoanBeneficiary, "PRET", element.line)),
            "Signataire"
                if element
                    .attribute("V")?
                    .is_some_and(|name| !name.trim().is_empty()) =>
            {
                Some((PersonalDataKind::Signatory, "Signataire", element.line))
            }
            _ => None,
        };
        if let Some((kind, name, line)) = kind {
            self.notices.personal_data(kind, name, line);
        }
        Ok(())
    }

    /// Sets up the budget's row columns and plan, once per `Budget`, at its first line.
    fn activate(&mut self) {
        if self.active.is_some() {
            return;
        }
        let at = Some(self.line.line);
        let (stage, year) = self.stage_and_year(at);
        let (siret, name) = self.identity(at);
        let header = &self.header;
        let draft = header.draft == "true" || header.draft == "1";
        if draft {
            self.notices.warn("totem-draft", &[], at);
        }
        let plan = find_plan(
            self.plans,
            &header.nomenclature,
            year,
            &mut self.notices,
            at,
        );

        let summary = BudgetSummary {
            collectivite: name.clone(),
            budget: header.etab_label.clone(),
            siret: siret.clone(),
            stage,
            year,
            nomenclature: header.nomenclature.clone(),
            draft,
            annex: header.budget_type == "A",
            ..BudgetSummary::default()
        };
        let columns = BudgetColumns {
            natdec: stage.map_or("", Stage::scdl),
            year: header.year.clone(),
            siret,
            name,
        };
        self.active = Some(ActiveBudget {
            columns,
            plan,
            summary,
        });
    }

    fn stage_and_year(&mut self, at: Option<u64>) -> (Option<Stage>, Option<u16>) {
        let header = &self.header;
        let stage = Stage::from_natdec(&header.natdec);
        if stage.is_none() {
            self.notices
                .warn("totem-natdec-unknown", &[("value", &header.natdec)], at);
        }
        let year = header
            .year
            .parse::<u16>()
            .ok()
            .filter(|year| (1900..=2200).contains(year));
        if year.is_none() {
            self.notices
                .warn("totem-year-invalid", &[("value", &header.year)], at);
        }
        (stage, year)
    }

    /// Returns the SIRET and name written on every row of the budget. The name is the
    /// collectivité's, also for annex budgets, whose SIRET is the annex's own.
    fn identity(&mut self, at: Option<u64>) -> (String, String) {
        let header = &self.header;
        let siret = match &self.options.siret_override {
            Some(siret) => siret.clone(),
            None if !header.etab_siret.is_empty() => header.etab_siret.clone(),
            None => self.collectivite_siret.clone(),
        };
        if !crate::siret::is_valid(&siret) {
            self.notices
                .warn("totem-siret-invalid", &[("siret", &siret)], at);
        }
        let name = if self.collectivite.is_empty() {
            header.etab_label.clone()
        } else {
            self.collectivite.clone()
        };
        (siret, name)
    }

    fn finish_line(&mut self) -> Result<(), TotemError> {
        if self.line_calculated {
            self.calculated_skipped += 1;
            return Ok(());
        }
        self.activate();
        let Some(active) = self.active.as_mut() else {
            return Ok(());
        };
        let built = row::build(
            &self.line,
            &active.columns,
            active.plan.as_deref(),
            &mut self.notices,
        );
        self.writer
            .write_record(built.cells.iter().map(|cell| cell.as_bytes()))
            .map_err(write_error)?;
        active
            .summary
            .add(built.section, built.revenue, built.voted, built.realised);
        self.rows += 1;
        Ok(())
    }

    fn finish_budget(&mut self) {
        let Some(active) = self.active.take() else {
            return;
        };
        if self.budgets.len() < MAX_BUDGETS {
            self.budgets.push(active.summary);
        } else {
            let at = Some(self.line.line);
            let limit = MAX_BUDGETS.to_string();
            self.notices
                .warn("totem-budgets-truncated", &[("limit", limit.as_str())], at);
        }
    }
}

impl<W: Write> Handler for Converter<'_, W> {
    fn open(&mut self, element: &Element<'_>) -> Result<(), TotemError> {
        match self.document_depth {
            Some(depth) if element.depth > depth => {
                self.open_inside(element, element.depth - depth)
            }
            _ => self.open_outside(element),
        }
    }

    fn close(
        &mut self,
        namespace: Namespace,
        local: &str,
        depth: usize,
        _: u64,
    ) -> Result<(), TotemError> {
        let Some(document_depth) = self.document_depth else {
            return Ok(());
        };
        if namespace == Namespace::Other && depth != document_depth {
            return Ok(());
        }
        match depth.checked_sub(document_depth) {
            Some(0) => {
                self.finish_budget();
                self.document_depth = None;
                self.top = Top::None;
            }
            Some(1) => {
                if self.top == Top::Budget {
                    self.finish_budget();
                }
                self.top = Top::None;
            }
            Some(2) => {
                if self.part == Part::Line && local == "LigneBudget" {
                    self.finish_line()?;
                }
                if self.part == Part::Annexes {
                    self.staff_block = None;
                }
                self.part = Part::None;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Looks up the plan of a budget's nomenclature and year, with notices for every fallback.
fn find_plan(
    plans: &Plans,
    nomenclature: &str,
    year: Option<u16>,
    notices: &mut Notices,
    at: Option<u64>,
) -> Option<Arc<Plan>> {
    // `M14-M14_COM_500_3500`: the norme, then the déclinaison. Some flows write the
    // déclinaison alone (`M57_A`), whose norme is the part before the underscore.
    let (norme, declinaison) = match nomenclature.split_once('-') {
        Some((norme, declinaison)) => (norme.trim(), declinaison.trim()),
        None => (
            nomenclature.split('_').next().unwrap_or_default().trim(),
            nomenclature.trim(),
        ),
    };
    let year = year?;
    match plans.find(norme, declinaison, year) {
        PlanLookup::Exact(plan) => Some(plan),
        PlanLookup::OtherYear(plan, used) => {
            let (requested, used) = (year.to_string(), used.to_string());
            let args = [
                ("nomenclature", nomenclature),
                ("year", requested.as_str()),
                ("used", used.as_str()),
            ];
            notices.warn("totem-plan-other-year", &args, at);
            Some(plan)
        }
        PlanLookup::Invalid { year, error } => {
            let year = year.to_string();
            let detail = error.to_string();
            let args = [
                ("nomenclature", nomenclature),
                ("year", year.as_str()),
                ("detail", detail.as_str()),
            ];
            notices.warn("totem-plan-invalid", &args, at);
            None
        }
        PlanLookup::Missing => {
            let year = year.to_string();
            notices.warn(
                "totem-plan-missing",
                &[("nomenclature", nomenclature), ("year", year.as_str())],
                at,
            );
            None
        }
    }
}

fn write_error(error: csv::Error) -> TotemError {
    TotemError::Write {
        detail: error.to_string(),
    }
}
