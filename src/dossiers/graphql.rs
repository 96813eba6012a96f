//! The GraphQL face of dossiers: `dossier`, `dossiers`, `dossierCounts` and the mutations
//! `createDossier`, `updateDossier`, `addToDossier`, `removeFromDossier`, `submitDossier`,
//! `returnDossier`, `assignDossier`; attachments (`uploadAttachment`, `removeAttachment`).

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, Upload, ID};
use entity::{attachment, dossier, enums};
use sea_orm::{ColumnTrait, EntityTrait};

use super::{
    attachments::{self, refusal_problem, NewAttachment, Owner},
    files::Store,
    Letter, NewDossier,
};
use crate::{
    access::{self, Action},
    api::{
        context::{db, loaders, run, viewer},
        ids::{global_id, parse_global_id, row_of, NodeKind},
        paging::{fetch_page, Conn, PageArgs},
        scalars::{Date, DateTime, Year},
        user_errors::{user_errors, UserError},
    },
    awards::{graphql::CommendationKind, nominations::Nomination},
    error::{AppError, AppResult, Outcome},
    organisation::graphql::Unit,
    text,
};

/// Status of a dossier.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::DossierStatus")]
pub enum DossierStatus {
    /// Being prepared by the proposing unit (dự thảo).
    Draft,
    /// Submitted to the board (đã trình).
    Submitted,
    /// Returned to the proposing unit for completion (trả lại để hoàn thiện).
    Returned,
    /// Every nominee has its outcome: rewarded by a decision, rejected or withdrawn.
    Decided,
}

/// A dossier (hồ sơ đề nghị khen thưởng): one submission letter of a proposing unit for
/// many nominees.
pub struct Dossier(pub dossier::Model);

async fn username(ctx: &Context<'_>, id: Option<i32>) -> AppResult<Option<String>> {
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(loaders(ctx)?.user.load_one(id).await?.map(|u| u.username))
}

/// A dossier (hồ sơ đề nghị khen thưởng): one submission letter of a proposing unit for
/// many nominees.
#[Object]
impl Dossier {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Dossier, self.0.id)
    }
    /// The submission letter's number, e.g. "15/TTr-SKHCN".
    async fn number(&self) -> Option<&str> {
        self.0.number.as_deref()
    }
    /// What it proposes (trích yếu).
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The kind of commendation proposed.
    async fn kind(&self) -> CommendationKind {
        self.0.commendation_kind.into()
    }
    /// The year of the achievements.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Where it stands.
    async fn status(&self) -> DossierStatus {
        self.0.status.into()
    }
    /// The unit that proposes.
    async fn proposing_unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?
            .unit
            .load_one(self.0.proposing_unit_id)
            .await?
            .map(Unit))
    }
    /// The day the letter was signed.
    async fn submitted_on(&self) -> Option<Date> {
        self.0.submitted_on.map(Date)
    }
    /// Who signed the letter.
    async fn signer_name(&self) -> Option<&str> {
        self.0.signer_name.as_deref()
    }
    /// The nominations in it, each with its own status and outcome.
    async fn nominations(&self, ctx: &Context<'_>) -> AppResult<Vec<Nomination>> {
        Ok(loaders(ctx)?
            .dossier_nominations(viewer(ctx)?, self.0.id)
            .await?
            .into_iter()
            .map(Nomination)
            .collect())
    }
    /// Its files, oldest first: the letter, the achievement reports (each naming its
    /// nomination), the council's minutes and ballot count, and any others.
    async fn attachments(&self, ctx: &Context<'_>) -> AppResult<Vec<Attachment>> {
        Ok(loaders(ctx)?
            .dossier_attachments
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Attachment)
            .collect())
    }
    /// The username of the board's officer who holds it.
    async fn assignee(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        username(ctx, self.0.assignee_user_id).await
    }
    /// Every step, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> AppResult<Vec<DossierEvent>> {
        let rows = loaders(ctx)?
            .dossier_events
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        // The accounts named, in one batch.
        let ids: Vec<i32> = rows
            .iter()
            .flat_map(|e| [e.actor_user_id, e.assignee_user_id])
            .flatten()
            .collect();
        let users = loaders(ctx)?.user.load_many(ids).await?;
        let name = |id: Option<i32>| id.and_then(|id| users.get(&id)).map(|u| u.username.clone());
        Ok(rows
            .into_iter()
            .map(|e| DossierEvent {
                action: e.action,
                from_status: e.from_status.map(Into::into),
                to_status: e.to_status.into(),
                actor: name(e.actor_user_id),
                assignee: name(e.assignee_user_id),
                comment: e.comment,
                at: DateTime(e.at),
            })
            .collect())
    }
    /// Since when it has been in its status (how long it has waited).
    async fn waiting_since(&self, ctx: &Context<'_>) -> AppResult<DateTime> {
        let events = loaders(ctx)?
            .dossier_events
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        // The step that brought it into its status last.
        let since = events
            .iter()
            .rev()
            .find(|e| e.to_status == self.0.status && e.from_status != Some(self.0.status))
            .map_or(self.0.created_at, |e| e.at);
        Ok(DateTime(since))
    }
    /// The version, moved on by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A step in a dossier's history.
