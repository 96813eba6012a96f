//! The GraphQL face of nominations and decisions: `Nomination`, `nominations(filter)`, the
//! workflow's mutations, `issueDecision`, and `nominationUpdated(unitCode)`.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, Subscription, ID};
use entity::{enums, nomination, person, unit};
use futures_util::Stream;
use sea_orm::{sea_query::Query, ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::{
    graphql::{
        recipient, Award, AwardType, CommendationKind, Decision, EligibilityReport, Recipient,
    },
    workflow::{self, NewDecision, NewNomination, Step},
};
use crate::{
    access::{self, Seen},
    api::{
        context::{db, loaders, run, viewer},
        ids::{global_id, parse_global_id, NodeKind},
        inputs,
        paging::{fetch_page, Conn, PageArgs},
        scalars::{Date, DateTime},
        user_errors::{user_errors, UserError},
    },
    clusters::graphql::ClusterYear,
    error::{AppError, AppResult, Outcome},
    organisation::graphql::Unit,
    text,
    work::Events,
};

/// Where a nomination is in its workflow.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::NominationStatus")]
pub enum NominationStatus {
    /// Being prepared by its author.
    Draft,
    /// Sent to the decider.
    Submitted,
    /// Sent back for completion, with a reason.
    Returned,
    /// Approved; waiting for the decision.
    Approved,
    /// Refused, with a reason.
    Rejected,
    /// Conferred by a numbered decision.
    Decided,
    /// Withdrawn by its author before a decision.
    Withdrawn,
    /// Approved by the province and proposed upward (national awards), waiting for the
    /// central decision.
    ProposedUpward,
}

/// One step of a nomination's history.
#[derive(SimpleObject)]
pub struct NominationEventView {
    /// When.
    at: DateTime,
    /// Who (a username, or "system").
    actor: String,
    /// The status before (null when created).
    from: Option<NominationStatus>,
    /// The status after.
    to: NominationStatus,
    /// The comment: a reason, a justification, the decision.
    comment: Option<String>,
}

/// A nomination dossier (hồ sơ đề nghị khen thưởng), as `access` let the viewer see it.
pub struct Nomination(pub Seen<nomination::Model>);

/// A nomination dossier (hồ sơ đề nghị khen thưởng): what is proposed for whom, why, the
/// eligibility report, and its history.
#[Object]
impl Nomination {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Nomination, self.0.id)
    }
    /// The kind of commendation proposed.
    async fn kind(&self) -> CommendationKind {
        self.0.commendation_kind.into()
    }
    /// The award type proposed.
    async fn award_type(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        Ok(loaders(ctx)?
            .award_type
            .load_one(self.0.award_type_id)
            .await?
            .map(AwardType))
    }
    /// The person or unit proposed.
    async fn recipient(&self, ctx: &Context<'_>) -> AppResult<Option<Recipient>> {
        recipient(ctx, self.0.recipient_person_id, self.0.recipient_unit_id).await
    }
    /// The year of the achievement.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The unit that proposed it.
    async fn proposed_by(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.proposed_by_unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The cluster year whose ranking proposed it, for cluster proposals.
    async fn proposed_by_cluster_year(&self, ctx: &Context<'_>) -> AppResult<Option<ClusterYear>> {
        let Some(id) = self.0.proposed_by_cluster_year_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?
            .cluster_year
            .load_one(id)
            .await?
            .map(ClusterYear))
    }
    /// Where it is in the workflow.
    async fn status(&self) -> NominationStatus {
        self.0.status.into()
    }
    /// The achievements (tóm tắt thành tích).
    async fn achievements(&self) -> &str {
        &self.0.achievements
    }
    /// The basis (tờ trình, căn cứ).
    async fn basis(&self) -> Option<&str> {
        self.0.basis.as_deref()
    }
    /// Why it is proposed although its eligibility check fails.
    async fn justification(&self) -> Option<&str> {
        self.0.justification.as_deref()
    }
    /// The dossier it is part of, if the viewer may read it.
    async fn dossier(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<crate::dossiers::graphql::Dossier>> {
        let Some(id) = self.0.dossier_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?
            .dossier_in_scope(viewer(ctx)?, id)
            .await?
            .map(|seen| crate::dossiers::graphql::Dossier(seen.into_inner())))
    }
    /// The eligibility report as last checked (when created and when submitted).
    async fn eligibility(&self) -> Option<EligibilityReport> {
        let stored: serde_json::Value =
            serde_json::from_str(self.0.eligibility_report.as_deref()?).ok()?;
        EligibilityReport::stored(&stored)
    }
    /// Every transition, oldest first: who, when, from, to, comment.
    async fn history(&self, ctx: &Context<'_>) -> AppResult<Vec<NominationEventView>> {
        let loaders = loaders(ctx)?;
        let events = loaders
            .nomination_history
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let users: std::collections::HashMap<i32, String> = loaders
            .user
            .load_many(events.iter().filter_map(|e| e.actor_user_id))
            .await?
            .into_iter()
            .map(|(id, u)| (id, u.username))
            .collect();
        Ok(events
            .into_iter()
            .map(|e| NominationEventView {
                at: DateTime(e.at),
                actor: e
                    .actor_user_id
                    .and_then(|id| users.get(&id).cloned())
                    .unwrap_or_else(|| "system".into()),
                from: e.from_status.map(Into::into),
                to: e.to_status.into(),
                comment: e.comment,
            })
            .collect())
    }
    /// The decision that conferred it.
    async fn decision(&self, ctx: &Context<'_>) -> AppResult<Option<Decision>> {
        let Some(id) = self.0.decision_id else {
            return Ok(None);
        };
        Ok(crate::api::context::loaders(ctx)?
            .decision
            .load_one(id)
            .await?
            .map(Decision))
    }
    /// Version for optimistic concurrency.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// Filter of `nominations`.
