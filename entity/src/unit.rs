use crate::enums::UnitKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Organisational unit: department, agency, association, people's committee... (đơn vị, cơ quan, tổ chức).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub kind: UnitKind,
    pub name: String,
    pub short_name: Option<String>,
    pub search_key: String,
    pub parent_id: Option<i32>,
    /// None for bodies outside any province, such as a national union.
    pub province_id: Option<i32>,
    pub valid_from: Option<Date>,
    /// None while the unit is active.
    pub valid_to: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl Related<super::app_user::Entity> for Entity {
    fn to() -> RelationDef {
        super::app_user::Relation::Unit.def().rev()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        super::person::Relation::Unit.def().rev()
    }
}

impl Related<super::term::Entity> for Entity {
    fn to() -> RelationDef {
        super::term::Relation::Unit.def().rev()
    }
}

impl Related<super::person_position::Entity> for Entity {
    fn to() -> RelationDef {
        super::person_position::Relation::Unit.def().rev()
    }
}

impl Related<super::cluster::Entity> for Entity {
    fn to() -> RelationDef {
        super::cluster::Relation::OrganiserUnit.def().rev()
    }
}

impl Related<super::cluster_member::Entity> for Entity {
    fn to() -> RelationDef {
        super::cluster_member::Relation::Unit.def().rev()
    }
}

impl Related<super::score_sheet::Entity> for Entity {
    fn to() -> RelationDef {
        super::score_sheet::Relation::Unit.def().rev()
    }
}

impl Related<super::ranking_entry::Entity> for Entity {
    fn to() -> RelationDef {
        super::ranking_entry::Relation::Unit.def().rev()
    }
}

impl Related<super::decision::Entity> for Entity {
    fn to() -> RelationDef {
        super::decision::Relation::IssuerUnit.def().rev()
    }
}

impl Related<super::conference::Entity> for Entity {
    fn to() -> RelationDef {
        super::conference::Relation::HostUnit.def().rev()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::RecipientUnit.def().rev()
    }
}

impl Related<super::movement::Entity> for Entity {
    fn to() -> RelationDef {
        super::movement::Relation::LaunchingUnit.def().rev()
    }
}

impl Related<super::movement_registration::Entity> for Entity {
    fn to() -> RelationDef {
        super::movement_registration::Relation::Unit.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
