//! Awards' writes that stand on their own, outside the nomination workflow: an award decided
//! before the system (`recordAward`), a revocation (`revokeAward`), and a person's initiative
//! (`recordInitiative`). Each refuses at once a viewer with no right to the action, resolves
//! what its input names, authorizes against the target through `access`, checks the rules,
//! and writes with its audit record on the caller's [`Work`].

use chrono::{Datelike, NaiveDate, Utc};
use entity::{award, award_type, decision, enums::InitiativeScope, initiative, person, unit};
use sea_orm::QueryOrder;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::{
    checks::{award_problems, decision_number, recipient_ids},
    eligibility::Recipient,
    workflow,
};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::{rules as names, store as organisation},
    text,
    work::Work,
};

/// The decision a recorded award was conferred by.
#[derive(Debug, Clone)]
pub struct DecisionDetails {
    /// Its number, `{n}/QĐ-{issuer}`.
    pub number: String,
    /// The code of the unit that issued it.
    pub issuer_code: String,
    pub signed_on: NaiveDate,
    pub signer_name: String,
    pub signer_title: String,
}

/// An award decided before the system (`recordAward`).
#[derive(Debug, Clone)]
pub struct PastAward {
    pub award_type_code: String,
    pub recipient: Recipient,
    /// The year of the achievement.
    pub year: i32,
    pub kind: entity::enums::CommendationKind,
    pub decision: Option<DecisionDetails>,
    /// The recipient's category on the day; read from the recipient when not given.
    pub category: Option<entity::enums::RecipientCategory>,
}

/// A revocation (`revokeAward`).
#[derive(Debug, Clone)]
pub struct Revocation {
    /// The award's row id.
    pub award_id: i32,
    /// The Law's ground.
    pub ground: entity::enums::RevocationGround,
    pub reason: String,
    pub revoked_on: NaiveDate,
    pub revoking_decision_number: String,
}

/// A person's initiative (`recordInitiative`).
#[derive(Debug, Clone)]
pub struct NewInitiative {
    /// The person's row id.
    pub person_id: i32,
    pub title: String,
    pub scope: InitiativeScope,
    pub kind: entity::enums::InitiativeKind,
    pub year: i32,
    /// The number of the recognising decision.
    pub recognised_by: Option<String>,
    pub recognised_on: Option<NaiveDate>,
}

/// The action recording an initiative at `scope` needs: a unit's council recognises its
/// own (the unit's officers), wider scopes are the board's.
pub fn initiative_action(scope: InitiativeScope) -> Action {
    if scope == InitiativeScope::Unit {
        Action::WriteOrganisation
    } else {
        Action::RecordAwardHistory
    }
}

fn problem(
    field: &[&str],
    message: impl Into<crate::i18n::Text>,
    code: UserErrorCode,
) -> Vec<UserProblem> {
    vec![UserProblem::new(field, message, code)]
}