#[derive(InputObject, Default)]
pub struct NominationFilter {
    /// Only in this status.
    status: Option<NominationStatus>,
    /// Only of this year.
    year: Option<crate::api::scalars::Year>,
    /// Only by or for this unit (its people included).
    unit_code: Option<String>,
    /// Only for this award type.
    award_type_code: Option<String>,
}

/// Root fields of nominations.
#[derive(Default)]
pub struct NominationsQuery;

#[Object]
impl NominationsQuery {
    /// Nominations the viewer may read, in order of creation: by or for its unit (unit
    /// officers), those its cluster years produced (heads), all of its province (the board).
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn nominations(
        &self,
        ctx: &Context<'_>,
        filter: Option<NominationFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Nomination>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let db = db(ctx)?;
        let f = filter.unwrap_or_default();
        let scope = access::nomination_scope(db, viewer(ctx)?).await?;
        let mut select = nomination::Entity::find();
        if let Some(status) = f.status {
            select =
                select.filter(nomination::Column::Status.eq(enums::NominationStatus::from(status)));
        }
        if let Some(year) = f.year {
            select = select.filter(nomination::Column::Year.eq(year));
        }
        if let Some(code) = f.unit_code {
            let units = Query::select()
                .column(unit::Column::Id)
                .from(unit::Entity)
                .and_where(unit::Column::Code.eq(text::nfc(&code)))
                .to_owned();
            let people = Query::select()
                .column(person::Column::Id)
                .from(person::Entity)
                .and_where(person::Column::UnitId.in_subquery(units.clone()))
                .to_owned();
            select = select.filter(
                Condition::any()
                    .add(nomination::Column::ProposedByUnitId.in_subquery(units.clone()))
                    .add(nomination::Column::RecipientUnitId.in_subquery(units))
                    .add(nomination::Column::RecipientPersonId.in_subquery(people)),
            );
        }
        if let Some(code) = f.award_type_code {
            select = select.filter(
                nomination::Column::AwardTypeId.in_subquery(
                    Query::select()
                        .column(entity::award_type::Column::Id)
                        .from(entity::award_type::Entity)
                        .and_where(entity::award_type::Column::Code.eq(text::nfc(&code)))
                        .to_owned(),
                ),
            );
        }
        fetch_page(
            db,
            scope.apply(select),
            nomination::Column::Id,
            |n| n.id,
            Nomination,
            page,
        )
        .await
    }
}

