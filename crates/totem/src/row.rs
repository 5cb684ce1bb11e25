//! Turns one `LigneBudget` into one SCDL budget row: chapter, section and labels from the plan de
//! comptes, enumerations in the schema's exact spelling, amounts checked as numbers.
//!
//! The chapter is the line's `ContNat` when the plan lists it as a nature chapter, and
//! `ContFon` in budgets voted by function. Otherwise it is the chapter that the plan assigns to
//! the account for this kind of operation: `DR`/`RR` for real operations, `DOIS`/`ROIS` for
//! ordre operations inside a section, `DOES`/`ROES` for ordre operations between sections.
//! A `ContNat` that the plan does not list (`4581001`, an account number) is kept as written,
//! with the label and section of the derived chapter. Reading the XML is left to the document
//! module.

use std::borrow::Cow;

use crate::notice::Notices;
use crate::plan::{Account, Chapter, Plan, Section};
use crate::summary::Amount;

/// Columns of the SCDL budget CSV (schema `scdl/budget` 0.8.3), in order.
pub const SCDL_COLUMNS: [&str; 22] = [
    "BGT_NATDEC",
    "BGT_ANNEE",
    "BGT_SIRET",
    "BGT_NOM",
    "BGT_CONTNAT",
    "BGT_CONTNAT_LABEL",
    "BGT_NATURE",
    "BGT_NATURE_LABEL",
    "BGT_FONCTION",
    "BGT_FONCTION_LABEL",
    "BGT_OPERATION",
    "BGT_SECTION",
    "BGT_OPBUDG",
    "BGT_CODRD",
    "BGT_MTREAL",
    "BGT_MTBUDGPREC",
    "BGT_MTRARPREC",
    "BGT_MTPROPNOUV",
    "BGT_MTPREV",
    "BGT_CREDOUV",
    "BGT_MTRAR3112",
    "BGT_ARTSPE",
];

/// Amount elements of a line, in the order of their CSV columns.
pub(crate) const AMOUNT_ELEMENTS: [&str; 7] = [
    "MtReal",
    "MtBudgPrec",
    "MtRARPrec",
    "MtPropNouv",
    "MtPrev",
    "CredOuv",
    "MtRAR3112",
];

/// Index of `MtReal` and `MtPrev` in [`AMOUNT_ELEMENTS`].
const REALISED: usize = 0;
const VOTED: usize = 4;

/// The values of one `LigneBudget`, as read. Buffers are reused from line to line.
#[derive(Debug, Default)]
pub(crate) struct LineFields {
    pub nature: String,
    pub account_label: String,
    pub fonction: String,
    pub operation: String,
    pub cont_nat: String,
    pub cont_fon: String,
    pub art_spe: String,
    pub cod_rd: String,
    pub op_budg: String,
    pub typ_op_budg: String,
    /// `CaracSup Code="Section"` value.
    pub section: String,
    pub amounts: [String; 7],
    pub line: u64,
}

impl LineFields {
    pub(crate) fn clear(&mut self, line: u64) {
        for field in [
            &mut self.nature,
            &mut self.account_label,
            &mut self.fonction,
            &mut self.operation,
            &mut self.cont_nat,
            &mut self.cont_fon,
            &mut self.art_spe,
            &mut self.cod_rd,
            &mut self.op_budg,
            &mut self.typ_op_budg,
            &mut self.section,
        ] {
            field.clear();
        }
        for amount in &mut self.amounts {
            amount.clear();
        }
        self.line = line;
    }

