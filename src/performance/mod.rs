//! The facts about a person's or a unit's year that the eligibility rules need beyond awards
//! and initiatives (shared/DOMAIN.md, Art. 21, 24, 27; Decree 152 Art. 4): the yearly
//! performance rating (xếp loại chất lượng), and discipline, inspections, investigations and
//! complaints with their periods. The day a person was recruited (ngày tuyển dụng) is one of
//! the person's private fields (`organisation`).
//!
//! The read functions here are what the eligibility engine calls; [`writes`] records the
//! facts (`recordPerformanceRating`, `recordDiscipline`); [`graphql`] is their GraphQL face.

pub mod graphql;
pub mod writes;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use entity::{discipline, enums, performance_rating};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

pub use entity::enums::DisciplineKind;

/// A yearly performance rating (xếp loại chất lượng), ordered from the lowest to the
/// highest: `rating >= Rating::Good` reads "at least hoàn thành tốt nhiệm vụ".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Rating {
    /// Did not complete the tasks (không hoàn thành nhiệm vụ).
    NotCompleted,
    /// Completed the tasks (hoàn thành nhiệm vụ).
    Completed,
    /// Completed the tasks well (hoàn thành tốt nhiệm vụ).
    Good,
    /// Completed the tasks with excellence (hoàn thành xuất sắc nhiệm vụ).
    Excellent,
}

impl Rating {
    /// The stored and published name, e.g. `NOT_COMPLETED`.
    pub fn name(self) -> &'static str {
        match self {
            Rating::NotCompleted => "NOT_COMPLETED",
            Rating::Completed => "COMPLETED",
            Rating::Good => "GOOD",
            Rating::Excellent => "EXCELLENT",
        }
    }

    /// The rating's name in Vietnamese.
    pub fn vi(self) -> &'static str {
        match self {
            Rating::NotCompleted => "không hoàn thành nhiệm vụ",
            Rating::Completed => "hoàn thành nhiệm vụ",
            Rating::Good => "hoàn thành tốt nhiệm vụ",
            Rating::Excellent => "hoàn thành xuất sắc nhiệm vụ",
        }
    }

    /// The rating's name in English.
    pub fn en(self) -> &'static str {
        match self {
            Rating::NotCompleted => "did not complete the tasks",
            Rating::Completed => "completed the tasks",
            Rating::Good => "completed the tasks well",
            Rating::Excellent => "completed the tasks with excellence",
        }
    }
}

impl From<enums::PerformanceRating> for Rating {
    fn from(stored: enums::PerformanceRating) -> Self {
        match stored {
            enums::PerformanceRating::NotCompleted => Rating::NotCompleted,
            enums::PerformanceRating::Completed => Rating::Completed,
            enums::PerformanceRating::Good => Rating::Good,
            enums::PerformanceRating::Excellent => Rating::Excellent,
        }
    }
}

impl From<Rating> for enums::PerformanceRating {
    fn from(rating: Rating) -> Self {
        match rating {
            Rating::NotCompleted => enums::PerformanceRating::NotCompleted,
            Rating::Completed => enums::PerformanceRating::Completed,
            Rating::Good => enums::PerformanceRating::Good,
            Rating::Excellent => enums::PerformanceRating::Excellent,
        }
    }
}

/// Whom a rating or a discipline record is about: a person or a unit, by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Person(i32),
    Unit(i32),
}

impl Subject {
    /// The person's and the unit's row id, as the tables store them.
    pub fn ids(self) -> (Option<i32>, Option<i32>) {
        match self {
            Subject::Person(id) => (Some(id), None),
            Subject::Unit(id) => (None, Some(id)),
        }
    }

    /// The subject of a row that stores `person_id` and `unit_id` (exactly one set).
    pub fn of_row(person_id: Option<i32>, unit_id: Option<i32>) -> Option<Subject> {
        match (person_id, unit_id) {
            (Some(p), None) => Some(Subject::Person(p)),
            (None, Some(u)) => Some(Subject::Unit(u)),
            _ => None,
        }
    }
}

/// A discipline, inspection, investigation or complaint, with its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discipline {
    pub kind: DisciplineKind,
    /// The first day: the decision's effect, or the day the proceeding opened.
    pub start_on: NaiveDate,
    /// The last day in force, or the day the proceeding concluded; `None` while still in
    /// force or pending.
    pub end_on: Option<NaiveDate>,
    pub description: String,
}

impl Discipline {
    /// Whether the record is in force or pending on some day of `year` (Art. 24: "no
    /// discipline that year").
    pub fn overlaps_year(&self, year: i32) -> bool {
        self.start_on.year() <= year && self.end_on.is_none_or(|end| end.year() >= year)
    }

    /// Whether the record is in force or pending on `date`, its first and last day
    /// included (Decree 152 Art. 4: no award and no proposal upward meanwhile).
    pub fn pending_on(&self, date: NaiveDate) -> bool {
        self.start_on <= date && self.end_on.is_none_or(|end| date <= end)
    }
}

impl From<discipline::Model> for Discipline {
    fn from(row: discipline::Model) -> Self {
        Discipline {
            kind: row.kind,
            start_on: row.start_on,
            end_on: row.end_on,
            description: row.description,
        }
    }
}

