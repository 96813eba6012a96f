use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A multiplier of the base salary for an award type and a kind of recipient, from a day on
/// (hệ số tiền thưởng). A later row for the same award, kind and day replaces an earlier one.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "reward_rate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub award_type_id: i32,
    /// `INDIVIDUAL` or `COLLECTIVE`.
    #[sea_orm(column_type = "String(StringLen::N(16))")]
    pub recipient_kind: String,
    /// The multiplier in thousandths (1.5 is 1500).
    pub multiplier_milli: i32,
    pub applies_from: Date,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    pub recorded_by_user_id: Option<i32>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
