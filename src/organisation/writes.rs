//! The organisation's writes as domain operations: units, persons, terms, positions, and
//! reorganisations. The GraphQL mutations ([`super::mutations`]) and the demo seed both run
//! these, on the caller's transaction.
//!
//! Every operation follows the same steps: refuse at once a viewer with no right to the
//! action at all; resolve what the input names (what does not exist is a user error);
//! authorize against the target through `access` (a refusal is a top-level `FORBIDDEN`);
//! check the rules ([`super::rules`]); then write, with its audit record. It returns `Err`
//! (an [`AppError`]) for what stops the whole request and `Ok(Err(problems))` for business-rule
//! failures; either way the caller drops the transaction, so nothing is written unless every
//! step passes.

use chrono::{Days, NaiveDate, Utc};
use entity::{
    enums::{LineageKind, TermKind, UnitKind},
    person, person_position, person_private, term, unit, unit_lineage,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::{rules, store, unit_search_key};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppError, AppResult, Outcome, UserErrorCode, UserProblem},
    text,
    work::Work,
};

/// A new unit (`createUnit`). Codes and text as given; they are normalised here.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: String,
    pub kind: UnitKind,
    pub name: String,
    pub short_name: Option<String>,
    /// The unit it belongs to (for sub-units).
    pub parent_code: Option<String>,
    /// Its province; a sub-unit's is its parent's.
    pub province_code: Option<String>,
    /// A body outside any province, said explicitly.
    pub national: bool,
    /// First day in force; today when not given.
    pub valid_from: Option<NaiveDate>,
}

/// Corrections to a unit in force (`updateUnit`); fields not given stay as they are.
#[derive(Debug, Clone)]
pub struct UnitCorrection {
    pub code: String,
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub kind: Option<UnitKind>,
    /// New parent unit (the unit moves with its sub-units).
    pub parent_code: Option<String>,
}

/// A person's private fields given in an input; empty text counts as not given.
#[derive(Debug, Clone, Default)]
pub struct PrivateDetails {
    pub birth_date: Option<NaiveDate>,
    /// The day the person was recruited (ngày tuyển dụng).
    pub recruited_on: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A new person (`createPerson`).
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub unit_code: String,
    pub full_name: String,
    pub title: Option<String>,
    pub private: PrivateDetails,
}

/// Corrections to a person, or a move to another unit (`updatePerson`); fields not given stay
/// as they are.
#[derive(Debug, Clone)]
pub struct PersonCorrection {
    /// The person's row id.
    pub person_id: i32,
    pub full_name: Option<String>,
    pub title: Option<String>,
    /// Moves the person to this unit.
    pub unit_code: Option<String>,
    pub private: PrivateDetails,
}

/// A new term (`createTerm`): a unit's, a province's emulation period, or a national one.
#[derive(Debug, Clone)]
pub struct NewTerm {
    pub kind: TermKind,
    pub name: String,
    pub unit_code: Option<String>,
    pub province_code: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
}

/// A position a person holds (`assignPosition`).
#[derive(Debug, Clone)]
pub struct NewPosition {
    /// The person's row id.
    pub person_id: i32,
    pub title: String,
    /// The unit of the position; the person's own when not given.
    pub unit_code: Option<String>,
    /// The term's row id.
    pub term_id: Option<i32>,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
}

/// A unit created by a reorganisation.
#[derive(Debug, Clone)]
pub struct SuccessorUnit {
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    /// Its kind; the first predecessor's when not given.
    pub kind: Option<UnitKind>,
    /// Its province; the first predecessor's when not given.
    pub province_code: Option<String>,
}

/// A merger, split, renaming or absorption (`reorganizeUnits`).
#[derive(Debug, Clone)]
pub struct Reorganisation {
    pub kind: LineageKind,
    /// The day it takes effect; the predecessors' last day is the day before.
    pub effective_on: NaiveDate,
    /// The decision or resolution it follows.
    pub legal_basis: String,
    /// The units that are closed.
    pub predecessor_codes: Vec<String>,
    /// The new units (MERGE, SPLIT, RENAME).
    pub new_units: Vec<SuccessorUnit>,
    /// The continuing unit (ABSORB).
    pub successor_code: Option<String>,
}