#[derive(SimpleObject)]
pub struct DossierEvent {
    /// The mutation, e.g. `submitDossier`.
    action: String,
    /// The status before.
    from_status: Option<DossierStatus>,
    /// The status after.
    to_status: DossierStatus,
    /// Who took the step (username).
    actor: Option<String>,
    /// The board's officer who held the dossier then (username).
    assignee: Option<String>,
    /// The reason or note given.
    comment: Option<String>,
    /// When.
    at: DateTime,
}

/// Filter of `dossiers`. All given conditions must hold.
#[derive(InputObject, Default)]
pub struct DossierFilter {
    /// In this status.
    status: Option<DossierStatus>,
    /// Of this year.
    year: Option<Year>,
    /// Proposed by this unit.
    unit_code: Option<String>,
    /// Of this kind of commendation.
    kind: Option<CommendationKind>,
}

/// How many dossiers are in one status.
#[derive(SimpleObject)]
pub struct DossierCount {
    /// The status.
    status: DossierStatus,
    /// How many dossiers the viewer may read are in it.
    count: i64,
}

async fn filtered(
    ctx: &Context<'_>,
    f: DossierFilter,
) -> AppResult<access::Scoped<dossier::Entity>> {
    let db = db(ctx)?;
    let scope = access::dossier_scope(db, viewer(ctx)?).await?;
    let mut select = scope.apply(dossier::Entity::find());
    if let Some(status) = f.status {
        select = select.filter(dossier::Column::Status.eq(enums::DossierStatus::from(status)));
    }
    if let Some(year) = f.year {
        select = select.filter(dossier::Column::Year.eq(year.get()));
    }
    if let Some(kind) = f.kind {
        select = select
            .filter(dossier::Column::CommendationKind.eq(enums::CommendationKind::from(kind)));
    }
    if let Some(code) = f.unit_code {
        let unit = crate::organisation::store::find_unit(db, &text::nfc(code.trim())).await?;
        select = select.filter(dossier::Column::ProposingUnitId.eq(unit.map_or(-1, |u| u.id)));
    }
    Ok(select)
}

/// Reads of dossiers.
#[derive(Default)]
pub struct DossiersQuery;

