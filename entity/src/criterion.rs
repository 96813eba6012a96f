use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Scoring criterion of a cluster year (tiêu chí chấm điểm thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "criterion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "cluster_year_id_code")]
    pub cluster_year_id: i32,
    #[sea_orm(
        column_type = "String(StringLen::N(32))",
        unique_key = "cluster_year_id_code"
    )]
    pub code: String,
    pub title: String,
    pub max_points: f64,
    pub sort_order: i32,
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
}

impl Related<super::cluster_year::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ClusterYear.def()
    }
}

impl Related<super::score_line::Entity> for Entity {
    fn to() -> RelationDef {
        super::score_line::Relation::Criterion.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
