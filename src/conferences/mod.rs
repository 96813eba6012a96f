//! Conferences: advanced-model conferences (hội nghị điển hình tiên tiến) and patriotic
//! emulation congresses (đại hội thi đua yêu nước) that close an emulation period, with the
//! awards given there and the proposals sent up.

pub mod graphql;

use chrono::{NaiveDate, Utc};
use entity::{
    award, award_type, conference, conference_tally,
    enums::{ConferenceKind, TallyKind, TermKind},
    term,
};
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

/// How many collectives and individuals received, or were proposed for, an award.
#[derive(Debug, Clone)]
pub struct Tally {
    pub award_type_code: String,
    pub kind: TallyKind,
    pub collectives: i32,
    pub individuals: i32,
}

/// A conference to record.
#[derive(Debug, Clone)]
pub struct NewConference {
    pub kind: ConferenceKind,
    pub name: String,
    pub held_on: NaiveDate,
    pub host_unit_code: String,
    pub period_id: Option<i32>,
    pub summary: Option<String>,
    pub tallies: Vec<Tally>,
    pub award_ids: Vec<i32>,
}

/// `createConference`: records a conference of a unit (its officers, or the board), with the
/// awards given there (named awards by id, or tallies) and the proposals sent up.
pub async fn create(
    work: &Work,
    viewer: &Viewer,
    new: NewConference,
) -> AppResult<Outcome<conference::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(host) = organisation::find_unit(txn, &text::nfc(&new.host_unit_code)).await? else {
        let code = &new.host_unit_code;
        return Ok(Err(vec![UserProblem::new(
            &["hostUnitCode"],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        )]));
    };
    access::authorize(
        viewer,
        Action::WriteOrganisation,
        &target::of_unit(&Through(txn), &host).await?,
    )?;
    let name = text::nfc(&new.name);
    let mut problems: Vec<UserProblem> = rules::name("name", &name).into_iter().collect();
    if let Some(id) = new.period_id {
        match term::Entity::find_by_id(id).one(txn).await? {
            Some(t) if t.kind == TermKind::EmulationPeriod => {}
            Some(_) => problems.push(UserProblem::new(
                &["periodId"],
                crate::tr!(
                    "The period must be an emulation period.",
                    "Giai đoạn được chọn phải là một giai đoạn thi đua."
                ),
                UserErrorCode::InvalidValue,
            )),
            None => problems.push(UserProblem::new(
                &["periodId"],
                crate::tr!("No such period.", "Không tìm thấy giai đoạn này."),
                UserErrorCode::NotFound,
            )),
        }
    }
    let mut tallies = Vec::new();
    for (i, t) in new.tallies.iter().enumerate() {
        let index = i.to_string();
        let code = &t.award_type_code;
        match award_type::Entity::find()
            .filter(award_type::Column::Code.eq(text::nfc(&t.award_type_code)))
            .one(txn)
            .await?
        {
            Some(a) => tallies.push((a, t)),
            None => problems.push(UserProblem::new(
                &["tallies", &index, "awardTypeCode"],
                crate::tr!(
                    "No award type has code {code}.",
                    "Không có loại khen thưởng nào mã {code}."
                ),
                UserErrorCode::NotFound,
            )),
        }
        if t.collectives < 0 || t.individuals < 0 || t.collectives + t.individuals == 0 {
            problems.push(UserProblem::new(
                &["tallies", &index],
                crate::tr!(
                    "A tally counts at least one recipient and none below zero.",
                    "Mỗi dòng tổng hợp phải có ít nhất một đối tượng được khen thưởng và không có số âm."
                ),
                UserErrorCode::OutOfRange,
            ));
        }
    }
    let mut awards = Vec::new();
    for (i, id) in new.award_ids.iter().enumerate() {
        match award::Entity::find_by_id(*id).one(txn).await? {
            Some(a) => awards.push(a),
            None => problems.push(UserProblem::new(
                &["awardIds", &i.to_string()],
                crate::tr!("No such award.", "Không tìm thấy khen thưởng này."),
                UserErrorCode::NotFound,
            )),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = conference::ActiveModel {
        kind: Set(new.kind),
        name: Set(name),
        held_on: Set(new.held_on),
        host_unit_id: Set(host.id),
        term_id: Set(new.period_id),
        summary: Set(new.summary.map(|s| text::nfc(&s))),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (award_type, t) in &tallies {
        conference_tally::ActiveModel {
            conference_id: Set(row.id),
            award_type_id: Set(award_type.id),
            kind: Set(t.kind),
            collectives: Set(t.collectives),
            individuals: Set(t.individuals),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    for a in awards {
        let mut linked: award::ActiveModel = a.into();
        linked.conference_id = Set(Some(row.id));
        linked.update(txn).await?;
    }
    work.audit(viewer, AuditEntry {
        action: "createConference",
        object_type: "Conference",
        object_id: row.id.to_string(),
        province_id: host.province_id,
        before: None,
        after: Some(json!({ "name": row.name, "heldOn": row.held_on, "host": host.code, "tallies": tallies.iter().map(|(a, t)| json!({ "award": a.code, "kind": t.kind, "collectives": t.collectives, "individuals": t.individuals })).collect::<Vec<_>>() })),
    });
    Ok(Ok(row))
}
