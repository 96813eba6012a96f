use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Points for one criterion on a score sheet (điểm theo tiêu chí: tự chấm, thẩm định).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "score_line")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "score_sheet_id_criterion_id")]
    pub score_sheet_id: i32,
    #[sea_orm(unique_key = "score_sheet_id_criterion_id")]
    pub criterion_id: i32,
    /// Self-assessed points (điểm tự chấm).
    pub self_points: Option<f64>,
    /// Reviewed points (điểm thẩm định).
    pub reviewed_points: Option<f64>,
    #[sea_orm(column_type = "Text")]
    pub evidence: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::score_sheet::Entity",
        from = "Column::ScoreSheetId",
        to = "super::score_sheet::Column::Id",
        on_delete = "Restrict"
    )]
    ScoreSheet,
    #[sea_orm(
        belongs_to = "super::criterion::Entity",
        from = "Column::CriterionId",
        to = "super::criterion::Column::Id",
        on_delete = "Restrict"
    )]
    Criterion,
}

impl Related<super::score_sheet::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ScoreSheet.def()
    }
}

impl Related<super::criterion::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Criterion.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
