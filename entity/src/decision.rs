use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Award decision signed by an authority (quyết định khen thưởng).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Decision number, e.g. "123/QĐ-UBND" (số quyết định): unique per issuer per calendar
    /// year of signing (numbers restart each 1 January, Decree 30/2020 Art. 15).
    #[sea_orm(
        column_type = "String(StringLen::N(64))",
        unique_key = "issuer_unit_id_signed_year_number"
    )]
    pub number: String,
    #[sea_orm(unique_key = "issuer_unit_id_signed_year_number")]
    pub issuer_unit_id: i32,
    pub signed_on: Date,
    /// The calendar year of `signed_on`, which numbering restarts with.
    #[sea_orm(unique_key = "issuer_unit_id_signed_year_number")]
    pub signed_year: i32,
    pub signer_name: String,
    pub signer_title: String,
    pub province_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::IssuerUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    IssuerUnit,
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
        Relation::IssuerUnit.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination::Relation::Decision.def().rev()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::Decision.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
