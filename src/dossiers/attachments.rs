//! Attachments (thành phần hồ sơ): the files of a dossier (its submission letter, each
//! nominee's achievement report, the proposing council's minutes and ballot count,
//! confirmations of initiatives) and of a council session (its minutes). The bytes are in the
//! [`super::files::Store`]; a row names them.
//!
//! A dossier's files are attached and removed by those who may write the dossier, only while
//! it is DRAFT or RETURNED: once submitted nothing of it is removed, and once decided nothing
//! changes. A council session's files are the board's, removable until the session's first
//! vote. A file is read by whoever may read what it is attached to, and by no one else.

use chrono::Utc;
use entity::{
    attachment, council_session, council_vote, dossier, enums::AttachmentKind, nomination,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

use super::files::{Refusal, Stored};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    text,
    work::Work,
};

/// The longest file name kept, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// What a file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A dossier, and in it possibly one nominee's nomination.
    Dossier {
        dossier_id: i32,
        nomination_id: Option<i32>,
    },
    /// A council session.
    CouncilSession(i32),
}

/// A file to attach (`uploadAttachment`), already taken into the store.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub owner: Owner,
    pub kind: AttachmentKind,
    pub file_name: String,
    pub stored: Stored,
}

fn not_found(field: &str) -> Vec<UserProblem> {
    vec![UserProblem::new(
        &[field],
        crate::tr!(
            "Nothing the viewer may change has this ID.",
            "Không có đối tượng nào bạn được phép thay đổi mang ID này."
        ),
        UserErrorCode::NotFound,
    )]
}

/// The userError of a file the store refused.
pub fn refusal_problem(refusal: Refusal) -> UserProblem {
    match refusal {
        Refusal::TooLarge { limit } => {
            let mib = limit / (1024 * 1024);
            UserProblem::new(
                &["file"],
                crate::tr!(
                    "The file is larger than the {mib} MiB allowed.",
                    "Tệp lớn hơn mức {mib} MiB cho phép."
                ),
                UserErrorCode::OutOfRange,
            )
        }
        Refusal::Empty => UserProblem::new(
            &["file"],
            crate::tr!("The file is empty.", "Tệp không có nội dung."),
            UserErrorCode::Required,
        ),
        Refusal::UnknownType => UserProblem::new(
            &["file"],
            crate::tr!(
                "The file is not a PDF, DOCX, XLSX, JPEG or PNG (its content decides, not its name).",
                "Tệp không phải PDF, DOCX, XLSX, JPEG hoặc PNG (xét theo nội dung, không theo tên tệp)."
            ),
            UserErrorCode::InvalidValue,
        ),
    }
}

/// The file name kept: its last path segment, NFC, without control characters, at most
/// [`MAX_FILE_NAME_CHARS`].
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = text::nfc(last.trim())
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// The dossier `id` locked for a change of its files by `viewer`: `None` when it does not
/// exist or the viewer may not read it; `FORBIDDEN` when it may read it but not write it.
async fn writable_dossier(
    work: &Work,
    viewer: &Viewer,
    id: i32,
) -> AppResult<Option<dossier::Model>> {
    let txn = work.txn();
    if super::visible(txn, viewer, id).await?.is_none() {
        return Ok(None);
    }
    let Some(d) = dossier::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let target = target::of_unit_id(&Through(txn), d.proposing_unit_id).await?;
    access::authorize(viewer, Action::CreateNomination, &target)?;
    Ok(Some(d))
}

/// The council session `id` for a change of its files by `viewer` (`FORBIDDEN` unless the
/// board of its province or ADMIN).
async fn writable_session(
    work: &Work,
    viewer: &Viewer,
    id: i32,
) -> AppResult<Option<council_session::Model>> {
    let txn = work.txn();
    let Some(s) = council_session::Entity::find_by_id(id).one(txn).await? else {
        return Ok(None);
    };
    let target = target::of_province(&Through(txn), Some(s.province_id)).await?;
    access::authorize(viewer, Action::ManageCouncil, &target)?;
    Ok(Some(s))
}

