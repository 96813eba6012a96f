//! The provincial council (Hội đồng Thi đua – Khen thưởng; shared/DOMAIN.md, "Dossiers, the
//! council and decisions"): the board records a session with its date, the members present,
//! an agenda of submitted dossiers and its minutes, then the vote on each nominee (for,
//! against, abstain). Where the province's policy requires it, a provincial award is
//! approved only with a recorded vote reaching the policy's threshold ([`vote_allows`]).
//!
//! [`graphql`] is the GraphQL face.

pub mod graphql;

use chrono::{NaiveDate, Utc};
use entity::{
    council_agenda, council_session, council_vote, dossier, enums::DossierStatus, nomination,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde_json::json;

use crate::{
    access::target::{self, Through},
    access::{self, Action, Viewer},
    audit::AuditEntry,
    awards::policy::Policy,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::rules,
    text,
    work::Work,
};

/// A session to record (`createCouncilSession`).
#[derive(Debug, Clone)]
pub struct NewSession {
    pub province_code: String,
    pub held_on: NaiveDate,
    pub body: String,
    /// The members present, by name.
    pub members: Vec<String>,
    /// The dossiers on the agenda (row ids).
    pub dossier_ids: Vec<i32>,
    pub minutes: Option<String>,
}

/// A vote to record (`recordCouncilVote`); recording again replaces it.
#[derive(Debug, Clone)]
pub struct NewVote {
    pub session_id: i32,
    pub nomination_id: i32,
    pub votes_for: i32,
    pub votes_against: i32,
    pub abstentions: i32,
}

/// The members present of a session.
pub fn members(session: &council_session::Model) -> Vec<String> {
    serde_json::from_str(&session.members).unwrap_or_default()
}

/// The most members a session records.
pub const MAX_MEMBERS: usize = 200;

/// `createCouncilSession`: the board of the province records a session.
pub async fn create_session(
    work: &Work,
    viewer: &Viewer,
    new: NewSession,
) -> AppResult<Outcome<council_session::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageCouncil)?;
    let p = match crate::organisation::store::province_for_write(txn, &new.province_code).await? {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    let target = target::of_province(&Through(txn), Some(p.id)).await?;
    access::authorize(viewer, Action::ManageCouncil, &target)?;
    let body = text::nfc(new.body.trim());
    let members: Vec<String> = new
        .members
        .iter()
        .map(|m| text::nfc(m.trim()))
        .filter(|m| !m.is_empty())
        .collect();
    let mut problems: Vec<UserProblem> =
        rules::year("heldOn", chrono::Datelike::year(&new.held_on))
            .into_iter()
            .collect();
    if body.is_empty() || body.chars().count() > rules::MAX_NAME_CHARS {
        let max = rules::MAX_NAME_CHARS;
        problems.push(UserProblem::new(
            &["body"],
            crate::tr!(
                "Name the council in 1 to {max} characters.",
                "Tên Hội đồng từ 1 đến {max} ký tự."
            ),
            UserErrorCode::Required,
        ));
    }
    if members.is_empty() || members.len() > MAX_MEMBERS {
        problems.push(UserProblem::new(
            &["members"],
            crate::tr!(
                "List the members present (1 to {MAX_MEMBERS}).",
                "Liệt kê thành viên có mặt (từ 1 đến {MAX_MEMBERS})."
            ),
            UserErrorCode::Required,
        ));
    }
    for (i, id) in new.dossier_ids.iter().enumerate() {
        let d = dossier::Entity::find_by_id(*id).one(txn).await?;
        let index = i.to_string();
        let fits =
            d.is_some_and(|d| d.status == DossierStatus::Submitted && d.province_id == Some(p.id));
        if !fits {
            problems.push(UserProblem::new(
                &["dossierIds", &index],
                crate::tr!(
                    "No submitted dossier of the province has this ID.",
                    "Không có hồ sơ đã trình nào của tỉnh mang ID này."
                ),
                UserErrorCode::NotFound,
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = council_session::ActiveModel {
        province_id: Set(p.id),
        held_on: Set(new.held_on),
        body: Set(body),
        members: Set(json!(members).to_string()),
        minutes: Set(new
            .minutes
            .map(|m| text::nfc(m.trim()))
            .filter(|m| !m.is_empty())),
        created_by_user_id: Set(viewer.user_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for id in &new.dossier_ids {
        council_agenda::ActiveModel {
            session_id: Set(row.id),
            dossier_id: Set(*id),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "createCouncilSession",
            object_type: "CouncilSession",
            object_id: row.id.to_string(),
            province_id: Some(p.id),
            before: None,
            after: Some(
                json!({ "heldOn": row.held_on, "body": row.body, "members": members,
                                "agenda": new.dossier_ids }),
            ),
        },
    );
    Ok(Ok(row))
}

/// `recordCouncilVote`: the vote of a session on a nominee of a dossier on its agenda.
pub async fn record_vote(
    work: &Work,
    viewer: &Viewer,
    new: NewVote,
) -> AppResult<Outcome<council_vote::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageCouncil)?;
    let Some(session) = council_session::Entity::find_by_id(new.session_id)
        .one(txn)
        .await?
    else {
        return Ok(Err(vec![UserProblem::new(
            &["sessionId"],
            crate::tr!("No such council session.", "Không tìm thấy phiên họp này."),
            UserErrorCode::NotFound,
        )]));
    };
    let target = target::of_province(&Through(txn), Some(session.province_id)).await?;
    access::authorize(viewer, Action::ManageCouncil, &target)?;
    let on_agenda: Vec<i32> = council_agenda::Entity::find()
        .filter(council_agenda::Column::SessionId.eq(session.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| a.dossier_id)
        .collect();
    let n = nomination::Entity::find_by_id(new.nomination_id)
        .one(txn)
        .await?
        .filter(|n| n.dossier_id.is_some_and(|d| on_agenda.contains(&d)));
    let Some(n) = n else {
        return Ok(Err(vec![UserProblem::new(
            &["nominationId"],
            crate::tr!(
                "The nomination is not in a dossier on the session's agenda.",
                "Hồ sơ đề nghị này không thuộc hồ sơ nào trong chương trình phiên họp."
            ),
            UserErrorCode::NotFound,
        )]));
    };
    let present = members(&session).len() as i32;
    let counts = [new.votes_for, new.votes_against, new.abstentions];
    if counts.iter().any(|c| *c < 0) || counts.iter().sum::<i32>() > present {
        return Ok(Err(vec![UserProblem::new(
            &["votesFor"],
            crate::tr!(
                "The votes are counts of the {present} members present, at most {present} in all.",
                "Số phiếu là số thành viên có mặt, tổng cộng tối đa {present}."
            ),
            UserErrorCode::OutOfRange,
        )]));
    }
    let existing = council_vote::Entity::find()
        .filter(council_vote::Column::SessionId.eq(session.id))
        .filter(council_vote::Column::NominationId.eq(n.id))
        .one(txn)
        .await?;
    let before = existing.as_ref().map(
        |v| json!({ "for": v.votes_for, "against": v.votes_against, "abstain": v.abstentions }),
    );
    let row = match existing {
        Some(v) => {
            let mut row: council_vote::ActiveModel = v.into();
            row.votes_for = Set(new.votes_for);
            row.votes_against = Set(new.votes_against);
            row.abstentions = Set(new.abstentions);
            row.recorded_by_user_id = Set(viewer.user_id);
            row.recorded_at = Set(Utc::now());
            row.update(txn).await?
        }
        None => {
            council_vote::ActiveModel {
                session_id: Set(session.id),
                nomination_id: Set(n.id),
                votes_for: Set(new.votes_for),
                votes_against: Set(new.votes_against),
                abstentions: Set(new.abstentions),
                recorded_by_user_id: Set(viewer.user_id),
                recorded_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(txn)
            .await?
        }
    };
    work.audit(
        viewer,
        AuditEntry {
            action: "recordCouncilVote",
            object_type: "Nomination",
            object_id: n.id.to_string(),
            province_id: Some(session.province_id),
            before,
            after: Some(json!({ "session": session.id, "for": row.votes_for,
                                "against": row.votes_against, "abstain": row.abstentions })),
        },
    );
    Ok(Ok(row))
}

/// Whether the latest recorded vote on nomination `n` reaches `policy`'s threshold (the
/// share of the members present who voted for), when the policy requires a vote; `Ok(None)`
/// when it does, `Ok(Some(problem))` when it does not.
pub async fn vote_allows<C: ConnectionTrait>(
    db: &C,
    policy: &Policy,
    n: &nomination::Model,
) -> Result<Option<UserProblem>, DbErr> {
    if !policy.council_vote_required {
        return Ok(None);
    }
    let threshold = policy.council_vote_threshold;
    let Some(vote) = council_vote::Entity::find()
        .filter(council_vote::Column::NominationId.eq(n.id))
        .order_by_desc(council_vote::Column::RecordedAt)
        .order_by_desc(council_vote::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(Some(UserProblem::new(
            &["id"],
            crate::tr!(
                "The province's policy asks a council vote of at least {threshold}% before approval: none is recorded.",
                "Quy định của tỉnh yêu cầu Hội đồng bỏ phiếu đạt từ {threshold}% trở lên trước khi xét duyệt: chưa có kết quả bỏ phiếu."
            ),
            UserErrorCode::RuleNotMet,
        )));
    };
    let present = council_session::Entity::find_by_id(vote.session_id)
        .one(db)
        .await?
        .map_or(0, |s| members(&s).len() as i32);
    if present > 0 && vote.votes_for * 100 >= threshold * present {
        return Ok(None);
    }
    let got = vote.votes_for;
    Ok(Some(UserProblem::new(
        &["id"],
        crate::tr!(
            "The council's vote ({got} of {present} for) is below the province's threshold of {threshold}%.",
            "Kết quả bỏ phiếu của Hội đồng ({got}/{present} phiếu đồng ý) chưa đạt tỷ lệ {threshold}% theo quy định của tỉnh."
        ),
        UserErrorCode::RuleNotMet,
    )))
}
