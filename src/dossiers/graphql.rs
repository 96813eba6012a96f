//! The GraphQL face of dossiers: `dossier`, `dossiers`, `dossierCounts` and the mutations
//! `createDossier`, `updateDossier`, `addToDossier`, `removeFromDossier`, `submitDossier`,
//! `returnDossier`, `assignDossier`.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use entity::{dossier, dossier_event, enums, nomination};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{Letter, NewDossier};
use crate::{
    access::{self, Action},
    api::{
        context::{db, loaders, run, viewer},
        ids::{global_id, parse_global_id, NodeKind},
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
        let db = db(ctx)?;
        let scope = access::nomination_scope(db, viewer(ctx)?).await?;
        Ok(scope
            .apply(nomination::Entity::find())
            .filter(nomination::Column::DossierId.eq(self.0.id))
            .order_by_asc(nomination::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(Nomination)
            .collect())
    }
    /// The username of the board's officer who holds it.
    async fn assignee(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        username(ctx, self.0.assignee_user_id).await
    }
    /// Every step, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> AppResult<Vec<DossierEvent>> {
        let rows = dossier_event::Entity::find()
            .filter(dossier_event::Column::DossierId.eq(self.0.id))
            .order_by_asc(dossier_event::Column::Id)
            .all(db(ctx)?)
            .await?;
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
        let events = dossier_event::Entity::find()
            .filter(dossier_event::Column::DossierId.eq(self.0.id))
            .order_by_desc(dossier_event::Column::Id)
            .all(db(ctx)?)
            .await?;
        // The step that brought it into its status last.
        let since = events
            .iter()
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