/// What a reorganisation did.
#[derive(Debug, Clone)]
pub struct Reorganised {
    /// The closed units.
    pub predecessors: Vec<unit::Model>,
    /// The units that succeed them: the new ones, or the continuing one.
    pub successors: Vec<unit::Model>,
}

fn not_found(field: &str, what: &str, code: &str) -> UserProblem {
    let message = match what {
        "province" => crate::tr!(
            "No province has code {code}.",
            "Không có tỉnh nào mã {code}."
        ),
        _ => crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
    };
    UserProblem::new(&[field], message, UserErrorCode::NotFound)
}

/// `WRONG_STATE` on `field`: `unit` is closed.
fn is_closed(field: &str, unit: &unit::Model) -> UserProblem {
    let code = &unit.code;
    UserProblem::new(
        &[field],
        crate::tr!("{code} is closed.", "Đơn vị {code} đã ngừng hoạt động."),
        UserErrorCode::WrongState,
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

fn closed(unit: &unit::Model) -> bool {
    unit.valid_to.is_some_and(|to| to < Utc::now().date_naive())
}

async fn target(txn: &DatabaseTransaction, unit: &unit::Model) -> AppResult<Target> {
    target::of_unit(&Through(txn), unit).await
}

async fn province_target(txn: &DatabaseTransaction, province: Option<i32>) -> AppResult<Target> {
    target::of_province(&Through(txn), province).await
}

fn unit_summary(u: &unit::Model) -> serde_json::Value {
    json!({ "code": u.code, "kind": u.kind, "name": u.name, "shortName": u.short_name,
            "parentId": u.parent_id, "provinceId": u.province_id,
            "validFrom": u.valid_from, "validTo": u.valid_to })
}

fn person_summary(p: &person::Model) -> serde_json::Value {
    json!({ "fullName": p.full_name, "title": p.title, "unitId": p.unit_id })
}

/// `createUnit`: a sub-unit of a unit (its officers or the board) or a unit of a province
/// (the board).
pub async fn create_unit(
    work: &Work,
    viewer: &Viewer,
    new: NewUnit,
) -> AppResult<Outcome<unit::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let mut problems = Vec::new();
    let code = text::nfc(&new.code);
    let name = text::nfc(&new.name);
    let parent = named_unit(txn, "parentCode", new.parent_code.as_deref(), &mut problems).await?;
    let province = match &new.province_code {
        Some(c) => named_province(txn, "provinceCode", Some(c), &mut problems)
            .await?
            .map(|p| p.id),
        None => parent.as_ref().and_then(|p| p.province_id),
    };
    let target = match &parent {
        Some(parent) => Some(target(txn, parent).await?),
        None if problems.is_empty() => Some(province_target(txn, province).await?),
        None => None,
    };
    if let Some(target) = &target {
        access::authorize(viewer, Action::WriteOrganisation, target)?;
    }
    problems.extend(rules::unit_code("code", &code));
    problems.extend(rules::name("name", &name));
    if store::find_unit(txn, &code).await?.is_some() {
        problems.push(UserProblem::new(
            &["code"],
            crate::tr!(
                "A unit has code {code} already.",
                "Đã có đơn vị mang mã {code}."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    if let Some(parent) = &parent {
        if closed(parent) {
            problems.push(is_closed("parentCode", parent));
        }
        if new.province_code.is_some() && province != parent.province_id {
            problems.push(UserProblem::new(
                &["provinceCode"],
                crate::tr!(
                    "A sub-unit is in its parent's province.",
                    "Đơn vị trực thuộc phải cùng tỉnh với đơn vị cấp trên."
                ),
                UserErrorCode::RuleNotMet,
            ));
        }
    } else if new.kind == UnitKind::Subdivision {
        problems.push(UserProblem::new(
            &["parentCode"],
            crate::tr!(
                "A sub-unit needs its parent.",
                "Đơn vị trực thuộc phải có đơn vị cấp trên."
            ),
            UserErrorCode::Required,
        ));
    } else if new.national && new.province_code.is_some() {
        problems.push(UserProblem::new(
            &["national"],
            crate::tr!(
                "A national body belongs to no province.",
                "Cơ quan trung ương không thuộc tỉnh nào."
            ),
            UserErrorCode::InvalidValue,
        ));
    } else if !new.national && new.province_code.is_none() {
        problems.push(UserProblem::new(
            &["provinceCode"],
            crate::tr!(
                "A unit belongs to a province: give provinceCode, or national: true for a body outside any province.",
                "Đơn vị phải thuộc một tỉnh: hãy ghi provinceCode, hoặc national: true cho cơ quan không thuộc tỉnh nào."
            ),
            UserErrorCode::Required,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = Utc::now();
    let short_name = new.short_name.map(|s| text::nfc(&s));
    let row = unit::ActiveModel {
        search_key: Set(unit_search_key(&name, short_name.as_deref(), &code)),
        code: Set(code),
        kind: Set(new.kind),
        name: Set(name),
        short_name: Set(short_name),
        parent_id: Set(parent.as_ref().map(|p| p.id)),
        province_id: Set(province),
        valid_from: Set(Some(new.valid_from.unwrap_or(now.date_naive()))),
        valid_to: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "createUnit",
            object_type: "Unit",
            object_id: row.code.clone(),
            province_id: row.province_id,
            before: None,
            after: Some(unit_summary(&row)),
        },
    );
    Ok(Ok(row))
}

/// `updateUnit`: corrects a unit in force (its officers or the board; a new parent's too).
pub async fn update_unit(
    work: &Work,
    viewer: &Viewer,
    correction: UnitCorrection,
) -> AppResult<Outcome<unit::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(current) = store::find_unit(txn, &text::nfc(&correction.code)).await? else {
        return Ok(Err(vec![not_found("code", "unit", &correction.code)]));
    };
    access::authorize(
        viewer,
        Action::WriteOrganisation,
        &target(txn, &current).await?,
    )?;
    let mut problems = Vec::new();
    let new_parent = match &correction.parent_code {
        Some(c) => match store::find_unit(txn, &text::nfc(c)).await? {
            Some(parent) => {
                access::authorize(
                    viewer,
                    Action::WriteOrganisation,
                    &target(txn, &parent).await?,
                )?;
                problems.extend(rules::no_cycle(
                    current.id,
                    &target::unit_chain(&Through(txn), &parent).await?,
                ));
                if parent.province_id != current.province_id {
                    problems.push(UserProblem::new(
                        &["parentCode"],
                        crate::tr!(
                            "A unit moves within its province.",
                            "Chỉ được chuyển đơn vị trong phạm vi tỉnh của đơn vị."
                        ),
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
        let code = &current.code;
        problems.push(UserProblem::new(
            &["code"],
            crate::tr!(
                "{code} is closed: its record is history.",
                "Đơn vị {code} đã ngừng hoạt động: thông tin của đơn vị chỉ còn là tư liệu lịch sử."
            ),
            UserErrorCode::WrongState,
        ));
    }
    let name = correction.name.map(|n| text::nfc(&n));
    if let Some(name) = &name {
        problems.extend(rules::name("name", name));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let before = unit_summary(&current);
    let short_name = correction
        .short_name
        .map(|s| text::nfc(&s))
        .or(current.short_name.clone());
    let name = name.unwrap_or(current.name.clone());
    let mut row: unit::ActiveModel = current.clone().into();
    row.search_key = Set(unit_search_key(&name, short_name.as_deref(), &current.code));
    row.name = Set(name);
    row.short_name = Set(short_name);
    if let Some(kind) = correction.kind {
        row.kind = Set(kind);
    }
    if let Some(parent) = new_parent {
        row.parent_id = Set(Some(parent.id));
    }
    row.updated_at = Set(Utc::now());
    let row = row.update(txn).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "updateUnit",
            object_type: "Unit",
            object_id: row.code.clone(),
            province_id: row.province_id,
            before: Some(before),
            after: Some(unit_summary(&row)),
        },
    );
    Ok(Ok(row))
}

/// `createPerson`: adds a person to a unit in force (its officers or the board).
pub async fn create_person(
    work: &Work,
    viewer: &Viewer,
    new: NewPerson,
) -> AppResult<Outcome<person::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(unit) = store::find_unit(txn, &text::nfc(&new.unit_code)).await? else {
        return Ok(Err(vec![not_found("unitCode", "unit", &new.unit_code)]));
    };
    access::authorize(
        viewer,
        Action::WriteOrganisation,
        &target(txn, &unit).await?,
    )?;
    let full_name = text::nfc(&new.full_name);
    let private = PrivateFields::from_details(new.private);
    let mut problems: Vec<UserProblem> = rules::name("fullName", &full_name).into_iter().collect();
    problems.extend(private.problems());
    if closed(&unit) {
        problems.push(is_closed("unitCode", &unit));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = Utc::now();
    let row = person::ActiveModel {
        search_key: Set(text::search_key(&full_name)),
        full_name: Set(full_name),
        unit_id: Set(unit.id),
        title: Set(new.title.map(|t| text::nfc(&t))),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    private.save(txn, row.id, None).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "createPerson",
            object_type: "Person",
            object_id: row.id.to_string(),
            province_id: unit.province_id,
            before: None,
            after: Some(person_summary(&row)),
        },
    );
    Ok(Ok(row))
}

/// `updatePerson`: corrects a person, or moves them to another unit (officers of both units,
/// or the board).
pub async fn update_person(
    work: &Work,
    viewer: &Viewer,
    correction: PersonCorrection,
) -> AppResult<Outcome<person::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(current) = person::Entity::find_by_id(correction.person_id)
        .one(txn)
        .await?
    else {
        return Ok(Err(vec![UserProblem::new(
            &["id"],
            crate::tr!("No such person.", "Không tìm thấy cá nhân này."),
            UserErrorCode::NotFound,
        )]));
    };
    let Some(home) = unit::Entity::find_by_id(current.unit_id).one(txn).await? else {
        return Err(AppError::internal(&std::io::Error::other(
            "person without unit",
        )));
    };
    access::authorize(
        viewer,
        Action::WriteOrganisation,
        &target(txn, &home).await?,
    )?;
    let mut problems = Vec::new();
    let destination = match &correction.unit_code {
        Some(c) => match store::find_unit(txn, &text::nfc(c)).await? {
            Some(unit) => {
                access::authorize(
                    viewer,
                    Action::WriteOrganisation,
                    &target(txn, &unit).await?,
                )?;
                if closed(&unit) {
                    problems.push(is_closed("unitCode", &unit));
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
    let full_name = correction.full_name.map(|n| text::nfc(&n));
    if let Some(name) = &full_name {
        problems.extend(rules::name("fullName", name));
    }
    let private = PrivateFields::from_details(correction.private);
    problems.extend(private.problems());
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let before = person_summary(&current);
    let mut row: person::ActiveModel = current.clone().into();
    if let Some(name) = full_name {
        row.search_key = Set(text::search_key(&name));
        row.full_name = Set(name);
    }
    if let Some(title) = correction.title {
        row.title = Set(Some(text::nfc(&title)));
    }
    let province_id = destination
        .as_ref()
        .map_or(home.province_id, |u| u.province_id);
    if let Some(unit) = &destination {
        row.unit_id = Set(unit.id);
    }
    row.updated_at = Set(Utc::now());
    let row = row.update(txn).await?;
    let existing = person_private::Entity::find_by_id(row.id).one(txn).await?;
    let mut after = person_summary(&row);
    after["privateFieldsChanged"] = json!(private.changed());
    private.save(txn, row.id, existing).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "updatePerson",
            object_type: "Person",
            object_id: row.id.to_string(),
            province_id,
            before: Some(before),
            after: Some(after),
        },
    );
    Ok(Ok(row))
}

/// `createTerm`: a unit's term (its officers or the board), a province's emulation period
/// (the board) or a national one (administrators).
pub async fn create_term(
    work: &Work,
    viewer: &Viewer,
    new: NewTerm,
) -> AppResult<Outcome<term::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let mut problems = Vec::new();
    let unit = named_unit(txn, "unitCode", new.unit_code.as_deref(), &mut problems).await?;
    let province = named_province(
        txn,
        "provinceCode",
        new.province_code.as_deref(),
        &mut problems,
    )
    .await?;
    if problems.is_empty() {
        let target = match (&unit, &province) {
            (Some(unit), _) => target(txn, unit).await?,
            (None, Some(p)) => province_target(txn, Some(p.id)).await?,
            (None, None) => Target::none(),
        };
        access::authorize(viewer, Action::WriteOrganisation, &target)?;
    }
    let name = text::nfc(&new.name);
    problems.extend(rules::name("name", &name));
    problems.extend(rules::term_years(new.start_year, new.end_year));
    match new.kind {
        TermKind::EmulationPeriod if new.unit_code.is_some() => problems.push(UserProblem::new(
            &["unitCode"],
            crate::tr!(
                "An emulation period is a province's or the nation's, not a unit's.",
                "Giai đoạn thi đua là của tỉnh hoặc của toàn quốc, không phải của một đơn vị."
            ),
            UserErrorCode::InvalidValue,
        )),
        TermKind::ExecutiveCommittee | TermKind::Leadership if new.unit_code.is_none() => problems
            .push(UserProblem::new(
                &["unitCode"],
                crate::tr!(
                    "This kind of term is a unit's.",
                    "Loại nhiệm kỳ này phải gắn với một đơn vị."
                ),
                UserErrorCode::Required,
            )),
        _ => {}
    }
    if new.unit_code.is_some() && new.province_code.is_some() {
        problems.push(UserProblem::new(
            &["provinceCode"],
            crate::tr!(
                "A unit's term is in the unit's province: give one of unitCode and provinceCode.",
                "Nhiệm kỳ của đơn vị thuộc tỉnh của đơn vị đó: chỉ nhập một trong hai trường unitCode hoặc provinceCode."
            ),
            UserErrorCode::InvalidValue,
        ));
    }
    let unit_id = unit.as_ref().map(|u| u.id);
    let province_id = province.as_ref().map(|p| p.id);
    let duplicate = term::Entity::find()
        .filter(term::Column::Kind.eq(new.kind))
        .filter(term::Column::StartYear.eq(new.start_year))
        .filter(match unit_id {
            Some(id) => term::Column::UnitId.eq(id),
            None => term::Column::UnitId.is_null(),
        })
        .filter(match province_id {
            Some(id) => term::Column::ProvinceId.eq(id),
            None => term::Column::ProvinceId.is_null(),
        })
        .one(txn)
        .await?;
    if duplicate.is_some() {
        problems.push(UserProblem::new(
            &["startYear"],
            crate::tr!(
                "A term of this kind starts that year already.",
                "Đã có một nhiệm kỳ loại này bắt đầu từ năm đó."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = term::ActiveModel {
        kind: Set(new.kind),
        name: Set(name),
        unit_id: Set(unit_id),
        province_id: Set(province_id),
        start_year: Set(new.start_year),
        end_year: Set(new.end_year),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(viewer, AuditEntry {
        action: "createTerm",
        object_type: "Term",
        object_id: row.id.to_string(),
        province_id: province_id.or(unit.as_ref().and_then(|u| u.province_id)),
        before: None,
        after: Some(json!({ "kind": row.kind, "name": row.name, "unitId": row.unit_id, "provinceId": row.province_id, "startYear": row.start_year, "endYear": row.end_year })),
    });
    Ok(Ok(row))
}

/// `assignPosition`: records that a person holds a position in a unit, optionally for a term
/// (the unit's officers or the board).
pub async fn assign_position(
    work: &Work,
    viewer: &Viewer,
    new: NewPosition,
) -> AppResult<Outcome<person_position::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(person) = person::Entity::find_by_id(new.person_id).one(txn).await? else {
        return Ok(Err(vec![UserProblem::new(
            &["personId"],
            crate::tr!("No such person.", "Không tìm thấy cá nhân này."),
            UserErrorCode::NotFound,
        )]));
    };
    let unit = match &new.unit_code {
        Some(c) => match store::find_unit(txn, &text::nfc(c)).await? {
            Some(unit) => unit,
            None => return Ok(Err(vec![not_found("unitCode", "unit", c)])),
        },
        None => match unit::Entity::find_by_id(person.unit_id).one(txn).await? {
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
        &target(txn, &unit).await?,
    )?;
    let title = text::nfc(&new.title);
    let mut problems: Vec<UserProblem> = rules::name("title", &title).into_iter().collect();
    problems.extend(rules::date_order(new.start_on, new.end_on, "endOn"));
    if let Some(term_id) = new.term_id {
        match term::Entity::find_by_id(term_id).one(txn).await? {
            None => problems.push(UserProblem::new(
                &["termId"],
                crate::tr!("No such term.", "Không tìm thấy nhiệm kỳ này."),
                UserErrorCode::NotFound,
            )),
            Some(t) if t.unit_id.is_some_and(|u| u != unit.id) => problems.push(UserProblem::new(
                &["termId"],
                crate::tr!(
                    "The term is another unit's.",
                    "Nhiệm kỳ này là của đơn vị khác."
                ),
                UserErrorCode::RuleNotMet,
            )),
            Some(_) => {}
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = person_position::ActiveModel {
        person_id: Set(person.id),
        unit_id: Set(unit.id),
        term_id: Set(new.term_id),
        title: Set(title),
        start_on: Set(new.start_on),
        end_on: Set(new.end_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(viewer, AuditEntry {
        action: "assignPosition",
        object_type: "Person",
        object_id: person.id.to_string(),
        province_id: unit.province_id,
        before: None,
        after: Some(json!({ "title": row.title, "unitId": row.unit_id, "termId": row.term_id, "startOn": row.start_on, "endOn": row.end_on })),
    });
    Ok(Ok(row))
}

/// `reorganizeUnits`: merges, splits, renames or absorbs units on a date, under a legal basis
/// (the board). The old units are closed the day before, never deleted or rewritten; lineage
/// links both ways keep their history. On MERGE, RENAME and ABSORB the sub-units and people
/// in force move to the successor; on SPLIT they stay, to be placed with `updateUnit` and
/// `updatePerson`. The open cluster years the closed units do not complete drop them (a
/// RENAME puts the renamed unit in their place): see [`crate::clusters::reorganisation`].
pub async fn reorganize_units(
    work: &Work,
    viewer: &Viewer,
    change: Reorganisation,
) -> AppResult<Outcome<Reorganised>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ReorganizeUnits)?;
    let kind = change.kind;
    let effective_on = change.effective_on;
    let mut problems = Vec::new();
    let mut predecessors: Vec<unit::Model> = Vec::new();
    for (i, c) in change.predecessor_codes.iter().enumerate() {
        let code = text::nfc(c);
        match store::find_unit(txn, &code).await? {
            Some(u) if predecessors.iter().any(|p| p.id == u.id) => {
                problems.push(UserProblem::new(
                    &["predecessorCodes", &i.to_string()],
                    crate::tr!(
                        "{code} is listed twice.",
                        "Đơn vị {code} được liệt kê hai lần."
                    ),
                    UserErrorCode::InvalidValue,
                ))
            }
            Some(u) => predecessors.push(u),
            None => problems.push(not_found("predecessorCodes", "unit", &code)),
        }
    }
    let successor = named_unit(
        txn,
        "successorCode",
        change.successor_code.as_deref(),
        &mut problems,
    )
    .await?;
    for unit in predecessors.iter().chain(successor.iter()) {
        access::authorize(viewer, Action::ReorganizeUnits, &target(txn, unit).await?)?;
    }
    let new_units = change.new_units;
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
        if store::find_unit(txn, &code).await?.is_some()
            || new_units[..i].iter().any(|n| text::nfc(&n.code) == code)
        {
            problems.push(UserProblem::new(
                &["newUnits", &index, "code"],
                crate::tr!(
                    "A unit has code {code} already.",
                    "Đã có đơn vị mang mã {code}."
                ),
                UserErrorCode::Duplicate,
            ));
        }
        let province = match &new.province_code {
            Some(c) => match store::find_province(txn, &text::nfc(c)).await? {
                Some(p) => {
                    access::authorize(
                        viewer,
                        Action::ReorganizeUnits,
                        &province_target(txn, Some(p.id)).await?,
                    )?;
                    Some(p.id)
                }
                None => {
                    problems.push(UserProblem::new(
                        &["newUnits", &index, "provinceCode"],
                        crate::tr!("No province has code {c}.", "Không có tỉnh nào mã {c}."),
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
        LineageKind::Merge => preds >= 2 && news == 1 && successor.is_none(),
        LineageKind::Split => preds == 1 && news >= 2 && successor.is_none(),
        LineageKind::Rename => preds == 1 && news == 1 && successor.is_none(),
        LineageKind::Absorb => preds >= 1 && news == 0 && successor.is_some(),
    };
    if !shape_ok && problems.is_empty() {
        problems.push(UserProblem::new(
            &["kind"],
            crate::tr!(
                "MERGE takes two or more predecessors and one new unit; SPLIT one predecessor and two or more new units; RENAME one and one; ABSORB one or more predecessors and an existing successorCode.",
                "MERGE (hợp nhất) cần từ hai đơn vị cũ trở lên và một đơn vị mới; SPLIT (chia tách) cần một đơn vị cũ và từ hai đơn vị mới trở lên; RENAME (đổi tên) cần một đơn vị cũ và một đơn vị mới; ABSORB (sáp nhập) cần từ một đơn vị cũ trở lên và một đơn vị tiếp nhận đã có (successorCode)."
            ),
            UserErrorCode::RuleNotMet,
        ));
    }
    if change.legal_basis.trim().is_empty() {
        problems.push(UserProblem::new(
            &["legalBasis"],
            crate::tr!(
                "A reorganisation follows a decision: name it.",
                "Việc sắp xếp lại đơn vị phải theo một quyết định: hãy ghi rõ quyết định đó."
            ),
            UserErrorCode::Required,
        ));
    }
    let Some(last_day) = effective_on.checked_sub_days(Days::new(1)) else {
        return Err(AppError::bad_input(crate::tr!(
            "`effectiveOn` is out of range",
            "`effectiveOn` nằm ngoài phạm vi cho phép"
        )));
    };
    for unit in predecessors.iter().chain(successor.iter()) {
        let code = &unit.code;
        if let Some(to) = unit.valid_to.filter(|to| *to < effective_on) {
            problems.push(UserProblem::new(
                &["predecessorCodes"],
                crate::tr!(
                    "{code} was already closed on {to}.",
                    "Đơn vị {code} đã ngừng hoạt động từ ngày {to}."
                ),
                UserErrorCode::WrongState,
            ));
        }
        if let Some(from) = unit.valid_from.filter(|from| *from >= effective_on) {
            problems.push(UserProblem::new(
                &["effectiveOn"],
                crate::tr!(
                    "{code} only begins on {from}.",
                    "Đơn vị {code} chỉ bắt đầu hoạt động từ ngày {from}."
                ),
                UserErrorCode::OutOfRange,
            ));
        }
    }
    if let Some(s) = &successor {
        if predecessors.iter().any(|p| p.id == s.id) {
            problems.push(UserProblem::new(
                &["successorCode"],
                crate::tr!(
                    "A unit cannot absorb itself.",
                    "Một đơn vị không thể tự sáp nhập vào chính mình."
                ),
                UserErrorCode::RuleNotMet,
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
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
            kind: Set(new.kind.unwrap_or(first.kind)),
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
        .insert(txn)
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
        closed_units.push(row.update(txn).await?);
        for s in &successors {
            unit_lineage::ActiveModel {
                kind: Set(kind),
                predecessor_id: Set(p.id),
                successor_id: Set(s.id),
                effective_on: Set(effective_on),
                legal_basis: Set(text::nfc(&change.legal_basis)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    let legal_basis = text::nfc(&change.legal_basis);
    for closed in &closed_units {
        crate::clusters::reorganisation::leave_open_years(
            work,
            viewer,
            closed,
            crate::clusters::reorganisation::Closure {
                kind,
                effective_on,
                legal_basis: &legal_basis,
                successors: &successors,
            },
        )
        .await?;
    }
    if kind != LineageKind::Split {
        let heir = successors[0].id;
        let ids: Vec<i32> = predecessors.iter().map(|p| p.id).collect();
        unit::Entity::update_many()
            .col_expr(
                unit::Column::ParentId,
                sea_orm::sea_query::Expr::value(heir),
            )
            .filter(unit::Column::ParentId.is_in(ids.clone()))
            .filter(unit::Column::ValidTo.is_null())
            .exec(txn)
            .await?;
        person::Entity::update_many()
            .col_expr(
                person::Column::UnitId,
                sea_orm::sea_query::Expr::value(heir),
            )
            .filter(person::Column::UnitId.is_in(ids))
            .exec(txn)
            .await?;
    }
    work.audit(viewer, AuditEntry {
        action: "reorganizeUnits",
        object_type: "Unit",
        object_id: closed_units.iter().map(|u| u.code.as_str()).collect::<Vec<_>>().join(","),
        province_id: successors.first().and_then(|s| s.province_id).or(first.province_id),
        before: Some(json!({ "predecessors": predecessors.iter().map(unit_summary).collect::<Vec<_>>() })),
        after: Some(json!({ "kind": kind, "effectiveOn": effective_on, "legalBasis": change.legal_basis,
                            "successors": successors.iter().map(unit_summary).collect::<Vec<_>>() })),
    });
    Ok(Ok(Reorganised {
        predecessors: closed_units,
        successors,
    }))
}

/// Private fields of a person given in an input, normalised.
struct PrivateFields {
    birth_date: Option<NaiveDate>,
    recruited_on: Option<NaiveDate>,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
}

impl PrivateFields {
    fn from_details(given: PrivateDetails) -> Self {
        let clean = |s: Option<String>| s.map(|s| text::nfc(&s)).filter(|s| !s.is_empty());
        PrivateFields {
            birth_date: given.birth_date,
            recruited_on: given.recruited_on,
            phone: clean(given.phone),
            email: clean(given.email),
            address: clean(given.address),
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
                crate::tr!(
                    "A birth date is in the past.",
                    "Ngày sinh phải là một ngày đã qua."
                ),
                UserErrorCode::OutOfRange,
            ));
        }
        let today = Utc::now().date_naive();
        if self.recruited_on.is_some_and(|d| d > today) {
            problems.push(UserProblem::new(
                &["recruitedOn"],
                crate::tr!(
                    "A recruitment date is today or in the past.",
                    "Ngày tuyển dụng phải là hôm nay hoặc một ngày đã qua."
                ),
                UserErrorCode::OutOfRange,
            ));
        } else if let (Some(recruited), Some(born)) = (self.recruited_on, self.birth_date) {
            if recruited <= born {
                problems.push(UserProblem::new(
                    &["recruitedOn"],
                    crate::tr!(
                        "A person is recruited after their birth date.",
                        "Ngày tuyển dụng phải sau ngày sinh."
                    ),
                    UserErrorCode::OutOfRange,
                ));
            }
        }
        problems
    }

    fn changed(&self) -> Vec<&'static str> {
        [
            ("birthDate", self.birth_date.is_some()),
            ("recruitedOn", self.recruited_on.is_some()),
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
                if let Some(v) = self.recruited_on {
                    row.recruited_on = Set(Some(v));
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
                    recruited_on: Set(self.recruited_on),
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
