//! The GraphQL face of awards' writes that stand on their own: `recordAward` (history from
//! before the system), `revokeAward`, `recordInitiative`; thin wrappers around
//! [`super::records`], each run as one write by [`crate::work::run`].

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use entity::{enums, initiative};

use super::{
    graphql::{Award, CommendationKind, RecipientCategory},
    records,
};
use crate::{
    access::{self, Action},
    api::{
        context::{run, viewer},
        ids::{parse_global_id, NodeKind},
        inputs,
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    error::{AppError, AppResult},
};
/// A decision given with a recorded award.
#[derive(InputObject)]
pub struct DecisionInput {
    /// Its number, `{n}/QĐ-{issuer}`.
    number: String,
    /// The unit that issued it (e.g. the People's Committee).
    issuer_code: String,
    /// The day it was signed.
    signed_on: Date,
    /// Who signed it.
    signer_name: String,
    /// The signer's title.
    signer_title: String,
}

/// Input of `recordAward`.
#[derive(InputObject)]
pub struct RecordAwardInput {
    /// The award type.
    award_type_code: String,
    /// The person or unit (global ID).
    recipient_id: ID,
    /// The year of the achievement.
    year: i32,
    /// The kind of commendation; regular by default.
    kind: Option<CommendationKind>,
    /// The decision that conferred it, if known.
    decision: Option<DecisionInput>,
    /// The recipient's category on the day; read from their title or kind when not given.
    recipient_category: Option<RecipientCategory>,
}

/// Result of `recordAward`.
#[derive(SimpleObject, Default)]
pub struct RecordAwardPayload {
    /// The recorded award.
    award: Option<Award>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Input of `revokeAward`.
#[derive(InputObject)]
pub struct RevokeAwardInput {
    /// The award (global ID).
    award_id: ID,
    /// The Law's ground.
    ground: RevocationGround,
    /// Why it is revoked: what was found.
    reason: String,
    /// The day it is revoked.
    revoked_on: Date,
    /// The number of the revoking decision.
    revoking_decision_number: String,
}

/// Why an award is revoked (the Law on Emulation and Commendation 2022, chapter VII).
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "entity::enums::RevocationGround")]
pub enum RevocationGround {
    /// False declaration of achievements (khai man thành tích).
    FalseDeclaration,
    /// Forged documents in the dossier (giả mạo hồ sơ).
    ForgedDocuments,
    /// Proposed or approved against the law (đề nghị, xét duyệt, quyết định trái pháp luật).
    UnlawfulApproval,
    /// Its standards found unmet afterwards (không đủ tiêu chuẩn).
    StandardsNotMet,
}