/// A nomination the viewer may read, by id (for `node`).
pub async fn visible(ctx: &Context<'_>, id: i32) -> AppResult<Option<Nomination>> {
    let db = db(ctx)?;
    Ok(access::nomination_scope(db, viewer(ctx)?)
        .await?
        .find(db, id)
        .await?
        .map(Nomination))
}

/// Input of `createNomination`.
#[derive(InputObject)]
pub struct CreateNominationInput {
    /// The award type proposed.
    award_type_code: String,
    /// The person or unit proposed (global ID).
    recipient_id: ID,
    /// The year of the achievement.
    year: i32,
    /// The kind of commendation proposed; regular by default.
    kind: Option<CommendationKind>,
    /// The achievements (tóm tắt thành tích).
    achievements: String,
    /// The basis (tờ trình, căn cứ).
    basis: Option<String>,
    /// Why it is proposed although its eligibility check fails.
    justification: Option<String>,
}

/// Names a nomination, with an optional comment.
#[derive(InputObject)]
pub struct NominationStepInput {
    /// The nomination (global ID).
    id: ID,
    /// A comment for the history (for submitting: a justification).
    comment: Option<String>,
}

/// Names a nomination, with the reason required.
#[derive(InputObject)]
pub struct NominationReasonInput {
    /// The nomination (global ID).
    id: ID,
    /// Why: kept in the history.
    reason: String,
}

macro_rules! nomination_payload {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(SimpleObject, Default)]
        pub struct $name {
            /// The nomination as it is now.
            nomination: Option<Nomination>,
            /// Why nothing was changed.
            user_errors: Vec<UserError>,
        }

        impl From<Outcome<Option<Seen<nomination::Model>>>> for $name {
            fn from(outcome: Outcome<Option<Seen<nomination::Model>>>) -> Self {
                match outcome {
                    Ok(n) => $name {
                        nomination: n.map(Nomination),
                        user_errors: Vec::new(),
                    },
                    Err(problems) => $name {
                        nomination: None,
                        user_errors: user_errors(problems),
                    },
                }
            }
        }
    };
}

nomination_payload!(CreateNominationPayload, "Result of `createNomination`.");
nomination_payload!(SubmitNominationPayload, "Result of `submitNomination`.");
nomination_payload!(ReturnNominationPayload, "Result of `returnNomination`.");
nomination_payload!(ApproveNominationPayload, "Result of `approveNomination`.");
nomination_payload!(RejectNominationPayload, "Result of `rejectNomination`.");
nomination_payload!(WithdrawNominationPayload, "Result of `withdrawNomination`.");

/// Input of `issueDecision`.
#[derive(InputObject)]
pub struct IssueDecisionInput {
    /// The number, `{n}/QĐ-{issuer}`, unique per issuer.
    number: String,
    /// The issuing unit (a unit for its own awards; the People's Committee for provincial ones).
    issuer_code: String,
    /// The day it was signed.
    signed_on: Date,
    /// Who signed it.
    signer_name: String,
    /// The signer's title.
    signer_title: String,
    /// The APPROVED nominations it decides (global IDs).
    nomination_ids: Vec<ID>,
}

/// Input of `proposeUpward`.
#[derive(InputObject)]
pub struct ProposeUpwardInput {
    /// The province that proposes.
    province_code: String,
    /// The province's submission number, e.g. "45/TTr-UBND".
    number: String,
    /// The day the submission was signed.
    submitted_on: Date,
    /// The APPROVED nominations of national awards it sends up (global IDs).
    nomination_ids: Vec<ID>,
}

