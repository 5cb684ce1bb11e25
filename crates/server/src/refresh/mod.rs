//! Remote files of URL resources, kept fresh: scheduled and manual refresh, versions,
//! re-validation, alerts and e-mails to the organisation's editors.
//!
//! [`scheduler`] looks for due resources every minute; [`run`] refreshes one resource
//! (conditional download through [`fetch`], change detection by SHA-256, a new version in
//! the file store, validation as for uploads, alerts); [`mail`] warns editors; [`pages`]
//! contains the web doors and [`settings`] the configuration keys. Schedules, versions and
//! alerts are stored by the catalogue (`catalog::refresh`).

pub mod fetch;
pub mod mail;
pub mod pages;
pub mod run;
pub mod scheduler;
pub mod settings;

pub use run::{RefreshError, Refreshed, refresh_resource};
