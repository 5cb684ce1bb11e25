//! Feeds arbitrary text to every field type and format, then to its constraints.
//! The first byte of the input picks the field; the rest is the cell.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tableschema::{CompiledSchema, Schema};

const DESCRIPTOR: &str = r#"{"fields": [
  {"name": "s", "type": "string", "constraints": {"minLength": 2, "maxLength": 9, "pattern": "\\d{3}|2A\\d{2}"}},
  {"name": "e", "type": "string", "format": "email"},
  {"name": "u", "type": "string", "format": "uri"},
  {"name": "id", "type": "string", "format": "uuid"},
  {"name": "b64", "type": "string", "format": "binary"},
  {"name": "n", "type": "number", "constraints": {"minimum": 0, "maximum": 1e9}},
  {"name": "nfr", "type": "number", "decimalChar": ",", "groupChar": " ", "bareNumber": false},
  {"name": "i", "type": "integer", "constraints": {"enum": [1, 2, 3]}},
  {"name": "ib", "type": "integer", "bareNumber": false},
  {"name": "bo", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
  {"name": "o", "type": "object"},
  {"name": "a", "type": "array", "arrayItem": {"type": "string", "constraints": {"enum": ["x", "y"]}}},
  {"name": "l", "type": "list", "delimiter": ";", "itemType": "integer"},
  {"name": "d", "type": "date", "constraints": {"minimum": "2000-01-01"}},
  {"name": "dfr", "type": "date", "format": "%d/%m/%Y"},
  {"name": "dany", "type": "date", "format": "any"},
  {"name": "t", "type": "time"},
  {"name": "dt", "type": "datetime"},
  {"name": "dtf", "type": "datetime", "format": "%d/%m/%Y %H:%M"},
  {"name": "y", "type": "year"},
  {"name": "ym", "type": "yearmonth"},
  {"name": "du", "type": "duration"},
  {"name": "g", "type": "geopoint"},
  {"name": "ga", "type": "geopoint", "format": "array"},
  {"name": "go", "type": "geopoint", "format": "object"},
  {"name": "gj", "type": "geojson"},
  {"name": "any", "type": "any"}
]}"#;

fn schema() -> &'static CompiledSchema {
    static SCHEMA: OnceLock<CompiledSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let (schema, _) = Schema::from_json_slice(DESCRIPTOR.as_bytes()).expect("fuzz descriptor loads");
        schema.compile().expect("fuzz descriptor compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let fields = schema().fields();
    let field = &fields[usize::from(selector) % fields.len()];
    if field.is_missing(text) {
        return;
    }
    if let Ok(value) = field.parse(text) {
        let _ = value.to_key();
        field.check_constraints(text, &value, &mut |kind| {
            let _ = field.constraint_text(kind);
        });
    }
});
