use crate::enums::ClusterYearStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One emulation year of a cluster or bloc, with its head and deputy (năm thi đua của cụm / khối: trưởng cụm, phó cụm).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "cluster_year")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "cluster_id_year")]
    pub cluster_id: i32,
    #[sea_orm(unique_key = "cluster_id_year")]
    pub year: i32,
    pub status: ClusterYearStatus,
    /// Head of the cluster this year (trưởng cụm / khối).
    pub head_unit_id: Option<i32>,
    /// Deputy head this year (phó cụm / khối).
    pub deputy_unit_id: Option<i32>,
    /// Day the emulation covenant was signed (ký giao ước thi đua).
    pub covenant_signed_on: Option<Date>,
    /// Optimistic-locking version.
    #[sea_orm(default_value = 1)]
    pub version: i32,
    pub finalized_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::cluster::Entity",
        from = "Column::ClusterId",
        to = "super::cluster::Column::Id",
        on_delete = "Restrict"
    )]
    Cluster,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::HeadUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    HeadUnit,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::DeputyUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    DeputyUnit,
}

impl Related<super::cluster::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Cluster.def()
    }
}

impl Related<super::cluster_member::Entity> for Entity {
    fn to() -> RelationDef {
        super::cluster_member::Relation::ClusterYear.def().rev()
    }
}

impl Related<super::criterion::Entity> for Entity {
    fn to() -> RelationDef {
        super::criterion::Relation::ClusterYear.def().rev()
    }
}

impl Related<super::score_sheet::Entity> for Entity {
    fn to() -> RelationDef {
        super::score_sheet::Relation::ClusterYear.def().rev()
    }
}

impl Related<super::ranking_entry::Entity> for Entity {
    fn to() -> RelationDef {
        super::ranking_entry::Relation::ClusterYear.def().rev()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination::Relation::ProposedByClusterYear
            .def()
            .rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