/// Result of `revokeAward`.
#[derive(SimpleObject, Default)]
pub struct RevokeAwardPayload {
    /// The award, marked revoked.
    award: Option<Award>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

/// The scope an initiative is recognised at.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::InitiativeScope")]
pub enum InitiativeScope {
    /// Recognised by the unit's council (cấp cơ sở).
    Unit,
    /// Recognised at the province's level (cấp tỉnh).
    Provincial,
    /// Recognised nationally (toàn quốc).
    National,
}

/// What an initiative record is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::InitiativeKind")]
pub enum InitiativeKind {
    /// An initiative recognised by a council (sáng kiến).
    Initiative,
    /// An accepted scientific research project (đề tài khoa học đã nghiệm thu).
    ResearchProject,
}

/// An initiative (sáng kiến) of a person, recognised at a scope.
pub struct Initiative(pub initiative::Model);

/// An initiative (sáng kiến) of a person, recognised at a scope by a decision.
#[Object]
impl Initiative {
    /// Its title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The scope it was recognised at.
    async fn scope(&self) -> InitiativeScope {
        self.0.scope.into()
    }
    /// An initiative, or an accepted research project.
    async fn kind(&self) -> InitiativeKind {
        self.0.kind.into()
    }
    /// The year it was recognised.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The number of the recognising decision.
    async fn recognised_by(&self) -> Option<&str> {
        self.0.recognised_by.as_deref()
    }
    /// The day it was recognised.
    async fn recognised_on(&self) -> Option<Date> {
        self.0.recognised_on.map(Date)
    }
}

/// Input of `recordInitiative`.
#[derive(InputObject)]
pub struct RecordInitiativeInput {
    /// The person (global ID).
    person_id: ID,
    /// Its title.
    title: String,
    /// The scope it was recognised at.
    scope: InitiativeScope,
    /// An initiative (the default) or an accepted research project.
    kind: Option<InitiativeKind>,
    /// The year it was recognised.
    year: i32,
    /// The number of the recognising decision.
    recognised_by: Option<String>,
    /// The day it was recognised.
    recognised_on: Option<Date>,
}

/// Result of `recordInitiative`.
#[derive(SimpleObject, Default)]
pub struct RecordInitiativePayload {
    /// The recorded initiative.
    initiative: Option<Initiative>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Mutations of awards.
#[derive(Default)]
pub struct AwardsMutation;

#[Object]
impl AwardsMutation {
    /// Records an award decided before the system (the board of the recipient's province),
    /// with the same duplicate checks as a decision.
    async fn record_award(
        &self,
        ctx: &Context<'_>,
        input: RecordAwardInput,
    ) -> AppResult<RecordAwardPayload> {
        let viewer = viewer(ctx)?;
        // A viewer with no right at all hears FORBIDDEN before anything about its input.
        access::require_some(viewer, Action::RecordAwardHistory)?;
        let outcome = run(ctx, async |work| {
            let past = records::PastAward {
                award_type_code: input.award_type_code,
                recipient: inputs::recipient(work.txn(), viewer, &input.recipient_id).await?,
                year: input.year,
                kind: input
                    .kind
                    .map_or(enums::CommendationKind::Regular, Into::into),
                decision: input.decision.map(|d| records::DecisionDetails {
                    number: d.number,
                    issuer_code: d.issuer_code,
                    signed_on: d.signed_on.0,
                    signer_name: d.signer_name,
                    signer_title: d.signer_title,
                }),
                category: input.recipient_category.map(Into::into),
            };
            records::record_award(work, viewer, past).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => RecordAwardPayload {
                award: access::see_award(viewer, row).map(Award),
                user_errors: Vec::new(),
            },
            Err(problems) => RecordAwardPayload {
                award: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Revokes an award, by the authority that decided it (a unit's own award by those who
    /// sign for the unit; a provincial one by the board signing for the People's Committee;
    /// a central one recorded by the board): it is kept, marked revoked with its ground,
    /// reason, date, revoking decision and the money to recover, left out of `awards` unless
    /// `includeRevoked`, and no longer counts for eligibility; the awards whose eligibility
    /// used it are flagged for review (`Award.dependents`).
    async fn revoke_award(
        &self,
        ctx: &Context<'_>,
        input: RevokeAwardInput,
    ) -> AppResult<RevokeAwardPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::RevokeAward)
            .or_else(|_| access::require_some(viewer, Action::DecideUnitAward))?;
        let revocation = records::Revocation {
            ground: input.ground.into(),
            award_id: match parse_global_id(&input.award_id)? {
                (NodeKind::Award, id) => id,
                _ => {
                    return Err(AppError::bad_input(crate::tr!(
                        "`awardId` is not an award's ID",
                        "`awardId` không phải là ID của một khen thưởng"
                    )))
                }
            },
            reason: input.reason,
            revoked_on: input.revoked_on.0,
            revoking_decision_number: input.revoking_decision_number,
        };
        let outcome = run(ctx, async |work| {
            records::revoke_award(work, viewer, revocation).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => RevokeAwardPayload {
                award: access::see_award(viewer, row).map(Award),
                user_errors: Vec::new(),
            },
            Err(problems) => RevokeAwardPayload {
                award: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Records a person's initiative: at unit scope by the unit's officers or the board, at
    /// provincial or national scope by the board.
    async fn record_initiative(
        &self,
        ctx: &Context<'_>,
        input: RecordInitiativeInput,
    ) -> AppResult<RecordInitiativePayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, records::initiative_action(input.scope.into()))?;
        let new = records::NewInitiative {
            person_id: match parse_global_id(&input.person_id)? {
                (NodeKind::Person, id) => id,
                _ => {
                    return Err(AppError::bad_input(crate::tr!(
                        "`personId` is not a person's ID",
                        "`personId` không phải là ID của một cá nhân"
                    )))
                }
            },
            title: input.title,
            scope: input.scope.into(),
            kind: input
                .kind
                .map_or(enums::InitiativeKind::Initiative, Into::into),
            year: input.year,
            recognised_by: input.recognised_by,
            recognised_on: input.recognised_on.map(|d| d.0),
        };
        let outcome = run(ctx, async |work| {
            records::record_initiative(work, viewer, new).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => RecordInitiativePayload {
                initiative: Some(Initiative(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => RecordInitiativePayload {
                initiative: None,
                user_errors: user_errors(problems),
            },
        })
    }
}
