//! The upward path (khen cao; shared/DOMAIN.md, "Dossiers, the council and decisions"):
//! national awards are not decided in a province. Its board sends approved nominations up
//! with the province's submission number and date ([`propose`]: `PROPOSED_UPWARD`); when the
//! central decision comes back, the board records it ([`record_central_decision`]) in the
//! name of the central body that made it ([`CENTRAL_BODIES`]): the nominees it
//! rewarded get their awards (`DECIDED`), those it did not are `REJECTED` with that reason.

use chrono::{Datelike, NaiveDate, Utc};
use entity::{
    award, award_type, decision,
    enums::{AwardLevel, Conferrer, NominationStatus as Status},
    nomination, unit, upward_proposal,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;

use super::{
    eligibility::Recipient,
    workflow::{event, recipient_of_row, status_name},
};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Viewer},
    audit::AuditEntry,
    error::{AppError, AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::store as organisation,
    text,
    work::Work,
};

/// A proposal upward (`proposeUpward`).
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub province_code: String,
    pub number: String,
    pub submitted_on: NaiveDate,
    pub nomination_ids: Vec<i32>,
}

/// A central decision to record (`recordCentralDecision`).
#[derive(Debug, Clone)]
pub struct CentralDecision {
    pub issuer_code: String,
    pub number: String,
    pub signed_on: NaiveDate,
    pub signer_name: String,
    pub signer_title: String,
    /// The nominations it rewarded.
    pub rewarded: Vec<i32>,
    /// The nominations it did not reward (they become REJECTED).
    pub not_rewarded: Vec<i32>,
}

/// The central bodies that decide national awards, kept as national units (no province)
/// in whose name central decisions are recorded; each is created the first time a decision
/// of it is recorded.
pub const CENTRAL_BODIES: [(&str, &str, &str); 2] = [
    (
        "TW-CHINH-PHU",
        "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Chính phủ",
    ),
    (
        "TW-CHU-TICH-NUOC",
        "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Chủ tịch nước",
    ),
];

/// The unit of central body `code`, created if it is one of [`CENTRAL_BODIES`] not yet
/// held; `None` for any other code.
async fn central_unit(
    txn: &sea_orm::DatabaseTransaction,
    code: &str,
) -> AppResult<Option<unit::Model>> {
    let Some((code, name, short)) = CENTRAL_BODIES.into_iter().find(|(c, _, _)| *c == code) else {
        return Ok(None);
    };
    if let Some(u) = organisation::find_unit(txn, code).await? {
        return Ok(Some(u));
    }
    let now = Utc::now();
    Ok(Some(
        unit::ActiveModel {
            search_key: Set(crate::organisation::unit_search_key(
                name,
                Some(short),
                code,
            )),
            code: Set(code.to_owned()),
            kind: Set(entity::enums::UnitKind::Other),
            name: Set(name.to_owned()),
            short_name: Set(Some(short.to_owned())),
            parent_id: Set(None),
            province_id: Set(None),
            valid_from: Set(None),
            valid_to: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?,
    ))
}

/// The central body that confers `award_type`.
fn central_body(award_type: &award_type::Model) -> &'static str {
    match award_type.conferrer {
        Conferrer::President => "TW-CHU-TICH-NUOC",
        _ => "TW-CHINH-PHU",
    }
}

fn is_national(award_type: &award_type::Model) -> bool {
    award_type.level == AwardLevel::National
}

/// The nomination `id` as `viewer` may reach it (locked), with its award type; `None` when
/// it may not read it.
async fn reach(
    work: &Work,
    viewer: &Viewer,
    id: i32,
) -> AppResult<Option<(nomination::Model, award_type::Model)>> {
    let txn = work.txn();
    let scope = access::nomination_scope(txn, viewer).await?;
    if scope.find(txn, id).await?.is_none() {
        return Ok(None);
    }
    let Some(n) = nomination::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let t = award_type::Entity::find_by_id(n.award_type_id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("award type", "loại khen thưởng")))?;
    access::authorize(
        viewer,
        Action::ProposeUpward,
        &target::of_province(&Through(txn), n.province_id).await?,
    )?;
    Ok(Some((n, t)))
}

fn no_such(field: &[&str]) -> UserProblem {
    UserProblem::new(
        field,
        crate::tr!("No such nomination.", "Không tìm thấy hồ sơ đề nghị này."),
        UserErrorCode::NotFound,
    )
}

fn wrong_status(field: &[&str], n: &nomination::Model, wanted: Status) -> UserProblem {
    let (status, wanted) = (status_name(n.status), status_name(wanted));
    UserProblem::new(
        field,
        crate::tr!(
            "The nomination is {status}; this needs {wanted}.",
            "Hồ sơ đề nghị đang ở trạng thái {status}; thao tác này cần trạng thái {wanted}."
        ),
        UserErrorCode::WrongState,
    )
}