    /// Stores the `V` value of a child element; returns false for elements the row does not use.
    pub(crate) fn set(&mut self, element: &str, value: &str) -> bool {
        let target = match element {
            "Nature" => &mut self.nature,
            "LibCpte" => &mut self.account_label,
            "Fonction" => &mut self.fonction,
            "Operation" => &mut self.operation,
            "ContNat" => &mut self.cont_nat,
            "ContFon" => &mut self.cont_fon,
            "ArtSpe" => &mut self.art_spe,
            "CodRD" => &mut self.cod_rd,
            "OpBudg" => &mut self.op_budg,
            "TypOpBudg" => &mut self.typ_op_budg,
            _ => match AMOUNT_ELEMENTS.iter().position(|name| *name == element) {
                Some(index) => &mut self.amounts[index],
                None => return false,
            },
        };
        target.clear();
        target.push_str(value.trim());
        true
    }
}

/// The budget-level values repeated on every row.
#[derive(Debug, Default)]
pub(crate) struct BudgetColumns {
    pub natdec: &'static str,
    pub year: String,
    pub siret: String,
    pub name: String,
}

/// A resolved row, ready to write, with what the summary needs.
pub(crate) struct Row<'a> {
    pub cells: [Cow<'a, str>; 22],
    pub section: Option<Section>,
    pub revenue: bool,
    pub voted: Option<Amount>,
    pub realised: Option<Amount>,
}

struct ResolvedChapter<'a> {
    code: &'a str,
    label: &'a str,
    section: Option<Section>,
}

/// Builds the row of a line, recording a notice for every value it cannot resolve.
pub(crate) fn build<'a>(
    line: &'a LineFields,
    budget: &'a BudgetColumns,
    plan: Option<&'a Plan>,
    notices: &mut Notices,
) -> Row<'a> {
    let chapter = resolve_chapter(line, plan, notices);
    let section = chapter
        .section
        .or_else(|| guess_section(line, chapter.code, notices));
    let nature_label = nature_label(line, plan, notices);
    let function_label = function_label(line, plan, notices);
    let [opbudg, codrd, art_spe] = enumeration_cells(line, notices);

    let amounts: [Cow<'a, str>; 7] = std::array::from_fn(|index| {
        amount_cell(
            AMOUNT_ELEMENTS[index],
            &line.amounts[index],
            line.line,
            notices,
        )
    });

    let voted = Amount::parse(&amounts[VOTED]);
    let realised = Amount::parse(&amounts[REALISED]);
    let [
        real,
        budg_prec,
        rar_prec,
        prop_nouv,
        prev,
        cred_ouv,
        rar3112,
    ] = amounts;
    Row {
        cells: [
            Cow::Borrowed(budget.natdec),
            Cow::Borrowed(&budget.year),
            Cow::Borrowed(&budget.siret),
            Cow::Borrowed(&budget.name),
            Cow::Borrowed(chapter.code),
            Cow::Borrowed(chapter.label),
            Cow::Borrowed(&line.nature),
            Cow::Borrowed(nature_label),
            Cow::Borrowed(&line.fonction),
            Cow::Borrowed(function_label),
            Cow::Borrowed(&line.operation),
            Cow::Borrowed(section.map_or("", Section::scdl)),
            Cow::Borrowed(opbudg),
            Cow::Borrowed(codrd),
            real,
            budg_prec,
            rar_prec,
            prop_nouv,
            prev,
            cred_ouv,
            rar3112,
            Cow::Borrowed(art_spe),
        ],
        section,
        revenue: line.cod_rd == "R",
        voted,
        realised,
    }
}

/// Returns the `BGT_OPBUDG`, `BGT_CODRD` and `BGT_ARTSPE` cells in the schema's spelling.
fn enumeration_cells(line: &LineFields, notices: &mut Notices) -> [&'static str; 3] {
    let at = Some(line.line);
    let opbudg = match line.op_budg.as_str() {
        "0" => "réel",
        "1" => "ordre",
        other => {
            notices.warn("totem-opbudg-invalid", &[("value", other)], at);
            ""
        }
    };
    let codrd = match line.cod_rd.as_str() {
        "D" => "dépense",
        "R" => "recette",
        other => {
            notices.warn("totem-codrd-invalid", &[("value", other)], at);
            ""
        }
    };
    let art_spe = match line.art_spe.as_str() {
        "true" | "1" => "spécialisé",
        "false" | "0" => "non spécialisé",
        "" => "",
        other => {
            notices.warn("totem-artspe-invalid", &[("value", other)], at);
            ""
        }
    };
    [opbudg, codrd, art_spe]
}

