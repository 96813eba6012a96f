use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Award conferred on a person or a unit (khen thưởng đã trao).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub award_type_id: i32,
    pub recipient_person_id: Option<i32>,
    pub recipient_unit_id: Option<i32>,
    /// Name of the recipient on the day of the award.
    pub recipient_name: String,
    pub year: i32,
    /// Kind of commendation (loại hình).
    pub commendation_kind: crate::enums::CommendationKind,
    pub decision_id: Option<i32>,
    pub nomination_id: Option<i32>,
    pub conference_id: Option<i32>,
    pub province_id: Option<i32>,
    /// Day the award was revoked (ngày thu hồi).
    pub revoked_at: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub revoked_reason: Option<String>,
    pub revoking_decision_number: Option<String>,
    pub created_at: DateTimeUtc,
    /// The reward money in VND (tiền thưởng), from the rates in force on the decision's date;
    /// `None` when no rate or base salary was known then, or no decision is recorded.
    pub amount: Option<i64>,
    /// The Law's ground of its revocation.
    pub revocation_ground: Option<crate::enums::RevocationGround>,
    /// The reward money to recover after its revocation, in VND.
    pub amount_to_recover: Option<i64>,
    /// Since when it is to be reviewed: an award its eligibility used was revoked.
    pub review_requested_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_reason: Option<String>,
    /// The recipient's category on the day of the award; `None` for awards recorded before
    /// it was kept (the statutory forms then read it from the recipient).
    pub recipient_category: Option<crate::enums::RecipientCategory>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::award_type::Entity",
        from = "Column::AwardTypeId",
        to = "super::award_type::Column::Id",
        on_delete = "Restrict"
    )]
    AwardType,
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::RecipientPersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    RecipientPerson,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::RecipientUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    RecipientUnit,
    #[sea_orm(
        belongs_to = "super::decision::Entity",
        from = "Column::DecisionId",
        to = "super::decision::Column::Id",
        on_delete = "Restrict"
    )]
    Decision,
    #[sea_orm(
        belongs_to = "super::nomination::Entity",
        from = "Column::NominationId",
        to = "super::nomination::Column::Id",
        on_delete = "Restrict"
    )]
    Nomination,
    #[sea_orm(
        belongs_to = "super::conference::Entity",
        from = "Column::ConferenceId",
        to = "super::conference::Column::Id",
        on_delete = "Restrict"
    )]
    Conference,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
}

impl Related<super::award_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AwardType.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RecipientPerson.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RecipientUnit.def()
    }
}

impl Related<super::decision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Decision.def()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Nomination.def()
    }
}

impl Related<super::conference::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conference.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