/// The decision `details` describe: the one of that number, issuer and year of signing when
/// it exists, a new one otherwise; `None` with problems when it cannot be.
async fn find_or_create_decision(
    txn: &DatabaseTransaction,
    details: DecisionDetails,
    problems: &mut Vec<UserProblem>,
) -> AppResult<Option<decision::Model>> {
    let number = text::nfc(&details.number);
    problems.extend(decision_number(&["decision", "number"], &number));
    let Some(issuer) = organisation::find_unit(txn, &text::nfc(&details.issuer_code)).await? else {
        let code = &details.issuer_code;
        problems.push(UserProblem::new(
            &["decision", "issuerCode"],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        ));
        return Ok(None);
    };
    if !problems.is_empty() {
        return Ok(None);
    }
    if let Some(existing) = decision::Entity::find()
        .filter(decision::Column::IssuerUnitId.eq(issuer.id))
        .filter(decision::Column::SignedYear.eq(details.signed_on.year()))
        .filter(decision::Column::Number.eq(number.as_str()))
        .one(txn)
        .await?
    {
        return Ok(Some(existing));
    }
    Ok(Some(
        decision::ActiveModel {
            number: Set(number),
            issuer_unit_id: Set(issuer.id),
            signed_on: Set(details.signed_on),
            signed_year: Set(details.signed_on.year()),
            signer_name: Set(text::nfc(&details.signer_name)),
            signer_title: Set(text::nfc(&details.signer_title)),
            province_id: Set(issuer.province_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?,
    ))
}

/// `recordAward`: the board of the recipient's province records an award decided before the
/// system, with the same duplicate checks as a decision.
pub async fn record_award(
    work: &Work,
    viewer: &Viewer,
    past: PastAward,
) -> AppResult<Outcome<award::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::RecordAwardHistory)?;
    let Some(award_type) = award_type::Entity::find()
        .filter(award_type::Column::Code.eq(text::nfc(&past.award_type_code)))
        .one(txn)
        .await?
    else {
        let code = &past.award_type_code;
        return Ok(Err(problem(
            &["awardTypeCode"],
            crate::tr!(
                "No award type has code {code}.",
                "Không có loại khen thưởng nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )));
    };
    let (home, target) = workflow::recipient_target(txn, &past.recipient).await?;
    access::authorize(viewer, Action::RecordAwardHistory, &target)?;
    let mut problems = award_problems(txn, &award_type, &past.recipient, past.year).await?;
    let decision = match past.decision {
        Some(d) => find_or_create_decision(txn, d, &mut problems).await?,
        None => None,
    };
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let (person, unit, name) = recipient_ids(&past.recipient);
    let amount = match &decision {
        Some(d) => {
            let kind = if person.is_some() {
                "INDIVIDUAL"
            } else {
                "COLLECTIVE"
            };
            super::money::amount_for(txn, award_type.id, kind, d.signed_on).await?
        }
        None => None,
    };
    let row = award::ActiveModel {
        award_type_id: Set(award_type.id),
        recipient_person_id: Set(person),
        recipient_unit_id: Set(unit),
        recipient_name: Set(name),
        year: Set(past.year),
        commendation_kind: Set(past.kind),
        decision_id: Set(decision.as_ref().map(|d| d.id)),
        province_id: Set(home.province_id),
        created_at: Set(Utc::now()),
        amount: Set(amount),
        recipient_category: Set(Some(
            past.category
                .unwrap_or_else(|| super::category::of(&past.recipient)),
        )),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "recordAward",
            object_type: "Award",
            object_id: row.id.to_string(),
            province_id: row.province_id,
            before: None,
            after: Some(
                json!({ "awardType": award_type.code, "recipient": row.recipient_name,
                            "year": row.year, "decision": decision.map(|d| d.number) }),
            ),
        },
    );
    Ok(Ok(row))
}

/// The target of an award: its recipient's unit, or its province when the recipient is gone.
async fn award_target(txn: &DatabaseTransaction, award: &award::Model) -> AppResult<Target> {
    let home = match (award.recipient_unit_id, award.recipient_person_id) {
        (Some(u), _) => unit::Entity::find_by_id(u).one(txn).await?,
        (None, Some(p)) => match person::Entity::find_by_id(p).one(txn).await? {
            Some(p) => unit::Entity::find_by_id(p.unit_id).one(txn).await?,
            None => None,
        },
        (None, None) => None,
    };
    Ok(match &home {
        Some(unit) => target::of_unit(&Through(txn), unit).await?,
        None => target::of_province(&Through(txn), award.province_id).await?,
    })
}

/// Who may revoke `current`: the authority that decided it. A unit's own award (its head's
/// decision) by those who decide the unit's awards and sign for it; a provincial one by the
/// board, signing for the People's Committee; a central one is only recorded, by the board;
/// an award recorded without a decision, by the board.
async fn may_revoke(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    current: &award::Model,
) -> AppResult<Option<UserProblem>> {
    let target = award_target(txn, current).await?;
    let decision = match current.decision_id {
        Some(d) => decision::Entity::find_by_id(d).one(txn).await?,
        None => None,
    };
    let issuer = match &decision {
        Some(d) => unit::Entity::find_by_id(d.issuer_unit_id).one(txn).await?,
        None => None,
    };
    let Some(issuer) = issuer else {
        access::authorize(viewer, Action::RevokeAward, &target)?;
        return Ok(None);
    };
    let central = issuer.province_id.is_none();
    let committee = issuer.kind == entity::enums::UnitKind::PeoplesCommittee;
    if central || committee {
        access::authorize(viewer, Action::RevokeAward, &target)?;
    } else {
        access::authorize(viewer, Action::DecideUnitAward, &target)?;
    }
    if !central && !super::competence::can_sign(txn, viewer, issuer.id).await? {
        let name = issuer.name.clone();
        return Ok(Some(UserProblem::new(
            &["awardId"],
            crate::tr!(
                "The award was decided by {name}: only one who signs for it revokes it.",
                "Khen thưởng này do {name} quyết định: chỉ người được ký thay mặt cơ quan đó mới hủy được."
            ),
            UserErrorCode::NotCompetent,
        )));
    }
    Ok(None)
}

/// The awards whose eligibility used `revoked`: later awards of the same recipient decided
/// on a nomination whose stored report applied a rule that names the revoked award's type.
pub async fn dependents<C: sea_orm::ConnectionTrait>(
    db: &C,
    revoked: &award::Model,
) -> AppResult<Vec<award::Model>> {
    use entity::{award_rule, nomination};
    let Some(code) = award_type::Entity::find_by_id(revoked.award_type_id)
        .one(db)
        .await?
        .map(|t| t.code)
    else {
        return Ok(Vec::new());
    };
    let mut later = award::Entity::find()
        .filter(award::Column::Id.ne(revoked.id))
        .filter(award::Column::Year.gt(revoked.year))
        .filter(award::Column::RevokedAt.is_null());
    later = match (revoked.recipient_person_id, revoked.recipient_unit_id) {
        (Some(p), _) => later.filter(award::Column::RecipientPersonId.eq(p)),
        (None, Some(u)) => later.filter(award::Column::RecipientUnitId.eq(u)),
        (None, None) => return Ok(Vec::new()),
    };
    let quoted = format!("\"{code}\"");
    let mut found = Vec::new();
    for a in later.order_by_asc(award::Column::Id).all(db).await? {
        let Some(n) = a.nomination_id else { continue };
        let Some(n) = nomination::Entity::find_by_id(n).one(db).await? else {
            continue;
        };
        let Some(report) = n
            .eligibility_report
            .as_deref()
            .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
        else {
            continue;
        };
        let mut uses = false;
        for rule in report["rules"].as_array().cloned().unwrap_or_default() {
            let (Some(key), Some(version)) = (rule["key"].as_str(), rule["version"].as_i64())
            else {
                continue;
            };
            let row = award_rule::Entity::find()
                .filter(award_rule::Column::RuleKey.eq(key))
                .filter(award_rule::Column::Version.eq(version as i32))
                .one(db)
                .await?;
            if row.is_some_and(|r| r.params.contains(&quoted) || r.kind == code) {
                uses = true;
                break;
            }
        }
        if uses {
            found.push(a);
        }
    }
    Ok(found)
}

/// `revokeAward`: the authority that decided an award revokes it, on one of the Law's grounds.
/// It is kept, marked revoked with ground, reason, date and revoking decision and the money to
/// recover, and no longer counts for eligibility; the awards whose eligibility used it are
/// flagged for review.
pub async fn revoke_award(
    work: &Work,
    viewer: &Viewer,
    revocation: Revocation,
) -> AppResult<Outcome<award::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::RevokeAward)
        .or_else(|_| access::require_some(viewer, Action::DecideUnitAward))?;
    let Some(current) = award::Entity::find_by_id(revocation.award_id)
        .one(txn)
        .await?
    else {
        return Ok(Err(problem(
            &["awardId"],
            crate::tr!("No such award.", "Không tìm thấy khen thưởng này."),
            UserErrorCode::NotFound,
        )));
    };
    let mut problems: Vec<UserProblem> = may_revoke(txn, viewer, &current)
        .await?
        .into_iter()
        .collect();
    if current.revoked_at.is_some() {
        problems.push(UserProblem::new(
            &["awardId"],
            crate::tr!(
                "The award is revoked already.",
                "Khen thưởng này đã bị hủy trước đó."
            ),
            UserErrorCode::WrongState,
        ));
    }
    if revocation.reason.trim().is_empty() {
        problems.push(UserProblem::new(
            &["reason"],
            crate::tr!(
                "A revocation needs a reason.",
                "Khi hủy khen thưởng phải nêu lý do."
            ),
            UserErrorCode::Required,
        ));
    }
    let number = text::nfc(&revocation.revoking_decision_number);
    problems.extend(decision_number(&["revokingDecisionNumber"], &number));
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut row: award::ActiveModel = current.clone().into();
    row.revoked_at = Set(Some(revocation.revoked_on));
    row.revoked_reason = Set(Some(text::nfc(&revocation.reason)));
    row.revoking_decision_number = Set(Some(number.clone()));
    row.revocation_ground = Set(Some(revocation.ground));
    row.amount_to_recover = Set(current.amount);
    let row = row.update(txn).await?;
    let flagged = dependents(txn, &current).await?;
    for d in &flagged {
        let mut change: award::ActiveModel = d.clone().into();
        change.review_requested_at = Set(Some(Utc::now()));
        change.review_reason = Set(Some(format!(
            "Khen thưởng năm {} mà việc xét khen thưởng này dựa vào đã bị hủy (Quyết định số {number}).",
            current.year
        )));
        change.update(txn).await?;
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "revokeAward",
            object_type: "Award",
            object_id: row.id.to_string(),
            province_id: row.province_id,
            before: Some(json!({ "revoked": false })),
            after: Some(json!({ "revoked": true, "revokedOn": row.revoked_at,
                            "ground": row.revocation_ground, "reason": row.revoked_reason,
                            "decision": number, "amountToRecover": row.amount_to_recover,
                            "flaggedForReview": flagged.iter().map(|a| a.id).collect::<Vec<_>>() })),
        },
    );
    Ok(Ok(row))
}