#[Object]
impl DossiersQuery {
    /// The dossier with this ID, if the viewer may read it (its proposing unit's officers,
    /// the board of its province).
    async fn dossier(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Dossier>> {
        let row = dossier_id(&id)?;
        Ok(super::visible(db(ctx)?, viewer(ctx)?, row)
            .await?
            .map(Dossier))
    }

    /// The dossiers the viewer may read, newest first: the board's inbox.
    async fn dossiers(
        &self,
        ctx: &Context<'_>,
        filter: Option<DossierFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Dossier>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let select = filtered(ctx, filter.unwrap_or_default()).await?;
        fetch_page(
            db(ctx)?,
            select,
            dossier::Column::Id,
            |d| d.id,
            |d| Dossier(d.into_inner()),
            page,
        )
        .await
    }

    /// How many dossiers the viewer may read are in each status (the inbox's counters).
    async fn dossier_counts(
        &self,
        ctx: &Context<'_>,
        filter: Option<DossierFilter>,
    ) -> AppResult<Vec<DossierCount>> {
        let f = filter.unwrap_or_default();
        let mut counts = Vec::new();
        for status in [
            DossierStatus::Draft,
            DossierStatus::Submitted,
            DossierStatus::Returned,
            DossierStatus::Decided,
        ] {
            let select = filtered(
                ctx,
                DossierFilter {
                    status: Some(status),
                    year: f.year,
                    unit_code: f.unit_code.clone(),
                    kind: f.kind,
                },
            )
            .await?;
            let count = select.count(db(ctx)?).await?;
            counts.push(DossierCount {
                status,
                count: i64::try_from(count).unwrap_or(i64::MAX),
            });
        }
        Ok(counts)
    }
}

fn dossier_id(id: &ID) -> AppResult<i32> {
    match parse_global_id(id)? {
        (NodeKind::Dossier, row) => Ok(row),
        _ => Err(AppError::bad_input(crate::tr!(
            "`id` is not a dossier's ID",
            "`id` không phải là ID của một hồ sơ"
        ))),
    }
}

fn nomination_ids(ids: &[ID]) -> AppResult<Vec<i32>> {
    ids.iter()
        .map(|id| match parse_global_id(id)? {
            (NodeKind::Nomination, row) => Ok(row),
            _ => Err(AppError::bad_input(crate::tr!(
                "`nominationIds` holds an ID that is not a nomination's",
                "`nominationIds` có ID không phải của hồ sơ đề nghị"
            ))),
        })
        .collect()
}

/// Input of `createDossier`.
#[derive(InputObject)]
pub struct CreateDossierInput {
    /// The unit that proposes.
    proposing_unit_code: String,
    /// What it proposes (trích yếu), e.g. "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh".
    title: String,
    /// The year of the achievements.
    year: i32,
    /// The kind of commendation; regular by default.
    kind: Option<CommendationKind>,
    /// The submission letter's number.
    number: Option<String>,
    /// The day the letter was signed.
    submitted_on: Option<Date>,
    /// Who signed the letter.
    signer_name: Option<String>,
}

/// Input of `updateDossier`: the fields given change.
#[derive(InputObject)]
pub struct UpdateDossierInput {
    /// The dossier.
    id: ID,
    /// What it proposes.
    title: Option<String>,
    /// The kind of commendation.
    kind: Option<CommendationKind>,
    /// The submission letter's number.
    number: Option<String>,
    /// The day the letter was signed.
    submitted_on: Option<Date>,
    /// Who signed the letter.
    signer_name: Option<String>,
}

/// Input of `addToDossier` and `removeFromDossier`.
#[derive(InputObject)]
pub struct DossierNominationsInput {
    /// The dossier.
    dossier_id: ID,
    /// The nominations to add or take out.
    nomination_ids: Vec<ID>,
}

/// Input of `submitDossier`: the letter's particulars not given before.
#[derive(InputObject)]
pub struct SubmitDossierInput {
    /// The dossier.
    id: ID,
    /// The submission letter's number.
    number: Option<String>,
    /// The day the letter was signed.
    submitted_on: Option<Date>,
    /// Who signed the letter.
    signer_name: Option<String>,
}

/// Input of `returnDossier`.
#[derive(InputObject)]
pub struct ReturnDossierInput {
    /// The dossier.
    id: ID,
    /// What it lacks.
    reason: String,
}

/// Input of `assignDossier`.
#[derive(InputObject)]
pub struct AssignDossierInput {
    /// The dossier.
    id: ID,
    /// The username of the board's officer who takes it; absent to take it back.
    assignee: Option<String>,
}

/// Result of the dossier mutations.
#[derive(SimpleObject, Default)]
pub struct DossierPayload {
    /// The dossier as it now is.
    dossier: Option<Dossier>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

impl From<Outcome<dossier::Model>> for DossierPayload {
    fn from(outcome: Outcome<dossier::Model>) -> Self {
        match outcome {
            Ok(row) => DossierPayload {
                dossier: Some(Dossier(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => DossierPayload {
                dossier: None,
                user_errors: user_errors(problems),
            },
        }
    }
}

/// Writes of dossiers. The proposing unit's officers (and those above, and the board) draft,
/// fill and submit; the board returns and assigns.
#[derive(Default)]
pub struct DossiersMutation;

#[Object]
impl DossiersMutation {
    /// Creates a DRAFT dossier of a proposing unit.
    async fn create_dossier(
        &self,
        ctx: &Context<'_>,
        input: CreateDossierInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::CreateNomination)?;
        let new = NewDossier {
            proposing_unit_code: input.proposing_unit_code,
            title: input.title,
            year: input.year,
            kind: input
                .kind
                .map_or(enums::CommendationKind::Regular, Into::into),
            letter: Letter {
                number: input.number,
                submitted_on: input.submitted_on.map(|d| d.0),
                signer_name: input.signer_name,
            },
        };
        Ok(
            run(ctx, async |work| super::create(work, viewer, new).await)
                .await?
                .into(),
        )
    }

    /// Changes a dossier's title, kind or letter, while DRAFT or RETURNED.
    async fn update_dossier(
        &self,
        ctx: &Context<'_>,
        input: UpdateDossierInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::CreateNomination)?;
        let change = super::DossierChange {
            id: dossier_id(&input.id)?,
            title: input.title,
            kind: input.kind.map(Into::into),
            letter: Letter {
                number: input.number,
                submitted_on: input.submitted_on.map(|d| d.0),
                signer_name: input.signer_name,
            },
        };
        Ok(
            run(ctx, async |work| super::update(work, viewer, change).await)
                .await?
                .into(),
        )
    }

    /// Adds nominations of the proposing unit (DRAFT or RETURNED, of the dossier's year) to
    /// a dossier that is DRAFT or RETURNED.
    async fn add_to_dossier(
        &self,
        ctx: &Context<'_>,
        input: DossierNominationsInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::CreateNomination)?;
        let (id, ids) = (
            dossier_id(&input.dossier_id)?,
            nomination_ids(&input.nomination_ids)?,
        );
        Ok(run(ctx, async |work| {
            super::place(work, viewer, id, &ids, true).await
        })
        .await?
        .into())
    }

