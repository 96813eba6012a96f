use crate::enums::Role;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Application user account (tài khoản người dùng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub province_id: Option<i32>,
    pub disabled_at: Option<DateTimeUtc>,
    /// A demo account with a published password: refused outside development.
    pub demo: bool,
    pub created_at: DateTimeUtc,
    /// When its password was last changed or reset: tokens issued before no longer work.
    pub password_changed_at: Option<DateTimeUtc>,
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
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination::Relation::CreatedByUser.def().rev()
    }
}

impl Related<super::nomination_event::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination_event::Relation::ActorUser.def().rev()
    }
}

impl Related<super::audit_log::Entity> for Entity {
    fn to() -> RelationDef {
        super::audit_log::Relation::ActorUser.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
