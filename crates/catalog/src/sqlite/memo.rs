//! Values computed once per key and shared, within a size budget.
//!
//! Many visitors often request at once a search that no one requested before. Without
//! coordination each of them would run the same full-text ranking and facet count, which at 50,000
//! datasets turns a few milliseconds of work into a queue of hundreds of milliseconds.
//! Here the first caller computes the value while the others with the same key wait for
//! it; a failed computation is retried by the next caller.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::Error;

pub(super) struct Memo<K, V> {
    /// Sum of the sizes of the values kept; the memo is emptied when a new value would
    /// pass it.
    budget: usize,
    /// Size counted for each value on top of its own, for its key and bookkeeping, so
    /// that many empty values (searches that match nothing) still fill the budget.
    entry_cost: usize,
    entries: Mutex<Entries<K, V>>,
}

struct Entries<K, V> {
    cells: HashMap<K, Arc<OnceCell<Arc<V>>>>,
    size: usize,
}

impl<K: Hash + Eq + Clone, V> Memo<K, V> {
    pub(super) fn new(budget: usize, entry_cost: usize) -> Memo<K, V> {
        Memo {
            budget,
            entry_cost,
            entries: Mutex::new(Entries {
                cells: HashMap::new(),
                size: 0,
            }),
        }
    }

    /// Returns the value of `key`, computing it with `compute` if no other caller has
    /// computed or is computing it. `size` gives the budget share of a computed value.
    pub(super) async fn get_or_compute<F, Fut>(
        &self,
        key: &K,
        size: impl Fn(&V) -> usize,
        compute: F,
    ) -> Result<Arc<V>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, Error>>,
    {
        let cell = {
            let mut entries = self.entries.lock().map_err(|_| poisoned())?;
            Arc::clone(entries.cells.entry(key.clone()).or_default())
        };
        if let Some(value) = cell.get() {
            return Ok(Arc::clone(value));
        }

        let mut computed_here = false;
        let value = cell
            .get_or_try_init(|| async {
                computed_here = true;
                compute().await.map(Arc::new)
            })
            .await?;
        let value = Arc::clone(value);
        if computed_here {
            self.account(key, cell, size(&value) + self.entry_cost);
        }
        Ok(value)
    }

    /// Counts a new value against the budget, emptying the memo first when it is full.
    fn account(&self, key: &K, cell: Arc<OnceCell<Arc<V>>>, size: usize) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.size + size > self.budget {
            entries.cells.clear();
            entries.size = 0;
            entries.cells.insert(key.clone(), cell);
        }
        entries.size += size;
    }

    #[cfg(test)]
    fn size(&self) -> usize {
        self.entries.lock().map_or(0, |entries| entries.size)
    }
}

fn poisoned() -> Error {
    Error::Corrupt("search memo lock poisoned by a panic".into())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn concurrent_callers_share_one_computation() {
        let memo: Memo<String, Vec<u32>> = Memo::new(1000, 0);
        let runs = AtomicUsize::new(0);
        let key = "budget".to_string();
        let compute = || async {
            runs.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok(vec![1, 2, 3])
        };
        let (first, second, third) = tokio::join!(
            memo.get_or_compute(&key, Vec::len, compute),
            memo.get_or_compute(&key, Vec::len, compute),
            memo.get_or_compute(&key, Vec::len, compute),
        );
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        for value in [first, second, third] {
            assert_eq!(*value.expect("value"), vec![1, 2, 3]);
        }
        assert_eq!(memo.size(), 3);
    }

    #[tokio::test]
    async fn empty_values_fill_budget() {
        let memo: Memo<u32, Vec<u32>> = Memo::new(1000, 100);
        for key in 0..50u32 {
            memo.get_or_compute(&key, Vec::len, || async { Ok(Vec::new()) })
                .await
                .expect("value");
            assert!(memo.size() <= 1000, "{} after {key}", memo.size());
        }
        let entries = memo.entries.lock().expect("lock");
        assert!(
            entries.cells.len() <= 10,
            "{} entries kept",
            entries.cells.len()
        );
    }

    #[tokio::test]
    async fn failure_retried_by_next_caller() {
        let memo: Memo<u8, Vec<u32>> = Memo::new(1000, 0);
        let failed = memo
            .get_or_compute(&1, Vec::len, || async {
                Err(Error::Corrupt("lecture impossible".into()))
            })
            .await;
        assert!(failed.is_err());
        let value = memo
            .get_or_compute(&1, Vec::len, || async { Ok(vec![7]) })
            .await
            .expect("value");
        assert_eq!(*value, vec![7]);
    }

    #[tokio::test]
    async fn full_memo_emptied() {
        let memo: Memo<u8, Vec<u32>> = Memo::new(10, 0);
        for key in 0..3u8 {
            memo.get_or_compute(&key, Vec::len, || async { Ok(vec![0; 4]) })
                .await
                .expect("value");
        }
        // 4 + 4 fit, the third value empties the memo and stays alone.
        assert_eq!(memo.size(), 4);
        let runs = AtomicUsize::new(0);
        memo.get_or_compute(&0, Vec::len, || async {
            runs.fetch_add(1, Ordering::SeqCst);
            Ok(vec![0; 4])
        })
        .await
        .expect("value");
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "an emptied key is computed again"
        );
    }
}
