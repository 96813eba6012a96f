use crate::enums::TermKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Term or period: emulation period, executive committee term, leadership term (nhiệm kỳ, khóa, giai đoạn thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "term")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: TermKind,
    /// E.g. "Khóa IV" or "Giai đoạn 2020–2025".
    pub name: String,
    pub unit_id: Option<i32>,
    pub province_id: Option<i32>,
    pub start_year: i32,
    pub end_year: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl Related<super::person_position::Entity> for Entity {
    fn to() -> RelationDef {
        super::person_position::Relation::Term.def().rev()
    }
}

impl Related<super::conference::Entity> for Entity {
    fn to() -> RelationDef {
        super::conference::Relation::Term.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
