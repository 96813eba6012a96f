//! The GraphQL face of movements: `Movement`, `movements(filter)`, `launchMovement`,
//! `registerForMovement`.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use entity::{enums, movement, movement_registration, unit};
use sea_orm::{sea_query::Query, ColumnTrait, EntityTrait, QueryFilter};

use super::{NewMovement, Registrant};
use crate::{
    api::{
        context::{db, loaders, run, viewer},
        ids::{global_id, parse_global_id, NodeKind},
        paging::{fetch_page, Conn, PageArgs},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    awards::graphql::AwardType,
    error::{AppError, AppResult},
    organisation::graphql::{Person, Unit},
    text,
};

/// Regular (thường xuyên) or thematic (theo chuyên đề).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::MovementKind")]
pub enum MovementKind {
    /// A regular, year-round movement.
    Regular,
    /// A thematic movement for a task or a period.
    Thematic,
}

/// An emulation movement (phong trào thi đua).
pub struct Movement(pub movement::Model);

/// An emulation movement (phong trào thi đua), launched by a unit.
#[Object]
impl Movement {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Movement, self.0.id)
    }
    /// Its name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Regular or thematic.
    async fn kind(&self) -> MovementKind {
        self.0.kind.into()
    }
    /// The unit that launched it.
    async fn launching_unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?
            .unit
            .load_one(self.0.launching_unit_id)
            .await?
            .map(Unit))
    }
    /// First day.
    async fn start_on(&self) -> Date {
        Date(self.0.start_on)
    }
    /// Last day, if set.
    async fn end_on(&self) -> Option<Date> {
        self.0.end_on.map(Date)
    }
    /// What it is about.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The registrations, in order (persons only for viewers who may see persons).
    async fn registrations(&self, ctx: &Context<'_>) -> AppResult<Vec<Registration>> {
        let viewer = viewer(ctx)?;
        let rows = loaders(ctx)?
            .movement_registrations
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows
            .into_iter()
            .filter_map(|row| crate::access::see_registration(viewer, row))
            .map(Registration)
            .collect())
    }
}

/// A registration for a movement (đăng ký thi đua), as `access` let the viewer see it.
pub struct Registration(pub crate::access::Seen<movement_registration::Model>);

/// A registration for a movement (đăng ký thi đua), optionally for a title.
#[Object]
impl Registration {
    /// The registered unit, for a collective registration.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The registered person, for an individual registration.
    async fn person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        let Some(id) = self.0.person_id else {
            return Ok(None);
        };
        let viewer = viewer(ctx)?;
        Ok(loaders(ctx)?
            .person
            .load_one(id)
            .await?
            .and_then(|p| crate::access::see_person(viewer, p))
            .map(Person))
    }
    /// The title registered for.
    async fn award_type(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        let Some(id) = self.0.award_type_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.award_type.load_one(id).await?.map(AwardType))
    }
    /// The day of registration.
    async fn registered_on(&self) -> Date {
        Date(self.0.registered_on)
    }
}

/// Filter of `movements`.
#[derive(InputObject, Default)]
pub struct MovementFilter {
    /// Launched by this unit.
    launching_unit_code: Option<String>,
    /// Regular or thematic.
    kind: Option<MovementKind>,
    /// Running on this day.
    active_on: Option<Date>,
}

/// Input of `launchMovement`.
#[derive(InputObject)]
pub struct LaunchMovementInput {
    /// Its name.
    name: String,
    /// Regular or thematic.
    kind: MovementKind,
    /// The launching unit.
    launching_unit_code: String,
    /// First day.
    start_on: Date,
    /// Last day.
    end_on: Option<Date>,
    /// What it is about.
    description: Option<String>,
}

/// Result of `launchMovement`.
#[derive(SimpleObject, Default)]
pub struct LaunchMovementPayload {
    /// The movement.
    movement: Option<Movement>,
    /// Why nothing was launched.
    user_errors: Vec<UserError>,
}

/// Input of `registerForMovement`: a unit or a person.
#[derive(InputObject)]
pub struct RegisterForMovementInput {
    /// The movement (global ID).
    movement_id: ID,
    /// The registering unit (collective registration).
    unit_code: Option<String>,
    /// The registering person (global ID).
    person_id: Option<ID>,
    /// The title registered for.
    award_type_code: Option<String>,
    /// The day of registration; today when not given.
    registered_on: Option<Date>,
}

/// Result of `registerForMovement`.
#[derive(SimpleObject, Default)]
pub struct RegisterForMovementPayload {
    /// The registration.
    registration: Option<Registration>,
    /// Why nothing was registered.
    user_errors: Vec<UserError>,
}

