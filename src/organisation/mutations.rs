//! The organisation's writes: units, persons, terms, positions, and reorganisations.
//!
//! Every mutation follows the same steps: refuse at once a viewer with no right to the
//! action at all; resolve what the input names (what does not exist is a user error);
//! authorize against the target through `access` (a refusal is a top-level `FORBIDDEN`);
//! check the rules (`rules`); then write, with its audit record, in one transaction. Nothing
//! is written unless every step passes.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::{Days, NaiveDate, Utc};
use entity::{enums, person, person_position, person_private, term, unit, unit_lineage};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::{
    graphql::{LineageKind, Person, Position, Unit, UnitKind},
    rules, store, unit_search_key,
};
use crate::{
    access::{self, Action, Target, Viewer},
    api::{
        context::viewer,
        ids::{parse_global_id, NodeKind},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    audit::{self, AuditEntry},
    error::{AppError, AppResult, UserErrorCode, UserProblem},
    terms::graphql::{Term, TermKind},
    text,
};

fn not_found(field: &str, what: &str, code: &str) -> UserProblem {
    UserProblem::new(
        &[field],
        format!("No {what} has code {code}."),
        UserErrorCode::NotFound,
    )
}

/// The unit `code` names, if given; a `NOT_FOUND` problem on `field` when it names none.
async fn named_unit(
    txn: &DatabaseTransaction,
    field: &str,
    code: Option<&str>,
    problems: &mut Vec<UserProblem>,
) -> AppResult<Option<unit::Model>> {
    let Some(code) = code else {
        return Ok(None);
    };
    let found = store::find_unit(txn, &text::nfc(code)).await?;
    if found.is_none() {
        problems.push(not_found(field, "unit", code));
    }
    Ok(found)
}

/// The province `code` names, if given; a `NOT_FOUND` problem on `field` when it names none.
async fn named_province(
    txn: &DatabaseTransaction,
    field: &str,
    code: Option<&str>,
    problems: &mut Vec<UserProblem>,
) -> AppResult<Option<entity::province::Model>> {
    let Some(code) = code else {
        return Ok(None);
    };
    let found = store::find_province(txn, &text::nfc(code)).await?;
    if found.is_none() {
        problems.push(not_found(field, "province", code));
    }
    Ok(found)
}

/// The row id of a person's global ID; `BAD_USER_INPUT` for any other ID.
fn person_id(id: &ID, field: &str) -> AppResult<i32> {
    match parse_global_id(id)? {
        (NodeKind::Person, id) => Ok(id),
        _ => Err(AppError::bad_input(format!(
            "`{field}` is not a person's ID"
        ))),
    }
}

fn closed(unit: &unit::Model) -> bool {
    unit.valid_to.is_some_and(|to| to < Utc::now().date_naive())
}

async fn target(txn: &DatabaseTransaction, unit: &unit::Model) -> AppResult<Target> {
    Ok(store::unit_target(txn, unit).await?)
}

async fn province_target(txn: &DatabaseTransaction, province: Option<i32>) -> AppResult<Target> {
    Ok(Target {
        province_ids: store::province_line(txn, province).await?,
        ..Target::none()
    })
}

fn unit_summary(u: &unit::Model) -> serde_json::Value {
    json!({ "code": u.code, "kind": u.kind, "name": u.name, "shortName": u.short_name,
            "parentId": u.parent_id, "provinceId": u.province_id,
            "validFrom": u.valid_from, "validTo": u.valid_to })
}

fn person_summary(p: &person::Model) -> serde_json::Value {
    json!({ "fullName": p.full_name, "title": p.title, "unitId": p.unit_id })
}

async fn record(txn: &DatabaseTransaction, viewer: &Viewer, entry: AuditEntry) -> AppResult<()> {
    Ok(audit::record(txn, viewer, entry).await?)
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
    /// Its province; a sub-unit's is its parent's.
    province_code: Option<String>,
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

fn problems_or<T>(problems: Vec<UserProblem>, make: impl FnOnce(Vec<UserError>) -> T) -> Option<T> {
    (!problems.is_empty()).then(|| make(user_errors(problems)))
}

/// Mutations of the organisation.
#[derive(Default)]
pub struct OrganisationMutation;

#[Object]
impl OrganisationMutation {
    /// Creates a unit: a sub-unit of a unit (its officers or the board) or a unit of a
    /// province (the board).
    async fn create_unit(
        &self,
        ctx: &Context<'_>,
        input: CreateUnitInput,
    ) -> AppResult<CreateUnitPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let txn = crate::api::context::write(ctx).await?;
        let mut problems = Vec::new();
        let code = text::nfc(&input.code);
        let name = text::nfc(&input.name);
        let parent = named_unit(
            &txn,
            "parentCode",
            input.parent_code.as_deref(),
            &mut problems,
        )
        .await?;
        let province = match &input.province_code {
            Some(c) => named_province(&txn, "provinceCode", Some(c), &mut problems)
                .await?
                .map(|p| p.id),
            None => parent.as_ref().and_then(|p| p.province_id),
        };
        let target = match &parent {
            Some(parent) => Some(target(&txn, parent).await?),
            None if problems.is_empty() => Some(province_target(&txn, province).await?),
            None => None,
        };
        if let Some(target) = &target {
            access::authorize(viewer, Action::WriteOrganisation, target)?;
        }
        problems.extend(rules::unit_code("code", &code));
        problems.extend(rules::name("name", &name));
        if store::find_unit(&txn, &code).await?.is_some() {
            problems.push(UserProblem::new(
                &["code"],
                format!("A unit has code {code} already."),
                UserErrorCode::Duplicate,
            ));
        }
        if let Some(parent) = &parent {
            if closed(parent) {
                problems.push(UserProblem::new(
                    &["parentCode"],
                    format!("{} is closed.", parent.code),
                    UserErrorCode::WrongState,
                ));
            }
            if input.province_code.is_some() && province != parent.province_id {
                problems.push(UserProblem::new(
                    &["provinceCode"],
                    "A sub-unit is in its parent's province.",
                    UserErrorCode::RuleNotMet,
                ));
            }
        } else if input.kind == UnitKind::Subdivision {
            problems.push(UserProblem::new(
                &["parentCode"],
                "A sub-unit needs its parent.",
                UserErrorCode::Required,
            ));
        }
        if let Some(errors) = problems_or(problems, |e| CreateUnitPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }
        let now = Utc::now();
        let short_name = input.short_name.map(|s| text::nfc(&s));
        let row = unit::ActiveModel {
            search_key: Set(unit_search_key(&name, short_name.as_deref(), &code)),
            code: Set(code),
            kind: Set(input.kind.into()),
            name: Set(name),
            short_name: Set(short_name),
            parent_id: Set(parent.as_ref().map(|p| p.id)),
            province_id: Set(province),
            valid_from: Set(Some(
                input.valid_from.map(|d| d.0).unwrap_or(now.date_naive()),
            )),
            valid_to: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record(
            &txn,
            viewer,
            AuditEntry {
                action: "createUnit",
                object_type: "Unit",
                object_id: row.code.clone(),
                province_id: row.province_id,
                before: None,
                after: Some(unit_summary(&row)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(CreateUnitPayload {
            unit: Some(Unit(row)),
            user_errors: Vec::new(),
        })
    }

    /// Corrects a unit in force (its officers or the board).
    async fn update_unit(
        &self,
        ctx: &Context<'_>,
        input: UpdateUnitInput,
    ) -> AppResult<UpdateUnitPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let txn = crate::api::context::write(ctx).await?;
        let Some(current) = store::find_unit(&txn, &text::nfc(&input.code)).await? else {
            return Ok(UpdateUnitPayload {
                user_errors: user_errors(vec![not_found("code", "unit", &input.code)]),
                ..Default::default()
            });
        };
        access::authorize(
            viewer,
            Action::WriteOrganisation,
            &target(&txn, &current).await?,
        )?;
        let mut problems = Vec::new();
        let new_parent = match &input.parent_code {
            Some(c) => match store::find_unit(&txn, &text::nfc(c)).await? {
                Some(parent) => {
                    access::authorize(
                        viewer,
                        Action::WriteOrganisation,
                        &target(&txn, &parent).await?,
                    )?;
                    problems.extend(rules::no_cycle(
                        current.id,
                        &store::unit_chain(&txn, &parent).await?,
                    ));
                    if parent.province_id != current.province_id {
                        problems.push(UserProblem::new(
                            &["parentCode"],
                            "A unit moves within its province.",
                            UserErrorCode::RuleNotMet,
                        ));
                    }
                    Some(parent)
                }
                None => {
                    problems.push(not_found("parentCode", "unit", c));
                    None
                }
            },
            None => None,
        };
        if closed(&current) {
            problems.push(UserProblem::new(
                &["code"],
                format!("{} is closed: its record is history.", current.code),
                UserErrorCode::WrongState,
            ));
        }
        let name = input.name.map(|n| text::nfc(&n));
        if let Some(name) = &name {
            problems.extend(rules::name("name", name));
        }
        if let Some(errors) = problems_or(problems, |e| UpdateUnitPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }
        let before = unit_summary(&current);
        let short_name = input
            .short_name
            .map(|s| text::nfc(&s))
            .or(current.short_name.clone());
        let name = name.unwrap_or(current.name.clone());
        let mut row: unit::ActiveModel = current.clone().into();
        row.search_key = Set(unit_search_key(&name, short_name.as_deref(), &current.code));
        row.name = Set(name);
        row.short_name = Set(short_name);
        if let Some(kind) = input.kind {
            row.kind = Set(kind.into());
        }
        if let Some(parent) = new_parent {
            row.parent_id = Set(Some(parent.id));
        }
        row.updated_at = Set(Utc::now());
        let row = row.update(&txn).await?;
        record(
            &txn,
            viewer,
            AuditEntry {
                action: "updateUnit",
                object_type: "Unit",
                object_id: row.code.clone(),
                province_id: row.province_id,
                before: Some(before),
                after: Some(unit_summary(&row)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(UpdateUnitPayload {
            unit: Some(Unit(row)),
            user_errors: Vec::new(),
        })
    }

    /// Adds a person to a unit (its officers or the board).
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        input: CreatePersonInput,
    ) -> AppResult<PersonPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let txn = crate::api::context::write(ctx).await?;
        let Some(unit) = store::find_unit(&txn, &text::nfc(&input.unit_code)).await? else {
            return Ok(PersonPayload {
                user_errors: user_errors(vec![not_found("unitCode", "unit", &input.unit_code)]),
                ..Default::default()
            });
        };
        access::authorize(
            viewer,
            Action::WriteOrganisation,
            &target(&txn, &unit).await?,
        )?;
        let full_name = text::nfc(&input.full_name);
        let private =
            PrivateFields::from_input(input.birth_date, input.phone, input.email, input.address);
        let mut problems: Vec<UserProblem> =
            rules::name("fullName", &full_name).into_iter().collect();
        problems.extend(private.problems());
        if closed(&unit) {
            problems.push(UserProblem::new(
                &["unitCode"],
                format!("{} is closed.", unit.code),
                UserErrorCode::WrongState,
            ));
        }
        if let Some(errors) = problems_or(problems, |e| PersonPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }
        let now = Utc::now();
        let row = person::ActiveModel {
            search_key: Set(text::search_key(&full_name)),
            full_name: Set(full_name),
            unit_id: Set(unit.id),
            title: Set(input.title.map(|t| text::nfc(&t))),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        private.save(&txn, row.id, None).await?;
        record(
            &txn,
            viewer,
            AuditEntry {
                action: "createPerson",
                object_type: "Person",
                object_id: row.id.to_string(),
                province_id: unit.province_id,
                before: None,
                after: Some(person_summary(&row)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(PersonPayload {
            person: access::see_person(viewer, row).map(Person),
            user_errors: Vec::new(),
        })
    }

    /// Corrects a person, or moves them to another unit (officers of both units, or the
    /// board).
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        input: UpdatePersonInput,
    ) -> AppResult<PersonPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let id = person_id(&input.id, "id")?;
        let txn = crate::api::context::write(ctx).await?;
        let Some(current) = person::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(PersonPayload {
                user_errors: user_errors(vec![UserProblem::new(
                    &["id"],
                    "No such person.",
                    UserErrorCode::NotFound,
                )]),
                ..Default::default()
            });
        };
        let Some(home) = unit::Entity::find_by_id(current.unit_id).one(&txn).await? else {
            return Err(AppError::internal(&std::io::Error::other(
                "person without unit",
            )));
        };
        access::authorize(
            viewer,
            Action::WriteOrganisation,
            &target(&txn, &home).await?,
        )?;
        let mut problems = Vec::new();
        let destination = match &input.unit_code {
            Some(c) => match store::find_unit(&txn, &text::nfc(c)).await? {
                Some(unit) => {
                    access::authorize(
                        viewer,
                        Action::WriteOrganisation,
                        &target(&txn, &unit).await?,
                    )?;
                    if closed(&unit) {
                        problems.push(UserProblem::new(
                            &["unitCode"],
                            format!("{} is closed.", unit.code),
                            UserErrorCode::WrongState,
                        ));
                    }
                    Some(unit)
                }
                None => {
                    problems.push(not_found("unitCode", "unit", c));
                    None
                }
            },
            None => None,
        };
        let full_name = input.full_name.map(|n| text::nfc(&n));
        if let Some(name) = &full_name {
            problems.extend(rules::name("fullName", name));
        }
        let private =
            PrivateFields::from_input(input.birth_date, input.phone, input.email, input.address);
        problems.extend(private.problems());
        if let Some(errors) = problems_or(problems, |e| PersonPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }
        let before = person_summary(&current);
        let mut row: person::ActiveModel = current.clone().into();
        if let Some(name) = full_name {
            row.search_key = Set(text::search_key(&name));
            row.full_name = Set(name);
        }
        if let Some(title) = input.title {
            row.title = Set(Some(text::nfc(&title)));
        }
        let province_id = destination
            .as_ref()
            .map_or(home.province_id, |u| u.province_id);
        if let Some(unit) = &destination {
            row.unit_id = Set(unit.id);
        }
        row.updated_at = Set(Utc::now());
        let row = row.update(&txn).await?;
        let existing = person_private::Entity::find_by_id(row.id).one(&txn).await?;
        let mut after = person_summary(&row);
        after["privateFieldsChanged"] = json!(private.changed());
        private.save(&txn, row.id, existing).await?;
        record(
            &txn,
            viewer,
            AuditEntry {
                action: "updatePerson",
                object_type: "Person",
                object_id: row.id.to_string(),
                province_id,
                before: Some(before),
                after: Some(after),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(PersonPayload {
            person: access::see_person(viewer, row).map(Person),
            user_errors: Vec::new(),
        })
    }

    /// Creates a term: a unit's (its officers or the board), a province's emulation period
    /// (the board) or a national one (administrators).
    async fn create_term(
        &self,
        ctx: &Context<'_>,
        input: CreateTermInput,
    ) -> AppResult<CreateTermPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let txn = crate::api::context::write(ctx).await?;
        let mut problems = Vec::new();
        let unit = named_unit(&txn, "unitCode", input.unit_code.as_deref(), &mut problems).await?;
        let province = named_province(
            &txn,
            "provinceCode",
            input.province_code.as_deref(),
            &mut problems,
        )
        .await?;
        if problems.is_empty() {
            let target = match (&unit, &province) {
                (Some(unit), _) => target(&txn, unit).await?,
                (None, Some(p)) => province_target(&txn, Some(p.id)).await?,
                (None, None) => Target::none(),
            };
            access::authorize(viewer, Action::WriteOrganisation, &target)?;
        }
        let name = text::nfc(&input.name);
        problems.extend(rules::name("name", &name));
        problems.extend(rules::term_years(input.start_year, input.end_year));
        let kind: enums::TermKind = input.kind.into();
        match kind {
            enums::TermKind::EmulationPeriod if input.unit_code.is_some() => {
                problems.push(UserProblem::new(
                    &["unitCode"],
                    "An emulation period is a province's or the nation's, not a unit's.",
                    UserErrorCode::InvalidValue,
                ))
            }
            enums::TermKind::ExecutiveCommittee | enums::TermKind::Leadership
                if input.unit_code.is_none() =>
            {
                problems.push(UserProblem::new(
                    &["unitCode"],
                    "This kind of term is a unit's.",
                    UserErrorCode::Required,
                ))
            }
            _ => {}
        }
        if input.unit_code.is_some() && input.province_code.is_some() {
            problems.push(UserProblem::new(
                &["provinceCode"],
                "A unit's term is in the unit's province: give one of unitCode and provinceCode.",
                UserErrorCode::InvalidValue,
            ));
        }
        let unit_id = unit.as_ref().map(|u| u.id);
        let province_id = province.as_ref().map(|p| p.id);
        let duplicate = term::Entity::find()
            .filter(term::Column::Kind.eq(kind))
            .filter(term::Column::StartYear.eq(input.start_year))
            .filter(match unit_id {
                Some(id) => term::Column::UnitId.eq(id),
                None => term::Column::UnitId.is_null(),
            })
            .filter(match province_id {
                Some(id) => term::Column::ProvinceId.eq(id),
                None => term::Column::ProvinceId.is_null(),
            })
            .one(&txn)
            .await?;
        if duplicate.is_some() {
            problems.push(UserProblem::new(
                &["startYear"],
                "A term of this kind starts that year already.",
                UserErrorCode::Duplicate,
            ));
        }
        if let Some(errors) = problems_or(problems, |e| CreateTermPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }
        let row = term::ActiveModel {
            kind: Set(kind),
            name: Set(name),
            unit_id: Set(unit_id),
            province_id: Set(province_id),
            start_year: Set(input.start_year),
            end_year: Set(input.end_year),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record(&txn, viewer, AuditEntry {
            action: "createTerm",
            object_type: "Term",
            object_id: row.id.to_string(),
            province_id: province_id.or(unit.as_ref().and_then(|u| u.province_id)),
            before: None,
            after: Some(json!({ "kind": row.kind, "name": row.name, "unitId": row.unit_id, "provinceId": row.province_id, "startYear": row.start_year, "endYear": row.end_year })),
        })
        .await?;
        txn.commit().await?;
        Ok(CreateTermPayload {
            term: Some(Term(row)),
            user_errors: Vec::new(),
        })
    }

    /// Records that a person holds a position in a unit, optionally for a term.
    async fn assign_position(
        &self,
        ctx: &Context<'_>,
        input: AssignPositionInput,
    ) -> AppResult<AssignPositionPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::WriteOrganisation)?;
        let person_id = person_id(&input.person_id, "personId")?;
        let term_id = match input
            .term_id
            .as_deref()
            .map(|id| parse_global_id(id))
            .transpose()?
        {
            Some((NodeKind::Term, id)) => Some(id),
            Some(_) => return Err(AppError::bad_input("`termId` is not a term's ID")),
            None => None,
        };
        let txn = crate::api::context::write(ctx).await?;
        let Some(person) = person::Entity::find_by_id(person_id).one(&txn).await? else {
            return Ok(AssignPositionPayload {
                user_errors: user_errors(vec![UserProblem::new(
                    &["personId"],
                    "No such person.",
                    UserErrorCode::NotFound,
                )]),
                ..Default::default()
            });
        };
        let unit = match &input.unit_code {
            Some(c) => match store::find_unit(&txn, &text::nfc(c)).await? {
                Some(unit) => unit,
                None => {
                    return Ok(AssignPositionPayload {
                        user_errors: user_errors(vec![not_found("unitCode", "unit", c)]),
                        ..Default::default()
                    })
                }
            },
            None => match unit::Entity::find_by_id(person.unit_id).one(&txn).await? {
                Some(unit) => unit,
                None => {
                    return Err(AppError::internal(&std::io::Error::other(
                        "person without unit",
                    )))
                }
            },
        };
        access::authorize(
            viewer,
            Action::WriteOrganisation,
            &target(&txn, &unit).await?,
        )?;
        let title = text::nfc(&input.title);
        let mut problems: Vec<UserProblem> = rules::name("title", &title).into_iter().collect();
        problems.extend(rules::date_order(
            input.start_on.map(|d| d.0),
            input.end_on.map(|d| d.0),
            "endOn",
        ));
        if let Some(term_id) = term_id {
            match term::Entity::find_by_id(term_id).one(&txn).await? {
                None => problems.push(UserProblem::new(
                    &["termId"],
                    "No such term.",
                    UserErrorCode::NotFound,
                )),
                Some(t) if t.unit_id.is_some_and(|u| u != unit.id) => {
                    problems.push(UserProblem::new(
                        &["termId"],
                        "The term is another unit's.",
                        UserErrorCode::RuleNotMet,
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(errors) = problems_or(problems, |e| AssignPositionPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }
        let row = person_position::ActiveModel {
            person_id: Set(person.id),
            unit_id: Set(unit.id),
            term_id: Set(term_id),
            title: Set(title),
            start_on: Set(input.start_on.map(|d| d.0)),
            end_on: Set(input.end_on.map(|d| d.0)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record(&txn, viewer, AuditEntry {
            action: "assignPosition",
            object_type: "Person",
            object_id: person.id.to_string(),
            province_id: unit.province_id,
            before: None,
            after: Some(json!({ "title": row.title, "unitId": row.unit_id, "termId": row.term_id, "startOn": row.start_on, "endOn": row.end_on })),
        })
        .await?;
        txn.commit().await?;
        Ok(AssignPositionPayload {
            position: Some(Position(row)),
            user_errors: Vec::new(),
        })
    }

    /// Merges, splits, renames or absorbs units on a date, under a legal basis (the board).
    /// The old units are closed the day before, never deleted or rewritten; lineage links
    /// both ways keep their history. On MERGE, RENAME and ABSORB the sub-units and people in
    /// force move to the successor; on SPLIT they stay, to be placed with `updateUnit` and
    /// `updatePerson`.
    async fn reorganize_units(
        &self,
        ctx: &Context<'_>,
        input: ReorganizeUnitsInput,
    ) -> AppResult<ReorganizeUnitsPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ReorganizeUnits)?;
        let txn = crate::api::context::write(ctx).await?;
        let kind: enums::LineageKind = input.kind.into();
        let effective_on = input.effective_on.0;
        let mut problems = Vec::new();
        let mut predecessors: Vec<unit::Model> = Vec::new();
        for (i, c) in input.predecessor_codes.iter().enumerate() {
            let code = text::nfc(c);
            match store::find_unit(&txn, &code).await? {
                Some(u) if predecessors.iter().any(|p| p.id == u.id) => {
                    problems.push(UserProblem::new(
                        &["predecessorCodes", &i.to_string()],
                        format!("{code} is listed twice."),
                        UserErrorCode::InvalidValue,
                    ))
                }
                Some(u) => predecessors.push(u),
                None => problems.push(not_found("predecessorCodes", "unit", &code)),
            }
        }
        let successor = named_unit(
            &txn,
            "successorCode",
            input.successor_code.as_deref(),
            &mut problems,
        )
        .await?;
        for unit in predecessors.iter().chain(successor.iter()) {
            access::authorize(viewer, Action::ReorganizeUnits, &target(&txn, unit).await?)?;
        }
        let new_units = input.new_units.unwrap_or_default();
        let mut new_provinces = Vec::new();
        for (i, new) in new_units.iter().enumerate() {
            let index = i.to_string();
            let code = text::nfc(&new.code);
            if let Some(mut p) = rules::unit_code("code", &code) {
                p.field = vec!["newUnits".into(), index.clone(), "code".into()];
                problems.push(p);
            }
            if let Some(mut p) = rules::name("name", &new.name) {
                p.field = vec!["newUnits".into(), index.clone(), "name".into()];
                problems.push(p);
            }
            if store::find_unit(&txn, &code).await?.is_some()
                || new_units[..i].iter().any(|n| text::nfc(&n.code) == code)
            {
                problems.push(UserProblem::new(
                    &["newUnits", &index, "code"],
                    format!("A unit has code {code} already."),
                    UserErrorCode::Duplicate,
                ));
            }
            let province = match &new.province_code {
                Some(c) => match store::find_province(&txn, &text::nfc(c)).await? {
                    Some(p) => {
                        access::authorize(
                            viewer,
                            Action::ReorganizeUnits,
                            &province_target(&txn, Some(p.id)).await?,
                        )?;
                        Some(p.id)
                    }
                    None => {
                        problems.push(UserProblem::new(
                            &["newUnits", &index, "provinceCode"],
                            format!("No province has code {c}."),
                            UserErrorCode::NotFound,
                        ));
                        None
                    }
                },
                None => predecessors.first().and_then(|p| p.province_id),
            };
            new_provinces.push(province);
        }
        let (preds, news) = (predecessors.len(), new_units.len());
        let shape_ok = match kind {
            enums::LineageKind::Merge => preds >= 2 && news == 1 && successor.is_none(),
            enums::LineageKind::Split => preds == 1 && news >= 2 && successor.is_none(),
            enums::LineageKind::Rename => preds == 1 && news == 1 && successor.is_none(),
            enums::LineageKind::Absorb => preds >= 1 && news == 0 && successor.is_some(),
        };
        if !shape_ok && problems.is_empty() {
            problems.push(UserProblem::new(&["kind"], "MERGE takes two or more predecessors and one new unit; SPLIT one predecessor and two or more new units; RENAME one and one; ABSORB one or more predecessors and an existing successorCode.", UserErrorCode::RuleNotMet));
        }
        if input.legal_basis.trim().is_empty() {
            problems.push(UserProblem::new(
                &["legalBasis"],
                "A reorganisation follows a decision: name it.",
                UserErrorCode::Required,
            ));
        }
        let Some(last_day) = effective_on.checked_sub_days(Days::new(1)) else {
            return Err(AppError::bad_input("`effectiveOn` is out of range"));
        };
        for unit in predecessors.iter().chain(successor.iter()) {
            if unit.valid_to.is_some_and(|to| to < effective_on) {
                problems.push(UserProblem::new(
                    &["predecessorCodes"],
                    format!(
                        "{} was already closed on {}.",
                        unit.code,
                        unit.valid_to.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    UserErrorCode::WrongState,
                ));
            }
            if unit.valid_from.is_some_and(|from| from >= effective_on) {
                problems.push(UserProblem::new(
                    &["effectiveOn"],
                    format!(
                        "{} only begins on {}.",
                        unit.code,
                        unit.valid_from.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    UserErrorCode::OutOfRange,
                ));
            }
        }
        if let Some(s) = &successor {
            if predecessors.iter().any(|p| p.id == s.id) {
                problems.push(UserProblem::new(
                    &["successorCode"],
                    "A unit cannot absorb itself.",
                    UserErrorCode::RuleNotMet,
                ));
            }
        }
        if let Some(errors) = problems_or(problems, |e| ReorganizeUnitsPayload {
            user_errors: e,
            ..Default::default()
        }) {
            return Ok(errors);
        }

        let now = Utc::now();
        let first = &predecessors[0];
        let mut successors = Vec::new();
        for (new, province) in new_units.into_iter().zip(new_provinces) {
            let code = text::nfc(&new.code);
            let name = text::nfc(&new.name);
            let short_name = new.short_name.map(|s| text::nfc(&s));
            let row = unit::ActiveModel {
                search_key: Set(unit_search_key(&name, short_name.as_deref(), &code)),
                code: Set(code),
                kind: Set(new.kind.map(Into::into).unwrap_or(first.kind)),
                name: Set(name),
                short_name: Set(short_name),
                parent_id: Set(first.parent_id),
                province_id: Set(province),
                valid_from: Set(Some(effective_on)),
                valid_to: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            successors.push(row);
        }
        if let Some(s) = successor {
            successors.push(s);
        }
        let mut closed_units = Vec::new();
        for p in &predecessors {
            let mut row: unit::ActiveModel = p.clone().into();
            row.valid_to = Set(Some(last_day));
            row.updated_at = Set(now);
            closed_units.push(row.update(&txn).await?);
            for s in &successors {
                unit_lineage::ActiveModel {
                    kind: Set(kind),
                    predecessor_id: Set(p.id),
                    successor_id: Set(s.id),
                    effective_on: Set(effective_on),
                    legal_basis: Set(text::nfc(&input.legal_basis)),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        if kind != enums::LineageKind::Split {
            let heir = successors[0].id;
            let ids: Vec<i32> = predecessors.iter().map(|p| p.id).collect();
            unit::Entity::update_many()
                .col_expr(
                    unit::Column::ParentId,
                    sea_orm::sea_query::Expr::value(heir),
                )
                .filter(unit::Column::ParentId.is_in(ids.clone()))
                .filter(unit::Column::ValidTo.is_null())
                .exec(&txn)
                .await?;
            person::Entity::update_many()
                .col_expr(
                    person::Column::UnitId,
                    sea_orm::sea_query::Expr::value(heir),
                )
                .filter(person::Column::UnitId.is_in(ids))
                .exec(&txn)
                .await?;
        }
        record(&txn, viewer, AuditEntry {
            action: "reorganizeUnits",
            object_type: "Unit",
            object_id: closed_units.iter().map(|u| u.code.as_str()).collect::<Vec<_>>().join(","),
            province_id: successors.first().and_then(|s| s.province_id).or(first.province_id),
            before: Some(json!({ "predecessors": predecessors.iter().map(unit_summary).collect::<Vec<_>>() })),
            after: Some(json!({ "kind": kind, "effectiveOn": effective_on, "legalBasis": input.legal_basis,
                                "successors": successors.iter().map(unit_summary).collect::<Vec<_>>() })),
        })
        .await?;
        txn.commit().await?;
        Ok(ReorganizeUnitsPayload {
            predecessors: closed_units.into_iter().map(Unit).collect(),
            successors: successors.into_iter().map(Unit).collect(),
            user_errors: Vec::new(),
        })
    }
}

/// Private fields of a person given in an input.
struct PrivateFields {
    birth_date: Option<NaiveDate>,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
}

impl PrivateFields {
    fn from_input(
        birth_date: Option<Date>,
        phone: Option<String>,
        email: Option<String>,
        address: Option<String>,
    ) -> Self {
        let clean = |s: Option<String>| s.map(|s| text::nfc(&s)).filter(|s| !s.is_empty());
        PrivateFields {
            birth_date: birth_date.map(|d| d.0),
            phone: clean(phone),
            email: clean(email),
            address: clean(address),
        }
    }

    fn problems(&self) -> Vec<UserProblem> {
        let mut problems: Vec<UserProblem> = self
            .email
            .as_deref()
            .and_then(|e| rules::email("email", e))
            .into_iter()
            .collect();
        if self
            .birth_date
            .is_some_and(|d| d >= Utc::now().date_naive())
        {
            problems.push(UserProblem::new(
                &["birthDate"],
                "A birth date is in the past.",
                UserErrorCode::OutOfRange,
            ));
        }
        problems
    }

    fn changed(&self) -> Vec<&'static str> {
        [
            ("birthDate", self.birth_date.is_some()),
            ("phone", self.phone.is_some()),
            ("email", self.email.is_some()),
            ("address", self.address.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// Writes the given fields over `existing`, or into a new row when some are given.
    async fn save(
        self,
        txn: &DatabaseTransaction,
        person_id: i32,
        existing: Option<person_private::Model>,
    ) -> AppResult<()> {
        let now = Utc::now();
        match existing {
            Some(existing) => {
                if self.changed().is_empty() {
                    return Ok(());
                }
                let mut row: person_private::ActiveModel = existing.into();
                if let Some(v) = self.birth_date {
                    row.birth_date = Set(Some(v));
                }
                if let Some(v) = self.phone {
                    row.phone = Set(Some(v));
                }
                if let Some(v) = self.email {
                    row.email = Set(Some(v));
                }
                if let Some(v) = self.address {
                    row.address = Set(Some(v));
                }
                row.updated_at = Set(now);
                row.update(txn).await?;
            }
            None if !self.changed().is_empty() => {
                person_private::ActiveModel {
                    person_id: Set(person_id),
                    birth_date: Set(self.birth_date),
                    phone: Set(self.phone),
                    email: Set(self.email),
                    address: Set(self.address),
                    national_id: Set(None),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await?;
            }
            None => {}
        }
        Ok(())
    }
}
