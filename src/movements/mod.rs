//! Emulation movements (phong trào thi đua), regular or thematic, launched by a unit, and
//! the registrations of units and persons for them (đăng ký thi đua).

pub mod graphql;

use chrono::{NaiveDate, Utc};
use entity::{award_type, enums::MovementKind, movement, movement_registration, person, unit};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::{
    access::target::{self, Through},
    access::{self, Action, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::{rules, store as organisation},
    text,
    work::Work,
};

/// A movement to launch.
#[derive(Debug, Clone)]
pub struct NewMovement {
    pub name: String,
    pub kind: MovementKind,
    pub launching_unit_code: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub description: Option<String>,
}

/// `launchMovement`: a unit launches a movement (its officers, or the board).
pub async fn launch(
    work: &Work,
    viewer: &Viewer,
    new: NewMovement,
) -> AppResult<Outcome<movement::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(unit) = organisation::find_unit(txn, &text::nfc(&new.launching_unit_code)).await?
    else {
        let code = &new.launching_unit_code;
        return Ok(Err(vec![UserProblem::new(
            &["launchingUnitCode"],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        )]));
    };
    access::authorize(
        viewer,
        Action::WriteOrganisation,
        &target::of_unit(&Through(txn), &unit).await?,
    )?;
    let name = text::nfc(&new.name);
    let mut problems: Vec<UserProblem> = rules::name("name", &name).into_iter().collect();
    problems.extend(rules::date_order(Some(new.start_on), new.end_on, "endOn"));
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = movement::ActiveModel {
        name: Set(name),
        kind: Set(new.kind),
        launching_unit_id: Set(unit.id),
        start_on: Set(new.start_on),
        end_on: Set(new.end_on),
        description: Set(new.description.map(|d| text::nfc(&d))),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(viewer, AuditEntry {
        action: "launchMovement",
        object_type: "Movement",
        object_id: row.id.to_string(),
        province_id: unit.province_id,
        before: None,
        after: Some(json!({ "name": row.name, "kind": row.kind, "launchingUnit": unit.code, "startOn": row.start_on, "endOn": row.end_on })),
    });
    Ok(Ok(row))
}

/// Who registers: a unit or a person.
#[derive(Debug, Clone)]
pub enum Registrant {
    Unit(unit::Model),
    Person(person::Model),
}

/// `registerForMovement`: a unit or person registers, optionally for a title (its unit's
/// officers, or the board). One registration per registrant and movement.
pub async fn register(
    work: &Work,
    viewer: &Viewer,
    movement_id: i32,
    registrant: Registrant,
    award_type_code: Option<&str>,
    registered_on: NaiveDate,
) -> AppResult<Outcome<movement_registration::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(movement) = movement::Entity::find_by_id(movement_id).one(txn).await? else {
        return Ok(Err(vec![UserProblem::new(
            &["movementId"],
            crate::tr!(
                "No such movement.",
                "Không tìm thấy phong trào thi đua này."
            ),
            UserErrorCode::NotFound,
        )]));
    };
    let home = match &registrant {
        Registrant::Unit(u) => u.clone(),
        Registrant::Person(p) => match unit::Entity::find_by_id(p.unit_id).one(txn).await? {
            Some(u) => u,
            None => {
                return Ok(Err(vec![UserProblem::new(
                    &["personId"],
                    crate::tr!(
                        "The person has no unit.",
                        "Cá nhân này không thuộc đơn vị nào."
                    ),
                    UserErrorCode::NotFound,
                )]))
            }
        },
    };
    access::authorize(
        viewer,
        Action::WriteOrganisation,
        &target::of_unit(&Through(txn), &home).await?,
    )?;
    let mut problems = Vec::new();
    let award_type = match award_type_code {
        Some(code) => {
            let found = award_type::Entity::find()
                .filter(award_type::Column::Code.eq(text::nfc(code)))
                .one(txn)
                .await?;
            if found.is_none() {
                problems.push(UserProblem::new(
                    &["awardTypeCode"],
                    crate::tr!(
                        "No award type has code {code}.",
                        "Không có loại khen thưởng nào mã {code}."
                    ),
                    UserErrorCode::NotFound,
                ));
            }
            found
        }
        None => None,
    };
    if movement.end_on.is_some_and(|end| registered_on > end) || registered_on < movement.start_on {
        problems.push(UserProblem::new(
            &["registeredOn"],
            crate::tr!(
                "Registrations are taken while the movement runs.",
                "Chỉ nhận đăng ký thi đua trong thời gian phong trào diễn ra."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    let (unit_id, person_id) = match &registrant {
        Registrant::Unit(u) => (Some(u.id), None),
        Registrant::Person(p) => (None, Some(p.id)),
    };
    let exists = movement_registration::Entity::find()
        .filter(movement_registration::Column::MovementId.eq(movement.id))
        .filter(match (unit_id, person_id) {
            (Some(u), _) => movement_registration::Column::UnitId.eq(u),
            (None, Some(p)) => movement_registration::Column::PersonId.eq(p),
            _ => movement_registration::Column::Id.eq(-1),
        })
        .one(txn)
        .await?;
    if exists.is_some() {
        problems.push(UserProblem::new(
            &["movementId"],
            crate::tr!(
                "Registered for this movement already.",
                "Đã đăng ký tham gia phong trào thi đua này."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = movement_registration::ActiveModel {
        movement_id: Set(movement.id),
        unit_id: Set(unit_id),
        person_id: Set(person_id),
        award_type_id: Set(award_type.as_ref().map(|t| t.id)),
        registered_on: Set(registered_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(viewer, AuditEntry {
        action: "registerForMovement",
        object_type: "Movement",
        object_id: movement.id.to_string(),
        province_id: home.province_id,
        before: None,
        after: Some(json!({ "unitId": unit_id, "personId": person_id, "awardType": award_type.map(|t| t.code) })),
    });
    Ok(Ok(row))
}
