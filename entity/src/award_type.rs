use crate::enums::{AwardCategory, AwardLevel, Conferrer};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Emulation title or form of commendation (danh hiệu thi đua / hình thức khen thưởng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "award_type")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    pub category: AwardCategory,
    pub level: AwardLevel,
    pub conferrer: Conferrer,
    pub for_individual: bool,
    pub for_collective: bool,
    pub sort_order: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Related<super::ranking_entry::Entity> for Entity {
    fn to() -> RelationDef {
        super::ranking_entry::Relation::ProposedAwardType
            .def()
            .rev()
    }
}

impl Related<super::award_rule::Entity> for Entity {
    fn to() -> RelationDef {
        super::award_rule::Relation::AwardType.def().rev()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination::Relation::AwardType.def().rev()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::AwardType.def().rev()
    }
}

impl Related<super::movement_registration::Entity> for Entity {
    fn to() -> RelationDef {
        super::movement_registration::Relation::AwardType
            .def()
            .rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