/// Result of `proposeUpward`.
#[derive(SimpleObject, Default)]
pub struct ProposeUpwardPayload {
    /// The nominations as sent up (PROPOSED_UPWARD).
    nominations: Vec<Nomination>,
    /// Why nothing was sent.
    user_errors: Vec<UserError>,
}

/// Input of `recordCentralDecision`.
#[derive(InputObject)]
pub struct RecordCentralDecisionInput {
    /// The central body that decided (`TW-CHINH-PHU` for the Prime Minister's awards,
    /// `TW-CHU-TICH-NUOC` for the President's).
    issuer_code: String,
    /// The decision's number, e.g. "1234/QĐ-TTg".
    number: String,
    /// The day it was signed.
    signed_on: Date,
    /// Who signed it.
    signer_name: String,
    /// The signer's title.
    signer_title: String,
    /// The nominations it rewarded (PROPOSED_UPWARD; global IDs).
    rewarded_nomination_ids: Vec<ID>,
    /// The nominations sent up that it did not reward (they become REJECTED).
    #[graphql(default)]
    not_rewarded_nomination_ids: Vec<ID>,
}

/// Result of `issueDecision` and `recordCentralDecision`.
#[derive(SimpleObject, Default)]
pub struct IssueDecisionPayload {
    /// The decision.
    decision: Option<Decision>,
    /// The awards it created, one per nomination.
    awards: Vec<Award>,
    /// Why nothing was written.
    user_errors: Vec<UserError>,
}

fn nomination_id(id: &ID) -> AppResult<i32> {
    match parse_global_id(id)? {
        (NodeKind::Nomination, id) => Ok(id),
        _ => {
            let id = id.as_str();
            Err(AppError::bad_input(crate::tr!(
                "`{id}` is not a nomination's ID",
                "`{id}` không phải là ID của một hồ sơ đề nghị khen thưởng"
            )))
        }
    }
}

/// The nomination a successful write left, read back through the viewer's scope for the
/// payload (after the commit).
async fn seen(
    ctx: &Context<'_>,
    outcome: Outcome<nomination::Model>,
) -> AppResult<Outcome<Option<Seen<nomination::Model>>>> {
    let n = match outcome {
        Ok(n) => n,
        Err(problems) => return Ok(Err(problems)),
    };
    let db = db(ctx)?;
    Ok(Ok(access::nomination_scope(db, viewer(ctx)?)
        .await?
        .find(db, n.id)
        .await?))
}

async fn step(
    ctx: &Context<'_>,
    id: &ID,
    step: Step,
    comment: Option<String>,
) -> AppResult<Outcome<Option<Seen<nomination::Model>>>> {
    let id = nomination_id(id)?;
    let viewer = viewer(ctx)?;
    let outcome = run(ctx, async |work| {
        workflow::take(work, viewer, id, step, comment).await
    })
    .await?;
    seen(ctx, outcome).await
}

/// Mutations of nominations and decisions.
#[derive(Default)]
pub struct NominationsMutation;

#[Object]
impl NominationsMutation {
    /// Creates a nomination (DRAFT) for the unit, its people or sub-units (its officers), or
    /// anything of the province (the board), with its eligibility report. A recipient holds
    /// at most one open nomination per award type and year.
    async fn create_nomination(
        &self,
        ctx: &Context<'_>,
        input: CreateNominationInput,
    ) -> AppResult<CreateNominationPayload> {
        let viewer = viewer(ctx)?;
        let outcome = run(ctx, async |work| {
            let recipient = inputs::recipient(work.txn(), viewer, &input.recipient_id).await?;
            let new = NewNomination {
                award_type_code: input.award_type_code,
                recipient,
                year: input.year,
                kind: input
                    .kind
                    .map_or(entity::enums::CommendationKind::Regular, Into::into),
                achievements: input.achievements,
                basis: input.basis,
                justification: input.justification,
            };
            workflow::create(work, viewer, new).await
        })
        .await?;
        Ok(seen(ctx, outcome).await?.into())
    }

