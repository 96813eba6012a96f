//! Persons with their unit, birth date, national ID and position. A person is known by the
//! national ID (CCCD) when the row gives one, otherwise by unit, name and birth date; a
//! person known already is left as it is. Awards and ratings find their persons the same way
//! ([`PersonIndex`]).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use entity::{person, person_position, person_private, unit};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};

use super::{
    columns::{Columns, Field, Row},
    table::Table,
    Counted, Plan, Problem, Progress, Scope,
};
use crate::{error::AppResult, text};

pub const FIELDS: &[Field] = &[
    Field {
        key: "full_name",
        vi: "Họ và tên",
        aliases: &["Full name", "Name", "Họ tên"],
        required: true,
    },
    Field {
        key: "unit_code",
        vi: "Mã đơn vị",
        aliases: &["Unit code", "Unit"],
        required: true,
    },
    Field {
        key: "birth_date",
        vi: "Ngày sinh",
        aliases: &["Birth date", "Date of birth"],
        required: false,
    },
    Field {
        key: "national_id",
        vi: "Số định danh",
        aliases: &["National ID", "Số CCCD", "CCCD"],
        required: false,
    },
    Field {
        key: "gender",
        vi: "Giới tính",
        aliases: &["Gender"],
        required: false,
    },
    Field {
        key: "position",
        vi: "Chức vụ",
        aliases: &["Position", "Title"],
        required: false,
    },
    Field {
        key: "position_from",
        vi: "Giữ chức vụ từ ngày",
        aliases: &["Position from"],
        required: false,
    },
    Field {
        key: "position_to",
        vi: "Giữ chức vụ đến ngày",
        aliases: &["Position to"],
        required: false,
    },
];

/// The columns by which a row of awards or ratings names its person (or, without a name,
/// its unit), as [`PersonIndex::find`] reads them.
pub const RECIPIENT_NAME: Field = Field {
    key: "full_name",
    vi: "Họ và tên",
    aliases: &["Full name", "Họ tên"],
    required: false,
};
pub const RECIPIENT_UNIT: Field = Field {
    key: "unit_code",
    vi: "Mã đơn vị",
    aliases: &["Unit code"],
    required: true,
};
pub const RECIPIENT_BIRTH_DATE: Field = Field {
    key: "birth_date",
    vi: "Ngày sinh",
    aliases: &["Birth date"],
    required: false,
};
pub const RECIPIENT_NATIONAL_ID: Field = Field {
    key: "national_id",
    vi: "Số định danh",
    aliases: &["National ID", "Số CCCD", "CCCD"],
    required: false,
};

/// A person's natural key: the national ID, or unit, folded name and birth date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PersonKey {
    NationalId(String),
    Named(i32, String, Option<NaiveDate>),
}

/// A person of the database: id, unit, name, birth date, national ID.
type KnownPerson = (i32, i32, String, Option<NaiveDate>, Option<String>);

/// The persons of a province's units, by their keys.
pub struct PersonIndex {
    pub keys: HashMap<PersonKey, i32>,
    /// The persons of each unit by folded name (a row without birth date or national ID
    /// finds the person when the name is unique in the unit).
    pub by_name: HashMap<(i32, String), Vec<i32>>,
    /// Each person's unit and name.
    pub persons: HashMap<i32, (i32, String)>,
    /// The province's units (and those of the provinces it absorbed), by code.
    pub units: HashMap<String, unit::Model>,
}

