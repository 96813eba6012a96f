use crate::enums::TallyKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How many collectives and individuals received, or were proposed for, an award at a
/// conference (khen thưởng tại hội nghị), when the numbers are known without the names.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "conference_tally")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub award_type_id: i32,
    pub kind: TallyKind,
    pub collectives: i32,
    pub individuals: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::conference::Entity",
        from = "Column::ConferenceId",
        to = "super::conference::Column::Id",
        on_delete = "Restrict"
    )]
    Conference,
    #[sea_orm(
        belongs_to = "super::award_type::Entity",
        from = "Column::AwardTypeId",
        to = "super::award_type::Column::Id",
        on_delete = "Restrict"
    )]
    AwardType,
}

impl ActiveModelBehavior for ActiveModel {}