/// The rows of `subject`, in a table with a person column and a unit column.
fn of_subject<C: ColumnTrait>(subject: Subject, person: C, unit: C) -> sea_orm::Condition {
    match subject {
        Subject::Person(id) => sea_orm::Condition::all().add(person.eq(id)),
        Subject::Unit(id) => sea_orm::Condition::all().add(unit.eq(id)),
    }
}

/// The ratings of `subject`, year → rating.
pub async fn ratings<C: ConnectionTrait>(
    db: &C,
    subject: Subject,
) -> Result<BTreeMap<i32, Rating>, DbErr> {
    let rows = performance_rating::Entity::find()
        .filter(of_subject(
            subject,
            performance_rating::Column::PersonId,
            performance_rating::Column::UnitId,
        ))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.year, row.rating.into()))
        .collect())
}

/// The ratings of each of `person_ids`, year → rating, in one query; a person with no
/// rating is absent.
pub async fn ratings_of_persons<C: ConnectionTrait>(
    db: &C,
    person_ids: &[i32],
) -> Result<HashMap<i32, BTreeMap<i32, Rating>>, DbErr> {
    let mut map: HashMap<i32, BTreeMap<i32, Rating>> = HashMap::new();
    if person_ids.is_empty() {
        return Ok(map);
    }
    let rows = performance_rating::Entity::find()
        .filter(performance_rating::Column::PersonId.is_in(person_ids.iter().copied()))
        .all(db)
        .await?;
    for row in rows {
        if let Some(person) = row.person_id {
            map.entry(person)
                .or_default()
                .insert(row.year, row.rating.into());
        }
    }
    Ok(map)
}

/// The discipline records of `subject`, oldest first.
pub async fn disciplines<C: ConnectionTrait>(
    db: &C,
    subject: Subject,
) -> Result<Vec<Discipline>, DbErr> {
    Ok(discipline::Entity::find()
        .filter(of_subject(
            subject,
            discipline::Column::PersonId,
            discipline::Column::UnitId,
        ))
        .order_by_asc(discipline::Column::StartOn)
        .order_by_asc(discipline::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Discipline::from)
        .collect())
}

/// The discipline records of each of `person_ids`, oldest first, in one query; a person
/// with none is absent.
pub async fn disciplines_of_persons<C: ConnectionTrait>(
    db: &C,
    person_ids: &[i32],
) -> Result<HashMap<i32, Vec<Discipline>>, DbErr> {
    let mut map: HashMap<i32, Vec<Discipline>> = HashMap::new();
    if person_ids.is_empty() {
        return Ok(map);
    }
    let rows = discipline::Entity::find()
        .filter(discipline::Column::PersonId.is_in(person_ids.iter().copied()))
        .order_by_asc(discipline::Column::StartOn)
        .order_by_asc(discipline::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        if let Some(person) = row.person_id {
            map.entry(person).or_default().push(row.into());
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn record(start: &str, end: Option<&str>) -> Discipline {
        Discipline {
            kind: DisciplineKind::Inspection,
            start_on: day(start),
            end_on: end.map(day),
            description: "Thanh tra việc quản lý kinh phí".to_owned(),
        }
    }

    #[test]
    fn ratings_are_ordered_from_not_completed_to_excellent() {
        assert!(Rating::NotCompleted < Rating::Completed);
        assert!(Rating::Completed < Rating::Good);
        assert!(Rating::Good < Rating::Excellent);
        assert!(Rating::Excellent >= Rating::Good);
        assert_eq!(Rating::NotCompleted.name(), "NOT_COMPLETED");
        assert_eq!(Rating::Excellent.name(), "EXCELLENT");
        for rating in [
            Rating::NotCompleted,
            Rating::Completed,
            Rating::Good,
            Rating::Excellent,
        ] {
            let stored: enums::PerformanceRating = rating.into();
            assert_eq!(Rating::from(stored), rating);
        }
    }

    #[test]
    fn a_closed_record_overlaps_the_years_of_its_period_only() {
        let d = record("2022-11-15", Some("2024-02-01"));
        assert!(!d.overlaps_year(2021));
        assert!(d.overlaps_year(2022));
        assert!(d.overlaps_year(2023));
        assert!(d.overlaps_year(2024));
        assert!(!d.overlaps_year(2025));
    }

    #[test]
    fn an_open_record_overlaps_every_year_from_its_start() {
        let d = record("2023-12-31", None);
        assert!(!d.overlaps_year(2022));
        assert!(d.overlaps_year(2023));
        assert!(d.overlaps_year(2030));
    }

    #[test]
    fn pending_on_counts_the_first_and_the_last_day() {
        let d = record("2024-03-01", Some("2024-06-30"));
        assert!(!d.pending_on(day("2024-02-29")));
        assert!(d.pending_on(day("2024-03-01")));
        assert!(d.pending_on(day("2024-06-30")));
        assert!(!d.pending_on(day("2024-07-01")));
        let open = record("2024-03-01", None);
        assert!(!open.pending_on(day("2024-02-29")));
        assert!(open.pending_on(day("2099-01-01")));
    }

    #[test]
    fn subjects_map_to_one_column() {
        assert_eq!(Subject::Person(3).ids(), (Some(3), None));
        assert_eq!(Subject::Unit(4).ids(), (None, Some(4)));
        assert_eq!(Subject::of_row(Some(3), None), Some(Subject::Person(3)));
        assert_eq!(Subject::of_row(None, Some(4)), Some(Subject::Unit(4)));
        assert_eq!(Subject::of_row(Some(3), Some(4)), None);
    }
}
