//! The GraphQL face of identity: `viewer`, `login`, `createUser`, `disableUser`,
//! `enableUser`, `resetPassword`, `changePassword`, `setSigningRight`.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use entity::{app_user, enums};
use sea_orm::{EntityTrait, QueryFilter};

use super::{password, sign_in, users, Identity};
use crate::{
    access::{self, Action, Viewer},
    api::{
        context::{db, loaders, run, viewer},
        paging::{fetch_page, Conn, PageArgs},
        scalars::DateTime,
        user_errors::{user_errors, UserError},
    },
    clusters::{graphql::ClusterYear, store as clusters},
    error::{AppError, AppResult, UserErrorCode, UserProblem},
    organisation::graphql::{Province, Unit},
    text,
};

/// Role of a viewer (shared/API.md, "Who may do what").
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::Role")]
pub enum Role {
    /// Administers the system and its users.
    Admin,
    /// A member of a province's Emulation–Commendation Board (Ban Thi đua – Khen thưởng).
    Board,
    /// An officer of one unit who handles its emulation work.
    UnitOfficer,
    /// Another province's system, read-only.
    Partner,
}

/// Who is asking: the signed-in user or partner system.
pub struct ViewerInfo(pub Viewer);

/// Who is asking: the signed-in user or partner system. The cluster head is not a role: an
/// officer of the unit that heads a cluster year has the head's rights for that year
/// (`headOf`).
#[Object(name = "Viewer")]
impl ViewerInfo {
    /// Username, or the partner system's name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Role.
    async fn role(&self) -> Option<Role> {
        self.0.role.map(Into::into)
    }
    /// The unit of a unit officer.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The province of a board member, or of a unit officer's unit.
    async fn province(&self, ctx: &Context<'_>) -> AppResult<Option<Province>> {
        let Some(id) = self.0.province_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.province.load_one(id).await?.map(Province))
    }
    /// The cluster years whose head is the viewer's unit, oldest first.
    async fn head_of(&self, ctx: &Context<'_>) -> AppResult<Vec<ClusterYear>> {
        let Some(unit) = self.0.unit_id else {
            return Ok(Vec::new());
        };
        Ok(clusters::years_headed_by(db(ctx)?, unit)
            .await?
            .into_iter()
            .map(ClusterYear)
            .collect())
    }
}

/// Root fields of identity.
#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
    /// Who is asking; null for the anonymous public.
    async fn viewer(&self, ctx: &Context<'_>) -> AppResult<Option<ViewerInfo>> {
        let viewer = viewer(ctx)?;
        Ok((!viewer.is_anonymous()).then(|| ViewerInfo(viewer.clone())))
    }

    /// The accounts the viewer manages, oldest first: every account for ADMIN; for the
    /// board, those of its province's unit officers. FORBIDDEN to anyone else.
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<User>> {
        let viewer = viewer(ctx)?;
        let page = PageArgs::new(first, after, last, before).validate()?;
        let db = db(ctx)?;
        let Some(scope) = users::managed_condition(db, viewer).await? else {
            return Err(AppError::forbidden());
        };
        fetch_page(
            db,
            app_user::Entity::find().filter(scope),
            app_user::Column::Id,
            |u| u.id,
            User::from,
            page,
        )
        .await
    }
}

/// Input of `login`.
#[derive(InputObject)]
pub struct LoginInput {
    /// Username.
    username: String,
    /// Password.
    password: String,
}

/// Result of `login`.
#[derive(SimpleObject, Default)]
pub struct LoginPayload {
    /// The access token, for `Authorization: Bearer <token>`.
    token: Option<String>,
    /// When the token expires.
    expires_at: Option<DateTime>,
    /// Who the token is for.
    viewer: Option<ViewerInfo>,
    /// Why sign-in failed (the same error for an unknown user and a wrong password).
    user_errors: Vec<UserError>,
}

/// Input of `createUser`.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Username: 3 to 64 of lower-case letters, digits, '.', '_', '-'.
    username: String,
    /// Password, at least 12 characters.
    password: String,
    /// Role.
    role: Role,
    /// The unit of a unit officer.
    unit_code: Option<String>,
    /// The province of a board member.
    province_code: Option<String>,
}

