//! Validata's custom checks, declared in a schema's `custom_checks`.
