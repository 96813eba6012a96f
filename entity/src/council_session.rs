use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A session of a province's emulation and commendation council (phiên họp Hội đồng Thi đua –
/// Khen thưởng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "council_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub province_id: i32,
    pub held_on: Date,
    /// The council, e.g. "Hội đồng Thi đua – Khen thưởng tỉnh Cà Mau".
    pub body: String,
    /// The members present: a JSON array of names.
    #[sea_orm(column_type = "Text")]
    pub members: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub minutes: Option<String>,
    pub created_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
