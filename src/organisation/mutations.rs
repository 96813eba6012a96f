//! The organisation's mutations: thin GraphQL wrappers around [`super::writes`], each run
//! as one write by [`crate::work::run`].

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};

use super::{
    graphql::{LineageKind, Person, Position, Province, Unit, UnitKind},
    provinces,
    writes::{self, PrivateDetails},
};
use crate::{
    access::{self, Action, Viewer},
    api::{
        context::{run, viewer},
        ids::{parse_global_id, NodeKind},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    error::{AppError, AppResult, Outcome},
    terms::graphql::{Term, TermKind},
};

/// The row id of a person's global ID; `BAD_USER_INPUT` for any other ID.
fn person_id(id: &ID, field: &str) -> AppResult<i32> {
    match parse_global_id(id)? {
        (NodeKind::Person, id) => Ok(id),
        _ => Err(AppError::bad_input(crate::tr!(
            "`{field}` is not a person's ID",
            "`{field}` không phải là ID của một cá nhân"
        ))),
    }
}

/// The row id of a term's global ID, if given; `BAD_USER_INPUT` for any other ID.
fn term_id(id: Option<&ID>) -> AppResult<Option<i32>> {
    match id.map(|id| parse_global_id(id)).transpose()? {
        Some((NodeKind::Term, id)) => Ok(Some(id)),
        Some(_) => Err(AppError::bad_input(crate::tr!(
            "`termId` is not a term's ID",
            "`termId` không phải là ID của một nhiệm kỳ"
        ))),
        None => Ok(None),
    }
}

/// Input of `createProvince`.
#[derive(InputObject)]
pub struct CreateProvinceInput {
    /// Business code: 2 to 32 of A-Z, 0-9 and '_', starting with a letter, e.g. `CA_MAU`.
    code: String,
    /// Name, e.g. "Cà Mau".
    name: String,
    /// First day in force, when known.
    valid_from: Option<Date>,
}

/// Input of `updateProvince`: what is given changes.
#[derive(InputObject)]
pub struct UpdateProvinceInput {
    /// The province's code.
    code: String,
    /// Its corrected name.
    name: Option<String>,
    /// Its first day in force.
    valid_from: Option<Date>,
    /// Its last day in force (when it was merged or dissolved).
    valid_to: Option<Date>,
}

/// Result of `createProvince` and `updateProvince`.
#[derive(SimpleObject, Default)]
pub struct ProvincePayload {
    /// The province.
    province: Option<Province>,
    /// Why nothing was written.
    user_errors: Vec<UserError>,
}

fn province_payload(outcome: Outcome<entity::province::Model>) -> ProvincePayload {
    match outcome {
        Ok(row) => ProvincePayload {
            province: Some(Province(row)),
            user_errors: Vec::new(),
        },
        Err(problems) => ProvincePayload {
            province: None,
            user_errors: user_errors(problems),
        },
    }
}

/// Input of `createUnit`.
#[derive(InputObject)]
pub struct CreateUnitInput {
    /// Business code: 2 to 32 of A-Z, 0-9 and '-', e.g. `HNA-SKHCN-VP`.
    code: String,
    /// Kind of unit.
    kind: UnitKind,
    /// Full Vietnamese name.
    name: String,
    /// Short name in common use.
    short_name: Option<String>,
    /// The unit it belongs to (for sub-units).
    parent_code: Option<String>,
    /// Its province; a sub-unit's is its parent's. A unit with neither parent nor province
    /// must say `national: true`.
    province_code: Option<String>,
    /// A body outside any province (a national association, a ministry): ADMIN only.
    #[graphql(default = false)]
    national: bool,
    /// First day in force; today when not given.
    valid_from: Option<Date>,
}

/// Result of `createUnit`.
#[derive(SimpleObject, Default)]
pub struct CreateUnitPayload {
    /// The new unit.
    unit: Option<Unit>,
    /// Why the unit was not created.
    user_errors: Vec<UserError>,
}

/// Input of `updateUnit`: corrections to a unit in force. A new name under a decision is a
/// reorganisation (`reorganizeUnits` with RENAME), which keeps the old name in history.
#[derive(InputObject)]
pub struct UpdateUnitInput {
    /// The unit to correct.
    code: String,
    /// Corrected full name.
    name: Option<String>,
    /// Corrected short name.
    short_name: Option<String>,
    /// Corrected kind.
    kind: Option<UnitKind>,
    /// New parent unit (the unit moves with its sub-units).
    parent_code: Option<String>,
}

/// Result of `updateUnit`.
#[derive(SimpleObject, Default)]
pub struct UpdateUnitPayload {
    /// The unit as it is now.
    unit: Option<Unit>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

/// Input of `createPerson`.
#[derive(InputObject)]
pub struct CreatePersonInput {
    /// The unit the person works in.
    unit_code: String,
    /// Full name.
    full_name: String,
    /// Job title, e.g. "Chánh Văn phòng Sở".
    title: Option<String>,
    /// Birth date (private).
    birth_date: Option<Date>,
    /// The day the person was recruited (private; ngày tuyển dụng).
    recruited_on: Option<Date>,
    /// Telephone (private).
    phone: Option<String>,
    /// E-mail (private).
    email: Option<String>,
    /// Address (private).
    address: Option<String>,
}

/// Result of `createPerson` and `updatePerson`.
#[derive(SimpleObject, Default)]
pub struct PersonPayload {
    /// The person as it is now.
    person: Option<Person>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

/// Input of `updatePerson`. Fields not given stay as they are.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    /// The person (global ID).
    id: ID,
    /// Corrected full name.
    full_name: Option<String>,
    /// New job title.
    title: Option<String>,
    /// Moves the person to this unit.
    unit_code: Option<String>,
    /// Birth date (private).
    birth_date: Option<Date>,
    /// The day the person was recruited (private; ngày tuyển dụng).
    recruited_on: Option<Date>,
    /// Telephone (private).
    phone: Option<String>,
    /// E-mail (private).
    email: Option<String>,
    /// Address (private).
    address: Option<String>,
}

/// Input of `createTerm`.
#[derive(InputObject)]
pub struct CreateTermInput {
    /// Kind of term.
    kind: TermKind,
    /// Name, e.g. "Khóa IV".
    name: String,
    /// The unit whose term it is (executive committees, leadership).
    unit_code: Option<String>,
    /// The province whose emulation period it is; neither unit nor province: national.
    province_code: Option<String>,
    /// First year.
    start_year: i32,
    /// Last year, after the first.
    end_year: i32,
}

/// Result of `createTerm`.
#[derive(SimpleObject, Default)]
pub struct CreateTermPayload {
    /// The new term.
    term: Option<Term>,
    /// Why the term was not created.
    user_errors: Vec<UserError>,
}

/// Input of `assignPosition`.
#[derive(InputObject)]
pub struct AssignPositionInput {
    /// The person (global ID).
    person_id: ID,
    /// Title of the position, e.g. "Phó Chủ tịch".
    title: String,
    /// The unit of the position; the person's own when not given.
    unit_code: Option<String>,
    /// The term the position belongs to (global ID), e.g. khóa IV.
    term_id: Option<ID>,
    /// First day.
    start_on: Option<Date>,
    /// Last day.
    end_on: Option<Date>,
}

/// Result of `assignPosition`.
#[derive(SimpleObject, Default)]
pub struct AssignPositionPayload {
    /// The new position.
    position: Option<Position>,
    /// Why no position was assigned.
    user_errors: Vec<UserError>,
}

/// A unit created by a reorganisation.
#[derive(InputObject)]
pub struct NewUnitInput {
    /// Business code of the new unit.
    code: String,
    /// Its full name.
    name: String,
    /// Its short name.
    short_name: Option<String>,
    /// Its kind; the first predecessor's when not given.
    kind: Option<UnitKind>,
    /// Its province; the first predecessor's when not given (e.g. the province that absorbed
    /// the predecessors' province).
    province_code: Option<String>,
}

/// Input of `reorganizeUnits`.
#[derive(InputObject)]
pub struct ReorganizeUnitsInput {
    /// MERGE (several into one new), SPLIT (one into several new), RENAME (one into one new,
    /// same body under a new name), ABSORB (one or more into an existing unit that continues).
    kind: LineageKind,
    /// The day the reorganisation takes effect; the predecessors' last day is the day before.
    effective_on: Date,
    /// The decision or resolution it follows.
    legal_basis: String,
    /// The units that are closed.
    predecessor_codes: Vec<String>,
    /// The new units (MERGE, SPLIT, RENAME).
    new_units: Option<Vec<NewUnitInput>>,
    /// The continuing unit (ABSORB).
    successor_code: Option<String>,
}

/// Result of `reorganizeUnits`.
#[derive(SimpleObject, Default)]
pub struct ReorganizeUnitsPayload {
    /// The closed units.
    predecessors: Vec<Unit>,
    /// The units that succeed them.
    successors: Vec<Unit>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

impl From<CreateUnitInput> for writes::NewUnit {
    fn from(input: CreateUnitInput) -> Self {
        writes::NewUnit {
            code: input.code,
            kind: input.kind.into(),
            name: input.name,
            short_name: input.short_name,
            parent_code: input.parent_code,
            province_code: input.province_code,
            national: input.national,
            valid_from: input.valid_from.map(|d| d.0),
        }
    }
}

impl From<UpdateUnitInput> for writes::UnitCorrection {
    fn from(input: UpdateUnitInput) -> Self {
        writes::UnitCorrection {
            code: input.code,
            name: input.name,
            short_name: input.short_name,
            kind: input.kind.map(Into::into),
            parent_code: input.parent_code,
        }
    }
}

impl From<CreatePersonInput> for writes::NewPerson {
    fn from(input: CreatePersonInput) -> Self {
        writes::NewPerson {
            unit_code: input.unit_code,
            full_name: input.full_name,
            title: input.title,
            private: PrivateDetails {
                birth_date: input.birth_date.map(|d| d.0),
                recruited_on: input.recruited_on.map(|d| d.0),
                phone: input.phone,
                email: input.email,
                address: input.address,
            },
        }
    }
}

impl UpdatePersonInput {
    fn parse(self) -> AppResult<writes::PersonCorrection> {
        Ok(writes::PersonCorrection {
            person_id: person_id(&self.id, "id")?,
            full_name: self.full_name,
            title: self.title,
            unit_code: self.unit_code,
            private: PrivateDetails {
                birth_date: self.birth_date.map(|d| d.0),
                recruited_on: self.recruited_on.map(|d| d.0),
                phone: self.phone,
                email: self.email,
                address: self.address,
            },
        })
    }
}

impl From<CreateTermInput> for writes::NewTerm {
    fn from(input: CreateTermInput) -> Self {
        writes::NewTerm {
            kind: input.kind.into(),
            name: input.name,
            unit_code: input.unit_code,
            province_code: input.province_code,
            start_year: input.start_year,
            end_year: input.end_year,
        }
    }
}

impl AssignPositionInput {
    fn parse(self) -> AppResult<writes::NewPosition> {
        Ok(writes::NewPosition {
            person_id: person_id(&self.person_id, "personId")?,
            term_id: term_id(self.term_id.as_ref())?,
            title: self.title,
            unit_code: self.unit_code,
            start_on: self.start_on.map(|d| d.0),
            end_on: self.end_on.map(|d| d.0),
        })
    }
}

impl From<ReorganizeUnitsInput> for writes::Reorganisation {
    fn from(input: ReorganizeUnitsInput) -> Self {
        writes::Reorganisation {
            kind: input.kind.into(),
            effective_on: input.effective_on.0,
            legal_basis: input.legal_basis,
            predecessor_codes: input.predecessor_codes,
            new_units: input
                .new_units
                .unwrap_or_default()
                .into_iter()
                .map(|new| writes::SuccessorUnit {
                    code: new.code,
                    name: new.name,
                    short_name: new.short_name,
                    kind: new.kind.map(Into::into),
                    province_code: new.province_code,
                })
                .collect(),
            successor_code: input.successor_code,
        }
    }
}

/// Mutations of the organisation.
#[derive(Default)]
pub struct OrganisationMutation;

#[Object]
impl OrganisationMutation {
    /// Creates a province of a real installation (ADMIN). Refused (`WRONG_STATE`) in a
    /// database that holds the demo province.
    async fn create_province(
        &self,
        ctx: &Context<'_>,
        input: CreateProvinceInput,
    ) -> AppResult<ProvincePayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageProvinces)?;
        let new = provinces::NewProvince {
            code: input.code,
            name: input.name,
            valid_from: input.valid_from.map(|d| d.0),
        };
        let outcome = run(ctx, async |work| provinces::create(work, viewer, new).await).await?;
        Ok(province_payload(outcome))
    }

    /// Corrects a province's name or dates (ADMIN).
    async fn update_province(
        &self,
        ctx: &Context<'_>,
        input: UpdateProvinceInput,
    ) -> AppResult<ProvincePayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageProvinces)?;
        let change = provinces::ProvinceChange {
            code: input.code,
            name: input.name,
            valid_from: input.valid_from.map(|d| d.0),
            valid_to: input.valid_to.map(|d| d.0),
        };
        let outcome = run(ctx, async |work| {
            provinces::update(work, viewer, change).await
        })
        .await?;
        Ok(province_payload(outcome))
    }

    /// Creates a unit: a sub-unit of a unit (its officers or the board) or a unit of a
    /// province (the board).
    async fn create_unit(
        &self,
        ctx: &Context<'_>,
        input: CreateUnitInput,
    ) -> AppResult<CreateUnitPayload> {
        let viewer = viewer(ctx)?;
        let outcome = run(ctx, async |work| {
            writes::create_unit(work, viewer, input.into()).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => CreateUnitPayload {
                unit: Some(Unit(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => CreateUnitPayload {
                unit: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Corrects a unit in force (its officers or the board).
    async fn update_unit(
        &self,
        ctx: &Context<'_>,
        input: UpdateUnitInput,
    ) -> AppResult<UpdateUnitPayload> {
        let viewer = viewer(ctx)?;
        let outcome = run(ctx, async |work| {
            writes::update_unit(work, viewer, input.into()).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => UpdateUnitPayload {
                unit: Some(Unit(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => UpdateUnitPayload {
                unit: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Adds a person to a unit (its officers or the board).
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        input: CreatePersonInput,
    ) -> AppResult<PersonPayload> {
        let viewer = viewer(ctx)?;
        let outcome = run(ctx, async |work| {
            writes::create_person(work, viewer, input.into()).await
        })
        .await?;
        Ok(person_payload(viewer, outcome))
    }

    /// Corrects a person, or moves them to another unit (officers of both units, or the
    /// board).
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        input: UpdatePersonInput,
    ) -> AppResult<PersonPayload> {
        let viewer = viewer(ctx)?;
        // A viewer with no right at all hears FORBIDDEN before anything about its input.
        access::require_some(viewer, Action::WriteOrganisation)?;
        let correction = input.parse()?;
        let outcome = run(ctx, async |work| {
            writes::update_person(work, viewer, correction).await
        })
        .await?;
        Ok(person_payload(viewer, outcome))
    }

    /// Creates a term: a unit's (its officers or the board), a province's emulation period
    /// (the board) or a national one (administrators).
    async fn create_term(
        &self,
        ctx: &Context<'_>,
        input: CreateTermInput,
    ) -> AppResult<CreateTermPayload> {
        let viewer = viewer(ctx)?;
        let outcome = run(ctx, async |work| {
            writes::create_term(work, viewer, input.into()).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => CreateTermPayload {
                term: Some(Term(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => CreateTermPayload {
                term: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Records that a person holds a position in a unit, optionally for a term.
    async fn assign_position(
        &self,
        ctx: &Context<'_>,
        input: AssignPositionInput,
    ) -> AppResult<AssignPositionPayload> {
        let viewer = viewer(ctx)?;
        // A viewer with no right at all hears FORBIDDEN before anything about its input.
        access::require_some(viewer, Action::WriteOrganisation)?;
        let new = input.parse()?;
        let outcome = run(ctx, async |work| {
            writes::assign_position(work, viewer, new).await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => AssignPositionPayload {
                position: Some(Position(row)),
                user_errors: Vec::new(),
            },
            Err(problems) => AssignPositionPayload {
                position: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Merges, splits, renames or absorbs units on a date, under a legal basis (the board).
    /// The old units are closed the day before, never deleted or rewritten; lineage links
    /// both ways keep their history. On MERGE, RENAME and ABSORB the sub-units and people in
    /// force move to the successor; on SPLIT they stay, to be placed with `updateUnit` and
    /// `updatePerson`. A cluster year not FINALIZED drops a closed unit whose closing takes
    /// effect in or before that year, with its score sheet (a head or deputy leaves the post
    /// empty; successors are not added; a RENAME puts the renamed unit in its place), with a
    /// note in the year's history (the trail's records of `ClusterYear` `{cluster}/{year}`).
    async fn reorganize_units(
        &self,
        ctx: &Context<'_>,
        input: ReorganizeUnitsInput,
    ) -> AppResult<ReorganizeUnitsPayload> {
        let viewer = viewer(ctx)?;
        let outcome = run(ctx, async |work| {
            writes::reorganize_units(work, viewer, input.into()).await
        })
        .await?;
        Ok(match outcome {
            Ok(done) => ReorganizeUnitsPayload {
                predecessors: done.predecessors.into_iter().map(Unit).collect(),
                successors: done.successors.into_iter().map(Unit).collect(),
                user_errors: Vec::new(),
            },
            Err(problems) => ReorganizeUnitsPayload {
                user_errors: user_errors(problems),
                ..Default::default()
            },
        })
    }
}

fn person_payload(viewer: &Viewer, outcome: Outcome<entity::person::Model>) -> PersonPayload {
    match outcome {
        Ok(row) => PersonPayload {
            person: access::see_person(viewer, row).map(Person),
            user_errors: Vec::new(),
        },
        Err(problems) => PersonPayload {
            person: None,
            user_errors: user_errors(problems),
        },
    }
}
