//! Row-loop throughput of compiled fields: `is_missing`, `parse` and `check_constraints`
//! on a 40-column schema shaped like the SCDL ones (coded strings with patterns, enums,
//! e-mails, numbers and integers with bounds, booleans, dates, datetimes, a geopoint), on
//! rows generated from a fixed seed with about one cell in ten left empty.
//!
//! Run with `cargo bench -p tableschema`; divan reports rows per second.

use divan::counter::ItemsCount;
use serde_json::{Value as Json, json};
use tableschema::{CompiledSchema, Schema};

fn main() {
    divan::main();
}

const ROWS: usize = 10_000;

/// One column: its descriptor and a generator of plausible cell texts.
struct Column {
    field: Json,
    cell: fn(u64) -> String,
}

fn columns() -> Vec<Column> {
    let mut columns = Vec::new();
    for index in 0..4 {
        columns.push(Column {
            field: json!({"name": format!("siret_{index}"), "type": "string", "constraints": {"required": true, "pattern": "^\\d{14}$"}}),
            cell: |seed| format!("{:014}", seed % 100_000_000_000_000),
        });
        columns.push(Column {
            field: json!({"name": format!("insee_{index}"), "type": "string", "constraints": {"pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}}),
            cell: |seed| format!("{:05}", 10_000 + seed % 80_000),
        });
        columns.push(Column {
            field: json!({"name": format!("nom_{index}"), "type": "string", "constraints": {"maxLength": 255}}),
            cell: |seed| format!("Équipement municipal n°{}", seed % 977),
        });
        columns.push(Column {
            field: json!({"name": format!("type_{index}"), "type": "string", "constraints": {"enum": ["Gymnase", "Piscine", "Bibliothèque", "Médiathèque", "Stade"]}}),
            cell: |seed| ["Gymnase", "Piscine", "Bibliothèque", "Médiathèque", "Stade"][usize::try_from(seed % 5).unwrap_or(0)].to_owned(),
        });
        columns.push(Column {
            field: json!({"name": format!("montant_{index}"), "type": "number", "constraints": {"minimum": 0}}),
            cell: |seed| format!("{}.{:02}", seed % 1_000_000, seed % 100),
        });
        columns.push(Column {
            field: json!({"name": format!("nombre_{index}"), "type": "integer", "constraints": {"minimum": 0, "maximum": 99999}}),
            cell: |seed| (seed % 5000).to_string(),
        });
        columns.push(Column {
            field: json!({"name": format!("actif_{index}"), "type": "boolean", "trueValues": ["oui", "true"], "falseValues": ["non", "false"]}),
            cell: |seed| if seed % 2 == 0 { "oui".into() } else { "non".into() },
        });
        columns.push(Column {
            field: json!({"name": format!("date_{index}"), "type": "date", "format": "%Y-%m-%d"}),
            cell: |seed| {
                format!(
                    "20{:02}-{:02}-{:02}",
                    seed % 25,
                    1 + seed % 12,
                    1 + seed % 28
                )
            },
        });
    }
    columns.push(Column {
        field: json!({"name": "courriel", "type": "string", "format": "email"}),
        cell: |seed| format!("contact{}@mairie-exemple.fr", seed % 300),
    });
    columns.push(Column {
        field: json!({"name": "site", "type": "string", "format": "uri"}),
        cell: |seed| format!("https://www.exemple.fr/page/{}", seed % 300),
    });
    columns.push(Column {
        field: json!({"name": "maj", "type": "datetime"}),
        cell: |seed| {
            format!(
                "2024-{:02}-{:02}T{:02}:30:00+01:00",
                1 + seed % 12,
                1 + seed % 28,
                seed % 24
            )
        },
    });
    columns.push(Column {
        field: json!({"name": "annee", "type": "year"}),
        cell: |seed| (2000 + seed % 25).to_string(),
    });
    columns.push(Column {
        field: json!({"name": "uuid", "type": "string", "format": "uuid"}),
        cell: |seed| format!("{:08x}-2a0c-4c5b-9d4a-{:012x}", seed % 0xffff_ffff, seed),
    });
    columns.push(Column {
        field: json!({"name": "coordonnees", "type": "geopoint", "format": "array"}),
        cell: |seed| {
            format!(
                "[{}.{:06},{}.{:06}]",
                seed % 8,
                seed % 999_999,
                43 + seed % 6,
                seed % 999_983
            )
        },
    });
    columns.push(Column {
        field: json!({"name": "commentaire", "type": "string"}),
        cell: |seed| format!("Ligne {seed}"),
    });
    columns.push(Column {
        field: json!({"name": "code_postal", "type": "string", "constraints": {"pattern": "^\\d{5}$"}}),
        cell: |seed| format!("{:05}", 1000 + seed % 95_000),
    });
    columns
}

fn compile(columns: &[Column]) -> CompiledSchema {
    let fields: Vec<Json> = columns.iter().map(|column| column.field.clone()).collect();
    let (schema, _) =
        Schema::from_json_value(&json!({ "fields": fields })).expect("bench schema loads");
    schema.compile().expect("bench schema compiles")
}

fn rows(columns: &[Column]) -> Vec<Vec<String>> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..ROWS)
        .map(|_| {
            columns
                .iter()
                .map(|column| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    if state.is_multiple_of(10) {
                        String::new()
                    } else {
                        (column.cell)(state >> 8)
                    }
                })
                .collect()
        })
        .collect()
}

#[divan::bench]
fn forty_columns(bencher: divan::Bencher) {
    let columns = columns();
    let compiled = compile(&columns);
    let rows = rows(&columns);
    bencher.counter(ItemsCount::new(ROWS)).bench_local(|| {
        let mut findings = 0usize;
        for row in &rows {
            for (field, cell) in compiled.fields().iter().zip(row) {
                if field.is_missing(cell) {
                    findings += usize::from(field.is_required());
                    continue;
                }
                match field.parse(cell) {
                    Ok(value) => field.check_constraints(cell, &value, &mut |_| findings += 1),
                    Err(_) => findings += 1,
                }
            }
        }
        divan::black_box(findings)
    });
}
