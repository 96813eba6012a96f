//! The GraphQL face of the facts the rules need: `recordPerformanceRating`,
//! `recordDiscipline`, and the objects `PerformanceRatingRecord` and `Discipline` that
//! `Person.ratings`, `Person.disciplines`, `Unit.ratings` and `Unit.disciplines` return
//! (private fields: see `organisation::graphql`).

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::Utc;
use entity::{discipline, enums, performance_rating};
use sea_orm::EntityTrait;

use super::{writes, Subject};
use crate::{
    access::{self, Action},
    api::{
        context::{db, loaders, run, viewer},
        ids::{global_id, parse_global_id, NodeKind},
        scalars::{Date, DateTime},
        user_errors::{user_errors, UserError},
    },
    error::{AppError, AppResult},
};

/// Yearly performance rating (xếp loại chất lượng).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::PerformanceRating")]
pub enum PerformanceRating {
    /// Hoàn thành xuất sắc nhiệm vụ: completed the tasks with excellence.
    Excellent,
    /// Hoàn thành tốt nhiệm vụ: completed the tasks well.
    Good,
    /// Hoàn thành nhiệm vụ: completed the tasks.
    Completed,
    /// Không hoàn thành nhiệm vụ: did not complete the tasks.
    NotCompleted,
}

/// Kind of a discipline record; any of them, while in force or pending, bars awards and
/// proposals upward (Decree 152 Art. 4).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::DisciplineKind")]
pub enum DisciplineKind {
    /// Kỷ luật: a disciplinary sanction.
    Discipline,
    /// Đang bị thanh tra, kiểm tra: an inspection or audit under way.
    Inspection,
    /// Đang bị điều tra, xem xét: an investigation or review under way.
    Investigation,
    /// Khiếu nại, tố cáo đang được giải quyết: a complaint or denunciation being settled.
    Complaint,
}

/// The performance rating of a person or a unit for one year (xếp loại chất lượng).
pub struct PerformanceRatingRecord(pub performance_rating::Model);

/// The performance rating of a person or a unit for one year (xếp loại chất lượng).
#[Object]
impl PerformanceRatingRecord {
    /// The year rated.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The rating.
    async fn rating(&self) -> PerformanceRating {
        self.0.rating.into()
    }
    /// A note of the rating body.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// When the rating was last recorded.
    async fn recorded_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

/// A discipline, inspection, investigation or complaint concerning a person or a unit, with
/// its period (kỷ luật, thanh tra, điều tra, khiếu nại).
pub struct Discipline(pub discipline::Model);

/// A discipline, inspection, investigation or complaint concerning a person or a unit, with
/// its period (kỷ luật, thanh tra, điều tra, khiếu nại).
#[Object]
impl Discipline {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Discipline, self.0.id)
    }
    /// What it is.
    async fn kind(&self) -> DisciplineKind {
        self.0.kind.into()
    }
    /// The first day: the sanction's effect, or the day the proceeding opened.
    async fn start_on(&self) -> Date {
        Date(self.0.start_on)
    }
    /// The last day in force, or the day the proceeding concluded; null while in force or
    /// pending.
    async fn end_on(&self) -> Option<Date> {
        self.0.end_on.map(Date)
    }
    /// What it is about.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// The number of the decision that imposed or opened it.
    async fn decision_number(&self) -> Option<&str> {
        self.0.decision_number.as_deref()
    }
    /// Whether it is in force or pending today.
    async fn pending(&self) -> bool {
        super::Discipline::from(self.0.clone()).pending_on(Utc::now().date_naive())
    }
}

impl Discipline {
    /// The record `id` if it exists and the viewer may read its subject's private fields
    /// (for `node(id:)`).
    pub async fn visible(ctx: &Context<'_>, id: i32) -> AppResult<Option<Discipline>> {
        let Some(row) = discipline::Entity::find_by_id(id).one(db(ctx)?).await? else {
            return Ok(None);
        };
        let loaders = loaders(ctx)?;
        let unit_id = match Subject::of_row(row.person_id, row.unit_id) {
            Some(Subject::Person(person)) => match loaders.person.load_one(person).await? {
                Some(p) => p.unit_id,
                None => return Ok(None),
            },
            Some(Subject::Unit(unit)) => unit,
            None => return Ok(None),
        };
        let target = access::target::of_unit_id(loaders, unit_id).await?;
        Ok(
            access::allows(viewer(ctx)?, Action::ReadPersonPrivate, &target)
                .then_some(Discipline(row)),
        )
    }
}

