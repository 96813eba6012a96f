use crate::enums::LineageKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Merge, split or rename of provinces (sáp nhập, chia tách tỉnh).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "province_lineage")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: LineageKind,
    #[sea_orm(unique_key = "predecessor_id_successor_id")]
    pub predecessor_id: i32,
    #[sea_orm(unique_key = "predecessor_id_successor_id")]
    pub successor_id: i32,
    pub effective_on: Date,
    /// Legal basis, e.g. the resolution of the National Assembly (căn cứ pháp lý).
    pub legal_basis: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::PredecessorId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Predecessor,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::SuccessorId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Successor,
}

impl ActiveModelBehavior for ActiveModel {}
