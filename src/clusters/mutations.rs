//! The cluster year's mutations: thin GraphQL wrappers around [`super::cycle`], each run as
//! one write by [`crate::work::run`] (which publishes ranking events after the commit).

use async_graphql::{Context, InputObject, Object, SimpleObject};
use entity::enums::ClusterYearStatus as Status;
use sea_orm::EntityTrait;

use super::{
    cycle::{self, CriterionSpec, NewCluster, Review, ReviewLine, SelfLine, YearRef, YearSetup},
    graphql::{Cluster, ClusterKind, ClusterYear, ScoreSheet},
};
use crate::{
    api::{
        context::{db, run, viewer},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    error::{AppResult, Outcome},
};

/// Input of `createCluster`.
#[derive(InputObject)]
pub struct CreateClusterInput {
    /// Business code, e.g. `HNA-CUM-II`.
    code: String,
    /// Name.
    name: String,
    /// Cluster or bloc.
    kind: ClusterKind,
    /// The province whose units compete; none for clusters that span provinces.
    province_code: Option<String>,
    /// The organiser, when it is a unit of the system (e.g. a national union).
    organiser_unit_code: Option<String>,
    /// The organiser, when it is a body outside the system.
    organiser_name: Option<String>,
}

/// Result of `createCluster`.
#[derive(SimpleObject, Default)]
pub struct CreateClusterPayload {
    /// The new cluster.
    cluster: Option<Cluster>,
    /// Why nothing was created.
    user_errors: Vec<UserError>,
}

macro_rules! year_payload {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(SimpleObject, Default)]
        pub struct $name {
            /// The cluster year as it is now.
            cluster_year: Option<ClusterYear>,
            /// Why nothing was changed.
            user_errors: Vec<UserError>,
        }

        impl From<Outcome<YearRef>> for $name {
            fn from(outcome: Outcome<YearRef>) -> Self {
                match outcome {
                    Ok(y) => $name {
                        cluster_year: Some(ClusterYear(y.year)),
                        user_errors: Vec::new(),
                    },
                    Err(problems) => $name {
                        cluster_year: None,
                        user_errors: user_errors(problems),
                    },
                }
            }
        }
    };
}

year_payload!(SetUpClusterYearPayload, "Result of `setUpClusterYear`.");
year_payload!(
    SetClusterLeadershipPayload,
    "Result of `setClusterLeadership`."
);
year_payload!(SignCovenantPayload, "Result of `signCovenant`.");
year_payload!(OpenScoringPayload, "Result of `openScoring`.");
year_payload!(StartReviewPayload, "Result of `startReview`.");
year_payload!(FinalizeRankingPayload, "Result of `finalizeRanking`.");
year_payload!(ReopenClusterYearPayload, "Result of `reopenClusterYear`.");

/// Result of `submitSelfAssessment` and `reviewScores`.
macro_rules! sheet_payload {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(SimpleObject, Default)]
        pub struct $name {
            /// The member's sheet as it is now.
            score_sheet: Option<ScoreSheet>,
            /// The year as it is now, with the `version` the next change expects.
            cluster_year: Option<ClusterYear>,
            /// Why nothing was changed.
            user_errors: Vec<UserError>,
        }
    };
}

sheet_payload!(
    SubmitSelfAssessmentPayload,
    "Result of `submitSelfAssessment`."
);
sheet_payload!(ReviewScoresPayload, "Result of `reviewScores`.");

/// Input of `setUpClusterYear`.
#[derive(InputObject)]
pub struct SetUpClusterYearInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
    /// The member units.
    member_codes: Vec<String>,
    /// The head unit (a member).
    head_code: Option<String>,
    /// The deputy head unit (another member).
    deputy_code: Option<String>,
}

/// Input of `setClusterLeadership`.
#[derive(InputObject)]
pub struct SetClusterLeadershipInput {
    /// The cluster.
    cluster_code: String,
    /// The year the leadership is elected for (usually the next one).
    year: i32,
    /// The head unit (a member).
    head_code: Option<String>,
    /// The deputy head unit (another member).
    deputy_code: Option<String>,
}