    /// DRAFT or RETURNED → SUBMITTED (its author side). A nomination whose eligibility check
    /// fails is submitted only with a written justification.
    async fn submit_nomination(
        &self,
        ctx: &Context<'_>,
        input: NominationStepInput,
    ) -> AppResult<SubmitNominationPayload> {
        Ok(step(ctx, &input.id, Step::Submit, input.comment)
            .await?
            .into())
    }

    /// SUBMITTED → RETURNED for completion, with a reason (the decider).
    async fn return_nomination(
        &self,
        ctx: &Context<'_>,
        input: NominationReasonInput,
    ) -> AppResult<ReturnNominationPayload> {
        Ok(step(ctx, &input.id, Step::Return, Some(input.reason))
            .await?
            .into())
    }

    /// SUBMITTED → APPROVED (the decider: the unit's officers for awards the unit's head
    /// confers, the board for wider ones).
    async fn approve_nomination(
        &self,
        ctx: &Context<'_>,
        input: NominationStepInput,
    ) -> AppResult<ApproveNominationPayload> {
        Ok(step(ctx, &input.id, Step::Approve, input.comment)
            .await?
            .into())
    }

    /// SUBMITTED → REJECTED, with a reason (the decider).
    async fn reject_nomination(
        &self,
        ctx: &Context<'_>,
        input: NominationReasonInput,
    ) -> AppResult<RejectNominationPayload> {
        Ok(step(ctx, &input.id, Step::Reject, Some(input.reason))
            .await?
            .into())
    }

    /// Withdraws a nomination before a decision (its author).
    async fn withdraw_nomination(
        &self,
        ctx: &Context<'_>,
        input: NominationStepInput,
    ) -> AppResult<WithdrawNominationPayload> {
        Ok(step(ctx, &input.id, Step::Withdraw, input.comment)
            .await?
            .into())
    }

    /// Sends APPROVED nominations of national awards up to the central level with the
    /// province's submission (the board): each becomes PROPOSED_UPWARD.
    async fn propose_upward(
        &self,
        ctx: &Context<'_>,
        input: ProposeUpwardInput,
    ) -> AppResult<ProposeUpwardPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, access::Action::ProposeUpward)?;
        let new = super::upward::NewProposal {
            province_code: input.province_code,
            number: input.number,
            submitted_on: input.submitted_on.0,
            nomination_ids: input
                .nomination_ids
                .iter()
                .map(nomination_id)
                .collect::<AppResult<Vec<i32>>>()?,
        };
        let outcome = run(ctx, async |work| {
            super::upward::propose(work, viewer, new).await
        })
        .await?;
        match outcome {
            Ok((_, sent)) => {
                let db = db(ctx)?;
                let scope = access::nomination_scope(db, viewer).await?;
                let mut nominations = Vec::new();
                for n in sent {
                    if let Some(seen) = scope.find(db, n.id).await? {
                        nominations.push(Nomination(seen));
                    }
                }
                Ok(ProposeUpwardPayload {
                    nominations,
                    user_errors: Vec::new(),
                })
            }
            Err(problems) => Ok(ProposeUpwardPayload {
                nominations: Vec::new(),
                user_errors: user_errors(problems),
            }),
        }
    }

    /// Records the central decision on nominations sent up (the board): a decision in the
    /// central body's name and an award for each nominee it rewarded.
    async fn record_central_decision(
        &self,
        ctx: &Context<'_>,
        input: RecordCentralDecisionInput,
    ) -> AppResult<IssueDecisionPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, access::Action::ProposeUpward)?;
        let ids = |list: &[ID]| {
            list.iter()
                .map(nomination_id)
                .collect::<AppResult<Vec<i32>>>()
        };
        let new = super::upward::CentralDecision {
            issuer_code: input.issuer_code,
            number: input.number,
            signed_on: input.signed_on.0,
            signer_name: input.signer_name,
            signer_title: input.signer_title,
            rewarded: ids(&input.rewarded_nomination_ids)?,
            not_rewarded: ids(&input.not_rewarded_nomination_ids)?,
        };
        let outcome = run(ctx, async |work| {
            super::upward::record_central_decision(work, viewer, new).await
        })
        .await?;
        match outcome {
            Ok((decision, awards)) => Ok(IssueDecisionPayload {
                decision: Some(Decision(decision)),
                awards: awards
                    .into_iter()
                    .filter_map(|a| access::see_award(viewer, a))
                    .map(Award)
                    .collect(),
                user_errors: Vec::new(),
            }),
            Err(problems) => Ok(IssueDecisionPayload {
                user_errors: user_errors(problems),
                ..Default::default()
            }),
        }
    }

    /// Issues a numbered decision and creates one award per APPROVED nomination, all or
    /// nothing.
    async fn issue_decision(
        &self,
        ctx: &Context<'_>,
        input: IssueDecisionInput,
    ) -> AppResult<IssueDecisionPayload> {
        let ids = input
            .nomination_ids
            .iter()
            .map(nomination_id)
            .collect::<AppResult<Vec<i32>>>()?;
        let viewer = viewer(ctx)?;
        let new = NewDecision {
            number: input.number,
            issuer_code: input.issuer_code,
            signed_on: input.signed_on.0,
            signer_name: input.signer_name,
            signer_title: input.signer_title,
            nomination_ids: ids,
        };
        let outcome = run(ctx, async |work| {
            workflow::issue_decision(work, viewer, new).await
        })
        .await?;
        match outcome {
            Ok((decision, awards)) => Ok(IssueDecisionPayload {
                decision: Some(Decision(decision)),
                awards: awards
                    .into_iter()
                    .filter_map(|a| access::see_award(viewer, a))
                    .map(Award)
                    .collect(),
                user_errors: Vec::new(),
            }),
            Err(problems) => Ok(IssueDecisionPayload {
                user_errors: user_errors(problems),
                ..Default::default()
            }),
        }
    }
}

