//! Feeds pseudo-random texts to every field type and format: `is_missing`, `parse`,
//! `check_constraints` and `constraint_text` must return for any input without panicking,
//! and `parse` must give the same answer twice.

use serde_json::json;
use tableschema::{ConstraintKind, Schema};

/// xorshift64*, seeded, so that a failure is reproducible.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(bound).unwrap_or(1)).unwrap_or(0)
    }

    /// Mixes characters that matter to the lexers with random bytes read as UTF-8.
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "9",
            "-",
            "+",
            ":",
            ".",
            ",",
            " ",
            "\u{a0}",
            "[",
            "]",
            "{",
            "}",
            "\"",
            "e",
            "E",
            "P",
            "T",
            "Z",
            "W",
            "%",
            "_",
            "/",
            "\\",
            "é",
            "’",
            "NaN",
            "inf",
            "true",
            "null",
            "2020",
            "-01",
            "12:00",
            "lon",
            "lat",
            "\n",
            "\u{1f600}",
        ];
        let length = self.below(24);
        let mut out = String::new();
        for _ in 0..length {
            if self.below(5) == 0 {
                let bytes: Vec<u8> = (0..self.below(4) + 1)
                    .map(|_| (self.next() & 0xff) as u8)
                    .collect();
                out.push_str(&String::from_utf8_lossy(&bytes));
            } else {
                out.push_str(PIECES[self.below(PIECES.len())]);
            }
        }
        out
    }
}

fn every_field() -> serde_json::Value {
    json!({"fields": [
        {"name": "s", "type": "string", "constraints": {"minLength": 1, "maxLength": 5, "pattern": "\\d+|x", "enum": ["1", "x"]}},
        {"name": "email", "type": "string", "format": "email"},
        {"name": "uri", "type": "string", "format": "uri"},
        {"name": "uuid", "type": "string", "format": "uuid"},
        {"name": "binary", "type": "string", "format": "binary"},
        {"name": "look", "type": "string", "constraints": {"pattern": "(?=\\d)\\w+"}},
        {"name": "n", "type": "number", "constraints": {"minimum": 0, "maximum": 10, "enum": [1, 2.5]}},
        {"name": "n2", "type": "number", "decimalChar": ",", "groupChar": " ", "bareNumber": false},
        {"name": "i", "type": "integer", "bareNumber": false, "constraints": {"exclusiveMinimum": 0, "exclusiveMaximum": 100}},
        {"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"], "constraints": {"enum": [true]}},
        {"name": "o", "type": "object", "constraints": {"maxLength": 2}},
        {"name": "a", "type": "array", "arrayItem": {"type": "integer", "constraints": {"required": true, "minimum": 1}}},
        {"name": "l", "type": "list", "itemType": "number", "delimiter": ";"},
        {"name": "d", "type": "date", "constraints": {"minimum": "2000-01-01"}},
        {"name": "d2", "type": "date", "format": "%d/%m/%Y"},
        {"name": "d3", "type": "date", "format": "any"},
        {"name": "d4", "type": "date", "format": "%j %U %a %y %b %p %I %z"},
        {"name": "t", "type": "time", "constraints": {"maximum": "18:00:00"}},
        {"name": "t2", "type": "time", "format": "%H:%M:%S.%f"},
        {"name": "dt", "type": "datetime", "constraints": {"minimum": "2020-01-01T00:00:00Z"}},
        {"name": "dt2", "type": "datetime", "format": "any"},
        {"name": "y", "type": "year", "constraints": {"minimum": 1900}},
        {"name": "ym", "type": "yearmonth", "constraints": {"maximum": "2030-12"}},
        {"name": "du", "type": "duration"},
        {"name": "g", "type": "geopoint"},
        {"name": "g2", "type": "geopoint", "format": "array"},
        {"name": "g3", "type": "geopoint", "format": "object"},
        {"name": "gj", "type": "geojson"},
        {"name": "tj", "type": "geojson", "format": "topojson"},
        {"name": "any", "type": "any", "constraints": {"enum": ["a"]}}
    ]})
}

const KINDS: [ConstraintKind; 10] = [
    ConstraintKind::Required,
    ConstraintKind::Unique,
    ConstraintKind::MinLength,
    ConstraintKind::MaxLength,
    ConstraintKind::Minimum,
    ConstraintKind::Maximum,
    ConstraintKind::ExclusiveMinimum,
    ConstraintKind::ExclusiveMaximum,
    ConstraintKind::Pattern,
    ConstraintKind::Enum,
];

#[test]
fn parse_is_total_on_random_text() {
    let (schema, _) = Schema::from_json_value(&every_field()).expect("descriptor loads");
    let compiled = schema.compile().expect("descriptor compiles");
    let mut generator = Generator(0x5eed_2026);
    for _ in 0..4000 {
        let text = generator.text();
        for field in compiled.fields() {
            let _ = field.is_missing(&text);
            let first = field.parse(&text);
            // Keys rather than values, because NaN is not equal to itself.
            let key = |result: &Result<tableschema::Value<'_>, tableschema::TypeError>| {
                result
                    .as_ref()
                    .map(|value| value.to_key())
                    .map_err(Clone::clone)
            };
            assert_eq!(
                key(&first),
                key(&field.parse(&text)),
                "{} on {text:?}",
                field.name()
            );
            if let Ok(value) = first {
                let mut broken = 0;
                field.check_constraints(&text, &value, &mut |_| broken += 1);
                assert!(broken <= KINDS.len() * 2, "{} on {text:?}", field.name());
                let _ = value.to_key();
            }
        }
    }
    for field in compiled.fields() {
        for kind in KINDS {
            let _ = field.constraint_text(kind);
        }
    }
}

#[test]
fn load_is_total_on_random_descriptors() {
    let mut generator = Generator(0xdec5_2026);
    for _ in 0..2000 {
        let text = generator.text();
        let _ = Schema::from_json_slice(text.as_bytes());
        let wrapped = format!(
            "{{\"fields\": [{{\"name\": \"x\", \"type\": \"date\", \"format\": \"{}\"}}]}}",
            text.replace(['"', '\\'], "")
        );
        let _ = Schema::from_json_slice(wrapped.as_bytes());
        let pattern =
            json!({"fields": [{"name": "x", "type": "string", "constraints": {"pattern": text}}]});
        let _ = Schema::from_json_value(&pattern);
    }
}