/// `recordInitiative`: a person's initiative, at unit scope by the unit's officers or the
/// board, at provincial or national scope by the board.
pub async fn record_initiative(
    work: &Work,
    viewer: &Viewer,
    new: NewInitiative,
) -> AppResult<Outcome<initiative::Model>> {
    let txn = work.txn();
    let action = initiative_action(new.scope);
    access::require_some(viewer, action)?;
    let Some(person) = person::Entity::find_by_id(new.person_id).one(txn).await? else {
        return Ok(Err(problem(
            &["personId"],
            crate::tr!("No such person.", "Không tìm thấy cá nhân này."),
            UserErrorCode::NotFound,
        )));
    };
    let (home, target) =
        workflow::recipient_target(txn, &Recipient::Person(person.clone())).await?;
    access::authorize(viewer, action, &target)?;
    let title = text::nfc(&new.title);
    let mut problems: Vec<UserProblem> = names::name("title", &title).into_iter().collect();
    problems.extend(names::year("year", new.year));
    if let Some(number) = &new.recognised_by {
        problems.extend(decision_number(&["recognisedBy"], &text::nfc(number)));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = initiative::ActiveModel {
        title: Set(title),
        person_id: Set(person.id),
        scope: Set(new.scope),
        kind: Set(new.kind),
        year: Set(new.year),
        recognised_by: Set(new.recognised_by.map(|n| text::nfc(&n))),
        recognised_on: Set(new.recognised_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "recordInitiative",
            object_type: "Person",
            object_id: person.id.to_string(),
            province_id: home.province_id,
            before: None,
            after: Some(json!({ "title": row.title, "scope": row.scope, "year": row.year })),
        },
    );
    Ok(Ok(row))
}
