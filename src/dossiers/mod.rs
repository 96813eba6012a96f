//! Dossiers (hồ sơ đề nghị khen thưởng; shared/DOMAIN.md, "Dossiers, the council and
//! decisions"): a proposing unit sends one numbered submission letter (tờ trình) for many
//! nominees. The unit drafts it and fills it while DRAFT or RETURNED; submitting checks it is
//! complete and submits every nomination in it; the board returns it for completion and
//! assigns it to one of its officers. Each nomination keeps its own outcome (approved,
//! rejected, withdrawn) through `awards::workflow`. Every step is in the dossier's history,
//! with the officer who held it then.
//!
//! [`graphql`] is the GraphQL face.

pub mod attachments;
pub mod files;
pub mod graphql;

use chrono::{NaiveDate, Utc};
use entity::{
    app_user, dossier, dossier_event,
    enums::{CommendationKind, DossierStatus, NominationStatus, Role},
    nomination, unit,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{json, Value};

use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    awards::workflow::{self, Step},
    error::{AppError, AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::{self, rules},
    text,
    work::Work,
};

/// The API's name of a status.
pub fn status_name(status: DossierStatus) -> &'static str {
    match status {
        DossierStatus::Draft => "DRAFT",
        DossierStatus::Submitted => "SUBMITTED",
        DossierStatus::Returned => "RETURNED",
        DossierStatus::Decided => "DECIDED",
    }
}

/// A dossier to create (`createDossier`).
#[derive(Debug, Clone)]
pub struct NewDossier {
    pub proposing_unit_code: String,
    pub title: String,
    pub year: i32,
    pub kind: CommendationKind,
    pub letter: Letter,
}

/// The submission letter's particulars; each may be given at any time before submitting.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    pub number: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub signer_name: Option<String>,
}

/// A change of a dossier (`updateDossier`): the fields given change.
#[derive(Debug, Clone, Default)]
pub struct DossierChange {
    pub id: i32,
    pub title: Option<String>,
    pub kind: Option<CommendationKind>,
    pub letter: Letter,
}

fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| text::nfc(v.trim())).filter(|v| !v.is_empty())
}

fn no_such_dossier() -> Vec<UserProblem> {
    vec![UserProblem::new(
        &["id"],
        crate::tr!("No such dossier.", "Không tìm thấy hồ sơ này."),
        UserErrorCode::NotFound,
    )]
}

fn wrong_state(d: &dossier::Model, wanted: &[DossierStatus]) -> Option<Vec<UserProblem>> {
    if wanted.contains(&d.status) {
        return None;
    }
    let status = status_name(d.status);
    let names: Vec<&str> = wanted.iter().map(|s| status_name(*s)).collect();
    let (wanted_en, wanted_vi) = (names.join(" or "), names.join(" hoặc "));
    Some(vec![UserProblem::new(
        &[],
        crate::tr!(
            "The dossier is {status}; this needs {wanted_en}.",
            "Hồ sơ đang ở trạng thái {status}; thao tác này chỉ thực hiện được khi hồ sơ ở trạng thái {wanted_vi}."
        ),
        UserErrorCode::WrongState,
    )])
}

const EDITABLE: &[DossierStatus] = &[DossierStatus::Draft, DossierStatus::Returned];

fn summary(d: &dossier::Model) -> Value {
    json!({ "status": status_name(d.status), "title": d.title, "year": d.year,
            "kind": d.commendation_kind, "number": d.number, "submittedOn": d.submitted_on,
            "signerName": d.signer_name, "assignee": d.assignee_user_id, "version": d.version })
}