/// `uploadAttachment`: attaches a stored file to a dossier (while DRAFT or RETURNED; an
/// achievement report to one of its nominations) or to a council session.
pub async fn attach(
    work: &Work,
    viewer: &Viewer,
    new: NewAttachment,
) -> AppResult<Outcome<attachment::Model>> {
    let txn = work.txn();
    let (dossier_id, nomination_id, session_id, province_id) = match new.owner {
        Owner::Dossier {
            dossier_id,
            nomination_id,
        } => {
            access::require_some(viewer, Action::CreateNomination)?;
            let Some(d) = writable_dossier(work, viewer, dossier_id).await? else {
                return Ok(Err(not_found("dossierId")));
            };
            if let Some(problems) = super::wrong_state(&d, super::EDITABLE) {
                return Ok(Err(problems));
            }
            if let Some(n) = nomination_id {
                let inside = nomination::Entity::find_by_id(n)
                    .one(txn)
                    .await?
                    .is_some_and(|n| n.dossier_id == Some(d.id));
                if !inside {
                    return Ok(Err(vec![UserProblem::new(
                        &["nominationId"],
                        crate::tr!(
                            "The nomination is not in this dossier.",
                            "Hồ sơ đề nghị này không thuộc bộ hồ sơ."
                        ),
                        UserErrorCode::NotFound,
                    )]));
                }
            }
            (Some(d.id), nomination_id, None, d.province_id)
        }
        Owner::CouncilSession(id) => {
            access::require_some(viewer, Action::ManageCouncil)?;
            let Some(s) = writable_session(work, viewer, id).await? else {
                return Ok(Err(not_found("councilSessionId")));
            };
            (None, None, Some(s.id), Some(s.province_id))
        }
    };
    let report_without_nominee =
        new.kind == AttachmentKind::AchievementReport && nomination_id.is_none();
    if report_without_nominee && dossier_id.is_some() {
        return Ok(Err(vec![UserProblem::new(
            &["nominationId"],
            crate::tr!(
                "Say whose achievement report it is.",
                "Cho biết báo cáo thành tích này của đối tượng nào."
            ),
            UserErrorCode::Required,
        )]));
    }
    let row = attachment::ActiveModel {
        dossier_id: Set(dossier_id),
        nomination_id: Set(nomination_id),
        council_session_id: Set(session_id),
        kind: Set(new.kind),
        file_name: Set(clean_file_name(&new.file_name)),
        content_type: Set(new.stored.file_type.media_type().to_owned()),
        size: Set(i64::try_from(new.stored.size).unwrap_or(i64::MAX)),
        sha256: Set(new.stored.sha256.clone()),
        uploaded_by_user_id: Set(viewer.user_id),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if let Some(d) = dossier_id {
        super::touch(work, viewer, d, "uploadAttachment", &row.file_name).await?;
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "uploadAttachment",
            object_type: "Attachment",
            object_id: row.id.to_string(),
            province_id,
            before: None,
            after: Some(summary(&row)),
        },
    );
    Ok(Ok(row))
}

fn summary(a: &attachment::Model) -> serde_json::Value {
    json!({ "kind": a.kind, "fileName": a.file_name, "contentType": a.content_type,
            "size": a.size, "sha256": a.sha256, "dossier": a.dossier_id,
            "nomination": a.nomination_id, "councilSession": a.council_session_id })
}

/// `removeAttachment`: takes a file off a dossier that is DRAFT or RETURNED, or off a
/// council session that has no vote yet. The row goes; the audit keeps what it was.
pub async fn remove(
    work: &Work,
    viewer: &Viewer,
    id: i32,
) -> AppResult<Outcome<attachment::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::CreateNomination)
        .or_else(|_| access::require_some(viewer, Action::ManageCouncil))?;
    let Some(row) = visible(txn, viewer, id).await? else {
        return Ok(Err(not_found("id")));
    };
    let province_id = match (row.dossier_id, row.council_session_id) {
        (Some(d), _) => {
            let Some(d) = writable_dossier(work, viewer, d).await? else {
                return Ok(Err(not_found("id")));
            };
            if let Some(problems) = super::wrong_state(&d, super::EDITABLE) {
                return Ok(Err(problems));
            }
            d.province_id
        }
        (None, Some(s)) => {
            let Some(s) = writable_session(work, viewer, s).await? else {
                return Ok(Err(not_found("id")));
            };
            let votes = council_vote::Entity::find()
                .filter(council_vote::Column::SessionId.eq(s.id))
                .count(txn)
                .await?;
            if votes > 0 {
                return Ok(Err(vec![UserProblem::new(
                    &["id"],
                    crate::tr!(
                        "The session has votes recorded; its files stay.",
                        "Phiên họp đã ghi nhận kết quả biểu quyết; các tệp của phiên được giữ nguyên."
                    ),
                    UserErrorCode::WrongState,
                )]));
            }
            Some(s.province_id)
        }
        (None, None) => return Ok(Err(not_found("id"))),
    };
    row.clone().delete(txn).await?;
    if let Some(d) = row.dossier_id {
        super::touch(work, viewer, d, "removeAttachment", &row.file_name).await?;
    }
    work.audit(
        viewer,
        AuditEntry {
            action: "removeAttachment",
            object_type: "Attachment",
            object_id: row.id.to_string(),
            province_id,
            before: Some(summary(&row)),
            after: None,
        },
    );
    Ok(Ok(row))
}

