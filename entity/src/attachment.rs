use crate::enums::AttachmentKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A file attached to a dossier (and then possibly to one of its nominations) or to a council
/// session. The bytes are in the file store under `sha256`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub dossier_id: Option<i32>,
    /// The nominee whose document it is (an achievement report), in `dossier_id`.
    pub nomination_id: Option<i32>,
    pub council_session_id: Option<i32>,
    pub kind: AttachmentKind,
    /// The name the uploader gave it.
    pub file_name: String,
    /// The media type its content was recognised as.
    #[sea_orm(column_type = "String(StringLen::N(128))")]
    pub content_type: String,
    pub size: i64,
    /// The SHA-256 of the content, in lower-case hex.
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub sha256: String,
    pub uploaded_by_user_id: Option<i32>,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
