//! `UserError`: a business-rule failure of a mutation, in its payload's `userErrors`.

use async_graphql::{Enum, SimpleObject};

use crate::error::{self, UserProblem};

/// Stable code of a user error.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "error::UserErrorCode")]
pub enum UserErrorCode {
    /// A value has the wrong form (a code, a name, a date).
    InvalidValue,
    /// A value the rule needs is missing.
    Required,
    /// A number or date is outside the allowed range.
    OutOfRange,
    /// Something with the same key exists already.
    Duplicate,
    /// A referenced object does not exist.
    NotFound,
    /// The object is not in a state that allows this.
    WrongState,
    /// A rule of the domain is not met.
    RuleNotMet,
    /// Wrong username or password.
    InvalidCredentials,
    /// A tie in the first three places of a ranking that the tie-break does not order.
    TieUnresolved,
    /// Whoever drafted or submitted a nomination does not approve or reject it.
    SeparationOfDuties,
    /// The body (or the account signing for it) has no competence for this decision.
    NotCompetent,
}

/// Why a mutation refused its input. A mutation with user errors changed nothing.
#[derive(SimpleObject, Clone)]
pub struct UserError {
    /// Path to the input field at fault, e.g. `["unitCode"]`; empty when no single field is.
    pub field: Vec<String>,
    /// What is wrong, for people.
    pub message: String,
    /// What is wrong, for programs.
    pub code: UserErrorCode,
}

impl From<UserProblem> for UserError {
    fn from(p: UserProblem) -> Self {
        UserError {
            field: p.field,
            message: p.message.localized().to_owned(),
            code: p.code.into(),
        }
    }
}

/// Converts a list of problems.
pub fn user_errors(problems: Vec<UserProblem>) -> Vec<UserError> {
    problems.into_iter().map(Into::into).collect()
}
