use crate::enums::{CommendationKind, DossierStatus};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A dossier (hồ sơ đề nghị khen thưởng): one submission letter (tờ trình) of a proposing
/// unit for many nominations.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dossier")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub province_id: Option<i32>,
    pub proposing_unit_id: i32,
    pub title: String,
    pub year: i32,
    pub commendation_kind: CommendationKind,
    /// The submission letter's number, e.g. "15/TTr-SKHCN".
    #[sea_orm(column_type = "String(StringLen::N(64))", nullable)]
    pub number: Option<String>,
    pub submitted_on: Option<Date>,
    pub signer_name: Option<String>,
    pub status: DossierStatus,
    /// The board's officer who holds it.
    pub assignee_user_id: Option<i32>,
    pub version: i32,
    pub created_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::ProposingUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    ProposingUnit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProposingUnit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
