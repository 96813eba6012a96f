//! What a resolver gets from the request: the database, the viewer, the batch loaders.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::{
    access::Viewer,
    api::loaders::Loaders,
    db::Db,
    error::{AppError, AppResult, Outcome},
    work::{self, Events, Work},
};

fn missing(what: &str) -> AppError {
    AppError::internal(&std::io::Error::other(format!(
        "request context has no {what}"
    )))
}

/// The pool that reads. A mutation reads through its transaction instead, once it has one.
pub fn db<'a>(ctx: &Context<'a>) -> AppResult<&'a DatabaseConnection> {
    Ok(database(ctx)?.reader())
}

fn database<'a>(ctx: &Context<'a>) -> AppResult<&'a Db> {
    ctx.data_opt::<Db>().ok_or_else(|| missing("database"))
}

pub fn viewer<'a>(ctx: &Context<'a>) -> AppResult<&'a Viewer> {
    ctx.data_opt::<Viewer>().ok_or_else(|| missing("viewer"))
}

pub fn loaders<'a>(ctx: &Context<'a>) -> AppResult<&'a Loaders> {
    ctx.data_opt::<Loaders>().ok_or_else(|| missing("loaders"))
}

/// Runs a mutation's operation as one write (see [`crate::work::run`]): everything it reads
/// and writes goes through the write's transaction, committed with its audit records only
/// when it succeeded, its events published after the commit.
pub async fn run<T>(
    ctx: &Context<'_>,
    operation: impl AsyncFnOnce(&Work) -> AppResult<Outcome<T>>,
) -> AppResult<Outcome<T>> {
    let events = ctx.data_opt::<Events>().ok_or_else(|| missing("events"))?;
    work::run(database(ctx)?, events, operation).await
}
