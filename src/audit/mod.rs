//! The audit trail (nhật ký): one record per successful mutation, written in the mutation's
//! own transaction, so there is never a change without its record nor a record without its
//! change. Nothing in the API changes or deletes it.

pub mod graphql;

use chrono::Utc;
use entity::audit_log;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde_json::Value;

use crate::access::Viewer;

/// What a mutation did, for the trail.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// The mutation, e.g. `createUnit`.
    pub action: &'static str,
    /// The kind of object, e.g. `Unit`.
    pub object_type: &'static str,
    /// The object's id or business key.
    pub object_id: String,
    /// The province the object belongs to, which decides which board reads the record.
    pub province_id: Option<i32>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Writes `entry` as done by `viewer`, on `db` (the mutation's transaction).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    entry: AuditEntry,
) -> Result<(), DbErr> {
    let actor = if viewer.name.is_empty() {
        "anonymous".to_owned()
    } else {
        viewer.name.clone()
    };
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_user_id: Set(viewer.user_id),
        actor: Set(actor),
        action: Set(entry.action.to_owned()),
        object_type: Set(entry.object_type.to_owned()),
        object_id: Set(entry.object_id),
        province_id: Set(entry.province_id),
        before: Set(entry.before.map(|v| v.to_string())),
        after: Set(entry.after.map(|v| v.to_string())),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
