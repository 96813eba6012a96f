use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Province or centrally-run city (tỉnh / thành phố trực thuộc trung ương).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "province")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub name: String,
    pub search_key: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// A province of the demo data (made by `seed --demo`), never of a real installation.
    pub demo: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        super::unit::Relation::Province.def().rev()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        super::app_user::Relation::Province.def().rev()
    }
}

impl Related<super::term::Entity> for Entity {
    fn to() -> RelationDef {
        super::term::Relation::Province.def().rev()
    }
}

impl Related<super::cluster::Entity> for Entity {
    fn to() -> RelationDef {
        super::cluster::Relation::Province.def().rev()
    }
}

impl Related<super::decision::Entity> for Entity {
    fn to() -> RelationDef {
        super::decision::Relation::Province.def().rev()
    }
}

impl Related<super::nomination::Entity> for Entity {
    fn to() -> RelationDef {
        super::nomination::Relation::Province.def().rev()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::Province.def().rev()
    }
}

impl Related<super::audit_log::Entity> for Entity {
    fn to() -> RelationDef {
        super::audit_log::Relation::Province.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
