//! The GraphQL face of the audit trail: `auditLog(filter)` for BOARD (its province) and ADMIN.

use async_graphql::{Context, InputObject, Object};
use entity::audit_log;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::{
    access::{self, Action, Scope},
    api::{
        context::{db, viewer},
        paging::{fetch_page, Conn, PageArgs},
        scalars::DateTime,
    },
    error::AppResult,
};

/// One audit record: who did what to which object, when, with a before/after summary.
pub struct AuditRecord(pub audit_log::Model);

/// One audit record: who did what to which object, when, with a before/after summary.
#[Object]
impl AuditRecord {
    /// When it happened.
    async fn at(&self) -> DateTime {
        DateTime(self.0.at)
    }
    /// Who did it: a username or a partner's name.
    async fn actor(&self) -> &str {
        &self.0.actor
    }
    /// The mutation, e.g. `createUnit`.
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// The kind of object, e.g. `Unit`.
    async fn object_type(&self) -> &str {
        &self.0.object_type
    }
    /// The object's id or business key.
    async fn object_id(&self) -> &str {
        &self.0.object_id
    }
    /// The object before the change, as JSON text; null for creations.
    async fn before(&self) -> Option<&str> {
        self.0.before.as_deref()
    }
    /// The object after the change, as JSON text.
    async fn after(&self) -> Option<&str> {
        self.0.after.as_deref()
    }
}

/// Filter of `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// Only this mutation, e.g. `createUnit`.
    action: Option<String>,
    /// Only this kind of object, e.g. `Unit`.
    object_type: Option<String>,
    /// Only this object (with `objectType`).
    object_id: Option<String>,
    /// Only records of this user or partner.
    actor: Option<String>,
}

/// Root field of the audit trail.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit trail, oldest first: a board member reads its province's, an administrator
    /// all of it. Read-only: nothing in the API changes or deletes it.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<AuditRecord>> {
        let viewer = viewer(ctx)?;
        let page = PageArgs::new(first, after, last, before).validate()?;
        let scopes = access::scopes(viewer, Action::ReadAuditLog);
        let scope = if scopes.contains(&Scope::All) {
            Condition::all()
        } else if let (true, Some(province)) =
            (scopes.contains(&Scope::Province), viewer.province_id)
        {
            Condition::all().add(audit_log::Column::ProvinceId.eq(province))
        } else {
            return Err(crate::error::AppError::forbidden());
        };
        let f = filter.unwrap_or_default();
        let mut select = audit_log::Entity::find().filter(scope);
        if let Some(action) = f.action {
            select = select.filter(audit_log::Column::Action.eq(action));
        }
        if let Some(object_type) = f.object_type {
            select = select.filter(audit_log::Column::ObjectType.eq(object_type));
        }
        if let Some(object_id) = f.object_id {
            select = select.filter(audit_log::Column::ObjectId.eq(object_id));
        }
        if let Some(actor) = f.actor {
            select = select.filter(audit_log::Column::Actor.eq(actor));
        }
        fetch_page(
            db(ctx)?,
            select,
            audit_log::Column::Id,
            |r| r.id,
            AuditRecord,
            page,
        )
        .await
    }
}