/// A user account, as administrators see it.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct User {
    #[graphql(skip)]
    id: i32,
    /// Username.
    username: String,
    /// Role.
    role: Role,
    /// Whether the account is disabled (its tokens do not work).
    disabled: bool,
    #[graphql(skip)]
    unit_id: Option<i32>,
    #[graphql(skip)]
    province_id: Option<i32>,
}

#[async_graphql::ComplexObject]
impl User {
    /// The unit of a unit officer's account.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The province of the account: a board member's, or its unit's.
    async fn province(&self, ctx: &Context<'_>) -> AppResult<Option<Province>> {
        let id = match (self.province_id, self.unit_id) {
            (Some(p), _) => p,
            (None, Some(unit)) => match loaders(ctx)?.unit.load_one(unit).await? {
                Some(unit) => match unit.province_id {
                    Some(p) => p,
                    None => return Ok(None),
                },
                None => return Ok(None),
            },
            (None, None) => return Ok(None),
        };
        Ok(loaders(ctx)?.province.load_one(id).await?.map(Province))
    }
    /// The bodies in whose name the account may issue decisions (granted with
    /// `setSigningRight`).
    async fn can_sign(&self, ctx: &Context<'_>) -> AppResult<Vec<Unit>> {
        let loaders = loaders(ctx)?;
        let rights = loaders
            .signing_rights
            .load_one(self.id)
            .await?
            .unwrap_or_default();
        let units = loaders
            .unit
            .load_many(rights.iter().map(|right| right.unit_id))
            .await?;
        let mut units: Vec<_> = units.into_values().collect();
        units.sort_by_key(|unit| unit.id);
        Ok(units.into_iter().map(Unit).collect())
    }
}

impl From<app_user::Model> for User {
    fn from(user: app_user::Model) -> Self {
        User {
            id: user.id,
            username: user.username,
            role: user.role.into(),
            disabled: user.disabled_at.is_some(),
            unit_id: user.unit_id,
            province_id: user.province_id,
        }
    }
}

/// Input of `setSigningRight`.
#[derive(InputObject)]
pub struct SetSigningRightInput {
    /// The account.
    username: String,
    /// The body it signs for (a unit's code: a People's Committee, a department).
    unit_code: String,
    /// Whether it may (true) or may no longer (false).
    can_sign: bool,
}

/// Result of `createUser` and `setSigningRight`.
#[derive(SimpleObject, Default)]
pub struct CreateUserPayload {
    /// The new account.
    user: Option<User>,
    /// Why the account was not created.
    user_errors: Vec<UserError>,
}

/// Input of `disableUser` and `enableUser`.
#[derive(InputObject)]
pub struct AccountInput {
    /// The account.
    username: String,
}

/// Input of `resetPassword`.
#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The account.
    username: String,
}

/// Result of `resetPassword`.
#[derive(SimpleObject, Default)]
pub struct ResetPasswordPayload {
    /// The account.
    user: Option<User>,
    /// The new password, made at random and shown only here: give it to the account's owner,
    /// who changes it with `changePassword`. The account's tokens have stopped working.
    temporary_password: Option<String>,
    /// Why the password was not reset.
    user_errors: Vec<UserError>,
}

/// Input of `changePassword`.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// The password now.
    current_password: String,
    /// The new password, at least 12 characters.
    new_password: String,
}

/// Result of `changePassword`.
#[derive(SimpleObject, Default)]
pub struct ChangePasswordPayload {
    /// The account.
    user: Option<User>,
    /// A new access token: the tokens issued before the change no longer work.
    token: Option<String>,
    /// When the new token expires.
    expires_at: Option<DateTime>,
    /// Why the password was not changed.
    user_errors: Vec<UserError>,
}

