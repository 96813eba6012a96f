use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The base salary (mức lương cơ sở) in VND per month, from a day on.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "base_salary")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub amount: i64,
    pub applies_from: Date,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    pub recorded_by_user_id: Option<i32>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
