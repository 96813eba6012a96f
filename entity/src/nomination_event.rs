use crate::enums::NominationStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Status change of a nomination (lịch sử xử lý hồ sơ).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "nomination_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub nomination_id: i32,
    pub from_status: Option<NominationStatus>,
    pub to_status: NominationStatus,
    pub actor_user_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub comment: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::nomination::Entity",
        from = "Column::NominationId",
        to = "super::nomination::Column::Id",
        on_delete = "Restrict"
    )]
    Nomination,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::ActorUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    ActorUser,
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Nomination.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ActorUser.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
