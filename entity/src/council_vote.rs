use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The council's vote on one nominee in one session (kết quả bỏ phiếu).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "council_vote")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub nomination_id: i32,
    pub votes_for: i32,
    pub votes_against: i32,
    pub abstentions: i32,
    pub recorded_by_user_id: Option<i32>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
