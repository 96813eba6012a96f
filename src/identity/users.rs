//! User accounts in the database, and `createUser`.

use chrono::Utc;
use entity::{app_user, enums::Role, province, unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use serde_json::json;

use super::Environment;
use crate::{
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    work::Work,
};

/// What is needed to create an account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub province_code: Option<String>,
}

/// Usernames: 3 to 64 of `a-z 0-9 . _ -`, starting with a letter or digit.
pub fn username_problem(username: &str) -> Option<UserProblem> {
    let ok = (3..=64).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        && username.starts_with(|c: char| c.is_ascii_alphanumeric());
    (!ok).then(|| {
        UserProblem::new(
            &["username"],
            crate::tr!(
                "A username has 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'.",
                "Tên đăng nhập gồm 3 đến 64 ký tự: chữ cái thường không dấu, chữ số, '.', '_' hoặc '-'."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

/// Checks `new` and resolves its unit and province; the problems found, or the row to insert
/// with `password_hash` (the PHC string of `new.password`). Hash before any transaction
/// (with [`super::password::hash_off_runtime`] on a request path): hashing inside one would
/// hold the writer for as long as it takes.
pub async fn prepare<C: ConnectionTrait>(
    db: &C,
    new: &NewUser,
    password_hash: String,
    demo: bool,
) -> Result<Result<app_user::ActiveModel, Vec<UserProblem>>, DbErr> {
    let mut problems = Vec::new();
    let username = new.username.trim().to_owned();
    problems.extend(username_problem(&username));
    if let Some(message) = super::password::weakness(&new.password) {
        problems.push(UserProblem::new(
            &["password"],
            message,
            UserErrorCode::InvalidValue,
        ));
    }
    if app_user::Entity::find()
        .filter(app_user::Column::Username.eq(username.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        problems.push(UserProblem::new(
            &["username"],
            crate::tr!(
                "This username is taken.",
                "Tên đăng nhập này đã có người sử dụng."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    let unit = match &new.unit_code {
        Some(code) => {
            let found = unit::Entity::find()
                .filter(unit::Column::Code.eq(code.as_str()))
                .one(db)
                .await?;
            if found.is_none() {
                problems.push(UserProblem::new(
                    &["unitCode"],
                    crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
                    UserErrorCode::NotFound,
                ));
            }
            found
        }
        None => None,
    };
    let province = match &new.province_code {
        Some(code) => {
            let found = province::Entity::find()
                .filter(province::Column::Code.eq(code.as_str()))
                .one(db)
                .await?;
            if found.is_none() {
                problems.push(UserProblem::new(
                    &["provinceCode"],
                    crate::tr!(
                        "No province has code {code}.",
                        "Không có tỉnh nào mã {code}."
                    ),
                    UserErrorCode::NotFound,
                ));
            }
            found
        }
        None => None,
    };
    match new.role {
        Role::UnitOfficer if new.unit_code.is_none() => problems.push(UserProblem::new(
            &["unitCode"],
            crate::tr!(
                "A unit officer belongs to a unit.",
                "Cán bộ đơn vị phải thuộc một đơn vị."
            ),
            UserErrorCode::Required,
        )),
        Role::Board if new.province_code.is_none() => problems.push(UserProblem::new(
            &["provinceCode"],
            crate::tr!(
                "A board member belongs to a province.",
                "Cán bộ Ban Thi đua – Khen thưởng phải thuộc một tỉnh."
            ),
            UserErrorCode::Required,
        )),
        Role::Admin | Role::Partner if new.unit_code.is_some() || new.province_code.is_some() => {
            problems.push(UserProblem::new(
                &["role"],
                crate::tr!(
                    "Administrators and partners belong to no unit or province.",
                    "Quản trị viên và đối tác không thuộc đơn vị hay tỉnh nào."
                ),
                UserErrorCode::InvalidValue,
            ))
        }
        Role::UnitOfficer if new.province_code.is_some() => problems.push(UserProblem::new(
            &["provinceCode"],
            crate::tr!(
                "A unit officer's province is the unit's.",
                "Tỉnh của cán bộ đơn vị là tỉnh của đơn vị mình."
            ),
            UserErrorCode::InvalidValue,
        )),
        Role::Board if new.unit_code.is_some() => problems.push(UserProblem::new(
            &["unitCode"],
            crate::tr!(
                "A board member belongs to a province, not a unit.",
                "Cán bộ Ban Thi đua – Khen thưởng thuộc một tỉnh, không thuộc một đơn vị."
            ),
            UserErrorCode::InvalidValue,
        )),
        _ => {}
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(app_user::ActiveModel {
        username: Set(username),
        password_hash: Set(password_hash),
        role: Set(new.role),
        unit_id: Set(unit.map(|u| u.id)),
        province_id: Set(province.map(|p| p.id)),
        demo: Set(demo),
        created_at: Set(Utc::now()),
        ..Default::default()
    }))
}

pub async fn by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<app_user::Model>, DbErr> {
    app_user::Entity::find()
        .filter(app_user::Column::Username.eq(username.trim()))
        .one(db)
        .await
}

pub async fn by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<app_user::Model>, DbErr> {
    app_user::Entity::find_by_id(id).one(db).await
}

pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<app_user::Model>, DbErr> {
    app_user::Entity::find()
        .order_by_asc(app_user::Column::Username)
        .all(db)
        .await
}

/// Disables `username`; its tokens stop working at once. `false` when there is no such user.
pub async fn disable<C: ConnectionTrait>(db: &C, username: &str) -> Result<bool, DbErr> {
    let Some(user) = by_username(db, username).await? else {
        return Ok(false);
    };
    if user.disabled_at.is_none() {
        let mut row: app_user::ActiveModel = user.into();
        row.disabled_at = Set(Some(Utc::now()));
        row.update(db).await?;
    }
    Ok(true)
}

/// The viewer of a user account (used by `login` and at the HTTP boundary).
pub async fn viewer_of_user<C: sea_orm::ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
) -> Result<Viewer, sea_orm::DbErr> {
    let province_id = match (user.province_id, user.unit_id) {
        (Some(p), _) => Some(p),
        (None, Some(unit)) => entity::unit::Entity::find_by_id(unit)
            .one(db)
            .await?
            .and_then(|u| u.province_id),
        (None, None) => None,
    };
    Ok(Viewer {
        user_id: Some(user.id),
        name: user.username.clone(),
        role: Some(user.role),
        unit_id: user.unit_id,
        province_id,
    })
}

/// Whether `user` may sign in at all in `environment`.
pub fn may_sign_in(user: &app_user::Model, environment: Environment) -> bool {
    user.disabled_at.is_none() && (!user.demo || environment == Environment::Development)
}

/// `createUser`: an administrator creates an account. `password_hash` is the PHC string of
/// `new.password`, made before the write (see [`prepare`]).
pub async fn create(
    work: &Work,
    viewer: &Viewer,
    new: NewUser,
    password_hash: String,
) -> AppResult<Outcome<app_user::Model>> {
    access::authorize(viewer, Action::ManageUsers, &Target::none())?;
    let row = match prepare(work.txn(), &new, password_hash, false).await? {
        Ok(row) => row,
        Err(problems) => return Ok(Err(problems)),
    };
    let user = row.insert(work.txn()).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "createUser",
            object_type: "User",
            object_id: user.username.clone(),
            province_id: user.province_id,
            before: None,
            after: Some(json!({ "username": user.username, "role": user.role,
                            "unitId": user.unit_id, "provinceId": user.province_id })),
        },
    );
    Ok(Ok(user))
}
