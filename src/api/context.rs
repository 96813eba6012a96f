//! What a resolver gets from the request: the database, the viewer, the batch loaders.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::{access::Viewer, api::loaders::Loaders, error::AppError, error::AppResult};

fn missing(what: &str) -> AppError {
    AppError::internal(&std::io::Error::other(format!(
        "request context has no {what}"
    )))
}

pub fn db<'a>(ctx: &Context<'a>) -> AppResult<&'a DatabaseConnection> {
    ctx.data_opt::<DatabaseConnection>()
        .ok_or_else(|| missing("database"))
}

pub fn viewer<'a>(ctx: &Context<'a>) -> AppResult<&'a Viewer> {
    ctx.data_opt::<Viewer>().ok_or_else(|| missing("viewer"))
}

pub fn loaders<'a>(ctx: &Context<'a>) -> AppResult<&'a Loaders> {
    ctx.data_opt::<Loaders>().ok_or_else(|| missing("loaders"))
}

/// Begins the transaction of a mutation (see [`crate::db::begin_write`]).
pub async fn write(ctx: &Context<'_>) -> AppResult<sea_orm::DatabaseTransaction> {
    Ok(crate::db::begin_write(db(ctx)?).await?)
}
