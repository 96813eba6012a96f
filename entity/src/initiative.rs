use crate::enums::{InitiativeKind, InitiativeScope};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Recognised initiative of a person (sáng kiến).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "initiative")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub person_id: i32,
    pub scope: InitiativeScope,
    /// An initiative, or an accepted research project.
    pub kind: InitiativeKind,
    pub year: i32,
    /// Number of the recognising decision.
    pub recognised_by: Option<String>,
    pub recognised_on: Option<Date>,
    pub created_at: DateTimeUtc,
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
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
