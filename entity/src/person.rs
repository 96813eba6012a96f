use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Individual who can be nominated and awarded (cá nhân). Public fields only.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub full_name: String,
    pub search_key: String,
    pub unit_id: i32,
    /// Job title, e.g. "Giám đốc Sở" (chức vụ).
    pub title: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(16))")]
    pub gender: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::person_private::Entity> for Entity {
    fn to() -> RelationDef {
        super::person_private::Relation::Person.def().rev()
    }
}

impl Related<super::person_position::Entity> for Entity {
    fn to() -> RelationDef {
        super::person_position::Relation::Person.def().rev()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination::Relation::RecipientPerson.def().rev()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::RecipientPerson.def().rev()
    }
}

impl Related<super::movement_registration::Entity> for Entity {
    fn to() -> RelationDef {
        super::movement_registration::Relation::Person.def().rev()
    }
}

impl Related<super::initiative::Entity> for Entity {
    fn to() -> RelationDef {
        super::initiative::Relation::Person.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
