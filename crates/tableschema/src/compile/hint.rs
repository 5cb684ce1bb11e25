//! Guesses at what a producer did wrong when a cell fails its type, so that the caller can
//! write a precise message. Runs only after a type error, never on valid cells.

use jiff::civil::DateTime;

use super::number::{is_python_space, parse_decimal};
use super::reader::{DateFormat, Reader};
use super::strptime::Format;
use super::{CompiledField, iso};

/// The likely mistake behind a cell that fails its type, as French producers make it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TypeHint {
    /// A decimal comma in a field that expects a point (`1,5`); `corrected` is `1.5`.
    DecimalComma { corrected: String },
    /// A date in another common layout (`05/01/2020` for `%Y-%m-%d`); `corrected` is the
    /// same date written in the field's format.
    DateInOtherFormat { corrected: String },
    /// The value would be valid without its leading or trailing spaces.
    SurroundingSpaces,
    /// A number grouped with spaces, no-break spaces or points (`1 000`).
    ThousandsSeparator,
    /// A boolean spelt in a way the field does not list (`oui`, `Vrai`).
    BooleanNotListed,
    /// An integer field holding a decimal number (`12.0`, `1e3`).
    NotAnInteger,
    /// A `year` field holding a full date or a two-digit year.
    YearNotFourDigits,
    /// An `array` field holding items that are not written as a JSON array (`a, b`);
    /// `corrected` is the JSON text (`["a","b"]`).
    ArrayNotJson { corrected: String },
}

/// Looks for the most likely mistake behind a type error of `text` in `field`.
pub(crate) fn suggest(field: &CompiledField, text: &str) -> Option<TypeHint> {
    let reader = field.reader();
    let trimmed = text.trim_matches(is_python_space);
    if trimmed != text && !trimmed.is_empty() && reader.read(trimmed).is_some() {
        return Some(TypeHint::SurroundingSpaces);
    }
    match reader {
        Reader::Number(options) => suggest_number(trimmed, options.decimal_char == "."),
        Reader::Integer { .. } => suggest_integer(trimmed),
        Reader::Boolean { .. } => Some(TypeHint::BooleanNotListed),
        Reader::Date(format) => suggest_date(trimmed, format, DateKind::Date),
        Reader::DateTime(format) => suggest_date(trimmed, format, DateKind::DateTime),
        Reader::Year => suggest_year(trimmed),
        Reader::Array { .. } => suggest_array(trimmed),
        _ => None,
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')
}

fn suggest_number(text: &str, point_decimal: bool) -> Option<TypeHint> {
    if text.chars().any(is_group_space) {
        let joined: String = text.chars().filter(|c| !is_group_space(*c)).collect();
        let with_point = if point_decimal {
            joined.replace(',', ".")
        } else {
            joined.clone()
        };
        if parse_decimal(&with_point).is_some() {
            return Some(TypeHint::ThousandsSeparator);
        }
    }
    if point_decimal && text.matches(',').count() == 1 {
        let corrected = text.replace(',', ".");
        if parse_decimal(&corrected).is_some() {
            return Some(TypeHint::DecimalComma { corrected });
        }
    }
    if text.matches('.').count() > 1 && parse_decimal(&text.replace('.', "")).is_some() {
        return Some(TypeHint::ThousandsSeparator);
    }
    None
}

fn suggest_integer(text: &str) -> Option<TypeHint> {
    if text.chars().any(is_group_space) {
        let joined: String = text.chars().filter(|c| !is_group_space(*c)).collect();
        if super::number::python_int(&joined, 10).is_some() {
            return Some(TypeHint::ThousandsSeparator);
        }
    }
    let decimal_text = text.replace(',', ".");
    parse_decimal(&decimal_text)
        .filter(|number| number.is_finite())
        .map(|_| TypeHint::NotAnInteger)
}

#[derive(Clone, Copy, PartialEq)]
enum DateKind {
    Date,
    DateTime,
}

/// Layouts tried to recognise a date written differently from the field's format.
const OTHER_DATE_LAYOUTS: [&str; 6] = [
    "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y",
];

/// Layouts tried first for datetime fields, before the date-only ones.
const OTHER_DATETIME_LAYOUTS: [&str; 5] = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %Hh%M",
];

/// The layouts above, compiled once; a layout that failed to compile would be left out.
struct Layouts {
    date: Vec<Format>,
    datetime: Vec<Format>,
}

static COMPILED_LAYOUTS: std::sync::LazyLock<Layouts> = std::sync::LazyLock::new(|| {
    let compile = |layouts: &[&str]| {
        layouts
            .iter()
            .filter_map(|layout| Format::new(layout).ok())
            .collect()
    };
    Layouts {
        date: compile(&OTHER_DATE_LAYOUTS),
        datetime: compile(&OTHER_DATETIME_LAYOUTS),
    }
});

fn suggest_date(text: &str, format: &DateFormat, kind: DateKind) -> Option<TypeHint> {
    let datetime_layouts: &[Format] = if kind == DateKind::DateTime {
        &COMPILED_LAYOUTS.datetime
    } else {
        &[]
    };
    let found: DateTime = datetime_layouts
        .iter()
        .chain(COMPILED_LAYOUTS.date.iter())
        .filter_map(|layout| layout.parse(text))
        .map(|parsed| parsed.datetime)
        .next()
        .or_else(|| {
            iso::isoparse(text)
                .filter(|_| text.len() >= 19)
                .map(|(datetime, _)| datetime)
        })?;
    let corrected = match (format, kind) {
        (DateFormat::Pattern(pattern), _) => pattern.format(found),
        (DateFormat::Default, DateKind::Date) => found.date().to_string(),
        (DateFormat::Default, DateKind::DateTime) => {
            found.strftime("%Y-%m-%dT%H:%M:%S").to_string()
        }
        (DateFormat::Any, _) => return None,
    };
    (corrected != text).then_some(TypeHint::DateInOtherFormat { corrected })
}

fn suggest_year(text: &str) -> Option<TypeHint> {
    let looks_like_year = text.len() == 2 && text.bytes().all(|byte| byte.is_ascii_digit());
    let looks_like_date = COMPILED_LAYOUTS
        .date
        .iter()
        .any(|layout| layout.parse(text).is_some());
    (looks_like_year || looks_like_date).then_some(TypeHint::YearNotFourDigits)
}

fn suggest_array(text: &str) -> Option<TypeHint> {
    if text.is_empty() || text.starts_with('[') {
        return None;
    }
    let separator = if text.contains(';') { ';' } else { ',' };
    let items: Vec<&str> = text
        .split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    Some(TypeHint::ArrayNotJson {
        corrected: serde_json::to_string(&items).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_compiles() {
        assert_eq!(COMPILED_LAYOUTS.date.len(), OTHER_DATE_LAYOUTS.len());
        assert_eq!(
            COMPILED_LAYOUTS.datetime.len(),
            OTHER_DATETIME_LAYOUTS.len()
        );
    }
}
