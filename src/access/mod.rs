//! Who is asking, and what they may see: the one place every read passes through.
//!
//! A [`Viewer`] is built once per request at the HTTP boundary. Each entity that is not
//! public has a scope function here that turns the viewer into a query condition; lists,
//! `node(id:)`, `nodes` and nested edges all apply the same condition, so they cannot
//! disagree (shared/API.md, "Who may do what").

use entity::enums::Role;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    Condition,
};

/// The viewer of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// `None` for the anonymous public.
    pub role: Option<Role>,
    /// The unit of a `UNIT_OFFICER`.
    pub unit_id: Option<i32>,
    /// The province of a `BOARD` member.
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

fn nothing() -> Condition {
    Condition::all().add(ExprTrait::eq(Expr::val(1), 0))
}

fn everything() -> Condition {
    Condition::all()
}

/// Persons' public fields (name, unit, positions): every signed-in role reads them; the
/// anonymous public reads none.
pub fn person_scope(viewer: &Viewer) -> Condition {
    if viewer.is_anonymous() {
        nothing()
    } else {
        everything()
    }
}

/// Whether `viewer` may see the person row at all (for single lookups and nested edges).
pub fn may_see_person(viewer: &Viewer) -> bool {
    !viewer.is_anonymous()
}
