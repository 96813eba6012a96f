use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Audit trail entry (nhật ký hệ thống).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i32>,
    /// Username, or "system".
    pub actor: String,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub action: String,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub object_type: String,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub object_id: String,
    pub province_id: Option<i32>,
    /// State before, serialised JSON.
    #[sea_orm(column_type = "Text")]
    pub before: Option<String>,
    /// State after, serialised JSON.
    #[sea_orm(column_type = "Text")]
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::ActorUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    ActorUser,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ActorUser.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
