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

/// One line per account for `thidua user list`: username, role, unit code, province code
/// (a board member's, or its unit's) and state, separated by tabs.
pub async fn listing<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DbErr> {
    let units: std::collections::HashMap<i32, unit::Model> = unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let provinces: std::collections::HashMap<i32, String> = province::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    Ok(all(db)
        .await?
        .into_iter()
        .map(|user| {
            let unit = user.unit_id.and_then(|id| units.get(&id));
            let province = user
                .province_id
                .or(unit.and_then(|u| u.province_id))
                .and_then(|id| provinces.get(&id))
                .map(String::as_str)
                .unwrap_or("-");
            let state = match (user.disabled_at.is_some(), user.demo) {
                (true, _) => "disabled",
                (false, true) => "active demo",
                (false, false) => "active",
            };
            format!(
                "{}\t{:?}\t{}\t{province}\t{state}",
                user.username,
                user.role,
                unit.map(|u| u.code.as_str()).unwrap_or("-"),
            )
        })
        .collect())
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

/// Whether a token issued at `issued_at` (seconds since the epoch) still speaks for `user`:
/// not when the password changed or was reset after it was issued.
pub fn token_still_good(user: &app_user::Model, issued_at: u64) -> bool {
    user.password_changed_at
        .is_none_or(|changed| issued_at >= changed.timestamp().max(0) as u64)
}

/// The target of an account for authorization: a unit officer's account is its unit's (the
/// board of the unit's province manages it); any other account is the system's (ADMIN).
async fn account_target(
    db: &impl ConnectionTrait,
    role: Role,
    unit_id: Option<i32>,
) -> AppResult<Option<Target>> {
    Ok(match (role, unit_id) {
        (Role::UnitOfficer, Some(unit)) => Some(
            crate::access::target::of_unit_id(&crate::access::target::Through(db), unit).await?,
        ),
        _ => None,
    })
}

/// The accounts `viewer` manages, as a condition on `app_user` (`users`): ADMIN all; the
/// board the unit officers' accounts of its province's units (and of the provinces it
/// absorbed); anyone else none.
pub async fn managed_condition(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<Option<sea_orm::Condition>> {
    use sea_orm::{QuerySelect, QueryTrait};
    if access::allows(viewer, Action::ManageUsers, &Target::none()) {
        return Ok(Some(sea_orm::Condition::all()));
    }
    let scopes = access::scopes(viewer, Action::ManageAccounts);
    let (true, Some(province)) = (
        scopes.contains(&access::Scope::Province),
        viewer.province_id,
    ) else {
        return Ok(None);
    };
    let provinces = access::absorbed(db, province).await?;
    let units = unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .filter(unit::Column::ProvinceId.is_in(provinces))
        .into_query();
    Ok(Some(
        sea_orm::Condition::all()
            .add(app_user::Column::Role.eq(Role::UnitOfficer))
            .add(app_user::Column::UnitId.in_subquery(units)),
    ))
}

/// Whether `viewer` manages `user`'s account: ADMIN any; the board those of its province's
/// units.
async fn manages(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    user: &app_user::Model,
) -> AppResult<bool> {
    if access::allows(viewer, Action::ManageUsers, &Target::none()) {
        return Ok(true);
    }
    Ok(match account_target(db, user.role, user.unit_id).await? {
        Some(target) => access::allows(viewer, Action::ManageAccounts, &target),
        None => false,
    })
}

fn no_account(username: &str) -> UserProblem {
    UserProblem::new(
        &["username"],
        crate::tr!(
            "No account is named {username}.",
            "Không có tài khoản nào tên {username}."
        ),
        UserErrorCode::NotFound,
    )
}

/// The account `username` names, if `viewer` manages it; one it does not manage answers as
/// one that does not exist (accounts are not public).
async fn managed(
    work: &Work,
    viewer: &Viewer,
    username: &str,
) -> AppResult<Result<app_user::Model, Vec<UserProblem>>> {
    access::require_some(viewer, Action::ManageAccounts)?;
    let username = crate::text::nfc(username.trim());
    match by_username(work.txn(), &username).await? {
        Some(user) if manages(work.txn(), viewer, &user).await? => Ok(Ok(user)),
        _ => Ok(Err(vec![no_account(&username)])),
    }
}

/// `createUser`: ADMIN creates any account; the board of a province the unit officers'
/// accounts of its units. `password_hash` is the PHC string of `new.password`, made before
/// the write (see [`prepare`]).
pub async fn create(
    work: &Work,
    viewer: &Viewer,
    new: NewUser,
    password_hash: String,
) -> AppResult<Outcome<app_user::Model>> {
    access::require_some(viewer, Action::ManageAccounts)?;
    if !access::allows(viewer, Action::ManageUsers, &Target::none()) {
        // Units are public: a unit outside the viewer's province is FORBIDDEN, as is any
        // account but a unit officer's.
        let unit = match (&new.role, &new.unit_code) {
            (Role::UnitOfficer, Some(code)) => {
                crate::organisation::store::find_unit(work.txn(), &crate::text::nfc(code.trim()))
                    .await?
            }
            _ => return Err(crate::error::AppError::forbidden()),
        };
        if let Some(unit) = unit {
            let target = account_target(work.txn(), Role::UnitOfficer, Some(unit.id))
                .await?
                .unwrap_or_default();
            access::authorize(viewer, Action::ManageAccounts, &target)?;
        }
    }
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

/// `disableUser`: the account can no longer sign in and its tokens stop working; `enable`
/// false. ADMIN for any account, the board for its province's units'.
pub async fn set_disabled(
    work: &Work,
    viewer: &Viewer,
    username: &str,
    disabled: bool,
) -> AppResult<Outcome<app_user::Model>> {
    let user = match managed(work, viewer, username).await? {
        Ok(user) => user,
        Err(problems) => return Ok(Err(problems)),
    };
    if user.disabled_at.is_some() == disabled {
        return Ok(Ok(user));
    }
    let mut row: app_user::ActiveModel = user.into();
    row.disabled_at = Set(disabled.then(Utc::now));
    let user = row.update(work.txn()).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: if disabled {
                "disableUser"
            } else {
                "enableUser"
            },
            object_type: "User",
            object_id: user.username.clone(),
            province_id: user.province_id,
            before: None,
            after: Some(json!({ "disabled": disabled })),
        },
    );
    Ok(Ok(user))
}

/// A temporary password: 20 characters from an alphabet without look-alikes (about 110
/// bits), for `resetPassword`.
pub fn temporary_password() -> AppResult<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::error::AppError::internal(&std::io::Error::other(e.to_string())))?;
    // 256 is not a multiple of the alphabet's size; the bias (under 1%) costs little here.
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}

