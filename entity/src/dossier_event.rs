use crate::enums::DossierStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A step in a dossier's history: who did what, to which status, and who held it then.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dossier_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub dossier_id: i32,
    /// The mutation, e.g. `submitDossier`.
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub action: String,
    pub from_status: Option<DossierStatus>,
    pub to_status: DossierStatus,
    pub actor_user_id: Option<i32>,
    /// The board's officer assigned at that step.
    pub assignee_user_id: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::dossier::Entity",
        from = "Column::DossierId",
        to = "super::dossier::Column::Id",
        on_delete = "Restrict"
    )]
    Dossier,
}

impl Related<super::dossier::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dossier.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
