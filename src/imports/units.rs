//! Units: code, name, kind, parent, dates. A unit whose code exists in the province is left
//! as it is; a parent may come later in the same file.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use entity::{enums::UnitKind, unit};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};

use super::{
    columns::{Columns, Field},
    table::Table,
    Counted, Plan, Problem, Progress, Scope,
};
use crate::{error::AppResult, organisation::rules, text};

pub const FIELDS: &[Field] = &[
    Field {
        key: "code",
        vi: "Mã đơn vị",
        aliases: &["Unit code", "Code", "Mã"],
        required: true,
    },
    Field {
        key: "name",
        vi: "Tên đơn vị",
        aliases: &["Name", "Unit name", "Tên"],
        required: true,
    },
    Field {
        key: "short_name",
        vi: "Tên viết tắt",
        aliases: &["Short name"],
        required: false,
    },
    Field {
        key: "kind",
        vi: "Loại đơn vị",
        aliases: &["Kind", "Loại"],
        required: true,
    },
    Field {
        key: "parent_code",
        vi: "Mã đơn vị cấp trên",
        aliases: &["Parent code", "Parent"],
        required: false,
    },
    Field {
        key: "valid_from",
        vi: "Ngày thành lập",
        aliases: &["Valid from", "Established on", "Từ ngày"],
        required: false,
    },
    Field {
        key: "valid_to",
        vi: "Ngày giải thể",
        aliases: &["Valid to", "Closed on", "Đến ngày"],
        required: false,
    },
];

/// Every unit by code.
pub async fn index(txn: &DatabaseTransaction) -> AppResult<HashMap<String, unit::Model>> {
    Ok(unit::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect())
}

/// A unit kind by its name (`DEPARTMENT`) or its Vietnamese word (`Sở`, `Hội`, `Ủy ban nhân
/// dân`…).
pub fn kind(text: &str) -> Option<UnitKind> {
    use sea_orm::ActiveEnum;
    let upper = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    if let Ok(kind) = UnitKind::try_from_value(&upper) {
        return Some(kind);
    }
    Some(match text::search_key(text).as_str() {
        "so" | "ban" | "nganh" | "so ban nganh" => UnitKind::Department,
        "co quan" | "don vi su nghiep" | "co quan don vi" => UnitKind::Agency,
        "hoi" => UnitKind::Association,
        "lien hiep hoi" => UnitKind::AssociationUnion,
        "uy ban nhan dan" | "ubnd" => UnitKind::PeoplesCommittee,
        "phong" | "don vi truc thuoc" => UnitKind::Subdivision,
        "khac" => UnitKind::Other,
        "doanh nghiep" | "cong ty" => UnitKind::Enterprise,
        "ho gia dinh" | "ho" => UnitKind::Household,
        _ => return None,
    })
}

struct NewUnit {
    code: String,
    name: String,
    short_name: Option<String>,
    kind: UnitKind,
    parent_code: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
}

/// The units to create, parents first.
pub struct UnitsPlan {
    province_id: i32,
    existing: HashMap<String, i32>,
    new: Vec<NewUnit>,
}

impl Counted for UnitsPlan {
    fn count(&self) -> usize {
        self.new.len()
    }
}

