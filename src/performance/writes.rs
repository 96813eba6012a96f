//! Recording the facts: `recordPerformanceRating` and `recordDiscipline`. Each refuses at
//! once a viewer with no right to write the organisation, resolves its subject, authorizes
//! against the subject's target through `access`, checks the rules, and writes with its audit
//! record on the caller's [`Work`].
//!
//! Who may write: a person's facts, whoever may write that person (the officers of the
//! person's unit and of the units above it, the board of its province); a unit's facts,
//! whoever may write the unit's parent (the parent's officers and those above, the board), or
//! the board alone for a unit with no parent: a unit's own officers do not rate their own unit.

use chrono::{Datelike, NaiveDate, Utc};
use entity::{discipline, performance_rating, person, unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::{json, Value};

use super::{DisciplineKind, Rating, Subject};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppError, AppResult, Outcome, UserErrorCode, UserProblem},
    organisation::rules,
    text,
    work::Work,
};

/// The longest description or note accepted.
pub const MAX_TEXT_CHARS: usize = 4_000;

/// A rating to record (`recordPerformanceRating`).
#[derive(Debug, Clone)]
pub struct NewRating {
    pub subject: Subject,
    pub year: i32,
    pub rating: Rating,
    pub note: Option<String>,
}

/// A discipline record to write (`recordDiscipline`): a new one, or, with `discipline_id`,
/// the new state of an existing one (all of its fields are replaced).
#[derive(Debug, Clone)]
pub struct DisciplineEntry {
    pub subject: Subject,
    /// The record to update (row id); a new record when `None`.
    pub discipline_id: Option<i32>,
    pub kind: DisciplineKind,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub description: String,
    pub decision_number: Option<String>,
}

/// A subject as found in the database: its home unit (the person's unit, or the unit
/// itself) and the target a write needs.
struct Found {
    home: unit::Model,
    target: Target,
}

fn no_such(subject: Subject) -> Vec<UserProblem> {
    vec![UserProblem::new(
        &["recipientId"],
        match subject {
            Subject::Person(_) => crate::tr!("No such person.", "Không tìm thấy cá nhân này."),
            Subject::Unit(_) => crate::tr!("No such unit.", "Không tìm thấy đơn vị này."),
        },
        UserErrorCode::NotFound,
    )]
}

/// The subject's home unit and write target, or `None` when it does not exist. The
/// subject's row is locked for the rest of the write (on PostgreSQL; SQLite's writes take the
/// database's write lock at their start), so that two writes of the same rating follow one
/// another instead of both inserting it.
async fn find(work: &Work, subject: Subject) -> AppResult<Option<Found>> {
    let txn = work.txn();
    let lookup = Through(txn);
    match subject {
        Subject::Person(id) => {
            let Some(person) = person::Entity::find_by_id(id)
                .lock_exclusive()
                .one(txn)
                .await?
            else {
                return Ok(None);
            };
            let Some(home) = unit::Entity::find_by_id(person.unit_id).one(txn).await? else {
                return Err(AppError::internal(&std::io::Error::other(
                    "person without unit",
                )));
            };
            let target = target::of_unit(&lookup, &home).await?;
            Ok(Some(Found { home, target }))
        }
        Subject::Unit(id) => {
            let Some(home) = unit::Entity::find_by_id(id)
                .lock_exclusive()
                .one(txn)
                .await?
            else {
                return Ok(None);
            };
            // Rated from above: through the parent, or by the province's board.
            let target = match home.parent_id {
                Some(parent) => target::of_unit_id(&lookup, parent).await?,
                None => target::of_province(&lookup, home.province_id).await?,
            };
            Ok(Some(Found { home, target }))
        }
    }
}

fn object(subject: Subject) -> (&'static str, String) {
    match subject {
        Subject::Person(id) => ("Person", id.to_string()),
        Subject::Unit(id) => ("Unit", id.to_string()),
    }
}

