use crate::enums::ClusterKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Emulation cluster or bloc (cụm / khối thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "cluster")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub name: String,
    pub search_key: String,
    pub kind: ClusterKind,
    pub province_id: Option<i32>,
    pub organiser_unit_id: Option<i32>,
    /// Organiser when it is a body outside the system.
    pub organiser_name: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::OrganiserUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    OrganiserUnit,
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrganiserUnit.def()
    }
}

impl Related<super::cluster_year::Entity> for Entity {
    fn to() -> RelationDef {
        super::cluster_year::Relation::Cluster.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
