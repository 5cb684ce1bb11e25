//! The validation run: header, then rows checked in parallel batches, merged in file order.
//!
//! A reader thread fills batches of records, worker threads check them with the shared
//! [`RowChecker`], and the calling thread merges the results in row order. Cross-row rules
//! (`unique`, `primaryKey`, `foreignKeys`) and the error cap are applied during the merge,
//! so the report is the same whatever the number of threads. Batches and their records are
//! recycled, which keeps memory bounded: at most `2 × threads + 2` batches exist at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use crossbeam_channel::{Receiver, Sender, bounded};
use tableschema::CompiledSchema;

use crate::custom::CustomChecks;
use crate::finding::Finding;
use crate::header::{self, ColumnMap};
use crate::read::{self, ReadError, ReadOptions, Record, RecordSource};
use crate::report::{Report, SchemaSummary};
use crate::rows::{BatchOutput, KeyEvent, RowChecker, Scratch};

/// Worker threads used at most, whatever the settings ask: more only adds memory.
const MAX_WORKERS: usize = 64;

/// Settings of a validation run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Errors kept in the report; validation stops once that many are found.
    pub max_errors: usize,
    /// Worker threads; 0 uses every available core.
    pub threads: usize,
    /// Whether header labels must match field names with the same case (Validata's default).
    pub case_sensitive_header: bool,
    /// Records per batch handed to a worker.
    pub batch_rows: usize,
    pub read: ReadOptions,
    /// Updated after every batch read, for a caller that shows how far a run is.
    pub progress: Option<Arc<Progress>>,
}

/// How far a validation run has read its file, shared with another thread.
///
/// The unit is the source's: bytes of the file on disk for delimited text (compressed
/// bytes for gzip), rows for spreadsheets, whose cells are loaded before the first row.
/// The encoding detection pass that precedes the rows is not counted.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Returns `(done, total)`; `total` is 0 until the source knows its size.
    pub fn done_and_total(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Returns the part read, from 0.0 to 1.0, or `None` while the size is unknown.
    pub fn fraction(&self) -> Option<f64> {
        let (done, total) = self.done_and_total();
        (total > 0).then(|| (done.min(total) as f64) / (total as f64))
    }

    fn set(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// Marks the run as read to the end, whatever unit the source used.
    fn finish(&self) {
        let total = self.total.load(Ordering::Relaxed).max(1);
        self.set(total, total);
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_errors: 1000,
            threads: 0,
            case_sensitive_header: true,
            batch_rows: 1024,
            read: ReadOptions::default(),
            progress: None,
        }
    }
}

