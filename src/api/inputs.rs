//! What the IDs of an input name, read through a connection (a mutation's transaction, or
//! the readers) and the viewer's access, for the resolvers of every part of the schema.

use async_graphql::ID;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::{
    access::{self, Viewer},
    api::ids::{parse_global_id, NodeKind},
    awards::eligibility::Recipient,
    error::{AppError, AppResult},
};

/// The recipient a global ID names: a person the viewer may see (`FORBIDDEN` for a viewer
/// who sees no persons, `NOT_FOUND` for one out of its reach), or a unit.
pub async fn recipient<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: &ID,
) -> AppResult<Recipient> {
    match parse_global_id(id)? {
        (NodeKind::Person, row) => {
            if !access::sees_persons(viewer) {
                return Err(AppError::forbidden());
            }
            let person = entity::person::Entity::find_by_id(row)
                .one(db)
                .await?
                .and_then(|p| access::see_person(viewer, p))
                .ok_or_else(|| AppError::not_found(crate::tr!("person", "cá nhân")))?;
            Ok(Recipient::Person(person.into_inner()))
        }
        (NodeKind::Unit, row) => {
            let unit = entity::unit::Entity::find_by_id(row)
                .one(db)
                .await?
                .ok_or_else(|| AppError::not_found(crate::tr!("unit", "đơn vị")))?;
            Ok(Recipient::Unit(unit))
        }
        _ => Err(AppError::bad_input(crate::tr!(
            "`recipientId` is neither a person's nor a unit's ID",
            "`recipientId` không phải là ID của một cá nhân hay một đơn vị"
        ))),
    }
}