    /// Takes nominations (DRAFT or RETURNED) out of a dossier that is DRAFT or RETURNED.
    async fn remove_from_dossier(
        &self,
        ctx: &Context<'_>,
        input: DossierNominationsInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::CreateNomination)?;
        let (id, ids) = (
            dossier_id(&input.dossier_id)?,
            nomination_ids(&input.nomination_ids)?,
        );
        Ok(run(ctx, async |work| {
            super::place(work, viewer, id, &ids, false).await
        })
        .await?
        .into())
    }

    /// Submits a complete dossier and every nomination in it; what is missing comes back
    /// as userErrors (and nothing changes).
    async fn submit_dossier(
        &self,
        ctx: &Context<'_>,
        input: SubmitDossierInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::CreateNomination)?;
        let id = dossier_id(&input.id)?;
        let letter = Letter {
            number: input.number,
            submitted_on: input.submitted_on.map(|d| d.0),
            signer_name: input.signer_name,
        };
        Ok(run(ctx, async |work| {
            super::submit(work, viewer, id, letter).await
        })
        .await?
        .into())
    }

    /// Returns a SUBMITTED dossier to its unit for completion, with its nominations still
    /// SUBMITTED (the board).
    async fn return_dossier(
        &self,
        ctx: &Context<'_>,
        input: ReturnDossierInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ReviewDossiers)?;
        let id = dossier_id(&input.id)?;
        let reason = input.reason;
        Ok(run(ctx, async |work| {
            super::return_for_completion(work, viewer, id, reason).await
        })
        .await?
        .into())
    }

    /// Gives a dossier to one of the board's officers, or takes it back (the board).
    async fn assign_dossier(
        &self,
        ctx: &Context<'_>,
        input: AssignDossierInput,
    ) -> AppResult<DossierPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ReviewDossiers)?;
        let id = dossier_id(&input.id)?;
        let assignee = input.assignee;
        Ok(run(ctx, async |work| {
            super::assign(work, viewer, id, assignee).await
        })
        .await?
        .into())
    }
}