impl PersonIndex {
    pub async fn load(txn: &DatabaseTransaction, scope: &Scope) -> AppResult<PersonIndex> {
        let units: HashMap<String, unit::Model> = super::units::index(txn)
            .await?
            .into_iter()
            .filter(|(_, u)| {
                u.province_id
                    .is_some_and(|p| scope.province_ids.contains(&p))
            })
            .collect();
        let unit_ids: Vec<i32> = units.values().map(|u| u.id).collect();
        let mut keys = HashMap::new();
        let mut by_name: HashMap<(i32, String), Vec<i32>> = HashMap::new();
        let mut persons = HashMap::new();
        for ids in unit_ids.chunks(500) {
            let rows: Vec<KnownPerson> = person::Entity::find()
                .select_only()
                .column(person::Column::Id)
                .column(person::Column::UnitId)
                .column(person::Column::FullName)
                .column(person_private::Column::BirthDate)
                .column(person_private::Column::NationalId)
                .left_join(person_private::Entity)
                .filter(person::Column::UnitId.is_in(ids.to_vec()))
                .into_tuple()
                .all(txn)
                .await?;
            for (id, unit_id, name, birth, national_id) in rows {
                if let Some(national_id) = national_id {
                    keys.insert(PersonKey::NationalId(national_id), id);
                }
                keys.insert(
                    PersonKey::Named(unit_id, text::search_key(&name), birth),
                    id,
                );
                by_name
                    .entry((unit_id, text::search_key(&name)))
                    .or_default()
                    .push(id);
                persons.insert(id, (unit_id, name));
            }
        }
        Ok(PersonIndex {
            keys,
            by_name,
            persons,
            units,
        })
    }