/// One criterion of `signCovenant`.
#[derive(InputObject)]
pub struct CriterionInput {
    /// Code, e.g. `TC1`.
    code: String,
    /// What is assessed.
    title: String,
    /// The most points a member can get for it.
    max_points: f64,
}

/// Input of `signCovenant`.
#[derive(InputObject)]
pub struct SignCovenantInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
    /// The day the members signed.
    signed_on: Date,
    /// The numbered criteria, in order.
    criteria: Vec<CriterionInput>,
}

/// Names one cluster year.
#[derive(InputObject)]
pub struct ClusterYearInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
}

/// One line of `submitSelfAssessment`.
#[derive(InputObject)]
pub struct SelfAssessmentLineInput {
    /// The criterion.
    criterion_code: String,
    /// Points, between 0 and the criterion's maximum.
    points: f64,
    /// Evidence for the points.
    evidence: Option<String>,
}

/// Input of `submitSelfAssessment`.
#[derive(InputObject)]
pub struct SubmitSelfAssessmentInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
    /// The member assessing itself.
    unit_code: String,
    /// Its lines; submitting again replaces them.
    lines: Vec<SelfAssessmentLineInput>,
}

/// One line of `reviewScores`.
#[derive(InputObject)]
pub struct ReviewLineInput {
    /// The criterion.
    criterion_code: String,
    /// The head's points, between 0 and the criterion's maximum.
    points: f64,
}

/// Input of `reviewScores`.
#[derive(InputObject)]
pub struct ReviewScoresInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
    /// The member whose sheet is reviewed.
    unit_code: String,
    /// Reviewed lines; lines not given keep their points.
    lines: Vec<ReviewLineInput>,
    /// Bonus points (điểm thưởng), with `bonusReason`.
    bonus: Option<f64>,
    /// Why the bonus.
    bonus_reason: Option<String>,
    /// Penalty points (điểm trừ), with `penaltyReason`.
    penalty: Option<f64>,
    /// Why the penalty.
    penalty_reason: Option<String>,
}

/// Input of `finalizeRanking`.
#[derive(InputObject)]
pub struct FinalizeRankingInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
    /// The year's `version` as last read; a stale one is `CONFLICT`.
    expected_version: i32,
    /// Unit codes in the order the head decided, for ties in the first three places.
    tie_break: Option<Vec<String>>,
}

/// Input of `reopenClusterYear`.
#[derive(InputObject)]
pub struct ReopenClusterYearInput {
    /// The cluster.
    cluster_code: String,
    /// The year.
    year: i32,
    /// Why the year is reopened (kept in the audit trail).
    reason: String,
}

/// Looks a year up before any transaction (so that a transaction can start with its write).
async fn year(ctx: &Context<'_>, cluster_code: &str, year: i32) -> AppResult<Outcome<YearRef>> {
    cycle::find_year(db(ctx)?, cluster_code, year).await
}

/// The year a sheet belongs to, read after the write's commit (with its new version).
async fn changed_year(ctx: &Context<'_>, id: i32) -> AppResult<Option<ClusterYear>> {
    Ok(entity::cluster_year::Entity::find_by_id(id)
        .one(db(ctx)?)
        .await?
        .map(ClusterYear))
}

/// Mutations of clusters and their years.
#[derive(Default)]
pub struct ClustersMutation;

#[Object]
impl ClustersMutation {
    /// Creates a cluster or bloc (the board of its province).
    async fn create_cluster(
        &self,
        ctx: &Context<'_>,
        input: CreateClusterInput,
    ) -> AppResult<CreateClusterPayload> {
        let outcome = run(ctx, async |work| {
            cycle::create_cluster(
                work,
                viewer(ctx)?,
                NewCluster {
                    code: input.code,
                    name: input.name,
                    kind: input.kind.into(),
                    province_code: input.province_code,
                    organiser_unit_code: input.organiser_unit_code,
                    organiser_name: input.organiser_name,
                },
            )
            .await
        })
        .await?;
        Ok(match outcome {
            Ok(c) => CreateClusterPayload {
                cluster: Some(Cluster(c)),
                user_errors: Vec::new(),
            },
            Err(p) => CreateClusterPayload {
                cluster: None,
                user_errors: user_errors(p),
            },
        })
    }