/// The attachment `id` if `viewer` may read what it is attached to.
pub async fn visible<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: i32,
) -> AppResult<Option<attachment::Model>> {
    let Some(row) = attachment::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let readable = match (row.dossier_id, row.council_session_id) {
        (Some(d), _) => super::visible(db, viewer, d).await?.is_some(),
        (None, Some(s)) => session_readable(db, viewer, s).await?,
        (None, None) => false,
    };
    Ok(readable.then_some(row))
}

/// Whether `viewer` may read council session `id` (the board of its province, ADMIN).
pub async fn session_readable<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: i32,
) -> AppResult<bool> {
    let Some(s) = council_session::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    let target = target::of_province(&Through(db), Some(s.province_id)).await?;
    Ok(access::allows(viewer, Action::ManageCouncil, &target))
}

/// The files of a dossier, oldest first (the caller has checked the viewer may read it).
pub async fn of_dossier<C: ConnectionTrait>(
    db: &C,
    dossier_id: i32,
) -> AppResult<Vec<attachment::Model>> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::DossierId.eq(dossier_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?)
}

/// The files of a council session, oldest first (the caller has checked the viewer may read
/// it).
pub async fn of_session<C: ConnectionTrait>(
    db: &C,
    session_id: i32,
) -> AppResult<Vec<attachment::Model>> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::CouncilSessionId.eq(session_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?)
}

/// The kinds a dossier must hold before it is submitted, besides an achievement report for
/// each nominee: the documents shared/DOMAIN.md lists for a dossier. (The article of Law
/// 06/2022 or Decree 152/2025 that lists them has not been checked verbatim.)
pub const REQUIRED_KINDS: [AttachmentKind; 3] = [
    AttachmentKind::SubmissionLetter,
    AttachmentKind::CouncilMinutes,
    AttachmentKind::BallotCount,
];

/// Whether a dossier holds what it must to be submitted (used by [`super::submit`]).
pub fn missing(files: &[attachment::Model], nominations: &[nomination::Model]) -> Vec<UserProblem> {
    let mut problems = Vec::new();
    for kind in REQUIRED_KINDS {
        if !files.iter().any(|f| f.kind == kind) {
            let (en, vi) = match kind {
                AttachmentKind::SubmissionLetter => ("the submission letter", "tờ trình"),
                AttachmentKind::CouncilMinutes => {
                    ("the minutes of the council", "biên bản họp Hội đồng")
                }
                _ => ("the ballot count", "biên bản kiểm phiếu"),
            };
            problems.push(UserProblem::new(
                &["attachments"],
                crate::tr!(
                    "The dossier lacks {en} (attach it with uploadAttachment).",
                    "Hồ sơ còn thiếu {vi} (đính kèm bằng uploadAttachment)."
                ),
                UserErrorCode::Required,
            ));
        }
    }
    for (i, n) in nominations.iter().enumerate() {
        let has_report = files
            .iter()
            .any(|f| f.kind == AttachmentKind::AchievementReport && f.nomination_id == Some(n.id));
        if !has_report {
            let index = i.to_string();
            problems.push(UserProblem::new(
                &["nominations", &index, "attachments"],
                crate::tr!(
                    "Nominee {index} has no achievement report attached.",
                    "Đối tượng thứ {index} chưa có báo cáo thành tích đính kèm."
                ),
                UserErrorCode::Required,
            ));
        }
    }
    problems
}