    /// The unit a row's `unit_code` names, of the province; a problem otherwise.
    pub fn unit(
        &self,
        row: &Row<'_>,
        key: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<&unit::Model> {
        let code = text::nfc(row.get(key)?);
        let found = self.units.get(&code);
        if found.is_none() {
            problems.push(row.problem(
                key,
                crate::tr!(
                    "No unit of the province has code {code}.",
                    "Không có đơn vị nào của tỉnh mang mã {code}."
                ),
            ));
        }
        found
    }

    /// The key of the person a row describes (its `full_name`, `unit_code`, `birth_date`,
    /// `national_id`), with the unit; `None` with problems when the row does not say.
    pub fn key_of(&self, row: &Row<'_>, problems: &mut Vec<Problem>) -> Option<(PersonKey, i32)> {
        let before = problems.len();
        let name = row.required("full_name", problems).map(text::nfc);
        let unit = row
            .required("unit_code", problems)
            .and(self.unit(row, "unit_code", problems));
        let birth = row.date("birth_date", problems);
        let national_id = row.get("national_id").map(str::to_owned);
        if let Some(id) = &national_id {
            if !(id.len() == 9 || id.len() == 12) || !id.chars().all(|c| c.is_ascii_digit()) {
                problems.push(row.problem(
                    "national_id",
                    crate::tr!(
                        "`{id}` is not a national ID: 12 digits (CCCD) or 9 (CMND).",
                        "`{id}` không phải là số định danh: 12 chữ số (CCCD) hoặc 9 (CMND)."
                    ),
                ));
            }
        }
        if problems.len() > before {
            return None;
        }
        let unit = unit?.id;
        let key = match national_id {
            Some(id) => PersonKey::NationalId(id),
            None => PersonKey::Named(unit, text::search_key(&name?), birth),
        };
        Some((key, unit))
    }

    /// The person known by `key`; or, for a row with a national ID, one recorded without
    /// it under the row's unit, name and birth date; or, for a row with neither national ID
    /// nor birth date, the only person of that name in the unit.
    pub fn existing(&self, row: &Row<'_>, key: &PersonKey) -> Option<i32> {
        self.keys.get(key).copied().or_else(|| {
            let name = text::search_key(row.get("full_name")?);
            let unit = self.units.get(&text::nfc(row.get("unit_code")?))?.id;
            let birth = row.get("birth_date").and_then(super::table::date);
            if let Some(id) = self.keys.get(&PersonKey::Named(unit, name.clone(), birth)) {
                return Some(*id);
            }
            if birth.is_some() || row.get("national_id").is_some() {
                return None;
            }
            match self.by_name.get(&(unit, name))?.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
    }

    /// The person a row of awards or ratings names, who must exist.
    pub fn find(&self, row: &Row<'_>, problems: &mut Vec<Problem>) -> Option<i32> {
        let (key, _) = self.key_of(row, problems)?;
        let found = self.existing(row, &key);
        if found.is_none() {
            let name = row.get("full_name").unwrap_or_default().to_owned();
            problems.push(row.problem(
                "full_name",
                crate::tr!(
                    "No person {name} of this unit (import the persons first).",
                    "Không có người tên {name} thuộc đơn vị này (hãy nhập danh sách cá nhân trước)."
                ),
            ));
        }
        found
    }
}

struct NewPerson {
    full_name: String,
    unit_id: i32,
    birth_date: Option<NaiveDate>,
    national_id: Option<String>,
    gender: Option<String>,
    position: Option<(String, Option<NaiveDate>, Option<NaiveDate>)>,
}

pub struct PersonsPlan {
    new: Vec<NewPerson>,
}

impl Counted for PersonsPlan {
    fn count(&self) -> usize {
        self.new.len()
    }
}

pub async fn check(
    txn: &DatabaseTransaction,
    scope: &Scope,
    table: &Table,
    columns: &Columns,
) -> AppResult<Result<PersonsPlan, Vec<Problem>>> {
    let index = PersonIndex::load(txn, scope).await?;
    let mut problems = Vec::new();
    let mut new = Vec::new();
    let mut seen: HashSet<PersonKey> = HashSet::new();
    for row in columns.rows(table) {
        let before = problems.len();
        let key = index.key_of(&row, &mut problems);
        let from = row.date("position_from", &mut problems);
        let to = row.date("position_to", &mut problems);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                problems.push(row.problem(
                    "position_to",
                    crate::tr!(
                        "The position ends before it starts.",
                        "Ngày thôi giữ chức vụ trước ngày bắt đầu."
                    ),
                ));
            }
        }
        if problems.len() > before {
            continue;
        }
        let Some((key, unit_id)) = key else { continue };
        if !seen.insert(key.clone()) {
            problems.push(row.problem(
                "full_name",
                crate::tr!(
                    "This person is on an earlier row of this file.",
                    "Người này đã có ở một dòng trước trong tệp."
                ),
            ));
            continue;
        }
        if index.existing(&row, &key).is_some() {
            continue;
        }
        new.push(NewPerson {
            full_name: text::nfc(row.get("full_name").unwrap_or_default()),
            unit_id,
            birth_date: row.get("birth_date").and_then(super::table::date),
            national_id: match &key {
                PersonKey::NationalId(id) => Some(id.clone()),
                PersonKey::Named(..) => None,
            },
            gender: row.get("gender").map(text::nfc),
            position: row.get("position").map(|t| (text::nfc(t), from, to)),
        });
    }
    if problems.is_empty() {
        Ok(Ok(PersonsPlan { new }))
    } else {
        Ok(Err(problems))
    }
}

impl Plan for PersonsPlan {
    async fn write(self, txn: &DatabaseTransaction, progress: Progress<'_>) -> AppResult<usize> {
        let now = Utc::now();
        let count = self.new.len();
        for (i, p) in self.new.into_iter().enumerate() {
            let title = p
                .position
                .as_ref()
                .map(|(t, _, to)| (t.clone(), to.is_none()));
            let id = person::Entity::insert(person::ActiveModel {
                search_key: Set(text::search_key(&p.full_name)),
                full_name: Set(p.full_name),
                unit_id: Set(p.unit_id),
                // The title in use: the position held now.
                title: Set(title.and_then(|(t, current)| current.then_some(t))),
                gender: Set(p.gender),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(txn)
            .await?
            .last_insert_id;
            if p.birth_date.is_some() || p.national_id.is_some() {
                person_private::Entity::insert(person_private::ActiveModel {
                    person_id: Set(id),
                    birth_date: Set(p.birth_date),
                    phone: Set(None),
                    email: Set(None),
                    address: Set(None),
                    national_id: Set(p.national_id),
                    recruited_on: Set(None),
                    updated_at: Set(now),
                })
                .exec_without_returning(txn)
                .await?;
            }
            if let Some((title, start_on, end_on)) = p.position {
                person_position::Entity::insert(person_position::ActiveModel {
                    person_id: Set(id),
                    unit_id: Set(p.unit_id),
                    term_id: Set(None),
                    title: Set(title),
                    start_on: Set(start_on),
                    end_on: Set(end_on),
                    created_at: Set(now),
                    ..Default::default()
                })
                .exec_without_returning(txn)
                .await?;
            }
            progress(i + 1, count);
        }
        Ok(count)
    }
}
