//! What a resolver gets from the request: the database, the viewer, the batch loaders.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::{access::Viewer, api::loaders::Loaders, db::Db, error::AppError, error::AppResult};

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

/// Begins the transaction of a mutation on the writer (see [`crate::db::begin_write`]).
/// Everything the mutation reads from then on goes through it.
pub async fn write(ctx: &Context<'_>) -> AppResult<sea_orm::DatabaseTransaction> {
    Ok(database(ctx)?.begin_write().await?)
}
