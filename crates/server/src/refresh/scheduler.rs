//! The refresh scheduler: a task of the server that checks every minute which URL
//! resources are due and refreshes them one after the other.
//!
//! Refreshes run one at a time so that a platform with many remote files never opens many
//! connections or validates many files at once. The claim taken by each refresh keeps a
//! second server process sharing the database from fetching the same file.

use std::time::Duration;

use catalog::refresh::RefreshStore;
use jiff::Timestamp;

use super::{RefreshError, refresh_resource};
use crate::state::AppState;

/// Time between two looks for due resources.
pub const TICK: Duration = Duration::from_secs(60);

/// Resources refreshed per tick at most; the rest wait for the next tick.
const BATCH: u32 = 50;

/// Starts the scheduler on the current runtime. It stops with the runtime.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(tick_seconds = TICK.as_secs(), "refresh scheduler started");
        match super::run::resume_validations(&state).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "remote file validations resumed"),
            Err(error) => tracing::error!(%error, "resuming remote file validations failed"),
        }
        let mut interval = tokio::time::interval(TICK);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let count = run_due(&state).await;
            if count > 0 {
                tracing::info!(count, "due remote files refreshed");
            }
        }
    })
}

/// Refreshes every resource due now, up to one batch, and returns how many were tried.
pub async fn run_due(state: &AppState) -> usize {
    let due = match state.store().due_refreshes(Timestamp::now(), BATCH).await {
        Ok(due) => due,
        Err(error) => {
            tracing::error!(%error, "listing due remote files failed");
            return 0;
        }
    };
    for resource_id in &due {
        match refresh_resource(state, *resource_id).await {
            Ok(refreshed) => tracing::debug!(
                resource.id = %resource_id,
                outcome = refreshed.outcome.code(),
                "remote file checked"
            ),
            Err(RefreshError::Busy(_)) => {
                tracing::debug!(resource.id = %resource_id, "refresh already running")
            }
            Err(error) => {
                tracing::error!(resource.id = %resource_id, %error, "refresh failed")
            }
        }
    }
    due.len()
}
