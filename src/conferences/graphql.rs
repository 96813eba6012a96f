//! The GraphQL face of conferences: `Conference`, `conferences(filter)`, `createConference`.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use entity::{conference, conference_tally, enums, unit};
use sea_orm::{sea_query::Query, ColumnTrait, EntityTrait, QueryFilter};

use super::{NewConference, Tally};
use crate::{
    api::{
        context::{db, loaders, run, viewer},
        ids::{global_id, parse_global_id, NodeKind},
        paging::{fetch_page, Conn, PageArgs},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    awards::graphql::{Award, AwardType},
    error::{AppError, AppResult},
    organisation::graphql::Unit,
    terms::graphql::Term,
    text,
};

/// Kind of conference.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::ConferenceKind")]
pub enum ConferenceKind {
    /// An advanced-model conference (hội nghị điển hình tiên tiến).
    AdvancedModel,
    /// A patriotic emulation congress (đại hội thi đua yêu nước), every five years.
    Congress,
}

/// Given at the conference, or proposed to a higher level.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::TallyKind")]
pub enum TallyKind {
    /// Conferred at the conference.
    Given,
    /// Proposed to a higher level.
    Proposed,
}

/// How many collectives and individuals received, or were proposed for, an award.
pub struct ConferenceTally(pub conference_tally::Model);

/// How many collectives and individuals received, or were proposed for, an award at a
/// conference (when the numbers are known without the names).
#[Object]
impl ConferenceTally {
    /// The award.
    async fn award_type(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        Ok(loaders(ctx)?
            .award_type
            .load_one(self.0.award_type_id)
            .await?
            .map(AwardType))
    }
    /// Given or proposed.
    async fn kind(&self) -> TallyKind {
        self.0.kind.into()
    }
    /// How many collectives.
    async fn collectives(&self) -> i32 {
        self.0.collectives
    }
    /// How many individuals.
    async fn individuals(&self) -> i32 {
        self.0.individuals
    }
}

/// A conference that closes an emulation period.
pub struct Conference(pub conference::Model);

/// A conference (hội nghị điển hình tiên tiến, đại hội thi đua yêu nước) that closes an
/// emulation period, with the awards given there and the proposals sent up.
#[Object]
impl Conference {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Conference, self.0.id)
    }
    /// Kind.
    async fn kind(&self) -> ConferenceKind {
        self.0.kind.into()
    }
    /// Name, e.g. "Hội nghị điển hình tiên tiến lần thứ I, giai đoạn 2020 – 2025".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The day it was held.
    async fn held_on(&self) -> Date {
        Date(self.0.held_on)
    }
    /// The host unit.
    async fn host(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?
            .unit
            .load_one(self.0.host_unit_id)
            .await?
            .map(Unit))
    }
    /// The emulation period it closes.
    async fn period(&self, ctx: &Context<'_>) -> AppResult<Option<Term>> {
        let Some(id) = self.0.term_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.term.load_one(id).await?.map(Term))
    }
    /// What was said, in short.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }
    /// The counts of awards given and proposals sent up.
    async fn tallies(&self, ctx: &Context<'_>) -> AppResult<Vec<ConferenceTally>> {
        let rows = loaders(ctx)?
            .conference_tallies
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(ConferenceTally).collect())
    }
    /// The named awards given there (to persons only for viewers who may see persons).
    async fn awards(&self, ctx: &Context<'_>) -> AppResult<Vec<Award>> {
        let viewer = viewer(ctx)?;
        let awards = loaders(ctx)?
            .conference_awards
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(awards
            .into_iter()
            .filter_map(|row| crate::access::see_award(viewer, row))
            .map(Award)
            .collect())
    }
}

/// Filter of `conferences`.
#[derive(InputObject, Default)]
pub struct ConferenceFilter {
    /// Hosted by this unit.
    host_unit_code: Option<String>,
    /// Of this kind.
    kind: Option<ConferenceKind>,
    /// Held in this year.
    year: Option<crate::api::scalars::Year>,
}

/// One tally of `createConference`.
#[derive(InputObject)]
pub struct TallyInput {
    /// The award.
    award_type_code: String,
    /// Given or proposed.
    kind: TallyKind,
    /// How many collectives.
    collectives: i32,
    /// How many individuals.
    individuals: i32,
}

