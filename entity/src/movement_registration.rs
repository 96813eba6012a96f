use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Registration of a unit or person for a movement (đăng ký thi đua).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "movement_registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub movement_id: i32,
    pub unit_id: Option<i32>,
    pub person_id: Option<i32>,
    /// Title the registrant aims for.
    pub award_type_id: Option<i32>,
    pub registered_on: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::movement::Entity",
        from = "Column::MovementId",
        to = "super::movement::Column::Id",
        on_delete = "Restrict"
    )]
    Movement,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
    #[sea_orm(
        belongs_to = "super::award_type::Entity",
        from = "Column::AwardTypeId",
        to = "super::award_type::Column::Id",
        on_delete = "Restrict"
    )]
    AwardType,
}

impl Related<super::movement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Movement.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::award_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AwardType.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
