//! Nominations and decisions (shared/DOMAIN.md, "Nominations and decisions"), as domain
//! operations on the caller's transaction:
//! DRAFT → SUBMITTED → (RETURNED → SUBMITTED) → APPROVED or REJECTED → DECIDED, or WITHDRAWN
//! by its author before a decision. Every transition is an event of the nomination's
//! history and an audit record; a decision creates one award per nomination, all or none.

use chrono::{Datelike, Utc};
use entity::{
    award, award_type, decision,
    enums::{Conferrer, NominationStatus as Status},
    nomination, nomination_event, person, unit,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::{
    eligibility::{self, Recipient},
    live::NominationEvent,
};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppError, AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::store as organisation,
    text,
    work::Work,
};

/// The statuses in which a nomination is open (it blocks another for the same award, year
/// and recipient).
pub const OPEN: [Status; 4] = [
    Status::Draft,
    Status::Submitted,
    Status::Returned,
    Status::Approved,
];

/// A step of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Submit,
    Return,
    Approve,
    Reject,
    Withdraw,
}

impl Step {
    /// The statuses the step starts from, and the one it leads to.
    pub fn path(self) -> (&'static [Status], Status) {
        match self {
            Step::Submit => (&[Status::Draft, Status::Returned], Status::Submitted),
            Step::Return => (&[Status::Submitted], Status::Returned),
            Step::Approve => (&[Status::Submitted], Status::Approved),
            Step::Reject => (&[Status::Submitted], Status::Rejected),
            Step::Withdraw => (
                &[
                    Status::Draft,
                    Status::Submitted,
                    Status::Returned,
                    Status::Approved,
                ],
                Status::Withdrawn,
            ),
        }
    }

    fn action(self) -> &'static str {
        match self {
            Step::Submit => "submitNomination",
            Step::Return => "returnNomination",
            Step::Approve => "approveNomination",
            Step::Reject => "rejectNomination",
            Step::Withdraw => "withdrawNomination",
        }
    }
}

/// The API's name of a status.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Draft => "DRAFT",
        Status::Submitted => "SUBMITTED",
        Status::Returned => "RETURNED",
        Status::Approved => "APPROVED",
        Status::Rejected => "REJECTED",
        Status::Decided => "DECIDED",
        Status::Withdrawn => "WITHDRAWN",
        Status::ProposedUpward => "PROPOSED_UPWARD",
    }
}

/// The recipient of a nomination or award row.
pub async fn recipient_of_row<C: ConnectionTrait>(
    db: &C,
    person_id: Option<i32>,
    unit_id: Option<i32>,
) -> AppResult<Recipient> {
    if let Some(id) = person_id {
        let p = person::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::not_found(crate::tr!("person", "cá nhân")))?;
        return Ok(Recipient::Person(p));
    }
    let id = unit_id
        .ok_or_else(|| AppError::not_found(crate::tr!("recipient", "đối tượng khen thưởng")))?;
    let u = unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("unit", "đơn vị")))?;
    Ok(Recipient::Unit(u))
}

/// The authorization target of a recipient: its unit (a person's unit) and province.
pub async fn recipient_target<C: ConnectionTrait>(
    db: &C,
    recipient: &Recipient,
) -> AppResult<(unit::Model, Target)> {
    let home = match recipient {
        Recipient::Unit(u) => u.clone(),
        Recipient::Person(p) => unit::Entity::find_by_id(p.unit_id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::not_found(crate::tr!("unit", "đơn vị")))?,
    };
    let target = target::of_unit(&Through(db), &home).await?;
    Ok((home, target))
}

/// The decider's action for an award type: the unit's head confers grassroots awards (its
/// officers decide, for the unit's people and sub-units); anything wider needs the board.
pub fn decide_action(award_type: &award_type::Model) -> Action {
    if award_type.conferrer == Conferrer::UnitHead {
        Action::DecideUnitAward
    } else {
        Action::DecideProvincialAward
    }
}

