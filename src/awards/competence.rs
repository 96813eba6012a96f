//! Competence (thẩm quyền; shared/DOMAIN.md, "Dossiers, the council and decisions"): who may
//! decide which award, in whose name a decision is issued, and who may sign for that body.
//!
//! - A unit (its head) decides the awards its head confers (`Conferrer::UnitHead`: the
//!   unit-level titles and `GIAY_KHEN`) for its own people, those of its sub-units, and its
//!   sub-units; never for itself. Above a province's top-level bodies (those with no parent
//!   here) stands the province's People's Committee, which decides them for those bodies.
//! - The province's People's Committee (its Chairman) decides provincial awards for the
//!   people and units of its province, and of the provinces it absorbed.
//! - Nothing national is decided in a province: it is proposed upward.
//! - The issuer must be in force on the signing date, and a decision is not signed before
//!   the year it rewards.
//! - Only an account holding `canSign` for the issuing body issues in its name ([`can_sign`]);
//!   ADMIN, or the board for the bodies of its province, grants it ([`set_signing_right`]).

use chrono::{Datelike, NaiveDate, Utc};
use entity::{
    app_user, award_type,
    enums::{AwardLevel, Conferrer, UnitKind},
    signing_right, unit,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait,
    QueryFilter,
};
use serde_json::json;

