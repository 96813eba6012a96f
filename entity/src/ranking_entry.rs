use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Rank of a member unit in a cluster year (kết quả xếp hạng, bình xét thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "ranking_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "cluster_year_id_unit_id")]
    pub cluster_year_id: i32,
    #[sea_orm(unique_key = "cluster_year_id_unit_id")]
    pub unit_id: i32,
    pub rank: i32,
    pub total_points: f64,
    /// Award the cluster proposes for this rank.
    pub proposed_award_type_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::cluster_year::Entity",
        from = "Column::ClusterYearId",
        to = "super::cluster_year::Column::Id",
        on_delete = "Restrict"
    )]
    ClusterYear,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    #[sea_orm(
        belongs_to = "super::award_type::Entity",
        from = "Column::ProposedAwardTypeId",
        to = "super::award_type::Column::Id",
        on_delete = "Restrict"
    )]
    ProposedAwardType,
}

impl Related<super::cluster_year::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ClusterYear.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::award_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProposedAwardType.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