fn account_payload(outcome: crate::error::Outcome<app_user::Model>) -> CreateUserPayload {
    match outcome {
        Ok(user) => CreateUserPayload {
            user: Some(user.into()),
            user_errors: Vec::new(),
        },
        Err(problems) => CreateUserPayload {
            user: None,
            user_errors: user_errors(problems),
        },
    }
}

fn hashing_failed(e: String) -> AppError {
    AppError::internal(&std::io::Error::other(e))
}

fn login_refused(problems: Vec<UserProblem>) -> LoginPayload {
    LoginPayload {
        user_errors: user_errors(problems),
        ..Default::default()
    }
}

fn identity<'a>(ctx: &Context<'a>) -> AppResult<&'a Identity> {
    ctx.data_opt::<Identity>().ok_or_else(|| {
        AppError::internal(&std::io::Error::other("request context has no identity"))
    })
}

/// Mutations of identity.
#[derive(Default)]
pub struct IdentityMutation;

#[Object]
impl IdentityMutation {
    /// Signs in with a username and password and returns an access token. Repeated failures
    /// for one username lock it for a while (`RATE_LIMITED`).
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> AppResult<LoginPayload> {
        let identity = identity(ctx)?;
        let accepted =
            match sign_in::check(db(ctx)?, identity, &input.username, input.password).await? {
                Ok(accepted) => accepted,
                Err(problems) => return Ok(login_refused(problems)),
            };
        let outcome = run(ctx, async |work| {
            sign_in::record(work, identity, accepted).await
        })
        .await?;
        Ok(match outcome {
            Ok(signed_in) => LoginPayload {
                token: Some(signed_in.token.token),
                expires_at: Some(DateTime(signed_in.token.expires_at)),
                viewer: Some(ViewerInfo(signed_in.viewer)),
                user_errors: Vec::new(),
            },
            Err(problems) => login_refused(problems),
        })
    }