use super::eligibility::Recipient;
use crate::{
    access::target::{self, Through},
    access::{self, Action, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::store as organisation,
    text,
    work::Work,
};

/// Whether `unit` exists on `day` (created on or before it, not yet ended).
pub fn in_force(unit: &unit::Model, day: NaiveDate) -> bool {
    unit.valid_from.is_none_or(|from| from <= day) && unit.valid_to.is_none_or(|to| day <= to)
}

/// The unit a recipient belongs to for its head's awards: a person's own unit, a unit's parent.
fn home_unit(recipient: &Recipient) -> Option<i32> {
    match recipient {
        Recipient::Person(p) => Some(p.unit_id),
        Recipient::Unit(u) => u.parent_id,
    }
}

async fn province_of<C: ConnectionTrait>(db: &C, recipient: &Recipient) -> AppResult<Option<i32>> {
    Ok(match recipient {
        Recipient::Unit(u) => u.province_id,
        Recipient::Person(p) => unit::Entity::find_by_id(p.unit_id)
            .one(db)
            .await?
            .and_then(|u| u.province_id),
    })
}

async fn unit_name<C: ConnectionTrait>(db: &C, id: Option<i32>) -> AppResult<String> {
    Ok(match id {
        Some(id) => unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .map_or_else(|| id.to_string(), |u| u.name),
        None => "—".to_owned(),
    })
}

/// Why `issuer`, signing on `signed_on`, may not decide `award_type` for `recipient` of
/// `year`; `field` is where the problem is reported (the item's place in the input).
pub async fn problems<C: ConnectionTrait>(
    db: &C,
    issuer: &unit::Model,
    signed_on: NaiveDate,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
    field: &[&str],
) -> AppResult<Vec<UserProblem>> {
    let mut found = Vec::new();
    let award = award_type.name.clone();
    let not_competent =
        |en: crate::i18n::Text| UserProblem::new(field, en, UserErrorCode::NotCompetent);
    if signed_on.year() < year {
        let day = signed_on.to_string();
        found.push(UserProblem::new(
            &["signedOn"],
            crate::tr!(
                "A decision signed on {day} cannot reward {year}, which had not begun.",
                "Quyết định ký ngày {day} không thể khen thưởng thành tích năm {year}, khi năm đó chưa bắt đầu."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    match (award_type.level, award_type.conferrer) {
        (_, Conferrer::UnitHead) => {
            let home = home_unit(recipient);
            let within = match home {
                Some(home) => access::unit_and_descendants(db, issuer.id)
                    .await?
                    .contains(&home),
                None => committee_of(db, issuer, recipient).await?,
            };
            if !within {
                let body = match home {
                    Some(_) => unit_name(db, home).await?,
                    None => match province_of(db, recipient).await? {
                        Some(p) => peoples_committee(db, p, signed_on)
                            .await?
                            .map_or_else(|| "—".to_owned(), |u| u.name),
                        None => "—".to_owned(),
                    },
                };
                found.push(not_competent(crate::tr!(
                    "{award} is decided by the head of {body}, the recipient's own unit, or a unit above it.",
                    "{award} do thủ trưởng {body} (đơn vị của đối tượng) hoặc đơn vị cấp trên quyết định."
                )));
            }
        }
        (AwardLevel::Provincial, Conferrer::ProvinceChairman) => {
            if !committee_of(db, issuer, recipient).await? {
                let province = province_of(db, recipient).await?;
                let body = match province {
                    Some(p) => peoples_committee(db, p, signed_on)
                        .await?
                        .map_or_else(|| "—".to_owned(), |u| u.name),
                    None => "—".to_owned(),
                };
                found.push(not_competent(crate::tr!(
                    "{award} is decided by the Chairman of the province's People's Committee ({body}).",
                    "{award} do Chủ tịch Ủy ban nhân dân tỉnh ({body}) quyết định."
                )));
            }
        }
        _ => found.push(not_competent(crate::tr!(
            "{award} is decided centrally: propose it upward (proposeUpward) and record the central decision when it comes back.",
            "{award} do cấp Trung ương quyết định: hãy trình lên cấp trên (proposeUpward) và ghi nhận quyết định của Trung ương khi có."
        ))),
    }
    Ok(found)
}

/// Whether `issuer` is the People's Committee of `recipient`'s province (or of a province
/// that absorbed it).
async fn committee_of<C: ConnectionTrait>(
    db: &C,
    issuer: &unit::Model,
    recipient: &Recipient,
) -> AppResult<bool> {
    if issuer.kind != UnitKind::PeoplesCommittee || issuer.parent_id.is_some() {
        return Ok(false);
    }
    let (Some(served), Some(province)) = (issuer.province_id, province_of(db, recipient).await?)
    else {
        return Ok(false);
    };
    Ok(access::absorbed(db, served).await?.contains(&province))
}

/// Why `issuer` may not issue on `signed_on` at all (it did not exist then).
pub fn issuer_problems(issuer: &unit::Model, signed_on: NaiveDate) -> Vec<UserProblem> {
    if in_force(issuer, signed_on) {
        return Vec::new();
    }
    let (name, day) = (issuer.name.clone(), signed_on.to_string());
    vec![UserProblem::new(
        &["issuerCode"],
        crate::tr!(
            "{name} did not exist on {day}: it cannot sign a decision then.",
            "{name} không tồn tại vào ngày {day} nên không thể ký quyết định vào ngày đó."
        ),
        UserErrorCode::NotCompetent,
    )]
}

/// The People's Committee of province `province_id` in force on `day`, if there is one.
pub async fn peoples_committee<C: ConnectionTrait>(
    db: &C,
    province_id: i32,
    day: NaiveDate,
) -> AppResult<Option<unit::Model>> {
    Ok(unit::Entity::find()
        .filter(unit::Column::ProvinceId.eq(province_id))
        .filter(unit::Column::Kind.eq(UnitKind::PeoplesCommittee))
        .filter(unit::Column::ParentId.is_null())
        .all(db)
        .await?
        .into_iter()
        .find(|u| in_force(u, day)))
}

/// Whether `viewer` may issue decisions in the name of unit `issuer_id`: its account holds
/// the right. The system itself (no account: the demo, the command line) records what it is
/// given.
pub async fn can_sign<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    issuer_id: i32,
) -> AppResult<bool> {
    let Some(user) = viewer.user_id else {
        return Ok(true);
    };
    Ok(signing_right::Entity::find()
        .filter(signing_right::Column::UserId.eq(user))
        .filter(signing_right::Column::UnitId.eq(issuer_id))
        .one(db)
        .await?
        .is_some())
}

/// The refusal of a viewer without the right to sign for `issuer`.
pub fn cannot_sign(issuer: &unit::Model) -> UserProblem {
    let name = issuer.name.clone();
    UserProblem::new(
        &["issuerCode"],
        crate::tr!(
            "This account may not sign for {name} (it has no canSign for it).",
            "Tài khoản này không được ký thay mặt {name} (chưa được cấp quyền canSign)."
        ),
        UserErrorCode::NotCompetent,
    )
}

/// `setSigningRight`: grants (or takes back) account `username`'s right to issue decisions
/// in the name of unit `unit_code`. ADMIN for any unit; the board for the units of its
/// province.
pub async fn set_signing_right(
    work: &Work,
    viewer: &Viewer,
    username: &str,
    unit_code: &str,
    granted: bool,
) -> AppResult<Outcome<app_user::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::GrantSigning)?;
    let Some(body) = organisation::find_unit(txn, &text::nfc(unit_code.trim())).await? else {
        let code = unit_code.to_owned();
        return Ok(Err(vec![UserProblem::new(
            &["unitCode"],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        )]));
    };
    let target = target::of_unit_id(&Through(txn), body.id).await?;
    access::authorize(viewer, Action::GrantSigning, &target)?;
    let Some(user) = crate::identity::users::by_username(txn, &text::nfc(username.trim())).await?
    else {
        return Ok(Err(vec![UserProblem::new(
            &["username"],
            crate::tr!("No such account.", "Không có tài khoản này."),
            UserErrorCode::NotFound,
        )]));
    };
    let existing = signing_right::Entity::find()
        .filter(signing_right::Column::UserId.eq(user.id))
        .filter(signing_right::Column::UnitId.eq(body.id))
        .one(txn)
        .await?;
    match (existing, granted) {
        (None, true) => {
            signing_right::ActiveModel {
                user_id: Set(user.id),
                unit_id: Set(body.id),
                granted_by_user_id: Set(viewer.user_id),
                granted_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        (Some(row), false) => {
            row.delete(txn).await?;
        }
        _ => {}
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "setSigningRight",
            object_type: "User",
            object_id: user.username.clone(),
            province_id: body.province_id,
            before: None,
            after: Some(json!({ "unit": body.code, "canSign": granted })),
        },
    );
    Ok(Ok(user))
}
