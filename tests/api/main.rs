//! The integration tests: one binary, a module per feature. Every test runs the real
//! router over real HTTP on a real database (see `common`).

mod common;

mod access_matrix;
mod attachments;
mod awards;
mod batching;
mod browsers;
mod cache_types;
mod caching;
mod catalogue;
mod cli;
mod clusters;
mod connections;
mod day_one;
mod decision_documents;
mod decisions;
mod demo_seed;
mod dossiers;
mod eligibility_rules;
mod graphiql;
mod http_boundary;
mod http_layers;
mod http_protocol;
mod identity;
mod indexes;
mod languages;
mod layers;
mod limits;
mod live_sign_in;
mod lost_updates;
mod mergers;
mod movements_conferences_statistics;
mod nominations;
mod organisation;
mod organisation_writes;
mod password_hashing;
mod performance;
mod persisted_documents;
mod person_paths;
mod readme;
mod response_pipeline;
mod rules_sync;
mod runner;
mod schema_file;
mod translations;
