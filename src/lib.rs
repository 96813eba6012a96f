//! thidua: the GraphQL backend of a province-wide emulation and commendation network
//! (thi đua – khen thưởng).
//!
//! The domain is in its own modules: [`organisation`] (provinces, units, persons, lineage),
//! [`terms`] (terms and emulation periods), [`awards`] (the catalogue), [`performance`]
//! (yearly ratings and discipline, the facts the award rules need). [`access`] is the
//! one place that decides what a viewer may see; [`work`] is the one way a write runs. [`api`] assembles the GraphQL schema;
//! [`web`] serves it over HTTP; [`app::router`] is the router both production and the tests
//! run.

pub mod access;
pub mod api;
pub mod app;
pub mod audit;
pub mod awards;
pub mod cli;
pub mod clusters;
pub mod conferences;
pub mod council;
pub mod db;
pub mod demo;
pub mod dossiers;
pub mod error;
pub mod exports;
pub mod i18n;
pub mod identity;
pub mod imports;
pub mod movements;
pub mod organisation;
pub mod performance;
pub mod reports;
pub mod terms;
pub mod text;
pub mod web;
pub mod work;