pub async fn check(
    txn: &DatabaseTransaction,
    scope: &Scope,
    table: &Table,
    columns: &Columns,
) -> AppResult<Result<UnitsPlan, Vec<Problem>>> {
    let units = index(txn).await?;
    let mut problems = Vec::new();
    let mut new = Vec::new();
    let mut in_file: HashSet<String> = HashSet::new();
    for row in columns.rows(table) {
        let before = problems.len();
        let code = row.required("code", &mut problems).map(text::nfc);
        let name = row.required("name", &mut problems).map(text::nfc);
        let kind_text = row.required("kind", &mut problems);
        let valid_from = row.date("valid_from", &mut problems);
        let valid_to = row.date("valid_to", &mut problems);
        let kind = kind_text.and_then(|k| {
            let found = kind(k);
            if found.is_none() {
                problems.push(row.problem(
                    "kind",
                    crate::tr!(
                        "`{k}` is not a kind of unit: DEPARTMENT (Sở), AGENCY (Cơ quan), ASSOCIATION (Hội), ASSOCIATION_UNION (Liên hiệp hội), PEOPLES_COMMITTEE (Ủy ban nhân dân), SUBDIVISION (Phòng), OTHER (Khác).",
                        "`{k}` không phải là loại đơn vị: Sở, Cơ quan, Hội, Liên hiệp hội, Ủy ban nhân dân, Phòng (đơn vị trực thuộc), Khác."
                    ),
                ));
            }
            found
        });
        if let Some(code) = &code {
            if let Some(problem) = rules::unit_code("code", code) {
                problems.push(row.problem("code", problem.message));
            } else if !in_file.insert(code.clone()) {
                problems.push(row.problem(
                    "code",
                    crate::tr!(
                        "The code {code} is on an earlier row of this file.",
                        "Mã {code} đã có ở một dòng trước trong tệp."
                    ),
                ));
            }
        }
        if let (Some(from), Some(to)) = (valid_from, valid_to) {
            if to < from {
                problems.push(row.problem(
                    "valid_to",
                    crate::tr!(
                        "The unit closes before it opens.",
                        "Ngày giải thể trước ngày thành lập."
                    ),
                ));
            }
        }
        let parent_code = row.get("parent_code").map(text::nfc);
        if problems.len() > before {
            continue;
        }
        let (Some(code), Some(name), Some(kind)) = (code, name, kind) else {
            continue;
        };
        if let Some(existing) = units.get(&code) {
            if !existing
                .province_id
                .is_some_and(|p| scope.province_ids.contains(&p))
            {
                problems.push(row.problem(
                    "code",
                    crate::tr!(
                        "The code {code} is a unit of another province.",
                        "Mã {code} là của một đơn vị tỉnh khác."
                    ),
                ));
            }
            continue;
        }
        if kind == UnitKind::Subdivision && parent_code.is_none() {
            problems.push(row.problem(
                "parent_code",
                crate::tr!(
                    "A sub-unit needs its parent.",
                    "Đơn vị trực thuộc phải có đơn vị cấp trên."
                ),
            ));
            continue;
        }
        new.push((
            row.number,
            NewUnit {
                code,
                name,
                short_name: row.get("short_name").map(text::nfc),
                kind,
                parent_code,
                valid_from,
                valid_to,
            },
        ));
    }
    // Parents: in the province already, or in this file.
    for (number, unit) in &new {
        let Some(parent) = &unit.parent_code else {
            continue;
        };
        let known = match units.get(parent) {
            Some(p) => p
                .province_id
                .is_some_and(|id| scope.province_ids.contains(&id)),
            None => in_file.contains(parent),
        };
        if !known {
            problems.push(Problem {
                row: *number,
                column: Some(
                    columns
                        .rows(table)
                        .find(|r| r.number == *number)
                        .map(|r| r.header("parent_code"))
                        .unwrap_or_default(),
                ),
                message: crate::tr!(
                    "No unit of the province has code {parent}.",
                    "Không có đơn vị nào của tỉnh mang mã {parent}."
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    // Parents first: each pass takes the units whose parent is known.
    let known: HashMap<String, i32> = units.iter().map(|(c, u)| (c.clone(), u.id)).collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut ordered = Vec::with_capacity(new.len());
    let mut rest: Vec<(usize, NewUnit)> = new;
    while !rest.is_empty() {
        let (ready, waiting): (Vec<_>, Vec<_>) = rest.into_iter().partition(|(_, u)| {
            u.parent_code
                .as_ref()
                .is_none_or(|p| known.contains_key(p) || placed.contains(p))
        });
        if ready.is_empty() {
            let rows: Vec<String> = waiting.iter().map(|(n, _)| n.to_string()).collect();
            let rows = rows.join(", ");
            return Ok(Err(waiting
                .iter()
                .map(|(number, _)| Problem {
                    row: *number,
                    column: None,
                    message: crate::tr!(
                        "These rows name each other as parents (rows {rows}).",
                        "Các dòng này ghi nhau làm đơn vị cấp trên (dòng {rows})."
                    ),
                })
                .collect()));
        }
        for (_, unit) in ready {
            placed.insert(unit.code.clone());
            ordered.push(unit);
        }
        rest = waiting;
    }
    Ok(Ok(UnitsPlan {
        province_id: scope.province.id,
        existing: known,
        new: ordered,
    }))
}

impl Plan for UnitsPlan {
    async fn write(self, txn: &DatabaseTransaction, progress: Progress<'_>) -> AppResult<usize> {
        let mut ids = self.existing;
        let now = Utc::now();
        let count = self.new.len();
        for (i, unit) in self.new.into_iter().enumerate() {
            let parent_id = unit.parent_code.as_ref().and_then(|p| ids.get(p).copied());
            let row = unit::ActiveModel {
                search_key: Set(crate::organisation::unit_search_key(
                    &unit.name,
                    unit.short_name.as_deref(),
                    &unit.code,
                )),
                code: Set(unit.code.clone()),
                kind: Set(unit.kind),
                name: Set(unit.name),
                short_name: Set(unit.short_name),
                parent_id: Set(parent_id),
                province_id: Set(Some(self.province_id)),
                valid_from: Set(unit.valid_from),
                valid_to: Set(unit.valid_to),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let id = unit::Entity::insert(row).exec(txn).await?.last_insert_id;
            ids.insert(unit.code, id);
            progress(i + 1, count);
        }
        Ok(count)
    }
}
