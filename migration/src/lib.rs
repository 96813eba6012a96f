//! Database migrations of thidua.

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_domain;
mod m20260102_000001_conference_tally;
mod m20261201_000001_award_rule_key;
mod m20261201_000002_filtered_column_indexes;
mod m20261202_000001_performance_facts;
mod m20261202_000010_rules_in_force;
mod m20261202_000020_dossiers;
mod m20261202_000030_council;
mod m20261203_000040_attachments;
mod m20261203_000050_decisions_in_law;
mod m20261203_000060_reward_money;
mod m20261203_000070_upward_path;
mod m20261203_000080_superseded_rankings;
mod m20261203_000090_revocation;
mod m20261204_000010_day_one;
mod m20261205_000010_recipient_category;
mod m20261205_000020_account_units;
mod m20261205_000030_award_statistics;

/// Runs the migrations of thidua, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_domain::Migration),
            Box::new(m20260102_000001_conference_tally::Migration),
            Box::new(m20261201_000001_award_rule_key::Migration),
            Box::new(m20261201_000002_filtered_column_indexes::Migration),
            Box::new(m20261202_000001_performance_facts::Migration),
            Box::new(m20261202_000010_rules_in_force::Migration),
            Box::new(m20261202_000020_dossiers::Migration),
            Box::new(m20261202_000030_council::Migration),
            Box::new(m20261203_000040_attachments::Migration),
            Box::new(m20261203_000050_decisions_in_law::Migration),
            Box::new(m20261203_000060_reward_money::Migration),
            Box::new(m20261203_000070_upward_path::Migration),
            Box::new(m20261203_000080_superseded_rankings::Migration),
            Box::new(m20261203_000090_revocation::Migration),
            Box::new(m20261204_000010_day_one::Migration),
            Box::new(m20261205_000010_recipient_category::Migration),
            Box::new(m20261205_000020_account_units::Migration),
            Box::new(m20261205_000030_award_statistics::Migration),
        ]
    }
}
