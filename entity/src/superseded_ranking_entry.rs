use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A place of a ranking that a reopening superseded, kept with when and why.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "superseded_ranking_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub cluster_year_id: i32,
    pub unit_id: i32,
    pub rank: i32,
    pub total_points: f64,
    pub proposed_award_type_id: Option<i32>,
    pub superseded_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