/// What an attached file is (thành phần hồ sơ).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::AttachmentKind")]
pub enum AttachmentKind {
    /// The submission letter (tờ trình).
    SubmissionLetter,
    /// A nominee's achievement report (báo cáo thành tích).
    AchievementReport,
    /// The minutes of a council's meeting (biên bản họp Hội đồng).
    CouncilMinutes,
    /// The ballot count (biên bản kiểm phiếu).
    BallotCount,
    /// A confirmation of an initiative's effect (xác nhận sáng kiến).
    InitiativeConfirmation,
    /// Anything else.
    Other,
}

/// A file attached to a dossier or a council session, downloaded at `url` with the same
/// token by those who may read what it is attached to.
pub struct Attachment(pub attachment::Model);

/// A file attached to a dossier or a council session.
#[Object]
impl Attachment {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Attachment, self.0.id)
    }
    /// What it is.
    async fn kind(&self) -> AttachmentKind {
        self.0.kind.into()
    }
    /// The name it was uploaded with.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// The media type its content was recognised as (never what the client said).
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }
    /// Its size in bytes.
    async fn size(&self) -> i32 {
        i32::try_from(self.0.size).unwrap_or(i32::MAX)
    }
    /// The SHA-256 of its content, in lower-case hex.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }
    /// Where to download it (`GET`, with the viewer's `Authorization`), relative to the
    /// server.
    async fn url(&self) -> String {
        format!("/files/{}", global_id(NodeKind::Attachment, self.0.id).0)
    }
    /// The nomination whose document it is (an achievement report), by global ID.
    async fn nomination_id(&self) -> Option<ID> {
        self.0
            .nomination_id
            .map(|n| global_id(NodeKind::Nomination, n))
    }
    /// Who uploaded it (username).
    async fn uploaded_by(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        username(ctx, self.0.uploaded_by_user_id).await
    }
    /// When.
    async fn uploaded_at(&self) -> DateTime {
        DateTime(self.0.uploaded_at)
    }
}

/// Input of `uploadAttachment`: a file (a part of a GraphQL multipart request) and what it
/// is attached to: a dossier (and in it, for an achievement report, a nomination) or a
/// council session.
#[derive(InputObject)]
pub struct UploadAttachmentInput {
    /// The file: PDF, DOCX, XLSX, JPEG or PNG, recognised by its content.
    file: Upload,
    /// What it is.
    kind: AttachmentKind,
    /// The dossier it belongs to.
    dossier_id: Option<ID>,
    /// The nominee of the dossier whose document it is.
    nomination_id: Option<ID>,
    /// The council session it belongs to (instead of a dossier).
    council_session_id: Option<ID>,
}

/// Input of `removeAttachment`.
#[derive(InputObject)]
pub struct RemoveAttachmentInput {
    /// The attachment.
    id: ID,
}