/// Validates a file. Errors are only for files that cannot be read at all; problems in the
/// data, including an empty file or a broken quote, are findings of the report.
pub fn validate_path(
    path: &Path,
    schema: Option<&CompiledSchema>,
    summary: Option<SchemaSummary>,
    options: &Options,
) -> Result<Report, ReadError> {
    let started = Instant::now();
    let mut report = Report {
        source: path.display().to_string(),
        schema: summary,
        max_errors: options.max_errors,
        ..Report::default()
    };
    let source = match read::open_path(path, &options.read) {
        Ok(source) => source,
        Err(error) if error.code() == "read-empty-file" => {
            report.push(read_finding(&error));
            report.stats.seconds = started.elapsed().as_secs_f64();
            return Ok(report);
        }
        Err(error) => return Err(error),
    };
    run(source, schema, options, &mut report);
    if let Some(progress) = &options.progress {
        progress.finish();
    }
    report.stats.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Turns a reading failure met in the middle of a file into a report finding.
fn read_finding(error: &ReadError) -> Finding {
    let mut finding = Finding::error("source-error", error.code());
    finding.args = error.args();
    finding
}

fn run(
    mut source: Box<dyn RecordSource>,
    schema: Option<&CompiledSchema>,
    options: &Options,
    report: &mut Report,
) {
    report.info = Some(source.info().clone());
    let mut header_record = Record::new();
    match source.read_record(&mut header_record) {
        Ok(true) => {}
        Ok(false) => {
            report.push(Finding::error("source-error", "read-empty-file"));
            return;
        }
        Err(error) => {
            report.push(read_finding(&error));
            return;
        }
    }
    report.labels = header_record.iter().map(str::to_owned).collect();
    report.stats.fields = report.labels.len();
    if header_record.is_blank_line()
        || report
            .labels
            .iter()
            .all(|label| header::clean_label(label).is_empty())
    {
        report.push(Finding::error("blank-header", "blank-header"));
        return;
    }

    let mut setup = Vec::new();
    header::check_labels(&report.labels, &mut setup);
    let (map, custom) = match schema {
        Some(schema) => {
            let map = header::match_columns(
                &report.labels,
                schema,
                options.case_sensitive_header,
                &mut setup,
            );
            if map.unmatched {
                (Some(map), None)
            } else {
                let (custom, custom_findings) =
                    CustomChecks::compile(schema, &map.field_positions());
                setup.extend(custom_findings);
                (Some(map), Some(custom))
            }
        }
        None => (None, None),
    };
    for finding in setup {
        report.push(finding);
    }
    let (schema, map, custom) = match map {
        Some(map) if map.unmatched => (None, None, None),
        map => (schema, map, custom),
    };
    let checker = RowChecker::new(schema, map.clone(), report.labels.clone(), custom);
    let mut merger = Merger::new(schema, map);
    check_rows(source, &checker, &mut merger, options, report);
    merger.finish(report);
    if report.truncated
        && let Some(row) = report.errors.last().and_then(|finding| finding.row_number)
    {
        // Batches are checked ahead of the merge: the report stops at the row of the last
        // error kept, not at the end of the batch that held it.
        report.last_row = row;
    }
    report.errors.sort_by_key(|finding| {
        (
            finding.row_number.unwrap_or(0),
            finding.field_number.unwrap_or(0),
        )
    });
    report.warnings.sort_by_key(|finding| {
        (
            finding.row_number.unwrap_or(0),
            finding.field_number.unwrap_or(0),
        )
    });
}

struct Batch {
    sequence: u64,
    records: Vec<Record>,
    len: usize,
}

enum Outcome {
    Checked {
        sequence: u64,
        output: BatchOutput,
        batch: Batch,
    },
    Failed {
        sequence: u64,
        error: ReadError,
    },
}

fn check_rows(
    source: Box<dyn RecordSource>,
    checker: &RowChecker<'_>,
    merger: &mut Merger,
    options: &Options,
    report: &mut Report,
) {
    let workers = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        count => count,
    }
    .min(MAX_WORKERS);
    let batch_rows = options.batch_rows.max(1);
    let stop = AtomicBool::new(false);
    let (batch_tx, batch_rx) = bounded::<Batch>(workers * 2);
    let (outcome_tx, outcome_rx) = bounded::<Outcome>(workers * 2);
    let (recycle_tx, recycle_rx) = bounded::<Batch>(workers * 2 + 2);

    std::thread::scope(|scope| {
        let reader_outcomes = outcome_tx.clone();
        let stop_flag = &stop;
        let progress = options.progress.as_deref();
        scope.spawn(move || {
            fill_batches(
                source,
                batch_rows,
                batch_tx,
                reader_outcomes,
                recycle_rx,
                stop_flag,
                progress,
            )
        });
        for _ in 0..workers {
            let batches = batch_rx.clone();
            let outcomes = outcome_tx.clone();
            scope.spawn(move || check_batches(checker, batches, outcomes));
        }
        drop(batch_rx);
        drop(outcome_tx);
        merge_outcomes(outcome_rx, recycle_tx, merger, report, &stop);
    });
}

/// Reads records into batches until the end of the file, an error or a stop request.
fn fill_batches(
    mut source: Box<dyn RecordSource>,
    batch_rows: usize,
    batches: Sender<Batch>,
    outcomes: Sender<Outcome>,
    recycled: Receiver<Batch>,
    stop: &AtomicBool,
    progress: Option<&Progress>,
) {
    let mut sequence = 0;
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let mut batch = recycled.try_recv().unwrap_or_else(|_| Batch {
            sequence: 0,
            records: Vec::new(),
            len: 0,
        });
        batch.sequence = sequence;
        batch.len = 0;
        let mut failure = None;
        while batch.len < batch_rows {
            if batch.records.len() == batch.len {
                batch.records.push(Record::new());
            }
            match source.read_record(&mut batch.records[batch.len]) {
                Ok(true) => batch.len += 1,
                Ok(false) => break,
                Err(error) => {
                    failure = Some(error);
                    break;
                }
            }
        }
        let finished = batch.len < batch_rows;
        if let Some(progress) = progress {
            let (done, total) = source.position();
            progress.set(done, total);
        }
        if batch.len > 0 || failure.is_none() {
            if batches.send(batch).is_err() {
                return;
            }
            sequence += 1;
        }
        if let Some(error) = failure {
            let _ = outcomes.send(Outcome::Failed { sequence, error });
            return;
        }
        if finished {
            return;
        }
    }
}

fn check_batches(checker: &RowChecker<'_>, batches: Receiver<Batch>, outcomes: Sender<Outcome>) {
    let mut scratch = Scratch::default();
    for batch in batches {
        let mut output = BatchOutput::default();
        for record in &batch.records[..batch.len] {
            checker.check(record, &mut scratch, &mut output);
        }
        if outcomes
            .send(Outcome::Checked {
                sequence: batch.sequence,
                output,
                batch,
            })
            .is_err()
        {
            return;
        }
    }
}

