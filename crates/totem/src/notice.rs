//! Findings of a conversion that do not stop it: warnings about the budget data, and annexes
//! that describe natural persons.
//!
//! Warnings are grouped by message id and arguments, so that one unknown account used on a
//! thousand lines gives one notice with a count and the line of its first occurrence. The
//! number of distinct notices is capped, so their memory stays bounded whatever the input size.
//! Rendering is left to the caller, through the `totem-*` messages of the catalogue.

use std::collections::HashMap;

/// Distinct warnings kept per conversion; later distinct ones are only counted.
pub const MAX_NOTICES: usize = 500;

/// Personal-data findings kept per conversion; later ones are only counted.
pub const MAX_PERSONAL_DATA: usize = 1000;

/// Maximum length of an argument value kept in a notice, in characters, so that notices stay small.
const MAX_ARGUMENT_CHARS: usize = 80;

/// A warning about the input: a message id, its arguments, where it first occurred and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Stable message id of the catalogue (`totem-…`).
    pub code: &'static str,
    /// Named arguments of the message.
    pub args: Vec<(&'static str, String)>,
    /// Input line of the first occurrence, when it has one.
    pub line: Option<u64>,
    /// Number of occurrences.
    pub count: u64,
}

/// The kind of personal data an annex or header element carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonalDataKind {
    /// A subsidy (`CONCOURS`) whose beneficiary is a natural person (`CodNatJurBenefCA` P3).
    SubsidyBeneficiary,
    /// A loan granted by the collectivité (`PRET`), whose beneficiary may be a natural person.
    LoanBeneficiary,
    /// The staff table (`DATA_PERSONNEL`): posts, grades and pay that can single out an agent.
    Staff,
    /// A signatory of the budget document (`SIGNATAIRE`), usually an elected official.
    Signatory,
    /// The name of a public accountant or of a user of the State's software (CFU header).
    Accountant,
}

impl PersonalDataKind {
    /// Returns the stable identifier used in reports and in the message ids.
    pub fn code(self) -> &'static str {
        match self {
            PersonalDataKind::SubsidyBeneficiary => "subsidy-beneficiary",
            PersonalDataKind::LoanBeneficiary => "loan-beneficiary",
            PersonalDataKind::Staff => "staff",
            PersonalDataKind::Signatory => "signatory",
            PersonalDataKind::Accountant => "accountant",
        }
    }
}

impl PersonalDataKind {
    /// Returns the catalogue message describing a finding of this kind.
    pub fn message_id(self) -> &'static str {
        match self {
            PersonalDataKind::SubsidyBeneficiary => "totem-personal-data-subsidy-beneficiary",
            PersonalDataKind::LoanBeneficiary => "totem-personal-data-loan-beneficiary",
            PersonalDataKind::Staff => "totem-personal-data-staff",
            PersonalDataKind::Signatory => "totem-personal-data-signatory",
            PersonalDataKind::Accountant => "totem-personal-data-accountant",
        }
    }
}

/// An element of the input that names or describes a natural person. Its content is never
/// copied into the CSV, and not into this finding either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalDataNotice {
    pub kind: PersonalDataKind,
    /// Local name of the element (`CONCOURS`, `PRET`, `DATA_PERSONNEL`, …).
    pub element: String,
    /// Input line where the element starts.
    pub line: u64,
}

impl PersonalDataNotice {
    /// Returns the named arguments of [`PersonalDataKind::message_id`].
    pub fn args(&self) -> Vec<(&'static str, String)> {
        vec![
            ("element", self.element.clone()),
            ("line", self.line.to_string()),
        ]
    }
}

/// Collects warnings and personal-data findings with their caps.
#[derive(Debug, Default)]
pub(crate) struct Notices {
    warnings: Vec<Notice>,
    index: HashMap<(&'static str, Vec<String>), usize>,
    dropped_warnings: u64,
    personal_data: Vec<PersonalDataNotice>,
    dropped_personal_data: u64,
}

impl Notices {
    /// Records one occurrence of a warning.
    pub(crate) fn warn(
        &mut self,
        code: &'static str,
        args: &[(&'static str, &str)],
        line: Option<u64>,
    ) {
        let values: Vec<String> = args.iter().map(|(_, value)| shorten(value)).collect();
        let key = (code, values);
        if let Some(&position) = self.index.get(&key) {
            if let Some(notice) = self.warnings.get_mut(position) {
                notice.count += 1;
            }
            return;
        }
        if self.warnings.len() >= MAX_NOTICES {
            self.dropped_warnings += 1;
            return;
        }
        let args = args
            .iter()
            .map(|(name, _)| *name)
            .zip(key.1.iter().cloned())
            .collect();
        self.index.insert(key, self.warnings.len());
        self.warnings.push(Notice {
            code,
            args,
            line,
            count: 1,
        });
    }

    pub(crate) fn personal_data(&mut self, kind: PersonalDataKind, element: &str, line: u64) {
        if self.personal_data.len() >= MAX_PERSONAL_DATA {
            self.dropped_personal_data += 1;
            return;
        }
        self.personal_data.push(PersonalDataNotice {
            kind,
            element: element.to_owned(),
            line,
        });
    }

    /// Returns the warnings and findings, with a closing notice for each list that was capped.
    pub(crate) fn finish(mut self) -> (Vec<Notice>, Vec<PersonalDataNotice>) {
        if self.dropped_warnings > 0 {
            self.warnings.push(Notice {
                code: "totem-notices-truncated",
                args: vec![("count", self.dropped_warnings.to_string())],
                line: None,
                count: 1,
            });
        }
        if self.dropped_personal_data > 0 {
            self.warnings.push(Notice {
                code: "totem-personal-data-truncated",
                args: vec![("count", self.dropped_personal_data.to_string())],
                line: None,
                count: 1,
            });
        }
        (self.warnings, self.personal_data)
    }
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(MAX_ARGUMENT_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_warning_counted_once() {
        let mut notices = Notices::default();
        notices.warn("totem-nature-unknown", &[("nature", "6045")], Some(10));
        notices.warn("totem-nature-unknown", &[("nature", "6045")], Some(20));
        notices.warn("totem-nature-unknown", &[("nature", "6046")], Some(30));
        let (warnings, _) = notices.finish();
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].count, 2);
        assert_eq!(warnings[0].line, Some(10));
        assert_eq!(warnings[1].count, 1);
    }

    #[test]
    fn long_argument_shortened() {
        let mut notices = Notices::default();
        notices.warn(
            "totem-amount-invalid",
            &[("value", &"9".repeat(5000))],
            None,
        );
        let (warnings, _) = notices.finish();
        assert_eq!(
            warnings[0].args[0].1.chars().count(),
            MAX_ARGUMENT_CHARS + 1
        );
    }

    #[test]
    fn warnings_capped_with_closing_notice() {
        let mut notices = Notices::default();
        for index in 0..MAX_NOTICES + 7 {
            notices.warn(
                "totem-nature-unknown",
                &[("nature", &index.to_string())],
                None,
            );
        }
        let (warnings, _) = notices.finish();
        assert_eq!(warnings.len(), MAX_NOTICES + 1);
        let last = warnings.last().expect("closing notice");
        assert_eq!(last.code, "totem-notices-truncated");
        assert_eq!(last.args, vec![("count", "7".to_owned())]);
    }
}