/// Writes a step of the history and the audit record, and publishes the dossier's
/// nominations on `nominationUpdated` (their `dossier` changed).
async fn record(
    work: &Work,
    viewer: &Viewer,
    action: &'static str,
    before: Option<&dossier::Model>,
    after: &dossier::Model,
    comment: Option<String>,
) -> AppResult<()> {
    dossier_event::ActiveModel {
        dossier_id: Set(after.id),
        action: Set(action.to_owned()),
        from_status: Set(before.map(|b| b.status)),
        to_status: Set(after.status),
        actor_user_id: Set(viewer.user_id),
        assignee_user_id: Set(after.assignee_user_id),
        comment: Set(comment),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(work.txn())
    .await?;
    for n in nominations_of(work.txn(), after.id).await? {
        workflow::publish(work, &n).await?;
    }
    work.audit(
        viewer,
        AuditEntry {
            action,
            object_type: "Dossier",
            object_id: after.id.to_string(),
            province_id: after.province_id,
            before: before.map(summary),
            after: Some(summary(after)),
        },
    );
    Ok(())
}

/// The problems of a dossier's texts and year.
fn field_problems(title: Option<&str>, year: Option<i32>, letter: &Letter) -> Vec<UserProblem> {
    let mut problems = Vec::new();
    if let Some(title) = title {
        if title.is_empty() || title.chars().count() > rules::MAX_NAME_CHARS {
            let max = rules::MAX_NAME_CHARS;
            problems.push(UserProblem::new(
                &["title"],
                crate::tr!(
                    "A title of 1 to {max} characters.",
                    "Trích yếu từ 1 đến {max} ký tự."
                ),
                UserErrorCode::Required,
            ));
        }
    }
    if let Some(year) = year {
        problems.extend(rules::year("year", year));
    }
    if let Some(number) = &letter.number {
        if number.chars().count() > 64 {
            problems.push(UserProblem::new(
                &["number"],
                crate::tr!("At most 64 characters.", "Tối đa 64 ký tự."),
                UserErrorCode::OutOfRange,
            ));
        }
    }
    if let Some(name) = &letter.signer_name {
        if name.chars().count() > rules::MAX_NAME_CHARS {
            let max = rules::MAX_NAME_CHARS;
            problems.push(UserProblem::new(
                &["signerName"],
                crate::tr!("At most {max} characters.", "Tối đa {max} ký tự."),
                UserErrorCode::OutOfRange,
            ));
        }
    }
    if let Some(day) = letter.submitted_on {
        problems.extend(rules::year("submittedOn", chrono::Datelike::year(&day)));
    }
    problems
}

/// `createDossier`: a DRAFT dossier of the proposing unit, for its officers (and those
/// above) or the board.
pub async fn create(
    work: &Work,
    viewer: &Viewer,
    new: NewDossier,
) -> AppResult<Outcome<dossier::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::CreateNomination)?;
    let Some(unit) =
        organisation::store::find_unit(txn, &text::nfc(new.proposing_unit_code.trim())).await?
    else {
        return Ok(Err(vec![UserProblem::new(
            &["proposingUnitCode"],
            crate::tr!("No such unit.", "Không tìm thấy đơn vị này."),
            UserErrorCode::NotFound,
        )]));
    };
    let target = target::of_unit(&Through(txn), &unit).await?;
    access::authorize(viewer, Action::CreateNomination, &target)?;
    let title = text::nfc(new.title.trim());
    let letter = Letter {
        number: clean(new.letter.number),
        submitted_on: new.letter.submitted_on,
        signer_name: clean(new.letter.signer_name),
    };
    let problems = field_problems(Some(&title), Some(new.year), &letter);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = Utc::now();
    let row = dossier::ActiveModel {
        province_id: Set(unit.province_id),
        proposing_unit_id: Set(unit.id),
        title: Set(title),
        year: Set(new.year),
        commendation_kind: Set(new.kind),
        number: Set(letter.number),
        submitted_on: Set(letter.submitted_on),
        signer_name: Set(letter.signer_name),
        status: Set(DossierStatus::Draft),
        assignee_user_id: Set(None),
        version: Set(1),
        created_by_user_id: Set(viewer.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    record(work, viewer, "createDossier", None, &row, None).await?;
    Ok(Ok(row))
}

/// The dossier `id` as `viewer` may reach it for `action` (locked for the rest of the
/// write): `None` when it does not exist or the viewer may not read it; `FORBIDDEN` when
/// it may read it but not do `action`.
async fn reach(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    action: Action,
) -> AppResult<Option<dossier::Model>> {
    let txn = work.txn();
    let scope = access::dossier_scope(txn, viewer).await?;
    if scope.find(txn, id).await?.is_none() {
        return Ok(None);
    }
    let Some(d) = dossier::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let target = match action {
        Action::ReviewDossiers => target::of_province(&Through(txn), d.province_id).await?,
        _ => target::of_unit_id(&Through(txn), d.proposing_unit_id).await?,
    };
    access::authorize(viewer, action, &target)?;
    Ok(Some(d))
}

/// Saves `row` as the next version of `before`.
async fn save(
    work: &Work,
    before: &dossier::Model,
    mut row: dossier::ActiveModel,
) -> AppResult<dossier::Model> {
    row.version = Set(before.version + 1);
    row.updated_at = Set(Utc::now());
    Ok(row.update(work.txn()).await?)
}

/// `updateDossier`: changes the title, kind or letter while DRAFT or RETURNED.
pub async fn update(
    work: &Work,
    viewer: &Viewer,
    change: DossierChange,
) -> AppResult<Outcome<dossier::Model>> {
    access::require_some(viewer, Action::CreateNomination)?;
    let Some(current) = reach(work, viewer, change.id, Action::CreateNomination).await? else {
        return Ok(Err(no_such_dossier()));
    };
    if let Some(problems) = wrong_state(&current, EDITABLE) {
        return Ok(Err(problems));
    }
    let title = change.title.map(|t| text::nfc(t.trim()));
    let letter = Letter {
        number: clean(change.letter.number),
        submitted_on: change.letter.submitted_on,
        signer_name: clean(change.letter.signer_name),
    };
    let problems = field_problems(title.as_deref(), None, &letter);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut row: dossier::ActiveModel = current.clone().into();
    if let Some(title) = title {
        row.title = Set(title);
    }
    if let Some(kind) = change.kind {
        row.commendation_kind = Set(kind);
    }
    if letter.number.is_some() {
        row.number = Set(letter.number);
    }
    if letter.submitted_on.is_some() {
        row.submitted_on = Set(letter.submitted_on);
    }
    if letter.signer_name.is_some() {
        row.signer_name = Set(letter.signer_name);
    }
    let row = save(work, &current, row).await?;
    record(work, viewer, "updateDossier", Some(&current), &row, None).await?;
    Ok(Ok(row))
}

/// The nominations of a dossier, oldest first.
pub async fn nominations_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    dossier_id: i32,
) -> Result<Vec<nomination::Model>, sea_orm::DbErr> {
    nomination::Entity::find()
        .filter(nomination::Column::DossierId.eq(dossier_id))
        .order_by_asc(nomination::Column::Id)
        .all(db)
        .await
}

