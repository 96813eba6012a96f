use crate::enums::DisciplineKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A discipline, inspection, investigation or complaint concerning a person or a unit
/// (kỷ luật, thanh tra, điều tra, khiếu nại): exactly one of `person_id` and `unit_id` is
/// set. `end_on` NULL: still in force, or still pending.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "discipline")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub kind: DisciplineKind,
    pub start_on: Date,
    pub end_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Number of the decision that imposed or opened it.
    pub decision_number: Option<String>,
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
