use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An account that may issue decisions in a body's name (`User.canSign`): the clerk of the
/// board for the People's Committee, a unit's officer for its head.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "signing_right")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique_key = "user_id_unit_id")]
    pub user_id: i32,
    #[sea_orm(unique_key = "user_id_unit_id")]
    pub unit_id: i32,
    pub granted_by_user_id: Option<i32>,
    pub granted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
