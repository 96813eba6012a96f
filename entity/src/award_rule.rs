use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Eligibility rule of an award type, as data, versioned by the year it applies from (tiêu chuẩn, điều kiện xét tặng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "award_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable name of the rule, e.g. "CSTDCS.2024.tieu-chuan" (naming in
    /// `src/awards/law.rs`); a province's own version carries its code first
    /// ("CM/CSTDCS.2024.tieu-chuan"). Unique with `version`.
    #[sea_orm(column_type = "String(StringLen::N(96))", nullable)]
    pub rule_key: Option<String>,
    pub award_type_id: i32,
    /// First year the rule applies to.
    pub applies_from: i32,
    /// Last year the rule applies to; open when `None`.
    pub applies_to: Option<i32>,
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
    /// Legal basis: law, article, clause; says so when it is an editable default.
    #[sea_orm(column_type = "Text")]
    pub source: String,
    /// The province whose own version this is; `None` for the national default.
    pub province_id: Option<i32>,
    /// Version of the rule under its key, from 1; a change is a new row.
    pub version: i32,
    /// This version retires the rule (it no longer applies).
    pub retired: bool,
    /// Why this version was made.
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub recorded_at: Option<DateTimeUtc>,
    pub recorded_by_user_id: Option<i32>,
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