/// `proposeUpward`: the board sends APPROVED nominations of national awards of its province
/// up, with the province's submission number and date; each becomes PROPOSED_UPWARD.
pub async fn propose(
    work: &Work,
    viewer: &Viewer,
    new: NewProposal,
) -> AppResult<Outcome<(upward_proposal::Model, Vec<nomination::Model>)>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ProposeUpward)?;
    let p = match organisation::province_for_write(txn, &new.province_code).await? {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    access::authorize(
        viewer,
        Action::ProposeUpward,
        &target::of_province(&Through(txn), Some(p.id)).await?,
    )?;
    let number = text::nfc(new.number.trim());
    let mut problems = Vec::new();
    if number.is_empty() || number.chars().count() > 64 {
        problems.push(UserProblem::new(
            &["number"],
            crate::tr!(
                "Give the submission's number (at most 64 characters).",
                "Nêu số tờ trình (tối đa 64 ký tự)."
            ),
            UserErrorCode::Required,
        ));
    }
    if new.nomination_ids.is_empty() {
        problems.push(UserProblem::new(
            &["nominationIds"],
            crate::tr!(
                "A proposal sends at least one nomination.",
                "Tờ trình phải có ít nhất một hồ sơ đề nghị."
            ),
            UserErrorCode::Required,
        ));
    }
    let mut rows = Vec::new();
    for (i, id) in new.nomination_ids.iter().enumerate() {
        let index = i.to_string();
        let field = ["nominationIds", index.as_str()];
        let Some((n, t)) = reach(work, viewer, *id).await? else {
            problems.push(no_such(&field));
            continue;
        };
        let of_province = match n.province_id {
            Some(np) => access::absorbed(txn, p.id).await?.contains(&np),
            None => false,
        };
        if !of_province {
            problems.push(no_such(&field));
            continue;
        }
        if !is_national(&t) {
            let award = t.name.clone();
            problems.push(UserProblem::new(
                &field,
                crate::tr!(
                    "{award} is decided in the province: issue it with issueDecision.",
                    "{award} do cấp tỉnh quyết định: hãy ban hành bằng issueDecision."
                ),
                UserErrorCode::InvalidValue,
            ));
        }
        if n.status != Status::Approved {
            problems.push(wrong_status(&field, &n, Status::Approved));
        }
        if new.nomination_ids[..i].contains(id) {
            problems.push(UserProblem::new(
                &field,
                crate::tr!("Listed twice.", "Được liệt kê hai lần."),
                UserErrorCode::InvalidValue,
            ));
        }
        rows.push(n);
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let proposal = upward_proposal::ActiveModel {
        province_id: Set(p.id),
        number: Set(number.clone()),
        submitted_on: Set(new.submitted_on),
        recorded_by_user_id: Set(viewer.user_id),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut sent = Vec::new();
    for n in rows {
        let mut row: nomination::ActiveModel = n.clone().into();
        row.status = Set(Status::ProposedUpward);
        row.upward_proposal_id = Set(Some(proposal.id));
        row.version = Set(n.version + 1);
        row.updated_at = Set(Utc::now());
        let row = row.update(txn).await?;
        event(
            work,
            viewer,
            &row,
            Some(n.status),
            Status::ProposedUpward,
            Some(format!("Tờ trình số {number}")),
        )
        .await?;
        sent.push(row);
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "proposeUpward",
            object_type: "UpwardProposal",
            object_id: proposal.id.to_string(),
            province_id: Some(p.id),
            before: None,
            after: Some(json!({ "number": number, "submittedOn": new.submitted_on,
                                "nominations": sent.iter().map(|n| n.id).collect::<Vec<_>>() })),
        },
    );
    Ok(Ok((proposal, sent)))
}

/// `recordCentralDecision`: the board records the central decision on nominations it sent
/// up: a decision in the central body's name, an award (with its reward money) for each
/// nominee it rewarded, REJECTED for those it did not.
pub async fn record_central_decision(
    work: &Work,
    viewer: &Viewer,
    new: CentralDecision,
) -> AppResult<Outcome<(decision::Model, Vec<award::Model>)>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ProposeUpward)?;
    let mut problems = Vec::new();
    let number = text::nfc(new.number.trim());
    problems.extend(super::checks::decision_number(&["number"], &number));
    let Some(issuer) = central_unit(txn, &text::nfc(new.issuer_code.trim())).await? else {
        return Ok(Err(vec![UserProblem::new(
            &["issuerCode"],
            crate::tr!(
                "A central decision is issued by TW-CHINH-PHU or TW-CHU-TICH-NUOC.",
                "Quyết định của Trung ương do TW-CHINH-PHU hoặc TW-CHU-TICH-NUOC ban hành."
            ),
            UserErrorCode::InvalidValue,
        )]));
    };
    if new.rewarded.is_empty() {
        problems.push(UserProblem::new(
            &["rewardedNominationIds"],
            crate::tr!(
                "A decision confers at least one award.",
                "Quyết định khen thưởng phải có ít nhất một đối tượng được khen thưởng."
            ),
            UserErrorCode::Required,
        ));
    }
    let year = new.signed_on.year();
    let duplicate = decision::Entity::find()
        .filter(decision::Column::IssuerUnitId.eq(issuer.id))
        .filter(decision::Column::SignedYear.eq(year))
        .filter(decision::Column::Number.eq(number.as_str()))
        .one(txn)
        .await?
        .is_some();
    if duplicate {
        let code = issuer.code.clone();
        problems.push(UserProblem::new(
            &["number"],
            crate::tr!(
                "{code} has issued {number} already in {year}.",
                "Đơn vị {code} đã ban hành quyết định số {number} trong năm {year}."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    let mut listed: Vec<i32> = new
        .rewarded
        .iter()
        .chain(&new.not_rewarded)
        .copied()
        .collect();
    listed.sort_unstable();
    let before = listed.len();
    listed.dedup();
    if listed.len() != before {
        problems.push(UserProblem::new(
            &["notRewardedNominationIds"],
            crate::tr!(
                "A nomination is listed twice.",
                "Có hồ sơ đề nghị được liệt kê hai lần."
            ),
            UserErrorCode::InvalidValue,
        ));
    }
    let mut rewarded = Vec::new();
    let mut refused = Vec::new();
    let lists = [
        ("rewardedNominationIds", &new.rewarded, true),
        ("notRewardedNominationIds", &new.not_rewarded, false),
    ];
    for (name, ids, rewards) in lists {
        for (i, id) in ids.iter().enumerate() {
            let index = i.to_string();
            let field = [name, index.as_str()];
            let Some((n, t)) = reach(work, viewer, *id).await? else {
                problems.push(no_such(&field));
                continue;
            };
            if n.status != Status::ProposedUpward {
                problems.push(wrong_status(&field, &n, Status::ProposedUpward));
            }
            if rewards {
                if central_body(&t) != issuer.code {
                    let (award, body) = (t.name.clone(), central_body(&t));
                    problems.push(UserProblem::new(
                        &field,
                        crate::tr!(
                            "{award} is decided by {body}, not by this issuer.",
                            "{award} do {body} quyết định, không phải cơ quan này."
                        ),
                        UserErrorCode::NotCompetent,
                    ));
                }
                rewarded.push((n, t));
            } else {
                refused.push(n);
            }
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = Utc::now();
    let decision = decision::ActiveModel {
        number: Set(number.clone()),
        issuer_unit_id: Set(issuer.id),
        signed_on: Set(new.signed_on),
        signed_year: Set(year),
        signer_name: Set(text::nfc(new.signer_name.trim())),
        signer_title: Set(text::nfc(new.signer_title.trim())),
        province_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut awards = Vec::new();
    for (n, t) in rewarded {
        let recipient = recipient_of_row(txn, n.recipient_person_id, n.recipient_unit_id).await?;
        let (person_id, unit_id, name, kind) = match &recipient {
            Recipient::Person(p) => (Some(p.id), None, p.full_name.clone(), "INDIVIDUAL"),
            Recipient::Unit(u) => (None, Some(u.id), u.name.clone(), "COLLECTIVE"),
        };
        let amount = super::money::amount_for(txn, t.id, kind, new.signed_on).await?;
        let award = award::ActiveModel {
            award_type_id: Set(t.id),
            recipient_person_id: Set(person_id),
            recipient_unit_id: Set(unit_id),
            recipient_name: Set(name),
            year: Set(n.year),
            commendation_kind: Set(n.commendation_kind),
            decision_id: Set(Some(decision.id)),
            nomination_id: Set(Some(n.id)),
            province_id: Set(n.province_id),
            created_at: Set(now),
            amount: Set(amount),
            recipient_category: Set(Some(super::category::of(&recipient))),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut row: nomination::ActiveModel = n.clone().into();
        row.status = Set(Status::Decided);
        row.decision_id = Set(Some(decision.id));
        row.version = Set(n.version + 1);
        row.updated_at = Set(now);
        let row = row.update(txn).await?;
        event(
            work,
            viewer,
            &row,
            Some(n.status),
            Status::Decided,
            Some(format!("Quyết định số {number} của {}", issuer.name)),
        )
        .await?;
        awards.push(award);
    }
    for n in refused {
        let mut row: nomination::ActiveModel = n.clone().into();
        row.status = Set(Status::Rejected);
        row.version = Set(n.version + 1);
        row.updated_at = Set(now);
        let row = row.update(txn).await?;
        event(
            work,
            viewer,
            &row,
            Some(n.status),
            Status::Rejected,
            Some(format!(
                "Không được khen thưởng tại Quyết định số {number} của {}",
                issuer.name
            )),
        )
        .await?;
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "recordCentralDecision",
            object_type: "Decision",
            object_id: decision.number.clone(),
            province_id: awards.first().and_then(|a| a.province_id),
            before: None,
            after: Some(json!({ "number": decision.number, "issuer": issuer.code,
                                "signedOn": decision.signed_on,
                                "awards": awards.iter().map(|a| a.id).collect::<Vec<_>>() })),
        },
    );
    Ok(Ok((decision, awards)))
}
