//! The GraphQL face of the council: `councilSessions`, `createCouncilSession`,
//! `recordCouncilVote`. Sessions are read by the board of their province (and ADMIN).

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use entity::{council_agenda, council_session, council_vote, dossier, province};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{NewSession, NewVote};
use crate::{
    access::{self, Action},
    api::{
        context::{db, run, viewer},
        ids::{global_id, row_of, NodeKind},
        scalars::{Date, DateTime},
        user_errors::{user_errors, UserError},
    },
    dossiers::graphql::Dossier,
    error::AppResult,
    text,
};

/// A session of a province's emulation and commendation council.
pub struct CouncilSession(pub council_session::Model);

impl CouncilSession {
    /// Session `id`, if the viewer may read it (the board of its province, ADMIN).
    pub async fn visible(ctx: &Context<'_>, id: i32) -> AppResult<Option<CouncilSession>> {
        let db = db(ctx)?;
        let Some(row) = council_session::Entity::find_by_id(id).one(db).await? else {
            return Ok(None);
        };
        let target =
            access::target::of_province(&access::target::Through(db), Some(row.province_id))
                .await?;
        Ok(access::allows(viewer(ctx)?, Action::ManageCouncil, &target)
            .then_some(CouncilSession(row)))
    }
}

/// A session of a province's emulation and commendation council.
#[Object]
impl CouncilSession {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::CouncilSession, self.0.id)
    }
    /// The day it was held.
    async fn held_on(&self) -> Date {
        Date(self.0.held_on)
    }
    /// The council, e.g. "Hội đồng Thi đua – Khen thưởng tỉnh Cà Mau".
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// The members present, by name.
    async fn members(&self) -> Vec<String> {
        super::members(&self.0)
    }
    /// The dossiers on the agenda.
    async fn agenda(&self, ctx: &Context<'_>) -> AppResult<Vec<Dossier>> {
        let db = db(ctx)?;
        let ids: Vec<i32> = council_agenda::Entity::find()
            .filter(council_agenda::Column::SessionId.eq(self.0.id))
            .order_by_asc(council_agenda::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.dossier_id)
            .collect();
        let scope = access::dossier_scope(db, viewer(ctx)?).await?;
        Ok(scope
            .apply(dossier::Entity::find())
            .filter(dossier::Column::Id.is_in(ids))
            .order_by_asc(dossier::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|d| Dossier(d.into_inner()))
            .collect())
    }
    /// The votes recorded, one per nominee.
    async fn votes(&self, ctx: &Context<'_>) -> AppResult<Vec<CouncilVote>> {
        Ok(council_vote::Entity::find()
            .filter(council_vote::Column::SessionId.eq(self.0.id))
            .order_by_asc(council_vote::Column::Id)
            .all(db(ctx)?)
            .await?
            .into_iter()
            .map(CouncilVote::from)
            .collect())
    }
    /// The minutes (biên bản), as text.
    async fn minutes(&self) -> Option<&str> {
        self.0.minutes.as_deref()
    }
    /// Its files: the signed minutes (`COUNCIL_MINUTES`), the ballot count, oldest first.
    async fn attachments(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Vec<crate::dossiers::graphql::Attachment>> {
        Ok(
            crate::dossiers::attachments::of_session(db(ctx)?, self.0.id)
                .await?
                .into_iter()
                .map(crate::dossiers::graphql::Attachment)
                .collect(),
        )
    }
}

/// The council's vote on one nominee.
#[derive(SimpleObject)]
pub struct CouncilVote {
    /// The nomination (global ID).
    nomination_id: ID,
    /// Votes for.
    votes_for: i32,
    /// Votes against.
    votes_against: i32,
    /// Abstentions.
    abstentions: i32,
    /// When it was recorded.
    recorded_at: DateTime,
}

impl From<council_vote::Model> for CouncilVote {
    fn from(v: council_vote::Model) -> Self {
        CouncilVote {
            nomination_id: global_id(NodeKind::Nomination, v.nomination_id),
            votes_for: v.votes_for,
            votes_against: v.votes_against,
            abstentions: v.abstentions,
            recorded_at: DateTime(v.recorded_at),
        }
    }
}

/// Filter of `councilSessions`.
#[derive(InputObject, Default)]
pub struct CouncilSessionFilter {
    /// Sessions of this province.
    province_code: Option<String>,
}

/// Reads of the council.
#[derive(Default)]
pub struct CouncilQuery;