/// Root fields of movements.
#[derive(Default)]
pub struct MovementsQuery;

#[Object]
impl MovementsQuery {
    /// Movements, in order of launch.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn movements(
        &self,
        ctx: &Context<'_>,
        filter: Option<MovementFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Movement>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let mut select = movement::Entity::find();
        if let Some(code) = f.launching_unit_code {
            select = select.filter(
                movement::Column::LaunchingUnitId.in_subquery(
                    Query::select()
                        .column(unit::Column::Id)
                        .from(unit::Entity)
                        .and_where(unit::Column::Code.eq(text::nfc(&code)))
                        .to_owned(),
                ),
            );
        }
        if let Some(kind) = f.kind {
            select = select.filter(movement::Column::Kind.eq(enums::MovementKind::from(kind)));
        }
        if let Some(day) = f.active_on {
            select = select.filter(movement::Column::StartOn.lte(day.0)).filter(
                sea_orm::Condition::any()
                    .add(movement::Column::EndOn.is_null())
                    .add(movement::Column::EndOn.gte(day.0)),
            );
        }
        fetch_page(
            db(ctx)?,
            select,
            movement::Column::Id,
            |m| m.id,
            Movement,
            page,
        )
        .await
    }
}

/// Mutations of movements.
#[derive(Default)]
pub struct MovementsMutation;

#[Object]
impl MovementsMutation {
    /// Launches a movement in a unit's name (its officers, or the board).
    async fn launch_movement(
        &self,
        ctx: &Context<'_>,
        input: LaunchMovementInput,
    ) -> AppResult<LaunchMovementPayload> {
        let viewer = viewer(ctx)?;
        let new = NewMovement {
            name: input.name,
            kind: input.kind.into(),
            launching_unit_code: input.launching_unit_code,
            start_on: input.start_on.0,
            end_on: input.end_on.map(|d| d.0),
            description: input.description,
        };
        let outcome = run(ctx, async |work| super::launch(work, viewer, new).await).await?;
        Ok(match outcome {
            Ok(m) => LaunchMovementPayload {
                movement: Some(Movement(m)),
                user_errors: Vec::new(),
            },
            Err(p) => LaunchMovementPayload {
                movement: None,
                user_errors: user_errors(p),
            },
        })
    }

    /// Registers a unit or a person for a movement, optionally for a title (the unit's
    /// officers, or the board).
    async fn register_for_movement(
        &self,
        ctx: &Context<'_>,
        input: RegisterForMovementInput,
    ) -> AppResult<RegisterForMovementPayload> {
        let movement_id = match parse_global_id(&input.movement_id)? {
            (NodeKind::Movement, id) => id,
            _ => {
                return Err(AppError::bad_input(crate::tr!(
                    "`movementId` is not a movement's ID",
                    "`movementId` không phải là ID của một phong trào thi đua"
                )))
            }
        };
        let viewer = viewer(ctx)?;
        let day = input
            .registered_on
            .map(|d| d.0)
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let outcome = run(ctx, async |work| {
            let txn = work.txn();
            let registrant = match (input.unit_code, input.person_id) {
                (Some(code), None) => {
                    match crate::organisation::store::find_unit(txn, &text::nfc(&code)).await? {
                        Some(u) => Registrant::Unit(u),
                        None => {
                            return Ok(Err(vec![crate::error::UserProblem::new(
                                &["unitCode"],
                                crate::tr!(
                                    "No unit has code {code}.",
                                    "Không có đơn vị nào mã {code}."
                                ),
                                crate::error::UserErrorCode::NotFound,
                            )]))
                        }
                    }
                }
                (None, Some(id)) => match crate::api::inputs::recipient(txn, viewer, &id).await? {
                    crate::awards::eligibility::Recipient::Person(p) => Registrant::Person(p),
                    crate::awards::eligibility::Recipient::Unit(u) => Registrant::Unit(u),
                },
                _ => {
                    return Err(AppError::bad_input(crate::tr!(
                        "give `unitCode` or `personId`, one of them",
                        "nhập một trong hai trường `unitCode` hoặc `personId`"
                    )))
                }
            };
            super::register(
                work,
                viewer,
                movement_id,
                registrant,
                input.award_type_code.as_deref(),
                day,
            )
            .await
        })
        .await?;
        Ok(match outcome {
            Ok(r) => RegisterForMovementPayload {
                registration: crate::access::see_registration(viewer, r).map(Registration),
                user_errors: Vec::new(),
            },
            Err(p) => RegisterForMovementPayload {
                registration: None,
                user_errors: user_errors(p),
            },
        })
    }
}
