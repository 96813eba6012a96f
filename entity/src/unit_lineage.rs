use crate::enums::LineageKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Merge, split, rename or absorption of units (sáp nhập, hợp nhất, chia tách, đổi tên đơn vị).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "unit_lineage")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: LineageKind,
    #[sea_orm(unique_key = "predecessor_id_successor_id")]
    pub predecessor_id: i32,
    #[sea_orm(unique_key = "predecessor_id_successor_id")]
    pub successor_id: i32,
    pub effective_on: Date,
    /// Legal basis, e.g. the decision number (căn cứ pháp lý).
    pub legal_basis: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::PredecessorId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Predecessor,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::SuccessorId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Successor,
}

impl ActiveModelBehavior for ActiveModel {}