    /// Grants an account the right to issue decisions in a body's name, or takes it back
    /// (ADMIN for any body; the board for the bodies of its province).
    async fn set_signing_right(
        &self,
        ctx: &Context<'_>,
        input: SetSigningRightInput,
    ) -> AppResult<CreateUserPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::GrantSigning)?;
        let outcome = run(ctx, async |work| {
            crate::awards::competence::set_signing_right(
                work,
                viewer,
                &input.username,
                &input.unit_code,
                input.can_sign,
            )
            .await
        })
        .await?;
        Ok(match outcome {
            Ok(user) => CreateUserPayload {
                user: Some(user.into()),
                user_errors: Vec::new(),
            },
            Err(problems) => CreateUserPayload {
                user: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Creates a user account: ADMIN any; the board of a province the unit officers'
    /// accounts of its units.
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        input: CreateUserInput,
    ) -> AppResult<CreateUserPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageAccounts)?;
        let new = users::NewUser {
            username: text::nfc(&input.username),
            password: input.password,
            role: input.role.into(),
            unit_code: input.unit_code.map(|c| text::nfc(&c)),
            province_code: input.province_code.map(|c| text::nfc(&c)),
        };
        // A weak password is refused before the (slow) hash is made.
        if let Some(message) = password::weakness(&new.password) {
            return Ok(CreateUserPayload {
                user: None,
                user_errors: user_errors(vec![UserProblem::new(
                    &["password"],
                    message,
                    UserErrorCode::InvalidValue,
                )]),
            });
        }
        let hash = password::hash_off_runtime(new.password.clone())
            .await
            .map_err(|e| AppError::internal(&std::io::Error::other(e)))?;
        let outcome = run(ctx, async |work| {
            users::create(work, viewer, new, hash).await
        })
        .await?;
        Ok(match outcome {
            Ok(user) => CreateUserPayload {
                user: Some(user.into()),
                user_errors: Vec::new(),
            },
            Err(problems) => CreateUserPayload {
                user: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Disables an account: it can no longer sign in and its tokens stop working at once.
    /// ADMIN any; the board the accounts of its province's units.
    async fn disable_user(
        &self,
        ctx: &Context<'_>,
        input: AccountInput,
    ) -> AppResult<CreateUserPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageAccounts)?;
        let outcome = run(ctx, async |work| {
            users::set_disabled(work, viewer, &input.username, true).await
        })
        .await?;
        Ok(account_payload(outcome))
    }

    /// Enables a disabled account again (as `disableUser`).
    async fn enable_user(
        &self,
        ctx: &Context<'_>,
        input: AccountInput,
    ) -> AppResult<CreateUserPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageAccounts)?;
        let outcome = run(ctx, async |work| {
            users::set_disabled(work, viewer, &input.username, false).await
        })
        .await?;
        Ok(account_payload(outcome))
    }

    /// Gives an account a new, random password (returned once) and ends its tokens. ADMIN
    /// any; the board the accounts of its province's units.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        input: ResetPasswordInput,
    ) -> AppResult<ResetPasswordPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageAccounts)?;
        let temporary = users::temporary_password()?;
        let hash = password::hash_off_runtime(temporary.clone())
            .await
            .map_err(hashing_failed)?;
        let outcome = run(ctx, async |work| {
            users::reset_password(work, viewer, &input.username, hash).await
        })
        .await?;
        Ok(match outcome {
            Ok(user) => ResetPasswordPayload {
                user: Some(user.into()),
                temporary_password: Some(temporary),
                user_errors: Vec::new(),
            },
            Err(problems) => ResetPasswordPayload {
                user_errors: user_errors(problems),
                ..Default::default()
            },
        })
    }

    /// Changes the signed-in user's own password; the tokens issued before stop working and
    /// a new one is returned. A wrong current password counts as a failed sign-in.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> AppResult<ChangePasswordPayload> {
        let viewer = viewer(ctx)?;
        let identity = identity(ctx)?;
        let Some(user_id) = viewer.user_id else {
            return Err(AppError::forbidden());
        };
        let refused = |problems| ChangePasswordPayload {
            user_errors: user_errors(problems),
            ..Default::default()
        };
        if let Some(message) = password::weakness(&input.new_password) {
            return Ok(refused(vec![UserProblem::new(
                &["newPassword"],
                message,
                UserErrorCode::InvalidValue,
            )]));
        }
        if input.new_password == input.current_password {
            return Ok(refused(vec![UserProblem::new(
                &["newPassword"],
                crate::tr!(
                    "The new password is the current one.",
                    "Mật khẩu mới trùng mật khẩu hiện tại."
                ),
                UserErrorCode::InvalidValue,
            )]));
        }
        if identity.limiter.locked_for(&viewer.name).is_some() {
            return Err(AppError::new(
                crate::error::ErrorCode::RateLimited,
                crate::tr!(
                    "Too many wrong passwords for this account; try again later.",
                    "Nhập sai mật khẩu quá nhiều lần với tài khoản này; hãy thử lại sau."
                ),
            ));
        }
        let current = users::by_id(db(ctx)?, user_id)
            .await?
            .ok_or_else(AppError::forbidden)?;
        let matches =
            password::verify_off_runtime(input.current_password, Some(current.password_hash))
                .await
                .map_err(hashing_failed)?;
        if !matches {
            identity.limiter.record_failure(&viewer.name);
            return Ok(refused(vec![UserProblem::new(
                &["currentPassword"],
                crate::tr!(
                    "The current password is wrong.",
                    "Mật khẩu hiện tại không đúng."
                ),
                UserErrorCode::InvalidCredentials,
            )]));
        }
        identity.limiter.record_success(&viewer.name);
        let hash = password::hash_off_runtime(input.new_password)
            .await
            .map_err(hashing_failed)?;
        let outcome = run(ctx, async |work| {
            users::change_password(work, viewer, hash).await
        })
        .await?;
        let user = match outcome {
            Ok(user) => user,
            Err(problems) => return Ok(refused(problems)),
        };
        let token = identity
            .tokens
            .issue(user.id, None)
            .map_err(|e| AppError::internal(&e))?;
        Ok(ChangePasswordPayload {
            user: Some(user.into()),
            token: Some(token.token),
            expires_at: Some(DateTime(token.expires_at)),
            user_errors: Vec::new(),
        })
    }
}
