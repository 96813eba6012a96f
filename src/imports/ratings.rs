//! Performance ratings (đánh giá, xếp loại) of persons and units by year: the facts the
//! eligibility rules read (streaks of "completed with excellence"). A row naming a person
//! rates the person, otherwise its unit. A rating recorded already is left as it is when it
//! says the same, and is a problem when it says otherwise.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entity::{enums::PerformanceRating, performance_rating};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::{
    columns::{Columns, Field},
    persons::{self, PersonIndex},
    table::Table,
    Counted, Plan, Problem, Progress, Scope,
};
use crate::{error::AppResult, text};

pub const FIELDS: &[Field] = &[
    Field {
        key: "year",
        vi: "Năm",
        aliases: &["Year"],
        required: true,
    },
    Field {
        key: "rating",
        vi: "Xếp loại",
        aliases: &["Rating", "Kết quả đánh giá"],
        required: true,
    },
    persons::RECIPIENT_NAME,
    persons::RECIPIENT_UNIT,
    persons::RECIPIENT_BIRTH_DATE,
    persons::RECIPIENT_NATIONAL_ID,
    Field {
        key: "note",
        vi: "Ghi chú",
        aliases: &["Note"],
        required: false,
    },
];

/// A rating by name (`EXCELLENT`) or its Vietnamese words (hoàn thành xuất sắc nhiệm vụ…).
pub fn rating(text: &str) -> Option<PerformanceRating> {
    use sea_orm::ActiveEnum;
    let upper = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    if let Ok(rating) = PerformanceRating::try_from_value(&upper) {
        return Some(rating);
    }
    Some(match text::search_key(text).as_str() {
        "hoan thanh xuat sac nhiem vu" | "hoan thanh xuat sac" | "httxsnv" | "xuat sac" => {
            PerformanceRating::Excellent
        }
        "hoan thanh tot nhiem vu" | "hoan thanh tot" | "httnv" | "tot" => PerformanceRating::Good,
        "hoan thanh nhiem vu" | "hoan thanh" | "htnv" => PerformanceRating::Completed,
        "khong hoan thanh nhiem vu" | "khong hoan thanh" | "khtnv" => {
            PerformanceRating::NotCompleted
        }
        _ => return None,
    })
}

type Subject = (Option<i32>, Option<i32>, i32);

pub struct RatingsPlan {
    new: Vec<(Subject, PerformanceRating, Option<String>)>,
}

impl Counted for RatingsPlan {
    fn count(&self) -> usize {
        self.new.len()
    }
}

pub async fn check(
    txn: &DatabaseTransaction,
    scope: &Scope,
    table: &Table,
    columns: &Columns,
) -> AppResult<Result<RatingsPlan, Vec<Problem>>> {
    let index = PersonIndex::load(txn, scope).await?;
    let unit_ids: Vec<i32> = index.units.values().map(|u| u.id).collect();
    let person_ids: Vec<i32> = index.persons.keys().copied().collect();
    let mut existing: HashMap<Subject, PerformanceRating> = HashMap::new();
    for ids in unit_ids.chunks(500) {
        for r in performance_rating::Entity::find()
            .filter(performance_rating::Column::UnitId.is_in(ids.to_vec()))
            .all(txn)
            .await?
        {
            existing.insert((None, r.unit_id, r.year), r.rating);
        }
    }
    for ids in person_ids.chunks(500) {
        for r in performance_rating::Entity::find()
            .filter(performance_rating::Column::PersonId.is_in(ids.to_vec()))
            .all(txn)
            .await?
        {
            existing.insert((r.person_id, None, r.year), r.rating);
        }
    }
    let mut problems = Vec::new();
    let mut new = Vec::new();
    let mut seen: HashSet<Subject> = HashSet::new();
    for row in columns.rows(table) {
        let before = problems.len();
        let year = row.year("year", &mut problems);
        let given = row.required("rating", &mut problems).and_then(|r| {
            let found = rating(r);
            if found.is_none() {
                problems.push(row.problem(
                    "rating",
                    crate::tr!(
                        "`{r}` is not a rating: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ.",
                        "`{r}` không phải là mức xếp loại: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ."
                    ),
                ));
            }
            found
        });
        let subject = if row.get("full_name").is_some() {
            index.find(&row, &mut problems).map(|p| (Some(p), None))
        } else {
            index
                .unit(&row, "unit_code", &mut problems)
                .map(|u| (None, Some(u.id)))
        };
        if problems.len() > before {
            continue;
        }
        let (Some(year), Some(given), Some((person, unit))) = (year, given, subject) else {
            continue;
        };
        let subject = (person, unit, year);
        if !seen.insert(subject) {
            problems.push(row.problem(
                "year",
                crate::tr!(
                    "This rating is on an earlier row of this file.",
                    "Kết quả xếp loại này đã có ở một dòng trước trong tệp."
                ),
            ));
            continue;
        }
        match existing.get(&subject) {
            Some(recorded) if *recorded == given => {}
            Some(recorded) => {
                let recorded = format!("{recorded:?}");
                problems.push(row.problem(
                    "rating",
                    crate::tr!(
                        "This year is rated {recorded} already; correct it with setPerformanceRating.",
                        "Năm này đã được xếp loại {recorded}; hãy sửa bằng setPerformanceRating."
                    ),
                ));
            }
            None => new.push((subject, given, row.get("note").map(text::nfc))),
        }
    }
    if problems.is_empty() {
        Ok(Ok(RatingsPlan { new }))
    } else {
        Ok(Err(problems))
    }
}

impl Plan for RatingsPlan {
    async fn write(self, txn: &DatabaseTransaction, progress: Progress<'_>) -> AppResult<usize> {
        let now = Utc::now();
        let count = self.new.len();
        for (i, ((person, unit, year), rating, note)) in self.new.into_iter().enumerate() {
            performance_rating::Entity::insert(performance_rating::ActiveModel {
                person_id: Set(person),
                unit_id: Set(unit),
                year: Set(year),
                rating: Set(rating),
                note: Set(note),
                recorded_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec_without_returning(txn)
            .await?;
            progress(i + 1, count);
        }
        Ok(count)
    }
}