#[Object]
impl CouncilQuery {
    /// The council sessions the viewer may read (the board of their province, ADMIN), the
    /// latest first.
    async fn council_sessions(
        &self,
        ctx: &Context<'_>,
        filter: Option<CouncilSessionFilter>,
    ) -> AppResult<Vec<CouncilSession>> {
        let db = db(ctx)?;
        let viewer = viewer(ctx)?;
        let mut select = council_session::Entity::find();
        if let Some(code) = filter.unwrap_or_default().province_code {
            let p = province::Entity::find()
                .filter(province::Column::Code.eq(text::nfc(code.trim())))
                .one(db)
                .await?;
            select = select.filter(council_session::Column::ProvinceId.eq(p.map_or(-1, |p| p.id)));
        }
        let rows = select
            .order_by_desc(council_session::Column::HeldOn)
            .order_by_desc(council_session::Column::Id)
            .all(db)
            .await?;
        // The viewer's right, once per province.
        let mut allowed = std::collections::HashMap::new();
        let mut seen = Vec::new();
        for row in rows {
            let may = match allowed.get(&row.province_id) {
                Some(may) => *may,
                None => {
                    let target = access::target::of_province(
                        &access::target::Through(db),
                        Some(row.province_id),
                    )
                    .await?;
                    let may = access::allows(viewer, Action::ManageCouncil, &target);
                    allowed.insert(row.province_id, may);
                    may
                }
            };
            if may {
                seen.push(CouncilSession(row));
            }
        }
        Ok(seen)
    }
}

/// Input of `createCouncilSession`.
#[derive(InputObject)]
pub struct CreateCouncilSessionInput {
    /// The province whose council meets.
    province_code: String,
    /// The day.
    held_on: Date,
    /// The council's name.
    body: String,
    /// The members present, by name.
    members: Vec<String>,
    /// The submitted dossiers on the agenda (global IDs).
    dossier_ids: Vec<ID>,
    /// The minutes.
    minutes: Option<String>,
}

/// Result of `createCouncilSession`.
#[derive(SimpleObject, Default)]
pub struct CreateCouncilSessionPayload {
    /// The session recorded.
    session: Option<CouncilSession>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Input of `recordCouncilVote`.
#[derive(InputObject)]
pub struct RecordCouncilVoteInput {
    /// The session (global ID).
    session_id: ID,
    /// The nominee's nomination (global ID), in a dossier on the agenda.
    nomination_id: ID,
    /// Votes for.
    votes_for: i32,
    /// Votes against.
    votes_against: i32,
    /// Abstentions.
    abstentions: i32,
}

/// Result of `recordCouncilVote`.
#[derive(SimpleObject, Default)]
pub struct RecordCouncilVotePayload {
    /// The vote as recorded.
    vote: Option<CouncilVote>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Writes of the council: the board of the province.
#[derive(Default)]
pub struct CouncilMutation;

#[Object]
impl CouncilMutation {
    /// Records a session of the province's council: the day, the members present, the
    /// submitted dossiers on its agenda and the minutes.
    async fn create_council_session(
        &self,
        ctx: &Context<'_>,
        input: CreateCouncilSessionInput,
    ) -> AppResult<CreateCouncilSessionPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageCouncil)?;
        let dossier_ids = input
            .dossier_ids
            .iter()
            .map(|id| row_of(id, NodeKind::Dossier, "dossierIds"))
            .collect::<AppResult<Vec<i32>>>()?;
        let new = NewSession {
            province_code: input.province_code,
            held_on: input.held_on.0,
            body: input.body,
            members: input.members,
            dossier_ids,
            minutes: input.minutes,
        };
        let outcome = run(ctx, async |work| {
            super::create_session(work, viewer, new).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => CreateCouncilSessionPayload {
                session: Some(CouncilSession(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => CreateCouncilSessionPayload {
                session: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Records (or corrects) the session's vote on one nominee.
    async fn record_council_vote(
        &self,
        ctx: &Context<'_>,
        input: RecordCouncilVoteInput,
    ) -> AppResult<RecordCouncilVotePayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageCouncil)?;
        let new = NewVote {
            session_id: row_of(&input.session_id, NodeKind::CouncilSession, "sessionId")?,
            nomination_id: row_of(&input.nomination_id, NodeKind::Nomination, "nominationId")?,
            votes_for: input.votes_for,
            votes_against: input.votes_against,
            abstentions: input.abstentions,
        };
        let outcome = run(ctx, async |work| {
            super::record_vote(work, viewer, new).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => RecordCouncilVotePayload {
                vote: Some(row.into()),
                user_errors: Vec::new(),
            },
            Err(problems) => RecordCouncilVotePayload {
                vote: None,
                user_errors: user_errors(problems),
            },
        })
    }
}
