use crate::enums::NominationStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Nomination file proposing an award for a person or a unit (hồ sơ đề nghị khen thưởng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "nomination")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub award_type_id: i32,
    pub recipient_person_id: Option<i32>,
    pub recipient_unit_id: Option<i32>,
    pub year: i32,
    /// Kind of commendation proposed (loại hình).
    pub commendation_kind: crate::enums::CommendationKind,
    /// The dossier the nomination is part of.
    pub dossier_id: Option<i32>,
    /// The province's proposal upward it was sent in (national awards).
    pub upward_proposal_id: Option<i32>,
    pub proposed_by_unit_id: Option<i32>,
    pub proposed_by_cluster_year_id: Option<i32>,
    pub status: NominationStatus,
    /// Summary of achievements (tóm tắt thành tích).
    #[sea_orm(column_type = "Text")]
    pub achievements: String,
    #[sea_orm(column_type = "Text")]
    pub basis: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub justification: Option<String>,
    /// Result of the eligibility check, serialised JSON.
    #[sea_orm(column_type = "Text")]
    pub eligibility_report: Option<String>,
    pub decision_id: Option<i32>,
    pub province_id: Option<i32>,
    pub created_by_user_id: Option<i32>,
    /// Optimistic-locking version.
    #[sea_orm(default_value = 1)]
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
        belongs_to = "super::unit::Entity",
        from = "Column::ProposedByUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    ProposedByUnit,
    #[sea_orm(
        belongs_to = "super::cluster_year::Entity",
        from = "Column::ProposedByClusterYearId",
        to = "super::cluster_year::Column::Id",
        on_delete = "Restrict"
    )]
    ProposedByClusterYear,
    #[sea_orm(
        belongs_to = "super::decision::Entity",
        from = "Column::DecisionId",
        to = "super::decision::Column::Id",
        on_delete = "Restrict"
    )]
    Decision,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
    #[sea_orm(
        belongs_to = "super::app_user::Entity",
        from = "Column::CreatedByUserId",
        to = "super::app_user::Column::Id",
        on_delete = "Restrict"
    )]
    CreatedByUser,
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

impl Related<super::cluster_year::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProposedByClusterYear.def()
    }
}

impl Related<super::decision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Decision.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CreatedByUser.def()
    }
}

impl Related<super::nomination_event::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination_event::Relation::Nomination.def().rev()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::Nomination.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