fn resolve_chapter<'a>(
    line: &'a LineFields,
    plan: Option<&'a Plan>,
    notices: &mut Notices,
) -> ResolvedChapter<'a> {
    let at = Some(line.line);
    let Some(plan) = plan else {
        // Without a plan only the flow's own chapter is known. The budget got one notice about it.
        let code = if line.cont_nat.is_empty() {
            &line.cont_fon
        } else {
            &line.cont_nat
        };
        return ResolvedChapter {
            code,
            label: "",
            section: None,
        };
    };
    if !line.cont_nat.is_empty() {
        if let Some(chapter) = plan.nature_chapters.get(&line.cont_nat) {
            return ResolvedChapter {
                code: &line.cont_nat,
                label: &chapter.label,
                section: chapter.section,
            };
        }
        return match derive_chapter(line, plan) {
            Some((derived, chapter)) => {
                notices.warn(
                    "totem-chapter-not-in-plan",
                    &[("chapter", &line.cont_nat), ("derived", derived)],
                    at,
                );
                ResolvedChapter {
                    code: &line.cont_nat,
                    label: &chapter.label,
                    section: chapter.section,
                }
            }
            None => {
                notices.warn("totem-chapter-unknown", &[("chapter", &line.cont_nat)], at);
                ResolvedChapter {
                    code: &line.cont_nat,
                    label: "",
                    section: None,
                }
            }
        };
    }
    if !line.cont_fon.is_empty() {
        if let Some(chapter) = plan.function_chapters.get(&line.cont_fon) {
            return ResolvedChapter {
                code: &line.cont_fon,
                label: &chapter.label,
                section: chapter.section,
            };
        }
        notices.warn("totem-chapter-unknown", &[("chapter", &line.cont_fon)], at);
        return ResolvedChapter {
            code: &line.cont_fon,
            label: "",
            section: None,
        };
    }
    match derive_chapter(line, plan) {
        Some((code, chapter)) => ResolvedChapter {
            code,
            label: &chapter.label,
            section: chapter.section,
        },
        None => {
            notices.warn("totem-chapter-missing", &[("nature", &line.nature)], at);
            ResolvedChapter {
                code: "",
                label: "",
                section: None,
            }
        }
    }
}

/// Finds the chapter the plan assigns to the line's account for its kind of operation.
fn derive_chapter<'a>(line: &LineFields, plan: &'a Plan) -> Option<(&'a str, &'a Chapter)> {
    let (_, account) = plan.account_or_parent(&line.nature)?;
    let code = voting_chapter(
        account,
        &line.op_budg,
        &line.typ_op_budg,
        line.cod_rd == "R",
    )?;
    let chapter = plan.nature_chapters.get(code)?;
    Some((code, chapter))
}

fn voting_chapter<'a>(
    account: &'a Account,
    op_budg: &str,
    typ_op_budg: &str,
    revenue: bool,
) -> Option<&'a str> {
    let pick = |expense: &'a Option<String>, receipt: &'a Option<String>| {
        if revenue {
            receipt.as_deref()
        } else {
            expense.as_deref()
        }
    };
    let real = pick(&account.real_expense, &account.real_revenue);
    let inside = pick(&account.order_inside_expense, &account.order_inside_revenue);
    let between = pick(
        &account.order_between_expense,
        &account.order_between_revenue,
    );
    match (op_budg, typ_op_budg) {
        ("0", _) => real,
        ("1", "1") => inside,
        ("1", "2") => between,
        // An ordre line without its type: transfers between sections are the common case.
        ("1", _) => between.or(inside),
        _ => real,
    }
}

