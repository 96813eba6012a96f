use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Score sheet of a member unit for a cluster year (bảng chấm điểm thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "score_sheet")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "cluster_year_id_unit_id")]
    pub cluster_year_id: i32,
    #[sea_orm(unique_key = "cluster_year_id_unit_id")]
    pub unit_id: i32,
    /// Bonus points (điểm thưởng).
    #[sea_orm(default_value = 0.0)]
    pub bonus: f64,
    pub bonus_reason: Option<String>,
    /// Penalty points (điểm trừ).
    #[sea_orm(default_value = 0.0)]
    pub penalty: f64,
    pub penalty_reason: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
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

impl Related<super::score_line::Entity> for Entity {
    fn to() -> RelationDef {
        super::score_line::Relation::ScoreSheet.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