/// `addToDossier` (`adding`) and `removeFromDossier`: places nominations of the proposing
/// unit, of the dossier's year, DRAFT or RETURNED and in no other dossier, in the dossier,
/// or takes them out (with the files attached for them); only while the dossier is DRAFT
/// or RETURNED.
pub async fn place(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    nomination_ids: &[i32],
    adding: bool,
) -> AppResult<Outcome<dossier::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::CreateNomination)?;
    let Some(current) = reach(work, viewer, id, Action::CreateNomination).await? else {
        return Ok(Err(no_such_dossier()));
    };
    if let Some(problems) = wrong_state(&current, EDITABLE) {
        return Ok(Err(problems));
    }
    let scope = access::nomination_scope(txn, viewer).await?;
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for (i, nomination_id) in nomination_ids.iter().enumerate() {
        let field = ["nominationIds".to_owned(), i.to_string()];
        let field: Vec<&str> = field.iter().map(String::as_str).collect();
        let Some(n) = scope
            .find(txn, *nomination_id)
            .await?
            .map(access::Seen::into_inner)
        else {
            problems.push(UserProblem::new(
                &field,
                crate::tr!("No such nomination.", "Không tìm thấy hồ sơ đề nghị này."),
                UserErrorCode::NotFound,
            ));
            continue;
        };
        let open = matches!(
            n.status,
            NominationStatus::Draft | NominationStatus::Returned
        );
        let problem = if adding {
            if n.dossier_id.is_some() && n.dossier_id != Some(current.id) {
                Some(crate::tr!(
                    "The nomination is in another dossier.",
                    "Hồ sơ đề nghị này đã thuộc một bộ hồ sơ khác."
                ))
            } else if n.proposed_by_unit_id != Some(current.proposing_unit_id) {
                Some(crate::tr!(
                    "The nomination is proposed by another unit.",
                    "Hồ sơ đề nghị này do đơn vị khác đề nghị."
                ))
            } else if n.year != current.year {
                let (year, wanted) = (n.year, current.year);
                Some(crate::tr!(
                    "The nomination is for {year}; the dossier for {wanted}.",
                    "Hồ sơ đề nghị này cho năm {year}; bộ hồ sơ cho năm {wanted}."
                ))
            } else if !open {
                Some(crate::tr!(
                    "Only a DRAFT or RETURNED nomination is added.",
                    "Chỉ thêm được hồ sơ đề nghị ở trạng thái DRAFT hoặc RETURNED."
                ))
            } else {
                None
            }
        } else if n.dossier_id != Some(current.id) {
            Some(crate::tr!(
                "The nomination is not in this dossier.",
                "Hồ sơ đề nghị này không thuộc bộ hồ sơ."
            ))
        } else if !open {
            Some(crate::tr!(
                "Only a DRAFT or RETURNED nomination is taken out.",
                "Chỉ rút ra được hồ sơ đề nghị ở trạng thái DRAFT hoặc RETURNED."
            ))
        } else {
            None
        };
        match problem {
            Some(message) => problems.push(UserProblem::new(
                &field,
                message,
                UserErrorCode::InvalidValue,
            )),
            None => rows.push(n),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    for n in rows {
        let mut row: nomination::ActiveModel = n.clone().into();
        row.dossier_id = Set(adding.then_some(current.id));
        row.version = Set(n.version + 1);
        row.updated_at = Set(Utc::now());
        let row = row.update(txn).await?;
        if !adding {
            // Out of the dossier, with its own files: its subscribers hear of it here, not
            // through the dossier.
            entity::attachment::Entity::delete_many()
                .filter(entity::attachment::Column::DossierId.eq(current.id))
                .filter(entity::attachment::Column::NominationId.eq(n.id))
                .exec(txn)
                .await?;
            workflow::publish(work, &row).await?;
        }
    }
    let row = save(work, &current, current.clone().into()).await?;
    let action = if adding {
        "addToDossier"
    } else {
        "removeFromDossier"
    };
    let ids: Vec<String> = nomination_ids.iter().map(i32::to_string).collect();
    record(
        work,
        viewer,
        action,
        Some(&current),
        &row,
        Some(ids.join(", ")),
    )
    .await?;
    Ok(Ok(row))
}

/// `submitDossier`: checks the dossier is complete (the letter's number, date and signer;
/// at least one nomination; its summary of achievements and an attached achievement report
/// for each; the attachments of [`attachments::REQUIRED_KINDS`]) and submits it with every
/// nomination in it; what is missing comes back as userErrors, and then nothing changes.
pub async fn submit(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    letter: Letter,
) -> AppResult<Outcome<dossier::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::CreateNomination)?;
    let Some(current) = reach(work, viewer, id, Action::CreateNomination).await? else {
        return Ok(Err(no_such_dossier()));
    };
    if let Some(problems) = wrong_state(&current, EDITABLE) {
        return Ok(Err(problems));
    }
    let letter = Letter {
        number: clean(letter.number).or(current.number.clone()),
        submitted_on: letter.submitted_on.or(current.submitted_on),
        signer_name: clean(letter.signer_name).or(current.signer_name.clone()),
    };
    let mut problems = field_problems(None, None, &letter);
    let missing = |field: &str, en: &str, vi: &str| {
        UserProblem::new(
            &[field],
            crate::i18n::Text::new(en.to_owned(), vi.to_owned()),
            UserErrorCode::Required,
        )
    };
    if letter.number.is_none() {
        problems.push(missing(
            "number",
            "The submission letter's number is missing.",
            "Thiếu số tờ trình.",
        ));
    }
    if letter.submitted_on.is_none() {
        problems.push(missing(
            "submittedOn",
            "The submission letter's date is missing.",
            "Thiếu ngày ký tờ trình.",
        ));
    }
    if letter.signer_name.is_none() {
        problems.push(missing(
            "signerName",
            "The submission letter's signer is missing.",
            "Thiếu người ký tờ trình.",
        ));
    }
    let nominations = nominations_of(txn, current.id).await?;
    if nominations.is_empty() {
        problems.push(missing(
            "nominationIds",
            "The dossier has no nominee.",
            "Hồ sơ chưa có đối tượng đề nghị nào.",
        ));
    }
    let files = attachments::of_dossier(txn, current.id).await?;
    problems.extend(attachments::missing(&files, &nominations));
    for (i, n) in nominations.iter().enumerate() {
        if n.achievements.trim().is_empty() {
            let index = i.to_string();
            problems.push(UserProblem::new(
                &["nominations", &index, "achievements"],
                crate::tr!(
                    "Nominee {index} has no achievement report.",
                    "Đối tượng thứ {index} chưa có báo cáo thành tích."
                ),
                UserErrorCode::Required,
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    // Every nomination goes with the dossier, each through its own checks.
    for (i, n) in nominations.iter().enumerate() {
        if n.status == NominationStatus::Submitted {
            continue;
        }
        if let Err(found) = workflow::take(work, viewer, n.id, Step::Submit, None).await? {
            let index = i.to_string();
            problems.extend(found.into_iter().map(|mut p| {
                let mut field = vec!["nominations".to_owned(), index.clone()];
                field.append(&mut p.field);
                p.field = field;
                p
            }));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut row: dossier::ActiveModel = current.clone().into();
    row.status = Set(DossierStatus::Submitted);
    row.number = Set(letter.number);
    row.submitted_on = Set(letter.submitted_on);
    row.signer_name = Set(letter.signer_name);
    let row = save(work, &current, row).await?;
    record(work, viewer, "submitDossier", Some(&current), &row, None).await?;
    Ok(Ok(row))
}

/// `returnDossier`: the board returns a SUBMITTED dossier for completion, with a reason;
/// its nominations still SUBMITTED are returned with it.
pub async fn return_for_completion(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    reason: String,
) -> AppResult<Outcome<dossier::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ReviewDossiers)?;
    let Some(current) = reach(work, viewer, id, Action::ReviewDossiers).await? else {
        return Ok(Err(no_such_dossier()));
    };
    if let Some(problems) = wrong_state(&current, &[DossierStatus::Submitted]) {
        return Ok(Err(problems));
    }
    let reason = text::nfc(reason.trim());
    if reason.is_empty() {
        return Ok(Err(vec![UserProblem::new(
            &["reason"],
            crate::tr!(
                "Say what the dossier lacks.",
                "Nêu nội dung hồ sơ cần hoàn thiện."
            ),
            UserErrorCode::Required,
        )]));
    }
    for n in nominations_of(txn, current.id).await? {
        if n.status == NominationStatus::Submitted {
            if let Err(problems) =
                workflow::take(work, viewer, n.id, Step::Return, Some(reason.clone())).await?
            {
                return Ok(Err(problems));
            }
        }
    }
    let mut row: dossier::ActiveModel = current.clone().into();
    row.status = Set(DossierStatus::Returned);
    let row = save(work, &current, row).await?;
    record(
        work,
        viewer,
        "returnDossier",
        Some(&current),
        &row,
        Some(reason),
    )
    .await?;
    Ok(Ok(row))
}

/// `assignDossier`: the board gives the dossier to one of its officers (a BOARD account of
/// the dossier's province), or takes it back (`None`).
pub async fn assign(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    assignee: Option<String>,
) -> AppResult<Outcome<dossier::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ReviewDossiers)?;
    let Some(current) = reach(work, viewer, id, Action::ReviewDossiers).await? else {
        return Ok(Err(no_such_dossier()));
    };
    let user = match assignee.map(|a| text::nfc(a.trim())) {
        None => None,
        Some(name) => {
            let found = app_user::Entity::find()
                .filter(app_user::Column::Username.eq(name))
                .one(txn)
                .await?;
            let board_of: Target = target::of_province(&Through(txn), current.province_id).await?;
            let fits = found.filter(|u| {
                u.role == Role::Board
                    && u.disabled_at.is_none()
                    && access::allows(
                        &Viewer {
                            user_id: Some(u.id),
                            name: u.username.clone(),
                            role: Some(u.role),
                            unit_id: u.unit_id,
                            province_id: u.province_id,
                        },
                        Action::ReviewDossiers,
                        &board_of,
                    )
            });
            match fits {
                Some(u) => Some(u.id),
                None => {
                    return Ok(Err(vec![UserProblem::new(
                        &["assignee"],
                        crate::tr!(
                            "The assignee is an officer of the province's board.",
                            "Người được giao phải là cán bộ của Ban Thi đua – Khen thưởng của tỉnh."
                        ),
                        UserErrorCode::InvalidValue,
                    )]))
                }
            }
        }
    };
    let mut row: dossier::ActiveModel = current.clone().into();
    row.assignee_user_id = Set(user);
    let row = save(work, &current, row).await?;
    record(work, viewer, "assignDossier", Some(&current), &row, None).await?;
    Ok(Ok(row))
}

/// Records a change of dossier `id`'s files (`action`, naming `file_name`) as a step of its
/// history and a new version.
async fn touch(
    work: &Work,
    viewer: &Viewer,
    id: i32,
    action: &'static str,
    file_name: &str,
) -> AppResult<()> {
    let Some(current) = dossier::Entity::find_by_id(id).one(work.txn()).await? else {
        return Ok(());
    };
    let row = save(work, &current, current.clone().into()).await?;
    record(
        work,
        viewer,
        action,
        Some(&current),
        &row,
        Some(file_name.to_owned()),
    )
    .await
}

/// Called when nomination `n` reached an outcome (decided, rejected, withdrawn): its dossier,
/// SUBMITTED, becomes DECIDED once every nomination in it has one.
pub async fn settle(work: &Work, viewer: &Viewer, n: &nomination::Model) -> AppResult<()> {
    let Some(id) = n.dossier_id else {
        return Ok(());
    };
    let txn = work.txn();
    let Some(current) = dossier::Entity::find_by_id(id).one(txn).await? else {
        return Ok(());
    };
    if current.status != DossierStatus::Submitted {
        return Ok(());
    }
    let all_settled = nominations_of(txn, id).await?.iter().all(|n| {
        matches!(
            n.status,
            NominationStatus::Decided | NominationStatus::Rejected | NominationStatus::Withdrawn
        )
    });
    if !all_settled {
        return Ok(());
    }
    let mut row: dossier::ActiveModel = current.clone().into();
    row.status = Set(DossierStatus::Decided);
    let row = save(work, &current, row).await?;
    record(work, viewer, "decided", Some(&current), &row, None).await
}

/// Whether `viewer` may read dossier `d`.
pub async fn visible<C: sea_orm::ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: i32,
) -> AppResult<Option<dossier::Model>> {
    let scope = access::dossier_scope(db, viewer).await?;
    Ok(scope.find(db, id).await?.map(access::Seen::into_inner))
}

/// The unit a dossier is proposed by.
pub async fn proposing_unit<C: sea_orm::ConnectionTrait>(
    db: &C,
    d: &dossier::Model,
) -> AppResult<unit::Model> {
    unit::Entity::find_by_id(d.proposing_unit_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::internal(&std::io::Error::other("dossier without unit")))
}