/// `resetPassword`: sets the account's password to `password_hash` (of a temporary password
/// made by the caller) and ends its tokens. ADMIN for any account, the board for its
/// province's units'.
pub async fn reset_password(
    work: &Work,
    viewer: &Viewer,
    username: &str,
    password_hash: String,
) -> AppResult<Outcome<app_user::Model>> {
    let user = match managed(work, viewer, username).await? {
        Ok(user) => user,
        Err(problems) => return Ok(Err(problems)),
    };
    let user = set_password(work, user, password_hash).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "resetPassword",
            object_type: "User",
            object_id: user.username.clone(),
            province_id: user.province_id,
            before: None,
            after: None,
        },
    );
    Ok(Ok(user))
}

/// `changePassword`: the signed-in user's own password, after the current one was checked
/// (by the caller, off the runtime); the tokens issued before stop working.
pub async fn change_password(
    work: &Work,
    viewer: &Viewer,
    password_hash: String,
) -> AppResult<Outcome<app_user::Model>> {
    let Some(id) = viewer.user_id else {
        return Err(crate::error::AppError::forbidden());
    };
    let Some(user) = by_id(work.txn(), id).await? else {
        return Err(crate::error::AppError::forbidden());
    };
    let user = set_password(work, user, password_hash).await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "changePassword",
            object_type: "User",
            object_id: user.username.clone(),
            province_id: user.province_id,
            before: None,
            after: None,
        },
    );
    Ok(Ok(user))
}

async fn set_password(
    work: &Work,
    user: app_user::Model,
    password_hash: String,
) -> AppResult<app_user::Model> {
    let mut row: app_user::ActiveModel = user.into();
    row.password_hash = Set(password_hash);
    row.password_changed_at = Set(Some(Utc::now()));
    Ok(row.update(work.txn()).await?)
}