/// Live updates of nominations.
#[derive(Default)]
pub struct NominationsSubscription;

#[Subscription]
impl NominationsSubscription {
    /// Fires on every transition of a nomination by or for this unit (its people included)
    /// that the viewer may read.
    async fn nomination_updated(
        &self,
        ctx: &Context<'_>,
        unit_code: String,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<Nomination>>> {
        Ok(nomination_stream(ctx, unit_code).await?)
    }
}

async fn nomination_stream(
    ctx: &Context<'_>,
    unit_code: String,
) -> AppResult<impl Stream<Item = async_graphql::Result<Nomination>> + use<>> {
    let db = db(ctx)?.clone();
    let unit = crate::organisation::store::find_unit(&db, &text::nfc(&unit_code))
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("unit", "đơn vị")))?;
    let viewer = viewer(ctx)?.clone();
    let loaders = loaders(ctx)?.clone();
    let events = ctx
        .data_opt::<Events>()
        .ok_or_else(|| AppError::internal(&std::io::Error::other("no live events")))?
        .nominations
        .subscribe();
    Ok(futures_util::stream::unfold(
        (events, db, viewer),
        move |(mut events, db, viewer)| {
            let loaders = loaders.clone();
            async move {
                loop {
                    match events.recv().await {
                        Ok(event) if event.unit_ids.contains(&unit.id) => {
                            let found = match access::nomination_scope(&db, &viewer).await {
                                Ok(scope) => scope
                                    .find(&db, event.nomination_id)
                                    .await
                                    .map_err(AppError::from),
                                Err(e) => Err(AppError::from(e)),
                            };
                            match found {
                                Ok(Some(n)) => {
                                    loaders.clear();
                                    return Some((Ok(Nomination(n)), (events, db, viewer)));
                                }
                                Ok(None) => continue,
                                Err(e) => return Some((Err(e.into()), (events, db, viewer))),
                            }
                        }
                        Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                            continue
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                    }
                }
            }
        },
    ))
}
