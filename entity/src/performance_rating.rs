use crate::enums::PerformanceRating;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Yearly performance rating of a person or a unit (xếp loại chất lượng): exactly one of
/// `person_id` and `unit_id` is set; one rating per recipient and year.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "performance_rating")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub year: i32,
    pub rating: PerformanceRating,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
    /// The account that recorded it (last).
    pub recorded_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::RecordedBy",
        to = "super::app_user::Column::Id",
        on_delete = "SetNull"
    )]
    RecordedBy,
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
