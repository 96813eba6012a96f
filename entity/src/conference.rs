use crate::enums::ConferenceKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Conference of advanced models or patriotic emulation congress (Hội nghị điển hình tiên tiến / Đại hội thi đua yêu nước).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "conference")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: ConferenceKind,
    pub name: String,
    pub held_on: Date,
    pub host_unit_id: i32,
    /// The emulation period (giai đoạn thi đua).
    pub term_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub summary: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::HostUnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    HostUnit,
    #[sea_orm(
        belongs_to = "super::term::Entity",
        from = "Column::TermId",
        to = "super::term::Column::Id",
        on_delete = "Restrict"
    )]
    Term,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::HostUnit.def()
    }
}

impl Related<super::term::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Term.def()
    }
}

impl Related<super::award::Entity> for Entity {
    fn to() -> RelationDef {
        super::award::Relation::Conference.def().rev()
    }
}

impl ActiveModelBehavior for ActiveModel {}