/// Applies batch results in file order and stops the reader once the error cap is hit.
fn merge_outcomes(
    outcomes: Receiver<Outcome>,
    recycle: Sender<Batch>,
    merger: &mut Merger,
    report: &mut Report,
    stop: &AtomicBool,
) {
    let mut pending: BTreeMap<u64, Outcome> = BTreeMap::new();
    let mut next = 0;
    let mut done = false;
    for outcome in outcomes {
        if done {
            continue;
        }
        let sequence = match &outcome {
            Outcome::Checked { sequence, .. } | Outcome::Failed { sequence, .. } => *sequence,
        };
        pending.insert(sequence, outcome);
        while let Some(outcome) = pending.remove(&next) {
            match outcome {
                Outcome::Checked { output, batch, .. } => {
                    merger.apply(output, report);
                    let _ = recycle.try_send(batch);
                }
                Outcome::Failed { error, .. } => {
                    report.push(read_finding(&error));
                    done = true;
                }
            }
            next += 1;
            if report.is_full() && !done {
                report.truncated = true;
                done = true;
            }
        }
        if done {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

/// Cross-row state: values seen in unique columns and keys, in file order.
struct Merger {
    field_positions: Vec<Option<usize>>,
    field_names: Vec<String>,
    unique: HashMap<(usize, u64), u64>,
    primary: HashMap<u64, u64>,
    foreign_targets: HashSet<(usize, u64)>,
    foreign_sources: Vec<(u64, usize, u64, String)>,
    foreign_names: Vec<String>,
}

impl Merger {
    fn new(schema: Option<&CompiledSchema>, map: Option<ColumnMap>) -> Merger {
        let field_positions = map.map(|map| map.field_positions()).unwrap_or_default();
        let field_names = schema
            .map(|schema| {
                schema
                    .fields()
                    .iter()
                    .map(|f| f.name().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let foreign_names = schema
            .map(|schema| {
                schema
                    .foreign_keys()
                    .iter()
                    .map(|key| {
                        key.fields
                            .iter()
                            .map(|&field| schema.fields()[field].name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect()
            })
            .unwrap_or_default();
        Merger {
            field_positions,
            field_names,
            unique: HashMap::new(),
            primary: HashMap::new(),
            foreign_targets: HashSet::new(),
            foreign_sources: Vec::new(),
            foreign_names,
        }
    }

    fn apply(&mut self, output: BatchOutput, report: &mut Report) {
        report.stats.rows += output.rows;
        if output.last_row > 0 {
            report.last_row = output.last_row;
        }
        for finding in output.findings {
            report.push(finding);
        }
        for event in output.keys {
            self.apply_key(event, report);
        }
    }

    fn apply_key(&mut self, event: KeyEvent, report: &mut Report) {
        match event {
            KeyEvent::Unique {
                row,
                field,
                hash,
                cell,
            } => {
                if let Some(first) = self.unique.get(&(field, hash)) {
                    let position = self
                        .field_positions
                        .get(field)
                        .copied()
                        .flatten()
                        .unwrap_or(0);
                    let name = self.field_names.get(field).cloned().unwrap_or_default();
                    report.push(
                        Finding::error("unique-error", "unique-error")
                            .row(row)
                            .field(position, name.clone())
                            .cell(cell.clone())
                            .arg("field", name)
                            .arg("value", cell)
                            .arg("first", *first),
                    );
                } else {
                    self.unique.insert((field, hash), row);
                }
            }
            KeyEvent::PrimaryKey {
                row,
                hash,
                all_missing,
                cells,
            } => {
                if all_missing {
                    report.push(Finding::error("primary-key", "primary-key-missing").row(row));
                } else if let Some(first) = self.primary.get(&hash) {
                    report.push(
                        Finding::error("primary-key", "primary-key-duplicate")
                            .row(row)
                            .arg("value", cells)
                            .arg("first", *first),
                    );
                } else {
                    self.primary.insert(hash, row);
                }
            }
            KeyEvent::ForeignTarget { key, hash } => {
                self.foreign_targets.insert((key, hash));
            }
            KeyEvent::ForeignSource {
                row,
                key,
                hash,
                cells,
            } => self.foreign_sources.push((row, key, hash, cells)),
        }
    }

    /// Reports foreign keys that point to no row, once every row is known.
    fn finish(self, report: &mut Report) {
        for (row, key, hash, cells) in self.foreign_sources {
            if !self.foreign_targets.contains(&(key, hash)) {
                let fields = self.foreign_names.get(key).cloned().unwrap_or_default();
                report.push(
                    Finding::error("foreign-key", "foreign-key")
                        .row(row)
                        .arg("fields", fields)
                        .arg("value", cells),
                );
            }
        }
    }
}