/// Falls back on `CaracSup Section`, then on the account class when the plan gives no section.
fn guess_section(line: &LineFields, chapter: &str, notices: &mut Notices) -> Option<Section> {
    if let Some(section) = Section::from_code(&line.section) {
        return Some(section);
    }
    // Classes 1 to 5 of the French public accounting plans are balance-sheet accounts, voted in
    // the investment section. Classes 6 and 7 are charges and products, voted in operations.
    // NOTE: special `0xx` chapters do not all follow the class rule, hence the warning.
    let code = if chapter.is_empty() || chapter.starts_with('0') {
        &line.nature
    } else {
        chapter
    };
    let section = match code.as_bytes().first() {
        Some(b'1'..=b'5') => Section::Investissement,
        Some(b'6' | b'7') => Section::Fonctionnement,
        _ => match code {
            "001" | "021" | "024" | "040" | "041" => Section::Investissement,
            "002" | "022" | "023" | "042" | "043" => Section::Fonctionnement,
            _ => {
                notices.warn(
                    "totem-section-missing",
                    &[("nature", &line.nature)],
                    Some(line.line),
                );
                return None;
            }
        },
    };
    notices.warn(
        "totem-section-guessed",
        &[("nature", &line.nature), ("section", section.scdl())],
        Some(line.line),
    );
    Some(section)
}

fn nature_label<'a>(
    line: &'a LineFields,
    plan: Option<&'a Plan>,
    notices: &mut Notices,
) -> &'a str {
    if let Some(account) = plan.and_then(|plan| plan.accounts.get(&line.nature)) {
        return &account.label;
    }
    let Some(plan) = plan else {
        return &line.account_label;
    };
    if line.nature.is_empty() {
        return &line.account_label;
    }
    if !line.account_label.is_empty() {
        notices.warn(
            "totem-nature-unknown",
            &[("nature", &line.nature)],
            Some(line.line),
        );
        return &line.account_label;
    }
    // The label is required: the nearest parent account names the family of the account.
    match plan.account_or_parent(&line.nature) {
        Some((parent, account)) => {
            notices.warn(
                "totem-nature-parent-label",
                &[("nature", &line.nature), ("parent", parent)],
                Some(line.line),
            );
            &account.label
        }
        None => {
            notices.warn(
                "totem-nature-unknown",
                &[("nature", &line.nature)],
                Some(line.line),
            );
            ""
        }
    }
}

fn function_label<'a>(
    line: &'a LineFields,
    plan: Option<&'a Plan>,
    notices: &mut Notices,
) -> &'a str {
    if line.fonction.is_empty() {
        return "";
    }
    let Some(plan) = plan else { return "" };
    match plan.function_label(&line.fonction) {
        Some(label) => label,
        None => {
            notices.warn(
                "totem-function-unknown",
                &[("function", &line.fonction)],
                Some(line.line),
            );
            ""
        }
    }
}

/// Checks an amount: kept as written when it is a plain decimal, rewritten from the French
/// format (`1 234,56`), emptied with a notice otherwise.
fn amount_cell<'a>(element: &str, raw: &'a str, line: u64, notices: &mut Notices) -> Cow<'a, str> {
    if raw.is_empty() || Amount::parse(raw).is_some() {
        return Cow::Borrowed(raw);
    }
    let rewritten: String = raw
        .chars()
        .filter(|character| !matches!(character, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|character| if character == ',' { '.' } else { character })
        .collect();
    if Amount::parse(&rewritten).is_some() {
        notices.warn(
            "totem-amount-rewritten",
            &[("element", element), ("value", raw)],
            Some(line),
        );
        return Cow::Owned(rewritten);
    }
    notices.warn(
        "totem-amount-invalid",
        &[("element", element), ("value", raw)],
        Some(line),
    );
    Cow::Borrowed("")
}
