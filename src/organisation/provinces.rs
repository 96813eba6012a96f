//! Provinces of a real installation: `createProvince`, `updateProvince` (ADMIN), and the
//! command line's `province add` and `init`. The demo's provinces come from `seed --demo`
//! only, marked `demo`; the two never share a database.

use chrono::{NaiveDate, Utc};
use entity::province;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use serde_json::json;

use super::{rules, store};
use crate::{
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    text,
    work::Work,
};

/// A new province.
#[derive(Debug, Clone)]
pub struct NewProvince {
    pub code: String,
    pub name: String,
    pub valid_from: Option<NaiveDate>,
}

/// Corrections to a province: what is `Some` changes.
#[derive(Debug, Clone, Default)]
pub struct ProvinceChange {
    pub code: String,
    pub name: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// Province codes: 2 to 32 of `A-Z 0-9 _`, starting with a letter (`CA_MAU`).
pub fn code_problem(field: &str, code: &str) -> Option<UserProblem> {
    let ok = (2..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && code.starts_with(|c: char| c.is_ascii_uppercase());
    (!ok).then(|| {
        UserProblem::new(
            &[field],
            crate::tr!(
                "`{code}` is not a province code: 2 to 32 of A-Z, 0-9 and '_', starting with a letter, e.g. CA_MAU.",
                "`{code}` không phải là mã tỉnh hợp lệ: mã gồm 2 đến 32 ký tự A-Z, 0-9 và '_', bắt đầu bằng chữ cái, ví dụ CA_MAU."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

/// Whether the database holds the demo's provinces.
pub async fn has_demo<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(province::Entity::find()
        .filter(province::Column::Demo.eq(true))
        .count(db)
        .await?
        > 0)
}

/// Whether the database holds a province of a real installation.
pub async fn has_real<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    Ok(province::Entity::find()
        .filter(province::Column::Demo.eq(false))
        .count(db)
        .await?
        > 0)
}

fn demo_refused() -> UserProblem {
    UserProblem::new(
        &["code"],
        crate::tr!(
            "This database holds the demo province: a real province goes into a database of its own.",
            "Cơ sở dữ liệu này chứa tỉnh mẫu (demo): tỉnh thật phải dùng một cơ sở dữ liệu riêng."
        ),
        UserErrorCode::WrongState,
    )
}

fn dates_problem(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<UserProblem> {
    match (from, to) {
        (Some(from), Some(to)) if to < from => Some(UserProblem::new(
            &["validTo"],
            crate::tr!(
                "The last day in force is before the first.",
                "Ngày hết hiệu lực trước ngày có hiệu lực."
            ),
            UserErrorCode::OutOfRange,
        )),
        _ => None,
    }
}

/// `createProvince`: a province of a real installation (ADMIN).
pub async fn create(
    work: &Work,
    viewer: &Viewer,
    new: NewProvince,
) -> AppResult<Outcome<province::Model>> {
    access::authorize(viewer, Action::ManageProvinces, &Target::none())?;
    let txn = work.txn();
    let code = text::nfc(new.code.trim());
    let name = text::nfc(new.name.trim());
    let mut problems = Vec::new();
    problems.extend(code_problem("code", &code));
    problems.extend(rules::name("name", &name));
    if store::find_province(txn, &code).await?.is_some() {
        problems.push(UserProblem::new(
            &["code"],
            crate::tr!(
                "A province has code {code} already.",
                "Đã có tỉnh mang mã {code}."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    if has_demo(txn).await? {
        problems.push(demo_refused());
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = province::ActiveModel {
        search_key: Set(text::search_key(&name)),
        code: Set(code),
        name: Set(name),
        valid_from: Set(new.valid_from),
        valid_to: Set(None),
        demo: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "createProvince",
            object_type: "Province",
            object_id: row.code.clone(),
            province_id: Some(row.id),
            before: None,
            after: Some(summary(&row)),
        },
    );
    Ok(Ok(row))
}

/// `updateProvince`: corrects a province's name or dates (ADMIN).
pub async fn update(
    work: &Work,
    viewer: &Viewer,
    change: ProvinceChange,
) -> AppResult<Outcome<province::Model>> {
    access::authorize(viewer, Action::ManageProvinces, &Target::none())?;
    let txn = work.txn();
    let code = text::nfc(change.code.trim());
    let Some(current) = store::find_province(txn, &code).await? else {
        return Ok(Err(vec![UserProblem::new(
            &["code"],
            crate::tr!(
                "No province has code {code}.",
                "Không có tỉnh nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )]));
    };
    let mut problems = Vec::new();
    let name = change.name.map(|n| text::nfc(n.trim()));
    if let Some(name) = &name {
        problems.extend(rules::name("name", name));
    }
    let valid_from = change.valid_from.or(current.valid_from);
    let valid_to = change.valid_to.or(current.valid_to);
    problems.extend(dates_problem(valid_from, valid_to));
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let before = summary(&current);
    let mut row: province::ActiveModel = current.into();
    if let Some(name) = name {
        row.search_key = Set(text::search_key(&name));
        row.name = Set(name);
    }
    row.valid_from = Set(valid_from);
    row.valid_to = Set(valid_to);
    let row = row.update(txn).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "updateProvince",
            object_type: "Province",
            object_id: row.code.clone(),
            province_id: Some(row.id),
            before: Some(before),
            after: Some(summary(&row)),
        },
    );
    Ok(Ok(row))
}

fn summary(p: &province::Model) -> serde_json::Value {
    json!({ "code": p.code, "name": p.name, "validFrom": p.valid_from, "validTo": p.valid_to })
}
