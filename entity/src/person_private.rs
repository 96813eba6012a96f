use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Private data of a person, kept apart from the public fields (thông tin cá nhân riêng tư).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_private")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i32,
    pub birth_date: Option<Date>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    /// Citizen identity number (số CCCD).
    pub national_id: Option<String>,
    /// The day the person was recruited (ngày tuyển dụng).
    pub recruited_on: Option<Date>,
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
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
