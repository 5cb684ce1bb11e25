//! Progress of running validations, keyed by resource id, for the report page.
//!
//! A validation registers its resource and passes the returned [`validate::Progress`] to
//! the engine, whose reader advances it. The report page reads the fraction while the
//! validation runs. The entry is removed when the returned [`ProgressGuard`] is dropped,
//! whether the validation finished or failed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use validate::Progress;

use uuid::Uuid;

/// Progress of the validations in progress.
#[derive(Default)]
pub struct ProgressRegistry {
    entries: Mutex<HashMap<Uuid, Arc<Progress>>>,
}

/// Removes its resource's entry from the registry when dropped.
pub struct ProgressGuard<'a> {
    registry: &'a ProgressRegistry,
    resource_id: Uuid,
}

impl Drop for ProgressGuard<'_> {
    fn drop(&mut self) {
        if let Ok(mut entries) = self.registry.entries.lock() {
            entries.remove(&self.resource_id);
        }
    }
}

impl ProgressRegistry {
    /// Registers a validation and returns the progress its engine advances, with the
    /// guard that unregisters it.
    pub fn start(&self, resource_id: Uuid) -> (Arc<Progress>, ProgressGuard<'_>) {
        let progress = Arc::new(Progress::new());
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(resource_id, Arc::clone(&progress));
        }
        let guard = ProgressGuard {
            registry: self,
            resource_id,
        };
        (progress, guard)
    }

    /// Returns the state of a resource's validation: `None` when none runs in this
    /// process, `Some(None)` while the engine does not know the size yet, and otherwise
    /// `Some(Some(percent))`, the whole percentage read from 0 to 100.
    pub fn percent(&self, resource_id: Uuid) -> Option<Option<u8>> {
        let entries = self.entries.lock().ok()?;
        let progress = entries.get(&resource_id)?;
        let (done, total) = progress.done_and_total();
        Some((total > 0).then(|| percent_of(done, total)))
    }
}

/// Returns `read` as a whole percentage of `total`, rounded down and capped at 100. An
/// empty file counts as fully read.
pub fn percent_of(read: u64, total: u64) -> u8 {
    if total == 0 {
        return 100;
    }
    let percent = u128::from(read) * 100 / u128::from(total);
    u8::try_from(percent.min(100)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down_and_caps() {
        assert_eq!(percent_of(0, 200), 0);
        assert_eq!(percent_of(84, 200), 42);
        assert_eq!(percent_of(199, 200), 99);
        assert_eq!(percent_of(300, 200), 100);
        assert_eq!(percent_of(0, 0), 100);
        assert_eq!(percent_of(u64::MAX, u64::MAX), 100);
    }

    #[test]
    fn entry_lives_while_guard_held() {
        let registry = ProgressRegistry::default();
        let id = Uuid::new_v4();
        assert_eq!(registry.percent(id), None);
        let (progress, guard) = registry.start(id);
        assert_eq!(registry.percent(id), Some(None));
        assert!(progress.fraction().is_none());
        drop(guard);
        assert_eq!(registry.percent(id), None);
    }
}
