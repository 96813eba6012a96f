//! Initiatives (sáng kiến) and accepted research projects of persons, with the scope they
//! were recognised in: facts the rules of the emulation fighters read. An initiative is
//! known by its person, year and title (folded: case and diacritics aside).

use std::collections::HashSet;

use chrono::Utc;
use entity::{
    enums::{InitiativeKind, InitiativeScope},
    initiative,
};
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
        key: "title",
        vi: "Tên sáng kiến",
        aliases: &["Title", "Tên đề tài", "Sáng kiến"],
        required: true,
    },
    Field {
        key: "year",
        vi: "Năm",
        aliases: &["Year"],
        required: true,
    },
    Field {
        key: "scope",
        vi: "Phạm vi",
        aliases: &["Scope", "Phạm vi ảnh hưởng", "Cấp công nhận"],
        required: true,
    },
    Field {
        key: "initiative_kind",
        vi: "Loại",
        aliases: &["Kind", "Loại sáng kiến"],
        required: false,
    },
    persons::RECIPIENT_NAME,
    persons::RECIPIENT_UNIT,
    persons::RECIPIENT_BIRTH_DATE,
    persons::RECIPIENT_NATIONAL_ID,
    Field {
        key: "recognised_by",
        vi: "Số quyết định công nhận",
        aliases: &["Recognised by", "Quyết định công nhận"],
        required: false,
    },
    Field {
        key: "recognised_on",
        vi: "Ngày công nhận",
        aliases: &["Recognised on"],
        required: false,
    },
];

/// A scope by name (`PROVINCIAL`) or its Vietnamese words (cơ sở, cấp tỉnh, toàn quốc).
pub fn scope(text: &str) -> Option<InitiativeScope> {
    use sea_orm::ActiveEnum;
    let upper = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    if let Ok(scope) = InitiativeScope::try_from_value(&upper) {
        return Some(scope);
    }
    Some(match text::search_key(text).as_str() {
        "co so" | "cap co so" | "don vi" => InitiativeScope::Unit,
        "tinh" | "cap tinh" => InitiativeScope::Provincial,
        "toan quoc" | "cap toan quoc" | "quoc gia" => InitiativeScope::National,
        _ => return None,
    })
}

/// A kind by name (`RESEARCH_PROJECT`) or its Vietnamese words (sáng kiến, đề tài).
pub fn kind(text: &str) -> Option<InitiativeKind> {
    use sea_orm::ActiveEnum;
    let upper = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    if let Ok(kind) = InitiativeKind::try_from_value(&upper) {
        return Some(kind);
    }
    Some(match text::search_key(text).as_str() {
        "sang kien" => InitiativeKind::Initiative,
        "de tai" | "de tai khoa hoc" | "de tai nghien cuu khoa hoc" => {
            InitiativeKind::ResearchProject
        }
        _ => return None,
    })
}

type Key = (i32, i32, String);

pub struct InitiativesPlan {
    new: Vec<initiative::ActiveModel>,
}

impl Counted for InitiativesPlan {
    fn count(&self) -> usize {
        self.new.len()
    }
}

pub async fn check(
    txn: &DatabaseTransaction,
    scope_of: &Scope,
    table: &Table,
    columns: &Columns,
) -> AppResult<Result<InitiativesPlan, Vec<Problem>>> {
    let index = PersonIndex::load(txn, scope_of).await?;
    let person_ids: Vec<i32> = index.persons.keys().copied().collect();
    let mut known: HashSet<Key> = HashSet::new();
    for ids in person_ids.chunks(500) {
        for i in initiative::Entity::find()
            .filter(initiative::Column::PersonId.is_in(ids.to_vec()))
            .all(txn)
            .await?
        {
            known.insert((i.person_id, i.year, text::search_key(&i.title)));
        }
    }
    let now = Utc::now();
    let mut problems = Vec::new();
    let mut new = Vec::new();
    let mut in_file: HashSet<Key> = HashSet::new();
    for row in columns.rows(table) {
        let before = problems.len();
        let title = row.required("title", &mut problems).map(text::nfc);
        let year = row.year("year", &mut problems);
        if row.get("year").is_none() {
            row.required("year", &mut problems);
        }
        let recognised_on = row.date("recognised_on", &mut problems);
        let given_scope = row.required("scope", &mut problems).and_then(|s| {
            let found = scope(s);
            if found.is_none() {
                problems.push(row.problem(
                    "scope",
                    crate::tr!(
                        "`{s}` is not a scope: cơ sở, cấp tỉnh, toàn quốc.",
                        "`{s}` không phải là phạm vi: cơ sở, cấp tỉnh, toàn quốc."
                    ),
                ));
            }
            found
        });
        let given_kind = match row.get("initiative_kind") {
            None => Some(InitiativeKind::Initiative),
            Some(k) => {
                let found = kind(k);
                if found.is_none() {
                    problems.push(row.problem(
                        "initiative_kind",
                        crate::tr!(
                            "`{k}` is neither sáng kiến nor đề tài.",
                            "`{k}` không phải là sáng kiến hay đề tài."
                        ),
                    ));
                }
                found
            }
        };
        let person = index.find(&row, &mut problems);
        if problems.len() > before {
            continue;
        }
        let (Some(title), Some(year), Some(given_scope), Some(given_kind), Some(person)) =
            (title, year, given_scope, given_kind, person)
        else {
            continue;
        };
        let key = (person, year, text::search_key(&title));
        if known.contains(&key) {
            continue;
        }
        if !in_file.insert(key) {
            problems.push(row.problem(
                "title",
                crate::tr!(
                    "This initiative is on an earlier row of this file.",
                    "Sáng kiến này đã có ở một dòng trước trong tệp."
                ),
            ));
            continue;
        }
        new.push(initiative::ActiveModel {
            title: Set(title),
            person_id: Set(person),
            scope: Set(given_scope),
            kind: Set(given_kind),
            year: Set(year),
            recognised_by: Set(row.get("recognised_by").map(text::nfc)),
            recognised_on: Set(recognised_on),
            created_at: Set(now),
            ..Default::default()
        });
    }
    if problems.is_empty() {
        Ok(Ok(InitiativesPlan { new }))
    } else {
        Ok(Err(problems))
    }
}

impl Plan for InitiativesPlan {
    async fn write(self, txn: &DatabaseTransaction, progress: Progress<'_>) -> AppResult<usize> {
        let count = self.new.len();
        for (i, row) in self.new.into_iter().enumerate() {
            initiative::Entity::insert(row)
                .exec_without_returning(txn)
                .await?;
            progress(i + 1, count);
        }
        Ok(count)
    }
}