/// Result of `uploadAttachment` and `removeAttachment`.
#[derive(SimpleObject, Default)]
pub struct AttachmentPayload {
    /// The attachment as uploaded or as it was before its removal.
    attachment: Option<Attachment>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

impl From<Outcome<attachment::Model>> for AttachmentPayload {
    fn from(outcome: Outcome<attachment::Model>) -> Self {
        match outcome {
            Ok(row) => AttachmentPayload {
                attachment: Some(Attachment(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => AttachmentPayload {
                attachment: None,
                user_errors: user_errors(problems),
            },
        }
    }
}

fn owner(input: &UploadAttachmentInput) -> AppResult<Owner> {
    let dossier = input
        .dossier_id
        .as_ref()
        .map(|id| row_of(id, NodeKind::Dossier, "dossierId"))
        .transpose()?;
    let nomination = input
        .nomination_id
        .as_ref()
        .map(|id| row_of(id, NodeKind::Nomination, "nominationId"))
        .transpose()?;
    let session = input
        .council_session_id
        .as_ref()
        .map(|id| row_of(id, NodeKind::CouncilSession, "councilSessionId"))
        .transpose()?;
    match (dossier, session) {
        (Some(dossier_id), None) => Ok(Owner::Dossier {
            dossier_id,
            nomination_id: nomination,
        }),
        (None, Some(id)) if nomination.is_none() => Ok(Owner::CouncilSession(id)),
        _ => Err(AppError::bad_input(crate::tr!(
            "Give either `dossierId` (and possibly `nominationId`) or `councilSessionId`",
            "Cần cho biết `dossierId` (có thể kèm `nominationId`) hoặc `councilSessionId`, không cả hai"
        ))),
    }
}

/// Writes of attachments.
#[derive(Default)]
pub struct AttachmentsMutation;

#[Object]
impl AttachmentsMutation {
    /// Attaches a file (sent as a GraphQL multipart request) to a dossier that is DRAFT or
    /// RETURNED (its unit's officers), or to a council session (the board). A file of
    /// another type than PDF, DOCX, XLSX, JPEG or PNG, or empty, is refused as a userError;
    /// one larger than the server's limit is refused before it runs (413).
    async fn upload_attachment(
        &self,
        ctx: &Context<'_>,
        input: UploadAttachmentInput,
    ) -> AppResult<AttachmentPayload> {
        let viewer = viewer(ctx)?;
        let owner = owner(&input)?;
        match owner {
            Owner::Dossier { .. } => access::require_some(viewer, Action::CreateNomination)?,
            Owner::CouncilSession(_) => access::require_some(viewer, Action::ManageCouncil)?,
        }
        let upload = input.file.value(ctx).map_err(|e| AppError::internal(&e))?;
        let store = ctx
            .data_opt::<std::sync::Arc<Store>>()
            .ok_or_else(|| AppError::internal(&std::io::Error::other("no file store")))?
            .clone();
        let content = upload.content;
        let stored = tokio::task::spawn_blocking(move || store.put(content))
            .await
            .map_err(|e| AppError::internal(&std::io::Error::other(e.to_string())))?
            .map_err(|e| AppError::internal(&e))?;
        let stored = match stored {
            Ok(stored) => stored,
            Err(refusal) => {
                return Ok(AttachmentPayload {
                    attachment: None,
                    user_errors: user_errors(vec![refusal_problem(refusal)]),
                })
            }
        };
        let new = NewAttachment {
            owner,
            kind: input.kind.into(),
            file_name: upload.filename,
            stored,
        };
        Ok(run(ctx, async |work| {
            attachments::attach(work, viewer, new).await
        })
        .await?
        .into())
    }

    /// Takes a file off a dossier that is DRAFT or RETURNED, or off a council session
    /// without votes.
    async fn remove_attachment(
        &self,
        ctx: &Context<'_>,
        input: RemoveAttachmentInput,
    ) -> AppResult<AttachmentPayload> {
        let viewer = viewer(ctx)?;
        let id = row_of(&input.id, NodeKind::Attachment, "id")?;
        Ok(run(ctx, async |work| {
            attachments::remove(work, viewer, id).await
        })
        .await?
        .into())
    }
}