/// Writes a transition into `n`'s history and notes its live event for the commit.
pub(super) async fn event(
    work: &Work,
    viewer: &Viewer,
    n: &nomination::Model,
    from: Option<Status>,
    to: Status,
    comment: Option<String>,
) -> AppResult<()> {
    let txn = work.txn();
    nomination_event::ActiveModel {
        nomination_id: Set(n.id),
        from_status: Set(from),
        to_status: Set(to),
        actor_user_id: Set(viewer.user_id),
        comment: Set(comment),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    publish(work, n).await?;
    if matches!(to, Status::Decided | Status::Rejected | Status::Withdrawn) {
        crate::dossiers::settle(work, viewer, n).await?;
    }
    Ok(())
}

/// Publishes `n` on `nominationUpdated` for the units it concerns, once the write commits
/// (a transition, or a change of the dossier it is in).
pub async fn publish(work: &Work, n: &nomination::Model) -> AppResult<()> {
    work.publish(NominationEvent {
        nomination_id: n.id,
        unit_ids: units_of(work.txn(), n).await?,
    });
    Ok(())
}

/// The units a nomination concerns: its proposer and its recipient's unit.
async fn units_of<C: ConnectionTrait>(db: &C, n: &nomination::Model) -> AppResult<Vec<i32>> {
    let mut ids: Vec<i32> = n
        .proposed_by_unit_id
        .into_iter()
        .chain(n.recipient_unit_id)
        .collect();
    if let Some(p) = n.recipient_person_id {
        if let Some(p) = person::Entity::find_by_id(p).one(db).await? {
            ids.push(p.unit_id);
        }
    }
    Ok(ids)
}

fn record(
    work: &Work,
    viewer: &Viewer,
    action: &'static str,
    n: &nomination::Model,
    before: Option<Status>,
    comment: Option<&str>,
) {
    work.audit(
        viewer,
        AuditEntry {
            action,
            object_type: "Nomination",
            object_id: n.id.to_string(),
            province_id: n.province_id,
            before: before.map(|s| json!({ "status": status_name(s) })),
            after: Some(json!({ "status": status_name(n.status), "comment": comment })),
        },
    );
}

/// A new nomination.
#[derive(Debug, Clone)]
pub struct NewNomination {
    pub award_type_code: String,
    pub recipient: Recipient,
    pub year: i32,
    pub kind: entity::enums::CommendationKind,
    pub achievements: String,
    pub basis: Option<String>,
    pub justification: Option<String>,
}

/// `createNomination`: for the unit, its people and sub-units (its officers) or anything
/// of the province (the board). Runs the eligibility check and keeps its report.
pub async fn create(
    work: &Work,
    viewer: &Viewer,
    new: NewNomination,
) -> AppResult<Outcome<nomination::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::CreateNomination)?;
    let Some(award_type) = award_type::Entity::find()
        .filter(award_type::Column::Code.eq(text::nfc(&new.award_type_code)))
        .one(txn)
        .await?
    else {
        let code = &new.award_type_code;
        return Ok(Err(vec![UserProblem::new(
            &["awardTypeCode"],
            crate::tr!(
                "No award type has code {code}.",
                "Không có loại khen thưởng nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )]));
    };
    let (home, target) = recipient_target(txn, &new.recipient).await?;
    access::authorize(viewer, Action::CreateNomination, &target)?;
    let mut problems =
        super::checks::award_problems(txn, &award_type, &new.recipient, new.year).await?;
    let achievements = text::nfc(&new.achievements);
    if achievements.trim().is_empty() {
        problems.push(UserProblem::new(
            &["achievements"],
            crate::tr!(
                "A nomination states the achievements.",
                "Hồ sơ đề nghị khen thưởng phải nêu thành tích."
            ),
            UserErrorCode::Required,
        ));
    }
    let (person_id, unit_id) = match &new.recipient {
        Recipient::Person(p) => (Some(p.id), None),
        Recipient::Unit(u) => (None, Some(u.id)),
    };
    let open = open_nomination(txn, award_type.id, person_id, unit_id, new.year).await?;
    if let Some(open) = &open {
        let (name, year) = (&award_type.name, new.year);
        let message = match open.recipient_unit_id.filter(|u| Some(*u) != unit_id) {
            None => crate::tr!(
                "The recipient has an open nomination for {name} {year} already.",
                "Đối tượng này đã có một hồ sơ đề nghị {name} năm {year} đang được xử lý."
            ),
            Some(other) => {
                let other = unit::Entity::find_by_id(other).one(txn).await?;
                let (code, unit) = other.map(|u| (u.code, u.name)).unwrap_or_default();
                crate::tr!(
                    "{unit} ({code}), whose achievement of {year} is this unit's through a reorganisation, has an open nomination for {name} {year} already.",
                    "Đơn vị {unit} ({code}), có thành tích năm {year} gắn với đơn vị này qua việc sắp xếp lại đơn vị, đã có một hồ sơ đề nghị {name} năm {year} đang được xử lý."
                )
            }
        };
        problems.push(UserProblem::new(
            &["recipientId"],
            message,
            UserErrorCode::Duplicate,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let report = eligibility::report(txn, viewer, &award_type, &new.recipient, new.year).await?;
    let now = Utc::now();
    let row = nomination::ActiveModel {
        award_type_id: Set(award_type.id),
        recipient_person_id: Set(person_id),
        recipient_unit_id: Set(unit_id),
        year: Set(new.year),
        commendation_kind: Set(new.kind),
        proposed_by_unit_id: Set(Some(viewer.unit_id.unwrap_or(home.id))),
        status: Set(Status::Draft),
        achievements: Set(achievements),
        basis: Set(new.basis.map(|b| text::nfc(&b))),
        justification: Set(new
            .justification
            .map(|j| text::nfc(&j))
            .filter(|j| !j.trim().is_empty())),
        eligibility_report: Set(Some(report_json(&report))),
        province_id: Set(home.province_id),
        created_by_user_id: Set(viewer.user_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    event(work, viewer, &row, None, Status::Draft, None).await?;
    record(work, viewer, "createNomination", &row, None, None);
    Ok(Ok(row))
}

/// The stored form of a report: its verdict, its checks (with their parts, legal basis and
/// the rule versions used) and the list of those versions.
pub fn report_json(report: &eligibility::Report) -> String {
    fn check_json(c: &super::rules::Check) -> serde_json::Value {
        json!({ "rule": c.rule, "status": c.status.name(), "passed": c.passed(),
                "detail": c.detail, "detailEn": c.detail_en, "source": c.source,
                "ruleKey": c.rule_key, "ruleVersion": c.rule_version,
                "parts": c.parts.iter().map(check_json).collect::<Vec<_>>() })
    }
    json!({
        "verdict": report.verdict.name(),
        "eligible": report.eligible(),
        "checks": report.checks.iter().map(check_json).collect::<Vec<_>>(),
        "rules": report.rule_versions().iter().map(|(k, v)| json!({ "key": k, "version": v })).collect::<Vec<_>>(),
    })
    .to_string()
}

/// A report as [`report_json`] stored it; one stored before verdicts existed reads as its
/// `eligible` and `passed` said.
pub fn stored_report(stored: &serde_json::Value) -> Option<eligibility::Report> {
    use super::{eligibility::Verdict, rules::CheckStatus};
    fn check_of(c: &serde_json::Value) -> super::rules::Check {
        let text = |k: &str| c[k].as_str().map(str::to_owned);
        super::rules::Check {
            rule: text("rule").unwrap_or_default(),
            status: c["status"]
                .as_str()
                .and_then(CheckStatus::from_name)
                .unwrap_or_else(|| {
                    CheckStatus::from_passed(c["passed"].as_bool().unwrap_or(false))
                }),
            detail: text("detail").unwrap_or_default(),
            detail_en: text("detailEn").unwrap_or_default(),
            parts: c["parts"]
                .as_array()
                .map(|parts| parts.iter().map(check_of).collect())
                .unwrap_or_default(),
            source: text("source"),
            rule_key: text("ruleKey"),
            rule_version: c["ruleVersion"]
                .as_i64()
                .and_then(|v| i32::try_from(v).ok()),
        }
    }
    let checks: Vec<super::rules::Check> =
        stored["checks"].as_array()?.iter().map(check_of).collect();
    let verdict = stored["verdict"]
        .as_str()
        .and_then(Verdict::from_name)
        .unwrap_or_else(|| {
            if stored["eligible"].as_bool().unwrap_or(false) {
                Verdict::Eligible
            } else {
                Verdict::of(&checks)
            }
        });
    Some(eligibility::Report { verdict, checks })
}

/// Who may take `step` on `n`: its author side for submit and withdraw, the decider for the
/// rest.
async fn authorize_step(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    step: Step,
    n: &nomination::Model,
    award_type: &award_type::Model,
) -> AppResult<()> {
    let recipient = recipient_of_row(txn, n.recipient_person_id, n.recipient_unit_id).await?;
    let (_, target) = recipient_target(txn, &recipient).await?;
    match step {
        Step::Submit => access::authorize(viewer, Action::CreateNomination, &target),
        Step::Withdraw => {
            let author = viewer.user_id.is_some() && viewer.user_id == n.created_by_user_id;
            let proposer = viewer.unit_id.is_some() && viewer.unit_id == n.proposed_by_unit_id;
            if author || proposer {
                return Ok(());
            }
            let target = match n.proposed_by_cluster_year_id {
                Some(year) => target::with_proposing_head(
                    target,
                    entity::cluster_year::Entity::find_by_id(year)
                        .one(txn)
                        .await?
                        .and_then(|y| y.head_unit_id),
                ),
                None => target,
            };
            access::authorize(viewer, Action::CreateNomination, &target)
        }
        Step::Return | Step::Approve | Step::Reject => {
            access::authorize(viewer, decide_action(award_type), &target)
        }
    }
}

/// The problem of a nomination that does not exist or that the viewer may not read: the
/// same answer for both, so that a refusal tells nothing of a nomination out of sight.
fn no_such_nomination(field: &[&str]) -> UserProblem {
    UserProblem::new(
        field,
        crate::tr!(
            "No such nomination.",
            "Không tìm thấy hồ sơ đề nghị khen thưởng này."
        ),
        UserErrorCode::NotFound,
    )
}

/// `FORBIDDEN` unless `viewer` has some right to take `step` (on anything).
fn require_step_rights(viewer: &Viewer, step: Step) -> AppResult<()> {
    match step {
        Step::Submit | Step::Withdraw => access::require_some(viewer, Action::CreateNomination),
        Step::Return | Step::Approve | Step::Reject => require_decider(viewer),
    }
}

/// `FORBIDDEN` unless `viewer` decides some awards.
fn require_decider(viewer: &Viewer) -> AppResult<()> {
    access::require_some(viewer, Action::DecideUnitAward)
        .or_else(|_| access::require_some(viewer, Action::DecideProvincialAward))
}

/// Separation of duties: the account that drafted or submitted a nomination does not decide
/// it. A cluster's proposal is the cluster's (its finalized ranking is its vote), whoever
/// finalized it.
async fn own_nomination(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    n: &nomination::Model,
) -> AppResult<Option<UserProblem>> {
    let Some(me) = viewer.user_id else {
        return Ok(None);
    };
    if n.proposed_by_cluster_year_id.is_some() {
        return Ok(None);
    }
    let drafted = n.created_by_user_id == Some(me);
    let submitted = nomination_event::Entity::find()
        .filter(nomination_event::Column::NominationId.eq(n.id))
        .all(txn)
        .await?
        .iter()
        .any(|e| e.to_status == Status::Submitted && e.actor_user_id == Some(me));
    Ok((drafted || submitted).then(|| {
        UserProblem::new(
            &["id"],
            crate::tr!(
                "You drafted or submitted this nomination: another officer decides it.",
                "Bạn đã lập hoặc trình hồ sơ đề nghị này: việc xét duyệt do cán bộ khác thực hiện."
            ),
            UserErrorCode::SeparationOfDuties,
        )
    }))
}

/// Takes `step` on nomination `id`, with `comment` (a reason for returning and rejecting; a
/// justification when submitting a nomination that fails its checks).
pub async fn take(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    step: Step,
    comment: Option<String>,
) -> AppResult<Outcome<nomination::Model>> {
    let txn = work.txn();
    // Rights before state: a viewer without any right to the step is refused before the
    // nomination is looked up, and one it may not read answers as one that does not exist.
    require_step_rights(viewer, step)?;
    let scope = access::nomination_scope(txn, viewer).await?;
    let Some(current) = scope.find(txn, id).await?.map(access::Seen::into_inner) else {
        return Ok(Err(vec![no_such_nomination(&["id"])]));
    };
    let award_type = award_type::Entity::find_by_id(current.award_type_id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("award type", "loại khen thưởng")))?;
    authorize_step(txn, viewer, step, &current, &award_type).await?;
    let (from, to) = step.path();
    if !from.contains(&current.status) {
        let wanted: Vec<&str> = from.iter().map(|s| status_name(*s)).collect();
        let status = status_name(current.status);
        let (wanted_en, wanted_vi) = (wanted.join(" or "), wanted.join(" hoặc "));
        return Ok(Err(vec![UserProblem::new(
            &[],
            crate::tr!(
                "The nomination is {status}; this needs {wanted_en}.",
                "Hồ sơ đề nghị đang ở trạng thái {status}; thao tác này chỉ thực hiện được khi hồ sơ ở trạng thái {wanted_vi}."
            ),
            UserErrorCode::WrongState,
        )]));
    }
    if matches!(step, Step::Approve | Step::Reject) {
        if let Some(problem) = own_nomination(txn, viewer, &current).await? {
            return Ok(Err(vec![problem]));
        }
    }
    if step == Step::Approve && award_type.level == entity::enums::AwardLevel::Provincial {
        let policy = super::policy::current(txn, current.province_id).await?;
        if let Some(problem) = crate::council::vote_allows(txn, &policy, &current).await? {
            return Ok(Err(vec![problem]));
        }
    }
    let comment = comment
        .map(|c| text::nfc(&c))
        .filter(|c| !c.trim().is_empty());
    if matches!(step, Step::Submit | Step::Approve) {
        // An award the recipient (or a unit whose achievement of the year it is) holds
        // meanwhile makes the nomination one no decision can confer.
        let recipient =
            recipient_of_row(txn, current.recipient_person_id, current.recipient_unit_id).await?;
        if let Some(d) =
            super::checks::already_held(txn, &award_type, &recipient, current.year).await?
        {
            return Ok(Err(vec![d]));
        }
    }
    let mut row: nomination::ActiveModel = current.clone().into();
    if matches!(step, Step::Return | Step::Reject) && comment.is_none() {
        return Ok(Err(vec![UserProblem::new(
            &["reason"],
            crate::tr!(
                "Returning or rejecting a nomination needs a reason.",
                "Khi trả lại hoặc không phê duyệt hồ sơ đề nghị phải nêu lý do."
            ),
            UserErrorCode::Required,
        )]));
    }
    if step == Step::Submit {
        let recipient =
            recipient_of_row(txn, current.recipient_person_id, current.recipient_unit_id).await?;
        let report =
            eligibility::report(txn, viewer, &award_type, &recipient, current.year).await?;
        let justification = comment.clone().or(current.justification.clone());
        // A report that fails needs a written justification; one that is incomplete goes to
        // the council as it is, which judges what the data could not.
        if report.verdict == eligibility::Verdict::NotEligible && justification.is_none() {
            let failed: Vec<_> = report.checks.iter().flat_map(|c| c.failures()).collect();
            let failed_en = failed
                .iter()
                .map(|c| c.detail_en.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            let failed_vi = failed
                .iter()
                .map(|c| c.detail.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            return Ok(Err(vec![UserProblem::new(
                &["justification"],
                crate::tr!(
                    "The eligibility check fails ({failed_en}): submit it with a written justification.",
                    "Kết quả kiểm tra tiêu chuẩn khen thưởng chưa đạt ({failed_vi}): muốn trình hồ sơ, hãy kèm văn bản giải trình."
                ),
                UserErrorCode::RuleNotMet,
            )]));
        }
        row.eligibility_report = Set(Some(report_json(&report)));
        row.justification = Set(justification);
    }
    row.status = Set(to);
    row.version = Set(current.version + 1);
    row.updated_at = Set(Utc::now());
    let row = row.update(txn).await?;
    event(
        work,
        viewer,
        &row,
        Some(current.status),
        to,
        comment.clone(),
    )
    .await?;
    record(
        work,
        viewer,
        step.action(),
        &row,
        Some(current.status),
        comment.as_deref(),
    );
    Ok(Ok(row))
}

/// A decision to issue.
#[derive(Debug, Clone)]
pub struct NewDecision {
    pub number: String,
    pub issuer_code: String,
    pub signed_on: chrono::NaiveDate,
    pub signer_name: String,
    pub signer_title: String,
    pub nomination_ids: Vec<i32>,
}

/// `issueDecision`: the decision and one award per nomination, in one transaction, all or
/// nothing. The number is unique per issuer per year of signing and shaped `{n}/QĐ-{issuer}`;
/// the issuer is competent for every award in it and the viewer signs for it
/// ([`super::competence`]). A unit's officers
/// decide the awards their head confers, for the unit's people and sub-units; anything
/// wider needs the board. Every nomination must be APPROVED.
pub async fn issue_decision(
    work: &Work,
    viewer: &Viewer,
    new: NewDecision,
) -> AppResult<Outcome<(decision::Model, Vec<award::Model>)>> {
    let txn = work.txn();
    require_decider(viewer)?;
    let scope = access::nomination_scope(txn, viewer).await?;
    let mut problems = Vec::new();
    let number = text::nfc(&new.number);
    problems.extend(super::checks::decision_number(&["number"], &number));
    let Some(issuer) = organisation::find_unit(txn, &text::nfc(&new.issuer_code)).await? else {
        let code = &new.issuer_code;
        return Ok(Err(vec![UserProblem::new(
            &["issuerCode"],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        )]));
    };
    problems.extend(super::competence::issuer_problems(&issuer, new.signed_on));
    if !super::competence::can_sign(txn, viewer, issuer.id).await? {
        problems.push(super::competence::cannot_sign(&issuer));
    }
    if new.nomination_ids.is_empty() {
        problems.push(UserProblem::new(
            &["nominationIds"],
            crate::tr!(
                "A decision confers at least one award.",
                "Quyết định khen thưởng phải có ít nhất một đối tượng được khen thưởng."
            ),
            UserErrorCode::Required,
        ));
    }
    if decision::Entity::find()
        .filter(decision::Column::IssuerUnitId.eq(issuer.id))
        .filter(decision::Column::SignedYear.eq(new.signed_on.year()))
        .filter(decision::Column::Number.eq(number.as_str()))
        .one(txn)
        .await?
        .is_some()
    {
        let (issuer_code, year) = (&issuer.code, new.signed_on.year());
        problems.push(UserProblem::new(
            &["number"],
            crate::tr!(
                "{issuer_code} has issued {number} already in {year}.",
                "Đơn vị {issuer_code} đã ban hành quyết định số {number} trong năm {year}."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    let mut nominations = Vec::new();
    for (i, id) in new.nomination_ids.iter().enumerate() {
        let index = i.to_string();
        let Some(n) = scope.find(txn, *id).await?.map(access::Seen::into_inner) else {
            problems.push(no_such_nomination(&["nominationIds", &index]));
            continue;
        };
        let award_type = award_type::Entity::find_by_id(n.award_type_id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::not_found(crate::tr!("award type", "loại khen thưởng")))?;
        let recipient = recipient_of_row(txn, n.recipient_person_id, n.recipient_unit_id).await?;
        let (_, target) = recipient_target(txn, &recipient).await?;
        let action = decide_action(&award_type);
        access::authorize(viewer, action, &target)?;
        if action == Action::DecideUnitAward
            && access::scopes(viewer, action) == vec![access::Scope::Unit]
            && viewer.unit_id != Some(issuer.id)
        {
            problems.push(UserProblem::new(
                &["issuerCode"],
                crate::tr!(
                    "A unit's officers issue decisions in their own unit's name.",
                    "Cán bộ đơn vị chỉ được ban hành quyết định nhân danh đơn vị mình."
                ),
                UserErrorCode::RuleNotMet,
            ));
        }
        if n.status != Status::Approved {
            let (nomination, status) = (n.id, status_name(n.status));
            problems.push(UserProblem::new(
                &["nominationIds", &index],
                crate::tr!(
                    "Nomination {nomination} is {status}; a decision needs APPROVED.",
                    "Hồ sơ đề nghị {nomination} đang ở trạng thái {status}; chỉ hồ sơ ở trạng thái APPROVED mới được ra quyết định."
                ),
                UserErrorCode::WrongState,
            ));
        }
        if new.nomination_ids[..i].contains(id) {
            problems.push(UserProblem::new(
                &["nominationIds", &index],
                crate::tr!("Listed twice.", "Được liệt kê hai lần."),
                UserErrorCode::InvalidValue,
            ));
        }
        if let Some(mut d) =
            super::checks::already_held(txn, &award_type, &recipient, n.year).await?
        {
            d.field = vec!["nominationIds".into(), index.clone()];
            problems.push(d);
        }
        problems.extend(
            super::competence::problems(
                txn,
                &issuer,
                new.signed_on,
                &award_type,
                &recipient,
                n.year,
                &["nominationIds", &index],
            )
            .await?,
        );
        nominations.push((n, recipient, award_type));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = Utc::now();
    let decision = decision::ActiveModel {
        number: Set(number),
        issuer_unit_id: Set(issuer.id),
        signed_on: Set(new.signed_on),
        signed_year: Set(new.signed_on.year()),
        signer_name: Set(text::nfc(&new.signer_name)),
        signer_title: Set(text::nfc(&new.signer_title)),
        province_id: Set(issuer.province_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut awards = Vec::new();
    for (i, (n, recipient, award_type)) in nominations.into_iter().enumerate() {
        // Two nominations of one decision may be for one achievement (a unit and its
        // predecessor): the awards written before this one count.
        if let Some(mut d) =
            super::checks::already_held(txn, &award_type, &recipient, n.year).await?
        {
            d.field = vec!["nominationIds".into(), i.to_string()];
            problems.push(d);
            continue;
        }
        let (person_id, unit_id, name) = match &recipient {
            Recipient::Person(p) => (Some(p.id), None, p.full_name.clone()),
            Recipient::Unit(u) => (None, Some(u.id), u.name.clone()),
        };
        let kind = if person_id.is_some() {
            "INDIVIDUAL"
        } else {
            "COLLECTIVE"
        };
        let amount =
            super::money::amount_for(txn, n.award_type_id, kind, decision.signed_on).await?;
        let award = award::ActiveModel {
            award_type_id: Set(n.award_type_id),
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
            Some(format!("Quyết định số {}", decision.number)),
        )
        .await?;
        awards.push(award);
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    work.audit(viewer, AuditEntry {
        action: "issueDecision",
        object_type: "Decision",
        object_id: decision.number.clone(),
        province_id: decision.province_id,
        before: None,
        after: Some(json!({ "number": decision.number, "issuer": issuer.code, "signedOn": decision.signed_on, "awards": awards.iter().map(|a| a.id).collect::<Vec<_>>() })),
    });
    Ok(Ok((decision, awards)))
}

/// The open nomination for `award_type_id` and `year` of a recipient (a person or a unit),
/// or of a unit whose achievement of the year is the recipient unit's (a predecessor or
/// successor, as [`super::checks::held_for_year`] follows the lineage): the recipient's own
/// first, then the nearest. One achievement has one open nomination at a time.
pub async fn open_nomination<C: ConnectionTrait>(
    db: &C,
    award_type_id: i32,
    person_id: Option<i32>,
    unit_id: Option<i32>,
    year: i32,
) -> AppResult<Option<nomination::Model>> {
    let same_achievement = match (person_id, unit_id) {
        (None, Some(u)) => super::checks::same_achievement_units(db, u, year).await?,
        _ => Vec::new(),
    };
    let open = nomination::Entity::find()
        .filter(nomination::Column::AwardTypeId.eq(award_type_id))
        .filter(nomination::Column::Year.eq(year))
        .filter(nomination::Column::Status.is_in(OPEN))
        .filter(match (person_id, unit_id) {
            (Some(p), _) => nomination::Column::RecipientPersonId.eq(p),
            (None, Some(u)) => nomination::Column::RecipientUnitId
                .is_in(std::iter::once(u).chain(same_achievement.iter().copied())),
            _ => nomination::Column::Id.eq(-1),
        })
        .order_by_asc(nomination::Column::Id)
        .all(db)
        .await?;
    if person_id.is_some() {
        return Ok(open.into_iter().next());
    }
    Ok(std::iter::once(unit_id)
        .chain(same_achievement.into_iter().map(Some))
        .find_map(|u| open.iter().find(|n| n.recipient_unit_id == u))
        .cloned())
}

/// Whether `unit` (or a unit whose achievement of the year is its, see
/// [`super::checks::held_for_year`]) holds `award_type` for `year` already, or has a
/// nomination for it open: then it is not proposed again (one achievement is rewarded once).
pub async fn covered(
    txn: &DatabaseTransaction,
    award_type: i32,
    unit: i32,
    year: i32,
) -> AppResult<bool> {
    let Some(recipient) = unit::Entity::find_by_id(unit).one(txn).await? else {
        return Ok(false);
    };
    let held = super::checks::held_for_year(txn, award_type, &Recipient::Unit(recipient), year)
        .await?
        .is_some();
    Ok(held
        || open_nomination(txn, award_type, None, Some(unit), year)
            .await?
            .is_some())
}

/// A cluster year's proposal for one of its ranked members.
#[derive(Debug, Clone)]
pub struct ClusterProposal {
    pub award_type_id: i32,
    pub unit_id: i32,
    pub year: i32,
    pub cluster_year_id: i32,
    pub head_unit_id: Option<i32>,
    pub province_id: Option<i32>,
    pub achievements: String,
    pub basis: String,
    pub comment: String,
}

/// Creates a cluster year's proposal, SUBMITTED at once: the finalized ranking is the
/// cluster's vote, authorized by the finalization that calls this.
pub async fn propose_for_cluster(
    work: &Work,
    viewer: &Viewer,
    p: ClusterProposal,
) -> AppResult<nomination::Model> {
    let txn = work.txn();
    let now = Utc::now();
    let row = nomination::ActiveModel {
        award_type_id: Set(p.award_type_id),
        recipient_unit_id: Set(Some(p.unit_id)),
        year: Set(p.year),
        commendation_kind: Set(entity::enums::CommendationKind::Regular),
        proposed_by_cluster_year_id: Set(Some(p.cluster_year_id)),
        proposed_by_unit_id: Set(p.head_unit_id),
        status: Set(Status::Submitted),
        achievements: Set(p.achievements),
        basis: Set(Some(p.basis)),
        province_id: Set(p.province_id),
        created_by_user_id: Set(viewer.user_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    event(work, viewer, &row, None, Status::Submitted, Some(p.comment)).await?;
    Ok(row)
}

/// Withdraws `n` for a reason the system gives (its ranking was reopened), with the event
/// in its history; authorized by the operation that calls this.
pub async fn withdraw_for(
    work: &Work,
    viewer: &Viewer,
    n: &nomination::Model,
    comment: String,
) -> AppResult<()> {
    let txn = work.txn();
    let mut row: nomination::ActiveModel = n.clone().into();
    row.status = Set(Status::Withdrawn);
    row.version = Set(n.version + 1);
    row.updated_at = Set(Utc::now());
    let row = row.update(txn).await?;
    event(
        work,
        viewer,
        &row,
        Some(n.status),
        Status::Withdrawn,
        Some(comment),
    )
    .await
}