/// Text normalised to NFC and trimmed; empty counts as not given.
fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| text::nfc(v.trim())).filter(|v| !v.is_empty())
}

fn too_long(field: &str, value: &str, max: usize) -> Option<UserProblem> {
    (value.chars().count() > max).then(|| {
        UserProblem::new(
            &[field],
            crate::tr!("At most {max} characters.", "Tối đa {max} ký tự."),
            UserErrorCode::OutOfRange,
        )
    })
}

/// The problems of a rating's year: within [`rules::YEARS`] and not after this year.
fn rating_year(year: i32, today: NaiveDate) -> Option<UserProblem> {
    rules::year("year", year).or_else(|| {
        let this_year = today.year();
        (year > this_year).then(|| {
            UserProblem::new(
                &["year"],
                crate::tr!(
                    "{year} has not come yet: a year is rated from its end ({this_year} at the latest).",
                    "Năm {year} chưa đến: chỉ xếp loại một năm khi năm đó kết thúc (muộn nhất là năm {this_year})."
                ),
                UserErrorCode::OutOfRange,
            )
        })
    })
}

fn rating_summary(row: &performance_rating::Model) -> Value {
    json!({ "year": row.year, "rating": row.rating, "note": row.note })
}

/// `recordPerformanceRating`: records the rating of a person or a unit for a year, or
/// replaces the one recorded (the audit keeps both).
pub async fn record_rating(
    work: &Work,
    viewer: &Viewer,
    new: NewRating,
) -> AppResult<Outcome<performance_rating::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(found) = find(work, new.subject).await? else {
        return Ok(Err(no_such(new.subject)));
    };
    access::authorize(viewer, Action::WriteOrganisation, &found.target)?;
    let note = clean(new.note);
    let mut problems: Vec<UserProblem> = rating_year(new.year, Utc::now().date_naive())
        .into_iter()
        .collect();
    if let Some(n) = &note {
        problems.extend(too_long("note", n, MAX_TEXT_CHARS));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let (person_id, unit_id) = new.subject.ids();
    let existing = performance_rating::Entity::find()
        .filter(match new.subject {
            Subject::Person(id) => performance_rating::Column::PersonId.eq(id),
            Subject::Unit(id) => performance_rating::Column::UnitId.eq(id),
        })
        .filter(performance_rating::Column::Year.eq(new.year))
        .one(txn)
        .await?;
    let now = Utc::now();
    let before = existing.as_ref().map(rating_summary);
    let row = match existing {
        Some(current) => {
            let mut row: performance_rating::ActiveModel = current.into();
            row.rating = Set(new.rating.into());
            row.note = Set(note);
            row.recorded_by = Set(viewer.user_id);
            row.updated_at = Set(now);
            row.update(txn).await?
        }
        None => {
            performance_rating::ActiveModel {
                person_id: Set(person_id),
                unit_id: Set(unit_id),
                year: Set(new.year),
                rating: Set(new.rating.into()),
                note: Set(note),
                recorded_by: Set(viewer.user_id),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?
        }
    };
    let (object_type, object_id) = object(new.subject);
    work.audit(
        viewer,
        AuditEntry {
            action: "recordPerformanceRating",
            object_type,
            object_id,
            province_id: found.home.province_id,
            before,
            after: Some(rating_summary(&row)),
        },
    );
    Ok(Ok(row))
}

fn discipline_summary(row: &discipline::Model) -> Value {
    json!({ "id": row.id, "kind": row.kind, "startOn": row.start_on, "endOn": row.end_on,
            "description": row.description, "decisionNumber": row.decision_number })
}

/// `recordDiscipline`: records a discipline, inspection, investigation or complaint of a
/// person or a unit, or updates one (typically its end, when an inspection concludes).
pub async fn record_discipline(
    work: &Work,
    viewer: &Viewer,
    entry: DisciplineEntry,
) -> AppResult<Outcome<discipline::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::WriteOrganisation)?;
    let Some(found) = find(work, entry.subject).await? else {
        return Ok(Err(no_such(entry.subject)));
    };
    access::authorize(viewer, Action::WriteOrganisation, &found.target)?;
    let current = match entry.discipline_id {
        Some(id) => {
            let row = discipline::Entity::find_by_id(id).one(txn).await?;
            match row.filter(|r| Subject::of_row(r.person_id, r.unit_id) == Some(entry.subject)) {
                Some(row) => Some(row),
                None => {
                    return Ok(Err(vec![UserProblem::new(
                        &["disciplineId"],
                        crate::tr!(
                            "The recipient has no such discipline record.",
                            "Không tìm thấy hồ sơ kỷ luật, thanh tra này của đối tượng."
                        ),
                        UserErrorCode::NotFound,
                    )]))
                }
            }
        }
        None => None,
    };
    let description = text::nfc(entry.description.trim());
    let decision_number = clean(entry.decision_number);
    let mut problems = Vec::new();
    if description.is_empty() {
        problems.push(UserProblem::new(
            &["description"],
            crate::tr!("This must not be blank.", "Không được để trống."),
            UserErrorCode::Required,
        ));
    }
    problems.extend(too_long("description", &description, MAX_TEXT_CHARS));
    if let Some(n) = &decision_number {
        problems.extend(too_long("decisionNumber", n, rules::MAX_NAME_CHARS));
    }
    problems.extend(rules::year("startOn", entry.start_on.year()));
    if let Some(end) = entry.end_on {
        problems.extend(rules::year("endOn", end.year()));
        if end < entry.start_on {
            let start = entry.start_on;
            problems.push(UserProblem::new(
                &["endOn"],
                crate::tr!(
                    "The end ({end}) comes before the start ({start}).",
                    "Ngày kết thúc ({end}) trước ngày bắt đầu ({start})."
                ),
                UserErrorCode::InvalidValue,
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let now = Utc::now();
    let before = current.as_ref().map(discipline_summary);
    let row = match current {
        Some(current) => {
            let mut row: discipline::ActiveModel = current.into();
            row.kind = Set(entry.kind);
            row.start_on = Set(entry.start_on);
            row.end_on = Set(entry.end_on);
            row.description = Set(description);
            row.decision_number = Set(decision_number);
            row.recorded_by = Set(viewer.user_id);
            row.updated_at = Set(now);
            row.update(txn).await?
        }
        None => {
            let (person_id, unit_id) = entry.subject.ids();
            discipline::ActiveModel {
                person_id: Set(person_id),
                unit_id: Set(unit_id),
                kind: Set(entry.kind),
                start_on: Set(entry.start_on),
                end_on: Set(entry.end_on),
                description: Set(description),
                decision_number: Set(decision_number),
                recorded_by: Set(viewer.user_id),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?
        }
    };
    let (object_type, object_id) = object(entry.subject);
    work.audit(
        viewer,
        AuditEntry {
            action: "recordDiscipline",
            object_type,
            object_id,
            province_id: found.home.province_id,
            before,
            after: Some(discipline_summary(&row)),
        },
    );
    Ok(Ok(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_rated_once_it_has_come() {
        let today: NaiveDate = "2025-12-20".parse().unwrap();
        assert!(rating_year(2025, today).is_none());
        assert!(rating_year(2020, today).is_none());
        assert_eq!(
            rating_year(2026, today).unwrap().code,
            UserErrorCode::OutOfRange
        );
        assert_eq!(
            rating_year(1900, today).unwrap().code,
            UserErrorCode::OutOfRange
        );
    }

    #[test]
    fn blank_text_is_not_given() {
        assert_eq!(clean(Some("  ".to_owned())), None);
        assert_eq!(clean(Some(" Tốt ".to_owned())), Some("Tốt".to_owned()));
    }
}
