//! `CustomChecks::check_row` allocates nothing on a row that passes every check, because
//! it runs on every row of every file. A counting allocator wraps the system one and counts
//! only the allocations of the thread that asked for counting, so that the test harness's
//! own threads (progress reports on a loaded machine) cannot make it fail.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use tableschema::{Schema, Value};
use validate::custom::CustomChecks;

struct CountingAllocator;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn count_allocation() {
    // `try_with` because the allocator may run while thread-locals are torn down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter has no
// effect on the memory handed out.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const SCHEMA: &str = r#"{
  "fields": [
    {"name": "siret", "type": "string"},
    {"name": "siren", "type": "string"},
    {"name": "matiere", "type": "string"},
    {"name": "point", "type": "geopoint"},
    {"name": "annees", "type": "string"},
    {"name": "effectif", "type": "integer"},
    {"name": "pour", "type": "integer"},
    {"name": "contre", "type": "integer"},
    {"name": "montant", "type": "number"},
    {"name": "telephone", "type": "string"},
    {"name": "horaires", "type": "string"},
    {"name": "rna", "type": "string"}
  ],
  "custom_checks": [
    {"name": "siret", "params": {"column": "siret"}},
    {"name": "siren", "params": {"column": "siren"}},
    {"name": "nomenclature-acte", "params": {"column": "matiere"}},
    {"name": "french-gps-coordinates", "params": {"column": "point"}},
    {"name": "year-interval-value", "params": {"column": "annees", "allow-year-only": "yes"}},
    {"name": "cohesive-columns-value", "params": {"column": "effectif", "othercolumns": ["pour", "contre"]}},
    {"name": "compare-columns-value", "params": {"column": "effectif", "op": ">=", "column2": "pour"}},
    {"name": "sum-columns-value", "params": {"column": "effectif", "columns": ["pour", "contre"]}},
    {"name": "compare-columns-value", "params": {"column": "montant", "op": "<", "column2": "effectif"}},
    {"name": "phone-number-value", "params": {"column": "telephone"}},
    {"name": "opening-hours-value", "params": {"column": "horaires"}},
    {"name": "one-of-required", "params": {"column1": "siret", "column2": "rna"}}
  ]
}"#;

#[test]
fn valid_row_allocates_nothing() {
    let (schema, _) = Schema::from_json_slice(SCHEMA.as_bytes()).expect("schema loads");
    let columns: Vec<Option<usize>> = (1..=schema.fields.len()).map(Some).collect();
    let (checks, setup) = CustomChecks::from_schema(&schema, &columns);
    assert!(setup.is_empty(), "unexpected set-up findings: {setup:?}");

    let texts: Vec<Option<&str>> = vec![
        Some("83014132100026"),
        Some("529173189"),
        Some("Finances locales/Fiscalité"),
        Some("2.29, 48.85"),
        Some("2023/2024"),
        Some("10"),
        Some("6"),
        Some("4"),
        Some("9.5"),
        Some("01 99 00 27 37"),
        Some("Mo-Fr 08:00-12:00,14:00-18:00; PH off"),
        None,
    ];
    let values: Vec<Option<Value<'_>>> = vec![
        Some(Value::String("83014132100026")),
        Some(Value::String("529173189")),
        Some(Value::String("Finances locales/Fiscalité")),
        Some(Value::GeoPoint(2.29, 48.85)),
        Some(Value::String("2023/2024")),
        Some(Value::Integer(10)),
        Some(Value::Integer(6)),
        Some(Value::Integer(4)),
        Some(Value::Number(9.5)),
        Some(Value::String("01 99 00 27 37")),
        Some(Value::String("Mo-Fr 08:00-12:00,14:00-18:00; PH off")),
        None,
    ];
    let mut out = Vec::new();

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    COUNTING.with(|counting| counting.set(true));
    for row in 2..1002 {
        checks.check_row(row, &values, &texts, &mut out);
    }
    COUNTING.with(|counting| counting.set(false));
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;

    assert!(out.is_empty(), "unexpected findings: {out:?}");
    assert_eq!(allocations, 0);
}
