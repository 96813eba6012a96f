use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Member unit of a cluster in a given year (thành viên cụm / khối thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "cluster_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "cluster_year_id_unit_id")]
    pub cluster_year_id: i32,
    #[sea_orm(unique_key = "cluster_year_id_unit_id")]
    pub unit_id: i32,
    pub created_at: DateTimeUtc,
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

impl ActiveModelBehavior for ActiveModel {}
