//! Who is asking, and what they may do: the one place every read and write passes through.
//!
//! The rules are data: [`matrix.md`](matrix.md), the table of shared/API.md with one row per
//! [`Action`]. A write asks [`authorize`] with its [`Target`]; a list turns the viewer's
//! [`scopes`] into a query condition; a single lookup, `node(id:)` and a nested edge use the
//! same functions, so they cannot disagree. Being a cluster head is not a role: it is derived
//! from data, per year (the HEAD column).

pub mod matrix;

use entity::enums::Role;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    Condition,
};

pub use matrix::{Action, Scope};

use crate::error::{AppError, AppResult};

/// The viewer of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// The account, for users (not for partners or the public).
    pub user_id: Option<i32>,
    /// Username, or the partner's configured name; empty for the public.
    pub name: String,
    /// `None` for the anonymous public.
    pub role: Option<Role>,
    /// The unit of a `UNIT_OFFICER`.
    pub unit_id: Option<i32>,
    /// The province of a `BOARD` member, or of a unit officer's unit.
    pub province_id: Option<i32>,
}

impl Viewer {
    /// The anonymous public: no token.
    pub fn anonymous() -> Self {
        Viewer::default()
    }

    pub fn is_anonymous(&self) -> bool {
        self.role.is_none()
    }
}

/// What an action is done to, as far as authorization cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// The target's unit and all its ancestors (for `unit`).
    pub unit_chain: Vec<i32>,
    /// The target's province and the provinces that succeeded it (for `province`: the board
    /// of a province that absorbed another answers for the absorbed one's bodies).
    pub province_ids: Vec<i32>,
    /// The head unit of the target's cluster year (for `year`).
    pub head_unit_id: Option<i32>,
}

impl Target {
    /// A target with nothing to relate to: only `all` cells allow.
    pub fn none() -> Self {
        Target::default()
    }
}

fn scope_allows(scope: Scope, viewer: &Viewer, target: &Target) -> bool {
    match scope {
        Scope::All => true,
        Scope::Nothing => false,
        Scope::Unit => viewer
            .unit_id
            .is_some_and(|unit| target.unit_chain.contains(&unit)),
        Scope::Province => viewer
            .province_id
            .is_some_and(|province| target.province_ids.contains(&province)),
        Scope::Year => viewer.unit_id.is_some() && viewer.unit_id == target.head_unit_id,
    }
}

/// The scopes under which `viewer` may do `action`: its role's cell, plus the HEAD cell for
/// unit officers.
pub fn scopes(viewer: &Viewer, action: Action) -> Vec<Scope> {
    let table = matrix::table();
    let mut scopes = vec![table.cell(action, matrix::Column::of(viewer.role))];
    if viewer.role == Some(Role::UnitOfficer) {
        scopes.push(table.cell(action, matrix::Column::Head));
    }
    scopes.retain(|s| *s != Scope::Nothing);
    scopes
}

/// Whether `viewer` may do `action` to `target`.
pub fn allows(viewer: &Viewer, action: Action, target: &Target) -> bool {
    scopes(viewer, action)
        .into_iter()
        .any(|scope| scope_allows(scope, viewer, target))
}

/// `Ok` when `viewer` may do `action` to `target`; `FORBIDDEN` otherwise (for the public
/// too: `UNAUTHENTICATED` is kept for missing or bad tokens).
pub fn authorize(viewer: &Viewer, action: Action, target: &Target) -> AppResult<()> {
    if allows(viewer, action, target) {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

fn nothing() -> Condition {
    Condition::all().add(ExprTrait::eq(Expr::val(1), 0))
}

/// Persons' public fields (name, unit, positions): a list condition.
pub fn person_scope(viewer: &Viewer) -> Condition {
    if scopes(viewer, Action::ReadPerson).contains(&Scope::All) {
        Condition::all()
    } else {
        nothing()
    }
}

/// Whether `viewer` may see a person at all (single lookups and nested edges).
pub fn may_see_person(viewer: &Viewer) -> bool {
    scopes(viewer, Action::ReadPerson).contains(&Scope::All)
}

/// `FORBIDDEN` unless `viewer` may do `action` to at least something: checked before a
/// mutation looks at its input, so that a viewer without any right learns nothing from it.
pub fn require_some(viewer: &Viewer, action: Action) -> AppResult<()> {
    if scopes(viewer, action).is_empty() {
        Err(AppError::forbidden())
    } else {
        Ok(())
    }
}