    /// Sets a year's members, head and deputy while it is PLANNING (the board). A unit is in
    /// at most one cluster of an organiser a year.
    async fn set_up_cluster_year(
        &self,
        ctx: &Context<'_>,
        input: SetUpClusterYearInput,
    ) -> AppResult<SetUpClusterYearPayload> {
        let outcome = run(ctx, async |work| {
            cycle::set_up_year(
                work,
                viewer(ctx)?,
                YearSetup {
                    cluster_code: input.cluster_code,
                    year: input.year,
                    member_codes: input.member_codes,
                    head_code: input.head_code,
                    deputy_code: input.deputy_code,
                },
            )
            .await
        })
        .await?;
        Ok(outcome.into())
    }

    /// Records the election of a year's head and deputy (the board); the head's rights move
    /// with it. A year not set up yet takes the members of the year before.
    async fn set_cluster_leadership(
        &self,
        ctx: &Context<'_>,
        input: SetClusterLeadershipInput,
    ) -> AppResult<SetClusterLeadershipPayload> {
        let outcome = run(ctx, async |work| {
            cycle::set_leadership(
                work,
                viewer(ctx)?,
                &input.cluster_code,
                input.year,
                input.head_code.as_deref(),
                input.deputy_code.as_deref(),
            )
            .await
        })
        .await?;
        Ok(outcome.into())
    }

