//! Memory stays bounded whatever the input size: a counting allocator records the peak of
//! live heap bytes while generated documents of growing size are converted.

#[path = "../benches/generate.rs"]
mod generate;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufReader;
use std::sync::atomic::{AtomicUsize, Ordering};

use totem::{ConvertOptions, Plans};

struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counters only observe.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the pointer was allocated by `System` with this layout.
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Converts a generated document and returns (rows, peak live heap bytes during the run).
fn peak_for(size: u64) -> (u64, usize) {
    let plans = Plans::empty();
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let input = BufReader::new(generate::SyntheticBudget::new(size));
    let conversion = totem::convert(input, std::io::sink(), &plans, &ConvertOptions::default())
        .expect("converts");
    (conversion.rows, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn memory_bounded_whatever_size() {
    let (small_rows, small_peak) = peak_for(2 << 20);
    let (large_rows, large_peak) = peak_for(40 << 20);
    println!(
        "2 MiB: {small_rows} rows, peak {small_peak} B; 40 MiB: {large_rows} rows, peak {large_peak} B"
    );
    assert!(large_rows > 15 * small_rows);
    assert!(
        large_peak < 2 << 20,
        "peak heap {large_peak} bytes for a 40 MiB document"
    );
    assert!(
        large_peak <= small_peak + (64 << 10),
        "peak grew from {small_peak} to {large_peak} bytes"
    );
}
