//! Relay connections over any SeaORM query: `first`/`after`, `last`/`before`, `totalCount`.
//!
//! Paging is keyset paging on the row id (ascending), so cursors stay valid and pages stay
//! stable while rows are inserted. `first` defaults to 20; more than 100 is refused.

use std::{future::Future, pin::Pin, sync::Arc};

use async_graphql::{
    connection::{Connection, CursorType, Edge, EmptyFields},
    Object, OutputType,
};
use sea_orm::{
    sea_query::IntoCondition, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

use super::ids::Cursor;
use crate::error::{AppError, AppResult};

/// Page size when the client gives neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 100;

/// The paging arguments of a connection field, as the client sent them.
#[derive(Debug, Default, Clone)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    after: Option<i32>,
    before: Option<i32>,
    size: u64,
    from_end: bool,
}

impl PageArgs {
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Self {
        PageArgs {
            first,
            after,
            last,
            before,
        }
    }

    /// Checks the arguments: sizes between 0 and [`MAX_PAGE_SIZE`], cursors of ours, not
    /// both `first` and `last`.
    pub fn validate(&self) -> AppResult<PageRequest> {
        let size = |arg: &str, n: i32| {
            if !(0..=MAX_PAGE_SIZE).contains(&n) {
                Err(AppError::bad_input(crate::tr!(
                    "`{arg}` must be between 0 and {MAX_PAGE_SIZE}, got {n}",
                    "`{arg}` phải từ 0 đến {MAX_PAGE_SIZE}, giá trị nhận được là {n}"
                )))
            } else {
                Ok(n as u64)
            }
        };
        let cursor = |arg: &str, c: &Option<String>| -> AppResult<Option<i32>> {
            c.as_deref()
                .map(|s| {
                    Cursor::decode_cursor(s).map(|c| c.0).map_err(|_| {
                        AppError::bad_input(crate::tr!(
                            "`{arg}` is not a valid cursor",
                            "`{arg}` không phải là con trỏ phân trang hợp lệ"
                        ))
                    })
                })
                .transpose()
        };
        let (size, from_end) = match (self.first, self.last) {
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(crate::tr!(
                    "give `first` or `last`, not both",
                    "chỉ nhập `first` hoặc `last`, không nhập cả hai"
                )))
            }
            (Some(n), None) => (size("first", n)?, false),
            (None, Some(n)) => (size("last", n)?, true),
            (None, None) => (DEFAULT_PAGE_SIZE as u64, false),
        };
        Ok(PageRequest {
            after: cursor("after", &self.after)?,
            before: cursor("before", &self.before)?,
            size,
            from_end,
        })
    }
}

type CountFuture = Pin<Box<dyn Future<Output = Result<u64, DbErr>> + Send>>;

/// The fields a connection has beside its edges.
#[derive(Clone)]
pub struct ConnectionTotals {
    count: Arc<dyn Fn() -> CountFuture + Send + Sync>,
}

#[Object]
impl ConnectionTotals {
    /// The number of items in the whole list (all pages), counted in the database when asked.
    async fn total_count(&self) -> AppResult<i64> {
        let n = (self.count)().await?;
        Ok(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A Relay connection of `T` with `totalCount`.
pub type Conn<T> = Connection<Cursor, T, ConnectionTotals, EmptyFields>;

/// Runs `select` (already filtered by the caller and by the viewer's scope) as one page of a
/// connection: one statement for the page, and one more only if `totalCount` is asked.
pub async fn fetch_page<E, T>(
    db: &DatabaseConnection,
    select: Select<E>,
    id_column: E::Column,
    id_of: impl Fn(&E::Model) -> i32,
    to_node: impl Fn(E::Model) -> T,
    page: PageRequest,
) -> AppResult<Conn<T>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    T: OutputType,
{
    let counter = {
        let db = db.clone();
        let select = select.clone();
        ConnectionTotals {
            count: Arc::new(move || {
                let db = db.clone();
                let select = select.clone();
                Box::pin(async move { select.count(&db).await })
            }),
        }
    };

    let mut query = select;
    if let Some(after) = page.after {
        query = query.filter(id_column.gt(after).into_condition());
    }
    if let Some(before) = page.before {
        query = query.filter(id_column.lt(before).into_condition());
    }
    query = if page.from_end {
        query.order_by_desc(id_column)
    } else {
        query.order_by_asc(id_column)
    };
    let mut rows = query.limit(page.size + 1).all(db).await?;
    let has_more = rows.len() as u64 > page.size;
    rows.truncate(page.size as usize);
    if page.from_end {
        rows.reverse();
    }
    let (has_previous_page, has_next_page) = if page.from_end {
        (has_more, page.before.is_some())
    } else {
        (page.after.is_some(), has_more)
    };

    let mut connection =
        Connection::with_additional_fields(has_previous_page, has_next_page, counter);
    connection.edges.extend(
        rows.into_iter()
            .map(|row| Edge::new(Cursor(id_of(&row)), to_node(row))),
    );
    Ok(connection)
}

/// The complexity of a connection field: its children count once per requested item, so a
/// page of 100 costs a hundred times what a single item costs.
pub fn complexity(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let size = first
        .or(last)
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE) as usize;
    size.saturating_mul(child_complexity).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn first_defaults_to_twenty() {
        let page = PageArgs::default().validate().unwrap();
        assert_eq!(page.size, 20);
        assert!(!page.from_end);
    }

    #[test]
    fn more_than_a_hundred_is_refused() {
        let err = PageArgs::new(Some(101), None, None, None)
            .validate()
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadUserInput);
        let err = PageArgs::new(None, None, Some(500), None)
            .validate()
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadUserInput);
        assert!(PageArgs::new(Some(100), None, None, None)
            .validate()
            .is_ok());
    }

    #[test]
    fn negative_sizes_and_foreign_cursors_are_refused() {
        assert!(PageArgs::new(Some(-1), None, None, None)
            .validate()
            .is_err());
        assert!(PageArgs::new(None, Some("xyz".into()), None, None)
            .validate()
            .is_err());
        assert!(PageArgs::new(Some(1), None, Some(1), None)
            .validate()
            .is_err());
    }
}