/// Input of `createConference`.
#[derive(InputObject)]
pub struct CreateConferenceInput {
    /// Kind.
    kind: ConferenceKind,
    /// Name.
    name: String,
    /// The day it was held.
    held_on: Date,
    /// The host unit.
    host_unit_code: String,
    /// The emulation period it closes (global ID of the term).
    period_id: Option<ID>,
    /// What was said, in short.
    summary: Option<String>,
    /// The counts of awards given and proposals sent up.
    tallies: Option<Vec<TallyInput>>,
    /// Named awards given there (global IDs).
    award_ids: Option<Vec<ID>>,
}

/// Result of `createConference`.
#[derive(SimpleObject, Default)]
pub struct CreateConferencePayload {
    /// The conference.
    conference: Option<Conference>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Root fields of conferences.
#[derive(Default)]
pub struct ConferencesQuery;

#[Object]
impl ConferencesQuery {
    /// Conferences, in order of recording.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn conferences(
        &self,
        ctx: &Context<'_>,
        filter: Option<ConferenceFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Conference>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let mut select = conference::Entity::find();
        if let Some(code) = f.host_unit_code {
            select = select.filter(
                conference::Column::HostUnitId.in_subquery(
                    Query::select()
                        .column(unit::Column::Id)
                        .from(unit::Entity)
                        .and_where(unit::Column::Code.eq(text::nfc(&code)))
                        .to_owned(),
                ),
            );
        }
        if let Some(kind) = f.kind {
            select = select.filter(conference::Column::Kind.eq(enums::ConferenceKind::from(kind)));
        }
        if let Some(year) = f.year.map(crate::api::scalars::Year::get) {
            if let (Some(first), Some(last)) = (
                chrono::NaiveDate::from_ymd_opt(year, 1, 1),
                chrono::NaiveDate::from_ymd_opt(year, 12, 31),
            ) {
                select = select.filter(conference::Column::HeldOn.between(first, last));
            }
        }
        fetch_page(
            db(ctx)?,
            select,
            conference::Column::Id,
            |c| c.id,
            Conference,
            page,
        )
        .await
    }
}

/// Mutations of conferences.
#[derive(Default)]
pub struct ConferencesMutation;

#[Object]
impl ConferencesMutation {
    /// Records a conference of a unit (its officers, or the board), with the awards given
    /// there and the proposals sent up.
    async fn create_conference(
        &self,
        ctx: &Context<'_>,
        input: CreateConferenceInput,
    ) -> AppResult<CreateConferencePayload> {
        let period_id = match input
            .period_id
            .as_ref()
            .map(|id| parse_global_id(id))
            .transpose()?
        {
            Some((NodeKind::Term, id)) => Some(id),
            Some(_) => {
                return Err(AppError::bad_input(crate::tr!(
                    "`periodId` is not a term's ID",
                    "`periodId` không phải là ID của một nhiệm kỳ"
                )))
            }
            None => None,
        };
        let mut award_ids = Vec::new();
        for id in input.award_ids.unwrap_or_default() {
            match parse_global_id(&id)? {
                (NodeKind::Award, row) => award_ids.push(row),
                _ => {
                    return Err(AppError::bad_input(crate::tr!(
                        "`awardIds` holds an ID that is not an award's",
                        "`awardIds` có một ID không phải là ID của khen thưởng"
                    )))
                }
            }
        }
        let tallies = input
            .tallies
            .unwrap_or_default()
            .into_iter()
            .map(|t| Tally {
                award_type_code: t.award_type_code,
                kind: t.kind.into(),
                collectives: t.collectives,
                individuals: t.individuals,
            })
            .collect();
        let viewer = viewer(ctx)?;
        let new = NewConference {
            kind: input.kind.into(),
            name: input.name,
            held_on: input.held_on.0,
            host_unit_code: input.host_unit_code,
            period_id,
            summary: input.summary,
            tallies,
            award_ids,
        };
        let outcome = run(ctx, async |work| super::create(work, viewer, new).await).await?;
        Ok(match outcome {
            Ok(c) => CreateConferencePayload {
                conference: Some(Conference(c)),
                user_errors: Vec::new(),
            },
            Err(p) => CreateConferencePayload {
                conference: None,
                user_errors: user_errors(p),
            },
        })
    }
}
