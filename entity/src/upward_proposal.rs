use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A province's proposal of national awards to the central level (tờ trình đề nghị khen cao).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "upward_proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub province_id: i32,
    /// The province's submission number, e.g. "45/TTr-UBND".
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub number: String,
    pub submitted_on: Date,
    pub recorded_by_user_id: Option<i32>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
