use crate::enums::MovementKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Emulation movement (phong trào thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "movement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub kind: MovementKind,
    pub launching_unit_id: i32,
    pub start_on: Date,
    pub end_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::LaunchingUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    LaunchingUnit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LaunchingUnit.def()
    }
}

impl Related<super::movement_registration::Entity> for Entity {
    fn to() -> RelationDef {
        super::movement_registration::Relation::Movement.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
