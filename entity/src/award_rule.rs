use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Eligibility rule of an award type, as data, versioned by the year it applies from (tiêu chuẩn, điều kiện xét tặng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "award_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable name of a shipped rule, e.g. "CSTDCS.2014.lao-dong-tien-tien" (naming in
    /// `src/awards/rules.rs`); unique. A province's own rule may leave it empty.
    #[sea_orm(column_type = "String(StringLen::N(96))", nullable, unique)]
    pub rule_key: Option<String>,
    pub award_type_id: i32,
    /// First year the rule applies to.
    pub applies_from: i32,
    /// Rule kind, e.g. "PREREQUISITE_STREAK".
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub kind: String,
    /// Rule parameters, serialised JSON.
    #[sea_orm(column_type = "Text")]
    pub params: String,
    /// Vietnamese description.
    pub description: String,
    /// English description.
    pub description_en: String,
    pub sort_order: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::award_type::Entity",
        from = "Column::AwardTypeId",
        to = "super::award_type::Column::Id",
        on_delete = "Restrict"
    )]
    AwardType,
}

impl Related<super::award_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AwardType.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