    /// Signs the covenant: its date and numbered criteria (the head of the year or the
    /// board). PLANNING or ACTIVE → ACTIVE; refused once scoring has opened.
    async fn sign_covenant(
        &self,
        ctx: &Context<'_>,
        input: SignCovenantInput,
    ) -> AppResult<SignCovenantPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => return Ok(Err(p).into()),
        };
        let criteria = input
            .criteria
            .into_iter()
            .map(|c| CriterionSpec {
                code: c.code,
                title: c.title,
                max_points: c.max_points,
            })
            .collect();
        let outcome = run(ctx, async |work| {
            cycle::sign_covenant(work, viewer(ctx)?, y, input.signed_on.0, criteria).await
        })
        .await?;
        Ok(outcome.into())
    }

    /// Opens self-assessment: ACTIVE → SCORING (the head of the year or the board).
    async fn open_scoring(
        &self,
        ctx: &Context<'_>,
        input: ClusterYearInput,
    ) -> AppResult<OpenScoringPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => return Ok(Err(p).into()),
        };
        let outcome = run(ctx, async |work| {
            cycle::advance(
                work,
                viewer(ctx)?,
                y,
                Status::Active,
                Status::Scoring,
                "openScoring",
            )
            .await
        })
        .await?;
        Ok(outcome.into())
    }

    /// A member's self-assessment while SCORING (its officers or the board); submitting again
    /// replaces it.
    async fn submit_self_assessment(
        &self,
        ctx: &Context<'_>,
        input: SubmitSelfAssessmentInput,
    ) -> AppResult<SubmitSelfAssessmentPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => {
                return Ok(SubmitSelfAssessmentPayload {
                    user_errors: user_errors(p),
                    ..Default::default()
                })
            }
        };
        let lines = input
            .lines
            .into_iter()
            .map(|l| SelfLine {
                criterion_code: l.criterion_code,
                points: l.points,
                evidence: l.evidence,
            })
            .collect();
        let outcome = run(ctx, async |work| {
            cycle::submit_self_assessment(work, viewer(ctx)?, y, &input.unit_code, lines).await
        })
        .await?;
        Ok(match outcome {
            Ok(sheet) => SubmitSelfAssessmentPayload {
                cluster_year: changed_year(ctx, sheet.cluster_year_id).await?,
                score_sheet: Some(ScoreSheet::saved(ctx, sheet).await?),
                user_errors: Vec::new(),
            },
            Err(p) => SubmitSelfAssessmentPayload {
                user_errors: user_errors(p),
                ..Default::default()
            },
        })
    }

    /// Closes self-assessment and opens the review: SCORING → REVIEW (the head of the year
    /// or the board).
    async fn start_review(
        &self,
        ctx: &Context<'_>,
        input: ClusterYearInput,
    ) -> AppResult<StartReviewPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => return Ok(Err(p).into()),
        };
        let outcome = run(ctx, async |work| {
            cycle::advance(
                work,
                viewer(ctx)?,
                y,
                Status::Scoring,
                Status::Review,
                "startReview",
            )
            .await
        })
        .await?;
        Ok(outcome.into())
    }

    /// The head of the year (or the board) reviews one member's sheet while in REVIEW:
    /// reviewed points per line, bonus and penalty with their reasons.
    async fn review_scores(
        &self,
        ctx: &Context<'_>,
        input: ReviewScoresInput,
    ) -> AppResult<ReviewScoresPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => {
                return Ok(ReviewScoresPayload {
                    user_errors: user_errors(p),
                    ..Default::default()
                })
            }
        };
        let review = Review {
            unit_code: input.unit_code,
            lines: input
                .lines
                .into_iter()
                .map(|l| ReviewLine {
                    criterion_code: l.criterion_code,
                    points: l.points,
                })
                .collect(),
            bonus: input.bonus,
            bonus_reason: input.bonus_reason,
            penalty: input.penalty,
            penalty_reason: input.penalty_reason,
        };
        let outcome = run(ctx, async |work| {
            cycle::review_scores(work, viewer(ctx)?, y, review).await
        })
        .await?;
        Ok(match outcome {
            Ok(sheet) => ReviewScoresPayload {
                cluster_year: changed_year(ctx, sheet.cluster_year_id).await?,
                score_sheet: Some(ScoreSheet::saved(ctx, sheet).await?),
                user_errors: Vec::new(),
            },
            Err(p) => ReviewScoresPayload {
                user_errors: user_errors(p),
                ..Default::default()
            },
        })
    }

    /// Finalizes the ranking: REVIEW → FINALIZED (the head of the year or the board). Ranks
    /// by standard competition ranking; a tie in the first three places needs `tieBreak`
    /// (`TIE_UNRESOLVED` otherwise). Creates the proposals: rank 1 for CO_THI_DUA_TINH, ranks 2
    /// and 3 for BANG_KHEN_CHU_TICH_TINH. A stale `expectedVersion` is `CONFLICT`.
    async fn finalize_ranking(
        &self,
        ctx: &Context<'_>,
        input: FinalizeRankingInput,
    ) -> AppResult<FinalizeRankingPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => return Ok(Err(p).into()),
        };
        let outcome = run(ctx, async |work| {
            cycle::finalize(
                work,
                viewer(ctx)?,
                y,
                input.expected_version,
                &input.tie_break.unwrap_or_default(),
            )
            .await
        })
        .await?;
        Ok(outcome.into())
    }

    /// Takes a year back one stage, with a reason (the board). Reopening a finalized year
    /// removes its ranking and withdraws its undecided proposals.
    async fn reopen_cluster_year(
        &self,
        ctx: &Context<'_>,
        input: ReopenClusterYearInput,
    ) -> AppResult<ReopenClusterYearPayload> {
        let y = match year(ctx, &input.cluster_code, input.year).await? {
            Ok(y) => y,
            Err(p) => return Ok(Err(p).into()),
        };
        let outcome = run(ctx, async |work| {
            cycle::reopen(work, viewer(ctx)?, y, &input.reason).await
        })
        .await?;
        Ok(outcome.into())
    }
}