/// The subject a recipient's global ID names.
fn subject(id: &ID) -> AppResult<Subject> {
    match parse_global_id(id)? {
        (NodeKind::Person, row) => Ok(Subject::Person(row)),
        (NodeKind::Unit, row) => Ok(Subject::Unit(row)),
        _ => Err(AppError::bad_input(crate::tr!(
            "`recipientId` is neither a person's nor a unit's ID",
            "`recipientId` không phải là ID của một cá nhân hay một đơn vị"
        ))),
    }
}

/// Input of `recordPerformanceRating`.
#[derive(InputObject)]
pub struct RecordPerformanceRatingInput {
    /// The person or unit rated (global ID).
    recipient_id: ID,
    /// The year rated: from 1945 to the current year.
    year: i32,
    /// The rating.
    rating: PerformanceRating,
    /// A note of the rating body.
    note: Option<String>,
}

/// Result of `recordPerformanceRating`.
#[derive(SimpleObject, Default)]
pub struct RecordPerformanceRatingPayload {
    /// The rating as recorded.
    rating: Option<PerformanceRatingRecord>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Input of `recordDiscipline`.
#[derive(InputObject)]
pub struct RecordDisciplineInput {
    /// The person or unit concerned (global ID).
    recipient_id: ID,
    /// What it is.
    kind: DisciplineKind,
    /// The first day.
    start_on: Date,
    /// The last day in force, or the day it concluded; absent while in force or pending.
    end_on: Option<Date>,
    /// What it is about.
    description: String,
    /// The number of the decision that imposed or opened it.
    decision_number: Option<String>,
    /// The record to update (global ID of a `Discipline` of the same recipient): its fields
    /// are all replaced by these. Absent: a new record.
    discipline_id: Option<ID>,
}

/// Result of `recordDiscipline`.
#[derive(SimpleObject, Default)]
pub struct RecordDisciplinePayload {
    /// The record as written.
    discipline: Option<Discipline>,
    /// Why nothing was written.
    user_errors: Vec<UserError>,
}

/// Mutations of the facts the eligibility rules need.
#[derive(Default)]
pub struct PerformanceMutation;

#[Object]
impl PerformanceMutation {
    /// Records the performance rating of a person or a unit for a year, or replaces the one
    /// recorded. A person is rated by whoever may write the person (the officers of its unit,
    /// the board of its province); a unit by the officers of its parent unit or the board,
    /// never by its own officers.
    async fn record_performance_rating(
        &self,
        ctx: &Context<'_>,
        input: RecordPerformanceRatingInput,
    ) -> AppResult<RecordPerformanceRatingPayload> {
        let viewer = viewer(ctx)?;
        // A viewer with no right at all hears FORBIDDEN before anything about its input.
        access::require_some(viewer, Action::WriteOrganisation)?;
        let new = writes::NewRating {
            subject: subject(&input.recipient_id)?,
            year: input.year,
            rating: enums::PerformanceRating::from(input.rating).into(),
            note: input.note,
        };
        let outcome = run(ctx, async |work| {
            writes::record_rating(work, viewer, new).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => RecordPerformanceRatingPayload {
                rating: Some(PerformanceRatingRecord(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => RecordPerformanceRatingPayload {
                rating: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Records a discipline, inspection, investigation or complaint of a person or a unit,
    /// or, with `disciplineId`, updates one (e.g. its `endOn` when an inspection concludes).
    /// Who may: as for `recordPerformanceRating`.
    async fn record_discipline(
        &self,
        ctx: &Context<'_>,
        input: RecordDisciplineInput,
    ) -> AppResult<RecordDisciplinePayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let discipline_id = match &input.discipline_id {
            Some(id) => match parse_global_id(id)? {
                (NodeKind::Discipline, row) => Some(row),
                _ => {
                    return Err(AppError::bad_input(crate::tr!(
                        "`disciplineId` is not a discipline record's ID",
                        "`disciplineId` không phải là ID của một hồ sơ kỷ luật"
                    )))
                }
            },
            None => None,
        };
        let entry = writes::DisciplineEntry {
            subject: subject(&input.recipient_id)?,
            discipline_id,
            kind: input.kind.into(),
            start_on: input.start_on.0,
            end_on: input.end_on.map(|d| d.0),
            description: input.description,
            decision_number: input.decision_number,
        };
        let outcome = run(ctx, async |work| {
            writes::record_discipline(work, viewer, entry).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => RecordDisciplinePayload {
                discipline: Some(Discipline(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => RecordDisciplinePayload {
                discipline: None,
                user_errors: user_errors(problems),
            },
        })
    }
}
